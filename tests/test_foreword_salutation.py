"""A foreword's salutation (`salutation:`): the letter's first line, not its heading — the contents and
bookmarks list the title; a title that reads as a salutation (a comma at its end) is a warning."""

from __future__ import annotations

import pdfplumber
import pikepdf

from report.build import build

from .test_text_blocks import REPORT, SECTIONS, make_project


def test_the_salutation_opens_the_letter_and_the_title_is_listed(tmp_path):
    foreword = {**SECTIONS["vorwort"], "title": "Vorwort der Geschäftsführung",
                "salutation": "Sehr geehrte Damen und Herren,"}
    content = make_project(tmp_path, REPORT, {"vorwort": foreword, "kurz": SECTIONS["kurz"]})
    result = build(content, tmp_path / "out", ["screen"])
    assert not result.warnings, result.warnings
    path = result.outputs[0].path
    with pdfplumber.open(path) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert text.index("Vorwort der Geschäftsführung") < text.index("Sehr geehrte Damen und Herren,") \
        < text.index("Ein Brief zu Beginn des Jahres.")
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert "Vorwort der Geschäftsführung" in titles and not any("geehrte" in t for t in titles)


def test_a_title_with_a_salutations_comma_is_a_warning_at_its_line(tmp_path):
    from report.content import load_document
    foreword = {**SECTIONS["vorwort"], "title": "Sehr geehrte Damen und Herren,"}
    content = make_project(tmp_path, REPORT, {"vorwort": foreword})
    doc = load_document(content)
    warning = next(w for w in doc.warnings if "reads as a salutation" in w.message)
    assert warning.pos.file.name == "vorwort.yaml" and "salutation:" in warning.hint and "Vorwort" in warning.hint
