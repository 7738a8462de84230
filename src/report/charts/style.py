"""What every chart kind shares: theme colours, 1-2-5 value axes, number text, labels that never
collide. The drawing modules take their decisions from here so that all kinds look alike."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..locale import Locale
from ..theme import Theme
from .numbers import number_text, with_unit

LABEL_GAP = 1.15  # label lines at least this many font sizes apart
GRID_GAP = 1.5  # points between a value label and a gridline that stops for it
DARK_L = 55  # CIE L* below which white text reads on a fill, above which ink does


# --- colours ---------------------------------------------------------------------


def palette(theme: Theme) -> list[tuple[float, float, float]]:
    return [theme.colour(name).rgb_floats for name in theme.charts.palette]


def colour(theme: Theme, name: str) -> tuple[float, float, float]:
    return theme.colour(name).rgb_floats


def lightness(rgb: Sequence[float]) -> float:
    """CIE L* of an sRGB colour (0 black … 100 white)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def text_on(fill: Sequence[float], theme: Theme) -> tuple[float, float, float]:
    """Paper-white text on dark fills, ink on light ones (both theme colours, so print maps them)."""
    return colour(theme, "paper") if lightness(fill) < DARK_L else colour(theme, "ink")


def text_colour(series: Sequence[float], theme: Theme) -> tuple[float, float, float]:
    """A series' own colour for its direct label where it reads on paper, else ink."""
    return tuple(series) if lightness(series) < 62 else colour(theme, "ink")


# --- value axes -------------------------------------------------------------------


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest 1-2-5 step (…, 0.5, 1, 2, 5, 10, …) that covers `span` in at most `max_ticks` steps."""
    if span <= 0:
        return 1.0
    raw = span / max(max_ticks, 1)
    if raw < 1e-300:  # a span of subnormal floats: nothing a reader could see, one unit will do
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw * (1 - 1e-9):
            return m * power
    return 10 * power  # pragma: no cover - the loop always returns


def nice_range(lo: float, hi: float, max_ticks: int = 5, zero: bool = True,
               step: float | None = None) -> tuple[list[float], float]:
    """Tick values on a 1-2-5 grid from below `lo` to above `hi` (zero included when `zero`);
    `step`: that step, however many ticks it takes."""
    if zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    tiny = 1e-9 * max(1.0, abs(lo), abs(hi))  # a span no chart could show (and float rounding's size)
    if not hi - lo > tiny:  # one value, or values that differ by nothing visible: an axis one unit high
        hi = lo + (abs(lo) if abs(lo) > tiny else 1)
    step = step or nice_step(hi - lo, max_ticks)
    start = math.floor(lo / step + 1e-9) * step
    stop = math.ceil(hi / step - 1e-9) * step
    n = round((stop - start) / step)
    return [_clean(start + i * step, step) for i in range(n + 1)], step


def _clean(value: float, step: float) -> float:
    places = max(0, -math.floor(math.log10(step))) + 1
    return round(value, places) + 0.0  # + 0.0 turns -0.0 into 0.0


def step_decimals(step: float) -> int:
    """Decimal places a tick label needs for this step (0.5 → 1, 0.25 never occurs)."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def value_axis(ax: Axes, ticks: list[float], step: float, locale: Locale, unit: str | None,
               horizontal: bool = False, pad: tuple[float, float] = (0.0, 0.0)) -> None:
    """1-2-5 ticks with the locale's separators; the unit rides on the outermost tick label
    ('300 GWh') instead of a rotated axis title. `pad` extends the limits (fractions of the span)
    to give value labels room beyond the last tick."""
    places = step_decimals(step)
    labels = [number_text(Decimal(str(t)), locale, places) for t in ticks]
    scale = locale.aligned(labels)  # a scale reads as a column: 2.500 beside 10.000 (group_four_digits: false)
    if scale is not locale:
        labels = [number_text(Decimal(str(t)), scale, places) for t in ticks]
    labels = [number_text(Decimal(0), scale, 0) if t == 0 else text for t, text in zip(ticks, labels, strict=True)]
    if unit:  # (the origin is a plain 0 on every axis: not 0.0 below 0.5 … 0.7)
        labels[-1] = with_unit(labels[-1], unit, locale)
    span = ticks[-1] - ticks[0]
    lo, hi = ticks[0] - span * pad[0], ticks[-1] + span * pad[1]
    if horizontal:
        ax.set_xticks(ticks, labels)
        ax.set_xlim(lo, hi)
        ax.grid(axis="x", zorder=0)
    else:
        ax.set_yticks(ticks, labels)
        ax.set_ylim(lo, hi)
        ax.grid(axis="y", zorder=0)


