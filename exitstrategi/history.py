"""The "Historik" of a sagsområde: who changed what, when, from which value to which.

Phase apps register where their history records live, so core shows them without importing them.
"""

from dataclasses import dataclass
from datetime import datetime

_sources = []


def register_source(records_for):
    """records_for(sagsomraade) returns a queryset of django-simple-history records."""
    _sources.append(records_for)


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    old: str
    new: str
    reason: str


def _display(field, value):
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):  # many-to-many: a list of through-row dicts
        return ", ".join(str(v) for item in value for k, v in item.items() if k != "sagsomraade") or "–"
    return str(value)


def _who(record):
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user else "System"


def _deltas(previous, record):
    """(field, old, new) per changed field; for the first record, every field that was filled in."""
    model = record.instance_type
    if previous is not None:
        for delta in record.diff_against(previous).changes:
            yield model._meta.get_field(delta.field), delta.old, delta.new
        return
    for field in model._meta.concrete_fields:
        value = getattr(record, field.attname, None)
        if not field.is_relation and not field.primary_key and value not in (None, ""):
            yield field, None, value


def changes_for(sagsomraade):
    """Every recorded change to the sagsområde and its phase records, newest first."""
    changes = []
    for records_for in _sources:
        records = list(records_for(sagsomraade).select_related("history_user").order_by("history_date"))
        for previous, record in zip([None, *records], records, strict=False):
            label = record.instance_type._meta.verbose_name.capitalize()
            reason = record.history_change_reason or ""
            if previous is None:
                changes.append(Change(record.history_date, _who(record), label, "", "Oprettet", reason))
            for field, old, new in _deltas(previous, record):
                changes.append(
                    Change(
                        record.history_date,
                        _who(record),
                        f"{label}: {field.verbose_name}",
                        _display(field, old),
                        _display(field, new),
                        reason,
                    )
                )
    return sorted(changes, key=lambda change: change.when, reverse=True)


def register_core_source():
    from .models import Sagsomraade

    register_source(lambda sagsomraade: Sagsomraade.history.filter(id=sagsomraade.pk))
