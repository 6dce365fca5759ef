import django_filters
from django.contrib.messages.views import SuccessMessageMixin
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from ..filters import free_text_filter
from ..forms import ITSystemForm
from ..models import ITSystem
from ..roles import RoleRequiredMixin, Rolle
from ..systemoverblik import usage


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


class ITSystemDetailView(RoleRequiredMixin, DetailView):
    model = ITSystem
    template_name = "exitstrategi/itsystem_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(usage=usage(self.object), **kwargs)


class ITSystemFormMixin(RoleRequiredMixin, SuccessMessageMixin):
    """Project leaders and contact persons keep the register; readers only read it."""

    allowed_roles = (Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON)
    model = ITSystem
    form_class = ITSystemForm
    template_name = "exitstrategi/itsystem_form.html"
    success_message = "IT-systemet «%(navn)s» er gemt."


class ITSystemCreateView(ITSystemFormMixin, CreateView):
    pass


class ITSystemUpdateView(ITSystemFormMixin, UpdateView):
    pass
