"""Text sections: heading, then blocks (paragraphs, pull quotes, charts, images) in reading order."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..assets import shown_size
from ..charts import drawing_key, lower_height
from ..errors import Diagnostic
from ..model import (
    Box,
    Break,
    ChartRef,
    Figure,
    Grid,
    Heading,
    ListBlock,
    Note,
    Question,
    Quote,
    Signatures,
    Table,
    TextSection,
    Timeline,
)
from ..model import Paragraph as ParagraphBlock
from ..tagging import artifact, group, tagger_of
from . import boxes, columns, floats, grid, lists, notes, pagebreak, photo, question, signatures, table, timeline
from .beside import TextBeside
from .columnfigure import FigureThenText, Stack
from .context import LayoutContext
from .flow import gaps, keep_heads, wrap_on
from .heading import heading, subheading
from .measure import columns_box, text_column, wide
from .placed import ChartFigure, PlacedImage, chart_parts
from .styles import MM
from .templates import text_frame_height, with_source
from .text import Paragraph, rl_markup, rl_plain, text_chars

QUOTE_MARKS = "\"'„“”‚‘’«»‹›"


def quoted_whole(text: str) -> bool:
    """Whether the author's quotation marks stand at both ends of the text (a full stop or the like may
    follow): then a pull quote takes no marks of its own. "'Look after the river' -- that's what he
    said." begins with a quotation but does not end with one: it got none, and printed bare."""
    text = text.strip()
    return len(text) >= 2 and text[0] in QUOTE_MARKS and text.rstrip(".…!?")[-1:] in QUOTE_MARKS


BAR_W = 2.2 * MM  # a pull quote's accent bar
BAR_REACH = 7 * MM  # from the bar's left edge to the quote's text
QUOTE_SPLIT_SHARE = 0.5  # a quote splits only when taller than this share of a page (a column)
MIN_QUOTE_LINES = 2  # a split quote keeps at least this many lines on each side (and the attribution)


