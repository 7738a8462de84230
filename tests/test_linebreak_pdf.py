"""Line breaking, read back from built PDFs: measure, markup runs, tags, the emergency warning."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from report.build import build
from report.layout.justify import PROTRUDE_RIGHT
from report.layout.styles import MM
from report.theme import load_theme

from . import pdf_chars
from .conftest import SAMPLE_CONTENT, require_tool
from .hostile import edit, line_of
from .test_e2e import extract_text

BODY = 10.0


def _body_lines(pdf_path: Path) -> dict[tuple[int, float], list[tuple[str, float, float]]]:
    """(page, baseline) → [(char, left, right)] of every body-size glyph, pages after the cover."""
    lines: dict[tuple[int, float], list[tuple[str, float, float]]] = defaultdict(list)
    for c in pdf_chars.chars(pdf_path):
        if c.page > 1 and abs(c.size - BODY) <= 0.05:
            lines[(c.page, round(c.baseline))].append((c.text, c.box[0], c.box[2]))
    return lines


def test_no_line_runs_past_the_measure(print_pdf):
    """Every body line ends at or before the frame's right edge; only punctuation and hyphens hang
    beyond it (optical margins), by less than their width. Most lines end flush (justified).
    The print edition: pdfium places the tagged edition's /ActualText at its first glyph."""
    theme, _ = load_theme(SAMPLE_CONTENT, SAMPLE_CONTENT.parent / "assets")
    with pikepdf.open(print_pdf) as pdf:
        trim_x = float(pdf.pages[3].TrimBox[0])
    page_w = 210 * MM
    flush = total = 0
    for (no, _y), chars in _body_lines(print_pdf).items():
        recto = no % 2 == 1
        right_edge = trim_x + page_w - (theme.page.margin_outer if recto else theme.page.margin_inner) * MM
        ch, _left, right = max(chars, key=lambda c: c[2])
        total += 1
        if ch in PROTRUDE_RIGHT or ch == "\ufffe":  # pdfium's name for a line-end hyphen
            assert right <= right_edge + 0.2 * BODY, f"p{no}: {ch!r} hangs too far"  # < 70 % of its advance
        else:
            assert right <= right_edge + 0.3, f"p{no}: a line runs {right - right_edge:.2f} pt past the measure"
        flush += abs(right - right_edge) < 1.5 or ch in PROTRUDE_RIGHT or ch == "\ufffe"
    assert total > 25 and flush > total * 0.6


def test_the_sample_builds_without_warnings(sample_build):
    assert sample_build.warnings == []


