"""Typography of text, read back from flowables and small PDFs: web addresses that wrap, hyphenation
rules, narrow columns, nested and unclosed quotes, minus signs, hyphenated names."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from report.content import load_document
from report.layout.hyphenate import break_points
from report.layout.notes import reference
from report.layout.styles import MM
from report.layout.text import Paragraph, rl_link, rl_markup
from report.locale import get_locale
from report.theme import load_theme

from . import pdf_chars
from .brand_fonts import UNICODES, latin_subset
from .conftest import ASSETS
from .hostile import line_of, make_project

URL = "https://www.buergerstiftung-kassel.example/transparenz"


@pytest.fixture(scope="module")
def no_zwsp_font(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Lato without U+200B, as many house fonts are (P052, Georgia …): it would draw .notdef."""
    font = latin_subset(ASSETS / "fonts" / "Lato-Regular.ttf")
    cmap = font["cmap"]
    for table in cmap.tables:
        table.cmap.pop(0x200B, None)
    assert 0x200B in UNICODES and 0x200B not in font.getBestCmap()
    font["hmtx"][".notdef"] = (500, 50)  # as wide as P052's: a break point drawn shows as a gap
    for record in font["name"].names:  # reportlab takes a face of a name it knows for that face
        if record.nameID in (1, 4, 6):
            record.string = "LatoNoZwsp"
    path = tmp_path_factory.mktemp("fonts") / "LatoNoZwsp.ttf"
    font.save(str(path))
    pdfmetrics.registerFont(TTFont("LatoNoZwsp", str(path)))
    return "LatoNoZwsp"


def _draw(paragraphs: list[Paragraph], width: float, path: Path) -> list[pdf_chars.Char]:
    c = Canvas(str(path), pagesize=(width + 40, 800), invariant=1)
    y = 780.0
    for p in paragraphs:
        _w, h = p.wrap(width, 10_000)
        y -= h
        p.drawOn(c, 20, y)
        y -= 20
    c.save()
    return list(pdf_chars.chars(path))


