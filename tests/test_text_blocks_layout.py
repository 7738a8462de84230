"""Blocks that shape the page: interview questions, page breaks, image sizes, long lists in columns.
Built into real PDFs and read back (text per page, positions, fonts, tags)."""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from report.build import build
from report.layout.pagebreak import PageBreakUnlessTop
from report.layout.styles import MM, register_font

from .conftest import ASSETS, without_page_gaps
from .hostile import at, diagnostics, line_of, only
from .hostile import make_project as sample_copy
from .pdf_chars import chars
from .test_text_blocks import REPORT, _sentence, make_project


def _answer(i: int, sentences: int) -> str:
    return f"Antwort{i} " + " ".join(_sentence(i * 5 + k) for k in range(sentences))


def _interview(questions: bool) -> list[Any]:
    """Twelve questions with answers of 2 to 9 lines: some questions fall at a page foot."""
    blocks: list[Any] = [{"paragraph": " ".join(_sentence(k) for k in range(30))}]
    for i in range(1, 13):
        text = f"Frage{i}: was hat Sie im vergangenen Jahr am meisten überrascht, und warum gerade das?"
        blocks.append({"question": text} if questions else {"paragraph": f"**{text}**"})
        blocks.append({"paragraph": _answer(i, 2 + (i * 5) % 11)})
    return blocks


FULL = 170 * MM  # the text frame's width in the default theme (A4): where a full-width image ends
GAP = 6 * MM  # between the columns of a two-column section (theme: text.column_gap)
# names with a long word: hyphenated in a column of a list ('Landesbi-bliothek') where they fit unbroken
LONG_NAMES = ["Sächsische Landesbibliothek Staats- und Universitätsbibliothek Dresden",
              "Verein Kinderbuchillustrationsarchiv Chemnitz e. V.",
              "Freundeskreis Musikinstrumentenmuseum Markneukirchen"]

