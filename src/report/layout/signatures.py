"""A text's signatures: the place and date, then the signers' signatures, names and roles side by
side as under a foreword's letter (foreword.signature_row), kept together — a management report
signed by the board, an auditor's opinion. Their signatures are artifacts (the names are printed);
names and roles are read in the order of the list."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT

from ..model import Signatures
from .columnfigure import Stack
from .context import LayoutContext
from .foreword import signature_row
from .measure import column_width, text_column
from .styles import MM
from .templates import text_frame_height
from .text import Paragraph, rl_plain

PLACE_GAP = 2 * MM  # between the place and date and the signatures under it


def layout(ctx: LayoutContext, block: Signatures, indent: float) -> list[Any]:
    """`indent`: the text column's edge (0 in a column of a two-column section)."""
    st = ctx.styles
    width = column_width(ctx) if ctx.column_x is not None else text_column(ctx)
    row = signature_row(ctx, block.signatories, indent, width)
    parts: list[Any] = []
    if block.place:
        parts.append(Paragraph(rl_plain(block.place, ctx.locale),
                               st.para("body", leftIndent=indent, alignment=TA_LEFT, spaceAfter=PLACE_GAP)))
    parts.append(row)
    kept = Stack(parts, text_frame_height(ctx.geometry, st.theme.page), whole=True)  # moves on whole
    kept.spaceBefore = st.theme.sizes.leading  # a line's room above them, as under a letter
    return [kept]
