from collections import Counter

from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView, UpdateView, View

from exitstrategi.concurrency import ConcurrentEditError
from exitstrategi.models import Fagomraade, phase_record
from exitstrategi.params import key_param
from exitstrategi.revisionslog import Handling, log
from exitstrategi.roles import (
    ProjektlederRequiredMixin,
    RoleRequiredMixin,
    Rolle,
    can_edit_fagomraade,
    require_edit,
    rolle_for,
)
from exitstrategi.selectors import get_sagsomraade
from exitstrategi.views.phase_record import PhaseRecordUpdateView
from exitstrategi.views.registers import HistorikMixin
from workshops import loesningsscenarier
from workshops.selectors import asis_of, tobe_in_scope

from . import brugerniveau, omfang, raekkefoelge, tidsplan
from .filters import PrioriteringFilter
from .forms import (
    BeslutningForm,
    BeslutningLinjerForm,
    NotatTeksterForm,
    PrioriteringForm,
    PrioriteringRaekkeForm,
)
from .models import Beslutning, NotatTekster, NotatVersion, Opgave, Prioritering
from .notat import byg
from .notat_docx import aktuelt_notat
from .selectors import billeder_af, gaeldende_scenarie, i_scope, prioriteret
from .services import (
    beslutning_save,
    bilag_xlsx,
    brugerniveau_accept,
    notat_send,
    opgaver_status_save,
    prioritering_save,
    prioriteringer_save,
)


class PrioriteringView(RoleRequiredMixin, TemplateView):
    """Trin 1–4: the areas in scope in their order, filtered; the project leader edits in the table."""

    template_name = "prioritering/oversigt.html"

    def setup_lists(self):
        queryset = i_scope()
        self.filter = PrioriteringFilter(self.request.GET or None, queryset=queryset)
        self.liste = prioriteret(queryset)
        shown = set(self.filter.qs.values_list("pk", flat=True)) if self.filter.is_bound else None
        self.shown = [r for r in self.liste.raekker if shown is None or r.sagsomraade.pk in shown]
        self.mangler = [r for r in self.liste.mangler if shown is None or r.sagsomraade.pk in shown]

    def forms(self, data=None):
        if rolle_for(self.request.user) != Rolle.PROJEKTLEDER:
            return {}
        return {
            r.sagsomraade.pk: PrioriteringRaekkeForm(
                data,
                instance=r.prioritering or Prioritering(sagsomraade=r.sagsomraade),
                initial={"version": r.prioritering.version if r.prioritering else 0},
                prefix=f"p{r.sagsomraade.pk}",
            )
            for r in self.shown
        }

    def get(self, request, *args, **kwargs):
        self.setup_lists()
        return self.render_to_response(self.get_context_data(forms=self.forms()))

    def post(self, request, *args, **kwargs):
        if rolle_for(request.user) != Rolle.PROJEKTLEDER:
            return redirect(request.path)
        self.setup_lists()
        forms = self.forms(request.POST)
        if all(form.is_valid() for form in forms.values()):
            try:
                prioriteringer_save(
                    [(r.sagsomraade, forms[r.sagsomraade.pk]) for r in self.shown], request.user
                )
            except ConcurrentEditError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Prioriteringen er gemt.")
                return redirect(request.get_full_path())
        else:
            messages.error(request, "Nogle rækker har fejl; intet er gemt. Ret de markerede felter.")
        return self.render_to_response(self.get_context_data(forms=forms))

    def get_context_data(self, forms, **kwargs):
        rows = [(r, forms.get(r.sagsomraade.pk)) for r in self.shown]
        return super().get_context_data(
            filter=self.filter,
            rows=rows,
            mangler=self.mangler,
            kommune=self.liste.kommune,
            antal_scenarie=_counts(self.shown, lambda r: r.scenarie, tidsplan.INDKOEB),
            antal_fagomraade=[
                (navn, slug, count)
                for (navn, slug), count in sorted(
                    Counter(
                        (r.sagsomraade.fagomraade.navn, r.sagsomraade.fagomraade.slug) for r in self.shown
                    ).items()
                )
            ],
            antal_omfang=_counts(
                self.shown, lambda r: r.omfang.vaerdi, {**omfang.NAVNE, None: "Kan ikke beregnes"}
            ),
            forslag_mangler=sum(
                1
                for r in self.liste.raekker + self.liste.mangler
                if r.forslag and not (r.prioritering and r.prioritering.brugerniveau)
            ),
            brugerniveau_regel=brugerniveau.REGEL,
            raekkefoelge_regel=raekkefoelge.REGEL,
            indkoeb_regel=tidsplan.INDKOEB_REGEL,
            **kwargs,
        )


def _counts(rows, key, labels):
    counted = Counter(key(r) for r in rows)
    return [
        (value, label, counted[value])
        for value, label in labels.items()
        if counted[value] or value is not None
    ]