def _page_text(path: Path) -> str:
    """The first page's text as pdfium reads it, lines joined without a space."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[0].get_textpage().get_text_range().replace("\r\n", "").replace("\ufffe", "-")  # a line-end -
    finally:
        pdf.close()


def _lines(p: Paragraph) -> list[str]:
    return [" ".join(ln[1]) if isinstance(ln, tuple) else "".join(w.text for w in ln.words) for ln in p.blPara.lines]


# --- web addresses ------------------------------------------------------------------------------


def test_a_web_address_wraps_without_visible_spaces_or_stretched_lines(styles, no_zwsp_font, tmp_path):
    """A bare address breaks after the scheme's // and after / . - (U+200B): nothing is drawn there,
    and a line that ends inside the address ends short with natural spaces, not stretched."""
    body = styles.para("body", fontName=no_zwsp_font)
    texts = [f"Die Zahlen stehen auf ihrer Website unter {URL}. Und weiter geht es mit dem Text.",
             f"Die Stiftung veröffentlicht alle wesentlichen Zahlen auf ihrer Website unter {URL}."]
    paras = [Paragraph(rl_markup(t, styles.locale), body) for t in texts]
    chars = _draw(paras, 86 * MM, tmp_path / "url.pdf")
    assert not [c for c in chars if c.text in "\x00\u200b\ufffd"], "a break opportunity was drawn"
    space = pdfmetrics.stringWidth(" ", no_zwsp_font, body.fontSize)
    for p in paras:
        lines = p.blPara.lines
        assert len(lines) > 1 and any("/" in t and t != _lines(p)[-1] for t in _lines(p))
        for line in lines[:-1]:
            gap = line.extraSpace / max(1, line.wordCount - 1)
            assert gap < 1.2 * space, f"{_lines(p)}: a line stretched {1 + gap / space:.1f}×"
    assert _page_text(tmp_path / "url.pdf").count(URL) == 2, "the address does not read as written"


def test_reportlabs_own_lines_draw_no_break_opportunities(styles, no_zwsp_font, tmp_path):
    """Paragraphs reportlab breaks itself (notes, the contact page) draw the address as written."""
    note = styles.para("note", fontName=no_zwsp_font)
    link = Paragraph("Web: " + rl_link(URL, URL, styles.locale), note)
    text = Paragraph(rl_markup(f"Mehr unter {URL}", styles.locale), note)
    chars = _draw([link, text], 120 * MM, tmp_path / "note.pdf")
    assert not [c for c in chars if c.text in "\x00\u200b\ufffd"]
    assert _page_text(tmp_path / "note.pdf").count(URL) == 2
    for a, b in zip(chars, chars[1:], strict=False):  # in the address (the only "/.-" before a letter)
        if a.baseline == b.baseline and a.text in "/.-" and b.text.isalpha():
            assert b.box[0] - a.box[2] < 0.2 * note.fontSize, f"a blank after {a.text!r}"


# --- hyphenation rules --------------------------------------------------------------------------

TESTAMENT = ("Immer mehr Menschen bedenken die Bürgerstiftung in ihrem Testament. Im Jahr 2025 durften wir "
             "drei Nachlässe mit einem Gesamtwert von 187.640,55 € entgegennehmen. Wir sind den Verstorbenen "
             "und ihren Familien zutiefst dankbar. Wer sich über Testamentsspenden informieren möchte, kann "
             'unsere Broschüre "Was bleibt" anfordern oder ein vertrauliches Gespräch vereinbaren.[^2]')
ITEMS = ["**26. April** – Pflanzfest im Gemeinschaftsgarten Nordstadt; 31 Nationen gärtnern seitdem gemeinsam.",
         "**Juni** – Das Jugendforum „Kassel 18+“ vergibt zum ersten Mal selbst Fördermittel: 25.000 € an elf "
         "Projekte.", "**3. Februar** – Start der Kältehilfe-Saison II: Der Wärmebus fährt bis Ende März jeden "
         "Abend durch die Innenstadt."]


def _hyphen_rules(p: Paragraph) -> tuple[int, bool]:
    """The longest run of lines ending in a hyphen, and whether the line before the last does."""
    ends = [t.rstrip().endswith("-") for t in _lines(p)[:-1]]
    run = longest = 0
    for hyphen in ends:
        run = run + 1 if hyphen else 0
        longest = max(longest, run)
    return longest, bool(ends) and ends[-1]


def test_a_paragraph_with_a_footnote_reference_keeps_the_hyphenation_rules(styles):
    """A footnote reference brings a named destination (<a name>) into the paragraph, which once
    sent it to reportlab's greedy breaker: four hyphens in a row, a hyphen before the last line."""
    text = rl_markup(TESTAMENT, styles.locale, note=reference(Path("sections/fonds.yaml")))
    for mm in range(50, 100, 4):
        p = Paragraph(text, styles.para("body"))
        p.wrap(mm * MM, 10_000)
        longest, before_last = _hyphen_rules(p)
        assert longest <= 2 and not before_last, f"at {mm} mm: {_lines(p)}"
        assert any(ln.extraSpace for ln in p.blPara.lines[:-1]) and hasattr(p, "_plan"), "not optimised"


def test_list_items_keep_the_hyphenation_rules(styles):
    """List items (body text set flush left) never end on a word's last syllable ("gemein-|sam.")."""
    style = styles.para("body", alignment=TA_LEFT, spaceAfter=0)  # as report.layout.lists sets items
    for mm in range(40, 90, 3):
        for item in ITEMS:
            p = Paragraph(rl_markup(item, styles.locale), style)
            p.wrap(mm * MM, 10_000)
            longest, before_last = _hyphen_rules(p)
            assert longest <= 2 and not before_last, f"at {mm} mm: {_lines(p)}"


def test_a_joint_s_before_s_breaks_between_the_two():
    def split(word: str) -> str:
        points = break_points(word, "de_DE")
        return "-".join(word[a:b] for a, b in zip([0, *points], [*points, len(word)], strict=True))
    assert split("Testamentsspenden") == "Tes-ta-ments-spen-den"  # not Testament-s|s-penden
    assert split("Geschäftsstrategie") == "Ge-schäfts-stra-te-gie"  # not Geschäftss-trategie
    assert split("Gemeinschaftsstände") == "Ge-mein-schafts-stände"
    assert split("Schlossstraße") == "Schloss-straße" and split("Wasserstoff") == "Was-ser-stoff"


