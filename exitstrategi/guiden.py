"""The guide's own words: KOMBIT's "KMD Sag Exit-strategi. Procesguide", verbatim.

One home for every question, type, scenario and task the app quotes (R2, R3, Figur 3), so forms,
wizard, wall, preparation packs, the Dokumentationsark and its export all say what the guide says.
A short label may stand in a narrow column; the full text is always one hover or one line away.
Plain Python, no Django. Texts that are ours, not the guide's, do not belong here.
"""

# R2 — Brugsmønstermodel (pp.24–25, Figur 4): the five questions, answered JA or NEJ.
R2_SPOERGSMAAL = {
    "q1": "Anvender I KMD Sag på sagsområdet?",
    "q2": "Har I derudover et særskilt fagsystem på sagsområdet?",
    "q3": "Skriver I journalnotaterne i dette fagsystem?",
    "q4": "Kan I se relevante adviser i dette fagsystem?",
    "q5": "Anvender I KMD Sag som jeres eneste/primære sagssystem?",
}

# The brugsmønster types: (how KMD Sag is used today, the dependency on KMD Sag), both verbatim.
BRUGSMOENSTRE = {
    "0": ("Bruger IKKE KMD Sag i dag.", "Ingen afhængighed til KMD Sag."),
    "A": (
        "Bruger i dag kun KMD Sag til overblik, fordi det konkrete sagsarbejde understøttes i et fagsystem.",
        "Blot afhængig af KMD Sag til tværgående sagsoverblik.",
    ),
    "B": (
        "Bruger i dag KMD Sag til overblik og adviser, mens sager, dokumenter og journalnotater ligger i "
        "fagsystem.",
        "Afhængig af KMD Sag til sagsoverblik og adviser.",
    ),
    "C": (
        "Bruger i dag KMD Sag i samspil med et fagsystem (typisk et KMD-system) eller KMD EDH-modulet. "
        "Sagen (fx beregning af en ydelse) er i fagsystemet, mens adviser, journalnotater og overblik er "
        "understøttet af KMD Sag.",
        "Afhængig af KMD Sag til sagsoverblik, adviser og journalnotater.",
    ),
    "D": (
        "Har ikke noget fagsystem og bruger i dag KMD Sag til hele sagsarbejdet.",
        "Fuldkommen afhængighed af KMD Sag.",
    ),
    "E": (
        "Det konkrete sagsarbejde ligger i et generisk sagssystem, fx ESDH.",
        "Lav afhængighed af KMD Sag.",
    ),
}
# The guide's own names for the two types that go on to Fase 3 (p.13).
BRUGSMOENSTER_NAVNE = {"C": "De fagsystemstyrede sager", "D": "De manuelle sager"}

# Fase 1's question (p.10): the R3 As-is question 1 asked "i dag".
SCREENING = "Anvendes KMD Sag i dag på sagsområdet?"

# R3 — Spørgeguide As-is (p.26, Figur 5): "As-is spørgsmål: Nuværende situation".
ASIS = {
    "1": "Grundoplysninger: Fagområde Sagsområde KLE Anvendes KMD Sag på sagsområdet?",
    "2": "Hvor mange sagsbehandlere har I på sagsområdet/arbejder med sagsområdet?",
    "3": "Hvad for et brugsmønster har sagsområdet? (Anvend brugsmønstermodellen)",
    "4": "I hvilken it-løsning: a Journaliseres sagerne? b Journaliseres journalnotaterne? "
    "c Ligger adviserne? d Journaliseres dokumenterne? e Er overblikket?",
    "5": "Er jeres fagsystemløsning en del af monopolbruddet (KMD Aktiv eller KMD Sygedagpenge) og TSA "
    "aftalen (KMD Boligstøtte, KMD Socialpension, KMD Barselsdagpenge, KMD Børneydelse)?",
    "6": "Hvor mange manuelle sager og journalnotater har I i KMD Sag på sagsområdet?",
    "7": "Hvad kræver det af oprydning i sagerne, hvis de skal flyttes til andre sagsbærende løsninger? "
    "Fx: har I sager uden KLE-numre; har I åbne sager som skal afsluttes; er sager opbygget efter samme "
    "struktur med sagsbehandlerid; er alle journalnotater knyttet til en sag? osv.",
    "8": "Er der nogle af sagerne, der kan arkiveres, og hvad kræver det?",
}
# Question 4's five parts, as the guide asks them.
ASIS_4 = {
    "a": "Journaliseres sagerne?",
    "b": "Journaliseres journalnotaterne?",
    "c": "Ligger adviserne?",
    "d": "Journaliseres dokumenterne?",
    "e": "Er overblikket?",
}

