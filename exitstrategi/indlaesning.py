"""Indlæsning af Dokumentationsarket: a file read back (excel_import) becomes a preview of what will
change, cell by cell, and then one transaction.

Every changed cell goes through its phase's own form, the one its pages use (`faser.Indlaesning`), so
an answer the page would refuse is refused here with the same Danish message. A cell someone changed
in the application since the export is a conflict: the file's value wins only where the project
leader chooses it.
"""

import hashlib
from copy import copy
from dataclasses import dataclass, field
from functools import cache
from operator import methodcaller

from django import forms
from django.db import transaction
from django.db.models import Model
from django.forms import modelform_factory

from . import dokumentationsark, faser
from .celler import cell_text, one_reading, parse_cell, same_data
from .excel_import import SHEET, read_rows
from .forms import SagsomraadeForm
from .models import Sagsomraade, phase_record
from .roles import editable_fagomraade_ids, is_projektleder
from .services import phase_records_save, sagsomraader_update

KILDE = "Indlæst fra Excel: {}"


@dataclass
class Celle:
    """One cell the file changes, or a conflict (with `eksporteret`: the value when the file was made)."""

    id: str  # "<row number>:<column key>": names a conflict the project leader chooses
    raekke: int
    sagsomraade: object
    fase: str
    kolonne: str
    gammel: str
    ny: str
    eksporteret: str | None = None
    valgt: bool = False  # a conflict the file's value wins


@dataclass
class Plan:
    filnavn: str
    aendringer: list = field(default_factory=list)
    konflikter: list = field(default_factory=list)
    fejl: list = field(default_factory=list)  # "Ark, række, kolonne: besked"
    flytninger: list = field(default_factory=list)  # areas moved or re-keyed since the export
    nye: list = field(default_factory=list)  # new sagsområder, when allowed
    ignoreret: int = 0  # unchanged rows of fagområder the user does not edit
    # (sagsomraade, fase, the valid form's answers), in phase order. Not the forms themselves: 9,000 of them
    # kept alive until the apply made the garbage collector walk them (half a second of a 2,000-row import)
    skrivninger: list = field(default_factory=list)

    @property
    def kan_indlaeses(self):
        return not self.fejl and bool(self.skrivninger or self.nye or self.konflikter)

    @property
    def fingeraftryk(self):
        """What the preview showed; applying refuses when the plan made again differs from it."""
        shown = [(c.id, c.gammel, c.ny, c.eksporteret) for c in self.aendringer + self.konflikter]
        shown += [(s.fagomraade_id, s.kle_id) for s in self.nye]
        return hashlib.sha256(repr(shown).encode()).hexdigest()


def record_phase(model, form_class, *, in_scope=faser.always, kun_projektleder=False):
    """The import of a phase answered in a phase record (As-is, To-be …) through a PhaseRecordForm."""
    name = model._meta.get_field("sagsomraade").remote_field.related_name

    def build(sagsomraade, fields):
        record = phase_record(sagsomraade, name) or model(sagsomraade=sagsomraade)
        form = limited_form(form_class, fields)
        return form(instance=record, initial={"version": record.version}, only=fields)

    def save(items, user, kilde):
        changes = [(s.pk, answers["values"], answers["version"], answers["m2m"]) for s, answers in items]
        phase_records_save(model=model, changes=changes, user=user, kilde=kilde)

    def attach(sagsomraade, form):
        sagsomraade._state.fields_cache[name] = form.instance

    answers = methodcaller("service_kwargs")
    return faser.Indlaesning(build, save, attach, in_scope, kun_projektleder, answers)


@cache
def _limited_form(form_class, fields):
    return modelform_factory(form_class._meta.model, form=form_class, fields=fields)


def limited_form(form_class, fields):
    """The form class with only these of its model fields: a phase form of 40 fields is costly to build
    2,000 times, one of the two a cell changes is not."""
    if not set(fields) <= set(form_class._meta.fields):
        return form_class
    return _limited_form(form_class, tuple(f for f in form_class._meta.fields if f in fields))


def grundoplysninger():
    """The import of the area's own fields (title, notes, KLE numbers it also covers)."""

    def build(sagsomraade, fields):
        return SagsomraadeForm(initial=SagsomraadeForm.initial_for(sagsomraade))

    def save(items, user, kilde):
        sagsomraader_update(changes=items, user=user, kilde=kilde)

    return faser.Indlaesning(build, save, attach=lambda sagsomraade, form: None)


def plan(workbook, filnavn, user, *, overskriv=frozenset(), tillad_nye=False):
    """What importing the workbook would change, without writing anything. `overskriv`: ids of the
    conflicts where the file's value is chosen; `tillad_nye`: rows of unknown areas create them (for
    the project leader). No user (the command without --user) imports with the project leader's rights."""
    leader = user is None or is_projektleder(user)
    context = _Context(None if user is None else editable_fagomraade_ids(user), overskriv, leader)
    indlaest = read_rows(workbook, dokumentationsark.columns(), tillad_nye=tillad_nye and leader)
    result = Plan(filnavn, fejl=list(indlaest.fejl))
    ids = [r.sagsomraade.pk for r in indlaest.raekker if r.sagsomraade.pk]
    loaded = {s.pk: s for s in dokumentationsark.queryset().filter(pk__in=ids)}
    with one_reading():
        for raekke in indlaest.raekker:
            _plan_raekke(result, raekke, loaded.get(raekke.sagsomraade.pk, raekke.sagsomraade), context)
    return result


