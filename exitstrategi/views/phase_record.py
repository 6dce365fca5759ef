"""The form page for a sagsområde's answers in one phase: partial forms, conflicts, the way back."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from ..concurrency import ConcurrentEditError
from ..roles import RoleRequiredMixin, require_edit
from ..selectors import get_sagsomraade
from ..services import phase_record_save


class PhaseRecordUpdateView(RoleRequiredMixin, FormView):
    model = None  # the phase record model
    records = ()  # the sagsområde's phase records the page reads ("screening", "asis" …): joined to it
    record_of = None  # staticmethod: the sagsområde's record of this phase, or None
    in_scope = None  # staticmethod: whether the sagsområde takes part in this phase
    only = None  # limit the form to these fields
    list_url_name = ""  # the fagområde page to return to
    out_of_scope_message = ""

    def authorize(self):
        self.sagsomraade = get_sagsomraade(self.kwargs["slug"], self.kwargs["kle"], records=self.records)
        require_edit(self.request.user, self.sagsomraade.fagomraade)
        self.record = self.record_of(self.sagsomraade) or self.model(sagsomraade=self.sagsomraade)
        # Before the form binds: a ModelForm writes the submitted answers onto its instance.
        self.mangler = self.record.mangler() if self.record.pk else None
        self.kilde = self.source()

    def source(self):
        """Where the answers are given (e.g. a workshop), recorded in the history; None: the page."""
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.record, "only": self.only}

    def get_initial(self):
        return {"version": self.record.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sagsomraade=self.sagsomraade,
            record=self.record,
            in_scope=self.in_scope(self.sagsomraade),
            mangler=self.mangler,
            next=self.request.GET.get("next", ""),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.in_scope(self.sagsomraade):
            messages.error(request, self.out_of_scope_message)
            return redirect(self.sagsomraade)
        return super().post(request, *args, **kwargs)

    def save(self, form):
        return phase_record_save(
            model=self.model,
            sagsomraade=self.sagsomraade,
            user=self.request.user,
            kilde=self.kilde,
            **form.service_kwargs(),
        )

    def form_valid(self, form):
        try:
            record = self.save(form)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, self.saved_message(record))
        return redirect(self.success_url_for())

    def saved_message(self, record):
        return f"{record._meta.verbose_name} for {self.sagsomraade.kle.nummer} er gemt."

    def success_url_for(self):
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {self.request.get_host()}):
            return target
        return reverse(self.list_url_name, args=[self.sagsomraade.fagomraade.slug])
