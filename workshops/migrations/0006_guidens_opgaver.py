"""Task rows keep their status when the tasks take the guide's own words (Figur 3)."""

from django.db import migrations

# (scenario, the earlier short text) -> the guide's text
RENAMES = {
    (1, "Overvej, hvordan udbudspligten opfyldes (SKI eller eget udbud)"): (
        "Overvej hvordan kommunen kan afløfte udbudspligten (via SKI eller lokalt udbud)"
    ),
    (1, "Afvent Kommunernes Ydelsessystem (KY) eller KSD"): (
        "Hvis det nuværende fagsystem er KMD Aktiv eller KMD Sygedagpenge, afvent da implementering af KY eller "
        "KSD."
    ),
    (3, "Afklar kontraktafhængigheder: hvornår kan vi få nye løsninger?"): (
        "Kontraktafhængigheder, hvornår skal/kan vi få nye løsninger"
    ),
    (3, "Beslutningsproces"): "Beslutningsproces ift. tilpasning af it-løsning",
    (3, "Indkøb/forhandling med nuværende leverandører"): "Indkøbs- og forhandlingsproces med aktuelle leverandører",
    (3, "Indhent tilbud på ny funktionalitet"): (
        "Indhent tilbud på ny funktionalitet/tilpasning af eksisterende løsning"
    ),
    (4, "Afklar kontraktafhængigheder: hvornår kan vi få nye løsninger?"): (
        "Kontraktafhængigheder/ hvornår skal/kan vi få nye løsninger"
    ),
    (4, "Markedsafdækning"): (
        "Leverandørproces-sondering af markedet, hvilke løsninger er der og hvad passer bedst til forretningens "
        "behov"
    ),
    (4, "Beslutningsproces"): "Beslutningsproces ift. køb af ny it-løsning",
    (4, "Udbud"): "Anskaffelsesproces på ny løsning",
    (4, "Indkøb/forhandling"): "Indkøbs- og forhandlingsproces med aktuelle leverandører",
}
COMMON = {
    "Datakonvertering": "Konvertering af data fra én løsning til en anden",
    "Opsætning af system, oprettelse af brugere og udvidelse af licenser": (
        "Systemopsætning, brugeroprettelse, licensudvidelser/fornyelser"
    ),
    "Retningslinjer og arbejdsgangsbeskrivelser": "Guidelines, arbejdsgangsbeskrivelser",
    "Forandringsledelse": "Forandringsproces og -ledelse",
}
SCENARIO_1 = [
    "Overvej hvordan kommunen kan afløfte udbudspligten (via SKI eller lokalt udbud)",
    "Hvis det nuværende fagsystem er KMD Aktiv eller KMD Sygedagpenge, afvent da implementering af KY eller KSD.",
]


def forward(apps, schema_editor):
    Opgave = apps.get_model("workshops", "Opgave")
    ToBe = apps.get_model("workshops", "ToBe")
    for task in Opgave.objects.all():
        new = RENAMES.get((task.scenarie, task.tekst)) or (COMMON.get(task.tekst) if task.scenarie != 1 else None)
        if new:
            task.tekst = new
            task.save(update_fields=["tekst"])
    # Scenario 1 lists both of the guide's tasks, in its order; a task that is new starts not started.
    for tobe in ToBe.objects.filter(anbefalet_scenarie=1):
        for position, tekst in enumerate(SCENARIO_1):
            task, _created = Opgave.objects.get_or_create(tobe=tobe, scenarie=1, tekst=tekst)
            if task.raekkefoelge != position:
                task.raekkefoelge = position
                task.save(update_fields=["raekkefoelge"])


class Migration(migrations.Migration):
    dependencies = [("workshops", "0005_guidens_ord")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
