from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from exitstrategi.kontraktdatoer import dato_eller_kvartal
from exitstrategi.models import (
    EGNE_SYSTEMER,
    Fagomraade,
    ITSystem,
    JaNej,
    PhaseRecord,
    Sagsomraade,
    Versioneret,
)
from exitstrategi.opslag import attach, linked

from . import brugsmoenster, komplethed, loesningsscenarier, planlaegning


class Arkivering(models.TextChoices):
    JA = "ja", "Ja"
    NEJ = "nej", "Nej"
    DELVIST = "delvist", "Delvist"


# The five functions of As-is question 4: (field, label)
FUNKTIONER = [
    ("system_sager", "a) Sager journaliseres i"),
    ("system_journalnotater", "b) Journalnotater journaliseres i"),
    ("system_adviser", "c) Adviser ligger i"),
    ("system_dokumenter", "d) Dokumenter journaliseres i"),
    ("system_overblik", "e) Overblikket er i"),
]
OPRYDNING = [
    ("oprydning_uden_kle", "Sager uden KLE-numre"),
    ("oprydning_aabne_sager", "Åbne sager, der skal afsluttes"),
    ("oprydning_struktur", "Sager, der ikke er opbygget efter samme struktur med sagsbehandler-id"),
    ("oprydning_notater_uden_sag", "Journalnotater, der ikke er knyttet til en sag"),
    ("oprydning_andet", "Andet (beskriv i noten)"),
]


def _system(label, limit_choices_to=EGNE_SYSTEMER):
    return models.ForeignKey(
        ITSystem,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=limit_choices_to,
    )


