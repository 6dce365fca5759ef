"""KLE-opdatering: a new KLE release first as its difference from our catalogue, then applied; and the
sagsområder that stand on expired or moved numbers, with the numbers KL moved them to."""

from io import BytesIO

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from ..kle_import import KleImportError, diff_rapport, kle_diff, kle_import, parse_emneplan
from ..models import KleIndlaesning
from ..revisionslog import Handling, log
from ..roles import ProjektlederRequiredMixin, RoleRequiredMixin, is_projektleder
from ..selectors import paa_udgaaede_numre


class KleUploadForm(forms.Form):
    fil = forms.FileField(label="KLE-emneplan (KLE-XML fra KL)")

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        self.data_bytes = fil.read()
        try:
            parse_emneplan(BytesIO(self.data_bytes))
        except KleImportError as error:
            raise forms.ValidationError(f"{error} Intet er ændret.") from None
        return fil


def fetch_kle_online():
    """KL's current emneplan from the configured KLE-online address (bytes), or KleImportError."""
    import requests

    try:
        response = requests.get(settings.KLE_ONLINE_URL, timeout=60, stream=True)
        response.raise_for_status()
        data = response.raw.read(settings.KLE_IMPORT_MAX_BYTES + 1, decode_content=True)
    except requests.RequestException as error:
        raise KleImportError(f"KLE-online svarede ikke ({error}).") from None
    if len(data) > settings.KLE_IMPORT_MAX_BYTES:
        raise KleImportError("KLE-online sendte mere end grænsen for en KLE-fil.")
    return data


class KleView(RoleRequiredMixin, FormView):
    """Everyone sees the sagsområder on expired or moved numbers; the project leader updates KLE."""

    template_name = "exitstrategi/kle.html"
    form_class = KleUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            udgaaede=paa_udgaaede_numre(), kle_online=bool(settings.KLE_ONLINE_URL), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not is_projektleder(request.user):
            raise PermissionDenied("Det er kun projektlederen, der kan opdatere KLE.")
        KleIndlaesning.ryd_op()
        if "kle_online" in request.POST and settings.KLE_ONLINE_URL:
            try:
                data = fetch_kle_online()
                parse_emneplan(BytesIO(data))
            except KleImportError as error:
                messages.error(request, str(error))
                return redirect("kle")
            pending = KleIndlaesning.objects.create(bruger=request.user, filnavn="KLE-online", data=data)
            return redirect("kle-preview", pk=pending.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        fil = form.cleaned_data["fil"]
        pending = KleIndlaesning.objects.create(
            bruger=self.request.user, filnavn=fil.name[:255], data=form.data_bytes
        )
        return redirect("kle-preview", pk=pending.pk)


class KlePreviewView(ProjektlederRequiredMixin, TemplateView):
    """The release's difference and the sagsområder it touches; applied on confirmation."""

    template_name = "exitstrategi/kle_preview.html"

    def authorize(self):
        self.pending = get_object_or_404(KleIndlaesning, pk=self.kwargs["pk"], bruger=self.request.user)

    def emneplan(self):
        return parse_emneplan(BytesIO(bytes(self.pending.data)))

    def get_context_data(self, **kwargs):
        diff = kle_diff(self.emneplan())
        return super().get_context_data(diff=diff, linjer=diff_rapport(diff), pending=self.pending, **kwargs)

    def post(self, request, *args, **kwargs):
        result = kle_import(self.emneplan())
        self.pending.delete()
        log(Handling.INDLAESNING, request=request, beskrivelse=f"KLE-emneplan {self.pending.filnavn}")
        messages.success(
            request,
            f"KLE-emneplanen er opdateret: {result.created} nye og {result.updated} ændrede numre. "
            "Sagsområder på udgåede eller flyttede numre står nedenfor.",
        )
        return redirect("kle")
