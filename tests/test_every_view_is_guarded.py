"""No page of ours is open to anonymous users or to users without a role."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "tilgaengelighed",  # the accessibility statement is public, as the law requires
    "oidc_authentication_init",  # logging in through the identity provider (tests/test_oidc.py)
    "oidc_authentication_callback",
    "sso-afvist",  # why that login was refused
    *("saml2_login", "saml2_acs", "saml2_logout", "saml2_ls", "saml2_ls_post", "saml2_metadata"),
}
ANY_USER = {"password_change", "password_change_done"}  # a user without a role may change their password
SAMPLE = {
    "slug": "borgerservice",
    "kle": "32.06.00",
    "pk": "1",
    "question": "asis_sagsbehandlere",
    "uidb64": "x",
    "token": "y",
    "scenarie": "2",
    "nummer": "1",
    "fil": "docx",
}


def sample(converter, name):
    return SAMPLE[name]


def our_urls(fill=sample, patterns=None, prefix="", namespace=""):
    """(name, path) for every named page of the project, each argument filled in by fill(its converter,
    its name): with the sample arguments unless told otherwise."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{entry.namespace}:" if entry.namespace else namespace
            yield from our_urls(fill, entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in PUBLIC:
            path = "/" + re.sub(
                r"<(?:(\w+):)?(\w+)>", lambda m: fill(m.group(1), m.group(2)), prefix + str(entry.pattern)
            )
            yield namespace + entry.name, path


URLS = sorted(set(our_urls()))


def test_the_list_covers_the_whole_product():
    names = {name for name, _path in URLS}
    assert {
        "dokumentationsark",
        "screening:fagomraade-detail",
        "workshops:wall-card",
        "kontrakt-list",
        "user-invite",
    } <= names
    assert len(URLS) > 40


@pytest.mark.parametrize(("name", "path"), URLS)
def test_anonymous_users_are_sent_to_login(client, db, name, path):
    response = client.get(path, follow=True)

    assert response.redirect_chain, name
    assert response.redirect_chain[-1][0].startswith(reverse("login")), name


@pytest.mark.parametrize(("name", "path"), URLS)
def test_users_without_a_role_are_refused(login, uden_rolle, ja_sagsomraade, name, path):
    if name in ANY_USER:
        return
    response = login(uden_rolle).get(path, follow=True)

    assert response.status_code in (403, 405), name
