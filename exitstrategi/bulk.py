"""Many records of one model written at once, each with the Historik row its own save() would have
written: a fixed number of queries however many rows (an Excel import of 2,000 sagsområder), where
saving one by one costs several queries per record."""

import datetime
import uuid
from collections import defaultdict

from django.db import connections, router
from django.db.models import ForeignKey, Max
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object, get_m2m_field_name


def save_with_history(model, *, new, changed, fields, m2m=(), user=None, kilde=None):
    """Insert `new`, update `fields` of `changed`, set the many-to-many answers in `m2m` (record, field
    name, objects) and write one Historik row per record, with its many-to-many answers as saved.
    The caller holds the transaction and has checked the versions."""
    records = [*new, *changed]
    stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for record in new:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                field.pre_save(record, add=True)
    now = timezone.now()  # one moment for the whole batch, as one transaction writes it
    for record in changed:
        for field in stamped:
            setattr(record, field.attname, now)
    model.objects.bulk_create(new)
    _update(model, changed, sorted(set(fields) | {f.name for f in stamped}))
    for record, name, objects in m2m:
        record.skip_history_when_saving = True  # the Historik row below records the answers once
        try:
            getattr(record, name).set(objects)
        finally:
            del record.skip_history_when_saving
    for group, history_type in ((new, "+"), (changed, "~")):
        if group:
            _history(model, group, history_type, user, kilde)
    return records


def _update(model, records, fields):
    """One UPDATE statement executed for every record: Django's bulk_update builds a CASE expression
    per field and row, which costs more than the writing it saves."""
    if not records:
        return
    connection = connections[router.db_for_write(model)]
    quote, meta = connection.ops.quote_name, model._meta
    columns = [meta.get_field(name) for name in fields]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in columns),
        quote(meta.pk.column),
    )
    ready = _Prepared(connection)
    params = [
        [ready(field, getattr(record, field.attname)) for field in columns]
        + [meta.pk.get_db_prep_save(record.pk, connection)]
        for record in records
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _history(model, records, history_type, user, kilde):
    """The Historik row of each record, as simple_history's bulk_history_create writes it ("+" new, "~"
    changed; the record's own _history_user, _change_reason and _history_date win), by one INSERT
    executed for every row: bulk_create builds a model instance and SQL text for each row first. Then
    the many-to-many answers as saved."""
    history = model.history.model
    connection = connections[router.db_for_write(history)]
    now = timezone.now()
    tracked = {field.attname for field in history.tracked_fields}
    columns = [f for f in history._meta.concrete_fields if f is not history._meta.pk]
    unknown = [f.attname for f in columns if f.attname not in tracked and f.attname not in _HISTORY_FIELDS]
    if unknown:
        raise TypeError(f"{history.__name__} has fields bulk._history does not fill: {unknown}")

    ready = _Prepared(connection)

    def values(record):
        given = {
            "history_date": getattr(record, "_history_date", now),
            "history_user_id": _pk(
                getattr(record, "_history_user", user or history.get_default_history_user(record))
            ),
            "history_change_reason": get_change_reason_from_object(record) or kilde,
            "history_type": history_type,
        }
        return [
            ready(field, getattr(record, field.attname) if field.attname in tracked else given[field.attname])
            for field in columns
        ]

    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(history._meta.db_table),
        ", ".join(quote(f.column) for f in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [values(record) for record in records])
    _history_m2m(model, records)


class _Prepared:
    """field.get_db_prep_save(value, connection), worked out once for each value a field repeats in a
    batch (the time stamp, the user, the answer most rows share): a fifth of writing an import's rows."""

    # Types whose equal values are the same in SQL (not floats: -0.0 == 0.0).
    REPEATABLE = (str, int, bool, datetime.date, datetime.datetime, uuid.UUID)

    def __init__(self, connection):
        self.connection, self.prepared = connection, {}

    def __call__(self, field, value):
        if value is not None and type(value) not in self.REPEATABLE:
            return field.get_db_prep_save(value, self.connection)
        key = (field.attname, type(value), value)
        try:
            return self.prepared[key]
        except KeyError:
            self.prepared[key] = field.get_db_prep_save(value, self.connection)
            return self.prepared[key]


_HISTORY_FIELDS = {"history_date", "history_user_id", "history_change_reason", "history_type"}


def _pk(user):
    return None if user is None else user.pk


def _history_m2m(model, records):
    """What simple_history's save() adds to a Historik row: the many-to-many answers at that moment.
    A record's newest Historik row is the one `_history` has just written (the callers lock the
    records; new ones are not yet seen by others)."""
    for field in getattr(model.history.model, "_history_m2m_fields", []):
        through = field.remote_field.through
        own = get_m2m_field_name(field)
        names = [f.name for f in through._meta.fields]
        links = defaultdict(list)
        related = [f.name for f in through._meta.fields if isinstance(f, ForeignKey)]
        for link in through.objects.filter(**{f"{own}__in": records}).select_related(*related):
            links[getattr(link, f"{own}_id")].append(link)
        if not links:
            continue
        key = model._meta.pk.attname
        newest = (
            model.history.filter(**{f"{key}__in": list(links)}).values(key).annotate(row=Max("history_id"))
        )
        rows = {item[key]: item["row"] for item in newest}
        history_model = getattr(model.history.model, field.name).model
        history_model.objects.bulk_create(
            history_model(history_id=rows[key], **{name: getattr(link, name) for name in names})
            for key, record_links in links.items()
            for link in record_links
        )
