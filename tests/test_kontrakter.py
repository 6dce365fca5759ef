from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from exitstrategi.kontraktdatoer import add_months
from exitstrategi.models import Kontrakt
from tests.conftest import ny_kontrakt

LIST = reverse("kontrakt-list")


@pytest.fixture
def kontrakter(systemer):
    today = timezone.localdate()
    kmd_sag = ny_kontrakt(
        systemer["KMD Sag"], navn="KMD Sag drift", opsigelsesvarsel=6, opsigelsesbasis="kvartal"
    )
    kmd_sag.afventer_udfasning.set([systemer["KMD Aktiv"]])
    ny_kontrakt(systemer["KMD Opera"], navn="Opera", opsigelsesvarsel=1)
    ny_kontrakt(systemer["SBSYS"], navn="SBSYS", opsigelsesvarsel=3, uopsigelig_til=add_months(today, 30))
    return kmd_sag


def test_the_overview_lists_the_next_notice_deadline_first(login, laeser, kontrakter, systemer):
    systemer["KMD Aktiv"].udfasning = add_months(timezone.localdate(), 12)
    systemer["KMD Aktiv"].save()

    response = login(laeser).get(LIST)

    names = [kontrakt.navn for kontrakt, _exit in response.context["rows"]]
    assert names == ["Opera", "KMD Sag drift", "SBSYS"]
    deadlines = [ophoer.opsig_senest for _kontrakt, ophoer in response.context["rows"]]
    assert deadlines == sorted(deadlines)


def test_kmd_sag_waits_for_the_last_monopoly_system(login, laeser, kontrakter, systemer):
    client = login(laeser)

    unknown = client.get(LIST).content.decode()
    systemer["KMD Aktiv"].udfasning = date(2028, 2, 15)
    systemer["KMD Aktiv"].save()
    known = client.get(LIST).content.decode()

    assert "kan ikke beregnes, før udfasningsdatoen kendes for KMD Aktiv" in unknown
    assert "kan tidligst ophøre 31.03.2028" in known
    assert (
        "Ifølge kommunens egne kontraktoplysninger kan KMD Sag først opsiges, når KMD Aktiv er udfaset."
        in known
    )


def test_the_overview_filters_by_system(login, laeser, kontrakter, systemer):
    response = login(laeser).get(LIST, {"itsystem": systemer["SBSYS"].pk})

    assert [k.navn for k, _exit in response.context["rows"]] == ["SBSYS"]


def contract_post(systemer, **changes):
    data = {
        "itsystemer": systemer["KMD Opera"].pk,
        "navn": "Opera SKI",
        "type": "hovedkontrakt",
        "indkoebsform": "ski",
        "startdato": "2025-01-01",
        "udloebsdato": "2029-01-01",
        "opsigelsesvarsel": 3,
        "opsigelsesbasis": "maaned",
        "optioner": 2,
        "option_maaneder": 12,
        "optioner_udnyttet": 0,
        "aarlig_drift": "820000",
        "version": 0,
    }
    return data | changes


def test_the_projektleder_registers_a_contract(login, projektleder, systemer):
    response = login(projektleder).post(reverse("kontrakt-create"), contract_post(systemer))

    assert response["Location"] == LIST
    assert Kontrakt.objects.get().vilkaar.senest_muligt_udloeb == date(2031, 1, 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"udloebsdato": "2024-01-01"}, "Udløbsdatoen ligger før startdatoen."),
        ({"optioner_udnyttet": 3}, "Der kan ikke være udnyttet flere optioner, end kontrakten har."),
    ],
)
def test_impossible_terms_are_refused(login, projektleder, systemer, changes, message):
    response = login(projektleder).post(reverse("kontrakt-create"), contract_post(systemer, **changes))

    assert message in response.content.decode()
    assert not Kontrakt.objects.exists()


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_keeps_the_contracts(request, login, persona, kontrakter, systemer):
    client = login(request.getfixturevalue(persona))

    assert client.get(LIST).status_code == 200
    assert client.post(reverse("kontrakt-create"), contract_post(systemer)).status_code == 403
    assert client.get(reverse("kontrakt-update", args=[kontrakter.pk])).status_code == 403


def test_a_contract_covering_two_systems_stands_under_both(login, laeser, systemer):
    from workshops.selectors import contract_dates_by_system

    today = timezone.localdate()
    shared = ny_kontrakt(
        systemer["KMD Opera"],
        systemer["SBSYS"],
        navn="Fælles driftsaftale",
        uopsigelig_til=add_months(today, 24),
    )
    exits, deadlines = contract_dates_by_system(today)
    assert (
        exits[systemer["KMD Opera"].pk] == exits[systemer["SBSYS"].pk] == shared.tidligste_ophoer(today).dato
    )
    assert deadlines[systemer["SBSYS"].pk][1] == shared
    page = login(laeser).get(LIST).content.decode()
    assert systemer["KMD Opera"].get_absolute_url() in page and systemer["SBSYS"].get_absolute_url() in page
    filtered = login(laeser).get(LIST, {"itsystem": systemer["SBSYS"].pk}).context["rows"]
    assert [kontrakt for kontrakt, _ophoer in filtered] == [shared]