# --- quotation marks ----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "outer", "inner"), [("de-DE", "„“", "‚‘"), ("en-GB", "“”", "‘’")])
def test_a_quotation_inside_a_quotation_takes_the_inner_marks(language, outer, inner):
    loc = get_locale(language)
    (o, c), (i, j) = outer, inner
    said = 'Er sagte "Ich habe gelernt, dass man "Nein" sagen kann" und ging.'
    assert rl_markup(said, loc) == f"Er sagte {o}Ich habe gelernt, dass man {i}Nein{j} sagen kann{c} und ging."
    assert rl_markup('"Sie sagte **"Nein"** dazu"', loc) == f"{o}Sie sagte <b>{i}Nein{j}</b> dazu{c}"
    assert rl_markup(f'{o}Wir sagen "Nein"{c}', loc) == f"{o}Wir sagen {i}Nein{j}{c}"
    # a pull quote is set inside quotation marks: its own quotations are the inner ones
    assert rl_markup('dass man "Nein" sagen kann', loc, depth=1) == f"dass man {i}Nein{j} sagen kann"


@pytest.mark.parametrize(("text", "warned"), [
    ('Wie es ein Helfer formulierte: "Einfach machen. Und dann weiter.', "Einfach machen"),
    ('Er sagte "Ich habe gelernt, dass man "Nein" sagen kann und ging.', "Ich habe gelernt"),
    ('„Typed" and "straight" and **"bold"** and 5" Zoll', None),
])
def test_an_unclosed_quotation_mark_is_a_warning_at_its_text(tmp_path, text, warned):
    """A straight quote that opens and is never closed prints as an opening mark alone."""
    content = make_project(tmp_path)
    rel = "sections/03-highlights.yaml"
    (content / rel).write_text((content / rel).read_text(encoding="utf-8")
                               + f"  - paragraph: '{text}'\n", encoding="utf-8")
    found = [w for w in load_document(content).warnings if "never closed" in w.message]
    if warned is None:
        assert found == []
        return
    assert len(found) == 1 and warned in found[0].message, found
    assert found[0].pos.file.name == "03-highlights.yaml" and found[0].pos.line == line_of(content, rel, text[:20])
    assert "close the quotation" in found[0].hint


# --- words with a hyphen ------------------------------------------------------------------------


def test_a_word_with_a_hyphen_breaks_only_there(styles):
    """Duden: "Müller-|Lüdenscheidt", never "Müller-Lüden-|scheidt" or "Mül-|ler-Lüdenscheidt"."""
    names = ("Müller-Lüdenscheidt", "Boineburg-Lengsfeld")
    texts = ["Thomas von Boineburg-Lengsfeld", "Hans-Jürgen Müller-Lüdenscheidt",
             "Den Vorsitz übernahm Dr. Karla Müller-Lüdenscheidt, ihr zur Seite steht Konstantin "
             "Boineburg-Lengsfeld als Schatzmeister der Stiftung seit dem vergangenen Jahr."]
    seen = set()
    for style in (styles.para("body"), styles.para("body", alignment=TA_LEFT, spaceAfter=0)):
        for mm in range(30, 70, 2):
            for text in texts:
                p = Paragraph(rl_markup(text, styles.locale), style)
                p.wrap(mm * MM, 10_000)
                for line in _lines(p)[:-1]:
                    tail = line.split()[-1]
                    for name in names:
                        if name.startswith(tail.rstrip("-")) and tail != name:  # a line ends inside the name
                            seen.add(tail)
                            assert tail == name[:name.index("-") + 1], f"at {mm} mm: {_lines(p)}"
    assert seen, "no line ended inside a name: the test shows nothing"


