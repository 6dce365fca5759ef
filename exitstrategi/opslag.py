"""Foreign keys to a small register (IT systems, workshops) filled from one query per register for a
batch of rows, instead of a join or a prefetch query per field: a sheet row names ten IT systems.
Many-to-many fields are filled the same way: one query for the links, the rows they name from the
register lookup, without the queryset Django's prefetch builds for each row.

The smallest registers, which every Dokumentationsark page reads and staff seldom change, are kept
whole in each process (`kept`) until the `opslag` counter says one of them changed (see generation)."""

from copy import deepcopy
from functools import cache
from itertools import islice
from types import MappingProxyType

from django.core.exceptions import ObjectDoesNotExist
from django.db import router
from django.db.models import JSONField, QuerySet, Value, sql
from django.db.models.query import ModelIterable

from . import generation

BATCH = 250

# The models kept whole, each with the JSON fields it leaves to the database (large, and seldom read:
# an IT system's KITOS data). exitstrategi 0028 counts every change to their tables in `opslag`
# (tests/test_generation.py checks it against the database's triggers).
KEPT = MappingProxyType(
    {
        "exitstrategi.Fagomraade": (),
        "exitstrategi.ITSystem": ("kitos_kle", "kitos_orgenheder", "kitos_sidst"),
        "exitstrategi.KLE": (),
    }
)


def is_kept(model):
    return model._meta.label in KEPT


def kept(model):
    """{key: field values} of every row of a kept model, in its order (Meta.ordering, then key): read
    once per change of them, not once per page. Make instances of them with `fresh`."""
    return _kept(model)[0]


def _kept(model):
    """(kept(model), {key: its place in that order})."""
    label = model._meta.label
    if label not in KEPT:
        raise ValueError(f"{label} is not counted by `opslag`: it cannot be kept")

    def read():
        attnames = _kept_fields(model)
        rows = model._default_manager.order_by(*model._meta.ordering, "pk").values_list(*attnames)
        at = attnames.index(model._meta.pk.attname)
        found = {values[at]: values for values in rows}
        places = {key: place for place, key in enumerate(found)}
        return MappingProxyType(found), MappingProxyType(places)  # shared: read-only

    return generation.cached(f"kept {label}", ("opslag",), read)


def fresh(model, values):
    """An instance of a kept row, with its own copy of its JSON values: a form may change them. The
    JSON values left to the database are read from it when asked for."""
    copied = _json_at(model)
    if copied:
        values = [_own(value) if n in copied else value for n, value in enumerate(values)]
    return model.from_db(router.db_for_read(model), _kept_fields(model), values)


def _own(value):
    """A copy of a JSON value (most are empty: a new one is quicker to make than a deep copy)."""
    if not value and isinstance(value, (list, dict)):
        return type(value)()
    return deepcopy(value)


def options(model):
    """((key as text, label), …) of every entry of a register: a select's options, made from the kept
    rows while `opslag` holds when the register is kept."""
    if not is_kept(model):
        return tuple((str(entry.pk), str(entry)) for entry in model._default_manager.all())

    def made():
        return tuple((str(key), str(fresh(model, values))) for key, values in kept(model).items())

    return generation.cached(f"options {model._meta.label}", ("opslag",), made)


@cache
def _kept_fields(model):
    left = KEPT[model._meta.label]
    return tuple(f.attname for f in model._meta.concrete_fields if f.name not in left)


@cache
def _json_at(model):
    """The places of the JSON values among the kept values."""
    json = {f.attname for f in model._meta.concrete_fields if isinstance(f, JSONField)}
    return frozenset(n for n, attname in enumerate(_kept_fields(model)) if attname in json)


def register_path(model, path):
    """Whether the path ("asis__system_sager", "tobe__markedsloesninger") ends in a foreign key or a
    many-to-many field of its holder, which one lookup per batch can fill."""
    field = _resolve(model, path)[1]
    return field.many_to_one or (field.many_to_many and field.concrete)


def kept_register(model, path):
    """Whether the path ends in a foreign key to a kept register: filled without a join or a query."""
    return register_path(model, path) and is_kept(_resolve(model, path)[1].related_model)


def register_models(model, paths):
    """The register models that the register paths among `paths` lead to, in a fixed order."""
    found = {_resolve(model, path)[1].related_model for path in paths if register_path(model, path)}
    return sorted(found, key=lambda register: register._meta.label)


def _resolve(model, path):
    """(the relations followed to the holder of the key, the foreign key field)."""
    *hops, last = path.split("__")
    relations = []
    for hop in hops:
        relation = model._meta.get_field(hop)
        relations.append(relation)
        model = relation.related_model
    return relations, model._meta.get_field(last)


def _holder(row, relations):
    obj = row
    for relation in relations:
        if relation.is_cached(obj):
            obj = relation.get_cached_value(obj)
        else:
            try:
                obj = getattr(obj, relation.name if relation.concrete else relation.get_accessor_name())
            except ObjectDoesNotExist:
                obj = None
        if obj is None:
            return None
    return obj


