"""Page geometry, page templates and the document template.

All layout is drawn in trim coordinates. An edition with bleed makes the page
larger (trim + 2 × (bleed + slug)) and everything is shifted by `offset`;
backgrounds that bleed draw from -bleed to trim + bleed. Page furniture (running
heads, folios, the edition's marks) lives in onPage callbacks, content in flowables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.flowables import BalancedColumns

from ..errors import Pos
from ..tagging import artifact
from .fit import drawn_size
from .styles import MM, Styles

A4 = (210 * MM, 297 * MM)  # the default trim; the theme's page.size chooses another


@dataclass(frozen=True)
class Geometry:
    trim_w: float
    trim_h: float
    bleed: float = 0.0
    slug: float = 0.0  # room outside the bleed for crop marks and the slug line
    folds: tuple[float, ...] = ()  # where the page folds, from the trim's left edge (a cover spread's spine)
    # facing pages (print): the inner margin at the binding, left on odd pages and right on even ones,
    # running head and folio outside; False (screen, read a page at a time): every page as a recto
    mirrored: bool = True

    def recto(self, page: int) -> bool:
        """Whether text page `page` is set as a right-hand page: its inner margin on the left."""
        return page % 2 == 1 or not self.mirrored

    @property
    def offset(self) -> float:
        return self.bleed + self.slug

    @property
    def media(self) -> tuple[float, float]:
        return self.trim_w + 2 * self.offset, self.trim_h + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return o, o, o + self.trim_w, o + self.trim_h

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        o = self.offset - self.bleed
        return o, o, o + self.trim_w + 2 * self.bleed, o + self.trim_h + 2 * self.bleed


class BlockTooLarge(LayoutError):
    """A flowable that fits on no page and cannot be split; `pos` is the content block it came from."""

    def __init__(self, message: str, pos: Pos | None):
        super().__init__(message)
        self.pos = pos


def with_source(flowables: list[Any], pos: Pos) -> list[Any]:
    """Mark flowables (and what a KeepTogether holds) with the content block they lay out, so that a
    layout failure can name its file and line; an inner block's mark is kept."""
    for f in flowables:
        if getattr(f, "source_pos", None) is None:
            f.source_pos = pos
        inner = getattr(f, "_content", None)
        if isinstance(inner, list):
            with_source(inner, pos)
    return flowables


def source_of(flowable: Any) -> Pos | None:
    """The content position a flowable (or a part split from it) was marked with."""
    pos = getattr(flowable, "source_pos", None)
    if pos is None:
        for inner in getattr(flowable, "_content", None) or []:
            if (pos := source_of(inner)) is not None:
                break
    return pos


def text_frame_height(geometry: Geometry, page: Any) -> float:
    """Height of the text frame of the left and right pages, in points."""
    return geometry.trim_h - (page.margin_top + page.margin_bottom) * MM


class TextFrame(Frame):
    """A frame that drops a Spacer which no longer fits at its foot: the page break is space enough.
    Carried over, it would start the next page lower, or make a page of its own with nothing but the
    running head when nothing else follows (a chart filling the last text page of a small format)."""

    def add(self, flowable: Any, canv: Any, trySplit: int = 0) -> int:  # noqa: N803 - reportlab's name
        if type(flowable) is Spacer and not self._atTop and flowable.height > self._y - self._y1p:
            return 1
        return super().add(flowable, canv, trySplit)

    _add = add

    def _geom(self) -> None:
        """reportlab's, but the width for the text is the frame's width, not `x2 - x1`: that differs
        in the last bits with where the frame stands (a recto or verso page, the print edition's
        bleed), and so did the memo keys of every paragraph's line breaks."""
        super()._geom()
        self._aW = self._width - self._leftPadding - self._rightPadding


