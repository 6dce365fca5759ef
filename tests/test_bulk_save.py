"""phase_records_save: many records of a phase at once (an Excel import, a screening table) with the
same rules as one save: the version check, the derived answers, the Historik and what later phases
follow."""

import pytest

from exitstrategi.concurrency import ConcurrentEditError
from exitstrategi.services import phase_record_save, phase_records_save, sagsomraader_update
from prioritering.models import Prioritering
from screening.models import Screening
from workshops.models import AsIs, ToBe

from .conftest import area


@pytest.fixture
def to(kle, borgerservice, systemer):
    return [
        area(borgerservice, kle["32.06.00"], "C", 4, anbefalet_scenarie=2),
        area(borgerservice, kle["32.24.04"], "D", 9, anbefalet_scenarie=2),
    ]


def test_answers_are_saved_with_their_derived_values_and_one_history_row_each(to, projektleder, systemer):
    first, second = to
    before = AsIs.history.count()

    phase_records_save(
        model=AsIs,
        changes=[
            (first.pk, {"q2": False, "q3": None, "q5": True}, 0, None),  # C becomes D
            (
                second.pk,
                {"antal_sagsbehandlere": 12},
                0,
                {"monopolbrud_tsa_systemer": [systemer["KMD Aktiv"]]},
            ),
        ],
        user=projektleder,
        kilde="Indlæst fra Excel: ark.xlsx",
    )

    one, two = AsIs.objects.get(pk=first.pk), AsIs.objects.get(pk=second.pk)
    assert (one.brugsmoenster, one.version, one.aendret_af) == ("D", 1, projektleder)
    assert (two.antal_sagsbehandlere, list(two.monopolbrud_tsa_systemer.all())) == (
        12,
        [systemer["KMD Aktiv"]],
    )
    assert AsIs.history.count() == before + 2
    latest = two.history.first()
    assert (latest.history_change_reason, latest.history_user) == (
        "Indlæst fra Excel: ark.xlsx",
        projektleder,
    )
    assert [s.itsystem for s in latest.monopolbrud_tsa_systemer.all()] == [systemer["KMD Aktiv"]]
    assert latest.antal_sagsbehandlere == 12


def test_one_stale_version_refuses_every_record(to, projektleder):
    first, second = to
    phase_record_save(
        model=AsIs, sagsomraade=second, values={"antal_sagsbehandlere": 5}, version=0, user=None
    )

    with pytest.raises(ConcurrentEditError) as refused:
        phase_records_save(
            model=AsIs,
            changes=[
                (first.pk, {"antal_sagsbehandlere": 1}, 0, None),
                (second.pk, {"antal_sagsbehandlere": 2}, 0, None),
            ],
            user=projektleder,
        )

    assert list(refused.value.records) == [second.pk]
    assert AsIs.objects.get(pk=first.pk).antal_sagsbehandlere == 4  # nothing saved
    assert AsIs.objects.get(pk=second.pk).antal_sagsbehandlere == 5


def test_new_records_are_created_and_a_changed_recommendation_brings_its_task_list(to, projektleder):
    first, second = to
    Screening.objects.filter(pk=first.pk).delete()

    phase_records_save(
        model=Screening,
        changes=[(first.pk, {"anvender_kmd_sag": "ja", "note": "Igen"}, 0, None)],
        user=projektleder,
    )
    phase_records_save(
        model=ToBe, changes=[(second.pk, {"anbefalet_scenarie": 4}, 0, None)], user=projektleder
    )

    assert Screening.objects.get(pk=first.pk).history.first().history_type == "+"
    assert {o.scenarie for o in second.opgaver.all()} == {4}


def test_a_new_pin_records_its_time_in_bulk_as_on_the_page(to, projektleder):
    first, second = to
    phase_records_save(
        model=Prioritering,
        changes=[
            (first.pk, {"fastlaast_plads": 1, "fastlaast_begrundelse": "Lovkrav"}, 0, None),
            (second.pk, {"brugerniveau": "faa"}, 0, None),
        ],
        user=projektleder,
    )

    pinned, other = Prioritering.objects.get(pk=first.pk), Prioritering.objects.get(pk=second.pk)
    assert pinned.fastlaast_tidspunkt is not None and other.fastlaast_tidspunkt is None
    moment = pinned.fastlaast_tidspunkt
    phase_records_save(model=Prioritering, changes=[(first.pk, {"hoert": "Ja"}, 1, None)], user=projektleder)
    assert Prioritering.objects.get(pk=first.pk).fastlaast_tidspunkt == moment  # kept while the pin stays
    deferred = Prioritering.objects.defer("fastlaast_plads").get(pk=first.pk)
    deferred.hoert = "Igen"
    deferred.save()
    assert Prioritering.objects.get(pk=first.pk).fastlaast_tidspunkt == moment


def test_areas_own_fields_in_bulk_keep_the_kle_title_when_emptied(to, projektleder):
    first, _second = to
    sagsomraader_update(
        changes=[(first, {"titel": "", "noter": "Ny note", "ogsaa_daekker": [], "version": 0})],
        user=projektleder,
    )

    first.refresh_from_db()
    assert (first.titel, first.noter, first.version) == (first.kle.titel, "Ny note", 1)
    assert first.history.first().history_user == projektleder


def test_a_bulk_historik_row_is_the_row_simple_history_writes_for_one_save(to, projektleder, systemer):
    first, _second = to
    record = AsIs.objects.get(sagsomraade=first)
    record.monopolbrud_tsa_systemer.set([systemer["KMD Aktiv"]])
    record.antal_sagsbehandlere = 7
    record._change_reason, record._history_user = "Indlæst fra Excel: ark.xlsx", projektleder
    record.save()
    by_save = record.history.first()

    phase_records_save(
        model=AsIs,
        changes=[(first.pk, {"antal_sagsbehandlere": 7}, record.version, None)],
        user=projektleder,
        kilde="Indlæst fra Excel: ark.xlsx",
    )

    by_bulk = record.history.first()
    assert by_bulk.history_id > by_save.history_id
    names = [f.attname for f in AsIs.history.model._meta.concrete_fields]
    names = [n for n in names if n not in ("history_id", "history_date")]
    assert [getattr(by_bulk, n) for n in names] == [getattr(by_save, n) for n in names]
    assert [s.itsystem for s in by_bulk.monopolbrud_tsa_systemer.all()] == [systemer["KMD Aktiv"]]


def test_records_saved_in_bulk_are_stamped_changed_now_for_the_walls_refresh(to, projektleder):
    from django.utils import timezone

    first, second = to
    before = timezone.now()

    phase_records_save(
        model=AsIs,
        changes=[
            (first.pk, {"antal_sagsbehandlere": 3}, 0, None),
            (second.pk, {"antal_sagsbehandlere": 4}, 0, None),
        ],
        user=projektleder,
    )

    stamps = {a.aendret for a in AsIs.objects.filter(sagsomraade__in=to)}
    assert len(stamps) == 1 and stamps.pop() >= before  # one moment for the whole batch
    assert {a.antal_sagsbehandlere for a in AsIs.objects.filter(sagsomraade__in=to)} == {3, 4}
