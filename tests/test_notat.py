"""Trin 5, the beslutningsnotat: built once from the data, the same on the page and in Word, on the
municipality's own template, frozen when sent, and the decision recorded against that version."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from exitstrategi.models import Kommune
from prioritering.models import Beslutning, NotatTekster, NotatVersion
from prioritering.notat import byg

NOTAT = reverse("prioritering:notat")
HEADINGS = [
    "Resumé",
    "Indstilling",
    "Baggrund",
    "Sagsfremstilling",
    "Økonomi",
    "Kontraktfrister",
    "Risici og åbne spørgsmål",
    "Videre proces",
    "Bilag",
    "Beslutning",
]


@pytest.fixture
def demo_db(db, demo):
    return demo


def headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_the_notat_holds_what_the_guide_asks_in_the_committee_structure(demo_db, login, laeser):
    from prioritering.selectors import prioriteret

    notat = byg()
    page = login(laeser).get(NOTAT).content.decode()

    assert notat.overskrifter() == HEADINGS
    text = " ".join(str(b) for s in notat.sektioner for b in s.blokke)
    for raekke in prioriteret().raekker:  # every recommendation and its place in the order
        assert raekke.sagsomraade.kle.nummer in text and raekke.sagsomraade.kle.nummer in page
    indstilling = notat.sektioner[1].blokke[-1].punkter
    assert all(p.startswith("at ") for p in indstilling)
    assert any("i den rækkefølge" in p for p in indstilling)
    assert page.count("<svg") == 3


def test_the_word_document_has_the_pages_headings_in_the_pages_order(demo_db, login, laeser):
    response = login(laeser).get(reverse("prioritering:notat-docx"))

    document = Document(io.BytesIO(response.content))
    assert response["Content-Disposition"].startswith('attachment; filename="beslutningsnotat-')
    assert headings(document, 1) == HEADINGS
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [NotatTekster.get().titel]
    assert headings(document, 2) == [
        "Rækkefølge og tidsplan",
        "Forretningskritisk og omfang af oprydningsarbejdet",
        "Sagsområder pr. løsningsscenarie",
    ]  # the pictures as Word tables
    assert len(document.tables) >= 6
    order = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr." and len(t.columns) == 8)
    assert [c.text for c in order.rows[0].cells][-1] == "Hvorfor her"
    assert order.rows[1].cells[0].text == "1" and order.rows[1].cells[0].paragraphs[0].runs[0].bold is None
    page = login(laeser).get(reverse("prioritering:oversigt"))
    on_page = [r.sagsomraade.kle.nummer for r, _form in page.context["rows"]]
    assert [row.cells[1].text.split(" ")[0] for row in order.rows[1:]] == on_page  # the same order


def test_the_leaders_own_texts_go_into_the_notat_with_history(demo_db, login, projektleder, laeser):
    url = reverse("prioritering:notat-tekster")
    assert login(laeser).get(url).status_code == 403
    data = {
        "titel": "Exit fra KMD Sag",
        "resume": "Kort fortalt.",
        "indstilling": "",
        "oekonomi": "",
        "risici": "",
    }

    login(projektleder).post(url, data)

    notat = byg()
    assert notat.titel == "Exit fra KMD Sag" and notat.sektioner[0].blokke[0].tekst == "Kort fortalt."
    assert [h.titel for h in NotatTekster.get().history.all()] == [
        "Exit fra KMD Sag",
        "KMD Sag Exit-strategi: beslutningsnotat",  # the earlier wording is kept
    ]


def test_sending_freezes_the_notat_and_its_bilag(demo_db, login, projektleder, laeser):
    assert login(laeser).post(reverse("prioritering:notat-send")).status_code == 403
    client = login(projektleder)

    client.post(reverse("prioritering:notat-send"))

    version = NotatVersion.objects.get()
    assert version.nummer == 1 and version.sendt_af == projektleder
    assert hashlib.sha256(bytes(version.docx)).hexdigest() == version.docx_sha256
    assert hashlib.sha256(bytes(version.xlsx)).hexdigest() == version.xlsx_sha256
    sent = client.get(reverse("prioritering:notat-version", args=[1, "docx"])).content
    NotatTekster.objects.update(titel="Et andet udkast")
    assert client.get(reverse("prioritering:notat-version", args=[1, "docx"])).content == sent
    assert headings(Document(io.BytesIO(sent)), 1) == HEADINGS
    with zipfile.ZipFile(
        io.BytesIO(client.get(reverse("prioritering:notat-version", args=[1, "xlsx"])).content)
    ):
        pass  # the Bilag is a real .xlsx
    with pytest.raises(ValueError, match="ændres aldrig"):
        version.save()
    form = client.get(reverse("prioritering:beslutning-create")).context["form"]
    assert form.initial["notat"] == version.pk  # the decision is taken on the version sent


def test_the_notat_uses_the_municipalitys_word_template_also_a_dotx(demo_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Eksempel Kommune · Digitalisering"
    template.add_paragraph("Brevskabelonens eget indhold")
    buffer = io.BytesIO()
    template.save(buffer)
    dotx = _as_dotx(buffer.getvalue())
    kommune = Kommune.get()
    kommune.notat_skabelon.save("skabelon.dotx", ContentFile(dotx))

    call_command("beslutningsnotat", str(tmp_path / "notat.docx"))

    document = Document(str(tmp_path / "notat.docx"))
    assert document.sections[0].header.paragraphs[0].text == "Eksempel Kommune · Digitalisering"
    assert "Brevskabelonens eget indhold" not in [p.text for p in document.paragraphs]
    assert headings(document, 1) == HEADINGS


def _as_dotx(docx):
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, content)
    return out.getvalue()


def test_a_decision_names_the_version_it_was_taken_on(demo_db, login, projektleder):
    client = login(projektleder)
    client.post(reverse("prioritering:notat-send"))
    version = NotatVersion.objects.get()
    form = client.get(reverse("prioritering:beslutning-create")).context["linjer"]
    data = {"beslutning-besluttet_af": "Byrådet", "beslutning-notat": version.pk}
    for raekke, field, _b in form.rows():
        data[field.html_name] = raekke.tobe.anbefalet_scenarie if raekke.tobe else ""

    client.post(reverse("prioritering:beslutning-create"), data)

    assert Beslutning.objects.get(besluttet_af="Byrådet").notat == version
