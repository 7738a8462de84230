"""Issue 17, class 11: text is measured with its font, not counted. Wide letters on the cover's
organisation and credit lines and in the running head are set smaller until they fit; what does not
fit even at the smallest size, and key-figure texts that overflow their tile, are errors at file:line."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from report.build import build
from report.errors import ReportError

from .hostile import at, edit, line_of

CREDIT = 'credit: "Bildquelle: beermedia / fotolia.com"'


def _organisation(project: Path, text: str) -> None:
    report = project / "report.yaml"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"organisation: {text}\n" if line.startswith("organisation:") else line for line in lines]
    report.write_text("".join(lines), encoding="utf-8")


def _chars_outside(pdf: Path, margin: float) -> list[tuple[int, str]]:
    """Characters whose box reaches closer than `margin` points to the page's left or right edge."""
    out = []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for n, page in enumerate(doc):
            width = page.get_width()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                left, _, right, _ = text.get_charbox(i)
                if right > left and (left < margin or right > width - margin):
                    out.append((n, text.get_text_range(i, 1)))
    finally:
        doc.close()
    return out


def test_wide_lines_are_set_smaller(project: Path, tmp_path: Path) -> None:
    _organisation(project, "W" * 50)
    edit(project, "report.yaml", CREDIT, f'credit: "{"W" * 55}"')
    edit(project, "sections/01-zahlen.yaml", "label: Thüringer Gemeinschaftsstände", f"label: {'W' * 30}")
    pdf = build(project, tmp_path / "out", ["screen"]).outputs[0].path
    assert _chars_outside(pdf, margin=10 / 25.4 * 72) == []  # nothing closer than 10 mm to the edge


def test_credit_too_wide_even_when_smaller_is_an_error_at_its_line(project: Path, tmp_path: Path) -> None:
    edit(project, "report.yaml", CREDIT, f'credit: "{"W" * 100}"')
    with pytest.raises(ReportError) as err:
        build(project, tmp_path / "out", ["screen"])
    (diag,) = err.value.diagnostics
    at(diag, "report.yaml", line_of(project, "report.yaml", "credit:"))
    assert "image credit on the cover is too wide" in diag.message and diag.hint.startswith("shorten")


def test_a_photo_covers_credit_longer_than_the_right_edge_is_an_error(project: Path, tmp_path: Path) -> None:
    """On a photo cover the credit runs up the right edge: on a landscape A5 page that is 120 mm (the
    page's height less the top margin and the organisation's baseline), less than the text's 182 mm across."""
    credit = "Photo: " + "Amira Khan and the Northfield photo desk, " * 2 + "Settle"  # 97 characters
    edit(project, "report.yaml", CREDIT, f'layout: photo\n  credit: "{credit}"')
    (project / "theme.yaml").write_text("page:\n  size: A5\n  orientation: landscape\n", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        build(project, tmp_path / "out", ["screen"])
    (diag,) = err.value.diagnostics
    at(diag, "report.yaml", line_of(project, "report.yaml", "credit:"))
    assert diag.message == "the image credit on the cover is too wide: 126 mm at 8 pt, the page has 120 mm"


def test_key_figure_tiles_grow_to_hold_long_details(project: Path, tmp_path: Path) -> None:
    detail = ("Außenwirtschaftsberatungsunternehmen und Wirtschaftsförderungsgesellschaften begleiteten "
              "Markterkundungsreisen nach Kalifornien, Japan, Chicago und Mexiko")
    edit(project, "sections/01-zahlen.yaml", "detail: auf internationalen Fachmessen", f"detail: {detail}")
    edit(project, "sections/01-zahlen.yaml", "label: Thüringer Gemeinschaftsstände",
         "label: Gemeinschaftsstände auf Fachmessen in Nordamerika, Ostasien und Südostasien")
    pdf = build(project, tmp_path / "out", ["screen"]).outputs[0].path
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[2]
        text = page.get_textpage()
        words = text.get_text_range()
        assert "Mexiko" in words
        start = words.index("Mexiko")
        bottom = min(text.get_charbox(i)[1] for i in range(start, start + 6))
        tiles = [obj for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
        # the detail's last line lies inside some tile's filled rectangle, above its bottom edge
        assert any(left <= text.get_charbox(start)[0] and b < bottom and t > bottom
                   for left, b, _r, t in (tile.get_bounds() for tile in tiles))
    finally:
        doc.close()


def test_wide_chart_labels_are_wrapped_by_their_width(project: Path, tmp_path: Path) -> None:
    """Vertical bars with labels of 60 W: wrapped by measured width, they stay on the page and
    apart (counted in characters, each line was 22 W, 66 mm: three side by side ran off the chart)."""
    for old in ("Erreichte Thüringer insgesamt", "Teilnehmer Außenwirtschaftstag", "Teilnehmer Delegationsreisen"):
        edit(project, "charts/reichweite.yaml", f"  - {old}", f"  - {'W' * 60}")
    pdf = build(project, tmp_path / "out", ["screen"]).outputs[0].path
    assert _chars_outside(pdf, margin=10 / 25.4 * 72) == []
    doc = pdfium.PdfDocument(str(pdf))
    try:
        boxes = []
        for page in doc:
            text = page.get_textpage()
            chars = [text.get_text_range(i, 1) for i in range(text.count_chars())]
            in_run = [any(chars[j:j + 4] == ["W"] * 4 for j in range(max(0, i - 3), i + 1)) for i in range(len(chars))]
            boxes += [text.get_charbox(i) for i in range(len(chars)) if in_run[i]]
    finally:
        doc.close()
    assert len(boxes) >= 180
    # the labels are three columns of text with white space between them
    spans: list[list[float]] = []
    for left, _, right, _ in sorted(boxes):
        if spans and left <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    assert len(spans) == 3, spans


def test_too_many_wide_chart_labels_are_an_error(tmp_path: Path) -> None:
    from .hostile import diagnostics, make_project, only
    content = make_project(tmp_path)
    labels = "".join(f"  - {'W' * 20}\n" for _ in range(6))
    edit(content, "charts/reichweite.yaml",
         "  - Erreichte Thüringer insgesamt\n  - Teilnehmer Außenwirtschaftstag\n  - Teilnehmer Delegationsreisen\n",
         labels)
    edit(content, "charts/reichweite.yaml", "values: [1000, 200, 100]", "values: [1000, 200, 100, 1, 2, 3]")
    edit(content, "charts/reichweite.yaml", "qualifiers: [mehr als, mehr als, mehr als]",
         "qualifiers: [mehr als, mehr als, mehr als, null, null, null]")
    diag = only(diagnostics(content))
    at(diag, "charts/reichweite.yaml", line_of(content, "charts/reichweite.yaml", "categories:") + 1)
    assert "would overlap" in diag.message