def test_a_part_as_long_as_a_word_of_its_own_is_hyphenated_too():
    """An Austrian report's „Systemnutzungsentgelte-Verordnung“ could break only at its hyphen, its 22
    letters before it never; a part of 15 letters or more is hyphenated as a word of its own, a name's
    shorter parts are not."""
    from report.layout.hyphenate import hyphenator, word_breaks
    de = hyphenator("de_DE")
    breaks = word_breaks("Systemnutzungsentgelte-Verordnung", de)
    assert (23, False) in breaks and any(hyphen and p < 22 for p, hyphen in breaks), breaks
    assert word_breaks("Müller-Lüdenscheidt", de) == ((7, False),)
    assert not any(hyphen for _p, hyphen in word_breaks("Energie-Verordnung", de))


# --- narrow columns -----------------------------------------------------------------------------

FONDS = ("Die Kosten des Programms lagen bei 86.420,35 €, davon wurden 61.000 € aus dem Fonds "
         '"Bildungschancen" getragen. Die Stiftung schult alle Ehrenamtlichen vor ihrem ersten Einsatz, '
         "organisiert Austauschtreffen und stellt Bücherkisten zur Verfügung.")


def test_body_text_in_a_narrow_column_is_set_flush_left(styles, tmp_path):
    """Under 45 characters a line (two columns on A5) justified text is full of holes, and reportlab
    stretches a no-break space ("61.000    €") like any other: such a column is set flush left, with
    natural spaces; a wider one stays justified."""
    notes: list = []
    narrow = Paragraph(rl_markup(FONDS, styles.locale), styles.para("body"), notes=notes)
    wide = Paragraph(rl_markup(FONDS, styles.locale), styles.para("body"))
    chars = _draw([narrow], 50 * MM, tmp_path / "narrow.pdf")
    wide.wrap(110 * MM, 10_000)
    assert not notes, "a narrow paragraph needed emergency stretch"
    assert narrow.style.alignment == TA_LEFT and wide.style.alignment != TA_LEFT
    space = pdfmetrics.stringWidth(" ", styles.font["regular"], 10)
    assert sum(c.text == "€" for c in chars) == 2
    for euro in (c for c in chars if c.text == "€"):  # the no-break space before it keeps its width
        before = max((c for c in chars if c.baseline == euro.baseline and c.box[2] <= euro.box[0]),
                     key=lambda c: c.box[2])
        assert euro.box[0] - before.box[2] < 1.6 * space, "a stretched no-break space"


def test_a_box_in_a_two_column_a4_section_is_set_flush_left(styles):
    """Visual QA: a box in an A4 two-column section (about 43 characters a line) was justified at 1.68×
    the natural space, and text beside a wide image at 2.38×: justified text needs 45 characters."""
    from report.layout.text import MIN_JUSTIFIED_CHARS, text_chars
    style = styles.para("body")
    per_mm = text_chars(style, 100 * MM) / 100
    for chars, aligned in ((43, TA_LEFT), (MIN_JUSTIFIED_CHARS + 2, style.alignment)):
        para = Paragraph(rl_markup(FONDS, styles.locale), style)
        para.wrap(chars / per_mm * MM, 10_000)
        assert para.style.alignment == aligned, (chars, para.style.alignment)
    assert style.alignment != TA_LEFT


def test_a_pull_quote_sets_its_inner_quotation(project, tmp_path):
    """A pull quote is set in quotation marks by the layout: a quotation inside it takes the inner
    marks (it printed „…„Nein“…“)."""
    from report.build import build
    content = project
    rel = "sections/04-aussenwirtschaftstag.yaml"
    quote = ('Ich habe hier gelernt, dass man "Nein" sagen kann, ohne Menschen zu verlieren, und dass '
             "Gemeinschaftsverpflegungseinrichtungen Verantwortungsbewusstsein brauchen")
    # one that begins with a quotation but goes on after it (a UK charity's "'Look after the river' --
    # that's what my grandad used to say.") printed bare: it takes its marks too
    begins = '"Nicht aufgeben" -- das hat mir meine Grossmutter beigebracht.'
    (content / rel).write_text((content / rel).read_text(encoding="utf-8")
                               + f"  - quote: {{text: '{quote}', attribution: Eine Helferin}}\n"
                               + f"  - paragraph: Dazwischen ein Absatz.\n  - quote: {{text: '{begins}'}}\n",
                               encoding="utf-8")
    out = build(content, tmp_path / "out", ["screen"]).outputs[0]
    pdf = pdfium.PdfDocument(out.path)
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    flat = " ".join(text.replace("\r", " ").replace("\n", " ").split())
    assert "„Ich habe hier gelernt, dass man ‚Nein‘ sagen kann" in flat, flat[-400:]
    assert "„‚Nicht aufgeben‘ – das hat mir meine Gross" in flat.replace("\ufffe", ""), flat[-300:]


