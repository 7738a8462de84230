"""Bar charts: one or more series over categories, value labels with their qualifiers."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..labels import LABEL_WRAP, wrap_label
from ..locale import Locale
from ..model import BarChart, Number
from ..theme import Theme


def _label(value: Number, qualifier: str | None, locale: Locale) -> str:
    number = locale.number(value)
    return f"{qualifier} {number}" if qualifier else number


def draw(fig: Figure, chart: BarChart, theme: Theme, locale: Locale) -> None:
    palette = [theme.colour(name).rgb for name in theme.charts.palette]
    horizontal = chart.orientation == "horizontal"
    ax = fig.add_subplot()
    n_series = len(chart.series)
    span = 0.72
    thickness = span / n_series
    positions = range(len(chart.categories))
    vmax = max((max(map(float, s.values), default=0) for s in chart.series), default=0) or 1
    for k, series in enumerate(chart.series):
        offs = [p - span / 2 + thickness * (k + 0.5) for p in positions]
        colour = palette[k % len(palette)]
        bar = ax.barh if horizontal else ax.bar
        bar(offs, [float(v) for v in series.values], thickness * 0.9, color=colour, label=series.name, zorder=2)
        quals = series.qualifiers or [None] * len(series.values)
        for o, number, q in zip(offs, series.values, quals, strict=False):
            text, v = _label(number, q, locale), float(number)
            if horizontal:
                ax.text(v + vmax * 0.015, o, text, va="center", ha="left", fontweight="bold",
                        fontsize=theme.sizes.caption + 1, color=theme.colour("ink").rgb)
            else:
                ax.text(o, v + vmax * 0.02, text, va="bottom", ha="center", fontweight="bold",
                        fontsize=theme.sizes.caption + 1, color=theme.colour("ink").rgb)
    labels = ["\n".join(wrap_label(c, LABEL_WRAP[chart.orientation])) for c in chart.categories]
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(lambda v, _pos: locale.number(v))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if horizontal:
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
        ax.set_xlim(0, vmax * 1.25)
        ax.grid(axis="x", zorder=0)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(list(positions), labels)
        ax.set_ylim(0, vmax * 1.15)
        ax.grid(axis="y", zorder=0)
        ax.tick_params(axis="x", length=0)
    if n_series > 1 or chart.series[0].name:
        ax.legend(frameon=False, loc="lower right" if horizontal else "upper right")
    fig.tight_layout(pad=0.3)
