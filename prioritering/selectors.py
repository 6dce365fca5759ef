"""Fase 4's reads: the areas in scope with the values the rules need, and the ranked list."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from exitstrategi import generation
from exitstrategi.indstillinger import Kommune
from exitstrategi.models import Sagsomraade, phase_record
from exitstrategi.sql_once import made_once
from workshops import loesningsscenarier
from workshops.models import FUNKTIONER
from workshops.selectors import asis_of, contract_dates_by_system, tidligste_virkning, tobe_of, tobe_scope

from . import billeder, brugerniveau, omfang, raekkefoelge, tidsplan
from .models import BeslutningLinje

JA = "ja"


def beslutning_i_kraft(path=""):
    """The latest decision line naming the area (a later record revises an earlier one)."""
    return BeslutningLinje.objects.filter(sagsomraade=OuterRef(f"{path}pk")).order_by("-beslutning_id")


def gaeldende_scenarie(sagsomraade):
    """(scenario, "besluttet" | "anbefalet" | None) in force for one area."""
    linje = BeslutningLinje.objects.filter(sagsomraade=sagsomraade).order_by("-beslutning_id").first()
    tobe = tobe_of(sagsomraade)
    return tidsplan.gaeldende_scenarie(
        linje.scenarie if linje else None, tobe.anbefalet_scenarie if tobe else None
    )


def omfang_expression(matrix):
    """Trin 2 in the database, so lists filter on it: the municipality's matrix as a CASE."""
    return Case(
        *(
            When(prioritering__brugerniveau=niveau, tobe__kompleksitet=kompleksitet, then=Value(vaerdi))
            for niveau, row in matrix.items()
            for kompleksitet, vaerdi in row.items()
        ),
        default=None,
        output_field=IntegerField(),
    )


def i_scope(kommune=None):
    """Fase 4's areas (screened Ja, brugsmønster C or D) with the decided scenario in force, the
    scenario in force (decided, else recommended), forretningskritisk in force (re-assessed, else the
    workshop's) and omfang, as annotations."""
    kommune = kommune or Kommune.get()
    latest = beslutning_i_kraft()
    return (
        Sagsomraade.objects.filter(tobe_scope())
        .select_related(
            "fagomraade",
            "kle",
            "asis",
            "tobe",
            "prioritering",
            *(f"asis__{field}" for field, _label in FUNKTIONER),  # the systems, for "afvent KY/KSD"
        )
        .prefetch_related("asis__monopolbrud_tsa_systemer")
        .annotate(
            besluttet=Subquery(latest.values("scenarie")[:1]),
            besluttet_begrundelse=Subquery(latest.values("begrundelse")[:1]),
            besluttet_i=Subquery(latest.values("beslutning_id")[:1]),
        )
        .annotate(
            scenarie=Coalesce(F("besluttet"), F("tobe__anbefalet_scenarie")),
            kritisk=Coalesce(
                NullIf(F("prioritering__forretningskritisk"), Value("")),
                NullIf(F("tobe__forretningskritisk"), Value("")),
            ),
            omfang=omfang_expression(kommune.omfang_matrix),
        )
        .order_by("kle__nummer", "fagomraade__navn")
    )


@dataclass
class Raekke:
    """One area on the Prioritering page: the leader's inputs, what the rules derive, and why."""

    sagsomraade: Sagsomraade
    scenarie: int | None
    scenarie_kilde: str | None  # "besluttet" or "anbefalet"
    kritisk: bool | None
    revurderet: bool
    forslag: str | None  # the suggested user level (ours), never stored
    omfang: omfang.Omfang
    tidligste_virkning: date | None
    nr: int | None = None
    begrundelse: str = ""
    sapa: str | None = None  # the move is "før" or "efter" SAPA's go-live; None: not known
    stoettesystemer: str | None = None  # the same for the støttesystemer

    @property
    def prioritering(self):
        return phase_record(self.sagsomraade, "prioritering")

    @property
    def tobe(self):
        return tobe_of(self.sagsomraade)

    @property
    def asis(self):
        return asis_of(self.sagsomraade)

    @property
    def flytning(self):
        return self.prioritering.flytning if self.prioritering else None

    @property
    def indkoeb(self):
        return tidsplan.INDKOEB.get(self.scenarie, "")

    @property
    def planpunkter(self):
        return tidsplan.planpunkter(self.scenarie)

    @property
    def advarsler(self):
        return tidsplan.advarsler(self.flytning, self.tidligste_virkning)


@dataclass
class Prioriteret:
    raekker: list  # ranked, first to last
    mangler: list  # in scope without a scenario: not ranked
    kommune: Kommune


