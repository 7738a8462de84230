"""Charts: one module per kind, each turning a model chart into a vector PDF drawing.

`render_charts` is the pipeline stage: it returns, per chart id, a one-page PDF
(matplotlib's own PDF output) that the finishing stage places as a form XObject.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..locale import Locale
from ..model import BarChart, DestinationsChart
from ..theme import Theme


@dataclass(frozen=True)
class ChartDrawing:
    """A rendered chart: a one-page vector PDF of exactly the placed size."""

    chart_id: str
    pdf: bytes
    width: float  # points
    height: float

    @property
    def resource_name(self) -> str:
        """A PDF name unique per chart: ASCII only (ids are file names, 'größe' included), with a
        hash so that ids that differ only in punctuation ('a-b', 'a_b') never share a drawing."""
        readable = "".join(c if c.isascii() and c.isalnum() else "_" for c in self.chart_id)
        return f"/RptChart_{readable}_{hashlib.sha1(self.chart_id.encode()).hexdigest()[:8]}"


def _kinds() -> dict[type, Callable]:
    from . import bar, destinations  # imported on use: they pull in matplotlib
    return {BarChart: bar.draw, DestinationsChart: destinations.draw}


def render_charts(charts: dict[str, Any], theme: Theme, fonts: dict[str, Path], locale: Locale,
                  width: float) -> dict[str, ChartDrawing]:
    """Render every chart at `width` points wide and its own height."""
    if not charts:
        return {}
    from .render import render_pdf
    kinds = _kinds()
    return {cid: render_pdf(cid, chart, kinds[type(chart)], theme, fonts, locale, width)
            for cid, chart in charts.items()}
