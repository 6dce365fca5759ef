"""Fase 3's columns and filters in the Dokumentationsark, its Historik and progress."""

from types import MappingProxyType

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from exitstrategi import faser, generation, guiden, overblik
from exitstrategi.celler import systems_and_note
from exitstrategi.dokumentationsark import Column, answer_label
from exitstrategi.indlaesning import record_phase
from exitstrategi.models import Sagsomraade, aktive
from exitstrategi.opslag import linked

from .. import loesningsscenarier
from ..forms import ToBeForm
from ..models import LOESNINGER, JaNej, Kompleksitet, ToBe, Workshop
from ..selectors import (
    TOBE_SCOPE,
    asis_of,
    contract_dates_by_system,
    systems_left,
    tidligste_virkning,
    tobe_in_scope,
    tobe_of,
)
from .asis import in_scope
from .common import system_columns, with_questions

TOBE_PHASE = ToBe.FASE


def _prepare_contract_dates(rows):
    today = timezone.localdate()
    exits, deadlines = generation.cached(
        "kontraktdatoer", ("opslag",), lambda: contract_dates_by_system(today), shape=today
    )
    for row in rows:
        row.tidligste_virkning = tidligste_virkning(row, exits, today)
        left = systems_left(row) or set()
        row.opsig_senest = min((deadlines[s][0] for s in left if s in deadlines), default=None)


def _plenum_answers():
    answers = {}
    workshops = (
        Workshop.objects.exclude(type=Workshop.Type.ASIS)
        .exclude(tobe_strategier="")
        .prefetch_related("fagomraader")
        .order_by("start")
    )
    for workshop in workshops:
        for fagomraade in workshop.fagomraader.all():
            answers.setdefault(fagomraade.pk, []).append(f"{workshop.titel}: {workshop.tobe_strategier}")
    return MappingProxyType({fagomraade: tuple(found) for fagomraade, found in answers.items()})


def _prepare_plenum_answers(rows):
    """To-be question 1 is answered in plenum per workshop: each area gets the answers of every To-be
    or combined workshop that covered its fagområde, named by workshop (one query for the page)."""
    answers = generation.cached("plenumsvar", ("opslag",), _plenum_answers)
    for row in rows:
        row.tobe_plenum = answers.get(row.fagomraade_id, ())


def _tobe_value(get):
    def value(row):
        tobe = tobe_of(row)
        return get(tobe) if tobe is not None and tobe_in_scope(row) else ""

    return value


def _filter_tobe(field):
    def apply(queryset, name, value):
        return queryset.filter(TOBE_SCOPE, **{f"tobe__{field}": value})

    return apply


