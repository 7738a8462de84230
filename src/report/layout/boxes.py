"""A highlighted box ("Auf einen Blick", a project profile, a contact): tint background, accent
bar, title and paragraphs/lists/notes. Where it does not fit the rest of a page, a small box moves on
whole; one that would leave a large gap (MIN_SHARE of a page or more) splits there, between its
blocks or inside a paragraph or list, its title with MIN_LINES of its lines on this page and
MIN_LINES on the next: each part is tinted and padded as a box of its own, the accent bar on the
first only. The parts are one Div in the tags."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable

from ..model import Box
from ..tagging import Shared, artifact, shared_group
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_plain

BAR = 1.5 * MM
MIN_LINES = 3  # the fewest lines of a split box's content on either page (its title not counted)
MIN_SHARE = 0.25  # a box splits where the part that stays is at least this share of a page high


class BoxFlowable(Flowable):
    """`x` is where the box starts (the text column); `page_h` the height of a full text frame.
    `titled`: its first part is its title; `continued`: the part of a split box on a later page,
    without the accent bar (the tint goes on, padded on all sides: a box of its own on each page)."""

    def __init__(self, parts: list[Any], x: float, pad: float, tint: Any, accent: Any, page_h: float,
                 continued: bool = False, titled: bool = False, tags: Shared | None = None):
        super().__init__()
        self.parts, self.x, self.pad = parts, x, pad
        self.tint, self.accent, self.page_h, self.continued = tint, accent, page_h, continued
        self.titled = titled
        self.tags = tags or Shared()  # its Div, shared by its parts on two pages

    def _measure(self, aw: float, ah: float) -> list[tuple[float, float]]:
        """(height, space before) of each part in the box's inner width."""
        inner = aw - self.x - 2 * self.pad
        out = []
        for i, part in enumerate(self.parts):
            _, h = part.wrap(inner, ah)
            space = max(self.parts[i - 1].getSpaceAfter(), part.getSpaceBefore()) if i else 0.0
            out.append((h, space))
        return out

    def _around(self) -> float:
        """The height of the padding and the accent bar around its parts."""
        return 2 * self.pad + (0 if self.continued else BAR)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.sizes = self._measure(aw, ah)
        self.height = sum(h + s for h, s in self.sizes) + self._around()
        return aw, self.height

    def lines(self) -> int:
        """The lines of its content, after wrap (its title not counted)."""
        return sum(_lines(part) for part in self.parts[1 if self.titled else 0:])

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading (see layout.flow): the least of it that stays on a page where it splits
        (see `split`), else all of it."""
        self.wrap(aw, ah)
        room, step = self.page_h * MIN_SHARE, self.page_h / 40
        while room < min(self.height, ah):
            parts = self._parted(aw, room)
            if parts is not None and parts[0].height >= self.page_h * MIN_SHARE:
                return parts[0].height
            room += step
        return self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        """A box that does not fit the rest of the page goes on on the next, with its title and
        MIN_LINES of its lines on this page and MIN_LINES on the next, where the part on this page
        is at least MIN_SHARE of a page high (where less is left, the gap above it moved on whole is
        smaller than its splitting costs the reader); else it moves on whole, unless it is longer
        than a page."""
        self.wrap(aw, ah)
        parts = self._parted(aw, ah)
        if parts is not None and (parts[0].height >= self.page_h * MIN_SHARE or self.height > self.page_h):
            return list(parts)
        if self.height <= self.page_h:
            return []  # whole on the next page
        return self._between_parts(aw, ah)

    def _parted(self, aw: float, ah: float) -> tuple[BoxFlowable, BoxFlowable] | None:
        """The box's parts before and after the break that keeps the most of it in `ah` with
        MIN_LINES of its content on either side, no heading last; None where there is none."""
        room = ah - self._around()
        inner = aw - self.x - 2 * self.pad
        while room > 0:
            cut = self._cut(inner, room)
            if cut is None:
                return None
            head, tail = cut
            while head and (getattr(head[-1], "head", False) or (self.titled and len(head) == 1)):
                tail.insert(0, head.pop())  # a heading, and the title, go on with what they head
            if not head:
                return None
            first, rest = self._pair(head, tail)
            first.wrap(aw, ah)
            rest.wrap(aw, ah)
            if first.lines() < MIN_LINES:
                return None
            if rest.lines() >= MIN_LINES:
                return first, rest
            room = first.height - first._around() - 0.5  # a line or a block less on this page
        return None

    def _cut(self, inner: float, room: float) -> tuple[list[Any], list[Any]] | None:
        """The parts that fit in `room` (and the first lines of one that does not, where it splits)
        and the rest; None where all fit."""
        used = 0.0
        for i, (part, (h, space)) in enumerate(zip(self.parts, self.sizes, strict=True)):
            if used + space + h <= room:
                used += space + h
                continue
            left = room - used - space
            heading = getattr(part, "head", False) or (i == 0 and self.titled)
            pieces = part.split(inner, left) if left > 0 and not heading else []
            if len(pieces) >= 2:
                return [*self.parts[:i], pieces[0]], [*pieces[1:], *self.parts[i + 1:]]
            return self.parts[:i], self.parts[i:]
        return None

    def _between_parts(self, aw: float, ah: float) -> list[Any]:
        """A box longer than a page with no break that keeps MIN_LINES on either side: between its
        parts, where the room ends."""
        room = ah - self._around()
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
            return list(self._pair(head, tail))
        return []

    def _pair(self, head: list[Any], tail: list[Any]) -> tuple[BoxFlowable, BoxFlowable]:
        """The box's parts on this page and the next: the first with the space above the box, the
        other with the space under it."""
        first = BoxFlowable(head, self.x, self.pad, self.tint, self.accent, self.page_h, self.continued,
                            self.titled, self.tags)
        rest = BoxFlowable(tail, self.x, self.pad, self.tint, self.accent, self.page_h, True, False, self.tags)
        first.spaceBefore, rest.spaceAfter = self.getSpaceBefore(), self.getSpaceAfter()
        return first, rest

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
        with shared_group(c, self.tags, "Div"):
            for part, (h, space) in zip(self.parts, self.sizes, strict=True):
                y -= space + h
                part.drawOn(c, self.x + self.pad, y)


def _lines(part: Any) -> int:
    """A wrapped part's lines: a list's, else a paragraph's (a note, a heading)."""
    lines = getattr(part, "lines", None)
    return lines() if lines is not None else len(part.blPara.lines)


def layout(ctx: LayoutContext, block: Box, x: float, inner: Any) -> list[Any]:
    """`inner(ctx, block, indent)` lays out one block of the box (paragraph, list, note, heading) at indent 0."""
    st = ctx.styles.on("tint")
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
    box = BoxFlowable(parts, x, st.theme.text.box_padding * MM, st.colour("tint"), st.colour("accent"), page_h,
                      titled=bool(block.title))
    box.spaceBefore = box.spaceAfter = st.theme.sizes.leading * 0.8
    return [box]
