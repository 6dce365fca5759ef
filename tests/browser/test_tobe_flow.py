import pytest

from workshops.models import ToBe

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_a_contact_person_recommends_a_scenario_and_finds_it_in_the_dokumentationsark(
    transactional_db, live_server, page, kontaktperson, c_sagsomraade, systemer
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    log_in(page, live_server, "karim")

    page.goto(f"{live_server.url}/vurdering/borgerservice/")
    page.click("a.btn:has-text('Udfyld To-be')")
    page.fill("#id_udbud", "K2 2027")
    page.select_option("#id_loesning_sager", label="SBSYS")
    page.check("#id_forretningskritisk_0")  # Ja
    page.check("label:has-text('Høj') >> xpath=preceding-sibling::input")
    scenario_2 = "label:has-text('2: Anvend allerede eksisterende ESDH eller fagsystemer')"
    page.check(f"{scenario_2} >> xpath=preceding-sibling::input")
    page.fill("#id_begrundelse", "SBSYS kan overtage sagerne")
    page.click("text=Gem To-be")
    expect(page.locator(".alert-success")).to_contain_text("To-be for 32.06.00 er gemt.")

    page.goto(f"{live_server.url}/dokumentationsark/?scenarie=2")
    row = page.locator("#dokumentationsark tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("2. kvartal 2027")
    expect(row).to_contain_text("Høj")
    tobe = ToBe.objects.get(pk=c_sagsomraade.pk)
    assert (tobe.anbefalet_scenarie, tobe.kompleksitet, tobe.loesning_sager.navn) == (2, "hoej", "SBSYS")
    assert tobe.sagsomraade.opgaver.count() == 6
