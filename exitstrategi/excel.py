"""Writes the Dokumentationsark as an .xlsx file that looks and behaves like the old sheet: a row per
sagsområde, a grouped header per phase, dropdowns for fixed answers, computed columns in grey, live
formulas where the KOMBIT sheet has them, and the Overblik and Vejledning sheets."""

from collections import Counter
from copy import copy
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation

from . import guiden
from .dokumentationsark import choice_labels, versions

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DROPDOWN_ROWS = 1000  # dropdowns also cover empty rows, so rows added in Excel get them too
GROUP_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
COMPUTED_FILL = PatternFill("solid", fgColor="E7E6E6")
COMPUTED_NOTE = "Beregnes af Exitstrategi – rettes ikke her."
INLINE_LIST_MAX = 255  # Excel's limit for a dropdown list written into the validation itself
KEY_HEADER = "Nøgle (rør ikke)"  # the row's stable identity, in a hidden column
EXPORTED_HEADER = "Eksporteret (rør ikke)"  # when the file was made: the import's base for conflicts
VERSION_PREFIX = "Version: "  # then the phase: the version of its record when the file was made
STATIC_SUFFIX = " (ved eksport)"  # a formula column's value at export, beside it

VEJLEDNING = [
    "Vejledning til Dokumentationsarket",
    "",
    "Arket har én række pr. sagsområde og én kolonne pr. spørgsmål i exitstrategiens faser.",
    f"Fase 1 (screening): Svar Ja eller Nej til «{guiden.SCREENING}».",
    "Også Nej-svar dokumenteres, så det kan ses, at alle sagsområder er gennemgået.",
    "Sagsområder med Nej indgår ikke i de senere faser.",
    "Brug filtrene i overskriftsrækken til at sortere og udvælge rækker.",
    "Kolonneoverskrifterne er korte; guidens fulde spørgsmål står som note på overskriften og nedenfor.",
    "Grå kolonner beregnes af Exitstrategi og rettes ikke i arket.",
    "De skjulte kolonner til sidst (nøgle og versioner) følger rækken; slet eller ret dem ikke.",
    "",
]


@dataclass(frozen=True)
class Slot:
    column: object
    static: bool = False  # the value at export beside a formula column, for readers that do not calculate


def write_text(cell, value):
    """Write a value so Excel never runs text as a formula (CSV/formula injection)."""
    if not isinstance(value, (str, int, float, date, type(None))):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True
            return
    cell.value = value if value != "" else None
    if isinstance(value, date):
        cell.number_format = "DD.MM.YYYY"


def _layout(columns):
    slots = []
    for column in columns:
        slots.append(Slot(column))
        if column.formula:
            slots.append(Slot(column, static=True))
    return slots


def _header(slot):
    return f"{slot.column.header}{STATIC_SUFFIX}" if slot.static else slot.column.header


def _computed(slot):
    return slot.static or slot.column.read_only or slot.column.formula is not None


def dokumentationsark_workbook(rows, columns):
    workbook = Workbook()
    workbook.calculation = CalcProperties(
        fullCalcOnLoad=True
    )  # Excel and LibreOffice compute formulas on open
    computed_style = NamedStyle("beregnet", fill=COMPUTED_FILL)
    workbook.add_named_style(computed_style)
    sheet = workbook.active
    sheet.title = "Dokumentationsark"
    slots = _layout(columns)
    letters = {s.column.key: get_column_letter(i) for i, s in enumerate(slots, 1) if not s.static}
    _write_headers(sheet, slots)
    hidden_start = len(slots) + 1
    counts = {s.column.key: Counter() for s in slots if s.column.overblik and not s.static}
    formulas = {s.column.key: s.column.formula(letters) for s in slots if s.column.formula and not s.static}
    computed = {index: _computed(s) for index, s in enumerate(slots, start=1)}
    computed_style_array = _style_array(sheet, "beregnet")
    exported_at = timezone.now().isoformat()
    row_number = HEADER_ROW
    for row_number, row in enumerate(rows, start=FIRST_ROW):
        for index, slot in enumerate(slots, start=1):
            make = None if slot.static else formulas.get(slot.column.key)
            formula = make(row_number) if make else None
            value = slot.column.value(row)
            if formula or value not in ("", None):  # an empty cell costs nothing when it is never created
                cell = sheet.cell(row=row_number, column=index)
                if computed[index]:  # before the value: a named style replaces the date format too
                    cell._style = copy(computed_style_array)
                if formula:
                    cell.value = formula
                else:
                    write_text(cell, value)
            if slot.column.key in counts and not slot.static:
                counts[slot.column.key][str(value) if value not in ("", None) else "Ikke besvaret"] += 1
        sheet.cell(row=row_number, column=hidden_start, value=str(row.noegle))
        sheet.cell(row=row_number, column=hidden_start + 1, value=exported_at)
        for offset, (_fase, version) in enumerate(versions(row), start=2):
            sheet.cell(row=row_number, column=hidden_start + offset, value=version)
    _write_hidden_headers(sheet, hidden_start, rows)
    last_letter = get_column_letter(len(slots))
    sheet.freeze_panes = f"D{FIRST_ROW}"  # the header rows and fagområde, KLE-nummer, sagsområde
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{row_number}"
    _add_dropdowns(workbook, sheet, slots, row_number)
    _overblik(workbook, slots, counts)
    _vejledning(workbook, columns)
    return workbook


