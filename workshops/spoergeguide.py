"""R3, the As-is part of the spørgeguide, in the guide's own words (for the preparation pack)."""

ASIS = [
    ("1", "Grundoplysninger: fagområde, sagsområde og KLE. Anvendes KMD Sag på sagsområdet?"),
    ("2", "Hvor mange sagsbehandlere har I på sagsområdet/arbejder med sagsområdet?"),
    ("3", "Hvad for et brugsmønster har sagsområdet? (Anvend brugsmønstermodellen, R2)"),
    (
        "4",
        "I hvilken it-løsning: a) journaliseres sagerne, b) journaliseres journalnotaterne, "
        "c) ligger adviserne, d) journaliseres dokumenterne, e) er overblikket?",
    ),
    (
        "5",
        "Er jeres fagsystemløsning en del af monopolbruddet (KMD Aktiv eller KMD Sygedagpenge) eller "
        "TSA-aftalen (KMD Boligstøtte, KMD Socialpension, KMD Barselsdagpenge, KMD Børneydelse)?",
    ),
    ("6", "Hvor mange sager og journalnotater har I i KMD Sag på sagsområdet?"),
    (
        "7",
        "Hvad kræver det af oprydning i sagerne, hvis de skal flyttes til andre sagsbærende løsninger? "
        "Fx sager uden KLE-numre, åbne sager der skal afsluttes, sager der ikke er opbygget efter samme "
        "struktur med sagsbehandler-id, journalnotater der ikke er knyttet til en sag.",
    ),
    ("8", "Kan nogle sager arkiveres i stedet for at flyttes, og hvad kræver det?"),
]
