"""Each request's session is read as Django's database sessions read it, by SQL made once."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends import db as djangos_db
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from exitstrategi.sessions import SessionStore


def saved_session(**values):
    session = SessionStore()
    session.update(values)
    session.save()
    return session.session_key


@pytest.mark.parametrize("state", ["valid", "expired", "unknown", "none", "odd"])
def test_a_session_loads_as_djangos_database_session_loads_it(db, state):
    key = saved_session(fagomraade="borgerservice", antal=3)
    if state == "expired":
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    key = {"unknown": "x" * 32, "none": None, "odd": "'; DROP TABLE django_session; --"}.get(state, key)

    ours, djangos = SessionStore(key), djangos_db.SessionStore(key)

    assert ours.load() == djangos.load()
    assert ours.session_key == djangos.session_key
    assert (ours.load() == {"fagomraade": "borgerservice", "antal": 3}) == (state == "valid")
    assert Session.objects.count() == 1


def test_a_session_expired_in_the_database_logs_the_user_out(login, laeser):
    client = login(laeser)
    assert client.get(reverse("dokumentationsark")).status_code == 200

    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))

    response = client.get(reverse("dokumentationsark"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("cookie", ["x" * 40 + "\x00", "\x00" * 8, "é" * 5000])
def test_a_forged_session_cookie_is_no_session(client, db, cookie):
    client.cookies["sessionid"] = cookie

    response = client.get(reverse("dokumentationsark"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
