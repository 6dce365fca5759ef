import re
from datetime import date, datetime
from functools import partial

from django import forms

from exitstrategi.forms import (
    FIRST_YEAR,
    LAST_YEAR,
    DanishModelForm,
    PhaseRecordForm,
    VersionedForm,
    plausible_date,
)
from exitstrategi.kontraktdatoer import KVARTAL, period_end
from exitstrategi.models import JA_NEJ_UBESVARET, ITSystem, JaNej

from . import brugsmoenster
from .models import FUNKTIONER, LOESNINGER, OPRYDNING, AsIs, Deltager, Strategi, ToBe, Workshop

R2_FIELDS = tuple(brugsmoenster.QUESTIONS)


def _to_bool(value):
    return {JaNej.JA: True, JaNej.NEJ: False}.get(value)


class AsIsForm(PhaseRecordForm):
    system_fields = tuple(field for field, _label in FUNKTIONER)
    m2m_fields = ("monopolbrud_tsa_systemer",)

    class Meta:
        model = AsIs
        fields = [
            "antal_sagsbehandlere",
            *R2_FIELDS,
            *(field for field, _label in FUNKTIONER),
            "monopolbrud_tsa",
            "monopolbrud_tsa_systemer",
            "antal_manuelle_sager",
            "antal_manuelle_sager_ukendt",
            "antal_journalnotater",
            "antal_journalnotater_ukendt",
            "oprydning_svar",
            "oprydning",
            *(field for field, _label in OPRYDNING),
            "oprydning_note",
            "arkivering",
            "arkivering_note",
        ]
        widgets = {
            "oprydning_note": forms.Textarea(attrs={"rows": 2}),
            "oprydning_svar": forms.Textarea(attrs={"rows": 3}),
            "arkivering_note": forms.Textarea(attrs={"rows": 2}),
            "monopolbrud_tsa_systemer": forms.CheckboxSelectMultiple,
            "monopolbrud_tsa": forms.RadioSelect,
            "oprydning": forms.RadioSelect,
            "arkivering": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in R2_FIELDS:
            if q in self.fields:
                self.fields[q] = forms.TypedChoiceField(
                    label=f"{q[1]}. {brugsmoenster.QUESTIONS[q]}",
                    choices=JA_NEJ_UBESVARET,
                    coerce=_to_bool,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                )
                self.initial[q] = {True: "ja", False: "nej"}.get(getattr(self.instance, q), "")
        for field, label in FUNKTIONER:
            if field in self.fields:
                self.fields[field].label = label
        if "monopolbrud_tsa_systemer" in self.fields:
            self.fields["monopolbrud_tsa_systemer"].queryset = ITSystem.objects.egne().exclude(aftale="")

    def clean(self):
        cleaned = super().clean()
        if any(q in self.fields for q in R2_FIELDS):
            answers = {q: cleaned.get(q) for q in R2_FIELDS}
            try:
                brugsmoenster.brugsmoenster(answers)
            except brugsmoenster.InconsistentAnswers as error:
                raise forms.ValidationError(str(error)) from None
        for field in ("antal_manuelle_sager", "antal_journalnotater"):
            if cleaned.get(field) is not None and cleaned.get(f"{field}_ukendt"):
                self.add_error(field, "Angiv enten et antal eller «ukendt», ikke begge.")
        return cleaned


class WorkshopForm(VersionedForm):
    class Meta:
        model = Workshop
        fields = [
            "titel",
            "type",
            "start",
            "slut",
            "sted",
            "facilitator",
            "fagomraader",
            "max_deltagere",
            "forventede_deltagere",
            "foelger_efter",
            "invitation_sendt",
            "noter",
            "tobe_strategier",
            "strategier",
            "samtale_specialister",
            "samtale_beslutningstagere",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "slut": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "invitation_sendt": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fagomraader": forms.CheckboxSelectMultiple,
            "noter": forms.Textarea(attrs={"rows": 3}),
            "tobe_strategier": forms.Textarea(attrs={"rows": 3}),
            "strategier": forms.CheckboxSelectMultiple,
            "foelger_efter": forms.CheckboxSelectMultiple,
            "samtale_specialister": forms.Textarea(attrs={"rows": 2}),
            "samtale_beslutningstagere": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["foelger_efter"].queryset = Workshop.objects.filter(type=Workshop.Type.ASIS).exclude(
            pk=self.instance.pk
        )


class MaterialeForm(forms.Form):
    """The checklist of material sent to the participants."""

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sendt"] = forms.MultipleChoiceField(
            label="Materiale sendt til deltagerne",
            choices=[(key, label) for key, label, _sent in workshop.materiale()],
            initial=workshop.materiale_sendt,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class DeltagerForm(DanishModelForm):
    """A participant; without a category chosen, a fagperson (the As-is workshop's usual participant)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kategori"].required = False

    def clean_kategori(self):
        return self.cleaned_data["kategori"] or Deltager.Kategori.FAGPERSON


DeltagerFormSet = forms.inlineformset_factory(
    Workshop,
    Deltager,
    form=DeltagerForm,
    fields=["navn", "email", "rolle", "kategori", "fagomraade"],
    extra=3,
    can_delete=True,
    widgets={
        "navn": forms.TextInput(attrs={"class": "form-control form-control-sm", "aria-label": "Navn"}),
        "email": forms.EmailInput(attrs={"class": "form-control form-control-sm", "aria-label": "E-mail"}),
        "rolle": forms.TextInput(attrs={"class": "form-control form-control-sm", "aria-label": "Rolle"}),
        "kategori": forms.Select(attrs={"class": "form-select form-select-sm", "aria-label": "Kategori"}),
        "fagomraade": forms.Select(attrs={"class": "form-select form-select-sm", "aria-label": "Fagområde"}),
    },
)


QUARTER = re.compile(
    r"^(?:K|Q)?\s*([1-4])\.?\s*(?:kvartal|K|Q)?\s*(\d{4})$|^(\d{4})\s*(?:K|Q)\s*([1-4])$", re.I
)


class UdbudField(forms.CharField):
    """A date (30.09.2027 or 2027-09-30) or a quarter (K3 2027, 3. kvartal 2027): (date, is_quarter)."""

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        if not value:
            return None, False
        match = QUARTER.match(value)
        if match:
            quarter, year = (
                (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            )
            if not FIRST_YEAR <= int(year) <= LAST_YEAR:
                raise forms.ValidationError(f"Skriv et år mellem {FIRST_YEAR} og {LAST_YEAR}.")
            return period_end(date(int(year), int(quarter) * 3, 1), KVARTAL), True
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                day = datetime.strptime(value, pattern).date()
            except ValueError:
                continue
            plausible_date(day)
            return day, False
        raise forms.ValidationError("Skriv en dato (fx 30.09.2027) eller et kvartal (fx K3 2027).")

    def validate(self, value):
        pass


def own_and_market(systems, empty_label=None):
    """Choices in two groups, so the municipality's own systems and market solutions stay apart (read when
    the form renders: callable choices are lazy)."""
    groups = {False: [], True: []}
    for system in systems:
        groups[system.markedsloesning].append((system.pk, system.navn))
    named = [("Kommunens systemer", groups[False]), ("Markedsløsninger", groups[True])]
    return ([("", empty_label)] if empty_label else []) + [(name, group) for name, group in named if group]


class ToBeForm(PhaseRecordForm):
    system_fields = tuple(field for field, _label in LOESNINGER)
    m2m_fields = ("markedsloesninger",)
    nye_paa_markedet = True
    udbud = UdbudField(
        label="2. Hvornår skal løsningen på sagsområdet i udbud?",
        required=False,
        help_text="En dato (fx 30.09.2027) eller et kvartal (fx K3 2027).",
    )

    class Meta:
        model = ToBe
        fields = [
            "markedsloesninger",
            "markedsloesninger_note",
            *(field for field, _label in LOESNINGER),
            "forretningskritisk",
            "kompleksitet",
            "anbefalet_scenarie",
            "begrundelse",
            "anbefalet_paa",
        ]
        widgets = {
            "markedsloesninger": forms.CheckboxSelectMultiple,
            "markedsloesninger_note": forms.Textarea(attrs={"rows": 2}),
            "forretningskritisk": forms.RadioSelect,
            "kompleksitet": forms.RadioSelect,
            "anbefalet_scenarie": forms.RadioSelect,
            "begrundelse": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "udbud" in self.fields:
            self.initial["udbud"] = self.instance.udbud_tekst
        if "anbefalet_paa" in self.fields:  # only the To-be workshops that covered the area's fagområde
            self.fields["anbefalet_paa"].queryset = Workshop.objects.exclude(type=Workshop.Type.ASIS).filter(
                fagomraader__sagsomraader=self.instance.sagsomraade_id
            )
        if "markedsloesninger" in self.fields:
            field = self.fields["markedsloesninger"]
            field.queryset = ITSystem.objects.exclude(type=ITSystem.Type.KMD_SAG)
            field.choices = partial(own_and_market, field.queryset)
        for name in self.system_fields:
            if name in self.fields:
                field = self.fields[name]
                field.choices = partial(own_and_market, field.queryset, field.empty_label)

    def service_kwargs(self):
        kwargs = super().service_kwargs()
        if "udbud" in kwargs["values"]:
            kwargs["values"]["udbud_dato"], kwargs["values"]["udbud_kvartal"] = kwargs["values"].pop("udbud")
        return kwargs


TOBE_ANSWERS = tuple(name for name in ToBeForm.base_fields if name != "version")


STRATEGI_FILTYPER = ["pdf", "docx", "doc", "odt", "xlsx", "pptx", "txt"]
STRATEGI_MAKS_MB = 20


class StrategiForm(VersionedForm):
    link = forms.URLField(label="Link", required=False, assume_scheme="https")

    class Meta:
        model = Strategi
        fields = ["titel", "type", "dato", "ejer", "link", "fil", "resume"]
        widgets = {
            "dato": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "resume": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"fil": f"PDF, Word, Excel, PowerPoint eller tekst, højst {STRATEGI_MAKS_MB} MB."}

    def clean_fil(self):
        fil = self.cleaned_data.get("fil")
        if fil and hasattr(fil, "size"):
            if fil.name.rsplit(".", 1)[-1].lower() not in STRATEGI_FILTYPER:
                raise forms.ValidationError(f"Filtypen er ikke tilladt. Brug {', '.join(STRATEGI_FILTYPER)}.")
            if fil.size > STRATEGI_MAKS_MB * 1024 * 1024:
                raise forms.ValidationError(f"Filen er for stor; højst {STRATEGI_MAKS_MB} MB.")
        return fil
