"""Results kept in a process until the database says that what they are made of has changed.

Some results are the same for every user until one of a few columns changes anywhere: Fase 4's order
over every area in scope (every Dokumentationsark page shows its places), which fagområder share a
KLE number ("også i") and the registers every page reads. The database keeps counters in one row
(`Generation`), and triggers, made by each app's migrations with `watch()`, count every change to
the columns those results read:

- `struktur`: the sagsområder (added, removed, moved to another fagområde or KLE number), KLE numbers
  and fagområde names;
- `svar`: the answers Fase 4 orders by (screening, brugsmønster, To-be, prioritering, decisions);
- `opslag`: any change to the registers and settings the pages look things up in (KLE numbers,
  fagområder, IT systems, contracts, workshops, the municipality's settings), which staff edit
  seldom and every Dokumentationsark page reads.

A save that changes nothing watched (a note, an As-is answer that keeps the brugsmønster) leaves them
be, so a workshop saving answers does not make every page compute the order again. The triggers
catch every way of writing (forms, imports, `QuerySet.update()`, deletes, the admin). On PostgreSQL
they run at commit (DEFERRABLE INITIALLY DEFERRED): the counter row is locked from then to the
commit's end, not through the transaction, where an import holding it while it waits for a row that
a single save holds, and the save waiting for it, would deadlock. SQLite copies a table to alter it
and drops its triggers with the old one: a migration that does so must `watch()` the table again
(tests/test_generation.py fails until it does).

A process keeps the latest result of each name with the counters it was computed under (`cached()`)
and reuses it while they are unchanged. It does so only outside a transaction: inside one, a result
could hold the transaction's own changes before they are committed (or counted, on PostgreSQL).
The counters are read before the result, so a result is never older than its counters; within one
pass (`one_pass()`: a page, an export) they are read once. They start at random numbers, so a
database emptied and filled again does not meet a process's old results.
"""

import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connections, migrations, models, router

from .sql_once import made_once

COUNTERS = ("struktur", "svar", "opslag")


def _start():
    return secrets.randbits(62)


class Generation(models.Model):
    """The counters of the changes that `cached()` results are made of: one row (pk 1)."""

    struktur = models.BigIntegerField(default=_start)
    svar = models.BigIntegerField(default=_start)
    opslag = models.BigIntegerField(default=_start)

    class Meta:
        db_table = "exitstrategi_generation"

    def __str__(self):
        return f"struktur {self.struktur}, svar {self.svar}, opslag {self.opslag}"


_one_pass = ContextVar("generation_one_pass", default=None)


@contextmanager
def one_pass():
    """Within it, what is computed for a whole page or export (contract dates, the ranking, the
    counters) is computed once however many times it is asked for (`once`). A pass reads; it does
    not write what it has read. A pass within a pass is part of it."""
    if _one_pass.get() is not None:
        yield
        return
    token = _one_pass.set({})
    try:
        yield
    finally:
        _one_pass.reset(token)


