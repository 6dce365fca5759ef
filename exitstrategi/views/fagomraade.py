from django.contrib import messages
from django.views.generic import CreateView, UpdateView

from ..forms import FagomraadeForm
from ..models import Fagomraade
from ..roles import ProjektlederRequiredMixin


class FagomraadeCreateView(ProjektlederRequiredMixin, CreateView):
    model = Fagomraade
    form_class = FagomraadeForm
    template_name = "exitstrategi/fagomraade_form.html"

    def form_valid(self, form):
        messages.success(self.request, f"Fagområdet «{form.instance.navn}» er oprettet.")
        return super().form_valid(form)


class FagomraadeUpdateView(ProjektlederRequiredMixin, UpdateView):
    model = Fagomraade
    form_class = FagomraadeForm
    template_name = "exitstrategi/fagomraade_form.html"

    def form_valid(self, form):
        messages.success(self.request, f"Fagområdet «{form.instance.navn}» er gemt.")
        return super().form_valid(form)
