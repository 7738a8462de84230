"""Language is content: the English example gets English labels, numbers and hyphenation."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from report.cli import main

from .test_e2e import extract_text

ROOT = Path(__file__).resolve().parent.parent



def test_english_example_builds_with_english_labels_and_numbers(tmp_path):
    # a project folder is accepted as well as its content folder
    assert main(["build", str(ROOT / "examples" / "en"), "-o", str(tmp_path), "--edition", "screen"]) == 0
    pdf = tmp_path / "review-2017-en-screen.pdf"
    text = extract_text(pdf)
    assert "CONTENTS" in text and "INHALT" not in text.upper().replace("CONTENTS", "")
    assert "1,000" in text and "1.000" not in text
    assert "Seite" not in text and "Quelle" not in text and "Bildnachweis" not in text.replace("\ufffe", "")
    assert "“" in text  # English quotation marks on the pull quotes
    with pikepdf.open(pdf) as p:
        assert str(p.Root.Lang) == "en-GB"
        # the tagged edition speaks the content's language in its structure tree too
        assert str(p.Root.StructTreeRoot.K.Lang) == "en-GB" and p.Root.MarkInfo.Marked is True
        with p.open_outline() as outline:
            assert [i.title for i in outline.root][0] == "Contents"


def test_german_sample_keeps_german_labels(screen_pdf):
    text = extract_text(screen_pdf)
    assert "INHALT" in text and "CONTENTS" not in text
    assert "1.000" in text and "1,000" not in text
