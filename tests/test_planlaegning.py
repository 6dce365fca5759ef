from datetime import date

import pytest

from workshops.planlaegning import advarsler, seneste_invitationsdato, tidsestimat_par, tidsestimat_samlet


def test_the_guides_estimate_is_for_one_as_is_and_one_to_be_workshop_together():
    estimate = tidsestimat_par(10, 10)

    # facilitator: 4 + 7 preparation, 3–4 at each workshop, 7 follow-up, once for the pair
    assert estimate.facilitator == (24, 26)
    # participants: 2 hours' preparation each, 3–4 hours at each workshop: n × 8–10
    assert estimate.deltagere == (80, 100)
    assert not estimate.vores


def test_fewer_to_be_participants_cost_fewer_participant_hours_but_the_same_facilitator_hours():
    estimate = tidsestimat_par(10, 5)  # the guide suggests one gænganger instead of two per area

    assert estimate.facilitator == (24, 26)
    assert estimate.deltagere == (20 + 30 + 15, 20 + 40 + 20)


def test_a_combined_workshop_gets_our_own_estimate_marked_as_ours():
    estimate = tidsestimat_samlet(4)

    assert estimate.vores
    assert estimate.facilitator == (4 + 7 + 6 + 7, 4 + 7 + 8 + 7)
    assert estimate.deltagere == (4 * (2 + 6), 4 * (2 + 8))


def plan(**changes):
    values = {
        "workshop_type": "asis",
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


@pytest.mark.parametrize("fagomraader", [0, 2, 5, 8])
def test_an_as_is_workshop_outside_three_to_four_fagomraader_warns(fagomraader):
    assert plan(fagomraader=fagomraader) == [
        f"Guiden foreslår medarbejdere fra 3-4 fagområder samtidig til As-is workshoppen; denne har "
        f"{fagomraader}. Et fagområde med mange sagsområder kan dog få sin egen workshop."
    ]


def test_one_fagomraade_with_its_own_workshop_and_any_to_be_workshop_are_not_warned():
    assert plan(fagomraader=1) == []
    assert plan(workshop_type="tobe", fagomraader=6) == []


def test_more_participants_than_the_municipalitys_limit_warns():
    assert "Der er 11 deltagere, men kommunens grænse er 10" in plan(deltagere=11)[0]
    assert plan(deltagere=12, max_deltagere=12) == []


@pytest.mark.parametrize(("invited", "warns"), [(date(2026, 11, 30), False), (date(2026, 12, 1), True)])
def test_an_invitation_later_than_1_5_weeks_before_warns(invited, warns):
    assert bool(plan(invitation=invited)) is warns
    assert seneste_invitationsdato(date(2026, 12, 10)) == date(2026, 11, 30)


def test_an_invitation_not_yet_sent_warns():
    assert plan(invitation=None) == ["Invitationen er ikke sendt endnu; send den ca. 1½ uge før workshoppen."]


def test_the_one_and_a_half_week_rule_is_for_as_is_while_to_be_gets_a_reminder():
    assert plan(workshop_type="tobe", invitation=date(2026, 12, 9)) == []
    assert plan(workshop_type="tobe", invitation=None) == [
        "Husk at sende invitation og materiale i god tid; guiden sætter ingen frist for To-be."
    ]


def test_a_to_be_workshop_without_specialists_or_decision_makers_warns_unless_talks_were_held():
    to_be = {"workshop_type": "tobe", "invitation": date(2026, 11, 30)}

    missing = plan(**to_be, specialister=False, beslutningstagere=False)

    assert [text.split(" på ")[0] for text in missing] == [
        "Guiden anbefaler specialister",
        "Guiden anbefaler beslutningstagere/fagledere",
    ]
    assert plan(**to_be, specialister=True, beslutningstagere=True) == []
    assert plan(specialister=False, beslutningstagere=False) == []  # As-is needs neither
