"""Bulleted, numbered and plain lists: hanging indent from the theme (none for plain ones), one level
of nesting, tagged L / LI / Lbl / LBody (a nested list is an L inside its item's LBody; a plain item
has no Lbl). A list that does not fit the rest of a page splits there as running text does: between
items, or inside a long item between its lines, keeping MIN_LINES of it on each page (so a two- or
three-line item is never split, and a one-line item never stands alone at the foot or the head); the
parts stay one L in the tags, a split item one LI. A list may be set in balanced columns, down the
first one first; such a list (names) splits between items only, with HEAD_LINES rows at least on the
page where it starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from ..model import ListBlock
from ..tagging import Shared, content, shared_group
from .context import LayoutContext
from .flow import MIN_LINES as HEAD_LINES
from .styles import MM
from .text import Paragraph, rl_markup

BULLETS = ("•", "–")  # level 1, level 2
MIN_LINES = 2  # the fewest lines of a list split between pages on either page (widows and orphans)


@dataclass
class Item:
    label: str  # "" on the part of an item that goes on on the next page
    body: Paragraph | None  # None: the part of an item that goes on with its nested items only
    children: list[Item] = field(default_factory=list)
    height: float = 0.0  # body and children, after wrap
    tags: Shared = field(default_factory=Shared)  # its LI, LBody and nested L, shared by its parts

    def lines(self) -> int:
        own = len(self.body.blPara.lines) if self.body is not None else 0
        return own + sum(child.lines() for child in self.children)


class ListFlowable(Flowable):
    """The items of one list. `x` is where the labels start (the text column, or the frame's edge for
    a list in columns); `columns` > 1 sets the items in that many columns `column_gap` apart,
    balanced, each item whole in one column."""

    def __init__(self, items: list[Item], x: float, indent: float, label_font: tuple[str, float],
                 label_colour: Any, gap: float, columns: int = 1, column_gap: float = 0.0,
                 nested_indent: float | None = None, tags: Shared | None = None):
        super().__init__()
        self.items, self.x, self.indent = items, x, indent
        self.label_font, self.label_colour, self.gap = label_font, label_colour, gap
        self.columns, self.column_gap = columns, column_gap
        self.nested_indent = indent if nested_indent is None else nested_indent
        self.tags = tags or Shared()  # its L, shared by its parts on two pages
        self.runs: list[list[Item]] = [items]  # the items of each column, after wrap

    def _column_width(self, aw: float) -> float:
        return (aw - self.x - self.column_gap * (self.columns - 1)) / self.columns

    def _wrap_item(self, item: Item, width: float, ah: float, indent: float) -> float:
        heights = [item.body.wrap(width - indent, ah)[1]] if item.body is not None else []
        heights += [self._wrap_item(child, width - indent, ah, self.nested_indent) for child in item.children]
        item.height = heights[0] if heights else 0.0
        for h in heights[1:]:
            item.height += self.gap + h
        return item.height

    def _run_height(self, items: list[Item]) -> float:
        return sum(item.height for item in items) + self.gap * (len(items) - 1) if items else 0.0

    def lines(self) -> int:
        """Its lines of text, after wrap."""
        return sum(item.lines() for item in self.items)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        for item in self.items:
            self._wrap_item(item, self._column_width(aw), ah, self.indent)
        self.runs = _balanced(self.items, self.columns, self.gap)
        self.height = max(self._run_height(run) for run in self.runs)
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading (see layout.flow): the first item of a list in columns; of a list in one
        column, the least of it a split keeps on the page that holds HEAD_LINES lines (as of a
        paragraph), else all of it."""
        self.wrap(aw, ah)
        if self.columns > 1:  # HEAD_LINES rows, the least of it a split keeps on a page (or all of it)
            first = self.items[:HEAD_LINES]
            return min(self.height, sum(item.height for item in first) + self.gap * (len(first) - 1))
        leading = _leading(self.items)
        room = HEAD_LINES * leading
        while room < self.height:
            parts = self.split(aw, room)
            if parts and parts[0].lines() >= HEAD_LINES:
                return parts[0].wrap(aw, room)[1]
            room += leading
        return self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        if self.columns > 1:
            return self._split_columns(ah)
        room = ah
        while room > 0:
            cut = _cut(self.items, self._column_width(aw), room, self.indent, self.nested_indent, self.gap)
            if cut is None or not cut[0] or not cut[1]:
                return []
            head, tail = self._with(cut[0], first=True), self._with(cut[1], last=True)
            head.wrap(aw, ah)
            tail.wrap(aw, ah)
            if head.lines() < MIN_LINES:
                return []
            if tail.lines() >= MIN_LINES:
                return [head, tail]
            room = head.height - 0.5  # a line or an item less on this page, so that more goes on
        return []

    def _split_columns(self, ah: float) -> list[Any]:
        """As many items as fill the columns in the height left, down the first column first; none
        where that is fewer than HEAD_LINES rows (a heading and one row of names at a page's foot, the
        rest of a short list overleaf): it moves on whole."""
        fit, column, used, rows = 0, 0, 0.0, 0
        for item in self.items:
            if used + item.height > ah:
                column, used = column + 1, 0.0
                if column == self.columns or item.height > ah:
                    break
            used += item.height + self.gap
            fit += 1
            rows += column == 0
        if fit == 0 or fit == len(self.items) or rows < HEAD_LINES:
            return []
        return [self._with(self.items[:fit], first=True), self._with(self.items[fit:], last=True)]

    def _with(self, items: list[Item], first: bool = False, last: bool = False) -> ListFlowable:
        """A part of the list: the first keeps the space above the list, the last the space under it."""
        part = ListFlowable(items, self.x, self.indent, self.label_font, self.label_colour, self.gap,
                            self.columns, self.column_gap, self.nested_indent, self.tags)
        part.spaceBefore = self.getSpaceBefore() if first else 0
        part.spaceAfter = self.getSpaceAfter() if last else 0
        return part

    def draw(self) -> None:
        width = self._column_width(self.width)
        with shared_group(self.canv, self.tags, "L"):
            for n, run in enumerate(self.runs):
                self._draw_items(run, self.x + n * (width + self.column_gap), self.height, self.indent)

    def _draw_items(self, items: list[Item], x: float, top: float, indent: float) -> float:
        c = self.canv
        for item in items:
            with shared_group(c, item.tags, "LI"):
                if item.label and item.body is not None:
                    first_base = top - item.body.style.fontSize  # where reportlab sets the first baseline
                    with content(c, "Lbl"):
                        c.setFont(*self.label_font)
                        c.setFillColor(self.label_colour)
                        c.drawRightString(x + indent - 1.6 * MM, first_base, item.label)
                with shared_group(c, item.tags, "LBody"):
                    below = start = top
                    if item.body is not None:
                        below = top - item.body.height
                        item.body.drawOn(c, x + indent, below)
                        start = below - self.gap
                    if item.children:
                        with shared_group(c, item.tags, "L"):
                            below = self._draw_items(item.children, x + indent, start, self.nested_indent)
            top = below - self.gap
        return top + self.gap


