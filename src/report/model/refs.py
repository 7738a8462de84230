"""Cross-references: a text names a place in the report, `[S. {page}](#finanzen)`, and prints the page
that place is on (the layout finds it; see layout.refs).

The places a text may name: a section, by its file name without the number in front (07-finanzen.yaml
is #finanzen; #07-finanzen names it too) or by the `id:` it is given instead; a sub-heading, table,
image or grid's item (chart, image, card) by its `id:`; a chart by its name (its file in charts/). An
id written twice is an error where it is written; two places that share a name only by their file
names are an error only where a reference names them. Errors point at the reference's `#` in the file
(line and column), found in the file's text from the position of the value it stands in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import markup
from ..errors import Diagnostics, Pos
from .blocks import Box, ChartRef, Figure, Grid, Heading
from .document import Report
from .reader import Markup, Node, ReadContext, closest
from .sections import KeyFigure, TextSection
from .tables import Table

ID = re.compile(r"[\w-]+")  # what an id may hold: a reference's (#…) ends at a space or bracket
_NUMBER = re.compile(r"\d+[-_. ]*(?=[^\W\d_])")  # the number in front of a file name: 07-finanzen
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# where a reference cannot stand: texts that are also read where there are no pages
NO_PAGES = {
    (Report, "lead"): ("the lead, which is also the PDF's description and the newsletter's text",
                       "move the reference into a section's text"),
    (KeyFigure, "detail"): ("a key figure's detail, which the screen edition also reads out with the figure",
                            "move the reference into the section's intro or a text section"),
}
SHOWN_KNOWN = 12  # ids a hint lists where none is close to the unknown one


@dataclass(frozen=True)
class Target:
    """A place a reference may name: `node` is the section or block (a chart's block) laid out there."""

    id: str
    kind: str  # section, heading, chart, table, image or card
    what: str  # for messages: "the section 'Finanzen' (sections/07-finanzen.yaml)"
    node: Any = field(compare=False, repr=False)
    pos: Pos = Pos()
    written: bool = True  # an id: the author wrote (else a name from a file)


@dataclass
class CrossRefs:
    """What the layout needs: the places named by a reference (by id), and every reference."""

    targets: dict[str, Target] = field(default_factory=dict)
    uses: list[tuple[str, Pos]] = field(default_factory=list)  # (target id, where the reference is written)


def targets(sections: list[Any]) -> list[Target]:
    """Every place a reference may name, in reading order (a name given twice: twice)."""
    out: list[Target] = []
    for sec in sections:
        file = sec.pos.file
        title = getattr(sec, "title", "")
        what = f"the section '{title}' ({file})"
        if sec.id is not None:
            out.append(Target(sec.id, "section", what, sec, sec.field_pos.get("id", sec.pos)))
        else:
            out += [Target(name, "section", what, sec, sec.pos, written=False) for name in _file_names(file)]
        if isinstance(sec, TextSection):
            out += _block_targets(sec.blocks)
    return out


def _file_names(file: Any) -> list[str]:
    """The names a section's file gives it: without the number in front, and whole (07-finanzen.yaml:
    finanzen, 07-finanzen)."""
    if file is None:
        return []
    stem = Path(file).stem
    names = [_NUMBER.sub("", stem, count=1) if _NUMBER.match(stem) else stem, stem]
    return [name for name in dict.fromkeys(names) if ID.fullmatch(name)]


def _block_targets(blocks: list[Any]) -> Iterator[Target]:
    for block in blocks:
        if isinstance(block, Box):
            yield from _block_targets(block.blocks)
        elif isinstance(block, ChartRef):
            yield Target(block.id, "chart", f"the chart '{block.id}' ({block.pos})", block, block.pos, written=False)
        elif isinstance(block, Grid):
            yield from _grid_targets(block)
        elif isinstance(block, (Heading, Table, Figure)) and block.id is not None:
            kind = {Heading: "heading", Table: "table", Figure: "image"}[type(block)]
            name = block.text if isinstance(block, Heading) else block.title if isinstance(block, Table) \
                else Path(block.image).name
            yield Target(block.id, kind, f"the {kind} '{name}' ({block.pos})", block,
                         block.field_pos.get("id", block.pos))


def _grid_targets(grid: Grid) -> Iterator[Target]:
    """A grid's items: a chart by its name, as a chart; any item (a chart, image or card) by its `id:`."""
    for item in grid.items:
        kind = "chart" if item.chart else "card" if item.card else "image"
        name = item.chart or item.title or Path(item.image or "").name
        what = f"the {kind} '{name}' ({item.pos})"
        if item.chart:
            yield Target(item.chart, kind, what, item, item.pos, written=False)
        if item.id is not None:
            yield Target(item.id, kind, what, item, item.field_pos.get("id", item.pos))


def check(report: Any, sections: list[Any], charts: dict[str, Any], ctx: ReadContext,
          diag: Diagnostics, complete: bool = True) -> CrossRefs:
    """The ids' and references' problems into `diag`; the places the references name. `complete`:
    every section could be read (else a place no reference finds may be in one that could not: a
    reference to it is not said to be unknown, which would send the author to fix what is right)."""
    nodes = [n for n in (report, *sections, *charts.values()) if dataclasses.is_dataclass(n)]
    places = targets([s for s in sections if dataclasses.is_dataclass(s)])
    by_id: dict[str, list[Target]] = {}
    for t in places:
        by_id.setdefault(t.id, []).append(t)
    for t in places:
        if not t.written:
            continue
        if not ID.fullmatch(t.id):
            diag.error(t.pos, f"id {t.id!r} cannot be named by a cross-reference",
                       "use letters, digits and hyphens, e.g. id: " + ctx.says("finanzen", "finance"))
            continue
        others = [o for o in by_id[t.id] if o is not t]
        before = next((o for o in others if o.written), None)
        if before is not None and by_id[t.id].index(before) < by_id[t.id].index(t):
            diag.error(t.pos, f"id '{t.id}' is given twice: {before.what} has it too",
                       f"an id names one place: choose another one for this {t.kind}")
        elif (named := next((o for o in others if not o.written), None)) is not None:
            diag.error(t.pos, f"id '{t.id}' is also the name of {named.what}",
                       f"choose another id for this {t.kind}")
    refs = CrossRefs()
    sources: dict[str, str | None] = {}
    for node, name, text, pos in (t for n in nodes for t in marked_texts(n, ctx)):
        uses = markup.references(text)
        if markup.PAGE in markup.outside_links(text):
            diag.warning(pos, f"{markup.PAGE} stands outside a cross-reference and prints as typed",
                         "write the reference as a link to the place it names, e.g. "
                         + ctx.says("[S. {page}](#finanzen)", "[page {page}](#finance)"))
        if not uses:
            continue
        cursor = _Cursor(pos, sources)
        for target, label in uses:
            at = cursor.find(f"](#{target})", 2)
            if (node.__class__, name) in NO_PAGES:
                where, hint = NO_PAGES[(node.__class__, name)]
                diag.error(at, f"a cross-reference cannot stand in {where}", hint)
                continue
            for placeholder in _PLACEHOLDER.findall(label):
                if placeholder != markup.PAGE:
                    diag.error(cursor.back(placeholder), f"cross-reference to '#{target}': {placeholder} is not "
                               "a placeholder", f"write {markup.PAGE} where the page number goes, e.g. "
                               + ctx.says("[S. {page}](#finanzen)", "[page {page}](#finance)"))
            found = by_id.get(target, [])
            if not target:
                diag.error(at, "a cross-reference names no place after its #",
                           "write the id of the section, heading, chart, table or image after #, e.g. "
                           + ctx.says("(#finanzen)", "(#finance)"))
            elif not found:
                if complete:
                    diag.error(at, f"cross-reference to '#{target}': no section, heading, chart, table or "
                               "image is named so", _unknown_hint(target, places))
            elif len(found) > 1 and not any(t.written for t in found):
                whole = [f"#{name} for {t.what}" for t in found if t.kind == "section"
                         for name in _file_names(t.node.pos.file)[1:]]  # (its file's name with the number)
                diag.error(at, f"cross-reference to '#{target}': {len(found)} places are named so: "
                           + " and ".join(t.what for t in found[:3]),
                           (f"write {whole[0]} (a section is named by its whole file name too), or give "
                            "the one you mean an id: of its own and name that") if whole else
                           "give the one you mean an id: of its own and name that")
            else:  # (an id: written twice is said where it is written)
                refs.targets[target] = next((t for t in found if t.written), found[0])
                refs.uses.append((target, at))
    return refs


def _unknown_hint(target: str, places: list[Target]) -> str:
    for t in places:  # a section named by its file name, which its id: replaces
        if t.kind == "section" and t.written and target in _file_names(t.node.pos.file):
            return f"{t.what} is named '{t.id}' (its id:): write #{t.id}"
    known = list(dict.fromkeys(t.id for t in places if ID.fullmatch(t.id)))
    close = closest(target, known)
    if close:
        return f"did you mean '{close[0]}'?"
    shown = ", ".join(known[:SHOWN_KNOWN]) + (", …" if len(known) > SHOWN_KNOWN else "")
    return (f"name a section by its file name without the number in front, a chart by its name, or a "
            f"sub-heading, table, image or grid item by the id: it is given; known: {shown or 'none'}")


def marked_texts(node: Any, ctx: ReadContext) -> Iterator[tuple[Any, str, str, Pos]]:
    """(node, field, text, position) of every text with inline markup in a model node and the nodes in it."""
    for f in dataclasses.fields(node):
        if not f.init:
            continue
        value = getattr(node, f.name, None)
        if isinstance(value, Markup):
            yield node, f.name, value, ctx.value_pos(node, f.name)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Markup):
                    yield node, f.name, item, ctx.item_pos(node, f.name, i)
                elif isinstance(item, Node) and dataclasses.is_dataclass(item):
                    yield from marked_texts(item, ctx)
        elif isinstance(value, Node) and dataclasses.is_dataclass(value):
            yield from marked_texts(value, ctx)


