import datetime
from functools import cache

from django.db import connections, router
from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast

from exitstrategi import dokumentationsark, kontraktdatoer
from exitstrategi.models import Fagomraade, Kontrakt, Sagsomraade, aktive, phase_record
from exitstrategi.opslag import with_registers
from screening.models import is_screenet_ja, screenet_ja

from . import loesningsscenarier
from .models import FUNKTIONER, LOESNINGER, ToBe

IN_SCOPE = screenet_ja()


def asis_of(sagsomraade):
    return phase_record(sagsomraade, "asis")


def tobe_of(sagsomraade):
    return phase_record(sagsomraade, "tobe")


def tobe_scope(path=""):
    """Fase 3 covers the sagsområder screened Ja whose brugsmønster is C or D."""
    return screenet_ja(path) & Q(**{f"{path}asis__brugsmoenster__in": loesningsscenarier.I_TOBE})


def tobe_in_scope(sagsomraade):
    asis = asis_of(sagsomraade)
    return (
        is_screenet_ja(sagsomraade) and asis is not None and asis.brugsmoenster in loesningsscenarier.I_TOBE
    )


def fagomraader_with_completeness():
    """Fagområder with the number of sagsområder in the analysis and how many are complete."""
    scope = aktive("sagsomraader__") & screenet_ja("sagsomraader__")
    return Fagomraade.objects.annotate(
        i_analyse=Count("sagsomraader", filter=scope),
        komplette=Count("sagsomraader", filter=scope & Q(sagsomraader__asis__komplet=True)),
    ).order_by("navn")


def sagsomraader_of(fagomraader, columns=None):
    """Sagsområder of the fagområder with what the sheet columns (all, or those named) read, by KLE
    number."""
    return dokumentationsark.queryset(columns).filter(fagomraade__in=fagomraader).order_by("kle__nummer")


def phase_rows(fagomraade):
    """A fagområde's sagsområder with their screening, As-is and To-be records, by KLE number: what the
    As-is and To-be overviews list (not the whole sheet's joins, and no IT system: they name none)."""
    rows = (
        Sagsomraade.objects.filter(fagomraade=fagomraade)
        .select_related("fagomraade", "kle", "screening", "asis", "tobe")
        .order_by("kle__nummer")
    )
    return list(with_registers(rows, ["asis__monopolbrud_tsa_systemer"]))  # counted by AsIs.mangler()


STAMPED = ("screening", "asis", "tobe")  # the records whose saves the wall shows, beside the area's own


def stamps(fagomraader):
    """(id, fagomraade id, when it and each STAMPED record were last saved) of the fagområder's
    sagsområder screened Ja, by KLE number: what tells a worker whether the wall's cards it wrote for
    an area still hold (one query, no answers loaded). The times come as the database writes them: only
    compared, never read, and parsing 1,600 of them was a third of the query's time."""
    rows = in_scope(Sagsomraade.objects.filter(fagomraade__in=fagomraader)).order_by("kle__nummer")
    times = [Cast(path, TextField()) for path in ("aendret", *(f"{name}__aendret" for name in STAMPED))]
    return [
        (pk, fagomraade_id, tuple(stamped))
        for pk, fagomraade_id, *stamped in rows.values_list("pk", "fagomraade_id", *times)
    ]


def changed_since(workshop, since):
    """Ids of the workshop's sagsområder whose own fields or answers up to To-be were saved after `since`:
    one query of four indexed lookups, as cheap for 10,000 rows as for 10. Every open wall asks every few
    seconds, so the query's SQL is made once per database and then run with the workshop and the time
    (making it with the ORM each time was nine tenths of the answer)."""
    connection = connections[router.db_for_read(Sagsomraade)]
    sql, slots = _changed_since_sql(connection.alias)
    aendret = Sagsomraade._meta.get_field("aendret")
    values = {"workshop": workshop.pk, "since": aendret.get_db_prep_value(since, connection)}
    with connection.cursor() as cursor:
        cursor.execute(sql, [values[slot] for slot in slots])
        return {key for (key,) in cursor.fetchall()}


_MARKS = {"workshop": -7_300_001, "since": datetime.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=datetime.UTC)}


