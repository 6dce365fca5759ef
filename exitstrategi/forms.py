import re
from functools import cache

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Q, UniqueConstraint
from django.forms.models import ModelChoiceIterator

from .concurrency import check_version
from .field_copies import FieldsCopiedFast
from .indstillinger import BRUGERNIVEAUER, KOMPLEKSITETER, OMFANG
from .models import KLE, Fagomraade, ITSystem, Kommune, Kontrakt
from .roles import Rolle
from .text import danish_slugify

DASHES = "---------"
PLACEHOLDER = "Ikke valgt"


FIRST_YEAR, LAST_YEAR = 1950, 2150  # a date outside is a typing error (and year 9999 breaks date sums)
FRITEKST_MAX = 10_000  # characters in a free-text answer: a page, not a document pasted in by mistake


def plausible_date(value):
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(f"Skriv en dato mellem år {FIRST_YEAR} og {LAST_YEAR}.")


LARGEST_KEY = 2**63 - 1


class KeysField(forms.ModelMultipleChoiceField):
    """Several register entries by key: a key no database can hold is an invalid choice, not a crash
    (SQLite overflows on it in the IN lookup that checks the keys)."""

    def _check_values(self, value):
        for key in value if isinstance(value, list | tuple) else []:
            if _too_large(key):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": key}
                )
        return super()._check_values(value)


def _too_large(key):
    """Whether the key is a whole number too large for a key column. What int() cannot read (no number,
    over 4,300 digits, white space to str.strip() but not to int() such as "\x1c") Django refuses."""
    try:
        return abs(int(key)) > LARGEST_KEY
    except (TypeError, ValueError):
        return False


class RegisterChoiceField(forms.ModelChoiceField):
    """A select of register entries whose chosen entry the form may have read already, together with
    those of its other selects of the same entries (`DanishModelForm._read_chosen_entries`): one query
    for the five As-is system answers instead of one per answer."""

    chosen = None  # {key: entry} the form read for its selects of these entries, or None

    def to_python(self, value):
        if self.chosen is None or not isinstance(value, str) or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        entry = self.chosen.get(_chosen_key(self, value))
        if entry is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return entry


def _by_key(field):
    """Whether the select names its entries by their primary key (a foreign key's form field does)."""
    return field.to_field_name in (None, field.queryset.model._meta.pk.name)


def _chosen_key(field, value):
    """The key a select's submitted value names, or None when it names none a database can hold."""
    if not isinstance(value, str) or value in field.empty_values:
        return None
    try:
        key = field.queryset.model._meta.pk.to_python(value)
    except forms.ValidationError:
        return None
    return key if isinstance(key, int) and abs(key) <= LARGEST_KEY else None