class _Cursor:
    """Finds the pieces of one text in its file, in order, from where its value begins: a reference's
    place to the column. Where a piece is not found as written (escapes in a quoted string), the
    value's own place."""

    def __init__(self, pos: Pos, sources: dict[str, str | None]):
        self.pos = pos
        file = str(pos.file) if pos.file and pos.line else ""
        if file and file not in sources:
            sources[file] = _source(file)
        self.source = sources.get(file)
        self.at = self.last = _offset(self.source, pos.line, pos.col) if self.source is not None else -1

    def find(self, piece: str, skip: int = 0) -> Pos:
        """The place of the next `piece` (`skip` characters into it)."""
        if self.source is None:
            return self.pos
        found = self.source.find(piece, self.at)
        if found < 0:
            return self.pos
        self.last, self.at = found, found + len(piece)
        return self._pos(found + skip)

    def back(self, piece: str) -> Pos:
        """The place of `piece` before the piece found last (a placeholder in the reference's text)."""
        if self.source is None:
            return self.pos
        found = self.source.rfind(piece, 0, self.last)
        return self._pos(found) if found >= 0 else self.pos

    def _pos(self, offset: int) -> Pos:
        line = self.source.count("\n", 0, offset) + 1
        col = offset - (self.source.rfind("\n", 0, offset) + 1) + 1
        return Pos(self.pos.file, line, col)


def _source(file: str) -> str | None:
    try:
        return Path(file).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None


def _offset(source: str, line: int, col: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = source.find("\n", start) + 1
        if start == 0:
            return len(source)
    return start + max(0, col - 1)
