"""Bad input is refused with a Danish message and changes nothing; it never ends in a 500."""

import pytest
from django.urls import reverse

from exitstrategi.forms import FRITEKST_MAX
from exitstrategi.models import Kontrakt
from screening.models import Screening
from workshops.models import AsIs, ToBe, Workshop

from .test_every_view_is_guarded import our_urls, sample
from .test_kontrakter import contract_post


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"udloebsdato": "9999-12-31"}, "udloebsdato", "Skriv en dato mellem år 1950 og 2150."),
        ({"kontraktsum": "-5"}, "kontraktsum", "Denne værdi skal være større end eller lig 0."),
        ({"opsigelsesvarsel": "999"}, "opsigelsesvarsel", "Denne værdi skal være mindre end eller lig 60."),
        ({"noter": "x" * (FRITEKST_MAX + 1)}, "noter", "Denne værdi må højst have 10000 tegn"),
    ],
)
def test_implausible_contract_terms_are_form_errors(login, projektleder, systemer, changes, field, message):
    client = login(projektleder)
    response = client.post(reverse("kontrakt-create"), contract_post(systemer, **changes))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Kontrakt.objects.exists()
    assert client.get(reverse("kontrakt-list")).status_code == 200


@pytest.mark.parametrize("udbud", ["K1 0000", "31.12.9999", "1. kvartal 0001"])
def test_a_tender_quarter_outside_the_plausible_years_is_refused(login, projektleder, c_sagsomraade, udbud):
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(brugsmoenster="C")
    url = c_sagsomraade.url("workshops:tobe-update")

    response = login(projektleder).post(url, {"version": 0, "udbud": udbud})

    assert response.status_code == 200 and "udbud" in response.context["form"].errors
    assert not ToBe.objects.exists()


