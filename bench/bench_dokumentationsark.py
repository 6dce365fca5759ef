"""Benchmark: the Dokumentationsark page and its Excel export with many sagsområder.

Run: .venv/bin/python bench/bench_dokumentationsark.py [--rows 2000] [--repeat 7]
Builds a throw-away SQLite database in a temporary folder, fills it with ROWS sagsområder (10
fagområder; half screened Ja, mapped As-is and given a recommended scenario, one contract), then
prints the median time and query count of one page view (100 rows) and of the full export, and the
per-row cost ratio between the two.
"""

import statistics
import time

from scratch import areas, arguments, bench_user, setup_scratch_django


def main():
    args = arguments("rows", 2000, 7)

    setup_scratch_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user = fill(args.rows)
    client = Client()
    client.force_login(user)

    def measure(url):
        times, queries = [], 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200
            queries = len(captured)
        return statistics.median(times), queries, len(response.content)

    page_time, page_queries, page_size = measure("/dokumentationsark/?side=2")
    export_time, export_queries, export_size = measure("/dokumentationsark.xlsx")
    print(f"sagsområder: {args.rows}, repeats: {args.repeat} (medians)")
    for label, (seconds, queries, size) in {
        "page (100 rows)": (page_time, page_queries, page_size),
        "export (all)": (export_time, export_queries, export_size),
    }.items():
        print(f"{label:<17} {seconds * 1000:8.1f} ms  {queries:3d} queries  {size / 1024:7.1f} KiB")
    per_row_page = page_time / 100
    per_row_export = export_time / args.rows
    print(
        f"per row: page {per_row_page * 1e6:.0f} µs, export {per_row_export * 1e6:.0f} µs, "
        f"ratio export/page {per_row_export / per_row_page:.2f}"
    )


def fill(rows):
    from exitstrategi.models import ITSystem, Kontrakt
    from screening.models import Screening
    from workshops.models import AsIs, ToBe

    user = bench_user("Læser")
    saved = areas(rows, 10, noter="Note")
    Screening.objects.bulk_create(Screening(sagsomraade=s, anvender_kmd_sag="ja") for s in saved[::2])
    opera = ITSystem.objects.create(navn="KMD Opera")
    kmd_sag = ITSystem.objects.create(navn="KMD Sag", type="kmd_sag")
    AsIs.objects.bulk_create(
        AsIs(
            sagsomraade=s,
            brugsmoenster="C",
            antal_sagsbehandlere=5,
            system_sager=opera,
            system_journalnotater=kmd_sag,
            system_adviser=kmd_sag,
            system_dokumenter=kmd_sag,
            system_overblik=kmd_sag,
        )
        for s in saved[::2]
    )
    sbsys = ITSystem.objects.create(navn="SBSYS", type="esdh")
    ToBe.objects.bulk_create(
        ToBe(sagsomraade=s, anbefalet_scenarie=2, kompleksitet="middel", loesning_sager=sbsys)
        for s in saved[::2]
    )
    Kontrakt.objects.create(navn="Opera", opsigelsesvarsel=3).itsystemer.set([opera])
    return user


if __name__ == "__main__":
    main()
