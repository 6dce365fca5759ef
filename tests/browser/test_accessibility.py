"""Every kind of page, as every demo role, in a real Chromium: WCAG 2.1 AA by axe-core, no sideways
scrolling on a 390-px phone, and no JavaScript errors."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from exitstrategi.demo import logins

from ..crawler import crawl, one_per_pattern
from .conftest import watch_for_errors

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.table-responsive, .sheet-scroll'))
  .slice(0, 3).map(e => e.tagName + '.' + [...e.classList].join('.') + '#' + e.id)"""


def logged_in_context(browser, live_server, user, width):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context, client


@pytest.mark.parametrize("username", [username for username, _password, _rolle in logins()])
def test_every_kind_of_page_meets_wcag_aa_and_fits_a_phone(
    transactional_db, demo, live_server, browser, username
):
    user = get_user_model().objects.get(username=username)
    desktop, client = logged_in_context(browser, live_server, user, 1280)
    phone, _client = logged_in_context(browser, live_server, user, 390)
    urls = one_per_pattern(crawl(client).pages) + ["/tilgaengelighed/"]
    errors, violations, sideways = [], [], []
    page, small = watch_for_errors(desktop.new_page(), errors), watch_for_errors(phone.new_page(), errors)

    for url in urls:
        page.goto(live_server.url + url)
        page.evaluate(AXE.read_text())  # not a <script> tag: the CSP allows no inline script
        for violation in page.evaluate(RUN_AXE, WCAG_AA):
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                violations.append((url, violation["id"], violation["impact"], targets))
        small.goto(live_server.url + url)
        if (overflow := small.evaluate(SIDEWAYS)) > 0:
            sideways.append((url, overflow, small.evaluate(TOO_WIDE)))

    desktop.close()
    phone.close()
    assert violations == [], "\n".join(map(str, violations))
    assert sideways == [], sideways
    assert errors == []
    assert len(urls) > 15
