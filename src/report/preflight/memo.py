"""Each page's content walk kept for the next check of a file with the same page.

The walk (walk.py) is most of what preflight costs: 185 pages take ~0.7 s, every build, though a
rebuild's pages are mostly the pages of the build before. A page's events depend only on what the
walk reads of it — its /Contents, /Group and /Resources, and every object those lead to — so the
memo keys a page by a digest of all of that (indirect objects by their content, never by their
numbers, which differ between files; /Parent, which the walk never follows, left out), and keeps
its events as data: colour spaces and images as the shared walk sends them (SpaceInfo, ImageInfo,
shared.py), problems, and the work the page cost against the budget. A page whose digest is known
gives its events again; any other page is walked. The checks cannot tell the difference: they read
the same events a walk shared with another process gives them.

`PageMemo(kept)` takes what a build reads from its cache (JSON), `PageMemo.entries()` gives what it
stores: an entry that is not of the expected shape is a page walked afresh, never an error. Only
the build's own print edition is checked with a memo; `report preflight FILE` walks every page.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from typing import Any

import pikepdf
from pikepdf import Matrix

from .shared import portable, space_info
from .walk import TEXT_OPS, Budget, Event, ImageInfo, Malformed, Paint, Problem, SpaceInfo

FORMAT = 2  # changes when the entries' layout changes (2: a thin stroke names its form)
MAX_DEPTH = 64  # objects nested deeper than this make a page not kept (walked every time)
SMALL_FORM = 4096  # bytes: forms up to this size are digested without the text they show


class _NotKept(Exception):
    """This page's objects cannot be digested (a loop, absurd nesting): walk it, keep nothing."""


# An indirect reference as pikepdf writes an object (`unparse`): "12 0 R". Literal strings are
# written in parentheses or hex, so text that looks like one only makes the digest cover more.
_REFERENCE = re.compile(rb"(\d+) (\d+) R\b")


