from django.urls import reverse

from screening.models import Screening
from workshops.models import AsIs, ToBe


def test_the_front_page_shows_each_phases_progress(login, laeser, c_sagsomraade, fremmed_sagsomraade):
    Screening.objects.create(sagsomraade=fremmed_sagsomraade, anvender_kmd_sag="nej")
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(komplet=True)
    ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2)

    response = login(laeser).get(reverse("home"))

    progress = [(f.nummer, f.done, f.total) for f in response.context["faser"]]
    assert progress == [(1, 2, 2), (2, 1, 1), (3, 1, 1)]
    assert "2 af 2 sagsområder screenet" in response.content.decode()


def test_a_new_municipality_starts_at_zero(login, projektleder):
    response = login(projektleder).get(reverse("home"))

    assert [(f.done, f.total) for f in response.context["faser"]] == [(0, 0), (0, 0), (0, 0)]
