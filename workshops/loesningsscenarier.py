"""R5, the prioritisation model: the four løsningsscenarier and their tasks (Figur 3). No Django."""

from exitstrategi import guiden

# number: (title, tasks), in the guide's words (Figur 3), numbered 1–4
SCENARIER = dict(sorted(guiden.LOESNINGSSCENARIER.items()))
CHOICES = [(number, f"{number}: {title}") for number, (title, _tasks) in SCENARIER.items()]

# Only areas that use KMD Sag for cases and/or journal notes are assessed in To-be.
I_TOBE = ("C", "D")

AFVENT = "afvent KY/KSD"


def afvent_ky_ksd(scenarie, bruger_monopolbrudssystem):
    """Scenario 1 on an area whose fagsystem is KMD Aktiv or KMD Sygedagpenge awaits KY or KSD.
    `bruger_monopolbrudssystem`: () -> whether it is, asked only for scenario 1 (it reads the systems)."""
    return scenarie == 1 and bruger_monopolbrudssystem()


def opgaver(scenarie):
    """The scenario's tasks in the guide's order. Scenario 1's second task (await KY or KSD) is always
    listed; `gaelder` tells whether it applies to an area."""
    return list(SCENARIER[scenarie][1])


AFVENT_OPGAVE = SCENARIER[1][1][1]  # "Hvis det nuværende fagsystem er KMD Aktiv eller …, afvent da …"


def gaelder(scenarie, opgave, afvent):
    """Whether a task applies to the area: the await-KY/KSD task only where its fagsystem is one."""
    return not (scenarie == 1 and opgave == AFVENT_OPGAVE and not afvent)


def beskrivelse(scenarie, afvent=False):
    text = f"{scenarie}: {SCENARIER[scenarie][0]}"
    return f"{text} – {AFVENT}" if afvent else text