SECTIONS: dict[str, Any] = {
    "fragen": {"kind": "text", "title": "Ein Interview mit Fragen", "page": "new", "blocks": _interview(True)},
    "absaetze": {"kind": "text", "title": "Ein Interview in Absätzen", "page": "new", "blocks": _interview(False)},
    "umbruch": {"kind": "text", "title": "Ein Kapitel mit Umbruch", "page": "new", "blocks": [
        {"paragraph": "VorDemUmbruch steht ein kurzer Absatz."}, {"break": "page"},
        {"break": "page"},  # a second one right after it: no empty page
        {"paragraph": "NachDemUmbruch beginnt die neue Seite."}]},
    "spaltenumbruch": {"kind": "text", "title": "Zwei Spalten mit Umbruch", "columns": 2, "blocks": [
        {"paragraph": "Spaltenanfang " + " ".join(_sentence(k) for k in range(14))}, {"break": "page"},
        {"paragraph": "SpaltenNachDemUmbruch " + " ".join(_sentence(k) for k in range(14))}]},
    "spaltenbilder": {"kind": "text", "title": "Bilder in zwei Spalten", "page": "new", "columns": 2, "blocks": [
        {"paragraph": "SpaltenVorDemBild " + " ".join(_sentence(k) for k in range(6))},
        {"heading": "SpaltenKopf zum Bild"},
        {"image": {"image": "images/klein.jpg", "caption": "SchmalLinks in der Spalte.", "credit": "Foto: Nachweis",
                   "alt": "Ein Bild.", "width": 40, "align": "left"}},
        {"paragraph": "NachSchmal " + " ".join(_sentence(k) for k in range(10))},
        {"image": {"image": "images/hoch.jpg", "caption": "HochSpalte so breit wie die Spalte.",
                   "alt": "Ein Porträt."}},
        {"paragraph": "NachHoch " + " ".join(_sentence(k) for k in range(10))},
        {"image": {"image": "images/klein.jpg", "caption": "SchmalRechts.", "alt": "Ein Bild.", "width": 35,
                   "align": "right"}},
        {"paragraph": "ZumSchluss " + " ".join(_sentence(k) for k in range(10))}]},
    "bilder": {"kind": "text", "title": "Bilder in vier Breiten", "page": "new", "blocks": [
        {"image": {"image": "images/breit.jpg", "caption": "BildVoll über die ganze Breite.", "alt": "Ein Bild."}},
        {"image": {"image": "images/hoch.jpg", "caption": "BildHoch, ein Porträt.", "alt": "Ein Porträt."}},
        {"paragraph": " ".join(_sentence(k) for k in range(8))},
        {"image": {"image": "images/klein.jpg", "caption": "BildRechts mit einer Unterschrift über zwei Zeilen, "
                   "die so breit ist wie das Bild.", "alt": "Ein Bild.", "width": 40, "align": "right"}},
        {"image": {"image": "images/mittel.jpg", "caption": "BildLinks.", "alt": "Ein Bild.", "width": 70,
                   "align": "left"}},
        {"paragraph": "Zum Schluss ein Absatz."}]},
    "namen": {"kind": "text", "title": "Wir danken", "page": "new", "blocks": [
        {"paragraph": "Vorweg steht ein Absatz im Textspalt."},
        {"list": {"style": "none", "items": ["EinzelnA ohne Punkt", "EinzelnB ohne Punkt"]}},
        {"heading": "Stifterinnen und Stifter"},
        {"list": {"style": "none", "columns": 3, "items": [f"Name{i:02d} Mustermann" for i in range(1, 97)]}},
        {"paragraph": "NachDenNamen geht es weiter."}]},
    "spaltennamen": {"kind": "text", "title": "Förderer in zwei Spalten", "page": "new", "columns": 2, "blocks": [
        {"paragraph": "SpaltenVorDenNamen " + " ".join(_sentence(k) for k in range(8))},
        {"heading": "FördererKopf"},
        {"list": {"style": "none", "columns": 3,
                  "items": [*LONG_NAMES, *(f"Partner{i:02d} Muster" for i in range(12))]}},
        {"paragraph": "SpaltenNachDenNamen " + " ".join(_sentence(k) for k in range(8))}]},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("gestalt")
    content = make_project(root, REPORT, SECTIONS)
    images = root / "assets" / "images"
    Image.new("RGB", (2100, 1365), (90, 60, 150)).save(images / "breit.jpg", dpi=(300, 300))
    Image.new("RGB", (1600, 2000), (150, 150, 60)).save(images / "hoch.jpg", dpi=(300, 300))
    Image.new("RGB", (900, 600), (150, 90, 60)).save(images / "klein.jpg", dpi=(300, 300))
    Image.new("RGB", (1200, 780), (60, 150, 90)).save(images / "mittel.jpg", dpi=(300, 300))
    result = build(content, root / "out")
    warned = [w for w in without_page_gaps(result.warnings) if "emergency stretch" not in w.message
              and "ends on page" not in w.message]  # (its short sections and pages: layout.pagefill, tested there)
    # klein.jpg has 134 ppi over the full width (an error), but 336 at 40 %: only mittel.jpg warns, at 70 %
    assert [w.message for w in warned] == [f"image images/mittel.jpg has {1200 / (0.7 * FULL / 72):.0f} ppi at its "
                                           f"placed size of {0.7 * FULL / MM:.0f} × {0.7 * FULL * 0.65 / MM:.0f} mm "
                                           "(print wants 300)"]
    return {o.edition: o.path for o in result.outputs}


def _pages(path: Path) -> list[list[str]]:
    """The lines of every page (by baseline, top to bottom), without the running head, the folio and the
    print slug. Of the print edition: in the tagged screen edition pdfium gives a paragraph's characters
    the box of the whole paragraph (its ActualText)."""
    lines: dict[tuple[int, float], list[Any]] = {}
    for c in chars(path):
        lines.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    pages: list[list[str]] = [[] for _ in range(max(page for page, _ in lines))]
    for (page, _), cs in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        pages[page - 1].append("".join(c.text for c in sorted(cs, key=lambda c: c.box[0])))
    return [[line for line in page[1:] if not line.isdigit() and ".pdf·" not in line] for page in pages]


def _lines_after_question(pages: list[list[str]], i: int) -> int:
    """How many lines follow question i on its page (its answer's, since each answer has two or more)."""
    for lines in pages:
        for n, line in enumerate(lines):
            if line.startswith(f"Frage{i}:"):
                end = next(k for k in range(n, len(lines)) if lines[k].endswith("?"))
                return len(lines) - end - 1
    raise AssertionError(f"Frage{i} not found")


def test_a_question_keeps_the_first_lines_of_its_answer_on_its_page(built):
    pages = _pages(built["print"])
    first = next(n for n, lines in enumerate(pages) if n > 1 and "InterviewinAbsätzen" in lines[0])
    questions, paragraphs = pages[:first], pages[first:]
    # written as bold paragraphs, some question stands at a page foot with its answer overleaf
    assert min(_lines_after_question(paragraphs, i) for i in range(1, 13)) < 2
    for i in range(1, 13):
        assert _lines_after_question(questions, i) >= 3, f"Frage{i}"


def test_a_question_is_bold_ragged_and_tagged_as_a_paragraph(built):
    seen = list(chars(built["print"]))  # positions from the print edition (see _pages)
    text = "".join(c.text for c in seen)
    at = text.find("Frage1:")
    # ragged: the spaces of its first line keep the bold font's own width (justified text stretches them)
    k, gaps = at, []
    for word in "Frage1: was hat Sie im vergangenen".split()[:-1]:
        k += len(word)
        gaps.append(seen[k].box[0] - seen[k - 1].box[2])
    size = seen[at].size
    space = stringWidth(" ", register_font(ASSETS / "fonts" / "Lato-Bold.ttf"), size)
    assert all(abs(g - space) < 0.1 * size for g in gaps), (gaps, space)
    assert size == seen[text.find("Antwort1")].size
    assert "Bold" in _font_at(built["print"], "Frage1:") and "Bold" not in _font_at(built["print"], "Antwort1")
    marked = _marked(built["screen"])
    assert next(tag for tag, t in marked if t.startswith("Frage1:")) == "P"


def _font_at(path: Path, words: str) -> str:
    """The name of the font that shows the first character of `words`."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            tp = page.get_textpage()
            index = tp.get_text_range().find(words)
            if index >= 0:
                buf = ctypes.create_string_buffer(256)
                n = pdfium_c.FPDFText_GetFontInfo(tp.raw, index, buf, 256, None)
                return buf.raw[:n - 1].decode()
    finally:
        pdf.close()
    raise AssertionError(f"{words!r} not found")


def _marked(path: Path) -> list[tuple[str, str]]:
    """(tag, ActualText) of every marked-content sequence that has an ActualText, in page order."""
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/ActualText" in operands[1]:
                    out.append((str(operands[0])[1:], str(operands[1].ActualText)))
    return out


def _page_of(pages: list[list[str]], start: str) -> tuple[int, int]:
    """(page index, line index on the page) of the first line that starts with `start`."""
    return next((p, n) for p, lines in enumerate(pages) for n, line in enumerate(lines) if line.startswith(start))


def test_a_page_break_starts_a_new_page_but_never_leaves_one_empty(built):
    pages = _pages(built["print"])
    before, after = _page_of(pages, "VorDemUmbruch"), _page_of(pages, "NachDemUmbruch")
    assert after == (before[0] + 1, 0)  # the second break, at the top of that page, did nothing


def test_a_page_break_where_a_page_has_just_begun_does_nothing(tmp_path):
    """The text before the break filled its page to the last point: the break, first on the next
    page, must not leave that page empty (reportlab's PageBreak would)."""
    doc = SimpleDocTemplate(str(tmp_path / "b.pdf"), invariant=1)
    pages = []
    doc.build([Spacer(0, doc.height - 12), PageBreakUnlessTop(), Paragraph("Danach"), Paragraph("Weiter")],
              onLaterPages=lambda canv, d: pages.append(canv.getPageNumber()))
    assert pages == [2]
    with pikepdf.open(tmp_path / "b.pdf") as pdf:
        assert len(pdf.pages) == 2


def test_a_page_break_in_two_columns_balances_the_columns_before_it(built):
    seen = [c for c in chars(built["print"]) if c.text.strip()]
    text = "".join(c.text for c in seen)
    start, after = text.find("Spaltenanfang"), text.find("SpaltenNachDemUmbruch")
    page = seen[start].page
    firsts = [c for c, prev in zip(seen[start + 1:after], seen[start:after - 1], strict=True)
              if c.page == page and c.size == seen[start].size and abs(c.baseline - prev.baseline) > 1]
    columns = {round(c.box[0] / 20) for c in [seen[start], *firsts]}  # where lines begin, give or take a side bearing
    assert len(columns) == 2, columns
    bottoms = [min(c.baseline for c in firsts if round(c.box[0] / 20) == x) for x in columns]
    assert abs(bottoms[0] - bottoms[1]) < 15  # balanced: the columns end together
    assert seen[after].page == page + 1
    assert _page_of(_pages(built["print"]), "SpaltenNachDemUmbruch")[1] == 0


def _figures(path: Path) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page from 1, (left, bottom, right, top)) of every image in the text pages, in page order."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [(n, obj.get_bounds()) for n, page in enumerate(pdf, start=1) if n > 2
                for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1)]
    finally:
        pdf.close()


