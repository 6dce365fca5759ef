"""Adding by mistake, removing, restoring, moving and re-keying sagsområder: nothing is lost."""

import pytest
from django.urls import reverse

from exitstrategi import dokumentationsark
from exitstrategi.history import changes_for
from exitstrategi.models import Sagsomraade
from screening.models import Screening
from workshops.models import AsIs, ToBe

ADD = reverse("screening:sagsomraade-add", args=["borgerservice"])
UNDO = reverse("screening:sagsomraade-undo-add", args=["borgerservice"])
DETAIL = reverse("screening:fagomraade-detail", args=["borgerservice"])


def url(name, sagsomraade):
    return sagsomraade.url(name)


def test_a_bulk_add_to_the_wrong_fagomraade_is_undone(login, projektleder, kle, borgerservice):
    client = login(projektleder)
    client.post(ADD, {"gruppe": "32.24", "bekraeft": "1"})

    offered = client.get(DETAIL).context["undo"]
    client.post(UNDO)

    assert len(offered) == 2
    assert not Sagsomraade.alle.filter(fagomraade=borgerservice).exists()
    assert client.get(DETAIL).context["undo"] == []


def test_a_bulk_add_cannot_be_undone_once_an_area_has_an_answer(login, projektleder, kle, borgerservice):
    client = login(projektleder)
    client.post(ADD, {"gruppe": "32.24", "bekraeft": "1"})
    Screening.objects.create(sagsomraade=borgerservice.sagsomraader.first(), anvender_kmd_sag="nej")

    assert client.get(DETAIL).context["undo"] == []
    response = client.post(UNDO, follow=True)

    assert "Tilføjelsen kan ikke fortrydes" in response.content.decode()
    assert borgerservice.sagsomraader.count() == 2


@pytest.fixture
def answered(c_sagsomraade, systemer):
    """Borgerservice's C area with screening, As-is and To-be answers."""
    tobe = ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2, kompleksitet="hoej")
    tobe.markedsloesninger.set([systemer["SBSYS"]])
    return c_sagsomraade


def test_removing_says_which_answers_go_with_it_and_restoring_brings_every_answer_back(
    login, projektleder, answered
):
    client = login(projektleder)

    confirmation = client.get(url("sagsomraade-remove", answered)).content.decode()
    client.post(url("sagsomraade-remove", answered), {"version": 0})
    gone = client.get(url("sagsomraade-detail", answered)).status_code
    client.post(url("sagsomraade-restore", answered))

    assert "Screening, As-is, To-be" in confirmation
    assert gone == 404
    restored = Sagsomraade.objects.get(pk=answered.pk)
    assert restored.screening.anvender_kmd_sag == "ja"
    assert restored.asis.brugsmoenster == "C" and restored.asis.system_sager.navn == "KMD Opera"
    assert (restored.tobe.anbefalet_scenarie, restored.tobe.kompleksitet) == (2, "hoej")
    assert [s.navn for s in restored.tobe.markedsloesninger.all()] == ["SBSYS"]
    reasons = [c.reason for c in changes_for(restored)]
    assert "Fjernet" in reasons and "Gendannet" in reasons


def test_a_removed_area_is_left_out_of_lists_counts_sheet_and_phases(
    login, projektleder, answered, fremmed_sagsomraade
):
    client = login(projektleder)
    client.post(url("sagsomraade-remove", answered), {"version": 0})

    fagomraader = {f.navn: f for f in client.get(reverse("screening:fagomraade-list")).context["object_list"]}
    sheet = client.get(reverse("dokumentationsark")).context["page"].object_list
    kortlaegning = client.get(reverse("workshops:kortlaegning")).content.decode()
    export = client.get(reverse("dokumentationsark-export"))
    removed = client.get(reverse("sagsomraade-removed")).context["object_list"]

    assert fagomraader["Borgerservice"].antal == 0 and fagomraader["Arbejdsmarked"].antal == 1
    assert [s.pk for s in sheet] == [fremmed_sagsomraade.pk]
    assert answered.pk not in [s.pk for s in dokumentationsark.queryset()]
    assert "32.06.00" not in kortlaegning
    assert export.status_code == 200
    assert [s.pk for s in removed] == [answered.pk]


