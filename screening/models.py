from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from exitstrategi import guiden
from exitstrategi.models import JaNej, PhaseRecord, Sagsomraade, phase_record


class Screening(PhaseRecord):
    """Fase 1: does the sagsområde use KMD Sag today? "Nej" stays documented but leaves the analysis."""

    Svar = JaNej

    QUESTION = guiden.SCREENING
    FASE = "Fase 1: Screening"  # the heading of its columns in the Dokumentationsark

    sagsomraade = models.OneToOneField(
        Sagsomraade,
        verbose_name="sagsområde",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="screening",
    )
    anvender_kmd_sag = models.CharField(QUESTION, max_length=3, choices=Svar, blank=True)
    note = models.TextField("note", blank=True)
    history = HistoricalRecords(excluded_fields=["aendret", "version", "aendret_af"])

    class Meta:
        verbose_name = "screening"
        verbose_name_plural = "screeninger"

    def __str__(self):
        return f"{self.sagsomraade}: {self.get_anvender_kmd_sag_display() or 'Ikke besvaret'}"


def screening_of(sagsomraade):
    """The sagsområde's screening, or None while unanswered (no query with select_related)."""
    return phase_record(sagsomraade, "screening")


def screenet_ja(path=""):
    """Sagsområder screened Ja, seen through a relation path such as "sagsomraader__": the scope of
    fase 2 and everything after it. "Nej" stays documented but leaves the analysis."""
    return Q(**{f"{path}screening__anvender_kmd_sag": Screening.Svar.JA})


def is_screenet_ja(sagsomraade):
    screening = screening_of(sagsomraade)
    return screening is not None and screening.anvender_kmd_sag == Screening.Svar.JA
