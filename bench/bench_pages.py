"""Benchmark: the big pages against Django admin's change list, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/bench_pages.py [--rows 2000] [--repeat 15]
For 500 and ROWS sagsområder (workshop_municipality: fagområder of 100, half screened Ja and mapped
As-is, To-be for C/D, a combined workshop over 4 fagområder, one more fagområde of 1,000 unanswered
areas) it prints the median server time, query count and size of each page, as the project leader
sees it through Django's test client, and the **admin reference**: a benchmark-only ModelAdmin listing
all sagsområder of the 20 fagområder on one page with fagområde, KLE number, title, screening answer,
brugsmønster, caseworkers and recommended scenario. Each database is a throw-away one (SQLite in a
temporary folder; PostgreSQL in a temporary cluster when its Debian packages are installed), analysed
after loading, as a production database has its statistics. Each page's median leaves out its first
WARM_UP requests (a worker serves hundreds on one connection). The line before the last compares the
Dokumentationsark on the two databases (the target: PostgreSQL no slower), measured apart from the
tables above: two processes, one per database, answer its requests in turn, so that both meet this
machine in the same phase (measured minutes apart, the ratio wandered between 1.0 and 1.5). The last
line holds, for each figure, the slower database's at ROWS.
"""

import gzip
import json
import statistics
import subprocess
import sys
import time
import types

from scratch import (
    analyze,
    arguments,
    bench_user,
    setup_scratch_django,
    throwaway_postgres,
    workshop_municipality,
)

PAGES = {  # name: url, given the workshop and the big fagområde
    "dokumentationsark": lambda w, big: "/dokumentationsark/",
    "prioritering": lambda w, big: "/prioritering/",
    "wall": lambda w, big: f"/workshops/{w.pk}/vaeggen/",
    "wall_poll": lambda w, big: f"/workshops/{w.pk}/vaeggen/data/?siden={_now()}",
    "screening1000": lambda w, big: f"/screening/{big.slug}/",
    "front": lambda w, big: "/",
    "notat": lambda w, big: "/prioritering/notat/",
    "admin": lambda w, big: "/bench-admin/exitstrategi/sagsomraade/",
}


# Requests left out of each page's median, as a worker's connection serves hundreds in its minute: the
# first fill caches, PostgreSQL prepares a statement on its 5th run (settings: prepare_threshold) and
# plans it for the values given 5 times more before it keeps one generic plan.
WARM_UP = 11


def _now():
    from django.utils import timezone

    return timezone.now().isoformat()


def main():
    if "--child" in sys.argv:
        return child()
    if "--serve" in sys.argv:
        return serve_sheet()
    args = arguments("rows", 2000, 15)
    results = {}
    with throwaway_postgres() as postgres:
        for database in ("sqlite", "postgres"):
            if database == "postgres" and postgres is None:
                print("PostgreSQL is not installed: SQLite only.")
                continue
            for rows in sorted({500, args.rows}):
                command = [sys.executable, __file__, "--child", str(rows), str(args.repeat), postgres or ""]
                if database == "sqlite":
                    command[-1] = ""
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                results[database, rows] = json.loads(out.strip().splitlines()[-1])
                if database == "postgres":  # a fresh database for the next size
                    _recreate(postgres)
        sheet = _sheet_in_turn(args.rows, 4 * args.repeat, postgres) if postgres else None
    for (database, rows), pages in results.items():
        print(f"\n{database}, {rows} sagsområder (medians of {args.repeat})")
        admin = pages["admin"]["ms"]
        for name, page in pages.items():
            print(
                f"  {name:<18} {page['ms']:8.1f} ms  {page['queries']:4d} queries  "
                f"{page['kb']:8.1f} KiB ({page['kb_gzip']:7.1f} KiB gzip)  {page['ms'] / admin:5.2f}× admin"
            )
    at_size = [pages for (_database, rows), pages in results.items() if rows == args.rows]

    def worst(figure):  # the slower database's figure
        return max(figure(pages) for pages in at_size)

    def ratio(pages, name):
        return pages[name]["ms"] / pages["admin"]["ms"]

    if sheet:
        print(
            f"dokumentationsark_ms sqlite={sheet['sqlite']:.1f} postgres={sheet['postgres']:.1f} "
            f"ratio={sheet['postgres'] / sheet['sqlite']:.2f} (in turn, medians of {4 * args.repeat})"
        )
    ours = [name for name in PAGES if name not in ("admin", "wall_poll")]
    print(
        f"rows={args.rows} worst_ratio={worst(lambda p: max(ratio(p, n) for n in ours)):.2f} "
        f"wall_ratio={worst(lambda p: ratio(p, 'wall')):.2f} "
        f"wall_kb={worst(lambda p: p['wall']['kb_sent']):.0f} "
        f"poll_ms={worst(lambda p: p['wall_poll']['ms']):.1f} "
        f"screening1000_ms={worst(lambda p: p['screening1000']['ms']):.0f}"
    )


