"""Swiss German (de-CH): a Swiss utility's review printed 1.250.000 and „…“ beside its own 1’250’000 and
«…», refused the CSV files Swiss Excel writes (`;`, 1'250'000, 2.5) cell by cell, glued `prefix: CHF`
to its number and broke lines between "CHF" and the amount. Built into a PDF and read back."""

from __future__ import annotations

import ctypes
import re

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from report.build import build
from report.locale import get_locale
from report.model.numbers import parse_number

from .conftest import set_sections

NBSP = "\u00a0"


def test_swiss_notation_reads_both_apostrophes_and_writes_the_typographic_one():
    ch = get_locale("de-CH")
    assert (ch.thousands, ch.decimal, ch.quotes, ch.inner_quotes) == ("’", ".", ("«", "»"), ("‹", "›"))
    assert ch.hyphenation == "de_CH" and ch.label("contents") == "Inhalt"  # the rest is German
    assert ch.label("footnote") == "Fussnote" and not [v for v in ch.labels.values() if "ß" in v]  # no ß
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
        "  - paragraph: 'Der \"Umsatz\" stieg auf CHF 186,4 Mio. und der Tarif sank auf Fr. 3.50.[^1]'\n"
        "  - table:\n      title: Erfolgsrechnung\n      alt: Erfolgsrechnung in TCHF\n      data: data/er.csv\n"
        "      columns:\n        - name: Position\n        - {name: '2025', type: currency, unit: TCHF}\n"
        "        - {name: '2026', type: currency, unit: TCHF}\nfootnotes: [Tarif für Haushalte.]\n"),
        "sections/kz.yaml": (
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
    # the footnote link's description for screen readers: Swiss German writes ss
    links = [str(a.get("/Contents", "")) for page in pikepdf.open(result.outputs[0].path).pages
             for a in page.get("/Annots", [])]
    assert any(link.startswith("Fussnote 1") for link in links), links
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


def test_swiss_amounts_without_rappen_read_as_written_in_any_notation_that_allows_them():
    """'50.–' was refused everywhere ('write digits'); it is 50, summed to the Rappen, and prints as written."""
    ch, fr, de = (get_locale(t) for t in ("de-CH", "fr-CH", "de-DE"))
    fifty = parse_number("50.–", ch)
    assert (fifty.value, fifty.decimals, fifty.format(ch, 0), fifty.spoken(ch)) == (50, 2, "50.–", "50")
    assert parse_number("1'250.-", ch).format(ch) == "1’250.–"  # the keyboard's hyphen prints as the dash
    assert parse_number("(1’250.—)", ch).format(ch, brackets=True) == "(1’250.—)"
    assert parse_number("50.–", fr).format(fr) == "50.–" and parse_number("50,–", de).format(de) == "50,–"
    from report.layout.table.cells import parts
    assert parts("50.–", ",") == ("50", ".–", "")  # a French table aligns its point where the commas stand
    for text, seps, hint in (("50,–", ch, "50.–"), ("50.–", de, "50,–"), ("12.5.–", ch, "write digits")):
        try:
            parse_number(text, seps)
        except ValueError as exc:
            assert hint in exc.hint, exc.hint
        else:
            raise AssertionError(f"{text} was read")


def test_a_swiss_price_table_prints_amounts_without_rappen_as_written_and_checks_their_total(project):
    """A Swiss price list: 'Fr. 50.–' and '1’250.–' in a table (inline and CSV) were errors, 'not a number'.
    They print as written, their point where the column's other points stand, and count in the total."""
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: de-CH"),
                      encoding="utf-8")
    (project / "data").mkdir()
    (project / "data" / "tarife.csv").write_text(  # as Swiss Excel exports it: `;`, apostrophes, Fr. typed in
        "Leistung;Preis\r\nAnschluss;1'250.–\r\nZähler;Fr. 50.-\r\nAblesung;12.50\r\nTotal;1'312.50\r\n",
        encoding="utf-8")
    table = ("  - table:\n      title: {title}\n      alt: Tarife in Franken\n{rows}      columns:\n"
             "        - name: Leistung\n        - {{name: Preis, type: currency, unit: Fr., check_total: true}}\n")
    set_sections(project, {"sections/ch.yaml": "kind: text\ntitle: Tarife\nblocks:\n" + table.format(
        title="Tarife inline", rows="      rows:\n        - [Anschluss, 1’250.–]\n        - [Zähler, 50.–]\n"
        "        - [Ablesung, 12.50]\n        - {kind: total, cells: [Total, 1’313.–]}\n") + table.format(
        title="Tarife CSV", rows="      data: data/tarife.csv\n      row_kinds: {Total: total}\n")})
    result = build(project, project.parent / "out", ["print"])  # its text has no /ActualText spans
    assert [w.message for w in result.warnings] == [  # 1’312.50 is right (the dash is .00), 1’313.– not
        "table 'Tarife inline': column 'Preis': the total 1’313.– is not the sum of the 3 rows above it = 1’312.50"]
    pdf = pdfium.PdfDocument(str(result.outputs[0].path))
    tp = next(t for t in (pdf[i].get_textpage() for i in range(len(pdf))) if "Tarife CSV" in t.get_text_range())
    text = tp.get_text_range()
    assert re.search(r"Zähler\s+50\.–\s+Ablesung\s+12\.50.*Zähler\s+50\.–", text, re.S), text
    assert text.count("1’250.–") == 2 and "1’313.–" in text and "Fr. 50" not in text
    x, y = ctypes.c_double(), ctypes.c_double()
    points = set()  # the origins of the amounts' points: one column
    for amount in re.finditer(r"\d(\.)(–|\d\d)\s", text):  # not the slug's date, 31.12.2017
        pdfium_c.FPDFText_GetCharOrigin(tp.raw, amount.start(1), ctypes.byref(x), ctypes.byref(y))
        points.add(round(x.value, 1))
    assert len(points) == 1, points
