"""The shared core: KLE catalogue, fagområder, sagsområder and IT systems."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import kontraktdatoer
from .adresser import adresse
from .text import danish_slugify


class JaNej(models.TextChoices):
    """The guide's yes/no answers (screening, As-is 5 and 7, To-be 5): one home for their values."""

    JA = "ja", "Ja"
    NEJ = "nej", "Nej"


JA_NEJ_UBESVARET = [*JaNej.choices, ("", "Ikke besvaret")]  # a radio group that can be left unanswered


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


class Versioneret(models.Model):
    """A shared register's record, saved with optimistic locking like the phase records: its form
    carries the version it was shown at (forms.VersionedForm)."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class VenterPaaGodkendelse(models.Model):
    """What was uploaded (or asked for), waiting for its preview to be approved: only its uploader sees
    it, and it is deleted once applied, or unapproved after a day (`ryd_op`)."""

    GEMMES = timedelta(days=1)

    bruger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    oprettet = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @classmethod
    def ryd_op(cls):
        cls.objects.filter(oprettet__lt=timezone.now() - cls.GEMMES).delete()


class NavngivetModel(Versioneret):
    """A record known by a unique name, with a slug of it for the addresses people share."""

    navn = models.CharField("navn", max_length=200, unique=True)
    slug = models.SlugField("kort navn i adresser", max_length=200, unique=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["navn"]

    def __str__(self):
        return self.navn

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def clean(self):
        """A name gives an address: it needs a letter or a digit, and must not read as another's name
        ("KMD-Sag" beside "KMD Sag")."""
        super().clean()
        slug = danish_slugify(self.navn or "")
        if not slug:
            raise ValidationError({"navn": "Navnet skal indeholde mindst ét bogstav eller tal."})
        twin = type(self)._default_manager.filter(slug=slug).exclude(pk=self.pk).first()
        if twin is not None and twin.navn != self.navn:
            message = f"Navnet ligner «{twin.navn}», som findes allerede. Brug det, eller vælg et andet navn."
            raise ValidationError({"navn": message})

    def free_slug(self):
        """The name's slug, never empty and never another's (a path that skipped the form's check)."""
        base = danish_slugify(self.navn or "") or self._meta.model_name
        taken = set(type(self)._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


def uuid_lines(text):
    """The UUIDs of a text with one per line, in lower case (blank lines skipped)."""
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


def validate_orgenheder(text):
    wrong = []
    for line in uuid_lines(text):
        try:
            uuid.UUID(line)
        except ValueError:
            wrong.append(line)
    if wrong:
        raise ValidationError(f"Ikke en UUID: {', '.join(wrong[:3])}. Skriv én UUID pr. linje.")


class Fagomraade(NavngivetModel):
    beskrivelse = models.TextField("beskrivelse", blank=True)
    kontaktpersoner = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="kontaktpersoner",
        blank=True,
        related_name="fagomraader",
    )
    orgenheder = models.TextField(
        "organisationsenheder (UUID)",
        blank=True,
        validators=[validate_orgenheder],
        help_text="Én UUID pr. linje: de enheder i kommunens organisation, hvis medarbejdere er "
        "kontaktpersoner for fagområdet, når de logger ind med kommunens fælles login (adgangsstyringen).",
    )
    paamindelse_sendt = models.DateTimeField("påmindelse sendt", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["slug", "version"], m2m_fields=[kontaktpersoner])

    class Meta(NavngivetModel.Meta):
        verbose_name = "fagområde"
        verbose_name_plural = "fagområder"

    def get_absolute_url(self):
        return reverse("screening:fagomraade-detail", args=[self.slug])

    def orgenhed_uuids(self):
        return set(uuid_lines(self.orgenheder))


class KitosKoersel(models.Model):
    """One import from KITOS: when, from where, by whom and what it changed; the next import asks KITOS
    only for what changed since the last one."""

    tidspunkt = models.DateTimeField("tidspunkt", db_index=True)  # when the reading began
    kilde = models.CharField("kilde", max_length=300)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bruger", null=True, blank=True, on_delete=models.SET_NULL
    )
    fuld = models.BooleanField("hele registret læst", default=True)
    tilfoejet = models.PositiveIntegerField("tilføjet", default=0)
    aendret = models.PositiveIntegerField("ændret", default=0)
    fjernet = models.PositiveIntegerField("fjernet", default=0)
    konflikter = models.PositiveIntegerField("konflikter beholdt", default=0)

    class Meta:
        verbose_name = "indlæsning fra KITOS"
        verbose_name_plural = "indlæsninger fra KITOS"
        ordering = ["-tidspunkt"]

    def __str__(self):
        return f"KITOS {self.tidspunkt:%d.%m.%Y %H:%M}"