def test_a_removed_kle_number_comes_back_only_by_restoring(login, projektleder, answered):
    client = login(projektleder)
    client.post(url("sagsomraade-remove", answered), {"version": 0})

    response = client.post(ADD, {"kle": ["32.06.00"]}, follow=True)

    assert "gendan i stedet" in response.content.decode()
    assert Sagsomraade.alle.filter(kle__nummer="32.06.00").count() == 1


def test_moving_to_another_fagomraade_keeps_answers_and_history_says_from_where(
    login, projektleder, answered, arbejdsmarked
):
    client = login(projektleder)

    response = client.post(
        url("sagsomraade-move", answered), {"fagomraade": arbejdsmarked.pk, "kle": "32.06.00", "version": 0}
    )

    moved = Sagsomraade.objects.get(pk=answered.pk)
    assert response["Location"] == "/sagsomraade/arbejdsmarked/32.06.00/"
    assert moved.fagomraade == arbejdsmarked and moved.asis.brugsmoenster == "C"
    shown = {(c.what, c.old, c.new, c.reason) for c in changes_for(moved)}
    assert (
        "Sagsområde: fagområde",
        "Borgerservice",
        "Arbejdsmarked",
        "Flyttet fra Borgerservice til Arbejdsmarked",
    ) in shown


def test_an_expired_kle_number_is_re_keyed_to_its_replacement(login, projektleder, kle, borgerservice):
    from exitstrategi.models import KLE

    new = KLE.objects.create(nummer="32.30.04", titel="Sygedagpenge, udbetaling", niveau="emne", parent=None)
    old = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["16.19.02"])
    AsIs.objects.create(sagsomraade=old, antal_sagsbehandlere=7)
    client = login(projektleder)

    offer = client.get(url("sagsomraade-detail", old)).content.decode()
    client.post(
        url("sagsomraade-move", old), {"fagomraade": borgerservice.pk, "kle": "32.30.04", "version": 0}
    )

    assert "Knyt sagsområdet til det nye KLE-nummer" in offer
    rekeyed = Sagsomraade.objects.get(pk=old.pk)
    assert (rekeyed.kle, rekeyed.titel, rekeyed.asis.antal_sagsbehandlere) == (new, new.titel, 7)


def test_a_move_onto_a_number_the_fagomraade_has_is_refused(login, projektleder, kle, sagsomraade):
    other = Sagsomraade.objects.create(fagomraade=sagsomraade.fagomraade, kle=kle["32.24.04"])

    response = login(projektleder).post(
        url("sagsomraade-move", other),
        {"fagomraade": sagsomraade.fagomraade.pk, "kle": "32.06.00", "version": 0},
    )

    assert "har allerede et sagsområde med KLE-nummer 32.06.00" in response.content.decode()
    assert Sagsomraade.objects.get(pk=other.pk).kle.nummer == "32.24.04"


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_projektleder_removes_moves_and_restores(
    request, login, persona, sagsomraade, arbejdsmarked
):
    client = login(request.getfixturevalue(persona))

    statuses = [
        client.post(url("sagsomraade-remove", sagsomraade), {"version": 0}).status_code,
        client.post(
            url("sagsomraade-move", sagsomraade),
            {"fagomraade": arbejdsmarked.pk, "kle": "32.06.00", "version": 0},
        ).status_code,
        client.post(url("sagsomraade-restore", sagsomraade)).status_code,
        client.get(reverse("sagsomraade-removed")).status_code,
    ]

    assert statuses == [403] * 4
    assert Sagsomraade.objects.get(pk=sagsomraade.pk).fagomraade.navn == "Borgerservice"
