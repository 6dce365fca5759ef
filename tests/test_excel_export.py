"""The exported Dokumentationsark: grouped by phase, computed columns grey, omfang as a live formula
with the municipality's matrix, a stable hidden identity and versions per row, Overblik and Vejledning."""

from datetime import datetime
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from exitstrategi.dokumentationsark import Column
from exitstrategi.excel import dokumentationsark_workbook, workbook_bytes
from exitstrategi.models import Kommune, Sagsomraade
from prioritering.models import Prioritering
from tests.conftest import ny_kontrakt
from workshops.models import ToBe

EXPORT = reverse("dokumentationsark-export")


def export(client, **params):
    return load_workbook(BytesIO(client.get(EXPORT, params).content))


def column_of(sheet, header):
    return next(cell.column_letter for cell in sheet[2] if cell.value == header)


def test_the_phases_group_the_columns_and_each_row_carries_its_identity_and_versions(
    login, laeser, c_sagsomraade
):
    ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2, version=3)
    sheet = export(login(laeser))["Dokumentationsark"]

    groups = [cell.value for cell in sheet[1] if cell.value]
    assert groups[:5] == [
        "Grundoplysninger",
        "Fase 1: Screening",
        "Fase 2: As-is",
        "Fase 3: To-be",
        "Fase 4: Prioritering",
    ]
    assert any(str(r).startswith("A1:") for r in sheet.merged_cells.ranges)
    key = column_of(sheet, "Nøgle (rør ikke)")
    assert sheet.column_dimensions[key].hidden
    assert sheet[f"{key}3"].value == str(Sagsomraade.objects.get().noegle)
    assert sheet[f"{column_of(sheet, 'Version: Fase 3: To-be')}3"].value == 3
    assert sheet[f"{column_of(sheet, 'Version: Fase 4: Prioritering')}3"].value == 0  # no record yet


def test_omfang_is_a_live_formula_over_the_level_and_complexity_with_the_municipalitys_matrix(
    login, laeser, c_sagsomraade
):
    ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2, kompleksitet="hoej")
    Prioritering.objects.create(sagsomraade=c_sagsomraade, brugerniveau="mellem")
    workbook = export(login(laeser))
    sheet = workbook["Dokumentationsark"]

    formula = sheet[f"{column_of(sheet, 'Omfang af oprydningsarbejdet')}3"].value
    niveau, kompleksitet = column_of(sheet, "Brugerniveau"), column_of(sheet, "6. Kompleksitet af oprydning")
    assert (
        formula.startswith("=IFERROR(INDEX(")
        and f"MATCH({niveau}3," in formula
        and f"MATCH({kompleksitet}3," in formula
    )
    assert (
        '"1 Let","1 Let","2 Moderat";"1 Let","2 Moderat","3 Stort";"2 Moderat","3 Stort","3 Stort"' in formula
    )
    assert sheet[f"{column_of(sheet, 'Omfang af oprydningsarbejdet (ved eksport)')}3"].value == "3 Stort"
    assert workbook.calculation.fullCalcOnLoad  # Excel and LibreOffice compute it on open

    kommune = Kommune.get()
    kommune.omfang_matrix = {b: {k: 1 for k in ("lav", "middel", "hoej")} for b in ("faa", "mellem", "mange")}
    kommune.save()
    formula = export(login(laeser))["Dokumentationsark"][
        f"{column_of(sheet, 'Omfang af oprydningsarbejdet')}3"
    ].value
    assert '"1 Let","1 Let","1 Let";"1 Let","1 Let","1 Let";"1 Let","1 Let","1 Let"' in formula


def test_computed_columns_are_grey_with_a_note_and_have_no_dropdown(login, laeser, c_sagsomraade):
    sheet = export(login(laeser))["Dokumentationsark"]

    letter = column_of(sheet, "Afhængighed af KMD Sag")
    assert sheet[f"{letter}2"].fill.fgColor.rgb.endswith("E7E6E6")
    assert "Beregnes af Exitstrategi" in sheet[f"{letter}2"].comment.text
    [grey] = sheet.conditional_formatting  # the data cells below, however Excel sorts them
    assert f"{letter}3" in grey.sqref and grey.rules[0].dxf.fill.bgColor.rgb.endswith("E7E6E6")
    assert not any(str(v.sqref).startswith(f"{letter}3") for v in sheet.data_validations.dataValidation)


