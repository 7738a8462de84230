"""Swiss German (de-CH): a Swiss utility's review printed 1.250.000 and „…“ beside its own 1’250’000 and
«…», refused the CSV files Swiss Excel writes (`;`, 1'250'000, 2.5) cell by cell, glued `prefix: CHF`
to its number and broke lines between "CHF" and the amount. Built into a PDF and read back."""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from report.build import build
from report.locale import get_locale
from report.model.numbers import parse_number

from .conftest import set_sections

NBSP = "\u00a0"


def test_swiss_notation_reads_both_apostrophes_and_writes_the_typographic_one():
    ch = get_locale("de-CH")
    assert (ch.thousands, ch.decimal, ch.quotes, ch.inner_quotes) == ("’", ".", ("«", "»"), ("‹", "›"))
    assert ch.hyphenation == "de_CH" and ch.label("contents") == "Inhalt"  # the rest is German
    assert [float(parse_number(t, ch).value) for t in ("1'250'000", "1’250’000", "7’102.4")] == [1250000, 1250000,
                                                                                               7102.4]
    assert parse_number("7'102.4", ch).format(ch) == "7’102.4"
    assert ch.typographic('Die "Strategie 2035" nennt \'netto null\'.') == "Die «Strategie 2035» nennt ‹netto null›."
    assert get_locale("de-DE").thousands == "." and get_locale("de-AT").quotes == ("„", "“")  # others as before


def test_a_swiss_review_prints_swiss_numbers_quotes_and_currency(project):
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: de-CH"),
                      encoding="utf-8")
    (project / "data").mkdir()
    (project / "data" / "er.csv").write_text(  # as Swiss Excel exports it: `;`, apostrophes, decimal point
        "Position;2025;2026\r\nNettoerlös Strom;98'412;103'877.5\r\nEnergiebeschaffung;(71'330);(74'905.0)\r\n",
        encoding="utf-8")
    set_sections(project, {"sections/ch.yaml": (
        "kind: text\ntitle: Finanzen\nblocks:\n"
        "  - paragraph: 'Der \"Umsatz\" stieg auf CHF 186,4 Mio. und der Tarif sank auf Fr. 3.50.'\n"
        "  - table:\n      title: Erfolgsrechnung\n      alt: Erfolgsrechnung in TCHF\n      data: data/er.csv\n"
        "      columns:\n        - name: Position\n        - {name: '2025', type: currency, unit: TCHF}\n"
        "        - {name: '2026', type: currency, unit: TCHF}\n"), "sections/kz.yaml": (
        "kind: key_figures\ntitle: Kennzahlen\nfigures:\n"
        "  - {value: 186.4, prefix: CHF, unit: Mio., label: Gesamtumsatz}\n"
        "  - {value: 1250000, unit: MWh, label: Stromabsatz}\n")})
    result = build(project, project.parent / "out", ["screen"])
    pdf = pdfium.PdfDocument(str(result.outputs[0].path))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert f"CHF{NBSP}186.4" in text.replace(" ", NBSP) and "1’250’000" in text  # the key figures
    assert "«Umsatz»" in text
    assert re.search(r"98’412\s+103’877\.5", text) and re.search(r"\(71’330\)\s+\(74’905\.0\)", text), text
    assert "1.250.000" not in text and "98.412" not in text
    # CHF stays with its amount: the space between them is a no-break space in the text laid out
    from report.locale import get_locale as loc
    assert f"CHF{NBSP}186,4" in loc("de-CH").typographic("auf CHF 186,4 Mio.")


def test_init_in_swiss_german_writes_swiss_templates_that_build(tmp_path):
    """`report init --language de-CH` gave the German templates unchanged: Straße, Grüße, €, +49, and
    CSV files in German notation, which a Swiss document would now read as Swiss."""
    from report.init import init_project
    init_project(tmp_path / "p", "de-CH")
    content = tmp_path / "p" / "content"
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(content.rglob("*")) if p.is_file())
    assert "language: de-CH" in written and "ß" not in written and "€" not in written and "+41" in written
    # a Swiss user followed "ein Excel-Export mit Dezimalkomma passt" into an error; "2.431 GWh" read as 2.4
    assert not re.search(r"Dezimalkomma|Tausenderpunkt|\d\.\d{3}\b|„|Erfurt", written), \
        re.search(r".{40}(Dezimalkomma|Tausenderpunkt|\d\.\d{3}\b|„|Erfurt).{20}", written)
    result = build(content, tmp_path / "out", ["screen"])
    pdf = pdfium.PdfDocument(str(result.outputs[0].path))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "1’500" in text and "61.4" in text and "Grüsse" in text and "Tsd." in text and "CHF" in text


def test_a_swiss_text_with_eszett_or_german_quotes_warns(project):
    """A Swiss user's text pasted from a German partner: „das bleibt“ stood beside «…» on one line and
    'Straße' passed, without a word. One warning per file and character, at its first text; a section
    in de-DE inside the Swiss report says nothing."""
    from report.content import load_document
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: de-CH"),
                      encoding="utf-8")
    set_sections(project, {
        "sections/ch.yaml": "kind: text\ntitle: Netz\nblocks:\n  - paragraph: Die Straße heißt „so“.\n"
                            "  - paragraph: Grüße aus Biel.\n",
        "sections/de.yaml": "kind: text\ntitle: Partner\nlanguage: de-DE\nblocks:\n  - paragraph: Die Straße.\n"})
    said = [(w.pos.file.name, w.pos.line, w.message, w.hint) for w in load_document(project).warnings]
    assert said == [
        ("ch.yaml", 4, "ß in 'Straße' in a de-CH text (and in 1 more text of this file)",
         "write ss, as Swiss German writes it (Strasse, Grüsse)"),
        ("ch.yaml", 4, "a German quotation mark „ in '„so“.' in a de-CH text",
         'write «…», or straight quotes "…", which become «…»')], said
