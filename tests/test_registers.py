"""Shared registers: only the project leader changes or deletes them, and each keeps a Historik."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from exitstrategi.models import Fagomraade, ITSystem, Kontrakt
from tests.conftest import ny_kontrakt
from workshops.models import AsIs, Strategi, Workshop


def test_a_contact_person_adds_a_system_but_cannot_change_an_existing_one(login, kontaktperson, systemer):
    client = login(kontaktperson)

    assert client.get(reverse("itsystem-create")).status_code == 200
    response = client.post(
        reverse("itsystem-update", args=["sbsys"]), {"navn": "SBSYS 2", "type": "esdh", "version": 0}
    )
    page = client.get(reverse("itsystem-detail", args=["sbsys"])).content.decode()

    assert response.status_code == 403
    assert ITSystem.objects.filter(navn="SBSYS").exists()
    assert reverse("itsystem-update", args=["sbsys"]) not in page


def test_renaming_a_system_shows_in_its_historik(login, projektleder, systemer):
    client = login(projektleder)
    client.post(
        reverse("itsystem-update", args=["sbsys"]),
        {"navn": "SBSYS 5", "type": "esdh", "aftale": "tsa", "udfasning": "2028-02-15", "version": 0},
    )

    changes = client.get(reverse("itsystem-detail", args=["sbsys"])).context["changes"]

    shown = {(c.what, c.old, c.new) for c in changes}
    assert ("IT-system: navn", "SBSYS", "SBSYS 5") in shown
    assert ("IT-system: monopolbrud eller TSA", "–", "TSA-aftalen") in shown
    assert ("IT-system: forventet udfasning", "–", "15.02.2028") in shown
    assert changes[0].who == "Pia"


def test_a_system_lists_its_contracts(login, laeser, systemer):
    ny_kontrakt(systemer["SBSYS"], navn="SBSYS drift", leverandoer="Netcompany")

    page = login(laeser).get(reverse("itsystem-detail", args=["sbsys"])).content.decode()

    assert "SBSYS drift" in page and "Netcompany" in page


def test_a_system_in_use_cannot_be_deleted_and_says_why(login, projektleder, ja_sagsomraade, systemer):
    AsIs.objects.create(sagsomraade=ja_sagsomraade, system_sager=systemer["SBSYS"])
    ny_kontrakt(systemer["SBSYS"], navn="SBSYS drift")
    client = login(projektleder)

    confirm = client.get(reverse("itsystem-delete", args=["sbsys"])).content.decode()
    response = client.post(reverse("itsystem-delete", args=["sbsys"]), follow=True)

    assert "1 kontrakt" in confirm and "1 As-is" in confirm
    assert "kan ikke slettes endnu" in response.content.decode()
    assert ITSystem.objects.filter(navn="SBSYS").exists()


def test_an_unused_system_is_deleted_after_confirmation(login, projektleder, systemer):
    response = login(projektleder).post(reverse("itsystem-delete", args=["sbsys"]))

    assert response["Location"] == reverse("itsystem-list")
    assert not ITSystem.objects.filter(navn="SBSYS").exists()


def test_a_workshop_is_deleted_with_its_participants(login, projektleder, borgerservice):
    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now())
    workshop.deltagere.create(navn="Hanne")
    client = login(projektleder)

    confirm = client.get(reverse("workshops:workshop-delete", args=[workshop.pk])).content.decode()
    client.post(reverse("workshops:workshop-delete", args=[workshop.pk]))

    assert "1 deltager slettes med" in confirm
    assert not Workshop.objects.exists()


def test_a_fagomraade_with_sagsomraader_cannot_be_deleted(login, projektleder, sagsomraade, arbejdsmarked):
    client = login(projektleder)

    client.post(reverse("fagomraade-delete", args=["borgerservice"]))
    client.post(reverse("fagomraade-delete", args=["arbejdsmarked"]))

    assert list(Fagomraade.objects.values_list("navn", flat=True)) == ["Borgerservice"]


def test_a_contract_and_a_strategy_are_deleted_and_keep_their_historik(login, projektleder, systemer):
    kontrakt = ny_kontrakt(systemer["SBSYS"], navn="SBSYS drift")
    strategi = Strategi.objects.create(titel="ESDH-strategi 2025")
    client = login(projektleder)

    client.post(reverse("kontrakt-delete", args=[kontrakt.pk]))
    client.post(reverse("workshops:strategi-delete", args=[strategi.pk]))

    assert not Kontrakt.objects.exists() and not Strategi.objects.exists()
    assert Kontrakt.history.filter(history_type="-").count() == 1


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_deletes_or_changes_shared_records(request, login, persona, systemer):
    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now())
    kontrakt = ny_kontrakt(systemer["SBSYS"], navn="SBSYS drift")
    strategi = Strategi.objects.create(titel="ESDH-strategi 2025")
    Fagomraade.objects.create(navn="Teknik og Miljø")
    client = login(request.getfixturevalue(persona))

    urls = [
        reverse("itsystem-delete", args=["sbsys"]),
        reverse("kontrakt-delete", args=[kontrakt.pk]),
        reverse("workshops:strategi-delete", args=[strategi.pk]),
        reverse("workshops:workshop-delete", args=[workshop.pk]),
        reverse("fagomraade-delete", args=["teknik-og-miljoe"]),
        reverse("fagomraade-update", args=["teknik-og-miljoe"]),
        reverse("workshops:workshop-update", args=[workshop.pk]),
    ]
    assert [client.post(url).status_code for url in urls] == [403] * len(urls)
    assert ITSystem.objects.count() == 4 and Workshop.objects.count() == 1


def test_a_fagomraade_historik_names_its_contact_persons(login, projektleder, kontaktperson, borgerservice):
    changes = login(projektleder).get(reverse("fagomraade-update", args=["borgerservice"])).context["changes"]

    assert ("Fagområde: kontaktpersoner", "–", "Karim") in {(c.what, c.old, c.new) for c in changes}


def test_a_workshop_historik_shows_local_time_and_fagomraader_by_name(login, laeser, borgerservice):
    workshop = Workshop.objects.create(
        titel="As-is 1", start=timezone.make_aware(timezone.datetime(2026, 12, 10, 9, 0))
    )
    workshop.fagomraader.set([borgerservice])
    workshop.start = timezone.make_aware(timezone.datetime(2026, 12, 11, 13, 30))
    workshop.save()

    changes = login(laeser).get(workshop.get_absolute_url()).context["changes"]

    shown = {(c.what, c.old, c.new) for c in changes}
    assert ("Workshop: dato og starttid", "10. dec. 2026 kl. 09.00", "11. dec. 2026 kl. 13.30") in shown
    assert date(2026, 12, 10)  # the workshop's day, kept in Copenhagen time above


def test_a_fagomraade_whose_areas_are_all_removed_is_deleted_after_saying_they_go_too(
    login, projektleder, sagsomraade
):
    from exitstrategi.services import sagsomraade_remove

    sagsomraade_remove(sagsomraade=sagsomraade, version=0)
    client = login(projektleder)

    confirm = client.get(reverse("fagomraade-delete", args=["borgerservice"])).content.decode()
    client.post(reverse("fagomraade-delete", args=["borgerservice"]))

    assert "1 fjernet sagsområde slettes endeligt med deres svar" in confirm
    assert not Fagomraade.objects.exists()
