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
    ("  - quote:\n      repeat: true", "  - quote: Er sagte: weiter so\n  - quote:\n      repeat: true", "quote"),
])
def test_unquoted_colon_in_text(tmp_path: Path, old: str, new: str, key: str) -> None:
    content = make_project(tmp_path)
    rel = "report.yaml" if key == "subtitle" else "sections/02-bilanz.yaml"
    edit(content, rel, old, new)
    diag = only(diagnostics(content))
    at(diag, rel, line_of(content, rel, new.splitlines()[0]))
    assert f"the text of '{key}' contains a colon" in diag.message
    assert "quote the text or use >- for a paragraph" in diag.hint


def test_text_folding_makes_every_run_of_spaces_and_line_ends_one_space():
    """reader._fold replaces only runs other than one plain space (faster): the same result as
    replacing every run, on every string of up to six characters from the characters that matter."""
    import itertools
    import re

    from report.model.reader import _fold
    every_run = re.compile(r"[ \t\r\n]+")
    alphabet = [" ", "\t", "\n", "\r", "a", "\u00a0", "\u202f"]
    for n in range(7):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert _fold(text) == every_run.sub(" ", text).strip(), repr(text)
    assert _fold("12\u00a0%  der\n\tFirmen ") == "12\u00a0% der Firmen"


def test_a_key_at_the_dash_of_a_list_entry_is_told_to_go_under_it() -> None:
    """`text:` typed at the dash of a timeline entry's `- date:` line (a Belgian user's entry): the hint
    said to indent it like the entries of `entries:`, where it already stood; it belongs under `date:`."""
    from report.errors import ReportError
    from report.load import parse_yaml
    text = "entries:\n  - date: Januar\n    title: Empfang\n  text: Neujahrsempfang mit 300 Gästen.\n"
    with pytest.raises(ReportError) as caught:
        parse_yaml(text, Path("t.yaml"))
    [diag] = caught.value.diagnostics
    assert (diag.pos.line, diag.pos.col) == (4, 3)
    assert "'text' stands at the dash of the list entry at line 2, not under its 'date:'" in diag.message
    assert "indent 'text' 2 spaces more, under 'date:'" in diag.hint and "'- text:'" in diag.hint


@pytest.mark.parametrize(("line", "after", "example"), [
    ('  - paragraph: "It rose to £186.4m for the year."[^1]', "'[^1]'", 'paragraph: "…[^1]"'),
    ('  - paragraph: "A year." The table on [page {page}](#ref) sets out our results by unit.',
     "'The table on [page {page}](#ref) sets …'", 'paragraph: "… The table on [page {page}](#ref) sets …"'),
    ("title: 'Atlas' of water", "'of water'", "title: '… of water'"),
])
def test_text_after_a_closing_quote_is_told_to_go_inside_the_quotes(line: str, after: str, example: str) -> None:
    """A footnote mark typed after the closing quote (a UK university's first draft): the error said the
    next entry was indented more than 'blocks', at the mark's column, which helped nobody."""
    from report.errors import ReportError
    from report.load import parse_yaml
    listed = line.startswith(" ")  # an entry of blocks:, another after it
    text = ("blocks:\n" if listed else "") + line + "\n" + ("  - paragraph: Next.\n" if listed else "")
    with pytest.raises(ReportError) as caught:
        parse_yaml(text, Path("t.yaml"))
    [diag] = caught.value.diagnostics
    assert diag.message == f"invalid YAML: text after the closing quote of '{example.split(':')[0]}': {after}"
    assert diag.hint == f"a quoted text ends at its closing quote: put what follows inside the quotes, e.g. {example}"
