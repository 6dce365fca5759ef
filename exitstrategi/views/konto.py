"""Forgotten passwords: a link also for an invited person who never chose one, and never a flood of
mails to one address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache

RESETS_PER_HOUR = 3  # mails to one address; more requests are answered the same, but send nothing


class ResetForm(PasswordResetForm):
    def get_users(self, email):
        """Every active user with the address, also one invited who never chose a password (Django
        leaves those out, so an invitation lost in the mail was a dead end)."""
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

    def send_mail(self, subject, body, context, from_email, to_email, **kwargs):
        key = f"nulstil:{to_email.lower()}"
        sent = cache.get(key, 0)
        if sent >= RESETS_PER_HOUR:
            return
        cache.set(key, sent + 1, 60 * 60)
        super().send_mail(subject, body, context, from_email, to_email, **kwargs)


class ResetView(PasswordResetView):
    form_class = ResetForm
