"""Which theme colours each chart draws side by side, and a warning for two of them that look alike
(theme.chart_colour_clashes): only where one chart draws both. A palette of eight colours whose
seventh and eighth are close is no problem for a report whose charts show at most six series."""

from __future__ import annotations

from typing import Any

from ..errors import Diagnostic
from ..theme import Theme


def colours_drawn(chart: Any, theme: Theme) -> set[str]:
    """The theme colours `chart` tells its parts apart by, as the drawing modules pick them: the
    palette in order, one per series (bar, line), share (donut, pie) or group (destinations); a
    single-series bar chart with a value below zero draws those bars in charts.negative."""
    palette = theme.charts.palette
    kind = getattr(chart, "kind", None)
    if kind in ("bar", "line"):
        series = chart.series or []
        parts = len(series)
        negative = kind == "bar" and parts == 1 and any(v.value < 0 for v in series[0].values)
    elif kind in ("donut", "pie"):
        parts, negative = len(chart.values or []), False
    elif kind == "destinations":
        parts, negative = len(chart.groups), False
    else:
        return set()
    used = {palette[k % len(palette)] for k in range(parts)}
    return used | {theme.charts.negative} if negative else used


def colour_warnings(charts: dict[str, Any], theme: Theme) -> list[Diagnostic]:
    """A warning for each pair of alike chart colours that a chart draws together, naming the
    chart (and how many more do), at the theme colour to change."""
    out = []
    clashes = theme.chart_colour_clashes()
    if not clashes:
        return out
    drawn = {name: colours_drawn(chart, theme) for name, chart in charts.items()}
    for clash in clashes:
        both = [name for name, used in drawn.items() if clash.a in used and clash.b in used]
        if both:
            more = f" and {len(both) - 1} more" if len(both) > 1 else ""
            out.append(theme.clash_warning(clash, f" in chart '{both[0]}'{more}"))
    return out
