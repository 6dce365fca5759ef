"""Queries asked on every page whose SQL is made once per database: building and compiling a big
annotated query with the ORM costs several times more than running it (the municipality-wide ranking
on every Dokumentationsark page: 2.7 ms to make, 0.7 ms to run)."""

from django.db import connections, router

_made = {}


class MadeOnce:
    """A values_list query compiled for one database: its SQL, its parameters and its column converters."""

    def __init__(self, queryset, alias):
        self.alias = alias
        self.compiler = queryset.query.get_compiler(alias)
        self.sql, self.params = self.compiler.as_sql()

    def rows(self):
        """The rows as the queryset gives them (tuples, values converted as Django converts them)."""
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, self.params)
            found = cursor.fetchall()
        return list(self.compiler.results_iter([found], tuple_expected=True))


def made_once(model, name, shape, build):
    """The values_list query of `model` that `build()` makes, compiled once per database and per `shape`:
    every value its SQL is made of that can change while the process runs (a municipality's settings),
    hashable. Nothing else in the query may change: no time, no user."""
    alias = router.db_for_read(model)
    key = (name, alias, shape)
    if key not in _made:
        _made[key] = MadeOnce(build(), alias)
    return _made[key]


_by_value = {}


def by_one_value(model, name, build, marker, value):
    """The instances of `model` that the queryset `build(value)` finds (unevaluated, a raw queryset):
    its SQL made once per database, from `build(marker)`, and each call's value put where the marker
    went. For the queries of every request (its session, its user): the ORM takes longer to build
    them than the database to answer. `marker`: a value of the same type that no other parameter of
    the query has."""
    alias = router.db_for_read(model)
    key = (name, alias)
    if key not in _by_value:
        sql, params = build(marker).query.get_compiler(alias).as_sql()
        params = tuple(params)
        if params.count(marker) != 1:
            raise ValueError(f"{name}: the marker {marker!r} must be one parameter of the query, once")
        _by_value[key] = sql, params, params.index(marker)
    sql, params, at = _by_value[key]
    return model._default_manager.db_manager(alias).raw(sql, (*params[:at], value, *params[at + 1 :]))