def prioriteret(queryset=None, kommune=None):
    """Every area in scope, ranked by trin 4 (areas without a scenario apart, as missing)."""
    kommune = kommune or Kommune.get()
    areas = list(queryset if queryset is not None else i_scope(kommune))
    today = timezone.localdate()
    exits, _deadlines = contract_dates_by_system(today)
    forslag = brugerniveau.forslag({s.pk: asis_of(s).antal_sagsbehandlere for s in areas})
    raekker, mangler = [], []
    for s in areas:
        prioritering = phase_record(s, "prioritering")
        niveau = prioritering.brugerniveau if prioritering else ""
        tobe = tobe_of(s)
        raekke = Raekke(
            sagsomraade=s,
            scenarie=s.scenarie,
            scenarie_kilde="besluttet" if s.besluttet else "anbefalet" if s.scenarie else None,
            kritisk=_kritisk(s.kritisk),
            revurderet=bool(prioritering and prioritering.forretningskritisk),
            forslag=forslag[s.pk],
            omfang=omfang.omfang(niveau, tobe.kompleksitet if tobe else "", kommune.omfang_matrix),
            tidligste_virkning=tidligste_virkning(s, exits, today),
        )
        raekke.sapa = tidsplan.i_forhold_til(raekke.flytning, kommune.sapa_idriftsaettelse)
        raekke.stoettesystemer = tidsplan.i_forhold_til(
            raekke.flytning, kommune.stoettesystemer_idriftsaettelse
        )
        (raekker if raekke.scenarie else mangler).append(raekke)
    by_key = {r.sagsomraade.pk: r for r in raekker}
    emner = []
    for r in raekker:
        p = r.prioritering
        emner.append(
            _emne(
                r.sagsomraade.pk,
                r.sagsomraade.kle.nummer,
                r.scenarie,
                r.sagsomraade.kritisk,
                p and p.forretningskritisk,
                r.omfang.vaerdi,
                p and p.fastlaast_plads,
                p and p.fastlaast_tidspunkt,
                p and p.fastlaast_begrundelse,
            )
        )
    for placering in raekkefoelge.ranger(
        emner, kommune.prioriteringsstrategi, kommune.laengst_forberedelse_foerst
    ):
        raekke = by_key[placering.emne.key]
        raekke.nr, raekke.begrundelse = placering.nr, placering.begrundelse
    return Prioriteret(sorted(raekker, key=lambda r: r.nr), mangler, kommune)


def _kritisk(value):
    """The stored Ja/Nej (re-assessed, else the workshop's) as True, False or None (not assessed)."""
    return {JA: True, "nej": False}.get(value)


def _emne(key, kle, scenarie, kritisk, revurderet, omfang_, plads, tidspunkt, grund):
    """One area for the order; of two pins on one position the earlier pinned stands first."""
    return raekkefoelge.Emne(
        key=key,
        kle=kle,
        scenarie=scenarie,
        kritisk=_kritisk(kritisk),
        revurderet=bool(revurderet),
        omfang=omfang_,
        fastlaast=plads or None,
        fastlaast_orden=tidspunkt or timezone.now() if plads else 0,
        fastlaast_begrundelse=grund or "" if plads else "",
    )


def punkter(raekker):
    """The ranked areas as the pictures need them."""
    return [
        billeder.Punkt(
            nr=r.nr,
            kle=r.sagsomraade.kle.nummer,
            titel=r.sagsomraade.titel,
            scenarie=r.scenarie,
            kritisk=r.kritisk,
            omfang=r.omfang.vaerdi,
            flytning=r.flytning,
            tidligste_virkning=r.tidligste_virkning,
        )
        for r in raekker
    ]


def billeder_af(liste):
    """The three pictures of a ranked list: (matrix, (bars, height), timeline)."""
    points = punkter(liste.raekker)
    antal = {n: sum(1 for p in points if p.scenarie == n) for n in loesningsscenarier.SCENARIER}
    titler = {n: titel for n, (titel, _opgaver) in loesningsscenarier.SCENARIER.items()}
    milestones = [
        (liste.kommune.sapa_idriftsaettelse, "SAPA"),
        (liste.kommune.stoettesystemer_idriftsaettelse, "Støttesystemer"),
    ]
    return (
        billeder.matrix(points),
        billeder.fordeling(antal, titler),
        billeder.tidslinje(points, milestones, timezone.localdate()),
    )


RANGORDEN = (  # what the order is made of, per area
    "pk",
    "kle__nummer",
    "scenarie",
    "kritisk",
    "prioritering__forretningskritisk",
    "omfang",
    "besluttet",
    "prioritering__fastlaast_plads",
    "prioritering__fastlaast_tidspunkt",
    "prioritering__fastlaast_begrundelse",
)


def rangorden(kommune=None):
    """{sagsområde id: (place in the order, omfang, decided scenario)} for every area in scope with a
    scenario, from one query of plain values (its SQL made once per matrix), kept in the process until
    its inputs change: the Dokumentationsark's Fase 4 columns on any page."""
    kommune = kommune or Kommune.get()
    matrix = tuple((niveau, tuple(row.items())) for niveau, row in kommune.omfang_matrix.items())
    query = made_once(Sagsomraade, "rangorden", matrix, lambda: i_scope(kommune).values_list(*RANGORDEN))
    rows = generation.cached("rangorden", ("struktur", "svar"), lambda: tuple(query.rows()), shape=matrix)
    return _ordered(rows, kommune.prioriteringsstrategi, kommune.laengst_forberedelse_foerst)


@lru_cache(maxsize=1)
def _ordered(rows, strategi, laengst_foerst):
    """The order of the ranking's rows: the same rows and strategy give the same order, so a worker
    orders them again only when one of them changed (a workshop saving answers leaves them be)."""
    emner, extra = [], {}
    for pk, kle, scenarie, kritisk, revurderet, omfang_, besluttet, plads, tidspunkt, grund in rows:
        if not scenarie:
            continue
        extra[pk] = (omfang_, besluttet)
        emner.append(_emne(pk, kle, scenarie, kritisk, revurderet, omfang_, plads, tidspunkt, grund))
    order = raekkefoelge.orden(emner, strategi, laengst_foerst)
    return MappingProxyType({emne.key: (nr, *extra[emne.key]) for nr, emne in enumerate(order, 1)})
