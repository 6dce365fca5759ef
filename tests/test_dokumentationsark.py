import math
from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from exitstrategi import dokumentationsark
from exitstrategi.models import KLE, Fagomraade, Kommune, Sagsomraade
from screening.models import Screening
from tests.conftest import ny_kontrakt
from tests.sheet_cells import shown_rows
from workshops.models import AsIs, ToBe

SHEET = reverse("dokumentationsark")
EXPORT = reverse("dokumentationsark-export")


@pytest.fixture
def sheet_rows(kle, borgerservice, arbejdsmarked):
    rows = {
        "bolig": Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.06.00"]),
        "kontant": Sagsomraade.objects.create(fagomraade=arbejdsmarked, kle=kle["32.24.04"]),
        "byg": Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["02.34.02"], noter="=1+1"),
    }
    Screening.objects.create(sagsomraade=rows["bolig"], anvender_kmd_sag="ja")
    AsIs.objects.create(sagsomraade=rows["bolig"], q1=True, q2=False, q5=True)
    Screening.objects.create(sagsomraade=rows["byg"], anvender_kmd_sag="nej", note="@SUM(A1)")
    return rows


def numbers(response):
    return [row["kle"] for row in shown_rows(response)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["32.24.04", "02.34.02", "32.06.00"]),
        ({"fagomraade": "BORGER"}, ["02.34.02", "32.06.00"]),
        ({"svar": "ja"}, ["32.06.00"]),
        ({"svar": "nej"}, ["02.34.02"]),
        ({"svar": "ubesvaret"}, ["32.24.04"]),
        ({"hovedgruppe": "HG02"}, ["02.34.02"]),
        ({"q": "boligstøtte"}, ["32.06.00"]),
        ({"q": "32.24"}, ["32.24.04"]),
        ({"sort": "-kle"}, ["32.24.04", "32.06.00", "02.34.02"]),
        ({"brugsmoenster": "D"}, ["32.06.00"]),
        ({"komplet": "nej"}, ["32.06.00"]),
        ({"komplet": "ja"}, []),
    ],
)
def test_the_sheet_filters_and_sorts(login, laeser, kle, sheet_rows, params, expected):
    ids = {"BORGER": Fagomraade.objects.get(navn="Borgerservice").pk, "HG02": kle["02"].pk}
    params = {key: ids.get(value, value) for key, value in params.items()}

    response = login(laeser).get(SHEET, params)

    assert numbers(response) == expected


