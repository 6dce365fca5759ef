"""A migration that moves data is run on data: the contracts of an installation from before a contract
could cover several systems keep their system, in their Historik too."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("exitstrategi", "0021_kitos")]
AFTER = [("exitstrategi", "0022_kontrakt_flere_systemer")]


@pytest.mark.django_db(transaction=True)
def test_each_contract_keeps_its_one_system_when_contracts_cover_several():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    system = old.get_model("exitstrategi", "ITSystem").objects.create(navn="KMD Opera", slug="kmd-opera")
    kontrakt = old.get_model("exitstrategi", "Kontrakt").objects.create(itsystem=system, navn="Opera drift")
    old.get_model("exitstrategi", "HistoricalKontrakt").objects.create(
        id=kontrakt.pk, itsystem_id=system.pk, navn="Opera drift", type="hovedkontrakt",
        history_date="2026-01-01T00:00Z", history_type="+", opsigelsesvarsel=3, opsigelsesbasis="maaned",
        optioner=0, option_maaneder=12, optioner_udnyttet=0,
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("exitstrategi", "Kontrakt").objects.get(pk=kontrakt.pk)
    assert [s.navn for s in migrated.itsystemer.all()] == ["KMD Opera"]
    row = new.get_model("exitstrategi", "HistoricalKontrakt").objects.get(id=kontrakt.pk)
    links = new.get_model("exitstrategi", "HistoricalKontrakt_itsystemer").objects.filter(history=row)
    assert [link.itsystem_id for link in links] == [system.pk]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest, for the tests after this one
