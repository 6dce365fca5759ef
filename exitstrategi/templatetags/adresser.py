from django import template

register = template.Library()


@register.filter
def adresse(sagsomraade, name):
    """{{ sagsomraade|adresse:"workshops:asis-update" }}: the address of a page about the sagsområde."""
    return sagsomraade.url(name)
