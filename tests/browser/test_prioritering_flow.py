"""Fase 4 in a real Chromium: the strategy reorders the areas, a decision is recorded, and the notat
downloads as a Word document that python-docx opens with the page's headings."""

import pytest
from docx import Document

from prioritering.models import Beslutning

from .conftest import log_in

pytestmark = pytest.mark.browser


def kle_order(page):
    """The sagsområder of the Prioritering table, first to last."""
    return page.eval_on_selector_all(
        "#prioritering tr.prioritet", "rows => rows.map(r => r.cells[1].innerText.split('\\n')[1])"
    )


def test_the_project_leader_reorders_decides_and_downloads_the_notat(
    transactional_db, demo, live_server, page
):
    from playwright.sync_api import expect

    log_in(page, live_server, "projektleder", "demo-projektleder")
    page.goto(f"{live_server.url}/prioritering/")
    heavy_first = kle_order(page)

    page.goto(f"{live_server.url}/indstillinger/")
    page.check("input[name=prioriteringsstrategi][value=lette_foerst]")
    page.click("button:has-text('Gem indstillinger')")
    page.goto(f"{live_server.url}/prioritering/")
    light_first = kle_order(page)
    assert sorted(light_first) == sorted(heavy_first) and light_first != heavy_first
    expect(page.locator("#regler")).to_contain_text("de lette sagsområder først")

    page.click("a:has-text('Registrér beslutning')")
    page.fill("#id_beslutning-besluttet_af", "Byrådet")
    page.fill("#id_beslutning-journalnummer", "00.01.00-G01-3-26")
    page.click("button:has-text('Registrér beslutningen')")
    expect(page.locator(".alert-success")).to_contain_text("Beslutningen er registreret")
    assert Beslutning.objects.filter(besluttet_af="Byrådet").exists()

    page.goto(f"{live_server.url}/prioritering/notat/")
    headings = page.locator("#notat h2").all_inner_texts()
    with page.expect_download() as download:
        page.click("a:has-text('Hent notatet (.docx)')")
    document = Document(str(download.value.path()))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == headings
    assert "Byrådet" in " ".join(p.text for p in document.paragraphs)
