import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from exitstrategi.models import Sagsomraade


def edit_url(s):
    return s.url("sagsomraade-update")


def test_the_title_defaults_to_the_kle_title(sagsomraade):
    assert sagsomraade.titel == "Boligstøtte i almindelighed"


def test_a_sagsomraade_is_unique_per_fagomraade_and_kle_number(sagsomraade):
    with pytest.raises(IntegrityError):
        Sagsomraade.objects.create(fagomraade=sagsomraade.fagomraade, kle=sagsomraade.kle)


def test_a_hovedgruppe_cannot_be_a_sagsomraade(kle, borgerservice):
    with pytest.raises(ValidationError, match="gruppe- eller emnenummer"):
        Sagsomraade(fagomraade=borgerservice, kle=kle["32"]).full_clean()


def test_the_page_flags_a_moved_kle_topic_with_its_replacement(login, laeser, kle, borgerservice):
    moved = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["16.19.02"])

    page = login(laeser).get(moved.get_absolute_url()).content.decode()

    assert "KLE 16.19.02 er flyttet til 32.30.04" in page
    assert '<html lang="da">' in page


def test_editing_saves_and_lumps_related_kle_numbers(login, kontaktperson, sagsomraade):
    response = login(kontaktperson).post(
        edit_url(sagsomraade),
        {"titel": "Boligstøtte", "ogsaa_daekker": "32.24.04, 32.24.05", "noter": "Ny note", "version": 0},
    )

    assert response.status_code == 302
    sagsomraade.refresh_from_db()
    assert (sagsomraade.titel, sagsomraade.noter, sagsomraade.version) == ("Boligstøtte", "Ny note", 1)
    assert sorted(k.nummer for k in sagsomraade.ogsaa_daekker.all()) == ["32.24.04", "32.24.05"]


def test_unknown_kle_numbers_re_render_the_form_with_a_danish_error(login, kontaktperson, sagsomraade):
    response = login(kontaktperson).post(
        edit_url(sagsomraade), {"titel": "X", "ogsaa_daekker": "99.99.99", "noter": "", "version": 0}
    )

    assert response.status_code == 200
    assert "Ukendte KLE-numre: 99.99.99." in response.content.decode()
    sagsomraade.refresh_from_db()
    assert sagsomraade.titel == "Boligstøtte i almindelighed"


def test_a_concurrent_edit_is_refused_and_the_first_save_kept(
    login, kontaktperson, projektleder, sagsomraade
):
    login(projektleder).post(edit_url(sagsomraade), {"titel": "Først", "noter": "", "version": 0})

    response = login(kontaktperson).post(edit_url(sagsomraade), {"titel": "Sidst", "noter": "", "version": 0})

    assert response.status_code == 200
    assert "Nogen har gemt en ændring" in response.content.decode()
    sagsomraade.refresh_from_db()
    assert sagsomraade.titel == "Først"


def test_the_historik_shows_who_changed_the_title_from_what_to_what(login, kontaktperson, sagsomraade):
    client = login(kontaktperson)
    client.post(edit_url(sagsomraade), {"titel": "Boligstøtte", "noter": "", "version": 0})

    changes = client.get(sagsomraade.get_absolute_url()).context["changes"]

    assert (changes[0].who, changes[0].what, changes[0].old, changes[0].new) == (
        "Karim",
        "Sagsområde: titel",
        "Boligstøtte i almindelighed",
        "Boligstøtte",
    )


def test_the_page_shows_every_phase_and_links_editors_to_the_forms(
    login, kontaktperson, laeser, c_sagsomraade
):
    editor = login(kontaktperson).get(c_sagsomraade.get_absolute_url())
    phases = [phase for phase, _link, _fields in editor.context["sections"]]
    links = {phase: link for phase, link, _fields in editor.context["sections"]}

    assert phases == [
        "Grundoplysninger",
        "Fase 1: Screening",
        "Fase 2: As-is",
        "Fase 3: To-be",
        "Fase 4: Prioritering",
    ]
    assert links["Fase 3: To-be"] == ("Udfyld To-be", "/vurdering/borgerservice/32.06.00/")
    assert "Udfyld As-is" in editor.content.decode()
    assert "Udfyld As-is" not in login(laeser).get(c_sagsomraade.get_absolute_url()).content.decode()


def test_a_form_still_checks_a_constraint_that_names_its_selects(sagsomraade):
    """Selects that found their entry are not looked up again by the model, except where a unique
    constraint names them: the second area on the same KLE number in a fagområde is refused."""
    from exitstrategi.forms import DanishModelForm

    class AreaForm(DanishModelForm):
        class Meta:
            model = Sagsomraade
            fields = ["fagomraade", "kle", "titel"]

    form = AreaForm({"fagomraade": sagsomraade.fagomraade_id, "kle": sagsomraade.kle_id, "titel": "Igen"})

    assert not form.is_valid()
    assert "Fagområdet har allerede et sagsområde med dette KLE-nummer." in str(form.errors)
