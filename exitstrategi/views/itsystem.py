import django_filters
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from ..filters import free_text_filter
from ..forms import ITSystemForm
from ..models import ITSystem
from ..roles import ProjektlederRequiredMixin, RoleRequiredMixin, Rolle
from ..systemoverblik import usage
from .registers import HistorikMixin, RegisterDeleteView


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
    model = ITSystem
    filterset_class = ITSystemFilter
    template_name = "exitstrategi/itsystem_list.html"


class ITSystemDetailView(HistorikMixin, RoleRequiredMixin, DetailView):
    model = ITSystem
    template_name = "exitstrategi/itsystem_detail.html"
    delete_url_name = "itsystem-delete"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            usage=usage(self.object), kontrakter=self.object.kontrakter.all(), **kwargs
        )


class ITSystemFormMixin(SuccessMessageMixin):
    model = ITSystem
    form_class = ITSystemForm
    template_name = "exitstrategi/itsystem_form.html"
    success_message = "IT-systemet «%(navn)s» er gemt."


class ITSystemCreateView(ITSystemFormMixin, RoleRequiredMixin, CreateView):
    """A contact person may add a system an answer needs; readers only read the register."""

    allowed_roles = (Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON)


class ITSystemUpdateView(ITSystemFormMixin, ProjektlederRequiredMixin, UpdateView):
    """Only the project leader changes a system that others' answers already point at."""


class ITSystemDeleteView(RegisterDeleteView):
    model = ITSystem
    success_url = reverse_lazy("itsystem-list")
