"""Issue 17, class 1: ordinary content never crashes the layout. A portrait photo scales to the text
frame with its caption beside it on the page, a long pull quote goes on over pages, and anything
that still fits on no page is an error at the block's file:line, not a reportlab traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.platypus import Flowable

from report.build import build
from report.errors import ReportError
from report.layout import section

from .hostile import edit, line_of

SECTION = "sections/02-bilanz.yaml"


def _add_blocks(project: Path, blocks: str) -> None:
    edit(project, SECTION, "  - chart: aktivitaeten\n", blocks + "  - chart: aktivitaeten\n")


def page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def _image_boxes(pdf: Path) -> list[tuple[int, float, float]]:
    """(page index, placed width, placed height) in points of every image drawn on a text page."""
    found = []
    with pikepdf.open(pdf) as doc:
        for n, page in enumerate(doc.pages):
            for operands, op in pikepdf.parse_content_stream(page):
                if op == pikepdf.Operator("cm") and len(operands) == 6:
                    a, _, _, d, _, _ = (float(v) for v in operands)
                    if a > 50 and d > 50:
                        found.append((n, a, d))
    return found


def test_portrait_photo_and_long_quote_fit(project: Path, tmp_path: Path) -> None:
    Image.new("RGB", (2000, 3000), (200, 100, 50)).save(project.parent / "assets/images/portrait.jpg")
    quote = " ".join(f"Wort{i} lang" for i in range(120))  # 240 words
    _add_blocks(project, "  - image:\n      image: images/portrait.jpg\n      caption: Hochformat-Bildunterschrift\n"
                         f"      alt: Ein Hochformat\n  - quote: >-\n      {quote}\n")
    result = build(project, tmp_path / "out", ["screen"])
    pdf = result.outputs[0].path
    texts = page_texts(pdf)
    (page, width, height), = [b for b in _image_boxes(pdf) if abs(b[2] / b[1] - 1.5) < 0.01]
    frame_h = (297 - 24 - 24) / 25.4 * 72  # not more than the text frame is high
    assert height < frame_h and width < 170 / 25.4 * 72
    assert "Hochformat-Bildunterschrift" in texts[page], "the caption left its image"
    quoted = " ".join(texts)
    assert "Wort0" in quoted and "Wort119" in quoted  # all of the quote is there, over two pages
    assert sum("Wort" in t for t in texts) >= 2


class _Huge(Flowable):
    """Something no page can hold and that cannot be split."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, 5000

    def draw(self) -> None:
        pass


def test_block_that_fits_nowhere_is_an_error_at_its_line(project: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def quote_layout(ctx: Any, block: Any) -> list[Any]:
        return [_Huge()]

    monkeypatch.setitem(section.BLOCK_LAYOUTS, section.Quote, quote_layout)
    (tmp_path / "out").mkdir()
    with pytest.raises(ReportError) as err:
        build(project, tmp_path / "out", ["screen"])
    (diag,) = err.value.diagnostics
    assert str(diag.pos.file).endswith(SECTION)
    assert diag.pos.line == line_of(project, SECTION, "repeat: true")  # the quote's first key
    assert "does not fit on a page" in diag.message and diag.hint
    assert list((tmp_path / "out").iterdir()) == []
