"""Small print: note blocks (rounding notes, methodology) and footnotes set at the end of their
section. A reference [^n] is a superscript link to its note; each note is tagged Note."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ..model import Note, TextSection
from ..tagging import artifact
from .context import LayoutContext
from .heading import slug
from .styles import MM
from .text import Paragraph, rl_markup, rl_plain


def note_key(section_file: Any, number: int) -> str:
    stem = getattr(section_file, "stem", "") or ""
    return f"fn-{slug(stem)}-{number}"


def reference(section_file: Any) -> Any:
    """How a footnote reference is set inside a paragraph of the section written in `section_file`."""
    def ref(n: int) -> str:
        key = note_key(section_file, n)
        return f'<a name="ref-{key}"/><super><a href="#{key}">{n}</a></super>'
    return ref


def layout(ctx: LayoutContext, block: Note, indent: float = 0.0) -> list[Any]:
    st = ctx.styles
    text = rl_markup(block.text, ctx.locale, note=reference(block.pos.file))
    if block.label:
        text = f"<b>{rl_plain(block.label, ctx.locale)}:</b> {text}"
    return [Paragraph(text, st.para("note", leftIndent=indent))]


def footnotes(ctx: LayoutContext, section: TextSection, indent: float = 0.0) -> list[Any]:
    """The section's footnotes, after a short rule, each a tagged Note that its references link to."""
    if not section.footnotes:
        return []
    st = ctx.styles
    style = st.para("footnote", leftIndent=indent + 4 * MM, firstLineIndent=-4 * MM)
    out: list[Any] = [Rule(indent, st.colour("rule"))]
    for n, text in enumerate(section.footnotes, start=1):
        anchor = f'<a name="{note_key(section.pos.file, n)}"/>'
        back = f'<a href="#ref-{note_key(section.pos.file, n)}">{n}</a>'  # back to where it is referred to
        out.append(Paragraph(f"{anchor}<super>{back}</super>\u2002{rl_markup(text, ctx.locale)}", style))
    return out


class Rule(Flowable):
    """A short hairline above the footnotes: decoration, an artifact."""

    def __init__(self, indent: float, colour: Any):
        super().__init__()
        self.indent, self.colour = indent, colour
        self.spaceBefore, self.spaceAfter = 3 * MM, 1.5 * MM

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, 0.5
        return aw, 0.5

    def draw(self) -> None:
        with artifact(self.canv):
            self.canv.setStrokeColor(self.colour)
            self.canv.setLineWidth(0.5)
            self.canv.line(self.indent, 0, self.indent + 30 * MM, 0)
