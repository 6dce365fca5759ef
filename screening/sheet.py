"""Fase 1's columns and filter in the Dokumentationsark, and its part of the Historik."""

import django_filters
from django.db.models import Q
from django.urls import reverse

from exitstrategi import dokumentationsark, faser, overblik
from exitstrategi.models import Sagsomraade

from .forms import ScreeningRowForm
from .models import Screening, screening_of
from .services import screenings_save

SVAR_CHOICES = [*Screening.Svar.choices, ("ubesvaret", "Ikke besvaret")]


_svar_label = dokumentationsark.answer_label(Screening, "anvender_kmd_sag")


def _svar(row):
    screening = screening_of(row)
    return _svar_label(screening) if screening else ""


def _note(row):
    screening = screening_of(row)
    return screening.note if screening else ""


def _filter_svar(queryset, name, value):
    if value == "ubesvaret":
        return queryset.exclude(screening__anvender_kmd_sag__in=["ja", "nej"])
    return queryset.filter(screening__anvender_kmd_sag=value)


def _form(sagsomraade, fields):
    screening = screening_of(sagsomraade)
    initial = {
        "sagsomraade_id": sagsomraade.pk or 0,  # 0: a new area from the file, saved just before
        "version": screening.version if screening else 0,
        "svar": screening.anvender_kmd_sag if screening else "",
        "note": screening.note if screening else "",
    }
    return ScreeningRowForm(initial=initial)


def _save(items, user, kilde):
    answers = [{**cleaned, "sagsomraade_id": sagsomraade.pk} for sagsomraade, cleaned in items]
    screenings_save(answers=answers, user=user, kilde=kilde)


def _attach(sagsomraade, form):
    """The new answer on the row in memory: screened Ja in the file opens As-is for the same row."""
    screening = Screening(anvender_kmd_sag=form.cleaned_data["svar"], note=form.cleaned_data["note"])
    sagsomraade._state.fields_cache["screening"] = screening


def register():
    columns = [
        dokumentationsark.Column(
            "screening",
            "Anvendes KMD Sag i dag?",
            Screening.FASE,
            _svar,
            width=14,
            sort="screening__anvender_kmd_sag",
            related=("screening",),
            fields=("svar",),
        ),
        dokumentationsark.Column(
            "screening_note",
            "Note til screening",
            Screening.FASE,
            _note,
            width=30,
            related=("screening",),
            fields=("note",),
        ),
    ]
    svar = lambda: django_filters.ChoiceFilter(  # noqa: E731
        label="KMD Sag i dag?", choices=SVAR_CHOICES, method=_filter_svar, empty_label="Alle svar"
    )
    faser.register(
        faser.Fase(
            1,
            Screening.FASE,
            url_name="screening:fagomraade-list",
            record=Screening,
            columns=columns,
            form=ScreeningRowForm,
            filters={"svar": svar},
            link=lambda s: ("Svar", s.fagomraade.get_absolute_url()),
            summary=_summary,
            indlaesning=faser.Indlaesning(_form, _save, _attach),
            menu=[
                faser.Menupunkt(
                    10,
                    "1. Screening",
                    "screening:fagomraade-list",
                    "Fase 1: Screening af fagområder og sagsområder",
                )
            ],
        )
    )


def _summary(scope):
    answered, total, naeste = overblik.progress(
        Sagsomraade.objects.filter(scope),
        Q(screening__anvender_kmd_sag__in=Screening.Svar.values),
        lambda s: s.fagomraade.get_absolute_url(),
    )
    return overblik.Fremdrift(
        1,
        "Screening",
        "Anvendes KMD Sag i dag på sagsområdet? Svar Ja eller Nej for hvert sagsområde.",
        reverse("screening:fagomraade-list"),
        answered,
        total,
        "sagsområder screenet",
        naeste,
    )
