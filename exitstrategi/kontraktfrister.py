"""Contract deadlines that must reach people: the last notice days coming up (the front page lists
those of the next 90 days; `manage.py paamindelser` e-mails the project leader ahead of each)."""

from dataclasses import dataclass
from datetime import timedelta

from .models import Kontrakt

FORSIDE_DAGE = 90


@dataclass(frozen=True)
class Frist:
    opsig_senest: object  # the last day to give notice
    tidligste_ophoer: object  # the exit that notice reaches
    kontrakt: Kontrakt


def frister(today, dage=FORSIDE_DAGE):
    """The contracts whose last notice day falls within `dage` days from today, the nearest first (one
    query per relation, whatever the number of contracts)."""
    found = []
    for kontrakt in Kontrakt.objects.prefetch_related("itsystemer", "afventer_udfasning"):
        ophoer = kontrakt.tidligste_ophoer(today)
        deadline = ophoer.opsig_senest if ophoer is not None else None
        if deadline is not None and today <= deadline <= today + timedelta(days=dage):
            found.append(Frist(deadline, ophoer.dato, kontrakt))
    return sorted(found, key=lambda frist: (frist.opsig_senest, frist.kontrakt.navn))
