"""The big pages stay at a fixed number of queries however many rows they show."""

import pytest
from django.urls import reverse
from django.utils import timezone

from exitstrategi.models import KLE, Fagomraade, Sagsomraade
from screening.models import Screening
from tests.conftest import ny_kontrakt
from workshops.models import AsIs, ToBe, Workshop


@pytest.fixture
def municipality(systemer):
    """5 fagområder × 60 sagsområder, all screened Ja, mapped C and assessed, with contracts."""
    fagomraader = [Fagomraade.objects.create(navn=f"Fagområde {i}") for i in range(5)]
    topics = KLE.objects.bulk_create(
        KLE(nummer=f"27.{i:02d}.00", titel=f"Emne {i}", niveau="emne") for i in range(60)
    )
    rows = Sagsomraade.objects.bulk_create(
        Sagsomraade(fagomraade=f, kle=t, titel=t.titel) for f in fagomraader for t in topics
    )
    Screening.objects.bulk_create(Screening(sagsomraade=s, anvender_kmd_sag="ja") for s in rows)
    AsIs.objects.bulk_create(
        AsIs(
            sagsomraade=s,
            brugsmoenster="C",
            antal_sagsbehandlere=3,
            system_sager=systemer["KMD Opera"],
            system_journalnotater=systemer["KMD Sag"],
        )
        for s in rows
    )
    ToBe.objects.bulk_create(
        ToBe(sagsomraade=s, anbefalet_scenarie=2, loesning_sager=systemer["SBSYS"]) for s in rows
    )
    for system in systemer.values():
        ny_kontrakt(system, navn=f"{system.navn} drift", opsigelsesvarsel=3)
    workshop = Workshop.objects.create(titel="Samlet", type="kombineret", start=timezone.now())
    workshop.fagomraader.set(fagomraader[:4])
    return workshop


@pytest.mark.parametrize(
    ("name", "args", "most"),
    [
        ("screening:fagomraade-list", [], 8),
        ("screening:fagomraade-detail", ["fagomraade-0"], 12),
        ("workshops:kortlaegning", [], 8),
        ("workshops:fagomraade-asis", ["fagomraade-0"], 14),
        ("workshops:vurdering", [], 9),
        ("workshops:fagomraade-tobe", ["fagomraade-0"], 14),
        ("kontrakt-list", [], 8),
        ("itsystem-detail", ["kmd-opera"], 9),
        ("prioritering:oversigt", [], 16),
    ],
)
def test_big_pages_use_a_fixed_number_of_queries(
    login, projektleder, municipality, django_assert_max_num_queries, name, args, most
):
    client = login(projektleder)

    with django_assert_max_num_queries(most):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_the_wall_of_240_areas_uses_a_fixed_number_of_queries(
    login, projektleder, municipality, django_assert_max_num_queries
):
    client = login(projektleder)

    with django_assert_max_num_queries(15):
        response = client.get(reverse("workshops:wall", args=[municipality.pk]))
    with django_assert_max_num_queries(15):
        client.get(
            reverse("workshops:wall-data", args=[municipality.pk]), {"siden": "2000-01-01T00:00:00+00:00"}
        )
    assert sum(len(cards) for _column, cells in response.context["rows"] for _f, cards in cells) > 240 * 10


def test_a_forms_selects_read_their_entries_in_plain_queries(login, projektleder, municipality):
    """Not through server-side cursors (PostgreSQL): three round trips for each select on a page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    area = Sagsomraade.objects.get(fagomraade__slug="fagomraade-0", kle__nummer="27.00.00")
    client = login(projektleder)

    with CaptureQueriesContext(connection) as form_page:
        response = client.get(reverse("workshops:asis-update", args=["fagomraade-0", area.kle.nummer]))
    with CaptureQueriesContext(connection) as sheet:
        client.get(reverse("dokumentationsark"))

    assert response.status_code == 200
    assert ">KMD Opera</option>" in response.content.decode()  # its IT-system selects offer the systems
    declared = [q["sql"] for q in [*form_page, *sheet] if q["sql"].startswith("DECLARE")]
    assert declared == []


def test_the_as_is_forms_five_system_selects_read_the_systems_once(login, projektleder, municipality):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    area = Sagsomraade.objects.get(fagomraade__slug="fagomraade-0", kle__nummer="27.00.00")
    client = login(projektleder)

    with CaptureQueriesContext(connection) as form_page:
        page = client.get(reverse("workshops:asis-update", args=["fagomraade-0", area.kle.nummer])).content

    systems = [q["sql"] for q in form_page if 'FROM "exitstrategi_itsystem"' in q["sql"]]
    selects = page.decode().split('<select name="system_')[1:]
    assert len(selects) == 5 and all(">KMD Opera</option>" in select for select in selects)
    # one for the five selects; the TSA checkboxes read their own; the current TSA answer is read once
    # for its count and the form
    assert len(systems) <= 3


@pytest.mark.parametrize(
    ("name", "records"),
    [
        ("workshops:asis-update", ["screening_screening", "workshops_asis"]),
        ("workshops:tobe-update", ["screening_screening", "workshops_asis", "workshops_tobe"]),
        (
            "prioritering:prioritering-update",
            ["workshops_asis", "workshops_tobe", "prioritering_prioritering"],
        ),
    ],
)
def test_a_phase_form_reads_its_area_with_the_phase_records_it_shows(
    login, projektleder, municipality, name, records
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    area = Sagsomraade.objects.get(fagomraade__slug="fagomraade-0", kle__nummer="27.00.00")
    client = login(projektleder)

    with CaptureQueriesContext(connection) as form_page:
        response = client.get(reverse(name, args=["fagomraade-0", area.kle.nummer]))

    assert response.status_code == 200
    read_alone = [q["sql"] for q in form_page if any(f'FROM "{table}"' in q["sql"] for table in records)]
    assert read_alone == []
