"""Fase 4's Prioritering page: the order, the leader's inputs, filters, and who may change what."""

from datetime import date

import pytest
from django.urls import reverse

from exitstrategi.models import Kommune, Sagsomraade
from prioritering.models import Beslutning, BeslutningLinje, Prioritering

OVERSIGT = reverse("prioritering:oversigt")


def order(response):
    return [r.sagsomraade.kle.nummer for r, _form in response.context["rows"]]


def row_data(response, changes=None):
    """The POST data of the page's table as rendered, with changes {sagsomraade pk: {field: value}}."""
    data = {}
    for _r, form in response.context["rows"]:
        for field in form:
            value = form[field.name].value()
            data[f"{form.prefix}-{field.name}"] = "" if value is None else value
    for pk, fields in (changes or {}).items():
        data.update({f"p{pk}-{name}": value for name, value in fields.items()})
    return data


def test_the_critical_area_comes_first_then_the_strategy_on_omfang(login, laeser, omraader):
    for s, niveau in [
        (omraader["bolig"], "mange"),
        (omraader["kontant"], "mange"),
        (omraader["fradrag"], "faa"),
    ]:
        Prioritering.objects.create(sagsomraade=s, brugerniveau=niveau)

    response = login(laeser).get(OVERSIGT)

    assert order(response) == ["32.24.05", "32.24.04", "32.06.00"]  # critical; 3 Stort; 2 Moderat
    [(first, _)] = response.context["rows"][:1]
    assert first.begrundelse.startswith("Forretningskritisk (workshoppens svar, ikke revurderet)")
    assert [r.sagsomraade for r in response.context["mangler"]] == [omraader["byg"]]
    assert response.context["rows"][1][1] is None  # a reader gets no inputs

    Kommune.objects.update_or_create(pk=1, defaults={"prioriteringsstrategi": "lette_foerst"})
    assert order(login(laeser).get(OVERSIGT)) == ["32.24.05", "32.06.00", "32.24.04"]


def test_the_project_leader_sets_levels_and_quarters_in_the_table(login, projektleder, omraader):
    client = login(projektleder)
    page = client.get(OVERSIGT)
    kontant = omraader["kontant"]

    response = client.post(
        OVERSIGT, row_data(page, {kontant.pk: {"brugerniveau": "mellem", "flytning": "K2 2028"}})
    )

    assert response.status_code == 302
    saved = Prioritering.objects.get(pk=kontant.pk)
    assert (saved.brugerniveau, saved.flytning, saved.aendret_af) == (
        "mellem",
        date(2028, 6, 30),
        projektleder,
    )
    assert Prioritering.objects.count() == 1  # unchanged rows are not saved
    row = next(r for r, _f in client.get(OVERSIGT).context["rows"] if r.sagsomraade == kontant)
    assert str(row.omfang) == "3 Stort"  # mellem × Høj by the sum rule


def test_a_bad_quarter_saves_nothing_and_says_why(login, projektleder, omraader):
    client = login(projektleder)
    page = client.get(OVERSIGT)
    bolig, kontant = omraader["bolig"], omraader["kontant"]

    response = client.post(
        OVERSIGT,
        row_data(page, {bolig.pk: {"brugerniveau": "faa"}, kontant.pk: {"flytning": "snart"}}),
    )

    assert response.status_code == 200
    assert "Skriv et kvartal (fx K3 2027)." in response.content.decode()
    assert not Prioritering.objects.exists()


def test_a_row_saved_by_someone_else_meanwhile_refuses_the_whole_save(login, projektleder, omraader):
    client = login(projektleder)
    page = client.get(OVERSIGT)
    Prioritering.objects.create(sagsomraade=omraader["kontant"], brugerniveau="faa", version=1)

    response = client.post(
        OVERSIGT,
        row_data(
            page,
            {
                omraader["bolig"].pk: {"brugerniveau": "mange"},
                omraader["kontant"].pk: {"brugerniveau": "mange"},
            },
        ),
    )

    assert "Nogen har gemt en ændring, mens du redigerede" in response.content.decode()
    assert list(Prioritering.objects.values_list("brugerniveau", flat=True)) == ["faa"]


def test_a_suggested_level_is_never_stored_until_the_leader_accepts_it(login, projektleder, omraader):
    client = login(projektleder)
    page = client.get(OVERSIGT)
    suggested = {r.sagsomraade.kle.nummer: r.forslag for r, _f in page.context["rows"]}

    assert suggested == {
        "32.24.05": "mellem",
        "32.24.04": "mange",
        "32.06.00": "mellem",
    }  # 2 caseworkers: byg
    assert "Kan ikke beregnes: brugerniveau ikke angivet" in page.content.decode()
    assert not Prioritering.objects.exists()

    client.post(reverse("prioritering:brugerniveau-accept"))

    assert dict(Prioritering.objects.values_list("sagsomraade__kle__nummer", "brugerniveau")) == {
        "32.24.05": "mellem",
        "32.24.04": "mange",
        "32.06.00": "mellem",
        "02.34.02": "faa",  # no scenario yet, but it is compared with the others
    }


