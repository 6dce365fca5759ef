"""A Dokumentationsark cell read back: its text as the sheet shows it, and the form data it stands for.

The sheet shows answers by their labels ("Ja", "Borgerservice", "K3 2027"); a form takes stored values
("ja", a key). The labels come from the form's own fields, so the two never drift apart.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django import forms


def cell_text(value):
    """A cell's value as text, the way the sheet shows it: numbers without ".0", dates dd.mm.åååå."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value).strip()


def split(text, separator):
    return [part.strip() for part in text.split(separator) if part.strip()]


def parse_cell(column, text, form):
    """{form field: data} for the column's cell, or forms.ValidationError in Danish."""
    if column.parse:
        return column.parse(text, form)
    name = column.fields[0]
    return {name: field_data(form.fields[name], text)}


def field_data(field, text):
    """The data a form field takes for the text of a cell: a choice by its label or value (any case),
    a register entry by its name; free text and numbers as they are, for the form to check."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [by_name(field, part) for part in split(text, ",")]
    if not text:
        return ""
    if isinstance(field, forms.ModelChoiceField):
        return by_name(field, text)
    if isinstance(field, forms.ChoiceField):
        wanted = text.casefold()
        choices = [(value, label) for value, label in _flat(field.choices) if value not in ("", None)]
        for value, label in choices:
            if wanted in (str(value).casefold(), str(label).casefold()):
                return value
        allowed = ", ".join(str(label) for _value, label in choices)
        raise forms.ValidationError(f"«{text}» er ikke et af svarene: {allowed}.")
    return text


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):  # an optgroup
            yield from label
        else:
            yield value, label


_names = ContextVar("names")


@contextmanager
def one_reading():
    """Within it, each register's names are read once, not once per row's form."""
    token = _names.set({})
    try:
        yield
    finally:
        _names.reset(token)


def names_of(model):
    """{name in lower case: key} of every row of a register (IT systems, workshops …)."""
    cache = _names.get(None)
    if cache is not None and model in cache:
        return cache[model]
    found = {str(obj).casefold(): obj.pk for obj in model._default_manager.all()}
    if cache is not None:
        cache[model] = found
    return found


def by_name(field, text):
    """The key of the register entry named `text`; whether the field offers it (e.g. only the
    municipality's own systems in As-is) is for the form to say, in its own words."""
    model = field.queryset.model
    key = names_of(model).get(text.casefold())
    if key is None:
        raise forms.ValidationError(
            f"«{text}» er ikke et kendt {model._meta.verbose_name}; "
            "et nyt oprettes i programmet, ikke i arket."
        )
    return key


def same_data(new, old):
    """Whether two values of one form field are the same answer (None and "" alike, keys as text)."""
    if isinstance(new, list) or isinstance(old, list):
        return sorted(map(str, new or [])) == sorted(map(str, old or []))
    empty = (None, "")
    if new in empty or old in empty:
        return new in empty and old in empty
    return str(new) == str(old)


def count_or_unknown(number_field):
    """A count cell that may read "ukendt" (As-is 6): the number, or the field's "unknown" box ticked."""

    def parse(text, form):
        if text.casefold() == "ukendt":
            return {number_field: "", f"{number_field}_ukendt": True}
        return {number_field: text, f"{number_field}_ukendt": False}

    return parse


def labels_and_note(flags, note_field):
    """A cell of ticked labels and a note, joined by "; " (As-is 7's oprydningsbehov)."""

    def parse(text, form):
        by_label = {str(label).casefold(): name for name, label in flags}
        data = {name: False for name, _label in flags}
        rest = []
        for part in split(text, ";"):
            if part.casefold() in by_label:
                data[by_label[part.casefold()]] = True
            else:
                rest.append(part)
        return {**data, note_field: "; ".join(rest)}

    return parse


def systems_and_note(systems_field, note_field):
    """A cell of register names and a note, joined by "; " (To-be 3's solutions on the market)."""

    def parse(text, form):
        names = names_of(form.fields[systems_field].queryset.model)
        keys, rest = [], []
        for part in split(text, ";"):
            key = names.get(part.casefold())
            (keys if key is not None else rest).append(key if key is not None else part)
        return {systems_field: keys, note_field: "; ".join(rest)}

    return parse
