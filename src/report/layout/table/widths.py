"""The widths of a table's columns, as a typesetter sets them: each column as wide as its widest
entry where the table has room, else narrowed where that costs fewest lines; a table too wide even
so is refused (`TooWide`) for the layout to set it smaller or tell the author."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..styles import MM, Styles
from .cells import Heading, Setup, Text, bound_unit, column_cells, hang, lead, longest_word, loose, parts, unshy
from .data import Column, Row, TableData

MIN_TEXT_COLUMN = 18 * MM  # narrower than this a text column breaks nearly every word (and takes no spare room)
NUMBER_COLUMN = 16 * MM  # number columns get this much where the table has room (airy, even columns)
NUMBER_GAP = 1.5  # ems: the least room between the widest entries of two number columns, where it fits
TIGHT_GUTTER = 1.0  # ems: the room between the columns of a table whose entries do not fit on one line each
WORD_SLACK = 0.5  # points a column keeps beyond its longest word: a paragraph breaks a word that fills it exactly


class TooWide(ValueError):
    """The table's columns need more room than the text column has."""

    def __init__(self, column: int, needed: float, available: float, widths: list[float],
                 headed: list[float] | None = None):
        super().__init__(f"column {column + 1} makes the table too wide")
        self.column, self.needed, self.available, self.widths = column, needed, available, widths
        self.headed = headed or [0.0] * len(widths)  # per column: how much wider its heading makes it


Lines = tuple[list[int], int, float]  # a column's lines per row, its heading's, and its heading's broken words


@dataclass
class _Fit:
    """What the widths of a table that does not fit cost: the lines of its rows (a row is as tall as
    its tallest cell), of its heading (repeated on every page the table runs onto) and a quarter
    line for every cell broken at all, even where its row is no taller for it ('ONS Brunnengasse /
    3' reads worse than one line); where headings break inside words, what each broken word costs
    (`Heading.broken`: 'AK 31.12.' / '2026' rather than 'Buch-' / 'wert')."""

    cells: list[list[Text | None]]  # per column, per row: its text where it wraps (None: a number)
    heads: list[list[Text | Heading]]  # per column: label and unit
    inner: list[float]  # per column: what its width loses before its text (slack, hang)
    head_weight: float

    def lines(self, i: int, width: float) -> Lines:
        room = width - self.inner[i]
        return ([t.lines(room) if t else 1 for t in self.cells[i]], sum(t.lines(room) for t in self.heads[i]),
                sum(t.broken(room) for t in self.heads[i] if isinstance(t, Heading)))

    def cost(self, columns: list[Lines]) -> float:
        rows = sum(max(row) for row in zip(*(lines for lines, _, _ in columns), strict=True))
        broken = sum(n > 1 for lines, _, _ in columns for n in lines)
        words = sum(w for _, _, w in columns)  # (none where headings break only between words)
        return rows + self.head_weight * max(head for _, head, _ in columns) + 0.25 * broken + words


def _heading(col: Column, su: Setup, breaking: bool = False) -> list[Text | Heading]:
    """A column's label and unit as measured; the label broken inside its words where the table
    does not fit otherwise (`TableData.break_headings`)."""
    label = (Heading.of(loose(col.label), su.bold, su.size, su.styles.hyphenate) if breaking
             else Text.of(loose(unshy(col.label)), su.bold, su.size))
    return [label, *([Text.of(bound_unit(col.unit), su.regular, su.size)] if col.unit else [])]


def _two_lines(texts: list[Text | Heading]) -> float:
    """The least width in which a heading takes at most two lines: a label over its unit on one line
    each, a label alone on two."""
    word = max((w for t in texts for w in t.widths), default=0.0)
    widths = sorted(w for t in texts for w in t.runs() if w >= word)
    return next((w for w in widths if sum(t.lines(w) for t in texts) <= 2), widths[-1] if widths else 0.0)


