"""What goes to the participants: the material checklist, the printable spørgeguide (R3) and each
fagområde's preparation pack for an As-is, To-be or combined workshop."""

import re

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import TemplateView, View

from exitstrategi import dokumentationsark, guiden
from exitstrategi.roles import ProjektlederRequiredMixin, RoleRequiredMixin

from .. import brugsmoenster, loesningsscenarier
from ..forms import MaterialeForm
from ..models import AsIs, ToBe, Workshop
from ..selectors import asis_of, contracts_by_system, in_scope, sagsomraader_of, tobe_scope


class MaterialeView(ProjektlederRequiredMixin, View):
    """Tick off the material sent to the participants."""

    def post(self, request, pk):
        workshop = get_object_or_404(Workshop, pk=pk)
        form = MaterialeForm(request.POST, workshop=workshop)
        if form.is_valid():
            workshop.materiale_sendt = form.cleaned_data["sendt"]
            workshop.save(update_fields=["materiale_sendt"])
            messages.success(request, "Tjeklisten er gemt.")
        return redirect(workshop)


def _question_number(header):
    match = re.match(r"(\d)", header)
    return match.group(1) if match else None


def known_answers(sagsomraade, fase, questions):
    """[(nr, question, [(column header, value)])] for the phase's questions: the answers given so far,
    so the pack shows what is known and participants check it instead of answering again."""
    columns = dokumentationsark.columns_of_phase(fase)
    return [
        (
            nr,
            question,
            [
                (c.header, value)
                for c in columns
                if _question_number(c.header) == nr and (value := c.value(sagsomraade)) not in ("", None)
            ],
        )
        for nr, question in questions.items()
    ]


def asis_sections(fagomraade):
    """Each sagsområde screened Ja with As-is questions 2–8 (1 is the screening, already answered)."""
    questions = {nr: question for nr, question in guiden.ASIS.items() if nr != "1"}
    rows = dokumentationsark.prepare(list(in_scope(sagsomraader_of([fagomraade]))))
    return [(s, known_answers(s, AsIs.FASE, questions)) for s in rows]


def tobe_sections(fagomraade):
    """Each sagsområde of brugsmønster C or D with To-be questions 2–6 (1 is asked once, in plenum),
    what its As-is mapping found, and the contracts on the systems it uses today."""
    questions = {nr: question for nr, question in guiden.TOBE.items() if nr != "1"}
    rows = dokumentationsark.prepare(list(sagsomraader_of([fagomraade]).filter(tobe_scope())))
    contracts = contracts_by_system(timezone.localdate())
    return [
        (
            s,
            [
                (header, value)
                for _nr, _q, known in known_answers(s, AsIs.FASE, guiden.ASIS)
                for header, value in known
            ],
            [entry for system in asis_of(s).systemer() for entry in contracts.get(system.pk, [])],
            known_answers(s, ToBe.FASE, questions),
        )
        for s in rows
    ]


class ForberedelsespakkeView(RoleRequiredMixin, TemplateView):
    """What a fagområde gets with the invitation: for As-is its sagsområder with the As-is questions and
    R2; for To-be its C and D areas with To-be questions 1–6, the As-is answers and the contracts."""

    template_name = "workshops/forberedelsespakke.html"

    def get_context_data(self, **kwargs):
        workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])
        fagomraade = get_object_or_404(workshop.fagomraader, slug=self.kwargs["slug"])
        asis = workshop.type != Workshop.Type.TOBE
        tobe = workshop.type != Workshop.Type.ASIS
        return super().get_context_data(
            workshop=workshop,
            fagomraade=fagomraade,
            asis_sections=asis_sections(fagomraade) if asis else None,
            tobe_sections=tobe_sections(fagomraade) if tobe else None,
            strategier=workshop.strategier.all() if tobe else None,
            **guide_texts(asis, tobe),
            **kwargs,
        )


def guide_texts(asis, tobe):
    texts = {}
    if asis:
        texts.update(
            asis_questions=guiden.ASIS,
            asis_4=guiden.ASIS_4,
            r2=brugsmoenster.QUESTIONS,
            typer=brugsmoenster.TYPES,
        )
    if tobe:
        texts.update(
            tobe_questions=guiden.TOBE,
            tobe_4=guiden.TOBE_4,
            scenarier=[(nr, titel) for nr, (titel, _opgaver) in loesningsscenarier.SCENARIER.items()],
        )
    return texts


class SpoergeguideView(RoleRequiredMixin, TemplateView):
    """R3, the guide's spørgeguide, printable: "en tjekliste til As-is og To-be workshoppen"."""

    template_name = "workshops/spoergeguide.html"

    def get_context_data(self, **kwargs):
        workshop = get_object_or_404(Workshop, pk=self.kwargs["pk"])
        return super().get_context_data(
            workshop=workshop,
            **guide_texts(workshop.type != Workshop.Type.TOBE, workshop.type != Workshop.Type.ASIS),
            **kwargs,
        )
