"""Line and area charts: one to six series over categories, named at their line ends instead of in a
legend, one highlighted point (the record month) with its value."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.transforms import ScaledTranslation

from ..locale import Locale
from ..model import parse_number
from ..theme import Theme
from .numbers import value_of, value_text, with_unit
from .style import (
    LABEL_GAP,
    colour,
    fit_tick_labels,
    legend_above,
    nice_range,
    palette,
    plain_axes,
    renderer,
    spread,
    text_colour,
    value_axis,
    zero_line,
)

MM = 72 / 25.4
TICK_MM = 13  # about one value tick per this many millimetres of height
END_LABEL_SHARE = 0.3  # direct labels may take this share of the width, else a legend above
LINE_WIDTH = 1.8  # points
MARKER_PT, HIGHLIGHT_PT = 3.6, 7  # marker sizes: every value's dot, the highlighted one's ring
OFFSET_PT = 10  # from a line end to its label; a short leader in the series colour bridges it
END_CLEAR_PT = 1.0  # a name at a line end ends this far inside the chart's right edge …
END_SLACK = 0.03  # … measured this much wider than Agg measures it (the PDF sets it up to 3 % wider)


def draw(fig: Figure, chart: Any, theme: Theme, locale: Locale) -> None:
    colours = palette(theme)
    size = theme.sizes.caption
    ax = fig.add_subplot()
    plain_axes(ax)
    xs = positions(chart, locale)
    # a missing value (null: a year without a survey) is NaN, where matplotlib breaks the line off
    values = [[value_of(v) if v is not None else math.nan for v in s.values] for s in chart.series]
    flat = [v for vs in values for v in vs if not math.isnan(v)]
    lo, hi = min(flat), max(flat)
    # an area (and a line whose values start near zero) grows from zero; a line of values that all
    # sit far from zero may use the room for its shape
    zero = chart.area or lo <= 0 <= hi or (lo > 0 and lo <= 0.5 * hi) or (hi < 0 and hi >= 0.5 * lo)
    ticks, step = nice_range(lo, hi, max(3, round(chart.height / TICK_MM)), zero=zero)
    pad = 0.12 if chart.highlight is not None else 0.02
    value_axis(ax, ticks, step, locale, getattr(chart, "unit", None), pad=(pad if lo < 0 else 0, pad))
    if ticks[0] < 0 < ticks[-1] or ticks[0] == 0 or ticks[-1] == 0:
        zero_line(ax, theme)

    lines = []
    for k, vs in enumerate(values):
        c = colours[k % len(colours)]
        (line,) = ax.plot(xs, vs, color=c, linewidth=LINE_WIDTH, solid_capstyle="round", zorder=4,
                          marker="o" if chart.markers else None, markersize=MARKER_PT,
                          markeredgecolor=colour(theme, "paper"), markeredgewidth=0.6)
        lines.append(line)
        if not chart.markers:  # a value between two gaps: no line leads to it, a dot shows it
            alone = [i for i, v in enumerate(vs) if not math.isnan(v) and all(
                j < 0 or j >= len(vs) or math.isnan(vs[j]) for j in (i - 1, i + 1))]
            if alone and len(alone) < len(vs):
                ax.plot([xs[i] for i in alone], [vs[i] for i in alone], linestyle="none", marker="o", color=c,
                        markersize=LINE_WIDTH * 1.8, markeredgewidth=0, zorder=4)
        if chart.area:
            ax.fill_between(xs, [0] * len(vs), vs, color=c, alpha=0.18, linewidth=0, zorder=2)
    ax.set_xticks(xs, chart.categories)
    margin = 0.25 * min(b - a for a, b in zip(xs, xs[1:], strict=False)) if len(xs) > 1 else 0.25
    ax.set_xlim(xs[0] - margin, xs[-1] + margin)

    value_label = None
    marked = _marked_series(chart)
    if chart.highlight is not None:
        # with several series a ring in the highlight colour would read as another series' point
        ring = colour(theme, theme.charts.highlight) if len(values) == 1 else colours[marked % len(colours)]
        value_label = _highlight(ax, chart, xs, values[marked], ring, theme, locale, marked)

    names = [s.name or "" for s in chart.series]
    labelled = any(names) and (len(names) > 1 or names[0])
    end_labels = []
    # a name stands at its line's end, at the last category: a line that misses its last value is named above
    ends = not any(math.isnan(vs[-1]) for vs in values)
    if labelled and ends and _fits_at_ends(fig, names, size):
        shift = ScaledTranslation(OFFSET_PT / 72, 0, fig.dpi_scale_trans)
        # each name in its series' colour where every one reads on paper, else all in ink (the leaders
        # keep the colours): one navy name among black ones reads as if that series mattered more
        inks = [text_colour(colours[k % len(colours)], theme) for k in range(len(names))]
        if any(c != tuple(colours[k % len(colours)]) for k, c in enumerate(inks)):
            inks = [colour(theme, "ink")] * len(names)
        for name, vs, ink in zip(names, values, inks, strict=True):
            end_labels.append(ax.text(xs[-1], vs[-1], name, transform=ax.transData + shift, va="center",
                                      ha="left", fontsize=size, fontweight="bold", color=ink))
    elif labelled:
        legend_above(fig, ax, [Line2D([], [], color=line.get_color(), linewidth=LINE_WIDTH) for line in lines],
                     names, theme)
    fig.tight_layout(pad=0.4)
    _room_at_ends(fig, ax, xs, chart.highlight is not None)
    if end_labels and _inside(fig, ax, end_labels):
        _room_at_ends(fig, ax, xs, chart.highlight is not None)
    numeric = getattr(chart, "x", "categories") == "numeric"
    bold = [chart.categories.index(chart.highlight)] if chart.highlight is not None else []
    if numeric:  # a scale shows where it ends
        fit_tick_labels(fig, ax, [*bold, len(xs) - 1])
    else:
        if bold and bold[0] not in fit_tick_labels(fig, ax):  # every n-th, counted from the highlight
            fit_tick_labels(fig, ax, bold, steps=range(2, len(xs)))
    if end_labels:
        _spread_end_labels(fig, ax, end_labels, [vs[-1] for vs in values], size)
        for k, (label, vs) in enumerate(zip(end_labels, values, strict=True)):
            _leader(fig, ax, xs[-1], vs[-1], label.get_position()[1], colours[k % len(colours)])
    if value_label is not None:
        _place_value_label(fig, ax, value_label, lines, end_labels, marked)


def _broken_off(path: Path) -> Path:
    """A line's path where its gaps (NaN) are breaks (a move to the next point), as it is drawn."""
    return path.cleaned(remove_nans=True) if np.isnan(path.vertices).any() else path


