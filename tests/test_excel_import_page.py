"""The import as users meet it: upload on the Dokumentationsark page, a preview, then apply; and the
command `import_dokumentationsark` with its dry run and non-zero exit on any refusal."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exitstrategi import indlaesning
from exitstrategi.excel import workbook_bytes
from exitstrategi.excel_import import open_xlsx
from exitstrategi.models import ExcelIndlaesning, Sagsomraade
from workshops.models import AsIs

from .test_excel_import import cell, exported

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, workbook, name="ark.xlsx", **extra):
    data = workbook if isinstance(workbook, bytes) else workbook_bytes(workbook)
    return client.post(
        reverse("indlaesning"), {"fil": SimpleUploadedFile(name, data, content_type=XLSX), **extra}
    )


def test_upload_preview_and_apply(login, c_sagsomraade, kontaktperson):
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 14
    client = login(kontaktperson)

    response = upload(client, workbook)
    preview = client.get(response.url)

    assert preview.status_code == 200
    assert preview.context["plan"].fejl == []
    html = preview.content.decode()
    assert "2. Antal sagsbehandlere" in html and "14" in html and "Indlæs ændringerne" in html
    assert AsIs.objects.get().antal_sagsbehandlere is None

    applied = client.post(response.url, {"fingeraftryk": preview.context["plan"].fingeraftryk}, follow=True)

    assert AsIs.objects.get().antal_sagsbehandlere == 14
    assert "ark.xlsx er indlæst: 1 svar er gemt." in applied.content.decode()
    assert not ExcelIndlaesning.objects.exists()


def test_a_change_between_preview_and_apply_shows_the_preview_again(login, c_sagsomraade, projektleder):
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 14
    client = login(projektleder)
    url = upload(client, workbook).url
    shown = client.get(url).context["plan"].fingeraftryk
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(antal_sagsbehandlere=3, version=5)

    response = client.post(url, {"fingeraftryk": shown})

    assert response.status_code == 200
    assert "Svarene er ændret, siden forhåndsvisningen blev vist." in response.content.decode()
    assert AsIs.objects.get().antal_sagsbehandlere == 3


def test_a_file_that_is_not_xlsx_is_refused_on_the_form(login, sagsomraade, projektleder):
    response = upload(login(projektleder), b"Fagomraade;KLE\n", name="ark.xlsx")

    assert response.status_code == 200
    assert "ark.xlsx er ikke en Excel-fil (.xlsx), uanset hvad den hedder." in response.content.decode()
    assert not ExcelIndlaesning.objects.exists()


def test_a_reader_cannot_import_and_nobody_sees_anothers_upload(
    login, client, sagsomraade, laeser, projektleder, kontaktperson
):
    assert login(laeser).get(reverse("indlaesning")).status_code == 403
    url = upload(login(projektleder), exported()).url
    assert login(kontaktperson).get(url).status_code == 404
    assert login(laeser).post(url).status_code == 403


def test_only_the_project_leader_may_allow_new_sagsomraader(login, sagsomraade, kontaktperson, projektleder):
    assert "tillad_nye" not in login(kontaktperson).get(reverse("indlaesning")).context["form"].fields
    assert "tillad_nye" in login(projektleder).get(reverse("indlaesning")).context["form"].fields


# --- the command ---------------------------------------------------------------------------------


def saved(tmp_path, workbook, name="ark.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook_bytes(workbook))
    return str(path)


def test_the_command_previews_with_dry_run_and_applies_as_the_named_user(
    tmp_path, c_sagsomraade, projektleder
):
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 9
    path = saved(tmp_path, workbook)
    out = StringIO()

    call_command("import_dokumentationsark", path, "--dry-run", stdout=out)
    assert "Række 3, 2. Antal sagsbehandlere (32.06.00): «» → «9»" in out.getvalue()
    assert AsIs.objects.get().antal_sagsbehandlere is None

    call_command("import_dokumentationsark", path, "--user", "pia", stdout=out)
    asis = AsIs.objects.get()
    assert asis.antal_sagsbehandlere == 9
    assert asis.history.first().history_user == projektleder


def test_the_command_refuses_bad_files_readers_and_errors_with_a_non_zero_exit(
    tmp_path, c_sagsomraade, laeser
):
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = "mange"
    with pytest.raises(CommandError, match="ark.xlsx er ikke indlæst: 1 fejl"):
        call_command("import_dokumentationsark", saved(tmp_path, workbook), stdout=StringIO())
    notes = tmp_path / "noter.xlsx"
    notes.write_text("ikke et regneark")
    with pytest.raises(CommandError, match="noter.xlsx er ikke en Excel-fil"):
        call_command("import_dokumentationsark", str(notes), stdout=StringIO())
    with pytest.raises(CommandError, match="Du har læseadgang"):
        call_command("import_dokumentationsark", str(notes), "--user", "lone", stdout=StringIO())
    assert AsIs.objects.get().antal_sagsbehandlere is None


# --- the round trip ---------------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    noter=TEXT,
    titel=TEXT.filter(str.strip),
    antal=st.one_of(st.none(), st.integers(0, 10**6)),
    ukendt=st.booleans(),
    arkivering=st.sampled_from(["", "ja", "nej", "delvist"]),
    note=TEXT,
)
def test_an_unchanged_export_imports_as_no_change_and_no_history(
    c_sagsomraade, projektleder, noter, titel, antal, ukendt, arkivering, note
):
    Sagsomraade.objects.filter(pk=c_sagsomraade.pk).update(noter=noter, titel=titel.strip())
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(
        antal_sagsbehandlere=antal,
        antal_journalnotater_ukendt=ukendt,
        arkivering=arkivering,
        arkivering_note=note,
        oprydning_note=note,
    )
    history = AsIs.history.count() + Sagsomraade.history.count()

    result = indlaesning.plan(open_xlsx(workbook_bytes(exported())), "ark.xlsx", projektleder)
    indlaesning.apply(result, projektleder)

    assert (result.fejl, result.aendringer, result.konflikter) == ([], [], [])
    assert AsIs.history.count() + Sagsomraade.history.count() == history
