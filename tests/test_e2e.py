"""End to end: build the sample and read the PDFs back."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report import markup
from report.content import load_document

from .conftest import SAMPLE_CONTENT, SAMPLE_SOURCE

SOURCE = SAMPLE_SOURCE.read_text(encoding="utf-8")


def _norm(text: str) -> str:
    """Compare text ignoring line breaks, hyphenation points and spacing."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\ufffe\x02]+", "", text)


def extract_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def source_sentences() -> list[str]:
    """Every sentence of the source; its first paragraph is the headline, the credit line stands alone."""
    paragraphs = [" ".join(p.split()) for p in SOURCE.split("\n\n") if p.strip()]
    sentences = []
    for para in paragraphs:
        # split after sentence ends, not after ordinals like "10. Auflage"
        sentences += [s for s in re.split(r"(?<=[a-zäöüß)][.!?])\s+", para) if s]
    return sentences


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_every_source_sentence_is_in_the_pdf(edition, sample_build):
    path = next(o.path for o in sample_build.outputs if o.edition == edition)
    text = _norm(extract_text(path))
    missing = [s for s in source_sentences() if _norm(s) not in text]
    assert source_sentences(), "the source yielded no sentences"
    assert not missing, f"sentences missing from the {edition} PDF: {missing}"


def test_content_carries_the_source_verbatim():
    doc = load_document(SAMPLE_CONTENT)
    paragraphs = [markup.plain(b.text) for s in doc.sections for b in getattr(s, "blocks", [])
                  if type(b).__name__ == "Paragraph"]
    content = " ".join([doc.report.title, markup.plain(doc.report.lead), doc.report.cover.credit, *paragraphs])
    for sentence in source_sentences():
        assert " ".join(sentence.split()) in content, sentence
    assert doc.report.cover.credit == "Bildquelle: beermedia / fotolia.com"


def test_all_fonts_embedded(sample_build):
    for out in sample_build.outputs:
        with pikepdf.open(out.path) as pdf:
            seen = 0
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                    fonts = [obj] + list(obj.get("/DescendantFonts", []))
                    for f in fonts:
                        if f.get("/Subtype") == "/Type0":
                            continue
                        desc = f.get("/FontDescriptor")
                        assert desc is not None, f"{out.edition}: font {f.get('/BaseFont')} has no descriptor"
                        assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                            f"{out.edition}: font {f.get('/BaseFont')} is not embedded"
                        seen += 1
            assert seen >= 4
            base = {str(o.get("/BaseFont")) for o in pdf.objects
                    if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"}
            assert not any("Helvetica" in b or "Times" in b for b in base), base


def test_outline_and_metadata(screen_pdf):
    with pikepdf.open(screen_pdf) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert "Das Jahr in Zahlen" in titles
        assert "Kontakt und Impressum" in titles
        assert len(titles) == 6 and titles[0] == "Inhalt"
        info = pdf.docinfo
        assert str(info["/Title"]) == "Ein gutes Jahr für Ihre Internationalisierung!"
        assert str(info["/Author"]) == "Thüringen International"
        assert "Jahresrückblick 2017" in str(info["/Subject"])
        assert "Außenwirtschaft" in str(info["/Keywords"])
        assert str(pdf.Root.Lang) == "de-DE"


def test_contents_links_point_to_sections(screen_pdf):
    with pikepdf.open(screen_pdf) as pdf:
        links = [a for a in pdf.pages[1].get("/Annots", []) if a.get("/Subtype") == "/Link"]
        assert len(links) >= 5


def test_charts_are_vector_not_images(screen_pdf):
    """Charts are form XObjects (vector); the only image is the cover artwork."""
    with pikepdf.open(screen_pdf) as pdf:
        images, forms = 0, 0
        for page in pdf.pages:
            for name, xobj in page.obj.get("/Resources", {}).get("/XObject", {}).items():
                if xobj.get("/Subtype") == "/Image":
                    images += 1
                elif name.startswith("/RptChart_"):
                    forms += 1
                    assert xobj.get("/Subtype") == "/Form"
                    assert not any(x.get("/Subtype") == "/Image"
                                   for x in xobj.get("/Resources", {}).get("/XObject", {}).values())
        assert forms == 3
        assert images == 1


def test_pages_are_not_blank(screen_pdf):
    pdf = pdfium.PdfDocument(str(screen_pdf))
    try:
        for i, page in enumerate(pdf):
            img = page.render(scale=0.3).to_pil().convert("L")
            lo, hi = img.getextrema()
            assert hi - lo > 100, f"page {i + 1} looks blank"
            non_white = img.point(lambda p: 255 if p < 200 else 0).histogram()[255] / (img.width * img.height)
            assert non_white > 0.01, f"page {i + 1} is nearly empty ({non_white:.1%} ink)"
    finally:
        pdf.close()


def test_german_typography(screen_pdf):
    text = extract_text(screen_pdf)
    assert "1.000" in text  # German thousands separator from a number in YAML
    assert "„" in text and "“" in text  # pull quotes get German quotation marks
    assert "mehr als" in text.lower() and "rund" in text.lower()  # qualifiers stay visible