def _plan_raekke(result, raekke, row, context):
    if raekke.flyttet:
        result.flytninger.append(f"Række {raekke.nummer}: {raekke.flyttet}.")
    if row.pk is None:
        if context.editable is not None and row.fagomraade_id not in context.editable:
            result.fejl.append(_row_error(raekke, _not_yours(row)))
            return
        result.nye.append(row)
    _plan_row(result, raekke, row, context)


@dataclass
class _Context:
    editable: frozenset | None
    overskriv: frozenset
    projektleder: bool


def _plan_row(result, raekke, row, context):
    vaerdier = raekke.vaerdier
    columns = [c for c in dokumentationsark.columns() if c.key in vaerdier and (c.two_way or c.not_imported)]
    position = {c.key: n for n, c in enumerate(columns)}
    current = {c.key: cell_text(c.value(row)) if row.pk else "" for c in columns}
    versions = dict(dokumentationsark.versions(row))
    errors, refused = [], []
    for fase in faser.alle():
        changed = []
        for column in fase.columns:
            if column.key not in current:
                continue
            if column.key in raekke.formler:
                errors.append((column, "en formel kan ikke indlæses; skriv svaret."))
                continue
            text = cell_text(vaerdier[column.key])
            if text == current[column.key]:
                continue
            if column.not_imported:
                if not _app_changed(raekke, fase, versions):
                    errors.append((column, column.not_imported))
                continue
            changed.append((column, text))
        if not changed:
            continue
        why = _refusal(fase, row, context)
        if why:
            refused.append(why)
            continue
        _plan_phase(result, errors, raekke, row, fase, changed, current, versions, context)
    result.fejl += [_row_error(raekke, why) for why in dict.fromkeys(refused)]
    errors.sort(key=lambda error: position[error[0].key])
    result.fejl += [_cell_error(raekke, column, message) for column, message in errors]
    if not refused and context.editable is not None and row.fagomraade_id not in context.editable:
        result.ignoreret += 1


def _app_changed(raekke, fase, versions):
    """Whether the phase's answers were saved in the application since the file was made (a row typed
    in Excel has no versions: nothing to compare with)."""
    then = raekke.versioner.get(fase.titel)
    return then is not None and then != versions[fase.titel]


def _refusal(fase, row, context):
    imp = fase.indlaesning
    if context.editable is not None and row.fagomraade_id not in context.editable:
        return _not_yours(row)
    if imp.kun_projektleder and not context.projektleder:
        return f"kun projektlederen kan ændre svarene i {fase.titel}."
    if not imp.in_scope(row):
        return f"sagsområdet indgår ikke i {fase.titel}, så svarene kan ikke indlæses."
    return ""


def _not_yours(row):
    return (
        f"{row.fagomraade.navn} {row.kle.nummer} hører til et fagområde, du ikke er kontaktperson for; "
        "rækkens ændringer kan ikke indlæses. Slet rækken eller ændringerne, og prøv igen."
    )


def _plan_phase(result, errors, raekke, row, fase, changed, current, versions, context):
    imp = fase.indlaesning
    form = imp.form(row, tuple(dict.fromkeys(name for column, _text in changed for name in column.fields)))
    try:
        _check_phase(result, errors, raekke, row, fase, changed, current, versions, context, form)
    finally:
        form._bound_fields_cache.clear()  # the form's cycle with its fields: freed when dropped, not by gc


def _check_phase(result, errors, raekke, row, fase, changed, current, versions, context, unbound):
    imp = fase.indlaesning
    base = {name: _data(_shown(unbound, name, field)) for name, field in unbound.fields.items()}
    data, fields, columns = dict(base), [], []
    exported = _Exported(row, fase, raekke.eksporteret)
    app_changed = _app_changed(raekke, fase, versions)
    for column, text in changed:
        try:
            parsed = parse_cell(column, text, unbound)
        except forms.ValidationError as error:
            errors.extend((column, message) for message in error.messages)
            continue
        if all(same_data(value, base.get(name)) for name, value in parsed.items()):
            continue  # the same answer, spelled otherwise ("ja" for "Ja", 12 stored as text)
        cell = Celle(
            f"{raekke.nummer}:{column.key}", raekke.nummer, row, fase.titel, column.header,
            current[column.key], text,
        )  # fmt: skip
        if app_changed:
            then = exported.text(column)
            if then == text:
                continue  # changed in the application since the export, not in the file
            if then != current[column.key]:
                cell.eksporteret = then
                cell.valgt = cell.id in context.overskriv
                result.konflikter.append(cell)
                if not cell.valgt:
                    continue
        if cell.eksporteret is None:
            result.aendringer.append(cell)
        data.update(parsed)
        fields += [name for name in column.fields if name not in fields]
        columns.append(column)
    if not fields:
        return
    bound = _bind(unbound, data, fields)
    if not bound.is_valid():
        for name, messages in bound.errors.items():
            column = next((c for c in columns if name in c.fields), columns[0])
            errors.extend((column, message) for message in messages)
        return
    imp.attach(row, bound)
    result.skrivninger.append((row, fase, imp.answers(bound)))