def _caption_left(seen: list[Any], text: str, start: str) -> tuple[int, float]:
    at = text.find(start)
    return seen[at].page, seen[at].box[0]


def test_images_keep_their_width_alignment_and_ratio_and_captions_stand_under_them(built):
    seen = [c for c in chars(built["print"]) if c.text.strip()]
    text = "".join(c.text for c in seen)
    figures = sorted(_figures(built["print"]), key=lambda f: (f[0], -f[1][3]))
    full, tall, right, left = figures[-4:]

    with pikepdf.open(built["print"]) as pdf:
        trims = [float(p.TrimBox[0]) for p in pdf.pages]

    def frame(page: int) -> tuple[float, float]:  # the default theme's margins: 24 mm inner, 16 mm outer
        x0 = trims[page - 1] + (24 if page % 2 else 16) * MM
        return x0, x0 + FULL

    assert full[1][0] == pytest.approx(frame(full[0])[0], abs=0.5)
    assert full[1][2] == pytest.approx(frame(full[0])[1], abs=0.5)
    x0, x1 = frame(tall[0])
    (_, (lft, b, r, t)) = tall  # a portrait without a width: 60 % of the frame high, centred
    assert (lft + r) / 2 == pytest.approx((x0 + x1) / 2, abs=0.5) and r - lft < FULL - 10 * MM
    assert (r - lft) / (t - b) == pytest.approx(1600 / 2000, rel=0.01)
    assert _caption_left(seen, text, "BildHoch") == (tall[0], pytest.approx(lft, abs=1))
    (_, (lft, b, r, t)) = right
    x0, x1 = frame(right[0])
    assert r == pytest.approx(x1, abs=0.5) and r - lft == pytest.approx(0.4 * FULL, abs=0.5)
    assert (r - lft) / (t - b) == pytest.approx(900 / 600, rel=0.01)
    assert _caption_left(seen, text, "BildRechts") == (right[0], pytest.approx(lft, abs=1))
    caption = seen[text.find("BildRechts"):text.find("wiedasBild.") + len("wiedasBild.")]
    assert len({round(c.baseline) for c in caption}) == 2  # wrapped at the image's width, not the frame's
    assert all(lft - 1 <= c.box[0] and c.box[2] <= r + 1 for c in caption)
    (_, (lft, b, r, t)) = left
    x0, x1 = frame(left[0])
    assert lft == pytest.approx(x0, abs=0.5) and r - lft == pytest.approx(0.7 * FULL, abs=0.5)


