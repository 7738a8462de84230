"""A theme colour printed in a spot ink: the print edition draws it — text, panels, the contents'
page numbers (forms), a chart's bars — in one /Separation colour space named after the ink with its
CMYK alternate, the slug line names the plate, the preflight passes and names the ink; the screen
edition keeps the colour's sRGB. A spot value that no print shop could match stops the build at its
line with a hint."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from report.build import build
from report.colours import PROFILE
from report.errors import ReportError
from report.preflight import DEFAULT_PROFILE, PASS, preflight
from report.theme import load_theme, plate_warnings

from .conftest import ASSETS, ROOT, require_tool

INK = "PANTONE 286 C"
SPOT_THEME = f"colours:\n  primary: {{cmyk: [100, 72, 0, 18], rgb: \"#0033a0\", spot: {INK}}}\n"
SETS_INK = re.compile(rb"/PANTONE#20286#20C\s+(?:cs|CS)\b")
ALTERNATE_AS_CMYK = re.compile(rb"(?<![\d.])1 0?\.72 0 0?\.18 [kK]\b")  # primary drawn in process colours


def _project(root: Path, theme: str) -> Path:
    """The English example cut to its review section (headings, a quote, the activities bar chart)."""
    content = root / "content"
    shutil.copytree(ROOT / "examples" / "en" / "content", content)
    shutil.copytree(ASSETS, root / "assets")
    report = (content / "report.yaml").read_text(encoding="utf-8")
    for name in ("01-figures", "03-highlights", "04-foreign-trade-day"):
        report = report.replace(f"  - sections/{name}.yaml\n", "")
    (content / "report.yaml").write_text(report, encoding="utf-8")
    (content / "theme.yaml").write_text(theme, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def spot_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    root = tmp_path_factory.mktemp("spot")
    result = build(_project(root, SPOT_THEME), root / "out")
    paths = {o.edition: o.path for o in result.outputs}
    return paths["print"], paths["screen"], [w.message for w in result.warnings]


def _streams(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Object, bytes]]:
    """Every page's and form's content stream: (what, the page or form, its bytes)."""
    out, seen = [], set()

    def forms(resources: pikepdf.Object) -> None:
        for name, xobj in resources.get("/XObject", {}).items():
            if xobj.get("/Subtype") == "/Form" and xobj.objgen not in seen:
                seen.add(xobj.objgen)
                out.append((str(name), xobj, xobj.read_bytes()))
                forms(xobj.get("/Resources", {}))

    for n, page in enumerate(pdf.pages, start=1):
        out.append((f"page {n}", page.obj, page.Contents.read_bytes()))
        forms(page.obj.Resources)
    return out


def test_print_draws_the_colour_in_one_separation_named_after_the_ink(spot_build):
    print_pdf, _, _ = spot_build
    with pikepdf.open(print_pdf) as pdf:
        spaces = [o for o in pdf.objects if isinstance(o, pikepdf.Array) and len(o) == 4
                  and o[0] == pikepdf.Name.Separation and str(o[1]) == f"/{INK}"]
        assert len(spaces) == 1, spaces  # one object for the ink, shared by pages and forms
        space = spaces[0]
        assert space[2] == pikepdf.Name.DeviceCMYK
        assert [float(v) for v in space[3].C1] == [1, 0.72, 0, 0.18] and [float(v) for v in space[3].C0] == [0] * 4
        streams = _streams(pdf)
        users = [what for what, _, data in streams if SETS_INK.search(data)]
        # the page's text and panels, the contents' page numbers (reportlab forms) and the chart (matplotlib)
        assert "page 1" in users and any(u.startswith("/RptChart_activities") for u in users), users
        assert any("RptTocNumber" in u for u in users), users
        for what, obj, data in streams:
            if SETS_INK.search(data):  # every page and form that sets the ink has it in its own resources
                assert obj.Resources.ColorSpace[f"/{INK}"].objgen == space.objgen, what
            assert not ALTERNATE_AS_CMYK.search(data), f"{what} draws primary in CMYK"


def test_the_slug_line_names_the_spot_plate_and_the_marks_print_on_it(spot_build):
    print_pdf, _, _ = spot_build
    doc = pdfium.PdfDocument(print_pdf)
    text = doc[1].get_textpage().get_text_range()
    assert re.search(rf"review-2017-en-print\.pdf · Page 2 · {INK} · ", text), text[-200:]
    with pikepdf.open(print_pdf) as pdf:
        assert str(pdf.pages[1].Resources.ColorSpace["/All"][1]) == "/All"  # registration: every plate


def test_preflight_passes_and_names_the_ink(spot_build):
    print_pdf, _, warnings = spot_build
    assert not [w for w in warnings if "spot" in w or "primary" in w], warnings
    report = preflight(print_pdf.read_bytes(), DEFAULT_PROFILE, render=False)
    assert not report.failed and not report.count("warn"), report.format()
    colour = [f for f in report.findings if f.check == "colour"]
    assert [(f.status, f.message) for f in colour] == [
        (PASS, f"CMYK, grey and spot colour {INK} only, in content, images, shadings, groups and masks")]


def test_screen_keeps_the_rgb(spot_build):
    _, screen_pdf, _ = spot_build
    with pikepdf.open(screen_pdf) as pdf:
        assert not any(isinstance(o, pikepdf.Array) and len(o) and o[0] == pikepdf.Name.Separation
                       for o in pdf.objects)
        data = b"".join(d for _, _, d in _streams(pdf))
    assert not SETS_INK.search(data) and re.search(rb"(?<![\d.])0 \.2 \.627451 rg", data)  # #0033a0


def assert_errors(errors: list[str], expected: list[tuple[str, str, str]]) -> None:
    """Each expected (file:line, message, hint) is one of the formatted `errors`, and there are no others."""
    text = "\n".join(errors)
    for where, message, hint in expected:
        assert any(where in e and message in e and hint in e for e in errors), (message, text)
    assert len(errors) == len(expected), text


def plates_of(pdf: Path, page: int, tmp_path: Path, ink: str = INK) -> dict[str, np.ndarray]:
    """The ink coverage (0–255) of one page's plates, by Ghostscript's tiffsep: the spot ink's and the
    process inks' Cyan, Magenta, Black."""
    gs = require_tool("gs", "ghostscript")
    subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", "-r20", f"-dFirstPage={page}",
                    f"-dLastPage={page}", f"-sOutputFile={tmp_path}/p.tif", str(pdf)],
                   check=True, capture_output=True, timeout=60)
    return {name: 255 - np.asarray(Image.open(tmp_path / f"p({name}).tif").convert("L"), dtype=int)
            for name in (ink, "Cyan", "Magenta", "Black")}


