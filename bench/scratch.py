"""Django set up on a throw-away SQLite database, for the benchmark scripts."""

import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_scratch_django(database_url=None):
    """Django on a new SQLite file, or on `database_url` (an empty database), migrated."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exitstrategi.settings_test")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    settings.DEBUG = False  # as a production worker runs: no query log kept for every query


def bench_user(rolle):
    """The user the benchmark acts as, with one of the three roles."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("bench")
    user.groups.add(Group.objects.get(name=rolle))
    return user


def areas(rows, fagomraader=10, **fields):
    """ROWS sagsområder, spread evenly over FAGOMRAADER fagområder, one KLE emne each (saved in bulk)."""
    from exitstrategi.models import KLE, Fagomraade, Sagsomraade

    owners = [Fagomraade.objects.create(navn=f"Fagområde {i}") for i in range(fagomraader)]
    topics = KLE.objects.bulk_create(
        KLE(nummer=f"{i // 100 + 10:02d}.{i % 100:02d}.00", titel=f"Emne {i}", niveau="emne")
        for i in range(rows // fagomraader)
    )
    return Sagsomraade.objects.bulk_create(
        Sagsomraade(fagomraade=f, kle=t, titel=t.titel, **fields) for f in owners for t in topics
    )


def arguments(size, default_size, default_repeat):
    """--<size> N --repeat R, the two knobs every benchmark has."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument(f"--{size}", type=int, default=default_size)
    parser.add_argument("--repeat", type=int, default=default_repeat)
    return parser.parse_args()


@contextmanager
def throwaway_postgres(*server_settings):
    """A PostgreSQL cluster in a temporary folder on loopback (Debian's packages, as .ci/run uses),
    stopped and removed at the end, started with SERVER_SETTINGS ("name=value"). Yields the URL of an
    empty database, or None without PostgreSQL."""
    versions = sorted(glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
    if not versions:
        yield None
        return
    pgbin, data = versions[-1], tempfile.mkdtemp(prefix="bench-pg-")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def run(*command):
        if os.geteuid() == 0:  # initdb refuses root: run as the postgres user
            command = ("su", "postgres", "-c", shlex.join(command))
        subprocess.run(command, check=True, capture_output=True)

    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    run(f"{pgbin}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
    options = " ".join(
        [f"-p {port} -k {data}", *(f"-c {s}" for s in ("listen_addresses=127.0.0.1", *server_settings))]
    )
    run(f"{pgbin}/pg_ctl", "-D", data, "-l", f"{data}/server.log", "-w", "-o", options, "start")
    try:
        run(f"{pgbin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "bench")
        yield f"postgres://postgres@127.0.0.1:{port}/bench"
    finally:
        run(f"{pgbin}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(data, ignore_errors=True)


R2_ANSWERS = {  # brugsmønster: the R2 answers that give it
    "A": {"q1": True, "q2": True, "q3": True, "q4": True},
    "B": {"q1": True, "q2": True, "q3": True, "q4": False},
    "C": {"q1": True, "q2": True, "q3": False},
    "D": {"q1": True, "q2": False, "q5": True},
}


def workshop_municipality(rows, screening_rows=1000):
    """The municipality of the performance issue: ROWS sagsområder in fagområder of 100, half of them
    screened Ja and mapped As-is (A, B, C, D in turn), To-be answered for the C and D areas, a combined
    workshop covering 4 fagområder; and one more fagområde of SCREENING_ROWS unanswered areas.
    Returns (workshop, the big fagområde)."""
    from datetime import timedelta

    from django.utils import timezone

    from exitstrategi.models import KLE, Fagomraade, ITSystem, Sagsomraade
    from screening.models import Screening
    from workshops.models import AsIs, ToBe, Workshop

    saved = areas(rows, max(rows // 100, 1), noter="Note")
    kmd_sag = ITSystem.objects.create(navn="KMD Sag", type="kmd_sag")
    opera = ITSystem.objects.create(navn="KMD Opera")
    sbsys = ITSystem.objects.create(navn="SBSYS", type="esdh")
    screened = saved[::2]
    Screening.objects.bulk_create(
        Screening(sagsomraade=s, anvender_kmd_sag="ja", version=1) for s in screened
    )
    Screening.objects.bulk_create(
        Screening(sagsomraade=s, anvender_kmd_sag="nej", version=1) for s in saved[1::2]
    )
    patterns = "ABCD"
    AsIs.objects.bulk_create(
        AsIs(
            sagsomraade=s,
            brugsmoenster=patterns[n % 4],
            **R2_ANSWERS[patterns[n % 4]],
            antal_sagsbehandlere=n % 30 + 1,
            system_sager=opera,
            system_journalnotater=kmd_sag,
            system_adviser=kmd_sag,
            system_dokumenter=kmd_sag,
            system_overblik=kmd_sag,
            version=1,
        )
        for n, s in enumerate(screened)
    )
    ToBe.objects.bulk_create(
        ToBe(sagsomraade=s, anbefalet_scenarie=2, kompleksitet="middel", loesning_sager=sbsys, version=1)
        for n, s in enumerate(screened)
        if patterns[n % 4] in "CD"
    )
    workshop = Workshop.objects.create(
        titel="Kombineret workshop", type=Workshop.Type.KOMBINERET, start=timezone.now() + timedelta(days=7)
    )
    workshop.fagomraader.set(Fagomraade.objects.order_by("pk")[:4])
    big = Fagomraade.objects.create(navn="Stort fagområde")
    topics = KLE.objects.bulk_create(
        KLE(
            nummer=f"{90 + i // 10000:02d}.{i // 100 % 100:02d}.{i % 100:02d}",
            titel=f"Stort emne {i}",
            niveau="emne",
        )
        for i in range(screening_rows)
    )
    Sagsomraade.objects.bulk_create(Sagsomraade(fagomraade=big, kle=t, titel=t.titel) for t in topics)
    analyze()
    return workshop, big


def analyze():
    """Table statistics, as a production database has them shortly after a bulk load (PostgreSQL's
    autovacuum analyses a table once a tenth of it changed): without them PostgreSQL's planner takes
    the freshly filled tables for empty ones and nests loops over thousands of rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def setup_database_from_environment():
    """Django with the settings and database the environment names (already migrated)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exitstrategi.settings")
    import django

    django.setup()
