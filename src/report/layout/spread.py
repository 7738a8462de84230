"""The cover of a perfect-bound print edition: one spread, back cover | spine | front cover.

A glued binding's cover is printed apart from the text block and wrapped round it, so the print
shop wants it as one page: the back cover on the left, the spine, the front cover on the right,
bleed on the outer edges, fold marks at the spine's edges. The spine is as wide as the text block
is thick: its leaves (two pages each) × the paper's thickness, or the width the shop gives
(report.yaml's `spine:`). The two covers are those the other bindings print as the first and the
last page (layout.cover, layout.closing), each cut at the spine; their insides stay unprinted. The
spine takes the back cover's colour and, where it is wide enough to read, the title along it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import PageTemplate

from ..errors import Diagnostic
from . import closing
from .context import LayoutContext
from .cover import Cover
from .fit import fit_size
from .styles import MM
from .templates import Geometry, ReportDocTemplate, TextFrame, text_frame_height

PAPER_MM = 0.1  # one leaf of a 100–115 g/m² text paper: assumed, with a warning, where report.yaml names none
SPINE_TEXT_MM = 6.0  # a narrower spine carries no text: at 8 pt it would crowd its folds
SPINE_EDGE_MM = 1.5  # the spine's text keeps this far from each fold: the cover wraps within ±1 mm
SPINE_END_MM = 15.0  # … and from the head and the foot of the spine (at A4)
SPINE_TEXT_MAX = 12.0  # pt: the size of the spine's text on a wide spine
THIN_SPINE_MM = 2.0  # a text block thinner than this is hard to glue (a shop would suggest saddle stitching)


@dataclass(frozen=True)
class Spine:
    mm: float  # the width, to 0.1 mm
    pages: int  # of the text block
    paper: float | None  # mm per leaf, where the width is reckoned from it (None: the shop's width)
    assumed: bool = False  # no spine: in report.yaml: the default paper

    def describe(self) -> str:
        """How the width came about, for the build's output: "5.2 mm (92 pages, 46 leaves × 0.113 mm)"."""
        how = (f"{self.pages // 2} leaves × {self.paper:g} mm{', assumed' if self.assumed else ''}"
               if self.paper is not None else "as given")
        return f"{self.mm:g} mm ({self.pages} pages, {how})"


def spine_for(report: Any, pages: int) -> Spine:
    """The spine of a text block of `pages` pages bound as report.yaml says."""
    given = report.spine
    if given is not None and given.width is not None:
        return Spine(round(float(given.width), 1), pages, None)
    paper = float(given.paper) if given is not None else PAPER_MM
    return Spine(round(pages / 2 * paper, 1), pages, paper, assumed=given is None)


def spine_findings(ctx: LayoutContext, spine: Spine, text_drawn: bool) -> list[Diagnostic]:
    """What the build says about the spine: an assumed paper (warning), a text block too thin to glue
    (warning), no text on a narrow spine (note)."""
    rep = ctx.doc.report
    at = rep.field_pos.get("spine") or rep.field_pos.get("binding") or rep.pos
    out = []
    if spine.assumed:
        out.append(Diagnostic(
            f"binding: perfect: report.yaml gives no spine: the cover's spine is {spine.describe()}",
            at, "ask the print shop for the spine's width (or the paper's thickness per leaf) and add it "
                "under binding:, e.g. spine: 5.2mm or spine: {paper: 0.1mm}", "warning"))
    if spine.mm < THIN_SPINE_MM:
        out.append(Diagnostic(
            f"binding: perfect: a spine of {spine.mm:g} mm ({spine.pages} pages) is too thin to glue well",
            at, f"perfect binding wants a spine of {THIN_SPINE_MM:g} mm or more; for fewer pages, "
                "binding: saddle (stapled)", "warning"))
    if not text_drawn and spine.mm >= THIN_SPINE_MM:
        why = (f"it is {spine.mm:g} mm wide and text needs {SPINE_TEXT_MM:g} mm" if spine.mm < SPINE_TEXT_MM
               else "the title is too long for it")
        out.append(Diagnostic(f"the cover's spine carries no text: {why}", at,
                              "a spine's title needs more pages or a thicker paper" if spine.mm < SPINE_TEXT_MM
                              else "a shorter title fits", "note"))
    return out