class PullQuote(Flowable):
    """A sentence set large, with an accent bar in the margin column, or, where the text has no
    margin column (a column of a two-column section), at the column's edge with the text beside it.
    Kept together, as a box is, unless taller than half a page: then it splits with two lines at
    least on each side, the last two with the attribution."""

    def __init__(self, para: Paragraph, indent: float, bar_colour: Any, space: float, page_h: float,
                 attribution_lines: int | Paragraph = 0, attribution: Paragraph | None = None):
        super().__init__()
        self.para, self.indent, self.bar_colour, self.page_h = para, indent, bar_colour, page_h
        self.spaceBefore = self.spaceAfter = space
        self.attribution_lines = attribution_lines  # or the quote without its attribution, to count them
        self.attribution = attribution  # the attribution set alone, in the quote's style (tagged apart)

    @property
    def text_x(self) -> float:
        return self.indent if self.indent >= BAR_REACH else self.indent + BAR_REACH

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, h = self.para.wrap(aw - self.text_x, ah)
        self.width, self.height = aw, h
        return aw, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """A quote longer than half a page goes on on the next, with its bar on both."""
        self.wrap(aw, ah)
        if self.height <= self.page_h * QUOTE_SPLIT_SHARE:
            return []  # whole in the next column or on the next page
        lines, leading = len(self.para.blPara.lines), self.para.style.leading
        tail = self._attribution_lines(aw - self.text_x)
        first = min(int(ah / leading), lines - tail - MIN_QUOTE_LINES)
        if first < MIN_QUOTE_LINES:
            return []
        parts = self.para.split(aw - self.text_x, first * leading + leading / 4)
        if len(parts) < 2:
            return []
        out = [self._part(p, 0) for p in parts[:-1]] + [self._part(parts[-1], tail, self.attribution)]
        out[0].spaceBefore, out[-1].spaceAfter = self.spaceBefore, self.spaceAfter
        return out
    repeat = False  # repeats a sentence of the body: an artifact, so screen readers do not read it twice
    moves_whole = True  # at a section's end: text before it goes over with it (layout.pagefill)

    def _attribution_lines(self, width: float) -> int:
        if isinstance(self.attribution_lines, int):
            return self.attribution_lines
        self.para.wrap(width, 1e6)
        self.attribution_lines.wrap(width, 1e6)
        return len(self.para.blPara.lines) - len(self.attribution_lines.blPara.lines)

    def _part(self, para: Paragraph, attribution_lines: int, attribution: Paragraph | None = None) -> PullQuote:
        part = PullQuote(para, self.indent, self.bar_colour, 0, self.page_h, attribution_lines, attribution)
        part.repeat = self.repeat
        return part

    def draw(self) -> None:
        with artifact(self.canv):
            self.canv.setFillColor(self.bar_colour)
            bottom = self._bar_bottom()
            self.canv.rect(self.text_x - BAR_REACH, bottom, BAR_W, self.height - bottom, stroke=0, fill=1)
        if self.repeat:
            with artifact(self.canv):
                self.para.drawOn(self.canv, self.text_x, 0)
            return
        with group(self.canv, "BlockQuote"):
            parts = self._quote_and_attribution() if tagger_of(self.canv) is not None else [(self.para, 0.0)]
            for part, y in parts:
                part.drawOn(self.canv, self.text_x, y)

    def _bar_bottom(self) -> float:
        """Where the bar ends: at the foot of the quote's last line box, or where its last line is the
        attribution's, smaller type, at that line's descender (the line box of the quote's leading
        left the bar 4.5 pt below the name)."""
        bl = self.para.blPara
        lines, size = getattr(bl, "lines", None), self.para.style.fontSize
        if getattr(bl, "kind", 0) != 1 or not lines or lines[-1].fontSize >= size:
            return 0.0
        last = lines[-1]
        base = self.height - _first_drop(self.para) - (len(lines) - 1) * self.para.style.leading
        return max(0.0, base + getattr(last, "descent", -0.25 * last.fontSize))

    def _quote_and_attribution(self) -> list[tuple[Paragraph, float]]:
        """The quotation and its attribution as two paragraphs (P and P in the BlockQuote), each
        where its lines stand in the whole: a screen reader pauses before the name instead of running
        the quote into it ("…above the weir.” Graham Pike"). (Tagged editions only: print draws the
        whole, as it always has.)"""
        width, whole = self.width - self.text_x, [(self.para, 0.0)]
        tail, attribution = self._attribution_lines(width), self.attribution
        lines, leading = len(self.para.blPara.lines), self.para.style.leading
        if attribution is None or not 0 < tail < lines:
            return whole
        attribution.wrap(width, self.height)
        alone = self.attribution_lines  # the quote set alone: the whole's first lines (see _attribution_lines)
        if isinstance(alone, Paragraph) and _own_hyphen_at_line_end(self.para):
            # a split would keep a compound broken at its own hyphen as two pieces, which the part's wrap
            # joins without it ("petitsenfants"): the quote alone breaks as the whole does
            alone.wrap(width, self.height)
            if len(alone.blPara.lines) != lines - tail or len(attribution.blPara.lines) != tail:
                return whole
            quote = alone
        else:
            # the quote's lines as the whole set them (the lines of a split are kept), the attribution's
            # alone: after the line break, at the same width, they break as in the whole
            self.para.allowOrphans = self.para.allowWidows = 1  # (a line alone on either side is fine here)
            try:
                parts = self.para.split(width, (lines - tail) * leading + leading / 4)
            finally:
                del self.para.allowOrphans, self.para.allowWidows
            if len(parts) != 2 or len(attribution.blPara.lines) != tail:
                self.para.wrap(width, self.height)  # (a split that did not come off forgets the lines)
                return whole
            quote = parts[0]
            quote.wrap(width, self.height)
        # each part's first baseline where that line stands in the whole (reportlab drops a paragraph's
        # first baseline by its first line's size: less in the attribution's smaller type)
        base = self.height - _first_drop(self.para) - (lines - tail) * leading
        return [(quote, self.height - quote.height),
                (attribution, base + _first_drop(attribution) - attribution.height)]


def _own_hyphen_at_line_end(para: Paragraph) -> bool:
    """Whether a line of the wrapped paragraph ends inside a compound, at its own hyphen."""
    lines = para.blPara.lines if para.blPara.kind == 1 else []
    return any("".join(getattr(w, "text", "") for w in line.words).rstrip().endswith("-") for line in lines[:-1])


def _first_drop(para: Paragraph) -> float:
    """How far below its top reportlab sets a wrapped paragraph's first baseline (its drawPara)."""
    first = para.blPara.lines[0] if para.blPara.kind == 1 else para.blPara
    return first.fontSize if rl_config.paraFontSizeHeightOffset else getattr(first, "ascent", first.fontSize)


def _paragraph(ctx: LayoutContext, block: ParagraphBlock) -> list[Any]:
    text = rl_markup(block.text, ctx.locale, note=notes.reference(block.pos.file), refs=ctx.refs)
    return [Paragraph(text, ctx.styles.para("body", leftIndent=_indent(ctx)), source=block.pos,
                      notes=ctx.styles.notes)]


