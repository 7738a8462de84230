"""Pages a designer adds so a printed brochure binds: the page count becomes a multiple of what the
binding needs (4 for saddle stitching, 2 for perfect binding) with the back cover still last.

They are filled in this order: the image and the quote the author names in report.yaml
(`padding:`), a notes page (a heading and writing lines), then pages that say they are
intentionally blank, as printers expect. Which pages were added is recorded for the build output.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer

from ..assets import shown_size
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_plain

LINE_GAP = 9 * MM  # handwriting needs 8–10 mm between lines
LINE_WIDTH = 0.5  # pt: visible in print (preflight wants ≥ 0.25 pt)
QUOTE_SCALE = 1.6  # a quote alone on a page: larger than a pull quote in the text


class PadPages(Flowable):
    """Zero-size marker placed before the back page (or at the end of a text block bound apart from its
    covers); at layout time it knows the current page and adds as many pages as the binding needs (none
    for the screen edition, multiple 1).

    It acts on the frame (`frameAction`) instead of being placed in it: a flowable of no size still
    does not fit when the last paragraph's space after took the frame's position past its foot, and
    the marker then made a page of its own, empty but for the running head, before the back page."""

    _ZEROSIZE = 1

    def __init__(self, ctx: LayoutContext):
        super().__init__()
        self.ctx = ctx

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def frameAction(self, frame: Any) -> None:  # noqa: N802 - reportlab's name
        page = self._doctemplateAttr("page")
        multiple = self.ctx.page_multiple
        back = 1 if self.ctx.covers else 0  # the back page follows as page + count + 1, if it is a page
        count = (-(page + back)) % multiple
        named = self.ctx.doc.report.padding
        kinds = [k for k in ("image", "quote") if named is not None and getattr(named, k)] + ["notes"]
        kinds = (kinds + ["blank"] * count)[:count]
        self.ctx.padded[:] = [(page + 1 + i, kind) for i, kind in enumerate(kinds)]
        content: list[Any] = []
        for kind in kinds:
            content += [PageBreak(), *PAGES[kind](self.ctx)]
        if content:
            frame.add_generated_content(*content)

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
    style = ctx.styles.para("small", text="muted")
    return [Centred(ctx.locale.label("intentionally_blank"), style)]


class FullPage(Flowable):
    """Draws a flowable in the middle of the frame, which it takes whole."""

    def __init__(self, inner: Any):
        super().__init__()
        self.inner = inner

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah - 1
        self.inner.canv = self.canv  # KeepInFrame measures with the canvas
        self.inner_size = self.inner.wrap(aw, self.height)
        return self.width, self.height

    def draw(self) -> None:
        w, h = self.inner_size
        self.inner.drawOn(self.canv, (self.width - w) / 2, (self.height - h) / 2)


def quote_page(ctx: LayoutContext) -> list[Any]:
    named, st, loc = ctx.doc.report.padding, ctx.styles, ctx.locale
    parts = [Paragraph(rl_plain(f"{loc.quotes[0]}{named.quote}{loc.quotes[1]}", loc),
                       st.para("quote", fontSize=st.theme.sizes.quote * QUOTE_SCALE,
                               leading=st.theme.sizes.quote_leading * QUOTE_SCALE))]
    if named.quote_source:
        parts += [Spacer(0, 4 * MM), Paragraph(rl_plain(f"– {named.quote_source}", loc), st.para("caption"))]
    return [FullPage(KeepInFrame(ctx.text_width, 200 * MM, parts, mode="shrink"))]


class FittedImage(Flowable):
    """An image as large as the frame allows, proportions kept, prepared by the edition."""

    def __init__(self, ctx: LayoutContext, path: Any):
        super().__init__()
        self.ctx, self.path = ctx, path

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w_px, h_px = shown_size(self.path)  # as the edition embeds it: EXIF orientation applied
        scale = min(aw / w_px, (ah - 1) / h_px)
        self.width, self.height = w_px * scale, h_px * scale
        self.image = self.ctx.prepare_image(self.path, self.width, self.height)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.image, 0, 0, self.width, self.height)


def image_page(ctx: LayoutContext) -> list[Any]:
    return [FullPage(FittedImage(ctx, ctx.doc.report.padding.image))]


PAGES = {"image": image_page, "quote": quote_page, "notes": notes_page, "blank": blank_page}
