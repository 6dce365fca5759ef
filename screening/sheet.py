"""Fase 1's columns and filter in the Dokumentationsark, and its part of the Historik."""

import django_filters
from django.db.models import Q
from django.urls import reverse

from exitstrategi import dokumentationsark, history, overblik
from exitstrategi.models import Sagsomraade

from .models import Screening, screening_of

SVAR_CHOICES = [*Screening.Svar.choices, ("ubesvaret", "Ikke besvaret")]


def _svar(row):
    screening = screening_of(row)
    return screening.get_anvender_kmd_sag_display() if screening else ""


def _note(row):
    screening = screening_of(row)
    return screening.note if screening else ""


def _filter_svar(queryset, name, value):
    if value == "ubesvaret":
        return queryset.exclude(screening__anvender_kmd_sag__in=["ja", "nej"])
    return queryset.filter(screening__anvender_kmd_sag=value)


def register():
    dokumentationsark.register(
        dokumentationsark.Column(
            "screening",
            "Anvendes KMD Sag i dag?",
            "Fase 1: Screening",
            _svar,
            choices=tuple(Screening.Svar.labels),
            width=14,
            sort="screening__anvender_kmd_sag",
            related=("screening",),
        ),
        dokumentationsark.Column(
            "screening_note",
            "Note til screening",
            "Fase 1: Screening",
            _note,
            width=30,
            related=("screening",),
        ),
    )
    dokumentationsark.register_filter(
        "svar",
        lambda: django_filters.ChoiceFilter(
            label="KMD Sag i dag?",
            choices=SVAR_CHOICES,
            method=_filter_svar,
            empty_label="Alle svar",
        ),
    )
    dokumentationsark.register_phase_link(
        "Fase 1: Screening", lambda s: ("Svar", s.fagomraade.get_absolute_url())
    )
    overblik.register_phase(_summary)
    history.register_source(lambda sagsomraade: Screening.history.filter(sagsomraade_id=sagsomraade.pk))


def _summary(scope):
    answered, total, naeste = overblik.progress(
        Sagsomraade.objects.filter(scope),
        Q(screening__anvender_kmd_sag__in=Screening.Svar.values),
        lambda s: s.fagomraade.get_absolute_url(),
    )
    return overblik.Fase(
        1,
        "Screening",
        "Anvendes KMD Sag i dag på sagsområdet? Svar Ja eller Nej for hvert sagsområde.",
        reverse("screening:fagomraade-list"),
        answered,
        total,
        "sagsområder screenet",
        naeste,
    )
