"""How a table's cells are set: its fonts, sizes and colours (`Setup`), numbers cut at their decimal
separator for alignment, headings and units and where they may break, and text measured in lines
per width (`Text`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    """The room a number column keeps right of its digits: for closing brackets, then a row's own
    unit ('44,1 %' among amounts in TEUR: the digits stay aligned), then marks."""
    cells = column_cells(data, i)
    close = max((stringWidth(parts(c.text, data.decimal)[2], su.font(k), su.size) for k, c in cells), default=0.0)
    units = max((stringWidth(c.unit, su.font(k), su.size) for k, c in cells if c.unit), default=0.0)
    return close + units + (su.size * 0.6 if any(c.mark for _, c in cells) else 0.0)


SIGN_GAP = 0.25  # ems between a hung currency sign and the widest amount of its column


def lead(data: TableData, i: int, su: Setup) -> float:
    """The room a number column keeps left of its widest amount for a currency sign hung there
    (`Cell.sign`: the first and total rows of a US financial statement, '$ 11,412')."""
    return max((stringWidth(c.sign, su.font(k), su.size) + SIGN_GAP * su.size
                for k, c in column_cells(data, i) if c.sign), default=0.0)


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


SHY = "\u00ad"  # a soft hyphen the author typed: where a heading's word may break, invisible elsewhere
HYPHEN_COST = 2.0  # lines a hyphenated heading word costs: more than a heading's line, so it is the last resort
PLAIN_BREAK_COST = 0.25  # a heading's word broken without a hyphen (a date before its year, after a hyphen)
MIN_PART = 3  # letters a heading's hyphenated word keeps on either side of a break ('Ab-' reads badly)
_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?=\d{4}$)")  # '31.12.2026', 'AK 31.12.2026': before its year


def unshy(text: str) -> str:
    """A heading as printed where it does not break at its soft hyphens."""
    return text.replace(SHY, "")


def heading_breaks(word: str, hyphenate: Any) -> list[tuple[int, bool]]:
    """Where a heading's word (soft hyphens included) may break, as positions in the word without
    them, True where the break adds a hyphen: at the soft hyphens the author typed (only there, if
    any), else where the language's hyphenation allows with MIN_PART letters on either side, after
    a hyphen the word has ('Zu-/gänge'), and a date before its year ('31.12.' / '2026')."""
    if SHY in word:
        out, at = [], 0
        for piece in word.split(SHY)[:-1]:
            at += len(piece)
            if 0 < at < len(unshy(word)):
                out.append((at, True))
        return out
    if date := _DATE.search(word):
        return [(date.end(), False)]
    from ..hyphenate import word_breaks  # (imported here: the table package stays light for its tests)
    return [(p, hyph) for p, hyph in word_breaks(word, hyphenate)
            if not hyph or (p >= MIN_PART and len(word) - p >= MIN_PART)]


@dataclass(eq=False)
class Heading:
    """A heading's label set as a typesetter sets a dense table's: its words on as few lines as fit,
    first-fit; a word wider than the column broken where `heading_breaks` allows, into parts of at
    least MIN_PART letters, with a hyphen where the break adds one. Without `hyphenate` (a table
    that fits without) its words never break, as `Text` measures them."""

    words: list[str]  # printed, soft hyphens removed
    breaks: list[list[tuple[int, bool]]]  # per word
    font: str
    size: float
    _sets: dict[float, tuple[list[str], float]] = field(default_factory=dict, repr=False)  # by width (_set)

    @classmethod
    def of(cls, label: str, font: str, size: float, hyphenate: Any) -> Heading:
        raw = _words(label)
        return cls([unshy(w) for w in raw], [heading_breaks(w, hyphenate) for w in raw], font, size)

    def _w(self, text: str) -> float:
        return stringWidth(text, self.font, self.size)

    def _fits(self, text: str, width: float) -> bool:
        return self._w(text) <= width + 0.001  # (widths are measured to a thousandth of a point: `runs`)

    def _piece(self, k: int, a: int, b: int) -> str:
        """Word `k` from `a` to `b`, with the hyphen its break at `b` adds."""
        word = self.words[k]
        adds = any(p == b and hyph for p, hyph in self.breaks[k])
        return word[a:b] + ("-" if adds else "")

    def _ends(self, k: int, a: int) -> list[int]:
        """Where a part of word `k` that starts at `a` may end: a break with MIN_PART letters after `a`
        (after a date's point or a hyphen: any), or the word's end."""
        ends = [p for p, hyph in self.breaks[k] if p > a and (not hyph or p - a >= MIN_PART)]
        return [*ends, len(self.words[k])]

    def _least(self, k: int, a: int = 0) -> float:
        """The narrowest width in which word `k` from `a` on is set: the widest of its parts, broken
        where that makes the widest part narrowest."""
        memo: dict[int, float] = {}

        def least(at: int) -> float:
            if at >= len(self.words[k]):
                return 0.0
            if at not in memo:
                memo[at] = min(max(self._w(self._piece(k, at, e)), least(e)) for e in self._ends(k, at))
            return memo[at]
        return least(a)

    def least(self) -> float:
        """The narrowest width the heading is set in."""
        return max((self._least(k) for k in range(len(self.words))), default=0.0)

    def set(self, width: float) -> list[str]:
        """Its lines in `width` (at least `least()` wide)."""
        return self._set(round(width, 3))[0]

    def broken(self, width: float) -> float:
        """What breaking its words costs in `width`, in lines: HYPHEN_COST a hyphenated break,
        PLAIN_BREAK_COST one without a hyphen (a date before its year)."""
        return self._set(round(width, 3))[1]

    def _set(self, width: float) -> tuple[list[str], float]:
        """(lines, cost) in `width`, each width set once (the table tries the same widths again)."""
        done = self._sets.get(width)
        if done is None:
            done = self._sets[width] = self._setting(width)
        return done

    def _setting(self, width: float) -> tuple[list[str], float]:
        lines: list[str] = []
        line = ""
        cost = 0.0
        for k, word in enumerate(self.words):
            together = f"{line} {word}" if line else word
            if self._fits(together, width):
                line = together
                continue
            if self._fits(word, width):  # a word that fits a line is never broken: it goes on whole
                lines.append(line)
                line = word
                continue
            a = 0
            while a < len(word):
                # the longest part that fits the line and leaves a rest that can be set
                fits = [e for e in self._ends(k, a) if self._fits(f"{line} {self._piece(k, a, e)}" if line
                                                                   else self._piece(k, a, e), width)
                        and self._least(k, e) <= width + 0.001]
                if not fits and line:
                    lines.append(line)
                    line = ""
                    continue
                e = fits[-1] if fits else self._ends(k, a)[0]
                piece = self._piece(k, a, e)
                line = f"{line} {piece}" if line else piece
                if e < len(word):
                    lines.append(line)
                    line = ""
                    cost += HYPHEN_COST if piece.endswith("-") and not word[a:e].endswith("-") else PLAIN_BREAK_COST
                a = e
        return ([*lines, line] if line else lines), cost

    def lines(self, width: float) -> int:
        return len(self.set(width))

    @property
    def widths(self) -> list[float]:
        return [self._least(k) for k in range(len(self.words))]

    def runs(self) -> set[float]:
        """Widths at which its lines may change: those of runs of whole words, and of its words'
        parts (each from one break to a later one)."""
        whole = Text([self._w(w) for w in self.words], self._w(" ")).runs()
        for k in range(len(self.words)):
            starts = [0, *(p for p, _ in self.breaks[k])]
            whole |= {round(self._w(self._piece(k, a, e)), 3) for a in starts for e in self._ends(k, a)}
        return whole
