from datetime import timedelta

from django.utils import timezone
from django.views.generic import TemplateView

from .. import overblik
from ..kontraktfrister import FORSIDE_DAGE, frister
from ..models import KitosKoersel
from ..roles import RoleRequiredMixin, Rolle, is_projektleder, rolle_for

KITOS_NOTE_DAGE = 14


def kitos_note(user):
    """For the project leader: the latest KITOS import of the last two weeks, when it changed anything
    (a scheduled re-run included)."""
    if not is_projektleder(user):
        return None
    since = timezone.now() - timedelta(days=KITOS_NOTE_DAGE)
    last = KitosKoersel.objects.filter(tidspunkt__gte=since).first()
    if last is None or not (last.tilfoejet or last.aendret or last.fjernet or last.konflikter):
        return None
    return last


class ForsideView(RoleRequiredMixin, TemplateView):
    """The municipality's progress per phase; a contact person sees their own fagområder first."""

    template_name = "exitstrategi/forside.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        mine = []
        if rolle_for(user) == Rolle.KONTAKTPERSON:
            mine = [(f, overblik.phases([f])) for f in user.fagomraader.order_by("navn")]
        return super().get_context_data(
            kitos_note=kitos_note(user),
            faser=overblik.phases(),
            mine=mine,
            frister=frister(timezone.localdate()),
            frist_dage=FORSIDE_DAGE,
            **kwargs,
        )
