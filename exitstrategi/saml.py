"""Log in with SAML 2.0: KOMBIT's Context Handler (the fælleskommunale adgangsstyring, OIOSAML 3) or
another SAML identity provider, through djangosaml2 on pysaml2. The SP signs its requests, wants signed
assertions (encrypted ones are read with the same key pair) and accepts no response it did not ask
for. The person's role and data constraints come from the OIO-BPP privileges attribute
(exitstrategi.privilegier); only privileges granted for the municipality's CVR number count."""

import logging

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.urls import path, reverse
from djangosaml2 import views
from djangosaml2.backends import Saml2Backend
from djangosaml2.views import _get_subject_id
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.sigver import verify_redirect_signature
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .indstillinger import Kommune
from .models import Identitet
from .privilegier import PRIVILEGES_ATTRIBUTE, ROLLER, PrivilegieFejl, laes_privilegier, tildeling
from .roles import LoadsRolleWithUser
from .sso import INGEN_ROLLE, Afvist, only_when, refuse, sso_user

CVR_ATTRIBUTE = "https://data.gov.dk/model/core/eid/professional/cvr"
UUID_ATTRIBUTE = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
EMAIL_ATTRIBUTE = "https://data.gov.dk/model/core/eid/email"
FIRST_NAME_ATTRIBUTE = "https://data.gov.dk/model/core/eid/firstName"
LAST_NAME_ATTRIBUTE = "https://data.gov.dk/model/core/eid/lastName"
logger = logging.getLogger(__name__)
NAME_ID = "name_id"  # SAML_NOEGLE: key people by the persistent NameID (else by the attribute named)


def configured():
    return bool(settings.SAML_IDP_METADATA or settings.SAML_IDP_METADATA_URL)


def sp_config(request=None):
    """The service provider's pysaml2 configuration, from the settings (djangosaml2's config loader)."""
    base = settings.SAML_BASE_URL.rstrip("/")
    metadata = (
        {"inline": [settings.SAML_IDP_METADATA]}
        if settings.SAML_IDP_METADATA
        else {"remote": [{"url": settings.SAML_IDP_METADATA_URL}]}
    )
    config = SPConfig()
    config.load(
        {
            "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
            "entityid": f"{base}{reverse('saml2_metadata')}",
            "allow_unknown_attributes": True,
            "accepted_time_diff": 60,
            "service": {
                "sp": {
                    "name": "Exitstrategi",
                    "name_id_format": NAMEID_FORMAT_PERSISTENT,
                    "endpoints": {
                        "assertion_consumer_service": [(f"{base}{reverse('saml2_acs')}", BINDING_HTTP_POST)],
                        "single_logout_service": [
                            (f"{base}{reverse('saml2_ls')}", BINDING_HTTP_REDIRECT),
                            (f"{base}{reverse('saml2_ls_post')}", BINDING_HTTP_POST),
                        ],
                    },
                    "authn_requests_signed": True,
                    "logout_requests_signed": True,
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "allow_unsolicited": False,
                    "signing_algorithm": SIG_RSA_SHA256,
                    "digest_algorithm": DIGEST_SHA256,
                }
            },
            "metadata": metadata,
            "key_file": settings.SAML_KEY_FILE,
            "cert_file": settings.SAML_CERT_FILE,
            "encryption_keypairs": [
                {"key_file": settings.SAML_KEY_FILE, "cert_file": settings.SAML_CERT_FILE}
            ],
        }
    )
    return config


def roller():
    """{privilege URI: role} from SAML_ROLLER: the brugersystemroller this installation registered."""
    table = settings.SAML_ROLLER
    return {uri: rolle for uri, rolle in table.items() if rolle in ROLLER}


def _first(attributes, name):
    values = attributes.get(name) or [""]
    return str(values[0] or "").strip()


