"""Safe behind the municipality's TLS proxy: the lockout counts the client, not the proxy; private
pages are not cached; oversized bodies are refused before they are read."""

from django.urls import reverse

LOGIN = "/konto/login/"


def attempt(client, username, password, forwarded_for):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.1",  # the proxy
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_trusted_proxy_an_attacker_cannot_lock_out_a_user_elsewhere(client, settings, laeser):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "lone", "forkert", "203.0.113.66")

    assert attempt(client, "lone", "hemmelig-kode-123", "203.0.113.66").status_code == 429
    assert attempt(client, "lone", "hemmelig-kode-123", "198.51.100.7").status_code == 302


def test_a_forged_forwarded_address_counts_for_nothing_without_a_trusted_proxy(client, settings, laeser):
    settings.TRUSTED_PROXIES = 0
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "lone", "forkert", f"192.0.2.{n}")  # a new "address" every time

    assert attempt(client, "lone", "hemmelig-kode-123", "192.0.2.200").status_code == 429


def test_the_left_of_the_forwarded_header_is_the_clients_own_word(client, settings, laeser):
    settings.TRUSTED_PROXIES = 1
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "lone", "forkert", f"192.0.2.{n}, 203.0.113.66")

    assert attempt(client, "lone", "hemmelig-kode-123", "203.0.113.66").status_code == 429


def test_private_pages_are_not_stored_and_ask_for_no_devices(login, laeser, client):
    page = login(laeser).get(reverse("dokumentationsark"))
    download = login(laeser).get(reverse("dokumentationsark-export"))

    assert page["Cache-Control"] == "no-store" and download["Cache-Control"] == "no-store"
    assert "camera=()" in page["Permissions-Policy"]


def test_an_oversized_body_is_refused_before_it_is_read(login, projektleder, settings):
    settings.MAX_REQUEST_BYTES = 1000

    response = login(projektleder).post(reverse("indlaesning"), {"fil": "x" * 5000})

    assert response.status_code == 413
    assert "Forespørgslen er for stor" in response.content.decode()


def test_pages_carry_a_content_security_policy_without_inline_script_or_style(login, laeser):
    response = login(laeser).get(reverse("home"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    html = response.content.decode()
    assert " style=" not in html and " onclick=" not in html
