"""Section headings (kicker and title) and sub-headings inside a section: kept with what follows
(see layout.flow), feeding outline and contents."""

from __future__ import annotations

import re
from typing import Any

from ..model import Heading
from .context import LayoutContext
from .text import Paragraph, rl_plain, rl_plain_upper


def heading(ctx: LayoutContext, title: str, kicker: str | None, key_hint: str, colour: str | None = None) -> list[Any]:
    """`colour`: the theme colour of the title, where it is not h1's own (the back page: paper)."""
    st = ctx.styles
    out: list[Any] = []
    if kicker:
        out.append(Paragraph(rl_plain_upper(kicker, ctx.locale), st.para("kicker")))
    h1 = Paragraph(rl_plain(title, ctx.locale), st.para("h1", text=colour))
    h1.toc_entry = (0, ctx.locale.typographic(title), "sec-" + slug(key_hint))
    out.append(h1)
    out[0].starts_section = True  # the tagged structure opens a Sect here
    out[0].section_language = ctx.own_language  # … in the section's own language, if it has one
    for part in out:
        part.head = True  # layout.flow keeps room for what follows
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class SubHeading(Paragraph):
    """A heading inside a section: tagged H2/H3 by its style, a bookmark one level under its section
    (and a contents line if the theme lists that level). The outline entry is made when it is drawn,
    so it works inside columns and boxes too, where the document template never sees the flowable."""

    def __init__(self, text: str, style: Any, outline_level: int, plain: str, key: str):
        super().__init__(text, style)
        self.outline_level, self.plain, self.key = outline_level, plain, key
        self.head = True
        self.listed = True  # in the contents (not a heading inside a box: an aside's; it is bookmarked)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        super().drawOn(canvas, x, y, _sW)
        canvas.bookmarkHorizontal(self.key, x, y + self.height)
        # a level-3 heading without a level-2 one before it in its section goes one level up, and so do
        # the level-3 headings after it (else each nested under the one before): an outline cannot skip
        # a level
        current = canvas._doc.outline.currentlevel
        if current == 0:  # the section's bookmark came last
            canvas._report_level_2 = False
        level = self.outline_level if getattr(canvas, "_report_level_2", False) else 1
        level = min(level, current + 1)
        if self.outline_level == 1:
            canvas._report_level_2 = True
        canvas.addOutlineEntry(self.plain, self.key, level=level, closed=False)
        doc = getattr(canvas, "_doctemplate", None)
        if doc is not None and self.listed:
            doc.notify("TOCEntry", (level, self.plain, doc.page, self.key))


def subheading(ctx: LayoutContext, block: Heading, outline_level: int, indent: float = 0) -> list[Any]:
    """`outline_level` is 1 under the section's bookmark, 2 under a level-2 sub-heading."""
    style = ctx.styles.para("h2" if block.level == 2 else "h3", leftIndent=indent)
    key = f"h-{slug(str(block.pos.file.stem if block.pos.file else ''))}-{block.pos.line}-{slug(block.text)[:40]}"
    return [ctx.anchored(block, SubHeading(rl_plain(block.text, ctx.locale), style, outline_level,
                                           ctx.locale.typographic(block.text), key))]
