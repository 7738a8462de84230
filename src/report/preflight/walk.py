"""Walk a PDF's content streams with the graphics state print checks need, in bounded work and memory.

Preflight reads files from anywhere, so nothing here trusts the file: streams are decoded with a
size limit, every operator counts against a budget, a form is walked once per distinct scale (a
form that draws itself, directly or through others, is a finding, not a loop), and a malformed
operand or object becomes a `Problem` for that page instead of an exception.
"""

from __future__ import annotations

import math
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pikepdf
from pikepdf import Matrix

STROKE_OPS = {"S", "s"}
FILL_OPS = {"f", "F", "f*"}
FILL_STROKE_OPS = {"B", "B*", "b", "b*"}
PAINT_OPS = STROKE_OPS | FILL_OPS | FILL_STROKE_OPS
TEXT_OPS = {"Tj", "TJ", "'", '"'}
THIN = 1.0  # pt: strokes thinner than this get their extent measured (the line-width check looks inside the trim)
# The operators the walk reads; pikepdf hands it only these (and inline images): the rest of a page
# (half a text page is Tw, T*, Tz…) is never turned into Python objects.
# Of them, path construction and `n` (ends a path unpainted) are passive: read only for the extent of
# the path a thin stroke paints.
PASSIVE_OPS = frozenset({"m", "l", "c", "v", "y", "re", "n"})
SETTERS = frozenset({"cm", "w", "Tf", "Tr", "BT", "Tm"})  # they change the state and report nothing
WALKED_OPS = frozenset({"q", "Q", "cm", "w", "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN",
                        "gs", "Tf", "Tr", "BT", "Tm", "sh", "Do"}) | PASSIVE_OPS | TEXT_OPS | PAINT_OPS
_PARSED = " ".join(sorted(WALKED_OPS | {"BI", "ID", "EI"}))  # with inline images
MAX_DEPTH = 28  # PDF's own implementation limit for q nesting; forms nest far less in real files

# Budgets: a real print file (our own is ~60,000 operators and a few MB of content) stays far below.
# Operators count when the walk reads them (WALKED_OPS); the others cost only parsing, which the
# byte budgets bound.
MAX_OPERATORS = 1_000_000
MAX_DECODED = 96 * 2**20  # bytes of decoded content, all streams together
MAX_STREAM = 4 * 2**20  # bytes of one decoded content stream (parsing costs ~150 bytes of memory per byte)
# how much a filter can expand its input at most (zlib's documented limit is 1032:1)
EXPANSION = {"/FlateDecode": 1032, "/Fl": 1032, "/LZWDecode": 4096, "/LZW": 4096, "/RunLengthDecode": 64,
             "/RL": 64, "/ASCIIHexDecode": 1, "/AHx": 1, "/ASCII85Decode": 2, "/A85": 2}


class Malformed(Exception):
    """An object of the file is not what the PDF specification says it must be."""


class OutOfBudget(Exception):
    """The file needs more work than preflight allows (hostile or absurd)."""