def _room_at_ends(fig: Figure, ax: Any, xs: list[float], highlight: bool) -> None:
    """The first and last points lie inside the axis with their marker: on a numeric axis a quarter
    of the smallest step (2024 to 2025 of 2003 to 2025) is less than the highlight's ring."""
    need = ((HIGHLIGHT_PT if highlight else MARKER_PT) / 2 + 1.5) * fig.dpi / 72
    per_unit = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    lo, hi = ax.get_xlim()
    margin = need / per_unit
    if xs[0] - lo < margin or hi - xs[-1] < margin:
        ax.set_xlim(min(lo, xs[0] - margin), max(hi, xs[-1] + margin))


def _inside(fig: Figure, ax: Any, labels: list[Any]) -> bool:
    """The plot narrowed where a name at a line end would run past the chart's right edge; True if it
    was. tight_layout makes room for the names once, but they stand by the last point, which moves as
    the plot narrows, and Agg's hinted widths run up to 3 % short of the PDF's: "Ressources propres"
    in a grid's cell ended 2 pt beyond the drawing's edge, its last letter cut off."""
    r = renderer(fig)
    limit = fig.bbox.width - END_CLEAR_PT * fig.dpi / 72
    narrowed = False
    for _ in range(4):  # the last point moves with the plot's right edge, nearly one for one
        over = max(b.x1 + END_SLACK * b.width for b in (t.get_window_extent(r) for t in labels)) - limit
        if over <= 0.1:
            break
        pos = ax.get_position()
        ax.set_position([pos.x0, pos.y0, pos.width - over / fig.bbox.width, pos.height])
        narrowed = True
    return narrowed


def _leader(fig: Figure, ax: Any, x: float, y_end: float, y_label: float, c: Any) -> None:
    """From the line end to its label: ties the name to the colour, also where the label moved.
    Offsets in points are turned into data units (their ratio does not change when saving)."""
    per_unit = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    points = fig.dpi / 72 / per_unit
    ax.plot([x + 2.5 * points, x + (OFFSET_PT - 2) * points], [y_end, y_label], color=c, linewidth=0.9,
            solid_capstyle="butt", zorder=5, clip_on=False)


