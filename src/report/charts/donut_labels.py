"""Where a donut's (or pie's) labels go: plain geometry in points, without matplotlib, shared by the
drawing and by the build's check that every label fits, so that the two never disagree.

Values sit inside the ring where every large share has room for its own; every other label (the
name, and the value where it is not inside) stands in one of two columns, left and right of the
ring, in the order of its share around the ring, spread apart vertically. A leader runs from the
share a short way out along its radius, then on to the label's line and along it. Names wrap to
the column's width. Where the labels do not fit (a line wider than the column, a name of more than
two lines, a column taller than the chart, a leader that would cross another or the ring), labels
near twelve or six o'clock may move to the other column, the ring shrinks, a name takes a third
line, and at last the labels' size shrinks: then `Plan.fits` is False, and the build warns
(`label_warnings`). A value is never left out or cut off."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic
from ..locale import Locale
from .numbers import value_of, value_text, with_unit

MM = 72 / 25.4
RING = 0.36  # ring width as a share of the radius (donut); a pie is solid
INSIDE_DEG = 28  # a share this many degrees wide may carry its value inside
RADIUS = 0.39  # the ring's radius as a share of the chart's height, where the labels leave room
RADII = (1.0, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62)  # the ring shrinks in these steps for its labels
NAME_LINES = 2  # a name wraps to this many lines, if a smaller ring leaves room enough; else to more
SHRINK = (0.94, 0.88, 0.8)  # the labels' size, as a last resort (a warning says so)
LINE = 1.15  # label line distance in font sizes: n lines stand n × LINE × size high (matplotlib's box)
LEADER_MM = 3.0  # the radial part of a leader, beyond the ring
SLOPE_MM = 1.5  # from the end of the radial part to the column (where a label moved, the leader bends here)
STUB_MM = 1.5  # the leader's level end, just before its label
PAD_MM = 1.0  # between a leader's end and its label
EDGE_MM = 0.5  # labels keep this far from the chart's edges
GAP = 0.3  # between two labels of one column, in font sizes
WIDTH_MARGIN = 1.03  # text measured with the font's advances; the drawing may set it a little wider
# a legend under the ring (a chart in a grid's narrow cell): the ring's radius as a share of the chart's
# height, and the least it shrinks to for a long legend; the parts of a legend's row
LEGEND_RADIUS, MIN_LEGEND_RADIUS = 0.26, 0.16
LEGEND_GAP_MM = 4.0  # between the ring and the legend
LEGEND_ROW = 0.45  # between two rows, in font sizes
SWATCH = 0.72  # the colour's square, in font sizes (a cap height) …
SWATCH_PAD_MM = 1.5  # … and the space after it
VALUE_GAP_MM = 3.0  # at least this much between a name and its value

Measure = Callable[[str, float, bool], float]  # (text, size, bold) -> width in points


@dataclass(frozen=True)
class Share:
    start: float  # degrees, counter-clockwise from three o'clock (matplotlib's); the share runs clockwise
    sweep: float
    name: str
    value: str

    @property
    def mid(self) -> float:
        return math.radians(self.start - self.sweep / 2)


@dataclass
class Placed:
    share: int  # index into the shares
    lines: list[str]
    side: int  # 1: right of the ring, -1: left
    x: float  # where the text starts (right) or ends (left)
    y: float  # the label's vertical centre
    height: float
    leader: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class LegendRow:
    share: int  # index into the shares
    lines: list[str]  # the name, wrapped
    top: float  # the top of its first line


@dataclass
class Plan:
    radius: float
    ring: float
    inside: bool  # values inside the large shares
    size: float  # the labels' font size (the caption size unless shrunk)
    labels: list[Placed]
    fits: bool
    problem: str = ""  # why it does not fit
    centre: tuple[float, float] | None = None  # the ring's centre; None: the chart's middle
    legend: list[LegendRow] = field(default_factory=list)  # rows under the ring instead of labels around it
    legend_box: tuple[float, float] = (0.0, 0.0)  # the legend's left edge and width (its values end at the right)


def shares(chart: Any, locale: Locale) -> list[Share]:
    """The shares in drawing order (largest first, or as written), from twelve o'clock clockwise."""
    idx = list(range(len(chart.categories)))
    if getattr(chart, "order", "largest") == "largest":
        idx.sort(key=lambda i: -value_of(chart.values[i]))
    total = sum(value_of(v) for v in chart.values) or 1.0
    unit, decimals = getattr(chart, "unit", None), getattr(chart, "decimals", None)
    out, angle = [], 90.0
    for i in idx:
        sweep = 360 * value_of(chart.values[i]) / total
        out.append(Share(angle, sweep, chart.categories[i], with_unit(value_text(chart.values[i], locale, decimals),
                                                                       unit, locale)))
        angle -= sweep
    return out


