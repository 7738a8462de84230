"""The key-figures page: designed tiles, each with qualifier, number, label and detail."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ..errors import Diagnostics
from ..markup import plain
from ..model import KeyFigure, KeyFiguresSection
from ..tagging import content, tagger_of
from .context import LayoutContext
from .heading import heading
from .styles import MM
from .templates import text_frame_height
from .text import Paragraph, rl_markup, rl_plain

COLUMNS = 2
MIN_TILE_H = 38 * MM
MAX_TILE_H = 50 * MM
PAD = 6 * MM  # inside a tile, left, right and top


class TileGrid(Flowable):
    """Tiles in a grid; splits between rows when a page is full."""

    def __init__(self, ctx: LayoutContext, figures: list[KeyFigure], needed: list[float] | None = None):
        super().__init__()
        self.ctx, self.figures = ctx, figures
        self.gap = ctx.styles.theme.page.tile_gap * MM
        self.needed = needed or [0.0] * len(figures)

    @property
    def rows(self) -> int:
        return -(-len(self.figures) // COLUMNS)

    def _tile_h(self, ah: float) -> float:
        room = (ah - self.gap * (self.rows - 1)) / self.rows
        k = self.ctx.styles.scale  # tiles scale with the page; their texts' sizes do not (A5)
        return max(MIN_TILE_H * k, max(self.needed, default=0.0), min(MAX_TILE_H * k, room))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.tile_h = self._tile_h(ah)
        self.height = self.rows * self.tile_h + (self.rows - 1) * self.gap
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        fit = int((ah + self.gap) // (max(MIN_TILE_H * self.ctx.styles.scale, *self.needed) + self.gap))
        if fit < 1 or fit >= self.rows:
            return []
        n = fit * COLUMNS
        return [TileGrid(self.ctx, self.figures[:n], self.needed[:n]),
                TileGrid(self.ctx, self.figures[n:], self.needed[n:])]

    def draw(self) -> None:
        tile_w = (self.width - self.gap * (COLUMNS - 1)) / COLUMNS
        pad = PAD
        for i, fig in enumerate(self.figures):
            row, col = divmod(i, COLUMNS)
            x = col * (tile_w + self.gap)
            y = self.height - (row + 1) * self.tile_h - row * self.gap
            c = self.canv
            with content(c, "Figure", alt=tile_text(fig, self.ctx.locale)):
                self._tile(fig, x, y, tile_w, pad)

    def _tile(self, fig: KeyFigure, x: float, y: float, tile_w: float, pad: float) -> None:
        st, s, c = self.ctx.styles, self.ctx.styles.theme.sizes, self.canv
        c.setFillColor(st.colour("tint"))
        c.rect(x, y, tile_w, self.tile_h, stroke=0, fill=1)
        c.setFillColor(st.colour("accent"))
        c.rect(x, y + self.tile_h - 1.5 * MM, 14 * MM, 1.5 * MM, stroke=0, fill=1)
        top = y + self.tile_h - pad - 2 * MM
        end = " " if tagger_of(c) else ""  # tagged: extractors keep qualifier, number and label apart
        if fig.qualifier:
            c.setFont(st.font["bold"], s.kicker)
            c.setFillColor(st.colour("accent"))
            c.drawString(x + pad, top - s.kicker, self.ctx.locale.typographic(fig.qualifier).upper() + end)
        c.setFont(st.font["black"], s.figure)
        c.setFillColor(st.colour("primary"))
        base = top - s.kicker * 1.6 - s.figure * 0.78
        c.drawString(x + pad, base, self.ctx.locale.number(fig.value) + end)
        ty = base - 4 * MM
        for p in _texts(self.ctx, fig):
            _, ph = p.wrap(tile_w - 2 * pad, self.tile_h)
            p.drawOn(c, x + pad, ty - ph)
            ty -= ph + 1 * MM


def _label_style(st: Any, label: str, width: float) -> Any:
    """A tile's label; hyphenated where a word is wider than the tile (a long compound such as
    "Informationsveranstaltungen" on a small page), which would otherwise be cut anywhere."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    s = st.theme.sizes
    size = s.body + 1
    too_wide = any(stringWidth(word, st.font["bold"], size) > width for word in label.split())
    return st.para("h2", spaceBefore=0, fontSize=size, leading=size * 1.25,
                   **({"hyphenationLang": st.hyphenate} if too_wide else {}))


def _texts(ctx: LayoutContext, fig: KeyFigure) -> list[Paragraph]:
    """Label and detail of a tile (set in _tile, measured in _needed_height)."""
    st, gap = ctx.styles, ctx.styles.theme.page.tile_gap * MM
    inner = (ctx.text_width - gap * (COLUMNS - 1)) / COLUMNS - 2 * PAD
    parts = [Paragraph(rl_plain(fig.label, ctx.locale), _label_style(st, fig.label, inner))]
    if fig.detail:
        parts.append(Paragraph(rl_markup(fig.detail, ctx.locale), st.para("small", hyphenationLang="")))
    return parts


def _needed_height(ctx: LayoutContext, fig: KeyFigure) -> float:
    """The tile height a figure's texts take, measured with their fonts at the tile's width (the
    drawing's own arithmetic in _tile, plus a bottom margin of half the padding)."""
    s, gap = ctx.styles.theme.sizes, ctx.styles.theme.page.tile_gap * MM
    tile_w = (ctx.text_width - gap * (COLUMNS - 1)) / COLUMNS
    above = PAD + 2 * MM + s.kicker * 1.6 + s.figure * 0.78 + 4 * MM
    texts = sum(p.wrap(tile_w - 2 * PAD, ctx.geometry.trim_h)[1] + 1 * MM for p in _texts(ctx, fig))
    return above + texts + PAD / 2


def check_tiles(ctx: LayoutContext, figures: list[KeyFigure]) -> list[float]:
    """Each figure's needed height: the tiles grow to hold their texts (all tiles of a grid alike). Only
    a figure whose texts would not fit on a page is an error, at its label or detail."""
    diag = Diagnostics()
    needed = [_needed_height(ctx, fig) for fig in figures]
    most = text_frame_height(ctx.geometry, ctx.styles.theme.page) / 2
    for fig, need in zip(figures, needed, strict=True):
        if need > most:
            name = "detail" if fig.detail else "label"
            diag.error(fig.field_pos.get(name) or fig.pos,
                       f"key figure {ctx.locale.number(fig.value)}: label and detail need {need / MM:.0f} mm, "
                       f"a tile has at most {most / MM:.0f} mm",
                       f"shorten the {name}; long words take a line of their own (it is measured, not counted)")
    diag.raise_if_errors()
    return needed


def tile_text(fig: KeyFigure, locale: Any) -> str:
    """What a tile says, as one sentence for readers who cannot see it: „mehr als 1.000 Thüringer erreicht“."""
    words = [locale.typographic(fig.qualifier) if fig.qualifier else "", locale.number(fig.value),
             locale.typographic(fig.label)]
    text = " ".join(w for w in words if w)
    return f"{text} – {locale.typographic(plain(fig.detail))}" if fig.detail else text


def layout(ctx: LayoutContext, section: KeyFiguresSection, index: int) -> list[Any]:
    story = heading(ctx, section.title, section.kicker, f"{index}-{section.title}")
    if section.intro:
        story.append(Paragraph(rl_markup(section.intro, ctx.locale), ctx.styles.para("lead")))
    story.append(TileGrid(ctx, section.figures, check_tiles(ctx, section.figures)))
    return story
