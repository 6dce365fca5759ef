"""A person who has left is anonymised: name and e-mail gone from the user, the revisionslog and the
workshop participant lists; their answers and the Historik stay, as "Tidligere bruger"."""

from django.test import Client
from django.urls import reverse

from exitstrategi.history import changes_for
from exitstrategi.models import Logpost
from workshops.models import AsIs, Deltager, Workshop


def test_a_contact_person_who_left_is_anonymised_and_their_answers_stay(
    login, projektleder, kontaktperson, ja_sagsomraade, borgerservice
):
    login(kontaktperson).post(
        ja_sagsomraade.url("workshops:asis-update"), {"version": 0, "antal_sagsbehandlere": 4}
    )
    workshop = Workshop.objects.create(titel="As-is", type="asis", start="2027-01-05T09:00+01:00")
    Deltager.objects.create(workshop=workshop, navn="Karim Kontakt", email="KARIM@example.dk")

    response = login(projektleder).post(
        reverse("person-anonymise"), {"email": "karim@example.dk", "bekraeft": "on"}, follow=True
    )

    assert "1 bruger og 1 workshopdeltagelse" in response.content.decode()
    kontaktperson.refresh_from_db()
    assert (kontaktperson.get_full_name(), kontaktperson.email, kontaktperson.is_active) == (
        "Tidligere bruger",
        "",
        False,
    )
    assert not kontaktperson.fagomraader.exists() and not kontaktperson.groups.exists()
    assert AsIs.objects.get().antal_sagsbehandlere == 4
    assert "Tidligere bruger" in {change.who for change in changes_for(ja_sagsomraade)}
    assert Deltager.objects.get().navn == "Tidligere deltager" and Deltager.objects.get().email == ""
    logged = " ".join(Logpost.objects.values_list("brugernavn", flat=True))
    assert "karim" not in logged
    fresh = Client()
    assert (
        fresh.post(reverse("login"), {"username": "karim", "password": "hemmelig-kode-123"}).status_code
        == 200
    )


def test_it_needs_a_confirmation_and_a_known_address(login, projektleder, kontaktperson):
    client = login(projektleder)

    unconfirmed = client.post(reverse("person-anonymise"), {"email": "karim@example.dk"})
    unknown = client.post(reverse("person-anonymise"), {"email": "ingen@example.dk", "bekraeft": "on"})

    assert "bekraeft" in unconfirmed.context["form"].errors
    assert unknown.context["form"].errors["email"] == [
        "Ingen bruger eller workshopdeltager har denne e-mail."
    ]
    kontaktperson.refresh_from_db()
    assert kontaktperson.is_active and kontaktperson.email == "karim@example.dk"


def test_only_the_project_leader_anonymises(login, kontaktperson, laeser):
    assert (
        login(kontaktperson).post(reverse("person-anonymise"), {"email": "lone@example.dk"}).status_code
        == 403
    )
    laeser.refresh_from_db()
    assert laeser.is_active
