"""Bar charts: one or more series over categories, side by side or stacked (with a total per bar),
positive and negative values on a diverging axis with a visible zero line."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..labels import LABEL_WRAP, THINNED_STEPS, counting, wrap_label
from ..locale import Locale
from ..theme import Theme
from .numbers import value_of, value_text, with_unit
from .style import (
    break_grid,
    colour,
    fit_tick_labels,
    legend_above,
    nice_range,
    palette,
    plain_axes,
    renderer,
    text_on,
    value_axis,
    zero_line,
)

SPAN = 0.72  # share of a category's room the bars take
TICK_MM = 14  # about one value tick per this many millimetres along the value axis
LABEL_PAD = 0.13  # room beyond the longest bar for its value label (share of the axis span)


def _label(chart: Any, k: int, i: int, locale: Locale) -> str:
    series = chart.series[k]
    decimals = getattr(series, "decimals", None)
    if decimals is None:
        decimals = getattr(chart, "decimals", None)
    # the axis carries the chart's unit; a series with a unit of its own says it at every value
    text = with_unit(value_text(series.values[i], locale, decimals), getattr(series, "unit", None), locale)
    quals = series.qualifiers or []
    q = quals[i] if i < len(quals) else None
    return f"{q} {text}" if q else text


def draw(fig: Figure, chart: Any, theme: Theme, locale: Locale) -> None:
    colours = palette(theme)
    ink = colour(theme, "ink")
    size = theme.sizes.caption
    horizontal = chart.orientation == "horizontal"
    stacked = bool(getattr(chart, "stacked", False)) and len(chart.series) > 1
    ax = fig.add_subplot()
    plain_axes(ax, horizontal)
    values = [[value_of(v) for v in s.values] for s in chart.series]
    n_cat, n_series = len(chart.categories), len(chart.series)
    positions = list(range(n_cat))
    if stacked:
        ups = [sum(max(vs[i], 0) for vs in values) for i in positions]
        downs = [sum(min(vs[i], 0) for vs in values) for i in positions]
    else:
        ups = [max([vs[i] for vs in values] + [0]) for i in positions]
        downs = [min([vs[i] for vs in values] + [0]) for i in positions]
    lo, hi = min(downs), max(ups)
    length_mm = (fig.bbox.width * 0.75 if horizontal else fig.bbox.height) / fig.dpi * 25.4
    ticks, step = nice_range(lo, hi, max(3, round(length_mm / TICK_MM)))
    pad = (LABEL_PAD if lo < 0 else 0.0, LABEL_PAD if hi > 0 else 0.0)
    value_axis(ax, ticks, step, locale, getattr(chart, "unit", None), horizontal, pad)
    zero_line(ax, theme, horizontal)

    negative = colour(theme, theme.charts.negative)
    thickness = SPAN if stacked else SPAN / n_series
    bar = ax.barh if horizontal else ax.bar
    base_up, base_down = [0.0] * n_cat, [0.0] * n_cat
    inside: list[tuple[Any, Any]] = []
    # white on colour must survive misregister in print: bold, at least the theme's reversed size
    inside_size = max(size, theme.plates.reversed_min)
    ends: list[Any] = []
    totals: list[Any] = []
    for k, vs in enumerate(values):
        fill = colours[k % len(colours)]
        offs = positions if stacked else [p - SPAN / 2 + thickness * (k + 0.5) for p in positions]
        fills = [negative if n_series == 1 and v < 0 else fill for v in vs]
        if stacked:
            bases = [base_down[i] if v < 0 else base_up[i] for i, v in enumerate(vs)]
        else:
            bases = [0.0] * n_cat
        kw = {"left": bases} if horizontal else {"bottom": bases}
        bars = bar(offs, vs, thickness * (0.9 if not stacked else 1), color=fills, zorder=2,
                   edgecolor=colour(theme, "paper") if stacked else "none", linewidth=0.6 if stacked else 0, **kw)
        for i, (rect, v) in enumerate(zip(bars, vs, strict=True)):
            text = _label(chart, k, i, locale)
            if stacked:
                inside.append((rect, ax.text(rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2,
                                             text, ha="center", va="center", fontsize=inside_size,
                                             fontweight="bold",
                                             color=text_on(fills[i], theme), zorder=5)))
            else:
                ends.append(_end_label(ax, offs[i], v, text, ink, size, horizontal))
        if stacked:
            for i, v in enumerate(vs):
                if v < 0:
                    base_down[i] += v
                else:
                    base_up[i] += v
    if stacked and not _shares_of_100(chart):  # bars of 100 % each: a total says nothing
        for i in positions:
            total = sum(values[k][i] for k in range(n_series))
            end = base_up[i] if total >= 0 else base_down[i]
            totals.append(_end_label(ax, i, end, _total_text(chart, i, locale), ink, size + 1, horizontal, bold=True))

    labels = ["\n".join(wrap_label(c, LABEL_WRAP[chart.orientation])) for c in chart.categories]
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.set_ylim(n_cat - 0.5, -0.5)
    else:
        ax.set_xticks(positions, labels)
        ax.set_xlim(-0.5, n_cat - 0.5)
    if n_series > 1 or chart.series[0].name:
        handles = [Patch(color=colours[k % len(colours)]) for k in range(n_series)]
        legend_above(fig, ax, handles, [s.name or "" for s in chart.series], theme)
    fig.tight_layout(pad=0.4)
    if not horizontal and counting(chart.categories):  # 24 months: every third (a quarter), …
        fit_tick_labels(fig, ax, steps=(1, *THINNED_STEPS))
    _make_room(fig, ax, ends + totals, horizontal)
    for rect, label in inside:  # a segment's value only where it fits; the total still gives the whole
        box, seg = label.get_window_extent(renderer(fig)), rect.get_window_extent(renderer(fig))
        if box.width > seg.width - 3 or box.height > seg.height - 1:
            label.remove()
    boxes = [e.get_window_extent(renderer(fig)) for e in ends]
    if any(a.overlaps(b) for j, a in enumerate(boxes) for b in boxes[j + 1:]):
        for e in ends:  # too many bars for a value on each: the value axis alone must do
            e.remove()
        ends = []
    break_grid(fig, ax, ends + totals, horizontal)


def _make_room(fig: Figure, ax: Any, labels: list[Any], horizontal: bool) -> None:
    """Widen the value axis until every value label lies inside the plot: a long label at the end of
    the longest bar would otherwise run into the category labels, the legend or the page."""
    for _ in range(3):
        box = ax.get_window_extent(renderer(fig))
        low = high = 0.0
        for label in labels:
            b = label.get_window_extent(renderer(fig))
            low = max(low, (box.x0 - b.x0) if horizontal else (box.y0 - b.y0))
            high = max(high, (b.x1 - box.x1) if horizontal else (b.y1 - box.y1))
        if low <= 0.5 and high <= 0.5:
            return
        lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
        per_px = (hi - lo) / (box.width if horizontal else box.height)
        limits = (lo - low * per_px * 1.15, hi + high * per_px * 1.15)
        (ax.set_xlim if horizontal else ax.set_ylim)(*limits)
        fig.tight_layout(pad=0.4)


def _shares_of_100(chart: Any) -> bool:
    """A stacked chart in percent whose every bar adds up to 100 (within rounding): shares of a whole."""
    from decimal import Decimal

    if getattr(chart, "unit", None) != "%":
        return False
    for i in range(len(chart.categories)):
        parts = [s.values[i] for s in chart.series]
        slack = Decimal(len(parts)) * Decimal(1).scaleb(-max(p.decimals for p in parts)) / 2
        if abs(sum((p.value for p in parts), Decimal(0)) - 100) > slack:
            return False
    return True


def _total_text(chart: Any, i: int, locale: Locale) -> str:
    """The sum of a stacked bar with as many decimals as its most precise part (exact: Decimal)."""
    from decimal import Decimal

    parts = [s.values[i] for s in chart.series]
    total = sum((p.value for p in parts), Decimal(0))
    decimals = getattr(chart, "decimals", None)
    if decimals is None:
        decimals = max(p.decimals for p in parts)
    return value_text(total, locale, decimals)


def _end_label(ax: Any, pos: float, value: float, text: str, ink: Any, size: float, horizontal: bool,
               bold: bool = True) -> Any:
    """A value beyond the end of its bar: right of (above) a positive bar, left of (below) a negative."""
    sign = -1 if value < 0 else 1
    if horizontal:
        return ax.annotate(text, (value, pos), xytext=(3 * sign, 0), textcoords="offset points", va="center",
                           ha="left" if sign > 0 else "right", fontsize=size, color=ink,
                           fontweight="bold" if bold else "normal", zorder=5)
    return ax.annotate(text, (pos, value), xytext=(0, 2.5 * sign), textcoords="offset points", ha="center",
                       va="bottom" if sign > 0 else "top", fontsize=size, color=ink,
                       fontweight="bold" if bold else "normal", zorder=5)

