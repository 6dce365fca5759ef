"""Logging in, with a password or through the municipality's identity provider, and forgotten passwords:
a link also for an invited person who never chose one, and never a flood of mails to one address."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import oidc, saml
from ..models import Logpost
from ..revisionslog import log
from ..sso import AFVIST_SESSION_KEY

RESETS_PER_HOUR = 3  # mails to one person; more requests are answered the same, but send nothing


class ResetForm(PasswordResetForm):
    def get_users(self, email):
        """Every active user with the address, also one invited who never chose a password (Django
        leaves those out, so an invitation lost in the mail was a dead end). With local login off, only
        the administrator's."""
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return users if settings.LOKAL_LOGIN else users.filter(is_superuser=True)

    def send_mail(self, subject, body, context, from_email, to_email, **kwargs):
        """Counted in the Revisionslog, so every worker process of the server shares the limit."""
        user = context["user"]
        recent = Logpost.objects.filter(
            handling=Logpost.Handling.NULSTILLING,
            bruger=user,
            tidspunkt__gte=timezone.now() - timedelta(hours=1),
        )
        if recent.count() >= RESETS_PER_HOUR:
            return
        log(
            Logpost.Handling.NULSTILLING,
            user=user,
            beskrivelse=f"Link til ny adgangskode sendt til {to_email}",
        )
        super().send_mail(subject, body, context, from_email, to_email, **kwargs)


class ResetView(PasswordResetView):
    form_class = ResetForm


LOKAL_LUKKET = (
    "Log ind med kommunens fælles login med knappen ovenfor. Brugernavn og adgangskode gælder kun "
    "for systemets administrator."
)


class LoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        """With the municipality's login on and local login off, only a superuser (the break-glass
        administrator) logs in with a password."""
        super().confirm_login_allowed(user)
        if not settings.LOKAL_LOGIN and not user.is_superuser:
            raise forms.ValidationError(LOKAL_LUKKET, code="lokal_login_lukket")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            oidc=oidc.configured(), saml=saml.configured(), lokal_login=settings.LOKAL_LOGIN, **kwargs
        )


class LogoutView(auth_views.LogoutView):
    """Logging out of a session opened by SAML also ends it at the identity provider (single logout)."""

    def post(self, request, *args, **kwargs):
        if saml.logged_in(request):
            return redirect("saml2_logout")
        return super().post(request, *args, **kwargs)


def afvist(request, exception=None, status=403, **kwargs):
    """Why the identity provider's login was refused, and whom to ask (the message stays one request).
    Also djangosaml2's answer when an assertion is refused (SAML_ACS_FAILURE_RESPONSE_FUNCTION)."""
    besked = request.session.pop(AFVIST_SESSION_KEY, None) or (
        "Login med kommunens fælles login lykkedes ikke. Prøv igen, eller kontakt kommunens IT-afdeling."
    )
    return render(request, "registration/afvist.html", {"besked": besked}, status=403)
