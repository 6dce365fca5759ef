import re

import pytest
from django.urls import reverse

from exitstrategi.history import changes_for
from exitstrategi.models import ITSystem
from screening.models import Screening
from tests.sheet_cells import shown_rows
from workshops.models import AsIs, Workshop


def url(s, name="workshops:asis-update"):
    return s.url(name)


def checked(page, name):
    """The value of the checked radio button called name in the page."""
    for tag in re.findall(r"<input[^>]*>", page):
        if f'name="{name}"' in tag and " checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def full_answers(systemer, **changes):
    """A complete As-is answer set for a type C area (KMD Opera with KMD Sag for notes)."""
    data = {
        "version": 0,
        "antal_sagsbehandlere": 12,
        "q1": "ja",
        "q2": "ja",
        "q3": "nej",
        "q4": "",
        "q5": "",
        "system_sager": systemer["KMD Opera"].pk,
        "system_journalnotater": systemer["KMD Sag"].pk,
        "system_adviser": systemer["KMD Sag"].pk,
        "system_dokumenter": systemer["KMD Sag"].pk,
        "system_overblik": systemer["KMD Sag"].pk,
        "monopolbrud_tsa": "ja",
        "monopolbrud_tsa_systemer": [systemer["KMD Aktiv"].pk],
        "antal_manuelle_sager": 150,
        "antal_journalnotater_ukendt": "on",
        "oprydning": "ja",
        "oprydning_uden_kle": "on",
        "arkivering": "delvist",
        "arkivering_note": "Sager over 5 år",
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def test_complete_answers_derive_the_brugsmoenster_and_make_the_area_complete(
    login, kontaktperson, ja_sagsomraade, systemer
):
    response = login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer))

    assert response.status_code == 302
    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert (asis.brugsmoenster, asis.komplet, asis.mangler()) == ("C", True, [])
    assert asis.antal_journalnotater_ukendt and asis.antal_journalnotater is None
    assert list(asis.monopolbrud_tsa_systemer.all()) == [systemer["KMD Aktiv"]]


def test_the_form_shows_the_stored_answers(login, kontaktperson, ja_sagsomraade, systemer):
    client = login(kontaktperson)
    client.post(url(ja_sagsomraade), full_answers(systemer))

    page = client.get(url(ja_sagsomraade)).content.decode()

    assert checked(page, "q1") == "ja" and checked(page, "q3") == "nej" and checked(page, "q4") == ""
    assert "Alle As-is-spørgsmål er besvaret." in page


def test_changing_an_answer_re_derives_the_type(login, kontaktperson, ja_sagsomraade, systemer):
    client = login(kontaktperson)
    client.post(url(ja_sagsomraade), full_answers(systemer))

    client.post(url(ja_sagsomraade, "workshops:wizard"), {"version": 1, "q1": "ja", "q2": "nej", "q5": "ja"})

    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert (asis.brugsmoenster, asis.q3, asis.komplet) == ("D", None, True)


def test_inconsistent_r2_answers_are_refused_and_nothing_is_saved(
    login, kontaktperson, ja_sagsomraade, systemer
):
    response = login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer, q1="nej"))

    assert response.status_code == 200
    assert "Spørgsmål 2, 3 hører ikke med" in response.content.decode()
    assert not AsIs.objects.exists()


def test_partial_answers_are_saved_and_the_missing_ones_listed(login, kontaktperson, ja_sagsomraade):
    client = login(kontaktperson)
    client.post(url(ja_sagsomraade), {"version": 0, "antal_sagsbehandlere": 3})

    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert not asis.komplet
    assert asis.mangler()[:2] == ["3. Brugsmønster", "a) Sager journaliseres i"]
    page = client.get(reverse("workshops:fagomraade-asis", args=["borgerservice"])).content.decode()
    assert "3. Brugsmønster, a) Sager journaliseres i" in page


def test_brugsmoenster_0_needs_no_kmd_sag_questions(login, kontaktperson, ja_sagsomraade, systemer):
    answers = full_answers(
        systemer,
        q1="nej",
        q2="",
        q3="",
        monopolbrud_tsa=None,
        antal_manuelle_sager=None,
        antal_journalnotater_ukendt=None,
        oprydning=None,
        arkivering=None,
    )
    login(kontaktperson).post(url(ja_sagsomraade), answers)

    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert (asis.brugsmoenster, asis.komplet) == ("0", True)


def test_a_new_it_system_can_be_added_from_the_form(login, kontaktperson, ja_sagsomraade, systemer):
    answers = full_answers(systemer, system_sager="", ny_system_sager="KMD Boligstøtte")

    login(kontaktperson).post(url(ja_sagsomraade), answers)

    assert AsIs.objects.get(pk=ja_sagsomraade.pk).system_sager.navn == "KMD Boligstøtte"
    assert ITSystem.objects.filter(navn="KMD Boligstøtte").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"antal_manuelle_sager": 5, "antal_manuelle_sager_ukendt": "on"}, "enten et antal eller «ukendt»"),
        ({"antal_sagsbehandlere": -1}, "større end eller lig 0"),
        ({"antal_journalnotater": "mange"}, "Indtast et heltal"),
    ],
)
def test_bad_numbers_re_render_with_a_danish_error(
    login, kontaktperson, ja_sagsomraade, systemer, changes, message
):
    response = login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer, **changes))

    assert message in response.content.decode()
    assert not AsIs.objects.exists()


def test_a_concurrent_edit_is_refused(login, kontaktperson, projektleder, ja_sagsomraade, systemer):
    login(projektleder).post(url(ja_sagsomraade), {"version": 0, "antal_sagsbehandlere": 3})

    response = login(kontaktperson).post(url(ja_sagsomraade), {"version": 0, "antal_sagsbehandlere": 5})

    assert "Nogen har gemt en ændring" in response.content.decode()
    assert AsIs.objects.get(pk=ja_sagsomraade.pk).antal_sagsbehandlere == 3


