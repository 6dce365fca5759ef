"""The front page: each phase's progress and where to go next. Phase apps register their summary."""

from dataclasses import dataclass

_phases = []


@dataclass
class Fase:
    nummer: int
    titel: str
    formaal: str
    url: str
    done: int
    total: int
    enhed: str  # what done/total counts, e.g. "sagsområder screenet"


def register_phase(summary):
    """summary() returns a Fase with the phase's current progress."""
    _phases.append(summary)


def phases():
    return sorted((summary() for summary in _phases), key=lambda fase: fase.nummer)
