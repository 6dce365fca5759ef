"""Reading a filled-in Dokumentationsark back: every cell through its phase's form, a preview cell by
cell, conflicts with what changed in the application since the export, role rules, all or nothing."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from exitstrategi import dokumentationsark, indlaesning
from exitstrategi.excel import dokumentationsark_workbook, workbook_bytes
from exitstrategi.excel_import import open_xlsx
from exitstrategi.history import changes_for
from exitstrategi.services import phase_record_save
from screening.models import Screening
from workshops.models import AsIs


def exported():
    """The whole sheet as a user gets it from «Hent som Excel», opened for editing."""
    rows = dokumentationsark.prepare(list(dokumentationsark.queryset()))
    data = workbook_bytes(dokumentationsark_workbook(rows, dokumentationsark.columns()))
    return load_workbook(BytesIO(data))


def cell(workbook, kle, header):
    sheet = workbook["Dokumentationsark"]
    columns = {c.value: c.column for c in sheet[2]}
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, columns["KLE-nummer"]).value == kle)
    return sheet.cell(row, columns[header])


def plan(workbook, user, **options):
    return indlaesning.plan(open_xlsx(workbook_bytes(workbook)), "ark.xlsx", user, **options)


def changes(result):
    return [(c.raekke, c.kolonne, c.gammel, c.ny) for c in result.aendringer]


def test_edited_answers_are_previewed_cell_by_cell_then_saved_with_the_file_as_source(
    c_sagsomraade, kontaktperson
):
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = "12"  # a number stored as text
    cell(workbook, "32.06.00", "6. Manuelle sager i KMD Sag").value = "UKENDT"
    cell(workbook, "32.06.00", "8. Kan arkiveres").value = "delvist"
    cell(workbook, "32.06.00", "4a Sager journaliseres i").value = "sbsys"
    cell(workbook, "32.06.00", "Noter").value = "Ændret hjemme ved skrivebordet – æøå"

    result = plan(workbook, kontaktperson)

    assert result.fejl == []
    assert changes(result) == [
        (3, "Noter", "", "Ændret hjemme ved skrivebordet – æøå"),
        (3, "2. Antal sagsbehandlere", "", "12"),
        (3, "4a Sager journaliseres i", "KMD Opera", "sbsys"),
        (3, "6. Manuelle sager i KMD Sag", "", "UKENDT"),
        (3, "8. Kan arkiveres", "", "delvist"),
    ]
    assert AsIs.objects.get().antal_sagsbehandlere is None  # the preview writes nothing

    indlaesning.apply(result, kontaktperson)

    asis = AsIs.objects.get()
    assert (asis.antal_sagsbehandlere, asis.antal_manuelle_sager_ukendt, asis.arkivering) == (
        12,
        True,
        "delvist",
    )
    assert asis.system_sager.navn == "SBSYS"
    c_sagsomraade.refresh_from_db()
    assert c_sagsomraade.noter == "Ændret hjemme ved skrivebordet – æøå"
    newest = changes_for(c_sagsomraade)[0]
    assert (newest.reason, newest.who) == ("Indlæst fra Excel: ark.xlsx", "Karim")


def test_every_bad_cell_is_reported_at_once_and_nothing_changes(
    c_sagsomraade, kle, borgerservice, projektleder
):
    from exitstrategi.models import Sagsomraade

    other = Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.04"])
    workbook = exported()
    cell(workbook, "32.06.00", "Noter").value = "En gyldig note, der ikke gemmes, fordi filen har fejl"
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = -3
    cell(workbook, "32.06.00", "6. Journalnotater i KMD Sag").value = "12,5"
    cell(workbook, "32.06.00", "8. Kan arkiveres").value = "måske"
    cell(workbook, "32.06.00", "4b Journalnotater journaliseres i").value = "Et system ingen kender"
    cell(workbook, "32.06.00", "3. Brugsmønster").value = "A"
    cell(workbook, "32.06.00", "Også i fagområde").value = "Skrevet i en grå kolonne"  # computed: ignored
    cell(workbook, "32.24.04", "Anvendes KMD Sag i dag?").value = '=IF(1,"Ja","Nej")'

    result = plan(workbook, projektleder)

    assert result.fejl == [
        "Dokumentationsark, række 3, 2. Antal sagsbehandlere: Denne værdi skal være større end eller lig 0.",
        "Dokumentationsark, række 3, 3. Brugsmønster: brugsmønsteret følger af svarene på "
        "R2-spørgsmålene; ret dem i programmet.",
        "Dokumentationsark, række 3, 4b Journalnotater journaliseres i: «Et system ingen kender» er ikke "
        "et kendt IT-system; et nyt oprettes i programmet, ikke i arket.",
        "Dokumentationsark, række 3, 6. Journalnotater i KMD Sag: Indtast et heltal.",
        "Dokumentationsark, række 3, 8. Kan arkiveres: «måske» er ikke et af svarene: Ja, Nej, Delvist.",
        "Dokumentationsark, række 4, Anvendes KMD Sag i dag?: en formel kan ikke indlæses; skriv svaret.",
    ]
    assert not result.kan_indlaeses
    other.refresh_from_db()
    c_sagsomraade.refresh_from_db()
    assert c_sagsomraade.noter == "" and not Screening.objects.filter(sagsomraade=other).exists()


def test_a_cell_changed_in_the_application_since_the_export_is_a_conflict_kept_unless_chosen(
    c_sagsomraade, projektleder
):
    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 17
    cell(workbook, "32.06.00", "8. Arkivering kræver").value = "Aftale med arkivet"
    asis = AsIs.objects.get()
    phase_record_save(
        model=AsIs,
        sagsomraade=c_sagsomraade,
        values={"antal_sagsbehandlere": 30, "oprydning_svar": "Lukkes i 2027"},
        version=asis.version,
        user=projektleder,
    )

    result = plan(workbook, projektleder)

    assert [(c.kolonne, c.eksporteret, c.gammel, c.ny) for c in result.konflikter] == [
        ("2. Antal sagsbehandlere", "", "30", "17")
    ]
    assert changes(result) == [(3, "8. Arkivering kræver", "", "Aftale med arkivet")]  # not a conflict
    indlaesning.apply(result, projektleder)
    asis.refresh_from_db()
    assert (asis.antal_sagsbehandlere, asis.oprydning_svar) == (30, "Lukkes i 2027")  # both kept
    assert asis.arkivering_note == "Aftale med arkivet"

    chosen = plan(workbook, projektleder, overskriv={result.konflikter[0].id})
    indlaesning.apply(chosen, projektleder)
    asis.refresh_from_db()
    assert asis.antal_sagsbehandlere == 17


def test_screened_ja_in_the_file_opens_as_is_for_the_same_row_and_nej_does_not(
    kle, borgerservice, projektleder
):
    from exitstrategi.models import Sagsomraade

    Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.06.00"])
    Sagsomraade.objects.create(fagomraade=borgerservice, kle=kle["32.24.04"])
    workbook = exported()
    cell(workbook, "32.06.00", "Anvendes KMD Sag i dag?").value = "ja"
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 5
    cell(workbook, "32.24.04", "Anvendes KMD Sag i dag?").value = "Nej"
    cell(workbook, "32.24.04", "2. Antal sagsbehandlere").value = 7

    result = plan(workbook, projektleder)

    assert result.fejl == [
        "Dokumentationsark, række 4: sagsområdet indgår ikke i Fase 2: As-is, så svarene kan ikke indlæses."
    ]
    cell(workbook, "32.24.04", "2. Antal sagsbehandlere").value = None
    indlaesning.apply(plan(workbook, projektleder), projektleder)
    assert AsIs.objects.get().antal_sagsbehandlere == 5
    assert dict(Screening.objects.values_list("sagsomraade__kle__nummer", "anvender_kmd_sag")) == {
        "32.06.00": "ja",
        "32.24.04": "nej",
    }


def test_a_contact_person_imports_only_their_own_fagomraader(sagsomraade, fremmed_sagsomraade, kontaktperson):
    workbook = exported()
    cell(workbook, "32.06.00", "Noter").value = "Min egen"

    result = plan(workbook, kontaktperson)
    assert (result.fejl, result.ignoreret, len(result.aendringer)) == ([], 1, 1)

    cell(workbook, "32.24.04", "Noter").value = "Ikke min"
    assert plan(workbook, kontaktperson).fejl == [
        "Dokumentationsark, række 3: Arbejdsmarked 32.24.04 hører til et fagområde, du ikke er kontaktperson "
        "for; rækkens ændringer kan ikke indlæses. Slet rækken eller ændringerne, og prøv igen."
    ]


def test_only_the_project_leader_imports_fase_4(c_sagsomraade, kontaktperson, projektleder):
    from workshops.models import ToBe

    AsIs.objects.filter(pk=c_sagsomraade.pk).update(brugsmoenster="C")
    ToBe.objects.create(sagsomraade=c_sagsomraade, kompleksitet="lav")
    workbook = exported()
    cell(workbook, "32.06.00", "Brugerniveau").value = "mange"

    assert plan(workbook, kontaktperson).fejl == [
        "Dokumentationsark, række 3: kun projektlederen kan ændre svarene i Fase 4: Prioritering."
    ]
    result = plan(workbook, projektleder)
    indlaesning.apply(result, projektleder)
    assert c_sagsomraade.prioritering.brugerniveau == "mange"


def test_new_sagsomraader_only_when_the_project_leader_allows_them(sagsomraade, kle, projektleder):
    from exitstrategi.models import Sagsomraade

    workbook = exported()
    sheet = workbook["Dokumentationsark"]
    sheet.append(["Borgerservice", "32.24.05", "Fradrag, skrevet i Excel"])

    assert plan(workbook, projektleder).fejl == [
        "Dokumentationsark, række 4: sagsområdet Borgerservice 32.24.05 findes ikke. Nye sagsområder "
        "oprettes i programmet, eller af projektlederen ved at tillade nye sagsområder i indlæsningen."
    ]
    result = plan(workbook, projektleder, tillad_nye=True)
    assert result.fejl == [] and [s.kle.nummer for s in result.nye] == ["32.24.05"]
    indlaesning.apply(result, projektleder)
    assert Sagsomraade.objects.get(kle__nummer="32.24.05").titel == "Fradrag, skrevet i Excel"


def test_an_unchanged_export_changes_nothing(c_sagsomraade, projektleder):
    result = plan(exported(), projektleder)

    assert (result.fejl, result.aendringer, result.konflikter, result.skrivninger) == ([], [], [], [])


@pytest.mark.parametrize("value", ["Ja", "JA", "ja", " Ja "])
def test_danish_answers_are_read_in_any_case_and_are_no_change_when_equal(
    ja_sagsomraade, projektleder, value
):
    workbook = exported()
    cell(workbook, "32.06.00", "Anvendes KMD Sag i dag?").value = value

    assert changes(plan(workbook, projektleder)) == []


def test_a_planned_import_keeps_the_answers_not_the_forms_so_no_form_waits_for_the_garbage_collector(
    c_sagsomraade, kontaktperson
):
    """A 2,000-row import builds 9,000 forms: kept by the plan, or left in reference cycles, they made the
    garbage collector walk them all (half a second of bench/bench_excel.py's import)."""
    import gc

    from django import forms

    workbook = exported()
    cell(workbook, "32.06.00", "2. Antal sagsbehandlere").value = 12
    cell(workbook, "32.06.00", "Noter").value = "Ændret"
    gc.collect()
    gc.disable()
    try:
        result = plan(workbook, kontaktperson)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        forms_in_cycles = [o for o in gc.garbage if isinstance(o, forms.BaseForm)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert [type(answers) for _row, _fase, answers in result.skrivninger] == [dict, dict]
    assert forms_in_cycles == []
    indlaesning.apply(result, kontaktperson)
    assert AsIs.objects.get().antal_sagsbehandlere == 12
