"""The cover: full-bleed artwork, a colour panel (or a dark scrim on the photo) with title, year and
organisation, the image credit.

What stands on the photo itself is set to stand out from it: the photo's tone under it is measured
(through the scrim, where there is one) and the credit, the kicker and the logo take the colour or the
logo version that contrasts with it (WCAG 2's ratios); a logo that contrasts with neither gets a plate."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ..colours import contrast_ratio, luminance
from ..errors import Diagnostic
from ..tagging import artifact, content, start_section
from .context import LayoutContext
from .fit import credit_line, drawn_size, organisation_line
from .logo import LOGO_CONTRAST, art_on_photo, draw_logo, logo_width
from .photo import draw_filling, draw_scrim, ground_luminance, scrim_veil
from .styles import MM
from .text import Paragraph, rl_plain

PANEL = 0.40  # share of the trim height covered by the title panel
PLATE_SHARE = 0.25  # a logo's plate hiding more of the cover image than this is named in a warning
# WCAG 2 (1.4.3) contrast for text on the photo: small text 4.5 : 1, large text (the kicker: 14 pt bold) 3 : 1
TEXT_CONTRAST, LARGE_TEXT_CONTRAST = 4.5, 3.0
ORGANISATION_BASE = 16  # mm at A4: the organisation's baseline, this far above the trim's foot
SAFE_EDGE = 5 * MM  # text stays this far inside the trim: print shops' safe zone (3–5 mm), the cut may wander


def logo_clear_top(ctx: LayoutContext, org_y: float) -> float:
    """The top of a bottom-right logo's clear space in the title panel (0: no logo there)."""
    brand = ctx.brand
    if brand is None or brand.spec.cover != "bottom-right":
        return 0.0
    art, _ = brand.art_on(True)
    height = logo_width(brand.spec, ctx.styles.theme) * art.ratio
    return org_y + height + brand.spec.clear_space * height


