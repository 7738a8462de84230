"""A British charity's house style, built into a small en-GB report and read back: single quotation
marks outside (quotes: single), "vs" without a full stop, social accounts on the contact page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pytest

from report.build import build
from report.cli import main

from .test_e2e import _norm, extract_text
from .test_text_blocks import make_project

REPORT: dict[str, Any] = {
    "name": "impact", "title": "Rivers worth fighting for", "organisation": "Riverkeepers Trust", "year": 2026,
    "language": "en-GB", "quotes": "single", "author": "Riverkeepers Trust", "subject": "Impact Report",
    "lead": "We brought 'living rivers' back to 112 communities.",
    "cover": {"image": "images/cover-artwork.jpg", "credit": "Photo: A. Okafor", "alt": "A river bend at dawn"},
    "contact": {"publisher": "Riverkeepers Trust", "address": ["12 Weir Lane", "Bristol BS1 6QT"],
                "web": "https://www.example.org",
                "social": [{"network": "Instagram", "handle": "@riverkeepers", "url": "https://www.instagram.com/rk"},
                           {"network": "Bluesky", "handle": "@rk.example.org"}],
                "lines": ["Registered charity no. 1187654"]},
    "newsletter": {"pdf_url": "https://www.example.org/impact.pdf", "sender": "Riverkeepers Trust",
                   "button": "Read the report (PDF)"},
}
SECTIONS: dict[str, Any] = {
    "glance": {"kind": "key_figures", "title": "At a glance", "figures": [
        {"value": 4812, "previous": 4100, "label": "volunteers"},
        {"value": 27, "unit": "t", "label": "of litter"}]},
    "stories": {"kind": "text", "title": "Stories", "blocks": [
        {"paragraph": 'A volunteer said "they called it \'beyond saving\' then" and we didn\'t argue.'},
        {"quote": {"text": "'Look after the river' -- that's what my grandad used to say.",
                   "attribution": "Jack Turner"}},
        {"quote": {"text": "We count what comes back.", "attribution": "Dr Helen Marsh"}},
    ]},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("house")
    content = make_project(root, REPORT, SECTIONS)
    result = build(content, root / "out", ["screen"])
    assert not result.warnings
    return content, result.outputs[0].path


@pytest.fixture(scope="module")
def text(built: tuple[Path, Path]) -> str:
    return _norm(extract_text(built[1]))


def test_single_quotes_go_outside_and_double_ones_inside(text):
    assert _norm("A volunteer said ‘they called it “beyond saving” then’ and we didn’t argue.") in text
    assert _norm("brought ‘living rivers’ back") in text  # typed in straight single quotes: the outer marks
    # a pull quote takes single marks, a quotation inside it double ones
    assert _norm("‘“Look after the river” – that’s what my grandad used to say.’") in text
    assert _norm("‘We count what comes back.’") in text
    assert "“We" not in text


def test_a_tile_compares_with_the_previous_year_without_a_full_stop_after_vs(text):
    assert _norm("+17.4% vs previous year") in text and "vs." not in text


def test_quotes_single_is_an_error_for_a_language_without_single_marks(tmp_path, capsys):
    content = make_project(tmp_path, {**REPORT, "language": "fr-FR"}, SECTIONS)
    assert main(["build", str(content), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "report.yaml:" in err and "quotes: single: fr-FR has no single quotation marks" in err


def test_social_accounts_stand_on_the_contact_page_their_handles_linked(built, text):
    from report.content import load_document
    from report.newsletter.teaser import teaser_html, teaser_text
    content, pdf = built
    assert _norm("Web: https://www.example.org Instagram: @riverkeepers Bluesky: @rk.example.org "
                 "Registered charity no. 1187654") in text
    with pikepdf.open(pdf) as p:
        uris = [str(a.A.URI) for a in p.pages[-1].get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert uris == ["https://www.example.org", "https://www.instagram.com/rk"]  # Bluesky has no url
    doc = load_document(content)
    html = teaser_html(doc, doc.locale(), "cover-600.png")
    assert '<a href="https://www.instagram.com/rk"' in html and "Bluesky: @rk.example.org" in html
    assert "Instagram: @riverkeepers (https://www.instagram.com/rk)" in teaser_text(doc, doc.locale())


def test_a_social_accounts_url_is_checked(tmp_path, capsys):
    contact = {**REPORT["contact"], "social": [{"network": "Instagram", "handle": "@rk", "url": "instagram.com/rk"}]}
    content = make_project(tmp_path, {**REPORT, "contact": contact}, SECTIONS)
    assert main(["build", str(content), "-o", str(tmp_path / "out")]) == 2
    assert "url 'instagram.com/rk' is not a web address" in capsys.readouterr().err
