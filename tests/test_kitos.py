"""IT systems from OS2 KITOS into our register: recorded data shaped like KITOS's API v2 responses, read
from files and from a stub API served over HTTP (paging, changes since the last import, the delta feed
of deleted usages), mapped with a preview, conflicts and the Historik source "KITOS <date>".

The records follow os2kitos/kitos, Presentation.Web/Models/API/V2/Response: SystemUsage/
ItSystemUsageResponseDTO (with GeneralDataResponseDTO, ItSystemUsageValidityResponseDTO,
OrganizationUsageResponseDTO, LocalKLEDeviationsResponseDTO), System/BaseItSystemResponseDTO (KLE as
identity/name pairs whose name is the KLE number, RightsHolder) and Tracking/TrackingEventResponseDTO,
serialised in camelCase as the API sends them; the token from Controllers/API/V1/Auth/
TokenAuthenticationController (POST api/authorize/GetToken), pages from BoundedPaginationQuery."""

import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from exitstrategi import kitos, kitos_import
from exitstrategi.models import ITSystem, KitosKoersel, Sagsomraade
from tests.conftest import make_user

ORG = "3f0c4a8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f"
BORGERSERVICE_ENHED = "a1b2c3d4-0000-4000-8000-00000000000a"


def uid(n):
    return f"00000000-0000-4000-8000-{n:012d}"


def usage(n, system, name, *, valid_to=None, units=(), added=(), removed=(), **extra):
    """An ItSystemUsageResponseDTO of system `system` (its catalogue uuid number)."""
    return {
        "uuid": uid(n),
        "systemContext": {"uuid": uid(system), "name": name},
        "organizationContext": {"uuid": ORG, "name": "Eksempel Kommune", "cvr": "12345678"},
        "general": {
            "localCallName": None,
            "notes": "Fra KITOS",
            "validity": {"valid": True, "validFrom": "2019-01-01T00:00:00Z", "validTo": valid_to},
        },
        "organizationUsage": {
            "usingOrganizationUnits": [{"uuid": u, "name": f"Enhed {u[-2:]}"} for u in units],
            "responsibleOrganizationUnit": None,
        },
        "localKLEDeviations": {
            "addedKLE": [{"uuid": uid(900 + i), "name": k} for i, k in enumerate(added)],
            "removedKLE": [{"uuid": uid(950 + i), "name": k} for i, k in enumerate(removed)],
        },
        "lastModified": "2026-11-01T10:00:00Z",
        **extra,
    }


def it_system(n, name, holder, kle=()):
    """A BaseItSystemResponseDTO from the catalogue."""
    return {
        "uuid": uid(n),
        "name": name,
        "rightsHolder": {"uuid": uid(500 + n), "name": holder, "cvr": "11111111"} if holder else None,
        "kle": [{"uuid": uid(700 + i), "name": k} for i, k in enumerate(kle)],
        "deactivated": False,
    }


CATALOGUE = [
    it_system(101, "KMD Sag", "KMD A/S", ["32.24.04"]),
    it_system(102, "SBSYS", "SBSYS A/S", ["02.34"]),
    it_system(103, "Opera", "KMD A/S", []),
    it_system(104, "Ikke i brug", "Nogen A/S", []),  # in the catalogue, not used by the municipality
]


def usages():
    return [
        usage(
            1,
            101,
            "KMD Sag",
            valid_to="2027-06-30T00:00:00Z",
            units=[BORGERSERVICE_ENHED],
            removed=["32.24.04"],
            added=["32.06.00"],
        ),
        usage(2, 102, "SBSYS", units=[BORGERSERVICE_ENHED]),
        usage(3, 103, "Opera"),
    ]


def save_files(folder, records, catalogue=CATALOGUE, deleted=None):
    folder.mkdir(exist_ok=True)
    (folder / "it-system-usages.json").write_text(json.dumps(records), encoding="utf-8")
    (folder / "it-systems.json").write_text(json.dumps(catalogue), encoding="utf-8")
    if deleted is not None:
        (folder / "deleted-entities.json").write_text(json.dumps(deleted), encoding="utf-8")
    return folder


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_kitos", *args, stdout=out)
    return out.getvalue()