def _quote(ctx: LayoutContext, block: Quote) -> list[Any]:
    open_q, close_q = ctx.locale.enclosing()
    own = quoted_whole(block.text)
    text = rl_markup(block.text, ctx.locale, depth=0 if own else 1, refs=ctx.refs)  # a quotation inside: ‚…‘ / ‘…’
    if not own:
        text = f"{open_q}{text}{close_q}"  # the author's own quotation marks are kept, never doubled
    quoted = text
    said = f"<font size={ctx.styles.theme.sizes.caption}>{rl_plain(block.attribution, ctx.locale)}</font>" \
        if block.attribution else ""
    if said:
        text += f" <br/>{said}"
    st = ctx.styles
    # a testimonial at text size: ragged, as a quotation reads (justified in a column, its few words a line
    # stood wide apart)
    style = st.para("quote") if block.size == "large" else st.para("body", fontName=st.font["italic"],
                                                                    alignment=TA_LEFT)
    para = Paragraph(text, style)
    page_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    quote = PullQuote(para, _indent(ctx), ctx.styles.colour("accent"), 6 * MM, page_h,
                      Paragraph(quoted, style) if said else 0, Paragraph(said, style) if said else None)
    quote.repeat = block.repeat
    return [quote]


def _chart(ctx: LayoutContext, block: ChartRef) -> list[Any]:
    drawing = ctx.charts[drawing_key(block.id, ctx.own_language)]
    chart = ctx.doc.charts[block.id]
    parts = chart_parts(ctx, block, chart, drawing)
    _check_chart_height(ctx, block, parts, drawing.height)
    low = lower_height(chart, ctx.styles.theme)
    lower = None if low is None else \
        ctx.charts.get(drawing_key(block.id, ctx.own_language, (ctx.styles.theme.page.text_width, low)))
    return [Spacer(0, 5 * MM), KeepTogether(parts) if lower is None else LowerChart(parts, lower), Spacer(0, 4 * MM)]


class LowerChart(KeepTogether):
    """A chart with its title, caption and source, kept together, on a wide page: where it misses the
    rest of a page it is set with its lower drawing (charts.lower_height, drawn at that height) where
    that keeps it there, rather than move on and leave half a short page empty (on a 16:9 page a 70 mm
    chart after the section's text missed its rest by a few millimetres: the page stood half empty)."""

    def take_notes(self, flowables: list[Any]) -> None:
        """A note or the section's footnotes after it join it (notes.with_notes)."""
        self._content = [*self._content, *flowables]

    def __init__(self, flowables: list[Any], lower: Any):
        super().__init__(flowables)
        self.figure = next(f for f in flowables if isinstance(f, ChartFigure))
        self.drawings = (self.figure.drawing, lower)

    def _use(self, drawing: Any) -> None:
        self.figure.drawing = drawing
        self.figure.width, self.figure.height = drawing.width, drawing.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._use(self.drawings[0])
        return super().wrap(aw, ah)

    def split(self, aw: float, ah: float) -> list[Any]:
        self.wrap(aw, ah)
        if self._H > ah and self._H - (self.drawings[0].height - self.drawings[1].height) <= ah - _SLACK:
            self._use(self.drawings[1])
            return list(self._content)
        return super().split(aw, ah)

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """What must stand on a page under a heading: the chart at its lower height."""
        wrap_on(self, canv or getattr(self, "canv", None), aw, ah)
        return self._H - (self.drawings[0].height - self.drawings[1].height) + _SLACK + self.getSpaceBefore()


def _check_chart_height(ctx: LayoutContext, block: ChartRef, parts: list[Any], drawn: float) -> None:
    """A chart that with its title, caption and source is taller than the page's text area is an error
    at its file's `height:`, with the most it may be on this page format (the layout could only say
    that a block at the section's line does not fit on a page: a 145 mm chart on a 16:9 page)."""
    frame_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    total = sum(wrap_on(p, None, ctx.text_width, frame_h)[1] for p in parts) + sum(gaps(parts))
    if total <= frame_h:
        return
    chart = ctx.doc.charts[block.id]
    most = math.floor((frame_h - (total - drawn) - _SLACK) / MM)
    ctx.styles.notes.append(Diagnostic(
        f"chart '{block.id}' (placed at {block.pos}) does not fit on a page: {chart.height:g} mm high, with its "
        f"title, caption and source it takes {math.ceil(total / MM)} mm, and this page format's text area is "
        f"{math.floor(frame_h / MM)} mm high",
        chart.field_pos.get("height", chart.pos),
        (f"make it at most {most} mm high" if most >= 30 else "shorten its caption") + ", or split it into two charts"))


