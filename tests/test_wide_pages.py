"""A review on a wide page (A4 landscape): the portrait grid, made for a 170 mm frame, extended so the
pages still read as designed (layout.measure). One small project built once (screen edition) and read
back: tiles per row and page, characters per line of body text, a table's width, how far a contents
line's number stands from its title, a list in four columns, two rows of cards on one page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml

from report.build import build
from report.layout.styles import MM

from .test_text_blocks import REPORT, _sentence, make_project

LONG = " ".join(_sentence(k) for k in range(14))
# twelve labels of 25 to 30 characters: two lines each in a 24-character label column (the chart would
# need 102 mm), one on a 265 mm wide chart
LITTER = [f"Bauschutt{chr(65 + k)} wild abgeladen am Ufer"[:25 + k % 6] for k in range(12)]
NAMES = [f"Stiftung{chr(65 + i)}name Partner" for i in range(24)]
SECTIONS: dict[str, Any] = {
    "vorwort": {"kind": "foreword", "title": "Liebe Leserinnen und Leser", "portrait": "images/portrait.jpg",
                "portrait_alt": "Porträt", "paragraphs": [LONG, LONG], "closing": "Herzliche Grüße",
                "name": "Erika Muster", "role": "Vorständin"},
    "zahlen": {"kind": "key_figures", "title": "Das Jahr in Zahlen",
               "figures": [{"value": 11 * (i + 1), "label": f"Kachel{chr(65 + i)} erreicht"} for i in range(8)]},
    "vier": {"kind": "key_figures", "title": "Vier Zahlen", "columns": 5,  # fewer: a tile would be 48 mm wide
             "figures": [{"value": 99 * (i + 1), "label": f"Viererkachel{i}"} for i in range(4)]},
    "text": {"kind": "text", "title": "Ein Kapitel im Querformat", "page": "new", "blocks": [
        {"paragraph": LONG}, {"paragraph": LONG},
        {"table": {"title": "Erträge", "alt": "Erträge in Euro.", "caption": "TabellenUnterschrift.",
                   "columns": [{"name": "Bereich"}, {"name": "2024", "type": "number"},
                               {"name": "2025", "type": "number"}],
                   "rows": [[f"Zeilenkopf{k}", 1000 + k, 2000 + k] for k in range(5)]}},
        {"list": {"style": "none", "columns": 4, "items": NAMES}}]},
    "diagramm": {"kind": "text", "title": "Ein breites Diagramm", "page": "new", "columns": 1,
                 "blocks": [{"paragraph": "Was wir gesammelt haben."}, {"chart": "muell"}]},
    "karten": {"kind": "text", "title": "Sechs Karten", "page": "new", "blocks": [
        {"paragraph": "Ein kurzer Auftakt."}, {"break": "page"},
        {"grid": {"columns": 3, "items": [
            {"image": "images/bild.jpg", "alt": "Ein Bild", "credit": "Foto: Probe", "title": f"Karte{k} im Jahr",
             "text": _sentence(k), "note": "Ort: Erfurt"} for k in range(6)]}}]},
}


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[str]]:
    """The words of the PDF (see _words) and the build's warnings."""
    root = tmp_path_factory.mktemp("wide")
    content = make_project(root, REPORT, SECTIONS)
    (content / "theme.yaml").write_text("page:\n  size: A4\n  orientation: landscape\n", encoding="utf-8")
    (content / "charts").mkdir()
    (content / "charts" / "muell.yaml").write_text(yaml.safe_dump({
        "kind": "bar", "orientation": "horizontal", "title": "Müll nach Art", "alt": "Zwölf Arten Müll.",
        "caption": "Müll.", "source": "Zählung", "height": 70, "categories": LITTER,
        "series": [{"values": [12 - k for k in range(12)]}]}, allow_unicode=True), encoding="utf-8")
    result = build(content, root / "out", ["print"])  # (the screen edition reads its text as ActualText)
    return _words(result.outputs[0].path), [w.format() for w in result.warnings]


