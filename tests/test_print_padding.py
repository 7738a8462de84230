"""The print edition binds: a multiple of 4 pages (saddle stitching) with the back cover last, filled
with a notes page and intentionally blank pages; the screen edition keeps its own page count."""

from __future__ import annotations

import shutil

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.preflight import preflight

SECTIONS = ["sections/01-zahlen.yaml", "sections/02-bilanz.yaml", "sections/03-highlights.yaml",
            "sections/04-aussenwirtschaftstag.yaml"]


def page_texts(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def with_sections(project, files: list[str]) -> None:
    """The sample with these section files (a repeated file is copied under a new name)."""
    report = project / "report.yaml"
    text = report.read_text(encoding="utf-8")
    listed = []
    for i, f in enumerate(files):
        if f in listed:
            copy = f"sections/9{i}-copy.yaml"
            shutil.copy(project / f, project / copy)
            f = copy
        listed.append(f)
    old = "".join(f"  - {s}\n" for s in SECTIONS)
    assert old in text
    report.write_text(text.replace(old, "".join(f"  - {s}\n" for s in listed)), encoding="utf-8")


@pytest.mark.parametrize("files, content_pages, added", [
    (SECTIONS[:2], 5, [(5, "notes"), (6, "blank"), (7, "blank")]),
    (SECTIONS, 7, [(7, "notes")]),
    (SECTIONS + SECTIONS[2:], 9, [(9, "notes"), (10, "blank"), (11, "blank")]),
])
def test_page_count_is_padded_to_a_multiple_of_four(project, tmp_path, files, content_pages, added):
    with_sections(project, files)
    messages = []
    result = build(project, tmp_path / "out", progress=lambda stage, detail: messages.append(detail))
    by_edition = {o.edition: o for o in result.outputs}
    total = content_pages + len(added)
    assert total % 4 == 0
    assert by_edition["print"].pages == total and by_edition["screen"].pages == content_pages
    texts = page_texts(by_edition["print"].path)
    assert len(texts) == total
    assert "Kontakt und Impressum" in texts[-1]  # the back cover is last
    for number, kind in added:
        words = "Notizen" if kind == "notes" else "Diese Seite bleibt absichtlich frei."
        assert words in texts[number - 1], (number, texts[number - 1][:200])
        # a blank page is blank but for its note: no running head, no folio (a notes page keeps them)
        trim = " ".join(line for line in texts[number - 1].splitlines() if ".pdf" not in line)  # not the slug
        assert (kind == "blank") != ("Thüringen International" in trim), (number, kind)
        assert (kind == "blank") != (str(number) in trim.split()), (number, kind)
    listed = ", ".join(f"{n} ({k})" for n, k in added)
    assert any(f"print: added page{'s' if len(added) > 1 else ''} {listed} for the binding: {total} pages"
               in m for m in messages), messages
    # two blank pages or more: the note says what may fill them (only one: nothing)
    pointer = "; padding: in report.yaml may fill 2 blank pages with an image and a quote"
    assert any(m.endswith(pointer) for m in messages) == (len(added) == 3), messages
    assert not preflight(by_edition["print"].path, render=False).failed
    assert "Kontakt und Impressum" in page_texts(by_edition["screen"].path)[-1]


def test_the_sample_print_edition_has_eight_pages_back_cover_last(print_pdf, screen_pdf):
    with pikepdf.open(print_pdf) as pdf, pikepdf.open(screen_pdf) as screen:
        assert len(pdf.pages) == 8 and len(screen.pages) == 7
    texts = page_texts(print_pdf)
    assert "Notizen" in texts[6] and "Kontakt und Impressum" in texts[7]


@pytest.mark.parametrize("binding, pages", [("none", 7)])  # perfect: test_print_perfect.py
def test_binding_from_report_yaml(project, tmp_path, binding, pages):
    report = project / "report.yaml"
    text = report.read_text(encoding="utf-8")
    assert "binding: saddle" in text
    report.write_text(text.replace("binding: saddle", f"binding: {binding}"), encoding="utf-8")
    result = build(project, tmp_path / "out", ["print"])
    assert result.outputs[0].pages == pages and not result.preflight.failed
    assert "Kontakt und Impressum" in page_texts(result.outputs[0].path)[-1]


def test_unknown_binding_is_a_content_error(project, tmp_path, capsys):
    from report.cli import main
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("binding: saddle", "binding: spiral"),
                      encoding="utf-8")
    assert main(["build", str(project), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "report.yaml:" in err and "spiral" in err


def test_english_example_print_edition_passes_with_eight_pages(tmp_path):
    from .conftest import ROOT
    result = build(ROOT / "examples" / "en" / "content", tmp_path / "out", ["print"])
    path = result.outputs[0].path
    report = preflight(path)  # with the Ghostscript ink rendering
    assert not report.failed and not [f for f in report.findings if f.status != "pass"], report.format()
    texts = page_texts(path)
    assert len(texts) == 8 and "Notes" in texts[6] and "Contact and imprint" in texts[7]


def test_author_named_image_and_quote_fill_the_added_pages(project, tmp_path):
    with_sections(project, SECTIONS[:2])  # 5 pages: three to add
    report = project / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("binding: saddle", "padding:\n  image: images/cover-artwork.jpg\n"
                                   "  quote: Wer exportiert, braucht Partner.\n  quote_source: Ein Kunde\n"
                                   "binding: saddle"), encoding="utf-8")
    messages = []
    result = build(project, tmp_path / "out", ["print"], progress=lambda stage, detail: messages.append(detail))
    assert any("added pages 5 (image), 6 (quote), 7 (notes)" in m for m in messages), messages
    path = result.outputs[0].path
    texts = page_texts(path)
    assert "„Wer exportiert, braucht Partner.“" in texts[5] and "Ein Kunde" in texts[5]
    assert "Notizen" in texts[6] and "Kontakt und Impressum" in texts[7]
    with pikepdf.open(path) as pdf:
        images = [x for x in pdf.pages[4].obj.Resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Image"]
        assert images and images[0].ColorSpace == "/DeviceCMYK"