def _sheet_in_turn(rows, repeat, postgres):
    """{database: median ms} of the project leader's Dokumentationsark, one request on each database in
    turn (which goes first alternates), each in its own process with ROWS sagsområder."""
    servers = {
        database: subprocess.Popen(
            [sys.executable, __file__, "--serve", str(rows), url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for database, url in (("sqlite", ""), ("postgres", postgres))
    }
    try:
        for server in servers.values():
            assert server.stdout.readline().strip() == "ready"
        times = {database: [] for database in servers}
        for turn in range(WARM_UP + repeat):
            for database in sorted(servers, reverse=turn % 2 == 1):
                servers[database].stdin.write("sheet\n")
                servers[database].stdin.flush()
                times[database].append(float(servers[database].stdout.readline()))
        return {database: statistics.median(ms[WARM_UP:]) for database, ms in times.items()}
    finally:
        for server in servers.values():
            server.stdin.close()
            server.wait()
        _recreate(postgres)


def serve_sheet():
    """A child that answers each line on stdin with one Dokumentationsark request's milliseconds."""
    rows, database_url = int(sys.argv[2]), sys.argv[3] or None
    setup_scratch_django(database_url)
    from django.test import Client

    workshop_municipality(rows)
    analyze()
    leader = Client()
    leader.force_login(bench_user("Projektleder"))
    print("ready", flush=True)
    for _line in sys.stdin:
        start = time.perf_counter()
        response = leader.get(PAGES["dokumentationsark"](None, None))
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        print(f"{elapsed:.3f}", flush=True)


def _recreate(url):
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def child():
    rows, repeat, database_url = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None
    setup_scratch_django(database_url)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    workshop, big = workshop_municipality(rows)
    analyze()
    settings.ROOT_URLCONF = _urls_with_admin_reference()
    leader = Client()
    leader.force_login(bench_user("Projektleder"))
    admin = Client()
    admin.force_login(User.objects.create_superuser("bench-admin"))
    figures = {}
    for name, url_of in PAGES.items():
        client = admin if name == "admin" else leader
        times = []
        for _ in range(WARM_UP + repeat):
            url = url_of(workshop, big)
            queries = []
            with connection.execute_wrapper(_counted(queries)):
                start = time.perf_counter()
                response = client.get(url, headers={"accept-encoding": "gzip"})
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        body = response.content
        raw = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
        figures[name] = {
            "ms": statistics.median(times[WARM_UP:]) * 1000,
            "queries": len(queries),
            "kb": len(raw) / 1024,
            "kb_gzip": len(gzip.compress(raw)) / 1024,
            "kb_sent": len(body) / 1024,
        }
    print(json.dumps(figures))


def _counted(queries):
    """An execute wrapper noting each query. Not Django's CaptureQueriesContext: with server-side
    binding its debug cursor has psycopg write every query out with its values (`mogrify`), a cost
    the page does not have in production."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def _urls_with_admin_reference():
    """The project's URLs plus /bench-admin/: a change list of every sagsområde on one page."""
    from django.contrib import admin
    from django.urls import include, path

    from exitstrategi.models import Sagsomraade

    site = admin.AdminSite(name="bench_admin")

    class Reference(admin.ModelAdmin):
        list_display = ("fagomraade", "kle_nummer", "titel", "screening", "brugsmoenster", "sagsbehandlere")
        list_display = (*list_display, "scenarie")
        list_select_related = ("fagomraade", "kle", "screening", "asis", "tobe")
        list_per_page = 2000

        def get_queryset(self, request):
            return super().get_queryset(request).exclude(fagomraade__navn="Stort fagområde")

        @admin.display(description="KLE-nummer")
        def kle_nummer(self, obj):
            return obj.kle.nummer

        @admin.display(description="KMD Sag i dag?")
        def screening(self, obj):
            return obj.screening.get_anvender_kmd_sag_display() if hasattr(obj, "screening") else ""

        @admin.display(description="Brugsmønster")
        def brugsmoenster(self, obj):
            return obj.asis.brugsmoenster if hasattr(obj, "asis") else ""

        @admin.display(description="Sagsbehandlere")
        def sagsbehandlere(self, obj):
            return obj.asis.antal_sagsbehandlere if hasattr(obj, "asis") else ""

        @admin.display(description="Anbefalet scenarie")
        def scenarie(self, obj):
            return obj.tobe.anbefalet_scenarie if hasattr(obj, "tobe") else ""

    site.register(Sagsomraade, Reference)
    urls = types.ModuleType("bench_urls")
    urls.urlpatterns = [path("bench-admin/", site.urls), path("", include("exitstrategi.urls"))]
    return urls


if __name__ == "__main__":
    main()
