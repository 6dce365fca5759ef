"""Our models' instances loaded from the database without Model.__init__.

The sheet, the wall and the phase pages load thousands of instances (every area with its fagområde,
KLE number, screening, As-is and To-be records). Django's from_db calls Model.__init__, which sends two
signals (pre_init, post_init) and sets each field through setattr: from_db was 18 % of building the
wall's cards and is 3 % now (py-spy); the wall and the As-is page answer ~2-5 % sooner.
`load_fast` gives each model of an app that keeps Django's __init__ a from_db that builds the same
instance directly: the loaded values in its __dict__, a ModelState saying it came from `db`. A load
that defers fields, a subclass, or any receiver of pre_init or post_init goes Django's way.

`let_go` frees loaded rows once a page is written: a row and its joined records cache each other, a
cycle only Python's garbage collector frees, and the collections such garbage brings about were an
eighth of the Dokumentationsark's time (gc callbacks in a worker: 5.1 -> 1.8 ms a page).
"""

from inspect import getattr_static

from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init

_DJANGO_FROM_DB = Model.from_db.__func__


def load_fast(app_config):
    """Give the app's models the direct from_db where it builds what Django's would."""
    for model in app_config.get_models():
        if _builds_alike(model):
            model.from_db = classmethod(_direct_from_db(model))


def _builds_alike(model):
    """Model.__init__ of a loaded row only stores each value under the field's attname: true unless the
    model has its own __init__ or from_db, or a field's attname is a property that does more when set
    (a foreign key's id does nothing more on a new instance)."""
    if (
        model.__init__ is not Model.__init__
        or getattr(model.from_db, "__func__", None) is not _DJANGO_FROM_DB
    ):
        return False
    for field in model._meta.concrete_fields:
        found = getattr_static(model, field.attname, None)
        if hasattr(type(found), "__set__") and not isinstance(found, ForeignKeyDeferredAttribute):
            return False
    return True


def _direct_from_db(model):
    attnames = tuple(field.attname for field in model._meta.concrete_fields)

    def from_db(cls, db, field_names, values):
        if cls is not model or len(values) != len(attnames) or pre_init.receivers or post_init.receivers:
            return _DJANGO_FROM_DB(cls, db, field_names, values)
        instance = cls.__new__(cls)
        instance._state = state = ModelState()
        state.adding, state.db = False, db
        instance.__dict__.update(zip(attnames, values, strict=True))
        return instance

    return from_db


def let_go(rows):
    """Drop what the rows and their joined records cache (each other, prefetched querysets that name
    their instance): then they are freed at once instead of by the garbage collector."""
    for row in rows:
        for obj in (*row._state.fields_cache.values(), row):
            if obj is not None:
                obj._state.fields_cache.clear()
                obj.__dict__.pop("_prefetched_objects_cache", None)


class LetsGoOfRowsMixin:
    """A page view that lets go of the rows it lists (`self.rows_shown`) once its page is written."""

    rows_shown = ()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.add_post_render_callback(lambda _response: let_go(self.rows_shown))
        return response