class ShrinkToFit(KeepTogether):
    """A photo with its caption, kept together: where it does not fit the rest of the page, its
    image is set smaller, down to MIN_SHRINK of its height, rather than move on whole and leave the
    page's foot empty (a portrait after the last lines of a section left two half-empty pages).
    Only for photos set at the layout's size: a `width:` the author gives is kept."""

    def take_notes(self, flowables: list[Any]) -> None:
        """A note or the section's footnotes after it join it (notes.with_notes)."""
        self._content = [*self._content, *flowables]

    def __init__(self, flowables: list[Any], image: PlacedImage, captions: list[Any] = (), full: float = 0.0):
        super().__init__(flowables)
        self.image, self.full = image, full
        self.captions = [(p, p.style) for p in captions]  # caption and credit, with their designed styles

    def split(self, aw: float, ah: float) -> list[Any]:
        self._scale(1.0)
        self.wrap(aw, ah)
        over = self._H - ah
        if over > 0 and (self.image.designed[1] - over - _SLACK) / self.image.designed[1] >= MIN_SHRINK:
            self._scale((self.image.designed[1] - over - _SLACK) / self.image.designed[1])
            self.wrap(aw, ah)
            if self._H <= ah:
                return list(self._content)
            self._scale(1.0)
            self.wrap(aw, ah)
        return super().split(aw, ah)

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """What must stand on a page under a heading: the photo with its caption, set as small as it
        may be to stay there (a heading kept room for it at its full size and moved on with it)."""
        canv = canv or getattr(self, "canv", None)
        self._scale(MIN_SHRINK)
        wrap_on(self, canv, aw, ah)
        h = self._H + _SLACK
        self._scale(1.0)
        wrap_on(self, canv, aw, ah)
        return h + self.getSpaceBefore()

    def _scale(self, scale: float) -> None:
        """The image at `scale`, its caption under it from its left edge (as _figure places it)."""
        self.image.scale_to(scale)
        for p, designed in self.captions:
            p.style = designed
            if scale != 1.0:
                left, right = _caption_box(self.image.x, self.image.width, self.full)
                p.style = designed.clone(designed.name, leftIndent=left, rightIndent=right)


def _figure(ctx: LayoutContext, block: Figure, above: float = 0.0) -> list[Any]:
    if block.size == "page":
        return photo.layout(ctx, block)
    img, gap, caption, credit = _figure_parts(ctx, block, space_after=_after_figure(ctx), above=above)
    img = _prepared(ctx, block, img)
    if block.width is not None:  # the size the author chose is kept
        return [KeepTogether([img, gap, caption, *credit])]
    return [ShrinkToFit([img, gap, caption, *credit], img, [caption, *credit], ctx.text_width)]


def _column_figure(ctx: LayoutContext, block: Figure, paragraphs: list[Any], above: float = 0.0) -> list[Any]:
    """An image set in a column of a two-column section (see `_in_column`): as wide as its `width`
    says, or the column's width, placed in the column as `align` says, with its caption under it;
    the paragraphs after it fill the column first where the image does not fit in its rest (unless
    pinned: `place: here`)."""
    img, gap, caption, credit = _figure_parts(ctx, block, space_after=_after_figure(ctx),
                                              across=columns.column_width(ctx), above=above)
    page_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    figure = Stack([_prepared(ctx, block, img), gap, caption, *credit], page_h, whole=True)
    if block.place == "here":  # pinned: it moves on whole, the paragraphs after it
        return [figure, *paragraphs]
    across = columns.column_width(ctx)

    def smaller(over: float) -> Stack | None:
        """The figure `over` lower: a copy of its image set smaller in its place, the caption and
        credit under it from its left edge (as ShrinkToFit sets them), None below MIN_SHRINK."""
        scale = (img.designed[1] - over - _SLACK) / img.designed[1]
        if scale < MIN_SHRINK:
            return None
        small = copy.copy(img)
        small.scale_to(scale)
        left, right = _caption_box(small.x, small.width, across, min(ctx.text_width * CAPTION_SHARE, across))
        texts = [copy.copy(p) for p in [caption, *credit]]
        for p in texts:
            p.style = p.style.clone(p.style.name, leftIndent=left, rightIndent=right)
        return Stack([small, gap, *texts], page_h, whole=True)

    return [FigureThenText(figure, paragraphs, page_h, smaller)]


