"""Reading the municipality's IT systems and IT contracts from OS2 KITOS, read-only: through its API v2
with an API user's token, or from saved JSON files of the same shape (for installations without network
access to KITOS, and for tests). Plain Python, no Django: exitstrategi.kitos_import maps what is read onto our
register.

What is read follows KITOS's public source (os2kitos/kitos, Presentation.Web/Models/API/V2/Response):
`it-system-usages` (ItSystemUsageResponseDTO: the systems the municipality uses, their validity and
using org units, local KLE deviations), `it-systems/{uuid}` (ItSystemResponseDTO: the catalogue's name,
rights holder and KLE), `it-contracts` (ItContractResponseDTO: supplier, type, validity, agreement
period, termination terms, procurement plan, the usages it covers) and the delta feed of deleted
usages and contracts (TrackingEventResponseDTO). Every value is
checked: a record that cannot be read is reported and left out, never guessed."""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

PAGE_SIZE = 250  # KITOS's largest page (BoundedPaginationConstraints.MaxPageSize)
MAX_RECORDS = 50_000  # a feed that never ends is stopped
MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_MAX = 200
KLE_NUMBER = re.compile(r"^\d{2}(\.\d{2}){0,2}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
USAGE, CONTRACT = "ItSystemUsage", "ItContract"  # TrackedEntityTypeChoice (by name, or 1 and 3)
ENTITY_TYPES = {1: USAGE, 3: CONTRACT}
YEAR_SEGMENTS = {  # YearSegmentChoice -> our notice basis (exitstrategi.kontraktdatoer)
    "EndOfMonth": "maaned",
    "EndOfQuarter": "kvartal",
    "EndOfCalendarYear": "aar",
    2: "maaned",
    1: "kvartal",
    0: "aar",
}
EXTENSION = re.compile(r"^\s*(\d{1,2})\s*[x×*]\s*(\d{1,3})\s*(år|aar|mdr\.?|måned(?:er)?)\s*$", re.IGNORECASE)


class KitosFejl(Exception):
    """KITOS (or the files) could not be read; the message says why, in Danish."""


@dataclass(frozen=True)
class System:
    """One IT system the municipality uses, as KITOS registers it."""

    uuid: str  # the system usage's UUID: the municipality's own registration
    navn: str
    leverandoer: str = ""  # the catalogue's rights holder
    udfasning: date | None = None  # the end of the usage's validity
    kle: tuple = ()  # KLE numbers: the catalogue's, with the municipality's own additions and removals
    orgenheder: tuple = ()  # (uuid, name) of the org units that use it


@dataclass(frozen=True)
class Kontrakt:
    """One IT contract, with the terms that decide when it can end, as KITOS registers them. A term
    KITOS leaves empty, or names in words we cannot read, is None: nothing is guessed."""

    uuid: str
    navn: str
    systemer: tuple = ()  # UUIDs of the system usages it covers
    leverandoer: str = ""
    kontrakttype: str = ""  # KITOS's name for the type; mapped onto ours by exitstrategi.kitos_import
    startdato: date | None = None
    udloebsdato: date | None = None  # None: runs until terminated ("løbende")
    uopsigelig_til: date | None = None
    opsigelsesvarsel: int | None = None  # months
    opsigelsesbasis: str | None = None
    optioner: int | None = None
    option_maaneder: int | None = None
    optioner_udnyttet: int | None = None
    opsagt: date | None = None
    udbud_kvartal: int | None = None
    udbud_aar: int | None = None


@dataclass
class Udtraek:
    """What one reading brought: systems, contracts, deletions, and what could not be read."""

    systemer: list = field(default_factory=list)
    kontrakter: list = field(default_factory=list)
    slettede: set = field(default_factory=set)  # UUIDs of usages deleted in KITOS
    slettede_kontrakter: set = field(default_factory=set)
    advarsler: list = field(default_factory=list)
    fuldt: bool = True  # everything was read (not only changes): a system not among them is gone


def read(source, since=None):
    """The usages (changed since `since`, a datetime, or all), each with its catalogue entry."""
    result = Udtraek(fuldt=since is None)
    catalogue = {}
    for number, record in enumerate(source.system_usages(since), start=1):
        if number > MAX_RECORDS:
            raise KitosFejl(f"KITOS sendte mere end {MAX_RECORDS} systemer; indlæsningen er stoppet.")
        try:
            usage = _usage(record)
        except ValueError as error:
            result.advarsler.append(f"Et system i KITOS kunne ikke læses og er sprunget over: {error}")
            continue
        system_uuid = usage.pop("system_uuid")
        if system_uuid not in catalogue:
            catalogue[system_uuid] = _catalogue(source.it_system(system_uuid), result.advarsler)
        entry = catalogue[system_uuid]
        kle = (set(entry["kle"]) | usage.pop("tilfoejet")) - usage.pop("fjernet")
        result.systemer.append(System(**usage, leverandoer=entry["leverandoer"], kle=tuple(sorted(kle))))
    for number, record in enumerate(source.contracts(since), start=1):
        if number > MAX_RECORDS:
            raise KitosFejl(f"KITOS sendte mere end {MAX_RECORDS} kontrakter; indlæsningen er stoppet.")
        try:
            result.kontrakter.append(_contract(record, result.advarsler))
        except ValueError as error:
            result.advarsler.append(f"En kontrakt i KITOS kunne ikke læses og er sprunget over: {error}")
    for record in source.deleted(since):
        kind = ENTITY_TYPES.get(_dict(record).get("entityType"), _dict(record).get("entityType"))
        target = {USAGE: result.slettede, CONTRACT: result.slettede_kontrakter}.get(kind)
        try:
            if target is not None:
                target.add(_uuid(record.get("entityUuid")))
        except ValueError:
            continue
    return result


def _validity(record):
    """The record's general validity (usages and contracts alike), or ValueError if it is no object."""
    if not isinstance(record, dict):
        raise ValueError("ikke et JSON-objekt")
    return _dict(_dict(record.get("general")).get("validity"))


def _usage(record):
    validity = _validity(record)
    context = _dict(record.get("systemContext"))
    usage = _dict(record.get("organizationUsage"))
    deviations = _dict(record.get("localKLEDeviations"))
    navn = _text(context.get("name"))
    if not navn:
        raise ValueError("systemet har intet navn")
    return {
        "uuid": _uuid(record.get("uuid")),
        "system_uuid": _uuid(context.get("uuid")),
        "navn": navn,
        "udfasning": _date(validity.get("validTo")),
        "orgenheder": tuple(
            sorted(
                (_uuid(unit.get("uuid")), _text(unit.get("name")))
                for unit in _list(usage.get("usingOrganizationUnits"))
                if isinstance(unit, dict)
            )
        ),
        "tilfoejet": set(_kle_numbers(deviations.get("addedKLE"))),
        "fjernet": set(_kle_numbers(deviations.get("removedKLE"))),
    }


def _contract(record, advarsler):
    validity = _validity(record)
    navn = _text(record.get("name"))
    if not navn:
        raise ValueError("kontrakten har intet navn")
    general = _dict(record.get("general"))
    period = _dict(record.get("agreementPeriod"))
    termination = _dict(record.get("termination"))
    terms = _dict(termination.get("terms"))
    plan = _dict(_dict(record.get("procurement")).get("procurementPlan"))
    notice = _text(_dict(terms.get("noticePeriodMonths")).get("name"))
    if notice and not notice.isdecimal():
        advarsler.append(f"{navn}: opsigelsesvarslet «{notice}» er ikke et antal måneder; udfyld det selv.")
    extension = _text(_dict(period.get("extensionOptions")).get("name"))
    options = EXTENSION.match(extension) if extension else None
    if extension and options is None:
        advarsler.append(
            f"{navn}: optionerne «{extension}» kan ikke læses (fx «2 x 12 mdr»); udfyld dem selv."
        )
    months = None
    if options is not None:
        months = int(options.group(2)) * (12 if options.group(3).lower() in ("år", "aar") else 1)
    used = period.get("extensionOptionsUsed")
    return Kontrakt(
        uuid=_uuid(record.get("uuid")),
        navn=navn,
        systemer=tuple(sorted({_uuid(_dict(u).get("uuid")) for u in _list(record.get("systemUsages"))})),
        leverandoer=_text(_dict(_dict(record.get("supplier")).get("organization")).get("name")),
        kontrakttype=_text(_dict(general.get("contractType")).get("name")),
        startdato=_date(validity.get("validFrom")),
        udloebsdato=None if period.get("isContinuous") is True else _date(validity.get("validTo")),
        uopsigelig_til=_date(period.get("irrevocableUntil")),
        opsigelsesvarsel=int(notice) if notice.isdecimal() and int(notice) <= 60 else None,
        opsigelsesbasis=YEAR_SEGMENTS.get(terms.get("noticeByEndOf")),
        optioner=int(options.group(1)) if options else None,
        option_maaneder=months if months is not None and months <= 120 else None,
        optioner_udnyttet=_whole(used, 0, 20) if options else None,  # used of options we cannot read: unknown
        opsagt=_date(termination.get("terminatedAt")),
        udbud_kvartal=_whole(plan.get("quarterOfYear"), 1, 4),
        udbud_aar=_whole(plan.get("year"), 1950, 2150),
    )


def _whole(value, low, high):
    return value if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high else None


def _catalogue(record, advarsler):
    record = _dict(record)
    holder = _dict(record.get("rightsHolder"))
    numbers = _kle_numbers(record.get("kle"))
    wrong = [item for item in _list(record.get("kle")) if _text(_dict(item).get("name")) not in numbers]
    if wrong:
        advarsler.append(
            f"{_text(record.get('name')) or 'Et system'}: {len(wrong)} KLE-numre i KITOS er ikke gyldige."
        )
    return {"leverandoer": _text(holder.get("name")), "kle": numbers}


def _kle_numbers(items):
    names = (_text(_dict(item).get("name")) for item in _list(items))
    return [name for name in names if KLE_NUMBER.match(name)]


def _dict(value):
    return value if isinstance(value, dict) else {}


def _list(value):
    return value if isinstance(value, list) else []


def _text(value, limit=TEXT_MAX):
    """Text as we keep it: a string, without control characters, at most `limit` characters."""
    if not isinstance(value, str):
        return ""
    return CONTROL.sub("", value).strip()[:limit]


def _uuid(value):
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValueError(f"ugyldig UUID «{_text(str(value), 60)}»") from None


def _date(value):
    """A KITOS date-time (ISO 8601, UTC) as a date; None when absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


class Api:
    """KITOS's API v2 over HTTPS: a token from the API user's e-mail and password, then pages of
    `PAGE_SIZE` until a short page."""

    def __init__(self, url, organisation, *, email, password, timeout=30, session=None):
        import requests

        self.url, self.organisation = url.rstrip("/"), organisation
        self.email, self.password, self.timeout = email, password, timeout
        self.http = session or requests.Session()
        self.token = None

    def _get(self, path, params=None):
        import requests

        if self.token is None:
            self.token = self._login()
        try:
            response = self.http.get(
                f"{self.url}{path}",
                params=params,
                headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"},
                timeout=self.timeout,
            )
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            raise KitosFejl(f"KITOS svarede ikke som ventet ({path}): {error}") from None

    def _login(self):
        import requests

        try:
            response = self.http.post(
                f"{self.url}/api/authorize/GetToken",
                json={"email": self.email, "password": self.password},
                timeout=self.timeout,
            )
            response.raise_for_status()
            return response.json()["response"]["token"]
        except (requests.RequestException, ValueError, KeyError, TypeError):
            raise KitosFejl(
                "KITOS afviste API-brugeren. Tjek KITOS_EMAIL og KITOS_PASSWORD, og at brugeren har "
                "API-adgang i KITOS."
            ) from None

    def _pages(self, path, params):
        page = 0
        while True:
            records = self._get(path, {**params, "page": page, "pageSize": PAGE_SIZE})
            if not isinstance(records, list):
                raise KitosFejl(f"KITOS sendte ikke en liste fra {path}.")
            yield from records
            if len(records) < PAGE_SIZE or (page + 1) * PAGE_SIZE >= MAX_RECORDS + PAGE_SIZE:
                return
            page += 1

    def _organisations(self, path, since):
        """The organisation's records at `path`, only those changed since `since` when it is given."""
        params = {"organizationUuid": self.organisation}
        if since is not None:
            params["changedSinceGtEq"] = since.isoformat()
        return self._pages(path, params)

    def system_usages(self, since):
        return self._organisations("/api/v2/it-system-usages", since)

    def it_system(self, system_uuid):
        return self._get(f"/api/v2/it-systems/{system_uuid}")

    def contracts(self, since):
        return self._organisations("/api/v2/it-contracts", since)

    def deleted(self, since):
        if since is None:  # a full reading: what is not among those read is gone
            return
        for kind in (USAGE, CONTRACT):
            params = {"entityType": kind, "deletedSinceUTC": since.isoformat()}
            yield from self._pages("/api/v2/delta-feed/deleted-entities", params)


FILES = {  # file name -> whether a reading needs it
    "it-system-usages.json": True,
    "it-systems.json": True,
    "it-contracts.json": False,
    "deleted-entities.json": False,
}


def parse_file(name, content):
    """The list of records in one saved file (bytes), or KitosFejl."""
    import json

    if len(content) > MAX_FILE_BYTES:
        raise KitosFejl(f"Filen {name} er større end {MAX_FILE_BYTES // 2**20} MB.")
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KitosFejl(f"Filen {name} er ikke gyldig JSON: {error}") from None
    if not isinstance(data, list):
        raise KitosFejl(f"Filen {name} skal indeholde en liste.")
    return data


class Data:
    """Saved data already read: {file name: list of records} (an upload on the KITOS page)."""

    def __init__(self, files):
        self.files = files
        self._systems = None

    def _load(self, name, required=True):
        if name not in self.files:
            if required:
                raise KitosFejl(f"Filen {name} mangler.")
            return []
        return self.files[name]

    def system_usages(self, since):
        return self._load("it-system-usages.json")

    def it_system(self, system_uuid):
        if self._systems is None:
            self._systems = {str(_dict(s).get("uuid", "")).lower(): s for s in self._load("it-systems.json")}
        return self._systems.get(system_uuid, {})

    def contracts(self, since):
        return self._load("it-contracts.json", required=False)

    def deleted(self, since):
        return self._load("deleted-entities.json", required=False)


class Filer(Data):
    """The same data saved as JSON files in one folder: it-system-usages.json and it-systems.json
    (lists of the API's records), and optionally it-contracts.json and deleted-entities.json."""

    def __init__(self, folder):
        folder = Path(folder)
        files = {}
        for name, required in FILES.items():
            path = folder / name
            if path.exists():
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise KitosFejl(f"Filen {name} er større end {MAX_FILE_BYTES // 2**20} MB.")
                files[name] = parse_file(name, path.read_bytes())
            elif required:
                raise KitosFejl(f"Filen {name} mangler i {folder}.")
        super().__init__(files)
