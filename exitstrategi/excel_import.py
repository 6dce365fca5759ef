"""Reading a Dokumentationsark back from Excel, safely. This first part opens the file: anything that
is not a plain .xlsx within the configured limits is refused with a Danish message before openpyxl
parses it (an .xlsx is a zip: its size unpacked is checked first, so a zip bomb never expands)."""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from .excel import EXPORTED_HEADER, KEY_HEADER, STATIC_SUFFIX, VERSION_PREFIX
from .models import KLE, Fagomraade, Sagsomraade
from .xlsx_rows import DamagedSheet, sheet_values

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
        workbook = load_workbook(io.BytesIO(data), data_only=False, read_only=True)  # streamed: fast
    except Exception:  # openpyxl raises many kinds on a damaged file  # noqa: BLE001
        raise ExcelRefused(f"{filename} er beskadiget og kan ikke læses.") from None
    rows = max((sheet.max_row or 0 for sheet in workbook.worksheets), default=0)  # as the file says
    if rows > settings.EXCEL_IMPORT_MAX_ROWS:
        raise ExcelRefused(f"{filename} har {rows} rækker; grænsen er {settings.EXCEL_IMPORT_MAX_ROWS}.")
    return workbook


SHEET = "Dokumentationsark"
HIDDEN = (KEY_HEADER, EXPORTED_HEADER)


@dataclass
class Raekke:
    """One row of the file, matched to its sagsområde."""

    nummer: int  # the row number in Excel
    sagsomraade: object  # unsaved when the row creates a new sagsområde
    vaerdier: dict  # column key -> the cell's value
    versioner: dict  # phase title -> version at export
    formler: set = field(default_factory=set)  # keys of the columns whose cell holds a formula
    eksporteret: datetime | None = None  # when the file was made
    flyttet: str = ""  # how the area was moved or re-keyed since the export, in Danish


@dataclass
class Indlaest:
    raekker: list = field(default_factory=list)
    fejl: list = field(default_factory=list)  # "Ark, række, kolonne: besked"


