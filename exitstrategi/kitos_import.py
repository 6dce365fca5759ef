"""KITOS's IT systems and IT contracts into our register and contract overview (exitstrategi.kitos reads
them): first a preview of what is added, changed field by field and removed, then all of it in one
transaction, with the Historik source "KITOS <date>". Each record keeps the values last imported, so a
field changed here since then and also in KITOS is a conflict, where ours is kept unless the project
leader chooses KITOS's; a field changed only here is left alone. Records are matched by their KITOS
UUID, the first time by name. What KITOS knows beyond our fields (a system's KLE numbers and using org
units) is kept as suggestions."""

import hashlib
from copy import copy
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import kitos
from .models import Fagomraade, ITSystem, KitosKoersel, Kontrakt, Sagsomraade
from .text import danish_slugify


@dataclass(frozen=True)
class Register:
    """One of our registers as KITOS fills it: its model, the fields KITOS owns, how a record is
    named in the preview, and the key that finds a record typed in by hand."""

    model: type
    felter: dict  # field -> label; the KITOS record has an attribute of the same name
    ental: str  # "system", "kontrakt"
    ny: str  # "Nyt system", "Ny kontrakt"
    navnenoegle: object  # name -> key for matching by name
    ukendt_naar_tom: frozenset = frozenset()  # fields where KITOS's None means "not said": ours stands


SYSTEMER = Register(
    ITSystem,
    {"navn": "Navn", "leverandoer": "Leverandør", "udfasning": "Forventet udfasning"},
    "system",
    "Nyt system",
    danish_slugify,
)
KONTRAKTER = Register(
    Kontrakt,
    {
        "navn": "Navn",
        "itsystemer": "IT-systemer",
        "leverandoer": "Leverandør",
        "type": "Kontrakttype",
        "startdato": "Startdato",
        "udloebsdato": "Udløbsdato",
        "uopsigelig_til": "Uopsigelig til",
        "opsigelsesvarsel": "Opsigelsesvarsel (måneder)",
        "opsigelsesbasis": "Opsigelse til udgangen af",
        "optioner": "Optioner",
        "option_maaneder": "Måneder pr. option",
        "optioner_udnyttet": "Optioner udnyttet",
        "opsagt": "Opsagt den",
        "udbud_kvartal": "Planlagt udbud, kvartal",
        "udbud_aar": "Planlagt udbud, år",
    },
    "kontrakt",
    "Ny kontrakt",
    str.casefold,
    frozenset(
        {"type", "opsigelsesvarsel", "opsigelsesbasis", "optioner", "option_maaneder", "optioner_udnyttet"}
    ),
)


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
    post: object  # our record
    kitos: object  # what KITOS holds
    felter: list = field(default_factory=list)  # taken from KITOS
    konflikter: list = field(default_factory=list)  # changed on both sides: ours kept unless chosen
    kobles: bool = False  # a record without a KITOS UUID, found by its name

    @property
    def valgte(self):
        return [felt for felt in self.konflikter if felt.valgt]


@dataclass
class Afsnit:
    register: Register
    nye: list = field(default_factory=list)
    aendrede: list = field(default_factory=list)
    fjernede: list = field(default_factory=list)
    koblede: list = field(default_factory=list)  # (record, KITOS record) of every matched record


