"""Eksempel Kommune's phase 3: strategies, contracts on the IT systems, and To-be answers with a
recommended scenario for most C/D areas (all four scenarios occur). Dates follow today's date."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from exitstrategi.kontraktdatoer import KVARTAL, add_months, period_end
from exitstrategi.models import ITSystem, Kontrakt, Sagsomraade

from .models import Strategi, ToBe, Workshop
from .services import tobe_save

STRATEGIER = [
    (
        "Sags- og dokumentstrategi 2025–2028",
        Strategi.Type.ESDH,
        "Digitalisering og IT",
        "Al journalisering sker i kommunens ESDH-løsning (SBSYS); fagsystemer skal kunne integrere til den.",
    ),
    (
        "Digitaliseringsstrategi 2024–2027",
        Strategi.Type.DIGITALISERING,
        "Direktionen",
        "Færre systemer, fælleskommunale løsninger før egne, rammearkitekturen følges.",
    ),
    (
        "Indkøbs- og udbudspolitik",
        Strategi.Type.INDKOEB,
        "Indkøb",
        "SKI-aftaler bruges, hvor de findes; større systemer udbydes med integration til serviceplatformen.",
    ),
]

# system, contract, type, purchase form, yearly cost, start (months from today), expiry (months from
# start or None), irrevocable (months from today or None), notice months, basis, options, used, binding
KONTRAKTER = [
    (
        "KMD Sag",
        "KMD Sag licens og drift",
        "hovedkontrakt",
        "direkte",
        1_450_000,
        -120,
        None,
        None,
        6,
        "kvartal",
        0,
        0,
        "KMD Opera, KMD Aktiv og KMD Sygedagpenge opretter sager i KMD Sag.",
    ),
    (
        "KMD Opera",
        "KMD Opera via SKI 02.19",
        "hovedkontrakt",
        "ski",
        820_000,
        -24,
        48,
        None,
        3,
        "maaned",
        2,
        0,
        "Opera opretter sager automatisk i KMD Sag; dokumenter ligger i KMD Sag EDH.",
    ),
    (
        "SBSYS",
        "SBSYS drift og support",
        "service",
        "eu_udbud",
        610_000,
        -60,
        72,
        None,
        6,
        "kvartal",
        2,
        1,
        "",
    ),
    ("DUBU", "DUBU via SKI", "hovedkontrakt", "ski", 540_000, -30, None, 8, 6, "kvartal", 0, 0, ""),
    (
        "Nexus",
        "Nexus omsorgssystem",
        "hovedkontrakt",
        "udbud",
        1_900_000,
        -36,
        None,
        None,
        12,
        "aar",
        0,
        0,
        "",
    ),
]
# Solutions on the market that To-be questions 3 and 4 name; the municipality does not run them.
MARKEDSLOESNINGER = [
    ("GetOrganized", "Netcompany", ITSystem.Type.ESDH),
    ("WorkZone", "KMD", ITSystem.Type.ESDH),
    ("F2", "cBrain", ITSystem.Type.ESDH),
    ("Momentum", "Netcompany", ITSystem.Type.FAGSYSTEM),
]
UDFASNING = {"KMD Aktiv": 14, "KMD Sygedagpenge": 20}  # months from today until KY / KSD replace them

SBSYS_SAPA = ("SBSYS", "SBSYS", "SAPA", "SBSYS", "SAPA")
KMD_SAG = ("KMD Sag", "KMD Sag", "KMD Sag", "KMD Sag", "KMD Sag")
# (fagområde, KLE): (udbud in quarters from today, market, solutions, kritisk, kompleksitet, scenario, why)
TOBE = {
    ("Arbejdsmarked", "32.24.04"): (
        4,
        ["KMD Opera"],
        KMD_SAG,
        "ja",
        "hoej",
        1,
        "Kontanthjælp udbetales via KMD Aktiv, der afløses af KY; afvent KY.",
    ),
    ("Arbejdsmarked", "15.20.24"): (
        3,
        ["KMD Opera", "SBSYS", "Momentum"],
        ("Momentum", "SBSYS", "SAPA", "SBSYS", "SAPA"),
        "ja",
        "middel",
        4,
        "Opera-aftalen udløber; nyt fagsystem i udbud med integration til SBSYS.",
    ),
    ("Arbejdsmarked", "16.19.02"): (
        6,
        [],
        KMD_SAG,
        "ja",
        "middel",
        1,
        "Sygedagpenge afløses af KSD; afvent KSD.",
    ),
    ("Borgerservice", "32.06.00"): (
        None,
        ["SBSYS"],
        SBSYS_SAPA,
        "nej",
        "lav",
        2,
        "Få sager; SBSYS kan overtage journaliseringen.",
    ),
    ("Borgerservice", "32.15.04"): (
        2,
        ["SBSYS", "Acadre", "GetOrganized", "WorkZone"],
        SBSYS_SAPA,
        "ja",
        "hoej",
        2,
        "Manuelle KMD Sag-sager flyttes til SBSYS efter oprydning.",
    ),
    ("Børn og Familie", "27.27.09"): (
        5,
        ["DUBU", "SBSYS"],
        ("DUBU", "DUBU", "SAPA", "SBSYS", "SAPA"),
        "ja",
        "middel",
        3,
        "DUBU tilpasses til familiebehandling; kræver tilbud på ny funktionalitet.",
    ),
    ("Voksen og Handicap", "32.18.08"): (
        None,
        ["SBSYS"],
        SBSYS_SAPA,
        "ja",
        "lav",
        2,
        "Merudgiftssager kan journaliseres i SBSYS.",
    ),
}
FUNCTIONS = [
    "loesning_sager",
    "loesning_journalnotater",
    "loesning_adviser",
    "loesning_dokumenter",
    "loesning_overblik",
]


def load(out):
    today = timezone.localdate()
    with transaction.atomic():
        strategier = [
            Strategi.objects.get_or_create(
                titel=titel,
                defaults={"type": type_, "ejer": ejer, "resume": resume, "dato": today - timedelta(days=400)},
            )[0]
            for titel, type_, ejer, resume in STRATEGIER
        ]
        systems = _systems()
        for navn, months in UDFASNING.items():
            ITSystem.objects.filter(navn=navn, udfasning=None).update(udfasning=add_months(today, months))
        for row in KONTRAKTER:
            _kontrakt(systems, today, *row)
        created = _tobe(systems, today)
        for workshop in Workshop.objects.exclude(type=Workshop.Type.ASIS).filter(tobe_strategier=""):
            workshop.tobe_strategier = (
                "Sags- og dokumentstrategien peger på SBSYS som fælles journal; indkøbspolitikken kræver "
                "udbud af større fagsystemer, så Opera-området skal i udbud."
            )
            workshop.save(update_fields=["tobe_strategier"])
            workshop.strategier.set(strategier)
    out(
        f"To-be: {created} sagsområder vurderet; kontrakter: {Kontrakt.objects.count()}; "
        f"strategier: {Strategi.objects.count()}."
    )


def _systems():
    for navn in ("SAPA", "Acadre"):
        ITSystem.objects.get_or_create(navn=navn)
    for navn, leverandoer, type_ in MARKEDSLOESNINGER:
        ITSystem.objects.get_or_create(
            navn=navn, defaults={"leverandoer": leverandoer, "type": type_, "markedsloesning": True}
        )
    return {s.navn: s for s in ITSystem.objects.all()}


def _kontrakt(
    systems,
    today,
    system,
    navn,
    type_,
    form,
    drift,
    start,
    expiry,
    irrevocable,
    notice,
    basis,
    options,
    used,
    binding,
):
    kontrakt, created = Kontrakt.objects.get_or_create(
        navn=navn,
        defaults={
            "leverandoer": systems[system].leverandoer,
            "type": type_,
            "indkoebsform": form,
            "aarlig_drift": Decimal(drift),
            "startdato": add_months(today, start),
            "udloebsdato": add_months(add_months(today, start), expiry) if expiry else None,
            "uopsigelig_til": add_months(today, irrevocable) if irrevocable else None,
            "opsigelsesvarsel": notice,
            "opsigelsesbasis": basis,
            "optioner": options,
            "option_maaneder": 12,
            "optioner_udnyttet": used,
            "binding_kmd_sag": binding,
        },
    )
    if created:
        kontrakt.itsystemer.set([systems[system]])
    if created and system == "KMD Sag":
        kontrakt.afventer_udfasning.set([systems[n] for n in UDFASNING])


def _tobe(systems, today):
    workshop = Workshop.objects.filter(type=Workshop.Type.TOBE).first()
    created = 0
    for (navn, nummer), (quarters, market, solutions, kritisk, kompleksitet, scenarie, why) in TOBE.items():
        sagsomraade = Sagsomraade.objects.get(fagomraade__navn=navn, kle__nummer=nummer)
        if ToBe.objects.filter(pk=sagsomraade.pk).exists():
            continue
        values = {
            "udbud_dato": period_end(add_months(today, 3 * quarters), KVARTAL) if quarters else None,
            "udbud_kvartal": bool(quarters),
            **{
                field: systems[name] if name else None
                for field, name in zip(FUNCTIONS, solutions, strict=True)
            },
            "forretningskritisk": kritisk,
            "kompleksitet": kompleksitet,
            "anbefalet_scenarie": scenarie,
            "begrundelse": why,
            "anbefalet_paa": workshop,
        }
        tobe_save(
            sagsomraade=sagsomraade,
            values=values,
            version=0,
            user=None,
            m2m={"markedsloesninger": [systems[n] for n in market]},
        )
        created += 1
    return created
