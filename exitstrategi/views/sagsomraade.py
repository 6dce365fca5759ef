from itertools import groupby

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from .. import dokumentationsark
from ..concurrency import ConcurrentEditError
from ..forms import SagsomraadeForm
from ..history import changes_for
from ..roles import RoleRequiredMixin, can_edit_fagomraade, require_edit
from ..selectors import get_sagsomraade
from ..services import sagsomraade_update


class SagsomraadeDetailView(RoleRequiredMixin, TemplateView):
    template_name = "exitstrategi/sagsomraade_detail.html"

    def get_context_data(self, **kwargs):
        sagsomraade = get_sagsomraade(self.kwargs["slug"], self.kwargs["kle"], dokumentationsark.columns())
        dokumentationsark.prepare([sagsomraade])
        columns = dokumentationsark.columns()
        sections = [
            (
                phase,
                dokumentationsark.phase_link(phase, sagsomraade),
                [(c.header, c.value(sagsomraade)) for c in phase_columns],
            )
            for phase, phase_columns in groupby(columns, key=lambda c: c.phase)
        ]
        return super().get_context_data(
            sagsomraade=sagsomraade,
            sections=sections,
            changes=changes_for(sagsomraade),
            can_edit=can_edit_fagomraade(self.request.user, sagsomraade.fagomraade),
            **kwargs,
        )


class SagsomraadeUpdateView(RoleRequiredMixin, FormView):
    template_name = "exitstrategi/sagsomraade_form.html"
    form_class = SagsomraadeForm

    def authorize(self):
        self.sagsomraade = get_sagsomraade(self.kwargs["slug"], self.kwargs["kle"])
        require_edit(self.request.user, self.sagsomraade.fagomraade)

    def get_initial(self):
        return SagsomraadeForm.initial_for(self.sagsomraade)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sagsomraade=self.sagsomraade, **kwargs)

    def form_valid(self, form):
        try:
            sagsomraade_update(sagsomraade=self.sagsomraade, **form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, "Sagsområdet er gemt.")
        return redirect(self.sagsomraade)
