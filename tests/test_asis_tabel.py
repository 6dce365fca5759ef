"""The As-is overview's rows, written in Python, read as the template loop they replace wrote them."""

import re

from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from workshops.asis_tabel import rows_html
from workshops.models import AsIs

TEMPLATE_LOOP = Template(  # workshops/fagomraade_asis.html's rows until they were written in Python
    """{% load adresser %}{% for s, asis, mangler in mapped %}
    <tr><td>{{ s.kle.nummer }}</td><td><a href="{{ s.get_absolute_url }}">{{ s.titel }}</a></td>
      <td>{% if asis.brugsmoenster %}<span class="badge text-bg-primary fs-6">{{ asis.brugsmoenster }}</span> {{ asis.get_brugsmoenster_display|slice:"3:" }}{% if asis.brugsmoenster == "0" %} <span class="badge text-bg-warning">Screenet Ja, men bruger ikke KMD Sag ifølge R2: afklares</span>{% endif %}{% else %}–{% endif %}</td>
      <td>{% if mangler %}<span class="text-danger small">{{ mangler|join:", " }}</span>{% else %}<span class="badge text-bg-success">Komplet</span>{% endif %}</td>
      <td class="text-nowrap">{% if can_edit %}<a class="btn btn-sm btn-outline-primary" href="{{ s|adresse:'workshops:wizard' }}">Brugsmønster</a>
        <a class="btn btn-sm btn-primary" href="{{ s|adresse:'workshops:asis-update' }}">Udfyld As-is</a>{% endif %}</td></tr>
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


@settings(max_examples=100, deadline=None)
@given(rows=ROWS, can_edit=st.booleans())
def test_the_rows_read_as_the_template_wrote_them(rows, can_edit):
    mapped = []
    for slug, nummer, titel, moenster, mangler in rows:
        s = Sagsomraade(fagomraade=Fagomraade(slug=slug), kle=KLE(nummer=nummer), titel=titel)
        asis = None if moenster is None else AsIs(brugsmoenster=moenster)
        mapped.append((s, asis, mangler))

    expected = TEMPLATE_LOOP.render(Context({"mapped": mapped, "can_edit": can_edit}))

    assert _spaces(rows_html(mapped, can_edit)) == _spaces(expected)


def test_the_buttons_are_there_only_for_who_may_edit():
    s = Sagsomraade(fagomraade=Fagomraade(slug="borgerservice"), kle=KLE(nummer="02.00.00"), titel="Pas")
    mapped = [(s, AsIs(brugsmoenster="C"), [])]

    assert "Udfyld As-is" in rows_html(mapped, can_edit=True)
    assert "Udfyld As-is" not in rows_html(mapped, can_edit=False)
