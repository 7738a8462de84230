"""The closing page's image credits: every credit of the review — the cover's and each image's — in
page order, with where its images are; one line per credit, however many images it covers."""

from __future__ import annotations

import pypdfium2 as pdfium

from report.build import build

from .conftest import set_sections

COVER = "Bildquelle: beermedia / fotolia.com"  # the sample's cover credit
CREDITS = ["Foto: Lena Sørensen", "Foto: Jonas Müller-Lüdenscheidt", "Foto: Lena Sørensen", COVER, None]


def page_texts(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        return [t.replace("\r\n", "\n").replace("\xa0", " ") for t in texts]  # (S.\xa05: a no-break space)
    finally:
        pdf.close()


def _sections_with_images(project) -> None:
    """One section per credit, each with a paragraph and a photo credited so (the last one uncredited)."""
    files = {}
    for i, credit in enumerate(CREDITS):
        line = f"\n      credit: \"{credit}\"" if credit else ""
        files[f"sections/b{i}.yaml"] = (
            f"kind: text\ntitle: Bild {i + 1}\nblocks:\n  - paragraph: Text {i + 1}.\n  - image:\n"
            f"      image: images/cover-artwork.jpg\n      caption: Unterschrift {i + 1}\n      alt: Grafik{line}\n")
    set_sections(project, files)


def test_closing_page_lists_every_image_credit_with_its_pages(project, tmp_path):
    _sections_with_images(project)
    (result,) = build(project, tmp_path / "out", ["screen"]).outputs
    texts = page_texts(result.path)
    *pages, closing = texts
    # where each credit is printed (under its photo; the cover's on the cover)
    found: dict[str, list[int]] = {}
    for number, text in enumerate(pages[1:], start=2):
        for credit in {c for c in CREDITS if c}:
            found.setdefault(credit, []).extend([number] * text.split("\n").count(credit))
    assert sorted(len(v) for v in found.values()) == [1, 1, 2], found  # every photo's credit line was found
    listed = closing.split("BILDNACHWEIS\n", 1)[1].split("\n")

    def pages_of(credit: str) -> str:
        return "S. " + ", ".join(map(str, found[credit]))
    others = sorted((c for c in found if c != COVER), key=lambda c: found[c][0])  # in page order
    assert listed[:3] == [f"Titelseite, {pages_of(COVER)} – {COVER}",
                          *(f"{pages_of(c)} – {c}" for c in others)], listed
    assert others == ["Foto: Lena Sørensen", "Foto: Jonas Müller-Lüdenscheidt"]


def test_english_credit_lines_say_p_and_pp():
    """The lines as an English review sets them: one photographer's cover and photo share a line."""
    from types import SimpleNamespace

    from report.layout.closing import credit_lines
    from report.locale import get_locale
    cover = SimpleNamespace(credit="Photo: Jonas Müller")
    ctx = SimpleNamespace(locale=get_locale("en-GB"), doc=SimpleNamespace(report=SimpleNamespace(cover=cover)),
                          credits={1: (9, "Photo: Lena Sørensen"), 2: (7, "Photo: Jonas Müller"),
                                   3: (5, "Photo: Lena Sørensen ")})
    assert credit_lines(ctx) == ["Cover, p.\u00a07 – Photo: Jonas Müller", "pp.\u00a05, 9 – Photo: Lena Sørensen"]


def test_a_foreword_portrait_credit_stands_under_it_and_on_the_closing_page(tmp_path):
    from .test_text_blocks import REPORT, SECTIONS, make_project
    foreword = {**SECTIONS["vorwort"], "portrait_credit": "Foto: Studio Nord"}
    content = make_project(tmp_path, {**REPORT, "sections": ["sections/vorwort.yaml"]}, {"vorwort": foreword})
    result = build(content, tmp_path / "out", ["screen"])
    assert not result.warnings
    texts = page_texts(result.outputs[0].path)
    page = next(n for n, t in enumerate(texts, start=1) if "Liebe Kundinnen und Kunden" in t and "Herzliche" in t)
    assert "Foto: Studio Nord" in texts[page - 1].split("\n")
    assert f"S. {page} – Foto: Studio Nord" in texts[-1]


def test_the_imprint_lines_stand_apart_from_the_address_and_link_their_addresses(project, tmp_path):
    """A Swiss utility and a UK charity: the imprint's lines (editors, print, a charity's numbers) ran
    straight on from the postal address, and an e-mail address among them was no link. They follow
    the ways to reach the publisher, a gap apart, and link their addresses."""
    import pikepdf

    from . import pdf_chars
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  lines:\n", "  address: [Bahnhofstrasse 1, 3250 Lyss]\n  phone: +41 32 555 01 00\n  lines:\n"
        "    - \"Presse: presse@example.ch\"\n", 1), encoding="utf-8")
    (result,) = build(project, tmp_path / "out", ["screen"]).outputs
    rows: dict[float, str] = {}
    for c in pdf_chars.chars(result.path):
        if c.page == len(pdfium.PdfDocument(str(result.path))):
            rows[round(c.baseline, 1)] = rows.get(round(c.baseline, 1), "") + c.text
    lines = [text for _, text in sorted(rows.items(), reverse=True)]
    order = [next(i for i, t in enumerate(lines) if t.startswith(words)) for words in
             ("3250", "Telefon", "Presse", "ImAuftrag")]  # (words run together: no spaces)
    assert order == sorted(order), lines
    baselines = sorted(rows, reverse=True)
    step = baselines[order[0] - 1] - baselines[order[0]]  # address line to address line
    assert baselines[order[1]] - baselines[order[2]] > step + 2 * 72 / 25.4  # a gap before the imprint lines
    with pikepdf.open(result.path) as pdf:
        links = [str(a.A.URI) for a in pdf.pages[-1].obj.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "mailto:presse@example.ch" in links, links
