"""`field__in_array=[…]` finds what `field__in=[…]` finds, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection

from exitstrategi.models import KLE


def keys(queryset):
    return sorted(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("chosen", [[], [0], [0, 2], [0, 1, 2, 3]])
def test_keys_in_an_array_find_the_rows_in_finds(kle, chosen):
    topics = sorted(kle.values(), key=lambda topic: topic.pk)
    wanted = [topics[n].pk for n in chosen] + [10**12]  # and one no row has
    assert keys(KLE.objects.filter(pk__in_array=wanted)) == keys(KLE.objects.filter(pk__in=wanted))
    assert keys(KLE.objects.filter(pk__in_array=wanted)) == sorted(topics[n].pk for n in chosen)


def test_a_missing_value_is_left_out_as_in_leaves_it_out(kle):
    some = next(iter(kle.values()))
    assert keys(KLE.objects.filter(parent__in_array=[some.pk, None])) == keys(
        KLE.objects.filter(parent__in=[some.pk, None])
    )


def test_texts_with_commas_braces_and_quotes_are_found_as_themselves(kle):
    some = next(iter(kle.values()))
    odd = KLE.objects.create(nummer='9,{"}', titel="Skæv", niveau=some.niveau, status=some.status)
    wanted = [some.nummer, odd.nummer, "9", '{"}']
    assert keys(KLE.objects.filter(nummer__in_array=wanted)) == sorted([some.pk, odd.pk])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one array is PostgreSQL's form")
def test_any_number_of_keys_is_one_text_of_sql_on_postgresql(db):
    one, one_params = KLE.objects.filter(pk__in_array=[1]).query.sql_with_params()
    hundred, hundred_params = KLE.objects.filter(pk__in_array=list(range(1, 101))).query.sql_with_params()
    assert one == hundred
    assert "= ANY(%s::bigint[])" in one
    assert (one_params, hundred_params) == (("{1}",), ("{" + ",".join(map(str, range(1, 101))) + "}",))
