"""A data table as one designed flowable: decimal-aligned number columns with tabular figures,
header rows repeated on every page the table runs onto, group rows (a heading within the table,
across all columns, with space above), a rule above subtotals and a double rule above totals,
hairlines between rows and no vertical rules.

The flowable takes plain, already formatted data (`TableData`): the model and the number
formatting stay outside, so the layout can be tested alone. In tagged editions the table is
recorded as Table / THead / TBody / TR / TH (with /Scope) / TD; a header repeated on a later
page is an artifact, and the rows there continue the same TBody.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..errors import Diagnostic, ReportError
from ..locale import Locale
from ..model import Number, Table
from ..model.tables import MARKS, NOT_MEANINGFUL
from ..tagging import artifact, content, tagger_of, within
from .context import LayoutContext
from .flow import HeadWith
from .styles import MM, Styles
from .templates import text_frame_height
from .text import Paragraph, escape, rl_markup, rl_plain

ROW_KINDS = ("header", "group", "body", "subtotal", "total")
ALIGNS = ("left", "right", "center", "decimal")
MIN_TEXT_COLUMN = 18 * MM  # narrower than this a text column breaks nearly every word
NUMBER_COLUMN = 16 * MM  # number columns get this much where the table has room (airy, even columns)
NUMBER_GAP = 1.5  # ems: the least room between the widest entries of two number columns, where it fits
TIGHT_GUTTER = 1.0  # ems: the room between the columns of a table whose entries do not fit on one line each
WORD_SLACK = 0.5  # points a column keeps beyond its longest word: a paragraph breaks a word that fills it exactly
MIN_BODY_ROWS = 3  # rows of figures (not group labels) kept together at a page break, on either side
KEEP_WHOLE = 6  # a table of no more rows of figures than this never splits: it moves on whole
PAD_Y = 2.2  # points above and below the text of a row
RULE = 0.6  # points: under the header, under the table
HAIRLINE = 0.25  # points: between rows, above subtotals
DOUBLE = (0.4, 1.2)  # points: the two lines of the rule above a total, and the distance between them
NO_VALUE_DASH = "–"  # what a number cell without a value prints (model.tables.NO_VALUE)
GROUP_SPACE = 0.8  # leadings of space above a group row (none right under the header)


@dataclass
class Cell:
    text: str  # as printed, already formatted for the locale
    mark: str | None = None  # footnote marker after the text, a superscript character ("¹")
    said: str | None = None  # what a screen reader says instead, where the text misleads a listener


@dataclass
class Column:
    label: str
    align: str = "left"  # one of ALIGNS
    unit: str | None = None  # printed under the label, e.g. "Mio. €"
    row_header: bool = False  # its body cells name their row (TH /Scope /Row)
    width: float | None = None  # percent of the table's width, as the author set it (None: as its entries need)


@dataclass
class Row:
    cells: list[Cell]
    kind: str = "body"  # one of ROW_KINDS
    repeated: bool = False  # a group's label again above its rows on a later page: an artifact


@dataclass
class TableData:
    columns: list[Column]
    rows: list[Row]  # header rows (besides the column labels) first, then body rows in order
    decimal: str = ","  # the locale's decimal separator, for decimal alignment
    summary: str | None = None  # what the table shows, for the tagged Table element
    size: float = 0.0  # the type size, where a wide table is set smaller than tables are (0: the theme's)
    continued: str = ""  # the line above the part of a split table on a later page: 'Balance sheet (continued)'
    more: str = ""  # the locale's word after a group's label repeated on a later page: 'continued'
    gutter: float = 0.0  # the room between columns, where a dense table is set tighter (0: the theme's)


class TooWide(ValueError):
    """The table's columns need more room than the text column has."""

    def __init__(self, column: int, needed: float, available: float, widths: list[float]):
        super().__init__(f"column {column + 1} makes the table too wide")
        self.column, self.needed, self.available, self.widths = column, needed, available, widths


@dataclass
class _Tagging:
    """The structure elements of one table, shared by its parts across pages (per render pass)."""

    canvas: Any = None
    table: int | None = None
    body: int | None = None


@dataclass
class _Setup:
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

    def font(self, kind: str) -> str:
        return self.bold if kind in ("header", "group", "subtotal", "total") else self.regular

    def para(self, kind: str, align: str) -> Any:
        alignment = {"left": TA_LEFT, "center": TA_CENTER}.get(align, TA_RIGHT)
        colour = self.styles.colour("primary") if kind in ("header", "group") else self.styles.colour("ink")
        return self.styles.para("small", fontName=self.font(kind), fontSize=self.size, leading=self.leading,
                                alignment=alignment, textColor=colour, hyphenationLang="", embeddedHyphenation=0,
                                uriWasteReduce=0, splitLongWords=1)


def _split_decimal(text: str, decimal: str) -> tuple[str, str]:
    """'1.234,5' → ('1.234', ',5'); text without the separator is all whole part."""
    at = text.rfind(decimal)
    return (text, "") if at < 0 else (text[:at], text[at:])