@dataclass(frozen=True, slots=True)
class SpaceInfo:
    """A colour space as the checks read it (`base_family`, the colour check's description), worked
    out in another process: events that cross processes carry no pikepdf objects. What raised there
    raises again where the check asks."""
    family: str | Exception
    description: str | Exception


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image as the checks read it (the keys the image check gets, the most ink), worked out in
    another process."""
    keys: dict
    ink: float

    def get(self, key: str, default: Any = None) -> Any:
        return self.keys.get(key, default)


def _told(value: str | Exception) -> str:
    if isinstance(value, Exception):
        raise value
    return value


@dataclass
class Budget:
    operators: int = MAX_OPERATORS
    decoded: int = MAX_DECODED
    stream: int = MAX_STREAM
    used_operators: int = 0
    used_decoded: int = 0


@dataclass
class Problem:
    page: int
    message: str


@dataclass(frozen=True, slots=True)
class Paint:
    """What a painting operator paints with: colour space (resolved), components, overprint state."""
    space: Any
    values: tuple
    overprint: bool
    opm: int


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # "space", "paint", "image", "stroke", "text", "transparency", "form"
    page: int  # 1-based
    op: str = ""
    ctm: Matrix | None = None
    value: float = 0.0
    obj: Any = None
    where: str = ""  # for "space": content, image, inline image, shading, pattern, group, soft mask; for a
    # thin "stroke": the form it is drawn in ("/Name", "soft mask", "pattern /Name"), "" in the page content
    paint: Paint | None = None


def num(value: Any, what: str = "") -> float:
    """A PDF number as float; anything else (a name, a string, NaN) is malformed."""
    if what:
        try:
            return num(value)
        except Malformed as exc:
            raise Malformed(f"{what}: {exc}") from None
    if isinstance(value, bool):
        raise Malformed(f"{_short(value)} is not a number")
    if isinstance(value, (int, float, Decimal)):
        f = float(value)
    elif isinstance(value, pikepdf.Object) and value._type_code in (pikepdf.ObjectType.integer,
                                                                      pikepdf.ObjectType.real):
        f = float(value)
    else:
        raise Malformed(f"{_short(value)} is not a number")
    if not math.isfinite(f):
        raise Malformed(f"{value} is not a finite number")
    return f


def integer(value: Any, what: str = "") -> int:
    f = num(value, what)
    if f != int(f):
        raise Malformed(f"{value} is not a whole number")
    return int(f)


def numbers(values: Any, count: int, what: str) -> list[float]:
    if not isinstance(values, (pikepdf.Array, list, tuple)) or len(values) != count:
        raise Malformed(f"{what} must be {count} numbers, found {_short(values)}")
    return [num(v, what) for v in values]


def dictionary(value: Any, what: str, optional: bool = True) -> Any:
    """value if it is a dictionary (or stream), None when absent and optional; else malformed."""
    if value is None and optional:
        return None
    if isinstance(value, (pikepdf.Dictionary, pikepdf.Stream)):
        return value
    raise Malformed(f"{what} must be a dictionary, found {_short(value)}")


def _short(value: Any) -> str:
    try:
        text = repr(value) if isinstance(value, pikepdf.Object) and not isinstance(value, pikepdf.Name) \
            else str(value)
    except Exception:  # noqa: BLE001 - even printing a broken object must not fail
        text = type(value).__name__
    text = text.replace("pikepdf.", "")
    return text if len(text) <= 60 else text[:57] + "…"


def scale(m: Matrix) -> float:
    """The linear scale factor of a matrix (geometric mean of its axes)."""
    return math.sqrt(abs(m.a * m.d - m.b * m.c))


def _filters(stream: pikepdf.Stream) -> list[str]:
    f = stream.get("/Filter")
    if f is None:
        return []
    if isinstance(f, pikepdf.Name):
        return [str(f)]
    if isinstance(f, pikepdf.Array) and all(isinstance(x, pikepdf.Name) for x in f):
        return [str(x) for x in f]
    raise Malformed(f"stream /Filter must be a name or an array of names, found {_short(f)}")


def read_stream(stream: Any, budget: Budget, what: str) -> bytes:
    """A stream's decoded bytes, never more than the budget allows (decompression bombs stop early)."""
    if not isinstance(stream, pikepdf.Stream):
        raise Malformed(f"{what} must be a stream, found {_short(stream)}")
    limit = min(budget.stream, budget.decoded - budget.used_decoded)
    filters = _filters(stream)
    raw = stream.read_raw_bytes()
    parms = stream.get("/DecodeParms")
    if filters in ([], ["/FlateDecode"], ["/Fl"]) and parms is None:
        if not filters:
            data = raw[:limit + 1]
        else:
            try:
                data = zlib.decompressobj().decompress(raw, limit + 1)
            except zlib.error as exc:
                raise Malformed(f"{what}: compressed data is damaged ({exc})") from None
    else:
        bound = len(raw)
        for f in filters:
            if f not in EXPANSION:
                raise Malformed(f"{what} uses the filter {f}, which content streams cannot use")
            bound *= EXPANSION[f]
        if bound > limit:
            raise OutOfBudget(f"{what} is compressed with {', '.join(filters)} and could expand beyond "
                              f"{limit // 2**20} MB; not decoded")
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError as exc:
            raise Malformed(f"{what}: cannot decode ({exc})") from None
    if len(data) > limit:
        raise OutOfBudget(f"{what} decodes to more than {limit // 2**20} MB (a decompression bomb?)")
    budget.used_decoded += len(data)
    return data


