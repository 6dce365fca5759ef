import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exitstrategi.models import Sagsomraade
from screening.models import Screening
from tests.conftest import ny_kontrakt
from workshops.models import AsIs, Workshop


@pytest.fixture
def workshop(borgerservice, arbejdsmarked):
    workshop = Workshop.objects.create(
        titel="As-is 1", type="asis", start=timezone.now() + timedelta(days=14)
    )
    workshop.fagomraader.set([borgerservice, arbejdsmarked])
    return workshop


def workshop_post(fagomraader, deltagere=(), **changes):
    data = {
        "titel": "As-is workshop",
        "type": "asis",
        "start": "2026-12-10T09:00",
        "slut": "12:30",
        "sted": "Rådhuset",
        "fagomraader": [f.pk for f in fagomraader],
        "max_deltagere": 10,
        "invitation_sendt": "2026-12-05",
        "deltagere-TOTAL_FORMS": len(deltagere),
        "deltagere-INITIAL_FORMS": 0,
        "version": 0,
    }
    for i, navn in enumerate(deltagere):
        data |= {f"deltagere-{i}-navn": navn, f"deltagere-{i}-rolle": "Sagsbehandler"}
    return data | changes


def test_the_projektleder_plans_a_workshop_with_participants_and_sees_the_guides_warnings(
    login, projektleder, borgerservice, arbejdsmarked
):
    client = login(projektleder)
    names = [f"Deltager {i}" for i in range(11)]

    response = client.post(
        reverse("workshops:workshop-create"), workshop_post([borgerservice, arbejdsmarked], names)
    )

    workshop = Workshop.objects.get()
    assert response["Location"] == workshop.get_absolute_url()
    assert workshop.deltagere.count() == 11
    page = client.get(workshop.get_absolute_url()).content.decode()
    assert (
        "Guiden foreslår medarbejdere fra 3-4 fagområder samtidig til As-is workshoppen; denne har 2." in page
    )
    assert "Der er 11 deltagere, men kommunens grænse er 10" in page
    assert "Invitationen er sendt 5 dage før workshoppen" in page
    # the guide's pair of workshops, the To-be one not yet planned: the facilitator 4 + 7 + 2 × (3–4) + 7,
    # the 11 participants 2 + 2 × (3–4) hours each, apart
    assert "24–26 timer" in page and "88–110 timer" in page


def test_a_to_be_workshop_follows_its_as_is_workshop_and_the_estimate_counts_the_pair_once(
    login, laeser, borgerservice
):
    asis = Workshop.objects.create(titel="As-is 1", type="asis", start=timezone.now(), forventede_deltagere=8)
    tobe = Workshop.objects.create(titel="To-be 1", type="tobe", start=timezone.now(), forventede_deltagere=4)
    tobe.foelger_efter.set([asis])

    context = login(laeser).get(tobe.get_absolute_url()).context

    assert context["partner"] == asis
    assert context["estimat"].facilitator == (24, 26)
    assert context["estimat"].deltagere == (2 * 8 + 3 * 8 + 3 * 4, 2 * 8 + 4 * 8 + 4 * 4)


def test_an_invalid_participant_saves_nothing(login, projektleder, borgerservice):
    data = workshop_post([borgerservice], ["Anna"]) | {"deltagere-0-email": "ikke-en-mail"}

    response = login(projektleder).post(reverse("workshops:workshop-create"), data)

    assert response.status_code == 200
    assert "Indtast en gyldig e-mail-adresse." in response.content.decode()
    assert not Workshop.objects.exists()


def test_the_material_checklist_follows_the_workshop_type(login, projektleder, workshop):
    client = login(projektleder)
    client.post(
        reverse("workshops:workshop-materiale", args=[workshop.pk]), {"sendt": ["brugsmoenstermodel"]}
    )

    workshop.refresh_from_db()
    assert [(key, sent) for key, _label, sent in workshop.materiale()] == [
        ("spoergeguide_asis", False),
        ("brugsmoenstermodel", True),
    ]
    workshop.type = "tobe"
    assert [key for key, _label, _sent in workshop.materiale()] == [
        "strategier",
        "systemoverblik",
        "eksternt_overblik",
        "sapa_slides",
        "sapa_video",
    ]


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_plans_workshops(request, login, persona, workshop, borgerservice):
    client = login(request.getfixturevalue(persona))

    assert client.get(reverse("workshops:workshop-create")).status_code == 403
    assert client.post(reverse("workshops:workshop-update", args=[workshop.pk]), {}).status_code == 403
    assert client.post(reverse("workshops:workshop-materiale", args=[workshop.pk]), {}).status_code == 403
    assert client.get(workshop.get_absolute_url()).status_code == 200
    assert client.get(reverse("workshops:workshop-list")).status_code == 200


