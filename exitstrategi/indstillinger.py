"""Kommunens indstillinger: one record of municipality-wide choices that several phases read.

The omfang matrix and the ordering strategy are the municipality's own choices (the guide prints no
formula); the defaults are ours, the sum rule of DOMAIN.md.
"""

import copy

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models, router
from simple_history.models import HistoricalRecords

from . import generation

BRUGERNIVEAUER = [("faa", "Få"), ("mellem", "Mellem"), ("mange", "Mange")]
KOMPLEKSITETER = [("lav", "Lav"), ("middel", "Middel"), ("hoej", "Høj")]
OMFANG = [(1, "1 Let"), (2, "2 Moderat"), (3, "3 Stort")]


def sum_rule_matrix():
    """Our default: få/Lav = 1, mellem/Middel = 2, mange/Høj = 3; sum ≤ 3 Let, 4 Moderat, ≥ 5 Stort."""
    level = {key: n for n, (key, _label) in enumerate(BRUGERNIVEAUER, start=1)}
    complexity = {key: n for n, (key, _label) in enumerate(KOMPLEKSITETER, start=1)}
    return {
        brugere: {
            k: 1 if level[brugere] + complexity[k] <= 3 else 2 if level[brugere] + complexity[k] == 4 else 3
            for k in complexity
        }
        for brugere in level
    }


def validate_matrix(matrix):
    wanted = {b: {k for k, _l in KOMPLEKSITETER} for b, _l in BRUGERNIVEAUER}
    if not isinstance(matrix, dict) or {b: set(row) for b, row in matrix.items()} != wanted:
        raise ValidationError(
            "Matricen skal have et omfang for hver kombination af brugerniveau og kompleksitet."
        )
    if any(value not in (1, 2, 3) for row in matrix.values() for value in row.values()):
        raise ValidationError("Omfanget skal være 1 Let, 2 Moderat eller 3 Stort.")


class EnesteRaekke(models.Model):
    """A record of which there is exactly one (pk 1), created with its defaults on first use."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def get(cls):
        return cls.objects.get_or_create(pk=1)[0]


class Kommune(EnesteRaekke):
    """The municipality itself: exactly one row, edited by the project leader."""

    class Strategi(models.TextChoices):
        TUNGE_FOERST = "tunge_foerst", "De tunge sagsområder først (stort omfang før let)"
        LETTE_FOERST = "lette_foerst", "De lette sagsområder først, for at opnå erfaring"

    navn = models.CharField("kommunens navn", max_length=200, default="Kommunen")
    cvr = models.CharField(
        "CVR-nummer",
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", "Et CVR-nummer har 8 cifre.")],
    )
    logo = models.FileField(
        "logo",
        upload_to="kommune/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg", "svg"])],
        help_text="Bruges i beslutningsnotatet. PNG, JPG eller SVG.",
    )
    notat_skabelon = models.FileField(
        "Word-skabelon til notatet",
        upload_to="kommune/",
        blank=True,
        validators=[FileExtensionValidator(["docx", "dotx"])],
        help_text="Kommunens egen brevskabelon (.docx eller .dotx) til beslutningsnotatet: dens typografier, "
        "sidehoved og sidefod bruges.",
    )
    sapa_idriftsaettelse = models.DateField("planlagt ibrugtagning af SAPA", null=True, blank=True)
    stoettesystemer_idriftsaettelse = models.DateField(
        "planlagt ibrugtagning af Støttesystemerne", null=True, blank=True
    )
    omfang_matrix = models.JSONField(
        "omfang af oprydningsarbejdet",
        default=sum_rule_matrix,
        validators=[validate_matrix],
        help_text="Kommunens eget valg: guiden nævner en simpel formel, men trykker den ikke.",
    )
    prioriteringsstrategi = models.CharField(
        "strategi for rækkefølgen",
        max_length=14,
        choices=Strategi,
        default=Strategi.TUNGE_FOERST,
        help_text="Guiden giver begge som eksempler; valget er kommunens eget.",
    )
    laengst_forberedelse_foerst = models.BooleanField(
        "længst forberedelse først",
        default=True,
        help_text="Inden for samme omfang: løsningsscenarie 4 før 3, 2 og 1, som tager kortere tid at "
        "forberede. Fjern krydset for at tage de korteste først.",
    )
    max_deltagere = models.PositiveSmallIntegerField(
        "højst antal deltagere på en workshop",
        default=10,
        help_text="Guidens tal er gået tabt i teksten; 10 står kun i et udkast. Grænsen er kommunens egen.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kommunens indstillinger"
        verbose_name_plural = "kommunens indstillinger"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="kun_en_kommune")]

    def __str__(self):
        return self.navn

    @classmethod
    def get(cls):
        """The row, read once per change of it in a process (`opslag`): every page asks. Each caller
        gets an instance of its own, its matrix too, to change as its form does."""
        names = [field.attname for field in cls._meta.concrete_fields]
        found = generation.cached("kommune", ("opslag",), lambda: cls.objects.values_list(*names).first())
        if found is None:
            return super().get()
        return cls.from_db(router.db_for_read(cls), names, copy.deepcopy(found))
