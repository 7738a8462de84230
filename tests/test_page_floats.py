"""Figures that float (layout.floats): a chart, an image or a table that misses the rest of a page goes on at
the next page's top and the paragraphs after it fill the page, as a typesetter sets it — in one
column and in two; not past a sub-heading or the section's end, nor where its author pins it
(`place: here`). One build read back: where the body text ends on a page (pdfium's baselines, print
edition), where the figure stands, and the screen edition's reading order."""

from __future__ import annotations

import shutil
from typing import Any

import pikepdf
import pytest
from PIL import Image

from report.build import build
from report.layout.floats import FLOAT_LINES

from .conftest import SAMPLE_CONTENT, page_gaps, without_page_gaps
from .pdf_chars import chars
from .test_tagging import _actual_texts, _walk
from .test_text_blocks import REPORT, _sentence, make_project
from .test_text_blocks_layout import _figures

LEADING = 14.5  # the default theme's body leading
BODY = 10  # the default theme's body size
CHART_TITLE = "DasJahrinAktivitäten"  # charts/aktivitaeten.yaml (pdfium's characters, without the spaces)


def _text(word: str, sentences: int, start: int = 0) -> dict[str, str]:
    return {"paragraph": f"{word} " + " ".join(_sentence(start + k) for k in range(sentences)) + f" {word}Ende."}