def _fits_at_ends(fig: Figure, names: list[str], size: float) -> bool:
    probe = fig.text(0, 0, max(names, key=len), fontsize=size, fontweight="bold")
    width = probe.get_window_extent(renderer(fig)).width
    probe.remove()
    return width <= END_LABEL_SHARE * fig.bbox.width


def _spread_end_labels(fig: Figure, ax: Any, labels: list[Any], ends: list[float], size: float) -> None:
    """Labels at the line ends, moved apart just enough that none touches another."""
    to_display = ax.transData.transform
    ys = [to_display((0, y))[1] for y in ends]
    box = ax.bbox
    gap = size * LABEL_GAP * fig.dpi / 72
    placed = spread(ys, gap, box.y0 + gap / 2, box.y1 - gap / 2)
    back = ax.transData.inverted().transform
    for label, y in zip(labels, placed, strict=True):
        x, _ = label.get_position()
        label.set_position((x, back((0, y))[1]))


def positions(chart: Any, locale: Locale) -> list[float]:
    """Where each category sits on the x axis: evenly (months, years), or at its value where the
    categories are numbers on a scale (`x: numeric`: 2010, 2015, 2020, 2022 keep their distances)."""
    if getattr(chart, "x", "categories") == "numeric":
        return [float(parse_number(c, locale).value) for c in chart.categories]
    return [float(i) for i in range(len(chart.categories))]


def _marked_series(chart: Any) -> int:
    """The series whose value at the highlighted category is marked: `highlight_series`, or the first."""
    name = getattr(chart, "highlight_series", None)
    return next((k for k, s in enumerate(chart.series) if name is not None and s.name == name), 0)


def _highlight(ax: Any, chart: Any, xs: list[float], values: list[float], ring: Any, theme: Theme,
               locale: Locale, k: int = 0) -> Any:
    """The highlighted point: a ring (in the theme's highlight colour, or its series' where there are
    several) and its value above it, the category under it in bold. Returns the value label."""
    i = chart.categories.index(chart.highlight)
    ax.plot([xs[i]], [values[i]], marker="o", markersize=HIGHLIGHT_PT, color=ring,
            markeredgecolor=colour(theme, "paper"), markeredgewidth=1.2, zorder=6)
    text = with_unit(value_text(chart.series[k].values[i], locale, _decimals(chart, k)),
                     getattr(chart.series[k], "unit", None) or getattr(chart, "unit", None), locale)
    # above the point, unless the line comes down to it (a low, a loss): then below, off the line
    neighbours = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values) and not math.isnan(values[j])]
    below = bool(neighbours) and values[i] < min(neighbours)
    ax.get_xticklabels()[i].set_fontweight("bold")
    return ax.annotate(text, (xs[i], values[i]), xytext=(BELOW if below else ABOVE)[:2], textcoords="offset points",
                       ha="center", va="top" if below else "bottom", fontsize=theme.sizes.caption + 1,
                       fontweight="bold", color=colour(theme, "ink"), zorder=7)


# where a highlighted value stands: above its point (below, for a low), else the other side, else the
# nearest free place around it; (dx, dy) in points from the point, the label's corner or edge facing it
ABOVE, BELOW = (0, 7, "center", "bottom"), (0, -8, "center", "top")
AROUND_PT = (8, 12, 16, 20, 26, 32)  # distances tried, nearest first
LEADER_PT = (40, 48, 56)  # farther still, where none of those is free
LEADER_FROM_PT = 20  # a value placed this far from its point (or farther) has a leader line to it
DIRECTIONS = 16


def _places(below: bool, distances: tuple[int, ...] = AROUND_PT) -> list[tuple[float, float, str, str]]:
    first = [BELOW, ABOVE] if below else [ABOVE, BELOW]
    if distances is LEADER_PT:
        first = []
    for r in distances:
        for k in range(DIRECTIONS):
            a = 2 * math.pi * k / DIRECTIONS
            dx, dy = round(r * math.cos(a), 2), round(r * math.sin(a), 2)
            first += [(dx, dy, ha, va) for ha in ("left", "center", "right") for va in ("bottom", "center", "top")]
    return first


