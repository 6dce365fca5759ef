"""The guide from start to finish, as a new municipality plays it in a real Chromium: KLE in, fagområde
and contact person, screening, As-is, a To-be workshop on the wall, Fase 4's decision, the
Dokumentationsark and the notat out. Each step leaves a screenshot under build/e2e/ (git-ignored)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from exitstrategi.models import Sagsomraade
from prioritering.models import Beslutning, Prioritering
from workshops.models import AsIs, ToBe

from .conftest import log_in, watch_for_errors

pytestmark = pytest.mark.browser

KLE_FILE = Path(__file__).resolve().parents[2] / "exitstrategi" / "fixtures" / "kle_demo.xml"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "e2e"
PASSWORD = "en-lang-adgangskode-2027"


class Steps:
    """Numbered full-page screenshots, one per step of the guide."""

    def __init__(self):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob("*.png"):
            old.unlink()
        self.count = 0

    def shot(self, page, name):
        self.count += 1
        page.screenshot(path=SCREENSHOTS / f"{self.count:02d}-{name}.png", full_page=True)


def test_a_new_municipality_plays_the_guide_from_kle_to_the_signed_notat(
    transactional_db, live_server, browser, projektleder, tmp_path
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    steps = Steps()
    call_command("import_kle", str(KLE_FILE))
    errors = []
    leader, contact = (
        watch_for_errors(
            browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900}).new_page(), errors
        )
        for _person in range(2)
    )

    # The project leader creates the fagområde and invites its contact person.
    log_in(leader, live_server, projektleder.username)
    steps.shot(leader, "forside")
    leader.goto(f"{live_server.url}/fagomraader/ny/")
    leader.fill("#id_navn", "Borgerservice")
    leader.click("button:has-text('Gem')")
    expect(leader.locator("h1")).to_contain_text("Borgerservice")
    leader.goto(f"{live_server.url}/brugere/inviter/")
    leader.fill("#id_fulde_navn", "Karim Kontakt")
    leader.fill("#id_email", "karim@kommune.dk")
    leader.select_option("#id_rolle", "Kontaktperson")
    leader.check("label:has-text('Borgerservice') >> xpath=preceding-sibling::input")
    steps.shot(leader, "invitation")
    leader.click("button:has-text('Send invitation')")
    expect(leader.locator(".alert-success")).to_contain_text("karim@kommune.dk")

    # The contact person follows the link in the e-mail and chooses a password.
    link = re.search(r"https?://\S+/konto/reset/\S+", mail.outbox[-1].body).group(0)
    contact.goto(link)
    contact.fill("#id_new_password1", PASSWORD)
    contact.fill("#id_new_password2", PASSWORD)
    steps.shot(contact, "vaelg-adgangskode")
    contact.click("button[type=submit]")
    log_in(contact, live_server, "karim@kommune.dk", PASSWORD)
    expect(contact.locator("h1")).to_have_text("KMD Sag Exit-strategi")

    # Fase 1: the contact person adds a sagsområde from KLE and screens it.
    contact.goto(f"{live_server.url}/screening/borgerservice/")
    contact.fill("#kle-soeg", "32.06")
    contact.click("button:has-text('Søg i KLE')")
    contact.check("#kle-32\\.06\\.00")
    contact.click("button:has-text('Tilføj valgte')")
    expect(contact.locator(".alert-success")).to_contain_text("1 sagsområde tilføjet")
    contact.check("#id_form-0-svar_0")  # Ja
    contact.fill("#id_form-0-note", "Sager om folkeregister oprettes i KMD Sag")
    steps.shot(contact, "screening")
    contact.click("text=Gem svar")
    expect(contact.locator(".alert-success")).to_have_text("1 svar er gemt.")

    # Fase 2: As-is, the brugsmønster through the R2 questions, then the numbers.
    contact.goto(f"{live_server.url}/kortlaegning/borgerservice/32.06.00/brugsmoenster/")
    contact.check("#id_q1_0")  # Ja
    contact.check("#id_q2_1")  # Nej
    contact.check("#id_q5_0")  # Ja -> D
    expect(contact.locator("#r2-type")).to_have_text("D")
    steps.shot(contact, "brugsmoenster")
    contact.click("text=Gem brugsmønster")
    expect(contact.locator(".alert-success")).to_contain_text("Brugsmønster: D")
    contact.goto(f"{live_server.url}/kortlaegning/borgerservice/32.06.00/")
    contact.fill("#id_antal_sagsbehandlere", "12")
    steps.shot(contact, "as-is")
    contact.click("button:has-text('Gem')")
    expect(contact.locator(".alert-success")).to_be_visible()

    # Fase 3: the leader plans a To-be workshop; its wall records the recommended scenario.
    leader.goto(f"{live_server.url}/workshops/ny/")
    leader.fill("#id_titel", "To-be for Borgerservice")
    leader.select_option("#id_type", "tobe")
    leader.fill("#id_start", (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT09:00"))
    leader.check("label:has-text('Borgerservice') >> xpath=preceding-sibling::input")
    leader.click("button:has-text('Gem')")
    expect(leader.locator("h1")).to_contain_text("To-be for Borgerservice")
    leader.click("a:has-text('Åbn væggen')")
    card = leader.locator("[id^=celle-tobe_scenarie-] a.wall-edit")
    card.click()
    leader.check("dialog label:has-text('2: Anvend allerede eksisterende') >> xpath=preceding-sibling::input")
    leader.fill("dialog #id_begrundelse", "SBSYS kan overtage sagerne")
    steps.shot(leader, "vaeggen")
    leader.click("dialog button[type=submit]")
    expect(leader.locator("dialog")).to_contain_text("Kortet er gemt.")
    expect(leader.locator("[id^=celle-tobe_scenarie-] .card-note")).to_have_text("2", timeout=10_000)
    leader.locator("[id^=celle-tobe_kompleksitet-] a.wall-edit").click()
    leader.check("dialog label:has-text('Lav') >> xpath=preceding-sibling::input")
    leader.click("dialog button[type=submit]")
    expect(leader.locator("[id^=celle-tobe_kompleksitet-] .card-note")).to_have_text("Lav", timeout=10_000)

    # Fase 4: the leader sets the user level, sees the ranking and records the decision.
    leader.goto(f"{live_server.url}/prioritering/borgerservice/32.06.00/")
    leader.check("label:has-text('Mellem') >> xpath=preceding-sibling::input")
    leader.click("button:has-text('Gem')")
    expect(leader.locator(".alert-success")).to_be_visible()
    leader.goto(f"{live_server.url}/prioritering/")
    expect(leader.locator("#prioritering")).to_contain_text("32.06.00")
    expect(leader.locator("#prioritering")).to_contain_text("1 Let")  # Mellem + Lav in the default matrix
    steps.shot(leader, "prioritering")
    leader.click("a:has-text('Registrér beslutning')")
    leader.fill("#id_beslutning-besluttet_af", "Byrådet")
    leader.click("button:has-text('Registrér beslutningen')")
    expect(leader.locator(".alert-success")).to_contain_text("Beslutningen er registreret")
    steps.shot(leader, "beslutning")

    # Out: the Dokumentationsark in Excel and the notat in Word.
    leader.goto(f"{live_server.url}/dokumentationsark/")
    steps.shot(leader, "dokumentationsark")
    with leader.expect_download() as download:
        leader.click("a:has-text('Hent som Excel')")
    download.value.save_as(tmp_path / "dokumentationsark.xlsx")
    sheet = load_workbook(tmp_path / "dokumentationsark.xlsx")["Dokumentationsark"]
    headers = [c.value for c in sheet[2]]
    row = [c.value for c in sheet[3]]
    assert row[headers.index("KLE-nummer")] == "32.06.00"
    assert row[headers.index("Anbefalet løsningsscenarie")] in (2, "2")
    leader.goto(f"{live_server.url}/prioritering/notat/")
    steps.shot(leader, "notat")
    with leader.expect_download() as download:
        leader.click("a:has-text('Hent notatet (.docx)')")
    notat = " ".join(p.text for p in Document(str(download.value.path())).paragraphs)
    assert "Byrådet" in notat and "32.06.00" in notat

    area = Sagsomraade.objects.get(kle__nummer="32.06.00")
    assert area.screening.anvender_kmd_sag == "ja"
    assert (
        AsIs.objects.get(pk=area.pk).brugsmoenster,
        AsIs.objects.get(pk=area.pk).antal_sagsbehandlere,
    ) == (
        "D",
        12,
    )
    tobe = ToBe.objects.get(pk=area.pk)
    assert (tobe.anbefalet_scenarie, tobe.kompleksitet) == (2, "lav")
    assert Prioritering.objects.get(pk=area.pk).brugerniveau
    assert Beslutning.objects.get().besluttet_af == "Byrådet"
    assert len(list(SCREENSHOTS.glob("*.png"))) == steps.count
    assert errors == [], f"JavaScript errors in the browser: {errors}"
