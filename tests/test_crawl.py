"""Every page of the demo municipality, as every demo role: no error page and no raw values."""

import pytest
from django.test import Client

from exitstrategi.demo import logins

from .crawler import crawl


@pytest.mark.parametrize("username", [username for username, _password, _rolle in logins()])
def test_every_page_a_demo_user_can_reach_answers_and_shows_readable_values(db, demo, username):
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))

    result = crawl(client)

    assert len(result.visited) > 150, "the crawl should reach the demo's many pages"
    assert result.errors == []
    assert result.unreadable == []