def _parts(text: str, decimal: str) -> tuple[str, str, str]:
    """'(1.234,5)' → ('(1.234', ',5', ')'): a negative amount in brackets, as accounts set it, hangs
    its closing bracket beyond the aligned digits (where marks hang), so that its digits stand
    under those of the numbers without brackets."""
    close = ")" if text.startswith("(") and text.endswith(")") else ""
    return (*_split_decimal(text[:len(text) - len(close)], decimal), close)


def _hang(data: TableData, i: int, su: _Setup) -> float:
    """The room a number column keeps right of its digits: for closing brackets, then marks."""
    cells = [(r.kind, r.cells[i]) for r in data.rows if i < len(r.cells) and r.kind != "group"]
    close = max((stringWidth(_parts(c.text, data.decimal)[2], su.font(k), su.size) for k, c in cells), default=0.0)
    return close + (su.size * 0.6 if any(c.mark for _, c in cells) else 0.0)


def _longest_word(text: str, font: str, size: float) -> float:
    """The widest of the words a paragraph breaks between: a date, a number and its unit bound by a
    no-break space ('June\u00a030,\u00a02026', '$\u00a0thousands') is one word, which a narrower
    column would cut inside ('June 30, 2' / '026')."""
    return max((stringWidth(w, font, size) for w in _words(text)), default=0.0)


_YEAR_AFTER_COMMA = re.compile(r",\u00a0(?=\d)")  # 'June 30,\u00a02026': the year of a US date


def _loose(heading: str) -> str:
    """A heading as it may break where its column has no room for it on one line: a US date before
    its year ('June 30,' / '2026'), never inside a number nor between a number and its unit."""
    return _YEAR_AFTER_COMMA.sub(", ", heading)


_SIGN_AND_WORD = re.compile(r"(?<=^[$£€¥]) | (?=[$£€¥]$)")  # '$ thousands', 'thousand €'


def _bound_unit(unit: str) -> str:
    """A column's unit with its currency sign bound to the word beside it: '$' / 'thousands' under a
    heading reads as two things."""
    return _SIGN_AND_WORD.sub("\u00a0", unit)


def _mark_text(mark: str | None) -> str:
    return escape(mark) if mark else ""


def _words(text: str) -> list[str]:
    """The words a cell's paragraph breaks between: at spaces, never at a no-break space."""
    return [w for w in re.split(r"[ \t\n]+", text) if w]


@dataclass
class _Text:
    """One piece of text of a column, measured once: how many lines it takes in a width, and the
    widths at which that changes (those of runs of its words set on one line)."""

    widths: list[float]
    space: float

    @classmethod
    def of(cls, text: str, font: str, size: float) -> _Text:
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


Lines = tuple[list[int], int]  # a column's lines per row, and its heading's


@dataclass
class _Fit:
    """What the widths of a table that does not fit cost: the lines of its rows (a row is as tall as
    its tallest cell), of its heading (repeated on every page the table runs onto) and a quarter
    line for every cell broken at all, even where its row is no taller for it ('ONS Brunnengasse /
    3' reads worse than one line)."""

    cells: list[list[_Text | None]]  # per column, per row: its text where it wraps (None: a number)
    heads: list[list[_Text]]  # per column: label and unit
    inner: list[float]  # per column: what its width loses before its text (slack, hang)
    head_weight: float

    def lines(self, i: int, width: float) -> Lines:
        room = width - self.inner[i]
        return [t.lines(room) if t else 1 for t in self.cells[i]], sum(t.lines(room) for t in self.heads[i])

    def cost(self, columns: list[Lines]) -> float:
        rows = sum(max(row) for row in zip(*(lines for lines, _ in columns), strict=True))
        broken = sum(n > 1 for lines, _ in columns for n in lines)
        return rows + self.head_weight * max(head for _, head in columns) + 0.25 * broken


def _heading(col: Column, su: _Setup) -> list[_Text]:
    return [_Text.of(_loose(col.label), su.bold, su.size),
            *([_Text.of(_bound_unit(col.unit), su.regular, su.size)] if col.unit else [])]


def _two_lines(texts: list[_Text]) -> float:
    """The least width in which a heading takes at most two lines: a label over its unit on one line
    each, a label alone on two."""
    word = max((w for t in texts for w in t.widths), default=0.0)
    widths = sorted(w for t in texts for w in t.runs() if w >= word)
    return next((w for w in widths if sum(t.lines(w) for t in texts) <= 2), widths[-1] if widths else 0.0)


