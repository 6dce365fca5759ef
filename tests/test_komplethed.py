"""As-is completeness, the pure rule: every question and every way of answering it."""

from dataclasses import replace

import pytest

from workshops.komplethed import AsIsSvar, asis_mangler

SYSTEMER = tuple((f"4{letter}", "SBSYS") for letter in "abcde")
KOMPLET = AsIsSvar(
    antal_sagsbehandlere=12,
    brugsmoenster="D",
    systemer=SYSTEMER,
    monopolbrud_tsa="nej",
    monopolbrud_tsa_systemer=0,
    antal_manuelle_sager=400,
    manuelle_sager_ukendt=False,
    antal_journalnotater=9000,
    journalnotater_ukendt=False,
    oprydning="nej",
    oprydningsbehov_valgt=False,
    arkivering="delvist",
)


def test_a_full_answer_misses_nothing():
    assert asis_mangler(KOMPLET) == []


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"antal_sagsbehandlere": None}, ["2. Antal sagsbehandlere"]),
        ({"antal_sagsbehandlere": 0}, []),
        ({"brugsmoenster": ""}, ["3. Brugsmønster"]),
        ({"systemer": (("4a", None), *SYSTEMER[1:])}, ["4a"]),
        ({"monopolbrud_tsa": ""}, ["5. Monopolbrud/TSA"]),
        ({"monopolbrud_tsa": "ja"}, ["5. Monopolbrud/TSA"]),
        ({"monopolbrud_tsa": "ja", "monopolbrud_tsa_systemer": 2}, []),
        ({"antal_manuelle_sager": None}, ["6. Antal manuelle sager"]),
        ({"antal_manuelle_sager": None, "manuelle_sager_ukendt": True}, []),
        ({"antal_journalnotater": None}, ["6. Antal journalnotater"]),
        ({"antal_journalnotater": None, "journalnotater_ukendt": True}, []),
        ({"oprydning": ""}, ["7. Oprydning"]),
        ({"oprydning": "ja"}, ["7. Oprydning"]),
        ({"oprydning": "ja", "oprydningsbehov_valgt": True}, []),
        ({"arkivering": ""}, ["8. Arkivering"]),
    ],
)
def test_each_unanswered_question_is_named(changes, missing):
    assert asis_mangler(replace(KOMPLET, **changes)) == missing


@pytest.mark.parametrize("pattern", ["A", "B", "C", "D", "E"])
def test_the_kmd_sag_questions_apply_to_every_pattern_that_uses_kmd_sag(pattern):
    empty = replace(KOMPLET, brugsmoenster=pattern, monopolbrud_tsa="", oprydning="", arkivering="")

    assert asis_mangler(empty) == ["5. Monopolbrud/TSA", "7. Oprydning", "8. Arkivering"]


def test_pattern_0_needs_no_kmd_sag_answers():
    unused = replace(
        KOMPLET,
        brugsmoenster="0",
        monopolbrud_tsa="",
        antal_manuelle_sager=None,
        antal_journalnotater=None,
        oprydning="",
        arkivering="",
    )

    assert asis_mangler(unused) == []


def test_everything_missing_is_listed_in_the_guides_order():
    nothing = AsIsSvar(
        None,
        "",
        tuple((label, None) for label, _s in SYSTEMER),
        "",
        0,
        None,
        False,
        None,
        False,
        "",
        False,
        "",
    )

    assert asis_mangler(nothing) == [
        "2. Antal sagsbehandlere",
        "3. Brugsmønster",
        "4a",
        "4b",
        "4c",
        "4d",
        "4e",
        "5. Monopolbrud/TSA",
        "6. Antal manuelle sager",
        "6. Antal journalnotater",
        "7. Oprydning",
        "8. Arkivering",
    ]