def open_export(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


HEADER_ROW, FIRST_ROW = 2, 3  # row 1 groups the columns by phase


def headers(sheet):
    """The visible column headers (the hidden key and version columns left out)."""
    return [
        cell.value for cell in sheet[HEADER_ROW] if not sheet.column_dimensions[cell.column_letter].hidden
    ]


def test_the_export_holds_exactly_what_the_filter_shows(login, laeser, sheet_rows):
    workbook = open_export(login(laeser).get(EXPORT, {"svar": "ja"}))

    sheet = workbook["Dokumentationsark"]
    header = headers(sheet)
    assert header[:3] == ["Fagområde", "KLE-nummer", "Sagsområde"]
    assert "Anvendes KMD Sag i dag?" in header
    assert [[cell.value for cell in row][:3] for row in sheet.iter_rows(min_row=FIRST_ROW)] == [
        ["Borgerservice", "32.06.00", "Boligstøtte i almindelighed"]
    ]
    assert "Vejledning" in workbook.sheetnames


def dropdowns(sheet):
    """{header: list formula} for every column with a dropdown."""
    header = {cell.column_letter: cell.value for cell in sheet[HEADER_ROW]}
    return {
        header[str(validation.sqref).split(":")[0].rstrip("0123456789")]: validation.formula1
        for validation in sheet.data_validations.dataValidation
        if validation.type == "list"
    }


def test_the_export_has_dropdowns_autofilter_and_a_frozen_header(login, laeser, sheet_rows):
    sheet = open_export(login(laeser).get(EXPORT))["Dokumentationsark"]

    found = dropdowns(sheet)
    assert found["Anvendes KMD Sag i dag?"] == '"Ja,Nej"'
    assert found["3. Brugsmønster"] == '"0,A,B,C,D,E"'
    assert found["8. Kan arkiveres"] == '"Ja,Nej,Delvist"'
    assert "Noter" not in found
    assert sheet.freeze_panes == "D3"  # the header rows and fagområde, KLE-nummer, sagsområde stay in view
    last = sheet.cell(row=HEADER_ROW, column=len(headers(sheet))).column_letter
    assert sheet.auto_filter.ref == f"A2:{last}5"


def test_text_that_looks_like_a_formula_is_written_as_text(login, laeser, sheet_rows):
    sheet = open_export(login(laeser).get(EXPORT, {"q": "Byggetilladelse"}))["Dokumentationsark"]

    header = headers(sheet)
    noter = sheet.cell(row=FIRST_ROW, column=header.index("Noter") + 1)
    note = sheet.cell(row=FIRST_ROW, column=header.index("Note til screening") + 1)
    assert (noter.value, noter.data_type, noter.quotePrefix) == ("=1+1", "s", True)
    assert (note.value, note.data_type, note.quotePrefix) == ("@SUM(A1)", "s", True)


def test_the_command_writes_the_same_sheet(db, sheet_rows, tmp_path, capsys):
    out = tmp_path / "ark.xlsx"

    call_command("export_dokumentationsark", str(out))

    sheet = load_workbook(out)["Dokumentationsark"]
    assert sheet.max_row == 5
    assert "3 sagsområder" in capsys.readouterr().out


def test_the_sheet_stays_at_a_fixed_number_of_queries_with_2000_sagsomraader(
    login, laeser, systemer, django_assert_max_num_queries
):
    fagomraader = [Fagomraade.objects.create(navn=f"Fagområde {i}") for i in range(10)]
    topics = KLE.objects.bulk_create(
        KLE(nummer=f"{i // 100:02d}.{i % 100:02d}.00", titel=f"Emne {i}", niveau="emne") for i in range(200)
    )
    rows = Sagsomraade.objects.bulk_create(
        Sagsomraade(fagomraade=f, kle=t, titel=t.titel) for f in fagomraader for t in topics
    )
    Screening.objects.bulk_create(Screening(sagsomraade=s, anvender_kmd_sag="ja") for s in rows[::2])
    opera, kmd_sag = systemer["KMD Opera"], systemer["KMD Sag"]
    mapped = AsIs.objects.bulk_create(
        AsIs(
            sagsomraade=s,
            brugsmoenster="C",
            system_sager=opera,
            system_journalnotater=kmd_sag,
            system_adviser=kmd_sag,
            system_dokumenter=kmd_sag,
            system_overblik=kmd_sag,
            monopolbrud_tsa="ja",
        )
        for s in rows[::2]
    )
    AsIs.monopolbrud_tsa_systemer.through.objects.bulk_create(
        AsIs.monopolbrud_tsa_systemer.through(asis_id=a.pk, itsystem_id=systemer["KMD Aktiv"].pk)
        for a in mapped
    )
    client = login(laeser)
    Kommune.get()  # the municipality's settings exist after their first use

    # in a transaction, where nothing is kept between requests (test_generation counts a kept page): the
    # session and the user with their role (2); the number of rows with the column sums; the page's
    # keys, its rows, the links of its many-to-many fields (one query); the kept registers its rows and
    # the filter's lists name: fagområder, KLE and IT systems (one lookup each, however many questions
    # name them); "også i"; the contracts' dates; To-be question 1's workshops; the settings and Fase
    # 4's order over every area in scope (2); the filter's hovedgrupper
    with django_assert_max_num_queries(16):
        response = client.get(SHEET, {"side": 3})
    assert response.context["page"].paginator.count == 2000
    assert "KMD Aktiv" in response.content.decode()
    chunks = math.ceil(2000 / dokumentationsark.CHUNK)  # the export streams: loads and prepares in chunks
    with django_assert_max_num_queries(3 + 9 * chunks):  # per chunk the rows and their lookups, not per row
        response = client.get(EXPORT)
    assert load_workbook(BytesIO(response.content))["Dokumentationsark"].max_row == 2002


def test_to_be_columns_filters_and_the_earliest_effect_from_the_contracts(
    login, laeser, c_sagsomraade, systemer, fremmed_sagsomraade
):
    from django.utils import timezone

    from exitstrategi.kontraktdatoer import tidligste_ophoer

    opera = ny_kontrakt(systemer["KMD Opera"], navn="Opera", opsigelsesvarsel=6)
    ToBe.objects.create(
        sagsomraade=c_sagsomraade,
        anbefalet_scenarie=2,
        forretningskritisk="ja",
        kompleksitet="hoej",
        loesning_sager=systemer["SBSYS"],
        loesning_journalnotater=systemer["SBSYS"],
    )
    client = login(laeser)

    for params, expected in [
        ({"scenarie": 2}, ["32.06.00"]),
        ({"scenarie": 1}, []),
        ({"forretningskritisk": "ja"}, ["32.06.00"]),
        ({"kompleksitet": "lav"}, []),
    ]:
        assert numbers(client.get(SHEET, params)) == expected, params
    sheet = open_export(client.get(EXPORT))["Dokumentationsark"]
    header = headers(sheet)
    rows = {row[1]: row for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True)}
    effect = rows["32.06.00"][header.index("Tidligste virkning")]
    opera_exit = tidligste_ophoer(opera.vilkaar, timezone.localdate())
    assert effect.date() == opera_exit.dato  # the scenario leaves KMD Opera
    assert rows["32.06.00"][header.index("Opsig senest")].date() == opera_exit.opsig_senest
    assert rows["32.06.00"][header.index("Anbefalet løsningsscenarie")] == 2
    assert rows["32.24.04"][header.index("Anbefalet løsningsscenarie")] is None  # not a C/D area
    assert rows["32.24.04"][header.index("Indgår i To-be")] == "Nej: ikke screenet Ja"
    found = dropdowns(sheet)
    assert found["6. Kompleksitet af oprydning"] == '"Lav,Middel,Høj"'
    assert found["Anbefalet løsningsscenarie"] == '"1,2,3,4"'
    assert found["5. Forretningskritisk"] == '"Ja,Nej"'


