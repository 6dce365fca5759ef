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
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from exitstrategi import kitos, kitos_import
from exitstrategi.kontraktdatoer import Ophoer
from exitstrategi.models import ITSystem, KitosIndlaesning, KitosKoersel, Kontrakt, Sagsomraade
from tests.conftest import make_user
from tests.http_stub import Handler, serve
from workshops.selectors import contract_dates_by_system

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


def contract(n, name, systems, **terms):
    """An ItContractResponseDTO (with ContractGeneralDataResponseDTO, ContractValidityResponseDTO,
    ContractSupplierDataResponseDTO, ContractAgreementPeriodDataResponseDTO,
    ContractTerminationDataResponseDTO and its terms, ContractProcurementDataResponseDTO)."""
    terms = {
        "type": "Driftsaftale",
        "supplier": "KMD A/S",
        "valid_from": "2020-01-01T00:00:00Z",
        "valid_to": "2028-12-31T00:00:00Z",
        "continuous": False,
        "irrevocable": "2027-06-30T00:00:00Z",
        "notice": "6",
        "by_end_of": "EndOfQuarter",
        "extension": "2 x 12 mdr",
        "used": 1,
        "terminated": None,
        "plan": None,
        **terms,
    }
    option = lambda name, n: {"uuid": uid(n), "name": name} if name is not None else None  # noqa: E731
    return {
        "uuid": uid(n),
        "name": name,
        "organizationContext": {"uuid": ORG, "name": "Eksempel Kommune", "cvr": "12345678"},
        "general": {
            "contractId": f"K-{n}",
            "contractType": option(terms["type"], 600 + n),
            "agreementElements": [],
            "validity": {
                "valid": True,
                "enforcedValid": False,
                "validFrom": terms["valid_from"],
                "validTo": terms["valid_to"],
                "requireValidParent": False,
            },
        },
        "procurement": {"procurementPlan": terms["plan"], "procurementInitiated": None},
        "supplier": {"organization": option(terms["supplier"], 800 + n), "signed": True},
        "systemUsages": [{"uuid": uid(u), "name": f"System {u}"} for u in systems],
        "agreementPeriod": {
            "isContinuous": terms["continuous"],
            "extensionOptions": option(terms["extension"], 650 + n),
            "extensionOptionsUsed": terms["used"],
            "irrevocableUntil": terms["irrevocable"],
        },
        "termination": {
            "terminatedAt": terms["terminated"],
            "terms": {
                "noticePeriodMonths": option(terms["notice"], 660 + n),
                "noticePeriodExtendsCurrent": None,
                "noticeByEndOf": terms["by_end_of"],
            },
        },
        "lastModified": "2026-11-01T10:00:00Z",
    }


def save_files(folder, records, catalogue=CATALOGUE, deleted=None, contracts=None):
    folder.mkdir(exist_ok=True)
    (folder / "it-system-usages.json").write_text(json.dumps(records), encoding="utf-8")
    (folder / "it-systems.json").write_text(json.dumps(catalogue), encoding="utf-8")
    if contracts is not None:
        (folder / "it-contracts.json").write_text(json.dumps(contracts), encoding="utf-8")
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
    assert "Nyt system: KMD Sag" in output and "Ikke i brug" not in output
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
    assert "Nyt system: SBSYS" in output and "Prøvekørsel: intet er gemt." in output
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
    """KITOS's API v2 over HTTP: a token for the API user, pages of usages and contracts, the catalogue,
    the delta feed; it records the query of every request."""

    def __init__(self, records, deleted=(), contracts=()):
        self.records, self.deleted, self.requests = records, list(deleted), []
        self.contracts = list(contracts)
        stub = self

        class Answers(Handler):
            def do_POST(self):
                ok = self.form() == {"email": "api@kommune.dk", "password": "hemmeligt"}
                self.reply(200 if ok else 401, {"response": {"token": "t0k3n", "loginSuccessful": ok}})

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                stub.requests.append((url.path, query))
                if self.headers.get("Authorization") != "Bearer t0k3n":
                    return self.reply(401, {})
                listed = {"/api/v2/it-system-usages": stub.records, "/api/v2/it-contracts": stub.contracts}
                if url.path in listed:
                    start = int(query["page"]) * int(query["pageSize"])
                    return self.reply(200, listed[url.path][start : start + int(query["pageSize"])])
                if url.path.startswith("/api/v2/it-systems/"):
                    found = [s for s in CATALOGUE if s["uuid"] == url.path.rsplit("/", 1)[1]]
                    return self.reply(200 if found else 404, found[0] if found else {})
                if url.path == "/api/v2/delta-feed/deleted-entities":
                    kind = [d for d in stub.deleted if d["entityType"] == query["entityType"]]
                    return self.reply(200, kind if query["page"] == "0" else [])
                return self.reply(404, {})

        self.handler = Answers


