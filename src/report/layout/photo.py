"""A photo on a page of its own (`- image: {…, size: page}`): it fills the page to the trim's edges
(in print to the bleed's), cropped to fill around its focus point (default: its centre), with no
running head or folio. Its caption
and credit stand at its foot, light on a dark scrim, bold and at the theme's reversed size at least,
as print shops ask for text reversed out of an image.

The page has its own template (the trim box as its frame, as the cover has); afterwards the left and
right text pages go on with the page number's side, not where the cycle stopped."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import ActionFlowable, Flowable, PageBreakIfNotEmpty

from ..assets import shown_size, tones
from ..colours import luminance
from ..model import Figure
from ..tagging import artifact, content, start_section
from .context import LayoutContext
from .fit import credit_line, drawn_size, reversed_superiors
from .styles import MM
from .text import Paragraph, rl_markup

SCRIM_STEPS = 32  # translucent bands stacked from the foot: a gradient without a shading or soft mask
SCRIM_DARK = 0.65  # opacity under the text: white text keeps ≥ 4.5 : 1 even over a white photo
SCRIM_FADE = 40  # mm over which the scrim fades out above the text (at A4)
CAPTION_SHARE = 0.75  # a caption on the photo is at most this share of the text frame wide


def fill(path: Any, width: float, height: float,
         focus: tuple[float, float] | None = None) -> tuple[float, float, float, float]:
    """Where to draw an image so that it fills width × height without distortion, the rest cropped:
    (x, y, drawn width, drawn height). The crop keeps `focus` ((across, down) as fractions of the image
    from its top left corner) as near to the box's centre as the image reaches; without one the image
    is centred. Within 1 % of the box's proportions it is simply fitted."""
    w_px, h_px = shown_size(path)  # as the edition embeds it: EXIF orientation applied
    ratio = h_px / w_px
    if abs(ratio / (height / width) - 1) <= 0.01:
        return 0.0, 0.0, width, height
    scale = max(width, height / ratio)
    if focus is None:
        return (width - scale) / 2, (height - scale * ratio) / 2, scale, scale * ratio
    iw, ih = scale, scale * ratio
    x = min(0.0, max(width - iw, width / 2 - focus[0] * iw))
    y = min(0.0, max(height - ih, height / 2 - (1 - focus[1]) * ih))  # PDF's y runs up, the focus's down
    return x, y, iw, ih


def draw_filling(canv: Any, ctx: LayoutContext, path: Any, alt: str | None, at: Any,
                 focus: tuple[float, float] | None = None) -> tuple[float, float, float, float]:
    """The image over the trim and the bleed, cropped to the bleed box where its proportions differ;
    tagged as a Figure with its alt text (without one, decorative: an artifact). Drawn in trim coordinates;
    returns where the image is drawn (x, y, width, height), partly outside the bleed box where it is cropped."""
    g = ctx.geometry
    b, w, h = g.bleed, g.trim_w, g.trim_h
    x, y, iw, ih = fill(path, w + 2 * b, h + 2 * b, focus)
    with content(canv, "Figure", alt=alt) if alt is not None else artifact(canv):  # decorative: an artifact
        if (iw, ih) == (w + 2 * b, h + 2 * b):
            canv.drawImage(ctx.prepare_image(path, iw, ih, at), x - b, y - b, iw, ih)
        else:  # another page format: only the part seen in the bleed box is embedded, and drawn there
            crop = (-x / iw, 1 - (h + 2 * b - y) / ih, (w + 2 * b - x) / iw, 1 + y / ih)
            canv.drawImage(ctx.prepare_image(path, iw, ih, at, crop=crop), -b, -b, w + 2 * b, h + 2 * b)
    return x - b, y - b, iw, ih


def ground_luminance(path: Any, placed: tuple[float, float, float, float], box: tuple[float, float, float, float],
                     veil: tuple[Any, tuple[float, float, float]] | None = None) -> float:
    """The mean relative luminance of a photo drawn at `placed` (x, y, width, height) under `box`
    (x0, y0, x1, y1, the same coordinates), as a reader sees it: under `veil` ((opacity at a height,
    sRGB colour): the scrim), where there is one. Judged on the photo's small copy (assets.tones)."""
    cols, rows, data = tones(path)
    x, y, w, h = placed
    c0 = min(cols - 1, max(0, int((box[0] - x) / w * cols)))
    c1 = max(c0 + 1, min(cols, round((box[2] - x) / w * cols)))
    r0 = min(rows - 1, max(0, int((y + h - box[3]) / h * rows)))
    r1 = max(r0 + 1, min(rows, round((y + h - box[1]) / h * rows)))
    opacity, colour = veil if veil is not None else (lambda _: 0.0, (0.0, 0.0, 0.0))
    total = 0.0
    for r in range(r0, r1):
        a = opacity(y + h - (r + 0.5) / rows * h)  # at the row's middle, on the page
        for c in range(c0, c1):
            i = 3 * (r * cols + c)  # blended as the PDF blends: in sRGB
            total += luminance(tuple((1 - a) * v / 255 + a * s for v, s in zip(data[i:i + 3], colour, strict=True)))
    return total / ((r1 - r0) * (c1 - c0))


