import copy

import django_filters
from django.db.models import Q

from .field_copies import FieldsCopiedFast


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


class _CopiedShallow(dict):
    """A FilterSet class's filters, which the FilterSets made of it copy one level deep."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(filter_) for name, filter_ in self.items()}


class FilterSetMadeOnce(django_filters.FilterSet):
    """A FilterSet whose filters and form class are made once per class, not for every request.

    django-filter deep-copies every filter, its choices with it, into each FilterSet, makes a form class
    of their fields, and the form deep-copies those fields again: with the Dokumentationsark's two
    dozen filters that was a tenth of the page. Here a FilterSet gets shallow copies of its class's
    filters (a filter keeps nothing of a request; its field is the form's to copy) and a form of a
    class made once, whose fields each form copies as Django does, member by member."""

    @classmethod
    def get_filters(cls):
        return _CopiedShallow(super().get_filters())

    def get_form_class(self):
        made = type(self).__dict__.get("_form_class")
        if made is None:
            fields = {name: filter_.field for name, filter_ in self.filters.items()}
            made = type(f"{type(self).__name__}Form", (FieldsCopiedFast, self._meta.form), fields)
            type(self)._form_class = made
        return made
