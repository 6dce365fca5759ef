"""Væggen: the cards of a workshop in plenum — questions as rows, fagområder as columns.

An As-is workshop shows the As-is questions, a To-be workshop the To-be questions (only for the
C and D areas), a combined workshop both.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView, View

from exitstrategi import dokumentationsark
from exitstrategi.params import time_param
from exitstrategi.roles import RoleRequiredMixin, can_edit_fagomraade

from ..models import AsIs, ToBe, Workshop
from ..selectors import changed_since, in_scope, sagsomraader_of, stamps
from ..wall_cards import CardWriter, card_id, cell_html, cell_id, registers_stamp, remembered
from .asis import AsIsUpdateView
from .tobe import ToBeUpdateView

PHASES = {  # workshop type: the sheet phases whose questions go on its wall
    Workshop.Type.ASIS: [AsIs.FASE],
    Workshop.Type.TOBE: [ToBe.FASE],
    Workshop.Type.KOMBINERET: [AsIs.FASE, ToBe.FASE],
}


def wall_questions(workshop_type):
    """The columns that hold answers of the workshop's phases, in the sheet's order: the wall's rows."""
    return [
        column
        for phase in PHASES[workshop_type]
        for column in dokumentationsark.columns_of_phase(phase)
        if column.fields and column.on_wall
    ]


class Cell(list):
    """The HTML of the cards of one question for one fagområde, and of the whole cell (`html`)."""

    @property
    def html(self):
        return cell_html(self)


def _wall_rows(fagomraader, columns):
    """The workshop's sagsområder with what the questions' cards and their scope read."""
    return sagsomraader_of(fagomraader, columns).select_related("screening", "asis")


def wall_cells(workshop, fagomraader, user, columns):
    """{(column key, fagomraade pk): Cell} of every question and fagområde, in KLE order."""
    areas = stamps(fagomraader)
    cards = _cards(workshop, fagomraader, user, columns, areas)
    cells = {(column.key, f.pk): Cell() for column in columns for f in fagomraader}
    for pk, fagomraade_id, _stamped in areas:
        for column, card in zip(columns, cards.get(pk, ()), strict=False):  # none: removed meanwhile
            if card:
                cells[column.key, fagomraade_id].append(card)
    return cells


def _cards(workshop, fagomraader, user, columns, areas):
    """{area pk: its cards} of the areas: those this worker wrote before, while the area's stamps, its
    fagområde's slug and the registers read the same (`remembered`); the others loaded and written. A card
    written from a save newer than the stamps read first is remembered under the older stamps: the next
    look reads the newer ones and writes it again."""
    editable = {f.pk: can_edit_fagomraade(user, f) for f in fagomraader}
    slugs = {f.pk: f.slug for f in fagomraader}  # in the cards' edit links
    questions = tuple(column.key for column in columns)
    registers = registers_stamp(columns)
    keys = {
        pk: ((workshop.pk, questions, pk, editable[f]), (registers, slugs[f], stamped))
        for pk, f, stamped in areas
    }
    found = {pk: cards for pk, key in keys.items() if (cards := remembered.get(*key)) is not None}
    missing = keys.keys() - found.keys()
    if missing:
        rows = in_scope(_wall_rows(fagomraader, columns))
        if len(missing) < len(areas):
            rows = rows.filter(pk__in=missing)
        writer = CardWriter(workshop)
        for s in rows:
            found[s.pk] = writer.cards(s, columns, editable[s.fagomraade_id])
            if s.pk in keys:
                remembered.put(*keys[s.pk], found[s.pk])
    return found


