"""The export's own row writer writes the XML openpyxl writes for the same values, and never lets text
run as a formula, whatever the text."""

from datetime import date, datetime, time, timedelta
from io import BytesIO
from xml.etree.ElementTree import canonicalize
from zipfile import ZIP_DEFLATED, ZipFile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from exitstrategi.excel import workbook_bytes
from exitstrategi.xlsx_rows import (
    DATE_FORMAT,
    FORMULA_STARTS,
    DamagedSheet,
    Formula,
    clean_text,
    create_sheet,
    sheet_values,
)

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

    data = workbook_bytes(workbook)
    row = next(load_workbook(BytesIO(data))["Ark"].iter_rows(max_col=len(texts)))
    for text, cell in zip(texts, row, strict=True):
        assert cell.value == (clean_text(text) or None)
        assert cell.data_type in ("s", "n")  # an empty cell reads as "n"
    assert read_both(data) == (openpyxl_values(data), set())


# --- reading: sheet_values gives what openpyxl's read-only sheet gives -----------------------------------


def read_both(data, name="Ark"):
    """sheet_values of the file's sheet: {(row, column): value} and the formulas' places."""
    sheet = load_workbook(BytesIO(data), read_only=True)[name]
    values, formulas = {}, set()
    for row, cells, formula_columns in sheet_values(sheet):
        values.update({(row, column): value for column, value in cells.items()})
        formulas.update((row, column) for column in formula_columns)
    return values, formulas


def openpyxl_values(data, name="Ark"):
    sheet = load_workbook(BytesIO(data), read_only=True)[name]
    return {
        (cell.row, cell.column): cell.value
        for row in sheet.iter_rows()
        for cell in row
        if getattr(cell, "value", None) is not None
    }


def test_our_export_reads_as_openpyxl_reads_it():
    data = written(ROWS, ours=True)

    values, formulas = read_both(data)
    assert values == openpyxl_values(data)
    assert formulas == {(2, 7)}
    assert values[(4, 1)] == datetime(2027, 3, 31) and values[(1, 2)] == "  mellemrum  "


def test_a_workbook_excel_style_reads_as_openpyxl_reads_it():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ark"
    sheet.append(["Tekst", 12, 2.5, True, "#N/A", "=SUM(B1:C1)", date(2027, 1, 2)])
    sheet.append([None, None, timedelta(hours=30), time(14, 30), datetime(2026, 11, 27, 8, 15), -1e-9])
    sheet["C2"].number_format = "[h]:mm:ss"
    sheet["A5"] = "efter tomme rækker"
    sheet["B5"].value, sheet["B5"].data_type = "#DIV/0!", "e"
    data = workbook_bytes(workbook)

    values, formulas = read_both(data)
    assert values == openpyxl_values(data)
    assert formulas == {(1, 6)}
    assert values[(2, 3)] == timedelta(hours=30) and values[(5, 2)] == "#DIV/0!"


def package(sheet_xml, shared_strings="", title="Ark", doctype=""):
    """An .xlsx around a hand-written sheet, with a shared string table as Excel writes one."""
    workbook = Workbook()
    workbook.active.title = title
    with ZipFile(BytesIO(workbook_bytes(workbook))) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        f'{doctype}<worksheet xmlns="{MAIN}"><dimension ref="A1:AB7"/>'
        f"<sheetData>{sheet_xml}</sheetData></worksheet>"
    )
    parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{shared_strings}</sst>'
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_a_sheet_as_excel_writes_it_reads_as_openpyxl_reads_it():
    data = package(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c>'
        '<c r="D1" t="str"><f>A1&amp;"!"</f><v>Æblegrød!</v></c>'
        '<c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="b"><v>1</v></c></row>'
        '<row><c><v>1E3</v></c><c t="inlineStr"><is><r><t>fed </t></r><r><t xml:space="preserve">og tynd</t>'
        '</r><rPh sb="0" eb="3"><t>fonetisk</t></rPh></is></c>'
        '<c t="n"><v></v></c><c t="d"><v>2027-03-31T00:00:00</v></c></row>'
        '<row r="7" spans="1:2"><c r="AB7" t="inlineStr"><v>ignoreret</v></c>'
        '<c t="s"><is><t>x</t></is></c></row>',
        "<si><t>Æblegrød</t></si><si><r><t>rig </t></r><r><t>tekst</t></r></si>",
    )

    values, formulas = read_both(data)
    assert (
        values
        == openpyxl_values(data)
        == {
            (1, 1): "Æblegrød",
            (1, 3): "rig tekst",
            (1, 4): '=A1&"!"',
            (1, 5): "#N/A",
            (1, 6): True,
            (2, 1): 1000.0,
            (2, 2): "fed og tynd",
            (2, 4): datetime(2027, 3, 31),
        }
    )
    assert formulas == {(1, 4)}


@pytest.mark.parametrize(
    "sheet_xml",
    [
        '<row r="1"><c r="A1" t="s"><v>7</v></c></row>',  # no such shared string
        '<row r="x"><c r="A1"><v>1</v></c></row>',
        '<row r="1"><c r="A1"><v>12,5</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c>',  # cut off
    ],
)
def test_a_damaged_sheet_raises_damaged_sheet(sheet_xml):
    sheet = load_workbook(BytesIO(package(sheet_xml, "<si><t>a</t></si>")), read_only=True)["Ark"]

    with pytest.raises(DamagedSheet):
        list(sheet_values(sheet))