def plan(items: Sequence[Share], width: float, height: float, size: float, inside_size: float, pie: bool,
         measure: Measure, legend: bool = False) -> Plan:
    """The first layout that fits: the ring as large as the labels allow, the labels at their size;
    else the last one tried (ring and labels at their smallest), with `fits` False. `legend`: the
    chart stands in a narrow cell (a grid's), where a legend under the ring is tried first."""
    if legend and (below := _legend(items, width, height, size, pie, measure)).fits:
        return below
    last = None
    for scale, most in ((1.0, NAME_LINES), (1.0, None), *((s, None) for s in SHRINK)):
        for f in RADII:
            last = _attempt(items, width, height, RADIUS * height * f, size * scale, inside_size, pie, measure, most)
            if last.fits:
                if scale < 1.0:
                    last.fits, last.problem = False, "they are set smaller than the captions"
                return last
    assert last is not None
    return last


def _legend(items: Sequence[Share], width: float, height: float, size: float, pie: bool, measure: Measure) -> Plan:
    """The ring at the top, centred, and under it a legend: a row per share, its colour's square,
    its name (wrapped) and its value at the right, the rows centred as a block. The ring's size
    depends on the height alone while the legend leaves room for it, so that the rings of charts
    side by side (a grid's row, drawn equally high) are equally large; a long legend shrinks it."""
    edge, gap, row_gap = EDGE_MM * MM, LEGEND_GAP_MM * MM, LEGEND_ROW * size
    swatch = SWATCH * size + SWATCH_PAD_MM * MM  # the square and the space after it
    values = max(measure(s.value, size, False) for s in items) * WIDTH_MARGIN
    room = width - 2 * edge - swatch - VALUE_GAP_MM * MM - values  # for the names
    problems = [] if room >= 8 * MM else ["no room for the names beside the values"]
    room = max(room, 8 * MM)
    names = [wrap(s.name, room, size, measure) for s in items]
    if any(measure(line, size, False) * WIDTH_MARGIN > room for lines in names for line in lines):
        problems.append("a word is wider than the legend")
    widest = max(measure(line, size, False) * WIDTH_MARGIN for lines in names for line in lines)
    block = swatch + widest + VALUE_GAP_MM * MM + values
    tall = sum(len(lines) * LINE * size for lines in names) + row_gap * (len(names) - 1)
    radius = 0.0
    for f in RADII:
        radius = min(LEGEND_RADIUS * height * f, width / 2 - edge)
        if 2 * (radius + edge) + gap + tall <= height:
            break
    if 2 * (radius + edge) + gap + tall > height or radius < MIN_LEGEND_RADIUS * height:
        problems.append("the legend is taller than the chart leaves under the ring")
    centre = (width / 2, height - edge - radius)
    rows, top = [], centre[1] - radius - gap
    for k, lines in enumerate(names):
        rows.append(LegendRow(k, lines, top))
        top -= len(lines) * LINE * size + row_gap
    return Plan(radius, radius * (1 if pie else RING), False, size, [], not problems, "; ".join(problems), centre,
                rows, ((width - block) / 2, block))


def fits_inside(value: str, size: float, ring: float, start: float, sweep: float, radius: float, pie: bool,
                measure: Measure) -> bool:
    """Whether the value, set level at the middle of its share, stays inside the ring: its extent
    across the ring (radially) and along it (tangentially) at that angle, with a margin."""
    w, h = measure(value, size, True) * WIDTH_MARGIN, LINE * size
    mid = math.radians(start - sweep / 2)
    across = abs(w * math.cos(mid)) + abs(h * math.sin(mid))
    along = abs(w * math.sin(mid)) + abs(h * math.cos(mid))
    depth = radius * 0.76 if pie else ring  # a pie's value sits at 62 % of the radius
    r = radius * 0.62 if pie else radius - ring / 2
    return across <= depth * 0.8 and along <= math.radians(sweep) * r * 0.8


