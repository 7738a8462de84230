"""An image set in a column of a two-column section, with the paragraphs that follow it.

Where the rest of a column has no room for the image, the paragraphs after it fill the column first
and the image stands at the top of the next column (or page), as a designer sets a figure in
columns: a column left empty under the text would be a hole in the page. The image never moves past
anything but those paragraphs (a heading, a list, a box after it stay after it).

reportlab's balanced columns measure a column by splitting the first flowable that does not fit and
keep only the first part of the split in that column, so the parts that share a column are
returned as one `Stack`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable

from .flow import gaps, wrap_on


def _stacked(parts: list[Any], canv: Any, aw: float, ah: float) -> list[tuple[Any, float]]:
    """Each part with its height and the space above it, as a frame stacks them (flow.gaps)."""
    return [(part, wrap_on(part, canv, aw, ah)[1] + gap) for part, gap in zip(parts, gaps(parts), strict=True)]


class Stack(Flowable):
    """Flowables set one under the other as one. `whole` (an image with its caption and credit): it
    does not split, unless taller than a page (`page_h`); else (what shares a column with an image,
    measured to fit it) it falls apart into its parts where a frame finds it does not fit after all."""

    def __init__(self, parts: list[Any], page_h: float, whole: bool = False):
        super().__init__()
        self.parts, self.page_h, self.whole = parts, page_h, whole
        self.spaceBefore, self.spaceAfter = parts[0].getSpaceBefore(), parts[-1].getSpaceAfter()

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = sum(h for _, h in _stacked(self.parts, getattr(self, "canv", None), aw, ah))
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        if self.height <= ah or self.whole and self.height <= self.page_h:
            return []  # an image with its caption: whole in the next column or on the next page
        return list(self.parts)

    def deepcopy(self) -> Stack:  # reportlab copies a flowable before a trial split: the parts are not changed
        return Stack(list(self.parts), self.page_h, self.whole)

    def draw(self) -> None:
        y = self.height
        for part, h in _stacked(self.parts, self.canv, self.width, self.height):
            y -= h
            part.drawOn(self.canv, 0, y)


class FigureThenText(Flowable):
    """An image (a `Stack` of image, caption, credit) and the paragraphs after it, in a column: set
    one under the other where they fit; where the image does not, the paragraphs fill the column
    first and the image goes on at the top of the next."""

    def __init__(self, figure: Stack, text: list[Any], page_h: float,
                 smaller: Callable[[float], Stack | None] | None = None):
        """`smaller(over)`: the figure set `over` lower (its image smaller, in its place), None where that
        would be below the least it may be set at (layout.section.MIN_SHRINK)."""
        super().__init__()
        self.figure, self.text, self.page_h, self.smaller = figure, text, page_h, smaller
        self.spaceBefore = figure.getSpaceBefore()
        self.spaceAfter = (text[-1] if text else figure).getSpaceAfter()

    def _parts(self) -> list[Any]:
        return [self.figure, *self.text]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = sum(h for _, h in _stacked(self._parts(), getattr(self, "canv", None), aw, ah))
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, the image must fit (see layout.flow): the heading stays with it."""
        return self.figure.wrap(aw, ah)[1] + self.figure.getSpaceBefore()

    def split(self, aw: float, ah: float) -> list[Any]:
        figure = self.figure
        _, fh = figure.wrap(aw, ah)
        taken, rest = self._fill(aw, ah, None) if fh > ah else ([], [])
        if fh > ah and not rest and self.smaller is not None:
            # the text after it would end this column short, a hole under it: the image set smaller here
            # (as one in a single column is), down to three quarters of its height (an A4 review's column
            # ended 24 mm short, its image at the top of the next and a box pushed onto a page of its own)
            small = self.smaller(fh - ah)
            if small is not None and small.wrap(aw, ah)[1] <= ah:
                figure, fh = small, small.height
        if fh <= ah:  # the image here, and as much of the text under it as fits
            taken, rest = self._fill(aw, ah - fh, figure.getSpaceAfter())
            return [Stack([figure, *taken], self.page_h), *rest]
        if not taken:
            return []  # not a line fits: all of it in the next column
        return [Stack(taken, self.page_h), self._then(rest)]

    def _then(self, rest: list[Any]) -> Any:
        """The image and the text after it that goes on in the next column."""
        return FigureThenText(self.figure, rest, self.page_h, self.smaller) if rest else self.figure

    def _fill(self, aw: float, room: float, above: float | None) -> tuple[list[Any], list[Any]]:
        """The text that fits in `room` (whole paragraphs, then the first part of the next one) and the
        rest; `above`: the space after what stands above it (None: a column's top, no space)."""
        taken: list[Any] = []
        for i, para in enumerate(self.text):
            space = 0.0 if above is None else max(above, para.getSpaceBefore())
            _, h = para.wrap(aw, max(room - space, 0))
            if space + h <= room:
                taken.append(para)
                room -= space + h
                above = para.getSpaceAfter()
                continue
            parts = para.split(aw, room - space) if room - space > 0 else []
            if len(parts) > 1:
                return [*taken, parts[0]], [*parts[1:], *self.text[i + 1:]]
            return taken, self.text[i:]
        return taken, []

    def deepcopy(self) -> FigureThenText:  # see Stack.deepcopy
        return FigureThenText(self.figure, list(self.text), self.page_h, self.smaller)

    def draw(self) -> None:
        y = self.height
        for part, h in _stacked(self._parts(), self.canv, self.width, self.height):
            y -= h
            part.drawOn(self.canv, 0, y)
