"""The contents page: the lead, then the table of contents with page numbers and links."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from .context import LayoutContext
from .styles import MM
from .text import Paragraph, rl_markup, rl_plain


def layout(ctx: LayoutContext) -> list[Any]:
    st, rep = ctx.styles, ctx.doc.report
    # the table's own cell font would otherwise pull in an unembedded Helvetica
    toc = TableOfContents(dotsMinLevel=-1, tableStyle=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.font["regular"]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    toc.levelStyles = [st.para("toc1")]
    kicker = Paragraph(rl_plain(rep.subtitle or str(rep.year), ctx.locale), st.para("kicker"))
    kicker.outline_entry = (ctx.locale.label("contents"), "contents")
    return [
        kicker,
        Paragraph(rl_plain(rep.title, ctx.locale), st.para("h1")),
        Paragraph(rl_markup(rep.lead, ctx.locale), st.para("lead")),
        Spacer(0, 14 * MM),
        Paragraph(rl_plain(ctx.locale.label("contents"), ctx.locale).upper(), st.para("kicker")),
        toc,
    ]
