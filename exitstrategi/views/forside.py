from django.views.generic import TemplateView

from .. import overblik
from ..roles import RoleRequiredMixin, Rolle, rolle_for


class ForsideView(RoleRequiredMixin, TemplateView):
    """The municipality's progress per phase; a contact person sees their own fagområder first."""

    template_name = "exitstrategi/forside.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        mine = []
        if rolle_for(user) == Rolle.KONTAKTPERSON:
            mine = [(f, overblik.phases([f])) for f in user.fagomraader.order_by("navn")]
        return super().get_context_data(faser=overblik.phases(), mine=mine, **kwargs)
