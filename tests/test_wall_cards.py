"""A worker remembers the wall's cards it wrote and writes them again when what they show changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exitstrategi.models import Fagomraade, ITSystem, Sagsomraade
from screening.models import Screening
from workshops.models import AsIs, Workshop
from workshops.wall_cards import remembered


@pytest.fixture
def workshop(borgerservice, arbejdsmarked):
    workshop = Workshop.objects.create(titel="Kombineret", type="kombineret", start=timezone.now())
    workshop.fagomraader.set([borgerservice, arbejdsmarked])
    return workshop


def wall(client, workshop):
    """Each cell of the wall as shown: [(question, fagområde, its HTML)]."""
    response = client.get(reverse("workshops:wall", args=[workshop.pk]))
    return [(column.key, f.pk, cell.html) for column, cells in response.context["rows"] for f, cell in cells]


def written_afresh(client, workshop):
    remembered.entries.clear()
    return wall(client, workshop)


def test_every_change_a_card_shows_reaches_the_wall_drawn_from_remembered_cards(
    login, kontaktperson, workshop, c_sagsomraade, kle, borgerservice, arbejdsmarked
):
    area = Sagsomraade.objects.filter(pk=c_sagsomraade.pk)
    other = Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.24.05"], titel="Fradrag")

    def card_in(question, fagomraade, text):
        return lambda cells: any(text in html for q, f, html in cells if (q, f) == (question, fagomraade.pk))

    changes = {
        "an answer saved": (
            lambda: AsIs.objects.filter(pk=c_sagsomraade.pk).update(
                antal_sagsbehandlere=9, aendret=timezone.now()
            ),
            card_in("asis_sagsbehandlere", borgerservice, '<strong class="card-note">9</strong>'),
        ),
        "an IT system renamed (as the KITOS import does)": (
            lambda: ITSystem.objects.filter(navn="KMD Opera").update(navn="KMD Opera Ny"),
            card_in("asis_system_sager", borgerservice, "KMD Opera Ny"),
        ),
        "the area retitled": (
            lambda: area.update(titel="Boligstøtte, ny", aendret=timezone.now()),
            card_in("asis_brugsmoenster", borgerservice, "Boligstøtte, ny"),
        ),
        "the fagområde's address renamed": (
            lambda: Fagomraade.objects.filter(pk=borgerservice.pk).update(slug="borgerservice-ny"),
            card_in("asis_brugsmoenster", borgerservice, "/borgerservice-ny/32.06.00/"),
        ),
        "another area screened Ja": (
            lambda: Screening.objects.create(sagsomraade=other, anvender_kmd_sag="ja"),
            card_in("asis_brugsmoenster", arbejdsmarked, "32.24.05 Fradrag"),
        ),
        "the area moved to the other fagområde": (
            lambda: area.update(fagomraade=arbejdsmarked, aendret=timezone.now()),
            card_in("asis_brugsmoenster", arbejdsmarked, "32.06.00"),
        ),
    }
    client = login(kontaktperson)
    before = wall(client, workshop)
    assert "KMD Opera" in str(before) and wall(client, workshop) == before

    for what, (change, shown) in changes.items():
        change()
        remembered_wall = wall(client, workshop)
        assert shown(remembered_wall), what
        assert remembered_wall == written_afresh(client, workshop), what
        wall(client, workshop)  # remembered again for the next change


@pytest.mark.parametrize("change", ["screened nej", "removed"])
def test_an_area_that_leaves_the_wall_leaves_the_remembered_wall(
    login, laeser, workshop, c_sagsomraade, change
):
    client = login(laeser)
    assert "32.06.00" in str(wall(client, workshop))

    if change == "removed":
        Sagsomraade.objects.filter(pk=c_sagsomraade.pk).update(fjernet=timezone.now(), aendret=timezone.now())
    else:
        Screening.objects.filter(sagsomraade=c_sagsomraade).update(
            anvender_kmd_sag="nej", aendret=timezone.now()
        )

    assert "32.06.00" not in str(wall(client, workshop))


def test_cards_remembered_for_an_editor_are_not_shown_to_a_reader(
    login, kontaktperson, laeser, workshop, c_sagsomraade
):
    editor_wall = wall(login(kontaktperson), workshop)
    reader_wall = wall(login(laeser), workshop)

    assert "Ret kortet" in str(editor_wall)
    assert "Ret kortet" not in str(reader_wall)


def test_a_wall_seen_again_unchanged_loads_no_answers(login, laeser, workshop, c_sagsomraade):
    client = login(laeser)
    first = wall(client, workshop)

    with CaptureQueriesContext(connection) as again:
        assert wall(client, workshop) == first

    assert not [q for q in again.captured_queries if "antal_sagsbehandlere" in q["sql"]]
