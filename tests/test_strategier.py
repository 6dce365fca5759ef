import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from workshops.models import Strategi, Workshop


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name="strategi.pdf", content=b"%PDF-1.4 strategi"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_projektleder_registers_a_strategy_with_a_file_that_only_users_with_a_role_can_fetch(
    client, login, projektleder, laeser, uden_rolle
):
    login(projektleder).post(
        reverse("workshops:strategi-create"),
        {
            "titel": "ESDH-strategi",
            "type": "esdh",
            "link": "intranet.kommune.dk/esdh",
            "fil": upload(),
            "version": 0,
        },
    )
    strategi = Strategi.objects.get()
    url = reverse("workshops:strategi-fil", args=[strategi.pk])

    assert strategi.link == "https://intranet.kommune.dk/esdh"
    assert login(laeser).get(url).getvalue() == b"%PDF-1.4 strategi"
    assert login(uden_rolle).get(url).status_code == 403
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_a_file_of_another_type_is_refused(login, projektleder):
    response = login(projektleder).post(
        reverse("workshops:strategi-create"), {"titel": "X", "type": "andet", "fil": upload("virus.exe")}
    )

    assert "Filtypen er ikke tilladt." in response.content.decode()
    assert not Strategi.objects.exists()


def test_the_to_be_workshop_shows_its_plenum_answer_and_the_strategies(login, laeser):
    strategi = Strategi.objects.create(titel="Digitaliseringsstrategi", type="digitalisering")
    workshop = Workshop.objects.create(
        titel="To-be", type="tobe", start="2027-01-10T09:00+01:00", tobe_strategier="SBSYS er fælles journal."
    )
    workshop.strategier.set([strategi])

    page = login(laeser).get(reverse("workshops:workshop-detail", args=[workshop.pk])).content.decode()

    assert "To-be spørgsmål 1 (plenum)" in page and "SBSYS er fælles journal." in page
    assert "Digitaliseringsstrategi" in page


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_registers_strategies(request, login, persona):
    client = login(request.getfixturevalue(persona))

    assert client.get(reverse("workshops:strategi-list")).status_code == 200
    assert (
        client.post(reverse("workshops:strategi-create"), {"titel": "X", "type": "esdh"}).status_code == 403
    )
