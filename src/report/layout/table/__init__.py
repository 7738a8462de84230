"""A data table: title, table, notes, caption and source, laid out like a chart.

The table is one designed flowable (`DataTable`, datatable.py) that takes plain, already formatted
data (`TableData`, data.py): the model and the number formatting stay outside, so the layout can be
tested alone. Its columns are as wide as a typesetter would set them (widths.py), its cells' text is
measured and aligned by cells.py, and it breaks across pages where breaks.py allows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.platypus import Spacer

from ...errors import Diagnostic, ReportError
from ...model import Table
from ...model.tables import MARKS
from ..context import LayoutContext
from ..flow import HeadWith
from ..measure import block_width
from ..styles import MM
from ..templates import text_frame_height
from ..text import Paragraph, rl_markup, rl_plain
from .breaks import KeptTable, stacked
from .cells import SHY, Setup
from .data import Cell, Column, Row, TableData, table_data
from .datatable import DataTable, TableTitle
from .widths import TooWide, broken_rows, column_widths, natural_width, set_table

__all__ = ["Cell", "Column", "DataTable", "KeptTable", "Row", "TableData", "TooWide", "broken_rows", "column_widths",
           "layout", "set_table", "table_data"]

MIN_TABLE_PT = 7.0  # the smallest a wide table is set (its sources and notes are smaller still)
BROKEN_ROWS = 1 / 3  # a table with more of its rows on two lines or more is set smaller where fewer break


def _sizes(designed: float) -> list[float]:
    """The designed table size, then half points smaller down to MIN_TABLE_PT."""
    out = [designed]
    while out[-1] - 0.5 >= MIN_TABLE_PT - 0.001:
        out.append(round(out[-1] - 0.5, 2))
    return out


def table_width(ctx: LayoutContext, data: TableData) -> float:
    """The width a table is set in: the frame's; on a wide page (layout.measure) the margin column's and
    the first text column's, where its entries fit there each on one line at the designed size (across
    the frame its row labels would stand 200 mm from their figures)."""
    narrow = block_width(ctx)
    if narrow >= ctx.text_width:
        return ctx.text_width
    return narrow if natural_width(data, Setup(ctx.styles), narrow) <= narrow else ctx.text_width


def _setting(block: Table, data: TableData, st: Any, width: float, designed: float,
             language: str) -> tuple[TableData, list[float]]:
    """The table as set: at the largest size from the designed one down to MIN_TABLE_PT at which it
    fits with its headings' words whole (and its rows break least); where it fits at none, its
    headings break inside words ('Abschrei-' / 'bungen', '31.12.' / '2026'), as a dense table's are
    set, again from the designed size down; where it fits even so at none, an error naming the cause."""
    setting = None
    for breaking in (False, True):
        for size in _sizes(designed):  # a wide table is set smaller, down to MIN_TABLE_PT, before it is refused
            try:
                tried = set_table(replace(data, size=size if size != designed else 0.0, gutter=0.0,
                                          break_headings=breaking), st, width)
            except TooWide as err:
                if size > MIN_TABLE_PT or setting or not breaking:
                    continue
                raise _too_wide(block, err, size, language) from None
            # one whose rows would break by the dozen is set smaller too, where that keeps them whole
            if broken_rows(tried[0], st, tried[1]) <= len(block.table) * BROKEN_ROWS:
                return tried
            setting = setting or tried
        if setting:
            return setting
    raise AssertionError("unreachable: the last size either fits or raises")


def _too_wide(block: Table, err: TooWide, size: float, language: str) -> ReportError:
    """The error for a table too wide even at MIN_TABLE_PT with its headings broken, naming its
    cause: the columns its headings make wider than their entries (where narrower headings would
    let it fit), else its widest column."""
    over = err.needed - err.available
    headed = [i for i, extra in enumerate(err.headed) if extra > 0.5 * MM]
    said = f"table '{block.title}' is {err.needed / MM:.0f} mm wide at {size:g} pt but the text column has " \
           f"{err.available / MM:.0f} mm"
    if headed and sum(err.headed[i] for i in headed) >= over:
        names = ", ".join(f"'{block.columns[i].name.replace(SHY, '')}' (+{err.headed[i] / MM:.0f} mm)"
                          for i in headed)
        which = "its heading makes a column" if len(headed) == 1 else "their headings make columns"
        example = "Abschrei\\u00adbungen" if language.startswith("de") else "depre\\u00adciation"
        return ReportError([Diagnostic(
            f"{said}; {which} wider than {'its' if len(headed) == 1 else 'their'} numbers: {names}",
            block.columns[headed[0]].pos,
            "shorten those headings (a date as 31.12., a year once in the title), mark where a long word may "
            f"break with a soft hyphen (U+00AD, in YAML \"{example}\"), or use fewer columns")])
    numbers = [i for i, c in enumerate(block.columns) if c.numeric]
    unit = "TEUR or Mio. € instead of EUR" if language.startswith("de") else "£000 or £m instead of pounds"
    if not numbers:
        col = block.columns[err.column]
        return ReportError([Diagnostic(
            f"{said}; its widest column is '{col.name}' ({err.widths[err.column] / MM:.0f} mm)",
            col.pos, "use fewer columns, or shorter words in the widest")])
    entries = [err.widths[i] - err.headed[i] for i in numbers]
    widest = numbers[max(range(len(numbers)), key=lambda k: entries[k])]
    also = ""
    if headed:
        names = ", ".join(f"'{block.columns[i].name.replace(SHY, '')}'" for i in headed)
        also = f", and the heading{'s' if len(headed) > 1 else ''} of {names} make{'' if len(headed) > 1 else 's'} " \
               f"{'them' if len(headed) > 1 else 'it'} wider still"
    return ReportError([Diagnostic(
        f"{said}; the numbers of its {len(numbers)} number column{'s' if len(numbers) > 1 else ''} alone need "
        f"{sum(entries) / MM:.0f} mm (the widest, '{block.columns[widest].name.replace(SHY, '')}': "
        f"{max(entries) / MM:.0f} mm){also}",
        block.columns[widest].pos, f"use fewer columns, units (e.g. {unit}), or fewer decimals")])


def layout(ctx: LayoutContext, block: Table) -> list[Any]:
    """Title, table, notes, caption and source, like a chart."""
    st, loc = ctx.styles, ctx.locale
    data = table_data(block, loc)
    designed = Setup(st).size
    width = table_width(ctx, data)
    setting = _setting(block, data, st, width, designed, loc.language)
    data, widths = setting
    # under the table as under a chart: caption, then the notes on its cells, then the source
    after = []
    if block.caption:
        after.append(Paragraph(rl_markup(block.caption, loc, refs=ctx.refs), st.para("caption")))
    for n, note in enumerate(block.notes, start=1):
        after.append(Paragraph(f"{MARKS[n - 1]}\u00a0{rl_markup(note.text, loc, refs=ctx.refs)}", st.para("source")))
    if block.rounding_note:
        after.append(Paragraph(rl_plain(block.rounding_note, loc), st.para("source")))
    if block.source:
        after.append(Paragraph(rl_plain(block.source, loc), st.para("source")))
    for p in after if width < ctx.text_width else []:  # as wide as the table they stand under
        p.style = p.style.clone(p.style.name, rightIndent=ctx.text_width - width)
    table = DataTable(data, st, widths)
    title = ctx.anchored(block, TableTitle(rl_plain(block.title, loc), st.para("figure_title"), table=table))
    parts = [title, table, Spacer(0, 2 * MM), *after]
    frame_h = text_frame_height(ctx.geometry, st.theme.page)
    if stacked(parts, ctx.text_width, frame_h) <= frame_h:
        # kept together like a chart: moves on whole when the rest of the page is too short, unless
        # most of its rows fit there
        return [Spacer(0, 5 * MM), KeptTable(parts, whole=block.place == "here"), Spacer(0, 4 * MM)]
    # longer than a page: it splits anyway, its header repeated, so it starts on this page where its
    # title, header and first rows fit (moved on whole it would leave this page nearly empty)
    return [Spacer(0, 5 * MM), HeadWith([title], table), *parts[2:], Spacer(0, 4 * MM)]
