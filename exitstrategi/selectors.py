import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404

from . import dokumentationsark
from .models import KLE, Sagsomraade

NUMBER_PREFIX = re.compile(r"^\d[\d.]*$")


def kle_search(query, limit=50):
    """KLE grupper and emner matching a number prefix or all words of the title; active first."""
    query = query.strip()
    topics = KLE.objects.exclude(niveau=KLE.Niveau.HOVEDGRUPPE)
    if not query:
        return topics.none()
    if NUMBER_PREFIX.match(query):
        topics = topics.filter(nummer__startswith=query)
    else:
        for word in query.split():
            topics = topics.filter(titel__icontains=word)
    inactive_last = Case(
        When(status=KLE.Status.AKTIV, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return topics.order_by(inactive_last, "nummer")[:limit]


def get_sagsomraade(fagomraade_slug, kle_nummer, columns=(), records=()):
    """A sagsområde in use by its business key, with its fagområde, KLE topic, what the given sheet
    columns read and the phase records named (joined: "screening", "asis" …); 404 if there is none."""
    return get_object_or_404(
        dokumentationsark.queryset(columns).select_related(*records),
        fagomraade__slug=fagomraade_slug,
        kle__nummer=kle_nummer,
    )


def paa_udgaaede_numre():
    """The sagsområder that stand on an expired or moved KLE number, their own or one they also cover:
    [(sagsområde, [the inactive KLE topics])], by fagområde and number."""
    inactive = ~Q(status=KLE.Status.AKTIV)
    areas = (
        Sagsomraade.objects.filter(
            Q(kle__in=KLE.objects.filter(inactive)) | Q(ogsaa_daekker__in=KLE.objects.filter(inactive))
        )
        .select_related("fagomraade", "kle")
        .prefetch_related("ogsaa_daekker")
        .distinct()
        .order_by("fagomraade__navn", "kle__nummer")
    )
    return [
        (area, [k for k in (area.kle, *area.ogsaa_daekker.all()) if k.status != KLE.Status.AKTIV])
        for area in areas
    ]
