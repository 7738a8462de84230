"""The contents page: the lead, then the table of contents with page numbers and links.

The contents need the page numbers of the sections after them, so reportlab lays the document out
again until they stop changing (two passes at least, three when filling in the numbers moves a
section). The contents are therefore seeded with the previous build's entries, kept in the cache
(`Seeds`): when no section moved, the first pass already draws the right numbers and is the only
one. An edition without entries of its own takes another edition's (the editions share the page
flow: a first build lays out the print edition once). Without any, the first pass draws the
sections' lines with page 0 (`expect`): the contents take the room they will take, and the second
pass, with the numbers found, is normally the last. A wrong or hostile seed costs one more pass,
never a wrong page number: reportlab compares the entries it collects with the ones it drew (and a
line drawn with page 0 never matches one collected).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.tableofcontents import TableOfContents

from ..cache import Cache
from ..cache import key as cache_key
from ..tagging import group, tagger_of
from .context import LayoutContext
from .styles import MM
from .text import Paragraph, escape, rl_markup, rl_plain

NUMBER_WIDTH = 12 * MM


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
        if seed is not None:
            self._entries = seed.entries()  # beforeBuild makes them the entries drawn in pass 1

    def expect(self, entries: list[tuple[int, str, str | None]], last: set[str | None], multiple: int) -> None:
        """The sections' (level, text, key): without a seed the first pass draws them with page 0.
        `last`: the keys of those after the pages added for the binding (layout.padding), which
        make the page count a `multiple`: a seed from an edition without them (the screen edition's,
        in a first build) has their pages moved on as this edition's padding will."""
        if not self._entries:
            self._entries = [(level, text, 0, key) for level, text, key in entries]
        elif multiple > 1:
            self._entries = [(level, text, -(-page // multiple) * multiple if key in last else page, key)
                             for level, text, page, key in self._entries]

    def afterBuild(self) -> None:  # noqa: N802 - reportlab API
        super().afterBuild()
        if self.seed is not None and self.isSatisfied():
            self.seed.keep(self._entries)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        rows = []
        for level, text, page, key in self._lastEntries or []:
            if level >= self.levels:
                continue
            entry = Paragraph(escape(text), self.entry_style if level == 0 else self.sub_style)
            number = Paragraph(str(page), self.number_style)
            h = max(entry.wrap(aw - NUMBER_WIDTH, ah)[1], number.wrap(NUMBER_WIDTH, ah)[1])
            rows.append((entry, number, key, h))
        self.lines = ContentsLines(rows)
        self.width, self.height = self.lines.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        return self.lines.split(aw, ah)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        self.lines.drawOn(canvas, x, y, _sW)


class ContentsLines(Flowable):
    """The lines of the contents, splittable between pages."""

    def __init__(self, rows: list[tuple[Any, Any, str | None, float]]):
        super().__init__()
        self.rows = rows
        self.total = sum(r[3] for r in rows)  # once: wrap is called for every split part

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.total
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
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
            for entry, number, key, h in self.rows:
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
    """The contents entries of the previous build of one content folder, per edition."""

    def __init__(self, cache: Cache, content_dir: Path, editions: list[str] | tuple[str, ...] = ()):
        self.cache, self.content_dir, self.editions = cache, content_dir.resolve(), list(editions)

    def slot(self, edition: str) -> SeedSlot:
        """The edition's slot; without entries of its own, it reads the other editions' (in order)."""
        others = [e for e in self.editions if e != edition]
        return SeedSlot(self.cache, *(cache_key("contents", str(self.content_dir), e) for e in [edition, *others]))


class SeedSlot:
    def __init__(self, cache: Cache, k: str, *also: str):
        self.cache, self.key, self.also = cache, k, also

    def entries(self) -> list[tuple[int, str, int, str | None]]:
        """The kept entries (the first of the slot's keys that has some), or none."""
        for k in (self.key, *self.also):
            if entries := self._read(k):
                return entries
        return []

    def _read(self, k: str) -> list[tuple[int, str, int, str | None]]:
        try:
            data = json.loads(self.cache.get("contents", k) or b"[]")
            entries = [(int(lv), str(text), int(page), None if key is None else str(key))
                       for lv, text, page, key in data]
        except (ValueError, TypeError):
            return []
        return entries

    def keep(self, entries: list[Any]) -> None:
        if entries != self._read(self.key):
            self.cache.put("contents", self.key, json.dumps([list(e) for e in entries]).encode())


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
