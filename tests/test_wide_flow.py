"""Page flow on a 16:9 page (13.333 × 7.5 in), the shortest text frame the layout meets (a landscape
review's charity found these): a sub-heading over a portrait with text beside it, eight key figures
with details and changes. One small project built once (print edition) and read back by word."""

from __future__ import annotations

from typing import Any

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
}


@pytest.fixture(scope="module")
def sixteen_nine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("sechzehnneun")
    content = make_project(root, REPORT, SECTIONS)
    (content / "theme.yaml").write_text("page:\n  size: [13.333in, 7.5in]\n", encoding="utf-8")
    Image.new("RGB", (1000, 1500), (90, 120, 150)).save(root / "assets" / "images" / "hoch.jpg", dpi=(300, 300))
    Image.new("RGB", (1200, 1200), (90, 120, 150)).save(root / "assets" / "images" / "quadrat.jpg", dpi=(300, 300))
    result = build(content, root / "out", ["print"])
    path = result.outputs[0].path
    return {"words": _words(path), "figures": _figures(path), "warnings": [w.format() for w in result.warnings]}


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
