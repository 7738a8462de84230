"""The year at a glance: dated entries in a chronicle. The dates stand in a column on the text
column's edge (bold, in the accent colour, ragged), a thin rule in the accent colour runs beside
them with a dot at each entry's first line, and the entries' text (ragged right, hyphenated, as list
items are) stands right of the rule, an entry's title bold above it. The date column is as wide as
the longest date, at least DATE_MIN and up to DATE_SHARE of the measure (a longer date wraps; never
inside its longest word); where that leaves the text fewer than MIN_TEXT_CHARS a line (two columns
on A5), each date stands above its text instead, the rule on the column's edge.

A timeline splits between entries, and inside an entry of four lines or more between lines, with
MIN_SPLIT_LINES on each side, and MIN_ENTRIES entries (or parts of one) in each part: its title
stays with the first two, and a short timeline moves on whole. Where it goes on, the rule runs
to the foot of the part and on from the top of the next. Tagged as one list across its parts: L
(its title a Caption) / LI / Lbl (the date) / LBody (title and text), read date, then text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..model import Timeline
from ..tagging import Shared, artifact, content, group, shared_group
from . import notes
from .context import LayoutContext
from .templates import text_frame_height
from .text import Paragraph, rl_markup, rl_plain, text_chars

DATE_SHARE = 0.25  # the widest the date column is, as a share of the measure (a longer date wraps)
DATE_MIN = 4.0  # em: the narrowest it is (Q1 … Q4 would pull the rule against the dates)
MIN_TEXT_CHARS = 30  # the text beside the dates holds this many characters a line, else dates stand above it
MIN_SPLIT_LINES = 2  # a split entry keeps this many lines of its text on each side
# entries (or parts of a split one) on each side of a page break: a title and one entry at a page's foot, the
# other four overleaf, read as stranded (a US report's „FY2026: The Year at a Glance“), as tables keep rows
MIN_ENTRIES = 2
# em between the date column (its widest date) and the dot's edge: 0.9 em to the rule's middle left the widest
# date, « 21 septembre », 0.67 em from its dot, close enough to read as touching it
DATE_GAP = 1.0
TEXT_GAP = 1.0  # em between the rule and the text
DOT = 0.23  # em: the dot's radius
RULE = 0.6  # pt: the rule's width
ENTRY_GAP = 0.45  # leadings between two entries
DOT_RISE = 0.36  # em above the first baseline: the dot's centre, half a capital's or a figure's height


@dataclass
class Grid:
    """Where the parts of an entry stand, from the flowable's left edge (the frame's)."""

    date_x: float
    date_w: float
    rule_x: float
    text_x: float
    text_w: float
    stacked: bool  # the date above the text, right of the rule (a narrow column)


@dataclass
class Entry:
    """One entry, or the rest of one that a page break split (`first` False: no date, no dot)."""

    key: int  # its place in the timeline: the parts of a split entry share it (one LI in the tags)
    date: Paragraph | None
    date_text: str
    title: Paragraph | None
    text: Paragraph
    first: bool = True
    height: float = 0.0
    body_top: float = 0.0  # from the entry's top to its title's (or text's) top: the date's height when stacked

    def wrap(self, grid: Grid, ah: float) -> float:
        body = 0.0
        if self.title is not None:
            body += self.title.wrap(grid.text_w, ah)[1]
        body += self.text.wrap(grid.text_w, ah)[1]
        date_h = self.date.wrap(grid.text_w if grid.stacked else grid.date_w, ah)[1] if self.date else 0.0
        self.body_top = date_h if grid.stacked else 0.0
        self.height = date_h + body if grid.stacked else max(date_h, body)
        return self.height

    def lines(self) -> int:
        return len(self.text.blPara.lines)

    def least(self, grid: Grid, ah: float) -> float:
        """The least of it that stands on a page: all of it, or its start where it may split."""
        self.wrap(grid, ah)
        if self.lines() < 2 * MIN_SPLIT_LINES:
            return self.height
        above = self.body_top + (self.title.height if self.title is not None else 0.0)
        start = above + MIN_SPLIT_LINES * self.text.style.leading
        return max(start, 0.0 if grid.stacked or self.date is None else self.date.height)

    def split(self, grid: Grid, room: float) -> tuple[Entry, Entry] | None:
        """The entry's start in `room` and its rest, each with MIN_SPLIT_LINES of its text at least."""
        self.wrap(grid, room)
        if self.lines() < 2 * MIN_SPLIT_LINES:
            return None
        if not grid.stacked and self.date is not None and self.date.height > room:
            return None
        above = self.body_top + (self.title.height if self.title is not None else 0.0)
        leading = self.text.style.leading
        fit = min(int((room - above + 1e-6) // leading), self.lines() - MIN_SPLIT_LINES)
        if fit < MIN_SPLIT_LINES:
            return None
        parts = self.text.split(grid.text_w, fit * leading + leading / 4)
        if len(parts) != 2:
            return None
        for part in parts:
            part.wrap(grid.text_w, room)
        if min(len(parts[0].blPara.lines), len(parts[1].blPara.lines)) < MIN_SPLIT_LINES:
            return None
        head = Entry(self.key, self.date, self.date_text, self.title, parts[0], self.first)
        rest = Entry(self.key, None, self.date_text, None, parts[1], first=False)
        return head, rest


class TimelineFlowable(Flowable):
    """`x`: the text column's edge. `continued`: a part after the first (the rule runs in from its top);
    `goes_on`: a part before the last (the rule runs out at its foot)."""

    splits_with_notes = True  # the section's last block: its last entries go on with the footnotes (layout.notes)

    def __init__(self, title: Paragraph | None, entries: list[Entry], x: float, dates: list[str],
                 date_font: tuple[str, float], leading: float, colour: Any, tags: Shared, continued: bool = False,
                 goes_on: bool = False, page: float = float("inf")):
        """`page`: the text frame's height: a timeline taller splits where it must (see `split`)."""
        super().__init__()
        self.page = page
        self.title, self.entries, self.x, self.dates, self.date_font = title, entries, x, dates, date_font
        self.size, self.leading, self.colour, self.tags = date_font[1], leading, colour, tags
        self.continued, self.goes_on = continued, goes_on
        self.gap = leading * ENTRY_GAP

    # -- measuring

    def grid(self, aw: float) -> Grid:
        """The columns, from all the timeline's dates (each part of a split one has the same)."""
        measure = aw - self.x
        widest = max(stringWidth(d, *self.date_font) for d in self.dates)
        longest_word = max(stringWidth(w, *self.date_font) for d in self.dates for w in d.split(" "))
        date_w = min(max(widest, DATE_MIN * self.size), max(measure * DATE_SHARE, longest_word)) + 0.5  # (rounding)
        rule_x = self.x + date_w + (DATE_GAP + DOT) * self.size
        text_x = rule_x + TEXT_GAP * self.size
        if text_chars(self.entries[0].text.style, aw - text_x) >= MIN_TEXT_CHARS:
            return Grid(self.x, date_w, rule_x, text_x, aw - text_x, False)
        rule_x = self.x + DOT * self.size  # the dot's left edge on the column's edge
        text_x = rule_x + TEXT_GAP * self.size
        return Grid(text_x, aw - text_x, rule_x, text_x, aw - text_x, True)

    def _title_height(self, aw: float, ah: float) -> float:
        if self.title is None:
            return 0.0
        return self.title.wrap(aw - self.x, ah)[1] + self.title.style.spaceAfter

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self._grid = self.grid(aw)
        heights = [e.wrap(self._grid, ah) for e in self.entries]
        self.height = self._title_height(aw, ah) + sum(heights) + self.gap * (len(heights) - 1)
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading, the least of it that stands on a page (see `split`; layout.flow)."""
        self.wrap(aw, ah)
        title, whole = self._title_height(aw, ah), self.height
        tops, used = [], title
        for i, entry in enumerate(self.entries):
            gap = self.gap if i else 0.0
            tops += [used + gap + entry.least(self._grid, ah), used + gap + entry.height]
            used += gap + entry.height
        return next((h for h in sorted(tops) if h < whole and self._split(aw, h + 0.01, MIN_ENTRIES)), whole)

    def split(self, aw: float, ah: float) -> list[Any]:
        """As many entries as fit, the last of them split between lines where it is long enough, with
        MIN_ENTRIES entries (or parts of one) in each part, else fewer on this page: the title never
        with one entry alone at a page's foot. Nothing where not even that fits (all of it moves on).
        Only a timeline taller than a page that splits no other way (one long entry) splits as it can."""
        parts = self._split(aw, ah, MIN_ENTRIES)
        if parts:
            return parts
        frame = getattr(self, "_frame", None)
        if self.height > self.page or frame is not None and getattr(frame, "_atTop", False):
            return self._split(aw, ah, 1)
        return []

    def _split(self, aw: float, ah: float, least: int) -> list[Any]:
        self.wrap(aw, ah)
        grid, used, n = self._grid, self._title_height(aw, ah), len(self.entries)
        for i, entry in enumerate(self.entries):
            gap = self.gap if i else 0.0
            if used + gap + entry.height <= ah:
                used += gap + entry.height
                continue
            pieces = entry.split(grid, ah - used - gap)
            if pieces is not None and i + 1 >= least and n - i >= least:
                return [self._part([*self.entries[:i], pieces[0]], True),
                        self._part([pieces[1], *self.entries[i + 1:]], False)]
            k = min(i, n - least)  # whole entries here, at least `least` of them on either side
            if k < least:
                return []
            return [self._part(self.entries[:k], True), self._part(self.entries[k:], False)]
        return []

    def _part(self, entries: list[Entry], first: bool) -> TimelineFlowable:
        part = TimelineFlowable(self.title if first else None, entries, self.x, self.dates, self.date_font,
                                self.leading, self.colour, self.tags, self.continued or not first,
                                self.goes_on or first, self.page)
        part.spaceBefore = self.spaceBefore if first else 0.0
        part.spaceAfter = 0.0 if first else self.spaceAfter
        return part

    # -- drawing

    def draw(self) -> None:
        c, grid = self.canv, self._grid
        y = self.height - self._title_height(self.width, self.height)
        tops = []
        for i, entry in enumerate(self.entries):
            y -= self.gap if i else 0.0
            tops.append(y)
            y -= entry.height
        self._decoration(tops)
        # its parts on later pages (or in the next column) go on inside the same L, a split entry's rest
        # inside its LBody
        with shared_group(c, self.tags, "L"):
            if self.title is not None:
                self.title.drawOn(c, self.x, self.height - self.title.height)
            for entry, top in zip(self.entries, tops, strict=True):
                self._draw_entry(entry, top, grid)

    def _draw_entry(self, entry: Entry, top: float, grid: Grid) -> None:
        c = self.canv
        body = f"LBody {entry.key}"
        if not entry.first:  # the rest of an entry: in the LBody its start opened
            with shared_group(c, self.tags, "LBody", body):
                entry.text.drawOn(c, grid.text_x, top - entry.text.height)
            return
        with group(c, "LI"):
            if entry.date is not None:
                with content(c, "Lbl", actual_text=" ".join(entry.date_text.split())):  # (read without U+00A0)
                    entry.date.drawOn(c, grid.date_x, top - entry.date.height)
            with shared_group(c, self.tags, "LBody", body):
                y = top - entry.body_top
                if entry.title is not None:
                    entry.title.drawOn(c, grid.text_x, y - entry.title.height)
                    y -= entry.title.height
                entry.text.drawOn(c, grid.text_x, y - entry.text.height)

    def _decoration(self, tops: list[float]) -> None:
        """The rule from the first dot (in a part after the first: from its top) to the last dot (in a part
        that goes on, or that ends with the rest of an entry: to its foot), and the dots on it, at each
        entry's first line: decoration, an artifact."""
        c, grid = self.canv, self._grid
        dots = [top - (1 - DOT_RISE) * self.size for entry, top in zip(self.entries, tops, strict=True)
                if entry.first]
        upper = tops[0] if self.continued else dots[0]
        lower = 0.0 if self.goes_on or not self.entries[-1].first else dots[-1]
        with artifact(c):
            c.saveState()
            c.setStrokeColor(self.colour)
            c.setFillColor(self.colour)
            c.setLineWidth(RULE)
            if upper > lower:
                c.line(grid.rule_x, lower, grid.rule_x, upper)
            for y in dots:
                c.circle(grid.rule_x, y, DOT * self.size, stroke=0, fill=1)
            c.restoreState()


def layout(ctx: LayoutContext, block: Timeline, x: float) -> list[Any]:
    """`x`: the text column's edge (0 in a column of a two-column section)."""
    st = ctx.styles
    size, leading = st.theme.sizes.body, st.theme.sizes.leading
    text_style = st.para("body", alignment=TA_LEFT, spaceAfter=0)
    date_style = st.para("body", text="accent", fontName=st.font["bold"], alignment=TA_LEFT,
                         spaceAfter=0, hyphenationLang="")
    entry_title = st.para("question", spaceBefore=0, spaceAfter=0)
    ref = notes.reference(block.pos.file)
    entries = []
    for i, e in enumerate(block.entries):
        date = ctx.locale.typographic(e.date)  # a day with its month: 12. März keeps a no-break space
        entries.append(Entry(
            i, Paragraph(rl_plain(e.date, ctx.locale), date_style), date,
            Paragraph(rl_plain(e.title, ctx.locale), entry_title) if e.title else None,
            Paragraph(rl_markup(e.text, ctx.locale, note=ref), text_style, source=e.pos, notes=st.notes)))
    title = None
    if block.title:
        title = Paragraph(rl_plain(block.title, ctx.locale), st.para("h2", spaceBefore=0, alignment=TA_LEFT,
                                                                      keepWithNext=0))
        title.role = "Caption"  # the list's caption (its first kid in the tags), not a heading of the section
    flowable = TimelineFlowable(title, entries, x, [e.date_text for e in entries], (st.font["bold"], size), leading,
                                st.colour("accent"), Shared(), page=text_frame_height(ctx.geometry, st.theme.page))
    flowable.spaceBefore = leading * 0.6
    flowable.spaceAfter = leading * 0.6
    return [flowable]
