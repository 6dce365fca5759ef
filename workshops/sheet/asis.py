"""Fase 2's columns and filters in the Dokumentationsark, its Historik, systemoverblik and progress."""

import django_filters
from django.db.models import Q
from django.urls import reverse

from exitstrategi import faser, guiden, overblik
from exitstrategi.celler import count_or_unknown, labels_and_note
from exitstrategi.dokumentationsark import Column, answer_label
from exitstrategi.indlaesning import record_phase
from exitstrategi.models import Sagsomraade, aktive
from exitstrategi.opslag import linked
from screening.models import is_screenet_ja as in_scope
from screening.models import screenet_ja

from .. import brugsmoenster
from ..forms import AsIsForm
from ..models import FUNKTIONER, OPRYDNING, AsIs
from ..selectors import IN_SCOPE, asis_of
from .common import system_columns, with_questions

PHASE = AsIs.FASE


def _value(get):
    """A column value from the As-is record: "" when there is none."""

    def value(row):
        asis = asis_of(row)
        return get(asis) if asis is not None else ""

    return value


def _antal(field):
    def get(asis):
        if getattr(asis, f"{field}_ukendt"):
            return "ukendt"
        number = getattr(asis, field)
        return "" if number is None else number

    return get


def _oprydningsbehov(asis):
    needs = [label for field, label in OPRYDNING if getattr(asis, field)]
    return "; ".join(needs + ([asis.oprydning_note] if asis.oprydning_note else []))


def _komplet(row):
    if not in_scope(row):
        return "Indgår ikke"
    asis = asis_of(row)
    return "Ja" if asis is not None and asis.komplet else "Nej"


def _filter_brugsmoenster(queryset, name, value):
    return queryset.filter(asis__brugsmoenster=value)


def _filter_komplet(queryset, name, value):
    scope = queryset.filter(IN_SCOPE)
    if value == "ja":
        return scope.filter(asis__komplet=True)
    return scope.filter(Q(asis__isnull=True) | Q(asis__komplet=False))


