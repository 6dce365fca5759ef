"""Fase 4's pure rules: the user-level suggestion, omfang, the order and the timing checks."""

from datetime import date
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exitstrategi.indstillinger import BRUGERNIVEAUER, KOMPLEKSITETER, sum_rule_matrix
from prioritering import brugerniveau, omfang, raekkefoelge, tidsplan
from prioritering.raekkefoelge import LETTE_FOERST, TUNGE_FOERST, Emne

# --- Trin 1: the suggested user level -------------------------------------------------------------


def test_three_distinct_counts_are_suggested_faa_mellem_mange():
    assert brugerniveau.forslag({"a": 2, "b": 10, "c": 40}) == {"a": "faa", "b": "mellem", "c": "mange"}


def test_six_counts_fall_in_thirds():
    counts = dict(zip("abcdef", [1, 2, 3, 4, 5, 6], strict=True))
    assert list(brugerniveau.forslag(counts).values()) == ["faa", "faa", "mellem", "mellem", "mange", "mange"]


def test_equal_counts_share_a_suggestion_and_all_equal_is_mellem():
    assert brugerniveau.forslag({"a": 5, "b": 5, "c": 5}) == dict.fromkeys("abc", "mellem")
    assert brugerniveau.forslag({"a": 1, "b": 9, "c": 9, "d": 9}) == {  # 9 stands at 2/3: not above it
        "a": "faa",
        "b": "mellem",
        "c": "mellem",
        "d": "mellem",
    }
    assert brugerniveau.forslag({"a": 1, "b": 1, "c": 1, "d": 9}) == {  # 1 stands at 1/3: not below it
        "a": "mellem",
        "b": "mellem",
        "c": "mellem",
        "d": "mange",
    }


def test_an_unknown_count_gets_no_suggestion_and_does_not_count():
    assert brugerniveau.forslag({"a": 2, "b": None, "c": 10, "d": 40}) == {
        "a": "faa",
        "b": None,
        "c": "mellem",
        "d": "mange",
    }


@pytest.mark.parametrize("counts", [{}, {"a": 3}, {"a": 3, "b": 8}, {"a": 3, "b": None, "c": 9, "d": None}])
def test_fewer_than_three_known_counts_give_no_suggestion(counts):
    assert brugerniveau.forslag(counts) == dict.fromkeys(counts)


@given(st.dictionaries(st.integers(), st.one_of(st.none(), st.integers(0, 500)), max_size=30))
def test_a_suggestion_never_falls_as_the_count_rises(counts):
    suggested = brugerniveau.forslag(counts)
    rank = {None: None, "faa": 0, "mellem": 1, "mange": 2}
    known = sorted((n, rank[suggested[k]]) for k, n in counts.items() if n is not None)
    assert set(suggested) == set(counts)
    if len(known) >= brugerniveau.MINDST:
        levels = [level for _n, level in known]
        assert levels == sorted(levels)
        assert all(suggested[k] is None for k, n in counts.items() if n is None)


# --- Trin 2: omfang -------------------------------------------------------------------------------

# The sum rule's table as DOMAIN.md prints it, written out independently of the code.
SUM_RULE = {
    ("faa", "lav"): 1,
    ("faa", "middel"): 1,
    ("faa", "hoej"): 2,
    ("mellem", "lav"): 1,
    ("mellem", "middel"): 2,
    ("mellem", "hoej"): 3,
    ("mange", "lav"): 2,
    ("mange", "middel"): 3,
    ("mange", "hoej"): 3,
}


@pytest.mark.parametrize(("level", "complexity"), list(SUM_RULE))
def test_every_cell_of_the_default_matrix_is_the_sum_rule(level, complexity):
    result = omfang.omfang(level, complexity, sum_rule_matrix())
    assert result.vaerdi == SUM_RULE[level, complexity]
    assert str(result) == {1: "1 Let", 2: "2 Moderat", 3: "3 Stort"}[SUM_RULE[level, complexity]]


def test_the_matrix_is_the_municipalitys_own_choice():
    everything_heavy = {b: {k: 3 for k, _l in KOMPLEKSITETER} for b, _l in BRUGERNIVEAUER}
    assert all(
        omfang.omfang(b, k, everything_heavy).vaerdi == 3
        for (b, _), (k, _) in product(BRUGERNIVEAUER, KOMPLEKSITETER)
    )


