from django.db.models import Count, Q

from exitstrategi import dokumentationsark
from exitstrategi.models import Fagomraade

IN_SCOPE = Q(screening__anvender_kmd_sag="ja")


def fagomraader_with_completeness():
    """Fagområder with the number of sagsområder in the analysis and how many are complete."""
    return Fagomraade.objects.annotate(
        i_analyse=Count("sagsomraader", filter=Q(sagsomraader__screening__anvender_kmd_sag="ja")),
        komplette=Count(
            "sagsomraader",
            filter=Q(sagsomraader__screening__anvender_kmd_sag="ja", sagsomraader__asis__komplet=True),
        ),
    ).order_by("navn")


def sagsomraader_of(fagomraader):
    """Sagsområder of the fagområder with everything the sheet columns read, by KLE number."""
    return dokumentationsark.queryset().filter(fagomraade__in=fagomraader).order_by("kle__nummer")


def in_scope(queryset):
    return queryset.filter(IN_SCOPE)


def out_of_scope(queryset):
    return queryset.exclude(IN_SCOPE)