def _shrink(fit: _Fit, widths: list[float], floors: list[list[float]], excess: float) -> list[float]:
    """Narrow the columns by `excess`, a step at a time, each time where it costs fewest lines per
    point won: first room no text needs, then where a column's text takes more lines (long cells
    first, as they win most room per line; a step may skip narrower widths that cost more)."""
    widths = list(widths)
    for i, fl in enumerate(floors):  # room above the width its text needs: free
        take = min(widths[i] - max(f for f in fl if f <= widths[i] + 0.001), excess)
        widths[i] -= take
        excess -= take
    state = [fit.lines(i, w) for i, w in enumerate(widths)]
    base = fit.cost(state)
    while excess > 0.001:
        best = None
        for i, fl in enumerate(floors):
            below = [f for f in fl if f < widths[i] - 0.001]
            # narrower than needed only the widest of them: the others cost more and win nothing
            reach = [f for f in below if f >= widths[i] - excess] + [f for f in below if f < widths[i] - excess][-1:]
            for floor in reach:
                lines = fit.lines(i, floor)
                lost = fit.cost([*state[:i], lines, *state[i + 1:]]) - base
                score = lost / min(widths[i] - floor, excess)
                if best is None or score < best[0] - 1e-9:
                    best = (score, i, floor, lines, lost)
        if best is None:
            break
        _, i, floor, lines, lost = best
        take = min(excess, widths[i] - floor)  # any width down to the floor is set as the floor is
        widths[i] -= take
        excess -= take
        state[i] = lines
        base += lost
    return widths


def _measure(data: TableData, su: _Setup, available: float) -> tuple[list[float], list[float], list[float]]:
    """Per column: its natural width, its least width, and what its width loses before its text. A
    column the author gave a width has that width as both, unless its entries need more."""
    mark_room = su.size * 0.6
    gap = max(0.0, NUMBER_GAP * su.size - su.gutter)  # more room left of a number column's widest entry
    natural, minimum, inner = [], [], []
    for i, col in enumerate(data.columns):
        unit_w = _longest_word(_bound_unit(col.unit or ""), su.regular, su.size)
        label_w = max(_longest_word(col.label, su.bold, su.size), unit_w) + WORD_SLACK  # where it has room
        least = max(_longest_word(_loose(col.label), su.bold, su.size), unit_w) + WORD_SLACK
        cells = [(r.kind, r.cells[i]) for r in data.rows if i < len(r.cells) and r.kind != "group"]
        if col.align == "decimal":
            whole = max((stringWidth(_parts(c.text, data.decimal)[0], su.font(k), su.size)
                         for k, c in cells), default=0.0)
            frac = max((stringWidth(_parts(c.text, data.decimal)[1], su.font(k), su.size)
                        for k, c in cells), default=0.0)
            hang = _hang(data, i, su)
            need = max(label_w, whole + frac) + hang
            minimum.append(max(least, whole + frac) + hang)
            natural.append(need + (gap if i else 0))
            inner.append(WORD_SLACK + hang)
        else:  # never narrower than its longest word (a paragraph would cut it without a hyphen)
            full = max((stringWidth(c.text, su.font(k), su.size) + (mark_room if c.mark else 0)
                        for k, c in cells), default=0.0)
            word = max((_longest_word(c.text, su.font(k), su.size) + (mark_room if c.mark else 0)
                        for k, c in cells), default=0.0)
            natural.append(max(full, label_w) + WORD_SLACK)
            minimum.append(max(word + WORD_SLACK, least, min(MIN_TEXT_COLUMN, natural[-1])))
            inner.append(WORD_SLACK)
        if col.width:
            natural[-1] = minimum[-1] = max(minimum[-1], col.width / 100 * available)
    return natural, minimum, inner


def set_table(data: TableData, styles: Styles, available: float) -> tuple[TableData, list[float]]:
    """The table as set and its widths. A table whose entries do not all fit on one line at the
    theme's gutter is set with gutters of TIGHT_GUTTER first: a little less room between columns
    costs less than a second line in many rows."""
    su = _Setup(styles, data.size, data.gutter)
    tight = TIGHT_GUTTER * su.size
    if not data.gutter and tight < su.gutter:
        natural, _, _ = _measure(data, su, available)
        if sum(natural) + su.gutter * (len(data.columns) - 1) > available:
            data = replace(data, gutter=tight)
    return data, column_widths(data, styles, available)


def broken_rows(data: TableData, styles: Styles, widths: list[float]) -> int:
    """How many rows of the table take more than one line in these widths."""
    su = _Setup(styles, data.size, data.gutter)
    _, _, inner = _measure(data, su, sum(widths))
    wrapping = [i for i, c in enumerate(data.columns) if c.align != "decimal"]
    return sum(any(_Text.of(r.cells[i].text + (r.cells[i].mark or ""), su.font(r.kind), su.size)
                   .lines(widths[i] - inner[i]) > 1 for i in wrapping if i < len(r.cells))
               for r in data.rows if r.kind != "group")


