from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import DetailView
from django.views.generic.edit import CreateView, UpdateView
from django_filters.views import FilterView

from exitstrategi.concurrency import ConcurrentEditError
from exitstrategi.models import Kommune
from exitstrategi.roles import ProjektlederRequiredMixin, RoleRequiredMixin
from exitstrategi.views.registers import HistorikMixin, RegisterDeleteView

from ..filters import WorkshopFilter
from ..forms import DeltagerFormSet, MaterialeForm, WorkshopForm
from ..models import Workshop


class WorkshopListView(RoleRequiredMixin, FilterView):
    filterset_class = WorkshopFilter
    template_name = "workshops/workshop_list.html"

    def get_queryset(self):
        return (
            Workshop.objects.prefetch_related("fagomraader")
            .select_related("facilitator")
            .annotate(antal_deltagere=Count("deltagere", distinct=True))
        )


class WorkshopFormMixin(ProjektlederRequiredMixin):
    """The workshop and its participants in one form, saved together or not at all."""

    model = Workshop
    form_class = WorkshopForm
    template_name = "workshops/workshop_form.html"

    def get_context_data(self, **kwargs):
        if "deltagere" not in kwargs:
            kwargs["deltagere"] = DeltagerFormSet(instance=self.object or Workshop())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if "pk" in self.kwargs else None
        form = self.get_form()
        deltagere = DeltagerFormSet(request.POST, instance=form.instance)
        if not (form.is_valid() and deltagere.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, deltagere=deltagere))
        try:
            with transaction.atomic():
                self.object = form.save()
                deltagere.instance = self.object
                deltagere.save()
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form, deltagere=deltagere))
        messages.success(request, f"Workshoppen «{self.object.titel}» er gemt.")
        return redirect(self.object)


class WorkshopCreateView(WorkshopFormMixin, CreateView):
    def get_initial(self):
        return {"max_deltagere": Kommune.get().max_deltagere}


class WorkshopUpdateView(WorkshopFormMixin, UpdateView):
    pass


class WorkshopDetailView(HistorikMixin, RoleRequiredMixin, DetailView):
    template_name = "workshops/workshop_detail.html"
    queryset = Workshop.objects.select_related("facilitator")
    delete_url_name = "workshops:workshop-delete"

    def get_context_data(self, **kwargs):
        workshop = self.object
        fagomraader = list(workshop.fagomraader.all())
        deltagere = list(workshop.deltagere.select_related("fagomraade"))
        estimat, partner = workshop.tidsestimat(len(deltagere))
        return super().get_context_data(
            fagomraader=fagomraader,
            deltagere=deltagere,
            advarsler=workshop.advarsler(len(fagomraader), len(deltagere), {d.kategori for d in deltagere}),
            estimat=estimat,
            partner=partner,
            antal=workshop.antal_deltagere(len(deltagere)),
            materiale_form=MaterialeForm(workshop=workshop),
            **kwargs,
        )


class WorkshopDeleteView(RegisterDeleteView):
    model = Workshop
    success_url = reverse_lazy("workshops:workshop-list")