@dataclass
class _State:
    ctm: Matrix = field(default_factory=Matrix)
    width: float = 1.0
    fill_space: Any = pikepdf.Name.DeviceGray
    stroke_space: Any = pikepdf.Name.DeviceGray
    fill: tuple = (0.0,)
    stroke: tuple = (0.0,)
    op_fill: bool = False
    op_stroke: bool = False
    opm: int = 0
    font_size: float = 0.0
    render_mode: int = 0
    font: str = ""  # the font's /BaseFont (bold or not, for reversed text)
    tm: Matrix = field(default_factory=Matrix)

    def copy(self) -> _State:
        """What `q` saves (dataclasses.replace, without its checks: a page saves thousands)."""
        saved = _State.__new__(_State)
        saved.__dict__.update(self.__dict__)
        return saved


_DEVICE = {"g": "/DeviceGray", "G": "/DeviceGray", "rg": "/DeviceRGB", "RG": "/DeviceRGB",
           "k": "/DeviceCMYK", "K": "/DeviceCMYK"}
_INLINE_SPACES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
_DEFAULT_COMPONENTS = {"/DeviceGray": (0.0,), "/DeviceRGB": (0.0, 0.0, 0.0), "/DeviceCMYK": (0.0, 0.0, 0.0, 1.0)}
_DEVICE_NAMES = {op: pikepdf.Name(space) for op, space in _DEVICE.items()}
_COMPONENTS = {op: len(_DEFAULT_COMPONENTS[space]) for op, space in _DEVICE.items()}  # g 1, rg 3, k 4


