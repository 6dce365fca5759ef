"""{{ field|as_crispy_field }} as django-crispy-forms' bootstrap5 pack renders it, written in Python for
the fields of a form without a crispy helper: inputs, text areas, selects, a check box, radio buttons
and check box lists. Crispy renders a field through a dozen nested templates, which cost a
millisecond a field: the Dokumentationsark's 27 filters and the As-is form were mostly that. Files,
hidden fields, widgets of several widgets and forms with a helper go to crispy itself;
tests/test_fast_crispy.py compares both for every field of the app's forms. Load this library in
place of crispy_forms_tags where a template only uses as_crispy_field."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field as crispy_field
from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import forms, template
from django.forms import BoundField
from django.templatetags.l10n import unlocalize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..renderers import html_attrs

register = template.Library()

ASTERISK = '<span class="asteriskField">*</span>'
SLOW = (forms.FileInput, forms.MultiWidget)
CHOICE_LISTS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


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
    ):
        return crispy_field(field, template_pack)
    if isinstance(widget, CHOICE_LISTS):
        return mark_safe(_choice_list(field))  # noqa: S308 (every value escaped below)
    if isinstance(widget, forms.CheckboxInput):
        return mark_safe(_checkbox(field, widget))  # noqa: S308
    return mark_safe(_field_group(field, widget))  # noqa: S308


def _field_group(field, widget):
    """An input, text area or select under its label (crispy's bootstrap5/field.html)."""
    kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
    _add_classes(widget, f"{kind} is-invalid" if field.errors else kind)
    parts = [_opening(field, "mb-3")]
    if field.label:
        parts.append(_label(field, "label", "form-label"))
    parts += [str(field), _errors(field), _help_text(field), "</div>"]
    return "".join(parts)


def _checkbox(field, widget):
    """A check box with its label after it, in crispy's two wrapping divs."""
    _add_classes(widget, "form-check-input is-invalid" if field.errors else "form-check-input")
    label = _label(field, "label", "form-check-label", always_for=True)
    return "".join(
        ['<div class="mb-3">', _opening(field, "form-check"), str(field), label, _errors(field)]
        + [_help_text(field), "</div></div>"]
    )


def _choice_list(field):
    """Radio buttons or check boxes in a fieldset headed by the label (radio_checkbox_select.html)."""
    parts = [_opening(field, "mb-3")]
    if field.label:
        described = field.aria_describedby
        described = f' aria-describedby="{conditional_escape(described)}"' if described else ""
        parts.append(f"<fieldset{described}>{_label(field, 'legend', 'form-label', ' fs-6')}")
    parts.append("<div>")
    invalid = " is-invalid" if field.errors else ""
    name = conditional_escape(field.html_name)
    for group, options, _index in optgroups(field):
        if group:
            parts.append(f"<strong>{conditional_escape(group)}</strong>")
        for option in options:
            attrs = html_attrs(option["attrs"])
            parts.append(
                f'<div class="form-check"><input type="{conditional_escape(option["type"])}" '
                f'class="form-check-input{invalid}" name="{name}" '
                f'value="{conditional_escape(unlocalize(option["value"]))}"{attrs}>'
                f'<label for="{conditional_escape(option["attrs"].get("id", ""))}" class="form-check-label">'
                f"{conditional_escape(unlocalize(option['label']))}</label></div>"
            )
    if field.errors and parts[-1].startswith('<div class="form-check">'):  # in the last option, as crispy
        parts[-1] = parts[-1].removesuffix("</div>") + _errors(field) + "</div>"
    parts += ["</div>", _help_text(field), "</fieldset>" if field.label else "", "</div>"]
    return "".join(parts)


def _opening(field, css):
    extra = f" {conditional_escape(field.css_classes())}" if field.css_classes() else ""
    return f'<div id="div_{conditional_escape(field.auto_id)}" class="{css}{extra}">'


def _label(field, tag, css, extra="", always_for=False):
    """The field's label (or legend); crispy writes `for` only when there is an id, except beside a
    check box."""
    required = field.field.required
    target = f' for="{conditional_escape(field.id_for_label)}"' if field.id_for_label or always_for else ""
    return (
        f'<{tag}{target} class="{css}{" requiredField" if required else ""}{extra}">'
        f"{conditional_escape(field.label)}{ASTERISK if required else ''}</{tag}>"
    )


def _errors(field):
    if not field.errors:
        return ""
    auto_id = conditional_escape(field.auto_id)
    return "".join(
        [f'<div id="{conditional_escape(field.errors.field_id)}_error" class="invalid-feedback">']
        + [
            f'<p id="error_{n}_{auto_id}"><strong>{conditional_escape(error)}</strong></p>'
            for n, error in enumerate(field.errors, start=1)
        ]
        + ["</div>"]
    )


def _help_text(field):
    if not field.help_text:
        return ""
    helptext = f'id="{conditional_escape(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'<div {helptext}class="form-text">{field.help_text}</div>'


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
