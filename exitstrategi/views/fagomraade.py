from django.contrib.messages.views import SuccessMessageMixin
from django.views.generic import CreateView, UpdateView

from ..forms import FagomraadeForm
from ..models import Fagomraade
from ..roles import ProjektlederRequiredMixin


class FagomraadeFormMixin(ProjektlederRequiredMixin, SuccessMessageMixin):
    model = Fagomraade
    form_class = FagomraadeForm
    template_name = "exitstrategi/fagomraade_form.html"
    success_message = "Fagområdet «%(navn)s» er gemt."


class FagomraadeCreateView(FagomraadeFormMixin, CreateView):
    pass


class FagomraadeUpdateView(FagomraadeFormMixin, UpdateView):
    pass
