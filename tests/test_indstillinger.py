"""Kommunens indstillinger: one record, edited by the project leader, read by everyone."""

import pytest
from django.urls import reverse

from exitstrategi.indstillinger import sum_rule_matrix
from exitstrategi.models import Kommune

PAGE = reverse("indstillinger")


def settings_post(**changes):
    data = {
        "navn": "Roskilde Kommune",
        "cvr": "29189404",
        "sapa_idriftsaettelse": "2027-10-01",
        "stoettesystemer_idriftsaettelse": "2027-06-01",
        "prioriteringsstrategi": "lette_foerst",
        "max_deltagere": 12,
    }
    for brugere, row in sum_rule_matrix().items():
        for kompleksitet, omfang in row.items():
            data[f"omfang_{brugere}_{kompleksitet}"] = omfang
    return {**data, **changes}


def test_the_default_matrix_is_the_sum_rule_of_the_domain():
    assert sum_rule_matrix() == {
        "faa": {"lav": 1, "middel": 1, "hoej": 2},
        "mellem": {"lav": 1, "middel": 2, "hoej": 3},
        "mange": {"lav": 2, "middel": 3, "hoej": 3},
    }


def test_the_projektleder_saves_the_settings_and_the_historik_shows_the_change(login, projektleder):
    client = login(projektleder)

    client.post(PAGE, settings_post(omfang_mange_lav=3))

    kommune = Kommune.get()
    assert (kommune.navn, kommune.cvr, kommune.max_deltagere) == ("Roskilde Kommune", "29189404", 12)
    assert kommune.omfang_matrix["mange"]["lav"] == 3 and kommune.omfang_matrix["faa"]["lav"] == 1
    changes = client.get(PAGE).context["changes"]
    assert ("Kommunens indstillinger: CVR-nummer", "–", "29189404") in {
        (c.what, c.old, c.new) for c in changes
    }


def test_a_bad_cvr_number_is_refused_and_nothing_changes(login, projektleder):
    response = login(projektleder).post(PAGE, settings_post(cvr="1234"))

    assert "Et CVR-nummer har 8 cifre." in response.content.decode()
    assert Kommune.get().cvr == ""


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_others_read_the_settings_but_cannot_change_them(request, login, persona):
    client = login(request.getfixturevalue(persona))

    page = client.get(PAGE)
    response = client.post(PAGE, settings_post())

    assert page.status_code == 200 and "<fieldset disabled>" in page.content.decode()
    assert response.status_code == 403 and Kommune.get().navn == "Kommunen"


def test_a_new_workshop_starts_with_the_municipalitys_participant_limit(login, projektleder):
    kommune = Kommune.get()
    kommune.max_deltagere = 8
    kommune.save()

    form = login(projektleder).get(reverse("workshops:workshop-create")).context["form"]

    assert form.initial["max_deltagere"] == 8
