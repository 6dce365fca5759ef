"""Contract dates on month ends, quarter ends, leap years, irrevocable periods and options."""

from datetime import date

import pytest

from exitstrategi.kontraktdatoer import (
    AAR,
    KVARTAL,
    MAANED,
    Vilkaar,
    add_months,
    earliest_effect,
    last_notice_day,
    period_end,
    tidligste_ophoer,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 5, 31), -3, date(2026, 2, 28)),
        (date(2026, 12, 15), 0, date(2026, 12, 15)),
    ],
)
def test_adding_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "basis", "expected"),
    [
        (date(2026, 2, 3), MAANED, date(2026, 2, 28)),
        (date(2028, 2, 3), MAANED, date(2028, 2, 29)),
        (date(2026, 2, 3), KVARTAL, date(2026, 3, 31)),
        (date(2026, 4, 1), KVARTAL, date(2026, 6, 30)),
        (date(2026, 9, 30), KVARTAL, date(2026, 9, 30)),
        (date(2026, 11, 26), KVARTAL, date(2026, 12, 31)),
        (date(2026, 1, 1), AAR, date(2026, 12, 31)),
    ],
)
def test_period_ends(day, basis, expected):
    assert period_end(day, basis) == expected


def test_three_months_to_the_end_of_a_month():
    ophoer = tidligste_ophoer(Vilkaar(opsigelsesvarsel=3, basis=MAANED), today=date(2026, 11, 26))

    assert ophoer.dato == date(2027, 2, 28)
    assert ophoer.opsig_senest == date(2026, 11, 30)


def test_six_months_to_the_end_of_a_quarter():
    ophoer = tidligste_ophoer(Vilkaar(opsigelsesvarsel=6, basis=KVARTAL), today=date(2026, 11, 26))

    assert ophoer.dato == date(2027, 6, 30)
    assert ophoer.opsig_senest == date(2026, 12, 31)


def test_notice_on_the_last_possible_day_still_reaches_the_same_exit():
    ophoer = tidligste_ophoer(Vilkaar(opsigelsesvarsel=6, basis=KVARTAL), today=date(2026, 12, 31))
    day_after = tidligste_ophoer(Vilkaar(opsigelsesvarsel=6, basis=KVARTAL), today=date(2027, 1, 1))

    assert ophoer.dato == date(2027, 6, 30)
    assert day_after.dato == date(2027, 9, 30)


def test_a_leap_day_exit_gives_the_right_last_notice_day():
    ophoer = tidligste_ophoer(Vilkaar(opsigelsesvarsel=1, basis=MAANED), today=date(2028, 1, 15))

    assert ophoer.dato == date(2028, 2, 29)
    assert ophoer.opsig_senest == date(2028, 1, 31)
    assert last_notice_day(date(2029, 2, 28), 12) == date(2028, 2, 29)


def test_an_irrevocable_period_moves_the_exit_to_the_end_of_the_period_after_it():
    terms = Vilkaar(opsigelsesvarsel=3, basis=AAR, uopsigelig_til=date(2028, 3, 31))

    ophoer = tidligste_ophoer(terms, today=date(2026, 11, 26))

    assert ophoer.dato == date(2028, 12, 31)
    assert ophoer.opsig_senest == date(2028, 9, 30)


def test_a_fixed_term_contract_expires_without_notice_when_that_comes_first():
    terms = Vilkaar(opsigelsesvarsel=12, basis=AAR, udloeb=date(2027, 3, 31))

    assert tidligste_ophoer(terms, today=date(2026, 11, 26)).dato == date(2027, 3, 31)
    assert tidligste_ophoer(terms, today=date(2026, 11, 26)).opsig_senest is None


def test_exercised_options_extend_the_expiry_and_unexercised_ones_do_not():
    terms = Vilkaar(
        opsigelsesvarsel=24,
        basis=AAR,
        udloeb=date(2027, 6, 30),
        optioner=2,
        option_maaneder=12,
        optioner_udnyttet=1,
    )

    assert terms.aktuelt_udloeb == date(2028, 6, 30)
    assert terms.senest_muligt_udloeb == date(2029, 6, 30)
    assert tidligste_ophoer(terms, today=date(2026, 11, 26)).dato == date(2028, 6, 30)


def test_an_expiry_after_the_notice_exit_does_not_bind():
    terms = Vilkaar(opsigelsesvarsel=3, basis=MAANED, udloeb=date(2030, 1, 31))

    assert tidligste_ophoer(terms, today=date(2026, 11, 26)).dato == date(2027, 2, 28)


def test_kmd_sag_can_only_end_after_the_last_monopoly_system_is_phased_out():
    terms = Vilkaar(opsigelsesvarsel=6, basis=KVARTAL)

    ophoer = tidligste_ophoer(terms, today=date(2026, 11, 26), ikke_foer=date(2028, 2, 15))

    assert ophoer.dato == date(2028, 3, 31)
    assert ophoer.opsig_senest == date(2027, 9, 30)


def test_an_expired_term_is_today_at_the_earliest():
    terms = Vilkaar(udloeb=date(2025, 1, 31))

    assert tidligste_ophoer(terms, today=date(2026, 11, 26)).dato == date(2026, 11, 26)


def test_a_scenario_takes_effect_when_the_last_contract_it_leaves_has_ended():
    today = date(2026, 11, 26)

    assert earliest_effect(today, [date(2027, 6, 30), None, date(2028, 3, 31)]) == date(2028, 3, 31)
    assert earliest_effect(today, [None]) == today
    assert earliest_effect(today, []) == today


def test_a_terminated_contract_ends_when_the_notice_given_runs_out_with_nothing_left_to_do():
    terminated = Vilkaar(opsigelsesvarsel=6, basis=KVARTAL, opsagt=date(2026, 9, 15))
    ophoer = tidligste_ophoer(terminated, today=date(2026, 11, 26))
    assert (ophoer.dato, ophoer.opsig_senest) == (
        date(2027, 3, 31),
        None,
    )  # 15.09 + 6 months, to the quarter end


def test_a_termination_is_bound_by_the_irrevocable_period_and_a_future_date_is_not_yet_given():
    bound = Vilkaar(
        opsigelsesvarsel=3, basis=MAANED, opsagt=date(2026, 10, 1), uopsigelig_til=date(2027, 6, 15)
    )
    assert tidligste_ophoer(bound, today=date(2026, 11, 26)).dato == date(2027, 6, 30)
    planned = Vilkaar(opsigelsesvarsel=3, basis=MAANED, opsagt=date(2027, 1, 10))
    assert tidligste_ophoer(planned, today=date(2026, 11, 26)).opsig_senest == date(2026, 11, 30)
