"""What a block places at a fixed size: a chart's drawing, an image the edition prepared; and the
source line under a chart. Shared by the single chart or image of a text section and a grid's cells."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, Spacer

from ..tagging import artifact, content
from .chartdata import chart_data
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_markup, rl_plain


class ChartFigure(Flowable):
    """Reserves the chart's box and paints the chart's form XObject, which the finishing stage
    adds to the page resources (matplotlib's own PDF, kept vector)."""

    def __init__(self, drawing: Any, alt: str):
        super().__init__()
        self.drawing, self.alt = drawing, alt
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        with content(self.canv, "Figure", alt=self.alt):
            self.canv.addLiteral(f"q {self.drawing.resource_name} Do Q")

def chart_parts(ctx: LayoutContext, node: Any, chart: Any, drawing: Any) -> list[Any]:
    """A chart's title (where a cross-reference to `node`, the block placing it, points), its drawing
    (and its data for screen readers), caption (where it has one) and source line."""
    st = ctx.styles
    return [
        ctx.anchored(node, Paragraph(rl_plain(chart.title, ctx.locale), st.para("figure_title"))),  # a Caption
        ChartFigure(drawing, chart.alt),  # plain text, not markup
        *chart_data(chart, ctx.locale, st.font["regular"]),
        Spacer(0, 2 * MM),
        *([Paragraph(rl_markup(chart.caption, ctx.locale, refs=ctx.refs), st.para("caption"))] if chart.caption
          else []),  # (only in a grid: model's content check)
        Paragraph(rl_plain(source_line(ctx.locale, chart.source), ctx.locale), st.para("source")),
    ]


def source_line(locale: Any, source: str) -> str:
    """The source line, with the language's label in front unless the author wrote one ("Quelle: …")."""
    return source if ":" in source[:30] else f"{locale.label('source')}: {source}"

class PlacedImage(Flowable):
    """An image prepared by the edition (a file or an image reader) at a fixed placed size."""

    def __init__(self, image: Any, width: float, height: float, alt: str | None, x: float = 0.0, align: str = "left",
                 drawn: Callable[[int], None] | None = None):
        super().__init__()
        self.image, self.width, self.height, self.alt, self.x = image, width, height, alt, x
        self.designed, self.align, self.drawn = (width, height, x), align, drawn  # drawn(page): a credit's place

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.x + self.width, self.height

    def scale_to(self, scale: float) -> None:
        """Set at `scale` of its designed size, in its place (a centred image stays centred)."""
        w, h, x = self.designed
        self.width, self.height = w * scale, h * scale
        self.x = x + (w - self.width) * {"left": 0.0, "center": 0.5, "right": 1.0}[self.align]

    anchor: Callable[[Any, float, float], None] | None = None  # a cross-reference names it (ctx.anchored)

    def draw(self) -> None:
        if self.anchor is not None:
            self.anchor(self.canv, self.x, self.height)
        # a decorative image (no alt) is an artifact, which screen readers skip
        with content(self.canv, "Figure", alt=self.alt) if self.alt is not None else artifact(self.canv):
            self.canv.drawImage(self.image, self.x, 0, self.width, self.height)
        if self.drawn is not None:
            self.drawn(self.canv.getPageNumber())