def _attempt(items: Sequence[Share], width: float, height: float, radius: float, size: float,
             inside_size: float, pie: bool, measure: Measure, most: int | None) -> Plan:
    ring = radius * (1 if pie else RING)
    large = [s for s in items if s.sweep >= INSIDE_DEG]
    # values inside the ring where every large share has room for its value, else all outside:
    # a reader compares numbers more easily when they all sit alike
    inside = bool(large) and all(fits_inside(s.value, inside_size, ring, s.start, s.sweep, radius, pie, measure)
                                 for s in large)
    cx, cy = width / 2, height / 2
    text_at = radius + (LEADER_MM + SLOPE_MM + STUB_MM + PAD_MM) * MM
    column = width / 2 - text_at - EDGE_MM * MM
    problems: list[str] = []
    if column < 8 * MM:
        problems.append("no room beside the ring")
        column = max(column, 8 * MM)
    labels = []
    for k, s in enumerate(items):
        lines = wrap(s.name, column, size, measure)
        if most is not None and len(lines) > most:
            problems.append("a name needs more than two lines")
        if not (inside and s.sweep >= INSIDE_DEG):
            lines.append(s.value)
        if any(measure(line, size, False) * WIDTH_MARGIN > column for line in lines):
            problems.append("a word is wider than the room beside the ring")
        side = 1 if math.cos(s.mid) >= -1e-9 else -1
        labels.append(Placed(k, lines, side, cx + side * text_at, 0.0, len(lines) * LINE * size))
    room = height - 2 * EDGE_MM * MM
    gap = GAP * size
    best = None
    for moved in range(len(labels)):
        if moved:
            if not _move_one(labels, items, room, gap):
                break
            for p in labels:
                p.x = cx + p.side * text_at
        trial = _columns(labels, items, (cx, cy), radius, height, gap)
        fits = not problems and not trial
        best = Plan(radius, ring, inside, size, [_copy(p) for p in labels], fits, "; ".join(problems + trial))
        if fits or problems:
            break
    assert best is not None
    return best


def _copy(p: Placed) -> Placed:
    return Placed(p.share, list(p.lines), p.side, p.x, p.y, p.height, list(p.leader))


def _need(labels: list[Placed], side: int, gap: float) -> float:
    here = [p.height for p in labels if p.side == side]
    return sum(here) + gap * max(0, len(here) - 1)


def _move_one(labels: list[Placed], items: Sequence[Share], room: float, gap: float) -> bool:
    """Move the label nearest twelve or six o'clock from the fuller column to the other, where the
    fuller one overflows and the other has room for it."""
    full = 1 if _need(labels, 1, gap) >= _need(labels, -1, gap) else -1
    if _need(labels, full, gap) <= room:
        return False
    candidates = [p for p in labels if p.side == full]
    if len(candidates) < 2:
        return False
    p = max(candidates, key=lambda p: abs(math.sin(items[p.share].mid)))
    if abs(math.sin(items[p.share].mid)) < 0.7 or _need(labels, -full, gap) + gap + p.height > room:
        return False
    p.side = -full
    return True


def _columns(labels: list[Placed], items: Sequence[Share], centre: tuple[float, float], radius: float,
             height: float, gap: float) -> list[str]:
    """Spread each column, draw the leaders, and say what does not fit (nothing: an empty list)."""
    cx, cy = centre
    reach = radius + LEADER_MM * MM
    problems = []
    lo, hi = EDGE_MM * MM, height - EDGE_MM * MM
    for side in (1, -1):
        here = sorted((p for p in labels if p.side == side), key=lambda p: -math.sin(items[p.share].mid))
        if not here:
            continue
        wanted = [cy + reach * math.sin(items[p.share].mid) for p in here]
        ys, ok = spread_boxes(wanted, [p.height for p in here], gap, lo, hi)
        if not ok:
            problems.append(f"{len(here)} labels are taller than the chart")
        for p, y in zip(here, ys, strict=True):
            a = items[p.share].mid
            p.y = y
            knee = p.x - side * (STUB_MM + PAD_MM) * MM
            p.leader = [(cx + (radius + 0.5) * math.cos(a), cy + (radius + 0.5) * math.sin(a)),
                        (cx + reach * math.cos(a), cy + reach * math.sin(a)),
                        (knee, y), (p.x - side * PAD_MM * MM, y)]
    segments = [(i, p.leader[k], p.leader[k + 1]) for i, p in enumerate(labels) for k in range(len(p.leader) - 1)]
    for i, a, b in segments:
        if a != labels[i].leader[0] and _distance((cx, cy), a, b) < radius + 0.4:
            problems.append("a leader would cross the ring")
            break
    if any(i != j and _cross(a, b, c, d) for n, (i, a, b) in enumerate(segments) for j, c, d in segments[n + 1:]):
        problems.append("two leaders would cross")
    return problems