def test_the_user_chooses_which_phases_columns_to_see_and_export(login, laeser, sheet_rows):
    client = login(laeser)

    page = client.get(SHEET, {"fase": ["Grundoplysninger", "Fase 1: Screening"]})
    sheet = open_export(client.get(EXPORT, {"fase": ["Fase 1: Screening"]}))["Dokumentationsark"]

    assert {column.phase for column, _frozen in page.context["columns"]} == {
        "Grundoplysninger",
        "Fase 1: Screening",
    }
    assert headers(sheet) == ["Anvendes KMD Sag i dag?", "Note til screening"]
    everything = client.get(SHEET).context["columns"]
    assert {column.phase for column, _frozen in everything} >= {"Fase 2: As-is", "Fase 3: To-be"}


def test_every_fixed_answer_column_can_be_filtered_and_number_columns_are_summed(
    login, laeser, c_sagsomraade, fremmed_sagsomraade, systemer
):
    from screening.models import Screening

    Screening.objects.create(sagsomraade=fremmed_sagsomraade, anvender_kmd_sag="ja")
    AsIs.objects.filter(pk=c_sagsomraade.pk).update(arkivering="delvist", antal_sagsbehandlere=12)
    AsIs.objects.create(
        sagsomraade=fremmed_sagsomraade, antal_sagsbehandlere=30, system_sager=systemer["SBSYS"]
    )
    client = login(laeser)

    page = client.get(SHEET)
    delvist = client.get(SHEET, {"asis_arkivering": "delvist"}).context["page"].object_list
    unanswered = client.get(SHEET, {"asis_arkivering": "ubesvaret"}).context["page"].object_list
    sbsys = client.get(SHEET, {"asis_system_sager": systemer["SBSYS"].pk}).context["page"].object_list
    no_system = client.get(SHEET, {"tobe_loesning_sager": "ubesvaret"}).context["page"].object_list

    filters = {field.name for field in page.context["column_filters"]}
    assert {
        "asis_monopolbrud_tsa",
        "asis_oprydning",
        "asis_arkivering",
        "kle_status",
    } <= filters
    assert [s.pk for s in delvist] == [c_sagsomraade.pk]
    assert [s.pk for s in unanswered] == [fremmed_sagsomraade.pk]
    assert [s.pk for s in sbsys] == [fremmed_sagsomraade.pk]
    assert len(no_system) == 2  # "Ikke besvaret" on an IT system question (no To-be answers here)
    sums = [value for has_sum, value, _frozen in page.context["totals"] if has_sum]
    assert sums == [42, None, None]  # caseworkers, manual cases, journal notes
    assert "Sum for de 2 filtrerede" in page.content.decode()


def test_fixed_answers_map_labels_to_stored_values_in_one_place():
    from exitstrategi.dokumentationsark import answer_choices, columns

    by_key = {column.key: column for column in columns()}

    assert answer_choices(by_key["screening"]) == [("ja", "Ja"), ("nej", "Nej")]
    assert answer_choices(by_key["asis_arkivering"]) == [("ja", "Ja"), ("nej", "Nej"), ("delvist", "Delvist")]
    assert answer_choices(by_key["tobe_kompleksitet"]) == [
        ("lav", "Lav"),
        ("middel", "Middel"),
        ("hoej", "Høj"),
    ]
    assert answer_choices(by_key["asis_system_sager"]) == []  # IT systems come from the register


def test_short_headers_carry_the_guides_full_question_on_screen_and_in_excel(login, laeser, c_sagsomraade):
    client = login(laeser)

    page = client.get(SHEET).content.decode()
    sheet = open_export(client.get(EXPORT))["Dokumentationsark"]

    assert 'title="Hvornår skal løsningen/løsningerne på sagsområdet i udbud?"' in page
    notes = {cell.value: cell.comment.text if cell.comment else None for cell in sheet[HEADER_ROW]}
    assert notes["2. Hvornår i udbud"] == "Hvornår skal løsningen/løsningerne på sagsområdet i udbud?"
    assert notes["6. Manuelle sager i KMD Sag"].startswith("Hvor mange manuelle sager og journalnotater")


def test_to_be_question_1_from_each_workshop_stands_by_the_areas_of_its_fagomraader(
    login, laeser, c_sagsomraade, fremmed_sagsomraade
):
    from django.utils import timezone

    from workshops.models import Workshop

    workshop = Workshop.objects.create(
        titel="To-be 1", type="tobe", start=timezone.now(), tobe_strategier="ESDH-strategien peger på SBSYS."
    )
    workshop.fagomraader.set([c_sagsomraade.fagomraade])

    rows = {row["kle"]: row for row in shown_rows(login(laeser).get(SHEET))}

    assert rows[c_sagsomraade.kle.nummer]["tobe_plenum"] == "To-be 1: ESDH-strategien peger på SBSYS."
    assert rows[fremmed_sagsomraade.kle.nummer]["tobe_plenum"] == ""