def test_answers_given_at_a_workshop_name_it_as_the_source_in_the_historik(
    login, kontaktperson, ja_sagsomraade, systemer
):
    workshop = Workshop.objects.create(titel="As-is 1", start="2026-12-10T09:00+01:00")
    workshop.fagomraader.set([ja_sagsomraade.fagomraade])  # only a workshop that covered it is a source

    login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer, workshop=workshop.pk))

    reasons = {change.reason for change in changes_for(ja_sagsomraade) if change.what.startswith("As-is")}
    assert reasons == {"Workshop: As-is 1 (10.12.2026)"}


def test_an_area_screened_nej_is_out_of_scope_and_says_so(login, kontaktperson, sagsomraade, systemer):
    Screening.objects.create(sagsomraade=sagsomraade, anvender_kmd_sag="nej")
    client = login(kontaktperson)

    page = client.get(url(sagsomraade)).content.decode()
    response = client.post(url(sagsomraade), full_answers(systemer))

    assert "indgår derfor ikke i kortlægningen" in page
    assert response.status_code == 302
    assert not AsIs.objects.exists()


def test_completeness_is_counted_per_fagomraade_and_in_all(
    login, laeser, kontaktperson, ja_sagsomraade, systemer
):
    login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer))

    page = login(laeser).get(reverse("workshops:kortlaegning")).content.decode()

    assert "1 af 1 sagsområder er komplette." in page


@pytest.mark.parametrize("persona", ["laeser", "uden_rolle"])
def test_only_editors_of_the_fagomraade_may_open_the_as_is_form(request, login, persona, ja_sagsomraade):
    client = login(request.getfixturevalue(persona))

    assert client.get(url(ja_sagsomraade)).status_code == 403
    assert client.post(url(ja_sagsomraade), {"version": 0, "antal_sagsbehandlere": 1}).status_code == 403
    assert not AsIs.objects.exists()


def test_a_contact_person_cannot_map_another_fagomraade(login, kontaktperson, fremmed_sagsomraade):
    client = login(kontaktperson)

    assert client.get(url(fremmed_sagsomraade, "workshops:wizard")).status_code == 403


def test_anonymous_users_are_sent_to_login(client, ja_sagsomraade):
    for target in [
        url(ja_sagsomraade),
        url(ja_sagsomraade, "workshops:wizard"),
        reverse("workshops:kortlaegning"),
    ]:
        assert client.get(target)["Location"].startswith(reverse("login"))


def test_the_as_is_form_explains_the_guides_terms_in_a_line_each(login, kontaktperson, ja_sagsomraade):
    page = login(kontaktperson).get(reverse("workshops:asis-update", args=["borgerservice", "32.06.00"]))

    text = page.content.decode()
    assert "En sag, der er oprettet i KMD Sag" in text
    assert '<dt class="col-sm-3">Adviser</dt>' in text and '<dt class="col-sm-3">Overblik</dt>' in text


def test_an_area_screened_ja_whose_r2_walk_says_kmd_sag_is_not_used_is_flagged(
    login, projektleder, ja_sagsomraade
):
    AsIs.objects.create(sagsomraade=ja_sagsomraade, q1=False)

    page = login(projektleder).get(url(ja_sagsomraade)).content.decode()
    listing = (
        login(projektleder).get(reverse("workshops:fagomraade-asis", args=["borgerservice"])).content.decode()
    )

    assert 'id="screening-modsigelse"' in page
    assert "Screenet Ja, men bruger ikke KMD Sag ifølge R2" in listing


def test_question_7_is_answered_in_words_with_our_quick_answer_beneath(
    login, kontaktperson, ja_sagsomraade, systemer
):
    client = login(kontaktperson)
    answer = "Ca. 300 sager mangler KLE, og 40 åbne sager skal lukkes."

    client.post(url(ja_sagsomraade), full_answers(systemer, oprydning_svar=answer))

    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert asis.oprydning_svar == answer and asis.komplet
    row = shown_rows(client.get(reverse("dokumentationsark")))[0]
    assert row["asis_oprydning_svar"] == answer


def test_the_five_system_answers_are_looked_up_together(login, kontaktperson, ja_sagsomraade, systemer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as saving:
        response = login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer))

    assert response.status_code == 302
    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert (asis.system_sager, asis.system_overblik) == (systemer["KMD Opera"], systemer["KMD Sag"])
    one_by_one = [
        q for q in saving if 'FROM "exitstrategi_itsystem" WHERE' in q["sql"] and "LIMIT 21" in q["sql"]
    ]
    assert one_by_one == []  # one IN lookup for the five, not a lookup per answer
    looked_up_again = [
        q for q in saving if 'FROM "exitstrategi_itsystem" WHERE ("exitstrategi_itsystem"."id" =' in q["sql"]
    ]
    assert looked_up_again == []  # the model does not check again what the form's selects found


@pytest.mark.parametrize("key", ["999999", "abc", "99999999999999999999", "-1", "market"])
def test_a_system_answer_naming_no_system_of_the_municipality_is_refused(
    login, kontaktperson, ja_sagsomraade, systemer, key
):
    if key == "market":
        key = ITSystem.objects.create(navn="Markedets løsning", markedsloesning=True).pk

    response = login(kontaktperson).post(url(ja_sagsomraade), full_answers(systemer, system_adviser=key))

    assert response.status_code == 200
    assert "gyldig" in str(response.context["form"].errors["system_adviser"])
    assert not AsIs.objects.exists()
