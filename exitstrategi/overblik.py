"""The front page: each phase's progress and where to go next (`faser.Fase.summary`)."""

from dataclasses import dataclass

from django.db.models import Q

from . import faser


@dataclass
class Fremdrift:
    nummer: int
    titel: str
    formaal: str
    url: str
    done: int
    total: int
    enhed: str  # what done/total counts, e.g. "sagsområder screenet"
    naeste: tuple[str, str] | None = None  # (label, url) of the first area still to answer

    @property
    def mangler(self):
        return self.total - self.done


def phases(fagomraader=None):
    """Every phase's progress, over all sagsområder or over those of the given fagområder.
    A phase's summary(scope) gets `scope` as a Q on Sagsomraade."""
    scope = Q(fagomraade__in=fagomraader) if fagomraader is not None else Q()
    return [fase.summary(scope) for fase in faser.alle() if fase.summary]


def progress(queryset, done, url_of):
    """(done, total, next) for a phase over the queryset of its sagsområder; `done` is a Q of the
    answered ones and url_of(sagsomraade) the page where the next one is answered."""
    total = queryset.count()
    answered = queryset.filter(done).count()
    first = (
        queryset.exclude(done).select_related("fagomraade", "kle").order_by("fagomraade__navn", "kle__nummer")
    )
    first = first.first() if answered < total else None
    naeste = (f"{first.kle.nummer} {first.titel}", url_of(first)) if first else None
    return answered, total, naeste
