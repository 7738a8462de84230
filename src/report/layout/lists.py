"""Bulleted and numbered lists: hanging indent from the theme, one level of nesting, tagged
L / LI / Lbl / LBody (a nested list is an L inside its item's LBody); splits between items."""

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
    """The items of one list. `x` is where the labels start (the text column)."""

    def __init__(self, items: list[Item], x: float, indent: float, label_font: tuple[str, float],
                 label_colour: Any, gap: float):
        super().__init__()
        self.items, self.x, self.indent = items, x, indent
        self.label_font, self.label_colour, self.gap = label_font, label_colour, gap

    def _wrap_item(self, item: Item, width: float, ah: float) -> float:
        _, h = item.body.wrap(width - self.indent, ah)
        item.height = h
        for child in item.children:
            item.height += self.gap + self._wrap_item(child, width - self.indent, ah)
        return item.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        heights = [self._wrap_item(item, aw - self.x, ah) for item in self.items]
        self.height = sum(heights) + self.gap * (len(heights) - 1)
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, at least the first item must fit (see layout.flow)."""
        self.wrap(aw, ah)
        return self.items[0].height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        used, fit = 0.0, 0
        for item in self.items:
            if used + item.height > ah:
                break
            used += item.height + self.gap
            fit += 1
        if fit == 0 or fit == len(self.items):
            return []
        return [self._with(self.items[:fit]), self._with(self.items[fit:])]

    def _with(self, items: list[Item]) -> ListFlowable:
        return ListFlowable(items, self.x, self.indent, self.label_font, self.label_colour, self.gap)

    def draw(self) -> None:
        with group(self.canv, "L"):
            self._draw_items(self.items, self.x, self.height)

    def _draw_items(self, items: list[Item], x: float, top: float) -> float:
        c = self.canv
        for item in items:
            with group(c, "LI"):
                first_base = top - item.body.style.fontSize  # where reportlab sets the first baseline
                with content(c, "Lbl"):
                    c.setFont(*self.label_font)
                    c.setFillColor(self.label_colour)
                    c.drawRightString(x + self.indent - 1.6 * MM, first_base, item.label)
                with group(c, "LBody"):
                    body_h = item.body.height
                    item.body.drawOn(c, x + self.indent, top - body_h)
                    below = top - body_h
                    if item.children:
                        with group(c, "L"):
                            below = self._draw_items(item.children, x + self.indent, below - self.gap)
            top = below - self.gap
        return top + self.gap


def layout(ctx: LayoutContext, block: ListBlock, x: float = 0.0) -> list[Any]:
    st = ctx.styles
    body = st.para("body", alignment=TA_LEFT, spaceAfter=0)
    numbered = block.style == "number"

    def label(i: int, level: int) -> str:
        return f"{i}." if numbered and level == 0 else (f"{chr(ord('a') + i - 1)})" if numbered else BULLETS[level])

    items = [Item(label(i, 0), Paragraph(rl_markup(it.text, ctx.locale), body),
                  [Item(label(j, 1), Paragraph(rl_markup(sub, ctx.locale), body))
                   for j, sub in enumerate(it.items, start=1)])
             for i, it in enumerate(block.items, start=1)]
    indent = st.theme.text.list_indent * MM
    if numbered and len(block.items) >= 10:
        indent += 1.5 * MM  # two-digit numbers
    lst = ListFlowable(items, x, indent, (st.font["bold"] if not numbered else st.font["regular"], st.theme.sizes.body),
                       st.colour("accent") if not numbered else st.colour("ink"), st.theme.sizes.leading * 0.25)
    lst.spaceAfter = st.theme.sizes.leading * 0.6
    return [lst]