COLUMN = (FULL - 6 * MM) / 2  # a column of a two-column section (the default theme's gap: 6 mm)


def test_narrow_images_and_portraits_stand_in_a_column_of_two_and_the_text_fills_the_columns(built):
    seen = [c for c in chars(built["print"]) if c.text.strip()]
    text = "".join(c.text for c in seen)
    start, end = seen[text.find("SpaltenVorDemBild")].page, seen[text.find("ZumSchluss")].page
    figures = [f for f in _figures(built["print"]) if start <= f[0] <= end]
    with pikepdf.open(built["print"]) as pdf:
        trims = [(float(p.TrimBox[0]), float(p.TrimBox[1])) for p in pdf.pages]
    body = seen[text.find("SpaltenVorDemBild")]

    def columns(page: int) -> list[tuple[float, float]]:
        x0 = trims[page - 1][0] + (24 if page % 2 else 16) * MM
        return [(x0, x0 + COLUMN), (x0 + FULL - COLUMN, x0 + FULL)]

    def placed(caption: str, width: float, ratio: float) -> tuple[int, tuple[float, float, float, float], int]:
        """The figure over `caption`, `width` wide, its caption from its left edge just below, and the
        column it stands in (it must stand in one)."""
        at = seen[text.find(caption)]
        page, box = next(f for f in figures if f[0] == at.page and abs(f[1][2] - f[1][0] - width) < 0.5
                         and 0 < f[1][1] - at.baseline < 3 * body.size)
        lft, b, r, t = box
        assert (r - lft) / (t - b) == pytest.approx(ratio, rel=0.01)
        assert at.box[0] == pytest.approx(lft, abs=1)
        inside = [n for n, (a, z) in enumerate(columns(page)) if a - 0.5 <= lft and r <= z + 0.5]
        assert len(inside) == 1, (lft, r, columns(page))
        # beside it the other column holds text or an image: it is not alone in a band across both
        a, z = columns(page)[1 - inside[0]]
        assert any(c.page == page and a - 1 <= c.box[0] < z and b < c.baseline < t for c in seen) or any(
            f[0] == page and a - 1 <= f[1][0] < z and f[1][1] < t and f[1][3] > b for f in figures)
        return page, box, inside[0]

    page, (lft, *_), n = placed("SchmalLinks", 0.4 * FULL, 900 / 600)
    assert lft == pytest.approx(columns(page)[n][0], abs=0.5)  # left in its column
    credit, heading = seen[text.find("Foto:Nachweis")], seen[text.find("SpaltenKopf")]
    assert credit.page == heading.page == page
    assert credit.box[0] == pytest.approx(lft, abs=1) and heading.box[0] == pytest.approx(lft, abs=1)
    # a portrait without width: a column wide; where it found no room under the text before it, the
    # text after it filled that column to its foot, and it stands at the top of the next
    page, (_, _, _, t), n = placed("HochSpalte", COLUMN, 1600 / 2000)
    after = seen[text.find("NachHoch")]
    a, z = columns(page)[0]
    assert n == 1 and abs(t - body.box[3]) < body.size  # at the top of the second column, level with the first
    assert after.page == page and a - 1 <= after.box[0] < z
    foot = min(c.baseline for c in seen if c.page == page and a - 1 <= c.box[0] < z)
    assert foot - trims[page - 1][1] - 24 * MM < 2 * body.size * 1.5  # the first column: full to its foot
    page, (_, _, r, _), n = placed("SchmalRechts", 0.35 * FULL, 900 / 600)
    assert r == pytest.approx(columns(page)[n][1], abs=0.5)  # right in its column