def column_widths(data: TableData, styles: Styles, available: float) -> list[float]:
    """Widths that fit `available`, as a typesetter sets them. A column's natural width is its
    widest entry on one line (a number column's digits, a text column's whole text). When that
    fits, room left over goes first to headings that would take more than two lines, then to
    number columns (to an even width), then to the text columns. When it does not, columns narrow
    where that costs fewest lines (`_shrink`); a text column never below its longest word, a number
    column never below its widest number. Raises TooWide (naming the widest column) when even the
    narrowest setting does not fit."""
    su = _Setup(styles, data.size, data.gutter)
    natural, minimum, inner = _measure(data, su, available)
    gutters = su.gutter * (len(data.columns) - 1)
    if sum(minimum) + gutters > available + 0.01:
        widest = max(range(len(minimum)), key=lambda i: minimum[i])
        raise TooWide(widest, sum(minimum) + gutters, available, minimum)
    heads = [_heading(col, su) for col in data.columns]
    two = [minimum[i] if col.width else max(minimum[i], _two_lines(heads[i]) + inner[i])
           for i, col in enumerate(data.columns)]
    if sum(natural) + gutters <= available:
        widths = list(natural)
        short = sorted((two[i] - widths[i], i) for i in range(len(widths)) if two[i] > widths[i] + 0.001)
        for more, i in short:  # headings that would take three lines or more, the nearest first
            if sum(widths) + gutters + more <= available:
                widths[i] += more
    else:
        fit, floors = _fitting(data, su, heads, inner, minimum)
        start = [max(n, t) for n, t in zip(natural, two, strict=True)]
        widths = _shrink(fit, start, floors, sum(start) + gutters - available)
    spare = available - sum(widths) - gutters
    numbers = [i for i, c in enumerate(data.columns)
               if c.align == "decimal" and not c.width and widths[i] < NUMBER_COLUMN]
    want = sum(NUMBER_COLUMN - widths[i] for i in numbers)
    if numbers and spare > 0:
        for i in numbers:
            widths[i] += (NUMBER_COLUMN - widths[i]) * min(1.0, spare / want)
        spare = available - sum(widths) - gutters
    wrapping = ([i for i, c in enumerate(data.columns) if c.align != "decimal" and not c.width]
                or [i for i, c in enumerate(data.columns) if not c.width] or [0])
    for i in wrapping:  # the table spans the column: extra room goes to the text columns
        widths[i] += spare / len(wrapping)
    return widths


def _fitting(data: TableData, su: _Setup, heads: list[list[_Text]], inner: list[float],
             minimum: list[float]) -> tuple[_Fit, list[list[float]]]:
    """The cost of a table's widths, and per column the widths at which its lines change (never
    below its minimum)."""
    rows = [r for r in data.rows if r.kind != "group"]
    known: dict[tuple[str, str], _Text] = {}

    def text(row: Row, i: int) -> _Text | None:
        if data.columns[i].align == "decimal" or i >= len(row.cells):
            return None
        words, font = row.cells[i].text + (row.cells[i].mark or ""), su.font(row.kind)
        if (words, font) not in known:
            known[words, font] = _Text.of(words, font, su.size)
        return known[words, font]

    cells = [[text(r, i) for r in rows] for i in range(len(data.columns))]
    floors = []
    for i, texts in enumerate(heads):
        runs = {w for t in {id(t): t for t in [*cells[i], *texts] if t}.values() for w in t.runs()}
        floors.append(sorted({minimum[i], *(w + inner[i] for w in runs if w + inner[i] > minimum[i])}))
    pages = 1 + len(rows) // 30  # the heading repeats on every page a long table runs onto
    return _Fit(cells, heads, inner, pages), floors


def _figures(rows: list[Row]) -> int:
    """The rows of figures among `rows` (body rows, subtotals, totals): a group's label, or one
    repeated on a later page, is a heading, not a row a break may leave alone."""
    return sum(r.kind != "group" for r in rows)