def test_a_first_import_fills_the_register_with_the_systems_the_municipality_uses(db, tmp_path):
    leader = make_user("pia", "Projektleder")
    output = run("--filer", str(save_files(tmp_path / "k", usages())), "--user", "pia")
    assert "Ny: KMD Sag (KMD A/S)" in output and "Ikke i brug" not in output
    kmd_sag = ITSystem.objects.get(navn="KMD Sag")
    assert (kmd_sag.leverandoer, kmd_sag.udfasning, str(kmd_sag.kitos_uuid)) == (
        "KMD A/S",
        date(2027, 6, 30),
        uid(1),
    )
    assert kmd_sag.kitos_kle == ["32.06.00"]  # the catalogue's, less the local removal, plus the addition
    assert kmd_sag.kitos_orgenheder == [[BORGERSERVICE_ENHED, "Enhed 0a"]]
    assert set(ITSystem.objects.values_list("navn", flat=True)) == {"KMD Sag", "SBSYS", "Opera"}
    record = kmd_sag.history.first()
    assert (
        record.history_change_reason == f"KITOS {timezone.localdate():%d.%m.%Y}"
        and record.history_user == leader
    )
    assert KitosKoersel.objects.get().tilfoejet == 3


def test_a_dry_run_shows_everything_and_changes_nothing(db, tmp_path):
    output = run("--filer", str(save_files(tmp_path / "k", usages())), "--dry-run")
    assert "Ny: SBSYS" in output and "Prøvekørsel: intet er gemt." in output
    assert not ITSystem.objects.exists() and not KitosKoersel.objects.exists()


def test_a_change_in_kitos_is_applied_field_by_field_and_a_change_here_is_kept(db, tmp_path):
    folder = save_files(tmp_path / "k", usages())
    run("--filer", str(folder))
    opera = ITSystem.objects.get(navn="Opera")
    opera.leverandoer = "Netcompany"  # changed here since the import
    opera.save()
    records = usages()
    records[0]["general"]["validity"]["validTo"] = "2028-12-31T00:00:00Z"  # changed in KITOS only
    save_files(folder, records)
    output = run("--filer", str(folder))
    assert "Ændret: KMD Sag, Forventet udfasning: 30.06.2027 → 31.12.2028" in output
    assert ITSystem.objects.get(navn="KMD Sag").udfasning == date(2028, 12, 31)
    assert ITSystem.objects.get(navn="Opera").leverandoer == "Netcompany"  # KITOS did not change it
    assert "Opera" not in output


def test_a_field_changed_on_both_sides_is_a_conflict_where_ours_stays_unless_chosen(db, tmp_path):
    folder = save_files(tmp_path / "k", usages())
    run("--filer", str(folder))
    sbsys = ITSystem.objects.get(navn="SBSYS")
    sbsys.leverandoer = "Vores leverandør"
    sbsys.save()
    catalogue = [dict(entry) for entry in CATALOGUE]
    catalogue[1] = it_system(102, "SBSYS", "Ny leverandør ApS", ["02.34"])
    save_files(folder, usages(), catalogue)
    output = run("--filer", str(folder))
    conflict = f"{uid(2)}:leverandoer"
    assert (
        f"Konflikt [{conflict}]: SBSYS, Leverandør: her «Vores leverandør», i KITOS «Ny leverandør ApS»"
        in output
    )
    assert ITSystem.objects.get(navn="SBSYS").leverandoer == "Vores leverandør"
    assert KitosKoersel.objects.first().konflikter == 1

    sbsys = ITSystem.objects.get(navn="SBSYS")
    sbsys.leverandoer = "Igen vores"
    sbsys.save()
    catalogue[1] = it_system(102, "SBSYS", "Tredje ApS", ["02.34"])
    save_files(folder, usages(), catalogue)
    run("--filer", str(folder), "--overskriv", conflict)
    assert ITSystem.objects.get(navn="SBSYS").leverandoer == "Tredje ApS"


