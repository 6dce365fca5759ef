"""Rows of plain values written into and read from a sheet's XML directly: a write-only sheet that
never runs text as a formula, and a reader of a read-only sheet's values.

openpyxl's write-only sheet makes a cell object and a handful of lxml calls for every value: for the
Dokumentationsark's 100,000 cells that was most of an export's time. `Sheet` writes rows of plain
values (text, numbers, dates, `Formula`) as text straight into the sheet's file, the same XML
openpyxl writes for them (tests/test_xlsx_rows.py compares the two); a row holding openpyxl cells
(styles, notes) goes to openpyxl as before, as does everything around the rows. Any text that starts
like a formula is written as text with Excel's quote prefix (CSV/formula injection); only a
`Formula` is calculated.

Reading is the same story: openpyxl's read-only sheet parses every cell into a dictionary and a cell
object (two thirds of reading a Dokumentationsark back). `sheet_values` gives the values openpyxl gives
for the same cells (tests/test_xlsx_rows.py reads both), straight from the parsed XML.
"""

import re
from datetime import date
from functools import cache, cached_property
from math import isfinite

from lxml.etree import XMLSyntaxError, iterparse, xmlfile
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601, to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD.MM.YYYY"  # as dates are shown on screen
MAX_TEXT = 32767  # Excel's limit for a cell's text
ROWS_PER_WRITE = 100
_NOT_IN_A_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # Excel's and XML's


class Formula(str):
    """A cell Excel calculates, such as "=IF(A3="";"";1)"; every other text is written as text."""


def create_sheet(workbook, title):
    """A `Sheet` added to a write-only workbook, as workbook.create_sheet adds its own."""
    sheet = Sheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet


@cache
def _column_letters():
    """A, B, … XFD: every column's letter, worked out once per process."""
    return [get_column_letter(n) for n in range(1, 16385)]


def _escaped(text):
    """Text as XML character data; a carriage return kept as a reference (a parser reads a bare one as
    a line feed)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def clean_text(value):
    """Text as a cell can hold it: without the control characters Excel refuses and the characters XML
    cannot hold, at most MAX_TEXT long."""
    return _NOT_IN_A_CELL.sub("", value)[:MAX_TEXT]


class _Writer(WorksheetWriter):
    def get_stream(self):
        """openpyxl's XML stream of the sheet (WorksheetWriter.get_stream), into a file `Sheet` can
        also write its rows into."""
        with (
            open(self.out, "wb") as self.file,
            xmlfile(self.file) as xf,
            xf.element("worksheet", xmlns=SHEET_MAIN_NS),
        ):
            try:
                while True:
                    element = yield
                    if element is True:
                        yield xf
                    elif element is not None:
                        xf.write(element)
            except GeneratorExit:
                pass


class Sheet(WriteOnlyWorksheet):
    def _get_writer(self):
        if self._writer is None:
            self._writer = _Writer(self)
            self._writer.write_top()

    def _write_rows(self):
        """openpyxl's own row loop (WriteOnlyWorksheet._write_rows), with rows of plain values written
        by `_row_xml`, ROWS_PER_WRITE at a time, after what openpyxl has written so far."""
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        pending = []

        def write_pending():
            xf.flush()
            self._writer.file.write("".join(pending).encode())
            pending.clear()

        with xf.element("sheetData"):
            row_number = 1
            try:
                while True:
                    row = yield
                    if any(isinstance(value, Cell) for value in row):
                        write_pending()
                        self._writer.write_row(xf, self._as_cells(row, row_number), row_number)
                    else:
                        pending.append(self._row_xml(row, row_number))
                        if len(pending) == ROWS_PER_WRITE:
                            write_pending()
                    row_number += 1
            except GeneratorExit:
                pass
            write_pending()
        self._writer.xf.send(None)

    def _row_xml(self, values, row_number):
        letters, cells = _column_letters(), []
        for index, value in enumerate(values):
            if value is None or value == "":
                continue
            where = f'r="{letters[index]}{row_number}"'
            if isinstance(value, Formula):
                cells.append(f"<c {where}><f>{_escaped(value[1:])}</f><v/></c>")
            elif isinstance(value, bool):
                cells.append(f'<c {where} t="b"><v>{value:d}</v></c>')
            elif isinstance(value, int | float):
                number = f"{value:.16g}" if isfinite(value) else ""
                cells.append(f'<c {where} t="n"><v>{number}</v></c>')
            elif isinstance(value, date):
                cells.append(f'<c {where} s="{self._date_style}" t="n"><v>{to_excel(value):.16g}</v></c>')
            else:  # text, and anything else as its text
                text = clean_text(str(value))
                if not text:
                    continue
                if text.startswith(FORMULA_STARTS):
                    where = f'{where} s="{self._text_style}"'
                space = ' xml:space="preserve"' if text != text.strip() else ""
                cells.append(f'<c {where} t="inlineStr"><is><t{space}>{_escaped(text)}</t></is></c>')
        return f'<row r="{row_number}">{"".join(cells)}</row>'

    def _as_cells(self, row, row_number):
        """A row that holds openpyxl cells, its plain values made cells that mean the same: a date
        in the date format, text never as a formula."""
        cells = []
        for column, value in enumerate(row, start=1):
            cell = value if isinstance(value, Cell) else self._plain_cell(value)
            if cell is not None:
                cell.column, cell.row = column, row_number
                cells.append(cell)
        return cells

    def _plain_cell(self, value):
        if value is None:
            return None
        if isinstance(value, Formula):
            return WriteOnlyCell(self, str(value))
        if not isinstance(value, str | int | float | date):
            value = str(value)
        if isinstance(value, str):
            value = clean_text(value)
        if value == "":
            return None
        cell = WriteOnlyCell(self, value)
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, str):
            cell.data_type = "s"  # also text that starts like a formula or reads like "#N/A"
            if value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
        return cell

    @cached_property
    def _date_style(self):
        return self._style_id(number_format=DATE_FORMAT)

    @cached_property
    def _text_style(self):
        return self._style_id(quotePrefix=True)

    def _style_id(self, **style):
        probe = WriteOnlyCell(self)
        for name, value in style.items():
            setattr(probe, name, value)
        return probe.style_id


_TAG = {name: f"{{{SHEET_MAIN_NS}}}{name}" for name in ("row", "v", "f", "is", "t", "r")}


def sheet_values(sheet):
    """(row number, {column number: value}, {column numbers of the formulas}) for each row of a read-only
    openpyxl sheet that holds a cell: the values openpyxl reads (numbers, text, booleans, dates by their
    number format, error values as their text); a formula's value is its text as the cell holds it. The
    XML is parsed without entities, DTD or network. Raises DamagedSheet."""
    workbook = sheet.parent
    dates = _Dates(workbook._date_formats, workbook._timedelta_formats, workbook.epoch)
    with workbook._archive.open(sheet._worksheet_path) as source:
        rows = iterparse(
            source, events=("end",), tag=_TAG["row"], resolve_entities=False, load_dtd=False, no_network=True
        )
        number = 0
        try:
            for _event, row in rows:
                number = int(row.get("r") or number + 1)
                values, formulas = _row_values(row, sheet._shared_strings, dates)
                row.clear()
                while row.getprevious() is not None:  # what iterparse has built so far
                    del row.getparent()[0]
                if values or formulas:
                    yield number, values, formulas
        except (XMLSyntaxError, ValueError, IndexError) as error:
            raise DamagedSheet(str(error)) from error


class DamagedSheet(ValueError):
    """A sheet's XML that is not a sheet Excel writes."""


