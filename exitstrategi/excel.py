"""Writes the Dokumentationsark as an .xlsx file that looks and behaves like the old sheet: a row per
sagsområde, a grouped header per phase, dropdowns for fixed answers, computed columns in grey, live
formulas where the KOMBIT sheet has them, and the Overblik and Vejledning sheets."""

from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.datavalidation import DataValidation

from . import dokumentationsark, generation, guiden
from .dokumentationsark import choice_labels, version_titles, versions
from .xlsx_rows import Formula, clean_text, create_sheet

DROPDOWN_ROWS = 1000  # dropdowns also cover empty rows, so rows added in Excel get them too
GROUP_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
COMPUTED_FILL = PatternFill("solid", fgColor="E7E6E6", bgColor="E7E6E6")  # bg: a conditional fill shows it
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
    "De skjulte kolonner til sidst (nøgle, tidspunkt og versioner) følger rækken; slet eller ret dem ikke.",
    "Udfyldt ark indlæses under Dokumentationsark → «Indlæs udfyldt Excel-ark»: du ser hver ændring, "
    "før noget gemmes.",
    "Svar, der er ændret i programmet siden eksporten, vises som konflikter og overskrives ikke uden valg.",
    "",
]


@dataclass(frozen=True)
class Slot:
    column: object
    static: bool = False  # the value at export beside a formula column, for readers that do not calculate


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


def _grey(sheet, slots, last_row):
    """Computed columns grey below their headers: one conditional format over them all, not a style on
    every cell (so a sort or filter in Excel keeps it)."""
    ranges = [
        f"{get_column_letter(index)}{FIRST_ROW}:{get_column_letter(index)}{max(last_row, FIRST_ROW)}"
        for index, slot in enumerate(slots, start=1)
        if _computed(slot)
    ]
    if ranges:
        sheet.conditional_formatting.add(" ".join(ranges), FormulaRule(formula=["TRUE"], fill=COMPUTED_FILL))


def dokumentationsark_xlsx(queryset, columns):
    """(.xlsx bytes, number of rows) of the queryset's sagsområder, streamed: loaded, prepared and
    written a chunk at a time."""
    count = queryset.count()
    with generation.one_pass():
        return workbook_bytes(
            dokumentationsark_workbook(dokumentationsark.in_chunks(queryset, columns), columns, count)
        ), count


def dokumentationsark_workbook(rows, columns, count=None):
    """The Dokumentationsark as a write-only workbook (rows streamed, not kept as cells): save it once.
    `rows`: prepared sagsområder (a list, or an iterator of `count` rows)."""
    workbook = Workbook(write_only=True)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)  # Excel and LibreOffice compute on open
    sheet = create_sheet(workbook, "Dokumentationsark")
    slots = _layout(columns)
    letters = {s.column.key: get_column_letter(i) for i, s in enumerate(slots, 1) if not s.static}
    hidden = [KEY_HEADER, EXPORTED_HEADER, *(f"{VERSION_PREFIX}{fase}" for fase in version_titles())]
    last_row = HEADER_ROW + (len(rows) if count is None else count)
    for index, slot in enumerate(slots, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = slot.column.width
    for index in range(len(slots) + 1, len(slots) + len(hidden) + 1):
        sheet.column_dimensions[get_column_letter(index)].hidden = True
    sheet.freeze_panes = f"D{FIRST_ROW}"  # the header rows and fagområde, KLE-nummer, sagsområde
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(slots))}{last_row}"
    _add_dropdowns(workbook, sheet, slots, last_row)
    _grey(sheet, slots, last_row)
    _write_headers(sheet, slots, hidden)
    counts = {s.column.key: Counter() for s in slots if s.column.overblik and not s.static}
    formulas = {s.column.key: s.column.formula(letters) for s in slots if s.column.formula and not s.static}
    plan = [  # per cell: its value, its formula (row number -> text) or None, its Overblik count or None
        (
            s.column.value,
            *((None, None) if s.static else (formulas.get(s.column.key), counts.get(s.column.key))),
        )
        for s in slots
    ]
    exported_at = timezone.now().isoformat()
    for row_number, row in enumerate(rows, start=FIRST_ROW):
        values = []
        for value_of, make, count in plan:
            value = value_of(row)
            values.append(Formula(make(row_number)) if make else value)
            if count is not None:
                count[str(value) if value not in ("", None) else "Ikke besvaret"] += 1
        values += [str(row.noegle), exported_at, *(version for _fase, version in versions(row))]
        sheet.append(values)
    _overblik(workbook, slots, counts)
    _vejledning(workbook, columns)
    return workbook