def _shrink(fit: _Fit, widths: list[float], floors: list[list[float]], excess: float) -> list[float]:
    """Narrow the columns by `excess`, a step at a time, each time where it costs fewest lines per
    point won: first room no text needs, then where a column's text takes more lines (long cells
    first, as they win most room per line; a step may skip narrower widths that cost more)."""
    widths = list(widths)
    for i, fl in enumerate(floors):  # room above the width its text needs: free
        take = min(widths[i] - max(f for f in fl if f <= widths[i] + 0.001), excess)
        widths[i] -= take
        excess -= take
    state = [fit.lines(i, w) for i, w in enumerate(widths)]
    base = fit.cost(state)
    while excess > 0.001:
        best = None
        for i, fl in enumerate(floors):
            below = [f for f in fl if f < widths[i] - 0.001]
            # narrower than needed only the widest of them: the others cost more and win nothing
            reach = [f for f in below if f >= widths[i] - excess] + [f for f in below if f < widths[i] - excess][-1:]
            for floor in reach:
                lines = fit.lines(i, floor)
                lost = fit.cost([*state[:i], lines, *state[i + 1:]]) - base
                score = lost / min(widths[i] - floor, excess)
                if best is None or score < best[0] - 1e-9:
                    best = (score, i, floor, lines, lost)
        if best is None:
            break
        _, i, floor, lines, lost = best
        take = min(excess, widths[i] - floor)  # any width down to the floor is set as the floor is
        widths[i] -= take
        excess -= take
        state[i] = lines
        base += lost
    return widths


def _widen(fit: _Fit, widths: list[float], floors: list[list[float]], spare: float,
           series: list[int]) -> list[float]:
    """Give room left after `_shrink` back where it saves most lines per point: a table whose
    headings break inside words spends it on the headings. Columns of one series (headings alike
    but for their digits: 'Buchwert 31.12.2026', 'Buchwert 31.12.2025') widen together, so that
    their headings break alike."""
    widths = list(widths)
    state = [fit.lines(i, w) for i, w in enumerate(widths)]
    base = fit.cost(state)
    while spare > 0.001:
        best = None
        for i, fl in enumerate(floors):
            for floor in (f for f in fl if widths[i] + 0.001 < f <= widths[i] + spare):
                lines = fit.lines(i, floor)
                move = {i: (floor, lines)}
                for j in (j for j in range(len(floors)) if series[j] == series[i] and j != i):
                    same = next((f for f in floors[j] if f >= widths[j] - 0.001
                                 and fit.lines(j, f)[1:] == lines[1:]), None)
                    if same is None:
                        break
                    move[j] = (max(same, widths[j]), fit.lines(j, max(same, widths[j])))
                else:
                    taken = sum(f - widths[k] for k, (f, _) in move.items())
                    after = list(state)
                    for k, (_, ln) in move.items():
                        after[k] = ln
                    gain = base - fit.cost(after)
                    if taken <= spare + 0.001 and gain > 1e-9 and (best is None or gain / taken > best[0] + 1e-9):
                        best = (gain / taken, move, gain, taken)
        if best is None:
            break
        _, move, gain, taken = best
        for k, (f, ln) in move.items():
            widths[k], state[k] = f, ln
        spare -= taken
        base -= gain
    return widths


def natural_width(data: TableData, su: Setup, available: float) -> float:
    """The width of a table whose entries each stand on one line at their size, with its gutters."""
    natural, *_ = _measure(data, su, available)
    return sum(natural) + su.gutter * (len(data.columns) - 1)