def test_a_workshop_starting_in_year_1_is_refused(login, projektleder, borgerservice):
    response = login(projektleder).post(
        reverse("workshops:workshop-create"),
        {"titel": "Gammel", "type": "asis", "start": "0001-01-01T09:00", "fagomraader": [borgerservice.pk]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["start"] == ["Skriv en dato mellem år 1950 og 2150."]
    assert not Workshop.objects.exists()


@pytest.mark.parametrize("workshop", ["abc", "1e5", "99999999999999999999", "²", "-1", "9" * 5000])
@pytest.mark.parametrize("page", ["workshops:asis-update", "workshops:wizard", "workshops:tobe-update"])
def test_a_workshop_in_the_address_that_is_not_a_key_is_ignored(
    login, projektleder, c_sagsomraade, page, workshop
):
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(brugsmoenster="C")

    response = login(projektleder).get(c_sagsomraade.url(page), {"workshop": workshop})

    assert response.status_code == 200


def test_a_workshop_that_does_not_cover_the_fagomraade_is_not_recorded_as_the_source(
    login, projektleder, c_sagsomraade, arbejdsmarked
):
    other = Workshop.objects.create(titel="Arbejdsmarked", type="asis", start="2027-01-05T09:00+01:00")
    other.fagomraader.set([arbejdsmarked])
    url = c_sagsomraade.url("workshops:asis-update")
    asis = AsIs.objects.get()

    login(projektleder).post(
        f"{url}?workshop={other.pk}", {"version": asis.version, "antal_sagsbehandlere": 3}
    )

    assert asis.history.first().history_change_reason is None


@pytest.mark.parametrize("siden", ["igår", "2026-13-45T25:61", "2026-11-27T10:00:00", ""])
def test_the_wall_refresh_takes_any_time_in_the_address(login, laeser, c_sagsomraade, siden):
    workshop = Workshop.objects.create(titel="As-is", type="asis", start="2027-01-05T09:00+01:00")
    workshop.fagomraader.set([c_sagsomraade.fagomraade])

    response = login(laeser).get(reverse("workshops:wall-data", args=[workshop.pk]), {"siden": siden})

    assert response.status_code == 200


def test_a_tampered_version_on_an_unanswered_screening_row_is_a_conflict_message(
    login, kontaktperson, sagsomraade
):
    url = reverse("screening:fagomraade-detail", args=[sagsomraade.fagomraade.slug])
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-sagsomraade_id": sagsomraade.pk,
        "form-0-version": 7,
        "form-0-svar": "ja",
    }

    response = login(kontaktperson).post(url, data)

    assert response.status_code == 200
    assert "Intet er gemt, fordi andre har ændret nogle af rækkerne." in response.content.decode()
    assert not Screening.objects.exists()


@pytest.mark.parametrize("url", ["/dokumentationsark/?q=a%00b", "/sagsomraade/borgerservice/32.06.00%00/"])
def test_a_nul_character_is_refused_in_danish(login, laeser, sagsomraade, url):
    response = login(laeser).get(url)

    assert response.status_code == 400
    assert "ugyldigt tegn (NUL)" in response.content.decode()


def test_an_e_mail_longer_than_a_user_name_is_a_form_error(login, projektleder):
    email = "a" * 140 + "@example.dk"
    response = login(projektleder).post(
        reverse("user-invite"), {"fulde_navn": "Lang Adresse", "email": email, "rolle": "Læser"}
    )

    assert response.status_code == 200 and "email" in response.context["form"].errors


def test_a_stale_wall_card_gets_the_conflict_message(login, kontaktperson, c_sagsomraade):
    workshop = Workshop.objects.create(titel="As-is", type="asis", start="2027-01-05T09:00+01:00")
    workshop.fagomraader.set([c_sagsomraade.fagomraade])
    card = reverse(
        "workshops:wall-card", args=[workshop.pk, "asis_sagsbehandlere", "borgerservice", "32.06.00"]
    )
    client = login(kontaktperson)

    stale = client.post(card, {"version": 99, "antal_sagsbehandlere": 4})
    invalid = client.post(card, {"version": 0, "antal_sagsbehandlere": "mange"})

    assert stale.status_code == 200 and "Nogen har gemt en ændring" in stale.content.decode()
    assert invalid.status_code == 200 and "antal_sagsbehandlere" in invalid.context["form"].errors
    assert AsIs.objects.get().antal_sagsbehandlere is None


@pytest.mark.parametrize("version", ["99999999999999999999", "7"])
def test_a_new_register_entry_sent_with_a_version_of_its_own_is_refused_and_not_created(
    login, projektleder, version
):
    from exitstrategi.models import ITSystem

    data = {"navn": "Ny løsning", "leverandoer": "", "type": "esdh", "noter": "", "version": version}

    response = login(projektleder).post(reverse("markedsloesning-create"), data)

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not ITSystem.objects.filter(navn="Ny løsning").exists()
    login(projektleder).post(reverse("markedsloesning-create"), {**data, "version": 0})
    assert ITSystem.objects.get(navn="Ny løsning").version == 1


# "³" is a digit to str.isdigit, not to int(); "\x1c" is white space to str.strip(), not to int()
@pytest.mark.parametrize("key", ["99999999999999999999", "³", "\x1c2", "2\x1f", "9" * 5000])
def test_a_key_no_database_can_hold_is_an_invalid_choice(login, projektleder, borgerservice, key):
    url = reverse("fagomraade-update", args=[borgerservice.slug])
    data = {"navn": "Borgerservice", "kontaktpersoner": key, "version": 0}

    response = login(projektleder).post(url, data)

    assert response.status_code == 200 and "kontaktpersoner" in response.context["form"].errors


@pytest.mark.parametrize("number", ["99999999999999999999", "9" * 5000])
def test_a_number_no_key_can_be_in_any_address_is_not_found_not_an_error(login, projektleder, number):
    client = login(projektleder)
    filled = our_urls(lambda kind, name: number if kind == "int" else sample(kind, name))
    addresses = [path for _name, path in filled if number in path]
    assert len(addresses) > 10

    failed = []
    for url in addresses:
        for method in (client.get, client.post):
            if (status := method(url).status_code) >= 500:
                failed.append((method.__name__, url[:80], status))

    assert failed == []