@dataclass
class Plan:
    kilde: str
    tidspunkt: object
    fuldt: bool
    systemer: Afsnit = None
    kontrakter: Afsnit = None
    advarsler: list = field(default_factory=list)

    @property
    def afsnit(self):
        return [self.systemer, self.kontrakter]

    @property
    def fingeraftryk(self):
        """What the preview showed; applying refuses when the plan made again differs from it."""
        shown = [
            (
                [incoming.uuid for incoming in a.nye],
                [
                    (c.post.pk, c.kobles, [(f.id, str(f.gammel), str(f.ny)) for f in c.felter + c.konflikter])
                    for c in a.aendrede
                ],
                [r.pk for r in a.fjernede],
            )
            for a in self.afsnit
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()

    @property
    def tom(self):
        return not any(
            a.nye or a.fjernede or any(c.felter or c.kobles or c.valgte for c in a.aendrede)
            for a in self.afsnit
        )


def since_last():
    """When the last import began: the next one asks KITOS only for what changed since (None: all)."""
    last = KitosKoersel.objects.order_by("-tidspunkt").first()
    return last.tidspunkt if last else None


def plan(udtraek, *, kilde, tidspunkt, overskriv=frozenset()):
    result = Plan(kilde=kilde, tidspunkt=tidspunkt, fuldt=udtraek.fuldt, advarsler=list(udtraek.advarsler))
    system_names = {str(s.kitos_uuid): s.navn for s in ITSystem.objects.exclude(kitos_uuid=None)}
    system_names |= {s.uuid: s.navn for s in udtraek.systemer}  # those this reading brings or renames
    contracts = [_as_ours(k, system_names, result.advarsler) for k in udtraek.kontrakter]
    result.systemer = _section(SYSTEMER, udtraek.systemer, udtraek.slettede, udtraek.fuldt, overskriv, result)
    result.kontrakter = _section(
        KONTRAKTER, contracts, udtraek.slettede_kontrakter, udtraek.fuldt, overskriv, result
    )
    return result


@dataclass(frozen=True)
class _Contract:
    """A KITOS contract in our terms: our type, its systems as our names (new ones by KITOS's)."""

    source: kitos.Kontrakt
    type: str | None
    itsystemer: tuple

    def __getattr__(self, name):
        return getattr(self.source, name)


def _as_ours(incoming, system_names, advarsler):
    kind = next(
        (v for v, label in Kontrakt.Type.choices if label.casefold() == incoming.kontrakttype.casefold()),
        None,
    )
    if incoming.kontrakttype and kind is None:
        advarsler.append(
            f"{incoming.navn}: kontrakttypen «{incoming.kontrakttype}» findes ikke her; vælg selv typen."
        )
    names = [system_names[usage] for usage in incoming.systemer if usage in system_names]
    if len(names) < len(incoming.systemer):
        advarsler.append(
            f"{incoming.navn}: et af kontraktens systemer er ikke registreret i KITOS som i brug."
        )
    return _Contract(incoming, kind, tuple(sorted(names)))


def _section(register, incoming_records, deleted, fuldt, overskriv, result):
    section = Afsnit(register)
    model = register.model
    ours = list(_records(model))
    linked = {str(r.kitos_uuid): r for r in ours if r.kitos_uuid}
    unlinked = {}
    for record in ours:
        if not record.kitos_uuid:
            unlinked.setdefault(register.navnenoegle(record.navn), []).append(record)
    by_name = {key: found[0] for key, found in unlinked.items() if len(found) == 1}
    taken = {register.navnenoegle(r.navn): r for r in ours} if model is ITSystem else {}  # names are unique
    for incoming in incoming_records:
        record = linked.get(incoming.uuid)
        key = register.navnenoegle(incoming.navn)
        kobles = record is None and key in by_name
        if kobles:
            record = by_name.pop(key)
        if record is None:
            if key in taken:
                result.advarsler.append(
                    f"«{incoming.navn}» fra KITOS hedder som et andet {register.ental} her; ikke indlæst."
                )
            elif _valid(register, _as_new(register, incoming), result.advarsler):
                section.nye.append(incoming)
            continue
        section.koblede.append((record, incoming))
        change = _compare(register, record, incoming, overskriv, taken, result.advarsler)
        change.kobles = kobles
        if (change.felter or change.konflikter or kobles) and _valid(
            register, _as_changed(change), result.advarsler
        ):
            section.aendrede.append(change)
    seen = {incoming.uuid for incoming in incoming_records}
    gone = set(deleted) | (set(linked) - seen if fuldt else set())
    section.fjernede = [linked[u] for u in sorted(gone) if u in linked and linked[u].kitos_fjernet is None]
    return section


def _as_new(register, incoming):
    """The record KITOS's values make, unsaved (its systems are set when it is saved)."""
    record = register.model(kitos_uuid=incoming.uuid)
    for name in register.felter:
        value = getattr(incoming, name)
        if name != "itsystemer" and value is not None:
            setattr(record, name, value)
    if register.model is Kontrakt and incoming.type is None:
        record.type = Kontrakt.Type.ANDET  # KITOS named no type we know (reported)
    return record


def _as_changed(change):
    """A copy of our record with the KITOS values the plan takes, unsaved."""
    record = copy(change.post)
    for felt in change.felter + change.valgte:
        if felt.navn != "itsystemer":
            setattr(record, felt.navn, felt.ny)
    return record


def _valid(register, record, advarsler):
    """Whether the record passes its model's own rules (lengths, ranges, options used within options);
    a KITOS value that breaks one is reported and the record left out, so applying never fails."""
    try:
        record.full_clean(exclude=["slug", "itsystemer"], validate_unique=False)
    except ValidationError as error:
        why = "; ".join(f"{m}" for messages in error.message_dict.values() for m in messages)
        advarsler.append(f"{register.ental.capitalize()} «{record.navn}» fra KITOS er ikke indlæst: {why}")
        return False
    return True


def _records(model):
    return model.objects.prefetch_related("itsystemer") if model is Kontrakt else model.objects.all()


def _compare(register, record, incoming, overskriv, taken, advarsler):
    change = Aendring(record, incoming)
    for name, label in register.felter.items():
        theirs_value = getattr(incoming, name)
        if theirs_value is None and name in register.ukendt_naar_tom:
            continue  # KITOS does not say (or says it in words we cannot read): ours stands
        ours, theirs = _plain(_ours(record, name)), _plain(theirs_value)
        if ours == theirs:
            continue
        last = record.kitos_sidst.get(name)
        if name == "navn" and taken.get(register.navnenoegle(incoming.navn), record) != record:
            advarsler.append(
                f"KITOS kalder «{record.navn}» for «{incoming.navn}», som et andet {register.ental} hedder."
            )
            continue
        felt = Felt(f"{incoming.uuid}:{name}", name, label, _ours(record, name), theirs_value)
        if theirs == last:
            continue  # changed only here: ours stands
        if ours == last or (last is None and ours in ("", None, [])):
            change.felter.append(felt)
        else:
            felt.valgt = felt.id in overskriv
            change.konflikter.append(felt)
    return change


def _ours(record, name):
    if name == "itsystemer":
        return tuple(sorted(system.navn for system in record.itsystemer.all()))
    return getattr(record, name)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value) or None
    return value if value not in ("", None) else None