def _font_of_chars(pdf_path: Path, needle: str) -> set[str]:
    """Base font names of the characters of `needle` where it occurs in the PDF's text."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    names = set()
    try:
        for page in pdf:
            tp = page.get_textpage()
            text = tp.get_text_range()
            start = text.find(needle)
            if start < 0:
                continue
            for i in range(start, start + len(needle)):
                if not text[i].strip():
                    continue
                buf = (pdfium_c.c_char * 256)()
                pdfium_c.FPDFText_GetFontInfo(tp.raw, i, buf, 256, None)
                names.add(buf.value.decode())
    finally:
        pdf.close()
    return names


def test_markup_runs_survive_the_optimiser(project, tmp_path):
    """Bold, italic, a link and an ampersand in a justified paragraph: whole in extracted text and tags,
    each run in its font, the link's area over its text, no added hyphen inside any word."""
    rel = "sections/04-aussenwirtschaftstag.yaml"
    edit(project, rel, "Mehr als 200 Teilnehmer informierten sich im",
         "**Mehr als 200 Teilnehmer** informierten sich im")
    edit(project, rel, "Fallstricke der Internationalisierung.", "*Fallstricke der Internationalisierung*.")
    edit(project, rel, "Gelegenheit zum Networking mit", "Gelegenheit zum [Networking](https://example.org/netz) mit")
    edit(project, rel, "Branchenkennern und anderen", "Branchenkennern & anderen")
    result = build(project, tmp_path / "out", ["screen", "print"])
    out, printed = (next(o for o in result.outputs if o.edition == e) for e in ("screen", "print"))
    text = " ".join(extract_text(printed.path).replace("\ufffe", "").split())  # pdfium: no /ActualText here
    assert "Bereits im März" in text
    assert "Mehr als 200 Teilnehmer informierten" in text and "Networking mit" in text
    bold, italic, plain = (_font_of_chars(printed.path, t) for t in ("Mehr als 200", "Fallstricke", "Bereits im"))
    assert bold and italic and plain
    assert all("Bold" in f for f in bold) and all("Italic" in f for f in italic)
    assert not any("Bold" in f or "Italic" in f for f in plain)
    with pikepdf.open(out.path) as pdf:
        uris = [a for p in pdf.pages for a in p.get("/Annots", []) if a.get("/A", {}).get("/URI") == "https://example.org/netz"]
        assert uris, "the link annotation"
    exe = require_tool("pdfinfo", "poppler-utils")
    struct = subprocess.run([exe, "-struct-text", str(out.path)], capture_output=True, text=True, check=True).stdout
    para = next(m.group(1) for m in re.finditer(r'^\s*"(.*)"$', struct, flags=re.M) if "Bereits im März" in m.group(1))
    para = " ".join(para.replace("\u00ad", "").split())
    for phrase in ("Mehr als 200 Teilnehmer informierten sich", "Fallstricke der Internationalisierung. Unsere",
                   "Gelegenheit zum Networking mit", "Branchenkennern & anderen", "Außenwirtschaftstages",
                   "Informationsveranstaltungen"):
        assert phrase in para, phrase
    assert not re.search(r"\w- \w", para.replace("Wirtschafts- und", "")), "a hyphen from line breaking in the tags"


def test_emergency_stretch_names_the_paragraph(project, tmp_path):
    """Words that no breaks can set within 2.2x spaces: the build says which paragraph to edit."""
    rel = "sections/04-aussenwirtschaftstag.yaml"
    digits = " ".join(["123456789012345"] * 9)
    edit(project, rel, "      Bereits im März zog es uns", f"      {digits} Bereits im März zog es uns")
    result = build(project, tmp_path / "out", ["screen", "print"])
    found = [w for w in result.warnings if "emergency stretch" in w.message]
    assert len(found) == 1, result.warnings  # once, though both editions set it
    where = found[0].format()
    assert where.startswith(f"{project / rel}:{line_of(project, rel, '- paragraph:')}:"), where
    assert "warning" in where and "hint:" in where


