"""As-is completeness: which of R3's As-is questions 2–8 are still unanswered. Pure, no Django.

For brugsmønster 0 (KMD Sag is not used) the KMD Sag questions 5–8 do not apply.
"""

from dataclasses import dataclass

JA = "ja"


@dataclass(frozen=True)
class AsIsSvar:
    """The As-is answers as plain values; None or "" is unanswered."""

    antal_sagsbehandlere: int | None
    brugsmoenster: str  # "0", "A"–"E", or "" while R2 is not answered to the end
    systemer: tuple[tuple[str, object], ...]  # (label of question 4a–e, chosen system or None)
    monopolbrud_tsa: str  # "ja", "nej" or ""
    monopolbrud_tsa_systemer: int  # how many systems are named
    antal_manuelle_sager: int | None
    manuelle_sager_ukendt: bool
    antal_journalnotater: int | None
    journalnotater_ukendt: bool
    oprydning: str  # "ja", "nej" or ""
    oprydningsbehov_valgt: bool  # at least one cleanup need ticked
    arkivering: str  # "ja", "nej", "delvist" or ""


def asis_mangler(svar):
    """Danish labels of the As-is questions still unanswered, in the guide's order."""
    missing = []
    if svar.antal_sagsbehandlere is None:
        missing.append("2. Antal sagsbehandlere")
    if not svar.brugsmoenster:
        missing.append("3. Brugsmønster")
    missing += [label for label, system in svar.systemer if system is None]
    if svar.brugsmoenster == "0":
        return missing
    if not svar.monopolbrud_tsa or (svar.monopolbrud_tsa == JA and not svar.monopolbrud_tsa_systemer):
        missing.append("5. Monopolbrud/TSA")
    if svar.antal_manuelle_sager is None and not svar.manuelle_sager_ukendt:
        missing.append("6. Antal manuelle sager")
    if svar.antal_journalnotater is None and not svar.journalnotater_ukendt:
        missing.append("6. Antal journalnotater")
    if not svar.oprydning or (svar.oprydning == JA and not svar.oprydningsbehov_valgt):
        missing.append("7. Oprydning")
    if not svar.arkivering:
        missing.append("8. Arkivering")
    return missing