class OnePassPerPageMiddleware:
    """Each GET (or HEAD) request is one pass: a page reads the counters once, however many kept
    results it shows. Not a POST: it writes, and may then show what it wrote. A streamed response
    (the Excel export) makes its own pass as it is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with one_pass():
            return self.get_response(request)


def once(key, compute):
    """compute(), or within one_pass() its result from the first time."""
    memo = _one_pass.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


_latest = {}  # name -> (key, result): one result per name in a process


def cached(name, counters, compute, shape=()):
    """compute(), or the result this process computed while `counters` (names from COUNTERS) had their
    present values: one small query, or none within a pass that has read them, instead of compute()'s.
    `shape`: what else the result depends on that the counters do not count (the municipality's
    matrix, today's date), hashable. The result is shared: give back what cannot be changed. Within a
    pass, the result of the pass's first call."""
    return once(("cached", name, shape), lambda: _cached(name, counters, compute, shape))


def _cached(name, counters, compute, shape):
    connection = connections[router.db_for_read(Generation)]
    if connection.in_atomic_block:
        return compute()
    numbers = once("generation", _counters)
    if numbers is None:  # the table was emptied: count again from new random numbers
        Generation.objects.using(connection.alias).get_or_create(pk=1)
        return compute()
    key = (connection.alias, tuple(numbers[counter] for counter in counters), shape)
    kept = _latest.get(name)
    if kept is not None and kept[0] == key:
        return kept[1]
    result = compute()
    _latest[name] = (key, result)
    return result


def _counters():
    """{counter: its value}, or None without the counters' row. The SQL is made once: the ORM takes
    longer to make it than the database to answer."""
    query = made_once(
        Generation, "generation", COUNTERS, lambda: Generation.objects.filter(pk=1).values_list(*COUNTERS)
    )
    rows = query.rows()
    return dict(zip(COUNTERS, rows[0], strict=True)) if rows else None


# The triggers. Each app's migration watches its own tables: watch(table, counter, *columns) counts
# every row added or deleted and every update that changes one of the columns (any column when none
# are named).

_SQLITE = """
CREATE TRIGGER {name}_i AFTER INSERT ON {table}
BEGIN UPDATE exitstrategi_generation SET {counter} = {counter} + 1; END;
CREATE TRIGGER {name}_d AFTER DELETE ON {table}
BEGIN UPDATE exitstrategi_generation SET {counter} = {counter} + 1; END;
CREATE TRIGGER {name}_u AFTER UPDATE{of} ON {table} FOR EACH ROW{when}
BEGIN UPDATE exitstrategi_generation SET {counter} = {counter} + 1; END;
"""

_POSTGRESQL = """
CREATE CONSTRAINT TRIGGER {name}_id AFTER INSERT OR DELETE ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION exitstrategi_generation_count('{counter}');
CREATE CONSTRAINT TRIGGER {name}_u AFTER UPDATE{of} ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW{when}
EXECUTE FUNCTION exitstrategi_generation_count('{counter}');
"""

# One branch per counter: a branch names its column only when it runs, so the function can be made
# before a counter's column is added (exitstrategi 0027 and 0028 both make it).
COUNT_FUNCTION = (
    "CREATE OR REPLACE FUNCTION exitstrategi_generation_count() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    + "".join(
        f"    {'ELSIF' if n else 'IF'} TG_ARGV[0] = '{counter}' THEN\n"
        f"        UPDATE exitstrategi_generation SET {counter} = {counter} + 1;\n"
        for n, counter in enumerate(COUNTERS)
    )
    + "    END IF;\n    RETURN NULL;\nEND $$;"
)


def _statements(vendor, table, counter, columns):
    if counter not in COUNTERS:
        raise ValueError(counter)
    name = f"generation_{table}_{counter}"
    if vendor == "postgresql":
        template, differs = _POSTGRESQL, "OLD.{0} IS DISTINCT FROM NEW.{0}"
        changed = " OR ".join(differs.format(column) for column in columns) or differs.format("*")
    else:  # SQLite has no whole-row comparison: every update of an unnamed column counts
        template, differs = _SQLITE, "OLD.{0} IS NOT NEW.{0}"
        changed = " OR ".join(differs.format(column) for column in columns)
    sql = template.format(
        name=name,
        table=table,
        counter=counter,
        of=f" OF {', '.join(columns)}" if columns else "",
        when=f" WHEN ({changed})" if changed else "",
    )
    return [statement.strip() for statement in sql.split(";\n") if statement.strip()]


def watch(table, counter, *columns):
    """A migration operation: the triggers that count `table`'s changes in `counter`."""

    def create(apps, schema_editor):
        for statement in _statements(schema_editor.connection.vendor, table, counter, columns):
            schema_editor.execute(statement)

    def drop(apps, schema_editor):
        name = f"generation_{table}_{counter}"
        if schema_editor.connection.vendor == "postgresql":
            triggers = [f"{name}_id ON {table}", f"{name}_u ON {table}"]
        else:
            triggers = [f"{name}_i", f"{name}_d", f"{name}_u"]
        for trigger in triggers:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")

    return migrations.RunPython(create, drop)
