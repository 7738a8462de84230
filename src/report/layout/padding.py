"""Pages a designer adds so a printed brochure binds: the page count becomes a multiple of what the
binding needs (4 for saddle stitching, 2 for perfect binding) with the back cover still last.

The first added page is a notes page (a heading and writing lines), further ones say that they are
intentionally blank, as printers expect. Which pages were added is recorded for the build output.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, PageBreak

from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_plain

LINE_GAP = 9 * MM  # handwriting needs 8–10 mm between lines
LINE_WIDTH = 0.5  # pt: visible in print (preflight wants ≥ 0.25 pt)


class PadPages(Flowable):
    """Zero-size marker placed before the back page; at layout time it knows the current page and
    adds as many pages as the binding needs (none for the screen edition, multiple 1)."""

    _ZEROSIZE = 1

    def __init__(self, ctx: LayoutContext):
        super().__init__()
        self.ctx = ctx

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        page = self._doctemplateAttr("page")
        multiple = self.ctx.page_multiple
        count = (-(page + 1)) % multiple  # the back page follows as page + count + 1
        self.ctx.padded[:] = [(page + 1 + i, "notes" if i == 0 else "blank") for i in range(count)]
        content: list[Any] = []
        for _, kind in self.ctx.padded:
            content += [PageBreak(), *(notes_page(self.ctx) if kind == "notes" else blank_page(self.ctx))]
        if content:
            self._doctemplateAttr("frame").add_generated_content(*content)
        return 0, 0

    def draw(self) -> None:
        pass


class WritingLines(Flowable):
    """Ruled lines over the rest of the frame."""

    def __init__(self, colour: Any):
        super().__init__()
        self.colour = colour

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah - 1  # a point of slack: the frame must not overflow
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.colour)
        c.setLineWidth(LINE_WIDTH)
        y = self.height - LINE_GAP
        while y >= 0:
            c.line(0, y, self.width, y)
            y -= LINE_GAP
        c.restoreState()


def notes_page(ctx: LayoutContext) -> list[Any]:
    st = ctx.styles
    return [Paragraph(rl_plain(ctx.locale.label("notes"), ctx.locale), st.para("h2", spaceBefore=0)),
            WritingLines(st.colour("rule"))]


class Centred(Flowable):
    """One short line of text in the middle of the frame."""

    def __init__(self, text: str, style: Any):
        super().__init__()
        self.text, self.style = text, style

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah - 1
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.style.fontName, self.style.fontSize)
        c.setFillColor(self.style.textColor)
        c.drawCentredString(self.width / 2, self.height / 2, self.text)


def blank_page(ctx: LayoutContext) -> list[Any]:
    style = ctx.styles.para("small", textColor=ctx.styles.colour("muted"))
    return [Centred(ctx.locale.label("intentionally_blank"), style)]