class ReportDocTemplate(BaseDocTemplate):
    """Cover, left/right text pages (mirrored in print, see Geometry.mirrored); headings feed outline
    and contents."""

    def __init__(self, buf: Any, geometry: Geometry, styles: Styles, meta: dict[str, Any],
                 page_hook: Callable[[Any, Geometry, int], None] | None = None, tagger: Any = None,
                 first: str = "cover", **kw: Any):
        """`first`: the template of the first page: the cover, or a right-hand text page where the
        covers are printed apart (a perfect-bound text block begins with the contents)."""
        self.tagger = tagger  # records the structure tree (screen edition), see report.tagging
        self.geometry = geometry
        self.styles = styles
        self.meta = meta
        self.page_hook = page_hook
        self.brand: Any = None  # layout.logo.Brand: the running head shows the logo where the theme says so
        self.prepare_image: Any = None
        self.padded: list[tuple[int, str]] = []  # pages added for the binding (layout.padding): (number, kind)
        super().__init__(buf, pagesize=geometry.media, initialFontName=styles.font["regular"],
                         title=meta["title"], author=meta["author"], subject=meta["subject"],
                         keywords=meta["keywords"], lang=meta["lang"], creator="report",
                         displayDocTitle=1, pageCompression=1, **kw)
        self._make_templates()
        self._firstPageTemplateIndex = [t.id for t in self.pageTemplates].index(first)

    def _make_templates(self) -> None:
        g, page = self.geometry, self.styles.theme.page
        o = g.offset
        bottom = page.margin_bottom * MM
        width = page.text_width
        height = text_frame_height(g, page)

        def frame(x: float, fid: str) -> Frame:
            return TextFrame(o + x, o + bottom, width, height, id=fid, leftPadding=0, rightPadding=0,
                             topPadding=0, bottomPadding=0)

        cover = Frame(o, o, g.trim_w, g.trim_h, id="cover", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        photo = Frame(o, o, g.trim_w, g.trim_h, id="photo", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [cover], onPageEnd=self._finish_page),
            # a photo on a page of its own (layout.photo): the trim box, no running head or folio
            PageTemplate("photo", [photo], onPageEnd=self._finish_page),
            # verso (even pages): binding on the right; recto (odd pages): binding on the left. Which
            # of the two a text page gets is decided by its number as it begins (handle_pageBegin)
            PageTemplate("left", [frame(page.margin_outer * MM, "left")], onPage=self._furniture,
                         onPageEnd=self._finish_page),
            PageTemplate("right", [frame(page.margin_inner * MM, "right")], onPage=self._furniture,
                         onPageEnd=self._finish_page),
            # the back page: full-bleed colour, no running head
            PageTemplate("back", [frame(page.margin_inner * MM, "back")], onPage=self._back,
                         onPageEnd=self._finish_page),
        ])

    def handle_documentBegin(self) -> None:  # noqa: N802 - reportlab's name
        # each pass of the layout records its pages anew (see _finish_page, afterFlowable)
        self.page_room: dict[int, float] = {}  # the room a text page's frame leaves at its foot
        self.page_blocks: dict[int, list[Pos]] = {}  # the content blocks a text page holds, in order
        super().handle_documentBegin()

    def handle_pageBegin(self) -> None:  # noqa: N802 - reportlab's name
        """A text page takes the template of its side by its own number, as its running head does, not
        the one reportlab's bookkeeping names: that alternated by counting, and its
        autoNextPageTemplate keeps the index it set, so after a photo page (which interrupts the
        left/right cycle) each side came twice and every later page had the other side's margins."""
        if self.pageTemplate.id in ("left", "right"):
            side = "right" if self.geometry.recto(self.canv.getPageNumber()) else "left"
            self.pageTemplate = next(t for t in self.pageTemplates if t.id == side)
        super().handle_pageBegin()

    def _back(self, canv: Any, doc: Any) -> None:
        with artifact(canv):
            self._back_colour(canv)

    def _back_colour(self, canv: Any) -> None:
        g = self.geometry
        canv.saveState()
        canv.setFillColor(self.styles.colour("primary"))
        canv.rect(g.offset - g.bleed, g.offset - g.bleed, g.trim_w + 2 * g.bleed, g.trim_h + 2 * g.bleed,
                  stroke=0, fill=1)
        canv.restoreState()

    def _furniture(self, canv: Any, doc: Any) -> None:
        """Running head and folio; never on the cover, nor on a page left intentionally blank (as
        printers set them). Artifacts, not content, for assistive technology."""
        if (canv.getPageNumber(), "blank") in self.padded:
            return
        with artifact(canv):
            self._running_head(canv)

    def _running_head(self, canv: Any) -> None:
        g, st, page = self.geometry, self.styles, self.styles.theme.page
        n = canv.getPageNumber()
        recto = g.recto(n)
        canv.saveState()
        canv.translate(g.offset, g.offset)
        size = st.theme.sizes.running
        outer_x = g.trim_w - page.margin_outer * MM if recto else page.margin_outer * MM
        head_y = g.trim_h - page.margin_top * MM + 9 * MM * st.scale
        head = self.meta["running_head"]
        drawn = drawn_size(head, st.font["bold"], size, page.text_width)
        canv.setFont(st.font["bold"], drawn)
        canv.setFillColor(st.text_colour("primary", drawn, st.font["bold"]))
        (canv.drawRightString if recto else canv.drawString)(outer_x, head_y, head)
        canv.setStrokeColor(st.colour("rule"))
        canv.setLineWidth(0.5)
        left = page.margin_inner * MM if recto else page.margin_outer * MM
        if self.brand is not None and self.brand.spec.running_head:
            self._running_logo(canv, head_y, left if recto else left + page.text_width, recto)
        rule_y = head_y - 3 * MM * st.scale
        canv.line(left, rule_y, left + page.text_width, rule_y)
        canv.setFont(st.font["regular"], size)
        canv.setFillColor(st.text_colour("muted", size, st.font["regular"]))
        folio_y = page.margin_bottom * MM - 12 * MM * st.scale
        (canv.drawRightString if recto else canv.drawString)(outer_x, folio_y, f"{n}")
        canv.restoreState()

    def _running_logo(self, canv: Any, base_y: float, inner_x: float, recto: bool) -> None:
        """A small logo at the inner end of the running head, standing on its baseline."""
        from .logo import RUNNING_LOGO, draw_logo, running_logo_width
        art = self.brand.art
        height = self.styles.theme.sizes.running * RUNNING_LOGO  # (a wide logo is narrower: stands as high)
        width = running_logo_width(art, self.styles.theme)
        x = inner_x if recto else inner_x - width
        draw_logo(canv, self.brand, self.styles, x, base_y - 0.15 * height, width, dark=None,
                  prepare_image=self.prepare_image, tagged=False)

    def _finish_page(self, canv: Any, doc: Any) -> None:
        if self.pageTemplate.id in ("left", "right") and self.frame is not None:
            self.page_room[canv.getPageNumber()] = max(0.0, self.frame._y - self.frame._y1p)
        if self.page_hook:
            with artifact(canv):
                self.page_hook(canv, self.geometry, canv.getPageNumber())

    def handle_flowable(self, flowables: list[Any]) -> None:
        """reportlab's, but a flowable that fits nowhere names the content block it came from."""
        first = flowables[0] if flowables else None
        before = len(flowables)
        try:
            super().handle_flowable(flowables)
        except BlockTooLarge:
            raise
        except LayoutError as exc:
            raise BlockTooLarge(str(exc), source_of(first)) from None
        pos, added = source_of(first), len(flowables) - before + 1
        if pos is not None and added > 0:  # the parts of a split flowable come from the same block
            with_source(flowables[:added], pos)

    def afterFlowable(self, flowable: Any) -> None:
        """Headings carry `toc_entry` = (level, text, key): bookmark, outline and contents entry. Each
        content block a text page holds is recorded (page_blocks: layout.pagefill.short_pages)."""
        if self.pageTemplate.id in ("left", "right") and not (
                isinstance(flowable, ActionFlowable | Spacer) or getattr(flowable, "_ZEROSIZE", False)):
            # (not what takes no room: a mark, a page break, a split's first action); two columns: their blocks
            inner = flowable._content if isinstance(flowable, BalancedColumns) else [flowable]
            blocks = self.page_blocks.setdefault(self.page, [])
            blocks += [pos for pos in map(source_of, inner) if pos is not None and (not blocks or blocks[-1] != pos)]
        outline = getattr(flowable, "outline_entry", None)
        if outline:  # a bookmark only (the contents page itself), not a line in the contents
            text, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0, closed=False)
        entry = getattr(flowable, "toc_entry", None)
        if entry:
            level, text, key = entry
            # a section that opens with a page photo begins on the photo's page (its bookmark is there)
            opened = getattr(getattr(flowable, "opened_by", None), "page", None)
            if opened is None:
                self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)
            self.notify("TOCEntry", (level, text, opened or self.page, key))