def _in_column(ctx: LayoutContext, section: TextSection, block: Any) -> bool:
    """Whether an image of a two-column section stands in a column rather than across both: one whose
    `width` is no wider than a column, and a portrait without a `width` (across both it would stand
    alone in a band with empty room on either side, the text above and below it cut short). On a wide
    page (layout.measure), one no wider than the text column, set a column wide at most: across the
    frame it would leave a hole beside it, where one-column text ran beside it."""
    if not two_columns(ctx, section) or not isinstance(block, Figure) or block.size == "page":
        return False
    if block.width is not None:
        most = text_column(ctx) if wide(ctx) else columns.column_width(ctx)
        return ctx.text_width * block.width / 100 <= most + _SLACK
    w_px, h_px = shown_size(block.image)
    return h_px > w_px


def _figure_parts(ctx: LayoutContext, block: Figure, space_after: float = 0.0, beside: bool = False,
                  across: float | None = None, above: float = 0.0) -> tuple[PlacedImage, Spacer, Paragraph,
                                                                             list[Paragraph]]:
    """The image at its placed size and place, the gap under it, its caption and credit (the last
    of them `space_after` above what follows). `beside`: text runs beside it, so the caption is as
    wide as the image, never wider. `across`: the width it is placed in (a column's), if not the
    full width; `width:` stays a percentage of the full width. `above`: the height of the sub-heading
    right before it, which stays with it on its page (see _heading_above)."""
    w_px, h_px = shown_size(block.image)
    gap = 2 * MM
    full = ctx.text_width
    across = full if across is None else across
    least = min(full * CAPTION_SHARE, across)  # the narrowest a caption is set
    # the image fills the width it is placed in unless that makes it taller than PORTRAIT_SHARE of the
    # page (a portrait photo): then it is that tall, so that it shares its page with text instead of
    # filling one alone and leaving the page before half empty; and never taller than leaves room
    # for its caption (measured at its narrowest). A width the author gives is kept up to that room.
    frame_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    caption, credit = _caption(ctx, block, 0, across - least)
    below = gap + sum(p.wrap(across, frame_h)[1] + p.getSpaceBefore() + p.getSpaceAfter()
                      for p in [caption, *credit])
    room = max(frame_h - above - below - _SLACK, frame_h / 2)
    if block.width is None:
        room = min(room, frame_h * PORTRAIT_SHARE)
    width = min(across if block.width is None else full * block.width / 100, room * w_px / h_px)
    if across < full and wide(ctx):  # in a column of a wide page (see _in_column)
        width = min(width, across)
    height = width * h_px / w_px
    x = {"left": 0.0, "center": (across - width) / 2, "right": across - width}[block.align]
    box = (x, across - x - width) if beside else _caption_box(x, width, across, least)
    caption, credit = _caption(ctx, block, *box, space_after=space_after)
    img = ctx.anchored(block, PlacedImage(None, width, height, block.alt, x, block.align,
                                          ctx.credited(block, block.credit) if block.credit else None))
    return img, Spacer(0, gap), caption, credit


def _prepared(ctx: LayoutContext, block: Figure, img: PlacedImage) -> PlacedImage:
    """The image with the edition's file for it at its placed size (converted, checked)."""
    img.image = ctx.prepare_image(block.image, img.width, img.height, block.field_pos.get("image") or block.pos)
    return img


def _after_figure(ctx: LayoutContext) -> float:
    """The space under a figure's caption (or credit) before the text that follows: a line of body
    text, so that the text does not run on from the credit line."""
    return ctx.styles.theme.sizes.leading


