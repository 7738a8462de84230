"""How a table's cells are set: its fonts, sizes and colours (`Setup`), numbers cut at their decimal
separator for alignment, headings and units and where they may break, and text measured in lines
per width (`Text`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..styles import MM, Styles
from ..text import escape
from .data import Cell, TableData


@dataclass
class Setup:
    """Fonts, sizes and colours of a table, taken from the theme through the edition's styles."""

    styles: Styles
    size: float = 0.0
    gutter: float = 0.0
    leading: float = 0.0
    regular: str = ""
    bold: str = ""

    def __post_init__(self) -> None:
        s = self.styles.theme.sizes
        self.size = self.size or s.body - 1
        self.leading = self.size * 1.3
        self.gutter = self.gutter or self.styles.theme.page.tile_gap * MM
        self.regular, self.bold = self.styles.font["regular"], self.styles.font["bold"]

    @classmethod
    def of(cls, data: TableData, styles: Styles) -> Setup:
        """The setting of `data`: its own size and gutter where it was set smaller or tighter."""
        return cls(styles, data.size, data.gutter)

    def font(self, kind: str) -> str:
        return self.bold if kind in ("header", "group", "subtotal", "total") else self.regular

    def para(self, kind: str, align: str) -> Any:
        alignment = {"left": TA_LEFT, "center": TA_CENTER}.get(align, TA_RIGHT)
        colour = "primary" if kind in ("header", "group") else "ink"
        return self.styles.para("small", text=colour, fontName=self.font(kind), fontSize=self.size,
                                leading=self.leading, alignment=alignment, hyphenationLang="", embeddedHyphenation=0,
                                uriWasteReduce=0, splitLongWords=1)

    def span(self, widths: list[float]) -> float:
        """The width of columns of `widths` with the gutters between them."""
        return sum(widths) + self.gutter * (len(widths) - 1)


def column_cells(data: TableData, i: int) -> list[tuple[str, Cell]]:
    """The row kind and cell of column `i` in every row that has one, but group rows (their label
    spans the table)."""
    return [(r.kind, r.cells[i]) for r in data.rows if i < len(r.cells) and r.kind != "group"]


NO_CENTS = ("–", "—")  # the dash of an amount without cents, 50.–, in the place of its cents


def _split_decimal(text: str, decimal: str) -> tuple[str, str]:
    """'1.234,5' → ('1.234', ',5'); text without the separator is all whole part. An amount without
    cents splits at the mark before its dash, whichever it is: '50.–' → ('50', '.–') (Swiss francs
    in a French table)."""
    at = len(text) - 2 if text[-1:] in NO_CENTS and text[-2:-1] in ".," else text.rfind(decimal)
    return (text, "") if at < 0 else (text[:at], text[at:])


def parts(text: str, decimal: str) -> tuple[str, str, str]:
    """'(1.234,5)' → ('(1.234', ',5', ')'): a negative amount in brackets, as accounts set it, hangs
    its closing bracket beyond the aligned digits (where marks hang), so that its digits stand
    under those of the numbers without brackets."""
    close = ")" if text.startswith("(") and text.endswith(")") else ""
    return (*_split_decimal(text[:len(text) - len(close)], decimal), close)


def hang(data: TableData, i: int, su: Setup) -> float:
    """The room a number column keeps right of its digits: for closing brackets, then marks."""
    cells = column_cells(data, i)
    close = max((stringWidth(parts(c.text, data.decimal)[2], su.font(k), su.size) for k, c in cells), default=0.0)
    return close + (su.size * 0.6 if any(c.mark for _, c in cells) else 0.0)


def longest_word(text: str, font: str, size: float) -> float:
    """The widest of the words a paragraph breaks between: a date, a number and its unit bound by a
    no-break space ('June\u00a030,\u00a02026', '$\u00a0thousands') is one word, which a narrower
    column would cut inside ('June 30, 2' / '026')."""
    return max((stringWidth(w, font, size) for w in _words(text)), default=0.0)


_YEAR_AFTER_COMMA = re.compile(r",\u00a0(?=\d)")  # 'June 30,\u00a02026': the year of a US date


def loose(heading: str) -> str:
    """A heading as it may break where its column has no room for it on one line: a US date before
    its year ('June 30,' / '2026'), never inside a number nor between a number and its unit."""
    return _YEAR_AFTER_COMMA.sub(", ", heading)


_SIGN_AND_WORD = re.compile(r"(?<=^[$£€¥]) | (?=[$£€¥]$)")  # '$ thousands', 'thousand €'


def bound_unit(unit: str) -> str:
    """A column's unit with its currency sign bound to the word beside it: '$' / 'thousands' under a
    heading reads as two things."""
    return _SIGN_AND_WORD.sub("\u00a0", unit)


def mark_text(mark: str | None) -> str:
    return escape(mark) if mark else ""


def _words(text: str) -> list[str]:
    """The words a cell's paragraph breaks between: at spaces, never at a no-break space."""
    return [w for w in re.split(r"[ \t\n]+", text) if w]


@dataclass
class Text:
    """One piece of text of a column, measured once: how many lines it takes in a width, and the
    widths at which that changes (those of runs of its words set on one line)."""

    widths: list[float]
    space: float

    @classmethod
    def of(cls, text: str, font: str, size: float) -> Text:
        return cls([stringWidth(w, font, size) for w in _words(text)], stringWidth(" ", font, size))

    def lines(self, width: float) -> int:
        """Lines when broken first-fit, as a paragraph breaks (the fewest any breaking can have)."""
        n, line = 0, -1.0
        for w in self.widths:
            if line >= 0 and line + self.space + w <= width:
                line += self.space + w
            else:
                n, line = n + 1, w
        return n

    def runs(self) -> set[float]:
        ws, out = self.widths, set()
        for i in range(len(ws)):
            total = -self.space
            for w in ws[i:]:
                total += self.space + w
                out.add(round(total, 3))
        return out