@cache
def _changed_since_sql(alias):
    """The SQL of changed_since and, for each of its parameters, which value goes there: found by making
    the query with marker values."""
    fagomraader = Fagomraade.objects.filter(workshops=_MARKS["workshop"])
    area = {"fagomraade__in": fagomraader, "aendret__gt": _MARKS["since"]}
    record = {"sagsomraade__fagomraade__in": fagomraader, "aendret__gt": _MARKS["since"]}
    areas = Sagsomraade.objects.filter(**area).order_by().values_list("pk", flat=True)
    records = [
        Sagsomraade._meta.get_field(name)
        .related_model.objects.filter(**record)
        .order_by()
        .values_list("sagsomraade_id", flat=True)
        for name in STAMPED
    ]
    sql, params = areas.union(*records).query.get_compiler(alias).as_sql()
    connection = connections[alias]
    marked = {
        _MARKS["workshop"]: "workshop",
        Sagsomraade._meta.get_field("aendret").get_db_prep_value(_MARKS["since"], connection): "since",
    }
    slots = [marked[param] for param in params]  # a KeyError: a parameter that is neither
    return sql, slots


def in_scope(queryset):
    return queryset.filter(IN_SCOPE)


def out_of_scope(queryset):
    return queryset.exclude(IN_SCOPE)


TOBE_SCOPE = tobe_scope()


def fagomraader_with_recommendations():
    """Fagområder with their number of C/D sagsområder and how many have a recommended scenario."""
    scope = aktive("sagsomraader__") & tobe_scope("sagsomraader__")
    return Fagomraade.objects.annotate(
        i_tobe=Count("sagsomraader", filter=scope),
        anbefalet=Count(
            "sagsomraader", filter=scope & Q(sagsomraader__tobe__anbefalet_scenarie__isnull=False)
        ),
    ).order_by("navn")


def scenarie_counts():
    """How many C/D sagsområder are recommended each scenario: {1: n, 2: n, 3: n, 4: n}."""
    counts = dict.fromkeys(loesningsscenarier.SCENARIER, 0)
    rows = (
        ToBe.objects.filter(aktive("sagsomraade__"), tobe_scope("sagsomraade__"))
        .exclude(anbefalet_scenarie=None)
        .values_list("anbefalet_scenarie")
        .annotate(n=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


def contract_dates_by_system(today):
    """Per IT system with contracts: when its last contract can end at the earliest, and its first
    notice deadline.

    Returns (exits, deadlines): exits maps system id -> date, or None while a contract waits for a
    phase-out date that is not known; deadlines maps system id -> (last day to give notice, contract).
    """
    exits, deadlines = {}, {}
    for system, found in contracts_by_system(today).items():
        for kontrakt, ophoer in found:
            known = exits.get(system, today)
            exits[system] = None if ophoer is None or known is None else max(known, ophoer.dato)
            deadline = ophoer.opsig_senest if ophoer is not None else None
            if deadline is not None and (system not in deadlines or deadline < deadlines[system][0]):
                deadlines[system] = (deadline, kontrakt)
    return exits, deadlines


def contracts_by_system(today):
    """{IT system id: [(kontrakt, its earliest end (Ophoer) or None)]}: a contract covering several
    systems stands under each of them. Every contract in one query (and one per relation)."""
    found = {}
    for kontrakt in Kontrakt.objects.prefetch_related("itsystemer", "afventer_udfasning"):
        ophoer = kontrakt.tidligste_ophoer(today)
        for system in kontrakt.itsystemer.all():
            found.setdefault(system.pk, []).append((kontrakt, ophoer))
    return found


def systems_left(sagsomraade):
    """The IT systems the recommended scenario moves away from: As-is systems that are not among
    the preferred To-be solutions. None while there is no recommendation."""
    asis, tobe = asis_of(sagsomraade), tobe_of(sagsomraade)
    if asis is None or tobe is None or not tobe.anbefalet_scenarie:
        return None
    current = {getattr(asis, f"{field}_id") for field, _label in FUNKTIONER} - {None}
    future = {getattr(tobe, f"{field}_id") for field, _label in LOESNINGER} - {None}
    return current - future


def tidligste_virkning(sagsomraade, exits, today):
    """The earliest day the recommended scenario can take effect: when the contracts of the systems
    it leaves have ended. None while unknown (no recommendation, or a contract waits for an unknown
    phase-out date)."""
    left = systems_left(sagsomraade)
    if left is None or any(system in exits and exits[system] is None for system in left):
        return None
    return kontraktdatoer.earliest_effect(today, [exits.get(system) for system in left])
