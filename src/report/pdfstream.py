"""Walk PDF content streams with the graphics state that print checks need.

Used by the print finishing (colour conversion, overprint) and by preflight
(colour spaces, placed image resolution, line widths, text sizes). Form
XObjects are followed recursively with their matrix; each is walked once per
placement so effective sizes are right.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Matrix

STROKE_OPS = {"S", "s", "B", "B*", "b", "b*"}
COLOUR_OPS = {"rg", "RG", "k", "K", "g", "G", "cs", "CS", "sc", "SC", "scn", "SCN"}
MAX_DEPTH = 12  # nested forms deeper than this are not followed (malformed or hostile files)


@dataclass(frozen=True)
class Event:
    kind: str  # "colour", "image", "stroke", "text", "shading"
    page: int  # 1-based
    op: str = ""
    operands: tuple = ()
    ctm: Matrix | None = None
    value: float = 0.0
    obj: Any = None


def scale(m: Matrix) -> float:
    """The linear scale factor of a matrix (geometric mean of its axes)."""
    return math.sqrt(abs(m.a * m.d - m.b * m.c))


def _matrix(values: Any) -> Matrix:
    return Matrix(*[float(v) for v in values])


def walk_page(page: pikepdf.Page, number: int) -> Iterator[Event]:
    yield from _walk(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), Matrix(), number, 0)


def _walk(container: Any, resources: Any, ctm: Matrix, page: int, depth: int) -> Iterator[Event]:
    try:
        instructions = pikepdf.parse_content_stream(container)
    except pikepdf.PdfError:
        return
    stack: list[tuple[Matrix, float]] = []
    width = 1.0
    font_size = 0.0
    tm = Matrix()
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    for ins in instructions:
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            yield Event("image", page, "BI", ctm=ctm, obj=ins.iimage)
            continue
        op, operands = str(ins.operator), tuple(ins.operands)
        if op == "q":
            stack.append((ctm, width))
        elif op == "Q":
            if stack:
                ctm, width = stack.pop()
        elif op == "cm" and len(operands) == 6:
            ctm = _matrix(operands) @ ctm
        elif op == "w" and operands:
            width = float(operands[0])
        elif op in STROKE_OPS:
            yield Event("stroke", page, op, ctm=ctm, value=width * scale(ctm))
        elif op == "BT":
            tm = Matrix()
        elif op == "Tm" and len(operands) == 6:
            tm = _matrix(operands)
        elif op == "Tf" and len(operands) == 2:
            font_size = float(operands[1])
        elif op in ("Tj", "TJ", "'", '"'):
            yield Event("text", page, op, ctm=ctm, value=abs(font_size) * scale(tm) * scale(ctm))
        elif op in COLOUR_OPS:
            yield Event("colour", page, op, operands, ctm=ctm)
        elif op == "sh":
            yield Event("shading", page, op, operands, ctm=ctm)
        elif op == "Do" and operands:
            xobj = xobjects.get(operands[0]) if xobjects is not None else None
            if xobj is None:
                continue
            subtype = xobj.get("/Subtype")
            if subtype == "/Image":
                yield Event("image", page, op, operands, ctm=ctm, obj=xobj)
            elif subtype == "/Form" and depth < MAX_DEPTH:
                inner = _matrix(xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])) @ ctm
                yield Event("form", page, op, operands, ctm=inner, obj=xobj)
                yield from _walk(xobj, xobj.get("/Resources", resources), inner, page, depth + 1)