def _style_array(sheet, name):
    """The internal style of a named style, copied onto cells: assigning the name costs a lookup each."""
    probe = sheet.cell(row=1, column=1)
    before = copy(probe._style)
    probe.style = name
    found, probe._style = copy(probe._style), before
    return found


def _write_headers(sheet, slots):
    start = 1
    for index, slot in enumerate(slots, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=_header(slot))
        cell.font = Font(bold=True)
        cell.fill = COMPUTED_FILL if _computed(slot) else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        note = slot.column.question
        if _computed(slot):
            note = f"{note}\n\n{COMPUTED_NOTE}" if note else COMPUTED_NOTE
        if slot.static:
            note = "Værdien, da arket blev dannet; kolonnen til venstre regnes om i Excel."
        if note:  # the guide's full question, as a note on the short header
            cell.comment = Comment(note, "Exitstrategi")
        sheet.column_dimensions[get_column_letter(index)].width = slot.column.width
        last_of_phase = index == len(slots) or slots[index].column.phase != slot.column.phase
        if last_of_phase:
            group = sheet.cell(row=GROUP_ROW, column=start, value=slot.column.phase)
            group.font = Font(bold=True)
            group.fill = HEADER_FILL
            if index > start:
                sheet.merge_cells(
                    start_row=GROUP_ROW, start_column=start, end_row=GROUP_ROW, end_column=index
                )
            start = index + 1


def _write_hidden_headers(sheet, hidden_start, rows):
    titles = [KEY_HEADER, EXPORTED_HEADER]
    sample = next(iter(rows), None)
    if sample is not None:
        titles += [f"{VERSION_PREFIX}{fase}" for fase, _version in versions(sample)]
    for offset, title in enumerate(titles):
        sheet.cell(row=HEADER_ROW, column=hidden_start + offset, value=title)
        sheet.column_dimensions[get_column_letter(hidden_start + offset)].hidden = True


def _add_dropdowns(workbook, sheet, slots, last_row):
    lists = None
    for index, slot in enumerate(slots, start=1):
        labels = [] if _computed(slot) else choice_labels(slot.column)
        if not labels:
            continue
        inline = '"{}"'.format(",".join(labels))
        if len(inline) > INLINE_LIST_MAX:  # too long for the validation itself: a range on a hidden sheet
            if lists is None:
                lists = workbook.create_sheet("Lister")
                lists.sheet_state = "hidden"
            list_column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
            letter = get_column_letter(list_column)
            for n, label in enumerate(labels, start=1):
                write_text(lists.cell(row=n, column=list_column), label)
            inline = f"Lister!${letter}$1:${letter}${len(labels)}"
        validation = DataValidation(
            type="list",
            formula1=inline,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ugyldigt svar",
            error="Vælg et af svarene i listen.",
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}{FIRST_ROW}:{letter}{max(last_row, DROPDOWN_ROWS)}")
        sheet.add_data_validation(validation)


def _overblik(workbook, slots, counts):
    sheet = workbook.create_sheet("Overblik")
    sheet.column_dimensions["A"].width = 50
    sheet["A1"] = "Overblik: antal sagsområder"
    sheet["A1"].font = Font(bold=True, size=14)
    row = 3
    for slot in slots:
        if slot.column.key not in counts or slot.static:
            continue
        sheet.cell(row=row, column=1, value=f"{slot.column.phase}: {slot.column.header}").font = Font(
            bold=True
        )
        row += 1
        for answer, count in sorted(counts[slot.column.key].items()):
            write_text(sheet.cell(row=row, column=1), answer)
            sheet.cell(row=row, column=2, value=count)
            row += 1
        row += 1


def _vejledning(workbook, columns):
    guide = workbook.create_sheet("Vejledning")
    for letter, width in zip("ABCD", (34, 80, 40, 30), strict=True):
        guide.column_dimensions[letter].width = width
    for line_number, line in enumerate(VEJLEDNING, start=1):
        guide.cell(row=line_number, column=1, value=line)
    guide["A1"].font = Font(bold=True, size=14)
    row = len(VEJLEDNING) + 1
    phase = None
    for column in columns:
        if column.phase != phase:
            phase = column.phase
            guide.cell(row=row, column=1, value=phase).font = Font(bold=True, size=12)
            for n, title in enumerate(
                ("Kolonne", "Spørgsmål eller betydning", "Tilladte svar", "Bemærkning"), 1
            ):
                guide.cell(row=row + 1, column=n, value=title).font = Font(bold=True)
            row += 2
        write_text(guide.cell(row=row, column=1), column.header)
        write_text(guide.cell(row=row, column=2), column.question or "")
        labels = choice_labels(column)
        write_text(guide.cell(row=row, column=3), ", ".join(labels) if labels else "Fri tekst eller tal")
        if column.read_only or column.formula:
            guide.cell(row=row, column=4, value="Beregnes; rettes ikke i arket")
        guide.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