def test_the_preparation_pack_holds_the_fagomraadets_mapped_areas_and_r2(
    login, laeser, workshop, ja_sagsomraade, kle
):
    Sagsomraade.objects.create(fagomraade=ja_sagsomraade.fagomraade, kle=kle["02.34.02"])  # not screened

    page = login(laeser).get(reverse("workshops:forberedelsespakke", args=[workshop.pk, "borgerservice"]))

    text = page.content.decode()
    assert "32.06.00 Boligstøtte i almindelighed" in text and "02.34.02" not in text
    assert "Hvor mange sagsbehandlere har I" in text
    assert "Anvender I KMD Sag som jeres eneste/primære sagssystem?" in text


def card_notes(cards):
    """What each card of a wall cell says, as shown."""
    return [re.search(r'<strong class="card-note">(.*?)</strong>', card).group(1) for card in cards]


@pytest.fixture
def mapped(ja_sagsomraade, systemer):
    return AsIs.objects.create(sagsomraade=ja_sagsomraade, q1=True, q2=False, q5=True, antal_sagsbehandlere=4)


def test_the_wall_shows_questions_as_rows_and_fagomraader_as_columns(login, laeser, workshop, mapped):
    response = login(laeser).get(reverse("workshops:wall", args=[workshop.pk]))

    headers = [f.navn for f in response.context["fagomraader"]]
    assert headers == ["Arbejdsmarked", "Borgerservice"]
    rows = {
        column.header: dict((f.navn, cards) for f, cards in cells)
        for column, cells in response.context["rows"]
    }
    assert card_notes(rows["3. Brugsmønster"]["Borgerservice"]) == ["D"]
    assert card_notes(rows["2. Antal sagsbehandlere"]["Borgerservice"]) == ["4"]
    assert rows["3. Brugsmønster"]["Arbejdsmarked"] == []
    assert "Ingen sagsområder" in rows["3. Brugsmønster"]["Arbejdsmarked"].html
    assert "Ret" not in response.content.decode()  # a reader cannot edit cards


def test_the_wall_refresh_sends_only_the_cards_changed_since_the_last_look(login, laeser, workshop, mapped):
    client = login(laeser)
    since = timezone.now()
    data_url = reverse("workshops:wall-data", args=[workshop.pk])

    nothing = client.get(data_url, {"siden": since.isoformat()}).json()
    AsIs.objects.filter(pk=mapped.pk).update(antal_sagsbehandlere=9, aendret=timezone.now())
    changed = client.get(data_url, {"siden": nothing["nu"]}).json()

    assert nothing["kort"] == []
    cards = {card["id"]: card for card in changed["kort"]}
    card = cards[f"kort-asis_sagsbehandlere-{mapped.pk}"]
    assert '<strong class="card-note">9</strong>' in card["html"]
    assert card["celle"] == f"celle-asis_sagsbehandlere-{mapped.sagsomraade.fagomraade_id}"
    assert {c["kle"] for c in cards.values()} == {"32.06.00"}  # only the saved area's cards


def test_the_change_check_finds_each_kind_of_save_in_the_workshops_fagomraader_only(
    workshop, mapped, kle, borgerservice, arbejdsmarked
):
    from exitstrategi.models import Fagomraade
    from workshops.models import ToBe
    from workshops.selectors import changed_since

    other = Workshop.objects.create(titel="Andet", type="asis", start=timezone.now())
    elsewhere = Fagomraade.objects.create(navn="Teknik")
    other.fagomraader.set([elsewhere])
    mine = mapped.sagsomraade
    own_fields = Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.24.04"])
    foreign = Sagsomraade.objects.create(fagomraade=elsewhere, kle=kle["32.24.04"])
    since = timezone.now()
    assert changed_since(workshop, since) == set()

    later = timezone.now()
    Sagsomraade.objects.filter(pk__in=[own_fields.pk, foreign.pk]).update(aendret=later)
    assert changed_since(workshop, since) == {own_fields.pk}
    assert changed_since(other, since) == {foreign.pk}

    for model in (Screening, AsIs):
        model.objects.filter(sagsomraade=mine).update(aendret=timezone.now())
        assert changed_since(workshop, since) == {own_fields.pk, mine.pk}
        model.objects.filter(sagsomraade=mine).update(aendret=since)
    ToBe.objects.create(sagsomraade=mine)
    assert changed_since(workshop, since) == {own_fields.pk, mine.pk}
    assert changed_since(workshop, timezone.now()) == set()