def spread_geometry(page: Geometry, spine_mm: float) -> Geometry:
    """The spread's page: two covers and the spine between them, with the page's bleed and slug."""
    spine = spine_mm * MM
    return Geometry(2 * page.trim_w + spine, page.trim_h, page.bleed, page.slug,
                    folds=(page.trim_w, page.trim_w + spine))


class SpreadTemplate(ReportDocTemplate):
    """One page: the back cover's text in a frame on the left; its colour, the spine and the front
    cover drawn under it (onPage), the marks over it."""

    def __init__(self, buf: Any, geometry: Geometry, ctx: LayoutContext, spine: Spine, meta: dict[str, Any],
                 page_hook: Any, **kw: Any):
        self.ctx, self.spine, self.spine_text = ctx, spine, False
        super().__init__(buf, geometry, ctx.styles, meta, page_hook=page_hook, first="spread", **kw)

    def _make_templates(self) -> None:
        g, page = self.geometry, self.styles.theme.page
        back = TextFrame(g.offset + page.margin_inner * MM, g.offset + page.margin_bottom * MM, page.text_width,
                         text_frame_height(g, page), id="back", leftPadding=0, rightPadding=0, topPadding=0,
                         bottomPadding=0)
        self.addPageTemplates([PageTemplate("spread", [back], onPage=self._covers, onPageEnd=self._finish_page)])

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
        """No bookmarks: the back cover's heading is no place in the text block."""

    def _covers(self, canv: Any, doc: Any) -> None:
        ctx, g = self.ctx, self.geometry
        page = ctx.geometry  # one cover's
        b, w, h = g.bleed, page.trim_w, g.trim_h
        front = g.folds[1]
        canv.saveState()
        canv.translate(g.offset, g.offset)
        # the back cover and the spine, to the bleed; on under the front cover by as much, so that the
        # front cover's colour panel meets no seam at the fold
        canv.setFillColor(self.styles.colour("primary"))
        canv.rect(-b, -b, front + 2 * b, h + 2 * b, stroke=0, fill=1)
        canv.saveState()  # the front cover, cut at the spine: its bleed is on the other three sides
        clip = canv.beginPath()
        clip.rect(front, -b, w + b, h + 2 * b)
        canv.clipPath(clip, stroke=0, fill=0)
        cover = Cover(ctx)
        cover.wrap(w, h)
        cover.drawOn(canv, front, 0)
        canv.restoreState()
        self.spine_text = self._spine_text(canv, (g.folds[0] + front) / 2, h / 2, front - g.folds[0])
        canv.restoreState()

    def _spine_text(self, canv: Any, x: float, y: float, width: float) -> bool:
        """The title · organisation · subtitle along the spine, centred, in white bold (reversed out
        of the colour, at the theme's reversed_min at least): reading down (English) or up (German),
        as the language's books do. False where the spine is too narrow or the line too long."""
        st, loc, rep = self.styles, self.ctx.locale, self.ctx.doc.report
        if width < SPINE_TEXT_MM * MM - 0.01:
            return False
        font = st.font["bold"]
        face = getFont(font).face
        cap, descent = face.capHeight / 1000, abs(face.descent) / 1000
        # from the descenders' foot to the capitals' top, centred across the spine, within its edges
        size = min(SPINE_TEXT_MAX, (width - 2 * SPINE_EDGE_MM * MM) / (cap + descent))
        floor = max(st.theme.plates.reversed_min, 6.0)
        room = self.geometry.trim_h - 2 * SPINE_END_MM * MM * st.scale
        title, org = loc.one_line(rep.title), loc.one_line(rep.organisation)
        both = rep.with_organisation(" · ", loc.one_line)
        for text in (f"{title} · {both}", f"{title} · {org}", title):
            drawn = fit_size(text, font, size, room, floor) if size >= floor else None
            if drawn is not None:
                break
        else:
            return False
        canv.saveState()
        canv.translate(x, y)
        canv.rotate(-90 if loc.spine == "down" else 90)
        canv.setFillColor(st.colour("paper"))
        canv.setFont(font, drawn)
        canv.drawString(-stringWidth(text, font, drawn) / 2, -(cap - descent) * drawn / 2, text)
        canv.restoreState()
        return True


def layout(ctx: LayoutContext) -> list[Any]:
    """The back cover's text (the closing page's), which the spread's frame sets."""
    return closing.layout(ctx)
