"""Logging in with SAML 2.0, end to end against an identity provider run inside the test: pysaml2's own
IdP, with a key pair made for the test, answers our signed AuthnRequest with a signed assertion carrying
OIOSAML 3 attributes and an OIO-BPP privilege list (as KOMBIT's Context Handler sends them). Needs the
xmlsec1 program: marked `saml`, run by .ci/run, which installs it."""

import base64
import datetime
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.contrib.auth import get_user_model
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import SIG_RSA_SHA256

from exitstrategi.indstillinger import Kommune
from exitstrategi.models import Identitet
from exitstrategi.privilegier import KLE, ORGENHED, PRIVILEGES_ATTRIBUTE
from exitstrategi.roles import Rolle, rolle_for
from exitstrategi.saml import CVR_ATTRIBUTE, EMAIL_ATTRIBUTE, FIRST_NAME_ATTRIBUTE, LAST_NAME_ATTRIBUTE
from exitstrategi.sso import INGEN_ROLLE
from tests.test_privilegier import CVR, KP, LAESER, PL, ROLLER, bpp

pytestmark = [
    pytest.mark.saml,
    pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 is not installed (.ci/run installs it)"),
]

IDP = "https://adgangsstyring.test/saml"
XMLSEC = shutil.which("xmlsec1") or "/usr/bin/xmlsec1"
ORGENHED_UUID = "6f1b5a2c-0000-4000-8000-000000000001"


def key_pair(folder, name):
    """A private key and a self-signed certificate, as PEM files (what an OCES3 certificate would be)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def idp_config(key, cert, sp_metadata=None):
    config = IdPConfig()
    config.load(
        {
            "entityid": IDP,
            "xmlsec_binary": XMLSEC,
            "allow_unknown_attributes": True,
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{IDP}/sso", BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(f"{IDP}/slo", BINDING_HTTP_REDIRECT)],
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": True,
                    "policy": {"default": {"name_form": NAME_FORMAT_URI, "attribute_restrictions": None}},
                }
            },
            "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
            "key_file": key,
            "cert_file": cert,
        }
    )
    return config


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("saml")
    return {
        "sp": key_pair(folder, "exitstrategi"),
        "idp": key_pair(folder, "idp"),
        "fremmed": key_pair(folder, "x"),
    }


@pytest.fixture
def idp(db, client, settings, keys):
    """Our SP configured with the IdP's metadata, and the IdP with ours (read from our metadata URL)."""
    settings.SAML_IDP_METADATA = create_metadata_string(None, config=idp_config(*keys["idp"])).decode()
    settings.SAML_BASE_URL = "http://testserver"
    settings.SAML_KEY_FILE, settings.SAML_CERT_FILE = keys["sp"]
    settings.SAML_XMLSEC_BINARY = XMLSEC
    settings.SAML_ROLLER = ROLLER
    kommune = Kommune.get()
    kommune.cvr = CVR
    kommune.save()
    metadata = client.get(reverse("saml2_metadata"))
    assert metadata.status_code == 200
    return Server(config=idp_config(*keys["idp"], sp_metadata=metadata.content.decode()))


def attributes(*privileges, cvr=CVR, constraints=()):
    return {
        CVR_ATTRIBUTE: [cvr],
        EMAIL_ATTRIBUTE: ["Karen@Kommune.dk"],
        FIRST_NAME_ATTRIBUTE: ["Karen"],
        LAST_NAME_ATTRIBUTE: ["Kristensen"],
        PRIVILEGES_ATTRIBUTE: [bpp((CVR, list(privileges), list(constraints)))] if privileges else [],
    }


