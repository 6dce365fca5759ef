"""PostgreSQL's timestamps read by psycopg's C code, not its Python code.

Django reads every `timestamp with time zone` through its own loader, built on psycopg's Python one so
that it can set a connection's time zone: about 3 µs a value, and a page of 100 sagsområder holds
hundreds (each record's oprettet and aendret). Where Django keeps the connection in UTC (USE_TZ without
a database TIME_ZONE, our settings), psycopg's C loader gives the very values Django's does (aware, in
`datetime.UTC`); this loader hands each value to it: 1,441 values read in 0.7 ms instead of 4.1 ms.
"""

import datetime
from functools import cache

from django.db.backends.signals import connection_created


@cache
def _c_loader():
    """The loader class that reads a timestamptz with psycopg's C code, or None without it."""
    import psycopg
    from psycopg.adapt import Loader
    from psycopg.pq import Format
    from psycopg.types.datetime import TimestamptzLoader

    oid = psycopg.adapters.types["timestamptz"].oid
    optimised = psycopg.adapters.get_loader(oid, Format.TEXT)
    if optimised is None or issubclass(optimised, TimestamptzLoader):
        return None  # psycopg without its C extension: Django's loader is as fast

    class CTimestamptzLoader(Loader):
        timezone = datetime.UTC  # what Django's cursors check before registering their own

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self._c_load = optimised(oid, context).load

        def load(self, data):
            return self._c_load(data)

    return CTimestamptzLoader


def read_timestamps_in_c(sender, connection, **kwargs):
    if connection.vendor == "postgresql" and connection.timezone is datetime.UTC:
        loader = _c_loader()
        if loader is not None:
            connection.connection.adapters.register_loader("timestamptz", loader)


connection_created.connect(read_timestamps_in_c, dispatch_uid="exitstrategi.pg_timestamps")