def test_a_pull_quote_is_display_type_and_not_hyphenated(styles):
    """'knew ex-|actly' at 17 pt: a pull quote breaks between words, ragged, like a heading; only a
    word wider than the line is hyphenated."""
    words = ("Gemeinschaftsverpflegung Verantwortungsbewusstsein Zusammenarbeit Wirtschaftsförderung "
             "Internationalisierung Kooperationsverträge Auslandsbeauftragten Informationsveranstaltungen")
    for width in range(220, 400, 15):
        p = Paragraph(words, styles.para("quote"))
        p.wrap(width, 10_000)
        lines = [" ".join(str(w) for w in (line[1] if isinstance(line, tuple) else [f.text for f in line.words]))
                 for line in p.blPara.lines]
        assert not [line for line in lines if line.endswith(("-", "\xad"))], (width, lines)


def test_a_quotation_at_body_size(project, tmp_path):
    """A testimonial of several sentences set as a 17 pt pull quote filled half a page: `size: body`
    sets it at the text's size, in italic, beside the same accent bar."""
    from report.build import build
    rel = "sections/04-aussenwirtschaftstag.yaml"
    said = "Ich bin seit drei Jahren dabei und freue mich jeden Dienstag darauf. " * 4
    (project / rel).write_text((project / rel).read_text(encoding="utf-8")
                               + f"  - quote: {{text: '{said.strip()}', attribution: Eine Lesepatin, size: body}}\n",
                               encoding="utf-8")
    out = build(project, tmp_path / "out", ["print"]).outputs[0]  # (the screen edition reads per paragraph)
    theme, _ = load_theme(project, project.parent / "assets")
    chars = list(pdf_chars.chars(out.path))
    opening = [c for c in chars if c[1] == "„"][-1]  # the quotation's opening mark
    assert round(opening[3], 1) == theme.sizes.body != theme.sizes.quote, opening
    # set ragged, as a quotation reads: its lines end at different places (justified, its spaces stretched)
    start = chars.index(opening)
    rest = [c for c in chars[start:start + len(said)] if round(c.size, 1) == theme.sizes.body]
    ends: dict[tuple[int, int], float] = {}
    for c in rest:
        line = (c.page, round(c.baseline))
        ends[line] = max(ends.get(line, 0), c.box[2])
    rights = list(ends.values())[:-1]  # in reading order (the last line is short anyway)
    assert len(rights) >= 2 and max(rights) - min(rights) > 6, ends


# --- an English review: single quotes, year ranges, dates -------------------------------------------


