"""A theme colour as a tint of another ({of: primary, percent: 15}): a two-colour job (black and one
Pantone) keeps its tile and box backgrounds on the spot plate, drawn as the ink's /Separation at the
tint's strength, not as CMYK; a tint of a process colour screens each of its inks; the screen edition
shows the base's sRGB mixed with white. A tint of an unknown, a tinted or the paper colour stops the
build at its line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.preflight import DEFAULT_PROFILE, PASS, preflight

from .conftest import ASSETS, ROOT
from .test_print_spot import _theme_errors, assert_errors, plates_of

INK = "PANTONE 286 C"
THEME = (f"colours:\n  primary: {{cmyk: [100, 72, 0, 18], rgb: \"#0033A0\", spot: {INK}}}\n"
         "  tint: {of: primary, percent: 15}\n"   # tiles and boxes: 15 % of the ink
         "  sky: {of: primary, percent: 40}\n"    # the chart's bars: 40 % of the ink
         "  rule: {of: accent, percent: 30}\n"    # hairlines: 30 % of 0/60/90/0, in process inks
         "charts:\n  palette: [sky, primary]\n")
TINT_RGB = (217, 224, 241)  # 255 − (255 − c) × 0.15 of #0033a0
SEPARATION = f"/{INK}"


@pytest.fixture(scope="module")
def tint_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The English example cut to its key figures (tiles) and review (a bar chart), with a box added."""
    root = tmp_path_factory.mktemp("tints")
    content = root / "content"
    shutil.copytree(ROOT / "examples" / "en" / "content", content)
    shutil.copytree(ASSETS, root / "assets")
    report = (content / "report.yaml").read_text(encoding="utf-8")
    for name in ("03-highlights", "04-foreign-trade-day"):
        report = report.replace(f"  - sections/{name}.yaml\n", "")
    (content / "report.yaml").write_text(report, encoding="utf-8")
    review = content / "sections" / "02-review.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace(
        "  - chart: activities\n", "  - chart: activities\n  - box:\n      title: At a glance\n      blocks:\n"
        "        - paragraph: Five trips, twenty delegations and six joint stands.\n"), encoding="utf-8")
    (content / "theme.yaml").write_text(THEME, encoding="utf-8")
    result = build(content, root / "out")
    paths = {o.edition: o.path for o in result.outputs}
    return paths["print"], paths["screen"], [w.message for w in result.warnings]


def _filled_rects(pdf: pikepdf.Pdf, page: int) -> list[tuple[tuple, float, float]]:
    """Each rectangle a page fills: (its fill colour as ('cs', space, tint) or ('k', c, m, y, k), w, h)."""
    fill: tuple = ()
    saved, rects, out = [], [], []
    for ins in pikepdf.parse_content_stream(pdf.pages[page - 1]):
        op, args = str(ins.operator), list(ins.operands)
        if op == "q":
            saved.append(fill)
        elif op == "Q" and saved:
            fill = saved.pop()
        elif op == "cs":
            fill = ("cs", str(args[0]))
        elif op == "scn" and fill[:1] == ("cs",):
            fill = ("cs", fill[1], round(float(args[0]), 4))
        elif op == "k":
            fill = ("k", *(round(float(v), 4) for v in args))
        elif op == "re":
            rects.append((float(args[2]), float(args[3])))
        elif op in ("f", "f*", "B", "b"):
            out += [(fill, abs(w), abs(h)) for w, h in rects]
            rects = []
        elif op in ("n", "S", "s"):
            rects = []
    return out


def test_print_draws_the_tint_as_a_screen_of_the_spot_ink(tint_build):
    print_pdf, _, _ = tint_build
    with pikepdf.open(print_pdf) as pdf:
        spaces = {str(o[1]) for o in pdf.objects if isinstance(o, pikepdf.Array) and len(o) == 4
                  and o[0] == pikepdf.Name.Separation}
        assert spaces == {f"/{INK}", "/All"}, spaces  # the tint is the ink's plate, not one of its own
        tiles = [fill for fill, w, h in _filled_rects(pdf, 3) if w > 150 and h > 100]  # the key-figure tiles
        assert tiles == [("cs", SEPARATION, 0.15)] * 8, tiles
        boxes = [fill for fill, w, h in _filled_rects(pdf, 4) if w > 150 and h > 30 and fill[:1] == ("cs",)]
        assert ("cs", SEPARATION, 0.15) in boxes, boxes  # the box
        data = b"".join(p.Contents.read_bytes() for p in pdf.pages)
        chart = next(x for p in pdf.pages for n, x in p.Resources.get("/XObject", {}).items()
                     if n.startswith("/RptChart_activities"))
        data += chart.read_bytes()
        assert not re.search(rb"(?<![\d.])0?\.15 0?\.108 0 0?\.027 k", data)  # the tint's CMYK, in 4 plates
        # the chart's bars (matplotlib's sRGB of sky) are 40 % of the ink
        assert re.search(rb"/PANTONE#20286#20C\s+cs\s+0?\.4 scn", chart.read_bytes())
        assert re.search(rb"(?<![\d.])0 0?\.18 0?\.27 0 K", pdf.pages[2].Contents.read_bytes())  # rule: 30 %


