"""Two text columns for a section with `columns: 2`: the frame's width in two columns with the
theme's gap, balanced at the end of each run of text (reportlab's BalancedColumns), so the last
page of a run does not leave one full and one empty column."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak
from reportlab.platypus.flowables import BalancedColumns, cdeepcopy

from .context import LayoutContext
from .flow import glue_heads, split_on, start_height, wrap_on
from .styles import MM


class Columns(BalancedColumns):
    """`after`: what must share the columns' last page (the section's footnotes, set under them over
    the full width): where the columns would end too low for it, they end higher on this page and
    their last lines go on with it to the next."""

    def __init__(self, flowables: list[Any], gap: float, after: list[Any] | None = None, **kw: Any):
        super().__init__(flowables, nCols=2, innerPadding=gap, **kw)
        self.gap, self.after, self.kw = gap, after or [], kw

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, the start of the first column must fit (see layout.flow), and the room
        reportlab's columns need to start at all: with less than `needed` left after their space
        before (which its check counts once more), they start on the next page."""
        first = start_height(self._content[0], (aw - self.gap) / 2, ah, canv)
        return max(first, 2 * self.spaceBefore + self._needed + 1)  # 1: reportlab's frame arithmetic rounds

    def _after_height(self, aw: float, ah: float) -> float:
        """The height of `after` under the columns, with the spaces a frame puts between them."""
        total, above = 0.0, self.getSpaceAfter()
        for f in self.after:
            total += max(above, f.getSpaceBefore()) + f.wrapOn(self.canv, aw, ah)[1]
            above = f.getSpaceAfter()
        return total + 1  # reportlab's frame arithmetic rounds

    def _first_fits(self, aw: float, ah: float) -> bool:
        """Whether the first block fits in a column of the room left, or a part of it does: an image
        in a column or a short quote that does not would leave the columns empty (reportlab raises)."""
        first, width, canv = self._content[0], (aw - self.gap) / 2, getattr(self, "canv", None)
        if wrap_on(first, canv, width, ah)[1] <= ah:
            return True
        return bool(split_on(cdeepcopy(first), canv, width, ah))

    def _generated_content(self, aw: float, ah: float) -> tuple[float, list[Any]]:
        if not self._frame._atTop and not self._first_fits(aw, ah):
            return 0, [PageBreak(), self]  # all of it on the next page
        fh, content = super()._generated_content(aw, ah)
        need = self._after_height(aw, ah) if self.after else 0.0
        if need and not _continues(content) and fh + need > ah:
            room = ah - need
            frame = self._frame
            if room < self.spaceBefore + self._needed:
                if not frame._atTop:
                    return 0, [PageBreak(), self]  # all of it on the next page, with what comes after
            else:
                frame._y1 += need  # reportlab places the columns from the frame's foot up
                try:
                    fh, content = super()._generated_content(aw, room)
                finally:
                    frame._y1 -= need
                if _continues(content):  # the rest and `after` on the next page, not in the room kept
                    content.insert(len(content) - 1, PageBreak())
        if _continues(content):
            content[-1] = Columns(content[-1]._content, self.gap, self.after, **self.kw)
        return fh, content


def _continues(content: list[Any]) -> bool:
    """Whether reportlab's columns go on (their last part a new BalancedColumns)."""
    return bool(content) and isinstance(content[-1], BalancedColumns)


def column_width(ctx: LayoutContext) -> float:
    """The width of one of the two columns: what a block set in a column has."""
    return (ctx.text_width - ctx.styles.theme.text.column_gap * MM) / 2


def balanced(ctx: LayoutContext, flowables: list[Any]) -> list[Any]:
    if not flowables:
        return []
    gap = ctx.styles.theme.text.column_gap * MM
    return [Columns(glue_heads(flowables), gap, leftPadding=0, rightPadding=0, topPadding=0,
                            bottomPadding=0, spaceBefore=ctx.styles.theme.sizes.leading * 0.3,
                            spaceAfter=ctx.styles.theme.sizes.leading * 0.6)]
