"""The fast form renderer writes inputs, selects and textareas exactly as Django's templates do, for any
value, label and attribute; other widgets still go through the templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from exitstrategi.renderers import FastRenderer

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
VALUES = st.one_of(
    st.none(), TEXT, st.integers(-(10**7), 10**7), st.floats(allow_nan=False, width=32), st.dates()
)
ATTRS = st.dictionaries(st.sampled_from(["class", "id", "min", "maxlength", "aria-label", "required"]),
                        st.one_of(TEXT, st.booleans(), st.integers(0, 5000)), max_size=4)  # fmt: skip
CHOICES = st.lists(
    st.tuples(st.one_of(TEXT, st.integers(0, 10**5)), st.one_of(TEXT, st.integers(0, 10**5))), max_size=5
)
WIDGETS = [
    forms.TextInput,
    forms.NumberInput,
    forms.HiddenInput,
    forms.EmailInput,
    forms.DateInput,
    forms.Textarea,
]


def both(widget, name, value):
    fast = widget.render(name, value, renderer=FastRenderer())
    django = widget.render(name, value, renderer=DjangoTemplates())
    return fast, django


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(WIDGETS), TEXT, VALUES, ATTRS)
def test_inputs_and_textareas_are_written_as_the_templates_write_them(widget_class, name, value, attrs):
    fast, django = both(widget_class(attrs=attrs), name, value)
    assert fast == django


@settings(max_examples=150, deadline=None)
@given(CHOICES, st.lists(st.tuples(TEXT, CHOICES), max_size=2), VALUES, ATTRS, st.booleans())
def test_selects_with_and_without_groups_are_written_as_the_templates_write_them(
    choices, groups, value, attrs, multiple
):
    widget = (forms.SelectMultiple if multiple else forms.Select)(attrs=attrs, choices=[*choices, *groups])
    chosen = [value, choices[0][0]] if multiple and choices else value
    fast, django = both(widget, "felt", chosen)
    assert fast == django


def test_a_real_form_renders_the_same_and_radios_still_use_the_templates():
    class Form(forms.Form):
        navn = forms.CharField(max_length=20)
        dato = forms.DateField(initial=datetime.date(2027, 3, 31))
        svar = forms.ChoiceField(choices=[("ja", "Ja"), ("nej", "Nej <måske>")], widget=forms.RadioSelect)
        niveau = forms.ChoiceField(choices=[("", "Ikke valgt"), ("faa", "Få")])
        noter = forms.CharField(widget=forms.Textarea, initial='"Citat" & <b>')

    fast = Form(renderer=FastRenderer()).as_div()
    django = Form(renderer=DjangoTemplates()).as_div()

    assert fast == django
    assert "Nej &lt;måske&gt;" in fast and 'type="radio"' in fast


@pytest.mark.parametrize(
    "value",
    ["Tekst med <tag>, & og \"citat\" og 'apostrof'", mark_safe("<b>sikker</b>"), 1234567, 2.5, None, True],
)
def test_a_value_written_in_python_reads_as_the_template_shows_it(value):
    from django.template import Context, Template

    from exitstrategi.renderers import shown

    assert shown(value) == Template("{{ value }}").render(Context({"value": value}))


def test_every_cell_of_the_sheet_reads_as_the_template_shows_its_value_however_often_it_repeats():
    import re
    from decimal import Decimal
    from types import SimpleNamespace

    from django.template import Context, Template

    from exitstrategi.views.sheet import table_html

    values = [
        "Ja",
        "Ja",
        1,
        True,
        1.0,
        Decimal("1.0"),
        Decimal("1.00"),
        None,
        "",
        "<b>",
        datetime.date(2027, 3, 1),
    ]
    columns = [
        SimpleNamespace(key=f"c{n}", value=lambda row, n=n: row[n % len(row)]) for n in range(len(values))
    ]
    rows = [values, values[::-1], values[3:] + values[:3]]

    written = re.findall(r"<td>(.*?)</td>", table_html(rows, columns))

    template = Template("{{ value }}")
    assert written == [template.render(Context({"value": value})) for row in rows for value in row]
    assert {"1", "True", "1,0", "1,00"} <= set(written)
