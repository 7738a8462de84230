"""A section that runs a few lines onto a page of its own (the next section starts on a new page)
would leave that page nearly empty. Where its last blocks are text, the layout gives that page
MIN_LAST_LINES: the end of the paragraph before goes over with the last lines (`SectionEnd`), as
the last lines of two columns do (layout.columns); only a few lines too many are kept on the page
before instead, in the spaces between its paragraphs. Where neither helps (a quote, a box, a list
moved on whole), a designer sees it at once, so the build says so, with how many lines to cut.
Marks at a section's start and end record, as they are drawn, their page and the room left in the
frame there; the last pass of the layout leaves the final values."""

from __future__ import annotations

import math
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreakIfNotEmpty, Spacer
from reportlab.platypus import Paragraph as _RLParagraph

from ..errors import Diagnostic, PageNote
from .context import LayoutContext
from .flow import KeepRoom, gaps, split_on, start_height, wrap_on
from .notes import EndsWith, Rule
from .styles import MM
from .templates import text_frame_height

MIN_LAST_LINES = 6  # lines of body text a section's last page holds where the layout can pull them over
WARN_LINES = MIN_LAST_LINES - 1  # a section's last page with fewer (the layout could not help) warns
TAIL_ITEMS = 8  # the most paragraphs at a section's end that SectionEnd takes (one-line ones need several)
LINES_WITH_WHOLE = 3  # lines of text that go over with a section's last quote where it does not fit
ALONG_SHARE = 0.5  # the most of a page that a block before a section's last quote (and the quote) may fill to go along
ALONE_SHARE = 0.4  # a last page holding only a section's last block that moved on whole, and less of it, warns
SPARSE_SHARE = 0.25  # a section's last page holding less of its text area than this (and more than WARN_LINES) warns
SQUEEZE = 0.5  # the most of the spaces between its last paragraphs a section loses (a line at most) to end a page


class Mark(Flowable):
    """Takes no room and is never moved on: a frame action (as reportlab's Indenter) that records
    the page and the room left in the frame where the story reaches it."""

    _ZEROSIZE = True
    width = height = 0

    def __init__(self, ends: dict, key: tuple[int, str]):
        super().__init__()
        self.ends, self.key = ends, key

    def frameAction(self, frame: Any) -> None:  # noqa: N802 - reportlab API
        self.ends[self.key] = (self.canv.getPageNumber(), max(0.0, frame._y - frame._y1p))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def start(ctx: LayoutContext, index: int) -> Mark:
    return Mark(ctx.section_ends, (index, "start"))


def end(ctx: LayoutContext, index: int) -> Mark:
    return Mark(ctx.section_ends, (index, "end"))


def notes(ctx: LayoutContext, edition: str = "", blocks: dict[int, list[Any]] | None = None) -> list[Diagnostic]:
    """A warning for each marked section whose last page holds fewer than WARN_LINES lines, or less than
    SPARSE_SHARE of its text area with a block that moved on whole (a box, a quote, a figure: only lines
    go over to fill a last page), its page numbers those of `edition` (errors.PageNote: the editions'
    warnings read as one). `blocks`: the blocks each page holds (see short_pages)."""
    frame_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    leading = ctx.styles.theme.sizes.leading
    out = []
    for index, sec in enumerate(ctx.doc.sections, start=1):
        first, last = ctx.section_ends.get((index, "start")), ctx.section_ends.get((index, "end"))
        if first is None or last is None or last[0] <= first[0] or _broken_by_its_author(sec):
            continue
        used = frame_h - last[1]
        whole = ctx.section_ends.get((index, "whole"))
        # its last block (a quote) moved on whole, and the block before it could not go along: alone on a page
        alone = whole is not None and whole[0] == last[0] - 1 and used < ALONE_SHARE * frame_h
        # or fuller, but three quarters empty: a box and a paragraph that moved on whole with the lines after
        # them (an A4 review's two-column section, on a page of their own)
        sparse = used < SPARSE_SHARE * frame_h and any(
            type(_block_at(getattr(sec, "blocks", None) or [], pos)).__name__ in _WHOLE_KINDS
            for pos in (blocks or {}).get(last[0], []))
        if used >= WARN_LINES * leading and not alone and not sparse:
            continue
        lines = max(1, round(used / leading))
        title = getattr(sec, "title", "")
        columns = getattr(sec, "columns", 1) or 1
        cut = lines * columns  # in two columns: as many lines in each
        tail = ctx.section_ends.get((index, "tail"))
        if columns == 1 and tail is not None and tail[0] == last[0] - 1:
            # its last block moved on whole (a foreword's closing and signatures): what must go is what
            # it lacks on the page before, not all of it — the hint shrinks as the author cuts
            cut = max(1, math.ceil((used - tail[1]) / leading - 0.01))
        held = (f"about {lines} line{'s' if lines != 1 else ''} in each of its {columns} columns" if columns > 1
                else f"about {lines} line{'s' if lines != 1 else ''} of a page")
        cuts = f"about {cut} line{'s' if cut != 1 else ''}"
        if alone:
            held, hint = (f"its last block alone ({held})",
                          f"shorten the text before it by {cuts} so that it ends on page {{1}}, place "
                          "that block higher up in the section, or add to it")
        else:
            hint = f"shorten it by {cuts} (text, or a narrower image) so that it ends on page {{1}}, or add to it"
        named = title.replace("{", "{{").replace("}", "}}")
        empty = 100 - round(100 * used / frame_h)
        out.append(PageNote.of(f"section '{named}' ends on page {{0}} with {held}, which stays {empty} % empty",
                               sec.field_pos.get("title", sec.pos), hint, edition, (last[0], last[0] - 1)))
    return out


