"""Revisionsloggen: one call per event worth auditing (logins, roles, imports, exports), so who did what
with the municipality's data can be read afterwards. The entries are never edited."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .middleware import client_ip, renew_session
from .models import Logpost

Handling = Logpost.Handling


def log(handling, *, request=None, user=None, brugernavn="", beskrivelse=""):
    user = user if user is not None else getattr(request, "user", None)
    known = user is not None and user.is_authenticated
    Logpost.objects.create(
        handling=handling,
        bruger=user if known else None,
        brugernavn=(user.get_username() if known else brugernavn)[:150],
        beskrivelse=beskrivelse[:500],
        adresse=client_ip(request) if request is not None else None,
    )


@receiver(user_logged_in, dispatch_uid="revisionslog_login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        renew_session(request.session)
    log(Handling.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="revisionslog_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log(Handling.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="revisionslog_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    log(Handling.LOGIN_FEJLET, request=request, brugernavn=str(credentials.get("username", "")))