def test_preflight_and_slug_name_the_one_ink(tint_build):
    print_pdf, _, warnings = tint_build
    assert not [w for w in warnings if "tint" in w or "colour" in w], warnings
    report = preflight(print_pdf.read_bytes(), DEFAULT_PROFILE, render=False)
    assert not report.failed and not report.count("warn"), report.format()
    assert [f.message for f in report.findings if f.check == "colour" and f.status == PASS] == [
        f"CMYK, grey and spot colour {INK} only, in content, images, shadings, groups and masks"]
    slug = pdfium.PdfDocument(print_pdf)[2].get_textpage().get_text_range()
    assert slug.count(INK) == 1 and re.search(rf"Page 3 · {INK} · ", slug), slug[-200:]


def test_the_tiles_are_on_the_spot_plate_alone(tint_build, tmp_path):
    print_pdf, _, _ = tint_build
    plates = plates_of(print_pdf, 3, tmp_path, INK)
    ink = plates[INK]
    screened = (abs(ink - 0.15 * 255) < 6)  # the tiles' 15 % screen
    assert screened.mean() > 0.2, screened.mean()
    for process in ("Cyan", "Magenta", "Black"):  # (black text overprints the screen)
        assert (plates[process][screened] == 0).mean() > 0.9, process


def test_screen_shows_the_rgb_mixed_with_white(tint_build):
    _, screen_pdf, _ = tint_build
    page = pdfium.PdfDocument(screen_pdf)[2].render(scale=0.5).to_pil().convert("RGB")
    pixels = np.asarray(page).reshape(-1, 3)
    colours, counts = np.unique(pixels[(pixels < 250).any(axis=1)], axis=0, return_counts=True)
    tile = colours[counts.argmax()]  # the page's most common colour but the paper: the tiles
    assert np.abs(tile.astype(int) - TINT_RGB).max() <= 2, tile


def _errors(tmp_path: Path, colours: str) -> list[str]:
    return _theme_errors(tmp_path, "colours:\n" + colours)


def test_a_tint_of_no_colour_of_its_own_stops_at_its_line(tmp_path):
    errors = _errors(tmp_path, (
        "  tint: {of: primery, percent: 15}\n"
        "  muted: {of: paper, percent: 60}\n"
        "  sky: {of: steel, percent: 50}\n"
        "  steel: {of: primary, percent: 40}\n"
        "  rose: {of: rust, percent: 50}\n"
        "  rust: {of: rose, percent: 50}\n"
        "  rule: {of: ink, percent: 20, cmyk: [0, 0, 0, 20]}\n"
        "  plum: {percent: 20}\n"))
    expected = [
        ("theme.yaml:2:", "colour tint: unknown colour 'primery' to be a tint of", "did you mean 'primary'?"),
        ("theme.yaml:3:", "colour muted cannot be a tint of paper", "name a colour that prints"),
        ("theme.yaml:4:", "colour sky is a tint of steel, itself a tint of primary",
         "{of: primary, percent: 20} (50 % of 40 %)"),
        ("theme.yaml:6:", "colour rose is a tint of itself (rose → rust → rose)", "give rust cmyk and rgb"),
        ("theme.yaml:7:", "colour rust is a tint of itself (rust → rose → rust)", "give rose cmyk and rgb"),
        ("theme.yaml:8:", "colour rule: a tint of ink takes its cmyk from ink", "leave out cmyk"),
        ("theme.yaml:9:", "colour plum: percent needs of: the colour it is a tint of", "{of: primary, percent: 15}"),
    ]
    assert_errors(errors, expected)
    errors = _errors(tmp_path, "  tint: {of: primary, percent: 150}\n")
    assert len(errors) == 1 and "theme.yaml:2:" in errors[0] and "percent = 150 is out of range" in errors[0] \
        and "from 1 to 100" in errors[0], errors