def test_an_address_that_fits_a_line_is_not_broken(project, tmp_path):
    """A UK charity's A5 Easy Read page: 'hello@northway-mentoring.org' | '.uk or call …' — the break
    inside the address was allowed to end a line short, the space after the whole address was not, so
    the address broke though it fits a line. Now a line may end short after a whole address too."""
    from .conftest import set_sections
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: en-GB"),
                      encoding="utf-8")
    (project / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    text = ("If you would like this report in large print, in Easy Read, as an audio file or in another "
            "language, please e-mail hello@northway-mentoring.org.uk or call 0113 496 0321.")
    set_sections(project, {"sections/e.yaml": f"kind: text\ntitle: Easy read\nblocks:\n  - paragraph: {text}\n"})
    pdf = build(project, tmp_path / "out", ["print"]).outputs[0].path  # (the screen edition's text is per paragraph)
    lines = [ln.strip() for ln in extract_text(pdf).splitlines() if "northway" in ln]
    assert len(lines) == 1 and "hello@northway-mentoring.org.uk" in lines[0], lines


def test_emergency_stretch_names_words_bound_together(styles):
    """A Swiss review's financial prose: every 'CHF 85 Mio.' is bound into one unbreakable run, the
    lines went loose, and the hint spoke of hyphenating a long word. It names the bound run."""
    from report.layout.text import Paragraph, rl_markup
    from report.locale import get_locale
    text = ("Wir investierten bis Ende 2026 insgesamt CHF 19,6 Mio. in Netze, CHF 7,9 Mio. in Leitungen, CHF 85 Mio. "
            "bis 31. Dezember 2030 in Strom und CHF 12,4 Mio. in Wärme.")
    notes: list = []
    para = Paragraph(rl_markup(text, get_locale("de-CH")), styles.para("body"), notes=notes)
    para.wrap(78 * 72 / 25.4, 1000)
    assert notes and re.match(r"'CHF [\d,]+ Mio\.' is bound together and never breaks: reword", notes[0].hint), \
        [n.hint for n in notes]


def test_emergency_stretch_hint_names_the_loose_line_not_a_date_elsewhere(styles):
    """An Austrian review's two-column Bäder paragraph: the hint named '15. August', three lines below
    the loose one, which no rewording near it would help. It names the loosest line (to find it), and a
    bound run only where it stands at that line's end or the next one's start."""
    from report.layout.text import Paragraph, rl_markup
    from report.locale import get_locale
    text = ("Hallenbad, Freibad und Sauna zählten 2026 zusammen 318.240 Eintritte. Das Freibad erlebte mit "
            "142.380 Besucherinnen und Besuchern eine Rekordsaison; allein am 15. August kamen 6.214 Gäste. Im "
            "Hallenbad wurde die Lüftungsanlage um € 2,1 Mio. saniert; sie spart rund 30 % der Wärme.")
    notes: list = []
    para = Paragraph(rl_markup(text, get_locale("de-AT")), styles.para("body"), notes=notes)
    para.wrap(232.4, 1000)  # the column of two on A4
    assert len(notes) == 1 and "August" not in notes[0].hint, [n.hint for n in notes]
    assert notes[0].hint.startswith("the loosest line is 'Hallenbad, Freibad und Sauna zählten 2026 zu"), notes[0].hint


def test_a_short_web_address_goes_whole_to_the_next_line(styles):
    """A Dutch water board's box: "… staat op https://" | "www.zwemwater.nl." (half of ten such
    paragraphs). No line ends after the scheme; the address goes to the next line whole, and the line
    before it may end short (set flush left) rather than stretch its spaces."""
    from report.layout.text import Paragraph, rl_markup
    from report.locale import get_locale
    text = ("In de zomer van 2026 heeft het waterschap voor drie officiële zwemlocaties waarschuwingen voor "
            "blauwalg afgegeven. Actuele informatie staat op https://www.zwemwater.nl.")
    for width in range(150, 290, 10):
        notes: list = []
        para = Paragraph(rl_markup(text, get_locale("nl-NL")), styles.para("body"), notes=notes)
        para.wrap(width, 1000)
        lines = ["".join(w.text for w in line.words).replace("\u200b", "").strip() for line in para.blPara.lines]
        assert not [ln for ln in lines if ln.endswith("://")], (width, lines)
        assert not notes, (width, [n.hint for n in notes], lines)


def test_emergency_stretch_hint_offers_a_long_word_for_the_hyphenation_list(styles):
    """A word the dictionary cannot break (a name, a term of art) beside the loose line: the hint says
    that report.yaml's hyphenation: can give it break points."""
    from report.layout.text import Paragraph, rl_markup
    from report.locale import get_locale
    text = "Am Fluss Grrrrrrrrrrmpf und am See Hmmmmmmmmmmmm. " * 4
    notes: list = []
    para = Paragraph(rl_markup(text, get_locale("de-DE")), styles.para("body"), notes=notes)
    para.wrap(232.4, 1000)
    hints = [n.hint for n in notes]
    assert hints and "if 'Grrrrrrrrrrmpf', 'Hmmmmmmmmmmmm' may break" in hints[0] and "hyphenation:" in hints[0], hints