def _leading(items: list[Item]) -> float:
    """The leading of the first item's text (of its first nested item, where it goes on with those)."""
    first = items[0]
    return first.body.style.leading if first.body is not None else _leading(first.children)


def _cut(items: list[Item], width: float, room: float, indent: float, nested_indent: float,
         gap: float) -> tuple[list[Item], list[Item]] | None:
    """The wrapped `items` that fit in `room` (the first lines of one that does not, where it splits)
    and the rest; None where all fit."""
    used = 0.0
    for k, item in enumerate(items):
        if used + item.height <= room:
            used += item.height + gap
            continue
        inside = _cut_item(item, width, room - used, indent, nested_indent, gap)
        if inside is not None:
            return [*items[:k], inside[0]], [inside[1], *items[k + 1:]]
        return items[:k], items[k:]
    return None


def _cut_item(item: Item, width: float, room: float, indent: float, nested_indent: float,
              gap: float) -> tuple[Item, Item] | None:
    """An item's first lines that fit in `room` and the rest, the same item on two pages (its tags
    shared, its label on the first part only); None where nothing of it fits or it does not split
    (its paragraph keeps two lines on either side)."""
    if room <= 0:
        return None
    if item.body is not None and item.body.height > room:
        parts = item.body.split(width - indent, room)
        if len(parts) != 2:
            return None
        return Item(item.label, parts[0], [], tags=item.tags), Item("", parts[1], item.children, tags=item.tags)
    below = room - (item.body.height + gap if item.body is not None else 0.0)
    cut = _cut(item.children, width - indent, below, nested_indent, nested_indent, gap)
    if cut is None or (item.body is None and not cut[0]):
        return None
    return Item(item.label, item.body, cut[0], tags=item.tags), Item("", None, cut[1], tags=item.tags)


