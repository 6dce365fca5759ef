from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(text):
    """slugify() that keeps æ, ø and å readable: "Børn og Familie" -> "boern-og-familie"."""
    return slugify(text.translate(_DANISH))


def antal(n, ental, flertal):
    """ "1 sagsområde", "3 sagsområder": a count with the right Danish form, never "sagsområde(r)"."""
    return f"{n} {ental if n == 1 else flertal}"