def _measure(data: TableData, su: Setup, available: float,
             ) -> tuple[list[float], list[float], list[float], list[float]]:
    """Per column: its natural width, its least width, what its width loses before its text, and
    what its entries alone need at least (what its heading adds beyond is the difference). A column
    the author gave a width has that width as natural and least, unless its entries need more."""
    mark_room = su.size * 0.6
    gap = max(0.0, NUMBER_GAP * su.size - su.gutter)  # more room left of a number column's widest entry
    natural, minimum, inner, entries = [], [], [], []
    for i, col in enumerate(data.columns):
        unit_w = longest_word(bound_unit(col.unit or ""), su.regular, su.size)
        label = unshy(col.label)
        label_w = max(longest_word(label, su.bold, su.size), unit_w) + WORD_SLACK  # where it has room
        head = (_heading(col, su, True)[0].least() if data.break_headings
                else longest_word(loose(label), su.bold, su.size))
        least = max(head, unit_w) + WORD_SLACK
        cells = column_cells(data, i)
        if col.align == "decimal":
            whole = max((stringWidth(parts(c.text, data.decimal)[0], su.font(k), su.size)
                         for k, c in cells), default=0.0) + lead(data, i, su)
            frac = max((stringWidth(parts(c.text, data.decimal)[1], su.font(k), su.size)
                        for k, c in cells), default=0.0)
            right = hang(data, i, su)
            need = max(label_w, whole + frac) + right
            minimum.append(max(least, whole + frac) + right)
            natural.append(need + (gap if i else 0))
            inner.append(WORD_SLACK + right)
            entries.append(whole + frac + right)
        else:  # never narrower than its longest word (a paragraph would cut it without a hyphen)
            full = max((stringWidth(c.text, su.font(k), su.size) + (mark_room if c.mark else 0)
                        for k, c in cells), default=0.0)
            word = max((longest_word(c.text, su.font(k), su.size) + (mark_room if c.mark else 0)
                        for k, c in cells), default=0.0)
            natural.append(max(full, label_w) + WORD_SLACK)
            minimum.append(max(word + WORD_SLACK, least, min(MIN_TEXT_COLUMN, natural[-1])))
            inner.append(WORD_SLACK)
            entries.append(max(word + WORD_SLACK, min(MIN_TEXT_COLUMN, natural[-1])))
        if col.width:
            natural[-1] = minimum[-1] = max(minimum[-1], col.width / 100 * available)
            entries[-1] = max(entries[-1], col.width / 100 * available)
    return natural, minimum, inner, entries


def set_table(data: TableData, styles: Styles, available: float) -> tuple[TableData, list[float]]:
    """The table as set and its widths. A table whose entries do not all fit on one line at the
    theme's gutter is set with gutters of TIGHT_GUTTER first: a little less room between columns
    costs less than a second line in many rows."""
    su = Setup.of(data, styles)
    tight = TIGHT_GUTTER * su.size
    if not data.gutter and tight < su.gutter:
        natural, *_ = _measure(data, su, available)
        if su.span(natural) > available:
            data = replace(data, gutter=tight)
    return data, column_widths(data, styles, available)


def broken_rows(data: TableData, styles: Styles, widths: list[float]) -> int:
    """How many rows of the table take more than one line in these widths."""
    su = Setup.of(data, styles)
    _, _, inner, _ = _measure(data, su, sum(widths))
    wrapping = [i for i, c in enumerate(data.columns) if c.align != "decimal"]
    return sum(any(Text.of(r.cells[i].printed, su.font(r.kind), su.size)
                   .lines(widths[i] - inner[i]) > 1 for i in wrapping if i < len(r.cells))
               for r in data.rows if r.kind != "group")


