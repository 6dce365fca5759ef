import pytest
from django.urls import reverse

from exitstrategi.models import ITSystem
from workshops.models import AsIs


def test_the_register_filters_by_type_and_monopolbrud(login, laeser, systemer):
    client = login(laeser)

    esdh = client.get(reverse("itsystem-list"), {"type": "esdh"}).context["object_list"]
    monopol = client.get(reverse("itsystem-list"), {"aftale": "monopolbrud"}).context["object_list"]
    search = client.get(reverse("itsystem-list"), {"q": "opera"}).context["object_list"]

    assert [s.navn for s in esdh] == ["SBSYS"]
    assert [s.navn for s in monopol] == ["KMD Aktiv"]
    assert [s.navn for s in search] == ["KMD Opera"]


def test_a_system_shows_which_sagsomraader_use_it_for_what(login, laeser, ja_sagsomraade, systemer):
    asis = AsIs.objects.create(
        sagsomraade=ja_sagsomraade,
        system_sager=systemer["KMD Opera"],
        system_adviser=systemer["KMD Sag"],
        system_journalnotater=systemer["KMD Sag"],
    )
    asis.monopolbrud_tsa_systemer.set([systemer["KMD Aktiv"]])
    client = login(laeser)

    kmd_sag = client.get(systemer["KMD Sag"].get_absolute_url()).context["usage"]
    aktiv = client.get(systemer["KMD Aktiv"].get_absolute_url()).context["usage"]

    assert kmd_sag == [(ja_sagsomraade, ["Journalnotater journaliseres i", "Adviser ligger i"])]
    assert aktiv == [(ja_sagsomraade, ["Monopolbrud/TSA"])]


def test_a_contact_person_adds_a_system(login, kontaktperson):
    response = login(kontaktperson).post(
        reverse("itsystem-create"),
        {"navn": "KMD Socialpension", "type": "fagsystem", "aftale": "tsa", "version": 0},
    )

    system = ITSystem.objects.get()
    assert response["Location"] == system.get_absolute_url() == "/systemer/kmd-socialpension/"


def test_a_duplicate_name_is_refused(login, projektleder, systemer):
    response = login(projektleder).post(
        reverse("itsystem-create"), {"navn": "SBSYS", "type": "esdh", "version": 0}
    )

    assert "IT-system med dette Navn eksisterer allerede." in response.content.decode()


@pytest.mark.parametrize("persona", ["laeser", "uden_rolle"])
def test_readers_cannot_change_the_register(request, login, persona, systemer):
    client = login(request.getfixturevalue(persona))

    assert client.get(reverse("itsystem-create")).status_code == 403
    assert (
        client.post(reverse("itsystem-update", args=["sbsys"]), {"navn": "X", "type": "esdh"}).status_code
        == 403
    )
    assert ITSystem.objects.filter(navn="SBSYS").exists()
