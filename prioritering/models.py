"""Fase 4: the project leader's prioritisation per sagsområde, and the municipality's decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import DEFERRED
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from exitstrategi.indstillinger import BRUGERNIVEAUER, EnesteRaekke
from exitstrategi.kontraktdatoer import dato_eller_kvartal
from exitstrategi.models import JaNej, PhaseRecord, Sagsomraade
from workshops import loesningsscenarier

# Trin 3: "organisatoriske, politiske, økonomiske, teknologiske og kontraktmæssige vilkår" (p.15).
FAKTORER = [
    ("faktor_organisatorisk", "Organisatoriske vilkår"),
    ("faktor_politisk", "Politiske vilkår"),
    ("faktor_oekonomisk", "Økonomiske vilkår"),
    ("faktor_teknologisk", "Teknologiske vilkår"),
    ("faktor_kontrakt", "Kontraktmæssige vilkår"),
]


def _faktor(label):
    return models.BooleanField(label, default=False)


class Prioritering(PhaseRecord):
    """Trin 1–4 for one sagsområde of brugsmønster C or D: the leader's judgements, not derived values
    (omfang and the place in the order are computed from these and the earlier phases)."""

    FASE = "Fase 4: Prioritering"

    sagsomraade = models.OneToOneField(
        Sagsomraade,
        verbose_name="sagsområde",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="prioritering",
    )
    brugerniveau = models.CharField("brugerniveau", max_length=6, choices=BRUGERNIVEAUER, blank=True)
    forretningskritisk = models.CharField(
        "forretningskritisk (revurderet)",
        max_length=3,
        choices=JaNej,
        blank=True,
        help_text="Tom: ikke revurderet endnu; så gælder workshoppens svar (To-be spørgsmål 5).",
    )
    faktor_organisatorisk = _faktor(FAKTORER[0][1])
    faktor_politisk = _faktor(FAKTORER[1][1])
    faktor_oekonomisk = _faktor(FAKTORER[2][1])
    faktor_teknologisk = _faktor(FAKTORER[3][1])
    faktor_kontrakt = _faktor(FAKTORER[4][1])
    hoert = models.TextField("hvem er hørt", blank=True, help_text="Fx fagchef, økonom, kontraktmanager.")
    oekonomi = models.TextField(
        "udgifter og gevinster", blank=True, help_text="Økonomiske beregninger for løsningsscenarierne, kort."
    )
    fastlaast_plads = models.PositiveSmallIntegerField(
        "fastlåst på plads", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    fastlaast_begrundelse = models.TextField("begrundelse for den faste plads", blank=True)
    fastlaast_tidspunkt = models.DateTimeField("fastlåst", null=True, blank=True, editable=False)
    flytning = models.DateField(
        "planlagt flytning", null=True, blank=True, help_text="Sidste dag i kvartalet for flytningen."
    )
    history = HistoricalRecords(excluded_fields=["aendret", "aendret_af", "version", "fastlaast_tidspunkt"])

    class Meta:
        verbose_name = "prioritering"
        verbose_name_plural = "prioriteringer"

    def __str__(self):
        return f"Prioritering af {self.sagsomraade}"

    derived_fields = ("fastlaast_tidspunkt",)

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        loaded = dict(zip(field_names, values, strict=True)).get("fastlaast_plads", DEFERRED)
        if loaded is not DEFERRED:  # what derive() compares with
            record._fastlaast_plads_gemt = loaded
        return record

    def derive(self):
        """A new pin records when it was set: of two pins on one position, the earlier stands first."""
        before = None if self._state.adding else getattr(self, "_fastlaast_plads_gemt", self.fastlaast_plads)
        if self.fastlaast_plads != before:
            self.fastlaast_tidspunkt = timezone.now() if self.fastlaast_plads else None
        self._fastlaast_plads_gemt = self.fastlaast_plads

    def clean(self):
        if self.fastlaast_plads and not self.fastlaast_begrundelse.strip():
            raise ValidationError(
                {"fastlaast_begrundelse": "Skriv, hvorfor sagsområdet står på en fast plads."}
            )

    def mangler(self):
        """What the leader has yet to set for the area: its user level and the planned move."""
        return [
            str(self._meta.get_field(f).verbose_name)
            for f in ("brugerniveau", "flytning")
            if not getattr(self, f)
        ]

    @property
    def flytning_tekst(self):
        return dato_eller_kvartal(self.flytning, True)

    @property
    def faktorer(self):
        return [label for field, label in FAKTORER if getattr(self, field)]


class Beslutning(models.Model):
    """The municipality's decision on the scenarios, taken with a mandate; a later record revises an
    earlier one, area by area (the latest record naming an area is in force)."""

    besluttet_af = models.CharField(
        "besluttet af", max_length=200, blank=True, help_text="Fx Direktionen eller Økonomiudvalget."
    )
    dato = models.DateField("dato", null=True, blank=True)
    journalnummer = models.CharField("sags- eller journalnummer", max_length=100, blank=True)
    foer_fase_4 = models.BooleanField("registreret før fase 4", default=False, editable=False)
    notat = models.ForeignKey(
        "NotatVersion",
        verbose_name="truffet på notat",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beslutninger",
    )
    noter = models.TextField("noter", blank=True)
    oprettet = models.DateTimeField("registreret", auto_now_add=True)
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registreret af",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beslutning"
        verbose_name_plural = "beslutninger"
        ordering = ["-oprettet", "-pk"]

    def __str__(self):
        if self.foer_fase_4:
            return "Beslutning registreret før fase 4"
        who = self.besluttet_af or "Beslutning"
        return f"{who} {self.dato:%d.%m.%Y}" if self.dato else who

    def get_absolute_url(self):
        return reverse("prioritering:beslutning-detail", args=[self.pk])


class BeslutningLinje(models.Model):
    """The decided scenario for one sagsområde in one decision."""

    beslutning = models.ForeignKey(Beslutning, on_delete=models.CASCADE, related_name="linjer")
    sagsomraade = models.ForeignKey(
        Sagsomraade, verbose_name="sagsområde", on_delete=models.PROTECT, related_name="beslutninger"
    )
    scenarie = models.PositiveSmallIntegerField(
        "besluttet løsningsscenarie", choices=loesningsscenarier.CHOICES
    )
    begrundelse = models.TextField(
        "begrundelse", blank=True, help_text="Skal udfyldes, når beslutningen afviger fra anbefalingen."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "besluttet løsningsscenarie"
        verbose_name_plural = "besluttede løsningsscenarier"
        constraints = [
            models.UniqueConstraint(
                fields=["beslutning", "sagsomraade"], name="one_scenario_per_area_per_decision"
            )
        ]

    def __str__(self):
        return f"{self.sagsomraade}: {self.scenarie}"


class Opgave(models.Model):
    """A task of the scenario in force for the area (decided, else recommended; Figur 3): the start of
    the plan, with its status."""

    class Status(models.TextChoices):
        IKKE_STARTET = "ikke_startet", "Ikke startet"
        I_GANG = "i_gang", "I gang"
        FAERDIG = "faerdig", "Færdig"
        IKKE_RELEVANT = "ikke_relevant", "Ikke relevant"

    sagsomraade = models.ForeignKey(
        Sagsomraade, verbose_name="sagsområde", on_delete=models.CASCADE, related_name="opgaver"
    )
    scenarie = models.PositiveSmallIntegerField("scenarie", choices=loesningsscenarier.CHOICES)
    raekkefoelge = models.PositiveSmallIntegerField(default=0)
    tekst = models.CharField("opgave", max_length=300)
    status = models.CharField("status", max_length=14, choices=Status, default=Status.IKKE_STARTET)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "opgave"
        verbose_name_plural = "opgaver"
        ordering = ["scenarie", "raekkefoelge"]
        constraints = [
            models.UniqueConstraint(fields=["sagsomraade", "scenarie", "tekst"], name="one_task_per_scenario")
        ]

    def __str__(self):
        return self.tekst


class NotatTekster(EnesteRaekke):
    """The notat's own words, written by the project leader; everything else is built from the data.
    One row: the current draft's texts (its history keeps every earlier wording)."""

    titel = models.CharField("titel", max_length=200, default="KMD Sag Exit-strategi: beslutningsnotat")
    resume = models.TextField("resumé", blank=True)
    indstilling = models.TextField(
        "indledning til indstillingen",
        blank=True,
        help_text="Står før «at …»-punkterne, som bygges af prioriteringen.",
    )
    oekonomi = models.TextField("økonomi", blank=True, help_text="Står før tallene for scenarier og indkøb.")
    risici = models.TextField(
        "risici og åbne spørgsmål", blank=True, help_text="Står før listen over manglende svar."
    )
    aendret = models.DateTimeField("ændret", auto_now=True)
    history = HistoricalRecords(excluded_fields=["aendret"])

    class Meta:
        verbose_name = "notatets tekster"
        verbose_name_plural = "notatets tekster"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="one_notat_draft")]

    def __str__(self):
        return self.titel


class NotatVersion(models.Model):
    """A notat sent for decision: its .docx and its Bilag (the Dokumentationsark .xlsx) as sent,
    with their SHA-256. Never changed; the decision is recorded against it."""

    nummer = models.PositiveIntegerField("version", unique=True, editable=False)
    sendt = models.DateTimeField("sendt til beslutning", auto_now_add=True)
    sendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="sendt af",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    docx = models.BinaryField("notat (.docx)", editable=False)
    docx_sha256 = models.CharField("SHA-256 af notatet", max_length=64, editable=False)
    xlsx = models.BinaryField("bilag: Dokumentationsark (.xlsx)", editable=False)
    xlsx_sha256 = models.CharField("SHA-256 af bilaget", max_length=64, editable=False)

    class Meta:
        verbose_name = "notatversion"
        verbose_name_plural = "notatversioner"
        ordering = ["-nummer"]

    def __str__(self):
        return f"Version {self.nummer} sendt {timezone.localtime(self.sendt):%d.%m.%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("En notatversion, der er sendt til beslutning, ændres aldrig.")
        super().save(*args, **kwargs)
