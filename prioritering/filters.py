import django_filters

from exitstrategi.models import Fagomraade, JaNej
from workshops import loesningsscenarier

from . import omfang


class PrioriteringFilter(django_filters.FilterSet):
    """Filters on the values in force (annotated by selectors.i_scope)."""

    fagomraade = django_filters.ModelChoiceFilter(
        label="Fagområde", queryset=Fagomraade.objects.order_by("navn"), empty_label="Alle fagområder"
    )
    scenarie = django_filters.ChoiceFilter(
        label="Løsningsscenarie", choices=loesningsscenarier.CHOICES, empty_label="Alle scenarier"
    )
    kritisk = django_filters.ChoiceFilter(
        label="Forretningskritisk", choices=JaNej.choices, empty_label="Alle"
    )
    omfang = django_filters.ChoiceFilter(
        label="Omfang", choices=list(omfang.NAVNE.items()), empty_label="Alle", method="filter_omfang"
    )
    brugsmoenster = django_filters.ChoiceFilter(
        label="Brugsmønster",
        field_name="asis__brugsmoenster",
        choices=[(t, t) for t in loesningsscenarier.I_TOBE],
        empty_label="C og D",
    )
    besluttet = django_filters.ChoiceFilter(
        label="Besluttet",
        choices=[("ja", "Besluttet"), ("nej", "Ikke besluttet")],
        empty_label="Alle",
        method="filter_besluttet",
    )

    def filter_omfang(self, queryset, name, value):
        return queryset.filter(omfang=int(value))

    def filter_besluttet(self, queryset, name, value):
        return queryset.filter(besluttet__isnull=value != "ja")
