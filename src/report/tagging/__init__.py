"""Tagged PDF for the screen edition (toward PDF/UA-1), on top of reportlab.

reportlab has no tagging API. While the layout draws, a Tagger (one per render, bound to the
canvas of the current pass) wraps content in marked-content sequences with MCIDs
(`/P <</MCID 3>> BDC … EMC`), page furniture in `/Artifact BMC … EMC`, and records the
structure elements in reading order. After the build, `write_structure` turns the record into
StructTreeRoot, ParentTree, MarkInfo, Link OBJRs and PDF/UA metadata with pikepdf.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

# the structure role of a paragraph by its style (else P); the title over a table or chart is its caption
HEADING_ROLES = {"h1": "H1", "h2": "H2", "h3": "H3", "footnote": "Note", "caption": "Caption",
                 "figure_title": "Caption", "toc1": "P"}


@dataclass
class Elem:
    role: str
    parent: int | None
    alt: str | None = None
    attrs: dict[str, str] | None = None  # layout attributes of a table cell, e.g. {"Scope": "Column"}
    kids: list = field(default_factory=list)  # ("elem", i) | ("mcr", page, mcid) | ("objr", page, annot_index)
    bbox: tuple[int, tuple[float, float, float, float]] | None = None  # (page, rect) of its content,
    # in page coordinates (what a link annotation's /Rect uses), whatever the canvas was translated by
    lang: str | None = None  # its language where it is not the document's (a section's own): /Lang
    text: str = ""  # its words (the /ActualText of its marked content), to match a link by what it shows


@dataclass
class LinkMark:
    page: int
    rect: tuple[float, float, float, float]
    elem: int  # the element the Link belongs to
    text: str = ""  # what the link says, for the annotation's /Contents


class Tagger:
    """Records the structure while reportlab draws. Fresh for every pass of multiBuild."""

    def __init__(self, lang: str):
        self.lang = lang
        self.canvas: Any = None
        self.reset(None)

    def reset(self, canvas: Any) -> None:
        self.canvas = canvas
        self.elems: list[Elem] = [Elem("Document", None)]
        self.stack: list[int] = [0]
        self.section: int | None = None
        self.mcids: dict[int, int] = {}
        self.depth = 0  # inside a tagged sequence: nested drawing is part of it
        self.links: list[LinkMark] = []
        # (page, index in the page's /Annots) → the element whose marked content drew the annotation
        # (a link in a paragraph's text: reportlab adds it while the paragraph draws)
        self.annots: dict[tuple[int, int], int] = {}

    # -- structure ------------------------------------------------------------------

    def _new(self, role: str, alt: str | None = None, attrs: dict[str, str] | None = None) -> int:
        self.elems.append(Elem(role, self.stack[-1], alt, attrs))
        idx = len(self.elems) - 1
        self.elems[self.stack[-1]].kids.append(("elem", idx))
        return idx

    def start_section(self, lang: str | None = None) -> None:
        """A new Sect under the Document; what follows belongs to it. `lang`: the section's own
        language, which its elements inherit (ISO 32000-1, 14.9.2)."""
        self.stack = [0]
        self.section = self._new("Sect")
        self.elems[self.section].lang = lang
        self.stack.append(self.section)

    @contextmanager
    def group(self, role: str, alt: str | None = None, lang: str | None = None) -> Iterator[int]:
        """A structure element without content of its own (BlockQuote, TOC, TOCI, Link …); `lang`: its
        language where it is not the document's (a contents line of a section in another language)."""
        idx = self._new(role, alt)
        self.elems[idx].lang = lang
        self.stack.append(idx)
        try:
            yield idx
        finally:
            self.stack.pop()

    @contextmanager
    def within(self, idx: int) -> Iterator[None]:
        """What is drawn inside belongs to an element opened before (a table going on on the next page)."""
        self.stack.append(idx)
        try:
            yield
        finally:
            self.stack.pop()

    @contextmanager
    def content(self, canv: Any, role: str, alt: str | None = None,
                rect: tuple[float, float, float, float] | None = None,
                actual_text: str | None = None, attrs: dict[str, str] | None = None) -> Iterator[int | None]:
        """Content drawn inside becomes a marked-content sequence of a new `role` element.
        Inside another tagged sequence nothing new is opened (nested MCIDs are not allowed)."""
        if self.depth:
            yield None
            return
        page = canv.getPageNumber() - 1
        mcid = self.mcids.get(page, 0)
        self.mcids[page] = mcid + 1
        idx = self._new(role, alt, attrs)
        self.elems[idx].kids.append(("mcr", page, mcid))
        if rect:
            self.elems[idx].bbox = (page, _on_page(canv, rect))
        if actual_text:
            self.elems[idx].text = actual_text
        drawn = _annotations(canv)
        # ActualText gives extraction the real words: line breaks become spaces, hyphens vanish
        actual = f" /ActualText <FEFF{actual_text.encode('utf-16-be').hex().upper()}>" if actual_text else ""
        canv.addLiteral(f"/{role} <</MCID {mcid}{actual}>> BDC")
        self.depth += 1
        try:
            yield idx
        finally:
            self.depth -= 1
            canv.addLiteral("EMC")
            for n in range(drawn, _annotations(canv)):
                self.annots[(page, n)] = idx

    @contextmanager
    def artifact(self, canv: Any) -> Iterator[None]:
        """Page furniture and decoration: not part of the content."""
        canv.addLiteral("/Artifact BMC")
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            canv.addLiteral("EMC")

    @contextmanager
    def nested(self) -> Iterator[None]:
        """What is drawn inside belongs to a tagged sequence opened elsewhere (a form's content, the
        form placed inside one): no sequence of its own."""
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def place(self) -> tuple[int, int]:
        """Where the next element goes: its parent and its index among the parent's kids."""
        parent = self.stack[-1]
        return parent, len(self.elems[parent].kids)

    def move_back(self, since: tuple[int, int], to: tuple[int, int]) -> None:
        """The elements added under one parent from `since` on go to `to`, before those added from
        there to `since`: a figure drawn after the text that follows it is read where it stands in
        the text (see layout.floats)."""
        (parent, start), (other, at) = since, to
        if parent != other or not at <= start <= len(self.elems[parent].kids):
            return  # (another element opened between them: the tree stays as drawn)
        kids = self.elems[parent].kids
        kids[at:] = kids[start:] + kids[at:start]

    def link(self, canv: Any, rect: tuple[float, float, float, float], text: str = "") -> None:
        """A link annotation drawn at `rect` (page coordinates) belongs to the current element."""
        self.links.append(LinkMark(canv.getPageNumber() - 1, rect, self.stack[-1], text))


