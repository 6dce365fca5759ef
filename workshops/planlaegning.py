"""R4: planning rules for a workshop (time estimate, warnings, material to send). No Django."""

from dataclasses import dataclass
from datetime import date, timedelta

ASIS, TOBE, KOMBINERET = "asis", "tobe", "kombineret"

# R4, Infoboks 2 "Tidsestimering for en As-is og en To-be workshop": one pair of workshops.
# One workshop takes 3-4 hours; a combined workshop (our estimate) covers both sets of questions.
WORKSHOP_TIMER = {ASIS: (3, 4), TOBE: (3, 4), KOMBINERET: (6, 8)}
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
        (
            "systemoverblik",
            "Systemoverblik og kontraktoverblik (bl.a. hvornår løsningerne skal i udbud næste gang)",
        ),
        (
            "eksternt_overblik",
            "Eksternt systemoverblik over markedet (guidens eksempel: Statens Arkivers vejledende "
            "kassationsliste)",
        ),
        ("sapa_slides", "Introduktion til SAPA (slides, R6)"),
        ("sapa_video", "Video om SAPA (R7)"),
    ],
}
MATERIALE[KOMBINERET] = MATERIALE[ASIS] + MATERIALE[TOBE]


@dataclass(frozen=True)
class Tidsestimat:
    """R4's Infoboks 2: the facilitator's hours and the participants' hours, given apart (low, high)."""

    linjer: tuple  # (what, facilitator hours (low, high) or None, participants' hours (low, high) or None)
    vores: bool  # our estimate (a combined workshop: the guide gives no figures), not the guide's

    @property
    def facilitator(self):
        return _sum(f for _what, f, _d in self.linjer)

    @property
    def deltagere(self):
        return _sum(d for _what, _f, d in self.linjer)


def _sum(pairs):
    pairs = [p for p in pairs if p is not None]
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def tidsestimat_par(asis_deltagere, tobe_deltagere):
    """The guide's estimate for one As-is and one To-be workshop together: preparation and follow-up
    counted once for the pair; participants prepare once (2 hours each) and spend 3–4 hours at each
    workshop they attend."""
    low, high = WORKSHOP_TIMER[ASIS]
    tlow, thigh = WORKSHOP_TIMER[TOBE]
    forberedere = max(asis_deltagere, tobe_deltagere)
    return Tidsestimat(
        linjer=(
            ("Facilitatorens forberedelse af As-is workshoppen", (4, 4), None),
            ("Facilitatorens forberedelse af To-be workshoppen", (7, 7), None),
            ("Deltagernes forberedelse (2 timer pr. deltager)", None, (2 * forberedere,) * 2),
            ("As-is workshoppen (3–4 timer)", (low, high), (low * asis_deltagere, high * asis_deltagere)),
            ("To-be workshoppen (3–4 timer)", (tlow, thigh), (tlow * tobe_deltagere, thigh * tobe_deltagere)),
            ("Opfølgning", (OPFOELGNING, OPFOELGNING), None),
        ),
        vores=False,
    )


def tidsestimat_samlet(deltagere):
    """Our estimate for a combined As-is and To-be workshop (the guide gives no figures for it):
    both preparations and one follow-up for the facilitator; each participant prepares once and
    spends 6–8 hours at the workshop."""
    low, high = WORKSHOP_TIMER[KOMBINERET]
    return Tidsestimat(
        linjer=(
            ("Facilitatorens forberedelse (As-is og To-be)", (4 + 7, 4 + 7), None),
            ("Deltagernes forberedelse (2 timer pr. deltager)", None, (2 * deltagere,) * 2),
            ("Den samlede workshop (6–8 timer)", (low, high), (low * deltagere, high * deltagere)),
            ("Opfølgning", (OPFOELGNING, OPFOELGNING), None),
        ),
        vores=True,
    )


def advarsler(
    *,
    workshop_type,
    fagomraader,
    deltagere,
    max_deltagere,
    invitation,
    workshop_dato,
    specialister=True,
    beslutningstagere=True,
):
    """Danish warnings where a plan departs from the guide's advice or the municipality's own limit.

    specialister, beslutningstagere: whether the To-be workshop has them, as participants or through
    talks held with them beforehand (the guide's alternative)."""
    found = []
    if workshop_type != ASIS:
        if not specialister:
            found.append(
                "Guiden anbefaler specialister på To-be workshoppen (fx digitaliseringskonsulent og -chef, "
                "økonomer, kontraktmanagere, indkøbsfolk eller jurister), eller samtaler med dem forud."
            )
        if not beslutningstagere:
            found.append(
                "Guiden anbefaler beslutningstagere/fagledere på To-be workshoppen, eller samtaler med dem "
                "forud, da de påvirker, hvad der overhovedet er muligt."
            )
    low, high = ANBEFALEDE_FAGOMRAADER
    if workshop_type != TOBE and (fagomraader == 0 or low - 1 == fagomraader or fagomraader > high):
        found.append(
            f"Guiden foreslår medarbejdere fra {low}-{high} fagområder samtidig til As-is workshoppen; "
            f"denne har {fagomraader}. Et fagområde med mange sagsområder kan dog få sin egen workshop."
        )
    if deltagere > max_deltagere:
        found.append(
            f"Der er {deltagere} deltagere, men kommunens grænse er {max_deltagere}: "
            "med flere er workshoppen svær at styre."
        )
    if workshop_type == TOBE:
        if invitation is None:
            found.append(
                "Husk at sende invitation og materiale i god tid; guiden sætter ingen frist for To-be."
            )
    elif invitation is None:
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
