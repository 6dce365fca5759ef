from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import TemplateView, View
from django_filters.views import FilterView

from exitstrategi import dokumentationsark
from exitstrategi.concurrency import ConcurrentEditError
from exitstrategi.history import changes_of
from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from exitstrategi.roles import RoleRequiredMixin, can_edit_fagomraade, require_edit
from exitstrategi.selectors import kle_search
from exitstrategi.services import (
    SagsomraadeError,
    answers_of,
    gruppe_active_emner,
    sagsomraader_add,
    sagsomraader_undo_add,
)
from exitstrategi.text import antal

from . import tabel
from .filters import FagomraadeFilter
from .forms import ScreeningFormSet
from .models import Screening, screening_of
from .selectors import fagomraader_with_progress
from .services import screenings_save


class FagomraadeListView(RoleRequiredMixin, FilterView):
    filterset_class = FagomraadeFilter
    template_name = "screening/fagomraade_list.html"

    def get_queryset(self):
        return fagomraader_with_progress()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context["object_list"]
        context["total"] = {
            key: sum(getattr(f, key) for f in rows) for key in ("antal", "ja", "nej", "ubesvaret")
        }
        return context


class FagomraadeDetailView(RoleRequiredMixin, TemplateView):
    """One fagområde's sagsområder: answer the screening question for many rows at once."""

    template_name = "screening/fagomraade_detail.html"

    def authorize(self):
        self.fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
        self.can_edit = can_edit_fagomraade(self.request.user, self.fagomraade)
        if self.request.method == "POST":
            require_edit(self.request.user, self.fagomraade)

    def sagsomraader(self):
        rows = list(
            self.fagomraade.sagsomraader.select_related("kle", "screening", "fagomraade").order_by(
                "kle__nummer"
            )
        )
        return dokumentationsark.also_in(rows)

    def get_context_data(self, formset=None, **kwargs):
        sagsomraader = self.sagsomraader()
        if formset is None:
            initial = tabel.initial(sagsomraader)
            formset = ScreeningFormSet(initial=initial)
            rows = tabel.saved_rows(sagsomraader, initial)
        else:
            rows = tabel.submitted_rows(formset, sagsomraader)
        query = self.request.GET.get("q", "")
        return super().get_context_data(
            fagomraade=self.fagomraade,
            can_edit=self.can_edit,
            # Not the formset itself: the template's lookup formset["management_form"] builds every form.
            management_form=formset.management_form,
            rows=rows,
            tabel=tabel.html(rows, self.can_edit),
            query=query,
            results=kle_search(query) if query else [],
            present=frozenset(s.kle_id for s in sagsomraader),
            changes=changes_of(self.fagomraade),
            undo=undo_batch(self.request, self.fagomraade) if self.can_edit else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        sagsomraader = self.sagsomraader()
        formset = ScreeningFormSet(request.POST, initial=tabel.initial(sagsomraader))
        own_ids = {s.pk for s in sagsomraader}
        if not formset.is_valid() or any(
            form.cleaned_data["sagsomraade_id"] not in own_ids for form in formset.forms
        ):
            messages.error(request, "Svarene kunne ikke gemmes. Siden er opdateret; prøv igen.")
            return self.render_to_response(self.get_context_data(formset=formset))
        answers = [form.cleaned_data for form in formset.forms if form.has_changed()]
        leaving = self.leaving_later_phases(sagsomraader, answers)
        if leaving and not request.POST.get("bekraeft_nej"):
            return self.render_to_response(self.get_context_data(formset=formset, leaving=leaving))
        try:
            saved = screenings_save(answers=answers, user=request.user)
        except ConcurrentEditError as error:
            for form in formset.forms:
                if form.cleaned_data["sagsomraade_id"] in error.records:
                    current = error.records[form.cleaned_data["sagsomraade_id"]]
                    shown = (current.get_anvender_kmd_sag_display() if current else "") or "Ikke besvaret"
                    form.add_error(None, f"{ConcurrentEditError.message} Gemt svar nu: {shown}.")
            messages.error(request, "Intet er gemt, fordi andre har ændret nogle af rækkerne.")
            return self.render_to_response(self.get_context_data(formset=formset))
        messages.success(request, f"{saved} svar er gemt." if saved else "Der var ingen ændringer.")
        return redirect(self.fagomraade)

    def leaving_later_phases(self, sagsomraader, answers):
        """Areas the answers take out of phases 2–3 (Ja to Nej or unanswered) that have answers there."""
        by_id = {s.pk: s for s in sagsomraader}
        leaving = []
        for answer in answers:
            sagsomraade = by_id[answer["sagsomraade_id"]]
            screening = screening_of(sagsomraade)
            if answer["svar"] == Screening.Svar.JA or screening is None or screening.anvender_kmd_sag != "ja":
                continue
            if later := answers_of([sagsomraade.pk], besides=Screening):
                leaving.append((sagsomraade, later))
        return leaving


BATCH = "seneste_tilfoejelse"  # session key: the areas one click just added, for "Fortryd"


def _areas(n):
    return antal(n, "sagsområde", "sagsområder")


class SagsomraadeAddView(RoleRequiredMixin, View):
    """Add sagsområder from the KLE search: chosen topics, or a gruppe's active emner after a
    confirmation that lists them. The last addition can be undone while none of it has answers."""

    def authorize(self):
        self.fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
        require_edit(self.request.user, self.fagomraade)

    def post(self, request, slug):
        gruppe = request.POST.get("gruppe")
        if gruppe:
            gruppe = KLE.objects.filter(nummer=gruppe, niveau=KLE.Niveau.GRUPPE).first()
            topics = gruppe_active_emner(gruppe) if gruppe else []
            if topics and not request.POST.get("bekraeft"):
                return self.confirm(gruppe, topics)
        else:
            numbers = request.POST.getlist("kle")
            topics = list(KLE.objects.filter(nummer__in=numbers).exclude(niveau=KLE.Niveau.HOVEDGRUPPE))
        if not topics:
            messages.error(request, "Vælg et KLE-nummer at tilføje.")
        else:
            self.add(topics)
        query = request.POST.get("q", "")
        url = reverse("screening:fagomraade-detail", args=[slug])
        return redirect(f"{url}?{urlencode({'q': query})}#tilfoej" if query else url)

    def confirm(self, gruppe, topics):
        present = set(Sagsomraade.alle.filter(fagomraade=self.fagomraade).values_list("kle_id", flat=True))
        return render(
            self.request,
            "screening/confirm_add.html",
            {
                "fagomraade": self.fagomraade,
                "gruppe": gruppe,
                "new": [t for t in topics if t.pk not in present],
                "present": [t for t in topics if t.pk in present],
                "q": self.request.POST.get("q", ""),
            },
        )

    def add(self, topics):
        try:
            added, skipped, removed = sagsomraader_add(fagomraade=self.fagomraade, topics=topics)
        except (IntegrityError, ValidationError):  # someone added the same numbers just now
            added, skipped, removed = [], topics, []
        text = f"{_areas(len(added))} tilføjet."
        if skipped:
            text += f" Fandtes allerede: {', '.join(t.nummer for t in skipped)}."
        if removed:
            text += (
                f" Fjernet tidligere, gendan i stedet under Fjernede sagsområder: "
                f"{', '.join(t.nummer for t in removed)}."
            )
        messages.success(self.request, text)
        if added:
            self.request.session[BATCH] = {"fagomraade": self.fagomraade.pk, "ids": [s.pk for s in added]}


def undo_batch(request, fagomraade):
    """The ids of the areas this user's last click added to the fagområde, if it can still be undone."""
    batch = request.session.get(BATCH)
    if not batch or batch["fagomraade"] != fagomraade.pk:
        return []
    ids = list(fagomraade.sagsomraader.filter(pk__in=batch["ids"]).values_list("pk", flat=True))
    return ids if ids and not answers_of(ids) else []


class SagsomraadeUndoAddView(RoleRequiredMixin, View):
    http_method_names = ["post"]

    def authorize(self):
        self.fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
        require_edit(self.request.user, self.fagomraade)

    def post(self, request, slug):
        batch = request.session.get(BATCH) or {}
        ids = batch.get("ids", []) if batch.get("fagomraade") == self.fagomraade.pk else []
        try:
            n = sagsomraader_undo_add(fagomraade=self.fagomraade, sagsomraade_ids=ids)
        except SagsomraadeError as error:
            messages.error(request, str(error))
        else:
            request.session.pop(BATCH, None)
            messages.success(request, f"Tilføjelsen er fortrudt: {_areas(n)} er taget ud igen.")
        return redirect(self.fagomraade)
