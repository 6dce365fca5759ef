"""The screening table's rows, written as HTML directly: a fagområde of a thousand sagsområder renders in
milliseconds, where a form and its widgets per row took most of a second. The names and ids are those
of ScreeningFormSet, which reads the submitted table; every value from the database is escaped."""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe

from exitstrategi.models import JA_NEJ_UBESVARET

from .forms import NOTE_MAX
from .models import screening_of


@dataclass
class Raekke:
    nummer: int  # the row's form in the formset
    sagsomraade: object
    svar: str
    note: str
    version: int
    fejl: list = field(default_factory=list)  # about the row (a conflict)
    note_fejl: list = field(default_factory=list)


def initial(sagsomraader):
    """The formset's initial data: each row's saved answer and the version it was shown at."""
    rows = []
    for sagsomraade in sagsomraader:
        screening = screening_of(sagsomraade)
        rows.append(
            {
                "sagsomraade_id": sagsomraade.pk,
                "version": screening.version if screening else 0,
                "svar": screening.anvender_kmd_sag if screening else "",
                "note": screening.note if screening else "",
            }
        )
    return rows


def saved_rows(sagsomraader, initial_data):
    pairs = zip(sagsomraader, initial_data, strict=True)
    return [Raekke(n, s, **_shown(data)) for n, (s, data) in enumerate(pairs)]


def submitted_rows(formset, sagsomraader):
    """The rows as submitted, with their errors, for the table shown again."""
    rows = []
    for n, (form, sagsomraade) in enumerate(zip(formset.forms, sagsomraader, strict=False)):
        data = {name: form[name].value() for name in ("svar", "note", "version")}
        errors = {"fejl": list(form.non_field_errors()), "note_fejl": list(form.errors.get("note", []))}
        rows.append(Raekke(n, sagsomraade, **_shown(data), **errors))
    return rows


def _shown(data):
    return {"svar": data["svar"] or "", "note": data["note"] or "", "version": data["version"]}


def html(rows, can_edit):
    """The <tr> of every row. Every value from the database passes through escape()."""
    return mark_safe("\n".join(_row(row, can_edit) for row in rows))  # noqa: S308 (escaped below)


def _row(row, can_edit):
    s = row.sagsomraade
    nummer = escape(s.kle.nummer)
    badges = "".join(
        f' <span class="badge text-bg-light border">også i {escape(n)}</span>' for n in s.ogsaa_i
    )
    if not s.kle.is_active:
        badges = f' <span class="badge text-bg-warning">{escape(s.kle.status_text)}</span>{badges}'
    errors = "".join(f'<div class="text-danger small">{escape(e)}</div>' for e in row.fejl)
    title = f'<td><a href="{escape(s.get_absolute_url())}">{escape(s.titel)}</a>{badges}{errors}</td>'
    if can_edit:
        cells = _inputs(row, nummer)
    else:
        label = dict(JA_NEJ_UBESVARET).get(row.svar) or "Ikke besvaret"
        cells = f"<td>{escape(label)}</td><td>{escape(row.note)}</td>"
    first = f'<tr class="screening-row" data-kle="{nummer}"><td class="text-nowrap">{nummer}</td>'
    return f"{first}{title}{cells}</tr>"


def _inputs(row, nummer):
    p = f"form-{row.nummer}"
    radios = "".join(
        f'<div class="form-check form-check-inline"><input type="radio" name="{p}-svar" value="{value}" '
        f'class="form-check-input" id="id_{p}-svar_{n}"{" checked" if value == row.svar else ""}>'
        f'<label class="form-check-label" for="id_{p}-svar_{n}">{label}</label></div>'
        for n, (value, label) in enumerate(ANSWERS)
    )
    note_errors = "".join(f'<div class="text-danger small">{escape(e)}</div>' for e in row.note_fejl)
    key, version, note = row.sagsomraade.pk, escape(str(row.version)), escape(row.note)
    return (
        f'<td class="text-nowrap"><input type="hidden" name="{p}-sagsomraade_id" value="{key}" '
        f'id="id_{p}-sagsomraade_id"><input type="hidden" name="{p}-version" value="{version}" '
        f'id="id_{p}-version">{radios}</td>'
        f'<td><input type="text" name="{p}-note" value="{note}" class="form-control form-control-sm" '
        f'aria-label="Note til {nummer}" maxlength="{NOTE_MAX}" id="id_{p}-note">{note_errors}</td>'
    )


ANSWERS = [(escape(value), escape(label)) for value, label in JA_NEJ_UBESVARET]
