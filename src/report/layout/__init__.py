"""Layout: the document → a fresh list of flowables for one edition.

One module per content kind; SECTION_LAYOUTS is the registry that a new section
kind adds one line to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak

from ..model import ForewordSection, KeyFiguresSection, TextSection
from . import closing, contents, cover, floats, foreword, keyfigures, pagefill, section
from .context import LayoutContext, in_language
from .padding import PadPages
from .templates import with_source

SECTION_LAYOUTS: dict[type, Callable[[LayoutContext, Any, int], list[Any]]] = {
    TextSection: section.layout,
    KeyFiguresSection: keyfigures.layout,
    ForewordSection: foreword.layout,
}
FLOWING = (TextSection,)  # kinds that may continue below the previous section; the others keep their own pages
SECTION_GAP = 16  # mm between a continued section and the one before


def build_story(ctx: LayoutContext) -> list[Any]:
    """A new story on every call: reportlab flowables are stateful and must not be reused."""
    story: list[Any] = [*([ctx.refs] if ctx.refs is not None else [])]
    if ctx.covers:
        story += [NextPageTemplate("cover"), *cover.layout(ctx), NextPageTemplate(["left", "right"]), PageBreak()]
    else:  # the text block alone: the contents on its first page (a right-hand page, see render)
        story += [NextPageTemplate(["left", "right"])]
    story += contents.layout(ctx)
    previous = None
    sections = ctx.doc.sections
    languages: dict[str, str] = {}  # a contents line's key → its section's language, where not the document's
    for index, sec in enumerate(sections, start=1):
        flow = with_source(SECTION_LAYOUTS[type(sec)](in_language(ctx, sec.language), sec, index), sec.pos)
        if sec.language and sec.language != ctx.doc.report.language:
            languages.update({f.toc_entry[2]: sec.language for f in flow
                              if getattr(f, "toc_entry", None) and f.toc_entry[2]})
        if (title := next((f for f in flow if getattr(f, "toc_entry", None)), None)) is not None:
            # where a cross-reference to the section points: its title, or the page photo that opens it
            ctx.anchored(sec, getattr(title, "opened_by", None) or title)
        following = sections[index] if index < len(sections) else None
        flow = pagefill.marked(ctx, index, flow, following is None or not _continues(ctx, following, sec))
        flow = floats.defer(flow, ctx.styles.theme.sizes.leading)  # (its text's end as pagefill set it)
        if _continues(ctx, sec, previous):
            first = next(f for f in flow if getattr(f, "head", False))
            first.style = first.style.clone(first.style.name, spaceBefore=SECTION_GAP * 72 / 25.4)
            story += flow  # its heading keeps room for the start of its text (layout.flow.KeepRoom)
        else:
            story += [PageBreak(), *flow]
        previous = sec
    story.append(PadPages(ctx))
    if ctx.covers:
        story += [NextPageTemplate("back"), PageBreak(), *closing.layout(ctx)]
    entries = [f.toc_entry for f in story if getattr(f, "toc_entry", None)]
    for toc in (f for f in story if isinstance(f, contents.Contents)):
        toc.languages = languages
        toc.expect(entries)
    return story


def _continues(ctx: LayoutContext, sec: Any, previous: Any) -> bool:
    """A text section after a text section starts below it unless it (or the theme) asks for a new page."""
    if not isinstance(sec, FLOWING) or not isinstance(previous, FLOWING):
        return False
    return (sec.page or ctx.styles.theme.text.section_page) == "continue"
