"""Contract dates: the last day to give notice and the earliest possible exit. No Django.

Danish IT contracts are terminated with a notice of N months "til udgangen af en måned / et kvartal
/ et år": notice given on day d ends the contract at the end of the period in which d + N months
falls. A contract may be irrevocable until a date (uopsigelig til), may simply expire on a date
(udløbsdato, moved by the options to extend that have been exercised), and may have to wait for
other systems to be phased out (KMD Sag waits for the last monopoly system).
"""

import calendar
from dataclasses import dataclass
from datetime import date

MAANED, KVARTAL, AAR = "maaned", "kvartal", "aar"


def add_months(day, months):
    """The same day `months` later (or earlier), clamped to the month's last day."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day):
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def period_end(day, basis):
    """The last day of the month, quarter or year that `day` falls in."""
    if basis == MAANED:
        return month_end(day)
    if basis == KVARTAL:
        return month_end(date(day.year, (day.month - 1) // 3 * 3 + 3, 1))
    if basis == AAR:
        return date(day.year, 12, 31)
    raise ValueError(f"Ukendt opsigelsesbasis: {basis}")


@dataclass(frozen=True)
class Vilkaar:
    """A contract's terms, as far as dates go."""

    opsigelsesvarsel: int = 0  # months
    basis: str = MAANED
    uopsigelig_til: date | None = None
    udloeb: date | None = None
    optioner: int = 0  # options to extend
    option_maaneder: int = 0  # months each option adds
    optioner_udnyttet: int = 0
    opsagt: date | None = None  # notice was given that day

    @property
    def aktuelt_udloeb(self):
        """The expiry with the options exercised so far, or None for a contract until terminated."""
        if self.udloeb is None:
            return None
        return add_months(self.udloeb, self.optioner_udnyttet * self.option_maaneder)

    @property
    def senest_muligt_udloeb(self):
        """The expiry if every option is exercised."""
        if self.udloeb is None:
            return None
        return add_months(self.udloeb, self.optioner * self.option_maaneder)


@dataclass(frozen=True)
class Ophoer:
    """ "Tidligste ophør" of a contract and "Opsig senest", the words on the contract overview."""

    dato: date  # tidligste ophør: the earliest day the contract can end
    opsig_senest: date | None  # the last day to give notice for it; None: it simply expires


def tidligste_ophoer(vilkaar, today, ikke_foer=None):
    """The earliest exit if notice is given today (or when it was given, for a terminated contract), and
    the last day that notice may be given (None when it is given, or the contract simply expires).

    ikke_foer: a date the contract may not end before, e.g. when the last monopoly system that
    KMD Sag serves is phased out.
    """
    given = vilkaar.opsagt is not None and vilkaar.opsagt <= today
    earliest = add_months(vilkaar.opsagt if given else today, vilkaar.opsigelsesvarsel)
    for bound in (vilkaar.uopsigelig_til, ikke_foer):
        if bound is not None and bound > earliest:
            earliest = bound
    exit_day = period_end(earliest, vilkaar.basis)
    expiry = vilkaar.aktuelt_udloeb
    if expiry is not None and expiry <= exit_day and (ikke_foer is None or expiry >= ikke_foer):
        return Ophoer(max(expiry, today), None)
    if given:  # notice is given: it ends then, with nothing more to do
        return Ophoer(max(exit_day, today), None)
    return Ophoer(exit_day, last_notice_day(exit_day, vilkaar.opsigelsesvarsel))


def last_notice_day(exit_day, opsigelsesvarsel):
    """The last day notice can be given for the contract to end on exit_day (a period end)."""
    if opsigelsesvarsel == 0:
        return exit_day
    return month_end(add_months(exit_day, -opsigelsesvarsel))


def earliest_effect(today, exits_of_systems_left):
    """The earliest day a scenario can take effect: when every contract it leaves has ended.

    exits_of_systems_left: the exit dates of the contracts of the systems the scenario moves away
    from (None for a system without a registered contract, which binds nothing).
    """
    dates = [d for d in exits_of_systems_left if d is not None]
    return max([today, *dates])


def dato_eller_kvartal(dato, kvartal):
    """A date as 30.09.2027, or the quarter it ends as "3. kvartal 2027"."""
    if dato is None:
        return ""
    return f"{(dato.month - 1) // 3 + 1}. kvartal {dato.year}" if kvartal else dato.strftime("%d.%m.%Y")
