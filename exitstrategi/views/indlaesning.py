"""Indlæs et udfyldt Dokumentationsark: upload, a preview cell by cell, then all of it or nothing."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from .. import indlaesning
from ..concurrency import ConcurrentEditError
from ..excel_import import ExcelRefused, open_xlsx
from ..models import ExcelIndlaesning
from ..revisionslog import Handling, log
from ..roles import RoleRequiredMixin, Rolle, is_projektleder

EDITORS = (Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON)


class UploadForm(forms.Form):
    fil = forms.FileField(label="Udfyldt Dokumentationsark (.xlsx)")
    tillad_nye = forms.BooleanField(
        label="Opret nye sagsområder fra rækker, der ikke findes",
        required=False,
        help_text="Kun for projektlederen: rækker med et kendt fagområde og et gældende KLE-emnenummer.",
    )

    def __init__(self, *args, projektleder, **kwargs):
        super().__init__(*args, **kwargs)
        if not projektleder:
            del self.fields["tillad_nye"]

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        try:
            self.workbook = open_xlsx(fil.read(), fil.name)
        except ExcelRefused as error:
            raise forms.ValidationError(str(error)) from None
        fil.seek(0)
        return fil


class UploadView(RoleRequiredMixin, FormView):
    allowed_roles = EDITORS
    template_name = "exitstrategi/indlaesning_upload.html"
    form_class = UploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "projektleder": is_projektleder(self.request.user)}

    def form_valid(self, form):
        ExcelIndlaesning.ryd_op()
        fil = form.cleaned_data["fil"]
        pending = ExcelIndlaesning.objects.create(
            bruger=self.request.user,
            filnavn=fil.name[:255],
            data=fil.read(),
            tillad_nye=form.cleaned_data.get("tillad_nye", False),
        )
        return redirect("indlaesning-preview", pk=pending.pk)


class PreviewView(RoleRequiredMixin, TemplateView):
    """What the file changes, cell by cell; conflicts with a choice each; applying needs the same plan."""

    allowed_roles = EDITORS
    template_name = "exitstrategi/indlaesning_preview.html"

    def authorize(self):
        self.pending = get_object_or_404(ExcelIndlaesning, pk=self.kwargs["pk"], bruger=self.request.user)

    def plan(self, overskriv=frozenset()):
        workbook = open_xlsx(bytes(self.pending.data), self.pending.filnavn)
        return indlaesning.plan(
            workbook,
            self.pending.filnavn,
            self.request.user,
            overskriv=overskriv,
            tillad_nye=self.pending.tillad_nye,
        )

    def get_context_data(self, **kwargs):
        plan = kwargs.pop("plan", None) or self.plan()
        return super().get_context_data(plan=plan, pending=self.pending, **kwargs)

    def post(self, request, *args, **kwargs):
        plan = self.plan(overskriv=frozenset(request.POST.getlist("overskriv")))
        if plan.fingeraftryk != request.POST.get("fingeraftryk") or not plan.kan_indlaeses:
            messages.warning(
                request, "Svarene er ændret, siden forhåndsvisningen blev vist. Se den nye forhåndsvisning."
            )
            return self.render_to_response(self.get_context_data(plan=plan))
        try:
            saved = indlaesning.apply(plan, request.user)
        except ConcurrentEditError:
            messages.warning(request, "Nogen gemte svar under indlæsningen. Intet er ændret; prøv igen.")
            return redirect(request.path)
        self.pending.delete()
        log(
            Handling.INDLAESNING,
            request=request,
            beskrivelse=f"Dokumentationsark {plan.filnavn}: {saved} svar",
        )
        messages.success(
            request, f"{plan.filnavn} er indlæst: {saved} svar er gemt. Historikken viser filen."
        )
        return redirect(reverse("dokumentationsark"))
