"""Indlæs fra KITOS: read the API (or uploaded files), a preview field by field, then all of it or nothing."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from .. import kitos, kitos_import
from ..models import KitosIndlaesning, KitosKoersel
from ..revisionslog import Handling, log
from ..roles import ProjektlederRequiredMixin


class UploadForm(forms.Form):
    it_system_usages = forms.FileField(label="it-system-usages.json (systemerne i brug)")
    it_systems = forms.FileField(label="it-systems.json (katalogets systemer)")
    it_contracts = forms.FileField(label="it-contracts.json (kontrakterne)", required=False)
    deleted_entities = forms.FileField(label="deleted-entities.json (slettede)", required=False)

    def clean(self):
        cleaned = super().clean()
        self.filer = {}
        for name, upload in list(cleaned.items()):
            if upload:
                file_name = f"{name.replace('_', '-')}.json"
                try:
                    self.filer[file_name] = kitos.parse_file(file_name, upload.read())
                except kitos.KitosFejl as error:
                    self.add_error(name, str(error))
        return cleaned


def api_configured():
    return bool(settings.KITOS_ORGANISATION and settings.KITOS_EMAIL)


def api_source():
    return kitos.Api(
        settings.KITOS_URL,
        settings.KITOS_ORGANISATION,
        email=settings.KITOS_EMAIL,
        password=settings.KITOS_PASSWORD,
        timeout=settings.KITOS_TIMEOUT,
    )


class KitosView(ProjektlederRequiredMixin, FormView):
    """The start: read from KITOS's API, or upload its saved answers; the imports made so far."""

    template_name = "exitstrategi/kitos.html"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            koersler=KitosKoersel.objects.select_related("bruger")[:10], api=api_configured(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        KitosIndlaesning.ryd_op()
        if "api" in request.POST:
            if not api_configured():
                messages.error(request, "KITOS' API er ikke sat op; indlæs de gemte filer i stedet.")
                return redirect("kitos")
            siden = None if request.POST["api"] == "alt" else kitos_import.since_last()
            pending = KitosIndlaesning.objects.create(bruger=request.user, siden=siden)
            return redirect("kitos-preview", pk=pending.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        pending = KitosIndlaesning.objects.create(bruger=self.request.user, filer=form.filer)
        return redirect("kitos-preview", pk=pending.pk)


class KitosPreviewView(ProjektlederRequiredMixin, TemplateView):
    """What KITOS would add, change and remove; conflicts with a choice each; applying needs the same plan."""

    template_name = "exitstrategi/kitos_preview.html"

    def authorize(self):
        self.pending = get_object_or_404(KitosIndlaesning, pk=self.kwargs["pk"], bruger=self.request.user)

    def plan(self, overskriv=frozenset()):
        if self.pending.filer is None:
            source, kilde = api_source(), settings.KITOS_URL
        else:
            source, kilde = kitos.Data(self.pending.filer), "uploadede filer"
        udtraek = kitos.read(source, self.pending.siden)
        return kitos_import.plan(udtraek, kilde=kilde, tidspunkt=timezone.now(), overskriv=overskriv)

    def get(self, request, *args, **kwargs):
        try:
            plan = self.plan()
        except kitos.KitosFejl as error:
            messages.error(request, str(error))
            return redirect("kitos")
        return self.render_to_response(self.get_context_data(plan=plan))

    def get_context_data(self, **kwargs):
        return super().get_context_data(pending=self.pending, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            plan = self.plan(overskriv=frozenset(request.POST.getlist("overskriv")))
        except kitos.KitosFejl as error:
            messages.error(request, str(error))
            return redirect("kitos")
        if plan.fingeraftryk != request.POST.get("fingeraftryk"):
            messages.warning(request, "KITOS eller registret er ændret siden forhåndsvisningen. Se den nye.")
            return self.render_to_response(self.get_context_data(plan=plan))
        koersel = kitos_import.apply(plan, request.user)
        self.pending.delete()
        summary = (
            f"{koersel.tilfoejet} nye, {koersel.aendret} ændrede, {koersel.fjernet} fjernede, "
            f"{koersel.konflikter} konflikter, hvor vores værdi er beholdt"
        )
        log(Handling.INDLAESNING, request=request, beskrivelse=f"KITOS ({plan.kilde}): {summary}")
        messages.success(request, f"Indlæst fra KITOS: {summary}. Historikken viser KITOS som kilde.")
        return redirect("kitos")
