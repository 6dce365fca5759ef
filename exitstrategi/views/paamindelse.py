from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import View

from ..models import Fagomraade
from ..roles import ProjektlederRequiredMixin
from ..services import fagomraader_remind


class FagomraadeRemindView(ProjektlederRequiredMixin, View):
    """Send the chosen fagområders contact persons what is still missing (the guide's e-mail)."""

    http_method_names = ["post"]

    def post(self, request):
        fagomraader = Fagomraade.objects.filter(pk__in=request.POST.getlist("fagomraade")).order_by("navn")
        if not fagomraader:
            messages.error(request, "Vælg de fagområder, hvis kontaktpersoner skal have en påmindelse.")
        else:
            reminded, without = fagomraader_remind(
                fagomraader=fagomraader, base_url=request.build_absolute_uri("/")
            )
            if reminded:
                names = ", ".join(f.navn for f in reminded)
                messages.success(request, f"Påmindelsen er sendt til kontaktpersonerne for {names}.")
            if without:
                names = ", ".join(f.navn for f in without)
                messages.warning(request, f"Ingen kontaktperson med e-mail for {names}; vælg en først.")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = "/"
        return redirect(target)
