"""Layout: the document → a fresh list of flowables for one edition.

One module per content kind; SECTION_LAYOUTS is the registry that a new section
kind adds one line to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak

from ..model import KeyFiguresSection, TextSection
from . import closing, contents, cover, keyfigures, section
from .context import LayoutContext
from .padding import PadPages
from .templates import with_source

SECTION_LAYOUTS: dict[type, Callable[[LayoutContext, Any, int], list[Any]]] = {
    TextSection: section.layout,
    KeyFiguresSection: keyfigures.layout,
}


def build_story(ctx: LayoutContext) -> list[Any]:
    """A new story on every call: reportlab flowables are stateful and must not be reused."""
    story: list[Any] = [NextPageTemplate("cover"), *cover.layout(ctx),
                        NextPageTemplate(["left", "right"]), PageBreak(), *contents.layout(ctx)]
    for index, sec in enumerate(ctx.doc.sections, start=1):
        story += [PageBreak(), *with_source(SECTION_LAYOUTS[type(sec)](ctx, sec, index), sec.pos)]
    story += [PadPages(ctx), NextPageTemplate("back"), PageBreak(), *closing.layout(ctx)]
    return story