def spread_boxes(wanted: list[float], heights: list[float], gap: float, lo: float, hi: float
                 ) -> tuple[list[float], bool]:
    """Centres for boxes stacked top to bottom in the order given, as near `wanted` as can be (least
    squares), at least `gap` apart, within [lo, hi]; False where they are taller than the room (then
    they stay inside it and overlap)."""
    n = len(wanted)
    before = [0.0] * n  # the heights and gaps above each box
    for i in range(1, n):
        before[i] = before[i - 1] + heights[i - 1] + gap
    # with z = top + before, the boxes stack without overlap where z does not rise downwards:
    # a non-increasing fit (pooling adjacent violators), then kept inside the room
    target = [w + h / 2 + b for w, h, b in zip(wanted, heights, before, strict=True)]
    blocks: list[list[float]] = []  # [sum, count]
    for t in target:
        blocks.append([t, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] < blocks[-1][0] / blocks[-1][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    z = [s / c for s, c in blocks for _ in range(int(c))]
    floor = lo + heights[-1] + before[-1]
    ok = floor <= hi + 1e-6
    z = [min(max(v, floor), hi) if ok else hi for v in z]
    if not ok:  # taller than the room: squeezed evenly, top to bottom
        squeeze = (hi - lo) / (before[-1] + heights[-1])
        return [hi - (b + h / 2) * squeeze for b, h in zip(before, heights, strict=True)], False
    return [v - b - h / 2 for v, b, h in zip(z, before, heights, strict=True)], True


def wrap(text: str, room: float, size: float, measure: Measure) -> list[str]:
    """Words on lines no wider than `room` (a word wider than that stands alone on its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", size, False) * WIDTH_MARGIN <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = b[0] - a[0], b[1] - a[1]
    length = ax * ax + ay * ay
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / length))
    return math.hypot(a[0] + t * ax - p[0], a[1] + t * ay - p[1])


def _cross(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    """Whether two segments cross or touch (beyond rounding)."""
    def turn(p, q, r) -> float:  # noqa: ANN001
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    d1, d2, d3, d4 = turn(c, d, a), turn(c, d, b), turn(a, b, c), turn(a, b, d)
    eps = 1e-6
    return ((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps)) and ((d3 > eps and d4 < -eps) or
                                                                       (d3 < -eps and d4 > eps))


def font_measure(regular: Path, bold: Path) -> Measure:
    """Text widths from the fonts' own advances (reportlab's parse, as the layout measures)."""
    from ..fontfiles import parsed
    fonts = {False: parsed(regular), True: parsed(bold) or parsed(regular)}

    def measure(text: str, size: float, heavy: bool) -> float:
        font = fonts[heavy]
        return font.stringWidth(text, size) if font is not None else len(text) * size * 0.56
    return measure


def label_warnings(charts: dict[str, Any], width: float, size: float, inside_size: float, fonts: dict[str, Path],
                   locale: Locale, cells: Sequence[Any] = (), full: Collection[str] | None = None) -> list[Diagnostic]:
    """A warning for each donut or pie whose labels do not fit it at the caption size, at the chart's
    file: the drawing then sets them smaller (or, at the very last, lets them touch), never without one.
    `cells` (charts.GridCell): the charts set in grids as well, each at its cell's size, warned at the grid;
    `full` (charts.full_width): the charts set at `width` (None: all), as render_charts draws them."""
    out = []
    measure = None
    placed = [(chart, width, chart.height, False, None) for cid, chart in charts.items() if full is None or cid in full]
    placed += [(charts[c.chart_id], c.width, c.height, c.legend, c) for c in dict.fromkeys(cells)]
    for chart, across, high, legend, cell in placed:
        if getattr(chart, "kind", None) not in ("donut", "pie") or not chart.values:
            continue
        measure = measure or font_measure(fonts["regular"], fonts.get("bold", fonts["regular"]))
        p = plan(shares(chart, locale), across, high * MM, size, inside_size, chart.kind == "pie", measure, legend)
        if p.fits:
            continue
        where, hint = "at this page's width", "make the chart taller"
        if cell is not None:
            where = f"in a grid's cell {across / MM:.0f} mm wide"
            hint = "make the chart taller or the grid's columns fewer"
        hint = f"show fewer shares (group the small ones as one), shorten their names, or {hint}"
        out.append(Diagnostic(f"the labels of {len(chart.values)} shares do not fit a {chart.kind} chart {high:g} "
                              f"mm high {where}: {p.problem}", chart.pos if cell is None else cell.pos, hint,
                              "warning"))
    return out
