"""How text flows from page to page: a heading never stands at a page foot.

reportlab's keepWithNext glues a heading to the *whole* next flowable and moves both to the next
page when the next paragraph does not fit entirely, which leaves half-empty pages once sections
follow each other on the same page. Instead a heading is preceded by `KeepRoom`: a conditional
page break that asks for the heading plus the smallest start of what follows (three lines of a
paragraph, the first item of a list, a whole chart or box), measured when the page is known.
"""

from __future__ import annotations

import math
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

MIN_LINES = 3  # a heading is followed by at least this many lines of text on its page


def start_height(flowable: Any, aw: float, ah: float, canv: Any = None) -> float:
    """The least of `flowable` that must stand on a page under a heading. `canv`: the canvas of the
    flowable asking (a KeepTogether — a chart, table or image — wraps its content on it)."""
    first = getattr(flowable, "start_height", None)
    if first is not None:
        return first(aw, ah, canv)
    _, h = wrap_on(flowable, canv, aw, ah)
    if isinstance(flowable, KeepTogether):
        h = flowable._H  # its wrap answers "too high" to force a split
    if isinstance(flowable, Paragraph):
        leading = flowable.style.leading
        h = min(h, MIN_LINES * leading + 0.5)
    return h + flowable.getSpaceBefore()


def wrap_on(flowable: Any, canv: Any, aw: float, ah: float) -> tuple[float, float]:
    """`flowable.wrap`, with the canvas set while it wraps where one is known (reportlab's frames set
    it on what they add; what a flowable measures of another has none of its own)."""
    return flowable.wrapOn(canv, aw, ah) if canv is not None else flowable.wrap(aw, ah)


def gaps(items: list[Any], share: float = 1.0) -> list[float]:
    """The space above each of `items` stacked as a frame stacks them: none above the first, else the
    larger of the space after the one above and before it (`share` of it: a squeezed stack)."""
    return [0.0] + [max(a.getSpaceAfter(), b.getSpaceBefore()) * share for a, b in zip(items[:-1], items[1:],
                                                                                       strict=True)]


def split_on(flowable: Any, canv: Any, aw: float, ah: float) -> list[Any]:
    return flowable.splitOn(canv, aw, ah) if canv is not None else flowable.split(aw, ah)


class KeepRoom(CondPageBreak):
    """A page break unless the heads and the start of `following` fit in the rest of the frame."""

    def __init__(self, heads: list[Any], following: Any | None, between: list[Any] | None = None,
                 then: Any | None = None, before_then: list[Any] | None = None):
        super().__init__(0)
        self.heads, self.following, self.between = heads, following, between or []
        # a section's title: the block after a short opening paragraph (a chart, an image, a grid) when
        # that block cannot split — the title and three lines at a page's foot, the figure they open overleaf
        self.then = then
        self.before_then = before_then or []  # the spaces between the opening and that block (a chart's 5 mm)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        need = 0.0
        for head in self.heads:
            need += head.wrap(aw, ah)[1] + head.getSpaceAfter() + head.getSpaceBefore()
        for space in self.between:  # the space a chart or table keeps above its title
            need += space.wrap(aw, ah)[1]
        canv = getattr(self, "canv", None)
        if self.following is not None:
            start = start_height(self.following, aw, ah, canv)
            need += start
            if self.then is not None:
                _, whole = wrap_on(self.following, canv, aw, ah)
                lines = getattr(getattr(self.following, "blPara", None), "lines", None)
                if lines is not None and len(lines) <= SHORT_OPENING:
                    need += whole - start + self.following.getSpaceAfter() + start_height(self.then, aw, ah, canv)
                    # (the space a chart keeps above its title: without it, a 45 mm chart after a section's
                    # three-line opening was thought to fit, and missed the page by a few millimetres)
                    need += sum(space.wrap(aw, ah)[1] for space in self.before_then)
        self.height = need
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0  # a fresh page: breaking again would not give more room
        return super().wrap(aw, ah)

    def __repr__(self) -> str:
        return f"KeepRoom({len(self.heads)} heads)"


SHORT_OPENING = 4  # lines of a section's opening paragraph that its title keeps together with the block after it


def keep_heads(story: list[Any]) -> list[Any]:
    """The story with a KeepRoom before every run of heads (flowables marked `head`: kicker, title,
    sub-heading), which then no longer keep with the whole next flowable."""
    out: list[Any] = []
    i = 0
    while i < len(story):
        if not getattr(story[i], "head", False):
            out.append(story[i])
            i += 1
            continue
        j = i
        while j < len(story) and getattr(story[j], "head", False):
            story[j].keepWithNext = 0  # KeepRoom does it, without moving a whole long paragraph along
            j += 1
        k = j
        while k < len(story) and _is_space(story[k]):
            k += 1
        following = story[k] if k < len(story) else None
        between = [f for f in story[j:k] if type(f).__name__ == "Spacer"]
        then, before_then = None, []
        if getattr(story[i], "starts_section", False) and following is not None and k + 1 < len(story):
            m = k + 1
            while m < len(story) and _is_space(story[m]):
                m += 1
            if m < len(story) and _unsplittable(story[m]):
                then, before_then = story[m], [f for f in story[k + 1:m] if type(f).__name__ == "Spacer"]
        out += [KeepRoom(story[i:j], following, between, then, before_then), *story[i:j]]
        i = j
    return out


