"""Bar charts: one or more series over categories, side by side or stacked (with a total per bar),
positive and negative values on a diverging axis with a visible zero line."""

from __future__ import annotations

import math
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..labels import THINNED_STEPS, counting, label_wrap, wrap_label
from ..locale import Locale
from ..theme import Theme
from .numbers import currency_on_values, value_of, value_text, with_unit
from .style import (
    GRID_GAP,
    break_grid,
    colour,
    fit_tick_labels,
    legend_above,
    nice_range,
    nice_step,
    palette,
    plain_axes,
    renderer,
    text_on,
    value_axis,
    zero_line,
)

SPAN = 0.72  # share of a category's room the bars take
TICK_MM = 14  # about one value tick per this many millimetres along the value axis
SEGMENT_PAD = 2  # points of the segment clear beside a value inside it (each side; above and below: half)
# a stacked chart's grid spans at most this much more than its bars and totals need (1.5 let totals of 986 to
# 1,205 in a grid's cell stand under 0–1,000–2,000, the top 40 % of the plot empty, to clear the 1,000 line)
SPARE_GRID = 1.35
LABEL_PAD = 0.13  # room beyond the longest bar for its value label (share of the axis span)


def _label(chart: Any, k: int, i: int, locale: Locale, stacked: bool = False) -> str:
    series = chart.series[k]
    decimals = getattr(series, "decimals", None)
    if decimals is None:
        decimals = getattr(chart, "decimals", None)
    # the axis carries the chart's unit; a series with a unit of its own says it at every value, and so
    # does an amount of money where the language's readers expect it (en-US: $0.62M; not inside a segment)
    money = None if stacked else currency_on_values(getattr(chart, "unit", None), locale)
    unit = getattr(series, "unit", None) or money
    text = with_unit(value_text(series.values[i], locale, decimals), unit, locale)
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
    max_ticks = max(3, round(length_mm / TICK_MM))
    ticks, step = nice_range(lo, hi, max_ticks)
    pad = (LABEL_PAD if lo < 0 else 0.0, LABEL_PAD if hi > 0 else 0.0)
    # a bar of gains and losses has a net, not a total: printed at the end of its stack it would read as
    # the bar's height („1,1“ over a bar reaching 4,1); the segments carry the values, the caption the net
    mixed = stacked and any(max(vs[i] for vs in values) > 0 > min(vs[i] for vs in values) for i in positions)
    with_totals = stacked and not mixed and not _shares_of_100(chart)
    if with_totals or mixed:  # totals stand inside the outermost gridlines (_grid_around), not beyond them
        pad = (0.0, 0.0)
    value_axis(ax, ticks, step, locale, getattr(chart, "unit", None), horizontal, pad)
    zero_line(ax, theme, horizontal)

    negative = colour(theme, theme.charts.negative)
    thickness = SPAN if stacked else SPAN / n_series
    bar = ax.barh if horizontal else ax.bar
    base_up, base_down = [0.0] * n_cat, [0.0] * n_cat
    inside: list[tuple[int, Any, Any, float]] = []  # (series, segment, its label, its value)
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
            text = _label(chart, k, i, locale, stacked)
            if stacked:
                middle = (rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2)
                inside.append((k, rect, ax.text(*middle, text, ha="center", va="center", fontsize=inside_size,
                                                fontweight="bold", color=text_on(fills[i], theme), zorder=5), v))
            else:
                ends.append(_end_label(ax, offs[i], v, text, ink, size, horizontal))
        if stacked:
            for i, v in enumerate(vs):
                if v < 0:
                    base_down[i] += v
                else:
                    base_up[i] += v
    if with_totals:  # bars of 100 % each: a total says nothing
        for i in positions:
            total = sum(values[k][i] for k in range(n_series))
            end = base_up[i] if total >= 0 else base_down[i]
            totals.append(_end_label(ax, i, end, _total_text(chart, i, locale), ink, size + 1, horizontal, bold=True))

    width_mm = fig.bbox.width / fig.dpi * 25.4
    labels = ["\n".join(wrap_label(c, label_wrap(chart.orientation, width_mm))) for c in chart.categories]
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
    if totals:
        _grid_around(fig, ax, totals, (lo, hi), max_ticks, locale, getattr(chart, "unit", None), horizontal)
    if (totals or mixed) and not horizontal:  # (the limits end at the gridlines: no room left for totals)
        _clear_top_label(fig, ax)
    _make_room(fig, ax, ends + totals, horizontal)
    _label_segments(fig, inside, n_series)
    boxes = [e.get_window_extent(renderer(fig)) for e in ends]
    if any(a.overlaps(b) for j, a in enumerate(boxes) for b in boxes[j + 1:]):
        for e in ends:  # too many bars for a value on each: the value axis alone must do
            e.remove()
        ends = []
    break_grid(fig, ax, ends + totals, horizontal)


def _label_segments(fig: Figure, inside: list[tuple[int, Any, Any, float]], n_series: int) -> None:
    """A series' values stand in its segments where every one of them holds its label, else in none:
    a value in two bars of five reads as if the others were missing or mattered less. The legend
    names the series, the total gives each bar's whole. (A segment of 0 is not drawn: no label.)"""
    pt = fig.dpi / 72

    def fits(rect: Any, label: Any) -> bool:
        box, seg = label.get_window_extent(renderer(fig)), rect.get_window_extent(renderer(fig))
        return box.width <= seg.width - 2 * SEGMENT_PAD * pt and box.height <= seg.height - SEGMENT_PAD * pt

    for k in range(n_series):
        own = [(rect, label, v) for s, rect, label, v in inside if s == k]
        labelled = all(fits(rect, label) for rect, label, v in own if v != 0)
        for _rect, label, v in own:
            if not labelled or v == 0:
                label.remove()


