"""Reading the municipality's IT systems from OS2 KITOS, read-only: through its API v2 with an API
user's token, or from saved JSON files of the same shape (for installations without network access to
KITOS, and for tests). Plain Python, no Django: exitstrategi.kitos_import maps what is read onto our
register.

What is read follows KITOS's public source (os2kitos/kitos, Presentation.Web/Models/API/V2/Response):
`it-system-usages` (ItSystemUsageResponseDTO: the systems the municipality uses, their validity and
using org units, local KLE deviations), `it-systems/{uuid}` (ItSystemResponseDTO: the catalogue's name,
rights holder and KLE) and the delta feed of deleted usages (TrackingEventResponseDTO). Every value is
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
USAGE = "ItSystemUsage"  # TrackedEntityTypeChoice


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


@dataclass
class Udtraek:
    """What one reading brought: systems, deleted usages, and what could not be read."""

    systemer: list = field(default_factory=list)
    slettede: set = field(default_factory=set)  # usage UUIDs deleted in KITOS
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
    for record in source.deleted(since):
        if isinstance(record, dict) and record.get("entityType") in (USAGE, 1):
            try:
                result.slettede.add(_uuid(record.get("entityUuid")))
            except ValueError:
                continue
    return result


def _usage(record):
    if not isinstance(record, dict):
        raise ValueError("ikke et JSON-objekt")
    context = _dict(record.get("systemContext"))
    general = _dict(record.get("general"))
    validity = _dict(general.get("validity"))
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

    def system_usages(self, since):
        params = {"organizationUuid": self.organisation}
        if since is not None:
            params["changedSinceGtEq"] = since.isoformat()
        return self._pages("/api/v2/it-system-usages", params)

    def it_system(self, system_uuid):
        return self._get(f"/api/v2/it-systems/{system_uuid}")

    def deleted(self, since):
        if since is None:  # a full reading: what is not among the usages is gone
            return []
        params = {"entityType": USAGE, "deletedSinceUTC": since.isoformat()}
        return self._pages("/api/v2/delta-feed/deleted-entities", params)


class Filer:
    """The same data saved as JSON files in one folder: it-system-usages.json and it-systems.json
    (lists of the API's records), and optionally deleted-entities.json (the delta feed)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self._systems = None

    def _load(self, name, required=True):
        import json

        path = self.folder / name
        if not path.exists():
            if required:
                raise KitosFejl(f"Filen {name} mangler i {self.folder}.")
            return []
        if path.stat().st_size > MAX_FILE_BYTES:
            raise KitosFejl(f"Filen {name} er større end {MAX_FILE_BYTES // 2**20} MB.")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise KitosFejl(f"Filen {name} er ikke gyldig JSON: {error}") from None
        if not isinstance(data, list):
            raise KitosFejl(f"Filen {name} skal indeholde en liste.")
        return data

    def system_usages(self, since):
        return self._load("it-system-usages.json")

    def it_system(self, system_uuid):
        if self._systems is None:
            self._systems = {str(_dict(s).get("uuid", "")).lower(): s for s in self._load("it-systems.json")}
        return self._systems.get(system_uuid, {})

    def deleted(self, since):
        return self._load("deleted-entities.json", required=False)