def start(client, idp):
    """Our AuthnRequest, as the IdP receives it (its signature checked), and the RelayState."""
    response = client.get(reverse("saml2_login"))
    assert response.status_code == 302 and response["Location"].startswith(f"{IDP}/sso?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}
    assert query["SigAlg"].endswith("rsa-sha256") and query["Signature"]
    request = idp.parse_authn_request(
        query["SAMLRequest"],
        BINDING_HTTP_REDIRECT,
        relay_state=query.get("RelayState"),
        sigalg=query["SigAlg"],
        signature=query["Signature"],
    )
    return request.message, query.get("RelayState", "")


def answer(idp, request, identity, *, noegle="pers-uuid-0001", **options):
    options.setdefault("sign_assertion", True)
    response = idp.create_authn_response(
        identity=identity,
        in_response_to=request.id,
        destination=request.assertion_consumer_service_url,
        sp_entity_id=request.issuer.text,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=noegle),
        authn={"class_ref": "https://data.gov.dk/concept/core/nsis/loa/Substantial"},
        **options,
    )
    return base64.b64encode(str(response).encode()).decode()


def log_in(client, idp, identity, **options):
    request, relay_state = start(client, idp)
    saml_response = answer(idp, request, identity, **options)
    return client.post(reverse("saml2_acs"), {"SAMLResponse": saml_response, "RelayState": relay_state})


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_a_project_leader_logs_in_through_the_identity_provider(client, idp):
    response = log_in(client, idp, attributes(PL))
    assert response.status_code == 302
    user = logged_in_user(client)
    assert rolle_for(user) == Rolle.PROJEKTLEDER
    assert (user.email, user.get_full_name()) == ("karen@kommune.dk", "Karen Kristensen")
    identitet = user.identiteter.get()
    assert (identitet.udbyder, identitet.noegle) == (Identitet.Udbyder.SAML, "pers-uuid-0001")
    assert client.get(reverse("home")).status_code == 200


def test_a_contact_person_lands_with_the_fagomraader_of_their_constraints(client, idp, kle, borgerservice):
    borgerservice.orgenheder = ORGENHED_UUID
    borgerservice.save()
    log_in(client, idp, attributes(KP, constraints=[(ORGENHED, ORGENHED_UUID.upper()), (KLE, "02")]))
    user = logged_in_user(client)
    assert rolle_for(user) == Rolle.KONTAKTPERSON
    assert list(user.fagomraader.all()) == [borgerservice]


def test_an_encrypted_assertion_is_read_with_our_key(client, idp, keys):
    with open(keys["sp"][1]) as certificate:
        sp_cert = certificate.read()
    log_in(client, idp, attributes(LAESER), encrypt_assertion=True, encrypt_cert_assertion=sp_cert)
    assert rolle_for(logged_in_user(client)) == Rolle.LAESER


@pytest.mark.parametrize(
    "identity, message",
    [
        (attributes(), INGEN_ROLLE),
        (attributes("http://kommune.dk/roles/usersystemrole/andet_system/1"), INGEN_ROLLE),
        (attributes(PL, cvr="11111111"), "anden organisation (CVR 11111111)"),
    ],
    ids=["no-privileges", "another-systems-role", "another-cvr"],
)
def test_a_person_without_our_role_or_from_another_organisation_is_refused(client, idp, identity, message):
    response = log_in(client, idp, identity)
    assert response.status_code == 403 and message in response.content.decode()
    assert logged_in_user(client) is None
    assert not get_user_model().objects.exists()


def test_an_unsigned_assertion_is_refused(client, idp):
    response = log_in(client, idp, attributes(PL), sign_assertion=False)
    assert response.status_code in (400, 403) and logged_in_user(client) is None


def test_an_assertion_signed_by_another_key_is_refused(client, idp, keys):
    request, relay_state = start(client, idp)
    forger = Server(
        config=idp_config(*keys["fremmed"], sp_metadata=client.get(reverse("saml2_metadata")).content)
    )
    forged = answer(forger, request, attributes(PL))
    response = client.post(reverse("saml2_acs"), {"SAMLResponse": forged, "RelayState": relay_state})
    assert response.status_code in (400, 403) and logged_in_user(client) is None


