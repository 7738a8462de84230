"""The cover: full-bleed artwork, a colour panel with title, year and organisation, the image credit."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ..tagging import artifact, content, start_section
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
        start_section(canv)
        with content(canv, "Figure", alt=rep.cover.alt):
            canv.drawImage(image, -b, -b, w + 2 * b, h + 2 * b)
        with artifact(canv):
            canv.setFillColor(st.colour("primary"))
            canv.rect(-b, -b, w + 2 * b, panel_h + b, stroke=0, fill=1)
            canv.setFillColor(st.colour("accent"))
            canv.rect(-b, panel_h, w + 2 * b, 2.2 * MM, stroke=0, fill=1)
        margin = st.theme.page.margin_inner * MM
        inner_w = w - margin - st.theme.page.margin_outer * MM
        white = st.colour("paper")
        s = st.theme.sizes
        y = panel_h - 18 * MM
        org_y = 16 * MM
        kicker = Paragraph(rl_plain(rep.subtitle or str(rep.year), ctx.locale),
                           st.para("kicker", textColor=st.colour("accent"), fontSize=s.h2, leading=s.h2 * 1.3))
        _, ph = kicker.wrap(inner_w, h)
        kicker.drawOn(canv, margin, y - ph)
        y -= ph + 6 * MM
        title, ph = self._title(inner_w, room=y - org_y - s.h2 - 6 * MM)
        title.drawOn(canv, margin, y - ph)
        canv.setFillColor(white)
        with content(canv, "P"):
            canv.setFont(st.font["bold"], s.h2)
            canv.drawString(margin, org_y, rep.organisation)
        with content(canv, "P"):
            # reversed out of a four-colour image: bold and large enough to survive misregister
            canv.setFont(st.font["bold"], max(s.source, st.theme.plates.reversed_min))
            canv.drawRightString(w - st.theme.page.margin_outer * MM, panel_h + 5 * MM, rep.cover.credit)


    def _title(self, width: float, room: float) -> tuple[Paragraph, float]:
        """The title at the theme's size, or smaller where a long title would not fit the panel."""
        st, s = self.ctx.styles, self.ctx.styles.theme.sizes
        size = s.title
        while True:
            p = Paragraph(rl_plain(self.ctx.doc.report.title, self.ctx.locale),
                          st.para("h1", fontSize=size, leading=size * 1.08, textColor=st.colour("paper")))
            _, ph = p.wrap(width, room)
            if ph <= room or size <= s.h2:
                return p, ph
            size -= 2


def layout(ctx: LayoutContext) -> list[Any]:
    return [Cover(ctx)]
