"""Fase 2's columns and filters in the Dokumentationsark, its Historik and its systemoverblik."""

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from exitstrategi import dokumentationsark, history, kontraktdatoer, overblik, systemoverblik
from exitstrategi.dokumentationsark import Column
from exitstrategi.models import Sagsomraade
from screening.models import Screening, screening_of

from . import brugsmoenster, loesningsscenarier
from .models import FUNKTIONER, LOESNINGER, OPRYDNING, Arkivering, AsIs, JaNej, Kompleksitet, ToBe
from .selectors import TOBE_SCOPE, contract_dates_by_system

PHASE = "Fase 2: As-is"
ASIS_SYSTEMS = tuple(f"asis__{field}" for field, _label in FUNKTIONER)


def asis_of(sagsomraade):
    """The sagsområde's As-is record, or None (no query when select_related)."""
    try:
        return sagsomraade.asis
    except AsIs.DoesNotExist:
        return None


def in_scope(sagsomraade):
    """Only sagsområder screened Ja are mapped; Nej stays documented but leaves the analysis."""
    screening = screening_of(sagsomraade)
    return screening is not None and screening.anvender_kmd_sag == Screening.Svar.JA


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


def _display(field):
    return lambda asis: getattr(asis, f"get_{field}_display")()


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
    scope = queryset.filter(screening__anvender_kmd_sag="ja")
    if value == "ja":
        return scope.filter(asis__komplet=True)
    return scope.filter(Q(asis__isnull=True) | Q(asis__komplet=False))


def _url(name, sagsomraade):
    return reverse(name, args=[sagsomraade.fagomraade.slug, sagsomraade.kle.nummer])


def _system_columns(record, phase, functions, header, value_of):
    """One column per IT system field of question 4 (a–e), showing the system's name."""
    return [
        Column(
            f"{record}_{field}",
            header.format(letter=label[0], what=label[3:]),
            phase,
            value_of(lambda answers, f=field: str(getattr(answers, f) or "")),
            width=16,
            related=(f"{record}__{field}",),
            fields=(field,),
        )
        for field, label in functions
    ]


def register():
    system_columns = _system_columns("asis", PHASE, FUNKTIONER, "4{letter} {what}", _value)
    dokumentationsark.register(
        Column(
            "asis_sagsbehandlere",
            "2. Antal sagsbehandlere",
            PHASE,
            _value(lambda asis: "" if asis.antal_sagsbehandlere is None else asis.antal_sagsbehandlere),
            width=12,
            related=("asis",),
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
        ),
        Column(
            "asis_afhaengighed",
            "Afhængighed af KMD Sag",
            PHASE,
            _value(lambda asis: brugsmoenster.TYPES[asis.brugsmoenster][1] if asis.brugsmoenster else ""),
            width=24,
            related=("asis",),
        ),
        *system_columns,
        Column(
            "asis_monopolbrud_tsa",
            "5. Monopolbrud/TSA",
            PHASE,
            _value(_display("monopolbrud_tsa")),
            choices=tuple(JaNej.labels),
            width=12,
            related=("asis",),
            prefetch=("asis__monopolbrud_tsa_systemer",),
            fields=("monopolbrud_tsa", "monopolbrud_tsa_systemer"),
        ),
        Column(
            "asis_monopolbrud_systemer",
            "5. Monopolbrud-/TSA-systemer",
            PHASE,
            _value(lambda asis: ", ".join(s.navn for s in asis.monopolbrud_tsa_systemer.all())),
            width=20,
            related=("asis",),
            prefetch=("asis__monopolbrud_tsa_systemer",),
        ),
        Column(
            "asis_manuelle_sager",
            "6. Manuelle sager i KMD Sag",
            PHASE,
            _value(_antal("antal_manuelle_sager")),
            width=12,
            related=("asis",),
            fields=("antal_manuelle_sager", "antal_manuelle_sager_ukendt"),
        ),
        Column(
            "asis_journalnotater",
            "6. Journalnotater i KMD Sag",
            PHASE,
            _value(_antal("antal_journalnotater")),
            width=12,
            related=("asis",),
            fields=("antal_journalnotater", "antal_journalnotater_ukendt"),
        ),
        Column(
            "asis_oprydning",
            "7. Oprydning nødvendig",
            PHASE,
            _value(_display("oprydning")),
            choices=tuple(JaNej.labels),
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
        ),
        Column(
            "asis_arkivering",
            "8. Kan arkiveres",
            PHASE,
            _value(_display("arkivering")),
            choices=tuple(Arkivering.labels),
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
        ),
        Column(
            "asis_komplet",
            "As-is komplet",
            PHASE,
            _komplet,
            choices=("Ja", "Nej", "Indgår ikke"),
            width=12,
            related=("asis", "screening"),
        ),
    )
    dokumentationsark.register_filter(
        "brugsmoenster",
        lambda: django_filters.ChoiceFilter(
            label="Brugsmønster",
            choices=brugsmoenster.CHOICES,
            method=_filter_brugsmoenster,
            empty_label="Alle brugsmønstre",
        ),
    )
    dokumentationsark.register_filter(
        "komplet",
        lambda: django_filters.ChoiceFilter(
            label="As-is komplet?",
            choices=[("ja", "Komplet"), ("nej", "Mangler svar")],
            method=_filter_komplet,
            empty_label="Alle",
        ),
    )
    dokumentationsark.register_phase_link(
        PHASE, lambda s: ("Udfyld As-is", _url("workshops:asis-update", s)) if in_scope(s) else None
    )
    history.register_source(lambda sagsomraade: AsIs.history.filter(sagsomraade_id=sagsomraade.pk))
    systemoverblik.register_usage(_usage)
    overblik.register_phase(_asis_summary)


