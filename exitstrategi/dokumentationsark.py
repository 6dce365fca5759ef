"""The Dokumentationsark: one row per sagsområde, one column per answer, across all phases.

Columns are declared once, as data, by the phase they belong to (`faser.Fase.columns`). The page,
its filters, its sorting and the Excel export all read them from the phase registry, so core never
imports a phase app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import islice
from types import MappingProxyType
from typing import Any

import django_filters
from django import forms
from django.db.models import Count, Q, Sum

from . import faser, generation
from .filters import FilterSetMadeOnce, free_text_filter
from .model_loading import let_go
from .models import KLE, Fagomraade, Sagsomraade, phase_record
from .opslag import kept_register, linked, options, register_path, with_registers


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    phase: str
    value: Callable[[Sagsomraade], Any]
    choices: tuple[str, ...] = ()  # a computed column's fixed labels; edited ones take their form's
    width: int = 18
    sort: str | None = None  # ORM field to order by
    related: tuple[str, ...] = ()  # select_related paths the value needs
    prefetch: tuple[
        str, ...
    ] = ()  # what the value reads beyond the joins: a register's key or a many-to-many
    fields: tuple[str, ...] = ()  # the fields of its phase's form that edit it (wall, import)
    read_only: bool = False  # computed from other answers: shown and exported, never edited
    on_wall: bool = True  # a question card of its own on the wall, when it edits fields
    answer: str | None = None  # ORM path of the stored answer: filter by its fixed set of answers
    total: str | None = None  # ORM path of a number: the sheet shows its sum over the filtered rows
    question: str = ""  # the guide's full question behind a short header, one hover away
    formula: Callable | None = None  # {column key: letter} -> (row number -> Excel formula), or None
    overblik: bool = False  # counted per answer in the export's Overblik sheet
    parse: Callable | None = None  # (cell text, form) -> form data, when a cell is more than its first field
    not_imported: str = ""  # why the import refuses a changed cell of an answer given elsewhere (Danish)

    @property
    def two_way(self):
        """Whether the Excel import reads the column back into its phase's form."""
        return bool(self.fields) and not self.read_only and not self.formula and not self.not_imported


def answer_label(model, field):
    """record -> the label of its answer to `field`, as record.get_<field>_display() gives it, with the
    field's labels read once rather than on every call (a sheet asks thousands of times)."""
    labels = {}

    def label(record):
        if not labels:
            labels.update((value, str(text)) for value, text in model._meta.get_field(field).flatchoices)
        value = getattr(record, field)
        return labels.get(value, value)

    return label


def _all_columns():
    return [column for fase in faser.alle() for column in fase.columns]


def prepare(rows, columns=None):
    """Make loaded rows ready for the column values (all columns, or those named): one query per
    preparer, not one per row; a phase whose columns are not shown is not prepared."""
    phases = None if columns is None else {column.phase for column in columns}
    rows = also_in(rows)
    for fase in faser.alle():
        if phases is None or fase.titel in phases:
            for prepare_rows in fase.preparers:
                prepare_rows(rows)
    return rows


CHUNK = 250  # rows loaded and prepared at a time by an export


def in_chunks(queryset, columns=None):
    """The queryset's rows, loaded and prepared CHUNK at a time (use within generation.one_pass()): an
    export of thousands of rows never holds them all. Each row is let go once the caller asks for the
    next: its phase records point back at it, a cycle that would otherwise wait for the garbage
    collector."""
    rows = queryset.iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        for row in prepare(chunk, columns):
            yield row
            let_go([row])


def version_titles():
    """The phases whose answers carry a version: the core's own fields, then each phase record."""
    return [faser.alle()[0].titel, *(fase.titel for fase in faser.alle()[1:] if fase.record is not None)]


def versions(sagsomraade):
    """[(phase title, version)] of the sagsområde and each of its phase records (0 when it has none):
    what the row looked like at export, so an import can tell what changed in the application since."""
    found = [(faser.alle()[0].titel, sagsomraade.version)]
    for fase in faser.alle()[1:]:
        if fase.record is not None:
            record = phase_record(sagsomraade, fase.record_name)
            found.append((fase.titel, record.version if record is not None else 0))
    return found