def test_a_system_typed_in_by_hand_is_linked_by_its_name_and_a_differing_field_is_a_conflict(db, tmp_path):
    typed = ITSystem.objects.create(navn="kmd sag", leverandoer="KMD")
    output = run("--filer", str(save_files(tmp_path / "k", usages())))
    assert "Kobles til KITOS: kmd sag" in output
    typed.refresh_from_db()
    assert str(typed.kitos_uuid) == uid(1) and typed.udfasning == date(2027, 6, 30)  # empty here: taken
    assert typed.leverandoer == "KMD"  # differs, and we never knew KITOS's value: ours kept
    assert "Konflikt" in output and ITSystem.objects.filter(navn__iexact="kmd sag").count() == 1


def test_a_system_gone_from_a_full_reading_is_marked_removed_not_deleted(db, tmp_path):
    folder = save_files(tmp_path / "k", usages())
    run("--filer", str(folder))
    save_files(folder, usages()[:2])
    output = run("--filer", str(folder))
    assert "Fjernet i KITOS: Opera" in output
    opera = ITSystem.objects.get(navn="Opera")
    assert opera.kitos_fjernet == timezone.localdate()
    assert "Fjernet i KITOS: Opera" not in run("--filer", str(folder))  # reported once


@pytest.mark.parametrize(
    "broken, warning",
    [
        ({"systemContext": {"uuid": uid(101), "name": 42}}, "systemet har intet navn"),
        ({"uuid": "ikke-en-uuid"}, "ugyldig UUID «ikke-en-uuid»"),
        ({"systemContext": "en tekst"}, "systemet har intet navn"),
    ],
)
def test_a_record_that_cannot_be_read_is_reported_and_left_out(db, tmp_path, broken, warning):
    records = usages()
    records[2] = {**records[2], **broken}
    output = run("--filer", str(save_files(tmp_path / "k", records)))
    assert warning in output
    assert ITSystem.objects.count() == 2


def test_hostile_values_are_cleaned_not_trusted(db, tmp_path):
    records = usages()
    records[2]["systemContext"]["name"] = "Opera\x00\x1b[31m" + "x" * 10_000
    records[2]["general"]["validity"]["validTo"] = "i morgen"
    records[2]["localKLEDeviations"]["addedKLE"] = [{"uuid": uid(1), "name": "32.xx'; DROP TABLE"}]
    catalogue = [*CATALOGUE[:2], it_system(103, "Opera", '=HYPERLINK("http://x")', ["99.99.99.99"])]
    output = run("--filer", str(save_files(tmp_path / "k", records, catalogue)))
    opera = ITSystem.objects.get(kitos_uuid=uid(3))
    assert opera.navn.startswith("Opera[31m") and len(opera.navn) == 200 and "\x00" not in opera.navn
    assert opera.udfasning is None and opera.kitos_kle == []
    assert "1 KLE-numre i KITOS er ikke gyldige" in output


@pytest.mark.parametrize(
    "content, message",
    [("{}", "skal indeholde en liste"), ("ikke json", "er ikke gyldig JSON"), (None, "mangler")],
)
def test_a_file_that_is_not_kitos_data_is_refused_with_a_reason(db, tmp_path, content, message):
    folder = save_files(tmp_path / "k", usages())
    if content is None:
        (folder / "it-system-usages.json").unlink()
    else:
        (folder / "it-system-usages.json").write_text(content)
    with pytest.raises(CommandError, match=message):
        run("--filer", str(folder))
    assert not ITSystem.objects.exists()


def test_kitos_suggests_the_fagomraader_using_a_system_and_the_sagsomraader_under_its_kle(
    tmp_path, kle, borgerservice, arbejdsmarked
):
    borgerservice.orgenheder = BORGERSERVICE_ENHED.upper()
    borgerservice.save()
    Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["02.34.02"])
    Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.24.04"])
    run("--filer", str(save_files(tmp_path / "k", usages())))
    fagomraader, sagsomraader = kitos_import.forslag(ITSystem.objects.get(navn="SBSYS"))
    assert fagomraader == [borgerservice]
    assert [s.kle.nummer for s in sagsomraader] == ["02.34.02"]