def _write_headers(sheet, slots, hidden):
    """Row 1 groups the columns by phase (merged across each phase); row 2 holds the headers."""
    groups, start = [], 1
    for index, slot in enumerate(slots, start=1):
        groups.append(None)
        last_of_phase = index == len(slots) or slots[index].column.phase != slot.column.phase
        if last_of_phase:
            group = WriteOnlyCell(sheet, slot.column.phase)
            group.font, group.fill = Font(bold=True), HEADER_FILL
            groups[start - 1] = group
            if index > start:
                sheet.merged_cells.add(
                    f"{get_column_letter(start)}{GROUP_ROW}:{get_column_letter(index)}{GROUP_ROW}"
                )
            start = index + 1
    sheet.append(groups)
    headers = []
    for slot in slots:
        header = WriteOnlyCell(sheet, _header(slot))
        header.font = Font(bold=True)
        header.fill = COMPUTED_FILL if _computed(slot) else HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        note = slot.column.question
        if _computed(slot):
            note = f"{note}\n\n{COMPUTED_NOTE}" if note else COMPUTED_NOTE
        if slot.static:
            note = "Værdien, da arket blev dannet; kolonnen til venstre regnes om i Excel."
        if note:  # the guide's full question, as a note on the short header
            header.comment = Comment(note, "Exitstrategi")
        headers.append(header)
    sheet.append([*headers, *hidden])


def _add_dropdowns(workbook, sheet, slots, last_row):
    long_lists = []
    for index, slot in enumerate(slots, start=1):
        labels = [] if _computed(slot) else choice_labels(slot.column)
        if not labels:
            continue
        inline = '"{}"'.format(",".join(labels))
        if len(inline) > INLINE_LIST_MAX:  # too long for the validation itself: a range on a hidden sheet
            letter = get_column_letter(len(long_lists) + 1)
            inline = f"Lister!${letter}$1:${letter}${len(labels)}"
            long_lists.append(labels)
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
        sheet.data_validations.append(validation)
    if long_lists:
        lists = create_sheet(workbook, "Lister")
        lists.sheet_state = "hidden"
        for n in range(max(map(len, long_lists))):
            lists.append([labels[n] if n < len(labels) else None for labels in long_lists])


def _overblik(workbook, slots, counts):
    sheet = create_sheet(workbook, "Overblik")
    sheet.column_dimensions["A"].width = 50
    title = WriteOnlyCell(sheet, "Overblik: antal sagsområder")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([])
    for slot in slots:
        if slot.column.key not in counts or slot.static:
            continue
        heading = WriteOnlyCell(sheet, f"{slot.column.phase}: {slot.column.header}")
        heading.font = Font(bold=True)
        sheet.append([heading])
        for answer, count in sorted(counts[slot.column.key].items()):
            sheet.append([answer, count])
        sheet.append([])


def _vejledning(workbook, columns):
    guide = create_sheet(workbook, "Vejledning")
    for letter, width in zip("ABCD", (34, 80, 40, 30), strict=True):
        guide.column_dimensions[letter].width = width
    title = WriteOnlyCell(guide, VEJLEDNING[0])
    title.font = Font(bold=True, size=14)
    guide.append([title])
    for line in VEJLEDNING[1:]:
        guide.append([line])
    phase = None
    for column in columns:
        if column.phase != phase:
            phase = column.phase
            heading = WriteOnlyCell(guide, phase)
            heading.font = Font(bold=True, size=12)
            guide.append([heading])
            titles = ("Kolonne", "Spørgsmål eller betydning", "Tilladte svar", "Bemærkning")
            guide.append([_bold(guide, title) for title in titles])
        labels = choice_labels(column)
        question = WriteOnlyCell(guide, clean_text(column.question) or None)
        question.alignment = Alignment(wrap_text=True, vertical="top")
        guide.append(
            [
                column.header,
                question,
                ", ".join(labels) if labels else "Fri tekst eller tal",
                "Beregnes; rettes ikke i arket" if column.read_only or column.formula else None,
            ]
        )


def _bold(sheet, text):
    bold = WriteOnlyCell(sheet, text)
    bold.font = Font(bold=True)
    return bold


def workbook_bytes(workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