def test_an_english_review_sets_single_quotes_year_ranges_and_dates(tmp_path):
    """A UK charity's review: `subtitle: Annual Review 2024--25` printed its -- in every running head
    and the PDF's Subject; 'no' kept straight quotes; "1 April" broke after the day."""
    import shutil

    import pikepdf

    from report.build import build

    from .conftest import ROOT
    shutil.copytree(ROOT / "examples" / "en" / "content", tmp_path / "content")
    shutil.copytree(ROOT / "examples" / "en" / "assets", tmp_path / "assets")
    content = tmp_path / "content"
    report = (content / "report.yaml").read_text(encoding="utf-8")
    report = report.replace("subtitle: Review of the year 2017", "subtitle: Annual Review 2024--25")
    report = report.replace("subject: Review of the year 2017 – foreign trade promotion in Thuringia",
                            "subject: Annual Review 2024-25")
    report = report.replace("review 2017]", "'2024-25']")
    report = report.replace("  - sections/02-review.yaml\n  - sections/03-highlights.yaml\n"
                            "  - sections/04-foreign-trade-day.yaml\n", "  - sections/typo.yaml\n")
    (content / "report.yaml").write_text(report, encoding="utf-8")
    said = "he says '**no**' to that, as the 'welcome home' pack says."
    paras = "".join(f"  - paragraph: \"Our accounts cover the {'n' * k} year from 1 April 2024 to 31 March 2025; "
                    f"{said}\"\n" for k in range(28, 42))  # one of these broke 1 / April
    (content / "sections" / "typo.yaml").write_text(f"kind: text\ntitle: Typography\nblocks:\n{paras}",
                                                    encoding="utf-8")
    # the print edition: pdfium reads the screen edition's /ActualText at a paragraph's first glyph
    result = build(content, tmp_path / "out", ["print"])
    assert not [w for w in result.warnings if "ends on page" not in w.message], [w.message for w in result.warnings]
    pdf = result.outputs[0].path
    pages = [p.get_textpage().get_text_range().replace("\xa0", " ") for p in pdfium.PdfDocument(pdf)]
    lines = [line.strip() for page in pages for line in page.splitlines()]
    assert "Thüringen International · Annual Review 2024–25" in lines and not any("--" in t for t in pages)
    flat = " ".join(" ".join(pages).split())
    assert flat.count("he says ‘no’ to that, as the ‘welcome home’ pack says.") == 14, flat[-300:]
    rows: dict[tuple[int, float], list] = {}  # the lines as set: characters on one baseline, left to right
    for c in pdf_chars.chars(pdf):
        rows.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    set_lines = ["".join(c.text for c in sorted(row, key=lambda c: c.box[0])) for row in rows.values()]
    dated = [line for line in set_lines if "April" in line]  # spaces are not characters here: "1April"
    assert len(dated) == 14 and all("1April" in line for line in dated), dated
    assert any(line.startswith("1April") for line in dated), dated  # the day went over with its month
    with pikepdf.open(pdf) as p:
        assert str(p.docinfo["/Subject"]) == "Annual Review 2024–25"
        assert str(p.docinfo["/Keywords"]).endswith("trade fairs, 2024–25")
        assert str(p.open_metadata()["dc:description"]) == "Annual Review 2024–25"


def test_a_us_review_hyphenates_the_american_way_and_keeps_dates_and_dashes_together(project):
    """A US company's review (language: en-US) broke "techno-logy" the British way, "June | 2, 2025"
    and "March 12, | 2025" across lines, and began a line with a spaced em dash."""
    from report.build import build

    from .conftest import set_sections
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: en-US"),
                      encoding="utf-8")
    text = ("the {} plant's new technology went live on June 2, 2025 — now storage makes up 41% of all "
            "bookings, between 10 a.m. and 9 p.m. every day")
    set_sections(project, {"sections/us.yaml": "kind: text\ntitle: Typography\nblocks:\n" + "".join(
        f"  - paragraph: \"{text.format('n' * k)}.\"\n" for k in range(10, 34)) + "".join(
        f"  - paragraph: {'m' * k}{' technology' * 14}\n" for k in range(2, 12))})
    pdf = build(project, project.parent / "out", ["print"]).outputs[0].path  # the screen's ActualText
    rows: dict[tuple[int, float], list] = {}
    for c in pdf_chars.chars(pdf):
        rows.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    lines = ["".join(c.text for c in sorted(row, key=lambda c: c.box[0])).replace("\ufffe", "-")  # pdfium's
             for row in rows.values()]  # mark for a hyphen the line breaker added
    body = [line for line in lines if "June" in line or "technol" in line or "ogy" in line or "a.m" in line]
    assert len([line for line in lines if "June" in line]) == 24 and all(
        "June2,2025" in line for line in lines if "June" in line), lines  # spaces are not characters here
    assert not [line for line in lines if line.startswith(("—", "a.m.", "p.m."))], lines
    broken = [line for line in body if line.endswith("-")]
    assert any(line.endswith(("tech-", "technol-")) for line in broken), broken  # tech-nol-ogy
    assert not any(line.endswith("techno-") for line in broken), broken