@pytest.mark.parametrize(
    ("level", "complexity", "text"),
    [
        ("", "hoej", "Kan ikke beregnes: brugerniveau ikke angivet"),
        ("mange", None, "Kan ikke beregnes: kompleksitet (To-be spørgsmål 6) ikke besvaret"),
        (
            None,
            "",
            "Kan ikke beregnes: brugerniveau ikke angivet og kompleksitet (To-be spørgsmål 6) ikke besvaret",
        ),
    ],
)
def test_a_missing_input_cannot_be_computed_and_says_what_is_missing(level, complexity, text):
    result = omfang.omfang(level, complexity, sum_rule_matrix())
    assert result.vaerdi is None and str(result) == text


# --- Trin 4: the order ----------------------------------------------------------------------------


def emne(key, kle="01.01.01", scenarie=2, kritisk=False, revurderet=True, omfang=2, **pin):
    return Emne(key, kle, scenarie, kritisk, revurderet, omfang, **pin)


def order(emner, **kwargs):
    return [p.emne.key for p in raekkefoelge.ranger(emner, **kwargs)]


def test_a_critical_area_comes_first_whatever_its_omfang_and_scenario():
    emner = [emne("tung", omfang=3, scenarie=4), emne("kritisk", kritisk=True, omfang=1, scenarie=1)]
    assert order(emner) == ["kritisk", "tung"]
    assert order(emner, strategi=LETTE_FOERST, laengst_foerst=False) == ["kritisk", "tung"]


@pytest.mark.parametrize(
    ("strategi", "expected"),
    [
        (TUNGE_FOERST, ["stort", "moderat", "let", "ukendt"]),
        (LETTE_FOERST, ["let", "moderat", "stort", "ukendt"]),
    ],
)
def test_the_strategy_orders_by_omfang_and_an_unknown_omfang_comes_last(strategi, expected):
    emner = [
        emne("ukendt", omfang=None),
        emne("let", omfang=1),
        emne("stort", omfang=3),
        emne("moderat", omfang=2),
    ]
    assert order(emner, strategi=strategi) == expected


def test_lead_time_breaks_ties_longest_first_unless_reversed():
    emner = [emne(f"s{n}", scenarie=n) for n in (2, 4, 1, 3)]
    assert order(emner) == ["s4", "s3", "s2", "s1"]
    assert order(emner, laengst_foerst=False) == ["s1", "s2", "s3", "s4"]


def test_the_kle_number_makes_the_order_stable():
    emner = [emne("b", kle="32.06.00"), emne("a", kle="02.34.02"), emne("c", kle="32.18.08")]
    assert order(emner) == ["a", "b", "c"]
    assert order(list(reversed(emner))) == ["a", "b", "c"]


def test_an_area_not_assessed_is_not_critical_and_says_so():
    [first, second] = raekkefoelge.ranger(
        [emne("ikke", kritisk=None, revurderet=False), emne("ja", kritisk=True)]
    )
    assert (first.emne.key, second.emne.key) == ("ja", "ikke")
    assert second.begrundelse.startswith("Forretningskritisk ikke vurderet")


def test_every_row_says_why_it_stands_where_it_stands():
    [row] = raekkefoelge.ranger(
        [emne("a", kle="32.06.00", scenarie=4, kritisk=True, revurderet=False, omfang=3)]
    )
    assert row.begrundelse == (
        "Forretningskritisk (workshoppens svar, ikke revurderet); omfang 3 Stort (de tunge først); "
        "løsningsscenarie 4 (længst forberedelse først); KLE 32.06.00"
    )


def test_a_pin_places_an_area_after_the_sort_with_its_reason():
    emner = [emne(k, kle=k) for k in ("a", "b", "c", "d")] + [
        emne("x", kle="z", fastlaast=2, fastlaast_begrundelse="Byrådet")
    ]
    rows = raekkefoelge.ranger(emner)
    assert [r.emne.key for r in rows] == ["a", "x", "b", "c", "d"]
    assert rows[1].begrundelse == "Fastlåst på plads 2 af projektlederen: Byrådet"


