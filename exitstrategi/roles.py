"""The three roles and the one object-level rule: who may edit which fagområde.

A role is a Django group of the same name. Every view asks here, so the rules live in one place.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import models


class Rolle(models.TextChoices):
    PROJEKTLEDER = "Projektleder", "Projektleder"
    KONTAKTPERSON = "Kontaktperson", "Kontaktperson"
    LAESER = "Læser", "Læser"


_RANK = [Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON, Rolle.LAESER]


def rolle_for(user):
    """The user's role, or None; computed once per request and kept on the user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_rolle"):
        if user.is_superuser:
            user._rolle = Rolle.PROJEKTLEDER
        else:
            names = set(user.groups.values_list("name", flat=True))
            user._rolle = next((r for r in _RANK if r.value in names), None)
    return user._rolle


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


def require_edit(user, fagomraade):
    if not can_edit_fagomraade(user, fagomraade):
        raise PermissionDenied("Du kan kun redigere de fagområder, du er kontaktperson for.")


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; users without a fitting role get 403."""

    allowed_roles = (Rolle.PROJEKTLEDER, Rolle.KONTAKTPERSON, Rolle.LAESER)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if rolle_for(request.user) not in self.allowed_roles:
            raise PermissionDenied("Din bruger har ikke adgang til denne side.")
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
    return {"rolle": rolle_for(user), "is_projektleder": is_projektleder(user)}
