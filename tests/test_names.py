"""A name gives an address (a slug): never empty, never another's; the form says so in Danish."""

import pytest
from django.urls import reverse

from exitstrategi.forms import FagomraadeForm
from exitstrategi.models import Fagomraade, ITSystem
from exitstrategi.services import itsystem_get_or_create
from workshops.forms import AsIsForm


@pytest.mark.parametrize("navn", ["-", "!!!", "???", " – "])
def test_a_name_without_letters_or_digits_is_refused(db, navn):
    form = FagomraadeForm(data={"navn": navn})

    assert form.errors["navn"] == ["Navnet skal indeholde mindst ét bogstav eller tal."]


def test_a_name_that_reads_as_another_is_refused(db):
    ITSystem.objects.create(navn="KMD Sag")
    Fagomraade.objects.create(navn="Børn og Familie")

    form = FagomraadeForm(data={"navn": "børn-og-familie"})

    assert form.errors["navn"] == [
        "Navnet ligner «Børn og Familie», som findes allerede. Brug det, eller vælg et andet navn."
    ]


def test_a_new_system_typed_as_another_spelling_is_that_system(db):
    kmd_sag = ITSystem.objects.create(navn="KMD Sag")

    assert itsystem_get_or_create("KMD-Sag") == kmd_sag
    assert ITSystem.objects.count() == 1


def test_the_as_is_form_refuses_a_new_system_named_only_by_signs(c_sagsomraade):
    asis = c_sagsomraade.asis
    form = AsIsForm(
        data={"version": asis.version, "ny_system_sager": "-"}, instance=asis, only=["system_sager"]
    )

    assert form.errors["ny_system_sager"] == ["Navnet skal indeholde mindst ét bogstav eller tal."]


def test_a_slug_is_never_empty_or_taken_even_past_the_form(login, projektleder, db):
    ITSystem.objects.create(navn="KMD Sag")
    odd = ITSystem.objects.create(navn="!!!")
    twin = ITSystem.objects.create(navn="KMD-Sag")

    assert (odd.slug, twin.slug) == ("itsystem", "kmd-sag-2")
    assert login(projektleder).get(reverse("itsystem-list")).status_code == 200