def phase_link(phase, sagsomraade):
    """(label, url) of the page where the phase's answers for the sagsområde are given, or None."""
    fase = faser.fase(phase)
    return fase.link(sagsomraade) if fase and fase.link else None


def columns(phases=None):
    """The columns in the sheet's order; only those of the given phases when phases are named."""
    return [column for column in _all_columns() if not phases or column.phase in phases]


def phases():
    return [fase.titel for fase in faser.alle() if fase.columns]


def columns_of_phase(phase):
    fase = faser.fase(phase)
    return list(fase.columns) if fase else []


def queryset(columns=None):
    """The sagsområder with what the columns' values read (all columns unless named): a join per phase
    record, one query per register (IT systems, workshops) and per many-to-many; none for the kept
    registers (fagområder, KLE, IT systems)."""
    columns = _all_columns() if columns is None else columns
    related = {"fagomraade", "kle", *(path for column in columns for path in column.related)}
    paths = {path for column in columns for path in column.prefetch}
    registers = {path for path in paths if register_path(Sagsomraade, path)}
    kept = {path for path in related if kept_register(Sagsomraade, path)}
    queryset = Sagsomraade.objects.select_related(*sorted(related - kept)).prefetch_related(
        *sorted(paths - registers)
    )
    return with_registers(queryset, registers | kept)


@cache
def _form_fields(form_class):
    return form_class().fields


def answer_choices(column):
    """(stored value, label) of a column's fixed answers: the one place labels map to stored values,
    for the Excel dropdowns and the import. A column whose answer (its first field) is a choice field
    of its phase's form takes that field's choices; otherwise the labels it declares stand for
    themselves (computed columns, numbered scenarios)."""
    fase = faser.fase(column.phase)
    if not column.choices and fase and fase.form and column.fields:
        field = _form_fields(fase.form).get(column.fields[0])
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            return [(value, str(label)) for value, label in field.choices if value not in ("", None)]
    return [(label, label) for label in column.choices]


def choice_labels(column):
    return [label for _value, label in answer_choices(column)]


def _hovedgrupper():
    """{key as text: (label, KLE number)} of the active KLE main groups, read once per change of the KLE
    numbers (`opslag`)."""

    def read():
        found = KLE.objects.filter(niveau=KLE.Niveau.HOVEDGRUPPE, status=KLE.Status.AKTIV)
        return MappingProxyType({str(kle.pk): (str(kle), kle.nummer) for kle in found})

    return generation.cached("hovedgrupper", ("opslag",), read)


def _hovedgruppe(queryset, name, value):
    found = _hovedgrupper().get(value)  # retired since the form was checked: none
    return queryset.filter(kle__nummer__startswith=f"{found[1]}.") if found else queryset.none()


UNANSWERED = "ubesvaret"


def _model_field(path):
    model, field = Sagsomraade, None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model
    return field


def _answer_filter(column):
    """Like Excel's autofilter on one column: its fixed answers, and "Ikke besvaret". The entries of a
    related register (IT systems) are its kept options, for all its columns."""
    field = _model_field(column.answer)

    def apply(queryset, name, value):
        if value == UNANSWERED:
            if field.is_relation:
                return queryset.filter(**{f"{column.answer}__isnull": True})
            return queryset.filter(Q(**{f"{column.answer}__isnull": True}) | Q(**{column.answer: ""}))
        if field.is_relation:
            return queryset.filter(**{f"{column.answer}__pk": value})
        return queryset.filter(**{column.answer: value})

    if field.is_relation:
        model = field.related_model

        def choices():  # evaluated when the form renders, not at start-up
            return [*options(model), (UNANSWERED, "Ikke besvaret")]
    else:
        choices = [
            *((str(value), label) for value, label in field.flatchoices),
            (UNANSWERED, "Ikke besvaret"),
        ]
    return django_filters.ChoiceFilter(label=column.header, choices=choices, method=apply, empty_label="Alle")


def column_filter_names():
    """The per-column answer filters, shown apart from the main filters."""
    return [c.key for c in _all_columns() if c.answer]


