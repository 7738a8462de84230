"""The closing page: contact and imprint from content, with the image credits."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from .context import LayoutContext
from .heading import heading
from .styles import MM
from .text import Paragraph, rl_link, rl_plain


def layout(ctx: LayoutContext) -> list[Any]:
    st, loc, rep = ctx.styles, ctx.locale, ctx.doc.report
    contact = rep.contact
    story = heading(ctx, contact.heading, None, "closing")
    story.append(Paragraph(rl_plain(contact.publisher, loc), st.para("h2", spaceBefore=0)))
    for line in contact.lines:
        story.append(Paragraph(rl_plain(line, loc), st.para("body", alignment=0, spaceAfter=0)))
    story.append(Spacer(0, 6 * MM))
    if contact.email:
        story.append(Paragraph(f"{rl_plain(loc.label('email'), loc)}: "
                               + rl_link(contact.email, f"mailto:{contact.email}", loc), st.para("small")))
    if contact.web:
        story.append(Paragraph(f"{rl_plain(loc.label('web'), loc)}: "
                               + rl_link(contact.web, contact.web, loc), st.para("small")))
    story.append(Spacer(0, 10 * MM))
    story.append(Paragraph(rl_plain(loc.label("image_credit"), loc).upper(), st.para("kicker")))
    story.append(Paragraph(f"{rl_plain(loc.label('cover'), loc)}: {rl_plain(rep.cover.credit, loc)}",
                           st.para("small")))
    return story