def test_a_wall_refresh_with_nothing_new_is_two_queries_beside_the_login(
    login, laeser, workshop, mapped, django_assert_num_queries
):
    client = login(laeser)
    data_url = reverse("workshops:wall-data", args=[workshop.pk])
    client.get(data_url)

    with django_assert_num_queries(4):  # session, user with its role; the workshop, its change check
        nothing = client.get(data_url, {"siden": timezone.now().isoformat()}).json()
    assert nothing["kort"] == []


def test_an_area_screened_nej_leaves_the_wall_at_the_next_refresh(login, laeser, workshop, mapped):
    client = login(laeser)
    data_url = reverse("workshops:wall-data", args=[workshop.pk])
    since = timezone.now().isoformat()

    Screening.objects.filter(pk=mapped.pk).update(anvender_kmd_sag="nej", aendret=timezone.now())
    cards = client.get(data_url, {"siden": since}).json()["kort"]

    assert cards and all(card["html"] == "" for card in cards)


def test_the_facilitator_edits_a_card_in_place_and_the_workshop_is_the_source(
    login, projektleder, workshop, mapped
):
    card = reverse(
        "workshops:wall-card", args=[workshop.pk, "asis_sagsbehandlere", "borgerservice", "32.06.00"]
    )
    client = login(projektleder)

    form = client.get(card)
    response = client.post(card, {"version": 0, "antal_sagsbehandlere": 6})

    assert list(form.context["form"].fields) == ["antal_sagsbehandlere", "version"]
    assert response["Location"] == reverse("workshops:wall", args=[workshop.pk])
    mapped.refresh_from_db()
    assert mapped.antal_sagsbehandlere == 6 and mapped.brugsmoenster == "D"  # other answers untouched
    assert mapped.history.first().history_change_reason == f"Workshop: {workshop}"


def test_a_card_of_another_fagomraade_cannot_be_edited(login, kontaktperson, workshop, fremmed_sagsomraade):
    Screening.objects.create(sagsomraade=fremmed_sagsomraade, anvender_kmd_sag="ja")
    card = reverse(
        "workshops:wall-card", args=[workshop.pk, "asis_sagsbehandlere", "arbejdsmarked", "32.24.04"]
    )

    assert login(kontaktperson).post(card, {"version": 0, "antal_sagsbehandlere": 6}).status_code == 403
    assert not AsIs.objects.exists()


def test_an_unknown_question_on_the_wall_is_not_found(login, projektleder, workshop, mapped):
    card = reverse("workshops:wall-card", args=[workshop.pk, "noter", "borgerservice", "32.06.00"])

    assert login(projektleder).get(card).status_code == 404


def test_an_empty_workshop_list_says_how_to_fill_it(login, projektleder):
    page = login(projektleder).get(reverse("workshops:workshop-list")).content.decode()
    assert "Planlæg den første med knappen «Planlæg workshop»." in page


def test_a_to_be_wall_shows_the_to_be_questions_for_c_and_d_areas_only(
    login, projektleder, borgerservice, c_sagsomraade, kle
):
    other = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.05"])
    Screening.objects.create(sagsomraade=other, anvender_kmd_sag="ja")
    AsIs.objects.create(sagsomraade=other, q1=True, q2=True, q3=True, q4=True)  # brugsmønster A
    workshop = Workshop.objects.create(titel="To-be 1", type="tobe", start=timezone.now())
    workshop.fagomraader.set([borgerservice])

    response = login(projektleder).get(reverse("workshops:wall", args=[workshop.pk]))

    rows = {column.header: cells[0][1] for column, cells in response.context["rows"]}
    assert "Anbefalet løsningsscenarie" in rows and "3. Brugsmønster" not in rows
    assert [re.search(r'data-kle="(.*?)"', card).group(1) for card in rows["Anbefalet løsningsscenarie"]] == [
        "32.06.00"
    ]


