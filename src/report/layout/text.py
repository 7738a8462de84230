"""Content text → reportlab paragraph markup. Content never reaches reportlab's markup directly:
every span is escaped, and only the inline markup of `report.markup` becomes tags."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph as _RLParagraph

from .. import markup
from ..locale import Locale
from ..tagging import HEADING_ROLES as ROLES
from ..tagging import content, start_section, tagger_of

_OVERFLOW = 0.01  # points a line may exceed its width through rounding


def rl_markup(text: str, locale: Locale, note: Any = None) -> str:
    """Safe reportlab markup for a content string (already validated by the model). Links are not
    underlined here: the paragraph style's `linkUnderline` decides per edition (see Styles.para)."""
    return markup.render(text, escape, lambda p: f"<b>{p}</b>", lambda p: f"<i>{p}</i>",
                         lambda p, href: f"<a href={quoteattr(href)}>{p}</a>", locale.typographic, url_breaks=True,
                         note=note)


def rl_plain(text: str, locale: Locale) -> str:
    """Escaped text without any markup (headings, labels)."""
    return escape(locale.typographic(text))


def rl_link(text: str, href: str, locale: Locale) -> str:
    """A link whose text is shown literally (no inline markup), e.g. an e-mail address from content."""
    shown = markup.breakable_url(text) if text.startswith(("https://", "http://")) else locale.typographic(text)
    return f"<a href={quoteattr(href)}>{escape(shown)}</a>"


class Paragraph(_RLParagraph):
    """A reportlab paragraph that never runs past its frame.

    reportlab splits a word only once: when hyphenation or its URL splitting has broken a
    long word, the rest of it is never split again and runs out of the frame (a long URL,
    a compound word longer than a line). If that happens, the paragraph is set again
    without hyphenation, which lets `splitLongWords` break every overlong word to fit.
    """

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size = super().wrap(avail_width, avail_height)
        widths = getattr(self, "_wrapWidths", None)
        if widths and getattr(self, "_width_max", 0) > max(widths) + _OVERFLOW and self._hyphenates():
            self.style = _without_hyphenation(self.style)
            size = super().wrap(avail_width, avail_height)
        return size

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        """Draw as tagged content: H1/H2/Caption by style, else P (a no-op in untagged editions)."""
        if getattr(self, "starts_section", False):
            start_section(canvas)
        role = ROLES.get(self.style.name, "P")
        text = " ".join(self.getPlainText().replace("\u00ad", "").replace(markup.BREAK, "").split())
        with content(canvas, role, rect=(x, y, x + self.width, y + self.height), actual_text=text):
            if tagger_of(canvas) is None:
                super().drawOn(canvas, x, y, _sW)
                return
            with _spaces_at_line_ends(canvas, text):
                super().drawOn(canvas, x, y, _sW)

    def _hyphenates(self) -> bool:
        st = self.style
        return bool(st.hyphenationLang or st.uriWasteReduce or st.embeddedHyphenation)


@contextmanager
def _spaces_at_line_ends(canvas: Any, text: str) -> Iterator[None]:
    """Tagged editions: end every line of text with a space after its last glyph.

    reportlab moves to the next line without one, so extractors that ignore /ActualText (poppler's
    `pdfinfo -struct-text`, copy and paste in many viewers) glue the last word of a line to the
    first of the next. A trailing space is invisible and does not change the justified layout,
    which is computed before drawing.

    A line ending in a word's own hyphen ("USA-" of "USA-Reise") gets no space: the word goes on in
    the next line. A hyphen that hyphenation added (the word in `text`, the paragraph's real words,
    has none there) is drawn as the soft hyphen U+00AD, as ISO 32000-1 (14.8.2.5.3) asks of tagged
    PDF: same glyph and width (where the font maps U+00AD), but extractors know it is no part of the
    word ("Exportge\u00adschäfts", not "Exportge- schäfts")."""
    begin_text = canvas.beginText
    words = text.split()

    def patched(*args: Any, **kwargs: Any) -> Any:
        tx = begin_text(*args, **kwargs)
        text_out = tx._textOut

        def with_space(text: str, TStar: int = 0) -> None:  # noqa: N803 - reportlab's name
            if not TStar or text.endswith(" "):
                text_out(text, TStar)
            elif not text.endswith("-"):
                text_out(text + " ", TStar)
            elif (kind := _line_end_hyphen(text, words)) == "word":
                text_out(text + " ", TStar)
            elif kind == "inside":
                text_out(text, TStar)
            else:
                text_out(text[:-1] + "\u00ad" if _has_soft_hyphen(tx._fontname) else text, TStar)

        tx._textOut = with_space
        return tx

    canvas.beginText = patched
    try:
        yield
    finally:
        del canvas.beginText  # back to the class's method


def _has_soft_hyphen(font_name: str) -> bool:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return face is not None and 0xAD in getattr(face, "charToGlyph", {})


def _line_end_hyphen(line: str, words: list[str]) -> str:
    """The hyphen ending `line`: 'word' ("Delegations-" of "Delegations- und …"), 'inside' (a word's
    own hyphen, "USA-" of "USA-Reise") or 'added' (hyphenation's, "Exportge-" of "Exportgeschäfts")."""
    tail = line.split()[-1] if line.split() else "-"
    if tail in words:
        return "word"
    return "inside" if any(w.startswith(tail) for w in words) else "added"


def _without_hyphenation(style: Any) -> Any:
    return style.clone(style.name, hyphenationLang="", uriWasteReduce=0, embeddedHyphenation=0, splitLongWords=1)