def _beside(ctx: LayoutContext, section: TextSection, i: int) -> int:
    """How many paragraphs after blocks[i] run beside it: the paragraphs right after an image set
    left or right that leaves room beside it for MIN_BESIDE_CHARS of body text (0: none; then an
    image that asks for `wrap: true` says why)."""
    block = section.blocks[i]
    if not isinstance(block, Figure) or not block.wrap or block.size == "page":
        return 0
    count = _paragraphs_after(section, i)
    why, hint, widest = None, "leave `wrap` out", None
    if block.align == "center":
        why, hint = "it stands centred", "write align: left or right, or leave `wrap` out"
    elif section.columns == 2:
        why = "two-column sections set no text beside an image"
    elif two_columns(ctx, section):
        why = ("this wide page sets the section in two columns (its text column holds more than the theme's "
               "text.measure), and two-column sections set no text beside an image")
        hint = "write columns: 1 in the section to keep one column, or leave `wrap` out"
    elif not count:
        why = "no paragraph follows it"
    else:
        img, *_ = _figure_parts(ctx, block)
        body = ctx.styles.para("body", leftIndent=_indent(ctx))
        chars = text_chars(body, _text_box(ctx, block.align, img.width)[1])
        if chars < MIN_BESIDE_CHARS:
            why = (f"the room beside it holds {chars:.0f} characters of body text, at least {MIN_BESIDE_CHARS} "
                   "are needed")
            widest = _widest_beside(ctx, block.align, body)  # (set left or right: the room is too narrow)
            hint = f"{widest}, or leave `wrap` out"
    if why is None:
        return count
    if "wrap" in block.field_pos:
        ctx.styles.notes.append(Diagnostic(f"no text runs beside this image: {why}", block.field_pos["wrap"],
                                           hint, "warning"))
    elif widest is not None:  # a hole beside it, unasked
        ctx.styles.notes.append(Diagnostic(
            f"no text runs beside this image, which leaves the room beside it empty: {why}",
            block.field_pos.get("width", block.pos), f"{widest}, or write wrap: false to set it alone across the "
                                                     "width", "warning"))
    return 0


def _paragraphs_after(section: TextSection, i: int) -> int:
    """How many paragraphs (and questions, an interview's) follow blocks[i] before another kind of block."""
    count = 0
    while i + 1 + count < len(section.blocks) and isinstance(section.blocks[i + 1 + count],
                                                              (ParagraphBlock, Question)):
        count += 1
    return count


def _widest_beside(ctx: LayoutContext, align: str, body: Any) -> str:
    """How wide (in percent, as `width:` is written) an image may be that has text beside it."""
    for percent in range(99, 9, -1):
        if text_chars(body, _text_box(ctx, align, ctx.text_width * percent / 100)[1]) >= MIN_BESIDE_CHARS:
            return f"make it at most width: {percent}"
    return "the text column leaves no room beside an image"


def _text_box(ctx: LayoutContext, align: str, image_w: float) -> tuple[float, float]:
    """The x and width in which the text beside an image `image_w` wide is wrapped (see TextBeside)."""
    probe = TextBeside([], [], align, image_w, _gutter(ctx), _indent(ctx), 0.0)
    return probe.text_box(ctx.text_width)


def _gutter(ctx: LayoutContext) -> float:
    return ctx.styles.theme.text.column_gap * MM  # as between two columns of text


def _text_beside(ctx: LayoutContext, block: Figure, paragraphs: list[Any], above: float = 0.0) -> list[Any]:
    img, gap, caption, credit = _figure_parts(ctx, block, beside=True, above=above)
    beside = TextBeside([_prepared(ctx, block, img), gap, caption, *credit], paragraphs, block.align, img.width,
                        _gutter(ctx), _indent(ctx), _after_figure(ctx), MIN_SHRINK)
    beside.pinned = block.place == "here"
    return [beside]


def _heading_above(ctx: LayoutContext, section: TextSection, i: int, width: float) -> float:
    """The height a sub-heading right before blocks[i] takes above it (its lines at `width` and the
    space under it): a heading never ends a page, so an image as high as a whole page left its heading
    alone at the foot of one page, or at the top of the next with the image overleaf (a portrait on a
    16:9 page); the image is set lower by as much."""
    block = section.blocks[i - 1] if i else None
    if not isinstance(block, Heading):
        return 0.0
    style = ctx.styles.para("h2" if block.level == 2 else "h3")
    head = Paragraph(rl_plain(block.text, ctx.locale), style)
    return head.wrap(width, text_frame_height(ctx.geometry, ctx.styles.theme.page))[1] + head.getSpaceAfter()


def _caption_box(x: float, width: float, full: float, least: float | None = None) -> tuple[float, float]:
    """The caption's indents under an image at x, `width` wide, in `full` (the frame, or a column):
    from the image's left edge, as wide as the image but at least `least` (CAPTION_SHARE of the full
    width), inside `full`."""
    caption_w = min(max(width, full * CAPTION_SHARE if least is None else least), full)
    caption_x = min(x, full - caption_w)
    return caption_x, full - caption_x - caption_w


def _caption(ctx: LayoutContext, block: Figure, left: float, right: float,
             space_after: float = 0.0) -> tuple[Any, list[Any]]:
    """Caption and credit in the box under the image (indents from the full width's edges); the
    last of them keeps `space_after` above what follows."""
    st = ctx.styles
    caption = Paragraph(rl_markup(block.caption, ctx.locale, refs=ctx.refs), st.para(
        "caption", leftIndent=left, rightIndent=right, spaceAfter=0.0 if block.credit else space_after))
    credit = [Paragraph(rl_plain(block.credit, ctx.locale), st.para(
        "source", leftIndent=left, rightIndent=right, spaceAfter=space_after))] if block.credit else []
    return caption, credit


