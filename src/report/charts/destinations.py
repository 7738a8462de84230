"""Destinations: curved routes from one origin to the year's destinations, coloured by group."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from ..locale import Locale
from ..model import DestinationsChart
from ..theme import Theme
from .style import text_colour

ORIGIN_WRAP = 14  # characters per line of the origin label


def draw(fig: Figure, chart: DestinationsChart, theme: Theme, locale: Locale) -> None:
    palette = [theme.colour(name).rgb_floats for name in theme.charts.palette]
    ink = theme.colour("ink").rgb
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    rows = sum(len(g.places) for g in chart.groups) + len(chart.groups)  # a header row per group
    step = 0.94 / max(rows, 1)
    origin = (0.1, 0.5)
    y = 0.97
    for gi, group in enumerate(chart.groups):
        colour = palette[gi % len(palette)]
        y -= step
        ax.text(0.50, y, group.name.upper(), color=text_colour(colour, theme), fontweight="bold", va="center",
                fontsize=theme.sizes.source)
        for place in group.places:
            y -= step
            target = (0.52, y)
            ax.add_patch(FancyArrowPatch(origin, target, connectionstyle="arc3,rad=-0.18",
                                         arrowstyle="-", color=colour, linewidth=1.2, alpha=0.9))
            ax.plot(*target, marker="o", markersize=4.5, color=colour, zorder=3)
            ax.text(0.535, y, place, va="center", ha="left", color=ink, fontsize=theme.sizes.caption + 0.5)
    ax.plot(*origin, marker="o", markersize=11, color=theme.colour("accent").rgb, zorder=4)
    # wrapped narrow enough to stay centred under the dot without leaving the chart
    label = textwrap.fill(chart.origin, ORIGIN_WRAP, break_long_words=True)
    ax.text(origin[0], origin[1] - 0.07, label, ha="center", va="top", fontweight="bold",
            color=ink, fontsize=theme.sizes.caption + 1.5)
