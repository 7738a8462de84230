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
from functools import cached_property
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from ..cache import Cache
from ..cache import key as cache_key
from ..tagging import content, group, nested, tagger_of
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, escape, rl_markup, rl_plain

NUMBER_WIDTH = 12 * MM
FORM_MARGIN = 2  # points around a number's form: its bounding box clips
WRAPPED_LEADING = 1.25  # the lines of an entry that wraps, in multiples of its size (entries: the style's)
# The contents are set this much tighter at most to stay on their page: a few lines over (a long review
# with sub-headings listed) would start a page of their own, nearly empty. 0.74: leading 1.9 → 1.4 × size.
SQUEEZE = 0.74


class Contents(TableOfContents):
    """reportlab's contents bookkeeping (entries collected over multiBuild's passes), drawn as
    tagged TOC/TOCI items, each line a link to its section; long contents continue on the next page."""

    def __init__(self, entry_style: Any, number_style: Any, seed: SeedSlot | None = None, sub_style: Any = None,
                 levels: int = 1):
        super().__init__()
        self.entry_style, self.number_style = entry_style, number_style
        self.sub_style, self.levels = sub_style or entry_style, levels
        self.lines = ContentsLines([])
        self.seed = seed
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

    def _number_form(self, canvas: Any, index: int, page: int) -> None:
        number = Paragraph(str(page), self.number_style)
        number.wrap(NUMBER_WIDTH, 1e6)
        canvas.beginForm(f"{self.name}_{index}", -FORM_MARGIN, -FORM_MARGIN, NUMBER_WIDTH + FORM_MARGIN,
                         self.number_height + FORM_MARGIN)
        with nested(canvas):  # the form is placed inside its line's P
            number.drawOn(canvas, 0, 0)
        canvas.endForm()

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        rows = []
        for index, (level, text, key) in enumerate(self._lines(self._lastEntries)):
            style = self.entry_style if level == 0 else self.sub_style
            entry = Paragraph(escape(text), style)
            h = entry.wrap(aw - NUMBER_WIDTH, ah)[1]
            if h > style.leading:  # it wraps: its lines closer together than the entries, or it reads as two
                tight = style.clone(style.name, leading=style.fontSize * WRAPPED_LEADING)
                entry = Paragraph(escape(text), tight)
                h = entry.wrap(aw - NUMBER_WIDTH, ah)[1] + style.leading - tight.leading
            number = LateNumber(self, index)
            rows.append((entry, number, key, max(h, number.wrap(NUMBER_WIDTH, ah)[1])))
        self.lines = ContentsLines(rows)
        self.width, self.height = self.lines.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        return self.lines.split(aw, ah)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        self.lines.drawOn(canvas, x, y, _sW)


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


class ContentsLines(Flowable):
    """The lines of the contents, splittable between pages."""

    def __init__(self, rows: list[tuple[Any, Any, str | None, float]]):
        super().__init__()
        self.rows = rows
        self.total = sum(r[3] for r in rows)  # once: wrap is called for every split part
        self.scale = 1.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.scale = 1.0  # the rows' heights, tightened where that keeps them on this page (SQUEEZE)
        if self.total > ah >= self.total * SQUEEZE:
            self.scale = (ah - 0.01) / self.total
        self.width, self.height = aw, self.total * self.scale
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.scale = 1.0
        used, fit = 0.0, 0
        for row in self.rows:
            if used + row[3] > ah:
                break
            used, fit = used + row[3], fit + 1
        if fit == 0 or fit == len(self.rows):
            return []
        return [ContentsLines(self.rows[:fit]), ContentsLines(self.rows[fit:])]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        tagger = tagger_of(canvas)
        top = y + self.height
        with group(canvas, "TOC"):
            for entry, number, key, full in self.rows:
                h = full * self.scale
                top -= h
                with group(canvas, "TOCI"):
                    entry.drawOn(canvas, x, top + h - entry.height)
                    number.drawOn(canvas, x + self.width - NUMBER_WIDTH, top + h - number.height)
                    rect = (x, top, x + self.width, top + h)
                    if key:
                        canvas.linkRect("", key, rect, relative=0)
                        if tagger:
                            tagger.link(canvas, rect, entry.getPlainText())


class Seeds:
    """The contents lines of the previous build of one content folder, per edition."""

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


def layout(ctx: LayoutContext) -> list[Any]:
    st, rep = ctx.styles, ctx.doc.report
    toc = Contents(st.para("toc1"), st.para("toc1", alignment=TA_RIGHT), ctx.contents_seed,
                   st.para("toc1", fontName=st.font["regular"], leftIndent=6 * MM), st.theme.text.contents_levels)
    kicker = Paragraph(rl_plain(rep.subtitle or str(rep.year), ctx.locale), st.para("kicker"))
    kicker.outline_entry = (ctx.locale.label("contents"), "contents")
    kicker.starts_section = True
    return [
        kicker,
        Paragraph(rl_plain(rep.title, ctx.locale), st.para("h1")),
        Paragraph(rl_markup(rep.lead, ctx.locale), st.para("lead")),
        Spacer(0, 14 * MM),
        # not kept with the list: the list splits by line, so a long one starts here, not a page later
        Paragraph(rl_plain(ctx.locale.label("contents"), ctx.locale).upper(), st.para("kicker", keepWithNext=0)),
        toc,
    ]