def _grid_around(fig: Figure, ax: Any, totals: list[Any], data: tuple[float, float], max_ticks: int,
                 locale: Locale, unit: str | None, horizontal: bool) -> None:
    """The grid of a stacked chart is laid around its totals: each stands inside the outermost
    gridlines (never on the top one, beside its unit label „150 Tsd.“) and, where a coarser 1-2-5 step
    (at least three gridlines) allows, between two gridlines instead of on one: totals at varying
    heights across a line read as untidy. Where no step clears them (or only one that leaves much
    of the plot empty), the finest that holds them. Between 2 and 5 the steps take 2.5 (25, 250 …):
    totals of about 560 to 612 clear the gridlines of 0–250–500–750, where the next 1-2-5 step
    (500) ran the axis to 1000 and left its top 40 % empty."""
    lo, hi = data
    held = None  # the finest grid that holds the totals
    step = _ticks(ax, horizontal)[1] - _ticks(ax, horizontal)[0]
    for _ in range(4):  # the step nice_range chose and up to three coarser ones
        ticks = _ticks(ax, horizontal)
        for _ in range(3):  # a total's reach in data units changes with the axis it is measured on
            reach = _reach(fig, ax, totals, horizontal)
            want = nice_range(min(lo, reach[0]), max(hi, reach[1]), max_ticks, step=step)[0]
            if want == ticks:
                break
            ticks = want
            value_axis(ax, ticks, step, locale, unit, horizontal)
            fig.tight_layout(pad=0.4)
        reach = _reach(fig, ax, totals, horizontal)
        used = max(hi, reach[1]) - min(lo, reach[0])
        if held is not None and (len(ticks) < 3 or ticks[-1] - ticks[0] > SPARE_GRID * used):
            break  # a coarser step would leave too few gridlines or too much of the plot empty
        if reach[0] >= ticks[0] and reach[1] <= ticks[-1]:
            held = held or (ticks, step)
            if not _crossed(fig, ax, totals, ticks[1:-1], horizontal):
                return
        step = _coarser(step)
    if held is not None and held[0] != _ticks(ax, horizontal):
        value_axis(ax, *held, locale, unit, horizontal)
        fig.tight_layout(pad=0.4)


def _coarser(step: float) -> float:
    """The next step of a stacked chart's grid: 1-2-5, with 2.5 between 2 and 5 where its ticks stay
    whole numbers (200 → 250 → 500; but 2 → 5: ticks of 7.5 for counted things read wrong)."""
    power = 10 ** math.floor(math.log10(step) + 1e-9)
    if round(step / power, 6) == 2 and power >= 10:
        return 2.5 * power
    return nice_step(step * 1.5, 1)  # the next 1-2-5 step: 50 → 100, 20 → 50, 250 → 500


def _clear_top_label(fig: Figure, ax: Any) -> None:
    """The plot reaches as far above its top gridline as that line's label (centred on it) stands,
    and a gridline's gap more: the label keeps clear of the legend above the plot."""
    for _ in range(2):
        label = ax.yaxis.get_ticklabels()[-1]
        over = label.get_window_extent(renderer(fig)).y1 + GRID_GAP * fig.dpi / 72 - ax.bbox.y1
        if over <= 0.5:
            return
        lo, hi = ax.get_ylim()
        ax.set_ylim(lo, hi + over * (hi - lo) / ax.bbox.height)
        fig.tight_layout(pad=0.4)


def _ticks(ax: Any, horizontal: bool) -> list[float]:
    return [float(t) for t in (ax.get_xticks() if horizontal else ax.get_yticks())]


def _reach(fig: Figure, ax: Any, labels: list[Any], horizontal: bool) -> tuple[float, float]:
    """How far the labels reach along the value axis, a gridline's gap beyond them, in data units."""
    gap = GRID_GAP * fig.dpi / 72
    back = ax.transData.inverted()
    boxes = [label.get_window_extent(renderer(fig)) for label in labels]
    if horizontal:
        return (min(back.transform((b.x0 - gap, 0))[0] for b in boxes),
                max(back.transform((b.x1 + gap, 0))[0] for b in boxes))
    return (min(back.transform((0, b.y0 - gap))[1] for b in boxes),
            max(back.transform((0, b.y1 + gap))[1] for b in boxes))


def _crossed(fig: Figure, ax: Any, labels: list[Any], lines: list[float], horizontal: bool) -> bool:
    """Does a gridline at one of `lines` (data values) run through a label (or within its gap)?"""
    gap = GRID_GAP * fig.dpi / 72
    for label in labels:
        b = label.get_window_extent(renderer(fig))
        for at in lines:
            where = ax.transData.transform((at, at))[0 if horizontal else 1]
            if (b.x0 - gap <= where <= b.x1 + gap) if horizontal else (b.y0 - gap <= where <= b.y1 + gap):
                return True
    return False


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
    """The sum of a stacked bar (exact: Decimal) with as many decimals as the chart's most precise part:
    one chart's totals alike („1,10“ beside „0,85“, not „1,1“), none rounded."""
    from decimal import Decimal

    parts = [s.values[i] for s in chart.series]
    total = sum((p.value for p in parts), Decimal(0))
    decimals = getattr(chart, "decimals", None)
    if decimals is None:
        decimals = max(v.decimals for s in chart.series for v in s.values)
    money = currency_on_values(getattr(chart, "unit", None), locale)  # en-US: $663.1M
    return with_unit(value_text(total, locale, decimals), money, locale)


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

