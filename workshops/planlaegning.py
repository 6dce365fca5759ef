"""R4: planning rules for a workshop (time estimate, warnings, material to send). No Django."""

from dataclasses import dataclass
from datetime import date, timedelta

ASIS, TOBE, KOMBINERET = "asis", "tobe", "kombineret"

FACILITATOR_FORBEREDELSE = {ASIS: 4, TOBE: 7, KOMBINERET: 4 + 7}
# One workshop takes 3-4 hours per participant; a combined workshop covers both sets of questions.
WORKSHOP_TIMER = {ASIS: (3, 4), TOBE: (3, 4), KOMBINERET: (6, 8)}
DELTAGER_FORBEREDELSE = 2
OPFOELGNING = 7

ANBEFALEDE_FAGOMRAADER = (3, 4)
INVITATION_FOER = timedelta(days=10)  # about 1½ weeks

MATERIALE = {
    ASIS: [
        ("spoergeguide_asis", "As-is-spørgsmålene (spørgeguiden, R3)"),
        ("brugsmoenstermodel", "Brugsmønstermodellen (R2)"),
    ],
    TOBE: [
        ("strategier", "Kommunens strategier og politikker (ESDH-, digitaliserings- og indkøbsstrategi)"),
        ("sapa_slides", "Introduktion til SAPA (slides, R6)"),
        ("sapa_video", "Video om SAPA (R7)"),
    ],
}
MATERIALE[KOMBINERET] = MATERIALE[ASIS] + MATERIALE[TOBE]


@dataclass(frozen=True)
class Tidsestimat:
    facilitator_forberedelse: int
    deltager_forberedelse: int
    workshop: tuple[int, int]
    opfoelgning: int
    timer_pr_deltager: tuple[int, int]

    @property
    def total(self):
        fixed = self.facilitator_forberedelse + self.deltager_forberedelse + self.opfoelgning
        return fixed + self.workshop[0], fixed + self.workshop[1]


def tidsestimat(workshop_type, deltagere):
    """Hours for a workshop of this type with this many participants (R4's estimate)."""
    low, high = WORKSHOP_TIMER[workshop_type]
    return Tidsestimat(
        facilitator_forberedelse=FACILITATOR_FORBEREDELSE[workshop_type],
        deltager_forberedelse=DELTAGER_FORBEREDELSE * deltagere,
        workshop=(low * deltagere, high * deltagere),
        opfoelgning=OPFOELGNING,
        timer_pr_deltager=(low, high),
    )


def advarsler(*, fagomraader, deltagere, max_deltagere, invitation, workshop_dato):
    """Danish warnings where a plan departs from the guide's advice; empty when all is well."""
    found = []
    low, high = ANBEFALEDE_FAGOMRAADER
    if not low <= fagomraader <= high:
        found.append(f"Guiden anbefaler {low}–{high} fagområder pr. workshop; denne har {fagomraader}.")
    if deltagere > max_deltagere:
        found.append(
            f"Der er {deltagere} deltagere, men højst {max_deltagere} anbefales: "
            "med flere er workshoppen svær at styre."
        )
    if invitation is None:
        found.append("Invitationen er ikke sendt endnu; send den ca. 1½ uge før workshoppen.")
    elif workshop_dato - invitation < INVITATION_FOER:
        days = (workshop_dato - invitation).days
        found.append(
            f"Invitationen er sendt {days} dage før workshoppen; guiden anbefaler ca. 1½ uge, så "
            "deltagerne kan forberede sig."
        )
    return found


def seneste_invitationsdato(workshop_dato: date) -> date:
    return workshop_dato - INVITATION_FOER