class PageMemo:
    """Pages' walks by the digest of what the walk reads of them. `kept`: what `entries()` gave
    for a file checked before (from a cache: checked before use)."""

    def __init__(self, kept: Any = None):
        table, pages = (kept.get("events"), kept.get("pages")) if isinstance(kept, dict) \
            and kept.get("format") == FORMAT else ([], {})
        self._table: list = table if isinstance(table, list) else []
        self._kept: dict = pages if isinstance(pages, dict) and isinstance(table, list) else {}
        self._told: dict[int, tuple] = {}  # the table's records turned into event parts, once each
        self._records: dict[int, tuple] = {}  # … and into records again (tuples), once each
        self._spaces: dict = {}  # colour spaces' records by object (number or text)
        self.used: dict[str, list] = {}  # this file's pages: [operators, decoded, problems, event records]
        self._digests: dict[tuple[int, int], bytes] = {}  # indirect objects of the file being checked
        self._open: set[tuple[int, int]] = set()
        self._keys: dict[tuple[int, int], str | None] = {}  # pages' keys, by the page's object

    # -- keys --------------------------------------------------------------------------

    def key(self, page: pikepdf.Page, pdf: pikepdf.Pdf) -> str | None:
        """The digest of everything the walk reads of `page`; None when it cannot be had."""
        objgen = page.obj.objgen
        if objgen in self._keys:
            return self._keys[objgen]
        h = hashlib.sha256(b"page walk %d" % FORMAT)
        try:
            for name in ("/Contents", "/Group", "/Resources"):
                h.update(name.encode())
                h.update(self._digest(page.obj.get(name), pdf, 0))
        except (_NotKept, pikepdf.PdfError, RecursionError, ValueError):
            key = None
        else:
            key = h.hexdigest()
        if objgen != (0, 0):
            self._keys[objgen] = key
        return key

    def knows_all(self, pdf: pikepdf.Pdf) -> bool:
        """Whether every page of `pdf` is kept (then walking them in two processes costs more than
        it saves: shared.py)."""
        return all(self.key(page, pdf) in self._kept for page in pdf.pages)

    def _digest(self, obj: Any, pdf: pikepdf.Pdf, depth: int) -> bytes:
        """Of an object as written, its references replaced by the digests of what they point to."""
        if not isinstance(obj, pikepdf.Object):  # absent
            return b"-"
        if not obj.is_indirect:
            return self._written(obj.unparse(), pdf, depth)
        objgen = obj.objgen
        known = self._digests.get(objgen)
        if known is not None:
            return known
        if objgen in self._open or depth > MAX_DEPTH:
            raise _NotKept("objects that contain themselves, or nested too deeply")
        self._open.add(objgen)
        try:
            if isinstance(obj, pikepdf.Stream):
                digest = self._small_form(obj, pdf, depth) or hashlib.sha256(
                    self._written(obj.stream_dict.unparse(), pdf, depth) + obj.read_raw_bytes()).digest()
            else:
                digest = self._written(obj.unparse(resolved=True), pdf, depth)
        finally:
            self._open.discard(objgen)
        self._digests[objgen] = digest
        return digest

    def _small_form(self, form: pikepdf.Stream, pdf: pikepdf.Pdf, depth: int) -> bytes | None:
        """A small form's digest without the text it shows, which the walk does not read: the
        print edition's form with the build's time, drawn on every page, would else make every
        page new every minute. Its content is parsed (the walk's own tokenizer) and written again
        with the operands of the text-showing operators left out; its /Length (of the compressed
        text) left out. (A page recalled so counts the decoded bytes of the time it was walked with
        against the budget: a few bytes either way.) None for anything else: the stream is digested
        as it is."""
        if form.get("/Subtype") != "/Form" or len(form.read_raw_bytes()) > SMALL_FORM:
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if len(form.read_bytes()) > SMALL_FORM:
                    return None
                shown = pikepdf.unparse_content_stream([
                    pikepdf.ContentStreamInstruction([], ins.operator)
                    if isinstance(ins, pikepdf.ContentStreamInstruction) and str(ins.operator) in TEXT_OPS else ins
                    for ins in pikepdf.parse_content_stream(form)])
        except (pikepdf.PdfError, ValueError, TypeError):
            return None
        head = pikepdf.Dictionary({k: v for k, v in form.stream_dict.items() if k != "/Length"}).unparse()
        return hashlib.sha256(b"form without text" + self._written(head, pdf, depth) + shown).digest()

    def _written(self, text: bytes, pdf: pikepdf.Pdf, depth: int) -> bytes:
        def target(m: re.Match) -> bytes:
            objgen = int(m[1]), int(m[2])
            known = self._digests.get(objgen)  # (without asking pikepdf for the object)
            return b"<" + (known or self._digest(pdf.get_object(objgen), pdf, depth + 1)).hex().encode() + b">"
        return hashlib.sha256(_REFERENCE.sub(target, text)).digest()

    # -- entries -------------------------------------------------------------------------

    def recall(self, key: str, page: int, budget: Budget) -> tuple[list[Event], list[Problem]] | None:
        """The page's events and problems as a walk would give them, counted against the budget;
        None when the page is not kept (or its entry is not what it should be, or the budget would
        run out: the walk then says where)."""
        entry = self._kept.get(key)
        if entry is None:
            return None
        try:
            operators, decoded, problems, indices = entry
            if type(operators) is not int or type(decoded) is not int or operators < 0 or decoded < 0 \
                    or not all(isinstance(m, str) for m in problems):
                return None
            told = [Event(parts[0], page, *parts[1:]) for parts in map(self._parts, indices)]
        except (TypeError, ValueError, KeyError, IndexError):
            return None
        if budget.used_operators + operators > budget.operators or budget.used_decoded + decoded > budget.decoded:
            return None
        budget.used_operators += operators
        budget.used_decoded += decoded
        self.used[key] = [operators, decoded, problems, [self._record(i) for i in indices]]
        return told, [Problem(page, m) for m in problems]

    def _parts(self, index: int) -> tuple:
        parts = self._told.get(index)
        if parts is None:
            if type(index) is not int or index < 0:
                raise ValueError("not an index")
            parts = self._told[index] = _parts(self._table[index])
        return parts

    def _record(self, index: int) -> tuple:
        record = self._records.get(index)
        if record is None:
            record = self._records[index] = _frozen(self._table[index])
        return record

    def keep(self, key: str, events: list[Event], problems: list[Problem], operators: int, decoded: int) -> None:
        """A page walked here, for the next check (not kept when an event cannot be written as data)."""
        try:
            self.used[key] = [operators, decoded, [p.message for p in problems],
                              [_record(e, self._spaces) for e in events]]
        except _NotKept:
            pass

    def adopt(self, used: Any) -> None:
        """The pages another process walked or recalled (shared.py)."""
        if isinstance(used, dict):
            self.used.update(used)

    def changed(self) -> bool:
        """Whether this file's pages are not exactly the pages kept (then the entries are stored)."""
        return self.used.keys() != self._kept.keys()

    def entries(self) -> dict:
        """This file's pages as data: every distinct event record once, each page's by index."""
        table: list = []
        index: dict[tuple, int] = {}
        pages = {}
        for key, (operators, decoded, problems, records) in self.used.items():
            indices = []
            for record in records:
                at = index.get(record)
                if at is None:
                    at = index[record] = len(table)
                    table.append(record)
                indices.append(at)
            pages[key] = [operators, decoded, problems, indices]
        return {"format": FORMAT, "events": table, "pages": pages}


