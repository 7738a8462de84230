"""A review in another language, built from the sample: the helpers the language tests share (a
build with sections of their own, and the text of its PDF as lines and as pdfium reads it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from . import pdf_chars
from .conftest import ASSETS, SAMPLE_CONTENT, set_sections


def build_in(root: Path, language: str, sections: dict[str, str], editions: list[str] | None = None,
             report_yaml: str = "") -> dict:
    """The sample in `language` (its closing page's labels the language's own) with `sections` as its
    only sections (and `report_yaml`'s lines added to report.yaml): edition name → PDF; the build has
    no warning."""
    from report.build import build
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    report = root / "content" / "report.yaml"
    text = report.read_text(encoding="utf-8").replace("language: de-DE", f"language: {language}")
    text = text.replace("  heading: Kontakt und Impressum\n", "").replace(  # the closing page's labels
        "  publisher: Thüringen International\n", "  publisher: Thüringen International\n  email: info@example.org\n")
    report.write_text(text + report_yaml, encoding="utf-8")
    set_sections(root / "content", sections)
    result = build(root / "content", root / "out", editions)
    assert not result.warnings, result.warnings
    return {o.edition: o.path for o in result.outputs}


def lines(pdf: Path) -> list[str]:
    """The PDF's lines as drawn, without spaces (pdf_chars leaves them out)."""
    rows: dict[tuple[int, float], list] = {}
    for c in pdf_chars.chars(pdf):
        rows.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    return ["".join(c.text for c in sorted(row, key=lambda c: c.box[0])).replace("\ufffe", "-")
            for row in rows.values()]  # \ufffe: pdfium's added hyphen


def text(pdf: Path) -> str:
    """The PDF's text as pdfium reads it, page after page."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
