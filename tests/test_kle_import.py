import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from exitstrategi.kle_import import KleImportError, kle_import, parse_emneplan
from exitstrategi.models import KLE, Fagomraade, Sagsomraade

SHARED_2015 = (
    Path(__file__).resolve().parents[2] / "shared/data/kle/klxml-2015/KLE-Emneplan_Version2-0_2015-08-01.xml"
)
DEMO_FILE = Path(__file__).resolve().parents[1] / "exitstrategi/fixtures/kle_demo.xml"


def emneplan(body, root="KLE-Emneplan", attrs=""):
    dato = "<UdgivelsesDato>2025-05-01</UdgivelsesDato>"
    return f'<?xml version="1.0" encoding="UTF-8"?><{root}{attrs}>{dato}{body}</{root}>'


def admin(prefix, historisk="", rettet=""):
    return (
        f"<{prefix}AdministrativInfo><OprettetDato>1988-01-01</OprettetDato>{rettet}{historisk}"
        f"</{prefix}AdministrativInfo>"
    )


RETTET = "<RettetDato>2001-01-01</RettetDato><RettetDato>2014-01-01</RettetDato>"


def plan(emne_titel="Hjælp til forsørgelse", emne_historisk="", extra_emne="", uuid=""):
    return emneplan(
        "<Hovedgruppe><HovedgruppeNr>32</HovedgruppeNr><HovedgruppeTitel>Sociale ydelser</HovedgruppeTitel>"
        f"{admin('Hovedgruppe')}"
        "<Gruppe><GruppeNr>32.24</GruppeNr><GruppeTitel>Aktiv socialpolitik</GruppeTitel>"
        f"{admin('Gruppe')}"
        f"<Emne><EmneNr>32.24.04</EmneNr><EmneTitel>{emne_titel}</EmneTitel>{uuid}"
        f"{admin('Emne', emne_historisk, RETTET)}"
        f"</Emne>{extra_emne}</Gruppe></Hovedgruppe>"
    )


def write(tmp_path, text, name="kle.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MOVED = (
    "<Historisk><Flyttet><FlyttetDato>2015-01-01</FlyttetDato>"
    "<AfloestAf><EmneNr>32.30.04</EmneNr></AfloestAf><AfloestAf><EmneNr>32.30.05</EmneNr></AfloestAf>"
    "</Flyttet></Historisk>"
)
EXPIRED = "<Historisk><UdgaaetDato>2010-01-01</UdgaaetDato></Historisk>"


@pytest.mark.skipif(not SHARED_2015.exists(), reason="the shared KLE 2015 file is not beside this checkout")
def test_the_real_2015_file_imports_with_the_files_counts_and_twice_changes_nothing(db):
    text = SHARED_2015.read_text(encoding="utf-8")
    expected = {level: len(re.findall(f"<{level}>", text)) for level in ("Hovedgruppe", "Gruppe", "Emne")}

    first = kle_import(parse_emneplan(SHARED_2015))

    assert dict(first.per_niveau) == {
        "hovedgruppe": expected["Hovedgruppe"],
        "gruppe": expected["Gruppe"],
        "emne": expected["Emne"],
    }
    assert first.created == sum(expected.values()) == KLE.objects.count()
    assert KLE.objects.filter(status="flyttet").count() == len(re.findall("<Flyttet>", text))
    assert KLE.objects.filter(status="udgaaet").count() == len(re.findall("<UdgaaetDato>", text))
    assert KLE.objects.get(nummer="32.24.04").parent.nummer == "32.24"
    second = kle_import(parse_emneplan(SHARED_2015))
    assert (second.created, second.updated, second.unchanged) == (0, 0, KLE.objects.count())


def test_moved_topics_keep_every_replacement_number(db, tmp_path):
    kle_import(parse_emneplan(write(tmp_path, plan(emne_historisk=MOVED))))

    topic = KLE.objects.get(nummer="32.24.04")
    assert topic.status == KLE.Status.FLYTTET
    assert topic.flyttet_til == ["32.30.04", "32.30.05"]
    assert str(topic.udgaaet) == "2015-01-01"
    assert str(topic.rettet) == "2014-01-01"
    assert topic.status_text == "KLE 32.24.04 er flyttet til 32.30.04, 32.30.05"


def test_an_expired_topic_comes_back_to_life_when_a_later_file_has_it_active(db, tmp_path):
    kle_import(parse_emneplan(write(tmp_path, plan(emne_historisk=EXPIRED))))
    assert KLE.objects.get(nummer="32.24.04").status == KLE.Status.UDGAAET

    result = kle_import(parse_emneplan(write(tmp_path, plan(emne_titel="Ny titel"))))

    topic = KLE.objects.get(nummer="32.24.04")
    assert (topic.status, topic.udgaaet, topic.titel) == (KLE.Status.AKTIV, None, "Ny titel")
    assert (result.created, result.updated) == (0, 1)