def break_grid(fig: Figure, ax: Axes, labels: Sequence[Any], horizontal: bool = False) -> None:
    """Gridlines stop short of the value labels they would cross: a bar ending just under a tick
    (14.4 under 15 %) has its label on the tick's line, and a rule through digits makes them hard to
    read. Where no label is crossed the grid stays as it is."""
    gap = GRID_GAP * fig.dpi / 72
    boxes = [label.get_window_extent(renderer(fig)).padded(gap) for label in labels]
    frame = ax.bbox
    # along: where a box lies in the gridline's direction; across: the gridline's own coordinate
    along = (lambda b: (b.y0, b.y1)) if horizontal else (lambda b: (b.x0, b.x1))
    across = (lambda b: (b.x0, b.x1)) if horizontal else (lambda b: (b.y0, b.y1))
    cuts = []
    for line in ax.get_xgridlines() if horizontal else ax.get_ygridlines():
        at = float(line.get_xdata()[0] if horizontal else line.get_ydata()[0])
        where = ax.transData.transform((at, at))[0 if horizontal else 1]
        cuts.append((line, at, sorted(along(b) for b in boxes if across(b)[0] <= where <= across(b)[1])))
    if not any(crossed for _, _, crossed in cuts):
        return
    ax.grid(False, axis="x" if horizontal else "y")
    start_at, end_at = along(frame)
    size = end_at - start_at
    for line, at, crossed in cuts:  # the gridline again, in pieces between the labels (axes fractions)
        start = start_at
        for lo, hi in [*crossed, (end_at, end_at)]:
            if lo > start:
                ends = [(start - start_at) / size, (lo - start_at) / size]
                xs, ys = ([at, at], ends) if horizontal else (ends, [at, at])
                ax.plot(xs, ys, transform=ax.get_xaxis_transform() if horizontal else ax.get_yaxis_transform(),
                        color=line.get_color(), linewidth=line.get_linewidth(), solid_capstyle="butt", zorder=0)
            start = max(start, hi)


def zero_line(ax: Axes, theme: Theme, horizontal: bool = False) -> None:
    """The baseline every bar and area grows from, darker than the grid so it reads as zero."""
    line = ax.axvline if horizontal else ax.axhline
    line(0, color=colour(theme, "ink"), linewidth=0.8, zorder=3)


def plain_axes(ax: Axes, horizontal: bool = False) -> None:
    """No box around the data: the grid and the zero line are enough."""
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="y" if horizontal else "x", pad=4)


def legend_above(fig: Figure, ax: Axes, handles: list[Any], labels: list[str], theme: Theme) -> None:
    """A legend above the plot, outside the axes, so it can never cover data: one row where the names
    fit the width, else as many columns as fit."""
    for ncol in range(len(labels), 0, -1):
        legend = ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=ncol, frameon=False,
                           borderaxespad=0, handlelength=1.0, handleheight=0.8, columnspacing=1.2,
                           fontsize=theme.sizes.caption)
        if legend.get_window_extent(renderer(fig)).width <= fig.bbox.width * 0.95:
            return


# --- labels that do not collide ----------------------------------------------------


def spread(wanted: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Positions as close to `wanted` as possible, each at least `gap` from the next, within
    [lo, hi] (one dimension, display units). Used for direct labels at line ends and around donuts."""
    if not wanted:
        return []
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    pos = [wanted[i] for i in order]
    # clusters that overlap are moved as a block to their mean, repeated until none overlap
    blocks = [[p] for p in pos]
    starts = list(pos)
    merged = True
    while merged:
        merged = False
        for i in range(len(blocks) - 1):
            end_i = starts[i] + gap * (len(blocks[i]) - 1)
            if starts[i + 1] - end_i < gap - 1e-9:
                blocks[i] += blocks.pop(i + 1)
                starts.pop(i + 1)
                n = len(blocks[i])
                starts[i] = sum(blocks[i]) / n - gap * (n - 1) / 2
                merged = True
                break
    out = []
    for start, block in zip(starts, blocks, strict=True):
        out.extend(start + gap * k for k in range(len(block)))
    # keep inside the room: push from the bottom up, then from the top down
    for k in range(len(out)):
        out[k] = max(out[k], lo + gap * k)
    for k in range(len(out) - 1, -1, -1):
        out[k] = min(out[k], hi - gap * (len(out) - 1 - k))
    result = [0.0] * len(wanted)
    for k, i in enumerate(order):
        result[i] = out[k]
    return result


def renderer(fig: Figure) -> Any:
    """A renderer to measure text with before the figure is saved: the Agg renderer matplotlib would
    make for it, made once per figure (matplotlib makes a new one on every call, and its text
    measurements are cached per renderer)."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)  # the figure's canvas from now on; savefig(format="pdf") still writes a PDF
    return fig.canvas.get_renderer()


def fit_tick_labels(fig: Figure, ax: Axes, keep: Sequence[int] = (), steps: Sequence[int] = ()) -> list[int]:
    """Category labels under the x axis never overlap: where they would (12 months in a narrow
    column, years close together on a numeric axis), only some stay. The labels in `keep` (the
    highlighted category, the last year of a numeric axis) always stay. With `steps` (evenly spaced
    categories) every n-th stays, for the first n of `steps` that fits, counted from the first label
    kept (else from the first label): a regular rhythm; without, each label from the left that
    clears those shown. Returns the labels shown."""
    ticks = [tick.label1 for tick in ax.xaxis.get_major_ticks()]  # get_xticklabels() leaves out hidden ones
    if len(ticks) < 2:
        return list(range(len(ticks)))
    gap = fig.dpi * 4 / 72  # 4 pt between labels
    for tick in ticks:
        tick.set_visible(True)
    boxes = [t.get_window_extent(renderer(fig)) for t in ticks]

    def clear(i: int, shown: Sequence[int]) -> bool:
        return not any(boxes[i].x0 < boxes[j].x1 + gap and boxes[j].x0 < boxes[i].x1 + gap for j in shown if j != i)

    anchor = min(keep) if keep else 0
    for n in steps:
        every = sorted({i for i in range(len(ticks)) if (i - anchor) % n == 0} | set(keep))
        if all(clear(i, every) for i in every):
            for i, tick in enumerate(ticks):
                tick.set_visible(i in every)
            return every
    shown = sorted(set(keep))
    for i in range(len(ticks)):
        if i in keep:
            continue
        if clear(i, shown):
            shown.append(i)
        else:
            ticks[i].set_visible(False)
    return sorted(shown)