class KitosIndlaesning(VenterPaaGodkendelse):
    """A KITOS import waiting for its preview to be approved: the uploaded files, or None: read from the
    API when shown and again when applied."""

    filer = models.JSONField(null=True, blank=True)  # {file name: records}
    siden = models.DateTimeField(null=True, blank=True)  # only changes since (the API), None: everything

    class Meta:
        verbose_name = "KITOS-indlæsning til godkendelse"
        verbose_name_plural = "KITOS-indlæsninger til godkendelse"

    def __str__(self):
        return f"KITOS {self.oprettet:%d.%m.%Y %H:%M}"


class KleIndlaesning(VenterPaaGodkendelse):
    """A KLE release (KLE-XML) waiting for its difference from our catalogue to be approved."""

    filnavn = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        verbose_name = "KLE-opdatering til godkendelse"
        verbose_name_plural = "KLE-opdateringer til godkendelse"

    def __str__(self):
        return self.filnavn


class Identitet(models.Model):
    """A person's stable identity at the municipality's identity provider, linked to one user: how a
    login through SAML or OpenID Connect finds its user (never by e-mail alone)."""

    class Udbyder(models.TextChoices):
        SAML = "saml", "Fælles login (SAML)"
        OIDC = "oidc", "Fælles login (OpenID Connect)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bruger", on_delete=models.CASCADE, related_name="identiteter"
    )
    udbyder = models.CharField("identitetsudbyder", max_length=4, choices=Udbyder)
    noegle = models.CharField("identitet", max_length=255)
    koblet = models.DateTimeField("koblet", auto_now_add=True)
    koblet_via_email = models.BooleanField("koblet til en lokal bruger via e-mail", default=False)

    class Meta:
        verbose_name = "identitet"
        verbose_name_plural = "identiteter"
        constraints = [models.UniqueConstraint(fields=["udbyder", "noegle"], name="en_bruger_pr_identitet")]

    def __str__(self):
        return f"{self.get_udbyder_display()}: {self.noegle}"


def phase_record(sagsomraade, name):
    """The sagsområde's one-to-one phase record `name` ("screening", "asis", "tobe" …), or None while
    it has none (no query when the relation was select_related)."""
    cached = sagsomraade._state.fields_cache  # what the relation's descriptor reads first: a sheet asks
    if name in cached:  # thousands of times a page, and the descriptor's way costs three times more
        return cached[name]
    try:
        return getattr(sagsomraade, name)
    except ObjectDoesNotExist:
        return None


def aktive(path=""):
    """Sagsområder that are not removed, seen through a relation path such as "sagsomraader__".

    The default manager applies it to every Sagsomraade query; joins from other models use this."""
    return models.Q(**{f"{path}fjernet__isnull": True})


