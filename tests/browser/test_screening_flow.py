import pytest

from screening.models import Screening

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_a_contact_person_screens_a_sagsomraade_and_sees_it_in_the_dokumentationsark(
    transactional_db, live_server, page, kontaktperson, sagsomraade
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    log_in(page, live_server, "karim")
    expect(page.locator("h1")).to_have_text("KMD Sag Exit-strategi")

    page.click("text=Gå til fase 1")
    page.click("text=Borgerservice")
    page.focus("#id_form-0-svar_2")  # "Ikke besvaret" is checked; the keyboard answers
    page.keyboard.press("j")
    page.fill("#id_form-0-note", "Sager oprettes i KMD Sag")
    page.click("text=Gem svar")
    expect(page.locator(".alert-success")).to_have_text("1 svar er gemt.")

    page.click("text=Dokumentationsark")
    page.select_option("#id_svar", "ja")
    page.click("text=Filtrér")
    row = page.locator("#dokumentationsark tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("32.06.00")
    expect(row).to_contain_text("Sager oprettes i KMD Sag")
    assert Screening.objects.get(pk=sagsomraade.pk).aendret_af == kontaktperson
