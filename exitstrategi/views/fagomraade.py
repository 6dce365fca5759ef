from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, UpdateView

from ..forms import FagomraadeForm
from ..models import Fagomraade, Sagsomraade
from ..roles import ProjektlederRequiredMixin
from ..text import antal
from .registers import HistorikMixin, RegisterDeleteView, SaveOrConflictMixin


class FagomraadeFormMixin(SaveOrConflictMixin, HistorikMixin, ProjektlederRequiredMixin, SuccessMessageMixin):
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
    """Only an empty fagområde goes: its sagsområder are moved or removed first. Areas removed
    earlier go with it, and the confirmation says so, since they can no longer be restored."""

    model = Fagomraade
    success_url = reverse_lazy("home")

    def removed(self):
        return Sagsomraade.alle.filter(fagomraade=self.object).exclude(fjernet=None)

    def consequences(self):
        consequences = super().consequences()
        if n := self.removed().count():
            consequences.effects.append(
                f"{antal(n, 'fjernet sagsområde', 'fjernede sagsområder')} slettes endeligt med deres svar"
            )
        return consequences

    def delete_object(self):
        self.removed().delete()
        self.object.delete()