GAP_SHARE = 0.15  # a page that ends more of its text area short, before a block of its own section, warns
# … before a section that moved on whole: a section's start on a new page is a natural break, and 17 % left
# before one (two pages of examples/en) reads as such; half a page (a French review) does not
START_GAP_SHARE = 1 / 3
_WHOLE_KINDS = ("Box", "Quote", "Figure", "ChartRef", "Grid")  # blocks that move on whole (not lines of text)
_KEPT_KINDS = ("ChartRef", "Figure", "Grid")  # a section's title keeps these with a short opening (flow.KeepRoom)
_KINDS = {"ChartRef": "chart", "Figure": "image", "Grid": "grid", "Table": "table", "Box": "box",
          "Heading": "sub-heading", "Question": "question", "Quote": "quote", "ListBlock": "list",
          "Timeline": "timeline", "Note": "note", "Paragraph": "paragraph"}


def short_pages(ctx: LayoutContext, rooms: dict[int, float], blocks: dict[int, list[Any]],
         edition: str = "") -> list[Diagnostic]:
    """A warning for each page that ends more than GAP_SHARE of its text area short where its section
    goes on on the next page: the block that opens that page (with what it keeps with it: a figure, a
    box, a sub-heading with its image, a question with its answer) did not fit in the room, and moved
    on whole (a chart after three lines of text left a third of an A4 page empty). Floats leave up to
    FLOAT_LINES by design; a section's last page is `notes`' (`rooms`, `blocks`: the last pass's, see
    layout.templates.ReportDocTemplate.afterFlowable)."""
    frame_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    leading = ctx.styles.theme.sizes.leading
    own = {sec.pos.file: sec for sec in ctx.doc.sections}
    out = []
    for page, room in sorted(rooms.items()):
        here, after = blocks.get(page), blocks.get(page + 1)
        if room <= GAP_SHARE * frame_h or not here or not after or page + 1 not in rooms:
            continue
        pos = after[0]
        sec = own.get(pos.file)
        if sec is not None and pos == sec.pos and here[-1].file != pos.file:
            out += _moved_start(ctx, sec, own.get(here[-1].file), page, room, edition)
            continue
        if sec is None or here[-1].file != pos.file or pos == sec.pos or _broken_by_its_author(sec):
            continue
        block = _block_at(getattr(sec, "blocks", None) or [], pos)
        if block is None or getattr(block, "place", None) == "here":  # (pinned: its author chose the gap)
            continue
        kind = _KINDS.get(type(block).__name__, "block")
        lines = round(room / leading)
        empty = round(100 * room / frame_h)
        what = f"the {kind} that opens page {{1}}" + (" and what it heads" if kind == "sub-heading" else "")
        hint = (f"what opens page {{1}} must fit in about {lines} lines ({room / MM:.0f} mm) to stand on page "
                f"{{0}}: make it smaller (a narrower image, a lower chart, a shorter box), or move a paragraph "
                f"from after it to before it")
        out.append(PageNote.of(f"page {{0}} ends about {lines} lines short, {empty} % of its text area empty: "
                               f"{what} did not fit there", pos, hint, edition, (page, page + 1)))
    return out


