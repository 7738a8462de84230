"""Issue 17, class 12: values that would change what the output does are refused at file:line —
an e-mail address with link parts (?cc=, &subject=) and a language that is not a BCP 47 tag."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hostile import at, diagnostics, edit, line_of, make_project, only


@pytest.mark.parametrize("address", ["newsletter@example.org?cc=boss@example.org&subject=Hallo",
                                     "newsletter@example.org?cc=example.org", "newsletter@example.org&bcc=x.de",
                                     "newsletter@example.org%0Acc:x@y.de"])
def test_reply_to_with_link_parts(tmp_path: Path, address: str) -> None:
    content = make_project(tmp_path)
    edit(content, "report.yaml", "reply_to: newsletter@example.org", f"reply_to: '{address}'")
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "reply_to:"))
    assert "is not an e-mail address" in diag.message and "?cc=" in diag.hint


@pytest.mark.parametrize("tag", ["'de-)/Foo(<script>\"x'", "de_DE", "de-DE-", "'de DE'", "de-D", "de-DE-x"])
def test_language_must_be_a_bcp47_tag(tmp_path: Path, tag: str) -> None:
    content = make_project(tmp_path)
    edit(content, "report.yaml", "language: de-DE", f"language: {tag}")
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "language:"))
    assert "is not a BCP 47 language tag" in diag.message


@pytest.mark.parametrize("tag", ["de", "de-AT", "de-CH-1996", "DE-de", "de-Latn-DE"])
def test_real_language_tags_load(tmp_path: Path, tag: str) -> None:
    from report.content import load_document
    content = make_project(tmp_path)
    edit(content, "report.yaml", "language: de-DE", f"language: {tag}")
    assert load_document(content).report.language == tag


def _init_project(tmp_path: Path, language: str) -> Path:
    from report.init import init_project
    init_project(tmp_path / "project", "de-DE")
    content = tmp_path / "project" / "content"
    edit(content, "report.yaml", "language: de-DE ", f"language: {language} ")
    return content


def test_a_language_in_capitals_reads_numbers_in_its_notation(tmp_path: Path) -> None:
    """BCP 47 tags are case-insensitive: DE-de writes German numbers ('212,4' in a CSV file)."""
    from decimal import Decimal

    from report.content import load_document
    doc = load_document(_init_project(tmp_path, "DE-de"))
    chart = next(c for c in doc.charts.values() if c.data == "data/erzeugung.csv")
    assert chart.series[0].values[0].value == Decimal("212.4")


@pytest.mark.parametrize("language", ["ja-JP", "'de DE'", "''"])
def test_without_a_known_language_numbers_are_not_judged(tmp_path: Path, language: str) -> None:
    """The notation of numbers written as text comes from the language: without one, the sections'
    and charts' numbers ('212,4', '1.250') are not reported as wrong, only the language is."""
    content = _init_project(tmp_path, language)
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "language:"))
    assert "language" in diag.message


def test_an_unreadable_report_yaml_is_the_only_error(tmp_path: Path) -> None:
    content = _init_project(tmp_path, "de-DE")
    edit(content, "report.yaml", "language: de-DE ", "language: [de-DE ")
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "language:") + 1)
