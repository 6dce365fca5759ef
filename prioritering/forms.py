from django import forms

from exitstrategi.forms import DanishModelForm, PhaseRecordForm
from exitstrategi.indstillinger import BRUGERNIVEAUER
from exitstrategi.kontraktdatoer import KVARTAL, period_end
from exitstrategi.models import JaNej
from workshops.forms import UdbudField

from .models import FAKTORER, Beslutning, Prioritering

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
        self.fields["fastlaast_plads"].widget.attrs.update(size=3, min=1)
        self.fields["fastlaast_begrundelse"].widget = forms.TextInput()
        self.fields["flytning"].widget.attrs.update(size=8, placeholder="K3 2027")


class BeslutningForm(DanishModelForm):
    class Meta:
        model = Beslutning
        fields = ["besluttet_af", "dato", "journalnummer", "noter"]
        widgets = {
            "dato": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "noter": forms.Textarea(attrs={"rows": 2}),
        }
