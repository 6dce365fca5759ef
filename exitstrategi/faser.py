"""The phases: one registered object per phase, and everything core knows about a phase.

A phase app registers one `Fase` in its AppConfig.ready(). The Dokumentationsark (columns, filters,
export), the Historik, the front page, the systemoverblik, the navigation and the wall all read this
registry, so core never imports a phase app and a new phase is one app that registers one object.
The core's own "Grundoplysninger" is registered the same way, as number 0.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Menupunkt:
    """An entry of the main navigation; `position` orders entries across phases."""

    position: int
    label: str
    url_name: str
    title: str = ""
    under_input: bool = False  # in the "Input" menu (registers), not on the bar itself

    @property
    def url(self):
        return reverse(self.url_name)


def always(sagsomraade):
    return True


@dataclass(frozen=True)
class Indlaesning:
    """How the Excel import checks and writes a phase's answers: through the phase's own form and save,
    exactly as its pages do."""

    form: Callable  # (sagsomraade, fields) -> the phase's form, unbound, with the row's answers as initial
    save: Callable  # ([(sagsomraade, answers)], user, kilde) -> None: every row of the phase at once
    attach: Callable  # (sagsomraade, form): the new answers onto the row in memory, for later phases
    in_scope: Callable = always  # sagsomraade -> whether it takes part in the phase
    kun_projektleder: bool = False  # only the project leader answers this phase
    answers: Callable = lambda form: form.cleaned_data  # valid form -> what save writes (the plan keeps it)


@dataclass
class Fase:
    nummer: int
    titel: str  # the heading of its columns and sections, e.g. "Fase 1: Screening"
    url_name: str = ""  # the phase's overview page
    record: type | None = None  # the phase record model (one row of answers per sagsområde)
    columns: list = field(default_factory=list)  # dokumentationsark.Column, in the sheet's order
    form: type | None = None  # the form whose fields edit the columns (Column.fields)
    filters: dict = field(default_factory=dict)  # name -> factory of a django-filter Filter
    preparers: list = field(default_factory=list)  # prepare(rows): one query for all rows of a page
    link: Callable | None = None  # sagsomraade -> (label, url) where its answers are given, or None
    summary: Callable | None = None  # scope Q -> overblik.Fremdrift over the sagsområder in scope
    history: Callable | None = None  # sagsomraade -> its history records; default: the record's
    system_usage: Callable | None = None  # it system -> [(sagsomraade, what it is used for)]
    menu: list = field(default_factory=list)  # Menupunkt entries the phase adds to the navigation
    indlaesning: Indlaesning | None = None  # how the Excel import writes its answers

    @property
    def url(self):
        return reverse(self.url_name) if self.url_name else ""

    @property
    def record_name(self):
        """The sagsområde's accessor of the phase record ("screening", "asis" …)."""
        return self.record._meta.get_field("sagsomraade").remote_field.related_name

    def history_of(self, sagsomraade):
        """The django-simple-history records of the sagsområde's answers in this phase, or None."""
        if self.history:
            return self.history(sagsomraade)
        if self.record:
            return self.record.history.filter(sagsomraade_id=sagsomraade.pk)
        return None


_faser: dict[str, Fase] = {}


def register(fase):
    _faser[fase.titel] = fase


def alle():
    """Every registered phase, core's Grundoplysninger first, then by number."""
    return sorted(_faser.values(), key=lambda fase: fase.nummer)


def fase(titel):
    return _faser.get(titel)


def start():
    """The first phase a user works in (fase 1), for the way on from core pages."""
    return next((f for f in alle() if f.nummer >= 1 and f.url_name), None)


def menu():
    """(bar, input menu): the navigation entries of every phase, in position order."""
    entries = sorted((entry for f in alle() for entry in f.menu), key=lambda entry: entry.position)
    return [e for e in entries if not e.under_input], [e for e in entries if e.under_input]


def navigation(request):
    """Context processor: the navigation and the start phase, for base.html and core templates."""
    bar, input_menu = menu()
    return {"nav_bar": bar, "nav_input": input_menu, "start_fase": start()}
