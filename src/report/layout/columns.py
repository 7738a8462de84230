"""Two text columns for a section with `columns: 2`: the frame's width in two columns with the
theme's gap (on a wide page the text column's, beside the margin column: layout.measure), balanced at
the end of each run of text (reportlab's BalancedColumns), so the last page of a run does not leave
one full and one empty column."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Paragraph
from reportlab.platypus.flowables import BalancedColumns, KeepInFrame, cdeepcopy

from .context import LayoutContext
from .flow import HeadWith, glue_heads, split_on, start_height, wrap_on
from .measure import column_width as _column_width
from .measure import columns_box
from .styles import MM

NEEDED = 72 - 1e-6  # reportlab's `needed` (an inch, less its fuzz): the room columns need to start on a page


class Columns(BalancedColumns):
    """`after`: what must share the columns' last page (the section's footnotes, set under them over
    the full width): where the columns would end too low for it, they end higher on this page and
    their last lines go on with it to the next."""

    keep = 0.0  # the height of text each column keeps on the last page (the section's end: layout.pagefill)
    line = 0.0  # a line of body text
    then: Any = None  # a spanning figure and the columns after it, which these set where they end (layout.floats)

    def __init__(self, flowables: list[Any], gap: float, after: list[Any] | None = None,
                 box: tuple[float, float] | None = None, **kw: Any):
        """`box`: (left edge from the frame's, width) of both columns, where they do not fill the frame."""
        super().__init__(flowables, nCols=2, innerPadding=gap, **kw)
        self.gap, self.after, self.box, self.kw = gap, after or [], box, kw

    def _width(self, aw: float) -> float:
        """The width of both columns in a frame `aw` wide."""
        return aw if self.box is None else min(self.box[1], aw - self.box[0])

    def _set_needed(self, aw: float) -> None:
        """The room the columns need to start on a page: reportlab's inch (a start of about five lines), or
        all of them where they are shorter — a section's last two lines after a chart fit under it (a
        US report's tail went to a page of its own, 94 % empty, with 20 mm free under the chart)."""
        canv = getattr(self, "canv", None)
        if canv is None:
            return
        whole = self._findSplit(canv, (self._width(aw) - self.gap) / 2, 2 * NEEDED + 1, content=list(self._content),
                                paraFix=False)[1]
        self._needed = min(NEEDED, whole / 2 + self.line / 2)  # (an odd line: one more in the first column)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._set_needed(aw)
        return super().wrap(aw, ah)

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, the start of the first column must fit (see layout.flow), and the room
        reportlab's columns need to start at all: with less than `needed` left after their space
        before (which its check counts once more), they start on the next page."""
        first = start_height(self._content[0], (self._width(aw) - self.gap) / 2, ah, canv)
        if canv is not None and getattr(self, "canv", None) is None:
            self.canv = canv
        self._set_needed(aw)
        return max(first, 2 * self.spaceBefore + self._needed + 1)  # 1: reportlab's frame arithmetic rounds

    def _after_height(self, aw: float, ah: float) -> float:
        """The height of `after` under the columns, with the spaces a frame puts between them (over the
        frame's width, where the columns stand in a box)."""
        aw = getattr(self, "_frame_width", aw)
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
        """reportlab's columns fill the frame's width from its left edge: in a box, the frame is
        moved to the box's left edge while they are made (the columns' frames are their own)."""
        if self.box is None:
            return self._columns(aw, ah)
        frame = self._frame
        frame._x1 += self.box[0]
        self._frame_width = aw
        try:
            return self._columns(self._width(aw), ah)
        finally:
            frame._x1 -= self.box[0]

    def _columns(self, aw: float, ah: float) -> tuple[float, list[Any]]:
        if not self._frame._atTop and not self._first_fits(aw, ah):
            return 0, [PageBreak(), self]  # all of it on the next page
        fh, content = _heads_on_top(*super()._generated_content(aw, ah))
        need = self._after_height(aw, ah) if self.after else 0.0
        lift = 0.0  # the columns end this much higher on this page
        if need and not _continues(content) and fh + need > ah:
            if ah - need < self.spaceBefore + self._needed:
                if not self._frame._atTop:
                    return 0, [PageBreak(), self]  # all of it on the next page, with what comes after
            else:
                lift = need
                fh, content = self._lifted(aw, ah, lift)
        if self.keep and _continues(content):  # the last page holds `keep` in each column, if this one keeps as much
            short = self.keep - self._stacked(content[-1]._content, aw) / 2
            if short > 0 and ah - lift - short >= max(self.keep, self.spaceBefore + self._needed):
                lifted = self._lifted(aw, ah, lift + short)
                # only where lines go over: a box, a quote or an image that moves on whole with them would
                # leave this page's columns ending short and the next holding more than it must (an A4
                # review's box and paragraph on a page of their own, 24 and 34 mm free in the columns
                # before); the last page holds fewer lines then, and the section-end warning says how many
                if not _takes_whole(content[-1]._content, lifted[1][-1]._content if _continues(lifted[1]) else []):
                    lift += short
                    fh, content = lifted
        if lift and _continues(content):  # the rest (and `after`) on the next page, not in the room kept
            content.insert(len(content) - 1, PageBreak())
        if _continues(content):
            rest = Columns(content[-1]._content, self.gap, self.after, self.box, **self.kw)
            rest.keep, rest.line, rest.then = self.keep, self.line, self.then
            content[-1] = rest
        elif self.then is not None:
            fh, content = self.then.place(self, aw, ah, fh, content)
        return fh, content

    def _lifted(self, aw: float, ah: float, lift: float) -> tuple[float, list[Any]]:
        """The columns set `lift` higher than the foot of the room left."""
        frame = self._frame
        frame._y1 += lift  # reportlab places the columns from the frame's foot up
        try:
            return _heads_on_top(*super()._generated_content(aw, ah - lift))
        finally:
            frame._y1 -= lift

    def _stacked(self, flowables: list[Any], aw: float) -> float:
        """The height of `flowables` in one column: twice what they take balanced in two."""
        return self._findSplit(self.canv, (aw - self.gap) / 2, 1e9, content=list(flowables), paraFix=False)[1]


def _heads_on_top(fh: float, content: list[Any]) -> tuple[float, list[Any]]:
    """reportlab's columns with heads at a column's top set there (HeadWith.at_top): a question that
    opens the right column stands beside the left column's first line, not lower."""
    for f in content:
        inner = getattr(f, "_content", None) if isinstance(f, KeepInFrame) else None
        if inner and isinstance(inner[0], HeadWith) and inner[0].grid:
            f._content = [inner[0].at_top(), *inner[1:]]
    return fh, content


def _takes_whole(rest: list[Any], more: list[Any]) -> bool:
    """Whether `more`, what goes on to the next page where the columns end higher, holds a block other
    than text that `rest` (where they end at the foot) does not: a box, a quote, an image."""
    return any(f not in rest and not isinstance(f, Paragraph) for f in more)


def _continues(content: list[Any]) -> bool:
    """Whether reportlab's columns go on (their last part a new BalancedColumns)."""
    return bool(content) and isinstance(content[-1], BalancedColumns)


def column_width(ctx: LayoutContext) -> float:
    """The width of one of the two columns: what a block set in a column has."""
    return _column_width(ctx)


def balanced(ctx: LayoutContext, flowables: list[Any]) -> list[Any]:
    if not flowables:
        return []
    gap = ctx.styles.theme.text.column_gap * MM
    left, width = columns_box(ctx)
    box = None if (left, width) == (0.0, ctx.text_width) else (left, width)
    leading = ctx.styles.theme.sizes.leading
    cols = Columns(glue_heads(on_grid(flowables, leading), leading), gap, box=box, leftPadding=0, rightPadding=0,
                   topPadding=0, bottomPadding=0, spaceBefore=ctx.styles.theme.sizes.leading * 0.3,
                   spaceAfter=ctx.styles.theme.sizes.leading * 0.6)
    cols.line = leading
    return [cols]


def on_grid(flowables: list[Any], leading: float) -> list[Any]:
    """The text of two columns on one grid of lines, so that their lines stand side by side: a
    paragraph at the text's leading (body text, an interview's question) keeps its space above and
    below in whole lines (0.6 of a line between paragraphs becomes one), and a sub-heading with its
    spaces takes whole lines, standing at their foot (glue_heads). Other blocks (a list, a quote, a
    box) keep their own measures: the column's lines after one may stand off the other's."""
    for f in flowables:
        style = getattr(f, "style", None)
        if not isinstance(f, Paragraph) or getattr(f, "head", False) or style is None \
                or abs(style.leading - leading) > 0.01:
            continue
        f.style = style.clone(style.name, spaceBefore=round(style.spaceBefore / leading) * leading,
                              spaceAfter=round(style.spaceAfter / leading) * leading)
    return flowables
