from django.db import transaction

from exitstrategi.services import phase_record_save

from . import loesningsscenarier
from .models import Opgave, ToBe


def tobe_save(**kwargs):
    """Save To-be answers and keep the task list in step with the recommended scenario.

    Takes phase_record_save's arguments, without the model."""
    with transaction.atomic():
        tobe = phase_record_save(model=ToBe, **kwargs)
        opgaver_sync(tobe)
    return tobe


def opgaver_sync(tobe):
    """Give the sagsområde the task list of its recommended scenario.

    Tasks of the scenario that exist keep their status; tasks of another scenario that were never
    started are removed, while started or finished ones stay, so no work is lost.
    """
    wanted = loesningsscenarier.opgaver(tobe.anbefalet_scenarie) if tobe.anbefalet_scenarie else []
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
