"""A section that runs a few lines onto a page of its own, before a section that starts a new page,
takes the lines before them along (or fits where a line is too many); where the layout cannot help,
it is a warning with its page and how many lines to cut; one that fills its last page, or goes on
with the next section on the same page, is not. The marks that measure it never add a page."""

from __future__ import annotations

import pypdfium2 as pdfium

from report.build import build

from .conftest import set_sections
from .pdf_chars import chars


def _sections(project, lines: int, then: str = "new", tail: str = "", head: str = "") -> None:
    body = "".join(f"  - paragraph: Zeile {i + 1} des langen Kapitels.\n" for i in range(lines))
    set_sections(project, {
        "sections/lang.yaml": f"kind: text\ntitle: Ein langes Kapitel\n{head}blocks:\n{body}{tail}",
        "sections/danach.yaml": f"kind: text\ntitle: Das nächste Kapitel\npage: {then}\nblocks:\n"
                                "  - paragraph: Es beginnt auf einer neuen Seite.\n"})


def _pages(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [p.get_textpage().get_text_range() for p in pdf]
    finally:
        pdf.close()


def _ends(result) -> list:
    return [w for w in result.warnings if "ends on page" in w.message]


def test_a_few_lines_over_a_page_take_lines_along_or_fit_and_the_rest_warn(project, tmp_path):
    """Visual QA 5: a section's last lines alone on a page before a section on a new page. Three
    lines too many take the lines before them along (the last page holds MIN_LAST_LINES), one fits
    in the spaces between the paragraphs; a last quote takes three lines along; a small box that moves on
    whole still warns."""
    _sections(project, 120)  # the chapter's first page holds some; count them, then overflow
    pages = _pages(build(project, tmp_path / "a", ["screen"]).outputs[0].path)
    first = next(i for i, t in enumerate(pages) if "Ein langes Kapitel" in t and "Zeile 1 " in t)
    per_page = pages[first].count("des langen Kapitels")

    _sections(project, per_page + 3)
    result = build(project, tmp_path / "b", ["screen"])
    texts = _pages(result.outputs[0].path)
    assert not _ends(result), [w.format() for w in result.warnings]
    assert texts[first + 1].count("des langen Kapitels") >= 4  # not 3 alone
    assert f"Zeile {per_page + 3} des" in texts[first + 1] and "Das nächste Kapitel" in texts[first + 2]

    _sections(project, per_page + 1)  # a line too many: the page keeps it
    result = build(project, tmp_path / "c", ["screen"])
    texts = _pages(result.outputs[0].path)
    assert not _ends(result), [w.format() for w in result.warnings]
    assert f"Zeile {per_page + 1} des" in texts[first] and "Das nächste Kapitel" in texts[first + 1]

    quote = "  - quote: {text: Wir messen uns am Wasser aus dem Hahn., attribution: Die Leitung}\n"
    _sections(project, per_page, tail=quote)  # the quote moves on whole: three lines go with it
    result = build(project, tmp_path / "q", ["screen"])
    texts = _pages(result.outputs[0].path)
    assert not _ends(result), [w.format() for w in result.warnings]
    at = next(i for i, t in enumerate(texts) if "Wir messen uns" in t)
    assert texts[at].count("des langen Kapitels") >= 3 and f"Zeile {per_page} des" in texts[at]

    quote = "  - box: {blocks: [{paragraph: Wir messen uns am Wasser aus dem Hahn.}]}\n"
    _sections(project, per_page, tail=quote)  # a small box moves on whole: nothing to take along
    result = build(project, tmp_path / "d", ["screen"])
    notes = _ends(result)
    assert len(notes) == 1, [w.format() for w in result.warnings]
    page = first + 2  # the chapter's second page (numbered from 1)
    assert notes[0].message.startswith(f"section 'Ein langes Kapitel' ends on page {page} with about ")
    lines = int(notes[0].message.split("with about ")[1].split()[0])
    assert 2 <= lines <= 5
    assert notes[0].pos.file.name == "lang.yaml" and notes[0].pos.line == 2
    assert f"shorten it by about {lines} lines" in notes[0].hint
    texts = _pages(result.outputs[0].path)
    assert "Wir messen uns" in texts[page - 1] and "Das nächste Kapitel" in texts[page]  # no page added
    _sections(project, per_page, then="continue", tail=quote)  # the next chapter fills that page: nothing to say
    assert not _ends(build(project, tmp_path / "e", ["screen"]))
    # a UK charity cut 2, then 3 lines and the hint stayed "about 7": it names what the page before lacks
    _sections(project, per_page - 1, tail=quote)  # a line free before the quote
    (note,) = _ends(build(project, tmp_path / "f", ["screen"]))
    assert f"shorten it by about {lines - 1} line" in note.hint, (lines, note.hint)


LONG = ("A further word on governance. The board met nine times, including two extraordinary meetings to "
        "consider the acquisition. Two trustees stood down at the annual meeting after completing their second "
        "terms, and we welcomed three new trustees with backgrounds in hydrology, consumer law and energy")


def test_a_note_and_footnote_do_not_end_a_section_alone(project, tmp_path):
    """Visual QA 5 (03-highlights): a section's last paragraph on a full page, then a two-line note
    and a footnote, which went on alone to a page 93 % empty; the paragraph goes with them."""
    note = ("  - note: {label: Hinweis, text: \"Flächen sind auf 50 Hektar gerundet. Die Zahlen für Moore "
            "schließen Flächen ein, die mit Partnern renaturiert wurden und mehr.\"}\n"
            "footnotes:\n  - Stand am 31. Dezember.\n")
    _sections(project, 24, tail=f"  - paragraph: \"{LONG}.[^1]\"\n{note}")
    result = build(project, tmp_path / "a", ["screen"])
    texts = _pages(result.outputs[0].path)
    assert not _ends(result), [w.format() for w in result.warnings]
    end = next(t for t in texts if "Hinweis" in t)
    assert "Zeile 1 " not in end  # the section does run over a page (else this proves nothing)
    assert "Stand am" in end and "backgrounds" in end  # the end of the paragraph with the note and footnote


def test_six_lines_of_text_go_over_with_the_footnotes(project, tmp_path):
    """Visual QA (a university's review): a long paragraph that ran onto its section's last page took two
    lines along to its footnotes, which counted as lines; the page held two lines of text and the notes,
    85 % white. Six lines of text go over, the footnotes under them."""
    notes = ("footnotes:\n  - Research income includes income from research grants and contracts only; it "
             "excludes the research element of block grants and the income of subsidiaries.\n"
             "  - The results were published on 12 May 2022; the next exercise will report in December 2029.\n")
    _sections(project, 20, tail=f"  - paragraph: \"{LONG}. {LONG}. {LONG}.[^1][^2]\"\n{notes}")
    result = build(project, tmp_path / "a", ["screen"])
    assert not _ends(result), [w.format() for w in result.warnings]
    seen = list(chars(result.outputs[0].path))
    page = next(c.page for c in seen if c.size < 7 and c.text == "R")  # the first footnote's page
    assert LONG[:30] in _pages(result.outputs[0].path)[page - 2]  # the paragraph does run over a page
    text = max(c.box[3] for c in seen if c.page == page and abs(c.size - 10) < 0.1)
    note = max(c.box[3] for c in seen if c.page == page and c.size < 7)
    assert text - note > 5.5 * 14.5  # six lines of text (the sample's leading) above the footnotes


def test_two_columns_take_lines_along_to_their_last_page(project, tmp_path):
    """Visual QA 5 (11-news): two columns that end with a few lines in each on a page of their own
    end higher on the page before, so that the last page holds about MIN_LAST_LINES in each column."""
    body = "".join(f"  - paragraph: \"{LONG} ({i + 1}).\"\n" for i in range(13))
    set_sections(project, {
        "sections/lang.yaml": f"kind: text\ntitle: Ein langes Kapitel\ncolumns: 2\nblocks:\n{body}",
        "sections/danach.yaml": "kind: text\ntitle: Das nächste Kapitel\npage: new\nblocks:\n"
                                "  - paragraph: Es beginnt auf einer neuen Seite.\n"})
    result = build(project, tmp_path / "a", ["screen"])
    texts = _pages(result.outputs[0].path)
    assert not _ends(result), [w.format() for w in result.warnings]
    first = next(i for i, t in enumerate(texts) if "Ein langes Kapitel" in t and "(1)." in t)
    assert "(13)." in texts[first + 1] and "Das nächste Kapitel" in texts[first + 2]
    # about six lines in each column: the end of (12) in the first, (13) in the second (not (13) alone)
    assert "(12)." in texts[first + 1]


def test_a_two_column_section_counts_its_lines_in_each_column(styles):
    """A foundation's two-column section: 'about 3 lines of a page' beside 'shorten it by about 6
    lines' read as a contradiction; the message says the lines are in each of its columns."""
    from types import SimpleNamespace

    from report.layout.pagefill import notes
    from report.layout.templates import A4, Geometry
    section = SimpleNamespace(title="Rund um die Stadt", columns=2, blocks=[], field_pos={}, pos=None)
    leading = styles.theme.sizes.leading
    ctx = SimpleNamespace(doc=SimpleNamespace(sections=[section]), styles=styles, geometry=Geometry(*A4),
                          section_ends={})
    from report.layout.templates import text_frame_height
    frame_h = text_frame_height(ctx.geometry, styles.theme.page)
    ctx.section_ends = {(1, "start"): (3, frame_h), (1, "end"): (4, frame_h - 3 * leading)}
    (note,) = notes(ctx)
    assert "ends on page 4 with about 3 lines in each of its 2 columns" in note.message, note.message
    assert "shorten it by about 6 lines" in note.hint


SUPPLY = """  - heading: Wohin das Wasser geht
  - table:
      title: Abgabe nach Zonen
      caption: Mittlere Tagesmengen in Megalitern.
      source: "Quelle: Betriebsdaten"
      alt: Abgabe nach Zonen
      columns:
        - {name: Zone}
        - {name: '2024', type: number, unit: ML/d}
        - {name: '2025', type: number, unit: ML/d}
      rows:
        - {kind: group, cells: [Werk Nord, null, null]}
        - [Settle, 18.4, 18.9]
        - [Ribblehead, 3.2, 3.1]
        - [Horton, 2.6, 2.8]
        - {kind: subtotal, cells: [Nord zusammen, 24.2, 24.8]}
        - {kind: group, cells: [Werk Süd, null, null]}
        - [Langcliffe, 9.1, 8.7]
        - [Long Preston, 11.3, 11.9]
        - [Malham, 4.4, 4.6]
        - {kind: subtotal, cells: [Süd zusammen, 24.8, 25.2]}
        - {kind: total, cells: [Gesamt, 49.0, 50.0]}
      notes:
        - {row: Ribblehead, column: '2025', text: Zähler im Mai ersetzt.}
        - {row: Langcliffe, column: '2024', text: Korrigiert.}
"""


def test_a_table_that_nearly_fits_splits_instead_of_moving_on_with_its_heading(project, tmp_path):
    """Visual QA 6 (04-supply): a heading and a grouped 12-row table with notes and source that
    missed the rest of the page by a few points moved on together and left 43 % of it blank. Most of
    the rows stay under the heading; the last go on under the repeated header and the group's label,
    with the caption, notes and source."""
    # 15 lines: the table misses the page's foot by less than a row (its title, a label, is shorter than a sub-heading)
    body = "".join(f"  - paragraph: Zeile {i + 1} des langen Kapitels.\n" for i in range(15))
    set_sections(project, {"sections/lang.yaml": f"kind: text\ntitle: Ein langes Kapitel\nblocks:\n{body}{SUPPLY}"})
    texts = _pages(build(project, tmp_path / "a", ["screen"]).outputs[0].path)
    first = next(i for i, t in enumerate(texts) if "Zeile 1 " in t)
    assert "Wohin das Wasser geht" in texts[first] and "Long Preston" in texts[first], texts[first]
    rest = texts[first + 1]
    assert "Malham" not in texts[first] and "Quelle: Betriebsdaten" not in texts[first]
    assert "Abgabe nach Zonen (Fortsetzung)" in rest and "Quelle: Betriebsdaten" in rest
    assert rest.index("Werk Süd (Fortsetzung)") < rest.index("Malham") < rest.index("Gesamt")


TABLE = ("  - heading: Zahlen zum Schluss\n"
         "  - table:\n      title: Anschlüsse\n      alt: Anschlüsse nach Art\n"
         "      columns: [{name: Art}, {name: Anzahl, type: number}]\n"
         "      rows: [[Strom, 1200], [Gas, 800], [Wasser, 950]]\n")
IMAGE = "  - image: {image: images/cover-artwork.jpg, width: 70, alt: Ein Kunstwerk, caption: Ein Kunstwerk}\n"
QUOTE = "  - quote: {text: Wir messen uns am Wasser aus dem Hahn und an nichts sonst., attribution: Die Leitung}\n"


def test_a_last_quote_after_a_table_takes_it_along_and_alone_it_warns(project, tmp_path):
    """US user 3: a section ending with a table and a quote, before a section on a new page: the quote
    did not fit under the table and went on alone, to a page 90 % white, without a warning. The table
    (with its heading) goes along with it; where the block before it is too tall to go along, the build
    says that the quote stands alone."""
    _sections(project, 120)
    texts = _pages(build(project, tmp_path / "p", ["print"]).outputs[0].path)
    first = next(i for i, t in enumerate(texts) if "Ein langes Kapitel" in t and "Zeile 1 " in t)
    per_page = texts[first].count("des langen Kapitels")
    _sections(project, per_page - 9, tail=TABLE + QUOTE)  # the table fits under the text, the quote not
    result = build(project, tmp_path / "a", ["print"])
    texts = _pages(result.outputs[0].path)
    at = next(i for i, t in enumerate(texts) if "Wir messen uns" in t)
    assert "Zahlen zum Schluss" in texts[at] and "Anschlüsse" in texts[at], texts[at]
    assert f"Zeile {per_page - 9} des" in texts[at - 1]  # (the section does run over a page)
    assert not _ends(result), [w.format() for w in result.warnings]

    _sections(project, 6, tail=IMAGE + QUOTE)  # an image of more than half a page does not go along
    result = build(project, tmp_path / "b", ["print"])
    texts = _pages(result.outputs[0].path)
    at = next(i for i, t in enumerate(texts) if "Wir messen uns" in t)
    assert "Kunstwerk" in texts[at - 1] and "Zeile" not in texts[at]  # (alone, as the warning says)
    (note,) = _ends(result)
    assert note.message.startswith(f"section 'Ein langes Kapitel' ends on page {at + 1} with its last block "
                                   "alone (about "), note.message
    assert note.hint.startswith("shorten the text before it by about ") and "higher up" in note.hint


def test_both_editions_warn_once_naming_their_pages(styles):
    """A Belgian foundation's report: « ends on page 8 » and « ends on page 7 » as two warnings, neither
    naming its edition (the print edition's covers stand apart, perfect binding). Said alike of other pages,
    they are one warning that names both; said differently, each names its edition; one edition as before."""
    from types import SimpleNamespace

    from report.errors import one_per_finding
    from report.layout.pagefill import notes
    from report.layout.templates import A4, Geometry, text_frame_height
    section = SimpleNamespace(title="Une année {au fil} de l'eau", columns=1, blocks=[], field_pos={}, pos=None)
    leading = styles.theme.sizes.leading
    ctx = SimpleNamespace(doc=SimpleNamespace(sections=[section]), styles=styles, geometry=Geometry(*A4))
    frame_h = text_frame_height(ctx.geometry, styles.theme.page)

    def ending(page: int, lines: int, edition: str) -> list:
        ctx.section_ends = {(1, "start"): (page - 2, frame_h), (1, "end"): (page, frame_h - lines * leading)}
        return notes(ctx, edition)

    print_, screen = ending(7, 4, "print"), ending(8, 4, "screen")
    (one,) = one_per_finding([*screen, *print_])
    assert one.message == ("section 'Une année {au fil} de l'eau' ends on page 7 of the print edition (8 of the "
                           "screen edition) with about 4 lines of a page, which stays 92 % empty"), one.message
    assert "so that it ends on page 6 of the print edition (7 of the screen edition), or" in one.hint
    two = one_per_finding([*print_, *ending(8, 3, "screen")])
    assert [n.message.split(" with ")[0] for n in two] == [
        "section 'Une année {au fil} de l'eau' ends on page 7 of the print edition",
        "section 'Une année {au fil} de l'eau' ends on page 8 of the screen edition"]
    assert one_per_finding(screen) == screen and screen[0].message.startswith(
        "section 'Une année {au fil} de l'eau' ends on page 8 with about 4 lines")