def _words(pdf: Path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, left, right, line, size) of every word, the characters between spaces on a line (`line`:
    the foot of the font's box, alike for every character of a line)."""
    doc = pdfium.PdfDocument(str(pdf))
    words: list[list[Any]] = []
    try:
        for no, page in enumerate(doc, start=1):
            tp = page.get_textpage()
            gap = True
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if not ch.strip():
                    gap = True
                    continue
                box, size = tp.get_charbox(i), pdfium_c.FPDFText_GetFontSize(tp.raw, i)
                foot = tp.get_charbox(i, loose=True)[1]  # the line's: the font's descent under its baseline
                last = words[-1] if words else None
                # a space is not always a character (justified text is drawn word by word): a gap is one too
                if gap or last[0] != no or abs(last[4] - foot) > 0.5 or box[0] - last[3] > 0.16 * size:
                    words.append([no, ch, box[0], box[2], foot, size])
                else:
                    last[1], last[3] = last[1] + ch, box[2]
                gap = False
    finally:
        doc.close()
    return [tuple(w) for w in words]


def _find(words: list[tuple], text: str, size: float | None = None) -> tuple:
    return next(w for w in words if w[1].startswith(text) and (size is None or abs(w[5] - size) < 0.1))


def _lines(words: list[tuple], page: int, size: float) -> list[int]:
    """The characters (with the spaces between words) of each line of `size` text on `page`: words on a
    baseline, a line ending where the next word stands a column gap (4 mm) or more away."""
    rows: dict[float, list[tuple]] = {}
    for w in words:
        if w[0] == page and abs(w[5] - size) < 0.1:
            rows.setdefault(round(w[4], 1), []).append(w)
    out = []
    for row in rows.values():
        row.sort(key=lambda w: w[2])
        count = len(row[0][1])
        for before, w in zip(row, row[1:], strict=False):
            if w[2] - before[3] > 4 * MM:
                out.append(count)
                count = -1
            count += len(w[1]) + 1
        out.append(count)
    return out


def test_eight_key_figures_stand_four_in_a_row_on_one_page(wide):
    words = wide[0]
    tiles = [_find(words, f"Kachel{chr(65 + i)}") for i in range(8)]
    assert len({t[0] for t in tiles}) == 1  # one page
    rows = sorted({round(t[4]) for t in tiles})
    assert len(rows) == 2 and [sum(round(t[4]) == r for t in tiles) for r in rows] == [4, 4]
    # the section's own `columns` where tiles stay 50 mm wide: 5 would be 48 mm, so 4 (one row)
    four = [_find(words, f"Viererkachel{i}") for i in range(4)]
    assert len({round(t[4]) for t in four}) == 1
    assert any("5 columns of tiles would be 48 mm wide, narrower than 50 mm: they are set in 4" in w
               for w in wide[1])


def test_body_text_keeps_to_the_measure_in_two_columns_and_the_foreword(wide):
    words = wide[0]
    for title in ("Liebe", "Kapitel"):  # the foreword, a text section (two columns)
        page = _find(words, title, 28)[0]
        lines = [n for n in _lines(words, page, 10) if n > 30]  # full lines, not a paragraph's last
        assert lines and 55 <= max(lines) <= 95, (title, sorted(lines))  # theme text.measure; it ran 140


def test_a_table_is_only_as_wide_as_the_margin_column_and_the_first_text_column(wide):
    words = wide[0]
    label = _find(words, "Zeilenkopf0")
    figure = max((w for w in words if w[0] == label[0] and abs(w[4] - label[4]) < 0.5), key=lambda w: w[3])
    assert figure[3] - label[2] < 150 * MM  # 48 mm + a column of (209 − 6) / 2 mm; across the frame 257 mm
    caption = _find(words, "TabellenUnterschrift")
    assert caption[2] == pytest.approx(label[2], abs=1)


def test_a_contents_number_stands_near_its_title(wide):
    words = wide[0]
    title = _find(words, "Kapitel", 12)  # "Ein Kapitel im Querformat"
    number = max((w for w in words if w[0] == 2 and abs(w[4] - title[4]) < 0.5), key=lambda w: w[3])
    assert number[1].isdigit() and number[3] - title[2] < 150 * MM  # not at the frame's edge, 257 mm away


def test_a_list_takes_four_columns_where_each_is_45_mm_wide(wide):
    words = wide[0]
    names = [_find(words, name[:9]) for name in NAMES]  # ("StiftungH|name": a kerned gap)
    assert len({round(n[2]) for n in names}) == 4 and len({n[0] for n in names}) == 1


def test_two_rows_of_cards_stay_on_one_page_with_their_photos_cropped_alike(wide):
    """The first row stood alone on a page and the second overleaf (both pages more than half empty):
    each row's photos were cropped lower only where that row alone just missed its page. Now every
    row's photos are cropped alike (down to 3/4) where that keeps the rows together."""
    words = wide[0]
    cards = [_find(words, f"Karte{k}") for k in range(6)]
    assert len({c[0] for c in cards}) == 1, [c[0] for c in cards]
    assert len({round(c[4]) for c in cards}) == 2  # two rows


def test_a_wide_horizontal_bar_chart_gives_its_labels_a_wider_column(wide):
    """On a 265 mm chart the label column stayed 31 mm wide (24 characters), as on A4 portrait: labels of
    25 to 30 characters wrapped, and twelve of them asked for a chart 102 mm high. A label line now
    holds a share of the chart's width: each label on one line, and 70 mm are enough."""
    words = wide[0]
    for k in range(12):
        first = _find(words, f"Bauschutt{chr(65 + k)}")
        last = [w for w in words if w[0] == first[0] and w[1] == LITTER[k].split()[-1]]
        assert any(abs(w[4] - first[4]) < 0.5 for w in last), LITTER[k]  # on the label's first line