def _lead(word: str, sentences: int) -> list[dict[str, str]]:
    """Paragraphs of ten sentences (quicker to break into lines and balance than one long one), the
    last one `word`."""
    tens = [_text(f"{word}{k}", 10, 10 * k) for k in range(sentences // 10 - 1)]
    return [*tens, _text(word, sentences - 10 * len(tens), 10 * len(tens))]


def _image(name: str, **more: Any) -> dict[str, Any]:
    return {"image": {"image": "images/hoch.jpg", "caption": f"{name}Bild.", "alt": f"{name}Alt", **more}}


def _table(name: str, **more: Any) -> dict[str, Any]:
    rows = [[f"Sparte {k}", 10.5 + k, 11.5 + k] for k in range(5)]
    return {"table": {"title": f"{name}Tabelle", "caption": f"{name}Text.", "alt": f"{name}Alt", **more,
                      "columns": [{"name": "Sparte"}, {"name": "2024", "type": "number"},
                                  {"name": "2025", "type": "number"}],
                      "rows": [*rows, {"kind": "total", "cells": ["Summe", 62.5, 67.5]}]}}


# each section's text before its figure leaves the figure no room at the page's foot, about 13 lines
SECTIONS: dict[str, Any] = {
    "voll": {"kind": "text", "title": "Eine volle Seite", "page": "new", "blocks": _lead("Voll", 70)},
    "eins": {"kind": "text", "title": "Ein hohes Bild", "page": "new", "blocks": [
        *_lead("EinsVor", 30), _image("Eins"), _text("EinsNach", 20, 3), _text("EinsWeiter", 6, 9),
        {"heading": "EinsZwischen"}, _text("EinsSchluss", 10)]},
    "zwei": {"kind": "text", "title": "Zwei Spalten", "page": "new", "columns": 2, "blocks": [
        *_lead("ZweiVor", 40), {"chart": "aktivitaeten"}, _text("ZweiNach", 10, 3), _text("ZweiWeiter", 14, 9)]},
    "drei": {"kind": "text", "title": "Vor einem Zwischentitel", "page": "new", "blocks": [
        *_lead("DreiVor", 30), {"chart": "aktivitaeten"}, {"heading": "DreiZwischen"}, _text("DreiNach", 12, 3)]},
    "vier": {"kind": "text", "title": "Am Ende", "page": "new", "blocks": [
        *_lead("VierVor", 30), {"chart": "aktivitaeten"}, _text("VierNach", 6, 3)]},
    "fuenf": {"kind": "text", "title": "Festgehalten", "page": "new", "blocks": [
        *_lead("FuenfVor", 30), _image("Fuenf", place="here"), _text("FuenfNach", 8, 3), _text("FuenfWeiter", 12, 9)]},
    "sechs": {"kind": "text", "title": "Daneben festgehalten", "page": "new", "blocks": [  # text beside the image
        *_lead("SechsVor", 30), _image("Sechs", place="here", width=45, align="right"), _text("SechsNach", 20, 3)]},
    "sieben": {"kind": "text", "title": "Eine Tabelle", "page": "new", "blocks": [  # six rows: it never breaks
        *_lead("SiebenVor", 30), _table("Sieben"), _text("SiebenNach", 20, 3), _text("SiebenWeiter", 6, 9)]},
    "acht": {"kind": "text", "title": "Eine festgehaltene Tabelle", "page": "new", "blocks": [
        *_lead("AchtVor", 30), _table("Acht", place="here"), _text("AchtNach", 20, 3)]},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("floats")
    content = make_project(root, REPORT, SECTIONS)
    shutil.copytree(SAMPLE_CONTENT / "charts", content / "charts")
    Image.new("RGB", (1600, 2000), (90, 120, 150)).save(root / "assets" / "images" / "hoch.jpg", dpi=(300, 300))
    result = build(content, root / "out")
    # the chart kept before its sub-heading (Drei) and before its section's last paragraph (Vier) leave their
    # pages ending short: the build says so (pinned figures not: their authors chose it)
    assert page_gaps(result.warnings) == ["page 10 ends about 9 lines short, 19 % of its text area empty: the chart",
                                          "page 12 ends about 9 lines short, 19 % of its text area empty: the chart"]
    assert not without_page_gaps(result.warnings), [w.format() for w in result.warnings]
    paths = {o.edition: o.path for o in result.outputs}
    seen = [c for c in chars(paths["print"]) if c.text.strip()]
    return {**paths, "seen": seen, "text": "".join(c.text for c in seen), "images": _figures(paths["print"])}


def _at(built: dict[str, Any], word: str) -> Any:
    at = built["text"].find(word)
    assert at >= 0, word
    return built["seen"][at]


def _body(built: dict[str, Any], page: int) -> list[Any]:
    return [c for c in built["seen"] if c.page == page and abs(c.size - BODY) < 0.1]


def _foot(built: dict[str, Any], page: int) -> float:
    """The lowest baseline of body text on a page."""
    return min(c.baseline for c in _body(built, page))


def _full(built: dict[str, Any]) -> float:
    return _foot(built, _at(built, "Voll").page)  # a page full of text


def test_an_image_that_misses_the_page_goes_on_at_the_next_pages_top_and_the_text_after_it_fills_the_page(built):
    page = _at(built, "EinsVorEnde.").page
    # the start of the paragraph after the image fills the page (the image left a third of it empty);
    # the image stands at the top of the next page, the paragraph goes on under it
    assert _at(built, "EinsNach").page == page
    assert _foot(built, page) < _full(built) + 1.5 * LEADING
    assert not [f for f in built["images"] if f[0] == page]
    [(_, (_, bottom, _, _))] = [f for f in built["images"] if f[0] == page + 1]
    assert all(c.baseline < bottom for c in _body(built, page + 1))
    assert _at(built, "EinsNachEnde.").page == _at(built, "EinsWeiter").page == page + 1


def test_a_spanning_chart_in_two_columns_goes_on_at_the_next_pages_top_and_the_columns_fill_the_page(built):
    page = _at(built, "ZweiVorEnde.").page
    assert _at(built, "ZweiNach").page == page
    body = _body(built, page)
    middle = (min(c.box[0] for c in body) + max(c.box[2] for c in body)) / 2
    for column in ([c for c in body if c.box[2] < middle], [c for c in body if c.box[0] > middle]):
        assert min(c.baseline for c in column) < _full(built) + 1.5 * LEADING  # both columns reach the foot
    title = _at(built, CHART_TITLE)
    assert title.page == page + 1 and all(c.baseline <= title.baseline for c in _body(built, page + 1))
    assert _at(built, "ZweiWeiterEnde.").page == page + 1


@pytest.mark.parametrize(("name", "figure"), [("Drei", CHART_TITLE), ("Vier", CHART_TITLE), ("Fuenf", "FuenfBild"),
                                              ("Sechs", "SechsBild")])
def test_a_figure_stays_before_a_sub_heading_the_sections_end_and_where_pinned(built, name, figure):
    """A sub-heading after the chart (Drei), a section that ends with a paragraph that fits in the
    room (Vier: the chart would end up alone after all of its text), `place: here` (Fuenf; Sechs, with
    text beside it): the figure moves on whole as it stands, the page's foot stays empty."""
    page = _at(built, f"{name}VorEnde.").page
    assert _foot(built, page) > _full(built) + FLOAT_LINES * LEADING  # the gap stays
    start = built["text"].find(f"{name}VorEnde.")
    at = built["text"].find(figure, start)
    assert built["seen"][at].page == page + 1
    assert at < built["text"].find(f"{name}Zwischen" if name == "Drei" else f"{name}Nach", start)


def test_the_screen_edition_reads_a_floated_figure_where_it_stands_in_the_text(built):
    """The image, the chart and the table are drawn after the paragraphs that now fill the page before them, but
    read where their authors put them: before those paragraphs, a paragraph split across the figure
    read in one go. Every marked sequence is in the tree once."""
    with pikepdf.open(built["screen"]) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        elems = _walk(pdf.Root.StructTreeRoot.K, pages, [])
        texts = _actual_texts(pdf)
        drawn = {(n, int(ins.operands[1].MCID)) for n, page in enumerate(pdf.pages)
                 for ins in pikepdf.parse_content_stream(page)
                 if str(ins.operator) == "BDC" and isinstance(ins.operands[1], pikepdf.Dictionary)
                 and "/MCID" in ins.operands[1]}
    tagged = [m for *_, mcids, _ in elems for m in mcids]
    assert sorted(tagged) == sorted(drawn)
    read = [str(e.get("/Alt", "")) or " ".join(texts.get(m, "") for m in mcids) for _, e, _, mcids, _ in elems]
    page = {r: min((p for p, _ in mcids), default=None) for r, (*_, mcids, _) in zip(read, elems, strict=True)}
    assert page["EinsAlt"] > page[next(r for r in read if r.startswith("EinsNach "))]  # drawn after it
    order = " | ".join(read)
    for before, figure, after in [("EinsVorEnde.", "EinsAlt", "EinsNach "), ("ZweiVorEnde.", "Balkendiagramm",
                                                                            "ZweiNach "),
                                  ("SiebenVorEnde.", "SiebenAlt", "SiebenNach ")]:
        assert order.find(before) < order.find(figure) < order.find(after) < order.find(after.strip() + "Ende.")
    nach = [r for r in read if "EinsNach" in r]
    assert len(nach) == 2 and nach[0].startswith("EinsNach ") and nach[1].endswith("EinsNachEnde.")
    assert read.index(nach[0]) + 1 == read.index(nach[1])  # one after the other, the image before them


def test_on_a_wide_page_the_columns_in_their_box_fill_the_page_before_a_chart(tmp_path):
    """A4 landscape: text sections are two columns in a box narrower than the frame. The columns that
    fill the page before the chart stand where the columns two pages on (the same side) stand: they
    stood a box's offset further right, their lines broken narrower."""
    content = make_project(tmp_path, REPORT, {"quer": {"kind": "text", "title": "Quer", "page": "new", "blocks": [
        *_lead("QuerVor", 70), {"chart": "aktivitaeten"}, *_lead("QuerNach", 90)]}})
    shutil.copytree(SAMPLE_CONTENT / "charts", content / "charts")
    (content / "theme.yaml").write_text("page:\n  orientation: landscape\n", encoding="utf-8")
    result = build(content, tmp_path / "out", ["print"])
    assert [w.message for w in result.warnings if "cover-artwork.jpg" not in w.message] == []
    seen = [c for c in chars(result.outputs[0].path) if c.text.strip()]
    text = "".join(c.text for c in seen)
    page = seen[text.find("QuerVorEnde.")].page
    assert seen[text.find("QuerNach")].page == page and seen[text.find(CHART_TITLE)].page == page + 1
    edges = [(min(c.box[0] for c in body), max(c.box[2] for c in body))
             for p in (page, page + 2) for body in [[c for c in seen if c.page == p and abs(c.size - BODY) < 0.1]]]
    assert abs(edges[0][0] - edges[1][0]) < 0.5 and abs(edges[0][1] - edges[1][1]) < 0.5, edges


def test_a_table_that_misses_the_page_goes_on_at_the_next_pages_top_and_the_text_after_it_fills_the_page(built):
    """A table shorter than a page that does not break (six rows) floats as a chart does: it left 9 lines
    of a page empty under the text before it, the paragraphs after it would have filled them. Pinned
    (`place: here`, as a statement is kept), it moves on whole and the gap stays."""
    page = _at(built, "SiebenVorEnde.").page
    assert _at(built, "SiebenNach").page == page
    assert _foot(built, page) < _full(built) + 1.5 * LEADING
    title = _at(built, "SiebenTabelle")
    assert title.page == page + 1 and all(c.baseline <= title.baseline for c in _body(built, page + 1))
    assert _at(built, "SiebenNachEnde.").page == _at(built, "SiebenWeiter").page == page + 1
    pinned = _at(built, "AchtVorEnde.").page
    assert _foot(built, pinned) > _full(built) + FLOAT_LINES * LEADING
    assert _at(built, "AchtTabelle").page == _at(built, "AchtNach").page == pinned + 1
