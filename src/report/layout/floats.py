"""Figures that float: a chart, an image, a grid or a table that misses the rest of a page.

A figure cannot split (a table shorter than a page breaks only where most of its rows fit: else it
moves on whole, as a figure does), so where the rest of a page has no room for it, it moves on to the next page
whole and leaves the page's foot empty — a third of a page under the last lines, a hole a reader
sees at once. As a typesetter (and LaTeX) sets it, the running text after the figure fills that
room instead, and the figure stands at the top of the next page, the text going on under it.

Bounded, so that a figure stays where its text needs it:
- only where the room left is more than FLOAT_LINES lines of body text (a smaller gap reads as a
  page ending a little short, as widow and orphan rules leave it) and the text after the figure
  fills it to less than that;
- only paragraphs and lists (in one column, or in a two-column section's columns) go before it:
  never a sub-heading, a question, a quote, a box, another figure or the section's end; a heading
  right before the figure keeps it (it stays with what it heads), and so does `place: here`;
- the figure goes no further than the top of the next page, where it went anyway; two figures keep
  their order.

In a one-column section the figure and the text after it are a `Float`, which decides where the
page flow reaches it. In a two-column section a spanning figure ends the columns before it
(balanced) and starts those after it: where it floats, the text after it joins the columns before
it (`Deferred`, asked by layout.columns where the columns before it end), which fill the page, and
the columns go on under the figure on the next page.

Tagged where its author put it (tagging.ReadHere): a screen reader reads the figure before the text
that follows it in the content, not in the middle of a sentence that runs on past it."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.doctemplate import FrameBreak, NullActionFlowable

from ..tagging import ReadHere
from .columns import Columns
from .flow import gaps, split_on, wrap_on

FLOAT_LINES = 5  # lines of body text the rest of a page may leave empty under a figure that moved on
_TOO_HIGH = 0xFFFFFF  # what a Float answers to wrap, as reportlab's KeepTogether: the frame asks it to split


def figure(flowables: list[Any], block: Any) -> list[Any]:
    """Mark the flowables of a chart, image, grid or table (`block`) as a figure that may float."""
    for f in flowables:
        f.float_block = block
    return flowables


def running(flowables: list[Any]) -> list[Any]:
    """Mark the flowables of a paragraph or a list in one column as running text that may go before
    a figure."""
    for f in flowables:
        f.running = True
    return flowables


def _running(f: Any) -> bool:
    """Running text, also where a section's end holds it (its footnotes, its last lines: layout.notes,
    layout.pagefill), or a mark that takes no room."""
    if getattr(f, "running", False) or _mark(f):
        return True
    items = getattr(f, "items", None) if type(f).__name__ == "SectionEnd" else None
    if items is not None:
        return all(_running(i) for i in items)
    last = getattr(f, "last", None) if type(f).__name__ == "EndsWith" else None
    return last is not None and _running(last)


def _mark(f: Any) -> bool:
    return getattr(f, "_ZEROSIZE", False) and hasattr(f, "frameAction")


def _text(flowables: list[Any]) -> bool:
    return any(not _mark(f) for f in flowables)


def _keeps(f: Any) -> bool:
    """Whether `f` keeps the figure after it where it stands: a heading (or the KeepRoom before one),
    a block that keeps with the next."""
    return getattr(f, "head", False) or type(f).__name__ == "KeepRoom" or bool(f.getKeepWithNext())


def defer(flow: list[Any], leading: float) -> list[Any]:
    """A text section's flowables with each figure that may float (marked by `figure`) and the
    running text after it made a Float, or, in two columns, handed to the columns before it."""
    out: list[Any] = []
    before: Any = None  # what the next flowable follows in the story
    i = 0
    while i < len(flow):
        block = getattr(flow[i], "float_block", None)
        if block is None:
            out.append(flow[i])
            before, i = flow[i], i + 1
            continue
        j = i
        while j < len(flow) and getattr(flow[j], "float_block", None) is block:
            j += 1
        fig = flow[i:j]
        k = j
        while k < len(flow) and _mark(flow[k]):
            k += 1
        if before is None or _keeps(before):  # (it stays with what it follows)
            out += fig
            before, i = out[-1], j
            continue
        if isinstance(before, Columns) and k < len(flow) and isinstance(flow[k], Columns):
            before.then = Deferred(fig, flow[j:k], flow[k], leading)  # (the columns before it are already out)
            before, i = flow[k], k + 1
            continue
        k = j
        while k < len(flow) and _running(flow[k]):
            k += 1
        while k > j and _mark(flow[k - 1]):
            k -= 1  # (a section's end mark stays where the section ends)
        followed = any(not _mark(f) for f in flow[k:])  # more of the section after its text (a box, a heading)
        out += [Float(fig, flow[j:k], leading, followed)] if k > j else fig
        before, i = out[-1], k
    return out


def _space(frame: Any, f: Any) -> float:
    """The space a frame leaves above `f` where it comes next (as reportlab's Frame._add)."""
    if frame is None or frame._atTop:
        return 0.0
    s = f.getSpaceBefore()
    return max(s - frame._prevASpace, 0.0) if frame._oASpace else s


def moves_on(fig: list[Any], canv: Any, aw: float, ah: float) -> bool:
    """Whether the figure, its first flowable `ah` from the frame's foot, moves on to the next page:
    nothing of it is set here (a space before it that does not fit is left out, as layout.templates'
    TextFrame does). Asked below something (a KeepTogether that misses a frame's rest breaks to the
    next frame)."""
    above = None
    for f, gap in zip(fig, gaps(fig), strict=True):
        gap = gap if above is not None else 0.0
        if type(f) is Spacer:
            if f.height + gap <= ah:
                ah -= f.height + gap
                above = f
            continue
        room = ah - gap
        if room <= 0:
            return True
        if wrap_on(f, canv, aw, room)[1] <= room:
            return False
        breaks_in = getattr(f, "breaks_in", None)  # a table shorter than a page: breaks here, or moves on whole
        if breaks_in is not None:
            return not breaks_in(aw, room)
        parts = split_on(f, canv, aw, room)
        return not parts or isinstance(parts[0], type(FrameBreak))
    return False


def fill(text: list[Any], canv: Any, aw: float, room: float) -> tuple[list[Any], list[Any], float]:
    """The text that fits in `room` (whole blocks, then the first part of the next one, as it splits at
    a page foot), the rest, and the room it leaves."""
    taken: list[Any] = []
    above = None
    for i, f in enumerate(text):
        if _mark(f):
            taken.append(f)
            continue
        gap = 0.0 if above is None else max(above.getSpaceAfter(), f.getSpaceBefore())
        h = wrap_on(f, canv, aw, max(room - gap, 0.0))[1]
        if gap + h <= room:
            taken.append(f)
            room -= gap + h
            above = f
            continue
        parts = split_on(f, canv, aw, room - gap) if room - gap > 0 else []
        if len(parts) < 2:
            return taken, text[i:], room
        first = parts[:-1]
        used = sum(wrap_on(p, canv, aw, room)[1] for p in first) + sum(gaps(first)) + gap
        if used > room:
            return taken, text[i:], room
        return [*taken, *first], [parts[-1], *text[i + 1:]], room - used
    return taken, [], room


class _Read(Flowable):
    """A mark in the flow that takes no room, for the reading order of a floated figure (ReadHere):
    called where the frame reaches it, or where a column of two (reportlab's KeepInFrame) draws it."""

    _ZEROSIZE = True
    width = height = 0

    def __init__(self, order: ReadHere, what: str):
        super().__init__()
        self.order, self.what = order, what

    def frameAction(self, frame: Any) -> None:  # noqa: N802 - reportlab API
        getattr(self.order, self.what)(self.canv)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        getattr(self.order, self.what)(self.canv)


def _floated(fig: list[Any]) -> tuple[Any, list[Any]]:
    """The figure between marks of its reading order, and the mark that stands where it is read."""
    order = ReadHere()
    return _Read(order, "here"), [_Read(order, "drawn_from"), *fig, _Read(order, "drawn")]


class Float(Flowable):
    """A figure and the running text after it, in one column: set one after the other, unless the
    figure moves on (see the module's docstring); then the text fills the page first and the figure
    stands at the top of the next, the rest of the text under it. Never drawn: the frame asks it to
    split, and it hands back its parts in the order they are set."""

    def __init__(self, fig: list[Any], text: list[Any], leading: float, followed: bool = False):
        """`followed`: more of the section follows the text (a box, a sub-heading): the figure may go on
        after all of the text, at the next page's top, and not stand alone at the section's end."""
        super().__init__()
        self.fig, self.text, self.leading, self.followed = fig, text, leading, followed
        self.spaceBefore, self.spaceAfter = fig[0].getSpaceBefore(), text[-1].getSpaceAfter()

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, _TOO_HIGH

    def split(self, aw: float, ah: float) -> list[Any]:
        frame, canv = getattr(self, "_frame", None), getattr(self, "canv", None)
        plain = [NullActionFlowable(), *self.fig, *self.text]  # (an action first: the frame adds none of it here)
        limit = FLOAT_LINES * self.leading
        if frame is None or frame._atTop or ah <= limit or not moves_on(self.fig, canv, aw, ah):
            return plain
        start = next((f for f in self.text if not _mark(f)), self.text[0])
        taken, rest, left = fill(self.text, canv, aw, ah + _space(frame, self) - _space(frame, start))
        # all of the text before it (three lines, then a box) where more of the section follows: the page
        # holds them, the hole under them smaller (a chart after a short paragraph left a third of an A4 page
        # empty); at the section's end the figure would stand alone after its text
        if not _text(taken) or not _text(rest) and not self.followed or _text(rest) and left > limit:
            return plain
        here, fig = _floated(self.fig)
        return [here, *taken, *fig, *rest]

    def __repr__(self) -> str:
        return f"Float({len(self.fig)} + {len(self.text)})"


class Deferred:
    """A spanning figure of a two-column section and the columns after it, which the columns before
    it (`Columns.then`) set where they end on a page: under them where it fits; where it moves on
    and would leave more than FLOAT_LINES lines empty, the columns before it take the paragraphs and
    lists that follow it and fill the page, and the figure goes on at the top of the next page,
    the columns under it."""

    def __init__(self, fig: list[Any], marks: list[Any], after: Columns, leading: float):
        self.fig, self.marks, self.after, self.leading = fig, marks, after, leading

    def place(self, cols: Columns, aw: float, ah: float, fh: float, content: list[Any]) -> tuple[float, list[Any]]:
        """The content of `cols`, which end on this page `fh` high in `ah`, with what follows them."""
        plain = fh, [*content, *self.fig, *self.marks, self.after]
        limit = FLOAT_LINES * self.leading
        frame, canv = cols._frame, cols.canv
        below = ah - fh - max(cols.getSpaceAfter(), self.fig[0].getSpaceBefore())
        across = aw if cols.box is None else cols._frame_width  # (the figure spans the frame, columns in a box not)
        if below <= limit or not moves_on(self.fig, canv, across, below):
            return plain
        following = self.after._content
        n = 0
        while n < len(following) and _running(following[n]):
            n += 1
        if not n:
            return plain
        here, fig = _floated(self.fig)
        own = list(cols._content)
        joined = Columns([*own, here, *following[:n]], cols.gap, **cols.kw)  # (`aw` and the frame: in the box)
        joined._frame, joined.canv, joined.line = frame, canv, cols.line
        jh, generated = joined._generated_content(aw, ah)
        if not generated or not isinstance(generated[-1], Columns):
            return plain  # (all of the text before it: it would end up after it, alone)
        carried = generated[-1]._content  # the columns filled the page: the rest goes on under the figure
        if any(f is here or any(f is o for o in own) for f in carried):
            return plain  # (the text before the figure would go on past it)
        rest = Columns([*carried, *following[n:]], self.after.gap, self.after.after, self.after.box, **self.after.kw)
        rest.keep, rest.line, rest.then = self.after.keep, self.after.line, self.after.then
        return jh, [*generated[:-1], *fig, *self.marks, rest]
