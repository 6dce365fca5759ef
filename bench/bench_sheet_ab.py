"""Benchmark: the Dokumentationsark of two versions of the code, each on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/bench_sheet_ab.py OTHER [--rows 2000] [--repeat 200]
OTHER is another checkout of this repository (for example `git worktree add /tmp/old <commit>`); it
runs with this checkout's virtualenv. Four processes, this code and OTHER's on a SQLite file and on a
database of one throw-away PostgreSQL cluster, each with ROWS sagsområder (bench_pages.py --serve),
answer the project leader's Dokumentationsark in turn, the order rotating: this machine's speed
drifts by a fifth from one hour to the next, so two versions measured apart cannot be compared. It
prints each one's median ms (leaving out the first WARM_UP requests) and, per version, PostgreSQL's
time divided by SQLite's.
"""

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from scratch import throwaway_postgres

HERE = Path(__file__).resolve().parent.parent
WARM_UP = 20


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("other", type=Path)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with throwaway_postgres() as postgres:
        if postgres is None:
            sys.exit("PostgreSQL is not installed.")
        import psycopg

        base = postgres.rsplit("/", 1)[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute('CREATE DATABASE "other"')
        versions = {"this": (HERE, postgres), "other": (args.other.resolve(), f"{base}/other")}
        servers = {
            f"{version} {database}": _serve(root, url if database == "postgres" else "", args.rows)
            for version, (root, url) in versions.items()
            for database in ("sqlite", "postgres")
        }
        try:
            medians = _in_turn(servers, args.repeat)
        finally:
            for server in servers.values():
                server.stdin.close()
                server.wait()
    print(f"Dokumentationsark, {args.rows} sagsområder, medians of {args.repeat} in turn")
    for name, median in medians.items():
        print(f"  {name:16} {median:6.2f} ms")
    ratios = {version: medians[f"{version} postgres"] / medians[f"{version} sqlite"] for version in versions}
    print(f"rows={args.rows} ratio_this={ratios['this']:.3f} ratio_other={ratios['other']:.3f}")


def _serve(root, url, rows):
    command = [sys.executable, str(root / "bench" / "bench_pages.py"), "--serve", str(rows), url]
    return subprocess.Popen(command, cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _in_turn(servers, repeat):
    for server in servers.values():
        assert server.stdout.readline().strip() == "ready"
    names = list(servers)
    times = {name: [] for name in names}
    for turn in range(WARM_UP + repeat):
        order = names[turn % len(names) :] + names[: turn % len(names)]
        for name in reversed(order) if turn % (2 * len(names)) >= len(names) else order:
            servers[name].stdin.write("sheet\n")
            servers[name].stdin.flush()
            times[name].append(float(servers[name].stdout.readline()))
    return {name: statistics.median(ms[WARM_UP:]) for name, ms in times.items()}


if __name__ == "__main__":
    main()
