"""Every visible character of a PDF as pdfium reads it: page, character, box, font size, baseline."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


class Char(NamedTuple):
    page: int  # from 1
    text: str
    box: tuple[float, float, float, float]  # left, bottom, right, top
    size: float  # font size
    baseline: float  # y of the glyph's origin


def chars(pdf_path: Path) -> Iterator[Char]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for no, page in enumerate(pdf, start=1):
            tp = page.get_textpage()
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if not ch.strip():
                    continue
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
                yield Char(no, ch, tp.get_charbox(i), pdfium_c.FPDFText_GetFontSize(tp.raw, i), y.value)
    finally:
        pdf.close()
