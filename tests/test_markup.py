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


def test_the_gender_star_is_a_character_not_markup():
    """'Lesepat*innen' stopped the build (italic never closed); two of them in a paragraph silently set
    the words between in italics and dropped both stars. A * between two letters is a character."""
    text = "Unsere Lesepat*innen und Vorleser*innen lesen *jeden Tag* vor; ein*e Mitarbeiter*in"
    spans = markup.parse(text)
    assert markup.plain(text) == text.replace("*jeden Tag*", "jeden Tag")
    assert [s.text for s in spans if s.italic] == ["jeden Tag"]


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


def test_quotes_across_markup_open_and_close_correctly():
    assert rl_markup('Er sagte "**ja**" und "*nein*".', DE) == "Er sagte „<b>ja</b>“ und „<i>nein</i>“."


def test_author_typed_quotes_are_kept():
    assert rl_markup("„schon“ und “so” und «so»", DE) == "„schon“ und “so” und «so»"
    assert rl_markup('„halb"', DE) == "„halb“"


def test_dashes_and_ellipsis_but_not_in_urls():
    text = "10--12 Uhr... siehe https://example.org/a--b/c...d und [hier](https://x.org/--)"
    out = rl_markup(text, DE).replace(markup.BREAK, "")
    assert out.startswith("10–12\u00a0Uhr… siehe ")  # a time of day is bound to its number
    assert ">https://example.org/a--b/c...d</a>" in out and 'href="https://x.org/--"' in out


def test_bare_url_is_a_link_span_without_trailing_punctuation():
    spans = markup.parse("Mehr unter https://www.example.org/jahr?x=1. Danke")
    assert [(s.text, s.href, s.url) for s in spans] == [
        ("Mehr unter ", None, False),
        ("https://www.example.org/jahr?x=1", "https://www.example.org/jahr?x=1", True),
        (". Danke", None, False)]
    assert markup.links("a https://a.org/b c [d](https://e.org)") == ["https://a.org/b", "https://e.org"]


def test_url_break_opportunities_only_before_slash_dot_hyphen_question_mark():
    shown = markup.breakable_url("https://www.thueringen-international-wirtschaft.de/service//jahr?x=1&y=2")
    pieces = shown.split(markup.BREAK)
    assert "".join(pieces) == "https://www.thueringen-international-wirtschaft.de/service//jahr?x=1&y=2"
    assert pieces[:3] == ["https://", "www", ".thueringen"]  # after the scheme's //, never inside the scheme
    assert all(p[0] in "/.-?=&" for p in pieces[2:]) and "//jahr" in pieces  # before a run, not inside it
    assert shown.count("-") == 2  # no hyphen is added (the host's own two)


def test_a_short_host_name_is_never_broken_inside():
    """'https://www | .epa.gov/egrid' (a US user): a short address breaks after its // or before a /."""
    pieces = markup.breakable_url("https://www.epa.gov/egrid/data").split(markup.BREAK)
    assert pieces == ["https://", "www.epa.gov", "/egrid", "/data"]
    assert markup.breakable_url("https://www.epa.gov").split(markup.BREAK) == ["https://", "www.epa.gov"]
    # a UK charity's 29 characters, and its e-mail: broken before the @ at most (it was '…org | .uk')
    assert markup.breakable_url("https://www.northway-mentoring.org.uk/accounts").split(markup.BREAK) == [
        "https://", "www.northway-mentoring.org.uk", "/accounts"]
    assert markup.breakable_url("hello@northway-mentoring.org.uk").split(markup.BREAK) == [
        "hello", "@northway-mentoring.org.uk"]


def test_footnote_references():
    assert markup.footnote_refs("Text[^1] und mehr[^2].") == [1, 2]
    assert markup.plain("Text[^1].") == "Text."
    assert rl_markup("Text[^3].", DE, note=lambda n: f"<super>{n}</super>") == "Text<super>3</super>."


def test_single_quotes_pair_across_markup_but_not_in_addresses():
    en = get_locale("en-GB")
    assert rl_markup("He says '**no**' and '*yes*'.", en) == "He says ‘<b>no</b>’ and ‘<i>yes</i>’."
    out = rl_markup("see https://x.org/it's 'here' now", en).replace(markup.BREAK, "")
    assert ">https://x.org/it's</a> ‘here’ now" in out
