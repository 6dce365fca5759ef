"""Benchmark: what one statement's round trip costs, in-process SQLite against PostgreSQL on this machine.

Run: .venv/bin/python bench/bench_round_trip.py [--pause 17] [--repeat 400]
The app sends a page's statements between stretches of Python work (a Dokumentationsark page is
~17 ms of it for 7 statements): while the app works, PostgreSQL's process sleeps, and waking it costs
more than asking it again at once. For `SELECT 1`, the median microseconds from execute to fetched:
asked back to back ("at once"), and after PAUSE ms of Python work ("after work"); on SQLite in the
process, on a throw-away PostgreSQL over TCP on loopback and over its Unix socket, and over TCP with
the server's process on the app's CPU and on the other one (where the machine lets a process be
pinned). The last line:
pause_ms=<n> sqlite_us=<at once>/<after work> tcp_us=… unix_us=… same_cpu_us=… other_cpu_us=…
"""

import os
import sqlite3
import statistics
import time

import scratch


def main():
    args = scratch.arguments("pause", 17, 400)
    figures = {"sqlite": _timed(sqlite3.connect(":memory:"), args)}
    with scratch.throwaway_postgres() as url:
        if url is None:
            raise SystemExit("PostgreSQL is not installed.")
        import psycopg  # the postgres extra: pip install -e ".[postgres]"

        with psycopg.connect(url, autocommit=True) as tcp:
            figures["tcp"] = _timed(tcp, args)
            socket_folder = tcp.execute("SHOW unix_socket_directories").fetchone()[0]
            cpus = sorted(os.sched_getaffinity(0))
            if len(cpus) > 1:
                os.sched_setaffinity(0, {cpus[0]})
                for name, cpu in (("same_cpu", cpus[0]), ("other_cpu", cpus[1])):
                    os.sched_setaffinity(tcp.info.backend_pid, {cpu})
                    figures[name] = _timed(tcp, args)
                os.sched_setaffinity(0, cpus)
        with psycopg.connect(url, host=socket_folder, autocommit=True) as unix:
            figures["unix"] = _timed(unix, args)
    print(f"SELECT 1, median µs from execute to fetched, {args.repeat} times each")
    print(f"  {'':10}{'at once':>10}{f'after {args.pause} ms of work':>26}")
    for name, (at_once, after_work) in figures.items():
        print(f"  {name:10}{at_once:10.0f}{after_work:26.0f}")
    shown = " ".join(f"{name}_us={at_once:.0f}/{after:.0f}" for name, (at_once, after) in figures.items())
    print(f"pause_ms={args.pause} {shown}")


def _timed(connection, args):
    """(median µs asked at once, median µs asked after PAUSE ms of Python work)"""
    cursor = connection.cursor()
    for _ in range(20):  # PostgreSQL prepares the statement from its 5th run
        cursor.execute("SELECT 1").fetchall()
    at_once, after_work = [], []
    for _ in range(args.repeat):
        _work(args.pause)
        after_work.append(_round_trip(cursor))
        at_once.append(_round_trip(cursor))
    return statistics.median(at_once) * 1e6, statistics.median(after_work) * 1e6


def _round_trip(cursor):
    start = time.perf_counter()
    cursor.execute("SELECT 1").fetchall()
    return time.perf_counter() - start


def _work(milliseconds):
    """Python keeping this CPU busy, as rendering a page does (a sleep would let it idle)."""
    end = time.perf_counter() + milliseconds / 1000
    while time.perf_counter() < end:
        sum(range(200))


if __name__ == "__main__":
    main()
