"""An area's addresses are filled into each page's address reversed once: they read as reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from exitstrategi.adresser import adresse

PAGES = ["sagsomraade-detail", "sagsomraade-move", "workshops:asis-update", "prioritering:opgaver"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    "slug, kle",
    [
        ("borgerservice", "32.06.00"),
        ("kle-i-adressen", "slug-i-adressen"),
        ("social_2", "32.24"),
        ("a", "32 x?æ"),
    ],
)
def test_an_address_reads_as_reverse_gives_it(name, slug, kle):
    assert adresse(name, slug, kle) == reverse(name, args=[slug, kle])


def test_an_address_follows_the_prefix_the_app_is_served_under():
    try:
        set_script_prefix("/kommune/")
        assert (
            adresse("sagsomraade-detail", "borgerservice", "32.06.00")
            == "/kommune/sagsomraade/borgerservice/32.06.00/"
        )
    finally:
        set_script_prefix("/")
    assert (
        adresse("sagsomraade-detail", "borgerservice", "32.06.00") == "/sagsomraade/borgerservice/32.06.00/"
    )