def _moved_start(ctx: LayoutContext, sec: Any, before: Any, page: int, room: float, edition: str) -> list[Diagnostic]:
    """A warning where a section that goes on below the one before it (page: continue) starts on the
    next page and leaves this one more than START_GAP_SHARE empty: its title keeps its first lines with it,
    and a short opening the figure after it (a title and three lines at a page's foot, the chart
    overleaf, read badly), so all of that moved on — a French review's page stood half empty before
    a section that opens with three lines and a 65 mm chart. Not after a section that keeps its own
    pages (a foreword, key figures) nor where the section opens with a page photo."""
    if type(sec).__name__ != "TextSection" or type(before).__name__ != "TextSection":
        return []
    if (sec.page or ctx.styles.theme.text.section_page) != "continue" or _broken_by_its_author(before):
        return []
    blocks = getattr(sec, "blocks", None) or []
    frame_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    if room <= START_GAP_SHARE * frame_h or (blocks and getattr(blocks[0], "size", None) == "page"):
        return []
    lines, empty = round(room / ctx.styles.theme.sizes.leading), round(100 * room / frame_h)
    kinds = [type(b).__name__ for b in blocks[:2]]
    kept = "its title and what it keeps with it (its first lines, and the figure after a short opening)"
    if kinds[:1] == ["Paragraph"] and kinds[1:] and kinds[1] in _KEPT_KINDS:
        kept = f"its title, its opening and the {_KINDS[kinds[1]]} after it"
    named = getattr(sec, "title", "").replace("{", "{{").replace("}", "}}")
    hint = (f"to start on page {{0}}, {kept} must fit in the {room / MM:.0f} mm (about {lines} lines) left there: "
            "make them smaller (a lower chart, a narrower image), lengthen the opening so that the figure may "
            "follow overleaf, or write page: new in the section where it is meant to open a page")
    return [PageNote.of(f"page {{0}} ends about {lines} lines short, {empty} % of its text area empty: section "
                        f"'{named}' starts on page {{1}}, as {kept} did not fit there",
                        sec.field_pos.get("title", sec.pos), hint, edition, (page, page + 1))]


def _block_at(blocks: list[Any], pos: Any) -> Any:
    """The block (or a block inside a box) written at `pos`."""
    for block in blocks:
        if block.pos == pos:
            return block
        inner = _block_at(getattr(block, "blocks", None) or [], pos)
        if inner is not None:
            return inner
    return None


def _broken_by_its_author(sec: Any) -> bool:
    """Whether the section's pages break where its author says: at a page break or around a page
    photo (the last page may then hold one line by design; a photo as the last block fills it)."""
    blocks = getattr(sec, "blocks", None) or []
    return any(type(b).__name__ == "Break" or getattr(b, "size", None) == "page" for b in blocks)


def marked(ctx: LayoutContext, index: int, flow: list[Any], last_on_its_page: bool) -> list[Any]:
    """The section's flowables between its marks (the end mark only where the next section starts
    on a new page: else its last page goes on with the next section). A section that opens with a
    page break of its own (a page photo's) is marked after it: a mark drawn first would begin the
    page that the break then leaves empty but for its running head."""
    opens = 1 if flow and isinstance(flow[0], PageBreakIfNotEmpty) else 0
    if not last_on_its_page:
        return [*flow[:opens], start(ctx, index), *flow[opens:]]
    body = _with_end(ctx, flow[opens:])
    if len(body) >= 2 and not _heads(body[-2]):
        # where its last block starts: the room left on the page before, if that block moves on whole
        whole = [Mark(ctx.section_ends, (index, "whole"))] if _whole(body[-1]) else []
        body = [*body[:-1], Mark(ctx.section_ends, (index, "tail")), *whole, body[-1]]
    return [*flow[:opens], start(ctx, index), *body, end(ctx, index)]


