"""Form fields copied into each form as Django copies them, without the generic deep copy.

Django gives every form its own copies of its class's fields (`copy.deepcopy(self.base_fields)` in
BaseForm.__init__): a copy.copy through the pickle protocol for each field and widget. An Excel
import builds a form per changed row and phase (9,000 for 2,000 rows), and that copying was a fifth
of the import. A form class that takes `FieldsCopiedFast` has each field copied member by member
exactly as the field's own __deepcopy__ does, where that is one of Django's own (field and widget);
any other class goes through copy.deepcopy. tests/test_field_copies.py compares both for every
field of every form.
"""

import copy

from django import forms
from django.forms.widgets import ChoiceWidget

_FIELD = forms.Field.__deepcopy__
_CHOICE_FIELD = forms.ChoiceField.__deepcopy__
_MODEL_CHOICE_FIELD = forms.ModelChoiceField.__deepcopy__
_WIDGET = forms.Widget.__deepcopy__
_CHOICE_WIDGET = ChoiceWidget.__deepcopy__


class FieldsCopiedFast:
    """A form (mixin) whose class's fields are prepared once (`prepare_field`), when its first form is
    built, and then copied into each form by `FieldCopies`."""

    def __init__(self, *args, **kwargs):
        type(self).prepare_fields()
        super().__init__(*args, **kwargs)

    @classmethod
    def prepare_fields(cls):
        if not isinstance(cls.__dict__.get("base_fields"), FieldCopies):
            for field in cls.base_fields.values():
                cls.prepare_field(field)
            cls.base_fields = FieldCopies(cls.base_fields)

    @classmethod
    def prepare_field(cls, field):
        """What every form of the class would do to its own copy of the field, done once to the class's
        field (a field declared on a parent class is shared: done twice, it must come out the same)."""


class FieldCopies(dict):
    """A form class's base_fields, which copy.deepcopy copies field by field with `copy_field`."""

    def __deepcopy__(self, memo):
        return {name: copy_field(field, memo) for name, field in self.items()}


def copy_field(field, memo):
    """What copy.deepcopy(field, memo) gives."""
    if id(field) in memo:
        return memo[id(field)]
    kind = type(field).__deepcopy__
    if kind not in (_FIELD, _CHOICE_FIELD, _MODEL_CHOICE_FIELD):
        return copy.deepcopy(field, memo)
    result = _shallow(field)  # Field.__deepcopy__
    memo[id(field)] = result
    result.widget = _copy_widget(field.widget, memo)
    result.error_messages = field.error_messages.copy()
    result.validators = field.validators[:]
    if kind is _CHOICE_FIELD:
        result._choices = copy.deepcopy(field._choices, memo)
    elif kind is _MODEL_CHOICE_FIELD and field.queryset is not None:
        # one queryset for the form's selects whose class fields share theirs: their entries read once
        result._queryset = memo.setdefault(("entries", id(field.queryset)), field.queryset.all())
        result.widget.choices = result.choices  # what the queryset setter does
    return result


def _copy_widget(widget, memo):
    if id(widget) in memo:
        return memo[id(widget)]
    kind = type(widget).__deepcopy__
    if kind not in (_WIDGET, _CHOICE_WIDGET):
        return copy.deepcopy(widget, memo)
    result = _shallow(widget)  # Widget.__deepcopy__
    result.attrs = widget.attrs.copy()
    if kind is _CHOICE_WIDGET:  # the choices are normalised already: the setter would do it again
        result._choices = copy.copy(widget._choices)
    memo[id(widget)] = result
    return result


def _shallow(obj):
    """copy.copy(obj) for an object whose state is its __dict__."""
    cls = type(obj)
    result = cls.__new__(cls)
    result.__dict__.update(obj.__dict__)
    return result
