"""A photo on a page of its own (`- image: {…, size: page}`): it covers the bleed box in print and the
page on screen, carries no running head or folio, its credit (and caption) stand on it, the text goes
on on the page number's side, and the screen edition tags it as a Figure with its alt text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from report.build import build
from report.preflight import preflight

from .conftest import ASSETS, SAMPLE_CONTENT
from .hostile import at, diagnostics, line_of, make_project, only

RED = (200, 40, 40)
OPENER = "Das Solarfeld bei Erfurt im Abendlicht."
CREDIT = "Foto: Lena Sørensen"
SECOND = "Foto: Jonas Müller"
SECTION = f"""kind: text
title: Unsere Anlagen
blocks:
  - image: {{image: images/photo.jpg, size: page, alt: Ein rotes Solarfeld, caption: "{OPENER}", credit: "{CREDIT}"}}
  - paragraph: "Vor dem zweiten Bild steht ein Absatz, wie [S. {{page}}](#fotos) zeigt."
  - break: page
  - paragraph: Auf der nächsten Seite steht noch einer.
  - image: {{image: images/photo.jpg, size: page, alt: Noch ein rotes Feld, credit: "{SECOND}"}}
  - paragraph: Nach dem Bild geht der Text weiter.
"""


def _project(root: Path) -> Path:
    """The sample with an A5 page, one text section of two page photos and a photo a little wider than
    the page with bleed (cropped at its sides), at 300 ppi where it is placed; the cover sets the same
    photo over the whole page (layout: photo)."""
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    shutil.copytree(ASSETS, root / "assets")
    Image.new("RGB", (1900, 2551), RED).save(root / "assets" / "images" / "photo.jpg", "JPEG", quality=90)
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    (content / "sections" / "fotos.yaml").write_text(SECTION, encoding="utf-8")
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8").replace("  image: images/cover-artwork.jpg ",
                                                      "  layout: photo\n  image: images/photo.jpg ")
    head, tail = text.split("sections:\n", 1)
    report.write_text(head + "sections:\n  - sections/fotos.yaml\n\n" + tail.split("\n\n", 1)[1], encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("photo")
    result = build(_project(root), root / "out")
    assert not result.warnings, [w.format() for w in result.warnings]
    return {o.edition: o.path for o in result.outputs}


def _texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    finally:
        pdf.close()


def _photo_pages(texts: list[str]) -> list[int]:
    return [i for i, t in enumerate(texts) if OPENER in t or SECOND in t.split("\n")[:3]]


def _render(path: Path, index: int, scale: float = 1.0) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[index].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()


def _is_red(px: tuple[int, int, int]) -> bool:
    return px[0] > 120 and px[1] < 110 and px[2] < 110


def test_print_photo_pages_cover_the_bleed_box_without_running_head(editions):
    path = editions["print"]
    texts = _texts(path)
    opener, second = _photo_pages(texts)
    assert second == opener + 3  # two pages of text between them
    with pikepdf.open(path) as pdf:
        boxes = [[float(v) for v in pdf.pages[i].BleedBox] for i in (opener, second)]
        media_h = float(pdf.pages[opener].MediaBox[3])
    for index, (x0, y0, x1, y1) in zip((opener, second), boxes, strict=True):
        image = _render(path, index)  # 1 px per pt
        inset = 1.5  # pt inside the bleed box's edge
        top, bottom = media_h - y1 + inset, media_h - y0 - inset
        for x in (x0 + inset, (x0 + x1) / 2, x1 - inset):  # along the top edge: the photo itself
            assert _is_red(image.getpixel((round(x), round(top)))), (index, x)
        for y in (top, (top + bottom) / 2):  # the side edges, down to the middle (below: the scrim)
            for x in (x0 + inset, x1 - inset):
                assert _is_red(image.getpixel((round(x), round(y)))), (index, x, y)
        foot = image.getpixel((round((x0 + x1) / 2), round(bottom)))
        assert max(foot) < 110 and foot[0] > foot[1], foot  # the photo under the dark scrim, not paper
        lines = [line for line in texts[index].split("\n") if ".pdf" not in line]  # not the slug line
        assert "Thüringen International" not in texts[index] and str(index + 1) not in " ".join(lines).split()
    assert CREDIT in texts[opener].split("\n") and OPENER in texts[opener]
    assert texts[second].split("\n")[0] == SECOND  # no caption: the credit alone
    assert "Unsere Anlagen" in texts[opener + 1]  # the opener stands before the section's title
    report = preflight(path, render=False)
    assert not report.failed
    assert not [f for f in report.findings if f.status != "pass" and f.check in ("plates", "reversed text")], \
        [f.format() for f in report.findings]


def test_text_goes_on_on_the_page_numbers_side(editions):
    """After a photo page the text pages are mirrored by their number again, running head and all, and
    go on alternating."""
    path = editions["print"]
    texts = _texts(path)
    opener, second = _photo_pages(texts)
    starts = {opener + 1: "Vor dem zweiten", opener + 2: "Auf der nächsten", second + 1: "Nach dem Bild"}
    pdf = pdfium.PdfDocument(str(path))
    try:
        lefts = {}
        for index, words in starts.items():
            text = pdf[index].get_textpage()
            assert text.search("Thüringen International").get_next() is not None, index  # the running head
            lefts[index + 1] = text.get_charbox(text.get_text_range().index(words))[0]  # by page number
    finally:
        pdf.close()
    rectos = [x for n, x in lefts.items() if n % 2 == 1]
    versos = [x for n, x in lefts.items() if n % 2 == 0]
    assert rectos and versos and max(rectos) - min(rectos) < 1.5, lefts  # (a glyph's side bearing)
    margins = 24 - 16  # mm, inner minus outer margin at A4, scaled to A5
    assert min(rectos) - max(versos) == pytest.approx(margins * 72 / 25.4 * 148 / 210, abs=1.5)


def test_screen_photo_fills_the_page_and_is_a_figure_with_alt(editions):
    path = editions["screen"]
    texts = _texts(path)
    opener, _ = _photo_pages(texts)
    image = _render(path, opener)
    w, h = image.size
    for x, y in ((1, 1), (w - 2, 1), (1, h // 2), (w - 2, h // 2)):
        assert _is_red(image.getpixel((x, y))), (x, y)
    with pikepdf.open(path) as pdf:
        alts = [str(o.get("/Alt")) for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure" and "/Alt" in o]
    assert "Ein rotes Solarfeld" in alts and "Noch ein rotes Feld" in alts
    closing = texts[-1].replace("\xa0", " ")
    assert f"S. {opener + 1} – {CREDIT}" in closing  # listed in the image credits with its page


@pytest.mark.parametrize("block, message", [
    ("  - image: {image: images/cover-artwork.jpg, alt: Bild}\n", "image: missing required key 'caption'"),
    ("  - image: {image: images/cover-artwork.jpg, alt: Bild, size: page, width: 50}\n",
     "image: width is for an image in the text; a photo with size: page fills its page"),
    ("  - image: {image: images/cover-artwork.jpg, alt: Bild, size: page, place: here}\n",
     "image: place is for an image in the text; a photo with size: page fills its page"),
    ("  - heading: Zwischentitel\n  - image: {image: images/cover-artwork.jpg, alt: Bild, size: page}\n",
     "a photo with size: page right after a heading: the heading would end its page alone"),
])
def test_bad_page_photo_is_refused_at_its_line(tmp_path, block, message):
    content = make_project(tmp_path)
    rel = "sections/03-highlights.yaml"
    path = content / rel
    path.write_text(path.read_text(encoding="utf-8").replace("  - chart: ziele\n", block + "  - chart: ziele\n"),
                    encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message == message
    at(d, rel, line_of(content, rel, "cover-artwork.jpg"))


def test_footnotes_end_the_text_before_closing_page_photos(tmp_path):
    """A section that ends with a page photo sets its footnotes under its text, before the photo."""
    content = _project(tmp_path)
    (content / "sections" / "fotos.yaml").write_text(
        "kind: text\ntitle: Unsere Anlagen\nblocks:\n  - paragraph: Ein Absatz mit Fußnote.[^1]\n"
        "  - image: {image: images/photo.jpg, size: page, alt: Ein rotes Feld, credit: \"Foto: Ende\"}\n"
        "footnotes:\n  - Die Fußnote.\n", encoding="utf-8")
    (result,) = build(content, tmp_path / "out", ["screen"]).outputs
    texts = _texts(result.path)
    text_page = next(i for i, t in enumerate(texts) if "Ein Absatz mit Fußnote" in t)
    assert "Die Fußnote." in texts[text_page]
    assert texts[text_page + 1].split("\n")[0] == "Foto: Ende"


def test_a_section_of_page_photos_only_is_refused(tmp_path):
    content = make_project(tmp_path)
    rel = "sections/03-highlights.yaml"
    (content / rel).write_text("kind: text\ntitle: Nur Fotos\nblocks:\n"
                               "  - image: {image: images/cover-artwork.jpg, alt: Bild, size: page}\n",
                               encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message == "the section holds only photos with size: page: its title would stand alone on a page"
    at(d, rel, 4)


def test_cover_photo_layout_sets_the_title_on_the_photo(editions):
    """layout: photo: no colour panel, the photo under a dark scrim to the trim's foot, the title in
    white on it (the preflight's reversed-text rule is checked with the print edition above)."""
    path = editions["print"]
    with pikepdf.open(path) as pdf:
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].TrimBox)
        media_h = float(pdf.pages[0].MediaBox[3])
    image = _render(path, 0)
    for share in (0.05, 0.2, 0.35):  # where the panel was: the red photo, darkened
        r, g, b = image.getpixel((round(x0 + 4), round(media_h - y0 - (y1 - y0) * share)))
        assert r > b + 15 and r > g + 15 and r < 150, (share, (r, g, b))
    assert _is_red(image.getpixel((round(x0 + 4), round(media_h - y1 + 4))))  # the top: the photo itself
    assert "Ein gutes Jahr für Ihre" in _texts(path)[0]


def test_a_section_opened_by_a_photo_begins_on_its_page(editions):
    """Foundation user 24: the contents gave the title's page, not the opening photo's; the contents,
    the outline and a cross-reference to the section give the photo's page."""
    for edition, path in editions.items():
        texts = _texts(path)
        (photo,) = [i for i in _photo_pages(texts) if OPENER in texts[i]]
        lines = texts[1].split("\n")
        number = lines[lines.index("Unsere Anlagen") + 1].strip()  # (its number: the line after it)
        assert number == str(photo + 1), (edition, number)
        assert f"wie S. {photo + 1} zeigt" in texts[photo + 1].replace("\u00a0", " "), edition
        with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
            (item,) = [o for o in outline.root if o.title == "Unsere Anlagen"]
            page = item.destination if item.destination is not None else item.action.D
            target = pdf.Root.Names.Dests if isinstance(page, pikepdf.String) else None
            assert target is None, "named destinations: look the name up"
            assert pikepdf.Page(page[0]).index == photo, edition
