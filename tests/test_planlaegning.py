from datetime import date

import pytest

from workshops.planlaegning import advarsler, seneste_invitationsdato, tidsestimat


def test_the_guides_estimate_for_an_as_is_workshop_with_10_participants():
    estimate = tidsestimat("asis", 10)

    assert (estimate.facilitator_forberedelse, estimate.deltager_forberedelse) == (4, 20)
    assert (estimate.workshop, estimate.opfoelgning) == ((30, 40), 7)
    assert estimate.total == (61, 71)


@pytest.mark.parametrize(
    ("type_", "deltagere", "total"),
    [("tobe", 10, (64, 74)), ("kombineret", 4, (11 + 8 + 24 + 7, 11 + 8 + 32 + 7)), ("asis", 0, (11, 11))],
)
def test_to_be_and_combined_workshops_cost_more_preparation(type_, deltagere, total):
    assert tidsestimat(type_, deltagere).total == total


def plan(**changes):
    values = {
        "fagomraader": 3,
        "deltagere": 10,
        "max_deltagere": 10,
        "invitation": date(2026, 11, 30),
        "workshop_dato": date(2026, 12, 10),
    }
    return advarsler(**(values | changes))


def test_a_plan_that_follows_the_guide_has_no_warnings():
    assert plan() == []
    assert plan(fagomraader=4) == []


@pytest.mark.parametrize("fagomraader", [0, 1, 2, 5, 8])
def test_outside_three_to_four_fagomraader_warns(fagomraader):
    assert plan(fagomraader=fagomraader) == [
        f"Guiden anbefaler 3–4 fagområder pr. workshop; denne har {fagomraader}."
    ]


def test_more_participants_than_the_limit_warns():
    assert "Der er 11 deltagere, men højst 10 anbefales" in plan(deltagere=11)[0]
    assert plan(deltagere=12, max_deltagere=12) == []


@pytest.mark.parametrize(("invited", "warns"), [(date(2026, 11, 30), False), (date(2026, 12, 1), True)])
def test_an_invitation_later_than_1_5_weeks_before_warns(invited, warns):
    assert bool(plan(invitation=invited)) is warns
    assert seneste_invitationsdato(date(2026, 12, 10)) == date(2026, 11, 30)


def test_an_invitation_not_yet_sent_warns():
    assert plan(invitation=None) == ["Invitationen er ikke sendt endnu; send den ca. 1½ uge før workshoppen."]