def _bind(form, data, fields):
    """The form that gave the row's current answers, now bound to the new ones: built once, not twice
    (a phase form is costly to build). A form that can be limited keeps only the changed answers."""
    form.is_bound, form.data, form.files, form._errors = True, data, {}, None
    if hasattr(form, "limit_to"):
        form.limit_to(fields)
    return form


def _shown(form, name, field):
    """form[name].value() of an unbound form, without building its BoundField."""
    return field.prepare_value(form.get_initial_for_field(field, name))


def _data(value):
    """A form's initial value as submitted data (model objects by their key)."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_data(v) for v in value]
    return value


class _Exported:
    """The row as it was when the file was made, from the Historik: only needed for a conflict."""

    def __init__(self, row, fase, when):
        self.row, self.fase, self.when, self._then = row, fase, when, None

    def text(self, column):
        if self.when is None:
            return "(ukendt: filen har ikke tidspunktet for eksporten)"
        if self._then is None:
            self._then = _as_of(self.row, self.fase, self.when)
        return cell_text(column.value(self._then))


def _as_of(row, fase, when):
    model = fase.record or Sagsomraade
    if fase.record is None:
        history = Sagsomraade.history.filter(id=row.pk)
    else:
        history = fase.record.history.filter(sagsomraade_id=row.pk)
    old = history.filter(history_date__lte=when).order_by("-history_date", "-history_id").first()
    instance = None
    if old is not None and old.history_type != "-":
        instance = old.instance
        instance._prefetched_objects_cache = {
            m2m.name: list(
                m2m.related_model.objects.filter(
                    pk__in=getattr(old, m2m.name).values_list(m2m.m2m_reverse_field_name(), flat=True)
                )
            )
            for m2m in model._meta.many_to_many
            if hasattr(old, m2m.name)
        }
    then = copy(row) if fase.record is not None or instance is None else instance
    then._state = copy(row._state)
    then._state.fields_cache = dict(row._state.fields_cache)
    if fase.record is not None:
        then._state.fields_cache[fase.record_name] = instance
    return then


def rapport(plan_):
    """The preview as lines of Danish text (the command prints it; the page shows it as tables)."""
    lines = [f"{plan_.filnavn}: {len(plan_.aendringer)} ændringer, {len(plan_.konflikter)} konflikter."]
    lines += [f"Fejl: {fejl}" for fejl in plan_.fejl]
    lines += [f"Flyttet: {text}" for text in plan_.flytninger]
    lines += [f"Nyt sagsområde: {s.fagomraade.navn} {s.kle.nummer} {s.kle.titel}" for s in plan_.nye]
    lines += [
        f"Række {c.raekke}, {c.kolonne} ({c.sagsomraade.kle.nummer}): «{c.gammel}» → «{c.ny}»"
        for c in plan_.aendringer
    ]
    for c in plan_.konflikter:
        outcome = "filens værdi vælges" if c.valgt else "værdien i programmet beholdes"
        lines.append(
            f"Konflikt {c.id}, {c.kolonne} ({c.sagsomraade.kle.nummer}): ved eksport «{c.eksporteret}», "
            f"i programmet nu «{c.gammel}», i filen «{c.ny}»: {outcome}."
        )
    if plan_.ignoreret:
        lines.append(f"{plan_.ignoreret} uændrede rækker fra andre fagområder er sprunget over.")
    return lines


def _row_error(raekke, message):
    return f"{SHEET}, række {raekke.nummer}: {message}"


def _cell_error(raekke, column, message):
    return f"{SHEET}, række {raekke.nummer}, {column.header}: {message}"


def apply(plan_, user):
    """Write the plan in one transaction: all of it or (ConcurrentEditError …) nothing."""
    kilde = KILDE.format(plan_.filnavn)
    with transaction.atomic():
        for sagsomraade in plan_.nye:
            sagsomraade.full_clean(exclude=["noegle"])
            sagsomraade._change_reason = kilde
            sagsomraade._history_user = user
            sagsomraade.save()
        by_phase = {}
        for sagsomraade, fase, answers in plan_.skrivninger:
            by_phase.setdefault(fase.nummer, (fase, []))[1].append((sagsomraade, answers))
        for _nummer, (fase, items) in sorted(by_phase.items()):
            fase.indlaesning.save(items, user, kilde)
    return len(plan_.skrivninger)
