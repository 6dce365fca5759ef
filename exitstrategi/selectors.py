import re

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404

from . import dokumentationsark
from .models import KLE

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


def get_sagsomraade(fagomraade_slug, kle_nummer, columns=()):
    """A sagsområde in use by its business key, with its fagområde, KLE topic and what the given sheet
    columns read (a form page names none: its records load as it reads them); 404 if there is none."""
    return get_object_or_404(
        dokumentationsark.queryset(columns), fagomraade__slug=fagomraade_slug, kle__nummer=kle_nummer
    )
