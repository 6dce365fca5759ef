from datetime import timedelta

import pytest
from django.utils import timezone

from workshops.models import AsIs, Workshop

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_a_contact_person_steps_through_r2_and_the_type_appears_on_the_wall_by_itself(
    transactional_db, live_server, browser, kontaktperson, ja_sagsomraade, borgerservice
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now() + timedelta(days=10))
    workshop.fagomraader.set([borgerservice])
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    wall, group = context.new_page(), context.new_page()
    log_in(group, live_server, "karim")

    wall.goto(f"{live_server.url}/workshops/{workshop.pk}/vaeggen/")
    cell = wall.locator(f"#celle-asis_brugsmoenster-{borgerservice.pk}")
    expect(cell).to_contain_text("32.06.00")
    expect(cell.locator(".card-note")).to_have_text("–")

    group.goto(f"{live_server.url}/kortlaegning/borgerservice/32.06.00/brugsmoenster/?workshop={workshop.pk}")
    question = group.locator(".r2-question")
    expect(question.locator("visible=true")).to_have_count(1)  # only Q1 to begin with
    group.check("#id_q1_0")  # Ja
    group.check("#id_q2_1")  # Nej -> Q5 comes next, Q3 and Q4 stay hidden
    expect(group.locator('[data-question="q3"]')).to_be_hidden()
    group.check("#id_q5_0")  # Ja
    expect(group.locator("#r2-type")).to_have_text("D")
    expect(group.locator("#r2-dependency")).to_have_text("Fuldkommen afhængighed af KMD Sag.")
    group.click("text=Gem brugsmønster")
    expect(group.locator(".alert-success")).to_contain_text("Brugsmønster: D")

    expect(cell.locator(".card-note")).to_have_text("D", timeout=10_000)  # no reload of the wall
    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert asis.brugsmoenster == "D"
    assert asis.history.first().history_change_reason == f"Workshop: {workshop}"
    context.close()


def test_the_facilitator_saves_a_card_in_the_dialog_and_steps_through_one_question_at_a_time(
    transactional_db, live_server, page, projektleder, ja_sagsomraade, borgerservice
):
    from playwright.sync_api import expect

    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now() + timedelta(days=10))
    workshop.fagomraader.set([borgerservice])
    log_in(page, live_server, "pia")

    page.goto(f"{live_server.url}/workshops/{workshop.pk}/vaeggen/")
    cell = page.locator(f"#celle-asis_sagsbehandlere-{borgerservice.pk}")
    cell.locator("a.wall-edit").click()
    page.fill("dialog #id_antal_sagsbehandlere", "14")
    page.click("dialog button[type=submit]")
    expect(page.locator("dialog")).to_contain_text("Kortet er gemt.")
    expect(cell.locator(".card-note")).to_have_text("14", timeout=10_000)
    assert AsIs.objects.get(pk=ja_sagsomraade.pk).antal_sagsbehandlere == 14

    page.click("text=Ét spørgsmål ad gangen")
    expect(page.locator("#vaeggen tbody tr")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Spørgsmål 1 af")
    page.click("text=Næste spørgsmål")
    expect(page.locator("main")).to_contain_text("Spørgsmål 2 af")


def test_an_area_screened_ja_joins_the_open_wall_in_kle_order_and_leaves_when_screened_nej(
    transactional_db, live_server, page, projektleder, ja_sagsomraade, borgerservice, kle
):
    from playwright.sync_api import expect

    from exitstrategi.models import Sagsomraade
    from screening.models import Screening

    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now() + timedelta(days=10))
    workshop.fagomraader.set([borgerservice])
    earlier = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["02.34.02"])
    log_in(page, live_server, "pia")
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/vaeggen/")
    cards = page.locator(f"#celle-asis_sagsbehandlere-{borgerservice.pk} .wall-card")
    expect(cards).to_have_count(1)

    screening = Screening.objects.create(sagsomraade=earlier, anvender_kmd_sag="ja")
    expect(cards).to_have_count(2, timeout=10_000)
    assert [c.split(" ")[0] for c in cards.all_inner_texts()] == ["02.34.02", "32.06.00"]

    screening.anvender_kmd_sag = "nej"
    screening.save()
    expect(cards).to_have_count(1, timeout=10_000)
    expect(cards).to_contain_text("32.06.00")