def test_dates_are_real_dates_shown_as_on_screen(login, laeser, c_sagsomraade, systemer):

    ny_kontrakt(systemer["KMD Opera"], navn="Opera", opsigelsesvarsel=6)
    ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2, loesning_sager=systemer["SBSYS"])
    sheet = export(login(laeser))["Dokumentationsark"]

    for header in ("Opsig senest", "Tidligste virkning"):
        cell = sheet[f"{column_of(sheet, header)}3"]
        assert isinstance(cell.value, datetime) and cell.number_format == "DD.MM.YYYY", header


def test_overblik_counts_and_vejledning_explains_every_column(login, laeser, c_sagsomraade):
    ToBe.objects.create(sagsomraade=c_sagsomraade, anbefalet_scenarie=2)
    workbook = export(login(laeser))

    overblik = [row for row in workbook["Overblik"].iter_rows(values_only=True) if any(row)]
    assert ("Fase 3: To-be: Anbefalet løsningsscenarie", None) in overblik
    assert ("2", 1) in overblik and ("Borgerservice", 1) in overblik and ("C", 1) in overblik
    vejledning = {row[0]: row for row in workbook["Vejledning"].iter_rows(values_only=True) if row[0]}
    assert vejledning["8. Kan arkiveres"][2] == "Ja, Nej, Delvist"
    assert vejledning["2. Hvornår i udbud"][1] == "Hvornår skal løsningen/løsningerne på sagsområdet i udbud?"
    assert vejledning["Prioritet"][3] == "Beregnes; rettes ikke i arket"


def test_a_long_answer_list_comes_from_a_hidden_list_sheet(db, c_sagsomraade):
    labels = tuple(f"Et meget langt svar nummer {n}" for n in range(20))
    column = Column("lang", "Lang liste", "Grundoplysninger", lambda r: "", choices=labels)

    workbook = load_workbook(BytesIO(workbook_bytes(dokumentationsark_workbook([c_sagsomraade], [column]))))

    lists = workbook["Lister"]
    assert lists.sheet_state == "hidden" and lists["A20"].value == labels[-1]
    [validation] = workbook["Dokumentationsark"].data_validations.dataValidation
    assert validation.formula1 == "Lister!$A$1:$A$20"


def test_a_fagomraades_page_exports_only_its_own_rows(
    login, kontaktperson, c_sagsomraade, fremmed_sagsomraade
):
    client = login(kontaktperson)
    page = client.get(reverse("screening:fagomraade-detail", args=["borgerservice"])).content.decode()
    link = f"{EXPORT}?fagomraade={c_sagsomraade.fagomraade_id}"

    assert f'href="{link}"' in page
    sheet = load_workbook(BytesIO(client.get(link).content))["Dokumentationsark"]
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["Borgerservice"]


def test_an_export_streams_its_rows_in_chunks_and_ranks_them_once(login, laeser, omraader, monkeypatch):
    from exitstrategi import dokumentationsark
    from prioritering.selectors import rangorden

    monkeypatch.setattr(dokumentationsark, "CHUNK", 2)  # three areas and a fourth: two chunks
    whole = {s.kle.nummer: place for s in omraader.values() for place in [rangorden().get(s.pk)]}
    with CaptureQueriesContext(connection) as asked:  # in the test's transaction nothing is kept
        rangorden()
    ranking = asked.captured_queries[-1]["sql"]

    with CaptureQueriesContext(connection) as asked:
        sheet = export(login(laeser))["Dokumentationsark"]

    kle, nr = column_of(sheet, "KLE-nummer"), column_of(sheet, "Prioritet")
    shown = {sheet[f"{kle}{r}"].value: sheet[f"{nr}{r}"].value for r in range(3, sheet.max_row + 1)}
    assert set(shown) == set(whole)  # every area, once
    assert {k: (p[0] if p else None) for k, p in whole.items()} == {k: v or None for k, v in shown.items()}
    assert [query["sql"] for query in asked.captured_queries].count(
        ranking
    ) == 1  # the order over all areas is computed once for both chunks
