"""A chart's data as a Table in the structure tree of the tagged edition.

Drawn as invisible text (text render mode 3) right after the chart's Figure, each cell in its own
marked-content sequence (TH/TD in TR in Table): screen readers read it, nobody sees it, and the
print edition (no tagger) draws nothing. A row's cells stand side by side, a space apart, so that a
viewer's copied text (and text extraction) reads each row as a line instead of cells drawn over
each other."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..charts.table import alt_has_data, data_rows
from ..charts.typeset import typeset
from ..locale import Locale
from ..tagging import content, group, tagger_of

CELL_SIZE = 1  # pt: invisible anyway; small so that the text stays inside the chart's box


class ChartData(Flowable):
    def __init__(self, rows: list[list[str]], font: str):
        super().__init__()
        self.rows, self.font = rows, font
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if tagger_of(self.canv) is None:
            return
        with group(self.canv, "Table"):
            for r, row in enumerate(self.rows):
                with group(self.canv, "TR"):
                    x = 0.0
                    for c, cell in enumerate(row):
                        # header cells say what they head, as a content table's do: its column (the
                        # first row) or its row (the first column); an empty corner heads nothing
                        scope = "Column" if r == 0 else "Row" if c == 0 else None
                        if scope and not (cell or "").strip():
                            scope = None
                        with content(self.canv, "TH" if scope else "TD", attrs={"Scope": scope} if scope else None):
                            self._invisible(cell, x, CELL_SIZE * (len(self.rows) - r))
                        x += stringWidth(f"{cell or ' '} ", self.font, CELL_SIZE)

    def _invisible(self, text: str, x: float, y: float) -> None:
        t: Any = self.canv.beginText(x, y)
        t.setFont(self.font, CELL_SIZE)
        t.setTextRenderMode(3)
        t.textOut(text or " ")
        self.canv.drawText(t)


def chart_data(chart: Any, locale: Locale, font: str) -> list[Flowable]:
    """The data table flowable where the alt text leaves numbers out, else nothing."""
    rows = data_rows(typeset(chart, locale), locale)  # its names as the drawing sets them
    if rows is None or alt_has_data(chart, locale):
        return []
    return [ChartData(rows, font)]