def changed_cards(workshop, fagomraader, user, since):
    """The cards of the sagsområder saved since `since` ("" for a card that left the wall), with the cell
    and KLE number that place a new card; `fagomraader()` gives the workshop's, read only when something
    changed. Nothing saved since costs one query of indexed lookups."""
    ids = changed_since(workshop, since)  # nothing changed: one query
    if not ids:
        return []
    fagomraader = fagomraader()
    columns = wall_questions(workshop.type)
    editable = {f.pk: can_edit_fagomraade(user, f) for f in fagomraader}
    writer = CardWriter(workshop)
    return [
        {
            "id": card_id(column.key, s.pk),
            "celle": cell_id(column.key, s.fagomraade_id),
            "kle": s.kle.nummer,
            "html": card,
        }
        for s in _wall_rows(fagomraader, columns).filter(pk__in=ids)
        for column, card in zip(columns, writer.cards(s, columns, editable[s.fagomraade_id]), strict=True)
    ]


class WorkshopMixin:
    def authorize(self):
        self.workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])

    @cached_property
    def fagomraader(self):
        return list(self.workshop.fagomraader.all())


@method_decorator(gzip_page, name="dispatch")  # thousands of alike cards: a tenth of the bytes
class WallView(WorkshopMixin, RoleRequiredMixin, TemplateView):
    """The whole wall, or (?spoergsmaal=<key>) one question at a time for plenum on a projector."""

    template_name = "workshops/vaeggen.html"

    def get_context_data(self, **kwargs):
        questions = wall_questions(self.workshop.type)
        keys = [column.key for column in questions]
        focus = self.request.GET.get("spoergsmaal")
        if focus is not None and focus not in keys:
            raise Http404("Spørgsmålet hører ikke til denne workshop.")
        shown = [c for c in questions if c.key == focus] if focus else questions
        cells = wall_cells(self.workshop, self.fagomraader, self.request.user, shown)
        rows = [(column, [(f, cells[column.key, f.pk]) for f in self.fagomraader]) for column in shown]
        position = keys.index(focus) if focus else None
        return super().get_context_data(
            workshop=self.workshop,
            fagomraader=self.fagomraader,
            rows=rows,
            several_phases=len(PHASES[self.workshop.type]) > 1 and not focus,
            nu=timezone.now().isoformat(),
            first_question=keys[0] if keys else None,
            focus=focus,
            position=None if position is None else position + 1,
            total=len(keys),
            previous=keys[position - 1] if position else None,
            next=keys[position + 1] if position is not None and position + 1 < len(keys) else None,
            **kwargs,
        )


@method_decorator(gzip_page, name="dispatch")
class WallDataView(WorkshopMixin, RoleRequiredMixin, View):
    """The cards changed since ?siden=<time>, as HTML, for the wall's periodic refresh."""

    def get(self, request, pk):
        now = timezone.now()
        since = time_param(request.GET.get("siden")) or now
        cards = changed_cards(self.workshop, lambda: self.fagomraader, request.user, since)
        return JsonResponse({"nu": now.isoformat(), "kort": cards})


class WallCardMixin:
    """Edit one card (one question of one sagsområde) from the wall; the workshop is the source."""

    template_name = "workshops/wall_card_form.html"
    column = None

    def authorize(self):
        self.only = self.column.fields
        super().authorize()

    def source(self):
        self.workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])
        return f"Workshop: {self.workshop}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(column=self.column, **kwargs)

    def success_url_for(self):
        return reverse("workshops:wall", args=[self.workshop.pk])


class AsIsCardView(WallCardMixin, AsIsUpdateView):
    pass


class ToBeCardView(WallCardMixin, ToBeUpdateView):
    pass


CARD_VIEWS = {AsIs.FASE: AsIsCardView, ToBe.FASE: ToBeCardView}


class WallCardView(RoleRequiredMixin, View):
    """Route a card to the As-is or To-be form of its question (which checks the fagområde)."""

    def authorize(self):
        workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])
        column = next((c for c in wall_questions(workshop.type) if c.key == self.kwargs["question"]), None)
        if column is None:
            raise Http404("Spørgsmålet hører ikke til denne workshop.")
        self.card_view = CARD_VIEWS[column.phase].as_view(column=column)

    def get(self, request, **kwargs):
        return self.card_view(request, **kwargs)

    post = get