CAPTION_SHARE = 1 / 3  # a caption under a narrow image is at least this share of the full width wide
PORTRAIT_SHARE = 0.6  # the tallest a figure is set, as a share of the text frame's height
MIN_BESIDE_CHARS = 25  # text runs beside an image where a line beside it holds this many characters of body text
MIN_SHRINK = 0.75  # the smallest share of its designed height a photo is set at to stay on a page
_SLACK = 1.0  # points kept free below a page-high figure: rounding in reportlab's frame arithmetic


def _indent(ctx: LayoutContext) -> float:
    return ctx.styles.theme.page.text_offset * MM if ctx.column_x is None else ctx.column_x


def _heading(ctx: LayoutContext, block: Heading) -> list[Any]:
    return subheading(ctx, block, block.level - 1, _indent(ctx))


def _list(ctx: LayoutContext, block: ListBlock) -> list[Any]:
    # a list in columns is a wide block, as a table is: from the frame's left edge (see _spans)
    return lists.layout(ctx, block, 0.0 if _wide_list(block) else _indent(ctx))


def _note(ctx: LayoutContext, block: Note) -> list[Any]:
    return notes.layout(ctx, block, _indent(ctx))


def _question(ctx: LayoutContext, block: Question) -> list[Any]:
    return question.layout(ctx, block, _indent(ctx))


def _timeline(ctx: LayoutContext, block: Timeline) -> list[Any]:
    return timeline.layout(ctx, block, _indent(ctx))


def _signatures(ctx: LayoutContext, block: Signatures) -> list[Any]:
    return signatures.layout(ctx, block, _indent(ctx))


def _box(ctx: LayoutContext, block: Box) -> list[Any]:
    inside = replace(ctx, column_x=0.0, styles=ctx.styles.on("tint"))  # its text stands on the tint
    return boxes.layout(ctx, block, _indent(ctx), lambda c, b: BLOCK_LAYOUTS[type(b)](inside, b))


BLOCK_LAYOUTS: dict[type, Callable[[LayoutContext, Any], list[Any]]] = {
    ParagraphBlock: _paragraph,
    Quote: _quote,
    ChartRef: _chart,
    Figure: _figure,
    Table: table.layout,
    Grid: grid.layout,
    Heading: _heading,
    ListBlock: _list,
    Note: _note,
    Box: _box,
    Question: _question,
    Break: pagebreak.layout,
    Timeline: _timeline,
    Signatures: _signatures,
}
# in a two-column section these take the full width (a break: ends the columns); an image no wider than
# a column stands in one (see _in_column). A list in columns spans too (see _wide_list)
SPANNING = (ChartRef, Figure, Table, Grid, Break)


# a note right after one of these is about it: it never stands alone at the next page's top, but goes with
# it (a chart, image, grid or table moves on with it; a paragraph's last lines do)
_NOTED = (ChartRef, Figure, Grid, Table, ParagraphBlock)


def _wide_list(block: Any) -> bool:
    """A list with `columns: 2` to `4` (names of partners, donors): a wide block like a table. Its
    columns share the frame's width, not the text column's or a section column's, where they would
    be too narrow for a name."""
    return isinstance(block, ListBlock) and block.columns > 1


def two_columns(ctx: LayoutContext, section: TextSection) -> bool:
    """Whether the section's text is set in two columns: with `columns: 2`, and on a wide page (see
    layout.measure) unless it says `columns: 1`."""
    return section.columns == 2 or ("columns" not in section.field_pos and wide(ctx))


def _floats(block: Any, flow: list[Any]) -> bool:
    """Whether a chart, an image, a grid or a table shorter than a page (its `flow` kept together: one
    longer splits anyway) may go on at the next page's top with the text after it filling the page
    before (layout.floats): unless its author pins it (`place: here`)."""
    if isinstance(block, Table):
        return block.place == "auto" and any(isinstance(f, table.KeptTable) for f in flow)
    return isinstance(block, (ChartRef, Figure, Grid)) and not _page_photo(block) and block.place == "auto"


def _page_photo(block: Any) -> bool:
    return isinstance(block, Figure) and block.size == "page"


