from django.urls import reverse

from screening.models import Screening
from workshops.models import AsIs, ToBe


def test_the_front_page_shows_each_phases_progress(login, laeser, c_sagsomraade, fremmed_sagsomraade):
    Screening.objects.create(sagsomraade=fremmed_sagsomraade, anvender_kmd_sag="nej")
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(komplet=True)
    ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2)

    response = login(laeser).get(reverse("home"))

    progress = [(f.nummer, f.done, f.total) for f in response.context["faser"]]
    assert progress == [(1, 2, 2), (2, 1, 1), (3, 1, 1), (4, 0, 1)]
    assert "2 af 2 sagsområder screenet" in response.content.decode()


def test_a_new_municipality_starts_at_zero(login, projektleder):
    response = login(projektleder).get(reverse("home"))

    assert [(f.done, f.total) for f in response.context["faser"]] == [(0, 0), (0, 0), (0, 0), (0, 0)]


def test_a_contact_person_sees_their_own_fagomraader_first_with_the_next_area_to_answer(
    login, kontaktperson, kle, sagsomraade, fremmed_sagsomraade
):
    from exitstrategi.models import Sagsomraade

    second = Sagsomraade.objects.create(fagomraade=sagsomraade.fagomraade, kle=kle["32.24.05"])
    Screening.objects.create(sagsomraade=sagsomraade, anvender_kmd_sag="ja")

    response = login(kontaktperson).get(reverse("home"))

    [(fagomraade, faser)] = response.context["mine"]
    screening = faser[0]
    assert fagomraade.navn == "Borgerservice"
    assert (screening.done, screening.total, screening.mangler) == (1, 2, 1)
    assert screening.naeste == (f"32.24.05 {second.titel}", "/screening/borgerservice/")
    asis = faser[1]
    assert asis.naeste == (f"32.06.00 {sagsomraade.titel}", "/kortlaegning/borgerservice/32.06.00/")
    page = response.content.decode()
    assert page.index("Dine fagområder") < page.index("Hele kommunen")


def test_readers_get_no_personal_section_and_are_told_they_only_read(login, laeser, sagsomraade):
    home = login(laeser).get(reverse("home"))
    screening = login(laeser).get(reverse("screening:fagomraade-list")).content.decode()

    assert home.context["mine"] == [] and "Dine fagområder" not in home.content.decode()
    assert "Du har læseadgang" in screening and "Næste skridt" not in screening


def test_lists_mark_the_contact_persons_own_fagomraader(
    login, kontaktperson, sagsomraade, fremmed_sagsomraade
):
    page = login(kontaktperson).get(reverse("screening:fagomraade-list")).content.decode()

    assert page.count("Dit fagområde</span>") == 1
    assert page.index("Borgerservice") < page.index("Dit fagområde</span>")


def test_a_contact_person_on_another_fagomraade_is_told_it_is_read_only(
    login, kontaktperson, fremmed_sagsomraade
):
    page = login(kontaktperson).get(reverse("screening:fagomraade-detail", args=["arbejdsmarked"]))

    assert "du er ikke kontaktperson for dette fagområde" in page.content.decode()
