"""A grid (`- grid: {columns: 2, items: […]}`): charts, images or cards side by side, in rows over the
full width (in a two-column section across both columns), the cells of a row equally wide a column
gap apart and top-aligned. A row is never split; the grid splits between its rows.

A row of charts lines up as a designer sets them: the charts are drawn equally high (the row's
tallest, see charts.GridCell), and their titles, drawings and captions each start at one height
however many lines a title takes. A row of cards likewise: the photos (cropped to 3:2) and then the
titles line up. Images keep their own proportions, shown whole.

Tagged in reading order, row by row: a chart as a single chart is (its title, Figure, data Table,
Caption), an image as Figure and Caption, a card as a Div of its photo's Figure, its title (a P in
bold: a card's title is a label of the card, and as a heading it would skip a level wherever no
sub-heading stands before the grid), its text and note."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, Spacer

from ..assets import shown_size
from ..charts import GridCell, grid_gap, row_cells
from ..model import Grid, GridItem
from ..tagging import group
from . import notes
from .context import LayoutContext
from .flow import gaps
from .photo import fill
from .placed import PlacedImage, chart_parts
from .styles import MM
from .templates import text_frame_height
from .text import Paragraph, rl_markup, rl_plain

CARD_RATIO = 2 / 3  # a card's photo: its height to its width (3:2), the same in every card
PORTRAIT_SHARE = 0.6  # an image in a cell is at most this share of the text frame high (as in the text)
CREDIT_GAP = 1.2 * MM  # between a photo and its credit line
TITLE_GAP = 3 * MM  # between a card's photo (or credit) and its title
NOTE_GAP = 1.5 * MM  # between a card's text and its note
ROW_GAP = 1.5  # between two rows, in lines of body text
MIN_PHOTO, PHOTO_STEP = 0.75, 0.05  # a card's photo is cropped lower, down to this share, to keep its row on a page


class GridRow(Flowable):
    """One row of a grid: each cell a list of bands (each a list of flowables, stacked as a frame
    stacks them). `aligned`: band k starts at one height in every cell (the row's cells are of one
    kind: charts, or cards). A card's cell is drawn inside a Div."""

    moves_whole = True  # at a section's end: text before it goes over with it (layout.pagefill)
    lower: Callable[[float], GridRow] | None = None  # the row with its cards' photos lower (a share of their height)

    def __init__(self, cells: list[list[list[Any]]], cards: list[bool], cell_w: float, gap: float, aligned: bool):
        super().__init__()
        self.cells, self.cards, self.cell_w, self.gap, self.aligned = cells, cards, cell_w, gap, aligned

    def _band(self, band: list[Any], before: Any) -> float:
        """A band's height: its flowables stacked as a frame stacks them (the space between two the
        larger of the one's space after and the other's before), after the band `before` it, if any."""
        total, above = 0.0, before
        for f in band:
            _, h = f.wrap(self.cell_w, 1e6)
            total += h + (max(above.getSpaceAfter(), f.getSpaceBefore()) if above is not None else 0.0)
            above = f
        return total

    def _bands(self, cell: list[list[Any]]) -> list[float]:
        return [self._band(b, cell[k - 1][-1] if k and cell[k - 1] else None) for k, b in enumerate(cell)]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.heights = [self._bands(cell) for cell in self.cells]
        if self.aligned:
            bands = max(len(c) for c in self.heights)
            tallest = [max((c[k] for c in self.heights if k < len(c)), default=0.0) for k in range(bands)]
            self.heights = [tallest[:len(c)] for c in self.heights]
        self.width, self.height = aw, max(sum(c) for c in self.heights)
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        """A row moves on whole (the grid splits between its rows); a row of cards that just misses
        the rest of the page stays with its photos cropped lower, down to MIN_PHOTO of their height,
        rather than leave the page's foot empty (as an image in the text is set smaller)."""
        if self.lower is None:
            return []
        for step in range(1, round((1 - MIN_PHOTO) / PHOTO_STEP) + 1):
            lower = self.lower(1 - step * PHOTO_STEP)
            if lower.wrap(aw, ah)[1] <= ah:
                return [lower]
        return []

    def draw(self) -> None:
        for i, (cell, heights, card) in enumerate(zip(self.cells, self.heights, self.cards, strict=True)):
            x, top = i * (self.cell_w + self.gap), self.height
            with group(self.canv, "Div") if card else nullcontext():
                for k, (band, h) in enumerate(zip(cell, heights, strict=True)):
                    y, above = top, cell[k - 1][-1] if k and cell[k - 1] else None
                    for f in band:
                        _, fh = f.wrap(self.cell_w, 1e6)
                        y -= fh + (max(above.getSpaceAfter(), f.getSpaceBefore()) if above is not None else 0.0)
                        f.drawOn(self.canv, x, y)
                        above = f
                    top -= h


