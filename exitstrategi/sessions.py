"""Django's database sessions (SESSION_ENGINE), each request's session read by one query whose SQL is
made once (`sql_once.by_one_value`): building it with the ORM took longer than running it."""

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from .sql_once import by_one_value


class SessionStore(db.SessionStore):
    KEY_CHARS = frozenset(VALID_KEY_CHARS)  # of the keys Django makes

    def _validate_session_key(self, key):
        """Only a key such as Django makes: a forged cookie (a NUL, which PostgreSQL refuses to compare,
        or a key longer than the column) is no session, not an error."""
        return (
            super()._validate_session_key(key)
            and len(key) <= self.model._meta.get_field("session_key").max_length
            and self.KEY_CHARS.issuperset(key)
        )

    def _get_session_from_db(self):
        if self.session_key is None:
            return None
        try:
            found = next(
                iter(by_one_value(self.model, "session", self._by_key, "\x00", self.session_key)), None
            )
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            found = None
        if found is None or found.expire_date <= timezone.now():  # as Django's: expired is gone
            self._session_key = None
            return None
        return found

    @classmethod
    def _by_key(cls, key):
        return cls.get_model_class().objects.filter(session_key=key)
