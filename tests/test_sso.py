"""Logging in through the municipality's identity provider: the identity finds the user, the role and a
contact person's fagområder come from the identity provider at every login, and a removed role takes
the access away. Also: local login turned off, and the users page."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from exitstrategi.models import Identitet, Logpost, Sagsomraade
from exitstrategi.privilegier import Tildeling
from exitstrategi.roles import Rolle, rolle_for
from exitstrategi.sso import INGEN_ROLLE, LUKKET, Afvist, sso_user
from tests.conftest import make_user

SAML = Identitet.Udbyder.SAML
ORGENHED = "6f2a0a3e-1c5b-4d7e-9f3a-2b8c4d5e6f70"


def login_as(rolle, noegle="urn:uuid:0001", **kwargs):
    return sso_user(udbyder=SAML, noegle=noegle, tildeling=Tildeling(rolle), **kwargs)


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_a_new_person_gets_a_user_keyed_by_their_identity_with_the_role_from_the_identity_provider(db):
    user = login_as("Projektleder", email="Pia@Kommune.dk", fulde_navn="Pia Hansen")
    assert rolle_for(fresh(user)) == Rolle.PROJEKTLEDER
    assert (user.email, user.first_name, user.last_name) == ("pia@kommune.dk", "Pia", "Hansen")
    assert not user.has_usable_password()
    assert user.identiteter.get().noegle == "urn:uuid:0001"
    assert login_as("Projektleder").pk == user.pk  # the same identity, the same user
    assert get_user_model().objects.count() == 1


def test_the_same_e_mail_from_another_identity_is_another_person_unless_linking_is_allowed(db, settings):
    local = make_user("pia", Rolle.LAESER)
    settings.SSO_LINK_BY_EMAIL = False
    other = login_as("Læser", email=local.email)
    assert other.pk != local.pk

    settings.SSO_LINK_BY_EMAIL = True
    linked = login_as("Læser", noegle="urn:uuid:0002", email=local.email.upper())
    assert linked.pk == local.pk
    identitet = local.identiteter.get()
    assert identitet.koblet_via_email and identitet.noegle == "urn:uuid:0002"
    assert Logpost.objects.filter(bruger=local, beskrivelse__contains="koblet til fælles login").exists()
    assert login_as("Læser", noegle="urn:uuid:0002").pk == local.pk  # linked once; the identity finds it


def test_a_role_changed_in_the_identity_provider_changes_at_the_next_login_and_is_logged(db):
    user = login_as("Kontaktperson")
    user = login_as("Læser")
    assert rolle_for(fresh(user)) == Rolle.LAESER
    entries = Logpost.objects.filter(handling=Logpost.Handling.ROLLE, bruger=user).values_list(
        "beskrivelse", flat=True
    )
    assert any("Læser fra identitetsudbyderen" in entry for entry in entries)
    before = Logpost.objects.count()
    login_as("Læser")
    assert Logpost.objects.count() == before  # nothing changed, nothing logged


def test_a_person_without_any_of_our_roles_is_refused_and_loses_the_access_they_had(kontaktperson):
    with pytest.raises(Afvist) as refused:
        login_as(None)
    assert refused.value.besked == INGEN_ROLLE
    assert get_user_model().objects.filter(identiteter__isnull=False).count() == 0  # no user made

    user = login_as("Kontaktperson", noegle="urn:uuid:karim")
    Identitet.objects.filter(user=user).update(user=kontaktperson)
    with pytest.raises(Afvist):
        login_as(None, noegle="urn:uuid:karim")
    kontaktperson = fresh(kontaktperson)
    assert rolle_for(kontaktperson) is None and not kontaktperson.fagomraader.exists()


def test_a_closed_user_stays_closed(db):
    user = login_as("Læser")
    user.is_active = False
    user.save()
    with pytest.raises(Afvist) as refused:
        login_as("Læser")
    assert refused.value.besked == LUKKET


def test_an_org_unit_constraint_gives_the_fagomraader_that_list_the_org_unit(borgerservice, arbejdsmarked):
    borgerservice.orgenheder = f"{ORGENHED.upper()}\n"
    borgerservice.save()
    tildeling = Tildeling("Kontaktperson", orgenheder=frozenset({ORGENHED}))
    user = sso_user(udbyder=SAML, noegle="k", tildeling=tildeling)
    assert list(fresh(user).fagomraader.all()) == [borgerservice]
    assert borgerservice.history.first().kontaktpersoner.filter(user=user).exists()  # in the Historik


def test_a_kle_constraint_gives_the_fagomraader_with_a_sagsomraade_under_that_number(
    kle, borgerservice, arbejdsmarked
):
    Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.24.04"])
    Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["02.34.02"])
    for nummer, wanted in (
        ("32", [arbejdsmarked]),
        ("32.24", [arbejdsmarked]),
        ("02.34.02", [borgerservice]),
    ):
        tildeling = Tildeling("Kontaktperson", kle_numre=frozenset({nummer}))
        user = sso_user(udbyder=SAML, noegle="k", tildeling=tildeling)
        assert list(fresh(user).fagomraader.all()) == wanted, nummer
    # "3" is not a prefix of "32": a number matches whole levels only
    user = sso_user(
        udbyder=SAML, noegle="k", tildeling=Tildeling("Kontaktperson", kle_numre=frozenset({"3"}))
    )
    assert not fresh(user).fagomraader.exists()


def test_without_constraints_the_project_leaders_appointment_stands(borgerservice):
    user = login_as("Kontaktperson")
    borgerservice.kontaktpersoner.add(user)
    login_as("Kontaktperson")
    assert list(fresh(user).fagomraader.all()) == [borgerservice]


def test_the_fagomraader_of_an_oidc_claim_are_named_by_slug(borgerservice, arbejdsmarked):
    user = sso_user(
        udbyder=Identitet.Udbyder.OIDC,
        noegle="oid-1",
        tildeling=Tildeling("Kontaktperson"),
        fagomraade_slugs=frozenset({arbejdsmarked.slug}),
    )
    assert list(fresh(user).fagomraader.all()) == [arbejdsmarked]


def test_the_users_page_shows_the_route_and_last_login_and_the_identity_providers_role_is_read_only(
    login, projektleder, borgerservice
):
    person = login_as("Kontaktperson", fulde_navn="Sso Person")
    page = login(projektleder).get(reverse("user-list")).content.decode()
    assert "Fælles login (SAML)" in page and "Lokal adgangskode" in page and "Aldrig" in page

    url = reverse("user-update", args=[person.pk])
    form = login(projektleder).get(url).context["form"]
    assert form.fields["rolle"].disabled
    data = {
        "rolle": Rolle.PROJEKTLEDER,
        "fagomraader": [borgerservice.pk],
        "is_active": "on",
        "shown_state": form.initial["shown_state"],
    }
    assert login(projektleder).post(url, data).status_code == 302
    person = fresh(person)
    assert rolle_for(person) == Rolle.KONTAKTPERSON  # the posted role is ignored
    assert list(person.fagomraader.all()) == [borgerservice]  # the appointment is the app's


def test_with_local_login_off_only_the_administrator_logs_in_with_a_password(client, settings, projektleder):
    settings.LOKAL_LOGIN = False
    admin = get_user_model().objects.create_superuser("admin", "admin@example.dk", "hemmelig-kode-123")
    url = reverse("login")
    refused = client.post(url, {"username": projektleder.username, "password": "hemmelig-kode-123"})
    assert "Log ind med kommunens fælles login" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.post(url, {"username": admin.username, "password": "hemmelig-kode-123"}).status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_with_local_login_off_no_reset_link_reaches_other_users(client, settings, projektleder):
    settings.LOKAL_LOGIN = False
    client.post(reverse("password_reset"), {"email": projektleder.email})
    assert mail.outbox == []
    settings.LOKAL_LOGIN = True
    client.post(reverse("password_reset"), {"email": projektleder.email})
    assert len(mail.outbox) == 1


def test_the_login_page_offers_what_is_configured(client, settings):
    page = client.get(reverse("login")).content.decode()
    assert "fælles login" not in page and "Glemt adgangskode?" in page
    settings.OIDC_RP_CLIENT_ID = "exitstrategi"
    settings.LOKAL_LOGIN = False
    page = client.get(reverse("login")).content.decode()
    assert reverse("oidc_authentication_init") in page
    assert "Administratorens login" in page and "Glemt adgangskode?" not in page


def test_the_identity_provider_routes_answer_404_until_configured(client):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
