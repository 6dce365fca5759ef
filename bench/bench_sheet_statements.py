"""Benchmark: the Dokumentationsark's statements one by one, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/bench_sheet_statements.py [--rows 2000] [--repeat 300]
With ROWS sagsområder (workshop_municipality) the project leader asks for the sheet REPEAT times on
each database, after WARM_UP requests. For each statement of the page it prints the mean milliseconds
the app spends on it (executing it and fetching its rows, as the app sees it), on SQLite and on
PostgreSQL, and the PostgreSQL server's own share: its execution time from pg_stat_statements, which
the throw-away cluster preloads (left out where the cluster lacks it). Not counted: Django's conversion
of the fetched values afterwards (SQLite's dates, truth values and decimals; psycopg's values need
none). It shows where PostgreSQL's page differs from SQLite's. The last line:
rows=<n> statements=<n> sqlite_ms=<sum> postgres_ms=<sum> postgres_server_ms=<sum>
"""

import json
import subprocess
import sys
import time
from glob import glob
from pathlib import Path

import scratch

WARM_UP = 30  # fills the kept registers; PostgreSQL prepares each statement from its 5th run
STATEMENTS = {  # a statement's name: what only its SQL holds (as the app sends it, or as normalised)
    "session": '"django_session"',
    "user and role": '"auth_user"',
    "counters": '"exitstrategi_generation"',
    "count and sums": "SELECT COUNT(",
    "page keys": 'AS "pk" FROM',
    "links": 'AS "part"',
    "rows": 'SELECT "exitstrategi_sagsomraade"."id", ',
}


def name_of(sql):
    return next((name for name, mark in STATEMENTS.items() if mark in sql), sql[:60])


def main():
    args = scratch.arguments("rows", 2000, 300)
    figures = {"sqlite": _child(args, "")}
    with scratch.throwaway_postgres(*_preloaded()) as postgres:
        if postgres:
            figures["postgres"] = _child(args, postgres)
    columns = {database: found["client"] for database, found in figures.items()}
    if figures.get("postgres", {}).get("server"):
        columns["postgres server"] = figures["postgres"]["server"]
    names = dict.fromkeys(name for spent in columns.values() for name in spent)
    print(
        f"Dokumentationsark, {args.rows} sagsområder, the project leader: ms per page, means of {args.repeat}"
    )
    print(f"  {'statement':16}" + "".join(f"{column:>17}" for column in columns))
    for name in names:
        print(f"  {name:16}" + "".join(f"{spent.get(name, 0):17.3f}" for spent in columns.values()))
    sums = {column: sum(spent.values()) for column, spent in columns.items()}
    print(f"  {'total':16}" + "".join(f"{total:17.3f}" for total in sums.values()))
    figures_line = " ".join(f"{column.replace(' ', '_')}_ms={total:.2f}" for column, total in sums.items())
    print(f"rows={args.rows} statements={len(names)} {figures_line}")


def _preloaded():
    """The server setting that loads pg_stat_statements, where the newest PostgreSQL has it."""
    versions = sorted(glob("/usr/lib/postgresql/*/lib"), key=lambda path: int(path.split("/")[-2]))
    found = versions and Path(versions[-1], "pg_stat_statements.so").exists()
    return ["shared_preload_libraries=pg_stat_statements"] if found else []


def _child(args, url):
    command = [sys.executable, __file__, "--child", str(args.rows), str(args.repeat), url]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def child():
    rows, repeat, database_url = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None
    scratch.setup_scratch_django(database_url)
    from django.db import connection
    from django.test import Client

    scratch.workshop_municipality(rows)
    scratch.analyze()
    leader = Client()
    leader.force_login(scratch.bench_user("Projektleder"))
    statistics_kept = connection.vendor == "postgresql" and _pg_stat_statements(connection)
    for _ in range(WARM_UP):
        leader.get("/dokumentationsark/")
    if statistics_kept:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_statements_reset()")
    spent = {}
    with _timed(spent):
        for _ in range(repeat):
            assert leader.get("/dokumentationsark/").status_code == 200
    figures = {"client": {name: seconds * 1000 / repeat for name, seconds in spent.items()}}
    if statistics_kept:
        figures["server"] = _server_ms(connection, repeat)
    print(json.dumps(figures))


def _pg_stat_statements(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements'")
        if cursor.fetchone() is None:
            return False
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return True


def _server_ms(connection, repeat):
    with connection.cursor() as cursor:
        cursor.execute("SELECT query, total_exec_time FROM pg_stat_statements")
        found = cursor.fetchall()
    server = {}
    for sql, total in found:
        if "pg_stat_statements" not in sql:
            server[name_of(sql)] = server.get(name_of(sql), 0) + total / repeat
    return server


class _timed:
    """Times each statement from its execute to its last fetch, under its name: the app fetches a
    statement's rows before it executes the next."""

    FETCHES = ("fetchone", "fetchmany", "fetchall")

    def __init__(self, spent):
        self.spent, self.current = spent, None

    def __enter__(self):
        from django.db.backends.utils import CursorWrapper

        self.execute = CursorWrapper._execute
        timed = self

        def execute(cursor, sql, *args):
            timed.current = name_of(sql)
            return timed._clock(self.execute, cursor, sql, *args)

        def fetch(method):
            return lambda cursor, *args: timed._clock(getattr(cursor.cursor, method), *args)

        CursorWrapper._execute = execute
        for method in self.FETCHES:  # otherwise passed on by CursorWrapper.__getattr__
            setattr(CursorWrapper, method, fetch(method))

    def __exit__(self, *exc):
        from django.db.backends.utils import CursorWrapper

        CursorWrapper._execute = self.execute
        for method in self.FETCHES:
            delattr(CursorWrapper, method)

    def _clock(self, call, *args):
        start = time.perf_counter()
        try:
            return call(*args)
        finally:
            self.spent[self.current] = self.spent.get(self.current, 0) + time.perf_counter() - start


if __name__ == "__main__":
    child() if "--child" in sys.argv else main()