def register_tobe():
    loesning_columns = system_columns(
        "tobe", TOBE_PHASE, LOESNINGER, "4{letter} Foretrukken: {what}", _tobe_value
    )
    columns = [
        Column(
            "tobe_plenum",
            "1. Politikker og strategier (plenum)",
            TOBE_PHASE,
            lambda row: "\n".join(getattr(row, "tobe_plenum", [])),
            width=40,
            read_only=True,  # answered on the workshop, for all its fagområder
        ),
        Column(
            "tobe_udbud",
            "2. Hvornår i udbud",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.udbud_tekst),
            width=14,
            sort="tobe__udbud_dato",
            related=("tobe",),
            fields=("udbud",),
        ),
        Column(
            "tobe_marked",
            "3. Løsninger på markedet",
            TOBE_PHASE,
            _tobe_value(
                lambda tobe: "; ".join(
                    [s.navn for s in linked(tobe, "markedsloesninger")]
                    + ([tobe.markedsloesninger_note] if tobe.markedsloesninger_note else [])
                )
            ),
            width=24,
            related=("tobe",),
            prefetch=("tobe__markedsloesninger",),
            fields=("markedsloesninger", "markedsloesninger_note"),
            parse=systems_and_note("markedsloesninger", "markedsloesninger_note"),
        ),
        *loesning_columns,
        Column(
            "tobe_forretningskritisk",
            "5. Forretningskritisk",
            TOBE_PHASE,
            _tobe_value(answer_label(ToBe, "forretningskritisk")),
            width=12,
            sort="tobe__forretningskritisk",
            related=("tobe",),
            fields=("forretningskritisk",),
        ),
        Column(
            "tobe_kompleksitet",
            "6. Kompleksitet af oprydning",
            TOBE_PHASE,
            _tobe_value(answer_label(ToBe, "kompleksitet")),
            width=12,
            related=("tobe",),
            fields=("kompleksitet",),
        ),
        Column(
            "tobe_scenarie",
            "Anbefalet løsningsscenarie",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.anbefalet_scenarie or ""),
            choices=tuple(str(n) for n in loesningsscenarier.SCENARIER),
            width=12,
            sort="tobe__anbefalet_scenarie",
            related=("tobe",),
            fields=("anbefalet_scenarie", "begrundelse", "anbefalet_paa"),
            overblik=True,
        ),
        Column(
            "tobe_afvent",
            "Afvent KY/KSD",
            TOBE_PHASE,
            _tobe_value(lambda tobe: "Ja" if tobe.afvent_ky_ksd else ""),
            width=10,
            related=("tobe",),
            read_only=True,
        ),
        Column(
            "tobe_begrundelse",
            "Begrundelse",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.begrundelse),
            width=30,
            related=("tobe",),
            fields=("begrundelse",),
            on_wall=False,  # on the card of the recommended scenario
        ),
        Column(
            "tobe_workshop",
            "Anbefalet på workshop",
            TOBE_PHASE,
            _tobe_value(lambda tobe: str(tobe.anbefalet_paa or "")),
            width=20,
            related=("tobe",),
            prefetch=("tobe__anbefalet_paa",),
            fields=("anbefalet_paa",),
            on_wall=False,  # on the card of the recommended scenario
        ),
        Column(
            "tobe_opsig",
            "Opsig senest",
            TOBE_PHASE,
            lambda row: getattr(row, "opsig_senest", None) or "",
            width=14,
            read_only=True,
        ),
        Column(
            "tobe_virkning",
            "Tidligste virkning",
            TOBE_PHASE,
            lambda row: getattr(row, "tidligste_virkning", None) or "",
            width=14,
            read_only=True,
        ),
        Column(
            "tobe_scope",
            "Indgår i To-be",
            TOBE_PHASE,
            lambda row: "Ja" if tobe_in_scope(row) else _tobe_reason(row),
            width=18,
            related=("asis", "screening"),
            read_only=True,
        ),
    ]
    filters = {
        name: lambda label=label, field=field, choices=choices: django_filters.ChoiceFilter(
            label=label, choices=choices, method=_filter_tobe(field), empty_label="Alle"
        )
        for name, label, field, choices in [
            ("scenarie", "Løsningsscenarie", "anbefalet_scenarie", loesningsscenarier.CHOICES),
            ("forretningskritisk", "Forretningskritisk?", "forretningskritisk", JaNej.choices),
            ("kompleksitet", "Kompleksitet", "kompleksitet", Kompleksitet.choices),
        ]
    }
    faser.register(
        faser.Fase(
            3,
            TOBE_PHASE,
            url_name="workshops:vurdering",
            record=ToBe,
            columns=with_questions(columns, guiden.TOBE),
            form=ToBeForm,
            filters=filters,
            preparers=[_prepare_contract_dates, _prepare_plenum_answers],
            link=lambda s: ("Udfyld To-be", s.url("workshops:tobe-update")) if tobe_in_scope(s) else None,
            summary=_tobe_summary,
            system_usage=_usage,
            indlaesning=record_phase(ToBe, ToBeForm, in_scope=tobe_in_scope),
            menu=[
                faser.Menupunkt(
                    30,
                    "3. Løsningsscenarier",
                    "workshops:vurdering",
                    "Fase 3: Fremtidige løsningsscenarier (To-be)",
                )
            ],
        )
    )


def _usage(system):
    """Where To-be names the system: among the market's solutions (3) or as preferred solution (4 a–e)."""
    names = Q(markedsloesninger=system)
    for field, _label in LOESNINGER:
        names |= Q(**{field: system})
    rows = (
        ToBe.objects.filter(names, aktive("sagsomraade__"))
        .distinct()
        .select_related("sagsomraade__fagomraade", "sagsomraade__kle")
        .prefetch_related("markedsloesninger")
    )
    for tobe in rows:
        if system in tobe.markedsloesninger.all():
            yield tobe.sagsomraade, "To-be 3: løsning på markedet"
        for field, label in LOESNINGER:
            if getattr(tobe, f"{field}_id") == system.pk:
                yield tobe.sagsomraade, f"To-be 4{label[0]}: foretrukken til at {label[3:].lower()}"


def _tobe_reason(row):
    """Why a sagsområde is not assessed in To-be."""
    if not in_scope(row):
        return "Nej: ikke screenet Ja"
    asis = asis_of(row)
    if asis is None or not asis.brugsmoenster:
        return "Afventer brugsmønster"
    return f"Nej: brugsmønster {asis.brugsmoenster}"


def _tobe_summary(scope):
    done, total, naeste = overblik.progress(
        Sagsomraade.objects.filter(scope, TOBE_SCOPE),
        Q(tobe__anbefalet_scenarie__isnull=False),
        lambda s: s.url("workshops:tobe-update"),
    )
    return overblik.Fremdrift(
        3,
        "Løsningsscenarier (To-be)",
        "Hvad skal sagsområder med brugsmønster C og D flytte til? Et anbefalet løsningsscenarie 1–4.",
        reverse("workshops:vurdering"),
        done,
        total,
        "sagsområder med anbefaling",
        naeste,
    )