def test_a_tampered_assertion_is_refused(client, idp):
    request, relay_state = start(client, idp)
    signed = base64.b64decode(answer(idp, request, attributes(LAESER))).decode()
    tampered = signed.replace(
        base64.b64encode(b"x").decode()[:0] + bpp((CVR, [LAESER], [])), bpp((CVR, [PL], []))
    )
    assert tampered != signed
    response = client.post(
        reverse("saml2_acs"),
        {"SAMLResponse": base64.b64encode(tampered.encode()).decode(), "RelayState": relay_state},
    )
    assert response.status_code in (400, 403) and logged_in_user(client) is None


def test_a_replayed_response_does_not_log_in_again(client, idp):
    request, relay_state = start(client, idp)
    saml_response = answer(idp, request, attributes(PL))
    data = {"SAMLResponse": saml_response, "RelayState": relay_state}
    assert client.post(reverse("saml2_acs"), data).status_code == 302
    client.logout()
    again = client.post(reverse("saml2_acs"), data)
    assert again.status_code in (400, 403) and logged_in_user(client) is None


def test_logging_out_ends_the_session_here_and_asks_the_identity_provider_to_end_it(client, idp):
    log_in(client, idp, attributes(PL))
    response = client.post(reverse("logout"), follow=False)
    assert response["Location"] == reverse("saml2_logout")
    to_idp = client.get(response["Location"])
    assert to_idp.status_code == 302 and to_idp["Location"].startswith(f"{IDP}/slo?")
    query = parse_qs(urlsplit(to_idp["Location"]).query)
    assert "SAMLRequest" in query and "Signature" in query  # a signed LogoutRequest
    assert logged_in_user(client) is None


def test_the_routes_answer_404_until_configured(client, db):
    assert client.get(reverse("saml2_login")).status_code == 404
    assert client.get(reverse("saml2_metadata")).status_code == 404


def test_the_metadata_names_our_endpoints_and_certificate(client, idp, keys):
    metadata = client.get(reverse("saml2_metadata")).content.decode()
    assert "http://testserver/saml2/acs/" in metadata and BINDING_HTTP_POST in metadata
    assert 'AuthnRequestsSigned="true"' in metadata and 'WantAssertionsSigned="true"' in metadata
    with open(keys["sp"][1]) as certificate:
        body = "".join(certificate.read().splitlines()[1:-1])
    assert body[:64] in metadata.replace("\n", "")


def logout_request(idp, *, signed=True):
    """The identity provider's LogoutRequest for the person, as the address it sends the browser to."""
    _id, request = idp.create_logout_request(
        "http://testserver/saml2/ls/",
        "http://testserver/saml2/metadata/",
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="pers-uuid-0001"),
        sign=False,
    )
    sent = idp.apply_binding(
        BINDING_HTTP_REDIRECT, str(request), "http://testserver/saml2/ls/", sign=signed, sigalg=SIG_RSA_SHA256
    )
    return dict(sent["headers"])["Location"].removeprefix("http://testserver")


def test_a_logout_started_at_the_identity_provider_ends_the_session_here(client, idp):
    log_in(client, idp, attributes(PL))
    assert logged_in_user(client) is not None
    response = client.get(logout_request(idp))
    assert response.status_code == 302 and response["Location"].startswith(f"{IDP}/slo?SAMLResponse=")
    assert logged_in_user(client) is None


def test_a_logout_request_not_signed_by_the_identity_provider_changes_nothing(client, idp):
    log_in(client, idp, attributes(PL))
    unsigned = logout_request(idp, signed=False)
    assert client.get(unsigned).status_code == 400
    signed = logout_request(idp)
    forged = signed.replace("Signature=", "Signature=AAAA")
    assert client.get(forged).status_code == 400
    assert logged_in_user(client) is not None


def test_a_logout_request_for_a_session_we_no_longer_know_says_so_in_danish(client, idp):
    response = client.get(logout_request(idp))
    assert response.status_code == 403 and "Du er logget ud af Exitstrategi" in response.content.decode()
