"""What every layout module gets: the document, the edition's styles, charts and image hook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..charts import ChartDrawing
from ..locale import Locale
from ..model import Document
from .styles import Styles
from .templates import Geometry


@dataclass
class LayoutContext:
    doc: Document
    styles: Styles
    locale: Locale
    geometry: Geometry
    charts: dict[str, ChartDrawing]
    # (source image, placed width pt, placed height pt) → file to embed (edition-specific)
    prepare_image: Callable[..., Any]  # the edition's (path, width, height, at, ground, crop)
    text_width: float  # width of the text frame in points
    page_multiple: int = 1  # the page count must be a multiple of this (binding); see layout.padding
    # the cover and the back cover are the first and last page; False: printed apart (layout.spread), the
    # document is the text block, which begins with the contents on page 1
    covers: bool = True
    padded: list[tuple[int, str]] = field(default_factory=list)  # pages added for the binding: (number, kind)
    contents_seed: Any = None  # contents.SeedSlot: the previous build's contents lines, if kept
    refs: Any = None  # refs.PageRefs: the numbers cross-references print and their targets (None: no references)
    brand: Any = None  # layout.logo.Brand when the theme has a logo
    column_x: float | None = None  # where body text starts; None: the theme's text column (boxes, columns: 0)
    # credited images as drawn: their block's id → (page, credit), for the closing page's image credits
    # (every pass of the layout draws them again, on the page they take in it)
    credits: dict[int, tuple[int, str]] = field(default_factory=dict)
    # where each section starts and ends as drawn: (index, "start"/"end") → (page, room left; see pagefill)
    section_ends: dict[tuple[int, str], tuple[int, float]] = field(default_factory=dict)

    def anchored(self, node: Any, flowable: Any) -> Any:
        """`flowable`, which lays out `node`, marked as the place a cross-reference names if one does:
        it calls its `anchor` when it is drawn (see refs.PageRefs.anchor)."""
        mark = self.refs.anchor(node) if self.refs is not None else None
        if mark is not None:
            before = getattr(flowable, "anchor", None)  # (a page photo: its own id's, and its section's)
            flowable.anchor = mark if before is None else lambda *at: (before(*at), mark(*at))
        return flowable

    def credited(self, block: Any, credit: str) -> Callable[[int], None]:
        """What an image calls with its page when it is drawn, to be listed with its credit."""
        return lambda page: self.credits.__setitem__(id(block), (page, credit))

    @property
    def own_language(self) -> str | None:
        """The language of what is laid out, where it is not the report's (a section's `language:`):
        its Sect in the tagged structure says so. None in the report's language."""
        return None if self.locale.language == self.doc.report.language else self.locale.language


def in_language(ctx: LayoutContext, language: str | None) -> LayoutContext:
    """The context for a section written in `language` (its own `language:`; None: the report's):
    that language's typography, hyphenation, number format and labels. Everything collected while
    laying out (credits, section ends, notes) stays shared with the report's context."""
    if language is None or language == ctx.locale.language:
        return ctx
    locale = ctx.doc.locale(language)
    return replace(ctx, locale=locale, styles=replace(ctx.styles, locale=locale))


def draw_image(canv: Any, image: Any, x: float, y: float, width: float, height: float) -> None:
    """Draw an image the edition prepared; one that kept its transparency (an alpha channel as
    reportlab's `_dataA`: a logo, a signature, prepared with `ground`) is drawn with it as its soft
    mask. (Others are drawn without `mask`, which would rename them: reportlab names an image by it.)"""
    canv.drawImage(image, x, y, width, height, mask="auto" if getattr(image, "_dataA", None) else None)
