"""Addresses of the pages about one sagsområde (…/<fagområde>/<KLE-nummer>/…): each page's address is
reversed once, with stand-ins, and then filled in. Lists of hundreds of areas ask for several
addresses per row, and a reversal costs ~15 µs."""

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

_SLUG, _KLE = "slug-i-adressen", "kle-i-adressen"
_PLAIN = re.compile(r"[\w.-]+\Z", re.ASCII)  # what reverse() puts in a path unquoted


def adresse(name, slug, kle):
    """reverse(name, args=[slug, kle])."""
    if not (_PLAIN.match(slug) and _PLAIN.match(kle)):
        return reverse(name, args=[slug, kle])
    values = {_SLUG: slug, _KLE: kle}
    return "".join([values.get(part, part) for part in _parts(name, get_script_prefix(), get_urlconf())])


@lru_cache(maxsize=256)
def _parts(name, _prefix, urlconf):
    """The page's address cut around the stand-ins (reverse() reads the prefix itself: it is in the key)."""
    return tuple(re.split(f"({_SLUG}|{_KLE})", reverse(name, args=[_SLUG, _KLE], urlconf=urlconf)))
