"""A highlighted box ("Auf einen Blick", a project profile, a contact): tint background, accent
bar, title and paragraphs/lists/notes. Kept on one page unless it is longer than a page; then it
splits between its parts and each piece is a box of its own. Tagged as a Div."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from ..model import Box
from ..tagging import artifact, group
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_plain

BAR = 1.5 * MM


class BoxFlowable(Flowable):
    """`x` is where the box starts (the text column); `page_h` the height of a full text frame."""

    def __init__(self, parts: list[Any], x: float, pad: float, tint: Any, accent: Any, page_h: float,
                 continued: bool = False):
        super().__init__()
        self.parts, self.x, self.pad = parts, x, pad
        self.tint, self.accent, self.page_h, self.continued = tint, accent, page_h, continued

    def _measure(self, aw: float, ah: float) -> list[tuple[float, float]]:
        """(height, space before) of each part in the box's inner width."""
        inner = aw - self.x - 2 * self.pad
        out = []
        for i, part in enumerate(self.parts):
            _, h = part.wrap(inner, ah)
            space = max(self.parts[i - 1].getSpaceAfter(), part.getSpaceBefore()) if i else 0.0
            out.append((h, space))
        return out

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.sizes = self._measure(aw, ah)
        self.height = sum(h + s for h, s in self.sizes) + 2 * self.pad + (0 if self.continued else BAR)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        if self.height <= self.page_h:
            return []  # whole on the next page
        room = ah - 2 * self.pad - (0 if self.continued else BAR)
        inner = aw - self.x - 2 * self.pad
        used = 0.0
        for i, (part, (h, space)) in enumerate(zip(self.parts, self.sizes, strict=True)):
            if used + space + h <= room:
                used += space + h
                continue
            pieces = part.split(inner, room - used - space)
            head = self.parts[:i] + pieces[:1]
            tail = pieces[1:] + self.parts[i + 1:] if pieces else self.parts[i:]
            if not head or not tail:
                return []
            return [self._with(head, self.continued), self._with(tail, True)]
        return []

    def _with(self, parts: list[Any], continued: bool) -> BoxFlowable:
        return BoxFlowable(parts, self.x, self.pad, self.tint, self.accent, self.page_h, continued)

    def draw(self) -> None:
        c = self.canv
        with artifact(c):
            c.saveState()
            c.setFillColor(self.tint)
            c.rect(self.x, 0, self.width - self.x, self.height, stroke=0, fill=1)
            if not self.continued:
                c.setFillColor(self.accent)
                c.rect(self.x, self.height - BAR, 14 * MM, BAR, stroke=0, fill=1)
            c.restoreState()
        y = self.height - self.pad - (0 if self.continued else BAR)
        with group(c, "Div"):
            for part, (h, space) in zip(self.parts, self.sizes, strict=True):
                y -= space + h
                part.drawOn(c, self.x + self.pad, y)


def layout(ctx: LayoutContext, block: Box, x: float, inner: Any) -> list[Any]:
    """`inner(ctx, block, indent)` lays out one block of the box (paragraph, list, note, heading) at indent 0."""
    st = ctx.styles
    parts: list[Any] = []
    if block.title:
        parts.append(Paragraph(rl_plain(block.title, ctx.locale),
                               st.para("h2", spaceBefore=0, alignment=TA_LEFT, keepWithNext=0)))
    for b in block.blocks:
        parts += inner(ctx, b)
    for part in parts:  # a box is an aside: its headings are not the section's sub-headings in the contents
        if getattr(part, "listed", False):
            part.listed = False
    page = st.theme.page
    page_h = ctx.geometry.trim_h - (page.margin_top + page.margin_bottom) * MM
    box = BoxFlowable(parts, x, st.theme.text.box_padding * MM, st.colour("tint"), st.colour("accent"), page_h)
    box.spaceBefore = box.spaceAfter = st.theme.sizes.leading * 0.8
    return [box]
