"""Test settings: the real settings with a fast password hasher and plain static storage."""

import os

os.environ.setdefault(
    "DEBUG", "1"
)  # the development defaults (no HTTPS redirect); pytest-django runs with DEBUG off

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
