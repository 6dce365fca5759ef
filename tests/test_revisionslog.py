"""The revisionslog: logins (also failed ones), role changes, invitations, imports and exports, with
who and when; only the project leader reads it."""

import pytest
from django.test import Client
from django.urls import reverse

from exitstrategi.models import Logpost
from exitstrategi.services import role_state

from .test_excel_import import cell, exported
from .test_excel_import_page import upload

H = Logpost.Handling


def entries(**filters):
    return list(
        Logpost.objects.filter(**filters).order_by("id").values_list("handling", "brugernavn", "beskrivelse")
    )


def test_logins_failed_logins_and_logouts_are_logged_with_the_address(db, laeser):
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post(reverse("login"), {"username": "lone", "password": "forkert"})
    client.post(reverse("login"), {"username": "lone", "password": "hemmelig-kode-123"})
    client.post(reverse("logout"))

    assert entries() == [(H.LOGIN_FEJLET, "lone", ""), (H.LOGIN, "lone", ""), (H.LOGOUT, "lone", "")]
    assert set(Logpost.objects.values_list("adresse", flat=True)) == {"192.0.2.10"}


def test_role_changes_invitations_imports_and_exports_are_logged(
    login, projektleder, kontaktperson, c_sagsomraade, borgerservice
):
    client = login(projektleder)
    client.post(
        reverse("user-update", args=[kontaktperson.pk]),
        {"rolle": "Læser", "is_active": "on", "shown_state": role_state(kontaktperson)},
    )
    client.post(
        reverse("user-invite"), {"fulde_navn": "Ny Person", "email": "ny@kommune.dk", "rolle": "Læser"}
    )
    client.get(reverse("dokumentationsark-export"))
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 8
    url = upload(client, workbook).url
    client.post(url, {"fingeraftryk": client.get(url).context["plan"].fingeraftryk})

    assert entries(bruger=projektleder) == [
        (H.LOGIN, "pia", ""),
        (H.ROLLE, "pia", "karim: Læser"),
        (H.INVITATION, "pia", "ny@kommune.dk inviteret som Læser"),
        (H.EKSPORT, "pia", entries(handling=H.EKSPORT)[0][2]),
        (H.INDLAESNING, "pia", "Dokumentationsark ark.xlsx: 1 svar"),
    ]
    assert entries(handling=H.EKSPORT)[0][2].endswith(": 1 sagsområder")


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_project_leader_reads_the_log(request, login, persona):
    assert login(request.getfixturevalue(persona)).get(reverse("revisionslog")).status_code == 403


def test_the_project_leader_filters_the_log(login, projektleder, laeser):
    Client().post(reverse("login"), {"username": "lone", "password": "forkert"})
    client = login(projektleder)

    page = client.get(reverse("revisionslog"), {"handling": H.LOGIN_FEJLET})

    assert [post.brugernavn for post in page.context["object_list"]] == ["lone"]
    assert "Forkert adgangskode" in page.content.decode()
