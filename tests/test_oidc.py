"""Logging in with OpenID Connect, end to end against a stub provider served over real HTTP inside the
test: the authorization code flow with PKCE, an ID token signed with a key pair made for the test and
published as a JWKS, the userinfo endpoint, and Entra-ID-shaped claims (`oid`, group GUIDs in `groups`)."""

import base64
import hashlib
import json
import secrets
import socket
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from exitstrategi.models import Identitet, Logpost
from exitstrategi.oidc import MISLYKKET
from exitstrategi.roles import Rolle, rolle_for
from exitstrategi.sso import INGEN_ROLLE
from tests.http_stub import Handler, serve

CLIENT_ID, CLIENT_SECRET = "exitstrategi", "klient-hemmelighed"
ROLLER = {
    "0f5c7f5e-projektledere": "Projektleder",
    "7a1d2c3b-laesere": "Læser",
    "9e8d7c6b-borgerservice": ["Kontaktperson", "borgerservice"],
}


class Provider:
    """The identity provider's side: issues a code for the claims, then answers the token, userinfo
    and JWKS requests that mozilla-django-oidc makes from the server."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes, self.tokens = {}, {}
        self.base = None
        provider = self

        class Answers(Handler):
            def do_GET(self):
                if self.path == "/jwks":
                    jwk = RSAAlgorithm.to_jwk(provider.key.public_key(), as_dict=True)
                    self.reply(200, {"keys": [{**jwk, "kid": "test-key", "alg": "RS256", "use": "sig"}]})
                elif self.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    claims = provider.tokens.get(token)
                    self.reply(200 if claims else 401, claims or {"error": "invalid_token"})
                else:
                    self.reply(404, {})

            def do_POST(self):
                self.reply(*provider.token_response(self.form()))

        self.handler = Answers

    def issue(self, request, claims, **id_token):
        """A code for the authorization request; `id_token` overrides what goes into the ID token."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = (request, claims, id_token)
        return code

    def token_response(self, form):
        request, claims, overrides = self.codes.pop(form.get("code"), (None, None, None))
        if request is None or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_grant"}
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form["code_verifier"].encode()).digest())
        if challenge.rstrip(b"=").decode() != request["code_challenge"]:
            return 400, {"error": "invalid_grant"}  # PKCE: the verifier must match the challenge
        now = int(time.time())
        id_token = {
            "iss": self.base,
            "aud": CLIENT_ID,
            "sub": claims["oid"],
            "iat": now,
            "exp": now + 300,
            "nonce": request["nonce"],
        }
        signer = overrides.pop("signer", self.key)
        id_token.update(overrides)
        access = secrets.token_urlsafe(16)
        self.tokens[access] = claims
        signed = jwt.encode(id_token, signer, algorithm="RS256", headers={"kid": "test-key"})
        return 200, {"access_token": access, "id_token": signed, "token_type": "Bearer"}


@pytest.fixture(scope="module")
def provider():
    stub = Provider()
    with serve(stub.handler) as base:
        stub.base = base
        yield stub


@pytest.fixture
def oidc(db, settings, provider):
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = provider.base
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider.base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.base}/jwks"
    settings.OIDC_NOEGLE_CLAIM = "oid"
    settings.OIDC_ROLLE_CLAIM = "groups"
    settings.OIDC_ROLLER = json.dumps(ROLLER)
    return provider


def person(*groups, oid="3c2b1a09-0000-4000-8000-000000000001"):
    return {"oid": oid, "email": "Anne@Kommune.dk", "name": "Anne Andersen", "groups": list(groups)}


def log_in(client, provider, claims, **id_token):
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    request = {k: v[0] for k, v in parse_qs(urlsplit(start["Location"]).query).items()}
    assert start["Location"].startswith(f"{provider.base}/authorize?")
    assert request["client_id"] == CLIENT_ID and request["code_challenge_method"] == "S256"
    code = provider.issue(request, claims, **id_token)
    return client.get(reverse("oidc_authentication_callback"), {"code": code, "state": request["state"]})


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_a_project_leader_logs_in_through_the_identity_provider(client, oidc):
    response = log_in(client, oidc, person("andet-system", "0f5c7f5e-projektledere"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = logged_in_user(client)
    assert rolle_for(user) == Rolle.PROJEKTLEDER
    assert (user.email, user.get_full_name()) == ("anne@kommune.dk", "Anne Andersen")
    identitet = user.identiteter.get()
    assert (identitet.udbyder, identitet.noegle) == (Identitet.Udbyder.OIDC, person()["oid"])
    assert Logpost.objects.filter(handling=Logpost.Handling.LOGIN, bruger=user).exists()
    assert client.get(reverse("home")).status_code == 200


def test_a_contact_person_lands_with_the_fagomraade_their_group_gives(client, oidc, borgerservice):
    log_in(client, oidc, person("9e8d7c6b-borgerservice"))
    user = logged_in_user(client)
    assert rolle_for(user) == Rolle.KONTAKTPERSON
    assert list(user.fagomraader.all()) == [borgerservice]


def test_a_person_without_our_groups_is_refused_with_a_page_that_says_whom_to_ask(client, oidc):
    response = log_in(client, oidc, person("andet-system"))
    assert response["Location"] == reverse("sso-afvist")
    assert logged_in_user(client) is None
    page = client.get(response["Location"])
    assert page.status_code == 403 and INGEN_ROLLE in page.content.decode()


def test_a_role_removed_at_the_provider_is_gone_at_the_next_login(client, oidc):
    log_in(client, oidc, person("7a1d2c3b-laesere"))
    user = logged_in_user(client)
    client.logout()
    log_in(client, oidc, person())
    assert logged_in_user(client) is None
    assert rolle_for(get_user_model().objects.get(pk=user.pk)) is None


@pytest.mark.parametrize(
    "id_token",
    [
        {"aud": "et-andet-system"},
        {"iss": "https://falsk.example"},
        {"nonce": "gammel"},
        {"exp": int(time.time()) - 60},
        {"signer": rsa.generate_private_key(public_exponent=65537, key_size=2048)},
    ],
    ids=["audience", "issuer", "nonce", "expired", "signature"],
)
def test_an_id_token_not_meant_for_us_or_not_signed_by_the_provider_is_refused(client, oidc, id_token):
    response = log_in(client, oidc, person("0f5c7f5e-projektledere"), **id_token)
    assert response.status_code in (302, 400)
    assert logged_in_user(client) is None
    assert not get_user_model().objects.exists()


def test_a_replayed_callback_does_not_log_in(client, oidc):
    start = client.get(reverse("oidc_authentication_init"))
    request = {k: v[0] for k, v in parse_qs(urlsplit(start["Location"]).query).items()}
    code = oidc.issue(request, person("0f5c7f5e-projektledere"))
    callback = {"code": code, "state": request["state"]}
    assert client.get(reverse("oidc_authentication_callback"), callback).status_code == 302
    client.logout()
    again = client.get(reverse("oidc_authentication_callback"), callback)
    assert again.status_code in (302, 400) and logged_in_user(client) is None


def test_logging_out_ends_the_session(client, oidc):
    log_in(client, oidc, person("0f5c7f5e-projektledere"))
    assert client.post(reverse("logout")).status_code == 302
    assert logged_in_user(client) is None


def test_a_provider_that_does_not_answer_gives_a_danish_page_not_an_error(client, oidc, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{closed.getsockname()[1]}/token"
    response = log_in(client, oidc, person("0f5c7f5e-projektledere"))
    assert response["Location"] == reverse("sso-afvist")
    assert MISLYKKET in client.get(response["Location"]).content.decode()
