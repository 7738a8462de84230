"""Chart kinds (one file each under charts/). CHART_KINDS is the registry."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ..errors import Diagnostics
from ..labels import LABEL_WRAP, LINE_MM, text_mm, wrap_label
from .numbers import Number
from .reader import Markup, Node, ReadContext, spec

# --- charts ------------------------------------------------------------------

MAX_CHART_VALUE = 1e9
MAX_CHART_MM = 200
AXIS_MM = 15  # the value axis and its labels under horizontal bars
VERTICAL_LABELS_MM = 150  # width the labels of vertical bars share
DESTINATION_ROW_MM = 4  # one destination (or group heading) in the destinations chart


@dataclass(kw_only=True)
class Series(Node):
    name: str | None = spec("Legend entry of the series (optional for a single series).", default=None)
    values: list[Number] = spec("One value per category, printed exactly as written (5, 2.5, 31.0).",
                                example=[5, 20, 6])
    qualifiers: list[str | None] | None = spec(
        "Optional words per value, e.g. 'rund' or 'mehr als'; null where none.", default=None)


@dataclass(kw_only=True)
class ChartBase(Node):
    title: str = spec("Chart title.", max_length=120)
    caption: Markup = spec("Caption: what the reader should see in the chart.")
    source: str = spec("Source line printed under the chart.", example="Quelle: Thüringen International")
    alt: str = spec("Text alternative: what the chart shows, with its data in words.")
    height: float = spec("Height of the chart drawing in millimetres.", default=70.0, example=70)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if not 30 <= self.height <= MAX_CHART_MM:
            diag.error(ctx.value_pos(self, "height"), f"chart height {self.height} mm is out of range",
                       "use a height between 30 and 200 mm")


@dataclass(kw_only=True)
class BarChart(ChartBase):
    kind: Literal["bar"] = spec("Chart kind: bars per category.")
    orientation: Literal["vertical", "horizontal"] = spec("Direction of the bars.", default="vertical")
    categories: list[str] = spec("The bar labels.", example=["Reisen", "Messen"], max_length=60, items=(1, 24))
    series: list[Series] = spec("One or more series of values.", items=(1, 6))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        for s in self.series:
            if len(s.values) != len(self.categories):
                hint = "give exactly one value per category"
                if len(s.values) == 2 * len(self.categories):
                    hint += ("; a decimal comma splits a number in an unquoted list ([1,5, 2,5] is four values):"
                             " write 1.5 or quote '1,5'")
                diag.error(s.pos, f"series has {len(s.values)} values but the chart has "
                           f"{len(self.categories)} categories", hint)
            if s.qualifiers is not None and len(s.qualifiers) != len(s.values):
                diag.error(s.pos, f"series has {len(s.qualifiers)} qualifiers for {len(s.values)} values",
                           "give one qualifier per value (null where there is none)")
            for i, v in enumerate(s.values):
                if v < 0 or v > MAX_CHART_VALUE:
                    diag.error(ctx.item_pos(s, "values", i), f"value {v} makes no sense in a bar chart",
                               f"bars show counts between 0 and {MAX_CHART_VALUE:.0e}")
        self._check_label_room(diag, ctx)

    def _check_label_room(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Category labels must not overlap: horizontal bars stack their labels, vertical bars set
        them side by side (estimated with the drawing's own wrapping, at the caption size)."""
        n = len(self.categories)
        lines = [wrap_label(c, LABEL_WRAP[self.orientation]) for c in self.categories]
        if self.orientation == "horizontal":
            need = AXIS_MM + n * max(len(ls) for ls in lines) * LINE_MM
            if self.height < need:
                fix = (f"make it at least {math.ceil(need)} mm high" if need <= MAX_CHART_MM
                       else "split the chart") + ", show fewer categories or shorten their names"
                diag.error(ctx.value_pos(self, "height"),
                           f"the labels of {n} bars do not fit a chart {self.height:g} mm high", fix)
        else:
            widest = max(text_mm(line) for ls in lines for line in ls)  # measured with the font
            if n * widest > VERTICAL_LABELS_MM:
                diag.error(ctx.value_pos(self, "categories"),
                           f"the labels of {n} vertical bars would overlap",
                           "use orientation: horizontal, fewer categories or shorter names")


@dataclass(kw_only=True)
class DestinationGroup(Node):
    name: str = spec("Kind of destination, e.g. 'Delegationsreisen'.", max_length=50)
    places: list[str] = spec("Destinations of this kind.", example=["Japan", "Kalifornien"], max_length=55,
                             items=(1, 24))


@dataclass(kw_only=True)
class DestinationsChart(ChartBase):
    kind: Literal["destinations"] = spec("Chart kind: routes from one origin to destinations, by group.")
    origin: str = spec("Where the routes start.", example="Thüringen", max_length=30)
    groups: list[DestinationGroup] = spec("Groups of destinations, each drawn in its own colour.", items=(1, 8))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        places = sum(len(g.places) for g in self.groups)
        if places > 24:
            diag.error(self.pos, "too many destinations for one diagram (more than 24)",
                       "split the destinations into two charts")
        elif self.height < DESTINATION_ROW_MM * (places + len(self.groups)):
            need = DESTINATION_ROW_MM * (places + len(self.groups))
            diag.error(ctx.value_pos(self, "height"), f"{places} destinations in {len(self.groups)} groups do not "
                       f"fit a chart {self.height:g} mm high", f"make it at least {need:g} mm high")


CHART_KINDS: dict[str, type] = {
    "bar": BarChart,
    "destinations": DestinationsChart,
}

