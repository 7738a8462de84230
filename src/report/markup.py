"""The small inline markup content may use, and nothing else.

    **bold**   *italic*   [link text](https://example.org)

Everything else is literal text: `<`, `>` and `&` are shown as typed. Text that
looks like an HTML/XML tag is refused, because it is almost always an attempt to
style text in a way the report does not support (and would otherwise show up
as stray tags in print).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
_ALLOWED_SCHEMES = ("https://", "http://", "mailto:")


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


class MarkupError(ValueError):
    def __init__(self, message: str, offset: int, hint: str):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


HINT = "allowed inline markup: **bold**, *italic*, [text](https://…); other characters show literally"


def parse(text: str) -> list[Span]:
    """Split text into styled spans; raises MarkupError with a character offset."""
    tag = _TAG.search(text)
    if tag:
        raise MarkupError(f"HTML/XML tags are not supported here: {tag.group(0)!r}", tag.start(), HINT)
    spans: list[Span] = []
    pos = 0
    for m in _LINK.finditer(text):
        spans += _emphasis(text[pos:m.start()], pos)
        href = m.group(2)
        if not href.startswith(_ALLOWED_SCHEMES):
            raise MarkupError(f"link target {href!r} must start with https://, http:// or mailto:",
                              m.start(2), "write the full address, e.g. https://www.example.org")
        spans += [Span(s.text, s.bold, s.italic, href) for s in _emphasis(m.group(1), m.start(1))]
        pos = m.end()
    spans += _emphasis(text[pos:], pos)
    return [s for s in spans if s.text]


def _emphasis(text: str, base: int) -> list[Span]:
    spans: list[Span] = []
    bold = italic = False
    buf: list[str] = []
    opened = {"bold": -1, "italic": -1}
    i = 0
    while i < len(text):
        if text.startswith("**", i):
            spans.append(Span("".join(buf), bold, italic))
            buf = []
            bold = not bold
            opened["bold"] = base + i if bold else -1
            i += 2
        elif text[i] == "*" and _is_marker(text, i):
            spans.append(Span("".join(buf), bold, italic))
            buf = []
            italic = not italic
            opened["italic"] = base + i if italic else -1
            i += 1
        else:
            buf.append(text[i])
            i += 1
    spans.append(Span("".join(buf), bold, italic))
    for kind, at in opened.items():
        if at >= 0:
            mark = "**" if kind == "bold" else "*"
            raise MarkupError(f"{kind} text opened with {mark} is never closed", at,
                              f"close it with a second {mark}, or write \\{mark[0]} for a literal asterisk")
    return [Span(s.text.replace("\\*", "*"), s.bold, s.italic) for s in spans]


def _is_marker(text: str, i: int) -> bool:
    """A single * marks italic unless escaped or standing alone between spaces (3 * 4)."""
    if i > 0 and text[i - 1] == "\\":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isspace() and after.isspace())


def render(text: str, escape: Callable[[str], str], bold: Callable[[str], str], italic: Callable[[str], str],
           link: Callable[[str, str], str]) -> str:
    """Text with its inline markup rendered for one output (reportlab markup, HTML …): every span is
    escaped by `escape`, then wrapped by `bold`, `italic` and `link(piece, href)` where it is marked."""
    out = []
    for span in parse(text):
        piece = escape(span.text)
        if span.bold:
            piece = bold(piece)
        if span.italic:
            piece = italic(piece)
        if span.href:
            piece = link(piece, span.href)
        out.append(piece)
    return "".join(out)


def plain(text: str) -> str:
    """The text without markup, e.g. for metadata, alt text and search."""
    return "".join(s.text for s in parse(text))