class AktiveSagsomraader(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(aktive())


class Sagsomraade(models.Model):
    """A subject area of one fagområde, keyed by a KLE gruppe or emne number.

    A removed area keeps its answers and history but leaves every list, count, sheet and phase:
    `objects` (the default, used by related managers too) holds only the areas in use, `alle` all.
    """

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
    aendret = models.DateTimeField("ændret", auto_now=True, db_index=True)  # the wall asks what changed
    version = models.PositiveIntegerField(default=0, editable=False)
    fjernet = models.DateTimeField("fjernet", null=True, blank=True)
    noegle = models.UUIDField(
        "nøgle", default=uuid.uuid4, unique=True, editable=False, help_text="Følger rækken i Excel-arket."
    )
    history = HistoricalRecords(excluded_fields=["aendret", "version", "noegle"], m2m_fields=[ogsaa_daekker])

    alle = models.Manager()
    objects = AktiveSagsomraader()

    class Meta:
        verbose_name = "sagsområde"
        verbose_name_plural = "sagsområder"
        ordering = ["fagomraade__navn", "kle__nummer"]
        default_manager_name = "objects"
        base_manager_name = "alle"
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
        self.derive()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url("sagsomraade-detail")

    def derive(self):
        """An area without a title of its own has its KLE topic's."""
        if not self.titel:
            self.titel = self.kle.titel

    def clean(self):
        if self.kle_id and self.kle.niveau == KLE.Niveau.HOVEDGRUPPE:
            raise ValidationError(
                {"kle": "Et sagsområde skal have et KLE-gruppe- eller emnenummer (NN.NN eller NN.NN.NN)."}
            )

    @property
    def business_key(self):
        """How people and files name a sagsområde: its fagområde and its KLE number."""
        return (self.fagomraade.slug, self.kle.nummer)

    def url(self, name):
        """The address of a page about this sagsområde, by its business key."""
        return adresse(name, *self.business_key)


class PhaseRecord(models.Model):
    """A sagsområde's answers in one phase (screening, As-is, To-be …), one row per sagsområde,
    saved only through services.phase_record_save (optimistic locking and the history's source)."""

    aendret = models.DateTimeField("ændret", auto_now=True, db_index=True)  # the wall asks what changed
    aendret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ændret af",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)

    derived_fields = ()  # the fields derive() sets

    def derive(self):
        """Set the stored values that follow from the answers (derived_fields), before the record is
        written."""

    def after_save(self):
        """Derive stored values once the record and its many-to-many answers are saved."""

    @classmethod
    def after_save_many(cls, records):
        """after_save for many records at once (services.phase_records_save)."""
        for record in records:
            record.after_save()


class ITSystemQuerySet(models.QuerySet):
    def egne(self):
        """The municipality's own systems: the register (systemoverblik)."""
        return self.filter(markedsloesning=False)

    def marked(self):
        """The catalogue of solutions on the market that the municipality does not run (To-be 3 and 4)."""
        return self.filter(markedsloesning=True)


EGNE_SYSTEMER = {"markedsloesning": False}  # limit_choices_to for answers about systems in use


class ITSystem(NavngivetModel):
    """An IT system: one the municipality runs (the systemoverblik), or a solution on the market that
    To-be questions 3 and 4 name (`markedsloesning`), kept out of the register."""

    class Type(models.TextChoices):
        KMD_SAG = "kmd_sag", "KMD Sag"
        FAGSYSTEM = "fagsystem", "Fagsystem"
        ESDH = "esdh", "ESDH"
        SAPA = "sapa", "SAPA"
        ANDET = "andet", "Andet"

    class Aftale(models.TextChoices):
        MONOPOLBRUD = "monopolbrud", "Monopolbruddet (KY/KSD)"
        TSA = "tsa", "TSA-aftalen"

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
    udfasning = models.DateField(
        "forventet udfasning",
        null=True,
        blank=True,
        help_text="Fx når KMD Aktiv afløses af KY, eller KMD Sygedagpenge af KSD.",
    )
    noter = models.TextField("noter", blank=True)
    markedsloesning = models.BooleanField(
        "markedsløsning",
        default=False,
        help_text="En løsning på markedet, som kommunen ikke selv kører (nævnt i To-be spørgsmål 3 eller 4). "
        "Den står i kataloget over markedsløsninger, ikke i systemoverblikket.",
    )
    kitos_uuid = models.UUIDField("KITOS-registrering", null=True, blank=True, unique=True, editable=False)
    kitos_kle = models.JSONField("KLE-numre i KITOS", default=list, blank=True, editable=False)
    kitos_orgenheder = models.JSONField(
        "organisationsenheder i KITOS", default=list, blank=True, editable=False
    )
    kitos_sidst = models.JSONField("sidst indlæst fra KITOS", default=dict, blank=True, editable=False)
    kitos_fjernet = models.DateField("fjernet i KITOS", null=True, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["slug", "version", "kitos_kle", "kitos_orgenheder", "kitos_sidst"]
    )

    objects = ITSystemQuerySet.as_manager()

    class Meta(NavngivetModel.Meta):
        verbose_name = "IT-system"
        verbose_name_plural = "IT-systemer"

    def get_absolute_url(self):
        return reverse("itsystem-detail", args=[self.slug])


IKKE_NEGATIV = MinValueValidator(0)


class Kontrakt(Versioneret):
    """A contract on an IT system (kontraktoverblik), with what decides when it can end."""

    class Type(models.TextChoices):
        HOVEDKONTRAKT = "hovedkontrakt", "Hovedkontrakt"
        TILLAEGSKONTRAKT = "tillaeg", "Tillægskontrakt"
        SERVICEAFTALE = "service", "Serviceaftale"
        DRIFTSAFTALE = "drift", "Driftsaftale"
        LICENSAFTALE = "licens", "Licensaftale"
        ANDET = "andet", "Andet"

    class Indkoebsform(models.TextChoices):
        SKI = "ski", "SKI"
        UDBUD = "udbud", "Udbud"
        EU_UDBUD = "eu_udbud", "EU-udbud"
        DIREKTE = "direkte", "Direkte tildeling"

    class Basis(models.TextChoices):
        MAANED = kontraktdatoer.MAANED, "til udgangen af en måned"
        KVARTAL = kontraktdatoer.KVARTAL, "til udgangen af et kvartal"
        AAR = kontraktdatoer.AAR, "til udgangen af et år"

    itsystemer = models.ManyToManyField(
        ITSystem,
        verbose_name="IT-systemer",
        related_name="kontrakter",
        limit_choices_to=EGNE_SYSTEMER,
        help_text="De systemer, kontrakten dækker (én kontrakt kan dække flere).",
    )
    navn = models.CharField("kontrakt", max_length=200)
    leverandoer = models.CharField("leverandør", max_length=200, blank=True)
    type = models.CharField("kontrakttype", max_length=14, choices=Type, default=Type.HOVEDKONTRAKT)
    indkoebsform = models.CharField("indkøbsform", max_length=10, choices=Indkoebsform, blank=True)
    kontraktsum = models.DecimalField(
        "kontraktsum (kr.)", max_digits=14, decimal_places=2, null=True, blank=True, validators=[IKKE_NEGATIV]
    )
    aarlig_drift = models.DecimalField(
        "årlig driftsudgift (kr.)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[IKKE_NEGATIV],
    )
    startdato = models.DateField("startdato", null=True, blank=True)
    udloebsdato = models.DateField(
        "udløbsdato", null=True, blank=True, help_text="Tom: løber, til den opsiges."
    )
    uopsigelig_til = models.DateField("uopsigelig til", null=True, blank=True)
    opsigelsesvarsel = models.PositiveSmallIntegerField(
        "opsigelsesvarsel (måneder)", default=3, validators=[MaxValueValidator(60)]
    )
    opsigelsesbasis = models.CharField("opsigelse", max_length=8, choices=Basis, default=Basis.MAANED)
    optioner = models.PositiveSmallIntegerField(
        "optioner på forlængelse", default=0, validators=[MaxValueValidator(20)]
    )
    option_maaneder = models.PositiveSmallIntegerField(
        "måneder pr. option", default=12, validators=[MaxValueValidator(120)]
    )
    optioner_udnyttet = models.PositiveSmallIntegerField(
        "optioner udnyttet", default=0, validators=[MaxValueValidator(20)]
    )
    binding_kmd_sag = models.TextField(
        "bindinger til KMD Sag",
        blank=True,
        help_text="Fx integrationer eller moduler, der forudsætter KMD Sag.",
    )
    afventer_udfasning = models.ManyToManyField(
        ITSystem,
        verbose_name="kan først ophøre, når disse er udfaset",
        blank=True,
        related_name="+",
        limit_choices_to=EGNE_SYSTEMER,
        help_text="Kommunens egen viden om kontrakten (guiden nævner ingen sådan binding): hvilke systemers "
        "udfasning den venter på.",
    )
    opsagt = models.DateField(
        "opsagt den",
        null=True,
        blank=True,
        help_text="Når kontrakten er opsagt: varslet løber fra denne dag.",
    )
    udbud_kvartal = models.PositiveSmallIntegerField(
        "planlagt udbud, kvartal",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    udbud_aar = models.PositiveSmallIntegerField(
        "planlagt udbud, år",
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2150)],
    )
    noter = models.TextField("noter", blank=True)
    kitos_uuid = models.UUIDField("KITOS-kontrakt", null=True, blank=True, unique=True, editable=False)
    kitos_sidst = models.JSONField("sidst indlæst fra KITOS", default=dict, blank=True, editable=False)
    kitos_fjernet = models.DateField("fjernet i KITOS", null=True, blank=True, editable=False)
    frist_paamindet = models.DateField(  # the last notice day a reminder was e-mailed for (paamindelser)
        "påmindet om fristen", null=True, blank=True, editable=False
    )
    history = HistoricalRecords(
        excluded_fields=["version", "kitos_sidst", "frist_paamindet"],
        m2m_fields=[itsystemer, afventer_udfasning],
    )

    class Meta:
        verbose_name = "kontrakt"
        verbose_name_plural = "kontrakter"
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(optioner_udnyttet__lte=models.F("optioner")),
                name="options_used_within_options",
                violation_error_message="Der kan ikke være udnyttet flere optioner, end kontrakten har.",
            )
        ]

    def __str__(self):
        return self.navn

    def get_absolute_url(self):
        return reverse("kontrakt-update", args=[self.pk])

    @property
    def systemnavne(self):
        """The systems it covers, by name (read from a prefetch where the caller made one)."""
        return ", ".join(sorted(system.navn for system in self.itsystemer.all()))

    @property
    def vilkaar(self):
        return kontraktdatoer.Vilkaar(
            opsigelsesvarsel=self.opsigelsesvarsel,
            basis=self.opsigelsesbasis,
            uopsigelig_til=self.uopsigelig_til,
            udloeb=self.udloebsdato,
            optioner=self.optioner,
            option_maaneder=self.option_maaneder,
            optioner_udnyttet=self.optioner_udnyttet,
            opsagt=self.opsagt,
        )

    def afventer_uden_dato(self):
        """Systems this contract waits for that have no phase-out date yet."""
        return [s for s in self.afventer_udfasning.all() if s.udfasning is None]

    def tidligste_ophoer(self, today):
        """The earliest exit and last notice day; None while a system it waits for has no date."""
        waits_for = list(self.afventer_udfasning.all())
        if any(s.udfasning is None for s in waits_for):
            return None
        ikke_foer = max((s.udfasning for s in waits_for), default=None)
        return kontraktdatoer.tidligste_ophoer(self.vilkaar, today, ikke_foer=ikke_foer)


