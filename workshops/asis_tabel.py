"""The rows of a fagområde's As-is overview, written as HTML directly: every participant opens the page
again and again during a workshop, and a template node per cell was most of its time. Each value is
shown as {{ value }} showed it (tests/test_asis_tabel.py compares both)."""

from django.utils.safestring import mark_safe

from exitstrategi.renderers import shown

R2_SIGER_NEJ = (
    ' <span class="badge text-bg-warning">Screenet Ja, men bruger ikke KMD Sag ifølge R2: afklares</span>'
)
KOMPLET = '<span class="badge text-bg-success">Komplet</span>'


def rows_html(mapped, can_edit):
    """The <tr>s of (sagsområde, its As-is record or None, what it misses) in order; the buttons to the
    brugsmønster wizard and the As-is form only for who may edit."""
    lines = []
    for s, asis, mangler in mapped:
        lines.append(
            f"<tr><td>{shown(s.kle.nummer)}</td>"
            f'<td><a href="{shown(s.get_absolute_url())}">{shown(s.titel)}</a></td>'
            f"<td>{_brugsmoenster(asis)}</td>"
            f"<td>{_mangler(mangler)}</td>"
            f'<td class="text-nowrap">{_buttons(s) if can_edit else ""}</td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 (every value escaped)


def _brugsmoenster(asis):
    moenster = asis.brugsmoenster if asis else ""
    if not moenster:
        return "–"
    badge = f'<span class="badge text-bg-primary fs-6">{shown(moenster)}</span>'
    text = shown(str(asis.get_brugsmoenster_display())[3:])  # "C: Bruger …" without its letter
    return f"{badge} {text}{R2_SIGER_NEJ if moenster == '0' else ''}"


def _mangler(mangler):
    if not mangler:
        return KOMPLET
    return f'<span class="text-danger small">{", ".join(shown(m) for m in mangler)}</span>'


def _buttons(s):
    wizard, form = shown(s.url("workshops:wizard")), shown(s.url("workshops:asis-update"))
    return (
        f'<a class="btn btn-sm btn-outline-primary" href="{wizard}">Brugsmønster</a> '
        f'<a class="btn btn-sm btn-primary" href="{form}">Udfyld As-is</a>'
    )
