from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import UpdateView

from ..forms import KommuneForm
from ..indstillinger import KOMPLEKSITETER, Kommune
from ..roles import RoleRequiredMixin, is_projektleder, refusal
from .registers import HistorikMixin


class KommuneView(HistorikMixin, RoleRequiredMixin, UpdateView):
    """Kommunens indstillinger: the project leader edits them, everyone else reads them."""

    form_class = KommuneForm
    template_name = "exitstrategi/indstillinger.html"

    def get_object(self, queryset=None):
        return Kommune.get()

    def post(self, request, *args, **kwargs):
        if not is_projektleder(request.user):
            raise PermissionDenied(refusal(request.user, ("Projektleder",)))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(kompleksiteter=[label for _k, label in KOMPLEKSITETER], **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "Kommunens indstillinger er gemt.")
        return redirect("indstillinger")
