from exitstrategi.services import phase_records_save

from .models import Screening


def screenings_save(*, answers, user, kilde=None):
    """Save screening answers for several sagsområder, all or nothing.

    `answers` is a list of dicts with sagsomraade_id, svar, note and version (the version the
    user's form was rendered from; 0 for an unanswered row). If anyone saved one of the rows in
    the meantime, nothing is saved and ConcurrentEditError.records maps each such
    sagsomraade_id to its current Screening.
    """
    phase_records_save(
        model=Screening,
        changes=[
            (a["sagsomraade_id"], {"anvender_kmd_sag": a["svar"], "note": a["note"]}, a["version"], None)
            for a in answers
        ],
        user=user,
        kilde=kilde,
    )
    return len(answers)
