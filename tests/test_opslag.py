"""Register fields filled a batch of rows at a time (exitstrategi/opslag.py): the rows read the same
as Django's own loading, from a fixed number of queries."""

import pytest

from exitstrategi.models import Sagsomraade
from exitstrategi.opslag import with_registers
from workshops.models import ToBe

PATHS = ["tobe__markedsloesninger", "tobe__loesning_sager", "ogsaa_daekker"]


@pytest.fixture
def areas(kle, borgerservice, systemer):
    first = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.06.00"])
    second = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.04"])
    third = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.05"])
    first.ogsaa_daekker.set([kle["32.24.05"], kle["32.24.04"]])
    tobe = ToBe.objects.create(sagsomraade=first, loesning_sager=systemer["SBSYS"])
    tobe.markedsloesninger.set([systemer["SBSYS"], systemer["KMD Aktiv"], systemer["KMD Opera"]])
    ToBe.objects.create(sagsomraade=second)
    return first, second, third


def loaded():
    rows = Sagsomraade.objects.select_related("tobe").order_by("kle__nummer")
    return {row.kle.nummer: row for row in with_registers(rows.select_related("kle"), PATHS)}


def test_many_to_many_rows_in_the_registers_order_from_one_query_each(areas, django_assert_num_queries):
    with django_assert_num_queries(4):  # the rows, both link tables at once, the IT systems, the KLE numbers
        rows = loaded()
        first, second, third = rows["32.06.00"], rows["32.24.04"], rows["32.24.05"]
    with django_assert_num_queries(0):
        assert [s.navn for s in first.tobe.markedsloesninger.all()] == ["KMD Aktiv", "KMD Opera", "SBSYS"]
        assert [k.nummer for k in first.ogsaa_daekker.all()] == ["32.24.04", "32.24.05"]
        assert first.tobe.loesning_sager.navn == "SBSYS"
        assert list(second.tobe.markedsloesninger.all()) == []
        assert second.tobe.loesning_sager is None
        assert list(third.ogsaa_daekker.all()) == []


def test_a_filter_on_the_filled_rows_asks_the_database_for_this_rows_links_only(areas, systemer):
    first = loaded()["32.06.00"]
    named = first.tobe.markedsloesninger.all().filter(navn__startswith="KMD")
    assert [s.navn for s in named] == ["KMD Aktiv", "KMD Opera"]
    assert first.tobe.markedsloesninger.all().count() == 3
    assert list(loaded()["32.24.04"].tobe.markedsloesninger.all().filter(navn="SBSYS")) == []


def test_changing_the_links_forgets_the_filled_rows(areas, systemer):
    first = loaded()["32.06.00"]
    first.tobe.markedsloesninger.remove(systemer["SBSYS"])
    assert [s.navn for s in first.tobe.markedsloesninger.all()] == ["KMD Aktiv", "KMD Opera"]


def test_links_read_once_are_read_again_after_they_change(areas, systemer):
    from exitstrategi.opslag import linked

    tobe = ToBe.objects.get(sagsomraade=areas[0])
    assert [s.navn for s in linked(tobe, "markedsloesninger")] == ["KMD Aktiv", "KMD Opera", "SBSYS"]
    assert [s.navn for s in tobe.markedsloesninger.all()] == ["KMD Aktiv", "KMD Opera", "SBSYS"]

    tobe.markedsloesninger.set([systemer["SBSYS"]])  # as a form saves them

    assert [s.navn for s in linked(tobe, "markedsloesninger")] == ["SBSYS"]
