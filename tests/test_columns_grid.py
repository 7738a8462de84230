"""Two columns on one grid of lines (columns.on_grid): every line of body text in either column
stands a whole number of lines from the first, across paragraphs and sub-headings."""

from __future__ import annotations

import pdfplumber

from report.build import build

from .test_text_blocks import REPORT, make_project

WORDS = ("Die Netze wurden im Berichtsjahr planmäßig erneuert, und die Versorgung blieb stabil. "
         "Investitionen flossen in Leitungen, Stationen und die Digitalisierung der Zähler. ")


def test_the_lines_of_two_columns_stand_side_by_side(tmp_path):
    blocks = []
    for n in range(1, 7):  # paragraphs of one to six sentences, sub-headings between them
        blocks.append({"paragraph": WORDS * n})
        if n % 2 == 0 and n < 6:
            blocks.append({"heading": f"Abschnitt {n // 2}"})
    content = make_project(tmp_path, REPORT, {"spalten": {"kind": "text", "title": "Anhang", "columns": 2,
                                                           "blocks": blocks}})
    result = build(content, tmp_path / "out", ["screen"])
    leading = 14.5  # the theme's
    with pdfplumber.open(result.outputs[0].path) as pdf:
        page = next(p for p in pdf.pages if "Abschnitt 1" in (p.extract_text() or ""))
        words = [w for w in page.extract_words(extra_attrs=["size"]) if abs(w["size"] - 10) < 0.2]
    middle = page.width / 2
    left = {round(w["bottom"], 2) for w in words if w["x1"] < middle}
    right = {round(w["bottom"], 2) for w in words if w["x0"] > middle}
    assert len(left) > 10 and len(right) > 10
    first = min(left | right)
    off = sorted({round((y - first) / leading % 1, 2) % 1 for y in left | right})
    assert off == [0.0], off  # before: paragraphs 0.6 of a line apart put one column's lines off the other's
