from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from exitstrategi import guiden
from exitstrategi.model_loading import LetsGoOfRowsMixin
from exitstrategi.models import Fagomraade
from exitstrategi.roles import RoleRequiredMixin, can_edit_fagomraade
from exitstrategi.views.phase_record import PhaseRecordUpdateView
from screening.models import is_screenet_ja

from .. import brugsmoenster, tabeller
from ..forms import R2_FIELDS, AsIsForm
from ..models import FUNKTIONER, OPRYDNING, AsIs
from ..selectors import asis_of, fagomraader_with_completeness, phase_rows
from .kilde import WorkshopSourceMixin


class KortlaegningView(RoleRequiredMixin, TemplateView):
    """Fase 2 overview: how complete the As-is mapping is, per fagområde and in all."""

    template_name = "workshops/kortlaegning.html"

    def get_context_data(self, **kwargs):
        fagomraader = list(fagomraader_with_completeness())
        total = {
            "i_analyse": sum(f.i_analyse for f in fagomraader),
            "komplette": sum(f.komplette for f in fagomraader),
        }
        return super().get_context_data(fagomraader=fagomraader, total=total, **kwargs)


class FagomraadeAsIsView(RoleRequiredMixin, LetsGoOfRowsMixin, TemplateView):
    template_name = "workshops/fagomraade_asis.html"

    def get_context_data(self, **kwargs):
        fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
        rows = self.rows_shown = phase_rows(fagomraade)
        mapped = [
            (s, asis_of(s), asis_of(s).mangler() if asis_of(s) else ["Ikke kortlagt endnu"])
            for s in rows
            if is_screenet_ja(s)
        ]
        can_edit = can_edit_fagomraade(self.request.user, fagomraade)
        return super().get_context_data(
            fagomraade=fagomraade,
            mapped=mapped,
            rows_html=tabeller.asis_rows(mapped, can_edit),
            excluded=[s for s in rows if not is_screenet_ja(s)],
            typer=brugsmoenster.TYPES,
            **kwargs,
        )


class AsIsUpdateView(WorkshopSourceMixin, PhaseRecordUpdateView):
    """All As-is questions for one sagsområde."""

    template_name = "workshops/asis_form.html"
    form_class = AsIsForm
    model = AsIs
    records = ("screening", "asis")
    list_url_name = "workshops:fagomraade-asis"
    out_of_scope_message = "Sagsområdet er ikke screenet Ja og indgår derfor ikke i kortlægningen."

    record_of = staticmethod(asis_of)
    in_scope = staticmethod(is_screenet_ja)

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        return super().get_context_data(
            asis=self.record,
            systemfelter=[
                (form[field], form[f"ny_{field}"]) for field, _label in FUNKTIONER if field in form.fields
            ],
            oprydningsfelter=[form[field] for field, _label in OPRYDNING if field in form.fields],
            tree=brugsmoenster.TREE,
            spoergsmaal=guiden.ASIS,
            typer={
                code: {"i_dag": today, "afhaengighed": dep}
                for code, (today, dep) in brugsmoenster.TYPES.items()
            },
            **kwargs,
        )

    def saved_message(self, record):
        text = f"As-is for {self.sagsomraade.kle.nummer} er gemt."
        if record.brugsmoenster:
            text += f" Brugsmønster: {record.get_brugsmoenster_display()}."
        return text


class BrugsmoensterWizardView(AsIsUpdateView):
    """R2 one question at a time, for a group at a laptop."""

    template_name = "workshops/brugsmoenster_wizard.html"
    only = R2_FIELDS


class BrugsmoenstermodelView(RoleRequiredMixin, TemplateView):
    """The decision tree on one printable page."""

    template_name = "workshops/brugsmoenstermodel.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            questions=brugsmoenster.QUESTIONS, typer=brugsmoenster.TYPES, **kwargs
        )
