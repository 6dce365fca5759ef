"""Import of KL's official KLE-XML emneplan (format 2.0 and the KLE-online "fuld" format).

Parsing is separate from saving: `parse_emneplan` turns a file into plain entries and refuses
anything that is not a KLE emneplan; `kle_import` writes them in one transaction.
"""

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from .models import KLE, Sagsomraade

LEVELS = [
    # (niveau, element name, number pattern)
    (KLE.Niveau.HOVEDGRUPPE, "Hovedgruppe", r"\d\d"),
    (KLE.Niveau.GRUPPE, "Gruppe", r"\d\d\.\d\d"),
    (KLE.Niveau.EMNE, "Emne", r"\d\d\.\d\d\.\d\d"),
]
FIELDS = ["titel", "niveau", "parent_id", "status", "oprettet", "rettet", "udgaaet", "flyttet_til", "uuid"]


class KleImportError(Exception):
    """The file is not a KLE emneplan; the message is Danish and meant for the user."""


@dataclass
class KleEntry:
    nummer: str
    titel: str
    niveau: str
    parent_nummer: str | None
    status: str = KLE.Status.AKTIV
    oprettet: date | None = None
    rettet: date | None = None
    udgaaet: date | None = None
    flyttet_til: list[str] = field(default_factory=list)
    uuid: UUID | None = None


@dataclass
class Emneplan:
    udgivet: date | None
    entries: list[KleEntry]


@dataclass
class KleImportResult:
    udgivet: date | None
    per_niveau: Counter = field(default_factory=Counter)
    per_status: Counter = field(default_factory=Counter)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _date(text, where):
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise KleImportError(f"Ugyldig dato «{text}» ved {where}.") from None


def _text(element, name):
    child = element.find(name)
    return (child.text or "").strip() if child is not None else ""


def _size(source):
    if isinstance(source, str | os.PathLike):
        return os.path.getsize(source)
    position = source.tell()
    size = source.seek(0, os.SEEK_END)
    source.seek(position)
    return size


def parse_emneplan(source):
    """Parse a KLE-XML file (path or file object) into an Emneplan, refusing anything else: a file
    beyond the size limit before it is read, and an inconsistent one with every error listed."""
    if _size(source) > settings.KLE_IMPORT_MAX_BYTES:
        raise KleImportError(
            f"Filen er større end {settings.KLE_IMPORT_MAX_BYTES // (1024 * 1024)} MB og læses ikke; "
            "KL's emneplan fylder nogle få MB."
        )
    try:
        root = SafeET.parse(source, forbid_dtd=True).getroot()
    except DefusedXmlException:
        raise KleImportError("Filen indeholder DTD eller entiteter og afvises af sikkerhedshensyn.") from None
    except SafeET.ParseError as error:
        raise KleImportError(f"Filen er ikke gyldig XML ({error}).") from None
    for element in root.iter():
        element.tag = _local(element.tag)
    if root.tag != "KLE-Emneplan":
        raise KleImportError(
            f"Filen er ikke en KLE-emneplan: rodelementet er «{root.tag}», ikke «KLE-Emneplan»."
        )
    entries, errors = {}, []
    _parse_level(root, 0, None, entries, errors)
    if not entries and not errors:
        raise KleImportError("Filen indeholder ingen KLE-hovedgrupper.")
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN] + (
            [f"… og {len(errors) - MAX_ERRORS_SHOWN} fejl mere."] if len(errors) > MAX_ERRORS_SHOWN else []
        )
        raise KleImportError(f"Filen har {len(errors)} fejl:\n" + "\n".join(shown) + "\n")
    return Emneplan(_date(_text(root, "UdgivelsesDato"), "UdgivelsesDato"), list(entries.values()))


MAX_ERRORS_SHOWN = 50


def _parse_level(parent_element, depth, parent_nummer, entries, errors):
    niveau, name, pattern = LEVELS[depth]
    for element in parent_element.findall(name):
        nummer = _text(element, f"{name}Nr")
        where = f"under {parent_nummer}" if parent_nummer else "i filen"
        if not re.fullmatch(pattern, nummer):
            errors.append(f"Ugyldigt {name}Nr «{nummer}» {where}.")
            continue
        if parent_nummer and nummer.rsplit(".", 1)[0] != parent_nummer:
            errors.append(f"{name} {nummer} ligger {where}, men hører til {nummer.rsplit('.', 1)[0]}.")
        entry = KleEntry(nummer, _text(element, f"{name}Titel"), niveau, parent_nummer)
        if not entry.titel:
            errors.append(f"{name} {nummer} har ingen titel.")
        try:
            _read_admin_info(element.find(f"{name}AdministrativInfo"), entry)
            raw_uuid = _text(element, "UUID")
            entry.uuid = UUID(raw_uuid) if raw_uuid else None
        except KleImportError as error:
            errors.append(str(error))
        except ValueError:
            errors.append(f"Ugyldigt UUID «{raw_uuid}» ved {nummer}.")
        # A number listed twice (expired, then re-created) counts once, preferring the active entry;
        # twice active is an error, not "the last one wins".
        earlier = entries.get(nummer)
        if earlier is not None and earlier.status == entry.status == KLE.Status.AKTIV:
            errors.append(f"{name} {nummer} står som gældende to gange.")
        elif earlier is None or entry.status == KLE.Status.AKTIV:
            entries[nummer] = entry
        if depth + 1 < len(LEVELS):
            _parse_level(element, depth + 1, nummer, entries, errors)


