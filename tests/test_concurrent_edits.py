"""Two people edit the same register record: the second save is refused with the conflict message and
the first one stays (the phase records' optimistic locking, on the shared registers and user roles)."""

import pytest
from django.test import Client
from django.urls import reverse

from exitstrategi.models import Fagomraade, ITSystem
from exitstrategi.roles import Rolle, rolle_for
from tests.conftest import ny_kontrakt
from workshops.models import Strategi, Workshop

from .conftest import make_user

CONFLICT = "Nogen har gemt en ændring, mens du redigerede."


def as_submitted(response, **changes):
    """The form as the page showed it, submitted with some changes."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, ""):
            continue
        if isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = getattr(value, "pk", value)
    return data | changes


def two_sessions(*users):
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.fixture
def two_leaders(projektleder):
    return two_sessions(projektleder, make_user("per", Rolle.PROJEKTLEDER))


def registers(systemer, borgerservice):
    kontrakt = ny_kontrakt(systemer["KMD Opera"], navn="Opera", opsigelsesvarsel=3)
    workshop = Workshop.objects.create(titel="As-is", type="asis", start="2027-01-05T09:00+01:00")
    workshop.fagomraader.set([borgerservice])
    strategi = Strategi.objects.create(titel="Digitaliseringsstrategi")
    return {
        "kontrakt": (reverse("kontrakt-update", args=[kontrakt.pk]), "navn", kontrakt),
        "itsystem": (
            reverse("itsystem-update", args=[systemer["SBSYS"].slug]),
            "leverandoer",
            systemer["SBSYS"],
        ),
        "fagomraade": (reverse("fagomraade-update", args=[borgerservice.slug]), "beskrivelse", borgerservice),
        "workshop": (reverse("workshops:workshop-update", args=[workshop.pk]), "titel", workshop),
        "strategi": (reverse("workshops:strategi-update", args=[strategi.pk]), "ejer", strategi),
    }


@pytest.mark.parametrize("register", ["kontrakt", "itsystem", "fagomraade", "workshop", "strategi"])
def test_the_second_of_two_saves_is_refused_and_the_first_kept(
    two_leaders, systemer, borgerservice, register
):
    url, field, record = registers(systemer, borgerservice)[register]
    first, second = two_leaders
    shown_first, shown_second = first.get(url), second.get(url)
    formset = {"deltagere-TOTAL_FORMS": 0, "deltagere-INITIAL_FORMS": 0}

    saved = first.post(url, as_submitted(shown_first, **{field: "Første"}, **formset))
    refused = second.post(url, as_submitted(shown_second, **{field: "Anden"}, **formset))

    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    assert refused.status_code == 200 and CONFLICT in refused.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == "Første"


def test_a_role_changed_meanwhile_is_not_overwritten(two_leaders, kontaktperson, borgerservice):
    url = reverse("user-update", args=[kontaktperson.pk])
    first, second = two_leaders
    shown_first, shown_second = first.get(url), second.get(url)

    first.post(url, as_submitted(shown_first, rolle=Rolle.LAESER, fagomraader=[]))
    refused = second.post(url, as_submitted(shown_second, is_active=False))

    assert CONFLICT in refused.content.decode()
    kontaktperson.refresh_from_db()
    kontaktperson.__dict__.pop("_rolle", None)
    assert (rolle_for(kontaktperson), kontaktperson.is_active) == (Rolle.LAESER, True)


def test_a_new_record_has_nothing_to_conflict_with(login, projektleder):
    response = login(projektleder).post(reverse("fagomraade-create"), {"navn": "Skole", "version": 0})

    assert response.status_code == 302
    assert Fagomraade.objects.get().version == 1
    assert ITSystem.objects.count() == 0