class BrugerniveauAcceptView(ProjektlederRequiredMixin, View):
    """Accept every suggested user level at once, for the areas without a level."""

    def post(self, request):
        liste = prioriteret()
        accepted = brugerniveau_accept(liste.raekker + liste.mangler, request.user)
        messages.success(
            request, f"Forslaget er accepteret for {accepted} sagsområde{'r' if accepted != 1 else ''}."
        )
        return redirect("prioritering:oversigt")


class PrioriteringUpdateView(PhaseRecordUpdateView):
    """All of trin 1–4 for one area, with the workshop's answers beside the re-assessment."""

    allowed_roles = (Rolle.PROJEKTLEDER,)
    model = Prioritering
    records = ("screening", "asis", "tobe", "prioritering")
    form_class = PrioriteringForm
    template_name = "prioritering/prioritering_form.html"
    record_of = staticmethod(lambda s: phase_record(s, "prioritering"))
    in_scope = staticmethod(tobe_in_scope)
    out_of_scope_message = "Kun sagsområder med brugsmønster C eller D prioriteres i fase 4."

    def save(self, form):
        return prioritering_save(
            sagsomraade=self.sagsomraade, user=self.request.user, **form.service_kwargs()
        )

    def success_url_for(self):
        return reverse("prioritering:oversigt")


class BeslutningListView(RoleRequiredMixin, ListView):
    """The municipality's decisions, latest first: the latest naming an area is in force for it."""

    template_name = "prioritering/beslutning_list.html"
    queryset = Beslutning.objects.select_related("oprettet_af").annotate(antal=Count("linjer"))


class BeslutningDetailView(HistorikMixin, RoleRequiredMixin, DetailView):
    template_name = "prioritering/beslutning_detail.html"
    model = Beslutning

    def get_context_data(self, **kwargs):
        linjer = self.object.linjer.select_related(
            "sagsomraade__fagomraade", "sagsomraade__kle", "sagsomraade__tobe"
        )
        return super().get_context_data(
            linjer=linjer.order_by("sagsomraade__fagomraade__navn", "sagsomraade__kle__nummer"), **kwargs
        )


class BeslutningCreateView(ProjektlederRequiredMixin, TemplateView):
    """Record the decision taken with a mandate: who, when, the reference, and per area the scenario."""

    template_name = "prioritering/beslutning_form.html"

    def forms(self, data=None):
        raekker = prioriteret().raekker
        return BeslutningForm(data, prefix="beslutning"), BeslutningLinjerForm(
            data, raekker=raekker, prefix="linjer"
        )

    def get(self, request, *args, **kwargs):
        form, linjer = self.forms()
        return self.render_to_response(self.get_context_data(form=form, linjer=linjer))

    def post(self, request, *args, **kwargs):
        form, linjer = self.forms(request.POST)
        if not (form.is_valid() and linjer.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, linjer=linjer))
        beslutning = beslutning_save(
            beslutning=form.save(commit=False), linjer=linjer.linjer(), user=request.user
        )
        messages.success(request, f"Beslutningen er registreret for {len(linjer.linjer())} sagsområder.")
        return redirect(beslutning)


