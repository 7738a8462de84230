"""Issue 17: YAML syntax errors explained in the author's terms — wrong indentation names the key
and the block above it; a colon in unquoted text says to quote it or use >-."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hostile import at, diagnostics, edit, line_of, make_project, only


def test_key_indented_less_than_its_block(tmp_path: Path) -> None:
    content = make_project(tmp_path)
    edit(content, "report.yaml", '  credit: "Bildquelle', ' credit: "Bildquelle')
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "credit:"))
    cover = line_of(content, "report.yaml", "cover:")
    assert f"'credit' is indented less than the entries of 'cover:' above it at line {cover}" in diag.message
    assert "indent 'credit' like the other entries of 'cover:'" in diag.hint


def test_key_indented_more_than_the_key_above(tmp_path: Path) -> None:
    content = make_project(tmp_path)
    edit(content, "report.yaml", '  credit: "Bildquelle', '      credit: "Bildquelle')
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "credit:"))
    assert "'credit' is indented more than" in diag.message and "already has a value" in diag.message


@pytest.mark.parametrize(("old", "new", "key"), [
    ("subtitle: Jahresrückblick 2017", "subtitle: Rückblick: 2017", "subtitle"),
    ("  - quote: >-\n", "  - quote: Er sagte: weiter so\n  - paragraph: >-\n", "quote"),
])
def test_unquoted_colon_in_text(tmp_path: Path, old: str, new: str, key: str) -> None:
    content = make_project(tmp_path)
    rel = "report.yaml" if key == "subtitle" else "sections/02-bilanz.yaml"
    edit(content, rel, old, new)
    diag = only(diagnostics(content))
    at(diag, rel, line_of(content, rel, new.splitlines()[0]))
    assert f"the text of '{key}' contains a colon" in diag.message
    assert "quote the text or use >- for a paragraph" in diag.hint
