"""Text pages around page photos keep their side: each page's text frame is mirrored by its own page
number (binding inside) after any number of photo pages, opening, in the middle of or ending a section,
and `page: new` before an opening photo takes one page break, never an empty page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from report.build import build

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections


def _paragraphs(name: str, count: int) -> str:
    """`count` paragraphs, each on a page of its own (explicit breaks), each starting with its marker."""
    blocks = [f"  - paragraph: {name}{k} steht am Anfang dieser Seite.\n" for k in range(1, count + 1)]
    return "  - break: page\n".join(blocks)


def _photo(credit: str) -> str:
    return f"  - image: {{image: images/photo.jpg, size: page, alt: Ein rotes Feld, credit: \"{credit}\"}}\n"


SECTIONS = {  # A: photos first, mid-section and last; B: text only; C: opened by a photo after `page: new`
    "sections/vorher.yaml": "kind: text\ntitle: Vorher\nblocks:\n" + _paragraphs("Vorher", 1),
    "sections/a.yaml": "kind: text\ntitle: Anlagen\npage: new\nblocks:\n" + _photo("Foto: Auftakt")
    + _paragraphs("Vorn", 3) + _photo("Foto: Mitte") + _paragraphs("Hinten", 3) + _photo("Foto: Schluss"),
    "sections/b.yaml": "kind: text\ntitle: Danach\npage: new\nblocks:\n" + _paragraphs("Danach", 3),
    "sections/c.yaml": "kind: text\ntitle: Zweites Kapitel\npage: new\nblocks:\n" + _photo("Foto: Kapitel")
    + _paragraphs("Kapitel", 3),
}
PHOTOS = ["Foto: Auftakt", "Foto: Mitte", "Foto: Schluss", "Foto: Kapitel"]


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("photoflow")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    shutil.copytree(ASSETS, root / "assets")
    Image.new("RGB", (1900, 2551), (200, 40, 40)).save(root / "assets" / "images" / "photo.jpg", "JPEG")
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    set_sections(content, SECTIONS)
    result = build(content, root / "out")
    assert not result.warnings, [w.format() for w in result.warnings]
    return {o.edition: o.path for o in result.outputs}


def _pages(path: Path) -> list[dict]:
    """Per page: its text, and the left edge (from the trim's left edge) of each paragraph marker on it."""
    with pikepdf.open(path) as pdf:
        trims = [float(p.obj.get("/TrimBox", p.MediaBox)[0]) for p in pdf.pages]  # screen: no bleed
    markers = ["Vorher1 "] + [f"{name}{k} " for name in ("Vorn", "Hinten", "Danach", "Kapitel") for k in (1, 2, 3)]
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            text = tp.get_text_range()  # as pdfium counts its characters: lines end in \r\n
            lefts = {m: tp.get_charbox(text.index(m))[0] - trims[i] for m in markers if m in text}
            pages.append({"text": text, "lefts": lefts})
        return pages
    finally:
        pdf.close()


def _index(pages: list[dict], needle: str) -> int:
    """The page that holds `needle`; a photo's credit: the photo's page, where the credit comes first
    (the closing page lists it too)."""
    (index,) = [i for i, p in enumerate(pages) if p["text"].startswith(needle) or needle in p["lefts"]]
    return index


def test_every_text_page_has_its_sides_frame(editions):
    """All recto pages set their text at one x, all verso pages at another, the binding margin inside:
    before the fix a page after a photo came twice on one side, and every later page had the other's."""
    pages = _pages(editions["print"])
    lefts = {i + 1: x for i, p in enumerate(pages) for x in p["lefts"].values()}  # by page number
    assert len(lefts) == 13  # every marker on a page of its own
    rectos = [x for n, x in lefts.items() if n % 2 == 1]
    versos = [x for n, x in lefts.items() if n % 2 == 0]
    assert max(rectos) - min(rectos) < 1.5 and max(versos) - min(versos) < 1.5, lefts
    inner_minus_outer = (24 - 16) * 72 / 25.4 * 148 / 210  # mm at A4, scaled to A5
    assert min(rectos) - max(versos) == pytest.approx(inner_minus_outer, abs=1.5), lefts


def test_the_screen_edition_sets_every_page_as_a_recto(editions):
    """Read a page at a time, the text stands still: every page's text at the print edition's recto x,
    and the running head and folio at the right (a UK charity's screen edition jumped 8 mm left and
    right from page to page, its folio swapping sides, as a printed spread does)."""
    pages = _pages(editions["screen"])
    lefts = {i + 1: x for i, p in enumerate(pages) for x in p["lefts"].values()}
    assert len(lefts) == 13 and {n % 2 for n in lefts} == {0, 1}
    printed = [x for i, p in enumerate(_pages(editions["print"])) if i % 2 == 0 for x in p["lefts"].values()]
    assert max(lefts.values()) - min(lefts.values()) < 1.5, lefts
    assert min(lefts.values()) == pytest.approx(min(printed), abs=1.5)
    pdf = pdfium.PdfDocument(str(editions["screen"]))
    try:
        for n in sorted(lefts)[:4]:  # even pages and odd ones
            page = pdf[n - 1]
            text = page.get_textpage()
            boxes = [text.get_charbox(i) for i in range(text.count_chars())]
            foot = [i for i, b in enumerate(boxes) if b[3] < page.get_height() * 0.08]  # the folio's line
            assert "".join(text.get_text_range(i, 1) for i in foot).strip() == str(n), n
            assert min(boxes[i][0] for i in foot) > page.get_width() * 0.8, n  # at the right
            head = [b for b in boxes if b[1] > page.get_height() * 0.9]  # the running head
            assert head and max(b[2] for b in head) > page.get_width() * 0.8, n  # ends at the right
    finally:
        pdf.close()


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_page_photos_take_one_page_break(editions, edition):
    """Each photo directly follows the page before it (`page: new` and the opening photo are one
    break), the text after it the photo, and every page from the first section's to the last one's
    holds a photo or text: none with only a running head and folio."""
    pages = _pages(editions[edition])
    photo = {credit: _index(pages, credit) for credit in PHOTOS}
    assert photo["Foto: Auftakt"] == _index(pages, "Vorher1 ") + 1
    assert _index(pages, "Vorn1 ") == photo["Foto: Auftakt"] + 1
    assert photo["Foto: Mitte"] == _index(pages, "Vorn3 ") + 1
    assert photo["Foto: Schluss"] == _index(pages, "Hinten3 ") + 1
    assert _index(pages, "Danach1 ") == photo["Foto: Schluss"] + 1
    assert photo["Foto: Kapitel"] == _index(pages, "Danach3 ") + 1  # no empty page before the opener
    assert _index(pages, "Kapitel1 ") == photo["Foto: Kapitel"] + 1
    first, last = _index(pages, "Vorher1 "), _index(pages, "Kapitel3 ")
    assert last - first + 1 == 13 + len(PHOTOS)