def edge_credit_room(ctx: LayoutContext) -> tuple[float, float]:
    """Where the photo cover's credit runs up the right edge: (its foot, its length), from the
    organisation's baseline or above a logo's clear space there, up to the top margin."""
    st, g = ctx.styles, ctx.geometry
    org_y = ORGANISATION_BASE * MM * st.scale
    bottom = max(org_y, logo_clear_top(ctx, org_y))
    return bottom, g.trim_h - st.theme.page.margin_top * MM - bottom


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
        start_section(canv)
        placed = draw_filling(canv, ctx, rep.cover.image, rep.cover.alt, rep.cover.field_pos.get("image"),
                              rep.cover.focus)
        on_photo = rep.cover.layout == "photo"
        if on_photo:
            draw_scrim(canv, ctx, panel_h)  # the words stand below panel_h, light on the dark
        else:
            with artifact(canv):
                canv.setFillColor(st.colour("primary"))
                canv.rect(-b, -b, w + 2 * b, panel_h + b, stroke=0, fill=1)
                canv.setFillColor(st.colour("accent"))
                canv.rect(-b, panel_h, w + 2 * b, 2.2 * MM, stroke=0, fill=1)
        veil = scrim_veil(ctx, panel_h) if on_photo else None

        def ground(box: tuple[float, float, float, float]) -> float:
            """The photo's luminance under `box`, through the scrim."""
            return ground_luminance(rep.cover.image, placed, box, veil)

        margin = st.theme.page.margin_inner * MM
        inner_w = w - margin - st.theme.page.margin_outer * MM
        white = st.colour("paper")
        s = st.theme.sizes
        k = st.scale  # fixed distances of the design follow the page size (1 at A4)
        y = panel_h - 18 * MM * k
        org_y = ORGANISATION_BASE * MM * k
        kicker = self._kicker(inner_w)
        _, ph = kicker.wrap(inner_w, h)
        if on_photo:  # on the scrim: the accent where it stands out (3 : 1 for large text), else white
            box = (margin, y - ph, margin + max(kicker.getActualLineWidths0()), y)
            if self._contrast("accent", ground(box)) < LARGE_TEXT_CONTRAST:
                kicker = self._kicker(inner_w, "paper")
                kicker.wrap(inner_w, h)
        kicker.drawOn(canv, margin, y - ph)
        y -= ph + 6 * MM * k
        room = y - org_y - s.h2 - 6 * MM * k
        logo_top = logo_clear_top(ctx, org_y)
        if logo_top > org_y + s.h2:  # nothing of the title in the logo's clear space
            room = y - logo_top - 6 * MM * k
        title, ph = self._title(inner_w, room=room)
        title.drawOn(canv, margin, y - ph)
        canv.setFillColor(white)
        with content(canv, "P"):
            font, size, floor = organisation_line(st)
            organisation = ctx.locale.one_line(rep.organisation)
            canv.setFont(font, drawn_size(organisation, font, size, inner_w, floor))
            canv.drawString(margin, org_y, organisation)
        with content(canv, "P"):
            if on_photo:
                self._edge_credit(ground)
            else:  # at the artwork's foot, above the panel, at the right
                font, size, floor = credit_line(st)  # bold and ≥ reversed_min: reversed out of the image
                credit = ctx.locale.one_line(rep.cover.credit)
                drawn = drawn_size(credit, font, size, inner_w, floor)
                right, base = w - st.theme.page.margin_outer * MM, panel_h + 5 * MM
                box = (right - canv.stringWidth(credit, font, drawn), base - 0.25 * drawn, right,
                       base + 0.75 * drawn)
                colour = self._text_colour(ground(box))
                if colour != "paper":
                    canv.setFillColor(st.colour(colour))
                canv.setFont(font, drawn)
                canv.drawRightString(right, base, credit)
        self._logo(org_y, ground)

    def _edge_credit(self, ground: Any) -> None:
        """The photo cover's credit along its right edge, reading upwards (edge_credit_room): across the page
        the photo has no foot for it. It stands in the middle of the outer margin, but at least SAFE_EDGE
        inside the trim."""
        ctx, canv = self.ctx, self.canv
        st, g = ctx.styles, ctx.geometry
        font, size, floor = credit_line(st)
        credit = ctx.locale.one_line(ctx.doc.report.cover.credit)
        bottom, length = edge_credit_room(ctx)
        drawn = drawn_size(credit, font, size, length, floor)
        # the glyphs lie left of the upright baseline (their ascent, ~0.75 em) and right of it (descent)
        base = min(g.trim_w - st.theme.page.margin_outer * MM / 2 + 0.25 * drawn,
                   g.trim_w - SAFE_EDGE - 0.25 * drawn)
        box = (base - 0.75 * drawn, bottom, base + 0.25 * drawn, bottom + canv.stringWidth(credit, font, drawn))
        canv.saveState()
        canv.setFillColor(st.colour(self._text_colour(ground(box))))
        canv.setFont(font, drawn)
        canv.translate(base, bottom)
        canv.rotate(90)
        canv.drawString(0, 0, credit)
        canv.restoreState()

    def _kicker(self, width: float, colour: str = "accent") -> Paragraph:
        """The subtitle above the title: on the panel in the primary colour at the contrast large text
        needs (screen); on a photo in `colour` as it is, which draw chose by the photo under it."""
        st, rep = self.ctx.styles, self.ctx.doc.report
        s = st.theme.sizes
        over = {"textColor": st.colour(colour)} if rep.cover.layout == "photo" else {"text": colour}
        return Paragraph(rl_plain(rep.second_line, self.ctx.locale),
                         st.on("primary").para("kicker", fontSize=s.h2, leading=s.h2 * 1.3, **over))

    def _contrast(self, colour: str, ground: float) -> float:
        return contrast_ratio(luminance(self.ctx.styles.theme.colour(colour).rgb_floats), ground)

    def _text_colour(self, ground: float) -> str:
        """White (paper) for small text on the photo, or the ink where white would not stand out (a light
        photo where no scrim darkens it) and the ink does better."""
        white, ink = self._contrast("paper", ground), self._contrast("ink", ground)
        return "paper" if white >= TEXT_CONTRAST or white >= ink else "ink"

    def _logo(self, org_y: float, ground: Any) -> None:
        """The logo where the theme puts it. On the photo cover it is the version that stands out from the
        photo under it (`ground`: the photo's luminance under a box), on a plate only where neither does."""
        ctx, canv = self.ctx, self.canv
        brand, st, g = ctx.brand, ctx.styles, ctx.geometry
        if brand is None or brand.spec.cover == "none":
            return
        page = st.theme.page
        in_panel = brand.spec.cover == "bottom-right"
        art, _ = brand.art_on(in_panel)
        width = logo_width(brand.spec, st.theme)
        height = width * art.ratio
        clear = brand.spec.clear_space * height
        right_x = g.trim_w - page.margin_outer * MM - width
        top_gap = max(clear, 6 * MM * st.scale)
        x = right_x if in_panel or brand.spec.cover == "top-right" else page.margin_inner * MM
        if ctx.doc.report.cover.layout == "photo":
            y = org_y if in_panel else g.trim_h - top_gap - height
            tone = ground((x - clear, y - clear, x + width + clear, y + height + clear))
            chosen, plate = art_on_photo(brand, tone)
            if plate and brand.negative is None and contrast_ratio(1.0, tone) >= LOGO_CONTRAST:  # white would do
                spec = brand.spec
                st.notes.append(Diagnostic(
                    "logo on the cover: the photo under it is dark and the theme has no light version of the "
                    "logo, so it stands on a paper-coloured plate", spec.field_pos.get("file", spec.pos),
                    "add a light version for dark backgrounds under logo: in theme.yaml, e.g. "
                    "negative: logo/logo-negative.svg", "note"))
            height = width * chosen.ratio
            clear = brand.spec.clear_space * height
            y = org_y if in_panel else g.trim_h - top_gap - height
            hang = (x - clear, y - clear, x + width + clear, g.trim_h + g.bleed) if plate and not in_panel else None
            if hang:
                self._plate_note((*hang[:3], g.trim_h), g.trim_w * g.trim_h)
            draw_logo(canv, brand, st, x, y, width, dark=None, prepare_image=ctx.prepare_image,
                      bleed_to=hang, on_photo=(chosen, plate))
            return
        if in_panel:
            draw_logo(canv, brand, st, right_x, org_y, width, dark="primary", prepare_image=ctx.prepare_image)
            return
        # on the artwork: a plate in the paper colour hangs from the top edge, the clear space around the logo
        y = g.trim_h - top_gap - height
        self._plate_note((x - clear, y - clear, x + width + clear, g.trim_h), g.trim_w * g.trim_h * (1 - PANEL))
        draw_logo(canv, brand, st, x, y, width, dark=None, prepare_image=ctx.prepare_image,
                  bleed_to=(x - clear, y - clear, x + width + clear, g.trim_h + g.bleed))

    def _plate_note(self, box: tuple[float, float, float, float], artwork: float) -> None:
        """A warning where the logo's plate (`box`, on the trim) hides more than PLATE_SHARE of the artwork
        (its area `artwork`): a large logo with a wide clear space covered most of the cover photo."""
        x0, y0, x1, y1 = max(box[0], 0), max(box[1], 0), min(box[2], self.ctx.geometry.trim_w), box[3]
        share = (x1 - x0) * (y1 - y0) / artwork
        if share <= PLATE_SHARE:
            return
        spec, st = self.ctx.brand.spec, self.ctx.styles
        st.notes.append(Diagnostic(
            f"logo on the cover: its paper-coloured plate, {(x1 - x0) / MM:.0f} × {(y1 - y0) / MM:.0f} mm with the "
            f"clear space, hides {share:.0%} of the cover image", spec.field_pos.get("width", spec.pos),
            f"give the logo a smaller width (now {spec.width:g} mm at A4) or clear_space (now {spec.clear_space:g} "
            "× its height), or put it into the title panel: cover: bottom-right", "warning"))

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
