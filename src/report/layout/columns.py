"""Two text columns for a section with `columns: 2`: the frame's width in two columns with the
theme's gap, balanced at the end of each run of text (reportlab's BalancedColumns), so the last
page of a run does not leave one full and one empty column."""

from __future__ import annotations

from typing import Any

from reportlab.platypus.flowables import BalancedColumns

from .context import LayoutContext
from .flow import glue_heads, start_height
from .styles import MM


class Columns(BalancedColumns):
    def __init__(self, flowables: list[Any], gap: float, **kw: Any):
        super().__init__(flowables, nCols=2, innerPadding=gap, **kw)
        self.gap = gap

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, the start of the first column must fit (see layout.flow)."""
        return start_height(self._content[0], (aw - self.gap) / 2, ah, canv)


def balanced(ctx: LayoutContext, flowables: list[Any]) -> list[Any]:
    if not flowables:
        return []
    gap = ctx.styles.theme.text.column_gap * MM
    return [Columns(glue_heads(flowables), gap, leftPadding=0, rightPadding=0, topPadding=0,
                            bottomPadding=0, spaceBefore=ctx.styles.theme.sizes.leading * 0.3,
                            spaceAfter=ctx.styles.theme.sizes.leading * 0.6)]
