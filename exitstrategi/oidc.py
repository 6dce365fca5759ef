"""Log in with OpenID Connect (Entra ID, Keycloak, OS2faktor, a broker in front of Context Handler),
through mozilla-django-oidc. The person is keyed by a configurable claim (`sub`, or Entra ID's `oid`);
their role and fagområder come from a claim's values (`roles`, `groups`) through the municipality's
table in OIDC_ROLLER, mapped by exitstrategi.privilegier like the SAML roles."""

import json
import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import Identitet
from .privilegier import tildeling_fra_claims
from .roles import LoadsRolleWithUser
from .sso import Afvist, only_when, refuse, sso_user

MISLYKKET = (
    "Kommunens fælles login svarede ikke, som det skulle, så du er ikke logget ind. Prøv igen om lidt; "
    "sker det igen, så kontakt kommunens IT-afdeling."
)
logger = logging.getLogger(__name__)


def configured():
    return bool(settings.OIDC_RP_CLIENT_ID)


def rolle_tabel():
    """{claim value: role, or [role, fagområde slug]} from OIDC_ROLLER (JSON)."""
    try:
        table = json.loads(settings.OIDC_ROLLER or "{}")
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"OIDC_ROLLER er ikke gyldig JSON: {error}") from None
    return {str(k): tuple(v) if isinstance(v, list) else v for k, v in table.items()}


def _values(claim):
    if claim is None:
        return []
    return claim if isinstance(claim, list) else [claim]


class Backend(LoadsRolleWithUser, OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with the ID token's issuer and audience checked (the library
    checks only its signature and nonce) and the user found by identity, not by e-mail. Idle when
    OpenID Connect is not configured (every password login asks each backend)."""

    def __init__(self, *args, **kwargs):
        if configured():
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not configured() or "nonce" not in kwargs:  # not the OpenID Connect callback
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.PyJWTError, requests.RequestException) as error:
            logger.warning("OpenID Connect login refused: %s", error)
            refuse(request, MISLYKKET)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = _values(payload.get("aud"))
        if payload.get("iss") != settings.OIDC_OP_ISSUER or settings.OIDC_RP_CLIENT_ID not in audience:
            raise SuspiciousOperation("The ID token was issued by another provider or for another client.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        tildeling, fagomraader = tildeling_fra_claims(
            [str(v) for v in _values(claims.get(settings.OIDC_ROLLE_CLAIM))], rolle_tabel()
        )
        navn = claims.get("name") or " ".join(
            filter(None, [claims.get("given_name"), claims.get("family_name")])
        )
        try:
            return sso_user(
                udbyder=Identitet.Udbyder.OIDC,
                noegle=str(claims.get(settings.OIDC_NOEGLE_CLAIM) or ""),
                tildeling=tildeling,
                email=str(claims.get("email") or ""),
                fulde_navn=str(navn or ""),
                fagomraade_slugs=fagomraader,
                request=self.request,
            )
        except Afvist as refusal:
            refuse(self.request, refusal.besked)
            return None


class CallbackView(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return reverse("sso-afvist")


login = only_when(configured, OIDCAuthenticationRequestView)
callback = only_when(configured, CallbackView)
