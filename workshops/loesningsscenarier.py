"""R5, the prioritisation model: the four løsningsscenarier and their typical tasks. No Django."""

FAELLES = [  # the tasks of scenario 2, which scenarios 3 and 4 end with
    "Oprydning i sager",
    "Datakonvertering",
    "Opsætning af system, oprettelse af brugere og udvidelse af licenser",
    "Retningslinjer og arbejdsgangsbeskrivelser",
    "Forandringsledelse",
    "Uddannelse",
]

SCENARIER = {
    1: (
        "Bliv i KMD Sag og opfyld udbudspligten (via SKI eller eget udbud)",
        ["Overvej, hvordan udbudspligten opfyldes (SKI eller eget udbud)"],
    ),
    2: ("Anvend eksisterende ESDH- eller fagsystem", FAELLES),
    3: (
        "Tilpas eksisterende ESDH- eller fagsystem",
        [
            "Afklar kontraktafhængigheder: hvornår kan vi få nye løsninger?",
            "Beslutningsproces",
            "Indkøb/forhandling med nuværende leverandører",
            "Indhent tilbud på ny funktionalitet",
            *FAELLES,
        ],
    ),
    4: (
        "Anskaf nyt ESDH- eller fagsystem",
        [
            "Afklar kontraktafhængigheder: hvornår kan vi få nye løsninger?",
            "Markedsafdækning",
            "Beslutningsproces",
            "Udbud",
            "Indkøb/forhandling",
            *FAELLES,
        ],
    ),
}
CHOICES = [(number, f"{number}: {title}") for number, (title, _tasks) in SCENARIER.items()]

# Only areas that use KMD Sag for cases and/or journal notes are assessed in To-be.
I_TOBE = ("C", "D")

AFVENT = "afvent KY/KSD"


def afvent_ky_ksd(scenarie, bruger_monopolbrudssystem):
    """Scenario 1 on an area whose fagsystem is KMD Aktiv or KMD Sygedagpenge awaits KY or KSD."""
    return scenarie == 1 and bruger_monopolbrudssystem


def opgaver(scenarie, afvent=False):
    """The scenario's task list; scenario 1 awaiting KY/KSD gets that as its first task."""
    tasks = list(SCENARIER[scenarie][1])
    if afvent:
        tasks.insert(0, "Afvent Kommunernes Ydelsessystem (KY) eller KSD")
    return tasks


def beskrivelse(scenarie, afvent=False):
    text = f"{scenarie}: {SCENARIER[scenarie][0]}"
    return f"{text} – {AFVENT}" if afvent else text