def test_a_long_plain_list_in_three_balanced_columns(built):
    seen = [c for c in chars(built["print"]) if c.text.strip()]
    text = "".join(c.text for c in seen)
    starts = [text.find(f"Name{i:02d}Mustermann") for i in range(1, 97)]
    assert -1 not in starts and starts == sorted(starts)  # all 96, read down each column in turn
    firsts = [seen[k] for k in starts]
    assert all(seen[k + len("Name01Mustermann") - 1].baseline == c.baseline for k, c in zip(starts, firsts,
                                                                                               strict=True))
    pages = sorted({c.page for c in firsts})
    assert len(pages) == 2  # more than a page's columns hold: split between items
    for page in pages:
        on = [c for c in firsts if c.page == page]
        columns = sorted({round(c.box[0] / 10) for c in on})
        assert len(columns) == 3, columns
        bottoms = [min(c.baseline for c in on if round(c.box[0] / 10) == x) for x in columns]
        assert max(bottoms) - min(bottoms) < 2 * firsts[0].size * 1.5  # balanced (on the last page too)
    # no labels: plain items start where the text starts. A list in columns is a wide block, as a table
    # is: it starts on the frame's left edge, and so does its sub-heading; the text before stays on
    # the text column's, and so does a list in one column
    assert "•" not in text[text.find("EinzelnA"):text.find("NachDenNamen")]
    para, single = seen[text.find("Vorwegsteht")], seen[text.find("EinzelnA")]
    heading = seen[text.find("StifterinnenundStifter")]
    assert para.page == heading.page == firsts[0].page  # (facing pages' frames stand elsewhere)
    assert single.box[0] == pytest.approx(para.box[0], abs=1)
    with pikepdf.open(built["print"]) as pdf:
        trim = float(pdf.pages[firsts[0].page - 1].TrimBox[0])
    frame = trim + (24 if firsts[0].page % 2 else 16) * MM
    assert firsts[0].box[0] == pytest.approx(frame, abs=1)
    assert heading.box[0] == pytest.approx(frame, abs=1)
    assert para.box[0] - frame == pytest.approx(48 * MM, abs=1)  # page.text_offset