def read_rows(workbook, columns, tillad_nye=False):
    """The file's rows matched to sagsområder by their hidden key, else by fagområde and KLE number;
    every problem at once, as "Dokumentationsark, række n, kolonne: besked". With `tillad_nye`, a row
    of a known fagområde and an active KLE emne that has no sagsområde yet makes a new one (unsaved)."""
    result = Indlaest()
    if SHEET not in workbook.sheetnames:
        result.fejl.append(f"Arket «{SHEET}» mangler i filen.")
        return result
    rows, why = _sheet_rows(workbook[SHEET])
    if why:
        result.fejl.append(why)
        return result
    header = next((r for r in rows if r[0] <= 5 and {"Fagområde", "KLE-nummer"} <= _titles(r[1])), None)
    if header is None:
        result.fejl.append(f"{SHEET}: overskrifterne «Fagområde» og «KLE-nummer» mangler.")
        return result
    header_row, titles, _formulas = header
    by_header = {c.header: c for c in columns}
    places = {}
    unknown = []
    for place, value in sorted(titles.items()):
        title = str(value).strip()
        if not title or title.endswith(STATIC_SUFFIX):
            continue
        if title in HIDDEN or title.startswith(VERSION_PREFIX) or title in by_header:
            places[title] = place
        else:
            unknown.append(title)
    if unknown:
        result.fejl.append(f"{SHEET}, række {header_row}: ukendte kolonner: {', '.join(unknown)}.")
    records = [
        (number, {title: values.get(place) for title, place in places.items()}, formulas)
        for number, values, formulas in rows
        if number > header_row and any(v not in (None, "") for v in values.values())  # not a blank row
    ]
    keys = [str(found.get(KEY_HEADER) or "").strip() for _n, found, _f in records]
    every = list(Sagsomraade.alle.select_related("fagomraade", "kle"))
    by_key = {str(s.noegle): s for s in every}
    by_business = {(s.fagomraade.navn.casefold(), s.kle.nummer): s for s in every}
    new = _NewAreas() if tillad_nye else None
    seen = {}
    for (number, found, formulas), key in zip(records, keys, strict=True):
        navn = str(found["Fagområde"] or "").strip()
        kle = str(found["KLE-nummer"] or "").strip()
        sagsomraade = by_key.get(key) or by_business.get((navn.casefold(), kle))
        if sagsomraade is None and new is not None:
            sagsomraade, why = new.area(navn, kle)
            if why:
                result.fejl.append(f"{SHEET}, række {number}: {why}")
                continue
        if sagsomraade is None:
            result.fejl.append(
                f"{SHEET}, række {number}: sagsområdet {navn or '(uden fagområde)'} "
                f"{kle or '(uden KLE-nummer)'} findes ikke. Nye sagsområder oprettes i programmet, "
                "eller af projektlederen ved at tillade nye sagsområder i indlæsningen."
            )
            continue
        if sagsomraade.fjernet:
            result.fejl.append(
                f"{SHEET}, række {number}: sagsområdet {sagsomraade.fagomraade.navn} "
                f"{sagsomraade.kle.nummer} er fjernet; gendan det i programmet, før du indlæser svar til det."
            )
            continue
        identity = sagsomraade.pk or (sagsomraade.fagomraade.pk, sagsomraade.kle.pk)
        if identity in seen:
            result.fejl.append(
                f"{SHEET}, række {number}: samme sagsområde som række {seen[identity]} "
                f"({sagsomraade.fagomraade.navn} {sagsomraade.kle.nummer})."
            )
            continue
        seen[identity] = number
        nu = (sagsomraade.fagomraade.navn, sagsomraade.kle.nummer)
        flyttet = ""
        if key in by_key and (navn.casefold(), kle) != (nu[0].casefold(), nu[1]):
            flyttet = f"flyttet fra {navn} {kle} til {nu[0]} {nu[1]} siden eksporten"
        result.raekker.append(
            Raekke(
                nummer=number,
                sagsomraade=sagsomraade,
                vaerdier={by_header[t].key: value for t, value in found.items() if t in by_header},
                versioner={
                    t[len(VERSION_PREFIX) :]: _version(value)
                    for t, value in found.items()
                    if t.startswith(VERSION_PREFIX)
                },
                formler={by_header[t].key for t in found if t in by_header and places[t] in formulas},
                eksporteret=_time(found.get(EXPORTED_HEADER)),
                flyttet=flyttet,
            )
        )
    return result


class _NewAreas:
    """New sagsområder from typed rows: a known fagområde and an active KLE emne."""

    def __init__(self):
        self.fagomraader = {f.navn.casefold(): f for f in Fagomraade.objects.all()}
        emner = KLE.objects.filter(niveau=KLE.Niveau.EMNE, status=KLE.Status.AKTIV)
        self.emner = {k.nummer: k for k in emner}

    def area(self, navn, nummer):
        fagomraade = self.fagomraader.get(navn.casefold())
        if fagomraade is None:
            return None, f"fagområdet «{navn}» findes ikke; opret det i programmet først."
        kle = self.emner.get(nummer)
        if kle is None:
            return None, f"«{nummer}» er ikke et gældende KLE-emnenummer (fx 32.24.02)."
        return Sagsomraade(fagomraade=fagomraade, kle=kle), ""


def _version(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _time(value):
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return parse_datetime(str(value)) if value else None


def _sheet_rows(sheet):
    """The sheet's rows that hold a cell (xlsx_rows.sheet_values), or why they cannot be read."""
    if not isinstance(sheet, ReadOnlyWorksheet):
        return [], f"«{SHEET}» er ikke et almindeligt regneark i filen."
    rows = []
    try:
        for row in sheet_values(sheet):
            if row[0] > settings.EXCEL_IMPORT_MAX_ROWS:  # a file that understated its size
                return [], f"{SHEET} har mere end {settings.EXCEL_IMPORT_MAX_ROWS} rækker; det er grænsen."
            rows.append(row)
    except DamagedSheet:
        return [], f"Arket «{SHEET}» er beskadiget og kan ikke læses."
    return rows, ""


def _titles(values):
    return {str(v).strip() for v in values.values()}