def test_a_pin_needs_a_reason_and_places_the_area(login, projektleder, omraader):
    client = login(projektleder)
    bolig = omraader["bolig"]
    url = bolig.url("prioritering:prioritering-update")

    refused = client.post(url, {"version": 0, "fastlaast_plads": 1})
    assert "Skriv, hvorfor sagsområdet står på en fast plads." in refused.content.decode()

    client.post(url, {"version": 0, "fastlaast_plads": 1, "fastlaast_begrundelse": "Byrådets ønske"})

    response = client.get(OVERSIGT)
    assert order(response)[0] == "32.06.00"
    assert (
        response.context["rows"][0][0].begrundelse == "Fastlåst på plads 1 af projektlederen: Byrådets ønske"
    )
    assert Prioritering.objects.get(pk=bolig.pk).fastlaast_tidspunkt is not None


def test_the_re_assessment_takes_precedence_and_keeps_the_workshops_answer_beside_it(
    login, projektleder, omraader
):
    client = login(projektleder)
    client.post(
        omraader["bolig"].url("prioritering:prioritering-update"),
        {"version": 0, "forretningskritisk": "ja", "faktor_politisk": "on", "hoert": "Fagchef"},
    )

    response = client.get(OVERSIGT)
    first = response.context["rows"][0][0]
    assert first.sagsomraade == omraader["bolig"] and first.revurderet
    assert first.tobe.forretningskritisk == "nej"
    assert Prioritering.objects.get(pk=omraader["bolig"].pk).faktorer == ["Politiske vilkår"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"scenarie": 4}, ["32.24.04"]),
        ({"kritisk": "ja"}, ["32.24.05"]),
        ({"brugsmoenster": "D"}, ["32.06.00"]),
        ({"omfang": 1}, ["32.06.00"]),
        ({"besluttet": "ja"}, ["32.24.04"]),
        ({"besluttet": "nej"}, ["32.24.05", "32.06.00"]),
    ],
)
def test_the_filters_use_the_values_in_force(login, laeser, omraader, query, expected):
    Prioritering.objects.create(sagsomraade=omraader["bolig"], brugerniveau="faa")
    beslutning = Beslutning.objects.create(besluttet_af="Direktionen")
    BeslutningLinje.objects.create(beslutning=beslutning, sagsomraade=omraader["kontant"], scenarie=4)

    assert order(login(laeser).get(OVERSIGT, query)) == expected


def test_the_decided_scenario_is_in_force_and_the_latest_decision_wins(login, laeser, omraader):
    first = Beslutning.objects.create(besluttet_af="Direktionen")
    BeslutningLinje.objects.create(beslutning=first, sagsomraade=omraader["bolig"], scenarie=4)
    later = Beslutning.objects.create(besluttet_af="Økonomiudvalget")
    BeslutningLinje.objects.create(beslutning=later, sagsomraade=omraader["bolig"], scenarie=3)

    rows = {r.sagsomraade: r for r, _f in login(laeser).get(OVERSIGT).context["rows"]}

    assert (rows[omraader["bolig"]].scenarie, rows[omraader["bolig"]].scenarie_kilde) == (3, "besluttet")
    assert (rows[omraader["kontant"]].scenarie, rows[omraader["kontant"]].scenarie_kilde) == (4, "anbefalet")
    assert rows[omraader["fradrag"]].planpunkter == ["Fornyet kontraktgrundlag (eget udbud eller SKI)"]


def test_a_move_before_the_contracts_allow_is_warned(login, laeser, omraader, monkeypatch):
    import prioritering.selectors as selectors

    monkeypatch.setattr(selectors, "tidligste_virkning", lambda s, exits, today: date(2028, 12, 31))
    Prioritering.objects.create(sagsomraade=omraader["bolig"], flytning=date(2028, 3, 31))

    text = login(laeser).get(OVERSIGT).content.decode()

    assert "Flytningen er planlagt før kontrakterne tillader det: tidligste virkning er 31.12.2028." in text


def test_only_the_project_leader_changes_the_prioritisation(login, kontaktperson, laeser, omraader):
    url = omraader["bolig"].url("prioritering:prioritering-update")
    for user in (kontaktperson, laeser):
        client = login(user)
        assert client.get(url).status_code == 403
        assert client.post(reverse("prioritering:brugerniveau-accept")).status_code == 403
        client.post(
            OVERSIGT,
            {f"p{omraader['bolig'].pk}-brugerniveau": "mange", f"p{omraader['bolig'].pk}-version": 0},
        )
        assert client.get(OVERSIGT).status_code == 200
    assert not Prioritering.objects.exists()


def test_a_fagomraade_and_a_scenario_each_get_a_printable_slice(login, laeser, omraader, arbejdsmarked, kle):
    other = Sagsomraade.objects.get(pk=omraader["kontant"].pk)
    other.fagomraade = arbejdsmarked
    other.save()
    client = login(laeser)

    borgerservice = client.get(reverse("prioritering:fagomraade", args=["borgerservice"]))
    scenario_4 = client.get(reverse("prioritering:scenarie", args=[4]))

    assert [r.sagsomraade.kle.nummer for r, _done, _all in borgerservice.context["raekker"]] == [
        "32.24.05",
        "32.06.00",
    ]
    assert [r.sagsomraade.kle.nummer for r, _done, _all in scenario_4.context["raekker"]] == ["32.24.04"]
    assert "nyanskaffelse for 1 sagsområde." in scenario_4.content.decode()
    assert client.get(reverse("prioritering:scenarie", args=[7])).status_code == 404
