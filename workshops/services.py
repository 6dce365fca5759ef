from django.db import transaction

from exitstrategi.concurrency import check_version
from exitstrategi.models import ITSystem

from . import loesningsscenarier
from .models import Opgave, ToBe


def itsystem_get_or_create(navn):
    """An IT system by name, created when new ("add new" in the As-is and To-be forms)."""
    existing = ITSystem.objects.filter(navn__iexact=navn.strip()).first()
    return existing or ITSystem.objects.create(navn=navn.strip())


def phase_record_save(
    *, model, sagsomraade, values, version, user, m2m=None, nye_systemer=None, workshop=None
):
    """Save answers to a sagsområde's As-is or To-be record, refusing if someone saved it since `version`.

    values: field -> value for the fields the form showed; m2m: field -> objects (only those the form
    showed); nye_systemer: field -> name of an IT system to create and choose; workshop: where the
    answers were given, recorded as the source in the history.
    """
    m2m = m2m or {}
    with transaction.atomic():
        record = model.objects.select_for_update().filter(pk=sagsomraade.pk).first()
        record = record or model(sagsomraade=sagsomraade)
        check_version(record, version)
        for field, value in values.items():
            setattr(record, field, value)
        for field, navn in (nye_systemer or {}).items():
            setattr(record, field, itsystem_get_or_create(navn))
        record.before_save(m2m)
        record.version += 1
        record.aendret_af = user
        if workshop is not None:
            record._change_reason = f"Workshop: {workshop}"
        record.save()
        for field, objects in m2m.items():
            getattr(record, field).set(objects)
    return record


def tobe_save(**kwargs):
    """Save To-be answers and keep the task list in step with the recommended scenario."""
    with transaction.atomic():
        tobe = phase_record_save(model=ToBe, **kwargs)
        opgaver_sync(tobe)
    return tobe


def opgaver_sync(tobe):
    """Give the sagsområde the task list of its recommended scenario.

    Tasks of the scenario that exist keep their status; tasks of another scenario that were never
    started are removed, while started or finished ones stay, so no work is lost.
    """
    wanted = (
        loesningsscenarier.opgaver(tobe.anbefalet_scenarie, tobe.afvent_ky_ksd)
        if tobe.anbefalet_scenarie
        else []
    )
    existing = {(o.scenarie, o.tekst): o for o in tobe.opgaver.all()}
    for position, tekst in enumerate(wanted):
        task = existing.pop((tobe.anbefalet_scenarie, tekst), None)
        if task is None:
            Opgave.objects.create(
                tobe=tobe, scenarie=tobe.anbefalet_scenarie, raekkefoelge=position, tekst=tekst
            )
        elif task.raekkefoelge != position:
            task.raekkefoelge = position
            task.save(update_fields=["raekkefoelge"])
    for task in existing.values():
        if task.status == Opgave.Status.IKKE_STARTET:
            task.delete()
