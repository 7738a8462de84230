"""Text beside an image: the paragraphs after a narrower image set left or right run beside it.

reportlab's ImageAndFlowables does the same for a bare image, but it puts the text beside the
image's side of the frame, not beside the figure (the image with its caption and credit), keeps
the body text's indent where the image already pushes the text away from it, and resumes the
text below at an arbitrary distance. Here the figure is stacked as the layout stacks it, the
text keeps its column's left edge (or starts a gutter right of a left image), and a paragraph
that runs past the figure's foot goes on below it on its own line grid.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from reportlab.platypus import Flowable

from .flow import keep_heads
from .text import RAGGED

_FUZZ = 0.01  # points: rounding in the heights' sums
_TALL = 1e6  # the height a flowable is measured in when only its own height matters
MIN_LEAD_LINES = 2  # lines of text that fill a page's foot before a figure that moves on
CLEAR_LINES = 0.4  # the least space, in lines, between a figure's foot and its paragraph going on below it
# The text beside a figure, set flush left in its narrow measure, hyphenates only where a line would
# otherwise end more than about 4 em short (demerits of 1000² against a line's badness: ratio 2.1 at
# RAG_EM 2): at the penalty of other ragged text (100) six lines of twenty beside a portrait ended in a
# hyphen ('Er-satz', 'De-tails', 'Mit-telspannungskabel'); now none, their rag as even
BESIDE = replace(RAGGED, hyphen_penalty=1000.0)


class TextBeside(Flowable):
    """A figure (image, gap, caption, credit: stacked at the full width, the image at its own x)
    and the paragraphs after it. The paragraphs run beside the figure, `gutter` from the image,
    as long as a line fits beside it; the paragraph that reaches past the figure's foot is split
    there and goes on at the full width, at least `after` below the figure and on the lines of
    its part beside it (a whole number of leadings below them), as do the paragraphs after it.

    Drawn whole where it fits: the figure (tagged Figure, Caption, P) first, then the text, which
    is the reading order. Where it does not fit, it splits into the figure with its text beside
    it and the paragraphs below it, which flow and split like any text; the figure with its text
    beside it moves on, after as much of that text as fills the page's foot at the full width."""

    def __init__(self, figure: list[Any], paragraphs: list[Any], side: str, image_w: float, gutter: float,
                 indent: float, after: float, least: float = 1.0):
        super().__init__()
        self.figure, self.paragraphs = figure, paragraphs
        self.side, self.image_w, self.gutter, self.indent, self.after = side, image_w, gutter, indent, after
        self.designed = [p.style for p in paragraphs]  # a paragraph set beside may change its style (ragged)
        self._planned: tuple[float, _Placed, list[Any]] | None = None
        self.pinned = False  # it moves on whole where it does not fit: no text fills the page before it
        # `least`: the smallest share of its height the image is set at to stay, with its text beside it,
        # on a page whose foot it misses (see _shrink); its caption and credit as wide as it
        self.least, self.scale = least, 1.0
        self.captions = [(p, p.style) for p in figure[2:]]

    def text_box(self, aw: float) -> tuple[float, float]:
        """Where the text beside the figure is set: its x in the frame and the width it is wrapped in
        (the paragraphs' own indent applies inside it: the text column's left edge, or none where a
        left image reaches past it)."""
        if self.side == "right":
            return 0.0, aw - self.image_w - self.gutter
        dx = max(0.0, self.image_w + self.gutter - self.indent)
        return dx, aw - dx

    def _plan(self, aw: float) -> tuple[_Placed, list[Any]]:
        if self._planned is not None and self._planned[0] == aw:
            return self._planned[1], self._planned[2]
        items: list[tuple[Any, float, float]] = []  # (flowable, x, top)
        y, before = _stack(self.figure, aw, items, 0.0)
        fig_h, beside, tops = y, len(items), []  # (tops: y before each paragraph set beside)
        dx, tw = self.text_box(aw)
        y, prev_after, rest, split = 0.0, None, [], False
        for p, style in zip(self.paragraphs, self.designed, strict=True):
            p.style, p.ragged_params = style, None
            if rest:
                rest.append(p)
                continue
            p.ragged_params = BESIDE
            gap = 0.0 if prev_after is None else max(prev_after, p.getSpaceBefore())
            room = fig_h - y - gap
            lines = int((room + _FUZZ) // style.leading)
            if lines < 1:
                p.ragged_params = None
                rest = [p]
                continue
            # broken as a whole: the lines beside the figure narrow, those below it at the full width
            p.wider_after = (lines, aw - tw)
            _, h = p.wrap(tw, _TALL)
            if h <= room + _FUZZ:
                p.wider_after = None
                items.append((p, dx, y + gap))
                tops.append(y)
                y, prev_after = y + gap + h, p.getSpaceAfter()
                continue
            # a line that goes on below the figure, on the same page at the full width, is no widow: the
            # lines beside it run to the figure's foot (they stopped two lines short of a caption and credit,
            # "… tours d'eau. Le" | gap | "1er mars, …")
            p.style = style.clone(style.name, allowWidows=1)
            parts = p.split(tw, room)
            kept = len(parts[0].blPara.lines) if len(parts) == 2 else lines
            if 1 <= kept < lines:  # split kept fewer lines beside (rounding): the last of those is the
                # one that must end with a whole word, so the lines are chosen again
                p.wider_after = (kept, aw - tw)
                p.wrap(tw, _TALL)
                parts = p.split(tw, kept * style.leading + _FUZZ)
            p.style = style
            p.wider_after = None
            if len(parts) == 2:
                first, second = parts
                _, h = first.wrap(tw, _TALL)
                items.append((first, dx, y + gap))
                y += gap + h
                second.style, second.ragged_params = style, None  # below the figure at the full width
                rest, split = [second], True
            else:
                p.style, p.ragged_params = style, None
                rest = [p]
        if rest and not split and len(items) > beside + 1 and getattr(items[-1][0], "head", False):
            rest.insert(0, items.pop()[0])  # an interview's question goes below with its answer
            y = tops.pop()
        space = self.after
        if split:  # the paragraph goes on a whole number of lines below its last line beside the figure,
            # just clear of the figure's foot: a line left empty more would read as a new paragraph
            leading = self.designed[0].leading
            space = math.ceil((fig_h + CLEAR_LINES * leading - y) / leading - _FUZZ) * leading - (fig_h - y)
        placed = _Placed(items, max(fig_h, y), space, before)
        self._planned = (aw, placed, rest)
        return placed, rest

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """What must stand on a page under a heading: the figure and the text beside it, the image as
        small as it may be set there (see _shrink)."""
        scale = self.scale
        self._set_scale(self.least)
        placed, _ = self._plan(aw)
        self._set_scale(scale)
        return placed.height + placed.spaceBefore

    def _set_scale(self, scale: float) -> None:
        """The image at `scale` of its designed size, in its place, its caption and credit under it as
        wide as it (from the image's left edge)."""
        if scale == self.scale:
            return
        image = self.figure[0]
        w = image.width
        image.scale_to(scale)
        for p, designed in self.captions:
            p.style = designed if scale == 1.0 else designed.clone(
                designed.name, leftIndent=image.x, rightIndent=designed.rightIndent + image.designed[2]
                + image.designed[0] - image.x - image.width)
        self.image_w += image.width - w
        self.scale, self._planned = scale, None

    def _shrink(self, aw: float, ah: float) -> bool:
        """Where the figure with its text beside it misses the rest of the page, the image set smaller
        (down to `least` of its height, the text beside it running wider) so that it stays, rather than
        move on and leave the page's foot empty, or have the text fill the foot and the figure stand
        apart from it overleaf: the largest scale that fits."""
        if self.least >= 1.0:
            return False
        self._set_scale(self.least)
        if self._plan(aw)[0].height > ah + _FUZZ:
            self._set_scale(1.0)
            return False
        lo, hi = self.least, 1.0  # lo fits, hi does not
        while hi - lo > 0.01:
            mid = (lo + hi) / 2
            self._set_scale(mid)
            lo, hi = (mid, hi) if self._plan(aw)[0].height <= ah + _FUZZ else (lo, mid)
        self._set_scale(lo)
        return True

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return self.figure[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        if self._planned is None:
            return self.after
        _, placed, rest = self._planned
        return rest[-1].getSpaceAfter() if rest else placed.spaceAfter

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        placed, rest = self._plan(aw)
        items: list[tuple[Any, float, float]] = []
        end, _ = _stack(rest, aw, items, placed.height + placed.spaceAfter)
        self._below = items
        self.width, self.height = aw, end
        return aw, end

    def split(self, aw: float, ah: float) -> list[Any]:
        placed, rest = self._plan(aw)
        if placed.height > ah + _FUZZ and self._shrink(aw, ah):
            placed, rest = self._plan(aw)
        if placed.height <= ah + _FUZZ:
            return [placed, *keep_heads(rest)]  # (a question kept with its answer's start)
        frame = getattr(self, "_frame", None)
        if frame is None or not getattr(frame, "_atTop", False):  # the figure moves on, the text fills the page
            return [] if self.pinned else self._float(aw, ah)  # first (unless pinned: `place: here`)
        for p, style in zip(self.paragraphs, self.designed, strict=True):  # taller than a page: one after
            p.style, p.ragged_params = style, None  # the other, as they would flow without text beside the image
        return [*self.figure, *self.paragraphs]

    def _float(self, aw: float, ah: float) -> list[Any]:
        """Where the figure does not fit below the text before it, the paragraphs fill the page at
        the full width and the figure goes on at the next page's top, the rest of them beside it,
        as a designer floats a figure: not a page foot left empty for it ([]: it moves on whole, with
        all of them, where fewer than MIN_LEAD_LINES lines would fill the foot, or every one would)."""
        self._planned = None  # the paragraphs are set at the full width here: planned again if it moves on whole
        for p, style in zip(self.paragraphs, self.designed, strict=True):  # as designed, not as set beside it
            p.style, p.wider_after, p.ragged_params = style, None, None
        lead: list[tuple[Any, int]] = []  # (paragraph or its first part, its lines)
        room, prev_after = ah, None
        for i, (p, style) in enumerate(zip(self.paragraphs, self.designed, strict=True)):
            gap = 0.0 if prev_after is None else max(prev_after, p.getSpaceBefore())
            _, h = p.wrap(aw, _TALL)
            if h <= room - gap + _FUZZ:
                lead.append((p, len(p.blPara.lines)))
                room, prev_after = room - gap - h, p.getSpaceAfter()
                continue
            lines = int((room - gap + _FUZZ) // style.leading)
            parts = p.split(aw, room - gap) if lines >= MIN_LEAD_LINES or lead else []
            if len(parts) == 2 and not getattr(p, "head", False):
                parts[0].wrap(aw, _TALL)
                lead.append((parts[0], len(parts[0].blPara.lines)))
                parts[1].style = style
                rest = [parts[1], *self.paragraphs[i + 1:]]
            else:
                rest = self.paragraphs[i:]
            break
        else:
            rest = []
        while lead and getattr(lead[-1][0], "head", False):  # an interview's question goes with its answer
            rest.insert(0, lead.pop()[0])
        if sum(n for _, n in lead) < MIN_LEAD_LINES or not rest:  # (all of them fit before it: it moves on with them)
            return []
        return [*(p for p, _ in lead),
                TextBeside(self.figure, rest, self.side, self.image_w, self.gutter, self.indent, self.after,
                           self.least)]

    def draw(self) -> None:
        placed, _ = self._plan(self.width)
        placed.drawOn(self.canv, 0, self.height - placed.height)
        for f, x, top in self._below:
            f.drawOn(self.canv, x, self.height - top - f.height)


class _Placed(Flowable):
    """Flowables at fixed places (x, top) in a box `height` high: the figure with the text beside it."""

    def __init__(self, items: list[tuple[Any, float, float]], height: float, space_after: float, space_before: float):
        super().__init__()
        self.items, self.height = items, height
        self.spaceAfter, self.spaceBefore = space_after, space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height

    def draw(self) -> None:
        for f, x, top in self.items:
            f.drawOn(self.canv, x, self.height - top - f.height)


def _stack(flowables: list[Any], aw: float, items: list[tuple[Any, float, float]], y: float) -> tuple[float, float]:
    """Stack `flowables` from `y` down as a frame does (the gap between two is the larger of the
    space after the one and before the other); their places go into `items`. Returns the bottom
    and the first one's space before."""
    prev_after = None
    for f in flowables:
        _, h = f.wrap(aw, _TALL)
        gap = 0.0 if prev_after is None else max(prev_after, f.getSpaceBefore())
        items.append((f, 0.0, y + gap))
        y += gap + h
        prev_after = f.getSpaceAfter()
    return y, flowables[0].getSpaceBefore() if flowables else 0.0