class DataTable(Flowable):
    """The table; splits between rows and repeats its header rows on the next page."""

    def __init__(self, data: TableData, styles: Styles, widths: list[float],
                 body: list[Row] | None = None, tagging: _Tagging | None = None, continued: bool = False):
        super().__init__()
        self.data, self.styles, self.widths = data, styles, widths
        self.su = _Setup(styles, data.size, data.gutter)
        self.head = [Row([Cell(c.label) for c in data.columns], "header"),
                     *[r for r in data.rows if r.kind == "header"]]
        self.body = body if body is not None else [r for r in data.rows if r.kind != "header"]
        self.tagging = tagging or _Tagging()
        self.continued = continued  # a later part: its header is a repetition, under a line naming the table
        self.above = (Paragraph(escape(data.continued), styles.para("caption"))
                      if continued and data.continued else None)
        self._heights: dict[int, float] = {}
        # the same for every part, so that separators line up from page to page
        self.fracs = [max((stringWidth(_parts(r.cells[i].text, data.decimal)[1], self.su.font(r.kind),
                                       self.su.size) for r in data.rows if i < len(r.cells)), default=0.0)
                      for i in range(len(data.columns))]
        self.hang = [_hang(data, i, self.su) for i in range(len(data.columns))]

    # -- measuring

    def _cell_para(self, row: Row, i: int) -> Paragraph:
        col, cell = self.data.columns[i], row.cells[i] if i < len(row.cells) else Cell("")
        text = escape(_loose(cell.text) if row.kind == "header" else cell.text) + _mark_text(cell.mark)
        if row.kind == "header" and row is self.head[0] and col.unit:
            text += f" <br/><font name={self.su.regular}>{escape(_bound_unit(col.unit))}</font>"
        align = "left" if row.kind == "group" else "right" if col.align == "decimal" else col.align
        para = Paragraph(text, self.su.para(row.kind, align))
        # first fit, as the widths were measured: the fewest lines (evening the rag could take a line
        # more, 'ONS / Industriestraße / 1')
        para.optimise = False
        return para

    def _room(self, i: int, row: Row | None = None) -> float:
        """The width a cell's paragraph is set in: a number column's heading ends where its numbers'
        digits end, before closing brackets and marks; a group row's label spans the table."""
        if row is not None and row.kind == "group":
            return sum(self.widths) + self.su.gutter * (len(self.widths) - 1) if i == 0 else 0.0
        return self.widths[i] - (self.hang[i] if self.data.columns[i].align == "decimal" else 0)

    def _space_above(self, row: Row, first_body: bool) -> float:
        """A group row stands apart from the rows before it (not from the header right above it)."""
        return GROUP_SPACE * self.su.leading if row.kind == "group" and not first_body else 0.0

    def _row_height(self, row: Row, first_body: bool = False) -> float:
        key = id(row)
        if key not in self._heights:
            h = self.su.leading
            for i, col in enumerate(self.data.columns):
                if row.kind == "group" and i:
                    continue
                if col.align != "decimal" or row.kind in ("header", "group"):
                    _, ph = self._cell_para(row, i).wrap(self._room(i, row), 10_000)
                    h = max(h, ph)
            self._heights[key] = h + 2 * PAD_Y
        return self._heights[key] + self._space_above(row, first_body)

    def _above_height(self) -> float:
        if self.above is None:
            return 0.0
        return self.above.wrap(sum(self.widths) + self.su.gutter * (len(self.widths) - 1), 10_000)[1] + PAD_Y

    def _head_height(self) -> float:
        return self._above_height() + sum(self._row_height(r) for r in self.head)

    def _body_heights(self) -> list[float]:
        return [self._row_height(r, first_body=k == 0) for k, r in enumerate(self.body)]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = sum(self.widths) + self.su.gutter * (len(self.widths) - 1)
        self.height = self._head_height() + sum(self._body_heights()) + RULE
        return self.width, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """The least of the table that starts a page: its header and the rows a split keeps."""
        n = next((n for n in range(1, len(self.body)) if self.split_at(n)), len(self.body))
        return self.height_with(n)

    def split(self, aw: float, ah: float) -> list[Any]:
        room = ah - self._head_height() - RULE
        heights = self._body_heights()
        n, used = 0, 0.0
        while n < len(self.body) and used + heights[n] <= room:
            used += heights[n]
            n += 1
        if n >= len(self.body):
            return [self]
        while n > 0 and not self.split_at(n):  # the last break the rules allow among the rows that fit
            n -= 1
        return list(self.parts(n)) if n else []

    def parts(self, n: int) -> tuple[DataTable, DataTable]:
        """The table's first `n` body rows and the rest, which go on under the repeated header, and,
        where they go on inside a group, under its label again ('East (continued)'): the rows keep
        their context."""
        rest = self.body[n:]
        group = self._open_group(n)
        if group is not None and rest[0].kind != "group":
            label = group.cells[0]
            more = f"{label.text} ({self.data.more})" if self.data.more else label.text
            rest = [Row([Cell(more), *group.cells[1:]], "group", repeated=True), *rest]
        first = DataTable(self.data, self.styles, self.widths, self.body[:n], self.tagging, self.continued)
        return first, DataTable(self.data, self.styles, self.widths, rest, self.tagging, continued=True)

    def _open_group(self, n: int) -> Row | None:
        """The group row whose rows go on after the first `n` (none after its subtotal or a total)."""
        for row in reversed(self.body[:n]):
            if row.kind in ("subtotal", "total"):
                return None
            if row.kind == "group":
                return row
        return None

    def split_at(self, n: int) -> bool:
        """Whether the table may break after its first `n` body rows: totals and subtotals stay with
        the rows they sum, a group row with the rows under it, neither part keeps fewer than
        MIN_BODY_ROWS rows of figures (visual QA: an income statement split before its last two
        lines, 'Income tax expense' and 'Net income' alone under '(continued)'), and a table of
        KEEP_WHOLE rows or fewer does not break at all."""
        body = self.body
        if not 0 < n < len(body) or _figures(body) <= KEEP_WHOLE:
            return False
        return (_figures(body[:n]) >= MIN_BODY_ROWS and _figures(body[n:]) >= MIN_BODY_ROWS
                and body[n].kind not in ("total", "subtotal") and body[n - 1].kind != "group")

    def height_with(self, n: int) -> float:
        """The height of the part with the first `n` body rows."""
        return self._head_height() + sum(self._body_heights()[:n]) + RULE

    # -- drawing

    def draw(self) -> None:
        c = self.canv
        tagger = tagger_of(c)
        tags = self.tagging
        if tagger and tags.canvas is not c:  # first part drawn in this render pass
            tags.canvas, tags.table, tags.body = c, None, None
        y = self.height
        if tagger and tags.table is None:
            with tagger.group("Table", self.data.summary) as table:
                tags.table = table
                with tagger.group("THead"):
                    for row in self.head:
                        y = self._draw_row(row, y)
                with tagger.group("TBody") as body:
                    tags.body = body
        elif self.continued:
            with artifact(c):
                if self.above is not None:  # (the tagged table's title said it once)
                    y -= self._above_height()
                    self.above.drawOn(c, 0, y + PAD_Y)
                for row in self.head:
                    y = self._draw_row(row, y, tagged=False)
        else:
            for row in self.head:
                y = self._draw_row(row, y)
        with within(c, tags.body if tagger else None):
            for k, row in enumerate(self.body):
                with artifact(c) if row.repeated else nullcontext():
                    y = self._draw_row(row, y, tagged=not row.repeated, first_body=k == 0,
                                       after_group=k > 0 and self.body[k - 1].kind == "group")
        with artifact(c):
            c.setStrokeColor(self.styles.colour("primary"))
            c.setLineWidth(RULE)
            c.line(0, y - RULE / 2, self.width, y - RULE / 2)

    def _draw_row(self, row: Row, top: float, tagged: bool = True, first_body: bool = False,
                  after_group: bool = False) -> float:
        c, su = self.canv, self.su
        h = self._row_height(row, first_body)
        top -= self._space_above(row, first_body)
        with artifact(c):
            self._rules(row, top, first_body or after_group)
        tagger = tagger_of(c) if tagged else None
        with (tagger.group("TR") if tagger else nullcontext()):
            x = 0.0
            for i, col in enumerate(self.data.columns):
                w = self.widths[i]
                role, scope = self._role(row, col)
                cell = row.cells[i] if i < len(row.cells) else Cell("")
                unit = [col.unit] if row is self.head[0] and col.unit else []
                words = " ".join([cell.text + (cell.mark or ""), *unit])
                if role == "TH" and scope == "Column" and not words.strip():  # the row labels' empty corner:
                    role, scope = "TD", None  # a header of nothing is no header (as HTML's empty <td>)
                attrs = {"Scope": scope} if scope else None
                # the cell's /Alt replaces its content for assistive technology; its text, and so what
                # is copied, stays as printed
                alt = cell.said + (cell.mark or "") if cell.said else None
                with (content(c, role, alt=alt, attrs=attrs, actual_text=words or None)
                      if tagger else nullcontext()):
                    if row.kind == "group" and i:
                        pass  # the label spans the table: its other cells stay empty
                    elif col.align == "decimal" and row.kind not in ("header", "group"):
                        self._draw_number(row, i, cell, x, w, top - PAD_Y - su.size)
                    else:
                        p = self._cell_para(row, i)
                        _, ph = p.wrap(self._room(i, row), h)
                        _RawParagraph.drawOn(p, c, x, top - PAD_Y - ph)
                x += w + su.gutter
        return top - h + self._space_above(row, first_body)

    def _role(self, row: Row, col: Column) -> tuple[str, str | None]:
        if row.kind == "header":
            return "TH", "Column"
        if col.row_header or (row.kind == "group" and col is self.data.columns[0]):
            return "TH", "Row"
        return "TD", None

    def _draw_number(self, row: Row, i: int, cell: Cell, x: float, w: float, base: float) -> None:
        """Whole parts end where the widest fraction of the column begins: separators line up."""
        c, su = self.canv, self.su
        font = su.font(row.kind)
        whole, frac, close = _parts(cell.text, self.data.decimal)
        sep_x = x + w - self.hang[i] - self.fracs[i]
        c.setFillColor(self.styles.colour("ink"))
        c.setFont(font, su.size)
        if whole == NO_VALUE_DASH and not frac:  # no value: the dash ends where the column's digits end
            c.drawRightString(sep_x + self.fracs[i], base, whole)
            end = sep_x + self.fracs[i]
            if cell.mark:
                c.drawString(end, base, cell.mark)
            return
        c.drawRightString(sep_x, base, whole)
        end = sep_x
        if frac:
            c.drawString(sep_x, base, frac)
            end += stringWidth(frac, font, su.size)
        if close:  # hangs beyond the digits, into the room kept for it: the digits stay aligned
            c.drawString(end, base, close)
            end += stringWidth(close, font, su.size)
        if cell.mark:  # hangs into the margin kept for marks: the numbers stay aligned
            c.drawString(end, base, cell.mark)

    def _rules(self, row: Row, top: float, first_body: bool) -> None:
        """A rule above a subtotal, a double rule above a total (so the grand total does not look like
        one more subtotal), a hairline between body rows; none above a group row (space sets it apart)
        nor under it."""
        c = self.canv
        if row.kind == "subtotal":
            c.setStrokeColor(self.styles.colour("ink"))
            c.setLineWidth(HAIRLINE)
            c.line(0, top, self.width, top)
        elif row.kind == "total":
            weight, apart = DOUBLE
            c.setStrokeColor(self.styles.colour("ink"))
            c.setLineWidth(weight)
            for y in (top - weight / 2, top - weight / 2 - apart):
                c.line(0, y, self.width, y)
        elif row.kind == "body" and not first_body:
            c.setStrokeColor(self.styles.colour("rule"))
            c.setLineWidth(HAIRLINE)
            c.line(0, top, self.width, top)
        elif row.kind == "header" and row is self.head[-1]:
            h = self._row_height(row)
            c.setStrokeColor(self.styles.colour("primary"))
            c.setLineWidth(RULE)
            c.line(0, top - h, self.width, top - h)


