"""The KLE import and the Excel import driven with generated files (hypothesis): every file is either
imported whole or refused with a Danish message, and a refused file changes nothing."""

import os
from datetime import date, datetime
from io import BytesIO

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from exitstrategi import dokumentationsark, indlaesning
from exitstrategi.excel import dokumentationsark_workbook, workbook_bytes
from exitstrategi.excel_import import ExcelRefused, open_xlsx
from exitstrategi.kle_import import KleImportError, kle_import, parse_emneplan
from exitstrategi.models import KLE
from workshops.models import AsIs

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 30)),  # more, locally: FUZZ_EXAMPLES=300
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
NUMBER = st.one_of(
    st.from_regex(r"\A\d\d(\.\d\d){0,2}\Z"), st.text(max_size=8), st.sampled_from(["32", "32.24", "32.24.04"])
)
TITLE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
STATUS = st.sampled_from(["", "<Historisk><UdgaaetDato>2010-01-01</UdgaaetDato></Historisk>"])


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def emneplaner(draw):
    def level(name, depth):
        items = []
        for _ in range(draw(st.integers(0, 2))):
            children = level(("Gruppe", "Emne")[depth], depth + 1) if depth < 2 else ""
            items.append(
                f"<{name}><{name}Nr>{escape(draw(NUMBER))}</{name}Nr><{name}Titel>{escape(draw(TITLE))}"
                f"</{name}Titel><{name}AdministrativInfo>{draw(STATUS)}</{name}AdministrativInfo>"
                f"{children}</{name}>"
            )
        return "".join(items)

    return f"<KLE-Emneplan>{level('Hovedgruppe', 0)}</KLE-Emneplan>"


@FUZZ
@given(text=emneplaner())
def test_a_generated_kle_file_is_imported_whole_or_refused_without_a_trace(db, tmp_path, text):
    before = list(KLE.objects.values_list("nummer", "titel", "status", "parent_id"))
    path = tmp_path / "kle.xml"
    path.write_text(text, encoding="utf-8")
    try:
        kle_import(parse_emneplan(str(path)))
    except KleImportError as error:
        assert str(error)  # a Danish message
        assert list(KLE.objects.values_list("nummer", "titel", "status", "parent_id")) == before
        return
    assert all(topic.titel for topic in KLE.objects.all())


CELL = st.one_of(
    st.none(),
    TITLE,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1)),
    st.sampled_from(["=1+1", "ja", "NEJ", "ukendt", "Delvist", "K3 2027", "SBSYS", "KMD Opera; Ny note"]),
)


@FUZZ
@given(data=st.data())
def test_a_generated_edit_of_an_export_is_imported_whole_or_refused_without_a_trace(
    db, c_sagsomraade, projektleder, data
):
    rows = dokumentationsark.prepare(list(dokumentationsark.queryset()))
    workbook = load_workbook(
        BytesIO(workbook_bytes(dokumentationsark_workbook(rows, dokumentationsark.columns())))
    )
    sheet = workbook["Dokumentationsark"]
    headers = [c.value for c in sheet[2]]
    for _ in range(data.draw(st.integers(1, 6))):
        column = data.draw(st.integers(1, len(headers)))
        sheet.cell(3, column).value = data.draw(CELL)
    before = AsIs.history.count()
    try:
        plan = indlaesning.plan(open_xlsx(workbook_bytes(workbook), "ark.xlsx"), "ark.xlsx", projektleder)
    except ExcelRefused:
        assert AsIs.history.count() == before
        return
    if plan.fejl:
        assert all(message.startswith("Dokumentationsark") for message in plan.fejl)
        assert AsIs.history.count() == before
    else:
        indlaesning.apply(plan, projektleder)
