"""Layout speed: the cycle collector is paused while an edition is laid out (render.collector_paused),
and a drawn paragraph leaves no reference cycle behind for it (layout/text.py undoes the functions
set on text objects): the layout's garbage is freed as it goes, not kept until the collector runs.
Words are measured once per font and size (text.word_width, what reportlab's paragraphs measure with)."""

from __future__ import annotations

import gc
import io
from types import SimpleNamespace

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from report import render
from report.build import build
from report.layout.text import Paragraph
from report.tagging import Tagger

from .conftest import set_sections

TEXT = ("Die Stiftung fördert Projekte in allen Stadtteilen und unterstützt Vereine, Schulen und "
        "Initiativen bei der Umsetzung ihrer Vorhaben. Im vergangenen Jahr kamen zahlreiche neue "
        "Partnerschaften hinzu, die das Angebot für Familien, Jugendliche und Senioren erweitern.")


def test_the_collector_is_off_while_an_edition_is_laid_out(project, tmp_path, monkeypatch):
    seen: list[bool] = []
    story = render.build_story

    def watched(ctx):
        seen.append(gc.isenabled())
        return story(ctx)
    monkeypatch.setattr(render, "build_story", watched)
    set_sections(project, {"sections/a.yaml": f"kind: text\ntitle: Ein Abschnitt\nblocks:\n  - paragraph: {TEXT}\n"})
    assert gc.isenabled()
    build(project, tmp_path / "out", ["screen"])
    assert seen == [False] and gc.isenabled()


def test_the_collector_is_on_again_after_an_error_and_stays_off_if_it_was():
    with pytest.raises(ValueError), render.collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with render.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("tagged", [False, True])
def test_a_drawn_paragraph_leaves_no_cycle_behind(styles, tagged):
    """Justified lines set with font expansion (a Tz hook on the text object) and, tagged, with a
    space at each line's end (a second hook): once drawn, the text object is freed at once."""
    canvas = Canvas(io.BytesIO())
    if tagged:
        tagger = Tagger("de-DE")
        canvas._doctemplate = SimpleNamespace(tagger=tagger)
        tagger.reset(canvas)
    para = Paragraph(TEXT, styles.para("body"))
    para.wrap(300, 500)
    assert any(abs(getattr(line, "scale", 1.0) - 1.0) > 1e-6 for line in para.blPara.lines)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        para.drawOn(canvas, 50, 400)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, PDFTextObject)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []
    assert "Tz" in canvas._code[-1] or any("Tz" in c for c in canvas._code)


def test_a_word_is_measured_once_per_font_and_size(styles, monkeypatch):
    """reportlab's paragraphs measure each word they set with the kept widths: a paragraph set again
    measures nothing anew, and a width is never answered for another font, size or encoding."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph as rl_paragraph

    from report.layout import text
    assert rl_paragraph.stringWidth is text.word_width
    measured: list[str] = []

    def counting(word, font, size, encoding="utf8"):
        measured.append(word)
        return pdfmetrics.stringWidth(word, font, size, encoding)
    monkeypatch.setattr(text, "stringWidth", counting)
    monkeypatch.setattr(text, "_WORD_WIDTHS", {})
    words = "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich"
    Paragraph(words, styles.para("body")).wrap(300, 500)
    assert set(words.split()) <= set(measured)
    measured.clear()
    Paragraph(words, styles.para("body")).wrap(300, 500)
    assert measured == []
    regular, bold = styles.font["regular"], styles.font["bold"]
    for font, size in ((regular, 10), (regular, 11), (bold, 10)):
        assert text.word_width("Boxkämpfer", font, size) == pdfmetrics.stringWidth("Boxkämpfer", font, size)
    assert text.word_width("Wort", "Helvetica", 10, "latin-1") == pdfmetrics.stringWidth("Wort", "Helvetica", 10)
    assert ("Helvetica", 10) not in text._WORD_WIDTHS
