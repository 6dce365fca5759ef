"""The As-is and To-be overviews' rows, written in Python, read as the template loops they replaced wrote
them."""

import re
from types import SimpleNamespace

from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from workshops.models import AsIs
from workshops.tabeller import asis_rows, tobe_rows

ASIS_LOOP = Template(  # workshops/fagomraade_asis.html's rows until they were written in Python
    """{% load adresser %}{% for s, asis, mangler in mapped %}
    <tr><td>{{ s.kle.nummer }}</td><td><a href="{{ s.get_absolute_url }}">{{ s.titel }}</a></td>
      <td>{% if asis.brugsmoenster %}<span class="badge text-bg-primary fs-6">{{ asis.brugsmoenster }}</span> {{ asis.get_brugsmoenster_display|slice:"3:" }}{% if asis.brugsmoenster == "0" %} <span class="badge text-bg-warning">Screenet Ja, men bruger ikke KMD Sag ifølge R2: afklares</span>{% endif %}{% else %}–{% endif %}</td>
      <td>{% if mangler %}<span class="text-danger small">{{ mangler|join:", " }}</span>{% else %}<span class="badge text-bg-success">Komplet</span>{% endif %}</td>
      <td class="text-nowrap">{% if can_edit %}<a class="btn btn-sm btn-outline-primary" href="{{ s|adresse:'workshops:wizard' }}">Brugsmønster</a>
        <a class="btn btn-sm btn-primary" href="{{ s|adresse:'workshops:asis-update' }}">Udfyld As-is</a>{% endif %}</td></tr>
  {% endfor %}"""  # noqa: E501
)
TOBE_LOOP = Template(  # workshops/fagomraade_tobe.html's rows until they were written in Python
    """{% load adresser %}{% for s, tobe, mangler in assessed %}
    <tr><td>{{ s.kle.nummer }}</td><td><a href="{{ s.get_absolute_url }}">{{ s.titel }}</a> <span class="badge text-bg-secondary">{{ s.asis.brugsmoenster }}</span></td>
      <td>{{ tobe.scenarie_tekst|default:"–" }}</td>
      <td>{% if mangler %}<span class="text-danger small">{{ mangler|join:", " }}</span>{% else %}<span class="badge text-bg-success">Komplet</span>{% endif %}</td>
      <td>{% if can_edit %}<a class="btn btn-sm btn-primary" href="{{ s|adresse:'workshops:tobe-update' }}">Udfyld To-be</a>{% endif %}</td></tr>
  {% endfor %}"""  # noqa: E501
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
MOENSTRE = [None, "", *(value for value, _label in AsIs._meta.get_field("brugsmoenster").choices)]
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["borgerservice", "born-og-unge", "aeldre"]),
        st.from_regex(r"\A[0-9]{2}\.[0-9]{2}\.[0-9]{2}\Z"),
        TEXT,
        st.sampled_from(MOENSTRE),
        st.lists(TEXT, max_size=3),
    ),
    max_size=4,
)


def _spaces(html):
    """What a browser shows of white space: a run of it as one space, and nothing around a table's rows
    and cells."""
    return re.sub(r"\s*(</?t[dr][ >])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def _area(slug, nummer, titel, moenster):
    s = Sagsomraade(fagomraade=Fagomraade(slug=slug), kle=KLE(nummer=nummer), titel=titel)
    if moenster is not None:
        s.asis = AsIs(brugsmoenster=moenster)
    return s


@settings(max_examples=100, deadline=None)
@given(rows=ROWS, can_edit=st.booleans())
def test_the_as_is_rows_read_as_the_template_wrote_them(rows, can_edit):
    mapped = []
    for slug, nummer, titel, moenster, mangler in rows:
        s = _area(slug, nummer, titel, moenster)
        mapped.append((s, s.asis if moenster is not None else None, mangler))

    expected = ASIS_LOOP.render(Context({"mapped": mapped, "can_edit": can_edit}))

    assert _spaces(asis_rows(mapped, can_edit)) == _spaces(expected)


SCENARIER = st.one_of(st.none(), TEXT, st.sampled_from(["1: Bliv i KMD Sag – afvent KY/KSD", ""]))


@settings(max_examples=100, deadline=None)
@given(rows=ROWS, scenarier=st.lists(SCENARIER, min_size=4, max_size=4), can_edit=st.booleans())
def test_the_to_be_rows_read_as_the_template_wrote_them(rows, scenarier, can_edit):
    assessed = []
    for (slug, nummer, titel, moenster, mangler), scenarie in zip(rows, scenarier, strict=False):
        s = _area(slug, nummer, titel, moenster)
        tobe = None if scenarie is None else SimpleNamespace(scenarie_tekst=scenarie)  # what the rows read
        assessed.append((s, tobe, mangler))

    expected = TOBE_LOOP.render(Context({"assessed": assessed, "can_edit": can_edit}))

    assert _spaces(tobe_rows(assessed, can_edit)) == _spaces(expected)


def test_the_buttons_are_there_only_for_who_may_edit():
    s = _area("borgerservice", "02.00.00", "Pas", "C")

    assert "Udfyld As-is" in asis_rows([(s, s.asis, [])], can_edit=True)
    assert "Udfyld As-is" not in asis_rows([(s, s.asis, [])], can_edit=False)
    assert "Udfyld To-be" in tobe_rows([(s, None, [])], can_edit=True)
    assert "Udfyld To-be" not in tobe_rows([(s, None, [])], can_edit=False)
