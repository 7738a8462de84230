"""Inline markup: the only way content styles text; everything else is literal."""

import pytest
from reportlab.platypus import Paragraph

from report import markup
from report.layout.text import rl_markup
from report.locale import get_locale

DE = get_locale("de-DE")


def test_spans():
    spans = markup.parse("ein **fetter** und *kursiver* [Link](https://example.org)")
    assert [(s.text, s.bold, s.italic, s.href) for s in spans] == [
        ("ein ", False, False, None), ("fetter", True, False, None), (" und ", False, False, None),
        ("kursiver", False, True, None), (" ", False, False, None), ("Link", False, False, "https://example.org"),
    ]


def test_special_characters_are_literal():
    assert rl_markup("a < b & c > d", DE) == "a &lt; b &amp; c &gt; d"
    assert markup.plain("3 * 4 = 12") == "3 * 4 = 12"


@pytest.mark.parametrize("text", ['<font size=90>groß</font>', "<b>fett", "x <br/> y"])
def test_tags_are_refused(text):
    with pytest.raises(markup.MarkupError) as exc:
        markup.parse(text)
    assert "tags are not supported" in str(exc.value)
    assert text.index("<") == exc.value.offset


def test_unclosed_bold_names_its_offset():
    with pytest.raises(markup.MarkupError) as exc:
        markup.parse("gut **fett")
    assert exc.value.offset == 4


def test_link_scheme_is_checked():
    with pytest.raises(markup.MarkupError, match="must start with https://"):
        markup.parse("[x](javascript:alert)")


def test_escaped_text_renders_literally():
    from reportlab.lib.styles import ParagraphStyle
    p = Paragraph(rl_markup('A&B <font size=9> "Zitat"'.replace("<font size=9>", "&lt;x&gt;"), DE),
                  ParagraphStyle("t"))
    text = p.getPlainText()
    assert "A&B" in text and "„Zitat“" in text