def _spans(ctx: LayoutContext, section: TextSection, block: Any) -> bool:
    """Whether a block stands over the full width, aligned with the frame: a chart, table, image or
    list in columns (in a two-column section across both columns; an image there only if it is not
    `_in_column`)."""
    return (isinstance(block, SPANNING) or _wide_list(block)) and not _in_column(ctx, section, block)


def _heads_spanning(ctx: LayoutContext, section: TextSection, i: int) -> bool:
    """Whether blocks[i] is a sub-heading of a chart, table, image or list in columns that spans (the
    next block that is not a heading): it stands over the full width, aligned with what it heads, not
    in the text column."""
    blocks = section.blocks
    if not isinstance(blocks[i], Heading):
        return False
    following = next((b for b in blocks[i + 1:] if not isinstance(b, Heading)), None)
    return following is not None and _spans(ctx, section, following)


def layout(ctx: LayoutContext, section: TextSection, index: int) -> list[Any]:
    """Heading, then the blocks; with `columns: 2` runs of text blocks are set in two balanced
    columns over the full frame width and charts, tables, images wider than a column and lists in
    columns span both."""
    story = heading(ctx, section.title, section.kicker, f"{index}-{section.title}")
    # page photos that start the section open it: set before its title, the first starts its Sect;
    # those that end it follow its footnotes (which end its text)
    blocks = section.blocks
    opening = closing = 0
    while opening < len(blocks) and _page_photo(blocks[opening]):
        opening += 1
    while closing < len(blocks) - opening and _page_photo(blocks[-1 - closing]):
        closing += 1
    if opening:
        story[0].starts_section = False
        photos = [f for i, block in enumerate(blocks[:opening])
                  for f in with_source(photo.layout(ctx, block, opens=i == 0), block.pos)]
        # the section begins on its first photo's page: the contents, the outline and a cross-reference say so
        title = next(f for f in story if getattr(f, "toc_entry", None))
        title.opened_by = next(f for f in photos if getattr(f, "opens", False))
        title.opened_by.toc_key = title.toc_entry[2]
        story = photos + story
    two = two_columns(ctx, section)
    full = replace(ctx, column_x=0.0)  # from the frame's left edge: the columns, a chart's sub-heading
    inner = full if two else ctx
    run: list[Any] = []
    i = opening
    while i < len(blocks) - closing:
        block = blocks[i]
        spanning = _spans(ctx, section, block)
        here = ctx if spanning else full if _heads_spanning(ctx, section, i) else inner
        # the paragraphs that run beside an image, or after one in a column, are laid out with it
        taken = _beside(ctx, section, i) or (_paragraphs_after(section, i) if _in_column(ctx, section, block) else 0)
        text = [f for b in section.blocks[i + 1:i + 1 + taken]
                for f in with_source((_question if isinstance(b, Question) else _paragraph)(here, b), b.pos)]
        if _in_column(ctx, section, block):
            above = _heading_above(ctx, section, i, columns.column_width(ctx))
            flow = with_source(_column_figure(ctx, block, text, above), block.pos)
        elif taken:
            flow = with_source(_text_beside(ctx, block, text, _heading_above(ctx, section, i, ctx.text_width)),
                               block.pos)
        else:
            flow = with_source(_figure(here, block, _heading_above(ctx, section, i, ctx.text_width))
                               if isinstance(block, Figure) else BLOCK_LAYOUTS[type(block)](here, block), block.pos)
            if _floats(block, flow):
                floats.figure(flow, block)
            elif isinstance(block, ParagraphBlock) or isinstance(block, ListBlock) and not _wide_list(block):
                floats.running(flow)
        i += 1 + taken
        if (isinstance(block, Note) and isinstance(blocks[i - 2], _NOTED) or isinstance(block, Signatures)) \
                and not run and i > 1 and not _page_photo(blocks[i - 2]):
            # small print goes with what it is about; signatures with the end of what they sign
            story = notes.with_notes(story, flow)
            continue
        if two and not spanning:
            run += flow
            continue
        # sub-headings right before a chart, table, image or list in columns head it over the full
        # width, not at the foot of the columns before it
        k = len(run)
        while k and getattr(run[k - 1], "head", False):
            k -= 1
        story += columns.balanced(ctx, run[:k]) + run[k:] + flow
        run = []
    story += columns.balanced(ctx, run)
    # the footnotes start where the text does (on a wide page, under the columns in the text column)
    story = notes.with_notes(story, notes.footnotes(ctx, section, columns_box(ctx)[0] if two else _indent(inner)))
    for block in blocks[len(blocks) - closing:]:
        story += with_source(photo.layout(ctx, block), block.pos)
    return keep_heads(story)