def tildeling_of(attributes):
    """The role and constraints of an assertion's attributes, for the municipality only; Afvist else."""
    cvr = Kommune.get().cvr
    if not cvr:
        raise Afvist(
            "Kommunens CVR-nummer er ikke udfyldt under Indstillinger, så fælles login kan ikke bruges "
            "endnu. Bed projektlederen om at udfylde det."
        )
    sent = _first(attributes, CVR_ATTRIBUTE)
    if sent != cvr:
        raise Afvist(
            f"Du er logget ind for en anden organisation (CVR {sent or 'ukendt'}) end kommunen (CVR {cvr}). "
            "Log ind som medarbejder i kommunen."
        )
    privileges = _first(attributes, PRIVILEGES_ATTRIBUTE)
    if not privileges:
        raise Afvist(INGEN_ROLLE)
    try:
        return tildeling(laes_privilegier(privileges), cvr=cvr, roller=roller())
    except PrivilegieFejl as error:
        raise Afvist(f"{error} Kontakt kommunens IT-afdeling.") from None


def identity(session_info):
    if settings.SAML_NOEGLE == NAME_ID:
        name_id = session_info.get("name_id")
        return str(getattr(name_id, "text", "") or "").strip()
    return _first(session_info.get("ava", {}), settings.SAML_NOEGLE)


class Backend(LoadsRolleWithUser, Saml2Backend):
    """djangosaml2's backend with our rules: the user by identity, the role from the privileges."""

    def authenticate(self, request, session_info=None, **kwargs):
        if session_info is None or not configured():
            return None
        attributes = session_info.get("ava", {})
        names = (_first(attributes, FIRST_NAME_ATTRIBUTE), _first(attributes, LAST_NAME_ATTRIBUTE))
        try:
            return sso_user(
                udbyder=Identitet.Udbyder.SAML,
                noegle=identity(session_info),
                tildeling=tildeling_of(attributes),
                email=_first(attributes, EMAIL_ATTRIBUTE),
                fulde_navn=" ".join(filter(None, names)),
                request=request,
            )
        except Afvist as refusal:
            refuse(request, refusal.besked)
            return None


def logged_in(request):
    """Whether this session was opened by a SAML login (so logging out also ends it at the IdP)."""
    saml_session = getattr(request, "saml_session", None)
    return configured() and saml_session is not None and _get_subject_id(saml_session) is not None


class SingleLogoutView(views.LogoutView):
    """djangosaml2's single-logout endpoint, where a logout request from the identity provider must be
    signed by it (djangosaml2 itself would end a session on an unsigned one)."""

    def do_logout_service(self, request, data, binding, *args, **kwargs):
        if "SAMLRequest" in data and not self._signed_by_idp(request, data, binding):
            logger.warning("SAML logout request refused: not signed by the identity provider")
            return HttpResponseBadRequest(
                "Anmodningen om at logge ud er ikke signeret af identitetsudbyderen."
            )
        return super().do_logout_service(request, data, binding, *args, **kwargs)

    def _signed_by_idp(self, request, data, binding):
        _state, client = self.get_state_client(request)
        try:  # a POST's XML signature is checked here, when there is one; a redirect's is not
            parsed = client.parse_logout_request(data["SAMLRequest"], binding)
        except Exception:  # pysaml2 raises many kinds for a wrong signature or a broken document
            return False
        if parsed is None:
            return False
        if binding != BINDING_HTTP_REDIRECT:
            return parsed.message.signature is not None
        if not (data.get("Signature") and data.get("SigAlg")):
            return False
        message = {k: data[k] for k in ("SAMLRequest", "RelayState", "SigAlg", "Signature") if k in data}
        certificates = client.metadata.certs(parsed.message.issuer.text, "idpsso", use="signing")
        for _name, certificate in certificates:
            try:
                if verify_redirect_signature(message, client.sec.sec_backend, cert=certificate):
                    return True
            except Exception:  # a malformed signature or algorithm
                continue
        return False


urlpatterns = [  # djangosaml2's, each answering 404 while SAML is not configured
    path("login/", only_when(configured, views.LoginView), name="saml2_login"),
    path("acs/", only_when(configured, views.AssertionConsumerServiceView), name="saml2_acs"),
    path("logout/", only_when(configured, views.LogoutInitView), name="saml2_logout"),
    path("ls/", only_when(configured, SingleLogoutView), name="saml2_ls"),
    path("ls/post/", only_when(configured, SingleLogoutView), name="saml2_ls_post"),
    path("metadata/", only_when(configured, views.MetadataView), name="saml2_metadata"),
]
