"""Many records of one model written at once, each with the Historik row its own save() would have
written: a fixed number of queries however many rows (an Excel import of 2,000 sagsområder), where
saving one by one costs several queries per record."""

from collections import defaultdict

from django.db import connections, router
from django.db.models import ForeignKey
from simple_history.utils import get_m2m_field_name


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
    for record in changed:
        for field in stamped:
            field.pre_save(record, add=False)
    model.objects.bulk_create(new)
    _update(model, changed, sorted(set(fields) | {f.name for f in stamped}))
    for record, name, objects in m2m:
        record.skip_history_when_saving = True  # the Historik row below records the answers once
        try:
            getattr(record, name).set(objects)
        finally:
            del record.skip_history_when_saving
    history = model.history
    for group, update in ((new, False), (changed, True)):
        if group:
            rows = history.bulk_history_create(
                group, update=update, default_user=user, default_change_reason=kilde
            )
            _history_m2m(model, group, rows)
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
    params = [
        [field.get_db_prep_save(getattr(record, field.attname), connection) for field in columns]
        + [meta.pk.get_db_prep_save(record.pk, connection)]
        for record in records
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _history_m2m(model, records, rows):
    """What simple_history's save() adds to a Historik row: the many-to-many answers at that moment."""
    for field in getattr(model.history.model, "_history_m2m_fields", []):
        through = field.remote_field.through
        own = get_m2m_field_name(field)
        names = [f.name for f in through._meta.fields]
        links = defaultdict(list)
        related = [f.name for f in through._meta.fields if isinstance(f, ForeignKey)]
        for link in through.objects.filter(**{f"{own}__in": records}).select_related(*related):
            links[getattr(link, f"{own}_id")].append(link)
        history_model = getattr(model.history.model, field.name).model
        history_model.objects.bulk_create(
            history_model(history=row, **{name: getattr(link, name) for name in names})
            for row, record in zip(rows, records, strict=True)
            for link in links[record.pk]
        )
