"""The measure on a wide page: what the portrait grid does with a page much wider than it was made for.

The grid is a margin column (`page.text_offset`: pull quotes' bars, the foreword's portrait, headings
hang into it) and the text column beside it; charts, tables and images span both. On A4 portrait the
text column holds about 82 characters of body text a line. On a wide page (A4 landscape, 16:9) it
would hold 140 and more, which no reader follows from line end to line start: there, where the text
column holds more than the theme's `text.measure`, it is set in two columns (text sections), or as
wide as one of them (the foreword), each at most the measure. A table or the contents, which would
stand a reader's eye 200 mm from a row's label to its figure, are as wide as the margin column and
the first text column where they fit. Nothing changes on a page whose text column keeps to the
measure (A4, Letter, square and A5 portrait at the default measure).
"""

from __future__ import annotations

from typing import Any

from .context import LayoutContext
from .styles import MM
from .text import text_chars


def text_column(ctx: LayoutContext) -> float:
    """The width of the text column beside the margin column, in points."""
    return ctx.text_width - ctx.styles.theme.page.text_offset * MM


def _chars(ctx: LayoutContext, width: float) -> float:
    return text_chars(ctx.styles.para("body"), width)


def measure_width(ctx: LayoutContext) -> float:
    """The theme's measure in points: as wide as its number of characters of body text."""
    return ctx.styles.theme.text.measure * text_column(ctx) / _chars(ctx, text_column(ctx))


def wide(ctx: LayoutContext) -> bool:
    """Whether the text column holds more than the measure, and two columns of running text beside the
    margin column, each at least MIN_COLUMN_CHARS wide."""
    column = text_column(ctx)
    return _chars(ctx, column) > ctx.styles.theme.text.measure and \
        _chars(ctx, (column - _gap(ctx)) / 2) >= MIN_COLUMN_CHARS


# the narrowest of two columns on a wide page (justified from layout.text.MIN_JUSTIFIED_CHARS: A5
# landscape's two columns, 48 of those characters, are set flush left)
MIN_COLUMN_CHARS = 45


def _gap(ctx: LayoutContext) -> float:
    return ctx.styles.theme.text.column_gap * MM


def columns_box(ctx: LayoutContext) -> tuple[float, float]:
    """Where a section's two columns stand: (left edge from the frame's, width of both with their gap).
    On a wide page in the text column, each at most the measure; else over the frame's width."""
    if not wide(ctx):
        return 0.0, ctx.text_width
    width = min(text_column(ctx), 2 * measure_width(ctx) + _gap(ctx))
    return ctx.styles.theme.page.text_offset * MM, width


def column_width(ctx: LayoutContext) -> float:
    """The width of one of a section's two columns."""
    return (columns_box(ctx)[1] - _gap(ctx)) / 2


def letter_width(ctx: LayoutContext) -> float:
    """The width of the foreword's letter, from the margin column: the text column, on a wide page a
    column's width (the letter lines up with the text sections' first column)."""
    return column_width(ctx) if wide(ctx) else text_column(ctx)


def letter_right(ctx: LayoutContext) -> float:
    """The letter's right indent in the frame: none, on a wide page what a column leaves of the text column."""
    return text_column(ctx) - letter_width(ctx) if wide(ctx) else 0.0


def block_width(ctx: LayoutContext) -> float:
    """The width a table or the contents take at most: the frame's, on a wide page the margin column's
    and the first text column's (its right edge where that column's text ends)."""
    if not wide(ctx):
        return ctx.text_width
    left, _ = columns_box(ctx)
    return left + column_width(ctx)


def lead_style(ctx: LayoutContext) -> Any:
    """The lead's style (the contents page's, the key figures' intro): on a wide page as wide as a
    table, not across the frame (at its size, 130 characters a line on A4 landscape)."""
    if not wide(ctx):
        return ctx.styles.para("lead")
    return ctx.styles.para("lead", rightIndent=ctx.text_width - block_width(ctx))