def test_the_facilitator_sets_the_recommended_scenario_on_a_card(
    login, projektleder, borgerservice, c_sagsomraade
):
    workshop = Workshop.objects.create(titel="To-be 1", type="kombineret", start=timezone.now())
    workshop.fagomraader.set([borgerservice])
    card = reverse("workshops:wall-card", args=[workshop.pk, "tobe_scenarie", "borgerservice", "32.06.00"])

    response = login(projektleder).post(
        card, {"version": 0, "anbefalet_scenarie": 3, "begrundelse": "Tilpas DUBU"}
    )

    assert response["Location"] == reverse("workshops:wall", args=[workshop.pk])
    tobe = c_sagsomraade.__class__.objects.get(pk=c_sagsomraade.pk).tobe
    assert (tobe.anbefalet_scenarie, tobe.sagsomraade.opgaver.count()) == (3, 10)
    assert tobe.history.first().history_change_reason == f"Workshop: {workshop}"
    wall = login(projektleder).get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert '<th colspan="2">Fase 2: As-is</th>' in wall and '<th colspan="2">Fase 3: To-be</th>' in wall


def test_an_as_is_wall_has_no_to_be_cards(login, projektleder, workshop, c_sagsomraade):
    card = reverse("workshops:wall-card", args=[workshop.pk, "tobe_scenarie", "borgerservice", "32.06.00"])

    assert login(projektleder).get(card).status_code == 404


def test_every_to_be_card_opens_its_question_on_the_wall(login, projektleder, borgerservice, c_sagsomraade):
    from workshops.views.wall import wall_questions

    workshop = Workshop.objects.create(titel="To-be 1", type="tobe", start=timezone.now())
    workshop.fagomraader.set([borgerservice])
    client = login(projektleder)

    for column in wall_questions(workshop.type):
        card = reverse("workshops:wall-card", args=[workshop.pk, column.key, "borgerservice", "32.06.00"])
        response = client.get(card)
        assert response.status_code == 200, column.key
        assert column.header in response.content.decode()


def test_the_wall_shows_one_question_at_a_time_for_plenum(login, laeser, workshop, mapped):
    wall = reverse("workshops:wall", args=[workshop.pk])
    client = login(laeser)

    first = client.get(wall, {"spoergsmaal": "asis_sagsbehandlere"}).context
    unknown = client.get(wall, {"spoergsmaal": "findes-ikke"})

    assert [column.key for column, _cells in first["rows"]] == ["asis_sagsbehandlere"]
    assert (first["position"], first["previous"], first["next"]) == (1, None, "asis_brugsmoenster")
    assert unknown.status_code == 404


def test_the_preparation_pack_prints_the_answers_already_known_and_the_r2_figure(
    login, laeser, workshop, c_sagsomraade
):
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(antal_sagsbehandlere=9)

    page = login(laeser).get(reverse("workshops:forberedelsespakke", args=[workshop.pk, "borgerservice"]))

    [(sagsomraade, questions)] = page.context["asis_sections"]
    known = {nr: answers for nr, _question, answers in questions}
    assert known["2"] == [("2. Antal sagsbehandlere", 9)]
    assert ("3. Brugsmønster", "C") in known["3"]
    assert ("4a Sager journaliseres i", "KMD Opera") in known["4"]
    assert known["8"] == []
    text = page.content.decode()
    assert "Svar indtil nu" in text and 'class="r2-tree"' in text


def test_the_wall_gives_the_guides_full_question_behind_each_short_row_header(
    login, laeser, workshop, mapped
):
    from exitstrategi import guiden

    wall = reverse("workshops:wall", args=[workshop.pk])
    page = login(laeser).get(wall).content.decode()
    plenum = login(laeser).get(wall, {"spoergsmaal": "asis_sagsbehandlere"}).content.decode()

    assert f'title="{guiden.ASIS["2"]}"' in page
    assert f"«{guiden.ASIS['2']}»" in plenum


