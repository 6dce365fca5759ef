"""The pictures' geometry (pure) and their page: every area drawn once, in text as well as colour."""

from datetime import date

from django.urls import reverse

from prioritering import billeder
from prioritering.billeder import Punkt


def punkt(nr, scenarie=2, kritisk=True, omfang=3, flytning=None, virkning=None):
    return Punkt(nr, f"32.0{nr}.00", f"Område {nr}", scenarie, kritisk, omfang, flytning, virkning)


def test_the_matrix_puts_each_area_in_its_cell_once():
    points = [punkt(1), punkt(2, omfang=1), punkt(3, kritisk=False, omfang=3), punkt(4), punkt(5)]
    m = billeder.matrix(points)

    cells = {(f.kritisk, f.omfang): [p.nr for _x, _y, p in f.punkter] for f in m.felter}
    assert cells[("Forretningskritisk", "3 Stort")] == [1, 4, 5]
    assert cells[("Forretningskritisk", "1 Let")] == [2]
    assert cells[("Ikke kritisk", "3 Stort")] == [3]
    assert [label for _x, label in m.kolonner] == ["3 Stort", "2 Moderat", "1 Let"]  # no unknown column
    boxes = [(x, y) for f in m.felter for x, y, _p in f.punkter]
    assert len(boxes) == len(set(boxes)) == 5  # no two chips on top of each other
    for f in m.felter:
        for x, y, _p in f.punkter:
            assert f.x <= x and x + m.chip_w <= f.x + f.w and f.y <= y and y + m.chip_h <= f.y + f.h


def test_unknown_omfang_and_unassessed_areas_get_their_own_row_and_column():
    m = billeder.matrix([punkt(1, kritisk=None, omfang=None)])

    assert [label for _y, label in m.raekker] == ["Forretningskritisk", "Ikke kritisk", "Ikke vurderet"]
    assert [label for _x, label in m.kolonner][-1] == "Kan ikke beregnes"


def test_the_bars_are_proportional_and_every_scenario_is_shown():
    bars, height = billeder.fordeling({1: 2, 2: 4, 3: 0}, {1: "a", 2: "b", 3: "c", 4: "d"}, max_w=300)

    assert [(b.scenarie, b.antal, b.w) for b in bars] == [(1, 2, 150), (2, 4, 300), (3, 0, 0), (4, 0, 0)]
    assert height > bars[-1].y


def test_the_timeline_places_moves_and_effects_on_the_quarter_axis():
    points = [
        punkt(2, flytning=date(2027, 9, 30), virkning=date(2027, 3, 31)),
        punkt(1, flytning=date(2027, 3, 31), virkning=date(2027, 12, 31)),
    ]
    t = billeder.tidslinje(points, [(date(2027, 7, 1), "SAPA")], today=date(2026, 11, 27))

    first, second = t.linjer
    assert (first.punkt.nr, second.punkt.nr) == (1, 2) and first.y < second.y
    assert first.x_flytning < first.x_virkning  # planned before the contracts allow
    assert second.x_virkning < second.x_flytning
    [(x_sapa, label)] = t.milepaele
    assert label == "SAPA" and first.x_flytning < x_sapa < second.x_flytning
    assert t.kvartaler[0][1] == "K4 2026" and t.kvartaler[-1][1] == "K1 2028"


def test_the_pictures_page_draws_the_demo_with_text_alternatives(db, demo, login, laeser):
    page = login(laeser).get(reverse("prioritering:billeder")).content.decode()

    assert page.count("<svg") == 3 and page.count("<desc") == 3
    assert "Forretningskritisk, 3 Stort:" in page and "SAPA markeret som lodret linje" in page