class GridRows(Flowable):
    """The rows of a grid, one under the other. Where they do not all fit the rest of the page, they
    split between rows; but where cropping the photos of every row of cards a little lower (down to
    MIN_PHOTO, alike in every row) keeps them together, they stay: the first row of two alone on a page
    (A4 landscape, 16:9), the second overleaf, left both pages more than half empty."""

    moves_whole = True  # at a section's end: text before it goes over with it (layout.pagefill)

    def __init__(self, rows: list[GridRow]):
        super().__init__()
        self.rows = rows
        self.spaceBefore, self.spaceAfter = rows[0].getSpaceBefore(), rows[-1].getSpaceAfter()

    def _stacked(self, rows: list[GridRow], aw: float, ah: float) -> float:
        return sum(r.wrap(aw, ah)[1] for r in rows) + sum(gaps(rows))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self._stacked(self.rows, aw, ah)
        return aw, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """Under a heading: the first row (see layout.flow)."""
        return self.rows[0].wrap(aw, ah)[1] + self.getSpaceBefore()

    def _each_stays(self, aw: float, ah: float) -> bool:
        """Whether the rows stay on this page as the frame sets them one by one (the last of them
        that just misses set lower by itself: GridRow.split)."""
        room = ah
        for row, gap in zip(self.rows, gaps(self.rows), strict=True):
            room -= gap
            h = row.wrap(aw, room)[1]
            if h > room:
                lower = row.split(aw, room)
                if not lower:
                    return False
                h = lower[0].wrap(aw, room)[1]
            room -= h
        return True

    def split(self, aw: float, ah: float) -> list[Any]:
        rows = list(self.rows)
        if len(rows) > 1 and all(r.lower is not None for r in rows) and not self._each_stays(aw, ah):
            for step in range(1, round((1 - MIN_PHOTO) / PHOTO_STEP) + 1):
                lower = [r.lower(1 - step * PHOTO_STEP) for r in rows]
                if self._stacked(lower, aw, ah) <= ah:
                    return lower
        frame = getattr(self, "_frame", None)
        first = rows[0]
        if frame is not None and not frame._atTop and first.wrap(aw, ah)[1] > ah and not first.split(aw, ah):
            return []  # not even the first row fits here: all of it on the next page
        return rows

    def draw(self) -> None:
        y = self.height
        for row, gap in zip(self.rows, gaps(self.rows), strict=True):
            y -= gap + row.height
            row.drawOn(self.canv, 0, y)


def layout(ctx: LayoutContext, block: Grid) -> list[Any]:
    gap = grid_gap(ctx.styles.theme)
    n = block.columns_in(ctx.text_width, gap)
    cell_w = (ctx.text_width - (n - 1) * gap) / n
    rows = []
    for r, row in enumerate(block.rows(ctx.text_width, gap)):
        drawn = {c.chart_id: c for c in row_cells(ctx.doc.charts, row, ctx.text_width, gap, block, ctx.own_language)}
        rows.append(_row(ctx, row, cell_w, gap, drawn, ctx.styles.theme.sizes.leading * ROW_GAP if r else 0.0))
    return [Spacer(0, 5 * MM), GridRows(rows), Spacer(0, 4 * MM)]


def _row(ctx: LayoutContext, row: list[GridItem], cell_w: float, gap: float, drawn: dict[str, GridCell],
         space: float, scale: float = 1.0) -> GridRow:
    """A row's flowable; a row of cards with its photos at `scale` of their height (see GridRow.split)."""
    kinds = {"chart" if item.chart else "card" if item.card else "image" for item in row}
    flow = GridRow([_cell(ctx, item, cell_w, drawn, scale) for item in row], [item.card for item in row], cell_w,
                   gap, kinds in ({"chart"}, {"card"}))
    flow.spaceBefore = space
    if "card" in kinds and scale == 1.0:
        flow.lower = lambda s: _row(ctx, row, cell_w, gap, drawn, space, s)
    return flow