def _unsplittable(flowable: Any) -> bool:
    """A block that moves on whole where it does not fit: a chart or an image with its title (a
    KeepTogether), a figure, a table that never breaks (`place: here`, as a balance sheet is kept, or
    too few rows to break: its title, a two-line opening and the section's title stood at a page's
    foot, the balance sheet alone overleaf)."""
    if type(flowable).__name__ == "KeptTable":
        return flowable.never_breaks()
    return type(flowable).__name__ in ("KeepTogether", "ChartFigure", "PlacedImage", "GridRow", "GridRows")


def _is_space(flowable: Any) -> bool:
    return type(flowable).__name__ in ("Spacer", "KeepRoom", "NullActionFlowable")


class HeadWith(Flowable):
    """Heads glued to the start of what follows, for frames the document template does not manage
    (the columns of a two-column section): set together, and when the rest of the column has no room
    for the heads and the start of the next flowable, all of it moves on; the next flowable may
    still split after its start."""

    def __init__(self, heads: list[Any], body: Any, grid: float = 0.0, above: float = 0.0):
        """`grid`: the text's leading, where the heads take whole lines (see `on_grid`): the room they
        leave above themselves makes up the rest, as their space before — which a column's top drops, as
        it drops any, so that a question there stands on the column's first line, beside the other
        column's (it stood 0.75 of a line lower). `above`: the space after the block before them, which
        that space includes (a frame sets the larger of the two, not both)."""
        super().__init__()
        self.heads, self.body, self.grid, self.above = heads, body, grid, above
        self.top = False  # at a column's top (see `at_top`)
        self.spaceBefore = 0.0 if grid else heads[0].getSpaceBefore()
        self.spaceAfter = body.getSpaceAfter()

    def _own_height(self, aw: float, ah: float) -> float:
        """The heads' height with the spaces between them and under them."""
        total = 0.0
        for i, head in enumerate(self.heads):
            total += head.wrap(aw, ah)[1] + head.getSpaceAfter() + (head.getSpaceBefore() if i else 0)
        return total + self.body.getSpaceBefore()

    def _heads_height(self, aw: float, ah: float) -> float:
        """That in whole lines, on a grid."""
        total = self._own_height(aw, ah)
        return math.ceil(total / self.grid - 0.01) * self.grid if self.grid else total

    def at_top(self) -> HeadWith:
        """A copy for a column's top, on a grid: the heads on its first line, beside the other column's,
        and what they head on the grid's next line (a question's 0.25 of a line under it dropped, which
        would have set the answer's lines a quarter line off the other column's) — or a whole line lower
        where more than the spaces under the heads would go (a sub-heading's lines)."""
        glued = HeadWith(self.heads, self.body, self.grid, self.above)
        glued.top = True
        return glued

    def _top_height(self, aw: float, ah: float) -> float:
        own = self._own_height(aw, ah)
        below = self.heads[-1].getSpaceAfter() + self.body.getSpaceBefore()
        fewer = math.floor(own / self.grid + 0.01) * self.grid
        return fewer if own - fewer <= below + 0.01 else self._heads_height(aw, ah)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.hh = self._top_height(aw, ah) if self.top and self.grid else self._own_height(aw, ah)
        if self.grid:
            self.spaceBefore = self.above + self._heads_height(aw, ah) - self.hh
        _, bh = wrap_on(self.body, getattr(self, "canv", None), aw, max(ah - self.hh, 0))
        self.width, self.height = aw, self.hh + bh
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        return self._heads_height(aw, ah) + start_height(self.body, aw, ah, canv or getattr(self, "canv", None)) \
            - self.body.getSpaceBefore()

    def split(self, aw: float, ah: float) -> list[Any]:
        hh = self._own_height(aw, ah)
        if self.start_height(aw, ah) - self._heads_height(aw, ah) + hh > ah:
            return []  # all of it in the next column or on the next page
        parts = split_on(self.body, getattr(self, "canv", None), aw, ah - hh)
        if not parts:
            return []
        return [HeadWith(self.heads, parts[0], self.grid, self.above), *parts[1:]]

    def draw(self) -> None:
        y = self.height
        for i, head in enumerate(self.heads):
            _, h = head.wrap(self.width, self.height)
            y -= h + (head.getSpaceBefore() if i else 0)
            head.drawOn(self.canv, 0, y)
            y -= head.getSpaceAfter()
        wrap_on(self.body, self.canv, self.width, self.height - self.hh)
        self.body.drawOn(self.canv, 0, 0)  # (under the heads' `hh`)


def glue_heads(story: list[Any], grid: float = 0.0) -> list[Any]:
    """Every run of heads glued to the flowable after it (see HeadWith; `grid`: in whole lines)."""
    out: list[Any] = []
    heads: list[Any] = []
    for flowable in story:
        if getattr(flowable, "head", False):
            flowable.keepWithNext = 0
            heads.append(flowable)
        elif heads and not _is_space(flowable):
            before = next((f for f in reversed(out) if not _is_space(f) and not getattr(f, "_ZEROSIZE", False)), None)
            out.append(HeadWith(heads, flowable, grid, before.getSpaceAfter() if before is not None else 0.0))
            heads = []
        else:
            out.append(flowable)
    return out + heads
