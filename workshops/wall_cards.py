"""The wall's cards as HTML, written directly: a combined workshop of four fagområder has thousands of
cards, and a template include with a URL reversal per card was most of the wall's time. Every value
from the database passes through escape().

A worker keeps each sagsområde's written cards (`remembered`) and uses them again while nothing they
show has changed: the sagsområde and its screening, As-is and To-be records were not saved since
(their `aendret` stamps, which the wall's refresh also asks) and the IT systems they name read the
same. A wall of 400 areas then loads one row of stamps per area instead of every answer."""

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from exitstrategi.models import Sagsomraade
from exitstrategi.opslag import register_models
from exitstrategi.renderers import shown
from screening.models import is_screenet_ja

from .models import AsIs, ToBe
from .selectors import tobe_in_scope

EMPTY = '<span class="text-muted small wall-empty">Ingen sagsområder</span>'
_QUESTION, _SLUG, _KLE = "QUESTION", "SLUG", "99.99.99"  # URL-safe stand-ins, replaced per card
SCOPE = {AsIs.FASE: lambda s: True, ToBe.FASE: tobe_in_scope}  # beyond screened Ja, which all share


class CardWriter:
    def __init__(self, workshop):
        # One reversal for all cards: questions, slugs and KLE numbers need no quoting in a URL.
        self.edit_url = reverse("workshops:wall-card", args=[workshop.pk, _QUESTION, _SLUG, _KLE])

    def cards(self, sagsomraade, columns, can_edit):
        """The area's card for each column, in order: "" for a question that does not concern it."""
        s = sagsomraade
        if not is_screenet_ja(s):
            return ("",) * len(columns)
        scope = {phase: in_scope(s) for phase, in_scope in SCOPE.items()}
        kle = escape(s.kle.nummer)
        label = f'<span class="text-muted">{kle} {escape(Truncator(s.titel).chars(28))}:</span>'
        url = self.edit_url.replace(_SLUG, s.fagomraade.slug).replace(_KLE, s.kle.nummer) if can_edit else ""
        return tuple(
            self._card(column.key, column.value(s), s.pk, kle, label, url) if scope[column.phase] else ""
            for column in columns
        )

    @staticmethod
    def _card(key, value, pk, kle, label, url):
        text = "–" if value in ("", None) else shown(value)
        edit = ""
        if url:
            href = escape(url.replace(_QUESTION, key))
            edit = f' <a class="small wall-edit" href="{href}" title="Ret kortet">Ret</a>'
        return (
            f'<div class="wall-card" id="{card_id(key, pk)}" data-kle="{kle}">'
            f'{label} <strong class="card-note">{text}</strong>{edit}</div>'
        )


def cell_html(cards):
    """A cell's cards, or the note that it has none."""
    return mark_safe("".join(cards) or EMPTY)  # noqa: S308 (escaped in CardWriter)


class Remembered:
    """{(workshop, questions, sagsområde, editable): (stamps, cards)} of one worker process: a stamp that
    differs means the cards are written again. Cleared when full: a wall of 400 areas is 400 entries of
    at most 23 cards (~7 KB), so a worker keeps at most ~35 MB."""

    LIMIT = 5_000

    def __init__(self):
        self.entries = {}

    def get(self, key, stamps):
        found = self.entries.get(key)
        return found[1] if found is not None and found[0] == stamps else None

    def put(self, key, stamps, cards):
        if len(self.entries) >= self.LIMIT:
            self.entries.clear()
        self.entries[key] = (stamps, cards)


remembered = Remembered()


def registers_stamp(columns):
    """What the registers the columns name (IT systems) read now: each row's key and name, which is how
    a card shows it (a NavngivetModel's str())."""
    models = register_models(Sagsomraade, [path for column in columns for path in column.prefetch])
    return hash(tuple(tuple(m._default_manager.order_by("pk").values_list("pk", "navn")) for m in models))


def card_id(key, sagsomraade_id):
    return f"kort-{key}-{sagsomraade_id}"


def cell_id(key, fagomraade_id):
    return f"celle-{key}-{fagomraade_id}"
