"""Content text → reportlab paragraph markup. Content never reaches reportlab's markup directly:
every span is escaped, and only the inline markup of `report.markup` becomes tags."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .. import markup
from ..locale import Locale


def rl_markup(text: str, locale: Locale) -> str:
    """Safe reportlab markup for a content string (already validated by the model)."""
    out = []
    for span in markup.parse(text):
        piece = escape(locale.typographic(span.text))
        if span.bold:
            piece = f"<b>{piece}</b>"
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.href:
            piece = f"<a href={quoteattr(span.href)}><u>{piece}</u></a>"
        out.append(piece)
    return "".join(out)


def rl_plain(text: str, locale: Locale) -> str:
    """Escaped text without any markup (headings, labels)."""
    return escape(locale.typographic(text))
