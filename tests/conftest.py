"""Personas and a small KLE catalogue shared by the tests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from exitstrategi.roles import Rolle

TOPICS = [
    # nummer, titel, niveau, status, flyttet_til
    ("32", "Sociale ydelser", "hovedgruppe", "aktiv", []),
    ("32.24", "Ydelser efter lov om aktiv socialpolitik", "gruppe", "aktiv", []),
    ("32.24.04", "Hjælp til forsørgelse (kontanthjælp mv.)", "emne", "aktiv", []),
    ("32.24.05", "Fradrag i kontanthjælp", "emne", "aktiv", []),
    ("32.24.11", "Fleksløntilskud [udgået]", "emne", "udgaaet", []),
    ("32.06", "Boligstøtte", "gruppe", "aktiv", []),
    ("32.06.00", "Boligstøtte i almindelighed", "emne", "aktiv", []),
    ("16", "Sociale ydelser (gammel)", "hovedgruppe", "aktiv", []),
    ("16.19", "Sygedagpenge", "gruppe", "aktiv", []),
    ("16.19.02", "Udbetaling af sygedagpenge [udgået]", "emne", "flyttet", ["32.30.04"]),
    ("02", "Byggeri", "hovedgruppe", "aktiv", []),
    ("02.34", "Byggetilladelse", "gruppe", "aktiv", []),
    ("02.34.02", "Byggetilladelse", "emne", "aktiv", []),
]


@pytest.fixture
def kle(db):
    topics = {}
    for nummer, titel, niveau, status, flyttet_til in TOPICS:
        parent = topics.get(nummer.rsplit(".", 1)[0]) if "." in nummer else None
        topics[nummer] = KLE.objects.create(
            nummer=nummer, titel=titel, niveau=niveau, status=status, flyttet_til=flyttet_til, parent=parent
        )
    return topics


def make_user(username, rolle=None, password="hemmelig-kode-123"):
    user = get_user_model().objects.create_user(
        username=username, password=password, email=f"{username}@example.dk", first_name=username.title()
    )
    if rolle:
        user.groups.add(Group.objects.get_or_create(name=rolle)[0])
    return user


@pytest.fixture
def borgerservice(db):
    return Fagomraade.objects.create(navn="Borgerservice")


@pytest.fixture
def arbejdsmarked(db):
    return Fagomraade.objects.create(navn="Arbejdsmarked")


@pytest.fixture
def projektleder(db):
    return make_user("pia", Rolle.PROJEKTLEDER)


@pytest.fixture
def kontaktperson(borgerservice):
    """Contact person for Borgerservice only."""
    user = make_user("karim", Rolle.KONTAKTPERSON)
    borgerservice.kontaktpersoner.add(user)
    return user


@pytest.fixture
def laeser(db):
    return make_user("lone", Rolle.LAESER)


@pytest.fixture
def uden_rolle(db):
    return make_user("udenrolle")


@pytest.fixture
def sagsomraade(kle, borgerservice):
    return Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.06.00"])


@pytest.fixture
def fremmed_sagsomraade(kle, arbejdsmarked):
    """A sagsområde of a fagområde the kontaktperson does not answer for."""
    return Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.24.04"])


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def systemer(db):
    from exitstrategi.models import ITSystem

    return {
        navn: ITSystem.objects.create(navn=navn, type=type_, aftale=aftale)
        for navn, type_, aftale in [
            ("KMD Sag", "kmd_sag", ""),
            ("KMD Opera", "fagsystem", ""),
            ("KMD Aktiv", "fagsystem", "monopolbrud"),
            ("SBSYS", "esdh", ""),
        ]
    }


@pytest.fixture
def ja_sagsomraade(sagsomraade):
    """Borgerservice's sagsområde, screened Ja: in the As-is mapping."""
    from screening.models import Screening

    Screening.objects.create(sagsomraade=sagsomraade, anvender_kmd_sag="ja")
    return sagsomraade


@pytest.fixture
def c_sagsomraade(ja_sagsomraade, systemer):
    """Borgerservice's sagsområde mapped as brugsmønster C: KMD Opera with KMD Sag for notes."""
    from workshops.models import AsIs

    AsIs.objects.create(
        sagsomraade=ja_sagsomraade,
        q1=True,
        q2=True,
        q3=False,
        system_sager=systemer["KMD Opera"],
        system_journalnotater=systemer["KMD Sag"],
        system_adviser=systemer["KMD Sag"],
        system_dokumenter=systemer["KMD Sag"],
        system_overblik=systemer["KMD Sag"],
    )
    return ja_sagsomraade


@pytest.fixture
def demo(settings):
    """Eksempel Kommune, as `make run` loads it (needs a database fixture before it)."""
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False


R2 = {"C": {"q1": True, "q2": True, "q3": False}, "D": {"q1": True, "q2": False, "q5": True}}


def area(fagomraade, topic, brugsmoenster="C", sagsbehandlere=None, **tobe):
    """A sagsområde screened Ja, mapped to the brugsmønster, with To-be answers when given."""
    from screening.models import Screening
    from workshops.models import AsIs, ToBe

    s = Sagsomraade.objects.create(fagomraade=fagomraade, kle=topic)
    Screening.objects.create(sagsomraade=s, anvender_kmd_sag="ja")
    AsIs.objects.create(sagsomraade=s, antal_sagsbehandlere=sagsbehandlere, **R2[brugsmoenster])
    if tobe:
        ToBe.objects.create(sagsomraade=s, **tobe)
    return s


@pytest.fixture
def omraader(kle, borgerservice):
    """Three areas with a recommended scenario and one without."""
    return {
        "bolig": area(
            borgerservice,
            kle["32.06.00"],
            "D",
            4,
            anbefalet_scenarie=2,
            kompleksitet="lav",
            forretningskritisk="nej",
        ),
        "kontant": area(
            borgerservice,
            kle["32.24.04"],
            "C",
            30,
            anbefalet_scenarie=4,
            kompleksitet="hoej",
            forretningskritisk="nej",
        ),
        "fradrag": area(
            borgerservice,
            kle["32.24.05"],
            "C",
            12,
            anbefalet_scenarie=1,
            kompleksitet="middel",
            forretningskritisk="ja",
        ),
        "byg": area(borgerservice, kle["02.34.02"], "D", 2, kompleksitet="lav"),
    }


def ny_kontrakt(*systemer, **fields):
    """A contract covering the given IT systems."""
    from exitstrategi.models import Kontrakt

    created = Kontrakt.objects.create(**fields)
    created.itsystemer.set(systemer)
    return created


@pytest.fixture(autouse=True)
def _a_worker_remembering_no_wall_cards():
    """Each test starts as a new worker process would: with no wall cards written before."""
    from workshops.wall_cards import remembered

    remembered.entries.clear()
