"""Django set up on a throw-away SQLite database, for the benchmark scripts."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_scratch_django():
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exitstrategi.settings_test")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


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
