"""{{ field|as_crispy_field }} written in Python (exitstrategi/templatetags/fast_crispy.py) renders what
django-crispy-forms' bootstrap5 templates render, for every field of the app's forms, unanswered, filled
in and refused with errors. Only whitespace between and around tags may differ."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field as crispy
from django import forms
from django.test import RequestFactory

from exitstrategi import dokumentationsark
from exitstrategi.forms import FagomraadeForm, ITSystemForm, KommuneForm, KontraktForm, SagsomraadeForm
from exitstrategi.models import Sagsomraade
from exitstrategi.templatetags.fast_crispy import as_crispy_field as fast
from exitstrategi.views.brugere import LogpostFilter, UserFilter
from exitstrategi.views.itsystem import ITSystemFilter, MarkedsloesningFilter
from exitstrategi.views.konto import LoginForm
from exitstrategi.views.kontrakt import KontraktFilter
from prioritering.filters import PrioriteringFilter
from prioritering.forms import BeslutningForm, PrioriteringForm
from screening.filters import FagomraadeFilter
from workshops.filters import WorkshopFilter
from workshops.forms import AsIsForm, ToBeForm, WorkshopForm
from workshops.models import AsIs, ToBe
from workshops.views.strategi import StrategiFilter


class NoOptions(forms.Form):
    """Radio buttons and check boxes with nothing to choose: crispy shows their errors nowhere."""

    svar = forms.ChoiceField(choices=[], widget=forms.RadioSelect)
    flere = forms.MultipleChoiceField(choices=[], widget=forms.CheckboxSelectMultiple)


NOTHING = Sagsomraade.objects.none()  # a list filter's rows: only its form is rendered here
LIST_FILTERS = [
    ITSystemFilter,
    MarkedsloesningFilter,
    KontraktFilter,
    UserFilter,
    LogpostFilter,
    PrioriteringFilter,
    FagomraadeFilter,
    WorkshopFilter,
    StrategiFilter,
]
BAD = {  # answers every form refuses somewhere: a negative count, unknown keys, a date out of range
    "antal_sagsbehandlere": "-3",
    "system_sager": "999999",
    "loesning_sager": "999999",
    "anbefalet_scenarie": "7",
    "navn": "",
    "opsigelsesvarsel": "mange",
    "udloeb": "31.02.2027",
    "version": "x",
    "username": "",
}


def normalised(html):
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


def forms_of(c_sagsomraade, systemer):
    asis = AsIs.objects.get(sagsomraade=c_sagsomraade)
    tobe = ToBe(sagsomraade=c_sagsomraade, loesning_sager=systemer["SBSYS"])
    sheet_filter = dokumentationsark.filterset_class()
    return {
        "As-is": lambda data: AsIsForm(data, instance=asis),
        "To-be": lambda data: ToBeForm(data, instance=tobe),
        "Fase 4": lambda data: PrioriteringForm(data),
        "Beslutning": lambda data: BeslutningForm(data),
        "Sagsområde": lambda data: SagsomraadeForm(data, initial={"titel": "Boligstøtte <b>"}),
        "Fagområde": lambda data: FagomraadeForm(data),
        "IT-system": lambda data: ITSystemForm(data, instance=systemer["KMD Opera"]),
        "Kontrakt": lambda data: KontraktForm(data),
        "Kommune": lambda data: KommuneForm(data),
        "Workshop": lambda data: WorkshopForm(data),
        "Login": lambda data: LoginForm(RequestFactory().get("/"), data=data),
        "Dokumentationsarkets filter": lambda data: sheet_filter(data).form,
        **{f.__name__: lambda data, f=f: f(data, queryset=NOTHING).form for f in LIST_FILTERS},
        "Uden svarmuligheder": lambda data: NoOptions(data),
    }


@pytest.mark.parametrize("data", [None, BAD], ids=["unanswered", "refused"])
def test_every_field_renders_as_crispy_renders_it(c_sagsomraade, systemer, data):
    for name, make in forms_of(c_sagsomraade, systemer).items():
        ours, theirs = make(data), make(data)  # crispy changes a widget's classes as it renders
        for field, same in zip(ours, theirs, strict=True):
            assert normalised(fast(field)) == normalised(crispy(same)), f"{name}: {field.name}"


def test_the_app_s_widgets_take_the_fast_path_and_files_stay_with_crispy(c_sagsomraade, systemer):
    from exitstrategi.views.indlaesning import UploadForm

    form = AsIsForm({"antal_sagsbehandlere": "-3"}, instance=AsIs.objects.get(sagsomraade=c_sagsomraade))
    upload, same = UploadForm(projektleder=True)["fil"], UploadForm(projektleder=True)["fil"]

    number = str(fast(form["antal_sagsbehandlere"]))
    select = str(fast(form["system_sager"]))
    radios = str(fast(form["q1"]))

    assert 'class="numberinput form-control is-invalid"' in number
    assert '<p id="error_1_id_antal_sagsbehandlere"><strong>' in number
    assert 'class="select form-select"' in select
    assert ">KMD Opera</option>" in select
    assert '<fieldset><legend class="form-label fs-6">' in radios
    assert radios.count('type="radio"') == 3  # ja, nej, ubesvaret
    assert str(fast(upload)) == str(crispy(same))
    assert 'type="file"' in str(fast(upload))