class ExcelIndlaesning(VenterPaaGodkendelse):
    """An uploaded Dokumentationsark waiting for its preview to be approved."""

    filnavn = models.CharField(max_length=255)
    data = models.BinaryField()
    tillad_nye = models.BooleanField("opret nye sagsområder", default=False)

    class Meta:
        verbose_name = "Excel-indlæsning"
        verbose_name_plural = "Excel-indlæsninger"

    def __str__(self):
        return self.filnavn


class Logpost(models.Model):
    """Revisionsloggen: who logged in or failed to, changed a role or invited someone, brought data in
    or took it out, and when. Written by exitstrategi.revisionslog; read by the project leader."""

    class Handling(models.TextChoices):
        LOGIN = "login", "Logget ind"
        LOGIN_FEJLET = "login_fejlet", "Forkert adgangskode"
        LOGOUT = "logout", "Logget ud"
        ROLLE = "rolle", "Rolle ændret"
        INVITATION = "invitation", "Inviteret"
        NULSTILLING = "nulstilling", "Link til ny adgangskode"
        INDLAESNING = "indlaesning", "Data indlæst"
        EKSPORT = "eksport", "Data hentet"

    tidspunkt = models.DateTimeField("tidspunkt", auto_now_add=True, db_index=True)
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruger",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    brugernavn = models.CharField("brugernavn", max_length=150, blank=True)  # also when no user matches
    handling = models.CharField("handling", max_length=12, choices=Handling)
    beskrivelse = models.CharField("beskrivelse", max_length=500, blank=True)
    adresse = models.GenericIPAddressField("adresse", null=True, blank=True)

    class Meta:
        verbose_name = "logpost"
        verbose_name_plural = "revisionslog"
        ordering = ["-tidspunkt", "-id"]

    def __str__(self):
        return f"{self.tidspunkt:%d.%m.%Y %H:%M} {self.brugernavn}: {self.get_handling_display()}"


from .generation import Generation  # noqa: E402, F401  (the change counters live with what they count for)
from .indstillinger import Kommune  # noqa: E402, F401  (the municipality settings record lives in its own module)
