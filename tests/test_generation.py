"""Fase 4's order, "også i" and the registers, kept in the process between requests
(exitstrategi.generation), follow every change to what they are made of, however it is written, and
only such changes."""

import re

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from exitstrategi import dokumentationsark, generation, opslag
from exitstrategi.generation import Generation
from exitstrategi.indstillinger import BRUGERNIVEAUER, KOMPLEKSITETER
from exitstrategi.models import KLE, Fagomraade, ITSystem, Kommune, Kontrakt, Sagsomraade
from prioritering.models import Beslutning, BeslutningLinje, Prioritering
from prioritering.selectors import rangorden
from screening.models import Screening
from workshops.models import AsIs, ToBe, Workshop
from workshops.selectors import contract_dates_by_system
from workshops.sheet import tobe as tobe_sheet

from .conftest import area, ny_kontrakt

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
    expected = fresh(rangorden), fresh(ogsaa_i)
    before = rangorden(), ogsaa_i()  # computed and kept
    assert before == expected

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


def test_a_page_whose_lookups_are_kept_asks_for_its_rows_and_the_counters_only(
    opslag_data, omraader, login, laeser
):
    Kommune.get()  # the municipality's settings exist after their first use
    client = login(laeser)
    client.get(reverse("dokumentationsark"))

    page = executed(lambda: client.get(reverse("dokumentationsark")))

    # the session, the user with their role; the count with the sums; the page's keys, its rows and
    # their links; the counters
    assert len(page) == 7
    assert not [
        sql
        for sql in page
        if re.search(
            r"FROM \"(exitstrategi_(itsystem|kommune|kontrakt|fagomraade|kle)|workshops_workshop)\"", sql
        )
    ]


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


def triggers():
    """[(table, counter, event, the columns an update trigger names)] of the counting triggers, from the
    database's own catalogue."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.event_object_table, t.trigger_name, t.event_manipulation,"
                " array(SELECT c.event_object_column::text FROM information_schema.triggered_update_columns c"
                " WHERE c.trigger_name = t.trigger_name AND c.event_object_table = t.event_object_table)"
                " FROM information_schema.triggers t WHERE t.trigger_name LIKE 'generation_%%'"
            )
            found = cursor.fetchall()
        else:
            cursor.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")
            found = [
                (table, name, event, [c.strip() for c in columns.split(",")] if columns else [])
                for table, name, sql in cursor.fetchall()
                for event, columns in re.findall(r"AFTER (INSERT|DELETE|UPDATE)(?: OF (.+?))? ON", sql)
            ]
    return [
        (table, name.removeprefix(f"generation_{table}_").rsplit("_", 1)[0], event, set(columns))
        for table, name, event, columns in found
        if name.startswith("generation_")
    ]


def watched_columns(*counters):
    """{(table, column)} whose updates the counters count, and {table} any update of which they count."""
    updates = [
        (t, columns) for t, counter, event, columns in triggers() if counter in counters and event == "UPDATE"
    ]
    return {(table, column) for table, columns in updates for column in columns}, {
        t for t, c in updates if not c
    }


def counted_tables(*counters):
    """Tables whose added and deleted rows each of the counters counts."""
    events = {}
    for table, counter, event, _columns in triggers():
        events.setdefault((table, counter), set()).add(event)
    return {
        t
        for t in {t for t, _c in events}
        if all({"INSERT", "DELETE"} <= events.get((t, c), set()) for c in counters)
    }


def read_columns(sql):
    """{(table, column)} that a query's SQL reads, its aliases resolved to their tables."""
    aliases = {
        alias or table: table for table, alias in re.findall(r'(?:FROM|JOIN) "(\w+)"(?: (\w+\d))?', sql)
    }
    qualified = re.findall(r'(?:"(\w+)"|\b(\w+\d))\."(\w+)"', sql)
    return {(aliases[table or alias], column) for table, alias, column in qualified}