class Walker:
    """Walks every page of a PDF once; collects events, problems and whether the budget ran out."""

    def __init__(self, pdf: pikepdf.Pdf, budget: Budget | None = None, memo: Any = None):
        self.pdf = pdf
        self.budget = budget or Budget()
        self.memo = memo  # pages walked before (memo.PageMemo), or None: walk every page
        self.problems: list[Problem] = []
        self.stopped = ""  # why the walk stopped early ("" = complete)
        self.pages_walked = 0
        self._scratch = pikepdf.new()
        self._visited: set = set()  # (form objgen, linear part of the CTM)
        self._stack: list = []  # forms being walked (cycle detection)
        self._where = ["content"]  # what is being walked: page content, a form, a pattern, a soft mask
        self._forms: list[str] = []  # the names of the forms being walked, the one the page paints first
        self._last_paint: tuple = ()  # consecutive paints or text shows in one state: one event
        self._last_text: tuple = ()
        self._path: tuple = ((), 0, 0)  # (instructions, start, end) of the path being painted

    def events(self, only: range | None = None) -> Iterator[Event]:
        """The events of every page, or of the pages numbered in `only` (a part of the file walked
        here while another process walks the rest: preflight/shared.py)."""
        pages = self.pdf.pages
        for number in only if only is not None else range(1, len(pages) + 1):
            if self.stopped:
                return
            page = pages[number - 1]
            key = self.memo.key(page, self.pdf) if self.memo is not None else None
            if key is None:
                yield from self._page(number, page)
                continue
            recalled = self.memo.recall(key, number, self.budget)
            if recalled is not None:
                self.problems.extend(recalled[1])
                self.pages_walked = number
                yield from recalled[0]
                continue
            operators, decoded, problems = self.budget.used_operators, self.budget.used_decoded, len(self.problems)
            events = []
            for event in self._page(number, page):
                events.append(event)
                yield event
            if not self.stopped:
                self.memo.keep(key, events, self.problems[problems:], self.budget.used_operators - operators,
                               self.budget.used_decoded - decoded)

    def _page(self, number: int, page: pikepdf.Page) -> Iterator[Event]:
        """One page's events (its problems and a stop recorded in the walker)."""
        try:
            resources = dictionary(page.obj.get("/Resources"), "page /Resources") or pikepdf.Dictionary()
            group = page.obj.get("/Group")
            if group is not None:
                yield from self._group(group, number, "page")
            contents = page.obj.get("/Contents")
            streams = [] if contents is None else list(contents) if isinstance(contents, pikepdf.Array) \
                else [contents]
            data = b"\n".join(read_stream(s, self.budget, f"content stream of page {number}") for s in streams)
            yield from self._walk(data, resources, Matrix(), number, 0)
        except Malformed as exc:
            self.problems.append(Problem(number, str(exc)))
        except OutOfBudget as exc:
            self.stopped = f"page {number}: {exc}"
        except pikepdf.PdfError as exc:
            self.problems.append(Problem(number, f"damaged object: {exc}"))
        self.pages_walked = number

    # -- content ---------------------------------------------------------------------

    def _walk(self, data: bytes, resources: Any, ctm: Matrix, page: int, depth: int) -> Iterator[Event]:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                instructions = pikepdf.parse_content_stream(self._scratch.make_stream(data), _PARSED)
        except pikepdf.PdfError as exc:
            raise Malformed(f"content cannot be parsed: {exc}") from None
        for w in caught[:3]:
            self.problems.append(Problem(page, f"content stream: {w.message}"))
        st = _State(ctm=ctm)
        stack: list[_State] = []
        try:
            yield from self._run(instructions, resources, st, stack, page, depth)
        finally:
            self._path = ((), 0, 0)  # let this stream's instructions go before the next is parsed

    def _run(self, instructions: Any, resources: Any, st: _State, stack: list, page: int,
             depth: int) -> Iterator[Event]:
        path_start = 0  # where the current path's construction began (for the extent of thin lines)
        for index, ins in enumerate(instructions):
            self.budget.used_operators += 1
            if self.budget.used_operators > self.budget.operators:
                raise OutOfBudget(f"more than {self.budget.operators:,} drawing operators")
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                yield from self._inline_image(ins.iimage, resources, st, page)
                continue
            op = str(ins.operator)
            if op in PASSIVE_OPS:
                if op == "n":
                    path_start = index + 1
                continue
            if op in PAINT_OPS:
                self._path = (instructions, path_start, index)
                path_start = index + 1
            try:
                if op == "q":
                    if len(stack) < 10_000:
                        stack.append(st.copy())
                elif op == "Q":
                    if stack:
                        st = stack.pop()
                elif op in SETTERS:
                    self._set(op, list(ins.operands), resources, st)
                elif op in TEXT_OPS:  # what text and paint operators take is not read
                    yield from self._text(op, st, page)
                elif op in PAINT_OPS:
                    yield from self._paint(op, st, page)
                else:
                    yield from self._operator(op, list(ins.operands), resources, st, page, depth)
            except Malformed as exc:
                message = str(exc).removeprefix(f"{op}: ")
                self.problems.append(Problem(page, f"operator {op}: {message}"))
            except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError,
                    pikepdf.PdfError) as exc:
                args = " ".join(_short(o) for o in ins.operands)[:60]
                self.problems.append(Problem(page, f"operator {op} with operands [{args}] is malformed "
                                                   f"({type(exc).__name__})"))

    def _operator(self, op: str, operands: list, resources: Any, st: _State, page: int,
                  depth: int) -> Iterator[Event]:
        if op in _DEVICE:
            values = tuple(numbers(operands, _COMPONENTS[op], op))
            space = _DEVICE_NAMES[op]
            yield Event("space", page, op, st.ctm, obj=space, where=self._where[-1])
            if op.islower():
                st.fill_space, st.fill = space, values
            else:
                st.stroke_space, st.stroke = space, values
        elif op == "gs":
            yield from self._extgstate(operands, resources, st, page, depth)
        elif op in ("cs", "CS"):
            if len(operands) != 1 or not isinstance(operands[0], pikepdf.Name):
                raise Malformed(f"{op} needs one colour space name, found {_short(operands)}")
            space = self._space(operands[0], resources)
            yield Event("space", page, op, st.ctm, obj=space, where=self._where[-1])
            default = _DEFAULT_COMPONENTS.get(str(space) if isinstance(space, pikepdf.Name) else "", (1.0,))
            if op == "cs":
                st.fill_space, st.fill = space, default
            else:
                st.stroke_space, st.stroke = space, default
        elif op in ("sc", "scn", "SC", "SCN"):
            if operands and isinstance(operands[-1], pikepdf.Name):
                yield from self._pattern(operands[-1], resources, st, page, depth)
                values = tuple(num(v) for v in operands[:-1])
            else:
                values = tuple(num(v) for v in operands)
            if op.islower():
                st.fill = values
            else:
                st.stroke = values
        elif op == "sh":
            if len(operands) != 1 or not isinstance(operands[0], pikepdf.Name):
                raise Malformed(f"sh needs one shading name, found {_short(operands)}")
            shading = self._resource(resources, "/Shading", operands[0])
            yield from self._shading(shading, st, page)
        elif op == "Do":
            if len(operands) != 1 or not isinstance(operands[0], pikepdf.Name):
                raise Malformed(f"Do needs one XObject name, found {_short(operands)}")
            xobj = self._resource(resources, "/XObject", operands[0])
            if not isinstance(xobj, pikepdf.Stream):
                raise Malformed(f"XObject {operands[0]} must be a stream, found {_short(xobj)}")
            subtype = xobj.get("/Subtype")
            if subtype == "/Image":
                yield from self._image(xobj, resources, st, page, str(operands[0]))
            elif subtype == "/Form":
                yield from self._form(xobj, resources, st, page, depth, str(operands[0]))
            elif subtype != "/PS":
                raise Malformed(f"XObject {operands[0]} has an unknown /Subtype {_short(subtype)}")

    def _text(self, op: str, st: _State, page: int) -> Iterator[Event]:
        size = abs(st.font_size) * scale(st.tm) * scale(st.ctm)
        key = (page, size, st.font, st.render_mode, str(st.fill_space), st.fill, str(st.stroke_space), st.stroke,
               st.op_fill, st.op_stroke, st.opm)
        if key == self._last_text:
            return
        self._last_text = key
        yield Event("text", page, op, st.ctm, value=size)
        if st.render_mode in (0, 2, 4, 6):
            yield Event("paint", page, op, st.ctm, where="text", obj=st.font,
                        paint=Paint(st.fill_space, st.fill, st.op_fill, st.opm), value=size)
        if st.render_mode in (1, 2, 5, 6):
            yield Event("paint", page, op, st.ctm, where="text stroke",
                        paint=Paint(st.stroke_space, st.stroke, st.op_stroke, st.opm), value=size)

    def _set(self, op: str, operands: list, resources: Any, st: _State) -> None:
        """The operators that only change the state (SETTERS): no generator for a third of a page's operators."""
        if op == "cm":
            st.ctm = Matrix(*numbers(operands, 6, "cm")) @ st.ctm
        elif op == "Tf":
            if len(operands) != 2:
                raise Malformed(f"Tf needs a font name and a size, found {_short(operands)}")
            font = self._resource(resources, "/Font", operands[0])
            st.font_size = num(operands[1])
            st.font = str(font.get("/BaseFont", "")) if isinstance(font, pikepdf.Dictionary) else ""
        elif op == "BT":
            st.tm = Matrix()
        elif op == "Tm":
            st.tm = Matrix(*numbers(operands, 6, "Tm"))
        elif op == "w":
            st.width = numbers(operands, 1, "w")[0]
        elif op == "Tr":
            st.render_mode = integer(numbers(operands, 1, "Tr")[0])

    def _paint(self, op: str, st: _State, page: int) -> Iterator[Event]:
        # consecutive paints in the same state tell the checks nothing new: one event for all of them
        key = (op, page, st.width, tuple(st.ctm.shorthand), str(st.stroke_space), st.stroke, str(st.fill_space),
               st.fill, st.op_fill, st.op_stroke, st.opm)
        width = st.width * scale(st.ctm)
        extent = None
        inside = ""  # a thin line's form (the one the page paints): what the line-width check names
        if op not in FILL_OPS and width < THIN:
            extent = _extent(*self._path, st.ctm)
            inside = self._forms[0] if self._forms else ""
            key += (extent, inside)
        if key == self._last_paint:
            return
        self._last_paint = key
        if op not in FILL_OPS:
            yield Event("stroke", page, op, st.ctm, value=width, obj=extent, where=inside)
            yield Event("paint", page, op, st.ctm, where="stroke",
                        paint=Paint(st.stroke_space, st.stroke, st.op_stroke, st.opm))
        if op not in STROKE_OPS:
            yield Event("paint", page, op, st.ctm, where="fill",
                        paint=Paint(st.fill_space, st.fill, st.op_fill, st.opm))

    # -- resources -------------------------------------------------------------------

    def _resource(self, resources: Any, category: str, name: Any) -> Any:
        group = dictionary(resources.get(category), f"resources {category}")
        value = group.get(name) if group is not None else None
        if value is None:
            raise Malformed(f"{name} is not in the resources' {category}")
        return value

    def _space(self, name: Any, resources: Any) -> Any:
        if str(name) in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
            return name
        space = self._resource(resources, "/ColorSpace", name)
        check_space(space)
        return space

    def _spaces_in(self, space: Any, page: int, where: str, st: _State) -> Iterator[Event]:
        if isinstance(space, pikepdf.Name) and str(space) not in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK",
                                                                    "/Pattern"):
            raise Malformed(f"{where} colour space {space} is not a device colour space")
        check_space(space)
        yield Event("space", page, "", st.ctm, obj=space, where=where)

    def _extgstate(self, operands: list, resources: Any, st: _State, page: int, depth: int) -> Iterator[Event]:
        if len(operands) != 1 or not isinstance(operands[0], pikepdf.Name):
            raise Malformed(f"gs needs one name, found {_short(operands)}")
        gs = dictionary(self._resource(resources, "/ExtGState", operands[0]), f"ExtGState {operands[0]}",
                        optional=False)
        if "/OP" in gs:
            st.op_stroke = bool(gs.OP)
            st.op_fill = bool(gs.get("/op", gs.OP))
        elif "/op" in gs:
            st.op_fill = bool(gs.op)
        if "/OPM" in gs:
            st.opm = integer(gs.OPM)
        if "/LW" in gs:
            st.width = num(gs.LW)
        transparent = []
        for key in ("/CA", "/ca"):
            if key in gs and num(gs[key]) < 1:
                transparent.append(f"{key[1:]} {num(gs[key]):g}")
        bm = gs.get("/BM")
        if bm is not None and bm not in ("/Normal", "/Compatible") and not (
                isinstance(bm, pikepdf.Array) and len(bm) and bm[0] in ("/Normal", "/Compatible")):
            transparent.append(f"blend mode {_short(bm)}")
        smask = gs.get("/SMask")
        if smask is not None and smask != "/None":
            smask = dictionary(smask, "soft mask", optional=False)
            transparent.append("soft mask")
            group = dictionary(smask.get("/G"), "soft mask group /G", optional=False)
            if not isinstance(group, pikepdf.Stream):
                raise Malformed("soft mask group /G must be a form stream")
            yield from self._form(group, resources, st, page, depth, "soft mask")
        if transparent:
            yield Event("transparency", page, "gs", st.ctm, obj=", ".join(transparent))

    def _group(self, group: Any, page: int, where: str) -> Iterator[Event]:
        group = dictionary(group, f"{where} transparency group")
        if group is None:
            return
        if group.get("/S") == "/Transparency":
            if where != "page":
                yield Event("transparency", page, "", obj=f"{where} transparency group")
            if "/CS" in group:
                space = group.CS
                check_space(space)
                yield Event("space", page, "", obj=space, where=f"{where} group")

    def _pattern(self, name: Any, resources: Any, st: _State, page: int, depth: int) -> Iterator[Event]:
        pattern = dictionary(self._resource(resources, "/Pattern", name), f"pattern {name}", optional=False)
        kind = integer(pattern.get("/PatternType", 0))
        matrix = Matrix(*numbers(pattern.get("/Matrix", [1, 0, 0, 1, 0, 0]), 6, "pattern /Matrix"))
        inner = replace(st, ctm=matrix @ st.ctm)
        if kind == 2:
            yield from self._shading(pattern.get("/Shading"), inner, page, "pattern shading")
        elif kind == 1:
            yield from self._form(pattern, resources, inner, page, depth, f"pattern {name}", pattern=True)
        else:
            raise Malformed(f"pattern {name} has /PatternType {kind} (must be 1 or 2)")

    def _shading(self, shading: Any, st: _State, page: int, where: str = "shading") -> Iterator[Event]:
        shading = dictionary(shading, where, optional=False)
        if "/ColorSpace" not in shading:
            raise Malformed(f"{where} has no /ColorSpace")
        space = shading.ColorSpace
        if isinstance(space, pikepdf.Name) and space not in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK"):
            raise Malformed(f"{where} colour space {space} must be an array or a device space")
        check_space(space)
        yield Event("space", page, "sh", st.ctm, obj=space, where=where)

    def _image(self, image: pikepdf.Stream, resources: Any, st: _State, page: int, name: str) -> Iterator[Event]:
        for key in ("/Width", "/Height"):
            if key not in image or integer(image[key], f"image {name} {key}") <= 0:
                raise Malformed(f"image {name} needs a positive whole {key}, found {_short(image.get(key))}")
        if not image.get("/ImageMask", False) and "/ColorSpace" in image:
            space = image.ColorSpace
            if isinstance(space, pikepdf.Name) and space not in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK"):
                space = self._space(space, resources)
            check_space(space)
            yield Event("space", page, "Do", st.ctm, obj=space, where="image")
        smask = image.get("/SMask")
        if smask is not None:
            if not isinstance(smask, pikepdf.Stream):
                raise Malformed(f"image {name} /SMask must be an image stream")
            yield Event("transparency", page, "Do", st.ctm, obj="image with soft mask")
        yield Event("image", page, "Do", st.ctm, obj=image, paint=Paint(None, (), st.op_fill, st.opm))

    def _inline_image(self, iimage: Any, resources: Any, st: _State, page: int) -> Iterator[Event]:
        try:
            d = iimage.obj
            space = d.get("/ColorSpace")
            if isinstance(space, pikepdf.Name):
                full = _INLINE_SPACES.get(str(space), str(space))
                if full not in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Indexed"):
                    space = self._space(space, resources)
                else:
                    space = pikepdf.Name(full)
            if space is not None and not d.get("/ImageMask", False):
                check_space(space)
                yield Event("space", page, "BI", st.ctm, obj=space, where="inline image")
            for key in ("/Width", "/Height"):
                if integer(d.get(key, 0)) <= 0:
                    raise Malformed(f"inline image needs a positive {key}")
            yield Event("image", page, "BI", st.ctm, obj=d)
        except Malformed as exc:
            self.problems.append(Problem(page, f"inline image: {exc}"))
        except (ValueError, TypeError, AttributeError, pikepdf.PdfError) as exc:
            self.problems.append(Problem(page, f"inline image is malformed ({type(exc).__name__})"))

    def _form(self, form: pikepdf.Stream, resources: Any, st: _State, page: int, depth: int, name: str,
              pattern: bool = False) -> Iterator[Event]:
        key = form.objgen
        if key in self._stack:
            raise Malformed(f"form {name} draws itself (a loop of forms)")
        if depth >= MAX_DEPTH:
            raise Malformed(f"forms nested deeper than {MAX_DEPTH} levels")
        ctm = st.ctm if pattern else Matrix(*numbers(form.get("/Matrix", [1, 0, 0, 1, 0, 0]), 6,
                                                     f"form {name} /Matrix")) @ st.ctm
        seen = (key, round(ctm.a, 3), round(ctm.b, 3), round(ctm.c, 3), round(ctm.d, 3), page)
        if seen in self._visited:
            return  # the same form at the same scale on the same page: nothing new to find
        self._visited.add(seen)
        if not pattern:
            yield Event("form", page, "Do", ctm, obj=form)
            yield from self._group(form.get("/Group"), page, name if name == "soft mask" else f"form {name}")
        inner = dictionary(form.get("/Resources"), f"form {name} /Resources") or resources
        data = read_stream(form, self.budget, f"form {name}")
        self._stack.append(key)
        self._where.append("pattern content" if pattern else "soft mask" if name == "soft mask" else "forms")
        self._forms.append(name)
        try:
            yield from self._walk(data, inner, ctm, page, depth + 1)
        finally:
            self._stack.pop()
            self._where.pop()
            self._forms.pop()


