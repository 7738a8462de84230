"""The small inline markup content may use, and nothing else.

    **bold**   *italic*   [link text](https://example.org)   https://example.org (a bare address)
    [S. {page}](#finanzen)   a cross-reference: {page} becomes the page its target is on


Everything else is literal text: `<`, `>` and `&` are shown as typed. Text that
looks like an HTML/XML tag is refused, because it is almost always an attempt to
style text in a way the report does not support (and would otherwise show up
as stray tags in print).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)|\[\^([0-9]{1,2})\]")
_ALLOWED_SCHEMES = ("https://", "http://", "mailto:")
# a bare web address in running text; punctuation that ends the sentence is not part of it
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]{}\"„“”«»]+")
_URL_TAIL = ".,;:!?'’"
# a bare e-mail address: letters, digits and . _ + - before the @, dot-separated labels after it
_BARE_EMAIL = r"(?<![\w.+-])[\w.+-]+@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}(?![\w-])"
_BARE = re.compile(rf"(?P<url>{_BARE_URL.pattern})|(?P<mail>{_BARE_EMAIL})")
# Unicode's zero-width space (UAX #14 class ZW): a line may break here, nothing is drawn and no
# hyphen is added. Every line breaker (reportlab's, the paragraph optimiser's) must honour it.
BREAK = "\u200b"
_URL_PUNCT = "/.\\-?~_#%=&"
SHORT_HOST = 32  # characters: a host name up to this long is never broken inside (a long one is)
_URL_BREAK_BEFORE = re.compile(rf"(?<=[^{_URL_PUNCT}])(?=[{_URL_PUNCT}])")  # before a run of them


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    note: int = 0  # a footnote reference [^n]: the text is the number
    url: bool = False  # the text is a web address shown as written (no typography, breaks only after / . - ?)
    ref: str | None = None  # a cross-reference [text](#id): the id of its target; PAGE in the text is its page


class MarkupError(ValueError):
    def __init__(self, message: str, offset: int, hint: str):
        super().__init__(message)
        self.offset = offset
        self.hint = hint


PAGE = "{page}"  # in a cross-reference's text: where the target's page number goes
# the space before the page number is a no-break one: "S. 14" never breaks after "S." (emphasis may stand between)
_BEFORE_PAGE = re.compile(r" +(?=\*{0,2}\{page\})")

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
        if m.group(3):
            spans.append(Span(m.group(3), note=int(m.group(3))))
            pos = m.end()
            continue
        href = m.group(2)
        if href.startswith("#"):  # a cross-reference: its target is checked by the model (model.refs)
            label = _BEFORE_PAGE.sub("\u00a0", m.group(1))
            spans += [Span(s.text, s.bold, s.italic, ref=href[1:]) for s in _emphasis(label, m.start(1))]
            pos = m.end()
            continue
        if not href.startswith(_ALLOWED_SCHEMES):
            raise MarkupError(f"link target {href!r} must start with https://, http:// or mailto:",
                              m.start(2), "write the full address, e.g. https://www.example.org")
        spans += [Span(s.text, s.bold, s.italic, href, url=_is_url(s.text)) for s in _emphasis(m.group(1), m.start(1))]
        pos = m.end()
    spans += _emphasis(text[pos:], pos)
    return [piece for s in spans if s.text for piece in _bare_urls(s)]


_OPENS_QUOTE = " \t\n([{/–—-"  # a straight quote after one of these (or at the start) opens a quotation


def unclosed_quote(text: str) -> int | None:
    """The offset of a straight double quote that opens a quotation never closed, else None: the
    language's marks would print an opening one alone (as `Locale.typographic` decides: a quote at the
    start or after a space, bracket, slash or dash opens, any other closes; emphasis marks between
    are not looked at, web addresses hold none)."""
    if '"' not in text:
        return None
    open_at: list[int] = []
    prev = " "
    for i, ch in enumerate(text):
        if ch == '"':
            if prev in _OPENS_QUOTE:
                open_at.append(i)
            elif open_at:
                open_at.pop()
        if ch != "*":
            prev = ch
    return open_at[0] if open_at else None


def _is_url(text: str) -> bool:
    return _BARE_URL.fullmatch(text) is not None


def addresses(text: str) -> list[tuple[str, str | None]]:
    """Plain text (no markup) in pieces: (text, None), and each bare web or e-mail address in it as
    (address, its link), as running text links them."""
    return [(s.text, s.href) for s in _bare_urls(Span(text)) if s.text]


def _bare_urls(span: Span) -> list[Span]:
    """A bare https://… address in running text becomes a link span of its own, and so does a bare
    e-mail address (a mailto: link)."""
    if span.href or span.note or span.ref is not None or ("://" not in span.text and "@" not in span.text):
        return [span]  # an address needs one of these: most spans are read no further
    out: list[Span] = []
    pos = 0
    for m in _BARE.finditer(span.text):
        if m.group("mail"):
            address = m.group(0)
            out.append(Span(span.text[pos:m.start()], span.bold, span.italic))
            out.append(Span(address, span.bold, span.italic, f"mailto:{address}", url=True))
            pos = m.end()
            continue
        url = m.group(0).rstrip(_URL_TAIL)
        if "://" not in url or not url.split("://", 1)[1]:
            continue
        out.append(Span(span.text[pos:m.start()], span.bold, span.italic))
        out.append(Span(url, span.bold, span.italic, url, url=True))
        pos = m.start() + len(url)
    out.append(Span(span.text[pos:], span.bold, span.italic))
    return [s for s in out if s.text]


def breakable_url(url: str) -> str:
    """The address with a zero-width break opportunity after its scheme's // and before every
    / . - ? ~ _ # % = & of the rest (before a run of them, not inside it), so it wraps as the Chicago
    Manual breaks addresses: a line never ends in a hyphen or a full stop that reads as the text's
    own, the next line shows it goes on, and no hyphen is added."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        local, at, domain = url.partition("@")
        if at and len(domain) <= SHORT_HOST:  # an e-mail address breaks in its name or before its @ domain
            return _URL_BREAK_BEFORE.sub(BREAK, local) + BREAK + at + domain
        return _URL_BREAK_BEFORE.sub(BREAK, url)
    host, slash, path = rest.partition("/")
    if len(host) <= SHORT_HOST:  # "www.epa.gov" stays whole: a line ends after // or before a /
        return (scheme + sep + (BREAK if rest else "") + host + (BREAK if slash else "")
                + _URL_BREAK_BEFORE.sub(BREAK, slash + path))
    return scheme + sep + (BREAK if rest else "") + _URL_BREAK_BEFORE.sub(BREAK, rest)