def read_by(*computations):
    """{(table, column)} that the computations read when nothing is kept, keys left out."""
    queries = [
        sql
        for compute in computations
        for sql in executed(lambda compute=compute: fresh(compute))
        if sql.lstrip("(").startswith("SELECT")  # not a settings row made on first use
    ]
    return {(t, column) for t, column in set().union(*map(read_columns, queries)) if column != "id"}


def test_every_column_the_kept_results_read_is_counted_when_it_changes(omraader):
    """A migration that rebuilds a watched table (SQLite copies a table to alter it, and drops its
    triggers with the old one) or a new column in the order's query fails here: watch() it again."""
    rows = list(Sagsomraade.objects.select_related("fagomraade"))
    # the municipality's settings are kept by `opslag` (the test below), and their matrix is in the key
    order = {(t, c) for t, c in read_by(rangorden) if t != "exitstrategi_kommune"}
    also = read_by(lambda: dokumentationsark.also_in(rows))

    assert order and also
    assert order <= watched_columns("struktur", "svar")[0]
    assert also <= watched_columns("struktur")[0]
    assert {t for t, _c in order} <= counted_tables("struktur") | counted_tables("svar")
    assert {t for t, _c in also} <= counted_tables("struktur")
    assert ("workshops_asis", "antal_sagsbehandlere") not in watched_columns(*generation.COUNTERS)[0]


def registers():
    """What the pages keep of the registers and settings (`opslag`), each as fresh() would give it."""
    today = timezone.localdate()
    return {
        "kept": {label: dict(opslag.kept(apps.get_model(label))) for label in sorted(opslag.KEPT)},
        "options": [opslag.options(model) for model in (ITSystem, Fagomraade, KLE)],
        "hovedgrupper": dict(dokumentationsark._hovedgrupper()),
        "kontraktdatoer": contract_dates_by_system(today),
        "plenumsvar": dict(tobe_sheet._plenum_answers()),
        "kommune": Kommune.get().omfang_matrix,
    }


@pytest.fixture
def opslag_data(kle, borgerservice, systemer):
    kontrakt = ny_kontrakt(systemer["KMD Sag"], navn="KMD-aftalen", udloebsdato="2028-06-30")
    workshop = Workshop.objects.create(titel="To-be 1", type="tobe", start="2027-01-05T09:00+01:00")
    workshop.fagomraader.set([borgerservice])
    Workshop.objects.filter(pk=workshop.pk).update(tobe_strategier="ESDH-strategien peger på SBSYS.")
    return {"kontrakt": kontrakt, "workshop": workshop, "systemer": systemer}


REGISTER_CHANGES = {
    "an IT system renamed": lambda o: ITSystem.objects.filter(navn="SBSYS").update(navn="SBSYS 2"),
    "an IT system's phase-out": lambda o: ITSystem.objects.filter(navn="KMD Opera").update(
        udfasning="2027-03-31"
    ),
    "a new IT system": lambda o: ITSystem.objects.create(navn="Acadre"),
    "a fagområde renamed": lambda o: Fagomraade.objects.update(navn="Borgerservice og Ydelser"),
    "a new fagområde": lambda o: Fagomraade.objects.create(navn="Jobcenter"),
    "a main group retired": lambda o: KLE.objects.filter(nummer="32").update(status=KLE.Status.UDGAAET),
    "a KLE topic retitled": lambda o: KLE.objects.filter(nummer="32.06.00").update(titel="Ny titel"),
    "a KLE topic moved": lambda o: KLE.objects.filter(nummer="32.24.04").update(
        status=KLE.Status.FLYTTET, flyttet_til=["32.24.05"]
    ),
    "a new KLE topic": lambda o: KLE.objects.create(nummer="32.24.09", titel="Nyt emne", niveau="emne"),
    "a contract's notice": lambda o: Kontrakt.objects.update(opsigelsesvarsel=12),
    "a contract covers one more system": lambda o: o["kontrakt"].itsystemer.add(o["systemer"]["SBSYS"]),
    "a contract waits for a phase-out": lambda o: o["kontrakt"].afventer_udfasning.add(
        o["systemer"]["SBSYS"]
    ),
    "a contract deleted": lambda o: o["kontrakt"].delete(),
    "a workshop's strategy": lambda o: Workshop.objects.update(tobe_strategier="Fælleskommunal løsning."),
    "a workshop's fagområder": lambda o: o["workshop"].fagomraader.clear(),
    "the municipality's matrix": lambda o: Kommune.objects.update(
        omfang_matrix={b: {k: 3 for k, _l in KOMPLEKSITETER} for b, _l in BRUGERNIVEAUER}
    ),
}