_POINTS = {"m": 2, "l": 2, "c": 6, "v": 4, "y": 4}


def _extent(instructions: Any, start: int, end: int, ctm: Matrix) -> tuple[float, float, float, float] | None:
    """The bounding box in page space of the path built by instructions[start:end]."""
    xs, ys = [], []
    for ins in instructions[start:end]:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            continue
        op = str(ins.operator)
        if op in _POINTS:
            values = numbers(list(ins.operands), _POINTS[op], op)
            points = list(zip(values[::2], values[1::2], strict=True))
        elif op == "re":
            x, y, w, h = numbers(list(ins.operands), 4, "re")
            points = [(x, y), (x + w, y + h)]
        else:
            continue
        for x, y in points:
            xs.append(ctm.a * x + ctm.c * y + ctm.e)
            ys.append(ctm.b * x + ctm.d * y + ctm.f)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


_FAMILIES = {"/DeviceGray": 1, "/DeviceRGB": 3, "/DeviceCMYK": 4, "/CalGray": 1, "/CalRGB": 3, "/Lab": 3,
             "/ICCBased": 0, "/Indexed": 1, "/Pattern": 0, "/Separation": 1, "/DeviceN": 0}


def check_space(space: Any, depth: int = 0) -> None:
    """Raise Malformed unless space is a well-formed colour space (names, arrays, ICC streams)."""
    if depth > 4:
        raise Malformed("colour space nested too deeply")
    if isinstance(space, pikepdf.Name):
        if str(space) not in ("/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"):
            raise Malformed(f"unknown colour space {space}")
        return
    if not isinstance(space, pikepdf.Array) or len(space) == 0 or not isinstance(space[0], pikepdf.Name):
        raise Malformed(f"a colour space must be a name or an array starting with one, found {_short(space)}")
    family = str(space[0])
    if family not in _FAMILIES:
        raise Malformed(f"unknown colour space family {family}")
    if family == "/ICCBased":
        if len(space) != 2 or not isinstance(space[1], pikepdf.Stream):
            raise Malformed(f"[/ICCBased …] needs an ICC profile stream, found {_short(space)}")
        if integer(space[1].get("/N", 0)) not in (1, 3, 4):
            raise Malformed("ICC profile stream needs /N 1, 3 or 4")
    elif family == "/Indexed":
        if len(space) != 4:
            raise Malformed("[/Indexed base hival lookup] needs four entries")
        check_space(space[1], depth + 1)
    elif family in ("/Separation", "/DeviceN"):
        if len(space) < 4:
            raise Malformed(f"[{family} names alternate tint] needs at least four entries")
        check_space(space[2], depth + 1)
    elif family in ("/CalGray", "/CalRGB", "/Lab"):
        if len(space) != 2 or not isinstance(space[1], pikepdf.Dictionary):
            raise Malformed(f"[{family} dict] needs a parameter dictionary")
    elif family == "/Pattern" and len(space) == 2:
        check_space(space[1], depth + 1)


