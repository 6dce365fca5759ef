"""Settings for Exitstrategi, read from environment variables.

Unset DEBUG means production: set SECRET_KEY (or SECRET_KEY_FILE), ALLOWED_HOSTS and DATABASE_URL.
`make run` and the test settings set DEBUG=1 for local use.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    """A string setting; NAME_FILE names a file holding the value (for secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)  # unset means production; `make run` and the tests set DEBUG=1

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG=0.")
    SECRET_KEY = "local-development-only-not-a-secret"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "djangosaml2",
    "exitstrategi",
    "screening",
    "workshops",
    "prioritering",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "exitstrategi.middleware.DanishMiddleware",
    "exitstrategi.middleware.RefuseOversizedMiddleware",
    "exitstrategi.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "exitstrategi.middleware.PrivatePagesMiddleware",
    "csp.middleware.CSPMiddleware",
    "exitstrategi.middleware.SlidingSessionMiddleware",
    "exitstrategi.generation.OnePassPerPageMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "exitstrategi.roles.PasswordBackend",  # Django's ModelBackend, the role loaded with the user
    "exitstrategi.oidc.Backend",  # answers only the OpenID Connect callback, and only when configured
    "exitstrategi.saml.Backend",  # answers only a verified SAML assertion, and only when configured
]

ROOT_URLCONF = "exitstrategi.urls"
WSGI_APPLICATION = "exitstrategi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "exitstrategi.roles.role_context",
                "exitstrategi.faser.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite fit for a workshop's parallel saves: readers never wait for a writer (WAL), a write takes
    # its lock when its transaction begins (no deadlock upgrading a read), and waits up to 20 s for it.
    # PostgreSQL stays the recommendation for production.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif env_bool("PG_PREPARED_STATEMENTS", True):
    # Every page asks the same queries again and again, and PostgreSQL spends longer planning the
    # sheet's queries than running them: bound on the server, psycopg prepares a query from its fifth
    # use, so a connection plans it once. Set PG_PREPARED_STATEMENTS=0 behind a connection pooler in
    # transaction mode (PgBouncer without max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 7  # an invitation link lasts a week

# The municipality's own login (README, "Fælles login"). With it on, LOKAL_LOGIN=0 leaves passwords to
# superusers only (the break-glass administrator); SSO_LINK_BY_EMAIL=1 links an existing local user to
# their identity, once, on their first login through the identity provider.
LOKAL_LOGIN = env_bool("LOKAL_LOGIN", True)
SSO_LINK_BY_EMAIL = env_bool("SSO_LINK_BY_EMAIL", False)
# SAML 2.0 (djangosaml2 on pysaml2), e.g. KOMBIT's Context Handler: on when the identity provider's
# metadata is given, as SAML_IDP_METADATA_FILE (a file) or SAML_IDP_METADATA_URL.
SAML_IDP_METADATA = env_str("SAML_IDP_METADATA")
SAML_IDP_METADATA_URL = env_str("SAML_IDP_METADATA_URL")
SAML_BASE_URL = env_str("SAML_BASE_URL", "http://127.0.0.1:8000")  # the address users reach us on
SAML_KEY_FILE = os.environ.get("SAML_KEY_FILE", "")  # the SP's private key (PEM), a file only we read
SAML_CERT_FILE = os.environ.get("SAML_CERT_FILE", "")  # its certificate (PEM), published in our metadata
SAML_XMLSEC_BINARY = env_str("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
SAML_NOEGLE = env_str("SAML_NOEGLE", "name_id")  # or the attribute of OIOSAML 3's persistent UUID
SAML_ROLLER = json.loads(env_str("SAML_ROLLER", "{}"))  # JSON: privilege URI -> Projektleder/…
SAML_CONFIG_LOADER = "exitstrategi.saml.sp_config"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_ATTRIBUTE_MAPPING = {}  # exitstrategi.saml.Backend reads the attributes itself
SAML_ACS_FAILURE_RESPONSE_FUNCTION = "exitstrategi.views.konto.afvist"
SAML_SESSION_COOKIE_NAME = "saml_session"
# OS2 KITOS (README, "IT-systemer fra KITOS"): an API user's e-mail and password, the organisation's UUID.
KITOS_URL = env_str("KITOS_URL", "https://kitos.dk")
KITOS_ORGANISATION = env_str("KITOS_ORGANISATION")
KITOS_EMAIL = env_str("KITOS_EMAIL")
KITOS_PASSWORD = env_str("KITOS_PASSWORD")
KITOS_TIMEOUT = env_int("KITOS_TIMEOUT", 30)
KLE_ONLINE_URL = env_str(
    "KLE_ONLINE_URL"
)  # KL's address of the current emneplan (KLE-XML); unset: upload only
PAAMINDELSE_DAGE = env_int("PAAMINDELSE_DAGE", 30)  # days before a last notice day that paamindelser mails
# OpenID Connect (mozilla-django-oidc): on when OIDC_RP_CLIENT_ID is set.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_NOEGLE_CLAIM = env_str("OIDC_NOEGLE_CLAIM", "sub")  # Entra ID: "oid"
OIDC_ROLLE_CLAIM = env_str("OIDC_ROLLE_CLAIM", "roles")  # or "groups"
OIDC_ROLLER = env_str("OIDC_ROLLER", "{}")  # JSON: claim value -> role, or [role, fagområde slug]

# Login throttling: five wrong passwords for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# Behind a TLS proxy every request comes from the proxy: name how many proxies to trust, and the
# lockout reads the client's own address from X-Forwarded-For (exitstrategi.middleware.client_ip).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "exitstrategi.middleware.client_ip"

# django-filter: a Danish word for "any" instead of "---------" (and no "none" choice: every filter
# offers its own "Ikke besvaret" where that means something).
FILTERS_EMPTY_CHOICE_LABEL = "Alle"

LANGUAGE_CODE = "da"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["exitstrategi.formats"]

# Uploaded files (strategies) are served by a view that checks the role, never directly.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
FORM_RENDERER = "exitstrategi.renderers.FastRenderer"  # Django's, with the commonest widgets in Python

# E-mail: printed to the console unless EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "exitstrategi@localhost")

SESSION_ENGINE = "exitstrategi.sessions"  # Django's database sessions, read by SQL made once
SESSION_COOKIE_HTTPONLY = True
# A session ends after a working day without a request (renewed as it is used: SlidingSessionMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"xmlschema": {"level": "WARNING"}},  # pysaml2 loads its schemas with chatter at INFO
}

# The screening table posts four fields per sagsområde; allow big fagområder.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Excel import of the Dokumentationsark: refuse files beyond these limits before reading them.
EXCEL_IMPORT_MAX_BYTES = env_int("EXCEL_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
# No inline script, handler or style anywhere: every script and style comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Encrypts `manage.py backup` files (a Fernet key: python -c "from cryptography.fernet import Fernet;
# print(Fernet.generate_key().decode())"); keep it apart from the backups. Empty: not encrypted.
BACKUP_KEY = env_str("BACKUP_KEY")
KLE_IMPORT_MAX_BYTES = env_int("KLE_IMPORT_MAX_BYTES", 50 * 1024 * 1024)  # KL's full emneplan is ~10 MB
# The largest request body taken at all (a strategy file is at most 20 MB): refused before it is read.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024)
EXCEL_IMPORT_MAX_UNPACKED_BYTES = env_int("EXCEL_IMPORT_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
EXCEL_IMPORT_MAX_ROWS = env_int("EXCEL_IMPORT_MAX_ROWS", 20000)
