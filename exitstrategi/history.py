"""The "Historik": who changed what, when, from which value to which — shown as the user saw it.

A sagsområde's Historik gathers its own records and its phase records; each phase says where those
live (`faser.Fase.history`), so core shows them without importing them. Shared registers (IT
systems, contracts, strategies, fagområder, workshops) show their own records through `changes_of`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst

from . import faser

# Bookkeeping fields a user never typed in: hidden from the Historik.
HIDDEN = frozenset(
    {"id", "slug", "version", "aendret", "aendret_af", "komplet", "udbud_kvartal", "uuid", "oprettet"}
)


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    old: str
    new: str
    reason: str


def dansk_tid(value):
    """A datetime in local time, or a date, in the one Danish style of the whole app."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


class _Names:
    """Names of related rows by primary key, looked up once per model for the whole Historik."""

    def __init__(self):
        self.cache = {}

    def __call__(self, model, pks):
        known = self.cache.setdefault(model, {})
        missing = {pk for pk in pks if pk not in known}
        if missing:
            for obj in model._base_manager.filter(pk__in=missing):
                known[obj.pk] = _name(obj)
        return [known.get(pk, "(slettet)") for pk in pks]


def _display(field, value, names):
    if value in (None, "", []):
        return "–"
    if isinstance(field, models.BooleanField):
        return "Ja" if value else "Nej"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ManyToManyField):  # a list of through-row dicts
        target = field.m2m_reverse_field_name()
        pks = list(dict.fromkeys(row[target] for row in value))
        return ", ".join(sorted(dict.fromkeys(names(field.related_model, pks)))) or "–"
    if field.is_relation:
        return names(field.related_model, [value])[0]
    if isinstance(value, datetime | date):
        return dansk_tid(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _name(obj):
    """People by their full name, everything else as it names itself."""
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def _who(record):
    return _name(record.history_user) if record.history_user else "System"


def _shown(field, owner_fields):
    return field.name not in HIDDEN and not field.primary_key and field.name not in owner_fields


def _deltas(previous, record, owner_fields):
    """(field, old, new) per changed field; for the first record, every field that was filled in."""
    model = record.instance_type
    if previous is not None:
        for delta in record.diff_against(previous).changes:
            field = model._meta.get_field(delta.field)
            if _shown(field, owner_fields):
                yield field, delta.old, delta.new
        return
    for field in model._meta.concrete_fields:
        value = getattr(record, field.attname, None)
        if _shown(field, owner_fields) and value not in (None, "", False, []):
            yield field, None, value


def _changes(records, owner_fields=(), label=None):
    names = _Names()
    records = list(records.select_related("history_user").order_by("history_date", "history_id"))
    changes = []
    for previous, record in zip([None, *records], records, strict=False):
        what = label or capfirst(record.instance_type._meta.verbose_name)
        reason = record.history_change_reason or ""
        if previous is None:
            changes.append(Change(record.history_date, _who(record), what, "", "Oprettet", reason))
        for field, old, new in _deltas(previous, record, owner_fields):
            changes.append(
                Change(
                    record.history_date,
                    _who(record),
                    f"{what}: {field.verbose_name}",
                    _display(field, old, names),
                    _display(field, new, names),
                    reason,
                )
            )
    return changes


def _newest_first(changes):
    return sorted(changes, key=lambda change: change.when, reverse=True)


def changes_for(sagsomraade):
    """Every recorded change to the sagsområde and its phase records, newest first."""
    changes = []
    for fase in faser.alle():
        records = fase.history_of(sagsomraade)
        if records is not None:
            changes += _changes(records, owner_fields=("sagsomraade",))
    return _newest_first(changes)


def changes_of(obj):
    """Every recorded change to one record of a shared register, newest first."""
    return _newest_first(_changes(obj.history.all(), label=capfirst(obj._meta.verbose_name)))
