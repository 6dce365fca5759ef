"""The shared core: KLE catalogue, fagområder, sagsområder and IT systems."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .text import danish_slugify


class KLE(models.Model):
    """One topic of KL's emnesystematik, as imported from the official KLE-XML emneplan."""

    class Niveau(models.TextChoices):
        HOVEDGRUPPE = "hovedgruppe", "Hovedgruppe"
        GRUPPE = "gruppe", "Gruppe"
        EMNE = "emne", "Emne"

    class Status(models.TextChoices):
        AKTIV = "aktiv", "Aktiv"
        UDGAAET = "udgaaet", "Udgået"
        FLYTTET = "flyttet", "Flyttet"

    nummer = models.CharField("KLE-nummer", max_length=8, unique=True)
    titel = models.CharField("titel", max_length=500)
    niveau = models.CharField("niveau", max_length=12, choices=Niveau)
    parent = models.ForeignKey(
        "self",
        verbose_name="overordnet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    status = models.CharField("status", max_length=8, choices=Status, default=Status.AKTIV)
    oprettet = models.DateField("oprettet", null=True, blank=True)
    rettet = models.DateField("senest rettet", null=True, blank=True)
    udgaaet = models.DateField("udgået/flyttet den", null=True, blank=True)
    flyttet_til = models.JSONField("flyttet til", default=list, blank=True)
    uuid = models.UUIDField("UUID", null=True, blank=True)

    class Meta:
        verbose_name = "KLE-emne"
        verbose_name_plural = "KLE-emner"
        ordering = ["nummer"]

    def __str__(self):
        return f"{self.nummer} {self.titel}"

    @property
    def is_active(self):
        return self.status == self.Status.AKTIV

    @property
    def hovedgruppe_nr(self):
        return self.nummer[:2]

    @property
    def status_text(self):
        """Danish explanation of an expired or moved topic, empty for an active one."""
        if self.status == self.Status.FLYTTET:
            target = ", ".join(self.flyttet_til) or "et andet nummer"
            return f"KLE {self.nummer} er flyttet til {target}"
        if self.status == self.Status.UDGAAET:
            return f"KLE {self.nummer} er udgået"
        return ""


class Fagomraade(models.Model):
    navn = models.CharField("navn", max_length=200, unique=True)
    slug = models.SlugField("kort navn i adresser", max_length=200, unique=True, blank=True)
    beskrivelse = models.TextField("beskrivelse", blank=True)
    kontaktpersoner = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="kontaktpersoner",
        blank=True,
        related_name="fagomraader",
    )

    class Meta:
        verbose_name = "fagområde"
        verbose_name_plural = "fagområder"
        ordering = ["navn"]

    def __str__(self):
        return self.navn

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = danish_slugify(self.navn)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("screening:fagomraade-detail", args=[self.slug])


class Sagsomraade(models.Model):
    """A subject area of one fagområde, keyed by a KLE gruppe or emne number."""

    fagomraade = models.ForeignKey(
        Fagomraade,
        verbose_name="fagområde",
        on_delete=models.PROTECT,
        related_name="sagsomraader",
    )
    kle = models.ForeignKey(
        KLE, verbose_name="KLE-nummer", on_delete=models.PROTECT, related_name="sagsomraader"
    )
    ogsaa_daekker = models.ManyToManyField(
        KLE,
        verbose_name="dækker også",
        blank=True,
        related_name="+",
        help_text="Andre KLE-numre, der hører med til sagsområdet (fx samme fagsystem).",
    )
    titel = models.CharField("titel", max_length=500, blank=True, help_text="Tom: KLE-emnets titel bruges.")
    noter = models.TextField("noter", blank=True)
    oprettet = models.DateTimeField("oprettet", auto_now_add=True)
    aendret = models.DateTimeField("ændret", auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["aendret", "version"], m2m_fields=[ogsaa_daekker])

    class Meta:
        verbose_name = "sagsområde"
        verbose_name_plural = "sagsområder"
        ordering = ["fagomraade__navn", "kle__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["fagomraade", "kle"],
                name="unique_kle_per_fagomraade",
                violation_error_message="Fagområdet har allerede et sagsområde med dette KLE-nummer.",
            )
        ]

    def __str__(self):
        return f"{self.kle.nummer} {self.titel}"

    def save(self, *args, **kwargs):
        if not self.titel:
            self.titel = self.kle.titel
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sagsomraade-detail", args=[self.fagomraade.slug, self.kle.nummer])

    def clean(self):
        if self.kle_id and self.kle.niveau == KLE.Niveau.HOVEDGRUPPE:
            raise ValidationError(
                {"kle": "Et sagsområde skal have et KLE-gruppe- eller emnenummer (NN.NN eller NN.NN.NN)."}
            )


class ITSystem(models.Model):
    """An IT system of the municipality (systemoverblik)."""

    class Type(models.TextChoices):
        KMD_SAG = "kmd_sag", "KMD Sag"
        FAGSYSTEM = "fagsystem", "Fagsystem"
        ESDH = "esdh", "ESDH"
        SAPA = "sapa", "SAPA"
        ANDET = "andet", "Andet"

    class Aftale(models.TextChoices):
        MONOPOLBRUD = "monopolbrud", "Monopolbruddet (KY/KSD)"
        TSA = "tsa", "TSA-aftalen"

    navn = models.CharField("navn", max_length=200, unique=True)
    slug = models.SlugField("kort navn i adresser", max_length=200, unique=True, blank=True)
    leverandoer = models.CharField("leverandør", max_length=200, blank=True)
    type = models.CharField("type", max_length=10, choices=Type, default=Type.FAGSYSTEM)
    aftale = models.CharField(
        "monopolbrud eller TSA",
        max_length=12,
        choices=Aftale,
        blank=True,
        help_text="Om systemet er omfattet af monopolbruddet (KMD Aktiv, KMD Sygedagpenge) eller "
        "TSA-aftalen (KMD Boligstøtte, KMD Socialpension, KMD Barselsdagpenge, KMD Børneydelse).",
    )
    noter = models.TextField("noter", blank=True)

    class Meta:
        verbose_name = "IT-system"
        verbose_name_plural = "IT-systemer"
        ordering = ["navn"]

    def __str__(self):
        return self.navn

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = danish_slugify(self.navn)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("itsystem-detail", args=[self.slug])