def _cell(ctx: LayoutContext, item: GridItem, cell_w: float, drawn: dict[str, GridCell],
          scale: float = 1.0) -> list[list[Any]]:
    """The bands of one cell: a chart's title, drawing, caption; an image and its caption; a card's
    photo, then its title, text and note."""
    if item.chart:
        chart = ctx.doc.charts[item.chart]
        parts = chart_parts(ctx, item, chart, ctx.charts[drawn[item.chart].key])
        foot = 3 if chart.caption else 2  # the space under the drawing, the caption, the source line
        return [parts[:1], parts[1:-foot], parts[-foot:]]
    st = ctx.styles
    # a card's few lines are set ragged and break between words ('Kin-|der' in a short line reads badly);
    # only a word wider than the cell is hyphenated
    ragged = {"hyphenationLang": "", "overlongHyphenation": st.hyphenate}
    # the credit right under the caption, as under an image in the text; a little below a photo
    credit = [Paragraph(rl_plain(item.credit, ctx.locale), st.para(
        "source", spaceBefore=0.0 if item.caption else CREDIT_GAP))] if item.credit else []
    if not item.card:
        image = _image(ctx, item, cell_w, None)
        caption = [Paragraph(rl_markup(item.caption, ctx.locale, refs=ctx.refs),
                             st.para("caption", spaceBefore=2 * MM))] if item.caption else []
        return [[image], caption + credit]
    photo = _image(ctx, item, cell_w, cell_w * CARD_RATIO * scale)
    reference = notes.reference(item.pos.file)
    title = Paragraph(rl_plain(item.title, ctx.locale), st.para(
        "h3", spaceBefore=TITLE_GAP, spaceAfter=st.theme.sizes.h3 * 0.3, keepWithNext=0, alignment=TA_LEFT))
    title.role = "P"  # see the module's docstring
    body = [title]
    if item.text:
        body.append(Paragraph(rl_markup(item.text, ctx.locale, note=reference, refs=ctx.refs), st.para(
            "body", alignment=TA_LEFT, spaceAfter=0, **ragged), source=item.field_pos.get("text", item.pos),
            notes=st.notes))
    if item.note:
        body.append(Paragraph(rl_markup(item.note, ctx.locale, note=reference, refs=ctx.refs), st.para(
            "note", text="muted", spaceBefore=NOTE_GAP, **ragged)))
    return [[photo, *credit], body]


def _image(ctx: LayoutContext, item: GridItem, cell_w: float, height: float | None) -> PlacedImage:
    """The image at the cell's width: shown whole (its own proportions; a portrait no taller than
    PORTRAIT_SHARE of the page, then narrower), or, `height` given, cropped to fill it (a card's photo)."""
    at = item.field_pos.get("image", item.pos)
    credited = ctx.credited(item, item.credit) if item.credit else None
    if height is None:
        w_px, h_px = shown_size(item.image)
        width = min(cell_w, text_frame_height(ctx.geometry, ctx.styles.theme.page) * PORTRAIT_SHARE * w_px / h_px)
        img = PlacedImage(None, width, width * h_px / w_px, item.alt, drawn=credited)
        img.image = ctx.prepare_image(item.image, img.width, img.height, at)
        return ctx.anchored(item, img)  # where a cross-reference to its id: points
    return ctx.anchored(item, Photo(ctx, item, cell_w, height, credited))


class Photo(PlacedImage):
    """A card's photo, cropped to fill its box around its focus (default: its centre), as a page photo
    fills its page. Prepared by the edition when first drawn: a row that tries lower photos to fit
    its page (GridRow.split) converts only the one it draws."""

    def __init__(self, ctx: LayoutContext, item: GridItem, width: float, height: float, drawn: Any):
        super().__init__(None, width, height, item.alt, drawn=drawn)
        self.ctx, self.item = ctx, item

    def draw(self) -> None:
        if self.image is None:
            w, h, item = self.width, self.height, self.item
            x, y, iw, ih = fill(item.image, w, h, item.focus)
            crop = None if (iw, ih) == (w, h) else (-x / iw, 1 - (h - y) / ih, (w - x) / iw, 1 + y / ih)
            self.image = self.ctx.prepare_image(item.image, iw, ih, item.field_pos.get("image", item.pos), crop=crop)
        super().draw()
