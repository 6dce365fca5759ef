from django.db import transaction

from exitstrategi.concurrency import check_version
from exitstrategi.models import ITSystem

from .models import AsIs


def itsystem_get_or_create(navn):
    """An IT system by name, created when new ("add new" in the As-is form)."""
    existing = ITSystem.objects.filter(navn__iexact=navn.strip()).first()
    return existing or ITSystem.objects.create(navn=navn.strip())


def asis_save(*, sagsomraade, values, version, user, systemer=None, nye_systemer=None, workshop=None):
    """Save As-is answers for one sagsområde, refusing if someone saved it since `version`.

    values: field -> value for the fields the form showed; systemer: the monopolbrud/TSA systems
    (None: unchanged); nye_systemer: field -> name of an IT system to create and choose;
    workshop: where the answers were given, recorded as the source in the history.
    """
    with transaction.atomic():
        asis = AsIs.objects.select_for_update().filter(pk=sagsomraade.pk).first()
        asis = asis or AsIs(sagsomraade=sagsomraade)
        check_version(asis, version)
        for field, value in values.items():
            setattr(asis, field, value)
        for field, navn in (nye_systemer or {}).items():
            setattr(asis, field, itsystem_get_or_create(navn))
        if systemer is None and asis.pk:
            systemer = list(asis.monopolbrud_tsa_systemer.all())
        asis.komplet = not asis.mangler(monopolbrud_tsa_systemer=systemer or [])
        asis.version += 1
        asis.aendret_af = user
        if workshop is not None:
            asis._change_reason = f"Workshop: {workshop}"
        asis.save()
        if systemer is not None:
            asis.monopolbrud_tsa_systemer.set(systemer)
    return asis