def count_and_totals(queryset, columns):
    """(the queryset's number of rows, {column key: sum over it} for the shown number columns), from one
    query: the page's count and its sums."""
    wanted = {c.key: Sum(c.total) for c in columns if c.total}
    found = queryset.order_by().aggregate(raekker_i_alt=Count("pk"), **wanted)
    return found.pop("raekker_i_alt"), found


@cache
def filterset_class():
    """A FilterSet of the core filters, every registered filter and sorting by any sortable column: made
    once, when the phases are registered."""
    all_columns = _all_columns()
    sortable = [(c.sort, c.key) for c in all_columns if c.sort]
    attrs = {
        "q": free_text_filter(
            "kle__nummer__startswith",
            "titel__icontains",
            "kle__titel__icontains",
            "noter__icontains",
            "fagomraade__navn__icontains",
        ),
        "fagomraade": django_filters.ChoiceFilter(
            label="Fagområde", choices=lambda: options(Fagomraade), empty_label="Alle fagområder"
        ),
        "hovedgruppe": django_filters.ChoiceFilter(
            label="KLE-hovedgruppe",
            choices=lambda: [(key, label) for key, (label, _nummer) in _hovedgrupper().items()],
            method=_hovedgruppe,
            empty_label="Alle hovedgrupper",
        ),
        **{name: factory() for fase in faser.alle() for name, factory in fase.filters.items()},
        **{c.key: _answer_filter(c) for c in all_columns if c.answer},
        "sort": django_filters.OrderingFilter(
            label="Sortering",
            fields=sortable,
            field_labels={c.sort: c.header for c in all_columns if c.sort},
            empty_label="Fagområde og KLE-nummer",
        ),
        "Meta": type("Meta", (), {"model": Sagsomraade, "fields": []}),
    }
    return type("DokumentationsarkFilter", (FilterSetMadeOnce,), attrs)


def also_in(rows):
    """For each row, the other fagområder that have a sagsområde with the same KLE number."""
    owners = generation.cached("ogsaa_i", ("struktur",), _fagomraader_by_kle)  # once within a pass
    for row in rows:
        row.ogsaa_i = sorted(n for n in owners.get(row.kle_id, ()) if n != row.fagomraade.navn)
    return rows


def _fagomraader_by_kle():
    """{KLE id: the names of the fagområder with a sagsområde of that number} over the municipality."""
    owners = {}
    for kle_id, navn in Sagsomraade.objects.order_by().values_list("kle_id", "fagomraade__navn"):
        owners.setdefault(kle_id, []).append(navn)
    return MappingProxyType({kle_id: tuple(navne) for kle_id, navne in owners.items()})  # shared: read-only


def core_columns():
    return [
        Column(
            "fagomraade",
            "Fagområde",
            "Grundoplysninger",
            lambda r: r.fagomraade.navn,
            sort="fagomraade__navn",
            related=("fagomraade",),
            read_only=True,  # the business key: a sagsområde is moved, not edited, to another
            overblik=True,
        ),
        Column(
            "kle",
            "KLE-nummer",
            "Grundoplysninger",
            lambda r: r.kle.nummer,
            width=12,
            sort="kle__nummer",
            related=("kle",),
            read_only=True,  # the business key: re-keyed by the project leader, not edited
        ),
        Column(
            "sagsomraade",
            "Sagsområde",
            "Grundoplysninger",
            lambda r: r.titel,
            width=40,
            sort="titel",
            fields=("titel",),
        ),
        Column(
            "ogsaa_daekker",
            "Dækker også KLE",
            "Grundoplysninger",
            lambda r: ", ".join(k.nummer for k in linked(r, "ogsaa_daekker")),
            width=16,
            prefetch=("ogsaa_daekker",),
            fields=("ogsaa_daekker",),
        ),
        Column(
            "kle_status",
            "KLE-status",
            "Grundoplysninger",
            lambda r: r.kle.status_text,
            width=24,
            related=("kle",),
            answer="kle__status",
            read_only=True,
        ),
        Column(
            "ogsaa_i",
            "Også i fagområde",
            "Grundoplysninger",
            lambda r: ", ".join(getattr(r, "ogsaa_i", [])),
            width=20,
            read_only=True,
        ),
        Column("noter", "Noter", "Grundoplysninger", lambda r: r.noter, width=30, fields=("noter",)),
    ]
