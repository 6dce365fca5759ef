"""The To-be workshop's people and material, and the market catalogue, in a real Chromium."""

import pytest

from exitstrategi.models import ITSystem
from tests.conftest import ny_kontrakt
from workshops.models import ToBe, Workshop

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_the_project_leader_plans_a_to_be_workshop_and_prints_its_pack(
    transactional_db, live_server, page, projektleder, c_sagsomraade, systemer
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    ny_kontrakt(systemer["KMD Opera"], navn="Opera via SKI", opsigelsesvarsel=6)
    log_in(page, live_server, projektleder.username)

    page.goto(f"{live_server.url}/workshops/ny/")
    page.fill("#id_titel", "To-be for Borgerservice")
    page.select_option("#id_type", "tobe")
    page.fill("#id_start", "2027-01-12T09:00")
    page.check("label:has-text('Borgerservice') >> xpath=preceding-sibling::input")
    page.fill("#id_deltagere-0-navn", "Dorthe Digital")
    page.select_option("#id_deltagere-0-kategori", "specialist")
    page.click("button:has-text('Gem')")
    warnings = page.locator(".alert-warning")
    expect(warnings.filter(has_text="Guiden anbefaler beslutningstagere/fagledere")).to_have_count(1)
    expect(warnings.filter(has_text="Guiden anbefaler specialister")).to_have_count(0)

    page.click("a:has-text('Rediger')")
    page.fill("#id_samtale_beslutningstagere", "Afdelingschef 5/1: SBSYS er retningen")
    page.click("button:has-text('Gem')")
    expect(warnings.filter(has_text="beslutningstagere/fagledere")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("Afdelingschef 5/1: SBSYS er retningen")

    page.click("a:has-text('forberedelsespakke til udskrift')")
    pack = page.locator("#pakke-tobe")
    expect(pack).to_contain_text("32.06.00")
    expect(pack).to_contain_text("Opera via SKI")
    expect(pack).to_contain_text("Hvilken it-løsning vil I foretrække som sagsbærende løsning")
    assert Workshop.objects.get().deltagere.get().kategori == "specialist"


def test_a_market_solution_named_in_to_be_stays_out_of_the_register(
    transactional_db, live_server, page, kontaktperson, c_sagsomraade, systemer
):
    from playwright.sync_api import expect

    log_in(page, live_server, "karim")
    page.goto(f"{live_server.url}/vurdering/borgerservice/32.06.00/")
    page.fill("#id_ny_loesning_sager", "GetOrganized")
    page.click("text=Gem To-be")
    expect(page.locator(".alert-success")).to_contain_text("To-be for 32.06.00 er gemt.")

    page.goto(f"{live_server.url}/systemer/")
    expect(page.locator("main")).not_to_contain_text("GetOrganized")
    page.click("a:has-text('se markedsløsningerne')")
    expect(page.locator("table")).to_contain_text("GetOrganized")
    page.click("a:has-text('GetOrganized')")
    expect(page.locator("table").first).to_contain_text("To-be 4a: foretrukken til at journalisere sagerne")
    assert ITSystem.objects.get(navn="GetOrganized").markedsloesning
    assert ToBe.objects.get().loesning_sager.navn == "GetOrganized"