def _emphasis(text: str, base: int) -> list[Span]:
    spans: list[Span] = []
    bold = italic = False
    buf: list[str] = []
    opened = {"bold": -1, "italic": -1}
    i = 0
    while (j := text.find("*", i)) >= 0:  # plain text up to the next asterisk is taken whole
        buf.append(text[i:j])
        if text.startswith("**", j):
            spans.append(Span("".join(buf), bold, italic))
            buf = []
            bold = not bold
            opened["bold"] = base + j if bold else -1
            i = j + 2
        elif _is_marker(text, j):
            spans.append(Span("".join(buf), bold, italic))
            buf = []
            italic = not italic
            opened["italic"] = base + j if italic else -1
            i = j + 1
        else:
            buf.append("*")
            i = j + 1
    buf.append(text[i:])
    spans.append(Span("".join(buf), bold, italic))
    for kind, at in opened.items():
        if at >= 0:
            mark = "**" if kind == "bold" else "*"
            raise MarkupError(f"{kind} text opened with {mark} is never closed", at,
                              f"close it with a second {mark}, or write \\{mark[0]} for a literal asterisk")
    return [Span(s.text.replace("\\*", "*"), s.bold, s.italic) for s in spans]


def emphasis_at(text: str) -> int | None:
    """In text that takes no inline markup (a heading, a title): where it holds what a paragraph would set
    as **bold** or *italic* — the offset of the first asterisk that would open it — else None. Such a
    heading prints its asterisks ("Les *expositions* du cabinet")."""
    try:
        spans = _emphasis(text, 0)
    except MarkupError:  # an asterisk never closed: no emphasis in a paragraph either
        return None
    if not any(span.bold or span.italic for span in spans):
        return None
    return next(j for j in range(len(text)) if text.startswith("**", j) or (text[j] == "*" and _is_marker(text, j)))


def _is_marker(text: str, i: int) -> bool:
    """A single * marks italic unless escaped, standing alone between spaces (3 * 4), or standing
    between two letters: the German gender star (Lesepat*innen, Mitarbeiter*in) is a character."""
    if i > 0 and text[i - 1] == "\\":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalpha() and after.isalpha():
        return False
    return not (before.isspace() and after.isspace())


