import django_filters

from exitstrategi.models import Fagomraade


class FagomraadeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Søg fagområde", field_name="navn", lookup_expr="icontains")

    class Meta:
        model = Fagomraade
        fields = []
