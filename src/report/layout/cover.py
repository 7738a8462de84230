"""The cover: full-bleed artwork, a colour panel with title, year and organisation, the image credit."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_plain

PANEL = 0.40  # share of the trim height covered by the title panel


class Cover(Flowable):
    """Draws the whole cover page; its frame is the trim box, so (0, 0) is the trim corner."""

    def __init__(self, ctx: LayoutContext):
        super().__init__()
        self.ctx = ctx

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah
        return aw, ah

    def draw(self) -> None:
        ctx, canv = self.ctx, self.canv
        st, g, rep = ctx.styles, ctx.geometry, ctx.doc.report
        b = g.bleed
        w, h = g.trim_w, g.trim_h
        panel_h = h * PANEL
        image = ctx.prepare_image(rep.cover.image, w + 2 * b, h + 2 * b)
        canv.drawImage(image, -b, -b, w + 2 * b, h + 2 * b)
        canv.setFillColor(st.colour("primary"))
        canv.rect(-b, -b, w + 2 * b, panel_h + b, stroke=0, fill=1)
        canv.setFillColor(st.colour("accent"))
        canv.rect(-b, panel_h, w + 2 * b, 2.2 * MM, stroke=0, fill=1)
        margin = st.theme.page.margin_inner * MM
        inner_w = w - margin - st.theme.page.margin_outer * MM
        white = st.colour("paper")
        s = st.theme.sizes
        y = panel_h - 18 * MM
        for text, style in (
            (rep.subtitle or str(rep.year), st.para("kicker", textColor=st.colour("accent"), fontSize=s.h2,
                                                    leading=s.h2 * 1.3)),
            (rep.title, st.para("h1", fontSize=s.title, leading=s.title * 1.08, textColor=white)),
        ):
            p = Paragraph(rl_plain(text, ctx.locale), style)
            _, ph = p.wrap(inner_w, h)
            p.drawOn(canv, margin, y - ph)
            y -= ph + 6 * MM
        canv.setFillColor(white)
        canv.setFont(st.font["bold"], s.h2)
        canv.drawString(margin, 16 * MM, rep.organisation)
        canv.setFont(st.font["regular"], s.source)
        canv.drawRightString(w - st.theme.page.margin_outer * MM, panel_h + 5 * MM, rep.cover.credit)


def layout(ctx: LayoutContext) -> list[Any]:
    return [Cover(ctx)]
