import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from exitstrategi.roles import Rolle, rolle_for
from exitstrategi.services import role_state

INVITE = reverse("user-invite")


def test_the_projektleder_invites_a_contact_person_who_sets_a_password_and_logs_in(
    client, login, projektleder, borgerservice
):
    response = login(projektleder).post(
        INVITE,
        {
            "fulde_navn": "Kim Kontakt",
            "email": "Kim@Kommune.dk",
            "rolle": Rolle.KONTAKTPERSON,
            "fagomraader": [borgerservice.pk],
        },
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(email="kim@kommune.dk")
    assert rolle_for(user) == Rolle.KONTAKTPERSON
    assert list(user.fagomraader.all()) == [borgerservice]
    assert not user.has_usable_password()
    assert mail.outbox[0].to == ["kim@kommune.dk"]
    link = re.search(r"http://testserver(/konto/reset/\S+)", mail.outbox[0].body).group(1)

    client.logout()
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Et-rigtig-godt-kodeord-42", "new_password2": "Et-rigtig-godt-kodeord-42"},
    )
    logged_in = client.post(
        reverse("login"), {"username": "kim@kommune.dk", "password": "Et-rigtig-godt-kodeord-42"}
    )
    assert logged_in.status_code == 302
    assert client.get(reverse("screening:fagomraade-detail", args=["borgerservice"])).context["can_edit"]


def test_a_contact_person_must_have_a_fagomraade_and_an_email_is_used_once(
    login, projektleder, laeser, borgerservice
):
    client = login(projektleder)

    no_area = client.post(INVITE, {"fulde_navn": "A B", "email": "a@b.dk", "rolle": Rolle.KONTAKTPERSON})
    taken = client.post(INVITE, {"fulde_navn": "L", "email": "LONE@example.dk", "rolle": Rolle.LAESER})

    assert "En kontaktperson skal have mindst ét fagområde." in no_area.content.decode()
    assert "Der findes allerede en bruger med denne e-mail." in taken.content.decode()
    assert get_user_model().objects.count() == 2
    assert not mail.outbox


def test_the_projektleder_changes_a_role(login, projektleder, kontaktperson):
    login(projektleder).post(
        reverse("user-update", args=[kontaktperson.pk]),
        {"rolle": Rolle.LAESER, "is_active": "on", "shown_state": role_state(kontaktperson)},
    )

    kontaktperson = get_user_model().objects.get(pk=kontaktperson.pk)
    assert rolle_for(kontaktperson) == Rolle.LAESER
    assert not kontaktperson.fagomraader.exists()


def test_repeated_wrong_passwords_lock_the_login(client, laeser):
    url = reverse("login")
    for _ in range(5):
        client.post(url, {"username": "lone", "password": "forkert"})

    response = client.post(url, {"username": "lone", "password": "hemmelig-kode-123"})

    assert response.status_code == 429
    assert "Login midlertidigt spærret" in response.content.decode()


def test_the_right_password_logs_in(client, laeser):
    response = client.post(reverse("login"), {"username": "lone", "password": "hemmelig-kode-123"})

    assert response.status_code == 302
    assert client.get(reverse("dokumentationsark")).status_code == 200


def test_the_projektleder_cannot_lock_themselves_out(login, projektleder):
    response = login(projektleder).post(
        reverse("user-update", args=[projektleder.pk]),
        {"rolle": Rolle.LAESER, "is_active": "on", "shown_state": role_state(projektleder)},
    )

    assert "Du kan ikke fjerne din egen adgang som projektleder" in response.content.decode()
    assert rolle_for(get_user_model().objects.get(pk=projektleder.pk)) == Rolle.PROJEKTLEDER
