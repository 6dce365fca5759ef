"""Timing of the moves and what the scenarios mean for purchasing. Pure, no Django.

The guide: plan "hvornår flytningen af sager, journalnotater og brugere skal foregå", against SAPA's
go-live (some areas may move before it, some after), and scenario-1 areas "skal planlægge fornyet
kontraktgrundlag (fx via eget udbud eller indkøb på SKI)".
"""

FORNYET_KONTRAKTGRUNDLAG = "Fornyet kontraktgrundlag (eget udbud eller SKI)"

# Our reading of how each scenario is bought (said so on screen): a renewed KMD Sag contract, a licence
# extension of a system the municipality has (3 with an adaptation), or a new acquisition.
INDKOEB = {
    1: "Fornyet kontrakt på KMD Sag",
    2: "Licensudvidelse",
    3: "Licensudvidelse med tilpasning",
    4: "Nyanskaffelse",
}
INDKOEB_REGEL = (
    "Vores læsning, ikke guidens: løsningsscenarie 1 er en fornyet KMD Sag-kontrakt, 2 og 3 er "
    "licensudvidelser af systemer, kommunen har (3 med en tilpasning), og 4 er en nyanskaffelse."
)


def gaeldende_scenarie(besluttet, anbefalet):
    """(scenario, "besluttet" | "anbefalet" | None): the decided scenario, else the recommended one."""
    if besluttet:
        return besluttet, "besluttet"
    if anbefalet:
        return anbefalet, "anbefalet"
    return None, None


def planpunkter(scenarie):
    """The items the plan must hold for an area on the scenario, besides its tasks."""
    return [FORNYET_KONTRAKTGRUNDLAG] if scenarie == 1 else []


def advarsler(planlagt, tidligste_virkning):
    """Danish warnings about an area's planned move (the last day of its planned quarter, or None)
    against the earliest day its scenario can take effect under the contracts (or None: unknown)."""
    if planlagt is None or tidligste_virkning is None or planlagt >= tidligste_virkning:
        return []
    return [
        f"Flytningen er planlagt før kontrakterne tillader det: tidligste virkning er "
        f"{tidligste_virkning:%d.%m.%Y}."
    ]


def i_forhold_til(planlagt, ibrugtagning):
    """ "før" or "efter" the go-live of SAPA (or the støttesystemer); None when either is unknown. A
    move in the quarter of the go-live counts as after it."""
    if planlagt is None or ibrugtagning is None:
        return None
    return "før" if planlagt < ibrugtagning else "efter"