def _last_imported(register, incoming):
    return {name: _plain(getattr(incoming, name)) for name in register.felter}


def apply(result, user=None):
    """Write the plan in one transaction, systems before the contracts that name them; returns the
    KitosKoersel that records it."""
    reason = f"KITOS {timezone.localtime(result.tidspunkt):%d.%m.%Y}"
    with transaction.atomic():
        for section in result.afsnit:
            _apply_section(section, reason, user, result.tidspunkt)
        return KitosKoersel.objects.create(
            tidspunkt=result.tidspunkt,
            kilde=result.kilde[:300],
            bruger=user,
            fuld=result.fuldt,
            tilfoejet=sum(len(a.nye) for a in result.afsnit),
            aendret=sum(len(a.aendrede) for a in result.afsnit),
            fjernet=sum(len(a.fjernede) for a in result.afsnit),
            konflikter=sum(len(c.konflikter) - len(c.valgte) for a in result.afsnit for c in a.aendrede),
        )


def _apply_section(section, reason, user, tidspunkt):
    register = section.register
    for incoming in section.nye:
        record = _as_new(register, incoming)
        _save(register, record, incoming, reason, user, systems=incoming_systems(register, incoming, None))
    for change in section.aendrede:
        record = register.model.objects.select_for_update().get(pk=change.post.pk)
        chosen = change.felter + change.valgte
        for felt in chosen:
            if felt.navn != "itsystemer":
                setattr(record, felt.navn, felt.ny)
        record.kitos_uuid = change.kitos.uuid
        if register.model is ITSystem:
            record.markedsloesning = False  # the municipality uses it: its own register
        record.version += 1
        wanted = incoming_systems(register, change.kitos, chosen)
        _save(register, record, change.kitos, reason, user, systems=wanted)
    changed = {change.post.pk for change in section.aendrede}
    for record, incoming in section.koblede:
        if (
            record.pk not in changed
        ):  # what only the next comparison and the suggestions read: no Historik row
            register.model.objects.filter(pk=record.pk).update(**_kitos_fields(register, incoming))
    for record in section.fjernede:
        record.kitos_fjernet = timezone.localdate(tidspunkt)
        record._change_reason, record._history_user = reason, user
        record.save(update_fields=["kitos_fjernet"])


def incoming_systems(register, incoming, chosen):
    """The systems a new contract, or a changed one whose systems KITOS changed, covers; else None."""
    if register.model is not Kontrakt or (
        chosen is not None and not any(f.navn == "itsystemer" for f in chosen)
    ):
        return None
    return list(ITSystem.objects.filter(kitos_uuid__in=incoming.source.systemer))


def _kitos_fields(register, incoming):
    fields = {"kitos_sidst": _last_imported(register, incoming), "kitos_fjernet": None}
    if register.model is ITSystem:
        fields |= {
            "kitos_kle": list(incoming.kle),
            "kitos_orgenheder": [list(unit) for unit in incoming.orgenheder],
        }
    return fields


def _save(register, record, incoming, reason, user, systems=None):
    for name, value in _kitos_fields(register, incoming).items():
        setattr(record, name, value)
    record._change_reason, record._history_user = reason, user
    record.save()
    if systems is not None:
        record.itsystemer.set(systems)


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
    scope = "hele registret" if result.fuldt else "ændringer siden sidste indlæsning"
    lines = [f"KITOS ({result.kilde}): {scope}"]
    for section in result.afsnit:
        lines += [f"  {section.register.ny}: {incoming.navn}" for incoming in section.nye]
        for change in section.aendrede:
            name = change.post.navn
            if change.kobles:
                lines.append(f"  Kobles til KITOS: {name}")
            lines += [
                f"  Ændret: {name}, {f.label}: {_shown(f.gammel)} → {_shown(f.ny)}" for f in change.felter
            ]
            lines += [
                f"  Konflikt [{f.id}]: {name}, {f.label}: her {_shown(f.gammel)}, i KITOS {_shown(f.ny)} – "
                f"{'KITOS vælges' if f.valgt else 'vores beholdes'}"
                for f in change.konflikter
            ]
        lines += [
            f"  Fjernet i KITOS: {r.navn} (beholdes her, markeret som fjernet)" for r in section.fjernede
        ]
    lines += [f"  Advarsel: {text}" for text in result.advarsler]
    if result.tom:
        lines.append("  Intet at ændre.")
    return lines


def _shown(value):
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, tuple):
        return ", ".join(value) or "(ingen)"
    return f"«{value}»" if value not in ("", None) else "(tom)"
