"""Results kept in a process until the database says that what they are made of has changed.

Some results are the same for every user until one of a few columns changes anywhere: Fase 4's order
over every area in scope (every Dokumentationsark page shows its places) and which fagområder share a
KLE number ("også i"). The database keeps two counters in one row (`Generation`), and triggers, made
by each app's migrations with `watch()`, count every change to the columns those results read:

- `struktur`: the sagsområder (added, removed, moved to another fagområde or KLE number), KLE numbers
  and fagområde names;
- `svar`: the answers Fase 4 orders by (screening, brugsmønster, To-be, prioritering, decisions).

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
The counters are read before the result, so a result is never older than its counters. They start
at random numbers, so a database emptied and filled again does not meet a process's old results.
"""

import secrets

from django.db import connections, migrations, models, router

from .sql_once import made_once

COUNTERS = ("struktur", "svar")


def _start():
    return secrets.randbits(62)


class Generation(models.Model):
    """The counters of the changes that `cached()` results are made of: one row (pk 1)."""

    struktur = models.BigIntegerField(default=_start)
    svar = models.BigIntegerField(default=_start)

    class Meta:
        db_table = "exitstrategi_generation"

    def __str__(self):
        return f"struktur {self.struktur}, svar {self.svar}"


_latest = {}  # name -> (key, result): one result per name in a process


def cached(name, counters, compute, shape=()):
    """compute(), or the result this process computed while `counters` (names from COUNTERS) had their
    present values: one small query instead of compute()'s. `shape`: what else the result depends on
    that the counters do not count (the municipality's matrix), hashable."""
    connection = connections[router.db_for_read(Generation)]
    if connection.in_atomic_block:
        return compute()
    numbers = made_once(  # its SQL made once: the ORM takes longer to make it than the database to answer
        Generation, "generation", counters, lambda: Generation.objects.filter(pk=1).values_list(*counters)
    ).rows()
    if not numbers:  # the table was emptied: count again from new random numbers
        Generation.objects.using(connection.alias).get_or_create(pk=1)
        return compute()
    key = (connection.alias, numbers[0], shape)
    kept = _latest.get(name)
    if kept is not None and kept[0] == key:
        return kept[1]
    result = compute()
    _latest[name] = (key, result)
    return result


# The triggers. Each app's migration watches its own tables: watch(table, counter, *columns) counts
# every row added or deleted and every update that changes one of the columns.

_SQLITE = """
CREATE TRIGGER {name}_i AFTER INSERT ON {table}
BEGIN UPDATE exitstrategi_generation SET {counter} = {counter} + 1; END;
CREATE TRIGGER {name}_d AFTER DELETE ON {table}
BEGIN UPDATE exitstrategi_generation SET {counter} = {counter} + 1; END;
CREATE TRIGGER {name}_u AFTER UPDATE OF {columns} ON {table} FOR EACH ROW WHEN {changed}
BEGIN UPDATE exitstrategi_generation SET {counter} = {counter} + 1; END;
"""

_POSTGRESQL = """
CREATE CONSTRAINT TRIGGER {name}_id AFTER INSERT OR DELETE ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION exitstrategi_generation_count('{counter}');
CREATE CONSTRAINT TRIGGER {name}_u AFTER UPDATE OF {columns} ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ({changed})
EXECUTE FUNCTION exitstrategi_generation_count('{counter}');
"""

COUNT_FUNCTION = """
CREATE FUNCTION exitstrategi_generation_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE exitstrategi_generation
    SET struktur = struktur + (TG_ARGV[0] = 'struktur')::int, svar = svar + (TG_ARGV[0] = 'svar')::int;
    RETURN NULL;
END $$;
"""


def _statements(vendor, table, counter, columns):
    if counter not in COUNTERS:
        raise ValueError(counter)
    name = f"generation_{table}_{counter}"
    if vendor == "postgresql":
        template, differs = _POSTGRESQL, "OLD.{0} IS DISTINCT FROM NEW.{0}"
    else:
        template, differs = _SQLITE, "OLD.{0} IS NOT NEW.{0}"
    changed = " OR ".join(differs.format(column) for column in columns)
    sql = template.format(
        name=name, table=table, counter=counter, columns=", ".join(columns), changed=changed
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