_RawParagraph = Paragraph.__mro__[1]  # reportlab's own drawOn: the cell is tagged as TH/TD, not P


def _cell_text(value: Any, col: Any, locale: Locale, block: Table) -> str:
    if value is None:
        return ""
    if value is NOT_MEANINGFUL:
        return locale.label("not_meaningful")
    if isinstance(value, str):
        return locale.typographic(value)
    return value.format(locale, col.decimals, sign=bool(col.change), brackets=block.brackets(col, value))


def _said(value: Any, col: Any, locale: Locale, text: str) -> str | None:
    """What a listener should hear where the printed text misleads. A negative amount in brackets
    is said with its minus, '−1,251': screen readers at their default punctuation level (NVDA, JAWS)
    speak no brackets, so '(1,251)' is heard as a positive amount, while a minus before a digit is
    spoken in any language ('minus') and reads as itself on a braille display. 'n/m' (de 'n. a.')
    is said in words: read out it is 'n slash m'."""
    if value is NOT_MEANINGFUL:
        return locale.label("not_meaningful_spoken")
    if isinstance(value, str) or not text.startswith("("):
        return None
    return value.format(locale, col.decimals, sign=bool(col.change))


def _cell(value: Any, col: Any, locale: Locale, block: Table, note: int | None) -> Cell:
    text = _cell_text(value, col, locale, block)
    return Cell(text, MARKS[note - 1] if note else None, _said(value, col, locale, text))


