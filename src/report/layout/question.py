"""Interview questions: bold, ragged, and never at a page foot without the start of their answer."""

from __future__ import annotations

from typing import Any

from ..model import Question
from . import notes
from .context import LayoutContext
from .text import Paragraph, rl_markup


def layout(ctx: LayoutContext, block: Question, indent: float = 0.0) -> list[Any]:
    """A paragraph marked as a head: layout.flow keeps room after it for three lines of the answer
    (and in two columns glues it to the answer's start), as it does under a sub-heading. Tagged P."""
    text = rl_markup(block.text, ctx.locale, note=notes.reference(block.pos.file), refs=ctx.refs)
    para = Paragraph(text, ctx.styles.para("question", leftIndent=indent), source=block.pos, notes=ctx.styles.notes)
    para.head = True
    return [para]
