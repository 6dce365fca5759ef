from django import forms

from exitstrategi.forms import DanishModelForm, PhaseRecordForm
from exitstrategi.indstillinger import BRUGERNIVEAUER
from exitstrategi.kontraktdatoer import KVARTAL, period_end
from exitstrategi.models import JaNej
from workshops import loesningsscenarier
from workshops.forms import UdbudField

from .models import FAKTORER, Beslutning, NotatTekster, NotatVersion, Prioritering

IKKE_REVURDERET = [("", "Ikke revurderet"), *JaNej.choices]


class KvartalField(UdbudField):
    """A quarter (K3 2027, 3. kvartal 2027), or a day in it: the last day of that quarter."""

    def to_python(self, value):
        try:
            day, _is_quarter = super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError("Skriv et kvartal (fx K3 2027).") from None
        return period_end(day, KVARTAL) if day else None

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True


class PrioriteringForm(PhaseRecordForm):
    flytning = KvartalField(
        label="Planlagt flytning (kvartal)",
        required=False,
        help_text="Hvornår sager, journalnotater og brugere flyttes, fx K3 2027.",
    )

    class Meta:
        model = Prioritering
        fields = [
            "brugerniveau",
            "forretningskritisk",
            *(field for field, _label in FAKTORER),
            "hoert",
            "oekonomi",
            "fastlaast_plads",
            "fastlaast_begrundelse",
        ]
        widgets = {
            "brugerniveau": forms.RadioSelect,
            "hoert": forms.Textarea(attrs={"rows": 2}),
            "oekonomi": forms.Textarea(attrs={"rows": 3}),
            "fastlaast_begrundelse": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "forretningskritisk" in self.fields:
            self.fields["forretningskritisk"].choices = IKKE_REVURDERET
        if "flytning" in self.fields:
            self.initial["flytning"] = self.instance.flytning_tekst

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fastlaast_plads") and not (cleaned.get("fastlaast_begrundelse") or "").strip():
            self.add_error("fastlaast_begrundelse", "Skriv, hvorfor sagsområdet står på en fast plads.")
        return cleaned


class PrioriteringRaekkeForm(PrioriteringForm):
    """One row of the Prioritering table: the project leader's quick inputs, compact."""

    FIELDS = ("brugerniveau", "forretningskritisk", "fastlaast_plads", "fastlaast_begrundelse", "flytning")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, only=self.FIELDS, **kwargs)
        self.fields["brugerniveau"].widget = forms.Select(attrs={"class": "form-select form-select-sm"})
        self.fields["brugerniveau"].choices = [("", "Ikke angivet"), *BRUGERNIVEAUER]
        self.fields["forretningskritisk"].widget = forms.Select(attrs={"class": "form-select form-select-sm"})
        self.fields["forretningskritisk"].choices = IKKE_REVURDERET
        small = "form-control form-control-sm"
        self.fields["fastlaast_plads"].widget.attrs.update({"min": 1, "class": f"{small} bredde-5em"})
        self.fields["fastlaast_begrundelse"].widget = forms.TextInput(attrs={"class": f"{small} bredde-24em"})
        self.fields["flytning"].widget.attrs.update(
            {"placeholder": "K3 2027", "class": f"{small} bredde-7em"}
        )
        flytning = self.instance.flytning
        self.initial["flytning"] = f"K{(flytning.month - 1) // 3 + 1} {flytning.year}" if flytning else ""


class BeslutningForm(DanishModelForm):
    class Meta:
        model = Beslutning
        fields = ["besluttet_af", "dato", "journalnummer", "notat", "noter"]
        widgets = {
            "dato": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "noter": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = NotatVersion.objects.defer("docx", "xlsx")
        self.fields["notat"].queryset = versions
        self.fields["notat"].empty_label = "Intet sendt notat"
        latest = versions.first()
        if latest and not self.is_bound:
            self.initial["notat"] = latest.pk


class NotatTeksterForm(DanishModelForm):
    class Meta:
        model = NotatTekster
        fields = ["titel", "resume", "indstilling", "oekonomi", "risici"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["resume", "indstilling", "oekonomi", "risici"]
        }


class BeslutningLinjerForm(forms.Form):
    """The decided scenario per area in one decision: an area left out keeps the decision in force.
    It starts from the recommendation where nothing is decided yet, and leaves decided areas out."""

    def __init__(self, *args, raekker, **kwargs):
        super().__init__(*args, **kwargs)
        self.raekker = raekker
        choices = [("", "Ikke med i denne beslutning"), *loesningsscenarier.CHOICES]
        for raekke in raekker:
            pk = raekke.sagsomraade.pk
            label = f"{raekke.sagsomraade.kle.nummer} {raekke.sagsomraade.titel}"
            self.fields[f"s{pk}"] = forms.TypedChoiceField(
                label=f"Besluttet løsningsscenarie for {label}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=None if raekke.scenarie_kilde == "besluttet" else raekke.scenarie,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"b{pk}"] = forms.CharField(
                label=f"Begrundelse for {label}",
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self):
        """(raekke, scenario field, reason field) for the template."""
        return [(r, self[f"s{r.sagsomraade.pk}"], self[f"b{r.sagsomraade.pk}"]) for r in self.raekker]

    def clean(self):
        cleaned = super().clean()
        chosen = 0
        for raekke in self.raekker:
            pk = raekke.sagsomraade.pk
            scenarie = cleaned.get(f"s{pk}")
            if scenarie is None:
                continue
            chosen += 1
            anbefalet = raekke.tobe.anbefalet_scenarie if raekke.tobe else None
            if scenarie != anbefalet and not (cleaned.get(f"b{pk}") or "").strip():
                self.add_error(
                    f"b{pk}",
                    f"Beslutningen afviger fra anbefalingen ({anbefalet or 'ingen'}); skriv begrundelsen.",
                )
        if not chosen:
            raise forms.ValidationError("Vælg et løsningsscenarie for mindst ét sagsområde.")
        return cleaned

    def linjer(self):
        """[(sagsomraade, scenario, reason)] for the areas in this decision."""
        return [
            (
                r.sagsomraade,
                self.cleaned_data[f"s{r.sagsomraade.pk}"],
                self.cleaned_data[f"b{r.sagsomraade.pk}"].strip(),
            )
            for r in self.raekker
            if self.cleaned_data.get(f"s{r.sagsomraade.pk}") is not None
        ]
