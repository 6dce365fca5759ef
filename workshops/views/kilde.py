"""Answers given at a workshop: the workshop is recorded as their source in the Historik."""

from exitstrategi.params import key_param

from ..models import Workshop


class WorkshopSourceMixin:
    """?workshop=N on an As-is or To-be page: the answers are given at that workshop (one that covers
    the area's fagområde; any other is ignored)."""

    def source(self):
        workshop_id = key_param(self.request.POST.get("workshop") or self.request.GET.get("workshop"))
        covering = Workshop.objects.filter(fagomraader=self.sagsomraade.fagomraade_id)
        self.workshop = covering.filter(pk=workshop_id).first() if workshop_id else None
        return f"Workshop: {self.workshop}" if self.workshop else None

    def get_context_data(self, **kwargs):
        return super().get_context_data(workshop=self.workshop, **kwargs)
