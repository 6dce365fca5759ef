from django import forms

from exitstrategi.models import ITSystem

from . import brugsmoenster
from .models import FUNKTIONER, OPRYDNING, AsIs, Deltager, Workshop

JA_NEJ_UBESVARET = [("ja", "Ja"), ("nej", "Nej"), ("", "Ikke besvaret")]
R2_FIELDS = tuple(brugsmoenster.QUESTIONS)


def _to_bool(value):
    return {"ja": True, "nej": False}.get(value)


class AsIsForm(forms.ModelForm):
    """The As-is questions; `only` limits it to some fields (the R2 wizard, one card on the wall)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

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
            "oprydning",
            *(field for field, _label in OPRYDNING),
            "oprydning_note",
            "arkivering",
            "arkivering_note",
        ]
        widgets = {
            "oprydning_note": forms.Textarea(attrs={"rows": 2}),
            "arkivering_note": forms.Textarea(attrs={"rows": 2}),
            "monopolbrud_tsa_systemer": forms.CheckboxSelectMultiple,
            "monopolbrud_tsa": forms.RadioSelect,
            "oprydning": forms.RadioSelect,
            "arkivering": forms.RadioSelect,
        }

    def __init__(self, *args, only=None, **kwargs):
        super().__init__(*args, **kwargs)
        for q in R2_FIELDS:
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
            self.fields[field].label = label
            self.fields[f"ny_{field}"] = forms.CharField(
                label="… eller et nyt system",
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"placeholder": "Navn på nyt IT-system"}),
            )
        self.fields["monopolbrud_tsa_systemer"].queryset = ITSystem.objects.exclude(aftale="")
        self.fields["monopolbrud_tsa_systemer"].required = False
        for name in ("monopolbrud_tsa", "oprydning", "arkivering"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
            self.fields[name].required = False
        if only is not None:
            keep = set(only) | {"version"} | {f"ny_{f}" for f in only if f.startswith("system_")}
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]

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

    def service_kwargs(self):
        """The cleaned answers in the shape asis_save takes."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in self.fields
            if name not in ("version", "monopolbrud_tsa_systemer") and not name.startswith("ny_")
        }
        nye = {name[3:]: data[name] for name in self.fields if name.startswith("ny_") and data[name]}
        systemer = data["monopolbrud_tsa_systemer"] if "monopolbrud_tsa_systemer" in self.fields else None
        return {"values": values, "nye_systemer": nye, "systemer": systemer, "version": data["version"]}


class WorkshopForm(forms.ModelForm):
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
            "invitation_sendt",
            "noter",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "slut": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "invitation_sendt": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fagomraader": forms.CheckboxSelectMultiple,
            "noter": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].label_from_instance = lambda u: u.get_full_name() or u.username


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


DeltagerFormSet = forms.inlineformset_factory(
    Workshop, Deltager, fields=["navn", "email", "rolle", "fagomraade"], extra=3, can_delete=True
)
