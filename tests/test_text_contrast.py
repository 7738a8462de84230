"""Text in the theme's colours on screen reads as WCAG 2 AA asks (4.5 : 1, large text 3 : 1) on the
ground it stands on: kickers, key-figure qualifiers and changes on the tiles' tint, timeline dates, a
box's text, the back page's kicker on the primary colour. The print edition keeps the brand's colours,
and a theme whose running-text colours are too light for the paper is told so at its line."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from report.build import build
from report.colours import contrast_ratio, lab, luminance, text_contrast
from report.theme import load_theme

from .conftest import ASSETS, SAMPLE_CONTENT
from .test_text_blocks import REPORT, make_project

SECTIONS: dict[str, Any] = {
    "zahlen": {"kind": "key_figures", "kicker": "Bilanz", "title": "Das Jahr in Zahlen", "figures": [
        {"value": 1000, "qualifier": "mehr als", "label": "Kunden", "previous": 900},
        {"value": 5, "label": "Störungen", "previous": 8, "better": "lower"},
        {"value": 12, "qualifier": "rund", "label": "Kilometer Netz", "previous": 14}]},
    "text": {"kind": "text", "kicker": "Netze", "title": "Ein Kapitel in Farben", "blocks": [
        {"paragraph": "Ein Absatz vor der Zeitleiste."},
        {"timeline": {"title": "Das Jahr", "entries": [{"date": "Januar", "text": "Neujahrsempfang."},
                                                       {"date": "12. März", "text": "Neue Leitstelle."}]}},
        {"box": {"title": "Auf einen Blick", "blocks": [{"paragraph": "Ein Absatz im Kasten."},
                                                        {"note": {"label": "Hinweis", "text": "Gerundet."}},
                                                        {"list": {"style": "number", "items": ["Eins", "Zwei"]}}]}},
        {"quote": {"text": "Ein Zitat mit Namen.", "attribution": "Eine Stimme"}}]},
}
ACCENT = (0xEE / 255, 0x7D / 255, 0x2B / 255)  # the default theme's accent: 2.8 : 1 on paper


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("contrast")
    result = build(make_project(root, REPORT, SECTIONS), root / "out")
    assert not result.warnings
    return {o.edition: o.path for o in result.outputs}


def _rgb(colour: Any) -> tuple[float, float, float] | None:
    if colour is None or len(colour) not in (1, 3):
        return None
    return tuple(colour) * 3 if len(colour) == 1 else tuple(colour)


def _texts(path: Path) -> list[tuple[int, str, float, bool, tuple, tuple]]:
    """(page, text, size, bold, colour, ground) of each run of characters: its ground is the last
    filled rectangle drawn under it (a tile, a box, the back page, the cover's panel), else the paper;
    characters over an image (the cover's artwork) are left out."""
    runs: dict[tuple, str] = {}
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            fills = [r for r in page.rects if r.get("fill") and _rgb(r.get("non_stroking_color"))]
            for ch in page.chars:
                x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
                if not ch["text"].strip() or any(i["x0"] <= x <= i["x1"] and i["top"] <= y <= i["bottom"]
                                                 for i in page.images):
                    continue
                under = [r for r in fills if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
                ground = _rgb(under[-1]["non_stroking_color"]) if under else (1.0, 1.0, 1.0)
                bold = any(w in ch["fontname"] for w in ("Bold", "Black"))
                k = (n, round(ch["size"], 2), bold, _rgb(ch["non_stroking_color"]), ground)
                runs[k] = runs.get(k, "") + ch["text"]
    return [(n, text, size, bold, colour, ground) for (n, size, bold, colour, ground), text in runs.items()]


def test_screen_text_stands_out_from_its_ground_as_wcag_asks(built):
    runs = _texts(built["screen"])
    assert len(runs) > 10
    low = [(n, text[:30], size, f"{contrast_ratio(luminance(colour), luminance(ground)):.2f}")
           for n, text, size, bold, colour, ground in runs
           if contrast_ratio(luminance(colour), luminance(ground)) < text_contrast(size, bold)]
    assert not low, low
    # what the default accent sets, on paper, on the tint and on the back page: a shade of it
    shades = {colour for _, text, _, _, colour, _ in runs if any(w in text for w in ("NETZE", "MEHR", "BILDN"))}
    assert len(shades) == 3 and ACCENT not in shades, shades
    for shade in shades:  # the brand's hue, recognisably (CIELab hue angle within 8°)
        hue = [math.degrees(math.atan2(b, a)) for _, a, b in (lab(shade), lab(ACCENT))]
        assert abs(hue[0] - hue[1]) < 8, (shade, hue)


def test_print_keeps_the_brand_colours_of_text(built):
    """Contrast is the screen's matter: the kickers and dates print in the accent's own CMYK."""
    accent = (0, 0.6, 0.9, 0)
    with pdfplumber.open(built["print"]) as pdf:
        colours = {tuple(round(v, 3) for v in ch["non_stroking_color"]) for page in pdf.pages for ch in page.chars
                   if ch["text"] in "NETZMHRALSJanuar" and ch["fontname"].endswith("Bold")}
    assert accent in colours, colours


def test_running_text_colours_too_light_for_the_paper_warn_at_their_line(tmp_path):
    """UK finding 15: a theme's colours of running text were never checked against the paper."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "theme.yaml").write_text("colours:\n  ink: {cmyk: [0, 0, 0, 50], rgb: '#8a8a8a'}\n"
                                        "  muted: {of: ink, percent: 80}\n", encoding="utf-8")
    theme, _ = load_theme(content, ASSETS)
    found = [(f"{w.pos.line}:{w.pos.col}", w.message, w.hint) for w in theme.warnings if "contrast" in w.message]
    assert found[0] == ("2:35", "colour ink (body text): rgb #8a8a8a on the paper #ffffff has a contrast of "
                        "3.5 : 1, under the 4.5 : 1 WCAG 2 asks of small text; the screen edition sets its text in "
                        "#767676", 'give it a darker colour, e.g. rgb: "#767676", the nearest shade of its hue '
                        "that reaches it, with its cmyk to match")
    assert found[1][0] == "3:29" and "colour muted (captions, sources and folios)" in found[1][1]
    assert "its base ink is too light itself" in found[1][2] and len(found) == 2
