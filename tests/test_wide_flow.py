"""Page flow on a 16:9 page (13.333 × 7.5 in), the shortest text frame the layout meets (a landscape
review's charity found these): a sub-heading over a portrait with text beside it, eight key figures
with details and changes. One small project built once (print edition) and read back by word."""

from __future__ import annotations

from typing import Any

import pikepdf
import pytest
from PIL import Image

from report.build import build

from .test_text_beside import _text
from .test_text_blocks import REPORT, make_project
from .test_text_blocks_layout import _figures
from .test_wide_pages import _find, _words

FIGURES = [{"value": 4812 + i, "label": f"Kachel{chr(65 + i)} ehrenamtlich aktiv im Jahr",
            "detail": "gezählt, nicht geschätzt", "previous": 4105} for i in range(8)]
SECTIONS: dict[str, Any] = {
    "zahlen": {"kind": "key_figures", "title": "Das Jahr in Zahlen",
               "intro": "Jede Zahl unten ist gezählt, nicht geschätzt, wo nicht anders gesagt. " * 2,
               "figures": FIGURES},
    "geschichten": {"kind": "text", "title": "Geschichten vom Fluss", "page": "new", "columns": 1, "blocks": [
        {"paragraph": _text("Auftakt", 2)},
        {"heading": "KopfUeberDemHochformat"},
        {"image": {"image": "images/hoch.jpg", "alt": "HochAlt", "caption": "HochBild.", "credit": "Foto: Hoch",
                   "width": 30, "align": "left"}},
        {"paragraph": _text("NebenDemBild", 3)},
        {"paragraph": _text("AuchDaneben", 2, 4)}]},
    "quadrat": {"kind": "text", "title": "Ein Quadrat", "page": "new", "columns": 1, "blocks": [
        {"paragraph": _text("VorDemQuadrat", 12)},
        {"heading": "KopfUeberDemQuadrat"},
        {"image": {"image": "images/quadrat.jpg", "alt": "QuadratAlt", "caption": "QuadratBild."}},
        {"paragraph": _text("UnterDemQuadrat", 2)}]},
    "diagramm": {"kind": "text", "title": "Ein Diagramm", "page": "new", "blocks": [
        {"paragraph": _text("VorDemDiagramm", 14)},
        {"chart": "balken"},
        {"heading": "NachDemDiagramm"}, {"paragraph": _text("Danach", 3)}]},
    "notiz": {"kind": "text", "title": "Eine Notiz", "page": "new", "blocks": [
        {"paragraph": _text("VorDemRing", 1)},
        {"chart": "ring"},
        {"note": {"label": "Hinweis", "text": "NotizZumRing gilt für alle Werte."}},
        {"paragraph": _text("NachDerNotiz", 2)}]},
    "tabelle": {"kind": "text", "title": "Eine Tabelle", "page": "new", "columns": 1, "blocks": [
        {"paragraph": _text("VorDerTabelle", 6)},
        {"table": {"title": "TabellenTitel", "alt": "Eine Tabelle.", "source": "TabellenQuelle",
                   "columns": [{"name": "Name"}, {"name": "A", "type": "number"}, {"name": "B", "type": "number"}],
                   "rows": [[f"Zeile{k:02d}", k, k + 1] for k in range(16)]}},
        {"note": {"label": "Hinweis", "text": "NotizZurTabelle gilt."}}]},
}
CHARTS = {  # a 70 mm bar chart that misses the page under 14 sentences; a ring as high as a page leaves room
    "balken": "kind: bar\ntitle: BalkenTitel\nalt: Drei Balken.\ncaption: Ein Diagramm.\nsource: BalkenQuelle\n"
              "height: 70\ncategories: [A, B, C]\nseries:\n  - values: [1, 2, 3]\n",
    "ring": "kind: donut\ntitle: RingTitel\nalt: Drei Anteile.\ncaption: Ein Ring.\nsource: RingQuelle\nheight: 104\n"
            "categories: [A, B, C]\nvalues: [25, 30, 45]\nunit: '%'\n",
}


