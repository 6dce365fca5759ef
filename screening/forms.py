from django import forms

from exitstrategi.field_copies import FieldsCopiedFast
from exitstrategi.models import JA_NEJ_UBESVARET as SVAR_CHOICES

from .models import Screening

NOTE_MAX = 2000


class ScreeningRowForm(FieldsCopiedFast, forms.Form):
    sagsomraade_id = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    svar = forms.ChoiceField(
        label=Screening.QUESTION,
        choices=SVAR_CHOICES,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )


ScreeningFormSet = forms.formset_factory(ScreeningRowForm, extra=0, max_num=5000, absolute_max=5000)
