"""Every view, every role: anonymous -> login, wrong role or fagområde -> 403, right role -> success."""

import pytest
from django.urls import reverse

from screening.models import Screening

READ_PAGES = [
    ("screening:fagomraade-list", []),
    ("dokumentationsark", []),
    ("dokumentationsark-export", []),
]
PROJEKTLEDER_PAGES = [
    ("user-list", []),
    ("user-invite", []),
    ("fagomraade-create", []),
]


def sagsomraade_url(name, s):
    return s.url(name)


def all_read_urls(sagsomraade):
    return [reverse(name, args=args) for name, args in READ_PAGES] + [
        reverse("screening:fagomraade-detail", args=[sagsomraade.fagomraade.slug]),
        sagsomraade_url("sagsomraade-detail", sagsomraade),
    ]


def test_anonymous_users_are_sent_to_the_login_page(client, sagsomraade, projektleder):
    urls = all_read_urls(sagsomraade) + [reverse(name, args=args) for name, args in PROJEKTLEDER_PAGES]
    urls += [
        sagsomraade_url("sagsomraade-update", sagsomraade),
        reverse("user-update", args=[projektleder.pk]),
        reverse("fagomraade-update", args=[sagsomraade.fagomraade.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_a_user_without_a_role_is_refused_everywhere(login, uden_rolle, sagsomraade):
    client = login(uden_rolle)
    for url in all_read_urls(sagsomraade):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("persona", ["projektleder", "kontaktperson", "laeser"])
def test_every_role_can_read_every_page_of_the_sheet(
    request, login, persona, sagsomraade, fremmed_sagsomraade
):
    client = login(request.getfixturevalue(persona))
    for url in all_read_urls(sagsomraade) + all_read_urls(fremmed_sagsomraade):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_manages_users_and_fagomraader(
    request, login, persona, projektleder, borgerservice
):
    client = login(request.getfixturevalue(persona))
    urls = [reverse(name, args=args) for name, args in PROJEKTLEDER_PAGES]
    urls += [
        reverse("user-update", args=[projektleder.pk]),
        reverse("fagomraade-update", args=["borgerservice"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"navn": "Hacket"}).status_code == 403, url
    borgerservice.refresh_from_db()
    assert borgerservice.navn == "Borgerservice"


def test_the_projektleder_reaches_the_management_pages(login, projektleder, borgerservice):
    client = login(projektleder)
    for name, args in PROJEKTLEDER_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 200
    assert client.get(reverse("fagomraade-update", args=["borgerservice"])).status_code == 200


def screening_post(sagsomraade, svar="ja"):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-sagsomraade_id": str(sagsomraade.pk),
        "form-0-version": "0",
        "form-0-svar": svar,
        "form-0-note": "",
    }


@pytest.mark.parametrize("persona", ["laeser", "kontaktperson"])
def test_a_user_cannot_change_a_fagomraade_they_do_not_answer_for(
    request, login, persona, fremmed_sagsomraade
):
    client = login(request.getfixturevalue(persona))
    slug = fremmed_sagsomraade.fagomraade.slug

    responses = [
        client.post(reverse("screening:fagomraade-detail", args=[slug]), screening_post(fremmed_sagsomraade)),
        client.post(reverse("screening:sagsomraade-add", args=[slug]), {"kle": ["32.24.05"]}),
        client.get(sagsomraade_url("sagsomraade-update", fremmed_sagsomraade)),
        client.post(sagsomraade_url("sagsomraade-update", fremmed_sagsomraade), {"noter": "x", "version": 0}),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert not Screening.objects.exists()
    assert fremmed_sagsomraade.fagomraade.sagsomraader.count() == 1


@pytest.mark.parametrize("persona", ["projektleder", "kontaktperson"])
def test_the_contact_person_and_the_projektleder_can_screen_borgerservice(
    request, login, persona, sagsomraade
):
    client = login(request.getfixturevalue(persona))

    response = client.post(
        reverse("screening:fagomraade-detail", args=["borgerservice"]), screening_post(sagsomraade)
    )

    assert response.status_code == 302
    assert Screening.objects.get(pk=sagsomraade.pk).anvender_kmd_sag == "ja"
