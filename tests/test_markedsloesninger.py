"""The catalogue of market solutions (To-be 3 and 4) is kept apart from the systems the municipality runs."""

import importlib

from django.apps import apps
from django.urls import reverse

from exitstrategi.models import ITSystem, Kontrakt
from tests.conftest import ny_kontrakt
from workshops.models import AsIs, ToBe

from .test_asis import full_answers
from .test_tobe import answers


def market(navn="GetOrganized", **fields):
    return ITSystem.objects.create(navn=navn, type="esdh", markedsloesning=True, **fields)


def test_a_new_solution_named_in_to_be_goes_to_the_market_catalogue_not_the_register(
    login, kontaktperson, c_sagsomraade, systemer
):
    client = login(kontaktperson)
    client.post(
        c_sagsomraade.url("workshops:tobe-update"),
        answers(systemer, loesning_sager="", ny_loesning_sager="F2"),
    )

    f2 = ToBe.objects.get(pk=c_sagsomraade.pk).loesning_sager
    assert (f2.navn, f2.markedsloesning) == ("F2", True)
    assert ">F2</a>" not in client.get(reverse("itsystem-list")).content.decode()  # not "F2" in a token
    assert ">F2</a>" in client.get(reverse("markedsloesning-list")).content.decode()
    detail = client.get(f2.get_absolute_url()).content.decode()
    assert (
        "To-be 4a: foretrukken til at journalisere sagerne" in detail
        and '<h2 class="h4">Kontrakter' not in detail
    )


def test_to_be_offers_own_systems_and_market_solutions_in_separate_groups(
    login, kontaktperson, c_sagsomraade, systemer
):
    market("WorkZone")
    page = login(kontaktperson).get(c_sagsomraade.url("workshops:tobe-update")).content.decode()

    question_3 = page[
        page.index('id="div_id_markedsloesninger"') : page.index('id="div_id_markedsloesninger_note"')
    ]
    assert question_3.index("Kommunens systemer") < question_3.index("SBSYS")
    assert question_3.index("SBSYS") < question_3.index("Markedsløsninger") < question_3.index("WorkZone")
    question_4a = page[
        page.index('name="loesning_sager"') : page.index("</select>", page.index('name="loesning_sager"'))
    ]
    assert '<optgroup label="Markedsløsninger">' in question_4a and "WorkZone" in question_4a


def test_to_be_saves_a_market_solution_for_question_3_and_4(login, kontaktperson, c_sagsomraade, systemer):
    workzone = market("WorkZone")
    login(kontaktperson).post(
        c_sagsomraade.url("workshops:tobe-update"),
        answers(
            systemer, markedsloesninger=[systemer["SBSYS"].pk, workzone.pk], loesning_dokumenter=workzone.pk
        ),
    )

    tobe = ToBe.objects.get(pk=c_sagsomraade.pk)
    assert sorted(s.navn for s in tobe.markedsloesninger.all()) == ["SBSYS", "WorkZone"]
    assert tobe.loesning_dokumenter == workzone


def test_as_is_and_contracts_cannot_point_at_a_market_solution(
    login, kontaktperson, projektleder, ja_sagsomraade, systemer
):
    workzone = market("WorkZone")
    client = login(kontaktperson)
    assert "WorkZone" not in client.get(ja_sagsomraade.url("workshops:asis-update")).content.decode()

    response = client.post(
        ja_sagsomraade.url("workshops:asis-update"), full_answers(systemer, system_dokumenter=workzone.pk)
    )
    assert response.status_code == 200 and "Marker en gyldig valgmulighed" in response.content.decode()
    assert not AsIs.objects.filter(pk=ja_sagsomraade.pk).exists()

    response = login(projektleder).post(
        reverse("kontrakt-create"), {"itsystemer": workzone.pk, "navn": "WorkZone", "version": 0}
    )
    assert response.status_code == 200 and not Kontrakt.objects.exists()


def test_an_as_is_answer_naming_a_market_solution_moves_it_into_the_register(
    login, kontaktperson, ja_sagsomraade, systemer
):
    market("WorkZone")
    login(kontaktperson).post(
        ja_sagsomraade.url("workshops:asis-update"),
        full_answers(systemer, system_dokumenter="", ny_system_dokumenter="workzone"),
    )

    workzone = ITSystem.objects.get(navn="WorkZone")
    assert not workzone.markedsloesning
    assert AsIs.objects.get(pk=ja_sagsomraade.pk).system_dokumenter == workzone
    assert (
        workzone.history.first().history_change_reason
        == "Flyttet til kommunens systemer: nævnt i et As-is-svar"
    )


def test_the_catalogue_is_read_by_all_added_to_by_editors_and_changed_by_the_project_leader(
    login, kontaktperson, laeser, projektleder
):
    assert login(laeser).get(reverse("markedsloesning-list")).status_code == 200
    assert login(laeser).get(reverse("markedsloesning-create")).status_code == 403

    response = login(kontaktperson).post(
        reverse("markedsloesning-create"),
        {"navn": "Momentum", "leverandoer": "Netcompany", "type": "fagsystem", "version": 0},
    )
    momentum = ITSystem.objects.get(navn="Momentum")
    assert response.status_code == 302 and momentum.markedsloesning
    assert login(kontaktperson).get(reverse("itsystem-update", args=[momentum.slug])).status_code == 403

    login(projektleder).post(
        reverse("itsystem-update", args=[momentum.slug]),
        {"navn": "Momentum", "leverandoer": "Netcompany", "type": "fagsystem", "i_brug": "on", "version": 1},
    )
    momentum.refresh_from_db()
    assert not momentum.markedsloesning


def test_the_market_form_offers_only_esdh_and_fagsystem(login, projektleder):
    response = login(projektleder).post(
        reverse("markedsloesning-create"), {"navn": "KMD Sag 2", "type": "kmd_sag"}
    )

    assert response.status_code == 200 and not ITSystem.objects.filter(navn="KMD Sag 2").exists()


def test_the_migration_moves_systems_only_to_be_named_and_keeps_those_in_use(c_sagsomraade, systemer):
    named_in_q3 = ITSystem.objects.create(navn="WorkZone", type="esdh")
    named_in_q4 = ITSystem.objects.create(navn="F2", type="esdh")
    with_contract = ITSystem.objects.create(navn="Acadre", type="esdh")
    ny_kontrakt(with_contract, navn="Acadre drift")
    tobe = ToBe.objects.create(sagsomraade=c_sagsomraade, loesning_sager=named_in_q4)
    tobe.markedsloesninger.set([named_in_q3, with_contract, systemer["KMD Opera"]])  # KMD Opera: in As-is

    migration = importlib.import_module("workshops.migrations.0012_markedsloesninger")
    migration.move_market_solutions(apps, None)

    moved = set(ITSystem.objects.marked().values_list("navn", flat=True))
    assert moved == {"WorkZone", "F2"}
