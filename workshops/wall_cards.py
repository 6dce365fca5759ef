"""The wall's cards as HTML, written directly: a combined workshop of four fagområder has thousands of
cards, and a template include with a URL reversal per card was most of the wall's time. Every value
from the database passes through escape()."""

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from exitstrategi.renderers import shown

EMPTY = '<span class="text-muted small wall-empty">Ingen sagsområder</span>'
_QUESTION, _SLUG, _KLE = "QUESTION", "SLUG", "99.99.99"  # URL-safe stand-ins, replaced per card


class CardWriter:
    def __init__(self, workshop):
        # One reversal for all cards: questions, slugs and KLE numbers need no quoting in a URL.
        self.edit_url = reverse("workshops:wall-card", args=[workshop.pk, _QUESTION, _SLUG, _KLE])
        self.labels = {}

    def cell(self, cards):
        """A cell's cards, or the note that it has none."""
        return mark_safe("".join(map(self.card, cards)) or EMPTY)  # noqa: S308 (escaped in card())

    def card(self, card):
        s = card["sagsomraade"]
        value = card["value"]
        text = "–" if value in ("", None) else shown(value)
        edit = ""
        if card["can_edit"]:
            url = self.edit_url.replace(_QUESTION, card["key"])
            url = escape(url.replace(_SLUG, s.fagomraade.slug).replace(_KLE, s.kle.nummer))
            edit = f' <a class="small wall-edit" href="{url}" title="Ret kortet">Ret</a>'
        return (
            f'<div class="wall-card" id="{card_id(card["key"], s)}" data-kle="{escape(s.kle.nummer)}">'
            f'{self.label(s)} <strong class="card-note">{text}</strong>{edit}</div>'
        )

    def label(self, sagsomraade):
        """The area's KLE number and short title, once per area (it is on every question's card)."""
        if sagsomraade.pk not in self.labels:
            title = Truncator(sagsomraade.titel).chars(28)
            self.labels[sagsomraade.pk] = (
                f'<span class="text-muted">{escape(sagsomraade.kle.nummer)} {escape(title)}:</span>'
            )
        return self.labels[sagsomraade.pk]


def card_id(key, sagsomraade):
    return f"kort-{key}-{sagsomraade.pk}"


def cell_id(key, fagomraade_id):
    return f"celle-{key}-{fagomraade_id}"
