"""Bulleted, numbered and plain lists: hanging indent from the theme (none for plain ones), one level
of nesting, tagged L / LI / Lbl / LBody (a nested list is an L inside its item's LBody; a plain item
has no Lbl); splits between items. A list may be set in balanced columns, down the first one first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from ..model import ListBlock
from ..tagging import content, group
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_markup

BULLETS = ("•", "–")  # level 1, level 2


@dataclass
class Item:
    label: str
    body: Paragraph
    children: list[Item] = field(default_factory=list)
    height: float = 0.0  # body and children, after wrap


class ListFlowable(Flowable):
    """The items of one list. `x` is where the labels start (the text column, or the frame's edge for
    a list in columns); `columns` > 1 sets the items in that many columns `column_gap` apart,
    balanced, each item whole in one column."""

    def __init__(self, items: list[Item], x: float, indent: float, label_font: tuple[str, float],
                 label_colour: Any, gap: float, columns: int = 1, column_gap: float = 0.0,
                 nested_indent: float | None = None):
        super().__init__()
        self.items, self.x, self.indent = items, x, indent
        self.label_font, self.label_colour, self.gap = label_font, label_colour, gap
        self.columns, self.column_gap = columns, column_gap
        self.nested_indent = indent if nested_indent is None else nested_indent
        self.runs: list[list[Item]] = [items]  # the items of each column, after wrap

    def _column_width(self, aw: float) -> float:
        return (aw - self.x - self.column_gap * (self.columns - 1)) / self.columns

    def _wrap_item(self, item: Item, width: float, ah: float, indent: float) -> float:
        _, h = item.body.wrap(width - indent, ah)
        item.height = h
        for child in item.children:
            item.height += self.gap + self._wrap_item(child, width - indent, ah, self.nested_indent)
        return item.height

    def _run_height(self, items: list[Item]) -> float:
        return sum(item.height for item in items) + self.gap * (len(items) - 1) if items else 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        for item in self.items:
            self._wrap_item(item, self._column_width(aw), ah, self.indent)
        self.runs = _balanced(self.items, self.columns, self.gap)
        self.height = max(self._run_height(run) for run in self.runs)
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, at least the first item must fit (see layout.flow)."""
        self.wrap(aw, ah)
        return self.items[0].height

    def split(self, aw: float, ah: float) -> list[Any]:
        """As many items as fill the columns in the height left, down the first column first."""
        self.wrap(aw, ah)
        fit, column, used = 0, 0, 0.0
        for item in self.items:
            if used + item.height > ah:
                column, used = column + 1, 0.0
                if column == self.columns or item.height > ah:
                    break
            used += item.height + self.gap
            fit += 1
        if fit == 0 or fit == len(self.items):
            return []
        return [self._with(self.items[:fit]), self._with(self.items[fit:])]

    def _with(self, items: list[Item]) -> ListFlowable:
        return ListFlowable(items, self.x, self.indent, self.label_font, self.label_colour, self.gap,
                            self.columns, self.column_gap, self.nested_indent)

    def draw(self) -> None:
        width = self._column_width(self.width)
        with group(self.canv, "L"):
            for n, run in enumerate(self.runs):
                self._draw_items(run, self.x + n * (width + self.column_gap), self.height, self.indent)

    def _draw_items(self, items: list[Item], x: float, top: float, indent: float) -> float:
        c = self.canv
        for item in items:
            with group(c, "LI"):
                if item.label:
                    first_base = top - item.body.style.fontSize  # where reportlab sets the first baseline
                    with content(c, "Lbl"):
                        c.setFont(*self.label_font)
                        c.setFillColor(self.label_colour)
                        c.drawRightString(x + indent - 1.6 * MM, first_base, item.label)
                with group(c, "LBody"):
                    body_h = item.body.height
                    item.body.drawOn(c, x + indent, top - body_h)
                    below = top - body_h
                    if item.children:
                        with group(c, "L"):
                            below = self._draw_items(item.children, x + indent, below - self.gap,
                                                     self.nested_indent)
            top = below - self.gap
        return top + self.gap


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
    lst = ListFlowable(items, x, 0.0 if plain else indent,
                       (st.font["bold"] if not numbered else st.font["regular"], size),
                       st.colour("accent") if not numbered else st.colour("ink"), st.theme.sizes.leading * 0.25,
                       block.columns, st.theme.text.column_gap * MM, indent)
    lst.spaceAfter = st.theme.sizes.leading * 0.6
    return [lst]
