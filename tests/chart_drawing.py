"""Reading a chart drawing back: its words with their boxes, its filled shapes, its colours.

Everything comes from the PDF that the chart stage produced (pdfium for text, pikepdf for the
content stream), never from the drawing code's own numbers."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
import pypdfium2 as pdfium


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in points, y up

    @property
    def y(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def x(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    def overlaps(self, other: Word, tolerance: float = 0.3) -> bool:
        a, b = self.box, other.box
        return (min(a[2], b[2]) - max(a[0], b[0]) > tolerance and
                min(a[3], b[3]) - max(a[1], b[1]) > tolerance)


def words(pdf: bytes) -> list[Word]:
    """Text runs with their boxes. pdfium splits a run where a glyph has no text of its own (a
    ligature) or a gap opens; runs on one baseline that touch are joined back into one label."""
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[0].get_textpage()
        runs = []
        for i in range(tp.count_rects()):
            box = tp.get_rect(i)
            runs.append(Word(tp.get_text_bounded(*box).strip(), tuple(box)))
    finally:
        doc.close()
    joined: list[Word] = []
    for run in runs:
        last = joined[-1] if joined else None
        same_line = last and min(last.box[3], run.box[3]) - max(last.box[1], run.box[1]) > 0.5
        if same_line and -0.5 <= run.box[0] - last.box[2] < 3.0:
            sep = " " if run.box[0] - last.box[2] > 1.2 else ""
            joined[-1] = Word(last.text + sep + run.text, (last.box[0], min(last.box[1], run.box[1]), run.box[2],
                                                     max(last.box[3], run.box[3])))
        else:
            joined.append(run)
    return joined


def texts(pdf: bytes) -> list[str]:
    return [w.text for w in words(pdf)]


def find(pdf: bytes, text: str) -> Word:
    found = [w for w in words(pdf) if w.text == text]
    assert len(found) == 1, f"{text!r} appears {len(found)} times in {texts(pdf)}"
    return found[0]


def overlapping(pdf: bytes) -> list[tuple[str, str]]:
    ws = words(pdf)
    return [(a.text, b.text) for i, a in enumerate(ws) for b in ws[i + 1:] if a.overlaps(b)]


def colour_operators(pdf: bytes) -> set[str]:
    """Every colour-setting operator in the drawing and its forms (rg/RG for RGB, k/K for CMYK …)."""
    ops: set[str] = set()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for ins in pikepdf.parse_content_stream(doc.pages[0]):
            op = str(ins.operator)
            if op in ("rg", "RG", "g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"):
                ops.add(op)
    return ops


def filled_shapes(pdf: bytes) -> list[tuple[tuple[float, ...], tuple[float, float, float, float]]]:
    """(fill colour, bounding box) of every filled path: bars, wedges, areas, markers (grey as RGB)."""
    return _paths(pdf, stroked=False)


def stroked_paths(pdf: bytes) -> list[tuple[tuple[float, ...], tuple[float, float, float, float]]]:
    """(stroke colour, bounding box) of every stroked path: lines, gridlines, leaders."""
    return _paths(pdf, stroked=True)


def stroked_points(pdf: bytes) -> list[tuple[tuple[float, ...], list[tuple[float, float]]]]:
    """(stroke colour, points) of every stroked path: a line chart's series as polylines."""
    return _paths(pdf, stroked=True, points_only=True)


def _paths(pdf: bytes, stroked: bool, points_only: bool = False) -> list:
    out = []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        fill: tuple[float, ...] = ()
        stroke: tuple[float, ...] = ()
        stack: list[tuple[float, ...]] = []
        ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
        points: list[tuple[float, float]] = []
        for ins in pikepdf.parse_content_stream(doc.pages[0]):
            op = str(ins.operator)
            args = [float(a) for a in ins.operands if not isinstance(a, (pikepdf.Name, pikepdf.Array))]
            if op in ("rg", "k", "g"):
                fill = tuple(args) * (3 if op == "g" else 1)  # grey as RGB
            elif op in ("RG", "K", "G"):
                stroke = tuple(args) * (3 if op == "G" else 1)
            elif op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else (1, 0, 0, 1, 0, 0)
            elif op == "cm":
                a, b, c, d, e, f = args
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
            elif op in ("m", "l"):
                points.append(_apply(ctm, args[0], args[1]))
            elif op == "c":
                points += [_apply(ctm, args[i], args[i + 1]) for i in (0, 2, 4)]
            elif op == "re":
                x, y, w, h = args
                points += [_apply(ctm, x, y), _apply(ctm, x + w, y + h)]
            elif op in ("f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n"):
                strokes = op in ("S", "s", "B", "B*", "b", "b*")
                if points and (strokes if stroked else op not in ("S", "s", "n")):
                    xs, ys = [p[0] for p in points], [p[1] for p in points]
                    out.append((stroke if stroked else fill,
                                list(points) if points_only else (min(xs), min(ys), max(xs), max(ys))))
                points = []
    return out


def _apply(ctm: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = ctm
    return a * x + c * y + e, b * x + d * y + f