class AsIs(PhaseRecord):
    """Fase 2: the As-is mapping of one sagsområde (R3's As-is questions 2–8, with R2)."""

    FASE = "Fase 2: As-is"  # the heading of its columns in the Dokumentationsark and on the wall

    sagsomraade = models.OneToOneField(
        Sagsomraade,
        verbose_name="sagsområde",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="asis",
    )
    antal_sagsbehandlere = models.PositiveIntegerField("2. Antal sagsbehandlere", null=True, blank=True)
    q1 = models.BooleanField(brugsmoenster.QUESTIONS["q1"], null=True, blank=True)
    q2 = models.BooleanField(brugsmoenster.QUESTIONS["q2"], null=True, blank=True)
    q3 = models.BooleanField(brugsmoenster.QUESTIONS["q3"], null=True, blank=True)
    q4 = models.BooleanField(brugsmoenster.QUESTIONS["q4"], null=True, blank=True)
    q5 = models.BooleanField(brugsmoenster.QUESTIONS["q5"], null=True, blank=True)
    brugsmoenster = models.CharField(
        "3. Brugsmønster", max_length=1, choices=brugsmoenster.CHOICES, blank=True, editable=False
    )
    system_sager = _system(FUNKTIONER[0][1])
    system_journalnotater = _system(FUNKTIONER[1][1])
    system_adviser = _system(FUNKTIONER[2][1])
    system_dokumenter = _system(FUNKTIONER[3][1])
    system_overblik = _system(FUNKTIONER[4][1])
    monopolbrud_tsa = models.CharField(
        "5. Er fagsystemet en del af monopolbruddet eller TSA-aftalen?",
        max_length=3,
        choices=JaNej,
        blank=True,
    )
    monopolbrud_tsa_systemer = models.ManyToManyField(
        ITSystem,
        verbose_name="Monopolbrud- og TSA-systemer",
        blank=True,
        related_name="+",
        limit_choices_to=EGNE_SYSTEMER,
    )
    antal_manuelle_sager = models.PositiveIntegerField(
        "6. Antal manuelle sager i KMD Sag", null=True, blank=True
    )
    antal_manuelle_sager_ukendt = models.BooleanField("Antal sager er ukendt", default=False)
    antal_journalnotater = models.PositiveIntegerField(
        "6. Antal journalnotater i KMD Sag", null=True, blank=True
    )
    antal_journalnotater_ukendt = models.BooleanField("Antal journalnotater er ukendt", default=False)
    oprydning_svar = models.TextField(
        "7. Hvad kræver det af oprydning i sagerne?",
        blank=True,
        help_text="Svar med jeres egne ord på guidens spørgsmål 7.",
    )
    oprydning = models.CharField(
        "7. Kræver sagerne oprydning, før de flyttes? (vores hurtige svar)",
        max_length=3,
        choices=JaNej,
        blank=True,
    )
    oprydning_uden_kle = models.BooleanField(OPRYDNING[0][1], default=False)
    oprydning_aabne_sager = models.BooleanField(OPRYDNING[1][1], default=False)
    oprydning_struktur = models.BooleanField(OPRYDNING[2][1], default=False)
    oprydning_notater_uden_sag = models.BooleanField(OPRYDNING[3][1], default=False)
    oprydning_andet = models.BooleanField(OPRYDNING[4][1], default=False)
    oprydning_note = models.TextField("Note om oprydning", blank=True)
    arkivering = models.CharField(
        "8. Kan nogle sager arkiveres i stedet for at flyttes?", max_length=7, choices=Arkivering, blank=True
    )
    arkivering_note = models.TextField("Hvad kræver arkiveringen?", blank=True)
    komplet = models.BooleanField("komplet", default=False, editable=False)
    history = HistoricalRecords(
        excluded_fields=["aendret", "aendret_af", "version", "komplet"], m2m_fields=[monopolbrud_tsa_systemer]
    )

    class Meta:
        verbose_name = "As-is"
        verbose_name_plural = "As-is"

    def __str__(self):
        return f"As-is for {self.sagsomraade}"

    derived_fields = ("brugsmoenster",)

    def derive(self):
        self.brugsmoenster = brugsmoenster.brugsmoenster(self.r2_answers) or ""

    def after_save(self):
        """Keep the stored completeness in step, once the many-to-many answers are saved too."""
        self.after_save_many([self])

    @classmethod
    def after_save_many(cls, records):
        attach(records, ["monopolbrud_tsa_systemer"])
        for record in records:
            record.komplet = not record.mangler()
        for komplet in (True, False):
            cls.objects.filter(pk__in=[r.pk for r in records if r.komplet == komplet]).update(komplet=komplet)

    @property
    def r2_answers(self):
        return {q: getattr(self, q) for q in brugsmoenster.QUESTIONS}

    def systemer(self):
        """The IT systems the answers name (question 4 a–e and 5), each once, in question order."""
        named = [getattr(self, field) for field, _label in FUNKTIONER] + list(
            linked(self, "monopolbrud_tsa_systemer")
        )
        return list(dict.fromkeys(system for system in named if system is not None))

    @property
    def bruger_monopolbrudssystem(self):
        """Whether the area's systems include KMD Aktiv or KMD Sygedagpenge (the monopoly break)."""
        return any(system.aftale == ITSystem.Aftale.MONOPOLBRUD for system in self.systemer())

    def mangler(self):
        """Danish labels of the As-is questions still unanswered (komplethed.asis_mangler)."""
        return komplethed.asis_mangler(
            komplethed.AsIsSvar(
                antal_sagsbehandlere=self.antal_sagsbehandlere,
                brugsmoenster=brugsmoenster.brugsmoenster(self.r2_answers) or "",
                systemer=tuple((label, getattr(self, f"{field}_id")) for field, label in FUNKTIONER),
                monopolbrud_tsa=self.monopolbrud_tsa,
                monopolbrud_tsa_systemer=len(linked(self, "monopolbrud_tsa_systemer")) if self.pk else 0,
                antal_manuelle_sager=self.antal_manuelle_sager,
                manuelle_sager_ukendt=self.antal_manuelle_sager_ukendt,
                antal_journalnotater=self.antal_journalnotater,
                journalnotater_ukendt=self.antal_journalnotater_ukendt,
                oprydning=self.oprydning,
                oprydningsbehov_valgt=any(getattr(self, f) for f, _label in OPRYDNING),
                arkivering=self.arkivering,
            )
        )