def _usage(system):
    uses = Q(monopolbrud_tsa_systemer=system)
    for field, _label in FUNKTIONER:
        uses |= Q(**{field: system})
    rows = (
        AsIs.objects.filter(uses)
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


TOBE_PHASE = "Fase 3: To-be"


def tobe_of(sagsomraade):
    try:
        return sagsomraade.tobe
    except ToBe.DoesNotExist:
        return None


def tobe_in_scope(sagsomraade):
    """To-be covers the sagsområder screened Ja whose brugsmønster is C or D."""
    asis = asis_of(sagsomraade)
    return in_scope(sagsomraade) and asis is not None and asis.brugsmoenster in loesningsscenarier.I_TOBE


def systems_left(sagsomraade):
    """The IT systems the recommended scenario moves away from: As-is systems that are not among
    the preferred To-be solutions. None while there is no recommendation."""
    asis, tobe = asis_of(sagsomraade), tobe_of(sagsomraade)
    if asis is None or tobe is None or not tobe.anbefalet_scenarie:
        return None
    current = {getattr(asis, f"{field}_id") for field, _label in FUNKTIONER} - {None}
    future = {getattr(tobe, f"{field}_id") for field, _label in LOESNINGER} - {None}
    return current - future


def tidligste_virkning(sagsomraade, exits, today):
    """The earliest day the recommended scenario can take effect: when the contracts of the systems
    it leaves have ended. None while unknown (no recommendation, or a contract waits for an unknown
    phase-out date)."""
    left = systems_left(sagsomraade)
    if left is None or any(system in exits and exits[system] is None for system in left):
        return None
    return kontraktdatoer.earliest_effect(today, [exits.get(system) for system in left])


def _prepare_contract_dates(rows):
    today = timezone.localdate()
    exits, deadlines = contract_dates_by_system(today)
    for row in rows:
        row.tidligste_virkning = tidligste_virkning(row, exits, today)
        left = systems_left(row) or set()
        row.opsig_senest = min((deadlines[s][0] for s in left if s in deadlines), default=None)


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
    loesning_columns = _system_columns(
        "tobe", TOBE_PHASE, LOESNINGER, "4{letter} Foretrukken: {what}", _tobe_value
    )
    dokumentationsark.register(
        Column(
            "tobe_udbud",
            "2. Udbud senest",
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
                    [s.navn for s in tobe.markedsloesninger.all()]
                    + ([tobe.markedsloesninger_note] if tobe.markedsloesninger_note else [])
                )
            ),
            width=24,
            related=("tobe",),
            prefetch=("tobe__markedsloesninger",),
            fields=("markedsloesninger", "markedsloesninger_note"),
        ),
        *loesning_columns,
        Column(
            "tobe_forretningskritisk",
            "5. Forretningskritisk",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.get_forretningskritisk_display()),
            choices=tuple(JaNej.labels),
            width=12,
            sort="tobe__forretningskritisk",
            related=("tobe",),
            fields=("forretningskritisk",),
        ),
        Column(
            "tobe_kompleksitet",
            "6. Kompleksitet af oprydning",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.get_kompleksitet_display()),
            choices=tuple(Kompleksitet.labels),
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
        ),
        Column(
            "tobe_afvent",
            "Afvent KY/KSD",
            TOBE_PHASE,
            _tobe_value(lambda tobe: "Ja" if tobe.afvent_ky_ksd else ""),
            width=10,
            related=("tobe",),
        ),
        Column(
            "tobe_begrundelse",
            "Begrundelse",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.begrundelse),
            width=30,
            related=("tobe",),
        ),
        Column(
            "tobe_workshop",
            "Anbefalet på workshop",
            TOBE_PHASE,
            _tobe_value(lambda tobe: str(tobe.anbefalet_paa or "")),
            width=20,
            related=("tobe__anbefalet_paa",),
        ),
        Column(
            "tobe_besluttet",
            "Besluttet løsningsscenarie",
            TOBE_PHASE,
            _tobe_value(lambda tobe: tobe.besluttet_scenarie or ""),
            choices=tuple(str(n) for n in loesningsscenarier.SCENARIER),
            width=12,
            related=("tobe",),
        ),
        Column(
            "tobe_opsig",
            "Opsig senest",
            TOBE_PHASE,
            lambda row: getattr(row, "opsig_senest", None) or "",
            width=14,
        ),
        Column(
            "tobe_virkning",
            "Tidligste virkning",
            TOBE_PHASE,
            lambda row: getattr(row, "tidligste_virkning", None) or "",
            width=14,
        ),
        Column(
            "tobe_scope",
            "Indgår i To-be",
            TOBE_PHASE,
            lambda row: "Ja" if tobe_in_scope(row) else _tobe_reason(row),
            width=18,
            related=("asis", "screening"),
        ),
    )
    for name, label, field, choices in [
        ("scenarie", "Løsningsscenarie", "anbefalet_scenarie", loesningsscenarier.CHOICES),
        ("forretningskritisk", "Forretningskritisk?", "forretningskritisk", JaNej.choices),
        ("kompleksitet", "Kompleksitet", "kompleksitet", Kompleksitet.choices),
    ]:
        dokumentationsark.register_filter(
            name,
            lambda label=label, field=field, choices=choices: django_filters.ChoiceFilter(
                label=label, choices=choices, method=_filter_tobe(field), empty_label="Alle"
            ),
        )
    dokumentationsark.register_preparer(_prepare_contract_dates)
    dokumentationsark.register_phase_link(
        TOBE_PHASE, lambda s: ("Udfyld To-be", _url("workshops:tobe-update", s)) if tobe_in_scope(s) else None
    )
    history.register_source(lambda sagsomraade: ToBe.history.filter(sagsomraade_id=sagsomraade.pk))
    overblik.register_phase(_tobe_summary)


