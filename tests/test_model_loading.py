"""Our models' rows become the same instances as Django's Model.__init__ would make, only without it
(exitstrategi.model_loading)."""

import pytest
from django.apps import apps
from django.db.models.signals import post_init

from exitstrategi.model_loading import _DJANGO_FROM_DB
from exitstrategi.models import Sagsomraade
from workshops.models import AsIs

OUR_APPS = ("exitstrategi", "screening", "workshops", "prioritering")


def our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def test_the_phase_records_and_the_sheets_models_load_directly():
    direct = {m.__name__ for m in our_models() if m.from_db.__func__ is not _DJANGO_FROM_DB}
    assert {
        "Sagsomraade",
        "Fagomraade",
        "KLE",
        "Screening",
        "AsIs",
        "ToBe",
        "Prioritering",
        "ITSystem",
    } <= direct


def test_every_loaded_row_is_the_instance_django_builds(c_sagsomraade, projektleder):
    from exitstrategi.services import phase_record_save

    phase_record_save(  # history rows and a user too
        model=AsIs,
        sagsomraade=c_sagsomraade,
        values={"antal_sagsbehandlere": 3},
        version=AsIs.objects.get().version,
        user=projektleder,
    )
    compared = 0
    for model in our_models():
        attnames = [f.attname for f in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*attnames)[:3]:
            ours = model.from_db("default", attnames, list(row))
            django = _DJANGO_FROM_DB(model, "default", attnames, list(row))
            assert type(ours) is type(django)
            assert without_state(ours) == without_state(django), model
            assert (ours._state.adding, ours._state.db) == (False, "default")
            compared += 1
    assert compared >= 10


def without_state(instance):
    return {k: v for k, v in vars(instance).items() if k != "_state"}


def test_a_directly_loaded_area_saves_as_an_update_and_follows_its_relations(c_sagsomraade):
    area = Sagsomraade.objects.get(pk=c_sagsomraade.pk)
    assert (area.fagomraade.navn, area.asis.brugsmoenster) == ("Borgerservice", "C")
    area.noter = "Rettet"
    area.save()
    assert Sagsomraade.objects.count() == 1
    assert Sagsomraade.objects.get().noter == "Rettet"


def test_a_load_that_defers_fields_goes_djangos_way(c_sagsomraade):
    asis = AsIs.objects.only("pk").get()
    assert asis.get_deferred_fields()
    assert asis.brugsmoenster == "C"  # loaded when asked for


@pytest.mark.parametrize("model", [Sagsomraade, AsIs])
def test_a_receiver_of_post_init_still_sees_every_loaded_instance(c_sagsomraade, model):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=model)
    try:
        loaded = model.objects.get()
    finally:
        post_init.disconnect(receiver, sender=model)
    assert seen == [loaded]


@pytest.mark.parametrize(
    ("name", "rows_of"),
    [
        ("dokumentationsark", lambda context: context["page"].object_list),
        ("workshops:fagomraade-asis", lambda context: [row for row, _asis, _missing in context["mapped"]]),
        ("workshops:fagomraade-tobe", lambda context: [row for row, _tobe, _missing in context["assessed"]]),
    ],
)
def test_a_listing_page_lets_go_of_its_rows_joined_records_once_written(
    login, projektleder, c_sagsomraade, name, rows_of
):
    """Rows and their joined records point at each other; once the page is written the rows drop them,
    so they are freed at once and not left to the garbage collector (exitstrategi.model_loading.let_go)."""
    from django.urls import reverse

    args = () if name == "dokumentationsark" else (c_sagsomraade.fagomraade.slug,)
    response = login(projektleder).get(reverse(name, args=args))

    rows = rows_of(response.context)
    assert c_sagsomraade.kle.nummer in response.content.decode()
    assert [row.pk for row in rows] == [c_sagsomraade.pk]
    assert all(
        not row._state.fields_cache and "_prefetched_objects_cache" not in row.__dict__ for row in rows
    )