def base_family(space: Any, depth: int = 0) -> str:
    """What a colour space finally prints as: 'cmyk', 'gray', 'rgb', 'lab', 'spot' (with CMYK or gray
    alternate), 'pattern' — following Indexed bases, Separation/DeviceN alternates and ICC /N."""
    if isinstance(space, SpaceInfo):
        return _told(space.family)
    if depth > 4:
        return "unknown"
    if isinstance(space, pikepdf.Name):
        return {"/DeviceGray": "gray", "/DeviceRGB": "rgb", "/DeviceCMYK": "cmyk", "/Pattern": "pattern"}.get(
            str(space), "unknown")
    family = str(space[0])
    if family == "/ICCBased":
        return {1: "gray", 3: "rgb", 4: "cmyk"}[int(space[1].get("/N", 0))]
    if family in ("/CalRGB",):
        return "rgb"
    if family == "/CalGray":
        return "gray"
    if family == "/Lab":
        return "lab"
    if family == "/Indexed":
        return base_family(space[1], depth + 1)
    if family in ("/Separation", "/DeviceN"):
        alt = base_family(space[2], depth + 1)
        return "spot" if alt in ("cmyk", "gray") else alt
    if family == "/Pattern":
        return base_family(space[1], depth + 1) if len(space) == 2 else "pattern"
    return "unknown"