@pytest.mark.parametrize("change", REGISTER_CHANGES.values(), ids=REGISTER_CHANGES.keys())
def test_the_kept_registers_are_those_of_the_database_after_any_change(opslag_data, change):
    Kommune.get()
    expected = fresh(registers)
    before = registers()  # computed and kept
    assert before == expected

    change(opslag_data)

    after = registers()
    assert after == fresh(registers)
    assert after != before  # each change shows: a kept result would fail the line above


def test_every_table_the_kept_registers_read_is_counted_whole(opslag_data):
    """Any change to a kept register counts (`opslag`): a migration that rebuilds one of their tables
    on SQLite, or a kept result reading a new table, fails here until the table is watch()ed."""
    read = {table for table, _column in read_by(registers)} - {"exitstrategi_generation"}

    assert {"exitstrategi_itsystem", "exitstrategi_kontrakt_itsystemer", "workshops_workshop"} <= read
    assert read <= watched_columns("opslag")[1]
    assert read <= counted_tables("opslag")


def test_a_kept_instance_is_the_requests_own(opslag_data):
    kommune = Kommune.get()
    kommune.omfang_matrix["faa"]["lav"] = 3  # as a form changes the instance it edits
    kommune.navn = "Ændret uden at gemme"

    assert Kommune.get().omfang_matrix["faa"]["lav"] == 1
    assert Kommune.get().navn != "Ændret uden at gemme"


def test_a_kept_kle_topics_moves_are_the_instances_own(opslag_data):
    KLE.objects.filter(nummer="32.24.04").update(status=KLE.Status.FLYTTET, flyttet_til=["32.24.05"])
    moved = KLE.objects.get(nummer="32.24.04").pk
    shown = opslag.fresh(KLE, opslag.kept(KLE)[moved])

    shown.flyttet_til.append("32.24.06")  # as a form changes the instance it edits

    again = opslag.fresh(KLE, opslag.kept(KLE)[moved])
    assert again.flyttet_til == ["32.24.05"]
    assert again.status_text == "KLE 32.24.04 er flyttet til 32.24.05"


def test_a_kept_it_systems_kitos_data_is_read_when_asked_for(opslag_data):
    sbsys = opslag_data["systemer"]["SBSYS"]
    ITSystem.objects.filter(pk=sbsys.pk).update(kitos_kle=["32.06.00"])

    shown = opslag.fresh(ITSystem, opslag.kept(ITSystem)[sbsys.pk])

    assert (shown.navn, shown.kitos_kle) == ("SBSYS", ["32.06.00"])


@pytest.mark.parametrize(
    "page",
    [
        lambda area: reverse("home"),
        lambda area: reverse("dokumentationsark"),
        lambda area: reverse("workshops:fagomraade-asis", args=[area.fagomraade.slug]),
        lambda area: area.url("workshops:asis-update"),
        lambda area: area.url("sagsomraade-detail"),
    ],
    ids=["front page", "sheet", "As-is page", "As-is form", "area"],
)
def test_a_page_reads_the_counters_once_however_many_kept_results_it_shows(
    opslag_data, ja_sagsomraade, login, kontaktperson, page
):
    client = login(kontaktperson)
    url = page(ja_sagsomraade)
    assert client.get(url).status_code == 200

    counters = [sql for sql in executed(lambda: client.get(url)) if '"exitstrategi_generation"' in sql]

    assert len(counters) <= 1


def test_a_pass_within_a_pass_is_part_of_it():
    computed = []
    with generation.one_pass():
        generation.once("a", lambda: computed.append(1))
        with generation.one_pass():
            generation.once("a", lambda: computed.append(2))
        generation.once("a", lambda: computed.append(3))
    assert computed == [1]
