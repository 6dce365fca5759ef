"""Every field of every form is copied into a form exactly as Django's deep copy would copy it: what
is shared with the class's field and what is a copy of its own, and equal values."""

import contextlib
import copy
import importlib

import pytest
from django.apps import apps
from django.db.models import QuerySet

from exitstrategi import dokumentationsark
from exitstrategi.field_copies import FieldsCopiedFast, copy_field
from exitstrategi.models import Sagsomraade


def form_classes():
    for config in apps.get_app_configs():
        if config.name.startswith(("exitstrategi", "screening", "workshops", "prioritering")):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.forms")
    from exitstrategi import faser
    from exitstrategi.indlaesning import limited_form

    for fase in faser.alle():  # the import's limited forms, one per phase
        if hasattr(fase.form, "_meta"):
            limited_form(fase.form, tuple(fase.form._meta.fields[:2]))
    dokumentationsark.filterset_class()(queryset=Sagsomraade.objects.none()).get_form_class()
    found, todo = set(), [FieldsCopiedFast]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def assert_same_copy(original, ours, django, path):
    assert type(ours) is type(django), path
    if isinstance(original, QuerySet):
        assert ours is not original and django is not original, path
        assert str(ours.query) == str(django.query), path
        return
    mine, theirs, before = vars(ours), vars(django), vars(original)
    assert mine.keys() == theirs.keys(), path
    for name, value in theirs.items():
        where = f"{path}.{name}"
        assert (mine[name] is before.get(name)) == (value is before.get(name)), f"{where}: shared or not"
        if value is before.get(name):
            continue
        if name == "widget" or isinstance(value, QuerySet):
            assert_same_copy(before[name], mine[name], value, where)
        elif hasattr(value, "field"):  # a ModelChoiceIterator: bound to its own copy of the field
            assert type(mine[name]) is type(value), where
        else:
            assert mine[name] == value, where


@pytest.mark.django_db
def test_every_field_of_every_form_is_copied_as_django_copies_it():
    classes = form_classes()
    assert len(classes) > 20
    for form_class in classes:
        form_class.prepare_fields()  # as building its first form does
        for name, field in form_class.base_fields.items():
            ours, django = copy_field(field, {}), copy.deepcopy(field)
            assert_same_copy(field, ours, django, f"{form_class.__qualname__}.{name}")
            if hasattr(field, "queryset"):
                assert ours.widget.choices.field is ours and django.widget.choices.field is django


def test_a_form_gets_copies_of_its_own():
    from exitstrategi.forms import SagsomraadeForm

    first, second = SagsomraadeForm(), SagsomraadeForm()
    first.fields["noter"].widget.attrs["class"] = "rettet"
    first.fields["noter"].validators.append(print)

    assert "class" not in second.fields["noter"].widget.attrs
    assert print not in second.fields["noter"].validators
    assert SagsomraadeForm.base_fields["noter"] is not first.fields["noter"]
