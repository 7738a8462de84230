"""Donut and pie charts: up to eight shares, labelled with name, value and unit inside the ring where
there is room and in two columns beside it (with a leader line) where there is not; an optional
centre label in the hole. Where the labels go is worked out in donut_labels.py."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle, Wedge

from ..locale import Locale
from ..theme import Theme
from .donut_labels import INSIDE_DEG, LINE, MM, SWATCH, SWATCH_PAD_MM, Measure, font_measure, plan, shares
from .style import colour, palette, renderer, text_on

CAP_HEIGHT = 0.72  # of the chart font (Lato's; near it for most text faces), in font sizes
CENTRE_AIR = 0.8  # the centre label's box stays within this share of the hole's radius: air to the ring


def draw(fig: Figure, chart: Any, theme: Theme, locale: Locale, legend: bool = False) -> None:
    """`legend`: the chart stands in a narrow cell (a grid's): a legend under the ring where it fits."""
    colours = palette(theme)
    ink, paper = colour(theme, "ink"), colour(theme, "paper")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_aspect("equal")
    ax.axis("off")
    w, h = fig.bbox.width, fig.bbox.height  # display units
    scale = fig.dpi / 72  # the plan is in points
    ax.set_xlim(0, w)
    ax.set_ylim(0, h)
    pie = chart.kind == "pie"
    items = shares(chart, locale)
    inside_size = max(theme.sizes.caption, theme.plates.reversed_min)
    layout = plan(items, w / scale, h / scale, theme.sizes.caption, inside_size, pie, _measure(), legend)
    radius, ring = layout.radius * scale, layout.ring * scale
    # centred: shares on the right are labelled right, the others left (or the ring above its legend)
    cx, cy = (w / 2, h / 2) if layout.centre is None else (layout.centre[0] * scale, layout.centre[1] * scale)
    for k, s in enumerate(items):
        fill = colours[k % len(colours)]
        ax.add_patch(Wedge((cx, cy), radius, s.start - s.sweep, s.start, width=ring, facecolor=fill,
                           edgecolor=paper, linewidth=1.2))
        if layout.inside and s.sweep >= INSIDE_DEG:
            mid = s.mid
            r = radius - ring / 2 if not pie else radius * 0.62
            ax.text(cx + r * math.cos(mid), cy + r * math.sin(mid), s.value, ha="center", va="center",
                    fontsize=inside_size, fontweight="bold", color=text_on(fill, theme))
    for p in layout.labels:
        xs, ys = zip(*((x * scale, y * scale) for x, y in p.leader), strict=True)
        ax.plot(xs, ys, color=ink, linewidth=0.5, solid_capstyle="butt", solid_joinstyle="miter")
        ax.text(p.x * scale, p.y * scale, "\n".join(p.lines), ha="left" if p.side > 0 else "right", va="center",
                fontsize=layout.size, color=ink, linespacing=LINE)
    _legend(ax, layout, items, colours, ink, scale)
    centre = getattr(chart, "centre", None)
    if centre and not pie:
        # as the text around it is set (one line): 1'250 GWh → 1’250 GWh, "…" → the language's marks
        _centre(fig, ax, locale.one_line(centre), (cx, cy), radius - ring, theme)


def _legend(ax: Any, layout: Any, items: list[Any], colours: list[Any], ink: Any, scale: float) -> None:
    """The legend's rows under the ring: the share's colour (a square from the baseline to the cap
    height of its name's first line), its name, its value at the right edge on the first line's baseline."""
    x, width = layout.legend_box
    size, line = layout.size, LINE * layout.size
    cap = CAP_HEIGHT * size
    for row in layout.legend:
        baseline = row.top - (line + cap) / 2  # the first line's glyphs centred in its line
        ax.add_patch(Rectangle((x * scale, baseline * scale), cap * scale, cap * scale,
                               facecolor=colours[row.share % len(colours)], edgecolor="none"))
        for k, text in enumerate(row.lines):
            ax.text((x + SWATCH * size + SWATCH_PAD_MM * MM) * scale, (baseline - k * line) * scale, text,
                    ha="left", va="baseline", fontsize=size, color=ink)
        ax.text((x + width) * scale, baseline * scale, items[row.share].value, ha="right", va="baseline",
                fontsize=size, color=ink)


def _measure() -> Measure:
    """Widths from the chart fonts' advances, as the build's check measures them (donut_labels)."""
    family = matplotlib.rcParams["font.family"]
    found = [Path(font_manager.findfont(font_manager.FontProperties(family=family, weight=weight)))
             for weight in ("normal", "bold")]
    return font_measure(*found)


def _centre(fig: Figure, ax: Any, text: str, at: tuple[float, float], hole: float, theme: Theme) -> None:
    """The centre label as large as the hole (its radius `hole`) allows with air around it: the subheading
    size, smaller for long text, its box's corners within CENTRE_AIR of the radius. (As wide as 86 % of
    the hole, „214,6 Mio. €“ nearly touched the ring.)"""
    label = ax.text(*at, text, ha="center", va="center", fontsize=theme.sizes.h2, fontweight="bold",
                    color=colour(theme, "ink"))
    box = label.get_window_extent(renderer(fig))
    reach = math.hypot(box.width / 2, box.height / 2)
    if reach > CENTRE_AIR * hole:
        label.set_fontsize(max(theme.sizes.caption, theme.sizes.h2 * CENTRE_AIR * hole / reach))
