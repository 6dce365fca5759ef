"""How fase 2 and 3 take part in the core: Dokumentationsark columns and filters, Historik,
systemoverblik and the front page's progress. Views never import this package."""

from .asis import register as register_asis
from .tobe import register_tobe

__all__ = ["register_asis", "register_tobe"]
