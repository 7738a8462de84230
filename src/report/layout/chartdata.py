"""A chart's data as a Table in the structure tree of the tagged edition.

Drawn as invisible text (text render mode 3) right after the chart's Figure, each cell in its own
marked-content sequence (TH/TD in TR in Table): screen readers read it, nobody sees it, and the
print edition (no tagger) draws nothing."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ..charts.table import alt_has_data, data_rows
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
                    for c, cell in enumerate(row):
                        role = "TH" if r == 0 or c == 0 else "TD"
                        with content(self.canv, role):
                            self._invisible(cell, CELL_SIZE * (len(self.rows) - r))

    def _invisible(self, text: str, y: float) -> None:
        t: Any = self.canv.beginText(0, y)
        t.setFont(self.font, CELL_SIZE)
        t.setTextRenderMode(3)
        t.textOut(text or " ")
        self.canv.drawText(t)


def chart_data(chart: Any, locale: Locale, font: str) -> list[Flowable]:
    """The data table flowable where the alt text leaves numbers out, else nothing."""
    rows = data_rows(chart, locale)
    if rows is None or alt_has_data(chart, locale):
        return []
    return [ChartData(rows, font)]
