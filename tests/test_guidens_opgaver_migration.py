"""Task rows keep their status when the tasks take the guide's own words."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workshops", "0005_guidens_ord"), ("exitstrategi", "0012_notat_skabelon_dotx")]


def test_started_tasks_keep_their_status_under_the_guides_words(transactional_db, kle, borgerservice):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Sagsomraade = apps.get_model("exitstrategi", "Sagsomraade")
    ToBe = apps.get_model("workshops", "ToBe")
    Opgave = apps.get_model("workshops", "Opgave")
    KLE = apps.get_model("exitstrategi", "KLE")
    try:
        s4 = Sagsomraade.objects.create(
            fagomraade_id=borgerservice.pk, kle=KLE.objects.get(nummer="32.06.00")
        )
        s1 = Sagsomraade.objects.create(
            fagomraade_id=borgerservice.pk, kle=KLE.objects.get(nummer="32.24.04")
        )
        four = ToBe.objects.create(sagsomraade=s4, anbefalet_scenarie=4)
        one = ToBe.objects.create(sagsomraade=s1, anbefalet_scenarie=1)
        Opgave.objects.create(tobe=four, scenarie=4, raekkefoelge=3, tekst="Udbud", status="i_gang")
        Opgave.objects.create(
            tobe=four, scenarie=4, raekkefoelge=6, tekst="Datakonvertering", status="faerdig"
        )
        Opgave.objects.create(
            tobe=one,
            scenarie=1,
            tekst="Overvej, hvordan udbudspligten opfyldes (SKI eller eget udbud)",
            status="i_gang",
        )

        call_command("migrate", "workshops", verbosity=0)

        from prioritering.models import Opgave as Now  # the task list has since moved to fase 4

        status = {(o.sagsomraade_id, o.tekst): o.status for o in Now.objects.all()}
        assert status[s4.pk, "Anskaffelsesproces på ny løsning"] == "i_gang"
        assert status[s4.pk, "Konvertering af data fra én løsning til en anden"] == "faerdig"
        one_tasks = [o.tekst for o in Now.objects.filter(sagsomraade_id=s1.pk).order_by("raekkefoelge")]
        assert one_tasks[0].startswith("Overvej hvordan kommunen kan afløfte udbudspligten")
        assert one_tasks[1].startswith("Hvis det nuværende fagsystem er KMD Aktiv")
        assert status[s1.pk, one_tasks[1]] == "ikke_startet"  # a task that is new starts not started
    finally:
        call_command("migrate", verbosity=0)