def test_a_topic_missing_from_a_new_file_is_kept_for_the_sagsomraader_that_use_it(db, tmp_path):
    extra = "<Emne><EmneNr>32.24.05</EmneNr><EmneTitel>Fradrag</EmneTitel>" + admin("Emne") + "</Emne>"
    kle_import(parse_emneplan(write(tmp_path, plan(extra_emne=extra))))
    used = Sagsomraade.objects.create(
        fagomraade=Fagomraade.objects.create(navn="Arbejdsmarked"), kle=KLE.objects.get(nummer="32.24.05")
    )

    kle_import(parse_emneplan(write(tmp_path, plan())))

    assert Sagsomraade.objects.get(pk=used.pk).kle.nummer == "32.24.05"


def test_the_newer_fuld_format_with_namespace_and_uuid_is_read(db, tmp_path):
    uuid = "<UUID>0b9f4a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b</UUID>"
    text = plan(uuid=uuid).replace("<KLE-Emneplan>", '<KLE-Emneplan xmlns="http://klxml.dk/fuld">')

    kle_import(parse_emneplan(write(tmp_path, text)))

    assert str(KLE.objects.get(nummer="32.24.04").uuid) == "0b9f4a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>ikke KLE</body></html>", "ikke en KLE-emneplan"),
        ("dette er slet ikke XML", "ikke gyldig XML"),
        (emneplan(""), "ingen KLE-hovedgrupper"),
        (plan().replace("32.24.04", "32.2X.04"), "Ugyldigt EmneNr"),
        (
            '<?xml version="1.0"?><!DOCTYPE KLE-Emneplan [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><KLE-Emneplan>&b;</KLE-Emneplan>',
            "DTD eller entiteter",
        ),
    ],
)
def test_a_file_that_is_not_a_kle_emneplan_is_refused_with_a_danish_message_and_changes_nothing(
    db, tmp_path, text, message
):
    kle_import(parse_emneplan(write(tmp_path, plan(), "good.xml")))
    before = list(KLE.objects.values_list("nummer", "titel", "status"))

    with pytest.raises(KleImportError, match=message):
        kle_import(parse_emneplan(write(tmp_path, text)))

    assert list(KLE.objects.values_list("nummer", "titel", "status")) == before


def test_the_command_prints_a_summary_per_level_and_status(db, tmp_path, capsys):
    call_command("import_kle", str(write(tmp_path, plan(emne_historisk=MOVED))))

    out = capsys.readouterr().out
    assert "Hovedgruppe: 1" in out and "Gruppe: 1" in out and "Emne: 1" in out
    assert "Aktiv: 2" in out and "Flyttet: 1" in out
    assert "Oprettet: 3, opdateret: 0, uændret: 0." in out


def test_the_command_refuses_a_missing_or_wrong_file(db, tmp_path):
    with pytest.raises(CommandError, match="kan ikke åbnes"):
        call_command("import_kle", str(tmp_path / "findes-ikke.xml"))
    with pytest.raises(CommandError, match="Intet er ændret"):
        call_command("import_kle", str(write(tmp_path, "<foo/>")))


def test_the_shipped_demo_subset_is_a_valid_emneplan(db):
    result = kle_import(parse_emneplan(DEMO_FILE))

    assert result.per_niveau["emne"] >= 40
    assert KLE.objects.get(nummer="16.19.02").flyttet_til == ["32.30.04"]


def test_an_inconsistent_file_is_refused_with_every_error_and_changes_nothing(db, tmp_path):
    twice = "<Emne><EmneNr>32.24.04</EmneNr><EmneTitel>Igen</EmneTitel></Emne>"
    astray = "<Emne><EmneNr>16.19.02</EmneNr><EmneTitel>Sygedagpenge</EmneTitel></Emne>"
    untitled = "<Emne><EmneNr>32.24.05</EmneNr><EmneTitel></EmneTitel></Emne>"
    path = write(tmp_path, plan(extra_emne=twice + astray + untitled))

    with pytest.raises(CommandError) as refused:
        call_command("import_kle", str(path))

    assert str(refused.value) == (
        "Filen har 3 fejl:\n"
        "Emne 32.24.04 står som gældende to gange.\n"
        "Emne 16.19.02 ligger under 32.24, men hører til 16.19.\n"
        "Emne 32.24.05 har ingen titel.\n"
        " Intet er ændret."
    )
    assert not KLE.objects.exists()


def test_a_file_beyond_the_size_limit_is_refused_before_it_is_read(db, tmp_path, settings):
    settings.KLE_IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "stor.xml"
    path.write_bytes(b"<KLE-Emneplan>" + b" " * (2 * 1024 * 1024) + b"</KLE-Emneplan>")

    with pytest.raises(KleImportError, match="større end 1 MB og læses ikke"):
        parse_emneplan(str(path))