def column_widths(data: TableData, styles: Styles, available: float) -> list[float]:
    """Widths that fit `available`, as a typesetter sets them. A column's natural width is its
    widest entry on one line (a number column's digits, a text column's whole text). When that
    fits, room left over goes first to headings that would take more than two lines, then to
    number columns (to an even width), then to the text columns (not to one of short entries, a note
    column, where it would stand as a hole). When it does not, columns narrow
    where that costs fewest lines (`_shrink`); a text column never below its longest word, a number
    column never below its widest number. Raises TooWide (naming the widest column) when even the
    narrowest setting does not fit."""
    su = Setup.of(data, styles)
    natural, minimum, inner, entries = _measure(data, su, available)
    gutters = su.gutter * (len(data.columns) - 1)
    if sum(minimum) + gutters > available + 0.01:
        widest = max(range(len(minimum)), key=lambda i: minimum[i])
        raise TooWide(widest, sum(minimum) + gutters, available, minimum,
                      [max(0.0, m - e) for m, e in zip(minimum, entries, strict=True)])
    heads = [_heading(col, su, data.break_headings) for col in data.columns]
    two = [minimum[i] if col.width else max(minimum[i], _two_lines(heads[i]) + inner[i])
           for i, col in enumerate(data.columns)]
    if sum(natural) + gutters <= available:
        widths = list(natural)
        short = sorted((two[i] - widths[i], i) for i in range(len(widths)) if two[i] > widths[i] + 0.001)
        for more, i in short:  # headings that would take three lines or more, the nearest first
            if sum(widths) + gutters + more <= available:
                widths[i] += more
    else:
        fit, floors = _fitting(data, su, heads, inner, minimum)
        start = [max(n, t) for n, t in zip(natural, two, strict=True)]
        widths = _shrink(fit, start, floors, sum(start) + gutters - available)
        if data.break_headings:
            snapped = [max((f for f in fl if f <= w + 0.001), default=w) for w, fl in zip(widths, floors, strict=True)]
            shapes = [re.sub(r"\d", "0", f"{unshy(c.label)} {c.unit}") for c in data.columns]
            widths = _widen(fit, snapped, floors, available - sum(snapped) - gutters,
                            [shapes.index(shape) for shape in shapes])
    spare = available - sum(widths) - gutters
    numbers = [i for i, c in enumerate(data.columns)
               if c.align == "decimal" and not c.width and widths[i] < NUMBER_COLUMN]
    want = sum(NUMBER_COLUMN - widths[i] for i in numbers)
    if numbers and spare > 0:
        for i in numbers:
            widths[i] += (NUMBER_COLUMN - widths[i]) * min(1.0, spare / want)
        spare = available - sum(widths) - gutters
    texts = [i for i, c in enumerate(data.columns) if c.align != "decimal" and not c.width]
    # a text column of short entries (a note number, a code) stays as narrow as they are: room given to it
    # stands as a hole between the row labels and the figures (an income statement's Note column, 30 mm wide)
    wrapping = ([i for i in texts if natural[i] >= MIN_TEXT_COLUMN] or texts
                or [i for i, c in enumerate(data.columns) if not c.width] or [0])
    for i in wrapping:  # the table spans the column: extra room goes to the text columns
        widths[i] += spare / len(wrapping)
    return widths


def _fitting(data: TableData, su: Setup, heads: list[list[Text | Heading]], inner: list[float],
             minimum: list[float]) -> tuple[_Fit, list[list[float]]]:
    """The cost of a table's widths, and per column the widths at which its lines change (never
    below its minimum)."""
    rows = [r for r in data.rows if r.kind != "group"]
    known: dict[tuple[str, str], Text] = {}

    def text(row: Row, i: int) -> Text | None:
        if data.columns[i].align == "decimal" or i >= len(row.cells):
            return None
        words, font = row.cells[i].printed, su.font(row.kind)
        if (words, font) not in known:
            known[words, font] = Text.of(words, font, su.size)
        return known[words, font]

    cells = [[text(r, i) for r in rows] for i in range(len(data.columns))]
    floors = []
    for i, texts in enumerate(heads):
        runs = {w for t in {id(t): t for t in [*cells[i], *texts] if t}.values() for w in t.runs()}
        floors.append(sorted({minimum[i], *(w + inner[i] for w in runs if w + inner[i] > minimum[i])}))
    pages = 1 + len(rows) // 30  # the heading repeats on every page a long table runs onto
    return _Fit(cells, heads, inner, pages), floors

