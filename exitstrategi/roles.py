"""The three roles and the one object-level rule: who may edit which fagområde.

A role is a Django group of the same name. Every view asks here, so the rules live in one place.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models

from .sql_once import by_one_value


class Rolle(models.TextChoices):
    PROJEKTLEDER = "Projektleder", "Projektleder"
    KONTAKTPERSON = "Kontaktperson", "Kontaktperson"
    LAESER = "Læser", "Læser"

    @property
    def kan_redigere(self):
        """Whether the role answers anything at all (a læser only reads)."""
        return self != Rolle.LAESER

    @property
    def er_kontaktperson(self):
        return self == Rolle.KONTAKTPERSON


_RANK = [Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON, Rolle.LAESER]


def rolle_for(user):
    """The user's role, or None; computed once per request and kept on the user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_rolle"):
        if user.is_superuser:
            user._rolle = Rolle.PROJEKTLEDER
        elif hasattr(user, "rolle_navn"):  # loaded by a backend of ours
            user._rolle = Rolle(user.rolle_navn) if user.rolle_navn else None
        else:
            names = set(user.groups.values_list("name", flat=True))
            user._rolle = next((r for r in _RANK if r.value in names), None)
    return user._rolle


def _users_with_rolle(key):
    ranked = Group.objects.filter(user=models.OuterRef("pk"), name__in=[rolle.value for rolle in _RANK])
    ranked = ranked.order_by(
        models.Case(*(models.When(name=rolle.value, then=rank) for rank, rolle in enumerate(_RANK)))
    )
    users = get_user_model()._default_manager.annotate(rolle_navn=models.Subquery(ranked.values("name")[:1]))
    return users.filter(pk=key)


def user_with_rolle(key):
    """The user with this key and the name of its highest role (`rolle_navn`, None without one), or
    None: one query, its SQL made once (every page asks for the user)."""
    found = by_one_value(get_user_model(), "user with rolle", _users_with_rolle, -(2**31) + 1, key)
    return next(iter(found), None)


class LoadsRolleWithUser:
    """For an authentication backend: the logged-in user of each request is loaded with its role, in
    one query instead of two."""

    def get_user(self, user_id):
        user = user_with_rolle(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class PasswordBackend(LoadsRolleWithUser, ModelBackend):
    """Django's username and password login."""


def is_projektleder(user):
    return rolle_for(user) == Rolle.PROJEKTLEDER


def editable_fagomraade_ids(user):
    """Ids of the fagområder this user may edit; None means all of them."""
    rolle = rolle_for(user)
    if rolle == Rolle.PROJEKTLEDER:
        return None
    if rolle != Rolle.KONTAKTPERSON:
        return frozenset()
    if not hasattr(user, "_editable_ids"):
        user._editable_ids = frozenset(user.fagomraader.values_list("pk", flat=True))
    return user._editable_ids


def can_edit_fagomraade(user, fagomraade):
    ids = editable_fagomraade_ids(user)
    return ids is None or fagomraade.pk in ids


NO_ROLE = "Din bruger har endnu ingen rolle i Exitstrategi. Bed projektlederen om adgang."
READ_ONLY = "Du har læseadgang: du kan se alle svar, men ikke ændre dem."


def refusal(user, allowed_roles=()):
    """Why this user may not do this, in words that fit their role."""
    rolle = rolle_for(user)
    if rolle is None:
        return NO_ROLE
    if rolle == Rolle.LAESER:
        return READ_ONLY
    if allowed_roles == (Rolle.PROJEKTLEDER,):
        return "Det er kun projektlederen, der kan gøre dette."
    return "Du kan kun ændre svar i de fagområder, du er kontaktperson for; de andre kan du læse."


def require_edit(user, fagomraade):
    if not can_edit_fagomraade(user, fagomraade):
        raise PermissionDenied(refusal(user))


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; users without a fitting role get 403."""

    allowed_roles = (Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON, Rolle.LAESER)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if rolle_for(request.user) not in self.allowed_roles:
            raise PermissionDenied(refusal(request.user, tuple(self.allowed_roles)))
        self.authorize()
        return super().dispatch(request, *args, **kwargs)

    def authorize(self):
        """Object-level checks, run after the role check; raise PermissionDenied to refuse."""


class ProjektlederRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Rolle.PROJEKTLEDER,)


def role_context(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    rolle = rolle_for(user)
    return {
        "rolle": rolle,
        "is_projektleder": rolle == Rolle.PROJEKTLEDER,
        # a contact person's own fagområder, marked in every list
        "mine_fagomraader": editable_fagomraade_ids(user) if rolle == Rolle.KONTAKTPERSON else frozenset(),
    }
