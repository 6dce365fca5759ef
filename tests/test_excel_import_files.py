"""The Excel import opens only a plain .xlsx within the limits; anything else is refused in Danish."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from exitstrategi.excel import workbook_bytes
from exitstrategi.excel_import import ExcelRefused, open_xlsx


def xlsx(rows=1):
    workbook = Workbook()
    for n in range(rows):
        workbook.active.append(["Borgerservice", "32.06.00", f"Række {n}"])
    return workbook_bytes(workbook)


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_plain_xlsx_opens():
    workbook = open_xlsx(xlsx(3), "ark.xlsx")

    assert workbook.active["C3"].value == "Række 2"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Fagomraade;KLE\nBorgerservice;32.06.00\n",
            "ark.xlsx er ikke en Excel-fil (.xlsx), uanset hvad den hedder.",
        ),
        (
            zipped({"word/document.xml": "<w/>"}),
            "ark.xlsx er ikke en Excel-fil (.xlsx), uanset hvad den hedder.",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "ark.xlsx er beskyttet med adgangskode"),
        (
            zipped({"xl/workbook.xml": "<workbook/>", "xl/vbaProject.bin": b"\x00"}),
            "ark.xlsx indeholder makroer.",
        ),
        (b"PK\x03\x04" + bytes(200), "ark.xlsx er beskadiget og kan ikke læses."),
        (
            zipped({"xl/workbook.xml": "ikke xml", "[Content_Types].xml": "ikke xml"}),
            "ark.xlsx er beskadiget",
        ),
    ],
)
def test_files_that_are_not_plain_xlsx_are_refused(data, message):
    with pytest.raises(ExcelRefused) as refused:
        open_xlsx(data, "ark.xlsx")

    assert str(refused.value).startswith(message)


def test_a_sheet_with_entities_is_refused_unread():
    from tests.test_xlsx_rows import package

    doctype = '<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>'
    data = package('<row r="1"><c r="A1" t="inlineStr"><is><t>&x;&a;</t></is></c></row>', doctype=doctype)

    with pytest.raises(ExcelRefused, match="ark.xlsx er beskadiget og kan ikke læses."):
        open_xlsx(data, "ark.xlsx")


def test_the_limits_refuse_before_reading(settings):
    data = xlsx(5)

    settings.EXCEL_IMPORT_MAX_ROWS = 4
    with pytest.raises(ExcelRefused, match="ark.xlsx har 5 rækker; grænsen er 4."):
        open_xlsx(data, "ark.xlsx")
    settings.EXCEL_IMPORT_MAX_UNPACKED_BYTES = 1000  # a zip bomb is caught by its unpacked size
    with pytest.raises(ExcelRefused, match="fylder for meget, når den pakkes ud"):
        open_xlsx(data, "ark.xlsx")
    settings.EXCEL_IMPORT_MAX_BYTES = 100
    with pytest.raises(ExcelRefused, match="er for stor"):
        open_xlsx(data, "ark.xlsx")


# --- reading the rows back: matched by the hidden key, else by fagområde and KLE number ---------------


def exported(rows):
    from exitstrategi import dokumentationsark
    from exitstrategi.excel import dokumentationsark_workbook

    prepared = dokumentationsark.prepare(list(rows))
    return open_xlsx(workbook_bytes(dokumentationsark_workbook(prepared, dokumentationsark.columns())))


def read(workbook):
    """The rows of a workbook as the import reads them: from its file."""
    from exitstrategi import dokumentationsark
    from exitstrategi.excel_import import read_rows

    if not workbook.read_only:
        workbook = open_xlsx(workbook_bytes(workbook))
    return read_rows(workbook, dokumentationsark.columns())


def test_an_export_reads_back_row_by_row_by_its_hidden_key(db, sagsomraade, fremmed_sagsomraade):
    from exitstrategi.models import Sagsomraade

    result = read(exported(Sagsomraade.objects.order_by("kle__nummer")))

    assert result.fejl == []
    assert {r.sagsomraade for r in result.raekker} == {sagsomraade, fremmed_sagsomraade}
    first = result.raekker[0]
    assert first.nummer == 3 and first.vaerdier["kle"] == first.sagsomraade.kle.nummer
    assert first.versioner["Grundoplysninger"] == 0


def test_a_row_moved_since_the_export_is_still_matched_and_the_move_is_shown(db, sagsomraade, arbejdsmarked):
    from exitstrategi.models import Sagsomraade

    workbook = exported(Sagsomraade.objects.all())
    Sagsomraade.objects.filter(pk=sagsomraade.pk).update(fagomraade=arbejdsmarked)

    [row] = read(workbook).raekker
    assert row.sagsomraade.pk == sagsomraade.pk
    assert row.flyttet == "flyttet fra Borgerservice 32.06.00 til Arbejdsmarked 32.06.00 siden eksporten"


def test_a_typed_row_is_matched_by_its_business_key_and_blank_rows_are_skipped(db, sagsomraade):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dokumentationsark"
    sheet.append(["KLE-nummer", "Fagområde", "Noter"])  # reordered, fewer columns
    sheet.append([None, None, None])
    sheet.append(["32.06.00", "borgerservice", "Skrevet i Excel, æøå"])

    result = read(workbook)

    assert result.fejl == []
    [row] = result.raekker
    assert (row.sagsomraade, row.nummer, row.vaerdier["noter"]) == (sagsomraade, 3, "Skrevet i Excel, æøå")


def test_unknown_columns_unknown_areas_and_duplicates_are_all_reported(db, sagsomraade):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dokumentationsark"
    sheet.append(["Fagområde", "KLE-nummer", "Farve", "Størrelse"])
    sheet.append(["Borgerservice", "32.06.00"])
    sheet.append(["Borgerservice", "32.06.00"])
    sheet.append(["Borgerservice", "99.99.99"])

    assert read(workbook).fejl == [
        "Dokumentationsark, række 1: ukendte kolonner: Farve, Størrelse.",
        "Dokumentationsark, række 3: samme sagsområde som række 2 (Borgerservice 32.06.00).",
        "Dokumentationsark, række 4: sagsområdet Borgerservice 99.99.99 findes ikke. Nye sagsområder "
        "oprettes i programmet, eller af projektlederen ved at tillade nye sagsområder i indlæsningen.",
    ]


def test_a_file_without_the_sheet_or_its_key_headers_is_refused():
    workbook = Workbook()
    assert read(workbook).fejl == ["Arket «Dokumentationsark» mangler i filen."]
    workbook.active.title = "Dokumentationsark"
    workbook.active.append(["Navn", "Nummer"])
    assert read(workbook).fejl == ["Dokumentationsark: overskrifterne «Fagområde» og «KLE-nummer» mangler."]


def test_a_damaged_sheet_is_refused_in_danish(db):
    from tests.test_xlsx_rows import package

    data = package('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', title="Dokumentationsark")

    assert read(open_xlsx(data)).fejl == ["Arket «Dokumentationsark» er beskadiget og kan ikke læses."]


def test_a_row_of_a_removed_area_is_refused_with_the_way_back(db, sagsomraade):
    from django.utils import timezone

    from exitstrategi.models import Sagsomraade

    workbook = exported(Sagsomraade.objects.all())
    Sagsomraade.alle.filter(pk=sagsomraade.pk).update(fjernet=timezone.now())

    assert read(workbook).fejl == [
        "Dokumentationsark, række 3: sagsområdet Borgerservice 32.06.00 er fjernet; gendan det i programmet, "
        "før du indlæser svar til det."
    ]