@pytest.fixture
def stub(settings, monkeypatch):
    server = StubKitos(usages())
    monkeypatch.setattr(kitos, "PAGE_SIZE", 2)  # three usages: two pages
    with serve(server.handler) as url:
        settings.KITOS_URL, settings.KITOS_ORGANISATION = url, ORG
        settings.KITOS_EMAIL, settings.KITOS_PASSWORD = "api@kommune.dk", "hemmeligt"
        yield server


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


def contract_terms(kontrakt):
    return {
        "systemer": sorted(s.navn for s in kontrakt.itsystemer.all()),
        "leverandoer": kontrakt.leverandoer,
        "type": kontrakt.type,
        "startdato": kontrakt.startdato,
        "udloebsdato": kontrakt.udloebsdato,
        "uopsigelig_til": kontrakt.uopsigelig_til,
        "varsel": (kontrakt.opsigelsesvarsel, kontrakt.opsigelsesbasis),
        "optioner": (kontrakt.optioner, kontrakt.option_maaneder, kontrakt.optioner_udnyttet),
    }


def test_a_contract_under_two_systems_arrives_with_its_notice_terms_and_the_overview_computes_its_dates(
    login, projektleder, tmp_path
):
    folder = save_files(tmp_path / "k", usages(), contracts=[contract(41, "Fælles drift", [1, 2])])
    output = run("--filer", str(folder))
    assert "Ny kontrakt: Fælles drift" in output
    kontrakt = Kontrakt.objects.get(kitos_uuid=uid(41))
    assert contract_terms(kontrakt) == {
        "systemer": ["KMD Sag", "SBSYS"],
        "leverandoer": "KMD A/S",
        "type": "drift",
        "startdato": date(2020, 1, 1),
        "udloebsdato": date(2028, 12, 31),
        "uopsigelig_til": date(2027, 6, 30),
        "varsel": (6, "kvartal"),
        "optioner": (2, 12, 1),
    }
    today = timezone.localdate()
    exits, _deadlines = contract_dates_by_system(today)
    ophoer = kontrakt.tidligste_ophoer(today)
    assert (
        exits[ITSystem.objects.get(navn="SBSYS").pk]
        == ophoer.dato
        == exits[ITSystem.objects.get(navn="KMD Sag").pk]
    )
    rows = login(projektleder).get(reverse("kontrakt-list")).context["rows"]
    assert [(k.navn, o) for k, o in rows] == [("Fælles drift", ophoer)]


@pytest.mark.parametrize(
    "terms, warning, expected",
    [
        (
            {"notice": "3 måneder"},
            "opsigelsesvarslet «3 måneder» er ikke et antal måneder",
            {"varsel": (3, "kvartal")},
        ),
        ({"notice": "³"}, "opsigelsesvarslet «³» er ikke et antal måneder", {"varsel": (3, "kvartal")}),
        ({"extension": "efter aftale"}, "optionerne «efter aftale» kan ikke læses", {"optioner": (0, 12, 0)}),
        ({"type": "Rammeaftale"}, "kontrakttypen «Rammeaftale» findes ikke her", {"type": "andet"}),
        ({"extension": "2 x 1 år", "continuous": True}, None, {"udloebsdato": None, "optioner": (2, 12, 1)}),
    ],
    ids=[
        "notice-in-words",
        "notice-a-superscript-digit",
        "options-in-words",
        "unknown-type",
        "running-contract",
    ],
)
def test_kitos_texts_that_are_not_our_terms_are_reported_not_guessed(tmp_path, db, terms, warning, expected):
    folder = save_files(tmp_path / "k", usages(), contracts=[contract(41, "Drift", [1], **terms)])
    output = run("--filer", str(folder))
    if warning:
        assert warning in output
    found = contract_terms(Kontrakt.objects.get(kitos_uuid=uid(41)))
    assert {key: found[key] for key in expected} == expected


