"""Forgotten passwords: a link also for an invited person who never chose one, and never a flood of
mails to one address."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.utils import timezone

from ..models import Logpost
from ..revisionslog import log

RESETS_PER_HOUR = 3  # mails to one person; more requests are answered the same, but send nothing


class ResetForm(PasswordResetForm):
    def get_users(self, email):
        """Every active user with the address, also one invited who never chose a password (Django
        leaves those out, so an invitation lost in the mail was a dead end)."""
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

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