def _place_value_label(fig: Figure, ax: Any, label: Any, lines: list[Any], end_labels: list[Any],
                       marked: int = 0) -> None:
    """The highlighted value where it crosses no line, touches no series name or category label and
    lies nearer its own point than any other series' point of that category, inside the drawing:
    above (or below) its point where that is free, else the nearest free place around it (two series
    close together: above is the other line). Where none is free it stays above (below)."""
    r = renderer(fig)
    pad = (LINE_WIDTH / 2 + 1) * fig.dpi / 72
    ring = (HIGHLIGHT_PT / 2 + 1) * fig.dpi / 72
    paths = [_broken_off(line.get_transform().transform_path(line.get_path())) for line in lines]
    others = [t.get_window_extent(r) for t in [*end_labels, *ax.get_xticklabels()] if t.get_visible()]
    own = ax.transData.transform(label.xy)
    x = label.xy[0]
    others_lines = [line for k, line in enumerate(lines) if k != marked]
    rivals = [ax.transData.transform((x, y)) for line in others_lines for lx, y in zip(*line.get_data(), strict=True)
              if lx == x and not math.isnan(y)]

    def gap(box: Any, point: Any) -> float:
        return math.hypot(max(box.x0 - point[0], 0, point[0] - box.x1), max(box.y0 - point[1], 0, point[1] - box.y1))

    def sight(box: Any) -> Path:  # from the point to the label's nearest corner or edge
        return Path([own, (min(max(own[0], box.x0), box.x1), min(max(own[1], box.y0), box.y1))])

    def free(box: Any, in_sight: bool = True) -> bool:
        room = box.padded(pad)
        return (fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1)
                and gap(room, own) >= ring and all(gap(box, p) > gap(box, own) for p in rivals)
                and not any(path.intersects_bbox(room, filled=False) for path in paths)
                and not any(room.overlaps(o) for o in others)
                and not (in_sight and any(path.intersects_path(sight(box), filled=False)  # (filled: a valley)
                                          for k, path in enumerate(paths) if k != marked)))
    below = label.get_va() == "top"
    chosen, leader = (BELOW if below else ABOVE), False  # nowhere free: above (below) its point, as it was set
    # first where the point is in sight; then (a V inside another line's deeper V: every way out
    # crosses that line) anywhere clear of the lines, its leader crossing the other line, never its digits
    for distances, in_sight in ((AROUND_PT, True), (LEADER_PT, True), (AROUND_PT + LEADER_PT, False)):
        places = _places(below, distances)
        best: tuple[float, int] | None = None
        for n, (dx, dy, ha, va) in enumerate(places):
            label.xyann = (dx, dy)
            label.set_ha(ha)
            label.set_va(va)
            box = label.get_window_extent(r)
            if free(box, in_sight):
                if n < 2 and distances is AROUND_PT:  # above or below: the place of choice
                    return
                distance = round(gap(box, own) * 2) / 2  # the nearest, the first of equals
                if best is None or distance < best[0]:
                    best = (distance, n)
        if best is not None:
            chosen = places[best[1]]
            leader = not in_sight or math.hypot(chosen[0], chosen[1]) >= LEADER_FROM_PT
            break
    dx, dy, ha, va = chosen
    label.xyann = (dx, dy)
    label.set_ha(ha)
    label.set_va(va)
    if leader:  # two lines close together (a peak over a peak): the value stands off, and a hairline in
        # its series' colour leads to its point, so that it is not read as the other line's (a Swiss
        # utility's water chart: its 2026 value stood over the 2025 peak)
        _lead(label, lines[marked].get_color(), ring * 72 / fig.dpi)


def _lead(label: Any, colour_: Any, shrink_pt: float) -> None:
    """A thin leader from an annotation's text to its point (added after the annotation was made)."""
    from matplotlib.patches import FancyArrowPatch
    props = {"arrowstyle": "-", "color": colour_, "lw": 0.6, "shrinkA": 1.0, "shrinkB": shrink_pt}
    label.arrowprops = props
    label._arrow_relpos = (0.5, 0.5)
    label.arrow_patch = FancyArrowPatch((0, 0), (1, 1), **props)


def _decimals(chart: Any, k: int) -> int | None:
    series = chart.series[k]
    own = getattr(series, "decimals", None)
    return own if own is not None else getattr(chart, "decimals", None)