class StubKitos:
    """KITOS's API v2 over HTTP: a token for the API user, pages of usages, the catalogue, the delta
    feed; it records the query of every request."""

    def __init__(self, records, deleted=()):
        self.records, self.deleted, self.requests = records, list(deleted), []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                ok = body == {"email": "api@kommune.dk", "password": "hemmeligt"}
                self.reply(200 if ok else 401, {"response": {"token": "t0k3n", "loginSuccessful": ok}})

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                stub.requests.append((url.path, query))
                if self.headers.get("Authorization") != "Bearer t0k3n":
                    return self.reply(401, {})
                if url.path == "/api/v2/it-system-usages":
                    start = int(query["page"]) * int(query["pageSize"])
                    return self.reply(200, stub.records[start : start + int(query["pageSize"])])
                if url.path.startswith("/api/v2/it-systems/"):
                    found = [s for s in CATALOGUE if s["uuid"] == url.path.rsplit("/", 1)[1]]
                    return self.reply(200 if found else 404, found[0] if found else {})
                if url.path == "/api/v2/delta-feed/deleted-entities":
                    return self.reply(200, stub.deleted if query["page"] == "0" else [])
                return self.reply(404, {})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def stub(settings, monkeypatch):
    server = StubKitos(usages())
    monkeypatch.setattr(kitos, "PAGE_SIZE", 2)  # three usages: two pages
    settings.KITOS_URL, settings.KITOS_ORGANISATION = server.url, ORG
    settings.KITOS_EMAIL, settings.KITOS_PASSWORD = "api@kommune.dk", "hemmeligt"
    yield server
    server.server.shutdown()


def test_the_api_is_read_page_by_page_and_a_rerun_asks_only_for_changes_and_deletions(db, stub):
    run()
    pages = [q for path, q in stub.requests if path == "/api/v2/it-system-usages"]
    assert [q["page"] for q in pages] == ["0", "1"] and all(q["organizationUuid"] == ORG for q in pages)
    assert "changedSinceGtEq" not in pages[0]
    assert ITSystem.objects.count() == 3

    stub.requests.clear()
    stub.records = [usage(1, 101, "KMD Sag", valid_to="2029-01-31T00:00:00Z")]
    stub.deleted = [
        {"occurredAtUtc": "2026-11-20T08:00:00Z", "entityUuid": uid(3), "entityType": "ItSystemUsage"}
    ]
    output = run()
    (path, query), *_ = stub.requests
    assert path == "/api/v2/it-system-usages" and query["changedSinceGtEq"]
    assert any(p == "/api/v2/delta-feed/deleted-entities" for p, _q in stub.requests)
    assert "Fjernet i KITOS: Opera" in output and "SBSYS" not in output  # a delta: SBSYS not gone
    assert ITSystem.objects.get(navn="KMD Sag").udfasning == date(2029, 1, 31)


def test_a_wrong_api_user_is_refused_with_a_danish_message(db, stub, settings):
    settings.KITOS_PASSWORD = "forkert"
    with pytest.raises(CommandError, match="KITOS afviste API-brugeren"):
        run()
    assert not ITSystem.objects.exists()


def test_the_next_import_reads_changes_since_the_last_one_began(db, tmp_path):
    assert kitos_import.since_last() is None
    run("--filer", str(save_files(tmp_path / "k", usages())))
    began = KitosKoersel.objects.get().tidspunkt
    assert kitos_import.since_last() == began and timezone.now() - began < timedelta(minutes=1)


def test_the_system_page_shows_what_kitos_knows_and_suggests(
    login, projektleder, tmp_path, kle, borgerservice
):
    borgerservice.orgenheder = BORGERSERVICE_ENHED
    borgerservice.save()
    Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["02.34.02"])
    run("--filer", str(save_files(tmp_path / "k", usages())))
    page = login(projektleder).get(ITSystem.objects.get(navn="SBSYS").get_absolute_url()).content.decode()
    assert "Fra KITOS" in page and "Enhed 0a" in page and "02.34" in page
    assert borgerservice.get_absolute_url() in page and "02.34.02" in page