def test_a_contract_whose_values_break_our_rules_is_reported_and_the_rest_is_imported(tmp_path, db):
    contracts = [contract(41, "Forkert", [1], used=5), contract(42, "Rigtig", [2])]
    output = run("--filer", str(save_files(tmp_path / "k", usages(), contracts=contracts)))
    assert "Kontrakt «Forkert» fra KITOS er ikke indlæst" in output
    assert list(Kontrakt.objects.values_list("navn", flat=True)) == ["Rigtig"]


def test_a_terminated_contract_ends_with_its_notice_and_has_no_notice_deadline_left(tmp_path, db):
    contracts = [
        contract(41, "Opsagt", [1], terminated="2026-09-15T00:00:00Z", irrevocable=None, valid_to=None)
    ]
    run("--filer", str(save_files(tmp_path / "k", usages(), contracts=contracts)))
    kontrakt = Kontrakt.objects.get(kitos_uuid=uid(41))
    assert kontrakt.opsagt == date(2026, 9, 15)
    assert kontrakt.tidligste_ophoer(date(2026, 11, 26)) == Ophoer(date(2027, 3, 31), None)


def test_a_contract_changed_in_kitos_changes_here_and_one_changed_on_both_sides_is_a_conflict(tmp_path, db):
    folder = save_files(tmp_path / "k", usages(), contracts=[contract(41, "Drift", [1], plan=None)])
    run("--filer", str(folder))
    kontrakt = Kontrakt.objects.get(kitos_uuid=uid(41))
    kontrakt.leverandoer, kontrakt.noter = "Vores leverandør", "Vores egne noter"
    kontrakt.save()
    changed = contract(
        41, "Drift", [1, 3], notice="3", supplier="Ny leverandør", plan={"quarterOfYear": 2, "year": 2027}
    )
    output = run("--filer", str(save_files(folder, usages(), contracts=[changed])))
    assert "Ændret: Drift, Opsigelsesvarsel (måneder): «6» → «3»" in output
    assert "Ændret: Drift, IT-systemer: KMD Sag → KMD Sag, Opera" in output
    assert f"Konflikt [{uid(41)}:leverandoer]" in output
    kontrakt.refresh_from_db()
    assert (kontrakt.opsigelsesvarsel, kontrakt.leverandoer, kontrakt.noter) == (
        3,
        "Vores leverandør",
        "Vores egne noter",
    )
    assert (kontrakt.udbud_kvartal, kontrakt.udbud_aar) == (2, 2027)
    assert sorted(s.navn for s in kontrakt.itsystemer.all()) == ["KMD Sag", "Opera"]
    assert kontrakt.history.first().history_change_reason.startswith("KITOS ")


def test_a_contract_deleted_in_kitos_is_marked_removed_from_the_delta_feed(db, stub):
    stub.contracts = [contract(41, "Drift", [1]), contract(42, "Licens", [2])]
    run()
    assert Kontrakt.objects.count() == 2
    stub.records, stub.contracts = [], []
    stub.deleted = [
        {"occurredAtUtc": "2026-11-20T08:00:00Z", "entityUuid": uid(42), "entityType": "ItContract"}
    ]
    output = run()
    assert "Fjernet i KITOS: Licens" in output
    assert Kontrakt.objects.get(kitos_uuid=uid(42)).kitos_fjernet == timezone.localdate()
    assert Kontrakt.objects.get(kitos_uuid=uid(41)).kitos_fjernet is None