def register():
    functions = system_columns("asis", PHASE, FUNKTIONER, "4{letter} {what}", _value)
    columns = [
        Column(
            "asis_sagsbehandlere",
            "2. Antal sagsbehandlere",
            PHASE,
            _value(lambda asis: "" if asis.antal_sagsbehandlere is None else asis.antal_sagsbehandlere),
            width=12,
            related=("asis",),
            total="asis__antal_sagsbehandlere",
            fields=("antal_sagsbehandlere",),
        ),
        Column(
            "asis_brugsmoenster",
            "3. Brugsmønster",
            PHASE,
            _value(lambda asis: asis.brugsmoenster),
            choices=tuple(brugsmoenster.TYPES),
            width=12,
            sort="asis__brugsmoenster",
            related=("asis",),
            fields=tuple(brugsmoenster.QUESTIONS),
            overblik=True,
            not_imported="brugsmønsteret følger af svarene på R2-spørgsmålene; ret dem i programmet.",
        ),
        Column(
            "asis_afhaengighed",
            "Afhængighed af KMD Sag",
            PHASE,
            _value(lambda asis: brugsmoenster.TYPES[asis.brugsmoenster][1] if asis.brugsmoenster else ""),
            width=24,
            related=("asis",),
            read_only=True,
        ),
        *functions,
        Column(
            "asis_monopolbrud_tsa",
            "5. Monopolbrud/TSA",
            PHASE,
            _value(answer_label(AsIs, "monopolbrud_tsa")),
            answer="asis__monopolbrud_tsa",
            width=12,
            related=("asis",),
            prefetch=("asis__monopolbrud_tsa_systemer",),
            fields=("monopolbrud_tsa", "monopolbrud_tsa_systemer"),
        ),
        Column(
            "asis_monopolbrud_systemer",
            "5. Monopolbrud-/TSA-systemer",
            PHASE,
            _value(lambda asis: ", ".join(s.navn for s in linked(asis, "monopolbrud_tsa_systemer"))),
            width=20,
            related=("asis",),
            prefetch=("asis__monopolbrud_tsa_systemer",),
            fields=("monopolbrud_tsa_systemer",),
            on_wall=False,  # on the card of question 5
        ),
        Column(
            "asis_manuelle_sager",
            "6. Manuelle sager i KMD Sag",
            PHASE,
            _value(_antal("antal_manuelle_sager")),
            width=12,
            related=("asis",),
            total="asis__antal_manuelle_sager",
            fields=("antal_manuelle_sager", "antal_manuelle_sager_ukendt"),
            parse=count_or_unknown("antal_manuelle_sager"),
        ),
        Column(
            "asis_journalnotater",
            "6. Journalnotater i KMD Sag",
            PHASE,
            _value(_antal("antal_journalnotater")),
            width=12,
            related=("asis",),
            total="asis__antal_journalnotater",
            fields=("antal_journalnotater", "antal_journalnotater_ukendt"),
            parse=count_or_unknown("antal_journalnotater"),
        ),
        Column(
            "asis_oprydning_svar",
            "7. Hvad kræver oprydningen",
            PHASE,
            _value(lambda asis: asis.oprydning_svar),
            width=30,
            related=("asis",),
            fields=("oprydning_svar",),
        ),
        Column(
            "asis_oprydning",
            "7. Oprydning nødvendig (vores)",
            PHASE,
            _value(answer_label(AsIs, "oprydning")),
            answer="asis__oprydning",
            width=12,
            related=("asis",),
            fields=("oprydning", *(f for f, _label in OPRYDNING), "oprydning_note"),
        ),
        Column(
            "asis_oprydningsbehov",
            "7. Oprydningsbehov",
            PHASE,
            _value(_oprydningsbehov),
            width=30,
            related=("asis",),
            fields=(*(f for f, _label in OPRYDNING), "oprydning_note"),
            parse=labels_and_note(OPRYDNING, "oprydning_note"),
            on_wall=False,  # on the card of question 7
        ),
        Column(
            "asis_arkivering",
            "8. Kan arkiveres",
            PHASE,
            _value(answer_label(AsIs, "arkivering")),
            answer="asis__arkivering",
            width=12,
            related=("asis",),
            fields=("arkivering", "arkivering_note"),
        ),
        Column(
            "asis_arkivering_note",
            "8. Arkivering kræver",
            PHASE,
            _value(lambda asis: asis.arkivering_note),
            width=30,
            related=("asis",),
            fields=("arkivering_note",),
            on_wall=False,  # on the card of question 8
        ),
        Column(
            "asis_komplet",
            "As-is komplet",
            PHASE,
            _komplet,
            choices=("Ja", "Nej", "Indgår ikke"),
            width=12,
            related=("asis", "screening"),
            read_only=True,
        ),
    ]
    filters = {
        "brugsmoenster": lambda: django_filters.ChoiceFilter(
            label="Brugsmønster",
            choices=brugsmoenster.CHOICES,
            method=_filter_brugsmoenster,
            empty_label="Alle brugsmønstre",
        ),
        "komplet": lambda: django_filters.ChoiceFilter(
            label="As-is komplet?",
            choices=[("ja", "Komplet"), ("nej", "Mangler svar")],
            method=_filter_komplet,
            empty_label="Alle",
        ),
    }
    faser.register(
        faser.Fase(
            2,
            PHASE,
            url_name="workshops:kortlaegning",
            record=AsIs,
            columns=with_questions(columns, guiden.ASIS),
            form=AsIsForm,
            filters=filters,
            link=lambda s: ("Udfyld As-is", s.url("workshops:asis-update")) if in_scope(s) else None,
            summary=_asis_summary,
            system_usage=_usage,
            indlaesning=record_phase(AsIs, AsIsForm, in_scope=in_scope),
            menu=[
                faser.Menupunkt(
                    20,
                    "2. Kortlægning",
                    "workshops:kortlaegning",
                    "Fase 2: Kortlægning af relevante sagsområder (As-is)",
                ),
                faser.Menupunkt(40, "Workshops", "workshops:workshop-list"),
                faser.Menupunkt(62, "Strategier og politikker", "workshops:strategi-list", under_input=True),
            ],
        )
    )


def _usage(system):
    uses = Q(monopolbrud_tsa_systemer=system)
    for field, _label in FUNKTIONER:
        uses |= Q(**{field: system})
    rows = (
        AsIs.objects.filter(uses, aktive("sagsomraade__"))
        .distinct()
        .select_related("sagsomraade__fagomraade", "sagsomraade__kle")
        .prefetch_related("monopolbrud_tsa_systemer")
    )
    for asis in rows:
        for field, label in FUNKTIONER:
            if getattr(asis, f"{field}_id") == system.pk:
                yield asis.sagsomraade, label[3:]
        if system in asis.monopolbrud_tsa_systemer.all():
            yield asis.sagsomraade, "Monopolbrud/TSA"


def _asis_summary(scope):
    done, total, naeste = overblik.progress(
        Sagsomraade.objects.filter(scope, screenet_ja()),
        Q(asis__komplet=True),
        lambda s: s.url("workshops:asis-update"),
    )
    return overblik.Fremdrift(
        2,
        "Kortlægning (As-is)",
        "Hvordan bruges KMD Sag i dag? Brugsmønster, it-løsninger, sager og oprydning for hvert sagsområde.",
        reverse("workshops:kortlaegning"),
        done,
        total,
        "sagsområder kortlagt",
        naeste,
    )
