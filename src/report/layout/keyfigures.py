"""The key-figures page: designed tiles, each with qualifier, number (prefix, unit), label, detail
and the change against last year."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..figures import SYMBOL_UNITS, FigureText, figure_text
from ..markup import plain
from ..model import KeyFigure, KeyFiguresSection
from ..tagging import content, tagger_of
from .context import LayoutContext
from .heading import heading
from .styles import MM
from .text import Paragraph, rl_markup, rl_plain

COLUMNS = 2
MIN_TILE_H = 38 * MM
MAX_TILE_H = 50 * MM
PAD = 6 * MM
UNIT_SCALE = 0.55  # a unit in words ("Mio. €", "km") beside the number, relative to the number's size
MIN_FIGURE_SCALE = 0.5  # a long number shrinks to fit its tile, down to this share of the theme's size
CHANGE_ROOM = PAD + 3 * MM  # the change line at a tile's foot, and the space above it


class TileGrid(Flowable):
    """Tiles in a grid; splits between rows when a page is full. With an odd number of tiles the
    last one spans the row, so no half-empty row looks accidental."""

    def __init__(self, ctx: LayoutContext, figures: list[KeyFigure]):
        super().__init__()
        self.ctx, self.figures = ctx, figures
        self.gap = ctx.styles.theme.page.tile_gap * MM

    @property
    def rows(self) -> int:
        return -(-len(self.figures) // COLUMNS)

    def _tile_w(self, aw: float) -> float:
        return (aw - self.gap * (COLUMNS - 1)) / COLUMNS

    def _least_h(self, aw: float) -> float:
        """The smallest tile height that holds every tile's content."""
        beside = self._beside(aw)
        return max([MIN_TILE_H, *(self._needed(fig, self._tile_w(aw), beside) for fig in self.figures)])

    def _beside(self, aw: float) -> bool:
        """Whether every change line fits beside its number (else all sit at the tiles' foot)."""
        room = self._tile_w(aw) - 2 * PAD
        for fig in self.figures:
            words = figure_text(fig, self.ctx.locale)
            if words.change and self._number_layout(words, room)[3] + 4 * MM + self._change_width(words) > room:
                return False
        return True

    def _tile_h(self, aw: float, ah: float) -> float:
        fill = min(MAX_TILE_H, (ah - self.gap * (self.rows - 1)) / self.rows)
        return max(self._least_h(aw), fill)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.beside = self._beside(aw)
        self.tile_h = self._tile_h(aw, ah)
        self.height = self.rows * self.tile_h + (self.rows - 1) * self.gap
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        fit = int((ah + self.gap) // (self._least_h(aw) + self.gap))
        if fit < 1 or fit >= self.rows:
            return []
        n = fit * COLUMNS
        return [TileGrid(self.ctx, self.figures[:n]), TileGrid(self.ctx, self.figures[n:])]

    def boxes(self) -> list[tuple[float, float, float]]:
        """(x, y, width) of each tile after wrap; an odd last tile spans the row."""
        tile_w = self._tile_w(self.width)
        out = []
        for i in range(len(self.figures)):
            row, col = divmod(i, COLUMNS)
            last_alone = i == len(self.figures) - 1 and col == 0
            out.append((col * (tile_w + self.gap), self.height - (row + 1) * self.tile_h - row * self.gap,
                        self.width if last_alone else tile_w))
        return out

    def draw(self) -> None:
        for fig, (x, y, w) in zip(self.figures, self.boxes(), strict=True):
            words = figure_text(fig, self.ctx.locale)
            with content(self.canv, "Figure", alt=tile_text(fig, self.ctx.locale)):
                self._tile(fig, words, x, y, w)

    def _texts(self, fig: KeyFigure, tile_w: float) -> list[tuple[Paragraph, float]]:
        """Label and detail, wrapped to the tile, with their heights."""
        st, s = self.ctx.styles, self.ctx.styles.theme.sizes
        parts = [Paragraph(rl_plain(fig.label, self.ctx.locale), st.para("h2", spaceBefore=0, fontSize=s.body + 1,
                                                                           leading=(s.body + 1) * 1.25))]
        if fig.detail:
            parts.append(Paragraph(rl_markup(fig.detail, self.ctx.locale), st.para("small", hyphenationLang="")))
        return [(p, p.wrap(tile_w - 2 * PAD, MAX_TILE_H * 4)[1]) for p in parts]

    def _head(self) -> float:
        """From the tile's top to the number's baseline."""
        s = self.ctx.styles.theme.sizes
        return PAD + 2 * MM + s.kicker * 1.6 + s.figure * 0.78

    def _needed(self, fig: KeyFigure, tile_w: float, beside: bool) -> float:
        texts = sum(h + 1 * MM for _, h in self._texts(fig, tile_w))
        foot = CHANGE_ROOM if fig.previous is not None and fig.change != "none" and not beside else PAD / 2
        return self._head() + 4 * MM + texts + foot

    def _tile(self, fig: KeyFigure, words: FigureText, x: float, y: float, tile_w: float) -> None:
        st, s, c = self.ctx.styles, self.ctx.styles.theme.sizes, self.canv
        c.setFillColor(st.colour("tint"))
        c.rect(x, y, tile_w, self.tile_h, stroke=0, fill=1)
        c.setFillColor(st.colour("accent"))
        c.rect(x, y + self.tile_h - 1.5 * MM, 14 * MM, 1.5 * MM, stroke=0, fill=1)
        top = y + self.tile_h - PAD - 2 * MM
        end = " " if tagger_of(c) else ""  # tagged: extractors keep qualifier, number and label apart
        if words.qualifier:
            c.setFont(st.font["bold"], s.kicker)
            c.setFillColor(st.colour("accent"))
            c.drawString(x + PAD, top - s.kicker, self.ctx.locale.typographic(words.qualifier).upper() + end)
        base = y + self.tile_h - self._head()
        self._number(words, x + PAD, base, tile_w - 2 * PAD, end)
        ty = base - 4 * MM
        for p, ph in self._texts(fig, tile_w):
            p.drawOn(c, x + PAD, ty - ph)
            ty -= ph + 1 * MM
        if words.change and self.beside:
            self._change(words, x + tile_w - PAD - self._change_width(words), base)
        elif words.change:
            self._change(words, x + PAD, y + PAD - 1.5 * MM)

    def _number(self, words: FigureText, x: float, base: float, room: float, end: str) -> None:
        """Prefix and number in the heaviest weight; a symbol unit (%, €) as large, a unit in words
        smaller beside it; all of it shrunk to the tile's width where it is long."""
        st, c = self.ctx.styles, self.canv
        font, size = st.font["black"], st.theme.sizes.figure
        big, small, scale, _ = self._number_layout(words, room)
        c.setFillColor(st.colour("primary"))
        c.setFont(font, size * scale)
        c.drawString(x, base, big + ("" if small else end))
        if small:
            c.setFont(st.font["bold"], size * scale * UNIT_SCALE)
            c.drawString(x + stringWidth(big, font, size * scale), base, small + end)

    def _number_layout(self, words: FigureText, room: float) -> tuple[str, str, float, float]:
        """(number with prefix and symbol unit, unit in words, scale, width drawn)."""
        st = self.ctx.styles
        font, size = st.font["black"], st.theme.sizes.figure
        big = words.prefix + words.number
        small = ""
        if words.unit in SYMBOL_UNITS or not words.gap:  # "61,4 %", "£4.1m": one word, one size
            big += words.gap + words.unit
        elif words.unit:
            small = words.gap + words.unit

        def width(scale: float) -> float:
            return stringWidth(big, font, size * scale) + stringWidth(small, st.font["bold"], size * scale * UNIT_SCALE)

        scale = max(MIN_FIGURE_SCALE, min(1.0, room / width(1.0)))
        return big, small, scale, width(scale)

    def _change_width(self, words: FigureText) -> float:
        size = self.ctx.styles.theme.sizes.caption
        line = self.ctx.locale.typographic(words.change.line)
        return size * 0.62 * 1.15 + 1.5 * MM + stringWidth(line, self.ctx.styles.font["bold"], size)

    def _change(self, words: FigureText, x: float, base: float) -> None:
        """'▲ +4,2 % ggü. Vorjahr': arrow, sign and words, so it reads without colour."""
        st, c, change = self.ctx.styles, self.canv, words.change
        size = st.theme.sizes.caption
        colour = st.colour({1: "secondary", -1: "accent"}.get(change.direction, "muted"))
        c.setFillColor(colour)
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
        c.drawString(x + h * 1.15 + 1.5 * MM, base, self.ctx.locale.typographic(change.line))


def tile_text(fig: KeyFigure, locale: Any) -> str:
    """What a tile says, as one sentence for readers who cannot see it: „mehr als 1.000 Thüringer
    erreicht – …; 4,2 % mehr als im Vorjahr“."""
    words = figure_text(fig, locale)
    parts = [locale.typographic(words.qualifier) if words.qualifier else "", words.value,
             locale.typographic(fig.label)]
    text = " ".join(w for w in parts if w)
    if fig.detail:
        text += f" – {locale.typographic(plain(fig.detail))}"
    if words.change:
        text += f"; {locale.typographic(words.change.spoken)}"
    return text


def layout(ctx: LayoutContext, section: KeyFiguresSection, index: int) -> list[Any]:
    story = heading(ctx, section.title, section.kicker, f"{index}-{section.title}")
    if section.intro:
        story.append(Paragraph(rl_markup(section.intro, ctx.locale), ctx.styles.para("lead")))
    story.append(TileGrid(ctx, section.figures))
    return story
