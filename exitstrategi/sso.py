"""Log in through the municipality's identity provider (SAML or OpenID Connect). The person's stable
identity finds their user (created, or linked to a local user by e-mail, the first time); the role and a
contact person's fagområder come from the identity provider at every login (exitstrategi.privilegier
reads them), so a role removed there is gone at the next login. Every change is in the Revisionslog and
the fagområder's Historik."""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import Http404

from .models import Fagomraade, Identitet, Sagsomraade
from .revisionslog import Handling, log
from .roles import Rolle
from .services import role_state, user_set_role

INGEN_ROLLE = (
    "Du er logget ind hos kommunen, men du har ingen rolle i Exitstrategi. Bed kommunens "
    "brugeradministrator (den, der tildeler roller i adgangsstyringen) om en af rollerne Projektleder, "
    "Kontaktperson eller Læser for Exitstrategi, og log ind igen."
)
LUKKET = "Din bruger er lukket i Exitstrategi. Bed projektlederen om at åbne den igen."
AFVIST_SESSION_KEY = "sso_afvist"  # why the last login through the identity provider was refused


class Afvist(Exception):
    """The login is refused; the message tells the person why and whom to ask, in Danish."""

    def __init__(self, besked):
        super().__init__(besked)
        self.besked = besked


def only_when(configured, view_class):
    """The view, answering 404 while its identity provider is not configured (not a server error)."""
    view = view_class.as_view()

    def guarded(request, *args, **kwargs):
        if not configured():
            raise Http404("Fælles login er ikke sat op.")
        return view(request, *args, **kwargs)

    return guarded


def refuse(request, besked):
    """Keep why the login was refused for the page the person lands on (views.konto.afvist)."""
    if request is not None:
        request.session[AFVIST_SESSION_KEY] = besked


def sso_user(
    *, udbyder, noegle, tildeling, email="", fulde_navn="", fagomraade_slugs=frozenset(), request=None
):
    """The user of this identity with the role and fagområder the identity provider gives now; Afvist
    when it gives none of our roles or the user is closed. `fagomraade_slugs`: a contact person's
    fagområder named by an OpenID Connect claim; the SAML constraints are in the Tildeling itself."""
    if not noegle:
        raise Afvist("Identitetsudbyderen sendte ingen identitet for dig; kontakt kommunens IT-afdeling.")
    if tildeling.rolle is None:
        _remove_role(udbyder, noegle, request)
        raise Afvist(INGEN_ROLLE)
    with transaction.atomic():
        user = _user_of(udbyder, noegle, email, fulde_navn, request)
        if not user.is_active:
            raise Afvist(LUKKET)
        _refresh_person(user, email, fulde_navn)
        rolle = Rolle(tildeling.rolle)
        if tildeling.afgraenset:
            fagomraader = fagomraader_for(tildeling)
        elif fagomraade_slugs:
            fagomraader = list(Fagomraade.objects.filter(slug__in=fagomraade_slugs))
        else:  # no constraint from the identity provider: the project leader's appointment stands
            fagomraader = list(user.fagomraader.all())
        before = role_state(user)
        user_set_role(user=user, rolle=rolle, fagomraader=fagomraader)
        for cached in ("_rolle", "_editable_ids"):
            user.__dict__.pop(cached, None)
        if role_state(user) != before:
            areas = ", ".join(sorted(str(f) for f in fagomraader)) if rolle.er_kontaktperson else ""
            log(
                Handling.ROLLE,
                request=request,
                user=user,
                beskrivelse=f"{user.get_username()}: {rolle}{f' for {areas}' if areas else ''} "
                "fra identitetsudbyderen",
            )
    return user


def _remove_role(udbyder, noegle, request):
    """A known person the identity provider no longer gives a role loses theirs here too."""
    identitet = Identitet.objects.select_related("user").filter(udbyder=udbyder, noegle=noegle).first()
    if identitet is None:
        return
    user = identitet.user
    with transaction.atomic():
        if not user.groups.exists() and not user.fagomraader.exists():
            return
        user.groups.clear()
        for fagomraade in user.fagomraader.all():  # through each, so its Historik records it
            fagomraade.kontaktpersoner.remove(user)
        log(
            Handling.ROLLE,
            request=request,
            user=user,
            beskrivelse=f"{user.get_username()}: ingen rolle fra identitetsudbyderen; adgangen er fjernet",
        )


def fagomraader_for(tildeling):
    """The fagområder a contact person's data constraints give: those listing one of the org units, and
    those with a sagsområde under one of the KLE numbers (a hovedgruppe, gruppe or emne)."""
    under = Q(pk__in=[])
    for nummer in tildeling.kle_numre:
        under |= Q(kle__nummer=nummer) | Q(kle__nummer__startswith=f"{nummer}.")
    by_kle = set(Sagsomraade.objects.filter(under).values_list("fagomraade_id", flat=True))
    return [
        f
        for f in Fagomraade.objects.order_by("navn")
        if f.pk in by_kle or f.orgenhed_uuids() & tildeling.orgenheder
    ]


def is_sso_user(user):
    return user.identiteter.exists()


def _user_of(udbyder, noegle, email, fulde_navn, request):
    identitet = Identitet.objects.select_related("user").filter(udbyder=udbyder, noegle=noegle).first()
    if identitet is not None:
        return identitet.user
    users = get_user_model().objects
    local = users.filter(email__iexact=email, identiteter=None) if email else users.none()
    if settings.SSO_LINK_BY_EMAIL and len(local) == 1:
        user = local[0]
        Identitet.objects.create(user=user, udbyder=udbyder, noegle=noegle, koblet_via_email=True)
        log(
            Handling.ROLLE,
            request=request,
            user=user,
            beskrivelse=f"{user.get_username()} koblet til fælles login ({udbyder}) via e-mail",
        )
        return user
    user = users.create(username=_username(udbyder, noegle), email=email.strip().lower())
    user.set_unusable_password()  # logs in through the identity provider only
    user.save()
    Identitet.objects.create(user=user, udbyder=udbyder, noegle=noegle)
    return user


def _username(udbyder, noegle):
    """A user name from the identity: readable when it fits, a digest of it when it does not."""
    name = f"{udbyder}:{noegle}"
    return name if len(name) <= 150 else f"{udbyder}:{hashlib.sha256(noegle.encode()).hexdigest()}"


def _refresh_person(user, email, fulde_navn):
    first_name, _, last_name = fulde_navn.strip().partition(" ")
    wanted = {"email": email.strip().lower() or user.email}
    if fulde_navn.strip():
        wanted |= {"first_name": first_name[:150], "last_name": last_name[:150]}
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if changed:
        user.save(update_fields=changed)
