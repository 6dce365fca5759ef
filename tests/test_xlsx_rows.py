"""The export's own row writer writes the XML openpyxl writes for the same values, and never lets text
run as a formula, whatever the text."""

from datetime import date, datetime
from io import BytesIO
from xml.etree.ElementTree import canonicalize
from zipfile import ZipFile

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from exitstrategi.excel import workbook_bytes
from exitstrategi.xlsx_rows import DATE_FORMAT, FORMULA_STARTS, Formula, clean_text, create_sheet

ROWS = [
    ["Fagområde æøå", "  mellemrum  ", "a & b < c > d \"e\" 'f'", "linje 1\nlinje 2", "linje\r\nwindows"],
    ["=1+1", "+45 12 34 56 78", "-", "@SUM(A1)", "\tindrykket", "\r", Formula('=IF(A3="";"";"<>&")')],
    [0, 1, -7, 2.5, 1 / 3, 1e-7, 12345678901234567890, True, False],
    [date(2027, 3, 31), datetime(2026, 11, 27, 15, 30), date(1900, 1, 15)],
    [None, "", "\x00\x07", None, "efter tomme", None],
    ["tekst\x0bmed styretegn", "x" * 40000, "ikke i XML: \ufffe\uffff\ud800"],
    [],
]


def openpyxl_cell(sheet, value):
    """The value as openpyxl's own cell with the meaning the export gives it: a date shown dd.mm.åååå,
    text never a formula (quote prefix), only a Formula calculated."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, str):
        value = clean_text(value) or None
    if not isinstance(value, str | date):
        return value
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif value.startswith(FORMULA_STARTS):
        cell.data_type, cell.quotePrefix = "s", True
    return cell


def written(rows, ours):
    workbook = Workbook(write_only=True)
    sheet = create_sheet(workbook, "Ark") if ours else workbook.create_sheet("Ark")
    for row in rows:
        sheet.append(row if ours else [openpyxl_cell(sheet, value) for value in row])
    return workbook_bytes(workbook)


def part(xlsx, name):
    """A part of the file in XML's canonical form (<v/> and <v></v> are the same XML)."""
    return canonicalize(ZipFile(BytesIO(xlsx)).read(name).decode())


def test_rows_of_plain_values_are_the_xml_openpyxl_writes_for_them():
    sheet = "xl/worksheets/sheet1.xml"  # the styles its cells name are read back in the next test

    assert part(written(ROWS, ours=True), sheet) == part(written(ROWS, ours=False), sheet)


def test_values_read_back_as_written_and_text_never_becomes_a_formula():
    sheet = load_workbook(BytesIO(written(ROWS, ours=True)))["Ark"]

    first, text, numbers, dates, gaps, controls = [list(row) for row in sheet.iter_rows(max_col=9)][:6]
    assert [c.value for c in first[:5]] == [
        "Fagområde æøå",
        "  mellemrum  ",
        "a & b < c > d \"e\" 'f'",
        "linje 1\nlinje 2",
        "linje\r\nwindows",
    ]
    assert [(c.value, c.data_type, c.quotePrefix) for c in text[:6]] == [
        (value, "s", True) for value in ("=1+1", "+45 12 34 56 78", "-", "@SUM(A1)", "\tindrykket", "\r")
    ]
    assert (text[6].value, text[6].data_type) == ('=IF(A3="";"";"<>&")', "f")
    assert [c.value for c in numbers] == [0, 1, -7, 2.5, 1 / 3, 1e-7, 1.234567890123457e19, True, False]
    assert [c.value.date() for c in dates[:3]] == [date(2027, 3, 31), date(2026, 11, 27), date(1900, 1, 15)]
    assert {c.number_format for c in dates[:3]} == {DATE_FORMAT}
    assert [c.value for c in gaps[:5]] == [None, None, None, None, "efter tomme"]
    assert controls[0].value == "tekstmed styretegn"
    assert len(controls[1].value) == 32767  # Excel's limit for a cell


def test_a_row_with_styled_cells_gives_its_plain_values_the_same_meaning():
    workbook = Workbook(write_only=True)
    sheet = create_sheet(workbook, "Ark")
    bold = WriteOnlyCell(sheet, "Overskrift")
    bold.font = Font(bold=True)
    sheet.append([bold, '=HYPERLINK("x")', "#N/A", date(2027, 1, 2), Formula("=1+1"), "\x01", 3])

    row = next(load_workbook(BytesIO(workbook_bytes(workbook)))["Ark"].iter_rows())
    assert row[0].font.bold
    assert (row[1].value, row[1].data_type, row[1].quotePrefix) == ('=HYPERLINK("x")', "s", True)
    assert (row[2].value, row[2].data_type) == ("#N/A", "s")  # text, not Excel's error value
    assert (row[3].value.date(), row[3].number_format) == (date(2027, 1, 2), DATE_FORMAT)
    assert (row[4].value, row[4].data_type) == ("=1+1", "f")
    assert [row[5].value, row[6].value] == [None, 3]


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_any_text_reads_back_as_text_without_the_characters_excel_refuses(texts):
    workbook = Workbook(write_only=True)
    create_sheet(workbook, "Ark").append(texts)

    row = next(load_workbook(BytesIO(workbook_bytes(workbook)))["Ark"].iter_rows(max_col=len(texts)))
    for text, cell in zip(texts, row, strict=True):
        assert cell.value == (clean_text(text) or None)
        assert cell.data_type in ("s", "n")  # an empty cell reads as "n"