# -- events as data ------------------------------------------------------------------------
# An event is kept as a record: (kind, op, ctm, value, object, where, paint), tuples all the way
# down (a record is its own dictionary key when the table is made); an object is None, a string,
# or a tagged tuple: ("space", family, description), each a string or ("malformed", message);
# ("image", ((key, value), …), ink); ("extent", x0, y0, x1, y1). JSON gives them back as lists.


def _frozen(value: Any) -> Any:
    """A record read back from JSON, as `keep` makes it (lists → tuples)."""
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def _record(e: Event, spaces: dict) -> tuple:
    paint = e.paint
    if e.kind == "image":  # as the shared walk sends it (an inline image's ink is not read: 0)
        e = portable(e)
    return (e.kind, e.op, tuple(e.ctm.shorthand) if e.ctm is not None else None, e.value,
            _space(e.obj, spaces) if e.kind == "space" else _obj(e.kind, e.obj), e.where,
            None if paint is None else (_space(paint.space, spaces) if paint.space is not None else None,
                                        _numbers(paint.values), paint.overprint, paint.opm))


def _space(space: Any, spaces: dict) -> tuple:
    """("space", family, description) of a colour space (pikepdf's, or SpaceInfo from another
    process), worked out once per object."""
    if isinstance(space, SpaceInfo):
        return ("space", _told(space.family), _told(space.description))
    memo = (space.objgen if space.is_indirect else space.unparse()) if isinstance(space, pikepdf.Object) else None
    known = spaces.get(memo) if memo is not None else None
    if known is None:
        info = space_info(space)
        known = ("space", _told(info.family), _told(info.description))
        if memo is not None:
            spaces[memo] = known
    return known


def _obj(kind: str, obj: Any) -> Any:
    if obj is None or (isinstance(obj, str) and kind in ("paint", "transparency")):
        return obj
    if kind == "image" and isinstance(obj, ImageInfo):
        info = obj
        if not all(type(v) in (bool, int, float, str) for v in info.keys.values()):
            raise _NotKept("a number pikepdf gives as Decimal")
        return ("image", tuple(sorted(info.keys.items())), info.ink)
    if kind == "stroke" and isinstance(obj, tuple) and len(obj) == 4:
        return ("extent", *_numbers(obj))
    if kind == "form":  # the checks read nothing of a form (the shared walk sends none)
        return None
    raise _NotKept(f"an event's {type(obj).__name__}")


def _numbers(values: tuple) -> tuple:
    if not all(type(v) in (int, float) for v in values):
        raise _NotKept("a number of another type")
    return tuple(values)


def _told(value: str | Exception) -> Any:
    return value if isinstance(value, str) else ("malformed", str(value))


def _parts(data: Any) -> tuple:
    """A record → the event's fields but its page."""
    kind, op, ctm, value, obj, where, paint = data
    if not isinstance(kind, str) or not isinstance(op, str) or not isinstance(where, str) \
            or type(value) not in (int, float):
        raise ValueError("not an event")
    return kind, op, Matrix(*ctm) if ctm is not None else None, value, _object(obj), where, _painted(paint)


def _object(data: Any) -> Any:
    if data is None or isinstance(data, str):
        return data
    tag = data[0]
    if tag == "space" and len(data) == 3:
        return SpaceInfo(_answer(data[1]), _answer(data[2]))
    if tag == "image" and len(data) == 3 and type(data[2]) in (int, float) \
            and all(isinstance(k, str) and type(v) in (bool, int, float, str) for k, v in data[1]):
        return ImageInfo(dict(data[1]), data[2])
    if tag == "extent" and len(data) == 5 and all(type(v) in (int, float) for v in data[1:]):
        return tuple(data[1:])
    raise ValueError("not an event's object")


def _answer(data: Any) -> str | Exception:
    if isinstance(data, str):
        return data
    tag, message = data
    if tag != "malformed" or not isinstance(message, str):
        raise ValueError("not an answer")
    return Malformed(message)


def _painted(data: Any) -> Paint | None:
    if data is None:
        return None
    space, values, overprint, opm = data
    if type(overprint) is not bool or type(opm) is not int or not all(type(v) in (int, float) for v in values):
        raise ValueError("not a paint")
    return Paint(_object(space) if space is not None else None, tuple(values), overprint, opm)
