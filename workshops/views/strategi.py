import django_filters
from django.contrib.messages.views import SuccessMessageMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.views.generic import CreateView, UpdateView, View
from django_filters.views import FilterView

from exitstrategi.roles import ProjektlederRequiredMixin, RoleRequiredMixin
from exitstrategi.views.registers import HistorikMixin, RegisterDeleteView, SaveOrConflictMixin

from ..forms import StrategiForm
from ..models import Strategi


class StrategiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Søg", field_name="titel", lookup_expr="icontains")
    type = django_filters.ChoiceFilter(label="Type", choices=Strategi.Type.choices, empty_label="Alle typer")

    class Meta:
        model = Strategi
        fields = []


class StrategiListView(RoleRequiredMixin, FilterView):
    model = Strategi
    filterset_class = StrategiFilter
    template_name = "workshops/strategi_list.html"


class StrategiFormMixin(SaveOrConflictMixin, HistorikMixin, ProjektlederRequiredMixin, SuccessMessageMixin):
    model = Strategi
    form_class = StrategiForm
    template_name = "workshops/strategi_form.html"
    success_url = reverse_lazy("workshops:strategi-list")
    success_message = "Strategien «%(titel)s» er gemt."
    delete_url_name = "workshops:strategi-delete"


class StrategiCreateView(StrategiFormMixin, CreateView):
    pass


class StrategiUpdateView(StrategiFormMixin, UpdateView):
    pass


class StrategiDeleteView(RegisterDeleteView):
    model = Strategi
    success_url = reverse_lazy("workshops:strategi-list")


class StrategiFilView(RoleRequiredMixin, View):
    """Uploaded files are served only to logged-in users with a role, never as public media."""

    def get(self, request, pk):
        strategi = get_object_or_404(Strategi, pk=pk)
        if not strategi.fil:
            raise Http404("Strategien har ingen fil.")
        return FileResponse(
            strategi.fil.open("rb"), as_attachment=True, filename=strategi.fil.name.rsplit("/", 1)[-1]
        )
