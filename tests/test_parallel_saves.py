"""A workshop's parallel saves: 16 people saving different sagsområder at the same moment, against a
real database under the threaded development server. On SQLite a file database (an in-memory test
database cannot show locking); on PostgreSQL (the CI run) a database of its own on the same server."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = 16
SETUP = f"""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from screening.models import Screening

fagomraade = Fagomraade.objects.create(navn="Borgerservice")
for n in range({PEOPLE}):
    kle = KLE.objects.create(nummer=f"32.06.{{n:02d}}", titel=f"Emne {{n}}", niveau="emne")
    area = Sagsomraade.objects.create(fagomraade=fagomraade, kle=kle)
    Screening.objects.create(sagsomraade=area, anvender_kmd_sag="ja")
for n in range({PEOPLE}):
    user = User.objects.create_user(f"person{{n}}")
    user.groups.add(Group.objects.get(name="Projektleder"))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "exitstrategi.roles.PasswordBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(session.session_key)
"""


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a save answers 302: report it, do not follow it


OPENER = urllib.request.build_opener(_KeepRedirects)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scratch_database(tmp_path):
    """A database URL of its own for the server under test, on the engine the suite runs on."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'workshop.sqlite3'}"
    import psycopg

    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_parallel"
    server = f"host={db['HOST']} port={db['PORT']} user={db['USER']} dbname=postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


def test_sixteen_parallel_saves_all_succeed(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database(tmp_path),
        "DJANGO_SETTINGS_MODULE": "exitstrategi.settings_test",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    sessions = subprocess.run(
        [*manage, "shell", "-v0", "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        start = threading.Barrier(PEOPLE)
        results = [None] * PEOPLE

        def save(n):
            body = f"version=0&antal_sagsbehandlere={n + 1}".encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/kortlaegning/borgerservice/32.06.{n:02d}/",
                data=body,
                headers={
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={sessions[n]}; csrftoken={'x' * 32}",
                    "X-CSRFToken": "x" * 32,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            start.wait()
            try:
                with OPENER.open(request, timeout=60) as response:
                    results[n] = response.status  # 200: the form came back (refused)
            except urllib.error.HTTPError as error:  # 302 to the fagområde: saved; 500: "database is locked"
                results[n] = error.code if "login" not in error.headers.get("Location", "") else "login"

        threads = [threading.Thread(target=save, args=(n,)) for n in range(PEOPLE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        server.terminate()
        server.wait(10)
    assert results == [302] * PEOPLE
    saved = subprocess.run(
        [*manage, "shell", "-v0", "-c", "from workshops.models import AsIs; print(AsIs.objects.count())"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert saved == str(PEOPLE)


def wait_for(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the development server did not start")