def attach(rows, paths):
    """Fill the foreign keys and many-to-many fields the paths name on every row, from one query per
    register model (and one for the links of every many-to-many field)."""
    if not rows:
        return rows
    holders_at = {}  # the relations a path follows -> the rows' records at their end
    filled = []  # (field, the holders, the key each holds or the keys each links to)
    for path in paths:
        relations, field = _resolve(type(rows[0]), path)
        route = tuple(relations)  # "asis__system_sager" and "asis__system_adviser" share their holders
        if route not in holders_at:
            holders_at[route] = [h for h in (_holder(row, relations) for row in rows) if h is not None]
        holders = holders_at[route]
        keys = None if field.many_to_many else [getattr(holder, field.attname) for holder in holders]
        filled.append((field, holders, keys))
    many = [(n, holders, field) for n, (field, holders, keys) in enumerate(filled) if keys is None]
    for (n, holders, field), keys in zip(many, _links([(h, f) for _n, h, f in many]), strict=True):
        filled[n] = (field, holders, keys)
    wanted = {}  # register model -> keys
    for field, _holders, keys in filled:
        wanting = wanted.setdefault(field.related_model, set())
        if field.many_to_many:
            for linked_keys in keys:
                wanting.update(linked_keys)
        else:
            wanting.update(keys)
    found = {model: _in_order(model, keys - {None}) for model, keys in wanted.items()}
    empty = {model: sql.Query(model) for model in found}  # what each _Fetched stands on, never run
    for field, holders, keys in filled:
        registry = found[field.related_model]
        if field.many_to_many:
            for holder, linked_keys in zip(holders, keys, strict=True):
                objects = sorted((registry[k] for k in linked_keys if k in registry), key=registry.place)
                _Fetched.fill(holder, field, objects, empty[field.related_model])
        else:
            name, get = field.cache_name, registry.get
            for holder, key in zip(holders, keys, strict=True):
                holder._state.fields_cache[name] = get(key)  # what field.set_cached_value() does
    return rows


class _Registry(dict):
    """{key: row} of a register, in the register's own order (its Meta.ordering, then key)."""

    def place(self, obj):
        return self.order[obj.pk]


def _in_order(model, keys):
    registry = _Registry()
    if keys and is_kept(model):
        rows, places = _kept(model)
        found = sorted((key for key in keys if key in rows), key=places.__getitem__)
        registry.update((key, fresh(model, rows[key])) for key in found)
    elif keys:
        ordering = [*model._meta.ordering, "pk"]
        registry.update(
            (obj.pk, obj) for obj in model._default_manager.filter(pk__in_array=keys).order_by(*ordering)
        )
    registry.order = {key: n for n, key in enumerate(registry)}
    return registry


def _links(many):
    """For each (holders, many-to-many field): [the keys of the rows each holder links to], from one
    query of the link tables alone."""
    parts = []
    for part, (holders, field) in enumerate(many):
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        pairs = through._default_manager.filter(**{f"{source}__in_array": [h.pk for h in holders]})
        parts.append(
            pairs.order_by().annotate(part=Value(part)).values_list("part", f"{source}_id", f"{target}_id")
        )
    if not parts:
        return []
    found = [{} for _part in parts]
    for part, holder_key, key in parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]:
        found[part].setdefault(holder_key, []).append(key)
    return [[keys.get(h.pk, []) for h in holders] for keys, (holders, _f) in zip(found, many, strict=True)]


def linked(obj, name):
    """The rows obj's many-to-many field `name` links to: as `attach` or a prefetch found them, without
    the manager Django builds on every access (a sheet reads thousands); else read from the database
    and kept as a prefetch keeps them (a form showing the same field reads them from there; changing
    the links lets go of them, as Django does)."""
    found = obj.__dict__.get("_prefetched_objects_cache", {})
    if name not in found:
        field = type(obj)._meta.get_field(name)
        objects = list(getattr(obj, name).all())
        _Fetched.fill(obj, field, objects, sql.Query(field.related_model))
    return obj._prefetched_objects_cache[name]


class _Fetched(QuerySet):
    """A many-to-many field's rows as `attach` found them, where Django's prefetch keeps its own: read
    as they are; anything chained on them (filter, order_by …) asks the database, as Django's does."""

    @classmethod
    def fill(cls, holder, field, objects, query):
        fetched = cls(model=field.related_model, query=query)
        fetched._result_cache, fetched._prefetch_done = objects, True
        fetched._holder, fetched._field = holder, field
        holder.__dict__.setdefault("_prefetched_objects_cache", {})[field.name] = fetched

    def _chain(self):
        manager = getattr(self._holder, self._field.name)
        return manager._apply_rel_filters(super(type(manager), manager).get_queryset())._chain()


class _WithRegisters(ModelIterable):
    paths = ()

    def __iter__(self):
        rows = super().__iter__()
        while batch := list(islice(rows, BATCH)):
            yield from attach(batch, self.paths)


@cache
def _iterable(paths):
    return type("WithRegisters", (_WithRegisters,), {"paths": paths})


def with_registers(queryset, paths):
    """The queryset, the register foreign keys on `paths` of each row it yields filled a batch at a time
    (one query per register, however many fields point into it)."""
    paths = tuple(sorted(set(paths)))
    if not paths:
        return queryset
    queryset = queryset.all()
    queryset._iterable_class = _iterable(paths)
    return queryset
