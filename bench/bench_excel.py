"""Benchmark: the Dokumentationsark to Excel and back, with every phase answered.

Run: .venv/bin/python bench/bench_excel.py [--rows 2000] [--repeat 5]
Builds a throw-away SQLite database with ROWS sagsområder in 20 fagområder, every one screened Ja,
mapped As-is (brugsmønster C), assessed in To-be and prioritised in Fase 4. Prints medians of:
- export: what «Hent som Excel» does (load, prepare and write a chunk of rows at a time, save the .xlsx);
- bare write: the same cell values, computed beforehand, written by openpyxl's write-only mode into
  one sheet with no styles, validations or extra sheets (the floor any export stands on);
- import: a file where every row's answers are changed in every phase (note, screening note, number
  of caseworkers, To-be reasoning, user level): open, validate and preview, then apply in one
  transaction; the database is rolled back between repeats.
- peak_mib: the export's peak Python memory above its start (tracemalloc), what a worker grows by.
The last line is machine-readable.
"""

import statistics
import time
from io import BytesIO

from scratch import areas, arguments, bench_user, setup_scratch_django


def main():
    args = arguments("rows", 2000, 5)

    setup_scratch_django()
    from django.db import transaction
    from openpyxl import Workbook, load_workbook

    from exitstrategi import dokumentationsark, indlaesning
    from exitstrategi.excel import dokumentationsark_xlsx
    from exitstrategi.excel_import import open_xlsx

    user = fill(args.rows)
    columns = dokumentationsark.columns()

    def export():
        return dokumentationsark_xlsx(dokumentationsark.queryset(), columns)[0]

    values = [
        [c.value(r) for c in columns] for r in dokumentationsark.prepare(list(dokumentationsark.queryset()))
    ]

    def bare_write():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Dokumentationsark")
        sheet.append([c.header for c in columns])
        for row in values:
            sheet.append(row)
        buffer = BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    edited = changed_file(load_workbook(BytesIO(export())))

    def import_all():
        with transaction.atomic():
            plan = indlaesning.plan(open_xlsx(edited, "alle.xlsx"), "alle.xlsx", user)
            assert not plan.fejl, plan.fejl[:3]
            saved = indlaesning.apply(plan, user)
            transaction.set_rollback(True)
        return saved, len(plan.aendringer)

    export_s = median(export, args.repeat)
    peak_mib = peak_above_start(export)
    bare_s = median(bare_write, args.repeat)
    import_s = median(import_all, args.repeat)
    saved, cells = import_all()
    print(f"sagsområder: {args.rows}, kolonner: {len(columns)}, repeats: {args.repeat} (medians)")
    print(f"export      {export_s:7.3f} s  ({len(export()) / 1024:.0f} KiB)")
    print(f"bare write  {bare_s:7.3f} s  ({len(bare_write()) / 1024:.0f} KiB)")
    print(f"import      {import_s:7.3f} s  ({cells} cells changed, {saved} records saved)")
    print(
        f"rows={args.rows} export_s={export_s:.3f} bare_write_s={bare_s:.3f} "
        f"export_ratio={export_s / bare_s:.2f} import_s={import_s:.3f} peak_mib={peak_mib:.1f}"
    )


def peak_above_start(work):
    """MiB of Python memory at the export's peak above what was in use when it began (tracemalloc)."""
    import tracemalloc

    tracemalloc.start()
    start, _peak = tracemalloc.get_traced_memory()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (peak - start) / 2**20


def median(work, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


EDITS = {  # header -> the new value for row n
    "Noter": lambda n: f"Rettet i Excel {n}",
    "Note til screening": lambda n: "Bekræftet af fagområdet",
    "2. Antal sagsbehandlere": lambda n: n % 40 + 1,
    "Begrundelse": lambda n: "Ny begrundelse fra kontaktpersonen",
    "Brugerniveau": lambda n: ("Få", "Mellem", "Mange")[n % 3],
}


def changed_file(workbook):
    from exitstrategi.excel import workbook_bytes

    sheet = workbook["Dokumentationsark"]
    places = {c.value: c.column for c in sheet[2]}
    for n in range(3, sheet.max_row + 1):
        for header, value in EDITS.items():
            sheet.cell(n, places[header]).value = value(n)
    return workbook_bytes(workbook)


def fill(rows):
    from exitstrategi.models import ITSystem, Kontrakt
    from prioritering.models import Opgave, Prioritering
    from screening.models import Screening
    from workshops import loesningsscenarier
    from workshops.models import AsIs, ToBe

    user = bench_user("Projektleder")
    saved = areas(rows, 20, noter="Note")
    Screening.objects.bulk_create(Screening(sagsomraade=s, anvender_kmd_sag="ja", version=1) for s in saved)
    opera = ITSystem.objects.create(navn="KMD Opera")
    kmd_sag = ITSystem.objects.create(navn="KMD Sag", type="kmd_sag")
    sbsys = ITSystem.objects.create(navn="SBSYS", type="esdh")
    AsIs.objects.bulk_create(
        AsIs(
            sagsomraade=s,
            q1=True,
            q2=True,
            q3=False,
            brugsmoenster="C",
            antal_sagsbehandlere=5,
            system_sager=opera,
            system_journalnotater=kmd_sag,
            system_adviser=kmd_sag,
            system_dokumenter=kmd_sag,
            system_overblik=kmd_sag,
            monopolbrud_tsa="nej",
            antal_manuelle_sager=100,
            antal_journalnotater=2000,
            oprydning="ja",
            oprydning_aabne_sager=True,
            arkivering="delvist",
            version=1,
        )
        for s in saved
    )
    ToBe.objects.bulk_create(
        ToBe(
            sagsomraade=s,
            anbefalet_scenarie=2,
            begrundelse="Fra workshoppen",
            forretningskritisk="nej",
            kompleksitet="middel",
            loesning_sager=sbsys,
            version=1,
        )
        for s in saved
    )
    tasks = loesningsscenarier.opgaver(2)  # the task list the recommendation brings, as saved records have
    Opgave.objects.bulk_create(
        Opgave(sagsomraade=s, scenarie=2, raekkefoelge=n, tekst=tekst)
        for s in saved
        for n, tekst in enumerate(tasks)
    )
    Prioritering.objects.bulk_create(
        Prioritering(sagsomraade=s, brugerniveau="faa", version=1) for s in saved
    )
    Kontrakt.objects.create(navn="Opera", opsigelsesvarsel=3).itsystemer.set([opera])
    return user


if __name__ == "__main__":
    main()