def draw_scrim(canv: Any, ctx: LayoutContext, top: float) -> None:
    """Dark at the foot up to `top` (trim coordinates), fading out above it: equal bands each a little
    opaque, stacked from the bleed edge, so that where they all overlap the scrim is SCRIM_DARK."""
    g, st = ctx.geometry, ctx.styles
    b = g.bleed
    fade = SCRIM_FADE * MM * st.scale
    with artifact(canv):
        canv.saveState()
        canv.setFillColor(st.colour("ink"))
        canv.setFillAlpha(_band_alpha())
        for k in range(SCRIM_STEPS):
            canv.rect(-b, -b, g.trim_w + 2 * b, top + b + fade * _band_top(k), stroke=0, fill=1)
        canv.restoreState()


def _band_top(k: int) -> float:
    """Where band k of the scrim ends above `top`, in fades: sparse near the fade's upper end, so that
    the scrim eases in from nothing (its opacity's slope is 0 there) instead of starting at an edge."""
    return 1 - ((SCRIM_STEPS - 1 - k) / SCRIM_STEPS) ** 0.5


def _band_alpha() -> float:
    return 1 - (1 - SCRIM_DARK) ** (1 / SCRIM_STEPS)


def scrim_veil(ctx: LayoutContext, top: float) -> tuple[Any, tuple[float, float, float]]:
    """The scrim drawn up to `top` as ground_luminance takes it: (opacity at a height, its colour)."""
    fade = SCRIM_FADE * MM * ctx.styles.scale
    alpha = _band_alpha()

    def opacity(y: float) -> float:
        bands = sum(1 for k in range(SCRIM_STEPS) if top + fade * _band_top(k) >= y)
        return 1 - (1 - alpha) ** bands

    return opacity, ctx.styles.theme.colour("ink").rgb_floats


class PagePhoto(Flowable):
    """The whole page: the photo, the scrim, caption and credit. `opens`: the section's first block,
    set before its title, so its Sect in the structure tree begins here."""

    def __init__(self, ctx: LayoutContext, block: Figure, opens: bool = False):
        super().__init__()
        self.ctx, self.block, self.opens = ctx, block, opens

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah  # the frame whole: nothing else goes on this page
        return aw, ah

    def draw(self) -> None:
        ctx, canv, block = self.ctx, self.canv, self.block
        if (anchor := getattr(self, "anchor", None)) is not None:  # a cross-reference names it
            anchor(canv, 0, self.height)
        if self.opens:
            start_section(canv, ctx.own_language)
            self.page = canv.getPageNumber()  # (the page its section's contents line gives)
            if (key := getattr(self, "toc_key", None)) is not None:
                canv.bookmarkPage(key)  # the section's bookmark, in the outline and the contents
        draw_filling(canv, ctx, block.image, block.alt, block.field_pos.get("image") or block.pos, block.focus)
        if block.caption or block.credit:
            self._foot()
        if block.credit:
            ctx.credited(block, block.credit)(canv.getPageNumber())

    def _foot(self) -> None:
        """Caption over credit, from the text frame's left edge, standing on the folio's line."""
        ctx, canv, block = self.ctx, self.canv, self.block
        st, page = ctx.styles, ctx.styles.theme.page
        recto = ctx.geometry.recto(canv.getPageNumber())
        left = (page.margin_inner if recto else page.margin_outer) * MM
        width = page.text_width
        y = page.margin_bottom * MM - 12 * MM * st.scale  # where the text pages' folio stands
        white = st.colour("paper")
        font, size, floor = credit_line(st)  # bold and ≥ reversed_min: reversed out of the image
        credit = ctx.locale.one_line(block.credit) if block.credit else ""
        caption = None
        top = y + (size if credit else 0)
        if block.caption:
            cap_size = max(st.theme.sizes.caption, st.theme.plates.reversed_min)
            text = rl_markup(block.caption, ctx.locale, refs=ctx.refs)  # (white: 1er on the line, see fit)
            caption = Paragraph(reversed_superiors(text, cap_size, floor),
                                st.para("caption", fontName=st.font["bold"], fontSize=cap_size,
                                        leading=cap_size * 1.35, textColor=white))
            _, ch = caption.wrap(width * CAPTION_SHARE, self.height)
            cap_y = y + (size * 1.8 if credit else 0)
            top = cap_y + ch
        draw_scrim(canv, ctx, top + 6 * MM * st.scale)
        if caption is not None:
            caption.drawOn(canv, left, cap_y)
        if credit:
            with content(canv, "P"):
                canv.setFillColor(white)
                canv.setFont(font, drawn_size(credit, font, size, width, floor))
                canv.drawString(left, y, credit)


class ResumeText(ActionFlowable):
    """After a photo page, text pages again: left on an even page, right on an odd one (on screen
    every one right; every text page takes its side by its number as it begins; see the templates)."""

    def __init__(self) -> None:
        super().__init__()

    def apply(self, doc: Any) -> None:
        doc.handle_nextPageTemplate("right" if doc.geometry.recto(doc.page + 1) else "left")


def layout(ctx: LayoutContext, block: Figure, opens: bool = False) -> list[Any]:
    """The photo on a new page (the page just begun, where one has: no empty page before it)."""
    return [PageBreakIfNotEmpty(nextTemplate="photo"), ctx.anchored(block, PagePhoto(ctx, block, opens)), ResumeText()]