@pytest.fixture(scope="module")
def sixteen_nine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("sechzehnneun")
    content = make_project(root, REPORT, SECTIONS)
    (content / "theme.yaml").write_text("page:\n  size: [13.333in, 7.5in]\n", encoding="utf-8")
    Image.new("RGB", (1000, 1500), (90, 120, 150)).save(root / "assets" / "images" / "hoch.jpg", dpi=(300, 300))
    Image.new("RGB", (1200, 1200), (90, 120, 150)).save(root / "assets" / "images" / "quadrat.jpg", dpi=(300, 300))
    (content / "charts").mkdir()
    for name, text in CHARTS.items():
        (content / "charts" / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = build(content, root / "out", ["print"])
    path = result.outputs[0].path
    with pikepdf.open(path) as pdf:
        charts = [(no, str(name)) for no, page in enumerate(pdf.pages, start=1)
                  for name in page.Resources.get("/XObject", {}).keys() if "RptChart" in str(name)]
    return {"words": _words(path), "figures": _figures(path), "warnings": [w.format() for w in result.warnings],
            "charts": charts}


def test_a_sub_heading_stays_with_the_portrait_under_it(sixteen_nine):
    """A portrait as high as the page leaves room for its caption was set so high that its heading
    could not stand above it: the heading stood alone at a page's top, the image overleaf."""
    words = sixteen_nine["words"]
    head = _find(words, "KopfUeberDemHochformat")
    beside = _find(words, "NebenDemBild")
    images = [page for page, _ in sixteen_nine["figures"]]
    assert head[0] in images and beside[0] == head[0], (head, beside, images)


def test_a_portrait_with_text_beside_it_is_set_smaller_to_stay_under_the_opening(sixteen_nine):
    """Heading, portrait and the text beside it missed the page under the section's opening by a few
    lines: all of them moved on and left the page 80 % empty. The image is set smaller (to 3/4 at
    least) and the text beside it runs wider."""
    words = sixteen_nine["words"]
    head = _find(words, "KopfUeberDemHochformat")
    assert head[0] == _find(words, "AuchDaneben")[0]
    assert any(w[0] == head[0] for w in words if w[1] == "Geschichten")  # the section's title
    image = next(box for page, box in sixteen_nine["figures"] if page == head[0])
    beside = _find(words, "NebenDemBild")
    assert beside[2] > image[2] and beside[4] > image[1]  # right of the image, level with it


def test_a_sub_heading_keeps_room_for_the_photo_under_it_set_smaller(sixteen_nine):
    """A photo without `width` that misses a page's foot is set smaller (to 3/4 at least) to stay; a
    sub-heading before it asked for room for it at its full size and moved on with it, leaving the
    page's foot empty."""
    words = sixteen_nine["words"]
    head = _find(words, "KopfUeberDemQuadrat")
    assert head[0] == _find(words, "VorDemQuadrat")[0]
    image = next(box for page, box in sixteen_nine["figures"] if page == head[0] and box[2] - box[0] > 150)
    assert image[3] < head[4]  # under its heading


def test_eight_key_figures_with_details_and_changes_stand_four_and_four_on_one_page(sixteen_nine):
    """At their design's padding two rows of these tiles missed the 16:9 page by a few millimetres and
    the second row stood alone overleaf: they are set tighter to stay together."""
    tiles = [_find(sixteen_nine["words"], f"Kachel{chr(65 + i)}") for i in range(8)]
    assert len({t[0] for t in tiles}) == 1, [t[0] for t in tiles]
    rows = sorted({round(t[4]) for t in tiles})
    assert [sum(round(t[4]) == r for t in tiles) for r in rows] == [4, 4]


def test_a_chart_too_tall_for_the_page_names_its_height_and_the_most_it_may_be(tmp_path):
    """A 150 mm chart on a 16:9 page: the layout said only that a block at the section's line does not
    fit on a page. The error stands at the chart's `height:` and says how high the page lets it be."""
    from report.errors import ReportError
    section = {"kind": "text", "title": "Ein hohes Diagramm", "blocks": [{"paragraph": "Davor."}, {"chart": "hoch"}]}
    content = make_project(tmp_path, REPORT, {"hoch": section})
    (content / "theme.yaml").write_text("page:\n  size: [13.333in, 7.5in]\n", encoding="utf-8")
    (content / "charts").mkdir()
    (content / "charts" / "hoch.yaml").write_text(
        "kind: bar\ntitle: Hoch\nalt: Drei Balken.\ncaption: Ein Diagramm.\nsource: Zählung\nheight: 150\n"
        "categories: [A, B, C]\nseries:\n  - values: [1, 2, 3]\n", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        build(content, tmp_path / "out", ["screen"])
    d = err.value.diagnostics[0]
    assert str(d.pos.file).endswith("charts/hoch.yaml") and d.pos.line == 6, d.format()
    assert "150 mm high" in d.message and "sections/hoch.yaml:" in d.message, d.format()
    most = int(d.hint.split("at most ")[1].split(" mm")[0])
    assert 100 < most < 141, d.hint  # the text area of a 16:9 page is 141 mm high


def test_a_chart_that_misses_a_wide_page_by_a_little_is_drawn_lower_to_stay(sixteen_nine):
    """A 70 mm chart after the section's text missed the rest of the 16:9 page by a few millimetres and
    moved on, leaving the page half empty (a sub-heading after it: no text to float before it). On a
    wide page it is drawn at three quarters of its height (52.5 mm) to stay under its text."""
    words = sixteen_nine["words"]
    page = _find(words, "VorDemDiagrammEnde")[0]
    assert _find(words, "BalkenTitel")[0] == page and _find(words, "BalkenQuelle")[0] == page
    drawn = [name for no, name in sixteen_nine["charts"] if no == page]
    assert len(drawn) == 1 and "x52_5" in drawn[0], sixteen_nine["charts"]  # drawn at the height it is set at


def test_a_note_after_a_chart_goes_with_it(sixteen_nine):
    """A note after a chart that filled the page stood alone at the next page's top: small print
    goes with what it is about."""
    words = sixteen_nine["words"]
    assert _find(words, "NotizZumRing")[0] == _find(words, "RingQuelle")[0] == _find(words, "RingTitel")[0]


def test_a_table_with_a_note_after_it_still_breaks_at_a_page_foot(sixteen_nine):
    """The note goes on with the table's source; the table, shorter than a page, still breaks where the
    rest of a page holds most of its rows, rather than move on whole with the note."""
    words = sixteen_nine["words"]
    first = _find(words, "Zeile00")[0]
    assert _find(words, "VorDerTabelleEnde")[0] == first and _find(words, "Zeile15")[0] == first + 1
    assert _find(words, "NotizZurTabelle")[0] == _find(words, "TabellenQuelle")[0] == first + 1
