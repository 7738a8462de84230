"""Whole-paragraph line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981).

Pure Python and independent of reportlab: a paragraph is a list of items (boxes, glue, penalties),
the result the chosen break positions. Every feasible break is scored by the badness of its line
(how far its spaces stretch or shrink) plus penalties for hyphens, hyphens in a row and a sudden
change between tight and loose lines; the sum over the paragraph is minimised by dynamic
programming over the active breakpoints (those at most a line width back), so the work is linear in
the length of the paragraph times the (bounded) number of active breakpoints.

Rules beyond TeX's defaults, from the typesetting brief: never more than `max_hyphen_run` lines in a
row end in a hyphen, and the line before the last never ends inside a word (else the last line holds
only the end of a word); nor does the line `whole_line` (the last beside an image, after which the
text goes on below the figure, past a gap). Both give way only where nothing else sets the paragraph
(a compound wider than the line at its end).
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from heapq import heappop, heappush
from itertools import accumulate
from operator import itemgetter

BOX, GLUE, PENALTY = 0, 1, 2
MARGIN = 1e-6  # points: rounding in the prefix sums stays far below
INFINITY = 10_000  # a penalty of +INFINITY forbids a break, -INFINITY forces one (TeX's convention)


@dataclass(slots=True)
class Items:
    """Parallel lists, one entry per item (faster than an object per item)."""

    kind: list[int] = field(default_factory=list)
    width: list[float] = field(default_factory=list)
    stretch: list[float] = field(default_factory=list)  # glue: the space's; box: font expansion's
    shrink: list[float] = field(default_factory=list)
    penalty: list[float] = field(default_factory=list)
    flagged: list[bool] = field(default_factory=list)  # the line would end in a hyphen
    inside: list[bool] = field(default_factory=list)  # a break inside a word (penalty items)
    left: list[float] = field(default_factory=list)  # protrusion into the left margin if a line starts here
    right: list[float] = field(default_factory=list)  # … into the right margin if a line ends here
    slack: list[float] = field(default_factory=list)  # stretch only a line ending here gets (it ends ragged)

    def add(self, kind: int, width: float, *, stretch: float = 0.0, shrink: float = 0.0, penalty: float = 0.0,
            flagged: bool = False, inside: bool = False, left: float = 0.0, right: float = 0.0,
            slack: float = 0.0) -> None:
        self.kind.append(kind)
        self.width.append(width)
        self.stretch.append(stretch)
        self.shrink.append(shrink)
        self.penalty.append(penalty)
        self.flagged.append(flagged)
        self.inside.append(inside)
        self.left.append(left)
        self.right.append(right)
        self.slack.append(slack)

    def finish(self) -> None:
        """End the paragraph as TeX does: glue that fills the last line, then a forced break."""
        self.add(PENALTY, 0.0, penalty=INFINITY)
        self.add(GLUE, 0.0, stretch=1e9)
        self.add(PENALTY, 0.0, penalty=-INFINITY)

    def __len__(self) -> int:
        return len(self.kind)


@dataclass(frozen=True)
class Params:
    tolerance: float = 2.0  # largest adjustment ratio of a line (stretch units) before emergency
    line_penalty: float = 10.0
    hyphen_penalty: float = 50.0
    url_penalty: float = 100.0  # a break inside a web address (the line ends short there)
    double_hyphen_demerits: float = 3000.0
    fitness_demerits: float = 3000.0
    max_hyphen_run: int = 2
    rag: float = 0.0  # > 0: ragged right, spaces fixed; each line may fall this short per unit of ratio
    whole_line: int = -1  # the index of a line that never ends inside a word (-1: none)


@dataclass(frozen=True)
class Line:
    start: int  # index of the first item of the line
    end: int  # index of the break item (glue or penalty) that ends it
    ratio: float  # adjustment ratio: > 0 stretch, < 0 shrink (-1 = fully shrunk)
    natural: float  # natural width of the line, without protrusion
    left: float  # protrusion at the start
    right: float  # protrusion at the end


@dataclass(frozen=True)
class Result:
    lines: list[Line]
    emergency: bool  # no solution within the tolerance: lines may be looser than allowed


_first = itemgetter(0)


class _Node:
    __slots__ = ("pos", "start", "line", "fitness", "run", "total", "prev", "ratio", "inside", "loose")

    def __init__(self, pos: int, start: int, line: int, fitness: int, run: int, total: float,
                 prev: _Node | None, ratio: float, inside: bool, loose: float):
        self.pos, self.start, self.line, self.fitness, self.run = pos, start, line, fitness, run
        self.total, self.prev, self.ratio, self.inside = total, prev, ratio, inside
        self.loose = loose  # a line from here is too loose while reach[b] + end is below this


def _fitness(r: float) -> int:
    return 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1.0 else 3


def break_lines(items: Items, widths: list[float], params: Params = Params()) -> Result | None:
    """Optimal breaks for `items` (finished with `Items.finish`) on lines of `widths` (the last width
    repeats). None if even unlimited stretch cannot set it: a box wider than its line."""
    found = _solve(items, widths, params, params.tolerance)
    if found is not None:
        return Result(found, False)
    found = _solve(items, widths, params, float("inf"))
    if found is not None:
        return Result(found, True)
    # no breaks keep the words whole where the rules say (a compound wider than the line ends the
    # paragraph): its last part ends it after all
    for tolerance in (params.tolerance, float("inf")):
        found = _solve(items, widths, params, tolerance, whole_words=False)
        if found is not None:
            return Result(found, tolerance != params.tolerance)
    return None


def _solve(it: Items, widths: list[float], p: Params, tolerance: float, whole_words: bool = True) -> list[Line] | None:
    """Breaks are legal at glue after a box and at penalties below INFINITY. For glue, `flagged`
    and `right` describe the line end the break would make (a word's own hyphen, its protrusion).
    `whole_words`: the line before the last and the line `p.whole_line` never end inside a word.
    A break with `slack` (a web address's break point) lends the line ending there that much more
    stretch: such a line may end short instead of stretching its few spaces."""
    n = len(it)
    kind, width, stretch, shrink = it.kind, it.width, it.stretch, it.shrink
    penalty, flagged, inside, left, right, slack = it.penalty, it.flagged, it.inside, it.left, it.right, it.slack
    # prefix sums: sw[i] = sum of widths of items before i (likewise stretch and shrink)
    # sy: stretch of glue, sb: of boxes (font expansion; used up before glue stretches further)
    # (a hyphen counts only where it breaks)
    sw = list(accumulate([0.0 if k == PENALTY else w for k, w in zip(kind, width, strict=True)], initial=0.0))
    sy = list(accumulate([s if k == GLUE else 0.0 for k, s in zip(kind, stretch, strict=True)], initial=0.0))
    sb = list(accumulate([s if k == BOX else 0.0 for k, s in zip(kind, stretch, strict=True)], initial=0.0))
    sz = list(accumulate([0.0 if k == PENALTY else z for k, z in zip(kind, shrink, strict=True)], initial=0.0))
    # after a break the next line starts at the next box (glue and penalties there vanish)
    starts = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        starts[i] = i if kind[i] == BOX else starts[i + 1]
    last_width = len(widths) - 1
    rag = p.rag
    whole_line = p.whole_line
    inf = float("inf")
    # A line from a node's start to a break is too loose (ratio above the tolerance) exactly when
    # natural + tolerance·(glue stretch) + min(tolerance, 1)·(glyph stretch) < the room; with prefix
    # sums that is reach[b] + (break's hyphen − its protrusion) < the node's `loose`. Most nodes are
    # too loose at most breaks: they are passed over at that comparison (with a margin for rounding:
    # a node near its bound is scored as before, so the breaks are the same).
    # (Not in an emergency, nor with negative stretch: then every node is scored.)
    m = min(tolerance, 1.0)
    sure = tolerance < inf and rag >= 0 and min(stretch, default=0.0) >= 0
    reach = [w + tolerance * y + m * x for w, y, x in zip(sw, sy, sb, strict=True)] if sure else sw

    def loose(s: int, line: int) -> float:
        if not sure:
            return -inf
        return reach[s] - tolerance * rag + widths[min(line, last_width)] + (left[s] if s < n else 0.0) - MARGIN
    # The nodes too loose for every break up to here wait in a heap by their bound: `here` never
    # exceeds reach[b] + the largest line-end term, and reach only grows, so a node is looked at only
    # once that sum has reached its bound (each node is pushed and popped once, not passed over at
    # every break of the line it would start). The nodes looked at are kept in the order they were
    # made, as one list of all would be: between equal totals the first one wins, as before.
    # (not sure: every node is looked at — nor is `here` a number then, with an infinite tolerance)
    lift = max(((width[b] if kind[b] == PENALTY else 0.0) - right[b] + tolerance * slack[b] for b in range(n)),
               default=0.0) + MARGIN if sure else inf
    root = _Node(-1, starts[0], 0, 1, 0, 0.0, None, 0.0, False, loose(starts[0], 0))
    waiting: list[tuple[float, int, _Node]] = [(root.loose, 0, root)]
    seq = 1
    active: list[tuple[int, _Node]] = []  # (order made, node): the nodes looked at
    for b in range(n):
        k = kind[b]
        if k == BOX or (k == GLUE and (b == 0 or kind[b - 1] != BOX)):
            continue
        pen = penalty[b] if k == PENALTY else 0.0
        if pen >= INFINITY:
            continue
        if waiting and waiting[0][0] <= reach[b] + lift:
            while waiting and waiting[0][0] <= reach[b] + lift:
                _bound, order, node = heappop(waiting)
                insort(active, (order, node), key=_first)
        elif not active:  # every node waits: no line can end here (most breaks inside a line)
            continue
        forced = pen <= -INFINITY
        flag = flagged[b]
        end_w = width[b] if k == PENALTY else 0.0
        end_right = right[b]
        end_slack = slack[b]
        best: dict[tuple[int, int, int], _Node] = {}
        keep: list[tuple[int, _Node]] = []
        here = reach[b] + end_w - end_right + tolerance * end_slack
        for entry in active:
            a = entry[1]
            if here < a.loose:
                keep.append(entry)
                continue
            s = a.start
            target = widths[a.line if a.line < last_width else last_width]
            natural = sw[b] - sw[s] + end_w
            avail = target + (left[s] if s < n else 0.0) + end_right
            if natural < avail:
                y, yb = sy[b] - sy[s] + rag + end_slack, sb[b] - sb[s]
                r = (avail - natural) / (y + yb) if y + yb > 0 else inf
                if r > 1.0:  # the glyphs are fully expanded: the spaces take the rest
                    r = 1.0 + (avail - natural - y - yb) / y if y > 0 else inf
            elif natural > avail:
                z = sz[b] - sz[s]
                r = (avail - natural) / z if z > 0 else -inf
            else:
                r = 0.0
            if r < -1.0:
                continue  # too long now, and longer for every later break: drop this node
            keep.append(entry)
            if r > tolerance or (flag and a.run >= p.max_hyphen_run) or (whole_words and forced and a.inside):
                continue  # too loose; a third hyphen in a row; a last line of only a word's end
            if whole_words and a.line == whole_line and k == PENALTY and (inside[b] or slack[b]):
                continue  # a word (or a web address: its breaks have slack) split across the gap under an image
            bad = 100.0 * abs(r) ** 3 if r != inf else 1e12
            d = (p.line_penalty + bad) ** 2
            if pen > 0:
                d += pen * pen
            elif pen > -INFINITY:
                d -= pen * pen
            if flag and a.run > 0:
                d += p.double_hyphen_demerits
            fit = _fitness(r)
            if abs(fit - a.fitness) > 1:
                d += p.fitness_demerits
            total = a.total + d
            run = a.run + 1 if flag else 0
            line = a.line + 1
            key = (fit, run, line if line < last_width else last_width)
            cur = best.get(key)
            if cur is None or total < cur.total:
                s1 = starts[b + 1]
                best[key] = _Node(b, s1, line, fit, run, total, a, r, k == PENALTY and inside[b], loose(s1, line))
        active = keep
        if forced:
            active.extend((seq + i, node) for i, node in enumerate(best.values()))
            break
        for node in best.values():
            heappush(waiting, (node.loose, seq, node))
            seq += 1
        if not active and not waiting:
            return None
    active_nodes = [node for _order, node in active]
    finals = [a for a in active_nodes if a.pos == n - 1]
    if not finals:
        return None
    node = min(finals, key=lambda a: a.total)
    out: list[Line] = []
    while node.prev is not None:
        a, b = node.prev, node.pos
        s = a.start
        end_w = width[b] if kind[b] == PENALTY else 0.0
        out.append(Line(s, b, node.ratio, sw[b] - sw[s] + end_w, left[s] if s < n else 0.0, right[b]))
        node = a
    out.reverse()
    return out