class OpgaverView(RoleRequiredMixin, TemplateView):
    """The tasks of the area's scenario in force with their status: the start of the plan. The project
    leader and the fagområde's contact persons keep the status; everyone reads it."""

    template_name = "prioritering/opgaver.html"

    def authorize(self):
        self.sagsomraade = get_sagsomraade(self.kwargs["slug"], self.kwargs["kle"])
        if self.request.method == "POST":
            require_edit(self.request.user, self.sagsomraade.fagomraade)

    def get_context_data(self, **kwargs):
        scenarie, kilde = gaeldende_scenarie(self.sagsomraade)
        asis = asis_of(self.sagsomraade)
        afvent = loesningsscenarier.afvent_ky_ksd(
            scenarie, lambda: asis is not None and asis.bruger_monopolbrudssystem
        )
        return super().get_context_data(
            sagsomraade=self.sagsomraade,
            scenarie=scenarie,
            kilde=kilde,
            opgaver=[
                (task, loesningsscenarier.gaelder(task.scenarie, task.tekst, afvent))
                for task in self.sagsomraade.opgaver.all()
            ],
            statusser=Opgave.Status.choices,
            can_edit=can_edit_fagomraade(self.request.user, self.sagsomraade.fagomraade),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        statusser = {
            key: value
            for name, value in request.POST.items()
            if name.startswith("status-") and (key := key_param(name.removeprefix("status-"))) is not None
        }
        opgaver_status_save(sagsomraade=self.sagsomraade, statusser=statusser)
        messages.success(request, "Opgavernes status er gemt.")
        return redirect(request.path)


class BillederView(RoleRequiredMixin, TemplateView):
    """The portfolio matrix, the scenario distribution and the timeline, drawn as SVG."""

    template_name = "prioritering/billeder.html"

    def get_context_data(self, **kwargs):
        liste = prioriteret()
        matrix, (fordeling, fordeling_h), tidslinje = billeder_af(liste)
        return super().get_context_data(
            antal=len(liste.raekker),
            matrix=matrix,
            fordeling=fordeling,
            fordeling_h=fordeling_h,
            tidslinje=tidslinje,
            **kwargs,
        )


class UdsnitView(RoleRequiredMixin, TemplateView):
    """A printable slice of the order: one fagområde (for the talk with its fagchef) or one scenario
    (for the purchasing and digitalisation chiefs: how many licence extensions and new purchases)."""

    template_name = "prioritering/udsnit.html"

    def get_context_data(self, **kwargs):
        liste = prioriteret()
        if "slug" in self.kwargs:
            fagomraade = get_object_or_404(Fagomraade, slug=self.kwargs["slug"])
            raekker = [r for r in liste.raekker if r.sagsomraade.fagomraade_id == fagomraade.pk]
            titel = f"{fagomraade.navn}: sagsområder i prioriteringen"
            formaal = (
                "Til dialogen med fagchefen om prioriteringen: fagområdets løsningsscenarier, sagsområder "
                "og brugere."
            )
        else:
            nummer = self.kwargs["scenarie"]
            if nummer not in loesningsscenarier.SCENARIER:
                raise Http404("Ukendt løsningsscenarie")
            raekker = [r for r in liste.raekker if r.scenarie == nummer]
            titel = f"Løsningsscenarie {nummer}: {loesningsscenarier.SCENARIER[nummer][0]}"
            formaal = (
                f"Til indkøbschefen og digitaliseringschefen: {tidsplan.INDKOEB[nummer].lower()} for "
                f"{len(raekker)} sagsområde{'r' if len(raekker) != 1 else ''}."
            )
        opgaver = Counter(
            (o.sagsomraade_id, o.status)
            for o in Opgave.objects.filter(sagsomraade__in=[r.sagsomraade for r in raekker])
        )
        return super().get_context_data(
            titel=titel,
            formaal=formaal,
            raekker=[
                (
                    r,
                    opgaver[r.sagsomraade.pk, Opgave.Status.FAERDIG],
                    sum(opgaver[r.sagsomraade.pk, s] for s in Opgave.Status.values),
                )
                for r in raekker
            ],
            brugere=sum(r.asis.antal_sagsbehandlere or 0 for r in raekker),
            indkoeb_regel=tidsplan.INDKOEB_REGEL,
            **kwargs,
        )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(request, content, content_type, filename):
    """A file of the notat taken out: it goes in the revisionslog."""
    log(Handling.EKSPORT, request=request, beskrivelse=filename)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class NotatView(RoleRequiredMixin, TemplateView):
    """Trin 5: the beslutningsnotat as a page that prints on A4, its downloads and its sent versions."""

    template_name = "prioritering/notat.html"

    def get_context_data(self, **kwargs):
        notat = byg()
        matrix, (fordeling, fordeling_h), tidslinje = notat.billeder
        return super().get_context_data(
            notat=notat,
            matrix=matrix,
            fordeling=fordeling,
            fordeling_h=fordeling_h,
            tidslinje=tidslinje,
            versioner=NotatVersion.objects.select_related("sendt_af").defer("docx", "xlsx"),
            **kwargs,
        )


class NotatDocxView(RoleRequiredMixin, View):
    def get(self, request):
        return _download(
            request, aktuelt_notat(), DOCX_TYPE, f"beslutningsnotat-{timezone.localdate():%Y-%m-%d}.docx"
        )


class NotatBilagView(RoleRequiredMixin, View):
    def get(self, request):
        return _download(
            request, bilag_xlsx(), XLSX_TYPE, f"bilag-dokumentationsark-{timezone.localdate():%Y-%m-%d}.xlsx"
        )


class NotatTeksterView(ProjektlederRequiredMixin, HistorikMixin, UpdateView):
    """The notat's own words: resumé, the introduction to the indstilling, økonomi and risici."""

    form_class = NotatTeksterForm
    template_name = "prioritering/notat_tekster.html"
    success_url = reverse_lazy("prioritering:notat")

    def get_object(self, queryset=None):
        return NotatTekster.get()

    def form_valid(self, form):
        messages.success(self.request, "Notatets tekster er gemt.")
        return super().form_valid(form)


class NotatSendView(ProjektlederRequiredMixin, View):
    """Mark the draft "sendt til beslutning": that version is kept as it is, for good."""

    def post(self, request):
        try:
            version = notat_send(request.user)
        except IntegrityError:  # someone sent the same number in the same moment
            messages.error(
                request, "Et andet notat blev sendt i samme øjeblik. Se versionerne, og prøv igen."
            )
            return redirect("prioritering:notat")
        messages.success(
            request, f"Notatet er sendt til beslutning som version {version.nummer} og kan ikke ændres."
        )
        return redirect("prioritering:notat")


class NotatVersionView(RoleRequiredMixin, View):
    """A sent version's .docx or its Bilag, exactly as sent."""

    def get(self, request, nummer, fil):
        version = get_object_or_404(NotatVersion, nummer=nummer)
        if fil == "docx":
            return _download(
                request, bytes(version.docx), DOCX_TYPE, f"beslutningsnotat-version-{nummer}.docx"
            )
        return _download(
            request, bytes(version.xlsx), XLSX_TYPE, f"bilag-dokumentationsark-version-{nummer}.xlsx"
        )
