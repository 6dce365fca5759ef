"""A query whose SQL is made once gives what the queryset gives, and follows what shapes it."""

from django.utils import timezone

from exitstrategi.models import Kommune, Sagsomraade
from exitstrategi.sql_once import made_once
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