def render(text: str, escape: Callable[[str], str], bold: Callable[[str], str], italic: Callable[[str], str],
           link: Callable[[str, str], str], typographic: Callable[..., str] | None = None,
           url_breaks: bool = False, note: Callable[[int], str] | None = None,
           quote_depth: Callable[[str, str, int], int] | None = None, depth: int = 0,
           page: Callable[[str], str] | None = None, ref_link: Callable[[str, str], str] | None = None,
           superiors: Callable[[str], list[tuple[int, int]]] | None = None,
           superior: Callable[[str], str] | None = None) -> str:
    """Text with its inline markup rendered for one output (reportlab markup, HTML …): every span is
    escaped by `escape`, then wrapped by `bold`, `italic` and `link(piece, href)` where it is marked.

    `typographic(text, before, after=…)` sets quotes and dashes; it sees the text before and after
    each span, so a quote mark next to **bold** text opens and closes correctly ('**no**' → ‘no’).
    With `quote_depth(text, before, depth)` (the quotations open after a span) it also sees how many
    quotations are open, `depth` of them before the text (1: the text is set inside quotation marks),
    and nests them. Web addresses are shown as written (with zero-width break opportunities if
    `url_breaks`). A footnote reference [^n] becomes `note(n)`,
    or nothing where an output has no footnotes. A cross-reference's {page} becomes `page(id)` (its
    target's page number), and the reference `ref_link(piece, id)` where an output links it.
    `superiors(shown)` finds the pieces of a span's text set as superior letters (an ordinal's ending,
    French 1ᵉʳ), each escaped and then wrapped by `superior(piece)`."""
    out = []
    spans = [replace(s, text=s.text.replace(PAGE, page(s.ref))) if s.ref is not None and page else s
             for s in parse(text)]
    # the text around each span as typographic reads it: an address's ' is not a quotation mark
    around = ["" if s.note else s.text.replace("'", "%27") if s.url else s.text for s in spans]
    for k, span in enumerate(spans):
        if span.note:
            out.append(note(span.note) if note else "")
            continue
        before, after = "".join(around[:k]), "".join(around[k + 1:])
        if span.url:
            shown = breakable_url(span.text) if url_breaks else span.text
        elif quote_depth and typographic:
            shown = typographic(span.text, before, depth, after=after)
            depth = quote_depth(span.text, before, depth)
        else:
            shown = typographic(span.text, before, after=after) if typographic else span.text
        piece = escape(shown) if superiors is None or superior is None or span.url \
            else raised(shown, superiors(shown), escape, superior)
        if span.bold:
            piece = bold(piece)
        if span.italic:
            piece = italic(piece)
        if span.href:
            piece = link(piece, span.href)
        if span.ref is not None and ref_link:  # one link for the reference's words, bold or not
            if k and spans[k - 1].ref == span.ref:
                piece = out.pop() + piece
            if k + 1 < len(spans) and spans[k + 1].ref == span.ref:
                out.append(piece)
                continue
            piece = ref_link(piece, span.ref)
        out.append(piece)
    return "".join(out)


def raised(text: str, spans: list[tuple[int, int]], escape: Callable[[str], str],
           superior: Callable[[str], str]) -> str:
    """`text` escaped, its `spans` (start, end) each wrapped by `superior`."""
    out, at = [], 0
    for start, end in spans:
        out += [escape(text[at:start]), superior(escape(text[start:end]))]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def plain(text: str) -> str:
    """The text without markup, e.g. for metadata, alt text and search."""
    return "".join(s.text for s in parse(text) if not s.note)


def footnote_refs(text: str) -> list[int]:
    """The footnote numbers referred to as [^n], in reading order."""
    return [s.note for s in parse(text) if s.note]


def references(text: str) -> list[tuple[str, str]]:
    """Every cross-reference in the text as (target id, its text as written), in reading order."""
    out: list[tuple[str, str]] = []
    for m in _LINK.finditer(text):
        if m.group(2) and m.group(2).startswith("#"):
            out.append((m.group(2)[1:], m.group(1)))
    return out


def outside_links(text: str) -> str:
    """The text without its links, cross-references and footnote references (as written)."""
    return _LINK.sub("", text)


def links(text: str) -> list[str]:
    """Every link target in the text, bare addresses included, in reading order."""
    return [s.href for s in parse(text) if s.href]
