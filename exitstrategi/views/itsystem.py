import django_filters
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from ..filters import free_text_filter
from ..forms import ITSystemForm, MarkedsloesningForm
from ..kitos_import import forslag
from ..models import ITSystem
from ..roles import ProjektlederRequiredMixin, RoleRequiredMixin, Rolle
from ..systemoverblik import usage
from .registers import HistorikMixin, RegisterDeleteView, SaveOrConflictMixin


class ITSystemFilter(django_filters.FilterSet):
    q = free_text_filter("navn__icontains", "leverandoer__icontains")
    type = django_filters.ChoiceFilter(label="Type", choices=ITSystem.Type.choices, empty_label="Alle typer")
    aftale = django_filters.ChoiceFilter(
        label="Monopolbrud/TSA", choices=ITSystem.Aftale.choices, empty_label="Alle"
    )

    class Meta:
        model = ITSystem
        fields = []


class ITSystemListView(RoleRequiredMixin, FilterView):
    """The municipality's own systems (systemoverblik); market solutions have their own list."""

    queryset = ITSystem.objects.egne()
    filterset_class = ITSystemFilter
    template_name = "exitstrategi/itsystem_list.html"


class MarkedsloesningFilter(django_filters.FilterSet):
    q = free_text_filter("navn__icontains", "leverandoer__icontains")
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=[(t.value, t.label) for t in (ITSystem.Type.ESDH, ITSystem.Type.FAGSYSTEM)],
        empty_label="Alle typer",
    )

    class Meta:
        model = ITSystem
        fields = []


class MarkedsloesningListView(RoleRequiredMixin, FilterView):
    """The catalogue of solutions on the market that To-be questions 3 and 4 may name."""

    queryset = ITSystem.objects.marked()
    filterset_class = MarkedsloesningFilter
    template_name = "exitstrategi/markedsloesning_list.html"


class ITSystemDetailView(HistorikMixin, RoleRequiredMixin, DetailView):
    model = ITSystem
    template_name = "exitstrategi/itsystem_detail.html"
    delete_url_name = "itsystem-delete"

    def get_context_data(self, **kwargs):
        fagomraader, sagsomraader = forslag(self.object) if self.object.kitos_uuid else ([], [])
        return super().get_context_data(
            usage=usage(self.object),
            kontrakter=self.object.kontrakter.all(),
            kitos_fagomraader=fagomraader,
            kitos_sagsomraader=sagsomraader,
            **kwargs,
        )


class ITSystemFormMixin(SaveOrConflictMixin, SuccessMessageMixin):
    model = ITSystem
    form_class = ITSystemForm
    template_name = "exitstrategi/itsystem_form.html"
    success_message = "IT-systemet «%(navn)s» er gemt."

    def get_form_class(self):
        return MarkedsloesningForm if self.object and self.object.markedsloesning else self.form_class


class ITSystemCreateView(ITSystemFormMixin, RoleRequiredMixin, CreateView):
    """A contact person may add a system an answer needs; readers only read the register."""

    allowed_roles = (Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON)


class MarkedsloesningCreateView(ITSystemCreateView):
    form_class = MarkedsloesningForm
    success_message = "Markedsløsningen «%(navn)s» er gemt."

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.markedsloesning = True
        return form


class ITSystemUpdateView(ITSystemFormMixin, ProjektlederRequiredMixin, UpdateView):
    """Only the project leader changes a system that others' answers already point at."""


class ITSystemDeleteView(RegisterDeleteView):
    model = ITSystem
    success_url = reverse_lazy("itsystem-list")