def test_a_to_be_workshop_counts_its_participants_categories_and_talks_held_beforehand(
    login, laeser, borgerservice
):
    workshop = Workshop.objects.create(titel="To-be 1", type="tobe", start=timezone.now())
    workshop.fagomraader.set([borgerservice])
    workshop.deltagere.create(navn="Økonom Øjvind", kategori="specialist")
    client = login(laeser)

    before = client.get(workshop.get_absolute_url()).context["advarsler"]
    workshop.samtale_beslutningstagere = "Fagchef Frede, 2. dec.: scenarie 3 er realistisk."
    workshop.save()
    after = client.get(workshop.get_absolute_url()).content.decode()

    assert [a for a in before if "specialister" in a] == []
    assert any("beslutningstagere/fagledere" in a for a in before)
    assert "beslutningstagere/fagledere på To-be workshoppen" not in after
    assert "Fagchef Frede" in after


@pytest.fixture
def tobe_workshop(borgerservice):
    workshop = Workshop.objects.create(
        titel="To-be 1", type="tobe", start=timezone.now() + timedelta(days=14), tobe_strategier="SBSYS først"
    )
    workshop.fagomraader.set([borgerservice])
    return workshop


def test_the_to_be_pack_gives_questions_1_to_6_with_the_areas_as_is_answers_and_contracts(
    login, laeser, tobe_workshop, c_sagsomraade, systemer, kle
):
    from exitstrategi import guiden
    from workshops.models import ToBe

    a_area = Sagsomraade.objects.create(fagomraade=c_sagsomraade.fagomraade, kle=kle["02.34.02"])
    AsIs.objects.create(sagsomraade=a_area, q1=True, q2=True, q3=True, q4=True)  # type A: not in To-be
    ny_kontrakt(systemer["KMD Opera"], navn="Opera via SKI", opsigelsesvarsel=6, opsigelsesbasis="kvartal")
    ny_kontrakt(systemer["SBSYS"], navn="SBSYS drift")  # a system the area does not use
    ToBe.objects.create(sagsomraade=c_sagsomraade, forretningskritisk="ja")

    page = login(laeser).get(
        reverse("workshops:forberedelsespakke", args=[tobe_workshop.pk, "borgerservice"])
    )

    assert page.context["asis_sections"] is None
    [(sagsomraade, asis, kontrakter, questions)] = page.context["tobe_sections"]
    assert sagsomraade == c_sagsomraade
    assert ("3. Brugsmønster", "C") in asis and ("4a Sager journaliseres i", "KMD Opera") in asis
    [(kontrakt, ophoer)] = kontrakter
    assert kontrakt.navn == "Opera via SKI" and ophoer.opsig_senest is not None
    known = {nr: answers for nr, _question, answers in questions}
    assert list(known) == ["2", "3", "4", "5", "6"]
    assert known["5"] == [("5. Forretningskritisk", "Ja")]
    text = page.content.decode()
    assert guiden.TOBE["1"] in text and guiden.TOBE["6"] in text and "SBSYS først" in text
    assert f"kan tidligst ophøre {ophoer.dato:%d.%m.%Y}" in text
    assert "Fortsæt med at blive i KMD Sag og afløft udbudspligten" in text


def test_a_combined_workshops_pack_holds_both_parts(login, laeser, tobe_workshop, c_sagsomraade):
    tobe_workshop.type = "kombineret"
    tobe_workshop.save()

    page = login(laeser).get(
        reverse("workshops:forberedelsespakke", args=[tobe_workshop.pk, "borgerservice"])
    )

    assert len(page.context["asis_sections"]) == 1 and len(page.context["tobe_sections"]) == 1
    assert 'id="pakke-asis"' in page.content.decode() and 'id="pakke-tobe"' in page.content.decode()


@pytest.mark.parametrize(
    "type_, asis, tobe", [("asis", True, False), ("tobe", False, True), ("kombineret", True, True)]
)
def test_the_spoergeguide_prints_the_guides_questions_for_the_workshops_type(
    login, laeser, tobe_workshop, type_, asis, tobe
):
    from exitstrategi import guiden

    tobe_workshop.type = type_
    tobe_workshop.save()

    text = login(laeser).get(reverse("workshops:spoergeguide", args=[tobe_workshop.pk])).content.decode()

    assert (guiden.ASIS["7"] in text, guiden.ASIS_4["c"] in text, 'class="r2-tree"' in text) == (
        asis,
        asis,
        asis,
    )
    assert (guiden.TOBE["3"] in text, guiden.TOBE_4["c"] in text) == (tobe, tobe)
