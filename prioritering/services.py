"""Fase 4's writes: the project leader's prioritisation and the municipality's decisions."""

import hashlib

from django.db import transaction

from exitstrategi import dokumentationsark
from exitstrategi.excel import dokumentationsark_xlsx
from exitstrategi.services import phase_record_save
from workshops import loesningsscenarier

from .models import BeslutningLinje, NotatVersion, Opgave, Prioritering
from .notat_docx import aktuelt_notat
from .selectors import gaeldende_scenarie


def prioritering_save(*, sagsomraade, values, version, user, **kwargs):
    """Save the leader's inputs for one area (a new pin's time is Prioritering.derive's)."""
    return phase_record_save(
        model=Prioritering, sagsomraade=sagsomraade, values=values, version=version, user=user, **kwargs
    )


def prioriteringer_save(forms, user):
    """Save the rows of the Prioritering table together or not at all: a row someone else saved
    meanwhile refuses the whole save (ConcurrentEditError)."""
    with transaction.atomic():
        for sagsomraade, form in forms:
            if form.has_changed():
                prioritering_save(sagsomraade=sagsomraade, user=user, **form.service_kwargs())


def brugerniveau_accept(raekker, user):
    """Set the suggested user level on every area that has a suggestion and no level yet; returns
    how many. The suggestion becomes the leader's judgement only by this explicit act."""
    accepted = 0
    with transaction.atomic():
        for raekke in raekker:
            record = raekke.prioritering
            if raekke.forslag and not (record and record.brugerniveau):
                prioritering_save(
                    sagsomraade=raekke.sagsomraade,
                    values={"brugerniveau": raekke.forslag},
                    version=record.version if record else 0,
                    user=user,
                    kilde="Forslag accepteret",
                )
                accepted += 1
    return accepted


def beslutning_save(*, beslutning, linjer, user):
    """Record a decision with its lines [(sagsomraade, scenario, reason)] together, or nothing."""
    with transaction.atomic():
        beslutning.oprettet_af = user
        beslutning.save()
        for sagsomraade, scenarie, begrundelse in linjer:  # one by one, so each line has its history
            BeslutningLinje.objects.create(
                beslutning=beslutning, sagsomraade=sagsomraade, scenarie=scenarie, begrundelse=begrundelse
            )
            opgaver_sync(sagsomraade)
    return beslutning


def opgaver_sync(sagsomraade):
    """Give the area the task list of its scenario in force (decided, else recommended).

    Tasks of that scenario that exist keep their status; tasks of another scenario that were never
    started are removed, while started or finished ones stay, so no work is lost.
    """
    scenarie, _kilde = gaeldende_scenarie(sagsomraade)
    wanted = loesningsscenarier.opgaver(scenarie) if scenarie else []
    with transaction.atomic():
        existing = {(o.scenarie, o.tekst): o for o in sagsomraade.opgaver.select_for_update()}
        for position, tekst in enumerate(wanted):
            task = existing.pop((scenarie, tekst), None)
            if task is None:
                Opgave.objects.create(
                    sagsomraade=sagsomraade, scenarie=scenarie, raekkefoelge=position, tekst=tekst
                )
            elif task.raekkefoelge != position:
                task.raekkefoelge = position
                task.save(update_fields=["raekkefoelge"])
        for task in existing.values():
            if task.status == Opgave.Status.IKKE_STARTET:
                task.delete()


def opgaver_status_save(*, sagsomraade, statusser):
    """Save task statuses {task id: status}; unknown ids and statuses are ignored."""
    valid = set(Opgave.Status.values)
    with transaction.atomic():
        for task in sagsomraade.opgaver.select_for_update():
            status = statusser.get(task.pk)
            if status in valid and status != task.status:
                task.status = status
                task.save(update_fields=["status"])


def bilag_xlsx():
    """Bilag 1: the whole Dokumentationsark as .xlsx bytes."""
    return dokumentationsark_xlsx(dokumentationsark.queryset(), dokumentationsark.columns())[0]


def notat_send(user):
    """Freeze the notat as it is now: its .docx and its Bilag, with their SHA-256, as the next version."""
    docx, xlsx = aktuelt_notat(), bilag_xlsx()
    with transaction.atomic():
        last = NotatVersion.objects.select_for_update().order_by("-nummer").first()
        return NotatVersion.objects.create(
            nummer=(last.nummer if last else 0) + 1,
            sendt_af=user,
            docx=docx,
            docx_sha256=hashlib.sha256(docx).hexdigest(),
            xlsx=xlsx,
            xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
        )