class ChoicesInOneQuery(ModelChoiceIterator):
    """A select's register entries read by one plain query and kept for the field's life (one form):
    Django reads them through iterator(), which on PostgreSQL is a server-side cursor of three round
    trips for every select on the page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


def choices_in_one_query(field):
    """Let a select field (a model form's, a filter's) read its entries by ChoicesInOneQuery."""
    if isinstance(field, forms.ModelChoiceField) and not getattr(field, "null_label", None):
        field.iterator = ChoicesInOneQuery
        field.widget.choices = field.choices  # the widget holds the iterator it was given


def limit_text(field, limit=FRITEKST_MAX):
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


_ENTRIES = {}  # (model, SQL) -> the one unevaluated queryset of the select fields reading those entries


class DanishModelForm(FieldsCopiedFast, forms.ModelForm):
    """A ModelForm whose empty choice reads "Ikke valgt", never Django's "---------", and whose dates
    are plausible."""

    @classmethod
    def prepare_field(cls, field):
        limit = getattr(field, "limit_choices_to", None)
        if limit and not callable(limit) and hasattr(field, "queryset"):
            # a fixed limit (such as EGNE_SYSTEMER): Django would apply it again to every form's copy,
            # as an Exists subquery per field (half the time of building the As-is form)
            field.queryset = field.queryset.complex_filter(limit)
            field.limit_choices_to = None
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            # the same entries (the five As-is system fields): one queryset, which a form's copies share
            key = (field.queryset.model, str(field.queryset.query))
            field._queryset = _ENTRIES.setdefault(key, field.queryset)
            field.widget.choices = field.choices
        if (
            isinstance(field, forms.DateField | forms.DateTimeField)
            and plausible_date not in field.validators
        ):
            field.validators.append(plausible_date)
        if type(field) is forms.CharField and field.max_length is None:
            limit_text(field)
        if type(field) is forms.ModelMultipleChoiceField:
            field.__class__ = KeysField  # the same field, with its keys checked first
        elif type(field) is forms.ModelChoiceField:
            field.__class__ = RegisterChoiceField  # the same field, its entry maybe read with others
        choices_in_one_query(field)
        if getattr(field, "empty_label", None) == DASHES:
            field.empty_label = PLACEHOLDER
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            field.choices = [
                (value, PLACEHOLDER if label == DASHES else label) for value, label in field.choices
            ]

    def _clean_fields(self):
        self._read_chosen_entries()
        super()._clean_fields()

    def _read_chosen_entries(self):
        """The entries chosen in the form's selects that share one queryset, read in one query."""
        groups = {}  # the shared queryset's id -> [(field, submitted value)]
        for _name, bound in self._bound_items():
            field = bound.field
            if isinstance(field, RegisterChoiceField) and not field.disabled and _by_key(field):
                groups.setdefault(id(field.queryset), []).append((field, bound.data))
        for group in groups.values():
            if len(group) > 1:
                keys = {key for field, value in group if (key := _chosen_key(field, value)) is not None}
                chosen = group[0][0].queryset.in_bulk(keys) if keys else {}
                for field, _value in group:
                    field.chosen = chosen

    def _get_validation_exclusions(self):
        """Django's, and the foreign keys whose select already found the chosen entry among those it
        offers (its queryset holds the field's limit): the model would look each up again, one query a
        field. Not where a unique field or a constraint names one: their checks skip what is excluded."""
        exclude = super()._get_validation_exclusions()
        checked = _checked_together(type(self.instance))
        return exclude | {
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.ModelChoiceField)
            and not isinstance(field, forms.ModelMultipleChoiceField)
            and name not in checked
        }

    def validate_unique(self):
        """Django's check of the model's unique fields and constraints, where the model has any on the
        form's fields: working out that it has none walks all the model's fields for every form (a
        seventh of planning an Excel import, a form per changed row and phase)."""
        if _has_unique_checks(self.instance, frozenset(self._get_validation_exclusions())):
            super().validate_unique()


_UNIQUE_CHECKS = {}  # (model, excluded fields) -> whether Model.validate_unique has anything to check


@cache
def _checked_together(model):
    """The model's fields a unique check or a constraint names; every field when a constraint names
    fields it does not list (a check, an expression, a condition)."""
    names = {f.name for f in model._meta.fields if f.unique}
    names |= {name for together in model._meta.unique_together for name in together}
    for constraint in model._meta.constraints:
        if not isinstance(constraint, UniqueConstraint) or constraint.expressions or constraint.condition:
            return {f.name for f in model._meta.fields}
        names |= set(constraint.fields)
    return names


def _has_unique_checks(instance, exclude):
    key = (type(instance), exclude)
    if key not in _UNIQUE_CHECKS:
        unique, for_date = instance._get_unique_checks(exclude=exclude)
        _UNIQUE_CHECKS[key] = bool(unique or for_date)
    return _UNIQUE_CHECKS[key]