def _with_end(ctx: LayoutContext, flow: list[Any]) -> list[Any]:
    """The flow with its last paragraphs in a SectionEnd, or its last two columns told to leave
    MIN_LAST_LINES in each column on their last page."""
    leading = ctx.styles.theme.sizes.leading
    columns = next((f for f in reversed(flow) if type(f).__name__ == "Columns"), None)
    if columns is not None and flow[len(flow) - 1 - len(columns.after)] is columns:  # (then the footnotes)
        columns.keep, columns.line = MIN_LAST_LINES * leading, leading
        return flow
    whole = _whole(flow[-1]) if flow else False  # a last quote: lines of the text before go over with it
    k = len(flow) - 1 if whole else len(flow)
    while k and len(flow) - k < TAIL_ITEMS and _text(flow[k - 1]):
        k -= 1
    if whole and k == len(flow) - 1:
        return _with_block_before(ctx, flow)
    if k >= len(flow) - (1 if whole else 0) or (k and isinstance(flow[k - 1], Rule)):
        return flow  # (footnotes under a block they do not join: they flow as they did)
    anchored = k > 0 and _heads(flow[k - 1])
    return [*flow[:k], SectionEnd(flow[k:], leading, anchored, lines_with_last=LINES_WITH_WHOLE if whole else 0)]


def _with_block_before(ctx: LayoutContext, flow: list[Any]) -> list[Any]:
    """The flow with `TakeAlong` before the block that stands before its last quote (a table, chart,
    image or grid, which move on whole), and before that block's heading: no lines of text to go over with the quote."""
    j = len(flow) - 2
    while j >= 0 and type(flow[j]) is Spacer:
        j -= 1
    if j < 0 or not (isinstance(flow[j], KeepTogether) or _whole(flow[j])):
        return flow
    i = j
    while i > 0 and (type(flow[i - 1]) is Spacer or _heads(flow[i - 1])):
        i -= 1
    while type(flow[i]) is Spacer:  # (a space at its top: the frame's, before what it keeps together)
        i += 1
    page_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    return [*flow[:i], TakeAlong(flow[i:], page_h * ALONG_SHARE), *flow[i:]]


class TakeAlong(CondPageBreak):
    """A page break before a section's last block that moves on whole (a pull quote) and the block before
    it, with its heading, where the quote does not fit under that block but both fit in `most`: the
    page after holds them both, not the quote alone (visual QA: a page holding a two-line quote and a
    footnote, 90 % white, after a table)."""

    def __init__(self, items: list[Any], most: float):
        super().__init__(0)
        self.items, self.most = [f for f in items if not isinstance(f, CondPageBreak)], most

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        canv = getattr(self, "canv", None)
        heights = []
        for item in self.items:
            _, h = wrap_on(item, canv, aw, ah)
            heights.append(item._H if isinstance(item, KeepTogether) else h)  # (its wrap answers "too high")
        need = self.items[0].getSpaceBefore() + sum(heights) + sum(gaps(self.items))
        self.height = need if need <= self.most else 0
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", False):
            return 0, 0
        return super().wrap(aw, ah)


def _whole(flowable: Any) -> bool:
    """Whether a section's last block moves on whole where it does not fit (a pull quote, with the
    section's footnotes or without), so that only lines of the text before it can fill its page."""
    last = flowable.last if isinstance(flowable, EndsWith) else flowable
    return getattr(last, "moves_whole", False)


def _heads(flowable: Any) -> bool:
    """Whether a flowable stands at the head of what follows it (a heading, or the KeepRoom before
    one), so that nothing may come between them."""
    return getattr(flowable, "head", False) or isinstance(flowable, KeepRoom)


def _text(flowable: Any) -> bool:
    """Whether a flowable is running text at a section's end: a paragraph (not a heading), or the
    last one with the section's footnotes."""
    if isinstance(flowable, EndsWith):
        return isinstance(flowable.last, _RLParagraph)  # (text beside an image splits as it does)
    return isinstance(flowable, _RLParagraph) and not getattr(flowable, "head", False)


