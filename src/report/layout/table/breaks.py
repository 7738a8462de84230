"""Where a table breaks across pages: between rows, never leaving a total or a subtotal apart from
the rows it sums, a group's label apart from its rows, or a handful of rows alone on a page; the
rows that go on inside a group go on under its label again. A table shorter than a page is kept
together with its title, notes and source (`KeptTable`) unless most of it fits at a page's foot."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from reportlab.platypus import KeepTogether

from .data import Cell, Row

MIN_BODY_ROWS = 3  # rows of figures (not group labels) kept together at a page break, on either side
KEEP_WHOLE = 6  # a table of no more rows of figures than this never splits: it moves on whole
# a table shorter than a page splits where at least this share of its rows fits on the page: a break that
# leaves less reads as two tables (visual QA: a balance sheet's Passiva split 6 + 5, its rest alone on a page)
SPLIT_SHARE = Fraction(2, 3)
# … or half of them, where at least this many rows go on: a long listing (40 projects) reads as one table over
# two pages (a Geneva NGO's 40-row list moved on whole for 25 of its rows, leaving 62 % of the page blank)
LONG_REST = 10


def _figures(rows: list[Row]) -> int:
    """The rows of figures among `rows` (body rows, subtotals, totals): a group's label, or one
    repeated on a later page, is a heading, not a row a break may leave alone."""
    return sum(r.kind != "group" for r in rows)


def may_break(body: list[Row], n: int) -> bool:
    """Whether a table may break after the first `n` of its `body` rows: totals and subtotals stay
    with the rows they sum, a group row with the rows under it, neither part keeps fewer than
    MIN_BODY_ROWS rows of figures (visual QA: an income statement split before its last two lines,
    'Income tax expense' and 'Net income' alone under '(continued)'), and a table of KEEP_WHOLE rows
    or fewer does not break at all."""
    if not 0 < n < len(body) or _figures(body) <= KEEP_WHOLE:
        return False
    return (_figures(body[:n]) >= MIN_BODY_ROWS and _figures(body[n:]) >= MIN_BODY_ROWS
            and body[n].kind not in ("total", "subtotal") and body[n - 1].kind != "group")


def rest(body: list[Row], n: int, more: str) -> list[Row]:
    """The body rows after the first `n`, and, where they go on inside a group, its label again
    above them ('East (continued)', `more` being the locale's word): the rows keep their context."""
    rows = body[n:]
    group = _open_group(body, n)
    if group is not None and rows[0].kind != "group":
        label = group.cells[0]
        said = f"{label.text} ({more})" if more else label.text
        rows = [Row([Cell(said), *group.cells[1:]], "group", repeated=True), *rows]
    return rows


def _open_group(body: list[Row], n: int) -> Row | None:
    """The group row whose rows go on after the first `n` (none after its subtotal or a total)."""
    for row in reversed(body[:n]):
        if row.kind in ("subtotal", "total"):
            return None
        if row.kind == "group":
            return row
    return None


def stacked(flowables: list[Any], aw: float, ah: float) -> float:
    """The height of `flowables` one under the other, each with its space before and after."""
    return sum(f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


class KeptTable(KeepTogether):
    """Title, table, notes and source of a table shorter than a page, kept together as a chart is.
    Where they do not fit in the rest of the page but the title, the header and SPLIT_SHARE of the
    rows do, the table breaks there rather than move on and leave the page's foot empty (visual QA:
    a heading and a 12-row table moved on for 11 points, leaving 43 % of the page blank): after a
    group's subtotal where that keeps as many rows, else after the last row that fits; the rest goes
    on under its repeated header with the notes and source, which never stand alone. It breaks only
    where `may_break` allows: never a table of KEEP_WHOLE rows or fewer, never leaving fewer
    than MIN_BODY_ROWS rows on either side."""

    def __init__(self, parts: list[Any], whole: bool = False):
        super().__init__(parts)
        self.title, self.table, self.after = parts[0], parts[1], parts[2:]
        self.whole = whole  # never broken where it does not fit: moves on whole (`place: here`)

    def take_notes(self, flowables: list[Any]) -> None:
        """A note or the section's footnotes after it join it (layout.notes.with_notes): they go on with
        the table's notes and source."""
        self._content = [*self._content, *flowables]
        self.after = [*self.after, *flowables]

    def never_breaks(self) -> bool:
        """It moves on whole where it does not fit (`place: here`, or no row it may break after)."""
        return not self._breaks()

    def _top(self, aw: float, ah: float) -> float:
        """The title and the space between it and the table."""
        return self.title.wrap(aw, ah)[1] + max(self.title.getSpaceAfter(), self.table.getSpaceBefore())

    def _breaks(self) -> list[int]:
        """Where the table may break: after at least SPLIT_SHARE of its body rows, or half of them where
        LONG_REST or more go on (nowhere if whole)."""
        if self.whole:
            return []
        rows = len(self.table.body)
        share, half = int(-(-rows * SPLIT_SHARE // 1)), -(-rows // 2)
        return [n for n in range(half, rows) if (n >= share or rows - n >= LONG_REST)
                and may_break(self.table.body, n)]

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """The least of it that starts a page under a heading: the title, with the space the frame sets
        above it, and the part a break keeps."""
        breaks = self._breaks()
        if not breaks:
            return stacked(self._content, aw, ah)
        self.table.wrap(aw, ah)
        return self.title.getSpaceBefore() + self._top(aw, ah) + self.table.height_with(breaks[0])

    def breaks_in(self, aw: float, ah: float) -> bool:
        """Whether its title, header and first rows stand in `ah` at a page's foot, where it breaks
        (as `split` breaks it there): if not, it moves on whole (layout.floats asks, to let the text
        after it fill the page)."""
        self.table.wrap(aw, ah)
        room = ah - self._top(aw, ah)
        return any(self.table.height_with(n) <= room for n in self._breaks())

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
        first, later = self.table.parts(max(groups or fitting))
        return [self.title, first, KeepTogether([later, *self.after])]

