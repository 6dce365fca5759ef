from django.views.generic import TemplateView

from .. import overblik
from ..roles import RoleRequiredMixin


class ForsideView(RoleRequiredMixin, TemplateView):
    template_name = "exitstrategi/forside.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(faser=overblik.phases(), **kwargs)