def test_two_pins_on_one_position_the_earlier_pinned_first():
    emner = [emne("a", kle="a"), emne("b", kle="b")]
    emner += [emne("sen", fastlaast=1, fastlaast_orden=2, fastlaast_begrundelse="x")]
    emner += [emne("tidlig", fastlaast=1, fastlaast_orden=1, fastlaast_begrundelse="y")]
    rows = raekkefoelge.ranger(emner)
    assert [r.emne.key for r in rows] == ["tidlig", "sen", "a", "b"]
    assert rows[1].begrundelse.endswith(
        "(står på plads 2: en anden blev fastlåst på en plads foran den først)"
    )


def test_a_pin_past_the_end_goes_last():
    rows = raekkefoelge.ranger([emne("a"), emne("x", fastlaast=9, fastlaast_begrundelse="Senere")])
    assert [r.emne.key for r in rows] == ["a", "x"]
    assert rows[1].begrundelse.endswith("(står på plads 2: listen er ikke længere)")


def test_an_unknown_strategy_is_refused():
    with pytest.raises(ValueError, match="Ukendt strategi"):
        raekkefoelge.ranger([], strategi="tilfaeldig")


emner_strategy = st.lists(
    st.builds(
        Emne,
        key=st.uuids(),
        kle=st.sampled_from(["02.34.02", "32.06.00", "27.27.09", "15.20.24"]),
        scenarie=st.integers(1, 4),
        kritisk=st.one_of(st.none(), st.booleans()),
        revurderet=st.booleans(),
        omfang=st.one_of(st.none(), st.integers(1, 3)),
        fastlaast=st.one_of(st.none(), st.integers(1, 12)),
        fastlaast_orden=st.integers(0, 5),
        fastlaast_begrundelse=st.just("fordi"),
    ),
    max_size=12,
)


@given(emner_strategy, st.sampled_from([TUNGE_FOERST, LETTE_FOERST]), st.booleans())
def test_the_order_holds_every_area_once_numbered_from_one(emner, strategi, laengst_foerst):
    rows = raekkefoelge.ranger(emner, strategi=strategi, laengst_foerst=laengst_foerst)
    assert sorted((r.emne.key for r in rows), key=str) == sorted((e.key for e in emner), key=str)
    assert [r.nr for r in rows] == list(range(1, len(emner) + 1))
    unpinned = [r.emne for r in rows if r.emne.fastlaast is None]
    assert [e.kritisk is True for e in unpinned] == sorted(
        (e.kritisk is True for e in unpinned), reverse=True
    )
    for row in rows:
        if row.emne.fastlaast is not None and row.nr != row.emne.fastlaast:
            assert "står på plads" in row.begrundelse


# --- Timing -----------------------------------------------------------------------------------------


def test_a_move_planned_before_the_contracts_allow_is_warned():
    assert tidsplan.advarsler(date(2027, 3, 31), date(2027, 6, 30)) == [
        "Flytningen er planlagt før kontrakterne tillader det: tidligste virkning er 30.06.2027."
    ]
    assert tidsplan.advarsler(date(2027, 6, 30), date(2027, 6, 30)) == []
    assert (
        tidsplan.advarsler(None, date(2027, 6, 30)) == []
        and tidsplan.advarsler(date(2027, 6, 30), None) == []
    )


def test_a_move_is_before_or_after_the_go_live_of_sapa():
    assert tidsplan.i_forhold_til(date(2027, 3, 31), date(2027, 5, 1)) == "før"
    assert tidsplan.i_forhold_til(date(2027, 6, 30), date(2027, 5, 1)) == "efter"  # in the same quarter
    assert tidsplan.i_forhold_til(date(2027, 6, 30), None) is None


def test_only_scenario_1_plans_a_renewed_contract():
    assert tidsplan.planpunkter(1) == ["Fornyet kontraktgrundlag (eget udbud eller SKI)"]
    assert [tidsplan.planpunkter(n) for n in (2, 3, 4)] == [[], [], []]


@pytest.mark.parametrize(
    ("besluttet", "anbefalet", "expected"),
    [
        (3, 2, (3, "besluttet")),
        (None, 2, (2, "anbefalet")),
        (None, None, (None, None)),
        (1, None, (1, "besluttet")),
    ],
)
def test_the_decided_scenario_is_in_force_else_the_recommended(besluttet, anbefalet, expected):
    assert tidsplan.gaeldende_scenarie(besluttet, anbefalet) == expected
