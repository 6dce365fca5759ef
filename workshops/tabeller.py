"""The rows of a fagområde's As-is and To-be overviews, written as HTML directly: every participant
opens these pages again and again during a workshop, and a template node per cell was most of their
time. Each value is shown as {{ value }} showed it (tests/test_tabeller.py compares both with the
template loops they replace)."""

from django.utils.safestring import mark_safe

from exitstrategi.dokumentationsark import answer_label
from exitstrategi.renderers import shown

from .models import AsIs
from .selectors import asis_of

R2_SIGER_NEJ = (
    ' <span class="badge text-bg-warning">Screenet Ja, men bruger ikke KMD Sag ifølge R2: afklares</span>'
)
KOMPLET = '<span class="badge text-bg-success">Komplet</span>'
# get_brugsmoenster_display(), without building the field's choices dict on every call
BRUGSMOENSTER_LABEL = answer_label(AsIs, "brugsmoenster")


def asis_rows(mapped, can_edit):
    """The <tr>s of (sagsområde, its As-is record or None, what it misses), in order; the buttons to the
    brugsmønster wizard and the As-is form only for who may edit."""
    return _rows(
        (
            _sagsomraade(s),
            _brugsmoenster(asis),
            _mangler(mangler),
            f'<td class="text-nowrap">{_asis_buttons(s) if can_edit else ""}</td>',
        )
        for s, asis, mangler in mapped
    )


def tobe_rows(assessed, can_edit):
    """The <tr>s of (sagsområde, its To-be record or None, what it misses), in order; the button to the
    To-be form only for who may edit."""
    return _rows(
        (
            _sagsomraade(s, f' <span class="badge text-bg-secondary">{_moenster(asis_of(s))}</span>'),
            f"<td>{shown(tobe.scenarie_tekst) if tobe and tobe.scenarie_tekst else '–'}</td>",
            _mangler(mangler),
            f"<td>{_tobe_button(s) if can_edit else ''}</td>",
        )
        for s, tobe, mangler in assessed
    )


def _rows(cells_of_rows):
    return mark_safe("\n".join(f"<tr>{''.join(cells)}</tr>" for cells in cells_of_rows))  # noqa: S308 (escaped)


def _sagsomraade(s, after=""):
    """The KLE number and the title linking to the area's page."""
    link = f'<a href="{shown(s.get_absolute_url())}">{shown(s.titel)}</a>'
    return f"<td>{shown(s.kle.nummer)}</td><td>{link}{after}</td>"


def _moenster(asis):
    return shown(asis.brugsmoenster) if asis else ""


def _brugsmoenster(asis):
    if not (asis and asis.brugsmoenster):
        return "<td>–</td>"
    badge = f'<span class="badge text-bg-primary fs-6">{shown(asis.brugsmoenster)}</span>'
    text = shown(BRUGSMOENSTER_LABEL(asis)[3:])  # "C: Bruger …" without its letter
    return f"<td>{badge} {text}{R2_SIGER_NEJ if asis.brugsmoenster == '0' else ''}</td>"


def _mangler(mangler):
    if not mangler:
        return f"<td>{KOMPLET}</td>"
    return f'<td><span class="text-danger small">{", ".join(shown(m) for m in mangler)}</span></td>'


def _button(s, page, kind, label):
    return f'<a class="btn btn-sm {kind}" href="{shown(s.url(page))}">{label}</a>'


def _asis_buttons(s):
    wizard = _button(s, "workshops:wizard", "btn-outline-primary", "Brugsmønster")
    return f"{wizard} {_button(s, 'workshops:asis-update', 'btn-primary', 'Udfyld As-is')}"


def _tobe_button(s):
    return _button(s, "workshops:tobe-update", "btn-primary", "Udfyld To-be")
