"""The form renderer (FORM_RENDERER): Django's own, with its commonest widget templates (inputs, select,
textarea) written in Python, character for character as the templates write them
(tests/test_renderers.py compares both). A table of 500 editable rows renders 3,000 widgets, and a
template per widget was most of such a page's time. Every other template goes through Django."""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in ("input", "text", "number", "email", "url", "password", "hidden", "search", "tel", "color")
    + ("date", "datetime", "time")
}


class FastRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name in INPUTS:
            return mark_safe(_input(widget))  # noqa: S308 (every value escaped below)
        if template_name == f"{WIDGETS}select.html" and _plain_options(widget):
            return mark_safe(_select(widget))  # noqa: S308
        if template_name == f"{WIDGETS}textarea.html":
            return mark_safe(_textarea(widget))  # noqa: S308
        return super().render(template_name, context, request)


def shown(value):
    """A value as the template engine shows {{ value }}: local time, localised, escaped unless safe (for
    the pages that write their many cells in Python)."""
    if type(value) is str:  # most cells: nothing to localise, and Django's escape() only adds a lazy check
        return html.escape(value)
    return conditional_escape(localize(template_localtime(value)))


def html_attrs(attrs):
    """A widget's attributes as its templates write them: a space before each, True as the bare name."""
    return "".join(
        f" {shown(name)}" if value is True else f' {shown(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    name = f'name="{shown(widget["name"])}"'
    return f'<input type="{shown(widget["type"])}" {name}{value}{html_attrs(widget["attrs"])}>'


def _plain_options(widget):
    return all(
        option["template_name"] == f"{WIDGETS}select_option.html"
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _select(widget):
    parts = [f'<select name="{shown(widget["name"])}"{html_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{shown(group)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"{html_attrs(option["attrs"])}>'
                f"{shown(option['label'])}</option>\n"
            )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget):
    value = shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{shown(widget["name"])}"{html_attrs(widget["attrs"])}>\n{value}</textarea>'
