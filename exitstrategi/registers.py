"""What deleting a record of a shared register would take with it, or what stops it."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

BLOCKING = (models.PROTECT, models.RESTRICT)


@dataclass
class Consequences:
    blockers: list = field(default_factory=list)  # "3 sagsområder": must go first
    effects: list = field(default_factory=list)  # "2 deltagere slettes med"


def _amount(n, model):
    return f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"


def _kind(relation):
    if relation.many_to_many or relation.on_delete in BLOCKING:
        return "blocker"
    return "cascade" if relation.on_delete is models.CASCADE else "cleared"


def _pointing_relations(obj):
    """(related model, kind) -> field names that point at obj's model, hidden ones included.

    django-simple-history's copies (DO_NOTHING) and many-to-many link tables are left out: history
    keeps its own values, and a link is counted once, through its owner's field."""
    found = {}
    for relation in obj._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        model = relation.related_model
        if model._meta.auto_created or getattr(relation, "on_delete", None) is models.DO_NOTHING:
            continue
        found.setdefault((model, _kind(relation)), []).append(relation.field.name)
    return found


def delete_consequences(obj):
    """Rows elsewhere that point at obj: those that protect it block the deletion; cascades and
    cleared references are effects the confirmation states. Rows are counted as their lists show
    them: removed sagsområder do not count."""
    result = Consequences()
    for (model, kind), names in _pointing_relations(obj).items():
        pointing = reduce(or_, (Q(**{name: obj}) for name in names))
        n = model._default_manager.filter(pointing).distinct().count()
        if not n:
            continue
        what = _amount(n, model)
        if kind == "blocker":
            result.blockers.append(what)
        elif kind == "cascade":
            result.effects.append(f"{what} slettes med")
        else:
            result.effects.append(f"{what} mister henvisningen")
    return result
