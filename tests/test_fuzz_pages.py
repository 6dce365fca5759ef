"""Every form and every filter of every page of the demo, driven with generated input (hypothesis):
never a 5xx, and a refused submission changes nothing. Runs once, on SQLite (not again on PostgreSQL)."""

import os

import pytest
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .crawler import crawl, one_per_pattern

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="once per CI run, on SQLite")

ODD = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "99999999999999999999",
    "9999-12-31",
    "0001-01-01",
    "2027-02-30",
    "K5 2027",
    "K1 0000",
    "<script>alert(1)</script>",
    "=1+1",
    "æøå ÆØÅ",
    "x" * 300,
    "9" * 5000,  # more digits than int() reads
    "\x1c2",  # white space to str.strip(), not to int()
]
TEXT = st.one_of(
    st.sampled_from(ODD),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.integers(-(10**12), 10**12).map(str),
)


def value_for(field, data):
    """Generated input for one form field: its own choices now and then, anything otherwise."""
    if isinstance(field, forms.ChoiceField) and not callable(getattr(field, "_choices", None)):
        own = [str(value) for value, _label in _flat(field.choices) if value not in ("", None)]
        if own:
            return data.draw(st.one_of(st.sampled_from(own), TEXT))
    return data.draw(TEXT)


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from label
        else:
            yield value, label


def fields_of(context):
    """(name, field) of the page's form, formset and filter, as the browser would submit them."""
    found = []
    form = context.get("form")
    if isinstance(form, forms.BaseForm):
        found += [(form.add_prefix(name), field) for name, field in form.fields.items()]
    formset = context.get("formset")
    if isinstance(formset, forms.BaseFormSet):
        management = formset.management_form
        found += [(management.add_prefix(n), f) for n, f in management.fields.items()]
        for inner in formset.forms[:3]:
            found += [(inner.add_prefix(name), field) for name, field in inner.fields.items()]
    return found


def filter_fields(context):
    filterset = context.get("filter")
    return list(filterset.form.fields.items()) if filterset is not None else []


def snapshot():
    """How many rows every table holds, history included: a refused submission changes none."""
    return tuple(
        model._default_manager.count() if hasattr(model, "_default_manager") else 0 for model in MODELS
    )


MODELS = [model for model in apps.get_models() if not model._meta.proxy]


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 4)),  # more, locally: FUZZ_EXAMPLES=50
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # a failure is reported as found: shrinking a page walk is slow
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_input_on_every_page_never_fails_and_a_refusal_changes_nothing(db, demo_pages, data):
    client, pages = demo_pages.client, demo_pages.pages
    failures = []
    # each example meets the demo as it was: the choices it draws from stay the same
    with transaction.atomic():
        for url, params, posted in pages:
            if params:
                query = {name: value_for(field, data) for name, field in params}
                response = client.get(url.split("?")[0], query)
                if response.status_code >= 500:
                    failures.append(("GET", url, query, response.status_code))
            if posted:
                body = {name: value_for(field, data) for name, field in posted}
                before = snapshot()
                response = client.post(url, body)
                if response.status_code >= 500:
                    failures.append(("POST", url, body, response.status_code))
                elif response.status_code == 200 and snapshot() != before:
                    failures.append(("POST refused but changed", url, body, 200))
        transaction.set_rollback(True)
    assert failures == [], "\n".join(f"{how} {url} {status} {sent}" for how, url, sent, status in failures)


class Pages:
    """One page of each kind, as the project leader sees it: (url, filter fields, form fields)."""

    def __init__(self, client, pages):
        self.client, self.pages = client, pages

    def __repr__(self):
        return f"<{len(self.pages)} pages of the demo>"


@pytest.fixture
def demo_pages(db, demo):
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="projektleder"))
    pages = []
    for url in one_per_pattern(crawl(client).pages):
        response = client.get(url)
        if response.status_code != 200 or response.context is None or url.rstrip("/").endswith("slet"):
            continue
        pages.append((url, filter_fields(response.context), fields_of(response.context)))
    return Pages(client, pages)