class VersionedForm(DanishModelForm):
    """A shared register's form (contracts, IT systems, workshops …): it carries the version it was
    shown at, and saving refuses to overwrite what someone else saved since (ConcurrentEditError)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)

    def save(self, commit=True):
        with transaction.atomic():
            current = self.instance  # a new record: the version it was shown at is its first
            if self.instance.pk:
                current = type(self.instance)._default_manager.select_for_update().get(pk=self.instance.pk)
            check_version(current, self.cleaned_data["version"])
            self.instance.version = current.version + 1
            return super().save(commit)


class PhaseRecordForm(DanishModelForm):
    """Answers to a phase record (As-is, To-be …). `only` limits the form to some fields (the R2 wizard, one
    card on the wall); each IT system field gets an "or a new system" field beside it."""

    system_fields = ()
    m2m_fields = ()
    nye_paa_markedet = False  # a new system named here is a market solution, not one the municipality runs
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, only=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.system_fields:
            if field not in self.fields:
                continue
            self.fields[f"ny_{field}"] = forms.CharField(
                label="… eller en ny løsning på markedet"
                if self.nye_paa_markedet
                else "… eller et nyt system",
                required=False,
                max_length=200,
                widget=forms.TextInput(
                    attrs={
                        "placeholder": "Navn på løsningen"
                        if self.nye_paa_markedet
                        else "Navn på nyt IT-system"
                    }
                ),
            )
        for name in self.m2m_fields:
            if name in self.fields:
                self.fields[name].required = False
        if only is not None:
            self.limit_to(only)

    @classmethod
    def prepare_field(cls, field):
        super().prepare_field(field)
        if isinstance(field, forms.TypedChoiceField) and not isinstance(field.widget, forms.Select):
            field.choices = [c for c in field.choices if c[0] != ""]  # radio buttons: no empty choice

    def clean(self):
        cleaned = super().clean()
        for field in self.system_fields:
            navn = (cleaned.get(f"ny_{field}") or "").strip()
            if navn and not danish_slugify(navn):
                self.add_error(f"ny_{field}", "Navnet skal indeholde mindst ét bogstav eller tal.")
        return cleaned

    def limit_to(self, only):
        """Keep only these answers (and the version, and a new-system field beside each system field)."""
        keep = set(only) | {"version"} | {f"ny_{f}" for f in only if f in self.system_fields}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def service_kwargs(self):
        """The cleaned answers in the shape services.phase_record_save takes."""
        data = self.cleaned_data
        plain = [
            n for n in self.fields if n != "version" and n not in self.m2m_fields and not n.startswith("ny_")
        ]
        return {
            "values": {name: data[name] for name in plain},
            "nye_systemer": {n[3:]: data[n] for n in self.fields if n.startswith("ny_") and data[n]},
            "nye_paa_markedet": self.nye_paa_markedet,
            "m2m": {name: data[name] for name in self.m2m_fields if name in self.fields},
            "version": data["version"],
        }


class KleNumbersField(forms.CharField):
    """Comma- or space-separated KLE gruppe/emne numbers, cleaned to a list of KLE topics."""

    def clean(self, value):
        value = super().clean(value)
        numbers = [n for n in re.split(r"[\s,;]+", value or "") if n]
        if not numbers:
            return []
        topics = {t.nummer: t for t in KLE.objects.filter(nummer__in=numbers)}
        unknown = [n for n in numbers if n not in topics]
        if unknown:
            raise forms.ValidationError(f"Ukendte KLE-numre: {', '.join(unknown)}.")
        hovedgrupper = [n for n in numbers if topics[n].niveau == KLE.Niveau.HOVEDGRUPPE]
        if hovedgrupper:
            raise forms.ValidationError(
                f"Brug gruppe- eller emnenumre, ikke hovedgrupper: {', '.join(hovedgrupper)}."
            )
        return [topics[n] for n in dict.fromkeys(numbers)]


class SagsomraadeForm(FieldsCopiedFast, forms.Form):
    titel = forms.CharField(
        label="Titel", max_length=500, required=False, help_text="Tom: KLE-emnets titel bruges."
    )
    ogsaa_daekker = KleNumbersField(
        label="Dækker også KLE-numre",
        required=False,
        help_text="Fx 32.24.02, 32.24.03 når nært beslægtede emner behandles samlet.",
    )
    noter = forms.CharField(
        label="Noter", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=FRITEKST_MAX
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(sagsomraade):
        covers = sagsomraade.ogsaa_daekker.all() if sagsomraade.pk else []
        return {
            "titel": sagsomraade.titel,
            "noter": sagsomraade.noter,
            "ogsaa_daekker": ", ".join(k.nummer for k in covers),
            "version": sagsomraade.version,
        }


class FagomraadeForm(VersionedForm):
    class Meta:
        model = Fagomraade
        fields = ["navn", "beskrivelse", "kontaktpersoner", "orgenheder"]
        widgets = {
            "beskrivelse": forms.Textarea(attrs={"rows": 3}),
            "orgenheder": forms.Textarea(attrs={"rows": 2}),
            "kontaktpersoner": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kontaktpersoner"].queryset = (
            get_user_model()
            .objects.filter(groups__name=Rolle.KONTAKTPERSON, is_active=True)
            .order_by("first_name", "last_name")
        )
        self.fields["kontaktpersoner"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.email})"
        )
        self.fields[
            "kontaktpersoner"
        ].help_text = "Kun brugere med rollen Kontaktperson kan vælges. Invitér dem under Brugere."


class RoleFieldsMixin(forms.Form):
    rolle = forms.ChoiceField(label="Rolle", choices=Rolle.choices)
    fagomraader = KeysField(
        label="Kontaktperson for",
        queryset=Fagomraade.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kun for rollen Kontaktperson: de fagområder, personen svarer for.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rolle") == Rolle.KONTAKTPERSON and not cleaned.get("fagomraader"):
            self.add_error("fagomraader", "En kontaktperson skal have mindst ét fagområde.")
        return cleaned


class InviteForm(RoleFieldsMixin):
    fulde_navn = forms.CharField(label="Navn", max_length=150)
    email = forms.EmailField(label="E-mail", max_length=150)  # it becomes the user name (150 characters)
    field_order = ["fulde_navn", "email", "rolle", "fagomraader"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            raise forms.ValidationError("Der findes allerede en bruger med denne e-mail.")
        return email


class UserRoleForm(RoleFieldsMixin):
    is_active = forms.BooleanField(
        label="Aktiv", required=False, help_text="En inaktiv bruger kan ikke logge ind."
    )
    shown_state = forms.CharField(widget=forms.HiddenInput, max_length=2000)  # services.role_state


class ITSystemForm(VersionedForm):
    class Meta:
        model = ITSystem
        fields = ["navn", "leverandoer", "type", "aftale", "udfasning", "noter"]
        widgets = {
            "noter": forms.Textarea(attrs={"rows": 3}),
            "udfasning": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class MarkedsloesningForm(VersionedForm):
    """A solution on the market (To-be questions 3 and 4): kept out of the municipality's register."""

    i_brug = forms.BooleanField(
        label="Kommunen har taget løsningen i brug",
        required=False,
        help_text="Flytter løsningen til kommunens IT-systemer (systemoverblikket). Sker også af sig selv, "
        "når et As-is-svar nævner den.",
    )

    class Meta:
        model = ITSystem
        fields = ["navn", "leverandoer", "type", "noter"]
        widgets = {"noter": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [
            (t.value, t.label) for t in (ITSystem.Type.ESDH, ITSystem.Type.FAGSYSTEM)
        ]
        if self.instance.pk is None:
            del self.fields["i_brug"]

    def save(self, commit=True):
        self.instance.markedsloesning = not self.cleaned_data.get("i_brug")
        return super().save(commit)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KontraktForm(VersionedForm):
    class Meta:
        model = Kontrakt
        fields = [
            "itsystemer",
            "navn",
            "leverandoer",
            "type",
            "indkoebsform",
            "kontraktsum",
            "aarlig_drift",
            "startdato",
            "udloebsdato",
            "uopsigelig_til",
            "opsigelsesvarsel",
            "opsigelsesbasis",
            "optioner",
            "option_maaneder",
            "optioner_udnyttet",
            "opsagt",
            "udbud_kvartal",
            "udbud_aar",
            "binding_kmd_sag",
            "afventer_udfasning",
            "noter",
        ]
        widgets = {
            "startdato": DATE,
            "udloebsdato": DATE,
            "uopsigelig_til": DATE,
            "opsagt": DATE,
            "binding_kmd_sag": forms.Textarea(attrs={"rows": 2}),
            "noter": forms.Textarea(attrs={"rows": 2}),
            "afventer_udfasning": forms.CheckboxSelectMultiple,
            "itsystemer": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["afventer_udfasning"].queryset = ITSystem.objects.egne().exclude(aftale="")
        self.fields["itsystemer"].help_text = "Hold Ctrl (Cmd på Mac) nede for at vælge flere systemer."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("startdato"), cleaned.get("udloebsdato")
        if start and end and end < start:
            self.add_error("udloebsdato", "Udløbsdatoen ligger før startdatoen.")
        return cleaned


class FlytForm(forms.Form):
    """Move a sagsområde to another fagområde and/or re-key it to another KLE number."""

    fagomraade = forms.ModelChoiceField(
        label="Fagområde", queryset=Fagomraade.objects.all(), empty_label=None
    )
    kle = forms.CharField(
        label="KLE-nummer",
        max_length=8,
        help_text="Fx det nye nummer, når KL har flyttet emnet. Svar og historik følger med.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_kle(self):
        nummer = self.cleaned_data["kle"].strip()
        topic = KLE.objects.filter(nummer=nummer).first()
        if topic is None:
            raise forms.ValidationError(f"KLE-nummer {nummer} findes ikke i KLE-kataloget.")
        if topic.niveau == KLE.Niveau.HOVEDGRUPPE:
            raise forms.ValidationError("Brug et gruppe- eller emnenummer (NN.NN eller NN.NN.NN).")
        return topic


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class KommuneForm(DanishModelForm):
    """The settings, with the omfang matrix as one choice per combination of users and complexity."""

    class Meta:
        model = Kommune
        fields = [
            "navn",
            "cvr",
            "logo",
            "notat_skabelon",
            "sapa_idriftsaettelse",
            "stoettesystemer_idriftsaettelse",
            "prioriteringsstrategi",
            "laengst_forberedelse_foerst",
            "max_deltagere",
        ]
        widgets = {
            "sapa_idriftsaettelse": DATE,
            "stoettesystemer_idriftsaettelse": DATE,
            "prioriteringsstrategi": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matrix = self.instance.omfang_matrix
        for brugere, brugere_label in BRUGERNIVEAUER:
            for kompleksitet, kompleksitet_label in KOMPLEKSITETER:
                self.fields[self.cell(brugere, kompleksitet)] = forms.TypedChoiceField(
                    label=f"{brugere_label} brugere, kompleksitet {kompleksitet_label.lower()}",
                    choices=OMFANG,
                    coerce=int,
                    initial=matrix[brugere][kompleksitet],
                )

    @staticmethod
    def cell(brugere, kompleksitet):
        return f"omfang_{brugere}_{kompleksitet}"

    def matrix_rows(self):
        """[(users label, [bound field per complexity])] for the 3×3 table on the page."""
        return [
            (label, [self[self.cell(brugere, k)] for k, _l in KOMPLEKSITETER])
            for brugere, label in BRUGERNIVEAUER
        ]

    def save(self, commit=True):
        self.instance.omfang_matrix = {
            b: {k: self.cleaned_data[self.cell(b, k)] for k, _l in KOMPLEKSITETER} for b, _l in BRUGERNIVEAUER
        }
        return super().save(commit)
