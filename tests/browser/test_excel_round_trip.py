"""The Dokumentationsark out to Excel and back, in a real Chromium: download, edit, upload, preview
(with a conflict chosen), apply."""

import pytest
from openpyxl import load_workbook

from exitstrategi.services import phase_record_save
from workshops.models import AsIs

from .conftest import log_in
from .test_accessibility import AXE, RUN_AXE, WCAG_AA

pytestmark = pytest.mark.browser


def set_cell(sheet, kle, header, value):
    columns = {c.value: c.column for c in sheet[2]}
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, columns["KLE-nummer"]).value == kle)
    sheet.cell(row, columns[header]).value = value


def test_the_project_leader_edits_the_sheet_in_excel_and_loads_it_back(
    transactional_db, live_server, page, projektleder, c_sagsomraade, tmp_path
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    log_in(page, live_server, projektleder.username)
    page.goto(f"{live_server.url}/dokumentationsark/")
    with page.expect_download() as download:
        page.click("a:has-text('Hent som Excel')")
    path = tmp_path / "borgerservice.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(path)
    sheet = workbook["Dokumentationsark"]
    set_cell(sheet, "32.06.00", "2. Antal sagsbehandlere", 21)
    set_cell(sheet, "32.06.00", "8. Arkivering kræver", "Aftale med Stadsarkivet")
    workbook.save(path)
    asis = AsIs.objects.get()  # meanwhile, someone saves a number in the application
    phase_record_save(
        model=AsIs,
        sagsomraade=c_sagsomraade,
        values={"antal_sagsbehandlere": 8},
        version=asis.version,
        user=projektleder,
    )

    page.click("a:has-text('Indlæs udfyldt Excel-ark')")
    page.set_input_files("#id_fil", str(path))
    page.click("button:has-text('Vis ændringerne')")

    expect(page.locator("#aendringer")).to_contain_text("Aftale med Stadsarkivet")
    conflict = page.locator("#konflikter tbody tr")
    expect(conflict).to_contain_text("2. Antal sagsbehandlere")
    expect(conflict).to_contain_text("8")
    expect(conflict).to_contain_text("21")
    page.evaluate(AXE.read_text())  # not a <script> tag: the CSP allows no inline script
    serious = [v["id"] for v in page.evaluate(RUN_AXE, WCAG_AA) if v["impact"] in ("serious", "critical")]
    assert serious == []

    conflict.locator("input[type=checkbox]").check()
    page.click("button:has-text('Indlæs ændringerne')")

    expect(page.locator(".alert-success")).to_contain_text("borgerservice.xlsx er indlæst")
    asis.refresh_from_db()
    assert (asis.antal_sagsbehandlere, asis.arkivering_note) == (21, "Aftale med Stadsarkivet")
