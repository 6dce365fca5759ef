"""Fase 4's order and "også i", kept in the process between requests (exitstrategi.generation), follow
every change to what they are made of, however it is written, and only such changes."""

import re

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from exitstrategi import dokumentationsark, generation
from exitstrategi.generation import Generation
from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from prioritering.models import Beslutning, BeslutningLinje, Prioritering
from prioritering.selectors import rangorden
from screening.models import Screening
from workshops.models import AsIs, ToBe

from .conftest import area

pytestmark = pytest.mark.django_db(transaction=True)  # kept results are used outside a transaction only


@pytest.fixture(autouse=True)
def counters():
    """The counters' row: the migrations make it, and emptying the database after a test removes it."""
    Generation.objects.get_or_create(pk=1)


def fresh(compute):
    """What compute() gives from the database itself, with nothing kept."""
    generation._latest.clear()
    with transaction.atomic():
        return compute()


def ogsaa_i():
    rows = list(Sagsomraade.objects.select_related("fagomraade").order_by("pk"))
    return {row.pk: row.ogsaa_i for row in dokumentationsark.also_in(rows)}


def decide(sagsomraade, scenarie):
    beslutning = Beslutning.objects.create(besluttet_af="byraadet")
    BeslutningLinje.objects.create(beslutning=beslutning, sagsomraade=sagsomraade, scenarie=scenarie)


def executed(compute):
    """The SQL that compute() runs, without its values."""
    seen = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        compute()
    return seen


