"""KITOS's IT systems into our register (exitstrategi.kitos reads them): first a preview of what is added,
changed field by field and removed, then all of it in one transaction, with the Historik source
"KITOS <date>". Each system keeps the values last imported, so a field changed here since then and
also in KITOS is a conflict, where ours is kept unless the project leader chooses KITOS's; a field
changed only here is left alone. Systems are matched by their KITOS registration, the first time by
name. What KITOS knows beyond our fields (KLE numbers, using org units) is kept as suggestions."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import kitos
from .models import Fagomraade, ITSystem, KitosKoersel, Sagsomraade
from .text import danish_slugify

FELTER = {"navn": "Navn", "leverandoer": "Leverandør", "udfasning": "Forventet udfasning"}


@dataclass
class Felt:
    id: str  # "<KITOS uuid>:<field>": how the project leader chooses KITOS's value in a conflict
    navn: str
    label: str
    gammel: object
    ny: object
    valgt: bool = False


@dataclass
class Aendring:
    system: ITSystem
    kitos: kitos.System
    felter: list = field(default_factory=list)  # taken from KITOS
    konflikter: list = field(default_factory=list)  # changed on both sides: ours kept unless chosen
    kobles: bool = False  # an existing system without a KITOS registration, found by its name

    @property
    def valgte(self):
        return [felt for felt in self.konflikter if felt.valgt]


@dataclass
class Plan:
    kilde: str
    tidspunkt: object
    fuldt: bool
    nye: list = field(default_factory=list)
    aendrede: list = field(default_factory=list)
    fjernede: list = field(default_factory=list)
    koblede: list = field(default_factory=list)  # (ITSystem, kitos.System) of every matched system
    advarsler: list = field(default_factory=list)

    @property
    def tom(self):
        return not (self.nye or self.fjernede or any(a.felter or a.kobles or a.valgte for a in self.aendrede))


def since_last():
    """When the last import began: the next one asks KITOS only for what changed since (None: all)."""
    last = KitosKoersel.objects.order_by("-tidspunkt").first()
    return last.tidspunkt if last else None


def plan(udtraek, *, kilde, tidspunkt, overskriv=frozenset()):
    result = Plan(kilde=kilde, tidspunkt=tidspunkt, fuldt=udtraek.fuldt, advarsler=list(udtraek.advarsler))
    linked = {str(s.kitos_uuid): s for s in ITSystem.objects.exclude(kitos_uuid=None)}
    by_name = {s.slug: s for s in ITSystem.objects.filter(kitos_uuid=None)}
    names = {s.slug: s for s in ITSystem.objects.all()}
    for incoming in udtraek.systemer:
        system = linked.get(incoming.uuid)
        kobles = system is None and danish_slugify(incoming.navn) in by_name
        if kobles:
            system = by_name.pop(danish_slugify(incoming.navn))
        if system is None:
            if danish_slugify(incoming.navn) in names:
                result.advarsler.append(
                    f"«{incoming.navn}» fra KITOS hedder det samme som et andet system her; ikke indlæst."
                )
            else:
                result.nye.append(incoming)
            continue
        result.koblede.append((system, incoming))
        change = _compare(system, incoming, overskriv, names, result.advarsler)
        change.kobles = kobles
        if change.felter or change.konflikter or kobles:
            result.aendrede.append(change)
    seen = {incoming.uuid for incoming in udtraek.systemer}
    gone = set(udtraek.slettede) | (set(linked) - seen if udtraek.fuldt else set())
    result.fjernede = [linked[u] for u in sorted(gone) if u in linked and linked[u].kitos_fjernet is None]
    return result


def _compare(system, incoming, overskriv, names, advarsler):
    change = Aendring(system, incoming)
    for name, label in FELTER.items():
        ours, theirs = _plain(getattr(system, name)), _plain(getattr(incoming, name))
        if ours == theirs:
            continue
        last = system.kitos_sidst.get(name)
        if name == "navn" and names.get(danish_slugify(incoming.navn), system) != system:
            advarsler.append(
                f"KITOS kalder «{system.navn}» for «{incoming.navn}», som et andet system hedder her."
            )
            continue
        felt = Felt(f"{incoming.uuid}:{name}", name, label, getattr(system, name), getattr(incoming, name))
        if theirs == last:
            continue  # changed only here: ours stands
        if ours == last or (last is None and ours in ("", None)):
            change.felter.append(felt)
        else:
            felt.valgt = felt.id in overskriv
            change.konflikter.append(felt)
    return change


def _plain(value):
    return value.isoformat() if isinstance(value, date) else (value or None)


def _last_imported(incoming):
    return {name: _plain(getattr(incoming, name)) for name in FELTER}


def apply(result, user=None):
    """Write the plan in one transaction; returns the KitosKoersel that records it."""
    reason = f"KITOS {timezone.localtime(result.tidspunkt):%d.%m.%Y}"
    with transaction.atomic():
        for incoming in result.nye:
            system = ITSystem(
                navn=incoming.navn,
                leverandoer=incoming.leverandoer,
                udfasning=incoming.udfasning,
                kitos_uuid=incoming.uuid,
            )
            _save(system, incoming, reason, user)
        for change in result.aendrede:
            system = ITSystem.objects.select_for_update().get(pk=change.system.pk)
            for felt in change.felter + change.valgte:
                setattr(system, felt.navn, felt.ny)
            system.kitos_uuid = change.kitos.uuid
            system.markedsloesning = False  # the municipality uses it: its own register
            system.version += 1
            _save(system, change.kitos, reason, user)
        changed = {change.system.pk for change in result.aendrede}
        for system, incoming in result.koblede:
            if system.pk not in changed:  # what only feeds suggestions: no Historik row
                ITSystem.objects.filter(pk=system.pk).update(**_kitos_fields(incoming))
        for system in result.fjernede:
            system.kitos_fjernet = timezone.localdate(result.tidspunkt)
            system._change_reason, system._history_user = reason, user
            system.save(update_fields=["kitos_fjernet"])
        return KitosKoersel.objects.create(
            tidspunkt=result.tidspunkt,
            kilde=result.kilde[:300],
            bruger=user,
            fuld=result.fuldt,
            tilfoejet=len(result.nye),
            aendret=len(result.aendrede),
            fjernet=len(result.fjernede),
            konflikter=sum(len(c.konflikter) - len(c.valgte) for c in result.aendrede),
        )


def _kitos_fields(incoming):
    return {
        "kitos_kle": list(incoming.kle),
        "kitos_orgenheder": [list(unit) for unit in incoming.orgenheder],
        "kitos_sidst": _last_imported(incoming),
        "kitos_fjernet": None,
    }


def _save(system, incoming, reason, user):
    for name, value in _kitos_fields(incoming).items():
        setattr(system, name, value)
    system._change_reason, system._history_user = reason, user
    system.save()


def forslag(system):
    """What KITOS suggests about a system, offered, not applied: the fagområder that list an org unit
    using it, and the sagsområder under its KLE numbers (to screen)."""
    units = {str(unit[0]).lower() for unit in system.kitos_orgenheder if unit}
    fagomraader = [f for f in Fagomraade.objects.order_by("navn") if f.orgenhed_uuids() & units]
    under = Q(pk__in=[])
    for nummer in system.kitos_kle:
        under |= Q(kle__nummer=nummer) | Q(kle__nummer__startswith=f"{nummer}.")
    sagsomraader = (
        Sagsomraade.objects.filter(under).select_related("fagomraade", "kle").order_by("kle__nummer")
    )
    return fagomraader, list(sagsomraader[:50])


def rapport(result):
    """The preview as lines of Danish text (the command prints them; the page shows the same)."""
    lines = [
        f"KITOS ({result.kilde}): {'hele registret' if result.fuldt else 'ændringer siden sidste indlæsning'}"
    ]
    lines += [f"  Ny: {s.navn} ({s.leverandoer or 'ingen leverandør'})" for s in result.nye]
    for change in result.aendrede:
        if change.kobles:
            lines.append(f"  Kobles til KITOS: {change.system.navn}")
        lines += [
            f"  Ændret: {change.system.navn}, {f.label}: {_shown(f.gammel)} → {_shown(f.ny)}"
            for f in change.felter
        ]
        lines += [
            f"  Konflikt [{f.id}]: {change.system.navn}, {f.label}: her {_shown(f.gammel)}, i KITOS "
            f"{_shown(f.ny)} – {'KITOS vælges' if f.valgt else 'vores beholdes'}"
            for f in change.konflikter
        ]
    lines += [f"  Fjernet i KITOS: {s.navn} (beholdes her, markeret som fjernet)" for s in result.fjernede]
    lines += [f"  Advarsel: {text}" for text in result.advarsler]
    if result.tom:
        lines.append("  Intet at ændre.")
    return lines


def _shown(value):
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return f"«{value}»" if value else "(tom)"
