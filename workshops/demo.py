"""Eksempel Kommune's As-is mapping and workshops: every brugsmønster occurs, some areas are
complete and some are not, and one workshop of each type is planned."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from exitstrategi.models import Fagomraade, ITSystem, Sagsomraade
from exitstrategi.services import phase_record_save

from . import demo_tobe
from .models import AsIs, Deltager, Workshop

J, N = True, False
R2 = {  # brugsmønster: the answers that give it
    "0": {"q1": N},
    "A": {"q1": J, "q2": J, "q3": J, "q4": J},
    "B": {"q1": J, "q2": J, "q3": J, "q4": N},
    "C": {"q1": J, "q2": J, "q3": N},
    "D": {"q1": J, "q2": N, "q5": J},
    "E": {"q1": J, "q2": N, "q5": N},
}
# The five functions (sager, journalnotater, adviser, dokumenter, overblik) per typical set-up.
OPERA = ("KMD Opera", "KMD Sag", "KMD Sag", "KMD Sag", "KMD Sag")  # the guide's type C example
MANUEL = ("KMD Sag",) * 5  # manual KMD Sag cases: type D
FULL = {
    "monopolbrud_tsa": "nej",
    "oprydning": "ja",
    "oprydning_aabne_sager": True,
    "arkivering": "delvist",
    "arkivering_note": "Afsluttede sager over 5 år kan arkiveres; kræver aftale med arkivet.",
}

# (fagområde, KLE): (brugsmønster, systems, monopolbrud/TSA systems, further answers)
ASIS = {
    ("Arbejdsmarked", "32.24.04"): (
        "C",
        OPERA,
        ["KMD Aktiv"],
        {
            **FULL,
            "antal_sagsbehandlere": 45,
            "monopolbrud_tsa": "ja",
            "antal_manuelle_sager": 150,
            "antal_journalnotater": 24000,
            "oprydning_uden_kle": True,
        },
    ),
    ("Arbejdsmarked", "32.24.12"): ("C", OPERA, [], {"antal_sagsbehandlere": 8}),
    ("Arbejdsmarked", "15.20.24"): (
        "C",
        OPERA,
        [],
        {**FULL, "antal_sagsbehandlere": 12, "antal_manuelle_sager": 40, "antal_journalnotater_ukendt": True},
    ),
    ("Arbejdsmarked", "15.17.22"): (
        "A",
        ("KMD Opera", "SBSYS", "KMD Opera", "SBSYS", "KMD Sag"),
        [],
        {
            **FULL,
            "antal_sagsbehandlere": 10,
            "antal_manuelle_sager": 0,
            "antal_journalnotater": 0,
            "oprydning": "nej",
            "oprydning_aabne_sager": False,
            "arkivering": "nej",
            "arkivering_note": "",
        },
    ),
    ("Arbejdsmarked", "15.17.06"): ("B", ("SBSYS", "SBSYS", "KMD Sag", "SBSYS", "KMD Sag"), [], {}),
    ("Arbejdsmarked", "16.19.02"): (
        "C",
        ("KMD Sygedagpenge",) + OPERA[1:],
        ["KMD Sygedagpenge"],
        {
            **FULL,
            "antal_sagsbehandlere": 9,
            "monopolbrud_tsa": "ja",
            "antal_manuelle_sager": 80,
            "antal_journalnotater": 6000,
        },
    ),
    ("Borgerservice", "32.06.00"): (
        "C",
        ("KMD Boligstøtte",) + OPERA[1:],
        ["KMD Boligstøtte"],
        {
            **FULL,
            "antal_sagsbehandlere": 6,
            "monopolbrud_tsa": "ja",
            "antal_manuelle_sager": 30,
            "antal_journalnotater": 2500,
        },
    ),
    ("Borgerservice", "32.12.00"): ("C", ("KMD Børneydelse",) + OPERA[1:], [], {"antal_sagsbehandlere": 3}),
    ("Borgerservice", "32.15.04"): (
        "D",
        MANUEL,
        [],
        {
            **FULL,
            "antal_sagsbehandlere": 4,
            "antal_manuelle_sager": 900,
            "antal_journalnotater": 3100,
            "oprydning_uden_kle": True,
            "oprydning_notater_uden_sag": True,
        },
    ),
    ("Børn og Familie", "27.24.03"): (
        "E",
        ("SBSYS", "SBSYS", "DUBU", "SBSYS", "KMD Sag"),
        [],
        {**FULL, "antal_sagsbehandlere": 25, "antal_manuelle_sager": 12, "antal_journalnotater": 0},
    ),
    ("Børn og Familie", "27.24.06"): ("E", ("SBSYS", "SBSYS", "DUBU", "SBSYS", "KMD Sag"), [], {}),
    ("Børn og Familie", "27.27.09"): (
        "D",
        MANUEL,
        [],
        {**FULL, "antal_sagsbehandlere": 7, "antal_manuelle_sager": 420, "antal_journalnotater": 5200},
    ),
    ("Voksen og Handicap", "32.18.08"): (
        "D",
        MANUEL,
        [],
        {**FULL, "antal_sagsbehandlere": 5, "antal_manuelle_sager": 610, "antal_journalnotater_ukendt": True},
    ),
    ("Voksen og Handicap", "32.18.04"): ("D", MANUEL, [], {"antal_sagsbehandlere": 3}),
    ("Voksen og Handicap", "27.36.12"): ("0", ("Nexus",) * 4 + ("Nexus",), [], {"antal_sagsbehandlere": 14}),
    ("Sundhed og Omsorg", "27.36.04"): (
        "A",
        ("Nexus", "Nexus", "Nexus", "Nexus", "KMD Sag"),
        [],
        {
            **FULL,
            "antal_sagsbehandlere": 30,
            "antal_manuelle_sager": 0,
            "antal_journalnotater": 0,
            "oprydning": "nej",
            "oprydning_aabne_sager": False,
        },
    ),
}
FUNCTIONS = [
    "system_sager",
    "system_journalnotater",
    "system_adviser",
    "system_dokumenter",
    "system_overblik",
]

WORKSHOPS = [
    # title, type, days from today, fagområder, invitation days before, participants
    (
        "As-is workshop: borgerrettede områder",
        Workshop.Type.ASIS,
        14,
        ["Borgerservice", "Arbejdsmarked", "Børn og Familie"],
        12,
        [
            ("Karim Kontaktperson", "Kontaktperson", "Borgerservice"),
            ("Jens Jobcenter", "Sagsbehandler", "Arbejdsmarked"),
            ("Birgit Børnefaglig", "Kontaktperson", "Børn og Familie"),
            ("Maja Myndighed", "Sagsbehandler", "Børn og Familie"),
        ],
    ),
    (
        "Samlet As-is og To-be: voksne og omsorg",
        Workshop.Type.KOMBINERET,
        21,
        ["Voksen og Handicap", "Sundhed og Omsorg", "Teknik og Miljø"],
        6,
        [
            ("Vagn Voksen", "Kontaktperson", "Voksen og Handicap"),
            ("Sofie Sundhed", "Kontaktperson", "Sundhed og Omsorg"),
        ],
    ),
    (
        "To-be workshop: arbejdsmarked",
        Workshop.Type.TOBE,
        42,
        ["Arbejdsmarked", "Borgerservice"],
        None,
        [
            ("Jens Jobcenter", "Sagsbehandler", "Arbejdsmarked"),
            ("Dorte Digital", "Digitaliseringskonsulent", None),
            ("Frede Fagchef", "Fagchef, Jobcenter", "Arbejdsmarked"),
        ],
    ),
]
# The To-be workshop's people (p.14): gengangere from As-is, specialists, decision makers.
KATEGORI = {
    ("To-be workshop: arbejdsmarked", "Jens Jobcenter"): Deltager.Kategori.GENGANGER,
    ("To-be workshop: arbejdsmarked", "Dorte Digital"): Deltager.Kategori.SPECIALIST,
    ("To-be workshop: arbejdsmarked", "Frede Fagchef"): Deltager.Kategori.BESLUTNINGSTAGER,
}


def load(out):
    systems = {s.navn: s for s in ITSystem.objects.all()}
    created = 0
    with transaction.atomic():
        for (navn, nummer), (pattern, functions, monopol, answers) in ASIS.items():
            sagsomraade = Sagsomraade.objects.get(fagomraade__navn=navn, kle__nummer=nummer)
            if AsIs.objects.filter(pk=sagsomraade.pk).exists():
                continue
            values = {
                **R2[pattern],
                **dict(zip(FUNCTIONS, (systems[n] for n in functions), strict=True)),
                **answers,
            }
            phase_record_save(
                model=AsIs,
                sagsomraade=sagsomraade,
                values=values,
                version=0,
                user=None,
                m2m={"monopolbrud_tsa_systemer": [systems[n] for n in monopol]},
            )
            created += 1
        facilitator = get_user_model().objects.filter(username="projektleder").first()
        today = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        for titel, type_, days, fagomraader, invited_before, deltagere in WORKSHOPS:
            start = today + timedelta(days=days)
            workshop, new = Workshop.objects.get_or_create(
                titel=titel,
                defaults={
                    "type": type_,
                    "start": start,
                    "slut": start.replace(hour=12, minute=30).time(),
                    "sted": "Rådhuset, mødelokale 2",
                    "facilitator": facilitator,
                    # an invitation is sent before the workshop, and never later than today
                    "invitation_sendt": min(start - timedelta(days=invited_before), today).date()
                    if invited_before
                    else None,
                },
            )
            if new:
                workshop.fagomraader.set(Fagomraade.objects.filter(navn__in=fagomraader))
                if type_ == Workshop.Type.TOBE:  # the guide's pair: it follows the As-is workshop
                    workshop.foelger_efter.set(Workshop.objects.filter(type=Workshop.Type.ASIS)[:1])
                for name, rolle, fagomraade in deltagere:
                    workshop.deltagere.create(
                        navn=name,
                        rolle=rolle,
                        kategori=KATEGORI.get((titel, name), Deltager.Kategori.FAGPERSON),
                        email=f"{name.split()[0].lower()}@eksempel-kommune.dk",
                        fagomraade=Fagomraade.objects.filter(navn=fagomraade).first(),
                    )
    total, workshops = AsIs.objects.count(), Workshop.objects.count()
    out(f"As-is: {created} sagsområder kortlagt, {total} i alt; workshops: {workshops}.")
    demo_tobe.load(out)
