"""The key-figures page: designed tiles, each with qualifier, number (prefix, unit), label, detail
and the change against last year."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from ..errors import Diagnostic, Diagnostics
from ..figures import SYMBOL_UNITS, FigureText, figure_text
from ..markup import plain
from ..model import KeyFigure, KeyFiguresSection
from ..tagging import content, tagger_of
from .context import LayoutContext
from .heading import heading
from .measure import lead_style
from .styles import DISPLAY, HEAD, MM
from .templates import text_frame_height
from .text import Paragraph, rl_markup, rl_plain

COLUMNS = 2
# Nine tiles or more in three columns where a third of the text width holds a tile (A4, Letter: about
# 54 mm): two columns of five rows and more ran over a page, leaving a few tiles alone on the next
MANY_TILES, MIN_THIRD_MM = 9, 50
# A tile wider than this reads as a band, its number lost at its left: a page whose two columns of tiles
# are wider (A4 landscape: 126 mm, 16:9) takes more columns, down to tiles MIN_THIRD_MM wide
MAX_TILE_MM = 100
MIN_TILE_H = 38 * MM
MAX_TILE_H = 50 * MM
PAD = 6 * MM  # inside a tile, left, right and top (less on smaller pages: `_pad`)
UNIT_SCALE = 0.55  # a unit in words ("Mio. €", "km") beside the number, relative to the number's size
MIN_FIGURE_SCALE = 0.5  # a long number shrinks to fit its tile, down to this share of the theme's size
CHANGE_ROOM = 3 * MM  # above the change line at a tile's foot (under it: the padding)
# Tighter tiles, where the grid would otherwise split over two pages (8 tiles with details and changes
# on a 16:9 page missed theirs by 10 mm, four standing alone overleaf): less room over the number (the
# top padding, TIGHT_TOP less), under it (TIGHT_GAP) and over a change line at the foot (TIGHT_CHANGE)
TIGHT_TOP, TIGHT_GAP, TIGHT_CHANGE = 3 * MM, 1 * MM, 2 * MM


class TileGrid(Flowable):
    """Tiles in a grid; splits between rows when a page is full, never leaving one tile alone on the
    next page. The tiles of a row that is not full share its width, so no half-empty row looks
    accidental: with an odd number of tiles in two columns the last one spans the row; in three columns
    or more a last tile is never alone in its row (see row_sizes: ten tiles 3 + 3 + 2 + 2)."""

    def __init__(self, ctx: LayoutContext, figures: list[KeyFigure], needed: list[float] | None = None,
                 beside: bool = True, columns: int = COLUMNS, narrow: list[float] | None = None):
        """`needed`: each tile's height at its width (see `_needs`); `narrow`: at a column's width, where a
        last row's tiles were measured wider (None: as `needed`)."""
        super().__init__()
        self.ctx, self.figures, self.columns = ctx, figures, columns
        self.gap = ctx.styles.theme.page.tile_gap * MM
        self.needed = needed or [0.0] * len(figures)
        self.narrow = narrow or self.needed
        self.beside = beside  # change lines beside the numbers (else at the tiles' foot)
        self.tight = False  # set tighter (TIGHT_*) to stay on the page: see wrap

    def _tight(self) -> list[float]:
        """The tiles' needed heights set tighter."""
        return [n - TIGHT_TOP - TIGHT_GAP - (TIGHT_CHANGE if _at_foot(fig, self.beside) else 0.0)
                for n, fig in zip(self.needed, self.figures, strict=True)]

    @property
    def rows(self) -> int:
        return len(row_sizes(len(self.figures), self.columns))

    def _grid_h(self, tile_h: float) -> float:
        return self.rows * tile_h + (self.rows - 1) * self.gap

    def _floor(self, ah: float) -> float:
        """The least tile height: the design's, or, where that would carry the last rows to a page of
        their own and the tiles' texts allow it, as low as they need, so that the grid stays whole."""
        least = max(self.needed, default=0.0)
        floor = max(MIN_TILE_H * self.ctx.styles.scale, least)
        if self._grid_h(floor) > ah >= self._grid_h(least):
            return least
        return floor

    def _tile_h(self, ah: float) -> float:
        room = (ah - self.gap * (self.rows - 1)) / self.rows
        k = self.ctx.styles.scale  # tiles scale with the page; their texts' sizes do not (A5)
        return max(self._floor(ah), min(MAX_TILE_H * k, room))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.tile_h = self._tile_h(ah)
        self.tight = False
        tight = max(self._tight(), default=0.0)
        if self._grid_h(self.tile_h) > ah >= self._grid_h(tight) and self.rows > 1:
            self.tight, self.tile_h = True, tight  # the whole grid on this page rather than its rows split
        self.height = self._grid_h(self.tile_h)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        fit = int((ah + self.gap) // (self._floor(ah) + self.gap))
        if fit < 1 or fit >= self.rows:
            return []
        # a grid that does not fit its page is shared evenly: 4 + 4 tiles on A5, not 6 and then 2 alone
        # under the next page's head, and 5 + 5 in three columns, not 6 + 4 (a grid that starts low on
        # its page keeps what fits there)
        fit = min(fit, -(-self.rows // 2))
        sizes = row_sizes(len(self.figures), self.columns)
        if len(self.figures) - sum(sizes[:fit]) == 1:  # not one tile alone on the next page
            if fit == 1:
                return []  # all of them on the next page
            fit -= 1  # a row more goes with it
        n = min(sum(sizes[:fit]), -(-len(self.figures) // 2))
        # the tiles of both pages as high as each other (as a column's width needs: a tile of the last row
        # may stand in a full one now)
        alike = [max(self.narrow)] * len(self.figures)
        # the rest on the next page, not at other heights in what the rows leave free on this one
        return [TileGrid(self.ctx, self.figures[:n], alike[:n], self.beside, self.columns), PageBreak(),
                TileGrid(self.ctx, self.figures[n:], alike[n:], self.beside, self.columns)]

    def boxes(self) -> list[tuple[float, float, float]]:
        """(x, y, width) of each tile after wrap; the tiles of a row that is not full share its width
        (an odd last tile of two columns spans the row)."""
        out = []
        for row, in_row in enumerate(row_sizes(len(self.figures), self.columns)):
            tile_w = (self.width - self.gap * (in_row - 1)) / in_row
            y = self.height - (row + 1) * self.tile_h - row * self.gap
            out += [(col * (tile_w + self.gap), y, tile_w) for col in range(in_row)]
        return out

    def row_scales(self) -> list[float]:
        """The size of each tile's number (a share of the theme's): one per row, the smallest that fits
        every tile of the row. Side by side, on one baseline, numbers of different sizes ('48’250' large
        beside a long '4’812’000 m³' shrunk to fit) read as a ranking the author did not make; a row is
        what the eye compares. Not one size for the page: a long 'CHF 114.9 Mio.' would shrink a short
        '7.2 %' two rows down to half its size in a tile with room for it."""
        pad = _pad(self.ctx)
        own = [_number_layout(self.ctx, figure_text(fig, self.ctx.locale), w - 2 * pad)[2]
               for fig, (_, _, w) in zip(self.figures, self.boxes(), strict=True)]
        out: list[float] = []
        for in_row in row_sizes(len(own), self.columns):
            row = own[len(out):len(out) + in_row]
            out += [min(row)] * in_row
        return out

    def draw(self) -> None:
        scales = self.row_scales()
        for fig, (x, y, w), scale in zip(self.figures, self.boxes(), scales, strict=True):
            words = figure_text(fig, self.ctx.locale)
            with content(self.canv, "Figure", alt=tile_text(fig, self.ctx.locale)):
                self._tile(fig, words, x, y, w, scale)

    def _tile(self, fig: KeyFigure, words: FigureText, x: float, y: float, tile_w: float, scale: float) -> None:
        st, s, c = self.ctx.styles.on("tint"), self.ctx.styles.theme.sizes, self.canv
        pad = _pad(self.ctx)
        c.setFillColor(st.colour("tint"))
        c.rect(x, y, tile_w, self.tile_h, stroke=0, fill=1)
        c.setFillColor(st.colour("accent"))
        c.rect(x, y + self.tile_h - 1.5 * MM, 14 * MM, 1.5 * MM, stroke=0, fill=1)
        squeeze = TIGHT_TOP if self.tight else 0.0
        top = y + self.tile_h - pad + squeeze - 2 * MM
        end = " " if tagger_of(c) else ""  # tagged: extractors keep qualifier, number and label apart
        if words.qualifier:
            c.setFont(st.font["bold"], s.kicker)
            c.setFillColor(st.text_colour("accent", s.kicker, st.font["bold"]))
            c.drawString(x + pad, top - s.kicker, self.ctx.locale.typographic(words.qualifier).upper() + end)
        base = y + self.tile_h - _head(self.ctx) + squeeze
        self._number(words, x + pad, base, tile_w - 2 * pad, end, scale)
        ty = base - 4 * MM + (TIGHT_GAP if self.tight else 0.0)
        for p in _texts(self.ctx, fig):
            _, ph = p.wrap(tile_w - 2 * pad, self.tile_h)
            p.drawOn(c, x + pad, ty - ph)
            ty -= ph + 1 * MM
        if words.change and self.beside:
            self._change(fig, words, x + tile_w - pad - _change_width(self.ctx, words), base)
        elif words.change:
            lines = _change_lines(self.ctx, words, tile_w - 2 * pad)
            self._change(fig, words, x + pad, y + pad - 1.5 * MM + _change_leading(self.ctx) * (len(lines) - 1),
                         lines)

    def _number(self, words: FigureText, x: float, base: float, room: float, end: str, most: float) -> None:
        """Prefix and number in the heaviest weight; a symbol unit (%, €) as large, a unit in words
        smaller beside it; all of it shrunk to the tile's width where it is long, and to `most`, its
        row's size."""
        st, c = self.ctx.styles.on("tint"), self.canv
        font, size = st.font[DISPLAY], st.theme.sizes.figure
        big, small, scale, _ = _number_layout(self.ctx, words, room, most)
        # the unit in words is bold at UNIT_SCALE of the number: the smaller part says what it needs
        c.setFillColor(st.text_colour("primary", size * scale * (UNIT_SCALE if small else 1), font))
        c.setFont(font, size * scale)
        c.drawString(x, base, big + ("" if small or words.close else end))
        if small:
            c.setFont(st.font[HEAD], size * scale * UNIT_SCALE)
            c.drawString(x + stringWidth(big, font, size * scale), base, small + ("" if words.close else end))
        if words.close:  # as large as the opening bracket, after a unit in words too: '(12 Mio. €)'
            c.setFont(font, size * scale)
            c.drawString(x + _width(self.ctx, big, small, scale), base, words.close + end)

    def _change(self, fig: KeyFigure, words: FigureText, x: float, base: float,
                lines: list[str] | None = None) -> None:
        """'▲ +4,2 % ggü. Vorjahr': arrow, sign and words, so it reads without colour; `lines` (at the
        tile's foot), the words in two lines under each other beside the arrow, the first at `base`."""
        st, c, change = self.ctx.styles.on("tint"), self.canv, words.change
        size = st.theme.sizes.caption
        good = change.direction if fig.better == "higher" else -change.direction  # costs: a fall is good
        # arrow and words in one colour, as readable as words must be (the arrow is part of what it says)
        c.setFillColor(st.text_colour({1: "secondary", -1: "accent"}.get(good, "muted"), size, st.font["bold"]))
        h = size * 0.62
        if change.direction:
            tip, foot = (base + h, base) if change.direction > 0 else (base, base + h)
            p = c.beginPath()
            p.moveTo(x, foot)
            p.lineTo(x + h * 1.15, foot)
            p.lineTo(x + h * 0.575, tip)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        else:
            c.rect(x, base + h * 0.35, h * 1.15, h * 0.3, stroke=0, fill=1)
        c.setFont(st.font["bold"], size)
        for i, line in enumerate(lines or [self.ctx.locale.typographic(change.line)]):
            c.drawString(x + h * 1.15 + 1.5 * MM, base - i * _change_leading(self.ctx), line)


def _pad(ctx: LayoutContext) -> float:
    """The padding inside a tile: less on a page smaller than A4 (A5: 4.3 mm), where the grid of eight
    tiles would otherwise miss its page by a few millimetres (the texts keep their sizes)."""
    return PAD * min(1.0, ctx.styles.scale)


def _head(ctx: LayoutContext) -> float:
    """From a tile's top to the number's baseline."""
    s = ctx.styles.theme.sizes
    return _pad(ctx) + 2 * MM + s.kicker * 1.6 + s.figure * 0.78


def _number_layout(ctx: LayoutContext, words: FigureText, room: float,
                   most: float = 1.0) -> tuple[str, str, float, float]:
    """(number with prefix and symbol unit, unit in words, scale, width drawn); the scale at most `most`."""
    st = ctx.styles
    font, size = st.font[DISPLAY], st.theme.sizes.figure
    big = words.amount
    small = ""
    if words.unit in SYMBOL_UNITS or not words.gap:  # "61,4 %", "£4.1m": one word, one size
        big += words.gap + words.unit
    elif words.unit:
        small = words.gap + words.unit

    def width(scale: float) -> float:
        return _width(ctx, big, small, scale) + stringWidth(words.close, font, size * scale)

    scale = min(most, max(MIN_FIGURE_SCALE, min(1.0, room / width(1.0))))
    return big, small, scale, width(scale)


def _width(ctx: LayoutContext, big: str, small: str, scale: float) -> float:
    """The width of a tile's number and its unit in words."""
    st = ctx.styles
    size = st.theme.sizes.figure * scale
    return stringWidth(big, st.font[DISPLAY], size) + stringWidth(small, st.font[HEAD], size * UNIT_SCALE)


def _change_width(ctx: LayoutContext, words: FigureText) -> float:
    size = ctx.styles.theme.sizes.caption
    line = ctx.locale.typographic(words.change.line)
    return size * 0.62 * 1.15 + 1.5 * MM + stringWidth(line, ctx.styles.font["bold"], size)


def _change_leading(ctx: LayoutContext) -> float:
    return ctx.styles.theme.sizes.caption * 1.25


def _change_lines(ctx: LayoutContext, words: FigureText, room: float) -> list[str]:
    """The change line at a tile's foot as one line where it fits `room`, else in two, broken where
    the longer of them is shortest ('+35,5 % par rapport' / 'à l’année précédente'), and not after a
    word of one or two letters (à, de, of) where another break fits: the French 'par rapport à l’année
    précédente' is three times as long as 'ggü. Vorjahr' and ran past a third of A4."""
    line = ctx.locale.typographic(words.change.line)
    size, font = ctx.styles.theme.sizes.caption, ctx.styles.font["bold"]
    text_room = _change_text_room(ctx, room)
    if stringWidth(line, font, size) <= text_room:
        return [line]
    tokens = line.split(" ")
    splits = [(" ".join(tokens[:k]), " ".join(tokens[k:])) for k in range(1, len(tokens))]
    if not splits:
        return [line]

    def cost(pair: tuple[str, str]) -> tuple[bool, bool, float]:
        widest = max(stringWidth(t, font, size) for t in pair)
        return widest > text_room, len(pair[0].rsplit(" ", 1)[-1]) <= 2, widest

    return list(min(splits, key=cost))


def _change_text_room(ctx: LayoutContext, room: float) -> float:
    """What `room` leaves for a change line's words beside its arrow (see _change_width)."""
    return room - ctx.styles.theme.sizes.caption * 0.62 * 1.15 - 1.5 * MM


def _change_fits(ctx: LayoutContext, words: FigureText, room: float) -> bool:
    size, font = ctx.styles.theme.sizes.caption, ctx.styles.font["bold"]
    return all(stringWidth(t, font, size) <= _change_text_room(ctx, room) for t in _change_lines(ctx, words, room))


def columns_for(ctx: LayoutContext, figures: list[KeyFigure], asked: int | None = None) -> int:
    """Two columns of tiles, or three for many tiles where a third of the text width holds one. On a
    page whose two columns of tiles would be wider than MAX_TILE_MM (A4 landscape, 16:9): of the
    columns that keep a tile from MAX_TILE_MM down to MIN_THIRD_MM wide, those that set the tiles in
    the fewest rows, the last as full as can be (eight tiles: 4 + 4 on A4 landscape; five: 3 + 2).
    `asked`: the section's `columns` (see asked_columns)."""
    if asked is not None:
        return asked
    if _tile_width(ctx, COLUMNS) <= MAX_TILE_MM * MM:
        return 3 if len(figures) >= MANY_TILES and _tile_width(ctx, 3) >= MIN_THIRD_MM * MM else COLUMNS
    least = next(c for c in range(COLUMNS + 1, 12) if _tile_width(ctx, c) <= MAX_TILE_MM * MM)
    most = max(c for c in range(least, least + 12) if c == least or _tile_width(ctx, c) >= MIN_THIRD_MM * MM)
    n = len(figures)
    return min(range(least, most + 1), key=lambda c: (-(-n // c), -n % c, c))


def asked_columns(ctx: LayoutContext, section: KeyFiguresSection) -> int | None:
    """The section's `columns`, fewer where a tile would be narrower than MIN_THIRD_MM (with a warning)."""
    asked = section.columns
    if asked is None:
        return None
    n = asked
    while n > COLUMNS and _tile_width(ctx, n) < MIN_THIRD_MM * MM:
        n -= 1
    if n < asked:
        ctx.styles.notes.append(Diagnostic(
            f"{asked} columns of tiles would be {_tile_width(ctx, asked) / MM:.0f} mm wide, narrower than "
            f"{MIN_THIRD_MM} mm: they are set in {n}", section.field_pos.get("columns", section.pos),
            f"write columns: {n}, or leave columns out to have them chosen by the page's width", "warning"))
    return n


def _tile_width(ctx: LayoutContext, columns: int = COLUMNS) -> float:
    gap = ctx.styles.theme.page.tile_gap * MM
    return (ctx.text_width - gap * (columns - 1)) / columns


def _beside(ctx: LayoutContext, figures: list[KeyFigure], columns: int = COLUMNS) -> bool:
    """Whether every change line fits beside its number (else all sit at the tiles' foot)."""
    room = _tile_width(ctx, columns) - 2 * _pad(ctx)
    for fig in figures:
        words = figure_text(fig, ctx.locale)
        if words.change and _number_layout(ctx, words, room)[3] + 4 * MM + _change_width(ctx, words) > room:
            return False
    return True


def _label_style(st: Any) -> Any:
    """A tile's label: set as a heading, so a word wider than the tile (a long compound such as
    "Informationsveranstaltungen" on a small page) is hyphenated and the others stay whole."""
    size = st.theme.sizes.body + 1
    # in the text face's bold (a heading face is for the number above it)
    return st.para("h2", fontName=st.font["bold"], spaceBefore=0, fontSize=size, leading=size * 1.25)


def _texts(ctx: LayoutContext, fig: KeyFigure) -> list[Paragraph]:
    """Label and detail of a tile (set in _tile, measured in _needed_height)."""
    st = ctx.styles.on("tint")
    parts = [Paragraph(rl_plain(fig.label, ctx.locale), _label_style(st))]
    if fig.detail:
        parts.append(Paragraph(rl_markup(fig.detail, ctx.locale), st.para("small", hyphenationLang="")))
    return parts


def row_sizes(n: int, columns: int) -> list[int]:
    """How many of `n` tiles stand in each row of `columns`: full rows, then the rest, which share their
    row's width. In three columns or more a last tile never stands alone in its row, one tile as wide
    as the page beside none, half of it empty (the least important figure the largest, an Austrian and a
    Dutch review's tenth of ten): the last two rows share their tiles, ten in three columns 3 + 3 + 2 + 2,
    five in four 3 + 2. (Two columns: the odd last tile spans the row, as the rows above are two.)"""
    full, rest = divmod(n, columns)
    sizes = [columns] * full + ([rest] if rest else [])
    if rest == 1 and full and columns >= 3:
        sizes[-2:] = [(columns + 2) // 2, (columns + 1) // 2]
    return sizes


def _widths(ctx: LayoutContext, n: int, columns: int) -> list[float | None]:
    """Each tile's width where its row is not full (None: a column's)."""
    return [None if in_row == columns else _tile_width(ctx, in_row)
            for in_row in row_sizes(n, columns) for _ in range(in_row)]


def _needs(ctx: LayoutContext, figures: list[KeyFigure], beside: bool, columns: int) -> list[float]:
    """Each tile's needed height at its width in the grid: the tiles of a row that is not full are
    wider (one alone spans the row), their texts take fewer lines. Measured at a column's width, the
    tenth of ten tiles in three columns, set across the page, made every tile 9 mm higher, and the grid
    missed its A4 page (6 tiles, then 4 overleaf)."""
    return [_needed_height(ctx, fig, beside, columns, wide)
            for fig, wide in zip(figures, _widths(ctx, len(figures), columns), strict=True)]


def _needed_height(ctx: LayoutContext, fig: KeyFigure, beside: bool, columns: int = COLUMNS,
                   width: float | None = None) -> float:
    """The tile height a figure's texts take, measured with their fonts at the tile's width (the
    drawing's own arithmetic in _tile; `width`, a wider tile's of a last row), plus the change line at
    the foot or half the padding."""
    tile_w = _tile_width(ctx, columns) if width is None else width
    pad = _pad(ctx)
    texts = sum(p.wrap(tile_w - 2 * pad, ctx.geometry.trim_h)[1] + 1 * MM for p in _texts(ctx, fig))
    if not _at_foot(fig, beside):
        return _head(ctx) + 4 * MM + texts + pad / 2
    lines = len(_change_lines(ctx, figure_text(fig, ctx.locale), tile_w - 2 * pad))
    return _head(ctx) + 4 * MM + texts + pad + CHANGE_ROOM + (lines - 1) * _change_leading(ctx)


def _at_foot(fig: KeyFigure, beside: bool) -> bool:
    """Whether a tile's change line stands at its foot (not beside its number)."""
    return fig.previous is not None and fig.change != "none" and not beside


def check_tiles(ctx: LayoutContext, figures: list[KeyFigure], columns: int = COLUMNS) -> tuple[list[float], bool]:
    """Each figure's needed height in a grid of `columns` (the tiles grow to hold their texts, all
    tiles of a grid alike) and where the change lines go. Only a figure whose texts would not fit on a
    page is an error, at its label or detail."""
    diag = Diagnostics()
    beside = _beside(ctx, figures, columns)
    needed = _needs(ctx, figures, beside, columns)
    most = text_frame_height(ctx.geometry, ctx.styles.theme.page) / 2
    for fig, need in zip(figures, needed, strict=True):
        if need > most:
            name = "detail" if fig.detail else "label"
            diag.error(fig.field_pos.get(name) or fig.pos,
                       f"key figure {ctx.locale.number(fig.value)}: label and detail need {need / MM:.0f} mm, "
                       f"a tile has at most {most / MM:.0f} mm",
                       f"shorten the {name}; long words take a line of their own (it is measured, not counted)")
    diag.raise_if_errors()
    room = _tile_width(ctx, columns) - 2 * _pad(ctx)
    for fig in figures:
        words = figure_text(fig, ctx.locale)
        if words.change and not beside and not _change_fits(ctx, words, room):
            ctx.styles.notes.append(Diagnostic(
                f"key figure {ctx.locale.number(fig.value)}: its change line "
                f"'{ctx.locale.typographic(words.change.line)}' is wider than its tile, even in two lines",
                fig.field_pos.get("previous") or fig.pos,
                "set the figures in fewer columns (columns: 2), or leave the change out (change: none)", "warning"))
    return needed, beside


def tile_text(fig: KeyFigure, locale: Any) -> str:
    """What a tile says, as one sentence for readers who cannot see it: „mehr als 1.000 Thüringer
    erreicht – …; 4,2 % mehr als im Vorjahr“."""
    words = figure_text(fig, locale)
    parts = [locale.typographic(words.qualifier) if words.qualifier else "", words.said,
             locale.typographic(fig.label)]
    text = " ".join(w for w in parts if w)
    if fig.detail:
        text += f" – {locale.typographic(plain(fig.detail))}"
    if words.change:  # (the semicolon as the language sets it: "restaurées ; 35,5 %" in French)
        text += f"{locale.typographic('x;')[1:]} {locale.typographic(words.change.spoken)}"
    return text


def layout(ctx: LayoutContext, section: KeyFiguresSection, index: int) -> list[Any]:
    story = heading(ctx, section.title, section.kicker, f"{index}-{section.title}")
    if section.intro:
        story.append(Paragraph(rl_markup(section.intro, ctx.locale, refs=ctx.refs), lead_style(ctx)))
    columns = columns_for(ctx, section.figures, asked_columns(ctx, section))
    needed, beside = check_tiles(ctx, section.figures, columns)
    narrow = [need if wide is None else _needed_height(ctx, fig, beside, columns)
              for fig, need, wide in zip(section.figures, needed, _widths(ctx, len(needed), columns), strict=True)]
    story.append(TileGrid(ctx, section.figures, needed, beside, columns, narrow))
    return story
