"""How fase 2 and 3 take part in the core: Dokumentationsark columns and filters, Historik,
systemoverblik and the front page's progress."""

from .asis import PHASE, asis_of, in_scope
from .asis import register as register_asis
from .tobe import TOBE_PHASE, register_tobe, tobe_in_scope, tobe_of

__all__ = [
    "PHASE",
    "TOBE_PHASE",
    "asis_of",
    "in_scope",
    "register_asis",
    "register_tobe",
    "tobe_in_scope",
    "tobe_of",
]