# R3 — Spørgeguide To-be (p.26): "To-be spørgsmål: Fremtidig situation".
TOBE = {
    "1": "Hvilken indflydelse har kommunens politikker/strategier på fremtidige muligheder for "
    "it-understøttelse? (plenum)",
    "2": "Hvornår skal løsningen/løsningerne på sagsområdet i udbud?",
    "3": "Hvilke it-løsninger er der på markedet af ESDH- og fagsystemløsninger, der kan understøtte det "
    "konkrete sagsområde?",
    "4": "Hvilken it-løsning vil I foretrække som sagsbærende løsning på sagsområdet til at: "
    "a Journalisere sagerne? b Journalisere journalnotaterne? c Have adviser? "
    "d Journalisere dokumenterne? e Have overblik?",
    "5": "Er sagsområdet forretningskritisk? Ja/Nej",
    "6": "Vurdér kompleksiteten af oprydningsarbejdet. Lav-middel-høj. Hvis der eksempelvis er mange åbne "
    "sager, som burde være lukkede, mange sager, der mangler KLE-opmærkning, og mange journalnotater uden "
    "tilknytning til en sag, kan det betragtes som et større oprydningsarbejde.",
}
TOBE_4 = {
    "a": "Journalisere sagerne?",
    "b": "Journalisere journalnotaterne?",
    "c": "Have adviser?",
    "d": "Journalisere dokumenterne?",
    "e": "Have overblik?",
}

# Figur 3 "Løsningsscenarier med tilhørende opgaver" (p.16), in the figure's order. "Listen af
# opgaver, er ikke en udtømmende liste." Tasks common to 2, 3 and 4, in this order:
FAELLES_OPGAVER = [
    "Oprydning i sager",
    "Konvertering af data fra én løsning til en anden",
    "Systemopsætning, brugeroprettelse, licensudvidelser/fornyelser",
    "Guidelines, arbejdsgangsbeskrivelser",
    "Forandringsproces og -ledelse",
    "Uddannelse",
]
LOESNINGSSCENARIER = {
    4: (
        "Anskaf nyt ESDH eller fagsystemløsning",
        [
            "Kontraktafhængigheder/ hvornår skal/kan vi få nye løsninger",
            "Leverandørproces-sondering af markedet, hvilke løsninger er der og hvad passer bedst til "
            "forretningens behov",
            "Beslutningsproces ift. køb af ny it-løsning",
            "Anskaffelsesproces på ny løsning",
            "Indkøbs- og forhandlingsproces med aktuelle leverandører",
            *FAELLES_OPGAVER,
        ],
    ),
    3: (
        "Tilpas eksisterende ESDH eller fagsystemløsning",
        [
            "Kontraktafhængigheder, hvornår skal/kan vi få nye løsninger",
            "Beslutningsproces ift. tilpasning af it-løsning",
            "Indkøbs- og forhandlingsproces med aktuelle leverandører",
            "Indhent tilbud på ny funktionalitet/tilpasning af eksisterende løsning",
            *FAELLES_OPGAVER,
        ],
    ),
    2: ("Anvend allerede eksisterende ESDH eller fagsystemer", list(FAELLES_OPGAVER)),
    1: (
        "Fortsæt med at blive i KMD Sag og afløft udbudspligten",
        [
            "Overvej hvordan kommunen kan afløfte udbudspligten (via SKI eller lokalt udbud)",
            "Hvis det nuværende fagsystem er KMD Aktiv eller KMD Sygedagpenge, afvent da implementering af "
            "KY eller KSD.",
        ],
    ),
}