class Strategi(Versioneret):
    """A policy or strategy that shapes the future options (input to To-be step 1)."""

    class Type(models.TextChoices):
        ESDH = "esdh", "Sags- og dokumentstrategi (ESDH)"
        DIGITALISERING = "digitalisering", "Digitaliseringsstrategi"
        INDKOEB = "indkoeb", "Indkøbs- og udbudspolitik"
        ANDET = "andet", "Anden strategi eller politik"

    titel = models.CharField("titel", max_length=200)
    type = models.CharField("type", max_length=16, choices=Type, default=Type.ESDH)
    dato = models.DateField("dato", null=True, blank=True)
    ejer = models.CharField("ejer", max_length=200, blank=True)
    link = models.URLField("link", blank=True)
    fil = models.FileField("fil", upload_to="strategier/", blank=True)
    resume = models.TextField("resumé", blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "strategi"
        verbose_name_plural = "strategier"
        ordering = ["type", "titel"]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("workshops:strategi-update", args=[self.pk])


class Workshop(Versioneret):
    class Type(models.TextChoices):
        ASIS = planlaegning.ASIS, "As-is"
        TOBE = planlaegning.TOBE, "To-be"
        KOMBINERET = planlaegning.KOMBINERET, "As-is og To-be (samlet)"

    titel = models.CharField("titel", max_length=200)
    type = models.CharField("type", max_length=10, choices=Type, default=Type.ASIS)
    start = models.DateTimeField("dato og starttid")
    slut = models.TimeField("sluttid", null=True, blank=True)
    sted = models.CharField("sted", max_length=200, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="facilitator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fagomraader = models.ManyToManyField(Fagomraade, verbose_name="fagområder", related_name="workshops")
    max_deltagere = models.PositiveSmallIntegerField(
        "højst antal deltagere",
        default=10,
        help_text="Kommunens egen grænse (standard fra Kommunens indstillinger): guidens tal er gået tabt i "
        "teksten.",
    )
    forventede_deltagere = models.PositiveSmallIntegerField(
        "forventet antal deltagere",
        null=True,
        blank=True,
        help_text="Bruges i tidsestimatet, indtil deltagerne er skrevet på. Tom: de tilmeldte tælles.",
    )
    foelger_efter = models.ManyToManyField(
        "self",
        verbose_name="følger efter As-is workshop",
        symmetrical=False,
        blank=True,
        related_name="efterfoelges_af",
        help_text="For en To-be workshop: den eller de As-is workshops, den bygger videre på. Guidens "
        "tidsestimat gælder for en As-is og en To-be workshop tilsammen.",
    )
    invitation_sendt = models.DateField("invitation sendt", null=True, blank=True)
    materiale_sendt = models.JSONField("materiale sendt", default=list, blank=True)
    noter = models.TextField("noter", blank=True)
    tobe_strategier = models.TextField(
        "To-be spørgsmål 1: Hvilken indflydelse har kommunens politikker og strategier på fremtidige "
        "muligheder for it-understøttelse?",
        blank=True,
        help_text="Besvares i plenum på To-be workshoppen.",
    )
    strategier = models.ManyToManyField(Strategi, verbose_name="strategier drøftet", blank=True)
    samtale_specialister = models.TextField(
        "samtaler med specialister forud for workshoppen",
        blank=True,
        help_text="Guidens alternativ, hvis specialisterne ikke kan deltage: hvem, hvornår, og hvad kom der "
        "ud af det.",
    )
    samtale_beslutningstagere = models.TextField(
        "samtaler med beslutningstagere/fagledere forud for workshoppen",
        blank=True,
        help_text="Guidens alternativ, hvis de ikke kan deltage: hvem, hvornår, og hvad kom der ud af det.",
    )
    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[fagomraader, strategier])

    class Meta:
        verbose_name = "workshop"
        verbose_name_plural = "workshops"
        ordering = ["start"]

    def __str__(self):
        return f"{self.titel} ({timezone.localtime(self.start):%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("workshops:workshop-detail", args=[self.pk])

    def materiale(self):
        """The guide's checklist of material to send for this type: [(key, label, sent)]."""
        return [(key, label, key in self.materiale_sendt) for key, label in planlaegning.MATERIALE[self.type]]

    def antal_deltagere(self, tilmeldte):
        """The participants the planner expects, or those registered so far."""
        return self.forventede_deltagere if self.forventede_deltagere is not None else tilmeldte

    def tidsestimat(self, tilmeldte):
        """R4's estimate for this workshop and its partner: an As-is workshop with the To-be workshop that
        follows it (or the same number of participants while none is planned), and vice versa."""
        n = self.antal_deltagere(tilmeldte)
        if self.type == self.Type.KOMBINERET:
            return planlaegning.tidsestimat_samlet(n), None
        partner = (self.efterfoelges_af if self.type == self.Type.ASIS else self.foelger_efter).first()
        other = partner.antal_deltagere(partner.deltagere.count()) if partner else n
        pair = (n, other) if self.type == self.Type.ASIS else (other, n)
        return planlaegning.tidsestimat_par(*pair), partner

    def advarsler(self, fagomraader, tilmeldte, kategorier=()):
        """kategorier: the participants' categories, for the To-be workshop's people."""
        return planlaegning.advarsler(
            workshop_type=self.type,
            specialister=Deltager.Kategori.SPECIALIST in kategorier or bool(self.samtale_specialister),
            beslutningstagere=Deltager.Kategori.BESLUTNINGSTAGER in kategorier
            or bool(self.samtale_beslutningstagere),
            fagomraader=fagomraader,
            deltagere=self.antal_deltagere(tilmeldte),
            max_deltagere=self.max_deltagere,
            invitation=self.invitation_sendt,
            workshop_dato=timezone.localtime(self.start).date(),
        )


class Deltager(models.Model):
    class Kategori(models.TextChoices):
        FAGPERSON = "fagperson", "Fagperson (fx sagsbehandler, superbruger)"
        GENGANGER = "genganger", "Genganger fra As-is workshoppen"
        SPECIALIST = "specialist", "Specialist (fx digitaliseringskonsulent, økonom, kontraktmanager, jurist)"
        BESLUTNINGSTAGER = "beslutningstager", "Beslutningstager/fagleder"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="deltagere")
    kategori = models.CharField("kategori", max_length=16, choices=Kategori, default=Kategori.FAGPERSON)
    navn = models.CharField("navn", max_length=200)
    email = models.EmailField("e-mail", blank=True)
    rolle = models.CharField("rolle", max_length=100, blank=True, help_text="Fx sagsbehandler, superbruger")
    fagomraade = models.ForeignKey(
        Fagomraade,
        verbose_name="fagområde",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "deltager"
        verbose_name_plural = "deltagere"
        ordering = ["navn"]

    def __str__(self):
        return self.navn


class Kompleksitet(models.TextChoices):
    LAV = "lav", "Lav"
    MIDDEL = "middel", "Middel"
    HOEJ = "hoej", "Høj"


# The five functions of To-be question 4: (field, label)
LOESNINGER = [
    ("loesning_sager", "a) Journalisere sagerne"),
    ("loesning_journalnotater", "b) Journalisere journalnotaterne"),
    ("loesning_adviser", "c) Have adviser"),
    ("loesning_dokumenter", "d) Journalisere dokumenterne"),
    ("loesning_overblik", "e) Have overblik"),
]


class ToBe(PhaseRecord):
    """Fase 3: the To-be assessment of a sagsområde of brugsmønster C or D (R3 To-be 2–6, R5)."""

    FASE = "Fase 3: To-be"

    sagsomraade = models.OneToOneField(
        Sagsomraade,
        verbose_name="sagsområde",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="tobe",
    )
    udbud_dato = models.DateField("2. Hvornår skal løsningen i udbud?", null=True, blank=True)
    udbud_kvartal = models.BooleanField("udbud angivet som kvartal", default=False)
    markedsloesninger = models.ManyToManyField(
        ITSystem, verbose_name="3. Løsninger på markedet", blank=True, related_name="+"
    )
    markedsloesninger_note = models.TextField("3. Andre løsninger på markedet", blank=True)
    loesning_sager = _system(LOESNINGER[0][1], limit_choices_to=None)
    loesning_journalnotater = _system(LOESNINGER[1][1], limit_choices_to=None)
    loesning_adviser = _system(LOESNINGER[2][1], limit_choices_to=None)
    loesning_dokumenter = _system(LOESNINGER[3][1], limit_choices_to=None)
    loesning_overblik = _system(LOESNINGER[4][1], limit_choices_to=None)
    forretningskritisk = models.CharField(
        "5. Er sagsområdet forretningskritisk?",
        max_length=3,
        choices=JaNej,
        blank=True,
        help_text="Vores hjælp, ikke den endelige guides ord: et udkast til guiden foreslog, at et "
        "sagsområde er forretningskritisk, hvis det løfter en myndighedsopgave i kommunen.",
    )
    kompleksitet = models.CharField(
        "6. Kompleksiteten af oprydningsarbejdet",
        max_length=6,
        choices=Kompleksitet,
        blank=True,
    )
    anbefalet_scenarie = models.PositiveSmallIntegerField(
        "anbefalet løsningsscenarie", choices=loesningsscenarier.CHOICES, null=True, blank=True
    )
    begrundelse = models.TextField("begrundelse for anbefalingen", blank=True)
    anbefalet_paa = models.ForeignKey(
        "Workshop",
        verbose_name="anbefalet på workshop",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(
        excluded_fields=["aendret", "aendret_af", "version"], m2m_fields=[markedsloesninger]
    )

    class Meta:
        verbose_name = "To-be"
        verbose_name_plural = "To-be"

    def __str__(self):
        return f"To-be for {self.sagsomraade}"

    @property
    def afvent_ky_ksd(self):
        """Scenario 1 while the area's fagsystem is a monopoly-break system (KMD Aktiv, KMD Sygedagpenge)."""
        asis = getattr(self.sagsomraade, "asis", None)
        return loesningsscenarier.afvent_ky_ksd(
            self.anbefalet_scenarie, lambda: asis is not None and asis.bruger_monopolbrudssystem
        )

    @property
    def udbud_tekst(self):
        return dato_eller_kvartal(self.udbud_dato, self.udbud_kvartal)

    @property
    def scenarie_tekst(self):
        if not self.anbefalet_scenarie:
            return ""
        return loesningsscenarier.beskrivelse(self.anbefalet_scenarie, self.afvent_ky_ksd)

    def mangler(self):
        fields = [
            "udbud_dato",
            *(f for f, _label in LOESNINGER),
            "forretningskritisk",
            "kompleksitet",
            "anbefalet_scenarie",
        ]
        fields = [self._meta.get_field(f) for f in fields]
        return [str(f.verbose_name) for f in fields if getattr(self, f.attname) in (None, "")]  # no lookups