def _column_locale(block: Table, i: int, col: Any, locale: Locale) -> Locale:
    """The notation of one column's numbers: a four-digit number beside one of five digits or more is
    grouped as well (numbers: group_four_digits: false), so that the digits line up."""
    if locale.group_four_digits:
        return locale
    return locale.aligned(_cell_text(r.cells[i].value, col, locale, block) for r in block.table
                          if i < len(r.cells) and isinstance(r.cells[i].value, Number))


def table_data(block: Table, locale: Locale) -> TableData:
    """The model's table as plain, formatted data for the flowable."""
    columns = []
    types = {c.name: c.type for c in block.columns}
    for i, col in enumerate(block.columns):
        align = col.align or ("decimal" if col.numeric else "left")
        unit = col.unit or ("%" if col.type == "percent" else None)
        if unit is None and col.change and col.type == "number" and all(types.get(n) == "percent" for n in col.change):
            unit = locale.label("percentage_points")  # the difference of two percentages: 60,0 % → 61,4 % is +1,4
        if unit and re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", col.name):  # 'Change in %': said already
            unit = None
        columns.append(Column(locale.typographic(col.name), align, unit and locale.typographic(unit),
                              row_header=i == 0 and not col.numeric, width=col.width))
    notations = [_column_locale(block, i, col, locale) for i, col in enumerate(block.columns)]
    rows = [Row([_cell(c.value, col, loc, block, c.note) for c, col, loc in zip(r.cells, block.columns, notations,
                                                                                strict=True)], r.kind)
            for r in block.table]
    continued = f"{locale.typographic(block.title)} ({locale.label('continued')})" if block.title else ""
    return TableData(columns, rows, locale.decimal, block.alt, continued=continued, more=locale.label("continued"))


SPLIT_SHARE = 0.5  # a table shorter than a page splits where at least this share of its rows fits on the page