def test_the_ink_has_a_plate_of_its_own(spot_build, tmp_path):
    """Ghostscript's tiffsep separates the cover: the title panel (primary) is on the spot plate and
    on no process plate."""
    print_pdf, _, _ = spot_build
    plates = plates_of(print_pdf, 1, tmp_path)
    h = plates[INK].shape[0]
    panel = (slice(int(h * 0.75), int(h * 0.85)), slice(None))  # in the panel's lower 40 %, below the title
    assert plates[INK][panel].mean() > 200  # full ink
    assert plates["Cyan"][panel].mean() < 5 and plates["Magenta"][panel].mean() < 5


def _theme_errors(tmp_path: Path, theme: str) -> list[str]:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "theme.yaml").write_text(theme, encoding="utf-8")
    with pytest.raises(ReportError) as err:
        load_theme(content, ASSETS)
    return [d.format() for d in err.value.diagnostics]


def test_spot_values_no_shop_could_match_stop_at_their_line(tmp_path):
    errors = _theme_errors(tmp_path, (
        "colours:\n"
        "  primary:   {cmyk: [100, 72, 0, 18], rgb: '#0033a0', spot: PANTONE 286 C}\n"
        "  accent:    {spot: HKS 43 K}\n"
        "  secondary: {cmyk: [100, 72, 0, 18], rgb: '#0033a0', spot: Pantone 286 C}\n"
        "  sky:       {cmyk: [60, 0, 10, 0], rgb: '#4fc3e0', spot: 'PANTONE 298 C/U'}\n"
        "  steel:     {cmyk: [65, 35, 5, 5], rgb: '#598bba', spot: 2945}\n"
        "  rose:      {cmyk: [5, 40, 35, 0], rgb: '#e4a899', spot: Magenta}\n"
        "  plum:      {cmyk: [90, 72, 0, 18], rgb: '#0033a0', spot: PANTONE 286 C}\n"))
    expected = [
        ("theme.yaml:3:", "spot 'HKS 43 K' has no cmyk of its own: it would take the default theme's 0/60/90/0",
         "give the ink's CMYK alternate from the brand guide beside it"),
        ("theme.yaml:3:", "spot 'HKS 43 K' has no rgb of its own", "screen colour"),
        ("theme.yaml:4:", "spot 'Pantone 286 C' of secondary and 'PANTONE 286 C' of primary differ only in case",
         "spell both 'PANTONE 286 C'"),
        ("theme.yaml:5:", "spot 'PANTONE 298 C/U' contains '/'", "as the swatch book spells it"),
        ("theme.yaml:6:", "spot '2945' is a number, not an ink's name", "e.g. spot: PANTONE 2945 C"),
        ("theme.yaml:7:", "spot 'Magenta' is one of the four process inks", "without spot"),
        ("theme.yaml:8:", "plum names the spot 'PANTONE 286 C' with cmyk 90/72/0/18, primary with 100/72/0/18",
         "give plum the cmyk of primary"),
    ]
    assert_errors(errors, expected)


def test_a_small_text_build_for_a_spot_colour_is_named_as_unused(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "theme.yaml").write_text(SPOT_THEME + "plates:\n  text_builds:\n    primary: [100, 70, 0, 0]\n",
                                        encoding="utf-8")
    theme, _ = load_theme(content, ASSETS)
    said = [d.format() for d in plate_warnings(theme, ASSETS / PROFILE)]
    assert any("theme.yaml:5:" in d and "plates.text_builds.primary is not used: primary is the spot colour "
               f"{INK}" in d for d in said), said
    assert not [d for d in said if "colour primary" in d], said  # no few-plate build is chosen for the ink
