import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from exitstrategi.models import Fagomraade

ROOT = Path(__file__).resolve().parents[1]


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "exitstrategi.settings",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 30 + "a-long-and-random-production-secret-9f8e7d",
        ALLOWED_HOSTS="exit.kommune.dk",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DEBUG": "0", "SECRET_KEY": ""}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_error_pages_are_danish(client, settings):
    from django.template.loader import render_to_string

    assert "Der opstod en fejl" in render_to_string("500.html")
    assert "Ugyldig forespørgsel" in render_to_string("400.html")


def test_a_web_worker_runs_with_the_tuned_garbage_collector():
    """What exitstrategi/worker.py sets is what a gunicorn worker (exitstrategi.wsgi) runs with."""
    probe = (
        "import gc, json; from exitstrategi.wsgi import application; "
        "print(json.dumps([gc.get_threshold()[0], gc.get_freeze_count() > 10000]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "exitstrategi.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from exitstrategi.worker import YOUNGEST_THRESHOLD

    assert result.stdout.strip() == f"[{YOUNGEST_THRESHOLD}, true]"


def test_every_request_runs_in_danish_with_the_language_active_whatever_the_browser_asks(rf):
    from django.utils import translation
    from django.utils.translation import trans_real

    from exitstrategi.middleware import DanishMiddleware

    seen = []

    def view(request):
        seen.append((translation.get_language(), getattr(trans_real._active, "value", None) is not None))
        return translation.gettext("This field is required.")

    translation.deactivate_all()
    answer = DanishMiddleware(view)(rf.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"))
    assert seen == [("da", True)]
    assert answer == "Dette felt er påkrævet."


def _database_options(**env):
    """The database OPTIONS the settings give for a PostgreSQL URL (read without connecting)."""
    code = (
        "import exitstrategi.settings as s; print(sorted(s.DATABASES['default'].get('OPTIONS', {}).items()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": "postgres://exit@db.kommune.dk/exitstrategi", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_postgresql_connections_prepare_repeated_queries_unless_a_pooler_forbids_it():
    assert _database_options() == "[('prepare_threshold', 5), ('server_side_binding', True)]"
    assert _database_options(PG_PREPARED_STATEMENTS="0") == "[]"


@pytest.mark.django_db
def test_a_query_asked_again_and_again_is_planned_once_per_postgresql_connection():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(6):
        list(Fagomraade.objects.filter(navn="Børn og unge"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "exitstrategi_fagomraade"' in statement for statement in prepared)