class KeptTable(KeepTogether):
    """Title, table, notes and source of a table shorter than a page, kept together as a chart is.
    Where they do not fit in the rest of the page but the title, the header and SPLIT_SHARE of the
    rows do, the table breaks there rather than move on and leave the page's foot empty (visual QA:
    a heading and a 12-row table moved on for 11 points, leaving 43 % of the page blank): after a
    group's subtotal where that keeps as many rows, else after the last row that fits; the rest goes
    on under its repeated header with the notes and source, which never stand alone. It breaks only
    where `DataTable.split_at` allows: never a table of KEEP_WHOLE rows or fewer, never leaving fewer
    than MIN_BODY_ROWS rows on either side."""

    def __init__(self, parts: list[Any]):
        super().__init__(parts)
        self.title, self.table, self.after = parts[0], parts[1], parts[2:]

    def _top(self, aw: float, ah: float) -> float:
        """The title and the space between it and the table."""
        return self.title.wrap(aw, ah)[1] + max(self.title.getSpaceAfter(), self.table.getSpaceBefore())

    def _breaks(self) -> list[int]:
        """Where the table may break: after at least SPLIT_SHARE of its body rows."""
        least = -(-len(self.table.body) * SPLIT_SHARE // 1)
        return [n for n in range(int(least), len(self.table.body)) if self.table.split_at(n)]

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """The least of it that starts a page under a heading: the title and the part a break keeps."""
        breaks = self._breaks()
        if not breaks:
            return sum(f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self._content)
        self.table.wrap(aw, ah)
        return self._top(aw, ah) + self.table.height_with(breaks[0])

    def split(self, aw: float, ah: float) -> list[Any]:
        frame = getattr(self, "_frame", None)
        self.wrap(aw, ah)  # (a KeepTogether answers "too high" to be asked to split; _H is its height)
        if frame is None or getattr(frame, "_atTop", False) or self._H <= ah:
            return super().split(aw, ah)
        room = ah - self._top(aw, ah)
        self.table.wrap(aw, ah)
        fitting = [n for n in self._breaks() if self.table.height_with(n) <= room]
        if not fitting:
            return super().split(aw, ah)  # on the next page, whole
        groups = [n for n in fitting if self.table.body[n - 1].kind == "subtotal" or self.table.body[n].kind == "group"]
        first, rest = self.table.parts(max(groups or fitting))
        return [self.title, first, KeepTogether([rest, *self.after])]


MIN_TABLE_PT = 7.0  # the smallest a wide table is set (its sources and notes are smaller still)
BROKEN_ROWS = 1 / 3  # a table with more of its rows on two lines or more is set smaller where fewer break


def _sizes(designed: float) -> list[float]:
    """The designed table size, then half points smaller down to MIN_TABLE_PT."""
    out = [designed]
    while out[-1] - 0.5 >= MIN_TABLE_PT - 0.001:
        out.append(round(out[-1] - 0.5, 2))
    return out


def layout(ctx: LayoutContext, block: Table) -> list[Any]:
    """Title, table, notes, caption and source, like a chart."""
    st, loc = ctx.styles, ctx.locale
    data = table_data(block, loc)
    designed = _Setup(st).size
    setting = None
    for size in _sizes(designed):  # a wide table is set smaller, down to MIN_TABLE_PT, before it is refused
        try:
            tried = set_table(replace(data, size=size if size != designed else 0.0, gutter=0.0), st, ctx.text_width)
        except TooWide as err:
            if size > MIN_TABLE_PT or setting:
                continue
            col = block.columns[err.column]
            unit = "Mio. € instead of Euro" if loc.language.startswith("de") else "£m instead of pounds"
            raise ReportError([Diagnostic(
                f"table '{block.title}' is {err.needed / MM:.0f} mm wide at {size:g} pt but the text column "
                f"has {err.available / MM:.0f} mm; its widest column is '{col.name}' "
                f"({err.widths[err.column] / MM:.0f} mm)",
                col.pos, f"use fewer columns, shorter headings or units (e.g. {unit}), or fewer decimals")]
            ) from None
        # one whose rows would break by the dozen is set smaller too, where that keeps them whole
        if broken_rows(tried[0], st, tried[1]) <= len(block.table) * BROKEN_ROWS:
            setting = tried
            break
        setting = setting or tried
    data, widths = setting
    # under the table as under a chart: caption, then the notes on its cells, then the source
    after = []
    if block.caption:
        after.append(Paragraph(rl_markup(block.caption, loc, refs=ctx.refs), st.para("caption")))
    for n, note in enumerate(block.notes, start=1):
        after.append(Paragraph(f"{MARKS[n - 1]}\u00a0{rl_markup(note.text, loc, refs=ctx.refs)}", st.para("source")))
    if block.rounding_note:
        after.append(Paragraph(rl_plain(block.rounding_note, loc), st.para("source")))
    if block.source:
        after.append(Paragraph(rl_plain(block.source, loc), st.para("source")))
    title = ctx.anchored(block, Paragraph(rl_plain(block.title, loc), st.para("h2")))
    table = DataTable(data, st, widths)
    parts = [title, table, Spacer(0, 2 * MM), *after]
    frame_h = text_frame_height(ctx.geometry, st.theme.page)
    if sum(f.wrap(ctx.text_width, frame_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in parts) <= frame_h:
        # kept together like a chart: moves on whole when the rest of the page is too short, unless
        # most of its rows fit there
        return [Spacer(0, 5 * MM), KeptTable(parts), Spacer(0, 4 * MM)]
    # longer than a page: it splits anyway, its header repeated, so it starts on this page where its
    # title, header and first rows fit (moved on whole it would leave this page nearly empty)
    return [Spacer(0, 5 * MM), HeadWith([title], table), *parts[2:], Spacer(0, 4 * MM)]
