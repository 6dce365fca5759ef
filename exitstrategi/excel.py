"""Writes the Dokumentationsark as an .xlsx file that looks and behaves like the old sheet."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import guiden
from .dokumentationsark import choice_labels

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DROPDOWN_ROWS = 1000  # dropdowns also cover empty rows, so rows added in Excel get them too
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

VEJLEDNING = [
    "Vejledning til Dokumentationsarket",
    "",
    "Arket har én række pr. sagsområde og én kolonne pr. spørgsmål i exitstrategiens faser.",
    f"Fase 1 (screening): Svar Ja eller Nej til «{guiden.SCREENING}».",
    "Også Nej-svar dokumenteres, så det kan ses, at alle sagsområder er gennemgået.",
    "Sagsområder med Nej indgår ikke i de senere faser.",
    "Brug filtrene i overskriftsrækken til at sortere og udvælge rækker.",
    "Kolonneoverskrifterne er korte; guidens fulde spørgsmål står som note på overskriften.",
    "Arket er dannet af Exitstrategi; ret helst i programmet, så historikken bevares.",
]


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


def dokumentationsark_workbook(rows, columns):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dokumentationsark"
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        if column.question:  # the guide's full question, as a note on the short header
            cell.comment = Comment(column.question, "Procesguiden")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    row_number = 1
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = column.value(row)
            if value not in ("", None):  # an empty cell costs nothing when it is never created
                write_text(sheet.cell(row=row_number, column=index), value)
    last_letter = get_column_letter(len(columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last_letter}{row_number}"
    for index, column in enumerate(columns, start=1):
        if labels := choice_labels(column):
            validation = DataValidation(
                type="list",
                formula1='"{}"'.format(",".join(labels)),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Ugyldigt svar",
                error=f"Vælg en af: {', '.join(labels)}.",
            )
            letter = get_column_letter(index)
            validation.add(f"{letter}2:{letter}{max(row_number, DROPDOWN_ROWS)}")
            sheet.add_data_validation(validation)
    guide = workbook.create_sheet("Vejledning")
    guide.column_dimensions["A"].width = 100
    for line_number, line in enumerate(VEJLEDNING, start=1):
        guide.cell(row=line_number, column=1, value=line)
    guide["A1"].font = Font(bold=True, size=14)
    return workbook


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
