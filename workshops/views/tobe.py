from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from exitstrategi import guiden
from exitstrategi.model_loading import LetsGoOfRowsMixin
from exitstrategi.models import Fagomraade
from exitstrategi.roles import RoleRequiredMixin, can_edit_fagomraade
from exitstrategi.views.phase_record import PhaseRecordUpdateView
from screening.models import is_screenet_ja

from .. import loesningsscenarier, tabeller
from ..forms import TOBE_ANSWERS, ToBeForm
from ..models import FUNKTIONER, LOESNINGER, ToBe
from ..selectors import (
    asis_of,
    contract_dates_by_system,
    fagomraader_with_recommendations,
    phase_rows,
    scenarie_counts,
    tobe_in_scope,
    tobe_of,
)
from ..services import tobe_save
from .kilde import WorkshopSourceMixin


class VurderingView(RoleRequiredMixin, TemplateView):
    """Fase 3 overview: recommendations per fagområde and how many areas each scenario gets."""

    template_name = "workshops/vurdering.html"

    def get_context_data(self, **kwargs):
        fagomraader = list(fagomraader_with_recommendations())
        counts = scenarie_counts()
        return super().get_context_data(
            fagomraader=fagomraader,
            total={
                "i_tobe": sum(f.i_tobe for f in fagomraader),
                "anbefalet": sum(f.anbefalet for f in fagomraader),
            },
            scenarier=[(n, title, counts[n]) for n, (title, _tasks) in loesningsscenarier.SCENARIER.items()],
            **kwargs,
        )


class FagomraadeToBeView(RoleRequiredMixin, LetsGoOfRowsMixin, TemplateView):
    template_name = "workshops/fagomraade_tobe.html"

    def get_context_data(self, **kwargs):
        fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
        rows = self.rows_shown = [s for s in phase_rows(fagomraade) if is_screenet_ja(s)]
        assessed = [
            (s, tobe_of(s), tobe_of(s).mangler() if tobe_of(s) else ["Ikke vurderet endnu"])
            for s in rows
            if tobe_in_scope(s)
        ]
        return super().get_context_data(
            fagomraade=fagomraade,
            assessed=assessed,
            rows_html=tabeller.tobe_rows(assessed, can_edit_fagomraade(self.request.user, fagomraade)),
            excluded=[(s, asis_of(s)) for s in rows if not tobe_in_scope(s)],
            **kwargs,
        )


class ToBeUpdateView(WorkshopSourceMixin, PhaseRecordUpdateView):
    """To-be questions 2–6 and the recommended scenario for one C/D sagsområde."""

    template_name = "workshops/tobe_form.html"
    form_class = ToBeForm
    model = ToBe
    records = ("screening", "asis", "tobe")
    record_of = staticmethod(tobe_of)
    in_scope = staticmethod(tobe_in_scope)
    only = TOBE_ANSWERS
    list_url_name = "workshops:fagomraade-tobe"
    out_of_scope_message = "Kun sagsområder med brugsmønster C eller D vurderes i To-be."

    def save(self, form):
        return tobe_save(
            sagsomraade=self.sagsomraade,
            user=self.request.user,
            kilde=self.kilde,
            **form.service_kwargs(),
        )

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        asis = asis_of(self.sagsomraade)
        return super().get_context_data(
            asis=asis,
            udbud_forslag=self.udbud_forslag(asis),
            spoergsmaal=guiden.TOBE,
            loesningsfelter=[
                (form[field], form[f"ny_{field}"], getattr(asis, f"{asis_field}", None) if asis else None)
                for (field, _label), (asis_field, _l) in zip(LOESNINGER, FUNKTIONER, strict=True)
                if field in form.fields  # a wall card edits only its own question's fields
            ],
            opgaver=[  # (task, whether it applies here): the recommended scenario's tasks, as information
                (tekst, loesningsscenarier.gaelder(scenarie, tekst, self.record.afvent_ky_ksd))
                for scenarie in [self.record.anbefalet_scenarie]
                if scenarie
                for tekst in loesningsscenarier.opgaver(scenarie)
            ],
            **kwargs,
        )

    def udbud_forslag(self, asis):
        """The first notice deadline among the contracts of the systems the area uses today."""
        if asis is None:
            return None
        _exits, deadlines = contract_dates_by_system(timezone.localdate())
        found = [
            deadlines[getattr(asis, f"{f}_id")]
            for f, _label in FUNKTIONER
            if getattr(asis, f"{f}_id") in deadlines
        ]
        return min(found, key=lambda item: item[0]) if found else None