def upload(client, records=None, contracts=None, **files):
    """Post saved KITOS files on the page; returns the response (a redirect to the preview)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def as_file(name, data):
        return SimpleUploadedFile(name, json.dumps(data).encode(), content_type="application/json")

    data = {
        "it_system_usages": as_file("it-system-usages.json", usages() if records is None else records),
        "it_systems": as_file("it-systems.json", CATALOGUE),
    }
    if contracts is not None:
        data["it_contracts"] = as_file("it-contracts.json", contracts)
    data.update(files)
    return client.post(reverse("kitos"), data)


def test_the_project_leader_previews_uploaded_kitos_files_and_applies_them(login, projektleder):
    client = login(projektleder)
    assert "Indlæs gemte filer fra KITOS" in client.get(reverse("kitos")).content.decode()
    response = upload(client, contracts=[contract(41, "Fælles drift", [1, 2], notice="tre")])
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "KMD Sag" in page and "Fælles drift" in page and "opsigelsesvarslet «tre»" in page
    assert not ITSystem.objects.exists()  # nothing before the approval
    saved = client.post(
        response["Location"], {"fingeraftryk": preview.context["plan"].fingeraftryk}, follow=True
    )
    assert "Indlæst fra KITOS: 4 nye" in saved.content.decode()
    assert ITSystem.objects.count() == 3 and Kontrakt.objects.get().itsystemer.count() == 2
    assert "uploadede filer" in saved.content.decode()  # the run is listed


def test_a_conflict_is_chosen_on_the_preview_and_a_stale_preview_is_shown_again(
    login, projektleder, tmp_path
):
    run("--filer", str(save_files(tmp_path / "k", usages())))
    opera = ITSystem.objects.get(navn="Opera")
    opera.leverandoer = "Vores"
    opera.save()
    catalogue = [*CATALOGUE[:2], it_system(103, "Opera", "Netcompany", [])]
    client = login(projektleder)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = upload(
        client, it_systems=SimpleUploadedFile("it-systems.json", json.dumps(catalogue).encode())
    )
    preview = client.get(response["Location"])
    felt = f"{uid(3)}:leverandoer"
    assert f'value="{felt}"' in preview.content.decode()
    fingerprint = preview.context["plan"].fingeraftryk
    opera.noter, opera.leverandoer = "rettet imens", "Rettet imens"
    opera.save()
    stale = client.post(response["Location"], {"fingeraftryk": fingerprint, "overskriv": [felt]})
    assert "ændret siden forhåndsvisningen" in stale.content.decode()
    assert ITSystem.objects.get(navn="Opera").leverandoer == "Rettet imens"
    fresh = stale.context["plan"].fingeraftryk
    client.post(response["Location"], {"fingeraftryk": fresh, "overskriv": [felt]})
    assert ITSystem.objects.get(navn="Opera").leverandoer == "Netcompany"


def test_a_file_that_is_not_json_is_refused_on_the_page_with_a_reason(login, projektleder):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(projektleder)
    response = upload(client, it_systems=SimpleUploadedFile("it-systems.json", b"<xml/>"))
    assert response.status_code == 200 and "it-systems.json er ikke gyldig JSON" in response.content.decode()
    assert not KitosKoersel.objects.exists()


def test_the_page_reads_the_api_when_it_is_configured(login, projektleder, stub):
    client = login(projektleder)
    response = client.post(reverse("kitos"), {"api": "alt"})
    preview = client.get(response["Location"])
    assert "KMD Sag" in preview.content.decode()
    client.post(response["Location"], {"fingeraftryk": preview.context["plan"].fingeraftryk})
    assert ITSystem.objects.count() == 3


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_only_the_project_leader_imports_from_kitos(request, login, persona, projektleder):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("kitos")).status_code == 403
    assert upload(client).status_code == 403
    pending = KitosIndlaesning.objects.create(bruger=projektleder, filer={})
    assert client.get(reverse("kitos-preview", args=[pending.pk])).status_code == 403


def test_a_pending_import_is_only_its_starters(login, projektleder):
    other = make_user("per", "Projektleder")
    pending = KitosIndlaesning.objects.create(bruger=other, filer={})
    assert login(projektleder).get(reverse("kitos-preview", args=[pending.pk])).status_code == 404


def test_an_import_that_changed_something_leaves_a_note_for_the_project_leader(
    login, projektleder, laeser, tmp_path
):
    run("--filer", str(save_files(tmp_path / "k", usages())))  # as a scheduled run would
    assert "Indlæst fra KITOS" in login(projektleder).get(reverse("home")).content.decode()
    assert "kitos-note" not in login(laeser).get(reverse("home")).content.decode()
    run("--filer", str(tmp_path / "k"))  # nothing new: no note
    assert "kitos-note" not in login(projektleder).get(reverse("home")).content.decode()
