"""The issue's review, built as a new user would: a utility's report with a 12-month line with its
record month, a six-share donut in percent, grouped and stacked bars over three years and a
diverging bar with a loss, once from YAML and once from semicolon CSV with decimal commas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.cache import Cache
from report.charts import render_charts
from report.content import load_document
from report.locale import get_locale
from report.theme import load_theme

from .chart_drawing import overlapping, texts
from .conftest import ASSETS, ROOT

FIXTURE = ROOT / "tests" / "data" / "stadtwerke-charts" / "content"
CHARTS = ["erzeugung", "strommix", "kunden", "kunden-gestapelt", "ergebnis"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stadtwerke")
    shutil.copytree(FIXTURE, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    return root / "content"


@pytest.fixture(scope="module")
def built(project):
    result = build(project, project.parent / "out")
    return result, {o.edition: o.path for o in result.outputs}


@pytest.fixture(scope="module")
def drawings(project, built):
    """The chart drawings of the build (from its cache: the same keys)."""
    doc = load_document(project)
    theme, fonts = load_theme(project, doc.assets_dir)
    return render_charts(doc.charts, theme, fonts, get_locale("de-DE"), theme.page.text_width, Cache()), theme


def test_both_editions_build_without_warnings(built):
    """Nothing to say of the charts; of the pages, that a chart after two others leaves a page ending a
    quarter short (the page-gap warning, layout.pagefill.short_pages), once for each half."""
    result, paths = built
    assert set(paths) == {"print", "screen"}
    assert [w.message.split(":")[0] for w in result.warnings] == [
        "page 4 ends about 11 lines short, 24 % of its text area empty",
        "page 6 ends about 11 lines short, 24 % of its text area empty"], [w.format() for w in result.warnings]
    assert [f for f in result.preflight.findings if f.status != "pass"] == []  # e.g. small white text passes


@pytest.mark.parametrize("name", CHARTS)
def test_csv_and_yaml_draw_the_same_chart(drawings, name):
    charts, _ = drawings
    yaml_pdf, csv_pdf = charts[name].pdf, charts[f"{name}-csv"].pdf
    assert texts(yaml_pdf) == texts(csv_pdf)
    assert overlapping(yaml_pdf) == []


def test_every_number_prints_as_written(drawings):
    charts, _ = drawings
    words = {name: set(texts(charts[name].pdf)) for name in CHARTS}
    assert "318,6\u00a0GWh" in words["erzeugung"]  # the record month
    assert {"12,0\u00a0%", "4,9\u00a0%", "2.431 GWh"} <= words["strommix"]  # 12,0 keeps its written zero
    assert {"49,0", "16,5"} <= words["kunden"]
    assert {"92,1", "93,9", "97,0"} <= words["kunden-gestapelt"]  # totals with the parts' decimals
    assert {"\u22122,35", "5,6"} <= words["ergebnis"]  # a real minus sign


def _chart_forms(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        for name, xobj in page.obj.get("/Resources", {}).get("/XObject", {}).items():
            if name.startswith("/RptChart_"):
                yield name, xobj


def test_print_drawings_are_cmyk_only_in_theme_colours(built, drawings):
    _, paths = built
    _, theme = drawings
    from dataclasses import fields
    theme_cmyk = {tuple(round(v / 100, 4) for v in theme.colour(f.name).cmyk) for f in fields(theme.colours)}
    seen = 0
    with pikepdf.open(paths["print"]) as pdf:
        for _name, form in _chart_forms(pdf):
            seen += 1
            for ins in pikepdf.parse_content_stream(form):
                op = str(ins.operator)
                assert op not in ("rg", "RG", "g", "G", "sc", "SC", "scn", "SCN"), f"{op} in a print chart"
                if op in ("k", "K"):
                    cmyk = tuple(round(float(v), 4) for v in ins.operands)
                    assert cmyk in theme_cmyk or cmyk[:3] == (0, 0, 0), cmyk  # theme colours, or greys as K
    assert seen == 2 * len(CHARTS)


def _struct(pdf: pikepdf.Pdf):
    out = []

    def walk(elem):
        role = str(elem.get("/S", ""))[1:]
        out.append((role, elem))
        kids = elem.get("/K", [])
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)
    walk(pdf.Root.StructTreeRoot.K)
    return out


def test_charts_whose_alt_lacks_numbers_carry_a_data_table(built):
    _, paths = built
    with pikepdf.open(paths["screen"]) as pdf:
        elems = _struct(pdf)
    roles = [r for r, _ in elems]
    # erzeugung, strommix, kunden and kunden-gestapelt say some numbers in their alt, not all;
    # ergebnis says every one: no table
    assert roles.count("Table") == 2 * 4 and roles.count("Figure") >= 2 * 5
    for i, role in enumerate(roles):
        if role == "Table":
            assert roles[i - 1] == "Figure" and roles[i + 1:i + 3] == ["TR", "TH"]  # beside its chart
    from .test_tagging import _struct_text
    text = _struct_text(paths["screen"])  # what a screen reader gets: the cells, word for word
    assert "Wärme" in text and "318,6" in text and "34,2" in text


def test_pages_look_designed_at_thumbnail_size(built):
    """The pages with charts, rendered as the newsletter's 600-px thumbnails: ink on every chart page,
    and the colours of the chart palette visible (not washed out, not missing)."""
    _, paths = built
    doc = pdfium.PdfDocument(paths["screen"])
    try:
        for index in (2, 3, 4):
            page = doc[index]
            scale = 600 / page.get_width()
            image = page.render(scale=scale).to_pil().convert("RGB")
            colours = image.getcolors(600 * 900)
            assert colours, "rendering failed"
            strong = sum(n for n, c in colours if max(c) - min(c) > 60)
            assert strong > 2000, f"page {index + 1} shows hardly any chart colour at 600 px"
    finally:
        doc.close()