def test_a_release_is_shown_as_a_difference_first_and_a_dry_run_changes_nothing(db, tmp_path, capsys):
    from exitstrategi.models import Fagomraade, Sagsomraade

    extra = "<Emne><EmneNr>32.24.05</EmneNr><EmneTitel>Fradrag</EmneTitel>" + admin("Emne") + "</Emne>"
    call_command("import_kle", str(write(tmp_path, plan(extra_emne=extra))))
    borgerservice = Fagomraade.objects.create(navn="Borgerservice")
    area = Sagsomraade.objects.create(fagomraade=borgerservice, kle=KLE.objects.get(nummer="32.24.04"))
    covering = Sagsomraade.objects.create(fagomraade=borgerservice, kle=KLE.objects.get(nummer="32.24"))
    covering.ogsaa_daekker.add(KLE.objects.get(nummer="32.24.05"))
    expired_05 = extra.replace(admin("Emne"), admin("Emne", EXPIRED))
    new_emne = "<Emne><EmneNr>32.24.06</EmneNr><EmneTitel>Nyt emne</EmneTitel>" + admin("Emne") + "</Emne>"
    release = write(
        tmp_path, plan(emne_titel="Nyt navn", emne_historisk=MOVED, extra_emne=expired_05 + new_emne)
    )
    capsys.readouterr()

    call_command("import_kle", str(release), "--dry-run")
    printed = capsys.readouterr().out
    assert "Nyt: 32.24.06 Nyt emne" in printed
    assert (
        "Nyt navn: 32.24.04 «Hjælp til forsørgelse» → «Nyt navn» – berører Borgerservice 32.24.04" in printed
    )
    assert "Flyttet: 32.24.04 → 32.30.04, 32.30.05 – berører Borgerservice 32.24.04" in printed
    assert "Udgået: 32.24.05 – berører Borgerservice 32.24" in printed  # through "dækker også"
    assert "Prøvekørsel: intet er ændret." in printed
    assert KLE.objects.get(nummer="32.24.04").titel == "Hjælp til forsørgelse" and not KLE.objects.filter(
        nummer="32.24.06"
    )

    call_command("import_kle", str(release))
    printed = capsys.readouterr().out
    assert "Flyttet: 32.24.04" in printed and "Oprettet: 1, opdateret: 2" in printed
    area.refresh_from_db()
    assert area.kle.status == KLE.Status.FLYTTET  # kept, now marked moved
    call_command("import_kle", str(release), "--dry-run")
    assert "Ingen ændringer i forhold til det, vi har." in capsys.readouterr().out


@pytest.fixture
def moved_area(db, tmp_path):
    """A sagsområde on 32.24.04 in the catalogue we hold, and a release that moves it to two numbers."""
    call_command("import_kle", str(write(tmp_path, plan())))
    area = Sagsomraade.objects.create(
        fagomraade=Fagomraade.objects.create(navn="Ydelser"),
        kle=KLE.objects.get(nummer="32.24.04"),
    )
    return area, plan(emne_historisk=MOVED).encode()


def test_the_project_leader_sees_a_release_as_its_difference_and_then_the_areas_to_re_key(
    login, projektleder, moved_area
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    area, release = moved_area
    client = login(projektleder)
    response = client.post(reverse("kle"), {"fil": SimpleUploadedFile("KLE-2026.xml", release)})
    preview = client.get(response["Location"]).content.decode()
    assert "Flyttet: 32.24.04 → 32.30.04, 32.30.05 – berører Ydelser 32.24.04" in preview
    assert KLE.objects.get(nummer="32.24.04").status == KLE.Status.AKTIV  # nothing before the approval
    page = client.post(response["Location"], follow=True).content.decode()
    assert "KLE-emneplanen er opdateret" in page
    assert "Vælg mellem 32.30.04, 32.30.05" in page
    assert reverse("sagsomraade-move", args=[area.fagomraade.slug, "32.24.04"]) in page


def test_a_file_that_is_not_kle_is_refused_on_the_page(login, projektleder, db):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    response = login(projektleder).post(reverse("kle"), {"fil": SimpleUploadedFile("x.xml", b"<html/>")})
    assert response.status_code == 200 and "ikke en KLE-emneplan" in response.content.decode()


@pytest.mark.parametrize("persona", ["kontaktperson", "laeser"])
def test_everyone_sees_the_areas_on_expired_numbers_but_only_the_project_leader_updates_kle(
    request, login, persona, moved_area, projektleder
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from exitstrategi.models import KleIndlaesning

    area, release = moved_area
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("kle")).status_code == 200
    assert client.post(reverse("kle"), {"fil": SimpleUploadedFile("k.xml", release)}).status_code == 403
    pending = KleIndlaesning.objects.create(bruger=projektleder, filnavn="k.xml", data=release)
    assert client.post(reverse("kle-preview", args=[pending.pk])).status_code == 403
    assert KLE.objects.get(nummer="32.24.04").status == KLE.Status.AKTIV


def test_the_current_release_is_fetched_from_the_configured_kle_online_address(
    login, projektleder, moved_area, settings
):
    from django.urls import reverse

    from tests.http_stub import Handler, serve

    _area, release = moved_area

    class KleOnline(Handler):
        def do_GET(self):
            self.reply(200, release, content_type="application/xml")

    with serve(KleOnline) as url:
        settings.KLE_ONLINE_URL = f"{url}/emneplan"
        client = login(projektleder)
        response = client.post(reverse("kle"), {"kle_online": "1"})
        assert "Flyttet: 32.24.04" in client.get(response["Location"]).content.decode()