def _read_admin_info(info, entry):
    if info is None:
        return
    entry.oprettet = _date(_text(info, "OprettetDato"), entry.nummer)
    rettet = [_date(e.text, entry.nummer) for e in info.findall("RettetDato") if e.text]
    entry.rettet = max(rettet) if rettet else None
    historisk = info.find("Historisk")
    if historisk is None:
        return
    flyttet = historisk.find("Flyttet")
    if flyttet is not None:
        entry.status = KLE.Status.FLYTTET
        entry.udgaaet = _date(_text(flyttet, "FlyttetDato"), entry.nummer)
        entry.flyttet_til = [
            (child.text or "").strip()
            for afloest in flyttet.findall("AfloestAf")
            for child in afloest
            if (child.text or "").strip()
        ]
    else:
        entry.status = KLE.Status.UDGAAET
        entry.udgaaet = _date(_text(historisk, "UdgaaetDato"), entry.nummer)


def kle_import(emneplan):
    """Create and update KLE topics from a parsed emneplan, all or nothing. Never deletes."""
    result = KleImportResult(udgivet=emneplan.udgivet)
    with transaction.atomic():
        existing = {k.nummer: k for k in KLE.objects.all()}
        for niveau, _name, _pattern in LEVELS:
            to_create, to_update = [], []
            for entry in emneplan.entries:
                if entry.niveau != niveau:
                    continue
                result.per_niveau[niveau] += 1
                result.per_status[entry.status] += 1
                values = _values(entry, existing)
                topic = existing.get(entry.nummer)
                if topic is None:
                    to_create.append(KLE(nummer=entry.nummer, **values))
                elif any(getattr(topic, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(topic, name, value)
                    to_update.append(topic)
                else:
                    result.unchanged += 1
            for topic in KLE.objects.bulk_create(to_create, batch_size=500):
                existing[topic.nummer] = topic
            KLE.objects.bulk_update(to_update, FIELDS, batch_size=500)
            result.created += len(to_create)
            result.updated += len(to_update)
    return result


def _values(entry, existing):
    parent = existing.get(entry.parent_nummer) if entry.parent_nummer else None
    return {
        "titel": entry.titel,
        "niveau": entry.niveau,
        "parent_id": parent.pk if parent else None,
        "status": entry.status,
        "oprettet": entry.oprettet,
        "rettet": entry.rettet,
        "udgaaet": entry.udgaaet,
        "flyttet_til": entry.flyttet_til,
        "uuid": entry.uuid,
    }


@dataclass
class KleDiff:
    """What a KLE release changes against what we hold, and which of our sagsområder each change
    touches (their own number, or one they also cover)."""

    udgivet: date | None
    nye: list = field(default_factory=list)  # KleEntry
    omdoebte: list = field(default_factory=list)  # (number, old title, new title)
    udgaaede: list = field(default_factory=list)  # number
    flyttede: list = field(default_factory=list)  # (number, [new numbers])
    beroerte: dict = field(default_factory=dict)  # number -> [Sagsomraade]

    @property
    def tom(self):
        return not (self.nye or self.omdoebte or self.udgaaede or self.flyttede)


def kle_diff(emneplan):
    """The release's difference from the catalogue we hold (nothing is written)."""
    diff = KleDiff(udgivet=emneplan.udgivet)
    existing = {k.nummer: k for k in KLE.objects.all()}
    for entry in sorted(emneplan.entries, key=lambda e: e.nummer):
        topic = existing.get(entry.nummer)
        if topic is None:
            diff.nye.append(entry)
            continue
        if topic.titel != entry.titel:
            diff.omdoebte.append((entry.nummer, topic.titel, entry.titel))
        if entry.status != topic.status and entry.status == KLE.Status.UDGAAET:
            diff.udgaaede.append(entry.nummer)
        if entry.status == KLE.Status.FLYTTET and (topic.status, topic.flyttet_til) != (
            entry.status,
            entry.flyttet_til,
        ):
            diff.flyttede.append((entry.nummer, entry.flyttet_til))
    touched = {n for n, _old, _new in diff.omdoebte} | set(diff.udgaaede) | {n for n, _to in diff.flyttede}
    areas = Sagsomraade.objects.filter(Q(kle__nummer__in=touched) | Q(ogsaa_daekker__nummer__in=touched))
    for area in areas.select_related("fagomraade", "kle").prefetch_related("ogsaa_daekker").distinct():
        for nummer in {area.kle.nummer, *(k.nummer for k in area.ogsaa_daekker.all())} & touched:
            diff.beroerte.setdefault(nummer, []).append(area)
    return diff


def diff_rapport(diff):
    """The difference as lines of Danish text (the command prints them; the page shows the same)."""

    def touched(nummer):
        areas = diff.beroerte.get(nummer, [])
        return (
            f" – berører {', '.join(f'{a.fagomraade.navn} {a.kle.nummer}' for a in areas)}" if areas else ""
        )

    lines = [f"KLE-udgivelse {diff.udgivet or 'uden dato'}:"]
    lines += [f"  Nyt: {e.nummer} {e.titel}" for e in diff.nye]
    lines += [f"  Nyt navn: {n} «{old}» → «{new}»{touched(n)}" for n, old, new in diff.omdoebte]
    lines += [f"  Udgået: {n}{touched(n)}" for n in diff.udgaaede]
    lines += [f"  Flyttet: {n} → {', '.join(to) or 'ukendt'}{touched(n)}" for n, to in diff.flyttede]
    if diff.tom:
        lines.append("  Ingen ændringer i forhold til det, vi har.")
    return lines