def test_a_list_in_columns_spans_both_columns_of_a_two_column_section_and_names_are_not_hyphenated(built):
    seen = [c for c in chars(built["print"]) if c.text.strip()]
    text = "".join(c.text for c in seen)
    at = text.find("FördererKopf")
    heading = seen[at]
    # reading order: item by item, down each of the list's three columns in turn (not six in two)
    starts = [text.find(name.split()[0], at) for name in LONG_NAMES] + [
        text.find(f"Partner{i:02d}Muster") for i in range(12)]
    assert -1 not in starts and starts == sorted(starts)
    firsts = [seen[k] for k in starts]
    assert {c.page for c in firsts} == {heading.page}
    columns = sorted({round(c.box[0]) for c in firsts})
    with pikepdf.open(built["print"]) as pdf:
        trim = float(pdf.pages[heading.page - 1].TrimBox[0])
    frame = trim + (24 if heading.page % 2 else 16) * MM
    assert heading.box[0] == pytest.approx(frame, abs=2)  # heads it over the full width (F: a side bearing)
    assert len(columns) == 3, columns
    assert columns[0] == pytest.approx(frame, abs=1)
    assert columns[2] > frame + (FULL + GAP) / 2  # the third column right of the section's column gap
    # names break between words: every word of them whole (an added hyphen would stand in the text)
    # and on one line
    for word in ("Landesbibliothek", "Kinderbuchillustrationsarchiv", "Musikinstrumentenmuseum"):
        at = text.find(word, starts[0])
        assert starts[0] <= at < starts[-1], word
        assert len({seen[k].baseline for k in range(at, at + len(word))}) == 1, word


def test_a_plain_list_is_tagged_without_labels(built):
    roles = []

    def walk(elem: Any) -> None:
        roles.append(str(elem.S)[1:])
        kids = elem.get("/K", [])
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)
    with pikepdf.open(built["screen"]) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    assert roles.count("LI") == 96 + 2 + 15 and roles.count("LBody") == 96 + 2 + 15
    assert "Lbl" not in roles


HIGHLIGHTS = "sections/03-highlights.yaml"


@pytest.mark.parametrize(("first", "blocks", "needle", "message", "hint"), [
    (False, "  - question: Und zum Schluss?\n", "Und zum Schluss",
     "question 'Und zum Schluss?' is the last block: its answer is missing", "add the answer after it"),
    (False, "  - break: page\n", "break: page", "a page break is the last block of the section",
     "write page: new there"),
    (True, "  - break: page\n", "break: page", "a page break is the first block of the section",
     "write page: new on the section"),
    (False, "  - heading: Zum Schluss\n  - break: page\n  - paragraph: Text.\n", "break: page",
     "a page break right after a heading", "before the heading"),
    (False, "  - list: {columns: 5, items: [Eins, Zwei]}\n", "columns: 5", "list: columns = 5 is out of range",
     "from 1 to 4"),
    (False, "  - list: {style: keine, items: [Eins]}\n", "keine", "'keine' is not one of bullet, number, none", ""),
    (False, "  - break: column\n  - paragraph: Text.\n", "break: column", "break: to: 'column' is not one of page",
     "known: page"),
    (False, "  - chart: {id: ziele, place: hier}\n", "hier", "chart: place: 'hier' is not one of auto, here",
     "did you mean 'here'?"),
])
def test_bad_blocks_are_reported_with_place_and_hint(tmp_path, first, blocks, needle, message, hint):
    content = sample_copy(tmp_path)
    text = (content / HIGHLIGHTS).read_text(encoding="utf-8")
    text = text.replace("blocks:\n", "blocks:\n" + blocks, 1) if first else text + blocks
    (content / HIGHLIGHTS).write_text(text, encoding="utf-8")
    d = only(diagnostics(content))
    at(d, "content/" + HIGHLIGHTS, line_of(content, HIGHLIGHTS, needle))
    assert message in d.message and hint in d.hint, d.format()
