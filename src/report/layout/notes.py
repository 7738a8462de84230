"""Small print: note blocks (rounding notes, methodology) and footnotes set at the end of their
section. A reference [^n] is a superscript link to its note; each note is tagged Note. Both links, like
the contents' entries, carry no underline on screen (heavy under a superscript)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus import Paragraph as _RLParagraph

from ..model import Note, TextSection
from ..tagging import artifact
from .beside import TextBeside
from .boxes import BoxFlowable
from .context import LayoutContext
from .flow import gaps, split_on, wrap_on
from .heading import slug
from .lists import ListFlowable
from .styles import MM
from .text import Paragraph, rl_markup, rl_plain

INTERNAL = 'underline="0"'  # a link within the document: found by its place, no underline (as the contents)


def note_key(section_file: Any, number: int) -> str:
    stem = getattr(section_file, "stem", "") or ""
    return f"fn-{slug(stem)}-{number}"


def reference(section_file: Any) -> Any:
    """How a footnote reference is set inside a paragraph of the section written in `section_file`."""
    def ref(n: int) -> str:
        key = note_key(section_file, n)
        return f'<a name="ref-{key}"/><super><a href="#{key}" {INTERNAL}>{n}</a></super>'
    return ref


def layout(ctx: LayoutContext, block: Note, indent: float = 0.0) -> list[Any]:
    st = ctx.styles
    text = rl_markup(block.text, ctx.locale, note=reference(block.pos.file), refs=ctx.refs)
    if block.label:  # the colon as the language sets it: "Note :" in French
        text = f"<b>{rl_plain(block.label + ':', ctx.locale)}</b> {text}"
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
        back = f'<a href="#ref-{note_key(section.pos.file, n)}" {INTERNAL}>{n}</a>'  # back to where it is referred to
        out.append(Paragraph(f"{anchor}<super>{back}</super>\u2002{rl_markup(text, ctx.locale, refs=ctx.refs)}", style))
    return out


def with_notes(story: list[Any], notes: list[Any]) -> list[Any]:
    """`story` followed by the section's footnotes, which never start a page alone: they keep the
    end of the section's last paragraph (its last lines go with them), another last block whole,
    join a last chart, table or image in what keeps it together (it moves on with them), or the
    last lines of two columns. A note block right after a chart, image, grid, table or paragraph
    joins it the same way (layout.section)."""
    if not notes or not story:
        return story + notes
    end = len(story)
    while end and isinstance(story[end - 1], Spacer):
        end -= 1
    last = story[end - 1] if end else None
    take = getattr(last, "take_notes", None)  # a chart set lower, a photo set smaller, a table that may break
    if take is not None:  # (kept together by their own rules, which a plain KeepTogether would lose)
        take([*story[end:], *notes])
        return story[:end]
    if isinstance(last, KeepTogether):  # [space, KeepTogether(title, chart, caption …), space]
        return [*story[:end - 1], KeepTogether([*last._content, *story[end:], *notes])]
    if type(last).__name__ == "Columns" and end == len(story):
        last.after = notes  # two columns end higher where the notes need it (layout.columns)
        return story + notes
    if last is None or end < len(story) or type(last).__name__ in ("Columns", "KeepRoom"):
        return story + notes
    if isinstance(last, EndsWith):  # a paragraph and the note after it: the footnotes join the note
        return [*story[:-1], EndsWith(last.last, [*last.notes, *notes])]
    return [*story[:-1], EndsWith(last, notes)]


class EndsWith(Flowable):
    """The last flowable of a section and its footnotes, stacked as a frame would stack them (the
    gap between two is the larger of the space after the one and before the other). Where they do
    not fit together, a paragraph, a list, a box or a timeline splits so that its last lines (entries) go
    with the notes (as it splits at any page foot: a small box not); another block (a quote) goes on with
    them whole, as charts and images move on whole; only where the two are taller than a page do the
    notes follow as they flow."""

    def __init__(self, last: Any, notes: list[Any]):
        super().__init__()
        self.last, self.notes = last, notes
        self.spaceBefore, self.spaceAfter = last.getSpaceBefore(), notes[-1].getSpaceAfter()

    def _items(self) -> list[Any]:
        return [self.last, *self.notes]

    def _heights(self, items: list[Any], aw: float, ah: float) -> list[float]:
        canv = getattr(self, "canv", None)
        return [wrap_on(f, canv, aw, ah)[1] for f in items]

    def _gaps(self) -> list[float]:
        return gaps(self._items())

    def _notes_height(self, aw: float, ah: float) -> float:
        """The notes and the gap above them (the last block is not measured again)."""
        return sum(self._heights(self.notes, aw, ah)) + sum(self._gaps()[1:])

    def footnotes_height(self, aw: float, ah: float) -> float:
        """The section's footnotes among the notes (from their rule on) and the gap above them: small
        print, not lines of text (a note block or signatures before them are not counted)."""
        items = self._items()
        first = next((i for i, f in enumerate(items) if isinstance(f, Rule)), None)
        if first is None:
            return 0.0
        return sum(self._heights(items[first:], aw, ah)) + sum(self._gaps()[first:])

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = sum(self._heights(self._items(), aw, ah)) + sum(self._gaps())
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Any]:
        canv = getattr(self, "canv", None)
        room = ah - self._notes_height(aw, ah)
        if (isinstance(self.last, (_RLParagraph, ListFlowable, BoxFlowable))
                or getattr(self.last, "splits_with_notes", False)) and room > 0:
            parts = split_on(self.last, canv, aw, room)
            if len(parts) == 2:
                return [parts[0], EndsWith(parts[1], self.notes)]
        if isinstance(self.last, TextBeside):  # the image with the text beside it, then the text below it
            parts = split_on(self.last, canv, aw, ah)
            if len(parts) > 1:
                return [*parts[:-1], EndsWith(parts[-1], self.notes)]
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", False):
            return []  # on the next page, together (as a box, chart or image moves on whole)
        return self._items()  # taller than a page together: as they would flow without this

    def draw(self) -> None:
        y = self.height
        heights = self._heights(self._items(), self.width, self.height)
        for item, h, gap in zip(self._items(), heights, self._gaps(), strict=True):
            y -= gap + h
            item.drawOn(self.canv, 0, y)


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
