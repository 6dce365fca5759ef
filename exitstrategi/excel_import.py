"""Reading a Dokumentationsark back from Excel, safely. This first part opens the file: anything that
is not a plain .xlsx within the configured limits is refused with a Danish message before openpyxl
parses it (an .xlsx is a zip: its size unpacked is checked first, so a zip bomb never expands)."""

import io
import zipfile

from django.conf import settings
from openpyxl import load_workbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a password-protected .xlsx, or an old .xls, is an OLE container
ZIP_MAGIC = b"PK\x03\x04"


class ExcelRefused(Exception):
    """The file cannot be read; the message says why, in Danish."""


def open_xlsx(data, filename="filen"):
    """The workbook in `data` (bytes), or ExcelRefused."""
    if len(data) > settings.EXCEL_IMPORT_MAX_BYTES:
        raise ExcelRefused(
            f"{filename} er for stor ({len(data) // 1024} kB); grænsen er "
            f"{settings.EXCEL_IMPORT_MAX_BYTES // 1024} kB."
        )
    if data.startswith(OLE_MAGIC):
        raise ExcelRefused(
            f"{filename} er beskyttet med adgangskode eller er en gammel .xls-fil. Gem den som en almindelig "
            ".xlsx-fil uden adgangskode, og prøv igen."
        )
    if not data.startswith(ZIP_MAGIC):
        raise ExcelRefused(f"{filename} er ikke en Excel-fil (.xlsx), uanset hvad den hedder.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExcelRefused(f"{filename} er beskadiget og kan ikke læses.") from None
    if "xl/workbook.xml" not in names:
        raise ExcelRefused(f"{filename} er ikke en Excel-fil (.xlsx), uanset hvad den hedder.")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ExcelRefused(f"{filename} indeholder makroer. Gem den som .xlsx uden makroer, og prøv igen.")
    if unpacked > settings.EXCEL_IMPORT_MAX_UNPACKED_BYTES:
        raise ExcelRefused(f"{filename} fylder for meget, når den pakkes ud, og læses ikke.")
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file  # noqa: BLE001
        raise ExcelRefused(f"{filename} er beskadiget og kan ikke læses.") from None
    rows = max((sheet.max_row for sheet in workbook.worksheets), default=0)
    if rows > settings.EXCEL_IMPORT_MAX_ROWS:
        raise ExcelRefused(f"{filename} har {rows} rækker; grænsen er {settings.EXCEL_IMPORT_MAX_ROWS}.")
    return workbook
