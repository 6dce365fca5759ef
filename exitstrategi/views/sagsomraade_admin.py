"""The project leader removes, restores, moves and re-keys sagsområder; nothing is lost."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, ListView, View

from ..concurrency import ConcurrentEditError
from ..forms import FlytForm, VersionForm
from ..models import Sagsomraade
from ..roles import ProjektlederRequiredMixin
from ..selectors import get_sagsomraade
from ..services import SagsomraadeError, answers_of, sagsomraade_move, sagsomraade_remove, sagsomraade_restore


class SagsomraadeChangeView(ProjektlederRequiredMixin, FormView):
    def authorize(self):
        self.sagsomraade = get_sagsomraade(self.kwargs["slug"], self.kwargs["kle"])

    def get_initial(self):
        return {"version": self.sagsomraade.version}

    def get_context_data(self, **kwargs):
        return super().get_context_data(sagsomraade=self.sagsomraade, **kwargs)

    def form_valid(self, form):
        try:
            changed = self.change(form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        except SagsomraadeError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        return redirect(self.done(changed))


class SagsomraadeRemoveView(SagsomraadeChangeView):
    template_name = "exitstrategi/sagsomraade_remove.html"
    form_class = VersionForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(answers=answers_of([self.sagsomraade.pk]), **kwargs)

    def change(self, data):
        return sagsomraade_remove(sagsomraade=self.sagsomraade, version=data["version"])

    def done(self, removed):
        messages.success(
            self.request,
            f"{removed.kle.nummer} {removed.titel} er fjernet. Svar og historik er gemt; "
            "du kan gendanne det under Fjernede sagsområder.",
        )
        return removed.fagomraade.get_absolute_url()


class SagsomraadeMoveView(SagsomraadeChangeView):
    template_name = "exitstrategi/sagsomraade_flyt.html"
    form_class = FlytForm

    def get_initial(self):
        s = self.sagsomraade
        return {**super().get_initial(), "fagomraade": s.fagomraade, "kle": s.kle.nummer}

    def change(self, data):
        return sagsomraade_move(
            sagsomraade=self.sagsomraade,
            version=data["version"],
            fagomraade=data["fagomraade"],
            kle=data["kle"],
        )

    def done(self, moved):
        messages.success(
            self.request, f"Sagsområdet er flyttet til {moved.fagomraade} · KLE {moved.kle.nummer}."
        )
        return moved.get_absolute_url()


class RemovedListView(ProjektlederRequiredMixin, ListView):
    template_name = "exitstrategi/sagsomraader_fjernede.html"
    queryset = Sagsomraade.alle.exclude(fjernet=None).select_related("fagomraade", "kle").order_by("-fjernet")


class SagsomraadeRestoreView(ProjektlederRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, kle):
        removed = Sagsomraade.alle.exclude(fjernet=None)
        sagsomraade = get_object_or_404(removed, fagomraade__slug=slug, kle__nummer=kle)
        sagsomraade_restore(sagsomraade=sagsomraade)
        messages.success(
            request, f"{sagsomraade.kle.nummer} {sagsomraade.titel} er gendannet med alle sine svar."
        )
        return redirect(sagsomraade)
