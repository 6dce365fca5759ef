from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView

from exitstrategi.concurrency import ConcurrentEditError
from exitstrategi.models import Fagomraade
from exitstrategi.roles import RoleRequiredMixin, can_edit_fagomraade, require_edit
from exitstrategi.views.sagsomraade import get_sagsomraade

from .. import brugsmoenster
from ..forms import R2_FIELDS, AsIsForm
from ..models import FUNKTIONER, OPRYDNING, AsIs, Workshop
from ..selectors import fagomraader_with_completeness, in_scope, out_of_scope, sagsomraader_of
from ..services import phase_record_save
from ..sheet import asis_of
from ..sheet import in_scope as is_in_scope


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


class FagomraadeAsIsView(RoleRequiredMixin, TemplateView):
    template_name = "workshops/fagomraade_asis.html"

    def get_context_data(self, **kwargs):
        fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
        rows = sagsomraader_of([fagomraade])
        mapped = [(s, asis_of(s)) for s in in_scope(rows)]
        return super().get_context_data(
            fagomraade=fagomraade,
            mapped=[(s, asis, asis.mangler() if asis else ["Ikke kortlagt endnu"]) for s, asis in mapped],
            excluded=list(out_of_scope(rows)),
            can_edit=can_edit_fagomraade(self.request.user, fagomraade),
            typer=brugsmoenster.TYPES,
            **kwargs,
        )


class AsIsUpdateView(RoleRequiredMixin, FormView):
    """All As-is questions for one sagsområde; ?workshop=N records the workshop as the source."""

    template_name = "workshops/asis_form.html"
    form_class = AsIsForm
    only = None

    def authorize(self):
        self.sagsomraade = get_sagsomraade(self.kwargs["slug"], self.kwargs["kle"])
        require_edit(self.request.user, self.sagsomraade.fagomraade)
        self.asis = asis_of(self.sagsomraade) or AsIs(sagsomraade=self.sagsomraade)
        # Before the form binds: a ModelForm writes the submitted answers onto its instance.
        self.mangler = self.asis.mangler() if self.asis.pk else None
        workshop_id = self.request.POST.get("workshop") or self.request.GET.get("workshop")
        self.workshop = Workshop.objects.filter(pk=workshop_id).first() if workshop_id else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.asis, "only": self.only}

    def get_initial(self):
        return {"version": self.asis.version}

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        return super().get_context_data(
            systemfelter=[
                (form[field], form[f"ny_{field}"]) for field, _label in FUNKTIONER if field in form.fields
            ],
            oprydningsfelter=[form[field] for field, _label in OPRYDNING if field in form.fields],
            sagsomraade=self.sagsomraade,
            asis=self.asis,
            in_scope=is_in_scope(self.sagsomraade),
            mangler=self.mangler,
            workshop=self.workshop,
            next=self.request.GET.get("next", ""),
            tree=brugsmoenster.TREE,
            typer={
                code: {"i_dag": today, "afhaengighed": dep}
                for code, (today, dep) in brugsmoenster.TYPES.items()
            },
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not is_in_scope(self.sagsomraade):
            messages.error(request, "Sagsområdet er ikke screenet Ja og indgår derfor ikke i kortlægningen.")
            return redirect(self.sagsomraade)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            asis = phase_record_save(
                model=AsIs,
                sagsomraade=self.sagsomraade,
                user=self.request.user,
                workshop=self.workshop,
                **form.service_kwargs(),
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        text = f"As-is for {self.sagsomraade.kle.nummer} er gemt."
        if asis.brugsmoenster:
            text += f" Brugsmønster: {asis.get_brugsmoenster_display()}."
        messages.success(self.request, text)
        return redirect(self.success_url_for())

    def success_url_for(self):
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {self.request.get_host()}):
            return target
        return reverse("workshops:fagomraade-asis", args=[self.sagsomraade.fagomraade.slug])


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
