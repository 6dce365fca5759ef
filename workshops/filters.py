import django_filters

from exitstrategi.models import Fagomraade

from .models import Workshop


class WorkshopFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(label="Type", choices=Workshop.Type.choices, empty_label="Alle typer")
    fagomraade = django_filters.ModelChoiceFilter(
        label="Fagområde",
        field_name="fagomraader",
        queryset=Fagomraade.objects.all(),
        empty_label="Alle fagområder",
    )

    class Meta:
        model = Workshop
        fields = []
