"""Text is text: markup injected through content shows literally or is refused, and nothing runs
out of its frame — long words, long URLs, a section over many pages — checked in real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.styles import ParagraphStyle

from report.build import build
from report.errors import ReportError
from report.layout.hyphenate import hyphenator
from report.layout.justify import PROTRUDE_LEFT, PROTRUDE_RIGHT
from report.layout.styles import MM
from report.layout.text import Paragraph
from report.theme import load_theme

from . import pdf_chars
from .hostile import at, diagnostics, edit, line_of, make_project, only
from .test_e2e import extract_text

LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft" * 3
LONG_URL = "https://www.example.org/" + "sehr-langer-pfad/" * 12 + "?q=" + "x" * 80


@pytest.mark.parametrize("injected, shown", [
    ("<font size=90>Riesig</font>", "'<font size=90>'"),
    ("<b>nie geschlossen", "'<b>'"),
    ("<br/>", "'<br/>'"),
    ("<a href='javascript:alert(1)'>x</a>", "\"<a href='javascript:alert(1)'>\""),
    ("<img src=x onerror=y/>", "'<img src=x onerror=y/>'"),
])
def test_tags_in_text_are_refused_with_their_place(tmp_path, injected, shown):
    content = make_project(tmp_path)
    edit(content, "sections/02-bilanz.yaml", "  - paragraph: >-\n      5 erf",
         f"  - paragraph: >-\n      {injected} 5 erf")
    d = only(diagnostics(content))
    at(d, "content/sections/02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "- paragraph: >-"), 16)
    assert d.message == f"section: paragraph: text: HTML/XML tags are not supported here: {shown}"
    assert "**bold**" in d.hint


@pytest.mark.parametrize("text, message", [
    ("**fett ohne Ende", "bold text opened with ** is never closed"),
    ("[Link](javascript:alert(1))", None),  # not a link: nested parentheses stay literal text
    ("[Link](ftp://example.org)", "link target 'ftp://example.org' must start with https://, http:// or mailto:"),
])
def test_inline_markup_mistakes(tmp_path, text, message):
    content = make_project(tmp_path)
    edit(content, "sections/02-bilanz.yaml", "  - paragraph: >-\n      5 erf", f"  - paragraph: >-\n      {text} 5 erf")
    if message is None:
        assert diagnostics_or_none(content) is None
        return
    d = only(diagnostics(content))
    assert d.message.endswith(message)


def diagnostics_or_none(content: Path):
    try:
        return diagnostics(content)
    except AssertionError:
        return None


def test_markup_in_plain_fields_prints_literally_and_changes_nothing(project, tmp_path):
    edit(project, "report.yaml", "title: Ein gutes", "title: <font size=90>Ein</font> & gutes")
    edit(project, "report.yaml", 'credit: "Bildquelle:', 'credit: "<b>Bild</b>quelle &amp;')
    edit(project, "sections/02-bilanz.yaml", "kicker: Eine erste Bilanz", "kicker: <br/>Eine & erste <i>Bilanz")
    edit(project, "sections/02-bilanz.yaml", "  - paragraph: >-\n      5 erf",
         "  - paragraph: >-\n      A & B < C > D &amp; &lt;b&gt; &#60;font size=90&#62; <font 5 erf")
    out = build(project, tmp_path / "out", ["screen"]).outputs[0]
    text = " ".join(extract_text(out.path).split())
    for literal in ("<font size=90>Ein</font> & gutes", "<b>Bild</b>quelle &amp;",
                    "A & B < C > D &amp; &lt;b&gt; &#60;font size=90&#62; <font 5",
                    "<BR/>EINE & ERSTE <I>BILANZ"):
        assert literal in text
    theme, _ = load_theme(project, project.parent / "assets")
    biggest = max(c.size for c in pdf_chars.chars(out.path))
    assert biggest <= max(theme.sizes.title, theme.sizes.figure) + 0.5, "content changed a font size"
    assert out.pages == 7  # same page count as the sample: nothing grew


def test_long_words_urls_and_a_long_section_stay_inside_the_frame(project, tmp_path):
    """One build: overlong words and URLs in paragraphs, links, headings, tiles and the imprint,
    and a section of 120 paragraphs. Every character of every page after the cover must lie
    within the text frame of its page (the screen edition's: a recto's on every page)."""
    edit(project, "sections/02-bilanz.yaml", "  - paragraph: >-\n      5 erf",
         f"  - paragraph: >-\n      {LONG_WORD} [{LONG_URL}]({LONG_URL}) {LONG_URL} **{LONG_URL}** 5 erf")
    edit(project, "sections/02-bilanz.yaml", "title: Erfolgsgeschichten in nackten Zahlen", f"title: {LONG_WORD[:120]}")
    edit(project, "sections/02-bilanz.yaml", "      text: >-\n", f"      text: >-\n        {LONG_WORD}\n")
    edit(project, "sections/01-zahlen.yaml", "label: Delegations- und Markterkundungsreisen",
         f"label: {LONG_WORD[:80]}")
    edit(project, "sections/01-zahlen.yaml", "detail: unter anderem nach Kalifornien, Japan und Detroit/Chicago",
         f"detail: {LONG_URL[:160]}")
    edit(project, "report.yaml", "title: Ein gutes Jahr für Ihre Internationalisierung!", f"title: {LONG_WORD[:120]}")
    edit(project, "report.yaml", "    - Im Auftrag", f"    - {LONG_URL[:120]}\n    - Im Auftrag")
    edit(project, "report.yaml", "  lines:", f"  web: {LONG_URL}\n  lines:")
    paragraphs = "".join(f"  - paragraph: Absatz {i} mit {LONG_URL[:70]} und gewöhnlichem Text, der die Zeile "
                         f"füllt und umbricht, wie es Fließtext tut.\n" for i in range(1, 121))
    (project / "sections" / "05-lang.yaml").write_text(
        f"kind: text\ntitle: Ein sehr langes Kapitel\nblocks:\n{paragraphs}  - paragraph: ENDE DES KAPITELS\n",
        encoding="utf-8")
    edit(project, "report.yaml", "  - sections/04-aussenwirtschaftstag.yaml",
         "  - sections/04-aussenwirtschaftstag.yaml\n  - sections/05-lang.yaml")

    out = build(project, tmp_path / "out", ["screen"]).outputs[0]
    assert out.pages >= 15, "a 120-paragraph section spans many pages"
    text = extract_text(out.path)
    assert "ENDE DES KAPITELS" in text and "Absatz 120 mit" in text

    theme, _ = load_theme(project, project.parent / "assets")
    page_w = 210 * MM
    inner, outer = theme.page.margin_inner * MM, theme.page.margin_outer * MM
    outside = []
    # the glyphs as drawn: the tagged edition's ActualText (a hyphenated word joined for readers) set
    # aside, which pdfium maps onto the glyphs one by one, shifted by the hyphens it leaves out (a
    # line-end hyphen hanging into the margin read as an 'e')
    glyphs = tmp_path / "glyphs.pdf"
    with pikepdf.open(out.path) as pdf:
        for page in pdf.pages:
            page.contents_coalesce()
            page.Contents.write(re.sub(rb"/ActualText\s*<[0-9A-Fa-f\s]*>", b"", page.Contents.read_bytes()))
        pdf.save(glyphs)
    for no, ch, (left, _bottom, right, _top), size, _baseline in pdf_chars.chars(glyphs):
        if no == 1:
            continue  # the cover is full-bleed artwork with its own panel
        ch = "\u00ad" if ch == "\ufffe" else ch  # pdfium's mark for a hyphen that ends a line
        frame_left, frame_right = inner, page_w - outer  # on screen every page is set as a recto
        # optical margins: punctuation and hyphens hang part of their width (< 0.15 em) into the margin
        hang_l = 1 + 0.15 * size if ch in PROTRUDE_LEFT else 1
        hang_r = 1 + 0.15 * size if ch in PROTRUDE_RIGHT else 1
        if left < frame_left - hang_l or right > frame_right + hang_r:
            outside.append((no, ch, round(left), round(right)))
    assert not outside, f"{len(outside)} characters outside the frame, e.g. {outside[:5]}"

    # the cover: a title too long for the panel is set smaller, never over the organisation line
    cover = [(c.box, c.size) for c in pdf_chars.chars(out.path) if c.page == 1]
    title = [box for box, size in cover if size > theme.sizes.h2 + 1]
    organisation = [box for box, size in cover if abs(size - theme.sizes.h2) < 0.5 and box[1] < 30 * MM]
    assert title and organisation
    assert min(b[1] for b in title) > max(b[3] for b in organisation) + 2 * MM
    assert all(0 <= b[0] and b[2] <= page_w for b, _ in cover)


@pytest.mark.parametrize("text", [
    LONG_URL, f'<a href="{LONG_URL}"><u>{LONG_URL}</u></a>', LONG_WORD, "Donaudampf" + "x" * 200,
    f"Text {LONG_URL} und {LONG_WORD} danach", f"<b>{LONG_URL}</b> fett",
])
def test_paragraph_never_wider_than_its_frame(text):
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, hyphenationLang=hyphenator("de_DE"),
                           embeddedHyphenation=1, uriWasteReduce=0.3, splitLongWords=1, alignment=4)
    p = Paragraph(text, style)
    p.wrap(200, 1000)
    assert p._width_max <= 200.01
    ordinary = Paragraph("Ein ganz gewöhnlicher Satz mit Silbentrennung für Fortschreibung.", style)
    ordinary.wrap(120, 1000)
    assert ordinary.style.hyphenationLang, "ordinary text keeps its hyphenation"


def test_characters_missing_from_the_fonts_are_named(project, tmp_path):
    edit(project, "report.yaml", "title: Ein gutes", "title: 漢字 😀 Ein gutes")
    edit(project, "charts/reichweite.yaml", "\ntitle: ", "\ntitle: ✈︎ ")
    with pytest.raises(ReportError) as exc:
        build(project, tmp_path / "out", ["screen"])
    first, second = exc.value.diagnostics
    at(first, "content/report.yaml", line_of(project, "report.yaml", "title: 漢字"), 8)
    assert first.message == "title: the font Lato has no glyph for '字' (U+5B57), '漢' (U+6F22), '😀' (U+1F600)"
    assert "replace the characters" in first.hint
    at(second, "content/charts/reichweite.yaml", line_of(project, "charts/reichweite.yaml", "title: ✈"), 8)
    assert not (tmp_path / "out").exists()


def test_chart_labels_break_only_words_far_longer_than_a_line():
    from report.labels import wrap_label
    assert wrap_label("Informationsveranstaltungen", 24) == ["Informationsveranstaltungen"]
    assert wrap_label("Delegations- und Markterkundungsreisen", 24) == ["Delegations- und", "Markterkundungsreisen"]
    lines = wrap_label(LONG_WORD[:60], 24)
    assert len(lines) == 3 and all(len(line) <= 32 for line in lines)
