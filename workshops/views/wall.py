"""Væggen: the cards of a workshop in plenum — questions as rows, fagområder as columns."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.generic import TemplateView, View

from exitstrategi import dokumentationsark
from exitstrategi.roles import RoleRequiredMixin, can_edit_fagomraade

from ..models import Workshop
from ..selectors import in_scope, sagsomraader_of
from ..sheet import PHASE, asis_of
from .asis import AsIsUpdateView


def wall_questions():
    """The As-is columns that hold answers, in the sheet's order: the rows of the wall."""
    return [column for column in dokumentationsark.columns_of_phase(PHASE) if column.fields]


def _changed_after(sagsomraade, since):
    asis = asis_of(sagsomraade)
    return asis is not None and asis.aendret > since


def wall_cells(workshop, fagomraader, user, changed_since=None):
    """{(column key, fagomraade pk): [card, ...]} for every fagområde (or those changed since)."""
    rows = list(in_scope(sagsomraader_of(fagomraader)))
    if changed_since is not None:
        changed = {s.fagomraade_id for s in rows if _changed_after(s, changed_since)}
        rows = [s for s in rows if s.fagomraade_id in changed]
    cells = {}
    for column in wall_questions():
        for fagomraade in fagomraader:
            cells[column.key, fagomraade.pk] = []
        for s in rows:
            if (column.key, s.fagomraade_id) in cells:
                cells[column.key, s.fagomraade_id].append(
                    {
                        "key": column.key,
                        "sagsomraade": s,
                        "value": column.value(s),
                        "can_edit": can_edit_fagomraade(user, s.fagomraade),
                    }
                )
    if changed_since is not None:
        cells = {key: cards for key, cards in cells.items() if key[1] in changed}
    return cells


class WorkshopMixin:
    def authorize(self):
        self.workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])
        self.fagomraader = list(self.workshop.fagomraader.all())


class WallView(WorkshopMixin, RoleRequiredMixin, TemplateView):
    template_name = "workshops/vaeggen.html"

    def get_context_data(self, **kwargs):
        cells = wall_cells(self.workshop, self.fagomraader, self.request.user)
        rows = [
            (column, [(f, cells[column.key, f.pk]) for f in self.fagomraader]) for column in wall_questions()
        ]
        return super().get_context_data(
            workshop=self.workshop,
            fagomraader=self.fagomraader,
            rows=rows,
            nu=timezone.now().isoformat(),
            **kwargs,
        )


class WallDataView(WorkshopMixin, RoleRequiredMixin, View):
    """The cells changed since ?siden=<time>, as HTML, for the wall's periodic refresh."""

    def get(self, request, pk):
        now = timezone.now()
        since = parse_datetime(request.GET.get("siden", "")) or now
        cells = wall_cells(self.workshop, self.fagomraader, request.user, changed_since=since)
        html = {
            f"celle-{key}-{fagomraade_pk}": render_to_string(
                "workshops/_wall_cards.html", {"cards": cards, "workshop": self.workshop}, request=request
            )
            for (key, fagomraade_pk), cards in cells.items()
        }
        return JsonResponse({"nu": now.isoformat(), "celler": html})


class WallCardView(AsIsUpdateView):
    """Edit one card (one question of one sagsområde) from the wall; the workshop is the source."""

    template_name = "workshops/wall_card_form.html"

    def authorize(self):
        column = next((c for c in wall_questions() if c.key == self.kwargs["question"]), None)
        if column is None:
            raise Http404("Ukendt spørgsmål")
        self.column, self.only = column, column.fields
        super().authorize()
        self.workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(column=self.column, **kwargs)

    def success_url_for(self):
        return reverse("workshops:wall", args=[self.workshop.pk])
