"""{{ field|as_crispy_field }} as django-crispy-forms' bootstrap5 pack renders it, with its commonest
case written in Python: a text, number or textarea input or a select, in a form without a crispy
helper. Crispy renders a field through a dozen nested templates, which cost a millisecond a field:
the Dokumentationsark's 27 filters and the As-is form were mostly that. Every other field (check
boxes, radio buttons, files, hidden fields, a form with a helper) goes to crispy itself;
tests/test_fast_crispy.py compares both for every field of the app's forms. Load this library in
place of crispy_forms_tags where a template only uses as_crispy_field."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field as crispy_field
from django import forms, template
from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

ASTERISK = '<span class="asteriskField">*</span>'
SLOW = (
    forms.CheckboxInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
    forms.MultiWidget,
)


@register.filter
def as_crispy_field(field, template_pack="bootstrap5"):
    if not isinstance(field, BoundField):
        return crispy_field(field, template_pack)  # crispy's own error
    widget = field.field.widget
    if (
        template_pack != "bootstrap5"
        or getattr(field.form, "helper", None) is not None
        or field.is_hidden
        or isinstance(widget, SLOW)
        or hasattr(widget, "widget")
        or field.use_fieldset
    ):
        return crispy_field(field, template_pack)
    return mark_safe(_field_group(field, widget))  # noqa: S308 (every value escaped below)


def _field_group(field, widget):
    invalid = bool(field.errors)
    kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
    _add_classes(widget, f"{kind} is-invalid" if invalid else kind)
    extra = f" {conditional_escape(field.css_classes())}" if field.css_classes() else ""
    parts = [f'<div id="div_{conditional_escape(field.auto_id)}" class="mb-3{extra}">']
    if field.label:
        required = field.field.required
        target = f' for="{conditional_escape(field.id_for_label)}"' if field.id_for_label else ""
        asterisk = ASTERISK if required else ""
        parts.append(
            f'<label{target} class="form-label{" requiredField" if required else ""}">'
            f"{conditional_escape(field.label)}{asterisk}</label>"
        )
    parts.append(str(field))
    auto_id = conditional_escape(field.auto_id)
    if invalid:
        parts.append(f'<div id="{conditional_escape(field.errors.field_id)}_error" class="invalid-feedback">')
        parts += [
            f'<p id="error_{n}_{auto_id}"><strong>{conditional_escape(error)}</strong></p>'
            for n, error in enumerate(field.errors, start=1)
        ]
        parts.append("</div>")
    if field.help_text:
        helptext = f'id="{auto_id}_helptext" ' if field.auto_id else ""
        parts.append(f'<div {helptext}class="form-text">{field.help_text}</div>')
    parts.append("</div>")
    return "".join(parts)


def _add_classes(widget, classes):
    """What crispy's {% crispy_field field 'class' '…' %} does to the widget before rendering it: its
    own class name, then each of the classes it lacks."""
    name = type(widget).__name__.lower()
    css = widget.attrs.get("class", "")
    css = (css if name in css else f"{css} {name}") if css else name
    for css_class in classes.split():
        if css_class not in css.split():
            css += f" {css_class}"
    widget.attrs["class"] = css
