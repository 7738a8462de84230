"""The foreword: the opening letter on its own page. The portrait stands in the margin column
beside the letter; under the text the closing, the signature (a PNG with transparency, drawn on
the paper) and the author's name and role, kept together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..assets import shown_size
from ..model import ForewordSection
from ..tagging import artifact, content
from .context import LayoutContext
from .heading import heading
from .styles import MM
from .text import Paragraph, rl_markup, rl_plain

GUTTER = 8 * MM  # between the portrait and the letter
CREDIT_GAP = 1.5 * MM  # between the portrait and its credit
SIGNATURE_H = 16 * MM


class MarginPortrait(Flowable):
    """Takes no height: the portrait hangs in the margin column from the top of what follows, its
    credit (if any) small under it; `drawn(page)` lists the credit on the closing page."""

    def __init__(self, image: Any, width: float, height: float, alt: str, credit: Any = None,
                 drawn: Callable[[int], None] | None = None):
        super().__init__()
        self.image, self.w, self.h, self.alt, self.credit, self.drawn = image, width, height, alt, credit, drawn

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, 0

    def draw(self) -> None:
        with content(self.canv, "Figure", alt=self.alt):
            self.canv.drawImage(self.image, 0, -self.h, self.w, self.h)
        if self.credit is not None:
            _, h = self.credit.wrap(self.w, 10_000)
            self.credit.drawOn(self.canv, 0, -self.h - CREDIT_GAP - h)
        if self.drawn is not None:
            self.drawn(self.canv.getPageNumber())


class Signature(Flowable):
    """The handwritten signature: decoration beside the printed name, so an artifact."""

    def __init__(self, image: Any, x: float, width: float, height: float):
        super().__init__()
        self.image, self.x, self.w, self.h = image, x, width, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.h

    def draw(self) -> None:
        with artifact(self.canv):
            self.canv.drawImage(self.image, self.x, 0, self.w, self.h)


def layout(ctx: LayoutContext, section: ForewordSection, index: int) -> list[Any]:
    st, loc = ctx.styles, ctx.locale
    x = st.theme.page.text_offset * MM
    story = heading(ctx, section.title, section.kicker, f"{index}-{section.title}")
    w_px, h_px = shown_size(section.portrait)  # as the edition embeds it: EXIF orientation applied
    pw = max(20 * MM, x - GUTTER)
    ph = pw * h_px / w_px
    portrait = ctx.prepare_image(section.portrait, pw, ph, section.field_pos.get("portrait"))
    credit = Paragraph(rl_plain(section.portrait_credit, loc), st.para("source")) if section.portrait_credit else None
    story.append(MarginPortrait(portrait, pw, ph, section.portrait_alt, credit,
                                ctx.credited(section, section.portrait_credit) if section.portrait_credit else None))
    body = st.para("body", leftIndent=x)
    story += [Paragraph(rl_markup(text, loc), body) for text in section.paragraphs]
    ending: list[Any] = [Paragraph(rl_plain(section.closing, loc), st.para("body", leftIndent=x, alignment=TA_LEFT,
                                                                          spaceAfter=2 * MM))]
    if section.signature:
        sw_px, sh_px = shown_size(section.signature)
        sw = min(SIGNATURE_H * sw_px / sh_px, ctx.text_width - x)
        sh = sw * sh_px / sw_px
        signature = ctx.prepare_image(section.signature, sw, sh, section.field_pos.get("signature"))
        ending.append(Signature(signature, x, sw, sh))
    else:
        ending.append(Spacer(0, 6 * MM))
    ending.append(Paragraph(f"<b>{rl_plain(section.name, loc)}</b>",
                            st.para("body", leftIndent=x, alignment=TA_LEFT, spaceAfter=0)))
    if section.role:
        ending.append(Paragraph(rl_plain(section.role, loc), st.para("small", leftIndent=x)))
    story.append(KeepTogether(ending))
    return story