def _annotations(canv: Any) -> int:
    """How many annotations the current page has so far: reportlab's list becomes the page's /Annots."""
    return len(getattr(canv, "_annotationrefs", ()))


def _on_page(canv: Any, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """`rect` in the current coordinates (a flowable draws translated: a list, a box, the closing
    page) as page coordinates, the way reportlab places a link's /Rect."""
    if not hasattr(canv, "absolutePosition"):
        return rect
    corners = [canv.absolutePosition(x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def tagger_of(canv: Any) -> Tagger | None:
    """The tagger of the document being drawn on this canvas, reset when a new pass begins."""
    template = getattr(canv, "_doctemplate", None)
    tagger = getattr(template, "tagger", None)
    if tagger is not None and tagger.canvas is not canv:
        tagger.reset(canv)
    return tagger


def artifact(canv: Any) -> Any:
    tagger = tagger_of(canv)
    return tagger.artifact(canv) if tagger else nullcontext()


def content(canv: Any, role: str, alt: str | None = None, rect: Any = None, actual_text: str | None = None,
            attrs: dict[str, str] | None = None) -> Any:
    tagger = tagger_of(canv)
    return tagger.content(canv, role, alt, rect, actual_text, attrs) if tagger else nullcontext()


def nested(canv: Any) -> Any:
    tagger = tagger_of(canv)
    return tagger.nested() if tagger else nullcontext()


def group(canv: Any, role: str, alt: str | None = None, lang: str | None = None) -> Any:
    tagger = tagger_of(canv)
    return tagger.group(role, alt, lang) if tagger else nullcontext()


def within(canv: Any, idx: int | None) -> Any:
    tagger = tagger_of(canv)
    return tagger.within(idx) if tagger and idx is not None else nullcontext()


class Shared:
    """The structure elements of a block split between pages (a list, its items, a box), shared by
    its parts: the part drawn first in a render pass opens each element, the parts after it go on
    inside it, so that a list split between pages stays one L, an item one LI (as a table stays one
    Table). A copy (reportlab copies a flowable before a trial split) shares them too."""

    def __init__(self) -> None:
        self.canvas: Any = None
        self.elems: dict[str, int] = {}

    def __deepcopy__(self, memo: dict) -> Shared:
        return self


@contextmanager
def shared_group(canv: Any, shared: Shared, role: str, key: str | None = None,
                 alt: str | None = None) -> Iterator[None]:
    """`group(canv, role, alt)` the first time `shared` is drawn in this render pass; `within` it after.
    `key` (default: the role) tells apart elements of one role (each entry's LBody of a timeline)."""
    tagger = tagger_of(canv)
    if tagger is None:
        yield
        return
    if shared.canvas is not canv:
        shared.canvas, shared.elems = canv, {}
    name = role if key is None else key
    idx = shared.elems.get(name)
    if idx is not None:
        with tagger.within(idx):
            yield
        return
    with tagger.group(role, alt) as idx:
        shared.elems[name] = idx
        yield


def start_section(canv: Any, lang: str | None = None) -> None:
    tagger = tagger_of(canv)
    if tagger:
        tagger.start_section(lang)


class ReadHere:
    """Reading order for a block drawn later than it stands in the text (a figure deferred to the next
    page's top: layout.floats): `here(canv)` where the text reaches it, `drawn_from(canv)` before it is
    drawn, `drawn(canv)` after; its elements then go back to where `here` was, so that a screen reader
    reads the figure where its author put it and the text that runs past it without a break. Marks of
    one render pass (a new pass starts over)."""

    def __init__(self) -> None:
        self.at: tuple[Any, tuple[int, int]] | None = None
        self.since: tuple[Any, tuple[int, int]] | None = None

    def here(self, canv: Any) -> None:
        tagger = tagger_of(canv)
        self.at = (canv, tagger.place()) if tagger else None

    def drawn_from(self, canv: Any) -> None:
        tagger = tagger_of(canv)
        self.since = (canv, tagger.place()) if tagger else None

    def drawn(self, canv: Any) -> None:
        tagger = tagger_of(canv)
        if tagger and self.at and self.since and self.at[0] is canv and self.since[0] is canv:
            tagger.move_back(self.since[1], self.at[1])

    def __deepcopy__(self, memo: dict) -> ReadHere:  # (a trial split copies what holds it: the marks are shared)
        return self