CHANGES = {  # each a way the order's inputs are written: forms save records, imports and services update
    "brugerniveau": lambda o: Prioritering.objects.create(sagsomraade=o["bolig"], brugerniveau="mange"),
    "a locked place": lambda o: Prioritering.objects.create(
        sagsomraade_id=max(fresh(rangorden).items(), key=lambda item: item[1])[0],  # the last first
        fastlaast_plads=1,
        fastlaast_tidspunkt=timezone.now(),
        fastlaast_begrundelse="Byrådets ønske",
    ),
    "no recommended scenario": lambda o: ToBe.objects.filter(sagsomraade=o["bolig"]).update(
        anbefalet_scenarie=None
    ),
    "kompleksitet": lambda o: ToBe.objects.filter(sagsomraade=o["kontant"]).update(kompleksitet="lav"),
    "forretningskritisk": lambda o: ToBe.objects.filter(sagsomraade=o["bolig"]).update(
        forretningskritisk="ja"
    ),
    "a decision": lambda o: decide(o["kontant"], 1),
    "screened Nej": lambda o: Screening.objects.filter(sagsomraade=o["fradrag"]).update(
        anvender_kmd_sag="nej"
    ),
    "brugsmønster": lambda o: AsIs.objects.filter(sagsomraade=o["bolig"]).update(brugsmoenster="A"),
    "an area removed": lambda o: Sagsomraade.objects.filter(pk=o["kontant"].pk).update(
        fjernet=timezone.now()
    ),
    "an area deleted": lambda o: Sagsomraade.alle.get(pk=o["bolig"].pk).delete(),
    "an area moved to another KLE number": lambda o: Sagsomraade.objects.filter(pk=o["jobcenter"].pk).update(
        kle=o["bolig"].kle
    ),
    "a fagområde's name": lambda o: Fagomraade.objects.filter(navn="Jobcenter").update(navn="Ydelser"),
    "a new area": lambda o: Sagsomraade.objects.create(
        fagomraade=o["jobcenter"].fagomraade, kle=o["bolig"].kle
    ),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_kept_order_and_also_in_are_those_of_the_database_after_any_change(omraader, change):
    Prioritering.objects.create(sagsomraade=omraader["kontant"], brugerniveau="faa")
    jobcenter = Fagomraade.objects.create(navn="Jobcenter")
    omraader["jobcenter"] = Sagsomraade.objects.create(fagomraade=jobcenter, kle=omraader["kontant"].kle)
    before = rangorden(), ogsaa_i()
    assert before == (fresh(rangorden), fresh(ogsaa_i))

    change(omraader)

    after = rangorden(), ogsaa_i()
    assert after == (fresh(rangorden), fresh(ogsaa_i))
    assert after != before  # each change shows: a kept result would fail the line above


def test_a_renumbered_kle_number_moves_its_area_among_equals(kle, borgerservice):
    same = {"anbefalet_scenarie": 2, "kompleksitet": "lav", "forretningskritisk": "nej"}
    first, second = (area(borgerservice, kle[nummer], "C", **same) for nummer in ("32.06.00", "32.24.04"))
    assert rangorden()[first.pk][0] < rangorden()[second.pk][0]  # equals: the lower KLE number first

    KLE.objects.filter(pk=first.kle_id).update(nummer="99.99.99")

    assert rangorden() == fresh(rangorden)
    assert rangorden()[first.pk][0] > rangorden()[second.pk][0]


def test_a_save_that_changes_nothing_the_order_reads_keeps_it_and_the_page_asks_only_the_counters(
    omraader, login, laeser
):
    ranking = [sql for sql in executed(lambda: fresh(rangorden)) if "prioritering_beslutninglinje" in sql]
    client = login(laeser)
    client.get(reverse("dokumentationsark"))
    asis = AsIs.objects.get(sagsomraade=omraader["bolig"])
    asis.antal_sagsbehandlere = 99  # an answer the order does not read, saved as the form saves it
    asis.save()
    counted = Generation.objects.values_list("struktur", "svar").get()

    page = executed(lambda: client.get(reverse("dokumentationsark")))

    assert len(ranking) == 1 and ranking[0] not in page
    assert Generation.objects.values_list("struktur", "svar").get() == counted
    ToBe.objects.filter(sagsomraade=omraader["bolig"]).update(kompleksitet="middel")
    assert ranking[0] in executed(lambda: client.get(reverse("dokumentationsark")))


def test_inside_a_transaction_the_order_shows_its_own_changes_and_keeps_nothing_of_them(omraader):
    kept = rangorden()

    with transaction.atomic():
        ToBe.objects.filter(sagsomraade=omraader["bolig"]).update(anbefalet_scenarie=None)
        inside = rangorden()
        transaction.set_rollback(True)
    # a change counted as the rolled back one was, so the counters are where they were inside
    ToBe.objects.filter(sagsomraade=omraader["kontant"]).update(anbefalet_scenarie=None)

    assert omraader["bolig"].pk in kept and omraader["bolig"].pk not in inside
    assert rangorden() == fresh(rangorden)
    assert omraader["bolig"].pk in rangorden() and omraader["kontant"].pk not in rangorden()


def test_on_postgresql_the_counters_change_at_commit_so_a_transaction_does_not_hold_them(omraader):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: its triggers count at once")
    counted = Generation.objects.values_list("struktur", "svar").get()

    with transaction.atomic():
        ToBe.objects.filter(sagsomraade=omraader["bolig"]).update(anbefalet_scenarie=None)
        not_yet = Generation.objects.values_list("struktur", "svar").get()  # the row is not locked yet

    assert not_yet == counted
    assert Generation.objects.values_list("struktur", "svar").get() == (counted[0], counted[1] + 1)


def test_without_the_counters_row_the_order_is_computed_each_time_and_the_row_comes_back(omraader):
    rangorden()
    Generation.objects.all().delete()
    ToBe.objects.filter(sagsomraade=omraader["bolig"]).update(anbefalet_scenarie=None)

    assert omraader["bolig"].pk not in rangorden()
    assert Generation.objects.filter(pk=1).exists()


def catalogue(postgresql, sqlite):
    """The rows of a question about the triggers to the database's own catalogue."""
    with connection.cursor() as cursor:
        cursor.execute(postgresql if connection.vendor == "postgresql" else sqlite)
        return cursor.fetchall()


def watched_columns():
    """{(table, column)} whose updates the triggers count."""
    rows = catalogue(
        "SELECT event_object_table, event_object_column"
        " FROM information_schema.triggered_update_columns WHERE trigger_name LIKE 'generation_%%'",
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'generation_%'",
    )
    if connection.vendor == "postgresql":
        return set(rows)
    return {
        (table, column.strip())
        for table, sql in rows
        for columns in re.findall(r"UPDATE OF (.+?) ON", sql)
        for column in columns.split(",")
    }


def counted_tables():
    """Tables whose added and deleted rows the triggers count."""
    rows = catalogue(
        "SELECT event_object_table FROM information_schema.triggers"
        " WHERE trigger_name LIKE 'generation_%%' AND event_manipulation IN ('INSERT', 'DELETE')"
        " GROUP BY event_object_table HAVING count(DISTINCT event_manipulation) = 2",
        "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'generation_%'"
        " AND (sql LIKE '%AFTER INSERT ON%' OR sql LIKE '%AFTER DELETE ON%')"
        " GROUP BY tbl_name HAVING count(*) = 2",
    )
    return {table for (table,) in rows}


def read_columns(sql):
    """{(table, column)} that a query's SQL reads, its aliases resolved to their tables."""
    aliases = {
        alias or table: table for table, alias in re.findall(r'(?:FROM|JOIN) "(\w+)"(?: (\w+\d))?', sql)
    }
    qualified = re.findall(r'(?:"(\w+)"|\b(\w+\d))\."(\w+)"', sql)
    return {(aliases[table or alias], column) for table, alias, column in qualified}


def test_every_column_the_kept_results_read_is_counted_when_it_changes(omraader):
    """A migration that rebuilds a watched table (SQLite copies a table to alter it, and drops its
    triggers with the old one) or a new column in the order's query fails here: watch() it again."""
    rows = list(Sagsomraade.objects.select_related("fagomraade"))
    queries = [  # the municipality's settings are read afresh by every call: its matrix is part of the key
        sql
        for sql in executed(lambda: fresh(rangorden) and fresh(lambda: dokumentationsark.also_in(rows)))
        if "kommune" not in sql
    ]
    read = set().union(*(read_columns(sql) for sql in queries))
    keys = {(table, column) for table, column in read if column == "id"}

    assert read - keys <= watched_columns()
    assert {table for table, _column in read} <= counted_tables()
    assert ("workshops_asis", "antal_sagsbehandlere") not in watched_columns()
