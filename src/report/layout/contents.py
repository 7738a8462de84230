"""The contents page: the lead, then the table of contents with page numbers and links.

The contents need the page numbers of the sections after them, which reportlab only knows once
it has laid the document out. Each line's number is therefore drawn as a form XObject that is
filled in when the pass ends (`Contents.afterBuild`, before the file is written): the lines take
the same room whatever their numbers are (a number has a column of its own), so one pass is final
when it drew the lines it collected. Which lines to draw is known before the pass: the sections'
headings (`expect`), or, where the theme lists sub-headings too, the previous build's lines, kept
in the cache (`Seeds`). A line that differs from the ones collected (a first build listing
sub-headings, a wrong or hostile seed) costs one more pass, never a wrong page number.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from ..cache import Cache
from ..cache import key as cache_key
from ..errors import Diagnostic, Pos
from ..tagging import content, group, nested, tagger_of
from .context import LayoutContext
from .measure import block_width, lead_style, wide
from .styles import MM
from .templates import text_frame_height
from .text import Paragraph, escape, rl_markup, rl_plain, rl_typeset

NUMBER_WIDTH = 12 * MM
FORM_MARGIN = 2  # points around a number's form: its bounding box clips
WRAPPED_LEADING = 1.25  # the lines of an entry that wraps, in multiples of its size (entries: the style's)
# The contents are set this much tighter at most to stay on their page: a few lines over (a long review
# with sub-headings listed) would start a page of their own, nearly empty. 0.74: leading 1.9 → 1.4 × size.
SQUEEZE = 0.74
# Two columns only where a column holds an entry of about 30 characters on one line beside its number
# (A4, Letter, square: 16–17 ems of the entry size; A5: 11, too narrow).
MIN_MEASURE = 15  # ems of the entry size
COLUMN_GAP = 12 * MM  # between the page numbers of the first column and the entries of the second
GROUP_BREAK = 1.5  # a column break between a section's lines counts as this many lines of imbalance


class Contents(TableOfContents):
    """reportlab's contents bookkeeping (entries collected over multiBuild's passes), drawn as
    tagged TOC/TOCI items, each line a link to its section; contents too long for their page are set
    closer together, in two columns or over pages (ContentsLines)."""

    def __init__(self, entry_style: Any, number_style: Any, seed: SeedSlot | None = None, sub_style: Any = None,
                 levels: int = 1, page_h: float | None = None, levels_pos: Pos | None = None,
                 notes: list[Diagnostic] | None = None, measure: float | None = None,
                 typeset: Callable[[str], str] = escape):
        """`page_h`: the room of a page after the first (the contents' last two pages are balanced);
        `levels_pos`: where the theme sets contents_levels; `notes`: where the warning goes; `measure`:
        the widest the lines are set in one column (a wide page: layout.measure), None: the frame's width;
        `typeset`: an entry's text (as `Locale.typographic` set it) as paragraph markup."""
        super().__init__()
        self.page_h, self.levels_pos, self.notes, self.measure = page_h, levels_pos, notes, measure
        self.pages: list[int] = []  # the pages the contents lines are drawn on (this pass)
        self.room: float | None = None  # the room on the contents' first page, once they split
        self.entry_style, self.number_style = entry_style, number_style
        self.sub_style, self.levels = sub_style or entry_style, levels
        self.lines = ContentsLines([])
        self.seed, self.typeset = seed, typeset
        self.languages: dict[str, str] = {}  # a line's key → its section's language, where not the document's
        self.name = "RptTocNumber"  # the numbers' forms: …_0, _1, … (one contents per document, a canvas per pass)
        self._drawn: tuple[Any, Any] | None = None  # (canvas, document template) of this pass's lines
        if seed is not None:
            self._entries = [(level, text, 0, key) for level, text, key in seed.lines()]

    def expect(self, entries: list[tuple[int, str, str | None]]) -> None:
        """The sections' (level, text, key), which the first pass draws unless a seed lists the same
        sections (and sub-headings, which the theme may list too, with them)."""
        if [e for e in self._lines(self._entries) if e[0] == 0] != [e for e in entries if e[0] == 0]:
            self._entries = [(level, text, 0, key) for level, text, key in entries]

    @cached_property
    def number_height(self) -> float:
        return Paragraph("0", self.number_style).wrap(NUMBER_WIDTH, 1e6)[1]

    def _lines(self, entries: list[tuple[int, str, int, str | None]] | None) -> list[tuple[int, str, str | None]]:
        return [(level, text, key) for level, text, _page, key in entries or [] if level < self.levels]

    def beforeBuild(self) -> None:  # noqa: N802 - reportlab API
        super().beforeBuild()
        self._drawn = None
        self.pages.clear()
        self.room = None

    def isSatisfied(self) -> bool:  # noqa: N802 - reportlab API
        """The lines drawn are the lines collected: their numbers are filled in after the pass."""
        return self._lines(self._entries) == self._lines(self._lastEntries)

    def afterBuild(self) -> None:  # noqa: N802 - reportlab API
        super().afterBuild()
        if not self.isSatisfied():
            return  # another pass: this canvas is never written
        if self._drawn is not None:
            canvas, template = self._drawn
            pages = [page for level, _text, page, _key in self._entries if level < self.levels]
            canvas._doctemplate = template  # reportlab unset it when the pass ended: the tagger is found so
            try:
                for index, page in enumerate(pages):
                    self._number_form(canvas, index, page)
            finally:
                del canvas._doctemplate
        if self.seed is not None:
            self.seed.keep(self._lines(self._entries))
        if self.notes is not None and (note := self.note()):
            self.notes.append(note)

    def _number_form(self, canvas: Any, index: int, page: int) -> None:
        number = Paragraph(str(page), self.number_style)
        number.wrap(NUMBER_WIDTH, 1e6)
        canvas.beginForm(f"{self.name}_{index}", -FORM_MARGIN, -FORM_MARGIN, NUMBER_WIDTH + FORM_MARGIN,
                         self.number_height + FORM_MARGIN)
        with nested(canvas):  # the form is placed inside its line's P
            number.drawOn(canvas, 0, 0)
        canvas.endForm()

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        lines = self._lines(self._lastEntries)
        one = aw if self.measure is None else min(aw, self.measure)  # a number stays beside its entry
        rows = self._rows(lines, one, ah)
        column = (aw - COLUMN_GAP) / 2
        two = column - NUMBER_WIDTH >= MIN_MEASURE * self.entry_style.fontSize  # a page wide enough for two
        narrow = self._rows(lines, column, ah) if two and sum(r.height for r in rows) * SQUEEZE > ah else None
        self.lines = ContentsLines(rows, narrow, COLUMN_GAP, self.page_h, pages=self.pages, measure=self.measure)
        self.width, self.height = self.lines.wrap(aw, ah)
        return self.width, self.height

    def _rows(self, lines: list[tuple[int, str, str | None]], aw: float, ah: float) -> list[Row]:
        rows = []
        for index, (level, text, key) in enumerate(lines):
            style = self.entry_style if level == 0 else self.sub_style
            entry = Paragraph(self.typeset(text), style)
            h = entry.wrap(aw - NUMBER_WIDTH, ah)[1]
            if h > style.leading:  # it wraps: its lines closer together than the entries, or it reads as two
                tight = style.clone(style.name, leading=style.fontSize * WRAPPED_LEADING)
                entry = Paragraph(self.typeset(text), tight)
                h = entry.wrap(aw - NUMBER_WIDTH, ah)[1] + style.leading - tight.leading
            number = LateNumber(self, index)
            rows.append(Row(entry, number, key, max(h, number.wrap(NUMBER_WIDTH, ah)[1]), level,
                            self.languages.get(key or "")))
        return rows

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        if self.levels > 1 and self.room is None:  # the first page's room, for the note on sub-headings
            self.room = ah
        return self.lines.split(aw, ah)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        self.lines.drawOn(canvas, x, y, _sW)

    def note(self) -> Diagnostic | None:
        """Contents with sub-headings that take more pages than the sections alone would: a warning at the
        theme's contents_levels, with the hint to list the sections only."""
        pages = sorted(set(self.pages))
        if self.levels < 2 or len(pages) < 2 or self.room is None:
            return None
        lines = self.lines
        sections = ContentsLines([r for r in lines.rows if r.level == 0],
                                 [r for r in lines.narrow if r.level == 0] if lines.narrow else None,
                                 page_h=self.page_h)
        need = sections.pages_needed(self.room)
        if need >= len(pages):
            return None
        tried = "closer together and in two columns" if lines.narrow else "closer together"
        fewer = f"fit on page {pages[0]}" if need == 1 else f"take {need} pages"
        return Diagnostic(
            f"the contents take {len(pages)} pages ({pages[0]}–{pages[-1]}): their {len(lines.rows)} lines with "
            f"sub-headings do not fit on fewer, even {tried}", self.levels_pos or Pos(),
            f"list the sections only (text: {{contents_levels: 1}} in theme.yaml): their {len(sections.rows)} "
            f"lines {fewer}", "warning")


class LateNumber(Flowable):
    """A contents line's page number: its form, which `Contents.afterBuild` fills in. As high as one
    line of the number style, whatever the number."""

    def __init__(self, contents: Contents, index: int):
        super().__init__()
        self.contents, self.index = contents, index

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = NUMBER_WIDTH, self.contents.number_height
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        self.contents._drawn = (canvas, getattr(canvas, "_doctemplate", None))
        with content(canvas, "P", rect=(x, y, x + self.width, y + self.height)):
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(f"{self.contents.name}_{self.index}")
            canvas.restoreState()


class Row(NamedTuple):
    """One contents line: its entry, its number, its link's key, its height, its heading level and its
    language where it is not the document's (a section's own: the tagged TOCI says so)."""

    entry: Any
    number: Any
    key: str | None
    height: float
    level: int = 0
    lang: str | None = None


class ContentsLines(Flowable):
    """The lines of the contents, fitted to their page as a designer would, in this order: as designed;
    set closer together (SQUEEZE); in two balanced columns (`narrow`: the rows set at a column's width,
    None where the page is too narrow for two), closer together too; else over pages, the last two
    balanced (`page_h`: a following page's room) so that no page holds a few lines alone.

    A column never ends with a section's line whose sub-headings follow, and breaks between a section's
    lines only where that keeps the columns much closer in height. The parts of a split keep their
    number of columns and where each column ends (`columns`, `ends`)."""

    def __init__(self, rows: list[Row], narrow: list[Row] | None = None, gap: float = 0.0,
                 page_h: float | None = None, columns: int | None = None, ends: list[int] | None = None,
                 pages: list[int] | None = None, measure: float | None = None):
        super().__init__()
        self.rows, self.narrow, self.gap, self.page_h = rows, narrow, gap, page_h
        self.measure = measure  # the widest one column of lines is set (None: the frame's width)
        self.columns, self.ends = columns, ends
        self.pages = pages  # the pages the lines are drawn on (the owner's list, or None)
        self.total = sum(r[3] for r in rows)  # once: wrap is called for every split part
        self.scale = 1.0
        self.set, self.breaks = rows, [len(rows)]  # as wrapped: the rows drawn, where each column ends

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self._fit(ah)
        return self.width, self.height

    def _fit(self, ah: float) -> float:
        """Chooses how the lines are set for a room `ah` high; their height (above `ah`: split them)."""
        self.scale = 1.0  # the rows' heights, tightened where that keeps them on this page (SQUEEZE)
        if self.columns == 2 or (self.columns is None and self.narrow and self.total * SQUEEZE > ah):
            rows = self.narrow if self.columns is None else self.rows
            ends = self.ends or _column_ends(rows, [float("inf")] * 2, balance=True)
            high = max(_heights(rows, ends))
            self.set, self.breaks = rows, ends
            if high > ah >= high * SQUEEZE:
                self.scale = (ah - 0.01) / high
            return high * self.scale
        self.set, self.breaks = self.rows, [len(self.rows)]
        if self.total > ah >= self.total * SQUEEZE:
            self.scale = (ah - 0.01) / self.total
        return self.total * self.scale

    def fits(self, ah: float) -> bool:
        """Whether the lines stay on a page with room `ah` (closer together or in columns if need be)."""
        return self._fit(ah) <= ah

    def pages_needed(self, room: float) -> int:
        """How many pages the lines take, starting in a room `room` high (then pages of `page_h`)."""
        part, count = self, 1
        while not part.fits(room):
            parts = part.split(0, room)
            if not parts and room == self.page_h:
                break  # a line higher than a page: reportlab's problem, not a count
            part, room, count = parts[-1] if parts else part, self.page_h or room, count + 1
        return count

    def split(self, aw: float, ah: float) -> list[Any]:
        self.scale = 1.0
        columns = self.columns or (2 if self.narrow else 1)
        rows = self.rows if self.columns or columns == 1 else self.narrow
        ends: list[int] = []
        if self.page_h is not None:  # the rest fits on the next page: both pages' columns balanced
            ends = _column_ends(rows, [ah] * columns + [self.page_h] * columns, balance=True)
        if not ends or ends[-1] < len(rows):  # more than two pages: this one filled
            ends = _column_ends(rows, [ah] * columns, balance=False)
        fit = ends[columns - 1]
        if fit == 0 or fit == len(rows):
            return []
        kept = dict(gap=self.gap, page_h=self.page_h, columns=columns, pages=self.pages, measure=self.measure)
        # the page break: a balanced part leaves room under it, where the rest would be set in columns again
        return [ContentsLines(rows[:fit], ends=ends[:columns], **kept), PageBreak(), ContentsLines(rows[fit:], **kept)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        if self.pages is not None:
            self.pages.append(canvas.getPageNumber())
        tagger = tagger_of(canvas)
        columns = len(self.breaks)
        width = (self.width - self.gap * (columns - 1)) / columns
        if columns == 1 and self.measure is not None:
            width = min(width, self.measure)
        start = 0
        with group(canvas, "TOC"):
            for column, end in enumerate(self.breaks):
                top = y + self.height
                left = x + column * (width + self.gap)
                for entry, number, key, full, _level, lang in self.set[start:end]:
                    h = full * self.scale
                    top -= h
                    with group(canvas, "TOCI", lang=lang):
                        entry.drawOn(canvas, left, top + h - entry.height)
                        number.drawOn(canvas, left + width - NUMBER_WIDTH, top + h - number.height)
                        rect = (left, top, left + width, top + h)
                        if key:
                            canvas.linkRect("", key, rect, relative=0)
                            if tagger:
                                tagger.link(canvas, rect, entry.getPlainText())
                start = end


def _heights(rows: list[Row], ends: list[int]) -> list[float]:
    return [sum(r.height for r in rows[a:b]) for a, b in zip([0, *ends], ends, strict=False)]


def _column_ends(rows: list[Row], caps: list[float], balance: bool) -> list[int]:
    """Where each column ends (an index into `rows`) for columns of these heights, filled down the
    first column first: each to its height, or (`balance`) to an even share of what is left."""
    ends, start = [], 0
    unit = sum(r.height for r in rows) / max(1, len(rows))
    for column, cap in enumerate(caps):
        rest = sum(r.height for r in rows[start:])
        ideal = min(cap, rest / (len(caps) - column)) if balance else cap
        best, best_score, used = start, float("inf"), 0.0
        for end in range(start + 1, len(rows) + 1):
            used += rows[end - 1].height
            if used > cap:
                break
            within = end < len(rows) and rows[end].level > 0  # a break between a section's lines
            if within and rows[end - 1].level == 0:
                continue  # never a section's line alone at a column's foot, its sub-headings after it
            score = abs(used - ideal) + (GROUP_BREAK * unit if within else 0.0)
            if score <= best_score:
                best, best_score = end, score
        ends.append(best)
        start = best
    return ends


class Seeds:
    """The contents lines of the previous build of one content folder, per edition, and the pages its
    cross-references named (layout.refs)."""

    def __init__(self, cache: Cache, content_dir: Path, editions: list[str] | tuple[str, ...] = ()):
        self.cache, self.content_dir, self.editions = cache, content_dir.resolve(), list(editions)

    def slot(self, edition: str) -> SeedSlot:
        """The edition's slot; without entries of its own, it reads the other editions' (in order)."""
        others = [e for e in self.editions if e != edition]
        return SeedSlot(self.cache, *(cache_key("contents", str(self.content_dir), e) for e in [edition, *others]))


class SeedSlot:
    def __init__(self, cache: Cache, k: str, *also: str):
        self.cache, self.key, self.also = cache, k, also

    def lines(self) -> list[tuple[int, str, str | None]]:
        """The kept lines (the first of the slot's keys that has some), or none."""
        for k in (self.key, *self.also):
            if lines := self._read(k):
                return lines
        return []

    def _read(self, k: str) -> list[tuple[int, str, str | None]]:
        try:
            data = json.loads(self.cache.get("contents", k) or b"[]")
            lines = [(int(level), str(text), None if key is None else str(key)) for level, text, key in data]
        except (ValueError, TypeError):
            return []
        return lines

    def keep(self, lines: list[tuple[int, str, str | None]]) -> None:
        if lines != self._read(self.key):
            self.cache.put("contents", self.key, json.dumps([list(line) for line in lines]).encode())

    def pages(self) -> dict[str, int]:
        """The pages the previous build's cross-references named, by target id (the first of the slot's
        keys that has some), or none."""
        for k in (self.key, *self.also):
            if pages := self._read_pages(k):
                return pages
        return {}

    def _read_pages(self, k: str) -> dict[str, int]:
        try:
            data = json.loads(self.cache.get("pagerefs", k) or b"{}")
            return {str(target): int(page) for target, page in data.items()}
        except (ValueError, TypeError, AttributeError):
            return {}

    def keep_pages(self, pages: dict[str, int]) -> None:
        if pages != self._read_pages(self.key):
            self.cache.put("pagerefs", self.key, json.dumps(pages, sort_keys=True).encode())


def layout(ctx: LayoutContext) -> list[Any]:
    st, rep = ctx.styles, ctx.doc.report
    text = st.theme.text
    toc = Contents(st.para("toc1"), st.para("toc1", alignment=TA_RIGHT), ctx.contents_seed,
                   st.para("toc1", fontName=st.font["regular"], leftIndent=6 * MM), text.contents_levels,
                   text_frame_height(ctx.geometry, st.theme.page), text.field_pos.get("contents_levels"),
                   st.notes, block_width(ctx) if wide(ctx) else None, lambda text: rl_typeset(text, ctx.locale))
    kicker = Paragraph(rl_plain(rep.second_line, ctx.locale), st.para("kicker"))
    kicker.outline_entry = (ctx.locale.label("contents"), "contents")
    kicker.starts_section = True
    title = Paragraph(rl_plain(rep.title, ctx.locale), st.para("h1"))
    title.role = "P"  # the cover's H1 already: a screen reader's list of headings names the title once
    # not kept with the list: the list splits by line, so a long one starts here, not a page later
    heading = Paragraph(rl_plain(ctx.locale.label("contents"), ctx.locale).upper(), st.para("kicker", keepWithNext=0))
    heading.role = "H1"  # the contents page's own heading, among the sections' H1s
    return [kicker, title, Paragraph(rl_markup(rep.lead, ctx.locale), lead_style(ctx)), Spacer(0, 14 * MM), heading,
            toc]
