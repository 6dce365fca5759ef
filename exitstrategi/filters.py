import django_filters
from django.db.models import Q


def free_text_filter(*fields, label="Søg"):
    """A search box: every word must be found in at least one of the fields."""

    def search(queryset, name, value):
        for word in value.split():
            match = Q()
            for field in fields:
                match |= Q(**{field: word})
            queryset = queryset.filter(match)
        return queryset

    return django_filters.CharFilter(label=label, method=search)
