"""Line breaking of body text: the wrap fallback, the paragraph optimiser, page splits, spacing."""

from __future__ import annotations

import pytest

from report.content import load_document
from report.layout.styles import MM, Styles, register_fonts
from report.layout.text import Paragraph, rl_markup
from report.locale import get_locale
from report.theme import load_theme

from .conftest import SAMPLE_CONTENT

MEASURES_MM = range(98, 147, 4)


@pytest.fixture(scope="module")
def styles() -> Styles:
    doc = load_document(SAMPLE_CONTENT)
    theme, fonts = load_theme(SAMPLE_CONTENT, doc.assets_dir)
    return Styles(theme, get_locale("de-DE"), "rgb", register_fonts(fonts))


@pytest.fixture(scope="module")
def sample_paragraphs() -> list[str]:
    doc = load_document(SAMPLE_CONTENT)
    return [b.text for s in doc.sections for b in getattr(s, "blocks", []) if type(b).__name__ == "Paragraph"]


def test_slightly_shrunk_lines_keep_hyphenation(styles, sample_paragraphs):
    """The page-6 paragraph at the sample's 122 mm measure: its greedy lines shrink their spaces by a
    fraction of a point, which once re-set the whole paragraph without hyphenation (6.5x gaps)."""
    suhl = next(t for t in sample_paragraphs if t.startswith("Bereits im März"))
    p = Paragraph(rl_markup(suhl, styles.locale), styles.para("body"))
    p.wrap(345.83, 10_000)
    assert p.style.hyphenationLang, "the paragraph was set again without hyphenation"
    for mm in MEASURES_MM:
        for text in sample_paragraphs:
            p = Paragraph(rl_markup(text, styles.locale), styles.para("body"))
            p.wrap(mm * MM, 10_000)
            assert p.style.hyphenationLang, f"{text[:30]!r} at {mm} mm lost its hyphenation"


def test_a_word_wider_than_the_line_still_falls_back(styles):
    """A URL is split once at a slash and its rest overflows; set again, every piece fits."""
    word = "https://www.example.org/" + "sehr-langer-pfad/" * 12 + "?q=" + "x" * 80
    p = Paragraph(f"Ein {word} steht hier.", styles.para("body"))
    p.wrap(60 * MM, 10_000)
    assert not p.style.hyphenationLang
