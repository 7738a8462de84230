"""The grid block: charts, images or cards side by side in rows. One small project built once (screen
edition) and read back: where the cells stand, what lines up, how a grid splits between pages, the
tags; and the diagnostics of a grid written wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml
from PIL import Image

from report.build import build
from report.layout.styles import MM

from .conftest import without_page_gaps
from .hostile import at, diagnostics, line_of
from .test_tagging import _actual_texts, _walk
from .test_text_blocks import REPORT, _sentence, make_project

FULL, GAP = 170 * MM, 6 * MM  # the default theme's text frame (A4) and column gap
CELL = (FULL - GAP) / 2

HERKUNFT = {"kind": "donut", "title": "Mittelherkunft 2026", "caption": "Spenden tragen die Arbeit.",
            "source": "Jahresabschluss 2026", "height": 70, "unit": "%", "centre": "3,12 Mio. €",
            "alt": "Ringdiagramm der Mittelherkunft.",  # no numbers: the data table follows the Figure
            "categories": ["Spenden", "Zuwendungen anderer Stiftungen", "Öffentliche Zuschüsse",
                           "Erträge aus dem Stiftungskapital", "Nachlässe", "Sonstige"],
            "values": [38.2, 26.4, 18.9, 9.8, 4.6, 2.1]}
VERWENDUNG = {"kind": "donut", "title": "Mittelverwendung 2026 nach den Bereichen der Stiftungsarbeit",  # two lines
              "caption": "Fast alles floss in Projekte.", "source": "Jahresabschluss 2026", "height": 60,
              "unit": "%", "order": "as_written",
              "alt": "Ringdiagramm der Mittelverwendung: Projektförderung 61,5 %, Lesepatenschaften 18,2 %, "
                     "Schulbibliotheken 12,4 %, Verwaltung 7,9 %.",
              "categories": ["Projektförderung", "Lesepatenschaften", "Schulbibliotheken", "Verwaltung"],
              "values": [61.5, 18.2, 12.4, 7.9]}
CARDS = [{"image": f"images/karte{i}.jpg", "alt": f"Foto zu Projekt {i}", "title": f"Karte{i} Projekt",
          "text": f"Kartentext{i} " + " ".join(_sentence(i * 3 + k) for k in range(2 + i % 3)),
          "note": f"KartenNotiz{i} · Partner: Verein {i}", **({"credit": f"Foto: Nachweis {i}"} if i % 2 else {})}
         for i in range(1, 7)]
SECTIONS: dict[str, Any] = {
    "finanzen": {"kind": "text", "title": "Finanzen", "columns": 2, "blocks": [
        {"paragraph": "SpaltenText " + " ".join(_sentence(k) for k in range(8))},
        {"heading": "MittelKopf im Überblick"},
        {"grid": {"items": [{"chart": "herkunft"}, {"chart": "verwendung"}]}},
        {"paragraph": "NachDemRaster " + _sentence(3)}]},
    "niedriger": {"kind": "text", "title": "Knapp", "page": "new", "blocks": [  # its second row just misses the page
        {"paragraph": " ".join(_sentence(k) for k in range(3))},
        {"grid": {"items": [{"image": "images/karte1.jpg", "alt": "Ein Foto", "title": f"Zeile{i} Karte",
                             "text": " ".join(_sentence(i + k) for k in range(3)), "note": "Notiz"}
                            for i in range(1, 5)]}}]},
    "projekte": {"kind": "text", "title": "Projekte", "page": "new", "blocks": [
        {"paragraph": "VorDenKarten " + " ".join(_sentence(k) for k in range(12)) + " Siehe [S. {page}](#herkunft)."},
        {"grid": {"columns": 2, "items": CARDS}}]},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    root = tmp_path_factory.mktemp("grid")
    content = make_project(root, REPORT, SECTIONS)
    (content / "charts").mkdir()
    for name, chart in (("herkunft", HERKUNFT), ("verwendung", VERWENDUNG)):
        (content / "charts" / f"{name}.yaml").write_text(yaml.safe_dump(chart, allow_unicode=True), encoding="utf-8")
    for i, size in enumerate([(1500, 1000), (1000, 1500), (1200, 1200), (1800, 900), (1500, 1000), (1000, 1400)], 1):
        Image.new("RGB", size, (40 * i, 90, 160)).save(root / "assets" / "images" / f"karte{i}.jpg", dpi=(300, 300))
    result = build(content, root / "out", ["screen"])
    return result.outputs[0].path, result


def _find(pdf_path: Path, text: str) -> list[tuple[int, float, float]]:
    """(page from 1, left, top) of each place `text` is drawn (text of charts' drawings too; not a
    chart's data table for screen readers, drawn invisible and 1 pt small)."""
    out = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for no, page in enumerate(pdf, start=1):
            tp = page.get_textpage()
            searcher = tp.search(text, match_case=True)
            while (hit := searcher.get_next()) is not None:
                left, _b, _r, top = tp.get_charbox(hit[0])
                if pdfium_c.FPDFText_GetFontSize(tp.raw, hit[0]) > 2:
                    out.append((no, left, top))
    finally:
        pdf.close()
    return out


def _one(pdf_path: Path, text: str) -> tuple[int, float, float]:
    (found,) = _find(pdf_path, text)
    return found


def test_two_donuts_stand_side_by_side_with_their_legends_in_their_cells(built):
    """Mittelherkunft and Mittelverwendung on one page, left and right half of the frame, level (the
    second 60 mm high, its title in two lines); the
    sub-heading before the grid on the frame's left edge with the first; each donut's shares named in
    a legend inside its own cell (at half width the labels around the ring did not fit: set smaller,
    with a warning); no warning."""
    pdf, result = built
    assert without_page_gaps(result.warnings) == []  # (its grids stand on pages that end short: tested elsewhere)
    page, left, top = _one(pdf, "Mittelherkunft 2026")
    page2, left2, top2 = _one(pdf, "Mittelverwendung 2026 nach")
    head = _one(pdf, "MittelKopf")
    assert page == page2 == head[0] and abs(top - top2) < 0.5
    assert _find(pdf, f"Siehe S. {page}.")  # a cross-reference names a chart in a grid by its name
    assert abs(left2 - left - (CELL + GAP)) < 1.5 and abs(head[1] - left) < 1.5  # the heading on the frame's edge
    for name, value, cell in (("Zuwendungen anderer Stiftungen", "26,4", 0), ("Erträge aus dem Stiftungskapital",
                                                                           "9,8", 0), ("Schulbibliotheken", "12,4", 1)):
        for text in (name, value):
            p, x, _y = _one(pdf, text)
            assert p == page and left + cell * (CELL + GAP) <= x < left + cell * (CELL + GAP) + CELL, text
    # a row's charts line up: drawn equally high (70 mm, the taller's), the drawings level under titles
    # of one and two lines, and so are their legends and captions
    v1, v2 = _one(pdf, "38,2"), _one(pdf, "61,5")
    c1, c2 = _one(pdf, "Spenden tragen"), _one(pdf, "Fast alles floss")
    assert abs(v1[2] - v2[2]) < 0.5 and abs(c1[2] - c2[2]) < 0.5 and c1[2] < top - 70 * MM


def test_six_cards_go_row_by_row_and_split_between_rows(built):
    """Six cards in two columns: each row level (the photos cropped to one height whatever their
    proportions, with or without a credit under them), the grid split between two rows across the
    page, never inside a card: its title, text and note on one page."""
    pdf, _result = built
    titles = [_one(pdf, f"Karte{i} Projekt") for i in range(1, 7)]
    for i in range(1, 7):
        assert _one(pdf, f"Kartentext{i}")[0] == _one(pdf, f"KartenNotiz{i}")[0] == titles[i - 1][0]
    for a, b in zip(titles[::2], titles[1::2], strict=True):
        assert a[0] == b[0] and abs(a[2] - b[2]) < 0.5 and abs(b[1] - a[1] - (CELL + GAP)) < 1.5
    pages = [t[0] for t in titles]
    assert pages == sorted(pages) and pages[0] < pages[-1]  # reading order; the grid goes on on the next page
    assert _one(pdf, "VorDenKarten")[0] == pages[0]


def test_a_row_of_cards_that_just_misses_its_page_stays_with_lower_photos(built):
    """The second row of four cards misses the rest of the page by a few millimetres: it stays there,
    its photos cropped a little lower (not below three quarters of their height), rather than leave
    the page's foot empty; the first row's photos keep their 3:2."""
    pdf_path, _result = built
    first, second = _one(pdf_path, "Zeile1 Karte"), _one(pdf_path, "Zeile3 Karte")
    assert first[0] == second[0]
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[first[0] - 1]
        heights = sorted(round(o.get_bounds()[3] - o.get_bounds()[1], 1)
                         for o in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    finally:
        pdf.close()
    assert len(heights) == 4 and heights[2] == heights[3] == pytest.approx(CELL * 2 / 3, abs=0.2)
    assert heights[0] == heights[1] and CELL * 2 / 3 * 0.75 <= heights[0] < CELL * 2 / 3 - 1


def test_tags_read_the_grid_row_by_row(built):
    """Screen edition: each chart a Figure with its alt (one without numbers followed by its data as a
    Table), each card a Div of its photo's Figure (alt), its title, text and note as P, in reading order."""
    pdf_path, _result = built
    with pikepdf.open(pdf_path) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        found = _walk(pdf.Root.StructTreeRoot.K, pages, [])
        texts = _actual_texts(pdf)

        def words(elem_mcids: list[tuple[int, int]]) -> str:
            return " ".join(texts.get(m, "") for m in elem_mcids)
        roles = [(role, str(elem.get("/Alt", "")), words(mcids)) for role, elem, _p, mcids, _d in found]
        figures = [alt for role, alt, _w in roles if role == "Figure"]
        assert HERKUNFT["alt"] in figures and VERWENDUNG["alt"] in figures
        after = [role for role, *_ in roles[[r[1] for r in roles].index(HERKUNFT["alt"]) + 1:]][:2]
        assert after[0] == "Table"  # its data, as a single chart's
        divs = [(elem, depth) for role, elem, _p, _m, depth in found if role == "Div"]
        assert len(divs) == 10
        for i, (div, _depth) in enumerate(divs[4:], 1):
            kids = _walk(div, pages, [])[1:]
            shown = [(role, str(elem.get("/Alt", "")), words(m)) for role, elem, _p, m, _d in kids]
            assert shown[0][:2] == ("Figure", f"Foto zu Projekt {i}")
            ps = [w for role, _a, w in shown if role == "P"]
            assert [p.split()[0] for p in ps[-3:]] == [f"Karte{i}", f"Kartentext{i}", f"KartenNotiz{i}"], ps


def _grid_section(content: Path, grid: str) -> None:
    (content / "sections" / "05-raster.yaml").write_text(
        "kind: text\ntitle: Raster\nblocks:\n  - paragraph: Text.\n  - grid:\n" + grid, encoding="utf-8")
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("sections:\n", "sections:\n  - sections/05-raster.yaml\n", 1), encoding="utf-8")


def test_a_chart_is_drawn_only_at_the_sizes_it_is_set_at(tmp_path, monkeypatch):
    """A chart set only in a grid was drawn at the text frame's width as well, for nothing (and the
    editions' finishing waited for it). The build asks for each chart at the sizes the layout sets it
    at: the two donuts at their cells' size only."""
    import report.charts
    asked: list[list[str]] = []
    render = report.charts.render_charts

    def recorded(*args: Any, **kwargs: Any) -> Any:
        drawings = render(*args, **kwargs)
        asked.append(sorted(drawings))
        return drawings

    monkeypatch.setattr(report.charts, "render_charts", recorded)
    content = make_project(tmp_path, REPORT, {"finanzen": {"kind": "text", "title": "Finanzen", "blocks": [
        {"paragraph": "Die Mittel des Jahres."},
        {"grid": {"items": [{"chart": "herkunft"}, {"chart": "verwendung"}]}}]}})
    (content / "charts").mkdir()
    for name, chart in (("herkunft", HERKUNFT), ("verwendung", VERWENDUNG)):
        (content / "charts" / f"{name}.yaml").write_text(yaml.safe_dump(chart, allow_unicode=True), encoding="utf-8")
    build(content, tmp_path / "out", ["screen"])
    cell = f"{CELL:.2f}x70"  # the row's tallest chart: 70 mm
    assert asked == [[f"herkunft\0{cell}", f"verwendung\0{cell}"]]


@pytest.mark.parametrize(("grid", "needle", "message", "hint"), [
    ("      items: [{chart: aktivitaetn}, {chart: ziele}]\n", "aktivitaetn", "chart 'aktivitaetn' does not exist",
     "did you mean 'aktivitaeten'?"),
    ("      items:\n        - {chart: ziele, image: images/cover-artwork.jpg, alt: x}\n", "ziele, image",
     "grid: an item is a chart or an image, not both", "- chart: … and - image: …"),
    ("      items:\n        - {image: images/cover-artwork.jpg, title: Karte, text: Text.}\n", "Karte",
     "grid: the image has no alt", "add 'alt:'"),
    ("      columns: 4\n      items: [{chart: ziele}]\n", "columns: 4", "section: grid: columns = 4 is out of range",
     "from 2 to 3"),
    ("      items: []\n", "items: []", "section: grid: items: 0 items given, but at least 1 are needed",
     "at least 1"),
])
def test_a_grid_written_wrong_is_an_error_at_its_line(tmp_path, grid, needle, message, hint):
    from .hostile import make_project as sample_copy
    content = sample_copy(tmp_path)
    _grid_section(content, grid)
    (d,) = diagnostics(content)
    assert d.message == message and hint in (d.hint or ""), d.format()
    at(d, "sections/05-raster.yaml", line_of(content, "sections/05-raster.yaml", needle))


def test_a_chart_in_a_grid_may_go_without_a_caption_but_not_one_on_its_own(tmp_path):
    """Two donuts under a sub-heading, each with its title, rarely need a caption; `missing required key
    'caption'` was an error all the same (a Swiss review). In a grid the chart goes without: its title
    stays its tagged Caption, its drawing a Figure with its alt, the source under it. A chart that also
    stands on its own still needs one: an error at its file, naming where it stands."""
    from report.content import load_document
    from report.errors import ReportError
    content = make_project(tmp_path, REPORT, {"finanzen": {"kind": "text", "title": "Finanzen", "blocks": [
        {"heading": "Woher das Geld kommt"}, {"grid": {"items": [{"chart": "herkunft"}, {"chart": "verwendung"}]}}]}})
    (content / "charts").mkdir()
    bare = {k: v for k, v in VERWENDUNG.items() if k != "caption"}
    for name, chart in (("herkunft", HERKUNFT), ("verwendung", bare)):
        (content / "charts" / f"{name}.yaml").write_text(yaml.safe_dump(chart, allow_unicode=True), encoding="utf-8")
    result = build(content, tmp_path / "out", ["screen"])
    assert without_page_gaps(result.warnings) == []
    pdf = result.outputs[0].path
    assert _find(pdf, "Spenden tragen") and not _find(pdf, "Fast alles floss")
    (_, left, _), (_, left2, _) = _find(pdf, "Jahresabschluss 2026")  # both sources, one under each chart
    assert abs(left2 - left - (CELL + GAP)) < 1.5
    with pikepdf.open(pdf) as doc:
        pages = {p.obj.objgen: i for i, p in enumerate(doc.pages)}
        texts = _actual_texts(doc)
        roles = [(role, str(elem.get("/Alt", "")), " ".join(texts.get(m, "") for m in mcids))
                 for role, elem, _p, mcids, _d in _walk(doc.Root.StructTreeRoot.K, pages, [])]
    at_chart = [r[1] for r in roles].index(VERWENDUNG["alt"])
    assert roles[at_chart - 1][0] == "Caption" and "Mittelverwendung 2026" in roles[at_chart - 1][2], roles
    assert [r[0] for r in roles[at_chart:at_chart + 2]] == ["Figure", "P"]  # its alt, then the source
    section = content / "sections" / "finanzen.yaml"
    alone = yaml.safe_load(section.read_text(encoding="utf-8"))
    alone["blocks"].append({"chart": "verwendung"})
    section.write_text(yaml.safe_dump(alone, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ReportError) as err:
        load_document(content)
    (d,) = err.value.diagnostics
    assert d.message == "chart 'verwendung': missing required key 'caption'", d.format()
    assert d.pos.file.name == "verwendung.yaml" and "stands on its own at " in d.hint and "finanzen.yaml:" in d.hint
