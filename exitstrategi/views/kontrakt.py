from datetime import date

import django_filters
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.generic import CreateView, UpdateView
from django_filters.views import FilterView

from ..filters import free_text_filter
from ..forms import KontraktForm
from ..models import ITSystem, Kontrakt
from ..roles import ProjektlederRequiredMixin, RoleRequiredMixin
from .registers import HistorikMixin, RegisterDeleteView, SaveOrConflictMixin


class KontraktFilter(django_filters.FilterSet):
    q = free_text_filter("navn__icontains", "leverandoer__icontains", "itsystemer__navn__icontains")
    itsystem = django_filters.ModelChoiceFilter(
        label="IT-system",
        field_name="itsystemer",
        queryset=ITSystem.objects.egne(),
        empty_label="Alle systemer",
        distinct=True,
    )
    type = django_filters.ChoiceFilter(
        label="Kontrakttype", choices=Kontrakt.Type.choices, empty_label="Alle"
    )
    indkoebsform = django_filters.ChoiceFilter(
        label="Indkøbsform", choices=Kontrakt.Indkoebsform.choices, empty_label="Alle"
    )

    class Meta:
        model = Kontrakt
        fields = []


class KontraktListView(RoleRequiredMixin, FilterView):
    """The contract overview, the next notice deadline first."""

    filterset_class = KontraktFilter
    template_name = "exitstrategi/kontrakt_list.html"
    queryset = Kontrakt.objects.prefetch_related("itsystemer", "afventer_udfasning")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = [(kontrakt, kontrakt.tidligste_ophoer(today)) for kontrakt in context["object_list"]]

        def deadline(row):
            ophoer = row[1]
            if ophoer is None:  # waits for an unknown phase-out date: last
                return date.max
            return ophoer.opsig_senest or ophoer.dato

        context["rows"] = sorted(rows, key=deadline)
        context["kmd_sag"] = [
            row for row in rows if any(s.type == ITSystem.Type.KMD_SAG for s in row[0].itsystemer.all())
        ]
        return context


class KontraktFormMixin(SaveOrConflictMixin, HistorikMixin, ProjektlederRequiredMixin, SuccessMessageMixin):
    model = Kontrakt
    form_class = KontraktForm
    template_name = "exitstrategi/kontrakt_form.html"
    success_url = reverse_lazy("kontrakt-list")
    success_message = "Kontrakten «%(navn)s» er gemt."
    delete_url_name = "kontrakt-delete"


class KontraktCreateView(KontraktFormMixin, CreateView):
    pass


class KontraktUpdateView(KontraktFormMixin, UpdateView):
    pass


class KontraktDeleteView(RegisterDeleteView):
    model = Kontrakt
    success_url = reverse_lazy("kontrakt-list")
    cancel_url = reverse_lazy("kontrakt-list")
