"""American usage, as a US hospital's community benefit report asks for it (en-US against en-GB): closed em
dashes, en-dash ranges beyond years, "pts" for percentage points, "lower"/"higher" for any amount, a global
tel: link, a lead's bold, money on a chart's values, and a running head that names the organisation once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pytest

from report.build import build
from report.locale import get_locale, tel_uri

from .test_e2e import extract_text
from .test_text_blocks import make_project
from .test_text_blocks_layout import _font_at

US, GB, DE = get_locale("en-US"), get_locale("en-GB"), get_locale("de-DE")


def test_us_dashes_are_closed_em_dashes_and_british_ones_spaced_en_dashes():
    typed = "Our people -- nurses, aides - and staff---are our care."
    assert US.typographic(typed) == "Our people—nurses, aides—and staff—are our care."
    assert GB.typographic(typed) == "Our people\u00a0– nurses, aides\u00a0– and staff—are our care."
    assert DE.typographic("Wir -- alle - hier") == "Wir\u00a0– alle\u00a0– hier"
    assert US.typographic("-- Jane Doe") == "— Jane Doe"  # a source's dash keeps its space
    # a dash between spans of marked-up text (**bold** -- more): the spaces around it go too
    assert US.typographic(" -- more", before="d") == "—more" and US.typographic("more -- ", after="b") == "more—"


def test_a_line_may_end_after_a_closed_em_dash():
    from report.layout.hyphenate import word_breaks
    assert word_breaks("people—nurses,", None) == ((7, False),)  # never before the dash, nor a hyphen added
    assert word_breaks("—Jane", None) == () and word_breaks("so—", None) == ()


@pytest.mark.parametrize("lang", ["en-US", "en-GB"])
def test_ranges_of_pages_fiscal_years_and_times_take_an_en_dash(lang):
    loc = get_locale(lang)
    assert loc.typographic("pages 10-12, FY2025-FY2026, FY25-FY26, Q1-Q3, 9 a.m.-5 p.m., 9:00-17:00, ages 18-64") \
        == "pages 10–12, FY2025–FY2026, FY25–FY26, Q1–Q3, 9\u00a0a.m.–5\u00a0p.m., 9:00–17:00, ages 18–64"
    kept = ("call 555-1234 or 740-555-0142, ISBN 978-0-306-40615-7, on 2017-05-03, part AB1-AB2-AB3, COVID-19, "
            "a Q1-report, pages 12-10, FY26-FY25")
    assert loc.typographic(kept) == kept.replace("call 555", "call 555")


def test_tel_links_are_global_where_the_language_names_its_region():
    assert tel_uri("(740) 555-0142", "en-US") == "tel:+17405550142"
    assert tel_uri("1-740-555-0142", "en-US") == "tel:+17405550142"
    assert tel_uri("+1 740 555 0142", "en-GB") == "tel:+17405550142"
    assert tel_uri("0341 2345678", "de-DE") == "tel:+493412345678"  # the trunk 0 goes
    assert tel_uri("0341 2345678", "de") == "tel:03412345678"  # no region: as written


REPORT: dict[str, Any] = {
    "name": "benefit", "title": "Community Benefit Report", "organisation": "Riverbend Health", "year": 2026,
    "subtitle": "Riverbend Health — Fiscal Year 2026", "language": "en-US", "author": "Riverbend Health",
    "subject": "Community benefit", "lead": "We provided **$48.6 million** in community benefit.",
    "cover": {"image": "images/cover-artwork.jpg", "credit": "Photo: A. Lee", "alt": "A hospital at dawn"},
    "contact": {"publisher": "Riverbend Health", "address": ["1 Main St", "Marion, OH 43302"],
                "phone": "(740) 555-0142"},
}
SECTIONS: dict[str, Any] = {
    "figures": {"kind": "key_figures", "title": "The year in numbers", "figures": [
        {"value": 11.2, "unit": "%", "previous": 12.6, "change": "absolute", "better": "lower",
         "label": "readmission rate"},
        {"value": 52318, "previous": 54102, "label": "emergency visits"}]},
    "grants": {"kind": "text", "title": "Grants", "blocks": [{"paragraph": "Where the fund went."},
                                                             {"chart": "grants"}]},
}
CHART = """kind: bar
orientation: horizontal
title: Grants by priority
source: "Source: the fund"
caption: Food security received the most.
alt: Grants by priority, in millions of dollars.
unit: $M
categories: [Food security, Housing, Transportation]
series:
  - values: [0.62, 0.45, 0.29]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("us")
    content = make_project(root, REPORT, SECTIONS)
    (content / "charts").mkdir(exist_ok=True)
    (content / "charts" / "grants.yaml").write_text(CHART, encoding="utf-8")
    result = build(content, root / "out")
    return {o.edition: o.path for o in result.outputs}




def _font_drawing(path: Path, page: int, shown: bytes) -> str:
    """The font a page's content stream sets `shown` in (pdfium names, in a tagged PDF, the font of a
    marked-content sequence's first character for all its ActualText)."""
    with pikepdf.open(path) as pdf:
        page_ = pdf.pages[page]
        data = page_.Contents.read_bytes() if not isinstance(page_.Contents, pikepdf.Array) else \
            b"".join(c.read_bytes() for c in page_.Contents)
        before = data[:data.index(b"(" + shown)]
        name = before[before.rindex(b"/F"):].split()[0].decode()
        return str(page_.Resources.Font[name].BaseFont)


def test_the_leads_bold_is_bold_in_both_editions(built):
    assert "Light" in _font_at(built["print"], "We provided") and "Bold" in _font_at(built["print"], "$48.6")
    assert "Light" in _font_drawing(built["screen"], 1, b"We provided")
    assert "Bold" in _font_drawing(built["screen"], 1, b"$48.6 million")


def test_the_running_head_names_the_organisation_once(built):
    text = extract_text(built["print"])
    assert "Riverbend Health — Fiscal Year 2026" in text
    assert "Riverbend Health · Riverbend" not in text


def test_key_figures_say_pts_and_lower(built):
    text = extract_text(built["print"])
    assert "−1.4\u00a0pts" in text.replace(" pts", "\u00a0pts") and " pp" not in text
    with pikepdf.open(built["screen"]) as pdf:
        alts = [str(o.Alt) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/Alt" in o]
    assert any("52,318 emergency visits; 3.3% lower than the prior year" in a for a in alts), alts
    assert any("1.4 percentage points lower than the prior year" in a for a in alts), alts


def test_money_bars_carry_the_currency_and_the_axis_starts_at_0(built):
    lines = extract_text(built["print"]).split()
    assert {"$0.62M", "$0.45M", "$0.29M", "$0.7M"} <= set(lines) and "0.0" not in lines and "0" in lines


def test_the_closing_pages_phone_is_a_global_tel_link_on_screen(built):
    with pikepdf.open(built["screen"]) as pdf:
        uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "tel:+17405550142" in uris
