from datetime import timedelta

import pytest
from django.utils import timezone

from workshops.models import AsIs, Workshop

pytestmark = pytest.mark.browser


def test_a_contact_person_steps_through_r2_and_the_type_appears_on_the_wall_by_itself(
    transactional_db, live_server, browser, kontaktperson, ja_sagsomraade, borgerservice
):
    from playwright.sync_api import expect  # installed by .ci/run with the browser extra

    workshop = Workshop.objects.create(titel="As-is 1", start=timezone.now() + timedelta(days=10))
    workshop.fagomraader.set([borgerservice])
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    wall, group = context.new_page(), context.new_page()
    group.goto(f"{live_server.url}/konto/login/")
    group.fill("#id_username", "karim")
    group.fill("#id_password", "hemmelig-kode-123")
    group.click("button[type=submit]")

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
    expect(group.locator("#r2-dependency")).to_have_text("Fuldkommen afhængighed")
    group.click("text=Gem brugsmønster")
    expect(group.locator(".alert-success")).to_contain_text("Brugsmønster: D")

    expect(cell.locator(".card-note")).to_have_text("D", timeout=10_000)  # no reload of the wall
    asis = AsIs.objects.get(pk=ja_sagsomraade.pk)
    assert asis.brugsmoenster == "D"
    assert asis.history.first().history_change_reason == f"Workshop: {workshop}"
    context.close()