def _tobe_reason(row):
    """Why a sagsområde is not assessed in To-be."""
    if not in_scope(row):
        return "Nej: ikke screenet Ja"
    asis = asis_of(row)
    if asis is None or not asis.brugsmoenster:
        return "Afventer brugsmønster"
    return f"Nej: brugsmønster {asis.brugsmoenster}"


def _asis_summary():
    scope = Sagsomraade.objects.filter(screening__anvender_kmd_sag="ja")
    return overblik.Fase(
        2,
        "Kortlægning (As-is)",
        "Hvordan bruges KMD Sag i dag? Brugsmønster, it-løsninger, sager og oprydning for hvert sagsområde.",
        reverse("workshops:kortlaegning"),
        scope.filter(asis__komplet=True).count(),
        scope.count(),
        "sagsområder kortlagt",
    )


def _tobe_summary():
    scope = Sagsomraade.objects.filter(TOBE_SCOPE)
    return overblik.Fase(
        3,
        "Løsningsscenarier (To-be)",
        "Hvad skal sagsområder med brugsmønster C og D flytte til? Et anbefalet løsningsscenarie 1–4.",
        reverse("workshops:vurdering"),
        scope.filter(tobe__anbefalet_scenarie__isnull=False).count(),
        scope.count(),
        "sagsområder med anbefaling",
    )
