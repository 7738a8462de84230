"""Donut and pie charts: up to eight shares, labelled with name, value and unit inside the ring where
there is room and outside (with a leader line, spread so that no two touch) where there is not; an
optional centre label in the hole."""

from __future__ import annotations

import math
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Wedge

from ..labels import wrap_label
from ..locale import Locale
from ..theme import Theme
from .numbers import value_of, value_text, with_unit
from .style import (
    LABEL_GAP,
    colour,
    palette,
    renderer,
    spread,
    text_on,
)

RING = 0.36  # ring width as a share of the radius (donut); a pie is solid
INSIDE_DEG = 28  # a share this many degrees wide may carry its value inside
LEADER_MM = 3.0  # leader lines reach this far beyond the ring
CHAR_EM = 0.56  # a generous average character width (in font sizes) for wrapping names


def order(chart: Any) -> list[int]:
    """Indices of the shares in drawing order: largest first, or as written."""
    idx = list(range(len(chart.categories)))
    if getattr(chart, "order", "largest") == "largest":
        idx.sort(key=lambda i: -value_of(chart.values[i]))
    return idx


def draw(fig: Figure, chart: Any, theme: Theme, locale: Locale) -> None:
    colours = palette(theme)
    size = theme.sizes.caption
    ink, paper = colour(theme, "ink"), colour(theme, "paper")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_aspect("equal")
    ax.axis("off")
    w, h = fig.bbox.width, fig.bbox.height  # display units
    radius = 0.5 * h * 0.78
    cx, cy = w / 2, h / 2  # centred: shares on the right are labelled right, the others left
    ax.set_xlim(0, w)
    ax.set_ylim(0, h)
    total = sum(value_of(v) for v in chart.values) or 1.0
    ring = radius * (1 if chart.kind == "pie" else RING)
    unit = getattr(chart, "unit", None)
    decimals = getattr(chart, "decimals", None)
    shares = []
    angle = 90.0  # twelve o'clock, then clockwise
    for k, i in enumerate(order(chart)):
        sweep = 360 * value_of(chart.values[i]) / total
        value = with_unit(value_text(chart.values[i], locale, decimals), unit, locale)
        shares.append((angle, sweep, colours[k % len(colours)], chart.categories[i], value))
        angle -= sweep
    # values inside the ring where every large share has room for its value, else all outside:
    # a reader compares numbers more easily when they all sit alike
    large = [(sweep, value) for _a, sweep, _f, _n, value in shares if sweep >= INSIDE_DEG]
    inside = bool(large) and all(_fits_inside(fig, value, size, ring, sweep, radius) for sweep, value in large)
    outside: list[tuple[float, str, tuple[float, float, float]]] = []
    for start, sweep, fill, name, value in shares:
        ax.add_patch(Wedge((cx, cy), radius, start - sweep, start, width=ring, facecolor=fill,
                           edgecolor=paper, linewidth=1.2))
        mid = math.radians(start - sweep / 2)
        if inside and sweep >= INSIDE_DEG:
            r = radius - ring / 2 if chart.kind != "pie" else radius * 0.62
            ax.text(cx + r * math.cos(mid), cy + r * math.sin(mid), value, ha="center", va="center",
                    fontsize=max(size, theme.plates.reversed_min), fontweight="bold", color=text_on(fill, theme))
            outside.append((mid, name, fill))
        else:
            outside.append((mid, f"{name}\n{value}", fill))
    _outside_labels(fig, ax, outside, (cx, cy), radius, size, ink)
    centre = getattr(chart, "centre", None)
    if centre and chart.kind != "pie":
        _centre(fig, ax, centre, (cx, cy), (radius - ring) * 2 * 0.86, theme)


def _centre(fig: Figure, ax: Any, text: str, at: tuple[float, float], room: float, theme: Theme) -> None:
    """The centre label as large as the hole allows: the subheading size, smaller for long text."""
    label = ax.text(*at, text, ha="center", va="center", fontsize=theme.sizes.h2, fontweight="bold",
                    color=colour(theme, "ink"))
    width = label.get_window_extent(renderer(fig)).width
    if width > room:
        label.set_fontsize(max(theme.sizes.caption, theme.sizes.h2 * room / width))


def _fits_inside(fig: Figure, value: str, size: float, ring: float, sweep: float, radius: float) -> bool:
    probe = fig.text(0, 0, value, fontsize=size, fontweight="bold")
    box = probe.get_window_extent(renderer(fig))
    probe.remove()
    arc = math.radians(sweep) * (radius - ring / 2)
    return box.width <= ring * 0.92 and box.width <= arc * 0.8 or box.width <= arc * 0.8 and ring >= radius


def _outside_labels(fig: Figure, ax: Any, labels: list[tuple[float, str, Any]], centre: tuple[float, float],
                    radius: float, size: float, ink: Any) -> None:
    """Labels left and right of the ring, at the height of their share, moved apart where two would
    touch; a leader line joins each to its share."""
    cx, cy = centre
    gap = size * LABEL_GAP * fig.dpi / 72
    reach = radius + LEADER_MM * 72 / 25.4 * fig.dpi / 72
    h = fig.bbox.height
    # a name longer than the room beside the ring wraps (the drawing would cut it off at its edge)
    room = fig.bbox.width / 2 - (reach + 5 + 4)
    chars = max(8, int(room / (CHAR_EM * size * fig.dpi / 72)))
    labels = [(mid, "\n".join(wrap_label(text.split("\n")[0], chars) + text.split("\n")[1:]), fill)
              for mid, text, fill in labels]
    for side in (1, -1):
        here = [(mid, text, fill) for mid, text, fill in labels if (math.cos(mid) >= 0) == (side > 0)]
        if not here:
            continue
        heights = [t.count("\n") + 1 for _, t, _ in here]
        wanted = [cy + reach * math.sin(mid) for mid, _, _ in here]
        # spread by each label's own height: a two-line label needs two line gaps
        placed = _spread_heights(wanted, heights, gap, h)
        for (mid, text, _fill), y in zip(here, placed, strict=True):
            ex, ey = cx + (radius + 1) * math.cos(mid), cy + (radius + 1) * math.sin(mid)
            kx = cx + side * reach * abs(math.cos(mid))  # the elbow, on a circle just outside the ring
            lx = cx + side * (reach + 2)
            ax.plot([ex, kx, lx], [ey, y, y], color=ink, linewidth=0.5, solid_capstyle="butt")
            ax.text(lx + side * 3, y, text, ha="left" if side > 0 else "right", va="center", fontsize=size,
                    color=ink, linespacing=1.15)


def _spread_heights(wanted: list[float], lines: list[int], gap: float, room: float) -> list[float]:
    """`spread` for labels of one or two lines: works on the labels' centres with the gap of the
    taller neighbour (exact for equal heights, safe for mixed ones)."""
    step = gap * max(lines)
    return spread(wanted, step, step / 2, room - step / 2)
