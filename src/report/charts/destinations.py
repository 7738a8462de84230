"""Destinations: curved routes from one origin to the year's destinations, coloured by group."""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from ..locale import Locale
from ..model import DestinationsChart
from ..theme import Theme
from .style import text_colour

ORIGIN_WRAP = 14  # characters per line of the origin label
MAX_RIGHT = 0.995  # labels end before the chart's right edge (share of the width)
MAX_SHIFT = 0.25  # the fan moves left at most this far; the origin label needs its room


def draw(fig: Figure, chart: DestinationsChart, theme: Theme, locale: Locale) -> None:
    ax = fig.add_axes((0, 0, 1, 1))
    labels = _draw(ax, chart, theme, 0.0)
    # on a narrow page (A5) long place names would run off the chart: move the fan left to make room
    renderer = fig._get_renderer()
    right = max((t.get_window_extent(renderer).x1 / fig.bbox.width for t in labels), default=0.0)
    if right > MAX_RIGHT:
        ax.clear()
        _draw(ax, chart, theme, min(right - MAX_RIGHT + 0.01, MAX_SHIFT))


def _draw(ax: Any, chart: DestinationsChart, theme: Theme, shift: float) -> list[Any]:
    """Routes and labels; `shift` moves the targets and their labels left (share of the width)."""
    palette = [theme.colour(name).rgb_floats for name in theme.charts.palette]
    ink = theme.colour("ink").rgb
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    rows = sum(len(g.places) for g in chart.groups) + len(chart.groups)  # a header row per group
    step = 0.94 / max(rows, 1)
    origin = (0.1, 0.5)
    y = 0.97
    labels = []
    for gi, group in enumerate(chart.groups):
        colour = palette[gi % len(palette)]
        y -= step
        labels.append(ax.text(0.50 - shift, y, group.name.upper(), color=text_colour(colour, theme),
                              fontweight="bold", va="center", fontsize=theme.sizes.source))
        for place in group.places:
            y -= step
            target = (0.52 - shift, y)
            ax.add_patch(FancyArrowPatch(origin, target, connectionstyle="arc3,rad=-0.18",
                                         arrowstyle="-", color=colour, linewidth=1.2, alpha=0.9))
            ax.plot(*target, marker="o", markersize=4.5, color=colour, zorder=3)
            labels.append(ax.text(0.535 - shift, y, place, va="center", ha="left", color=ink,
                                  fontsize=theme.sizes.caption + 0.5))
    ax.plot(*origin, marker="o", markersize=11, color=theme.colour("accent").rgb, zorder=4)
    # wrapped narrow enough to stay centred under the dot without leaving the chart
    label = textwrap.fill(chart.origin, ORIGIN_WRAP, break_long_words=True)
    ax.text(origin[0], origin[1] - 0.07, label, ha="center", va="top", fontweight="bold",
            color=ink, fontsize=theme.sizes.caption + 1.5)
    return labels
