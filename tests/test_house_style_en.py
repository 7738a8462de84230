"""A British charity's house style, built into a small en-GB report and read back: single quotation
marks outside (quotes: single), "vs" without a full stop."""

from __future__ import annotations

from typing import Any

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
    "contact": {"publisher": "Riverkeepers Trust", "address": ["12 Weir Lane", "Bristol BS1 6QT"]},
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
def text(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("house")
    result = build(make_project(root, REPORT, SECTIONS), root / "out", ["screen"])
    assert not result.warnings
    return _norm(extract_text(result.outputs[0].path))


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