def _balanced(items: list[Item], columns: int, gap: float) -> list[list[Item]]:
    """`items` in order in at most `columns` runs whose tallest is as low as it can be (the items are
    wrapped: their heights are known). Found by bisecting the height a greedy fill needs."""
    if columns == 1 or len(items) < 2:
        return [items]

    def fill(limit: float) -> list[list[Item]]:
        runs: list[list[Item]] = [[]]
        used = 0.0
        for item in items:
            need = item.height + (gap if runs[-1] else 0.0)
            if runs[-1] and used + need > limit:
                runs.append([])
                used, need = 0.0, item.height
            runs[-1].append(item)
            used += need
        return runs

    low = max(max(item.height for item in items), sum(item.height for item in items) / columns)
    high = sum(item.height for item in items) + gap * len(items)
    for _ in range(40):
        mid = (low + high) / 2
        if len(fill(mid)) <= columns:
            high = mid
        else:
            low = mid
    return fill(high)


def _columns(asked: int, width: float, gap: float) -> int:
    """A list's columns: as many as it asks for, but four only where each is MIN_FOURTH_MM wide (A4
    landscape, 16:9); else three."""
    return 3 if asked == 4 and (width - 3 * gap) / 4 < MIN_FOURTH_MM * MM else asked


MIN_FOURTH_MM = 45  # as a grid's cell (model.blocks.GRID_MIN_CELL_MM): a name of about 28 characters a line


def layout(ctx: LayoutContext, block: ListBlock, x: float = 0.0) -> list[Any]:
    """`x`: where the labels start. A list in columns is a wide block, as a table is: the section
    gives it x = 0, the frame's left edge, and its columns share the frame's width (layout.section).
    Its items, names mostly, break between words: only a word wider than its column is hyphenated."""
    st = ctx.styles
    numbered, plain = block.style == "number", block.style == "none"
    size = st.theme.sizes.body
    # a plain item that wraps goes on indented by an em, so that where an item begins stays clear
    over: dict[str, Any] = {"leftIndent": size, "firstLineIndent": -size} if plain else {}
    if block.columns > 1:  # 'Landes-|bibliothek', 'Chem-|nitz' in a name: as foreword's signatories
        over.update(hyphenationLang="", overlongHyphenation=st.hyphenate)
    body = st.para("body", alignment=TA_LEFT, spaceAfter=0, **over)

    def label(i: int, level: int) -> str:
        if plain:
            return ""
        return f"{i}." if numbered and level == 0 else (f"{chr(ord('a') + i - 1)})" if numbered else BULLETS[level])

    items = [Item(label(i, 0), Paragraph(rl_markup(it.text, ctx.locale, refs=ctx.refs), body),
                  [Item(label(j, 1), Paragraph(rl_markup(sub, ctx.locale, refs=ctx.refs), body))
                   for j, sub in enumerate(it.items, start=1)])
             for i, it in enumerate(block.items, start=1)]
    indent = st.theme.text.list_indent * MM
    if numbered and len(block.items) >= 10:
        indent += 1.5 * MM  # two-digit numbers
    gap = st.theme.text.column_gap * MM
    lst = ListFlowable(items, x, 0.0 if plain else indent,
                       (st.font["bold"] if not numbered else st.font["regular"], size),
                       # a bullet is decoration, in the brand's accent; a number is text, read as text is
                       st.colour("accent") if not numbered else st.text_colour("ink", size, st.font["regular"]),
                       st.theme.sizes.leading * 0.25,
                       _columns(block.columns, ctx.text_width - x, gap), gap, indent)
    lst.spaceAfter = st.theme.sizes.leading * 0.6
    return [lst]
