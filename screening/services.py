from django.db import transaction

from exitstrategi.concurrency import ConcurrentEditError

from .models import Screening


def screenings_save(*, answers, user, kilde=None):
    """Save screening answers for several sagsområder, all or nothing.

    `answers` is a list of dicts with sagsomraade_id, svar, note and version (the version the
    user's form was rendered from; 0 for an unanswered row). If anyone saved one of the rows in
    the meantime, nothing is saved and ConcurrentEditError.records maps each such
    sagsomraade_id to its current Screening.
    """
    with transaction.atomic():
        ids = [answer["sagsomraade_id"] for answer in answers]
        current = {s.pk: s for s in Screening.objects.select_for_update().filter(pk__in=ids)}
        conflicts = {}
        for answer in answers:
            screening = current.get(answer["sagsomraade_id"])
            if (screening.version if screening else 0) != answer["version"]:
                conflicts[answer["sagsomraade_id"]] = screening
                continue
            if screening is None:
                screening = Screening(sagsomraade_id=answer["sagsomraade_id"])
            screening.anvender_kmd_sag = answer["svar"]
            screening.note = answer["note"]
            screening.aendret_af = user
            screening.version += 1
            screening._history_user = user
            if kilde:
                screening._change_reason = kilde
            screening.save()
        if conflicts:
            raise ConcurrentEditError(conflicts)
    return len(answers)
