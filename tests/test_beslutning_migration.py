"""Decisions recorded in To-be before fase 4 existed move into one decision record; nothing is lost."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("workshops", "0012_markedsloesninger"),
    ("exitstrategi", "0012_notat_skabelon_dotx"),
    ("prioritering", None),
]


def test_decided_scenarios_become_one_record_marked_before_fase_4(transactional_db, kle, borgerservice):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE[:2]).apps
    Sagsomraade = apps.get_model("exitstrategi", "Sagsomraade")
    ToBe = apps.get_model("workshops", "ToBe")
    KLE = apps.get_model("exitstrategi", "KLE")
    try:
        decided = Sagsomraade.objects.create(
            fagomraade_id=borgerservice.pk, kle=KLE.objects.get(nummer="32.06.00")
        )
        open_ = Sagsomraade.objects.create(
            fagomraade_id=borgerservice.pk, kle=KLE.objects.get(nummer="32.24.04")
        )
        ToBe.objects.create(sagsomraade=decided, anbefalet_scenarie=2, besluttet_scenarie=3)
        ToBe.objects.create(sagsomraade=open_, anbefalet_scenarie=4)

        call_command("migrate", verbosity=0)

        from prioritering.models import Beslutning

        [beslutning] = Beslutning.objects.all()
        assert beslutning.foer_fase_4 and beslutning.dato is None
        assert str(beslutning) == "Beslutning registreret før fase 4"
        assert [(linje.sagsomraade_id, linje.scenarie) for linje in beslutning.linjer.all()] == [
            (decided.pk, 3)
        ]
    finally:
        call_command("migrate", verbosity=0)
