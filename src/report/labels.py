"""How chart category labels wrap: shared by the chart drawing and by the model's check that the
labels have room, so that the check and the drawing can never disagree.

Widths are measured with the design font (Lato, shipped in the package) at the caption size, not
counted in characters: twenty W take three times the room of twenty i."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .fontfiles import parsed

LABEL_WRAP = {"horizontal": 24, "vertical": 22}  # line width, in average characters (CHAR_MM each)
LINE_MM = 3.6  # one label line at the caption size (8 pt) with its leading
CHAR_MM = 1.3  # average width of a lower-case letter of Lato at the caption size: the unit of LABEL_WRAP
CAPTION_PT = 8.0
# a horizontal bar chart's label column grows with the chart: a line holds this share of the chart's width
# (but never fewer than LABEL_WRAP's characters: 24 up to the A4 frame's 170 mm, so those stay as they
# were); on a 270 mm chart (A4 landscape) 37 characters, where 'Fly-tipped building waste' wrapped
LABEL_SHARE = 0.18
_FONT = Path(__file__).parent / "data" / "assets" / "fonts" / "Lato-Regular.ttf"
_PT_PER_MM = 72 / 25.4
THINNED_STEPS = (2, 3, 4, 6, 12)  # every n-th label of a counting sequence: quarters and half years of months
# years, months, quarters and dates: 2024, 1/24, 03.2025, 2024-01, Jan 2024, Jänner 2025, Q1/25, janv. 2024, mrt. 2024
_COUNTING = re.compile(
    r"\d{1,4}([./-]\d{1,4}){0,2}"
    r"|(Q|H)[1-4]([ /'’-]*\d{2,4})?"
    r"|(jan(uar|uary)?|jän(ner)?|feb(ruar|ruary|er)?|mär(z)?|mar(ch)?|apr(il)?|mai|may|jun[ie]?|jul[iy]?|aug(ust)?"
    r"|sep(t|tember)?|o[ck]t(ober)?|nov(ember)?|de[zc](ember)?"
    r"|janv(ier)?|févr?(ier)?|mars|avr(il)?|juin|juil(let)?|août|septembre|octobre|novembre|déc(embre)?"
    r"|januari|febr?(uari)?|maart|mrt|mei|augustus)"
    r"\.?([ /'’-]*\d{2,4})?",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _font() -> Any:
    """reportlab's parse of the packaged Lato: the very object the layout registers when the
    theme sets text in Lato (fontfiles.parsed knows a file by its bytes, wherever it lies)."""
    from reportlab.pdfbase.ttfonts import TTFont
    return parsed(_FONT) or TTFont("report-labels-Lato", str(_FONT))  # the latter raises what is wrong


def text_mm(text: str) -> float:
    """Width of `text` at the caption size, in millimetres, measured with the font."""
    return _font().stringWidth(text, CAPTION_PT) / _PT_PER_MM


def counting(labels: list[str]) -> bool:
    """Labels that count on (years, months, quarters, dates): a reader who sees every second or third
    knows the ones between, so a chart may leave those out where they do not fit."""
    return len(labels) > 1 and all(_COUNTING.fullmatch(label.strip()) for label in labels)


def label_wrap(orientation: str, width_mm: float | None = None) -> int:
    """The line width (average characters) of a chart's category labels, drawn `width_mm` wide."""
    least = LABEL_WRAP[orientation]
    if orientation != "horizontal" or width_mm is None:
        return least
    return max(least, int(width_mm * LABEL_SHARE / CHAR_MM))


def wrap_label(text: str, width: int) -> list[str]:
    """Lines about `width` average characters wide (as measured); a word only breaks when it is far
    wider than a line (a long compound like "Informationsveranstaltungen" stays whole, a 60-letter
    one does not)."""
    room = width * CHAR_MM
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if not line or text_mm(candidate) <= room:
            line = candidate
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    out = []
    for line in lines:
        while text_mm(line) > room * 4 / 3:
            cut = max(1, max((i for i in range(1, len(line)) if text_mm(line[:i] + "-") <= room), default=1))
            out.append(line[:cut] + "-")
            line = line[cut:]
        out.append(line)
    return out or [""]