def _row_values(row, strings, dates):
    values, formulas, column = {}, set(), 0
    for cell in row:
        where = cell.get("r")
        column = _column_number(where.rstrip(_DIGITS)) if where else column + 1
        kind, value = cell.get("t", "n"), None
        for part in cell:
            if part.tag == _TAG["f"]:
                formulas.add(column)
                value = "=" + (part.text or "")
                break
            if part.tag == _TAG["is"] and kind == "inlineStr":
                value = "".join(_inline_texts(part))
            elif part.tag == _TAG["v"] and part.text and kind != "inlineStr":
                value = _typed(part.text, kind, cell.get("s"), strings, dates)
        if value is not None:
            values[column] = value
    return values, formulas


_DIGITS = "0123456789"


@cache  # by the column's letters (a few dozen), not by the cell's reference
def _column_number(letters):
    return column_index_from_string(letters)


def _inline_texts(inline):
    """The text of an inline string: its plain text and its formatted runs, not its phonetic guide."""
    for part in inline:
        if part.tag == _TAG["t"]:
            yield part.text or ""
        elif part.tag == _TAG["r"]:
            yield from (t.text or "" for t in part.iterchildren(_TAG["t"]))


def _typed(text, kind, style, strings, dates):
    if kind == "n":
        number = float(text) if "." in text or "e" in text or "E" in text else int(text)
        return dates.of(number, int(style)) if style else number
    if kind == "s":
        return strings[int(text)]
    if kind == "b":
        return bool(int(text))
    if kind == "d":
        return from_ISO8601(text)
    return text  # "str" (a formula's text), "e" (an error such as #N/A)


class _Dates:
    def __init__(self, formats, durations, epoch):
        self.formats, self.durations, self.epoch = formats, durations, epoch

    def of(self, number, style):
        """A number as its cell's number format shows it: a date, a duration, or the number."""
        if style not in self.formats:
            return number
        try:
            return from_excel(number, self.epoch, timedelta=style in self.durations)
        except (OverflowError, ValueError):
            return "#VALUE!"  # as openpyxl reads a date outside Excel's range
