"""A query whose SQL is made once gives what the queryset gives, and follows what shapes it."""

import pytest
from django.utils import timezone

from exitstrategi.models import Kommune, Sagsomraade
from exitstrategi.sql_once import by_one_value, made_once
from prioritering.models import Prioritering
from prioritering.selectors import RANGORDEN, i_scope, rangorden


def test_a_query_made_once_gives_the_rows_and_values_the_queryset_gives(omraader):
    Prioritering.objects.create(
        sagsomraade=omraader["bolig"],
        brugerniveau="mange",
        fastlaast_plads=1,
        fastlaast_tidspunkt=timezone.now(),
        fastlaast_begrundelse="Byrådets ønske",
    )
    queryset = i_scope().values_list(*RANGORDEN)

    made = made_once(Sagsomraade, "test_rows", (), lambda: queryset)

    assert made.rows() == list(queryset)
    assert any(
        isinstance(row[RANGORDEN.index("prioritering__fastlaast_tidspunkt")], type(timezone.now()))
        for row in made.rows()
    )


def test_the_ranking_follows_a_changed_matrix_of_the_municipality(omraader):
    for s, niveau in [
        (omraader["bolig"], "mange"),
        (omraader["kontant"], "mange"),
        (omraader["fradrag"], "faa"),
    ]:
        Prioritering.objects.create(sagsomraade=s, brugerniveau=niveau)
    omfang = {key: omfang_ for key, (_nr, omfang_, _besluttet) in rangorden().items()}
    assert sorted(omfang.values()) == [1, 2, 3]

    kommune = Kommune.get()
    kommune.omfang_matrix = {n: {k: 1 for k in ("lav", "middel", "hoej")} for n in ("faa", "mellem", "mange")}
    kommune.save()

    assert {omfang_ for _nr, omfang_, _besluttet in rangorden().values()} == {1}


def test_the_ranking_follows_a_changed_area_and_a_changed_strategy(omraader):
    for s in omraader.values():
        Prioritering.objects.get_or_create(sagsomraade=s, defaults={"brugerniveau": "mange"})
    before = rangorden()
    first = min(before, key=lambda key: before[key][0])

    Prioritering.objects.filter(sagsomraade_id=first).update(brugerniveau="faa")
    kommune = Kommune.get()
    after = rangorden()
    kommune.prioriteringsstrategi = (
        "lette_foerst" if kommune.prioriteringsstrategi != "lette_foerst" else "tunge_foerst"
    )
    kommune.save()
    turned = rangorden()

    assert after[first][1] != before[first][1]  # its omfang, read afresh
    assert [key for key, _ in sorted(turned.items(), key=lambda item: item[1][0])] != [
        key for key, _ in sorted(after.items(), key=lambda item: item[1][0])
    ]


def test_a_query_by_one_value_finds_what_its_queryset_finds_for_each_value(omraader):
    def by_kle(nummer):
        return Sagsomraade.objects.filter(kle__nummer=nummer, titel__isnull=False)

    for area in omraader.values():
        found = list(by_one_value(Sagsomraade, "test_by_kle", by_kle, "\x00", area.kle.nummer))
        assert found == list(by_kle(area.kle.nummer)) == [area]
    assert list(by_one_value(Sagsomraade, "test_by_kle", by_kle, "\x00", "99.99.99")) == []


def test_a_marker_that_is_not_one_parameter_of_the_query_is_refused(omraader):
    def twice(value):
        return Sagsomraade.objects.filter(titel=value) | Sagsomraade.objects.filter(noter=value)

    for name, build in (("test_twice", twice), ("test_never", lambda value: Sagsomraade.objects.all())):
        with pytest.raises(ValueError, match="must be one parameter"):
            by_one_value(Sagsomraade, name, build, "\x00", "x")
