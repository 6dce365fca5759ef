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
