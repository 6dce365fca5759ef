"""Benchmark: the beslutningsnotat with many sagsområder in scope.

Run: .venv/bin/python bench/bench_beslutningsnotat.py [--areas 500] [--repeat 5]
Builds a throw-away SQLite database in a temporary folder with AREAS sagsområder of brugsmønster C
or D (10 fagområder; each screened Ja, mapped, recommended a scenario 1–4, half re-assessed, every
one with a user level and a planned quarter; contracts on the systems), then times, from the data in
the database to the finished bytes, the .docx download and the HTML page (medians of REPEAT runs).
The last line is `areas=<n> docx_s=<median seconds> html_s=<median seconds>`.
"""

import statistics
import time
from datetime import date

from scratch import areas, arguments, bench_user, setup_scratch_django


def main():
    args = arguments("areas", 500, 5)

    setup_scratch_django()
    from django.test import Client

    user = fill(args.areas)
    client = Client()
    client.force_login(user)

    def measure(url):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            content = response.content
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        return statistics.median(times), len(content)

    docx_s, docx_size = measure("/prioritering/notat/beslutningsnotat.docx")
    html_s, html_size = measure("/prioritering/notat/")
    print(f"sagsområder i fase 4: {args.areas}, gentagelser: {args.repeat} (medianer)")
    print(f".docx  {docx_s:6.3f} s  {docx_size / 1024:7.1f} KiB")
    print(f"HTML   {html_s:6.3f} s  {html_size / 1024:7.1f} KiB   ratio docx/HTML {docx_s / html_s:.2f}")
    print(f"areas={args.areas} docx_s={docx_s:.3f} html_s={html_s:.3f}")


def fill(count):
    from exitstrategi.models import ITSystem, Kontrakt
    from prioritering.models import Prioritering
    from screening.models import Screening
    from workshops.models import AsIs, ToBe

    user = bench_user("Læser")
    saved = areas(count, 10)
    Screening.objects.bulk_create(Screening(sagsomraade=s, anvender_kmd_sag="ja") for s in saved)
    opera = ITSystem.objects.create(navn="KMD Opera")
    kmd_sag = ITSystem.objects.create(navn="KMD Sag", type="kmd_sag")
    sbsys = ITSystem.objects.create(navn="SBSYS", type="esdh")
    AsIs.objects.bulk_create(
        AsIs(
            sagsomraade=s,
            brugsmoenster="CD"[i % 2],
            antal_sagsbehandlere=3 + i % 40,
            antal_manuelle_sager=100 + i,
            system_sager=opera,
            system_journalnotater=kmd_sag,
            system_adviser=kmd_sag,
            system_dokumenter=kmd_sag,
            system_overblik=kmd_sag,
        )
        for i, s in enumerate(saved)
    )
    ToBe.objects.bulk_create(
        ToBe(
            sagsomraade=s,
            anbefalet_scenarie=1 + i % 4,
            kompleksitet=("lav", "middel", "hoej")[i % 3],
            forretningskritisk=("ja", "nej")[i % 2],
            loesning_sager=sbsys,
            begrundelse="Workshoppens begrundelse for anbefalingen.",
        )
        for i, s in enumerate(saved)
    )
    Prioritering.objects.bulk_create(
        Prioritering(
            sagsomraade=s,
            brugerniveau=("faa", "mellem", "mange")[i % 3],
            forretningskritisk="ja" if i % 4 == 0 else "",
            flytning=date(2027 + i % 3, 3 * (1 + i % 4), 28 if i % 4 == 0 else 30),
        )
        for i, s in enumerate(saved)
    )
    for system in (opera, kmd_sag):
        Kontrakt.objects.create(navn=f"{system.navn} drift", opsigelsesvarsel=6).itsystemer.set([system])
    return user


if __name__ == "__main__":
    main()
