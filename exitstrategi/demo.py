"""Eksempel Kommune: the demo municipality's core data (KLE topics, people, fagområder).

Every step is get-or-create, so loading twice changes nothing.
"""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .kle_import import kle_import, parse_emneplan
from .models import KLE, Fagomraade, ITSystem, Kommune, Sagsomraade
from .roles import Rolle
from .services import user_set_role

KLE_FIXTURE = Path(__file__).parent / "fixtures" / "kle_demo.xml"

# username, full name, role, password (None: invited, has not chosen a password yet)
USERS = [
    ("projektleder", "Pia Projektleder", Rolle.PROJEKTLEDER, "demo-projektleder"),
    ("kontaktperson", "Karim Kontaktperson", Rolle.KONTAKTPERSON, "demo-kontaktperson"),
    ("laeser", "Lone Læser", Rolle.LAESER, "demo-laeser"),
    ("birgit", "Birgit Børnefaglig", Rolle.KONTAKTPERSON, None),
    ("vagn", "Vagn Voksen", Rolle.KONTAKTPERSON, None),
    ("sofie", "Sofie Sundhed", Rolle.KONTAKTPERSON, None),
]

# fagområde: (description, contact usernames, KLE numbers of its sagsområder)
FAGOMRAADER = {
    "Borgerservice": (
        "Ydelser og selvbetjening ved borgerservicecentret.",
        ["kontaktperson"],
        ["32.06.00", "32.12.00", "32.15.04", "29.03.04", "29.03.12", "32.03.16", "32.36.00"],
    ),
    "Arbejdsmarked": (
        "Jobcenter og ydelser til borgere uden for arbejdsmarkedet.",
        ["kontaktperson"],
        ["32.24.04", "32.24.12", "15.20.24", "15.17.22", "15.17.06", "16.19.02", "15.17.26", "32.03.16"],
    ),
    "Børn og Familie": (
        "Myndighed og forebyggelse for børn, unge og familier.",
        ["birgit"],
        ["27.24.03", "27.24.06", "27.27.09", "27.12.06", "27.30.04", "17.03.04", "28.06.12"],
    ),
    "Voksen og Handicap": (
        "Støtte til voksne med nedsat funktionsevne.",
        ["vagn"],
        ["32.18.08", "32.18.04", "27.36.12", "27.12.12", "32.18.12", "32.18.14"],
    ),
    "Teknik og Miljø": (
        "Byggesager, planlægning, natur og miljø.",
        [],
        ["02.34.02", "02.00.08", "01.02.05", "06.11.01", "05.04.08", "09.02.00"],
    ),
    "Sundhed og Omsorg": (
        "Hjemmepleje, plejeboliger og forebyggelse.",
        ["sofie"],
        ["27.36.04", "27.42.08", "27.39.12", "29.09.04", "27.36.06", "27.42.12"],
    ),
}
ALSO_COVERS = {("Arbejdsmarked", "32.24.04"): ["32.24.05", "32.24.06"]}

# name, supplier, type, monopolbrud/TSA
IT_SYSTEMS = [
    ("KMD Sag", "KMD", ITSystem.Type.KMD_SAG, ""),
    ("KMD Opera", "KMD", ITSystem.Type.FAGSYSTEM, ""),
    ("KMD Aktiv", "KMD", ITSystem.Type.FAGSYSTEM, ITSystem.Aftale.MONOPOLBRUD),
    ("KMD Sygedagpenge", "KMD", ITSystem.Type.FAGSYSTEM, ITSystem.Aftale.MONOPOLBRUD),
    ("KMD Boligstøtte", "KMD", ITSystem.Type.FAGSYSTEM, ITSystem.Aftale.TSA),
    ("KMD Børneydelse", "KMD", ITSystem.Type.FAGSYSTEM, ITSystem.Aftale.TSA),
    ("KMD Socialpension", "KMD", ITSystem.Type.FAGSYSTEM, ITSystem.Aftale.TSA),
    ("KMD Barselsdagpenge", "KMD", ITSystem.Type.FAGSYSTEM, ITSystem.Aftale.TSA),
    ("SBSYS", "SBSYS-fællesskabet", ITSystem.Type.ESDH, ""),
    ("Acadre", "Formpipe", ITSystem.Type.ESDH, ""),
    ("DUBU", "Netcompany", ITSystem.Type.FAGSYSTEM, ""),
    ("Nexus", "Systematic", ITSystem.Type.FAGSYSTEM, ""),
    ("SAPA", "KOMBIT", ITSystem.Type.SAPA, ""),
]


def load(out):
    with transaction.atomic():
        result = kle_import(parse_emneplan(KLE_FIXTURE))
        out(f"KLE-emner: {result.created} oprettet, {result.unchanged + result.updated} fandtes.")
        users = _users()
        for navn, (beskrivelse, contacts, numbers) in FAGOMRAADER.items():
            fagomraade, _ = Fagomraade.objects.get_or_create(navn=navn, defaults={"beskrivelse": beskrivelse})
            fagomraade.kontaktpersoner.add(*[users[u] for u in contacts])
            for nummer in numbers:
                sagsomraade, created = Sagsomraade.alle.get_or_create(
                    fagomraade=fagomraade, kle=KLE.objects.get(nummer=nummer)
                )
                if created and (navn, nummer) in ALSO_COVERS:
                    sagsomraade.ogsaa_daekker.set(KLE.objects.filter(nummer__in=ALSO_COVERS[navn, nummer]))
        for navn, leverandoer, type_, aftale in IT_SYSTEMS:
            ITSystem.objects.get_or_create(
                navn=navn, defaults={"leverandoer": leverandoer, "type": type_, "aftale": aftale}
            )
        _kommune()
    out(f"Fagområder: {Fagomraade.objects.count()}, sagsområder: {Sagsomraade.objects.count()}.")


def _kommune():
    kommune = Kommune.get()
    if kommune.cvr:  # filled in already: leave the user's own choices alone
        return
    today = timezone.localdate()
    kommune.navn = "Eksempel Kommune"
    kommune.cvr = "12345678"
    kommune.sapa_idriftsaettelse = today.replace(day=1) + timedelta(days=400)
    kommune.stoettesystemer_idriftsaettelse = today.replace(day=1) + timedelta(days=250)
    kommune.save()


def _users():
    User = get_user_model()
    users = {}
    for username, full_name, rolle, password in USERS:
        first, _, last = full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@eksempel-kommune.dk"},
        )
        if created:
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            user_set_role(user=user, rolle=rolle, fagomraader=[])
        users[username] = user
    return users


def logins():
    return [(username, password, rolle.label) for username, _, rolle, password in USERS if password]
