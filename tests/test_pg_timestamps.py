"""On PostgreSQL, times are read by psycopg's C code, and are the instants written (pg_timestamps)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from exitstrategi import pg_timestamps
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the C loader is PostgreSQL's")


@pytest.mark.parametrize(
    "written",
    [
        datetime.datetime(2026, 3, 29, 1, 59, 59, 123456, tzinfo=ZoneInfo("Europe/Copenhagen")),
        datetime.datetime(2026, 10, 25, 2, 30, tzinfo=ZoneInfo("Europe/Copenhagen")),
        datetime.datetime(1969, 12, 31, 23, 0, 0, 1, tzinfo=datetime.UTC),
    ],
)
def test_a_time_read_back_is_the_instant_written_in_utc(written):
    workshop = Workshop.objects.create(titel="As-is 1", type="asis", start=written)

    read = Workshop.objects.get(pk=workshop.pk).start

    assert read == written.astimezone(
        datetime.UTC
    )  # (an hour that occurs twice compares unequal across zones)
    assert read.tzinfo is datetime.UTC
    assert (
        timezone.localtime(read).isoformat() == written.astimezone(ZoneInfo("Europe/Copenhagen")).isoformat()
    )


def test_the_connection_reads_times_with_the_c_loader():
    import psycopg
    from psycopg.pq import Format

    connection.ensure_connection()
    oid = psycopg.adapters.types["timestamptz"].oid

    assert connection.connection.adapters.get_loader(oid, Format.TEXT) is pg_timestamps._c_loader()
