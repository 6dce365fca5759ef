"""Reading a Dokumentationsark back from Excel, safely. This first part opens the file: anything that
is not a plain .xlsx within the configured limits is refused with a Danish message before openpyxl
parses it (an .xlsx is a zip: its size unpacked is checked first, so a zip bomb never expands)."""

import io
import zipfile
from dataclasses import dataclass, field
from uuid import UUID

from django.conf import settings
from openpyxl import load_workbook

from .models import Sagsomraade

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


SHEET = "Dokumentationsark"
KEY_HEADER = "Nøgle (rør ikke)"
VERSION_PREFIX = "Version: "
EXPORT_SUFFIX = " (ved eksport)"


@dataclass
class Raekke:
    """One row of the file, matched to its sagsområde."""

    nummer: int  # the row number in Excel
    sagsomraade: object
    vaerdier: dict  # column key -> the cell's value
    versioner: dict  # phase title -> version at export
    flyttet: str = ""  # how the area was moved or re-keyed since the export, in Danish


@dataclass
class Indlaest:
    raekker: list = field(default_factory=list)
    fejl: list = field(default_factory=list)  # "Ark, række, kolonne: besked"


def read_rows(workbook, columns):
    """The file's rows matched to sagsområder by their hidden key, else by fagområde and KLE number;
    every problem at once, as "Dokumentationsark, række n, kolonne: besked"."""
    result = Indlaest()
    if SHEET not in workbook.sheetnames:
        result.fejl.append(f"Arket «{SHEET}» mangler i filen.")
        return result
    sheet = workbook[SHEET]
    header_row = _header_row(sheet)
    if header_row is None:
        result.fejl.append(f"{SHEET}: overskrifterne «Fagområde» og «KLE-nummer» mangler.")
        return result
    by_header = {c.header: c for c in columns}
    places = {}
    unknown = []
    for cell in sheet[header_row]:
        title = str(cell.value).strip() if cell.value is not None else ""
        if not title or title.endswith(EXPORT_SUFFIX):
            continue
        if title == KEY_HEADER or title.startswith(VERSION_PREFIX) or title in by_header:
            places[title] = cell.column - 1
        else:
            unknown.append(title)
    if unknown:
        result.fejl.append(f"{SHEET}, række {header_row}: ukendte kolonner: {', '.join(unknown)}.")
    records = []
    for number, values in enumerate(
        sheet.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1
    ):
        if not any(v not in (None, "") for v in values):
            continue  # a blank row
        get = {title: values[index] if index < len(values) else None for title, index in places.items()}
        records.append((number, get))
    keys = [str(get.get(KEY_HEADER) or "").strip() for _n, get in records]
    by_key = {str(s.noegle): s for s in Sagsomraade.alle.filter(noegle__in=[k for k in keys if _is_uuid(k)])}
    by_business = {
        (s.fagomraade.navn.casefold(), s.kle.nummer): s
        for s in Sagsomraade.alle.select_related("fagomraade", "kle")
    }
    seen = {}
    for (number, get), key in zip(records, keys, strict=True):
        navn = str(get.get("Fagområde") or "").strip()
        kle = str(get.get("KLE-nummer") or "").strip()
        sagsomraade = by_key.get(key) or by_business.get((navn.casefold(), kle))
        if sagsomraade is None:
            result.fejl.append(
                f"{SHEET}, række {number}: sagsområdet {navn or '(uden fagområde)'} "
                f"{kle or '(uden KLE-nummer)'} "
                "findes ikke; nye sagsområder oprettes i programmet."
            )
            continue
        if sagsomraade.fjernet:
            result.fejl.append(
                f"{SHEET}, række {number}: sagsområdet {sagsomraade.fagomraade.navn} "
                f"{sagsomraade.kle.nummer} er fjernet; gendan det i programmet, før du indlæser svar til det."
            )
            continue
        if sagsomraade.pk in seen:
            result.fejl.append(
                f"{SHEET}, række {number}: samme sagsområde som række {seen[sagsomraade.pk]} "
                f"({sagsomraade.fagomraade.navn} {sagsomraade.kle.nummer})."
            )
            continue
        seen[sagsomraade.pk] = number
        nu = (sagsomraade.fagomraade.navn, sagsomraade.kle.nummer)
        flyttet = ""
        if key in by_key and (navn.casefold(), kle) != (nu[0].casefold(), nu[1]):
            flyttet = f"flyttet fra {navn} {kle} til {nu[0]} {nu[1]} siden eksporten"
        result.raekker.append(
            Raekke(
                nummer=number,
                sagsomraade=sagsomraade,
                vaerdier={by_header[t].key: v for t, v in get.items() if t in by_header},
                versioner={
                    t[len(VERSION_PREFIX) :]: v for t, v in get.items() if t.startswith(VERSION_PREFIX)
                },
                flyttet=flyttet,
            )
        )
    return result


def _header_row(sheet):
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_row=5, values_only=True), start=1):
        titles = {str(v).strip() for v in values if v is not None}
        if {"Fagområde", "KLE-nummer"} <= titles:
            return number
    return None


def _is_uuid(text):
    try:
        UUID(text)
    except ValueError:
        return False
    return True
