from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, UpdateView

from ..forms import FagomraadeForm
from ..models import Fagomraade
from ..roles import ProjektlederRequiredMixin
from .registers import HistorikMixin, RegisterDeleteView


class FagomraadeFormMixin(HistorikMixin, ProjektlederRequiredMixin, SuccessMessageMixin):
    model = Fagomraade
    form_class = FagomraadeForm
    template_name = "exitstrategi/fagomraade_form.html"
    success_message = "Fagområdet «%(navn)s» er gemt."
    delete_url_name = "fagomraade-delete"


class FagomraadeCreateView(FagomraadeFormMixin, CreateView):
    pass


class FagomraadeUpdateView(FagomraadeFormMixin, UpdateView):
    pass


class FagomraadeDeleteView(RegisterDeleteView):
    """Only an empty fagområde goes: its sagsområder are moved or removed first."""

    model = Fagomraade
    success_url = reverse_lazy("home")