class SectionEnd(Flowable):
    """A section's last paragraphs (and its footnotes), before a section that starts a new page,
    stacked as a frame would stack them. Where they do not fit in the rest of the page, the page
    breaks so that the next holds MIN_LAST_LINES of them: the end of a paragraph goes over with the
    last ones rather than a note and a footnote, or the last two lines, standing alone on a page.
    Where only a little does not fit (a line at most), the spaces between these paragraphs give it
    room instead, each as little as that needs (SQUEEZE of them at most). `anchored`: a heading
    stands right before them, which its first lines keep."""

    def __init__(self, items: list[Any], leading: float, anchored: bool = False, squeeze: float = 0.0,
                 lines_with_last: int = 0):
        super().__init__()
        self.items, self.leading, self.anchored, self.squeeze = items, leading, anchored, squeeze
        # the last item cannot split (a foreword's closing and signatures): this many lines of the text
        # before it go over with it, so that it never stands alone at the head of a page
        self.lines_with_last = lines_with_last
        self.spaceBefore, self.spaceAfter = items[0].getSpaceBefore(), items[-1].getSpaceAfter()
        self.source_pos = getattr(items[0], "source_pos", None)

    def _gaps(self) -> list[float]:
        return gaps(self.items, 1 - self.squeeze)

    def _heights(self, aw: float, ah: float) -> list[float]:
        canv = getattr(self, "canv", None)
        return [wrap_on(f, canv, aw, ah)[1] for f in self.items]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = sum(self._heights(aw, ah)) + sum(self._gaps())
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        return start_height(self.items[0], aw, ah, canv or getattr(self, "canv", None))

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        gaps = sum(self._gaps())
        over = self.height - ah
        if self.squeeze == 0 and len(self.items) > 1 and over <= min(gaps * SQUEEZE, self.leading):
            return [SectionEnd(self.items, self.leading, self.anchored, min(over / gaps + 0.01, SQUEEZE),
                               self.lines_with_last)]
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        # lines of text, under which the footnotes stand (two lines and three footnotes read as a page
        # left empty: visual QA, an A4 page 85 % white after a long table)
        last = self.items[-1]
        keep = MIN_LAST_LINES * self.leading + (last.footnotes_height(aw, ah) if isinstance(last, EndsWith) else 0.0)
        if self.lines_with_last:
            last = self._heights(aw, ah)[-1] + self._gaps()[-1]
            keep = max(keep, last + self.lines_with_last * self.leading)
        room = min(ah, self.height - keep)
        parts = self._parted(aw, room)
        while self.lines_with_last and parts is not None and room > 0 \
                and self._lines(parts[1][:-1], aw) < self.lines_with_last:
            room -= self.leading  # the gaps between one-line paragraphs counted as lines: a line more goes
            parts = self._parted(aw, room)
        if parts is None and (at_top or self.anchored):
            parts = self._parted(aw, ah)  # as they would flow
        if parts is None:
            return [] if not at_top else list(self.items)
        first, rest = parts
        return [*first, SectionEnd(rest, self.leading, lines_with_last=self.lines_with_last)]

    def _lines(self, items: list[Any], aw: float) -> int:
        """The lines of text in `items` (paragraphs; anything else as its height in lines)."""
        canv = getattr(self, "canv", None)
        count = 0
        for item in items:
            _, h = wrap_on(item, canv, aw, 10_000)
            lines = getattr(getattr(item, "blPara", None), "lines", None)
            count += len(lines) if lines is not None else round(h / self.leading)
        return count

    def _parted(self, aw: float, room: float) -> tuple[list[Any], list[Any]] | None:
        """The items (and the start of one) that fit in `room`, and the rest; None where none does."""
        canv = getattr(self, "canv", None)
        y = 0.0
        for i, (item, h, gap) in enumerate(zip(self.items, self._heights(aw, room), self._gaps(), strict=True)):
            if y + gap + h <= room:
                y += gap + h
                continue
            cut = _cut(item, canv, aw, room - y - gap)
            if cut is not None:
                return [*self.items[:i], cut[0]], [cut[1], *self.items[i + 1:]]
            return (self.items[:i], self.items[i:]) if i else None
        return None

    def draw(self) -> None:
        y = self.height
        for item, h, gap in zip(self.items, self._heights(self.width, self.height), self._gaps(), strict=True):
            y -= gap + h
            item.drawOn(self.canv, 0, y)


def _cut(item: Any, canv: Any, aw: float, room: float) -> tuple[Any, Any] | None:
    """A paragraph's first lines that fit in `room` and the rest (a paragraph with footnotes: they go
    with its rest); None where it cannot split there (orphans and widows are never left)."""
    if room <= 0:
        return None
    if isinstance(item, EndsWith):
        if not isinstance(item.last, _RLParagraph):
            return None
        parts = split_on(item.last, canv, aw, room)
        return (parts[0], EndsWith(parts[1], item.notes)) if len(parts) == 2 else None
    parts = split_on(item, canv, aw, room)
    return (parts[0], parts[1]) if len(parts) == 2 else None
