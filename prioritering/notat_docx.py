"""The beslutningsnotat as a Word document, on the municipality's own template when it has one
(its styles, header, footer), else on python-docx's plain default. Renders `notat.byg()` only."""

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from exitstrategi.indstillinger import Kommune

from .notat import Afsnit, Billede, Punkter, Tabel, byg

DOTX = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def aktuelt_notat():
    """The notat as the data stands now, on the municipality's template and with its logo."""
    kommune = Kommune.get()
    return docx_bytes(byg(kommune=kommune), _fil(kommune.notat_skabelon), _logo(kommune.logo))


def _fil(field):
    if not field:
        return None
    with field.open("rb") as f:
        return f.read()


def _logo(field):
    return _fil(field) if field and field.name.lower().rsplit(".", 1)[-1] in ("png", "jpg", "jpeg") else None


def docx_bytes(notat, skabelon=None, logo=None):
    """The notat as .docx bytes. skabelon: the bytes of a .docx or .dotx; logo: PNG or JPEG bytes."""
    document = _document(skabelon)
    if logo:
        document.add_picture(io.BytesIO(logo), width=Cm(4))
    _heading(document, notat.titel, 0)
    document.add_paragraph(f"{notat.kommune} · {notat.dato:%d.%m.%Y}")
    for sektion in notat.sektioner:
        _heading(document, sektion.overskrift, 1)
        for blok in sektion.blokke:
            _blok(document, blok)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _document(skabelon):
    if not skabelon:
        return Document()
    document = Document(io.BytesIO(_as_docx(skabelon)))
    body = document.element.body
    for child in list(body):  # keep the template's section settings (header, footer, margins), not its text
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def _as_docx(data):
    """A .dotx is a .docx whose main part has another content type: rewrite that one entry."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(DOTX.encode(), DOCX.encode())
            target.writestr(item, content)
    return out.getvalue()


def _style(document, name):
    """The style, or None when the template lacks it."""
    try:
        return document.styles[name]
    except KeyError:
        return None


def _heading(document, text, level):
    if _style(document, "Title" if level == 0 else f"Heading {level}") is not None:
        return document.add_heading(text, level)
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def _blok(document, blok):
    if isinstance(blok, Afsnit):
        document.add_paragraph(blok.tekst)
    elif isinstance(blok, Punkter):
        style = _style(document, "List Bullet")
        for punkt in blok.punkter:
            paragraph = document.add_paragraph(punkt if style is not None else f"• {punkt}")
            if style is not None:
                paragraph._p.style = style.style_id  # by id: python-docx's lookup by style is slow
    elif isinstance(blok, Tabel):
        _tabel(document, blok)
    elif isinstance(blok, Billede):
        _heading(document, blok.titel, 2)
        _tabel(document, blok.tabel)


def _tabel(document, tabel):
    """A table written straight into the XML: python-docx's cell API costs a style lookup per cell,
    seconds for the order of 500 areas."""
    table = document.add_table(rows=0, cols=len(tabel.kolonner))
    grid = _style(document, "Table Grid")
    if grid is not None:
        table._tbl.tblPr.get_or_add_tblStyle().val = grid.style_id
    for header, values in [(True, tabel.kolonner), *((False, row) for row in tabel.raekker)]:
        tr = etree.SubElement(table._tbl, qn("w:tr"))
        for value in values:
            run = etree.SubElement(etree.SubElement(etree.SubElement(tr, qn("w:tc")), qn("w:p")), qn("w:r"))
            if header:
                etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:b"))
            text = etree.SubElement(run, qn("w:t"))
            text.text = str(value)
            text.set(qn("xml:space"), "preserve")
    document.add_paragraph()
