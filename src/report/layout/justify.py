"""reportlab's words ↔ the line breaker: a paragraph's frag words become boxes, glue and penalties,
the chosen breaks become the `FragLine`s that reportlab's `drawPara` justifies.

reportlab describes a paragraph as "frag words" (`_getFragWords`): `[width, (frag, text), …]`, one per
word, a frag per style run inside the word; `_HSFrag` words are followed by a space. A word broken
across lines becomes split frag words (`_SplitFragHY` head with an added hyphen, `_SplitFragH` head
without, `_SplitFrag`/`_SplitFragHS` tail), exactly as reportlab's own hyphenation makes them, so
page splits (`_split_blParaProcessed`) and re-wrapping (`_getFragWords` rejoins split words) work
unchanged.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import (
    _FK_TEXT,
    FragLine,
    _HSFrag,
    _InjectedFrag,
    _SplitFrag,
    _SplitFragH,
    _SplitFragHS,
    _SplitFragHY,
    _SplitFragLL,
)

from ..cache import Cache, code_version
from ..cache import key as cache_key
from ..markup import BREAK
from .hyphenate import word_breaks
from .linebreak import BOX, GLUE, PENALTY, Items, Params, Result, break_lines

STRETCH = 0.6  # a space may stretch by this much of itself per unit of adjustment ratio
SHRINK = 0.2  # … and shrink by this much: never below 0.8 of the natural space
EXPAND = 0.02  # font expansion (microtype's default): a line's glyphs may be 2 % wider or narrower
# A line that ends at a web address's break point (U+200B) is set flush left with natural spaces: an
# address has no spaces of its own, so the line's few others would stretch many times. The optimiser
# lets such a line fall short by URL_RAG em per unit of ratio (as far as a loose line may stretch).
URL_RAG = 6.0
# A break right after an address's scheme ("… staat op https://" | "www.zwemwater.nl.") reads as a mistake
# in print: it costs as much as a line stretched to about 3.5 times its spaces, and gets no URL_RAG; it is
# taken where the host after it is wider than the line would otherwise be cut anywhere.
SCHEME_PENALTY = 5000.0

# Optical margin alignment: share of a character's width that hangs into the margin (microtype's
# defaults, rounded). Right: line-end punctuation and hyphens; left: opening quotes and brackets.
PROTRUDE_RIGHT = {"-": 0.5, "\u00ad": 0.5, "\u2010": 0.5, "\u2013": 0.3, "\u2014": 0.2, ".": 0.7, ",": 0.7,
                  ":": 0.5, ";": 0.5, "!": 0.2, "?": 0.2, "\u201c": 0.5, "\u201d": 0.5, "\u2019": 0.7,
                  "\u2018": 0.7, "\u00bb": 0.3, "\u00ab": 0.3, '"': 0.5, "'": 0.7, ")": 0.05}
PROTRUDE_LEFT = {"\u201e": 0.5, "\u201a": 0.7, "\u201c": 0.5, "\u2018": 0.7, "\u00bb": 0.3, "\u00ab": 0.3,
                 '"': 0.5, "'": 0.7, "(": 0.05}


# Both editions (and `report watch` on every save) set the same paragraphs at the same widths: the
# optimiser's result is kept per paragraph content and widths (fonts, sizes, texts; not colours).
_SOLVED: dict[tuple, tuple] = {}
_SOLVED_MAX = 1024
# … and from one build to the next (`recall`/`keep`): the results of the previous build of the same
# content, as JSON in the cache, by a hash of the same key; a paragraph that changed misses.
_KEPT: dict[str, list] = {}  # hash → compact result, read from the cache
_USED: dict[str, list] = {}  # hash → compact result, used by this build (written by `keep`)
MEMO_FORMAT = "line-breaks 3"
KEEP_UNUSED = 2000  # kept line breaks a build did not use that are kept for the next
_LAST: tuple | None = None  # (cache folder, content folder) of the last `recall`


@dataclass
class Plan:
    """The chosen lines, ready for reportlab, and what produced them."""

    frag_words: list[Any]  # the paragraph's frag words with the chosen words split (new `self.frags`)
    lines: list[Any]  # FragLines
    offsets: list[float]  # per line: x shift (negative: protrusion into the left margin)
    widths: list[float]  # per line: the width it was set to
    emergency: bool
    width_max: float
    loosest: int = -1  # with emergency: the index of the line whose spaces stretch most


def _prot(ch: str, table: dict[str, float], f: Any) -> float:
    share = table.get(ch)
    return share * _width(ch, f.fontName, f.fontSize) if share else 0.0


_CHAR_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


@lru_cache(maxsize=64)
def draws_break(font: str) -> bool:
    """Whether `font` draws U+200B, the break points of web addresses, as a glyph with a width of its
    own. Where it has none, reportlab would draw .notdef (a blank the width of a space, or a box); where
    it has one of no width, drawing it only splits the address for a viewer's text extraction (pdfium
    copies "www .example .org" where a break point precedes a full stop). Either way the break points
    are then measured as nothing and left out of the lines drawn."""
    return _draws_break(font)


@cache
def _draws_break(font: str) -> bool:
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return 0x200B in getattr(face, "charToGlyph", {}) and pdfmetrics.stringWidth(BREAK, font, 10) > 0


def _width(text: str, font: str, size: float) -> float:
    """stringWidth, from per-character widths kept per font and size (reportlab adds advances
    without kerning, so the sum is the same; this is several times faster for many short pieces)."""
    table = _CHAR_WIDTHS.get((font, size))
    if table is None:
        table = _CHAR_WIDTHS[(font, size)] = {} if draws_break(font) else {BREAK: 0.0}
    w = 0.0
    for ch in text:
        cw = table.get(ch)
        if cw is None:
            cw = table[ch] = stringWidth(ch, font, size)
        w += cw
    return w


class _Word:
    """One frag word with its text, prefix widths at the break points and break options (worked out
    on first use: a paragraph whose breaks are kept from an earlier build needs only the text)."""

    __slots__ = ("fw", "text", "_spans", "_breaks", "hyphenate", "cuts")

    def __init__(self, fw: list, hyphenate: Callable | None):
        self.fw = fw
        self.text = fw[1][1] if len(fw) == 2 else "".join(t for _f, t in fw[1:])
        self.hyphenate = hyphenate
        self._spans: list[tuple[Any, str, int]] | None = None
        self._breaks: Any = None
        self.cuts: list[tuple[int, bool]] = []  # the breaks chosen

    @property
    def spans(self) -> list[tuple[Any, str, int]]:
        """(frag, text, start offset in the word) per style run of the word."""
        if self._spans is None:
            self._spans, at = [], 0
            for f, t in self.fw[1:]:
                self._spans.append((f, t, at))
                at += len(t)
        return self._spans

    @property
    def breaks(self) -> Any:
        if self._breaks is None:
            self._breaks = word_breaks(self.text, self.hyphenate) if self.text else []
        return self._breaks

    def frag_at(self, pos: int) -> Any:
        """The frag of the character at `pos` (or of the last character)."""
        for f, t, a in self.spans:
            if a <= pos < a + len(t):
                return f
        return self.spans[-1][0]

    def width_to(self, pos: int) -> float:
        w = 0.0
        for f, t, a in self.spans:
            if pos <= a:
                break
            w += _width(t[: pos - a], f.fontName, f.fontSize)
        return w

    def piece(self, a: int, b: int, hyphen: bool, cls: type) -> list:
        """The frag word of characters a..b (+ an added hyphen)."""
        out: list[Any] = [0.0]
        for f, t, s in self.spans:
            lo, hi = max(a, s), min(b, s + len(t))
            if lo < hi or (not t and a <= s < b):
                out.append((f, t[lo - s:hi - s]))
        if hyphen:
            f, t = out[-1]
            out[-1] = (f, t + "-")
        out[0] = sum(_width(t, f.fontName, f.fontSize) for f, t in out[1:])
        return cls(out)


def plan(frag_words: list, widths: list[float], hyphenate: Callable | None, params: Params,
         protrude: bool = True) -> Plan | None:
    """Break `frag_words` into lines of `widths` (the last repeats). None where the optimiser cannot
    help (images, forced line breaks in the text, a word wider than the line): use reportlab's breaker.
    With `params.rag` the text is ragged right: spaces keep their width, the optimiser evens the rag."""
    shape = _shape(frag_words)
    if shape is None:
        return None
    addresses = BREAK in shape[0]
    if addresses:  # a web address's break points, measured as nothing where the font has no glyph for them
        frag_words = [_without_break_widths(fw) for fw in frag_words]
        shape = _shape(frag_words)
    links = shape[-1]
    expand = 0.0 if links or params.rag else EXPAND
    protrude = protrude and not params.rag
    key = (shape, tuple(widths), params, protrude, expand, hyphenate)
    entry = _SOLVED.get(key)
    if entry is None:
        digest = _digest(key)
        kept = _KEPT.get(digest) if digest is not None else None
        if kept is not None and _fits(kept, frag_words):
            try:  # a kept entry that passed its checks and still does not fit is solved afresh
                built = _build(kept, frag_words, widths, expand, hyphenate, addresses, params.tolerance)
            except (KeyError, IndexError, TypeError, ValueError):
                pass
            else:
                _remember(key, kept, digest)
                return built
        words = [_Word(fw, hyphenate) for fw in frag_words]
        breaks = _breaks(*_solve(words, widths, params, protrude, expand))
        _remember(key, breaks, digest)
    else:
        breaks, digest = entry
        if digest is not None:
            _USED.setdefault(digest, breaks)
    return _build(breaks, frag_words, widths, expand, hyphenate, addresses, params.tolerance)


def _text(fw: list) -> str:
    """A frag word's text (its runs' texts joined)."""
    return fw[1][1] if len(fw) == 2 else "".join(t for _f, t in fw[1:])


def _ends_address(frag_words: list, i: int) -> bool:
    """Does word `i` end a web or e-mail address (one with break points)? A link's text and the space
    after it are two frags: the space comes as an empty word after the address."""
    text = _text(frag_words[i])
    return BREAK in text or (not text and i > 0 and BREAK in _text(frag_words[i - 1]))


def _starts_address(frag_words: list, i: int) -> bool:
    """Does word `i` (if any) start a web or e-mail address (one with break points)?"""
    return i < len(frag_words) and BREAK in _text(frag_words[i])


def _without_break_widths(fw: list) -> list:
    """The frag word measured with its break opportunities (U+200B) at zero width where the font has
    no glyph for them (reportlab measures the .notdef box)."""
    if not any(BREAK in t and not draws_break(f.fontName) for f, t in fw[1:]):
        return fw
    return type(fw)([sum(_width(t, f.fontName, f.fontSize) for f, t in fw[1:]), *fw[1:]])


def _shape(frag_words: list) -> tuple | None:
    """What the breaks depend on, compactly (the memo key, and what its digest hashes): the texts,
    per word its width and whether a space follows, per style run its font, size and length; and
    whether the paragraph has links or underlines. None when a word is not text (an image; a
    named destination is taken as text of no width)."""
    texts: list[str] = []
    widths = array("d", [fw[0] for fw in frag_words])
    counts: list[int] = []  # per word: its number of runs, negative when a space follows; per run: font, length
    fonts: dict[tuple[str, float], int] = {}
    links = False
    add_text, add_count = texts.append, counts.append
    last = None  # the frag last looked at, and its font's index: the words of a style run share their frag
    index = 0
    for fw in frag_words:
        add_count(1 - len(fw) if isinstance(fw, _HSFrag) else len(fw) - 1)
        for f, t in fw[1:]:
            if f is not last:
                if f._fkind != _FK_TEXT and not _is_anchor(f):
                    return None
                if f.link or f.us_lines:  # reportlab places link areas and underlines by unscaled widths
                    links = True
                font = (f.fontName, f.fontSize)
                index = fonts.get(font)
                if index is None:
                    index = fonts[font] = len(fonts)
                last = f
            add_count(index)
            add_count(len(t))
            add_text(t)
    return "".join(texts), widths.tobytes(), array("q", counts).tobytes(), tuple(fonts), links


def _is_anchor(f: Any) -> bool:
    """A named destination (`<a name="…"/>`, where a footnote reference is linked back to): no width,
    nothing drawn, so the paragraph is broken as its text alone."""
    cb = getattr(f, "cbDefn", None)
    return getattr(cb, "kind", None) == "anchor" and not getattr(cb, "width", 0)


def _remember(key: tuple, breaks: Any, digest: str | None) -> None:
    if len(_SOLVED) >= _SOLVED_MAX:
        del _SOLVED[next(iter(_SOLVED))]
    _SOLVED[key] = (breaks, digest)
    if digest is not None:
        _USED.setdefault(digest, breaks)


def _breaks(kinds: list[int], where: list[tuple[int, int, bool]], result: Result | None) -> Any:
    """The optimiser's result as plan needs it, JSON-ready: None (it cannot help), or
    [emergency, rows], a row per line: [first word, position in it, last word, position, hyphen
    added, cut inside the word, ratio, left protrusion, right protrusion]."""
    if result is None:
        return None
    rows = []
    for line in result.lines:
        w0, p0, _ = where[line.start]
        w1, p1, added = where[line.end]
        cut = kinds[line.end] == PENALTY and line.end < len(kinds) - 1
        rows.append([w0, p0, w1, p1, added, cut, line.ratio, line.left, line.right])
    return [result.emergency, rows]


def _fits(breaks: Any, frag_words: list) -> bool:
    """A kept entry (from the cache: data, checked before use) has the shape `_build` reads."""
    if breaks is None:
        return True
    n = len(frag_words)
    try:
        emergency, rows = breaks
        if not isinstance(emergency, bool) or not rows:
            return False
        for r in rows:
            if len(r) != 9:
                return False
            w0, p0, w1, p1, added, cut, ratio, left, right = r
            if not (type(w0) is int and type(p0) is int and type(w1) is int and type(p1) is int
                    and 0 <= w0 < n and 0 <= w1 < n and 0 <= p0 <= _text_length(frag_words[w0])
                    and 0 <= p1 <= _text_length(frag_words[w1]) and type(added) is bool and type(cut) is bool
                    and type(ratio) in (int, float) and type(left) in (int, float) and type(right) in (int, float)):
                return False
        return True
    except (TypeError, ValueError):
        return False


def _text_length(fw: list) -> int:
    return len(fw[1][1]) if len(fw) == 2 else sum(len(t) for _f, t in fw[1:])


def _build(breaks: Any, frag_words: list, widths: list[float], expand: float, hyphenate: Callable | None,
           addresses: bool, tolerance: float = float("inf")) -> Plan | None:
    """The Plan for `frag_words` broken as `breaks` says (`addresses`: whether their text has break
    points of web addresses). It needed emergency stretch only where a line it justifies is looser than
    `tolerance`: a line set flush left at an address, which ends short there, stretches no space."""
    if breaks is None:
        return None
    emergency, rows = breaks
    cut_words: dict[int, _Word] = {}  # the words broken inside, by index
    for _w0, _p0, w1, p1, added, cut, *_rest in rows:
        if cut:
            word = cut_words.get(w1)
            if word is None:
                word = cut_words[w1] = _Word(frag_words[w1], hyphenate)
            word.cuts.append((p1, added))
    pieces = _Pieces(frag_words, cut_words)
    new_fw = pieces.frag_words
    lines, offsets, line_widths = [], [], []
    last_w = len(widths) - 1
    width_max = 0.0
    loosest, most = -1, tolerance
    for n, (w0, p0, w1, p1, _added, cut, ratio, left, right) in enumerate(rows):
        k0 = pieces.at(w0, p0)
        # the piece after a cut starts the next line; else the line ends with its last word
        k1 = pieces.at(w1, p1) if cut else pieces.start(w1 + 1)
        target = widths[min(n, last_w)]
        is_last = n == len(rows) - 1
        # a line that ends inside an address or after a whole one is set flush left (see URL_RAG)
        ragged = addresses and ((cut and cut_words[w1].text[p1 - 1] == BREAK)
                                or (not cut and not is_last and (_ends_address(frag_words, w1)
                                                                 or _starts_address(frag_words, w1 + 1))))
        scale = 1.0 if is_last or ragged else 1.0 + expand * max(-1.0, min(1.0, ratio))
        fl = _frag_line(new_fw[k0:k1], target, left + right, k0, scale)
        width_max = max(width_max, target - fl.extraSpace)
        if ragged and fl.extraSpace > 0:
            fl.extraSpace = 0.0
        elif emergency and ratio > most and not is_last:
            loosest, most = n, ratio
        lines.append(fl)
        offsets.append(-left)
        line_widths.append(target)
    return Plan(new_fw, lines, offsets, line_widths, emergency and loosest >= 0, width_max, loosest)


def _digest(key: tuple) -> str | None:
    """A stable name for a memo key (None when the hyphenation has no language to name it by)."""
    (text, word_widths, counts, fonts, _links), widths, params, protrude, expand, hyphenate = key
    language = "" if hyphenate is None else getattr(hyphenate, "language", None)
    if language is None:
        return None
    head = json.dumps([MEMO_FORMAT, fonts, widths, repr(params), protrude, expand, language, len(text),
                       len(word_widths), len(counts)], ensure_ascii=False)
    h = hashlib.sha256(head.encode())
    for part in (text.encode("utf-8", "surrogatepass"), word_widths, counts):
        h.update(part)
    return h.hexdigest()


def recall(cache: Cache, content_dir: Path) -> None:
    """Make the previous build's line breaks of this content available to `plan`."""
    global _LAST
    here = (cache.root, content_dir.resolve())
    same, _LAST = _LAST == here, here
    if same and _USED:  # `report watch`: the last build's breaks are at hand
        kept = _merged()
        _KEPT.clear()
        _KEPT.update(kept)
        _USED.clear()
        return
    _USED.clear()
    _KEPT.clear()
    kept = cache.get_json("line-breaks", _memo_key(content_dir))
    if isinstance(kept, dict):
        _KEPT.update((k, v) for k, v in kept.items() if isinstance(k, str) and isinstance(v, list))


def keep(cache: Cache, content_dir: Path) -> None:
    """Store the line breaks this build used, for the next build of the same content, and as many
    of the ones kept before that it did not use: an edition built alone (`--edition screen`) does
    not drop the other edition's paragraphs, while text rewritten again and again does not pile up."""
    kept = _merged()
    if _USED and kept.keys() != _KEPT.keys():
        cache.put_json("line-breaks", _memo_key(content_dir), kept)


def _merged() -> dict[str, Any]:
    """The breaks this build used, then up to KEEP_UNUSED of those kept before that it did not use."""
    kept = dict(_USED)
    room = len(_USED) + KEEP_UNUSED
    for digest, breaks in _KEPT.items():
        if len(kept) >= room:
            break
        kept.setdefault(digest, breaks)
    return kept


def _memo_key(content_dir: Path) -> str:
    return cache_key(MEMO_FORMAT, code_version(Path(__file__).parent), str(content_dir.resolve()))


def _solve(words: list[_Word], widths: list[float], params: Params, protrude: bool,
           expand: float) -> tuple[list[int], list[tuple[int, int, bool]], Result | None]:
    """Items for the words, and the optimiser's breaks: item kinds, per item (word index, position
    in the word, hyphen added), the result."""
    rows: list[tuple] = []  # per item: kind, width, stretch, shrink, penalty, flagged, inside, left, right, slack
    item = rows.append
    where: list[tuple[int, int, bool]] = []  # per item: (word index, position in the word, hyphen added)
    at = where.append
    last = len(words) - 1
    frag_words = [w.fw for w in words]
    addresses = any(BREAK in w.text for w in words)
    fixed = params.rag > 0
    spaced, sp = None, 0.0  # the frag last spaced after, and its space's width
    for i, w in enumerate(words):
        fw, text = w.fw, w.text
        prev, prev_w = 0, 0.0
        left = 0.0
        if protrude and text and (share := PROTRUDE_LEFT.get(text[0])):  # (as _prot: most words start with none)
            f = w.frag_at(0)
            left = share * _width(text[0], f.fontName, f.fontSize)
        for pos, added in w.breaks:
            to = w.width_to(pos)
            f = w.frag_at(pos - 1)
            item((BOX, to - prev_w, (to - prev_w) * expand, (to - prev_w) * expand, 0.0, False, False,
                  left if prev == 0 else 0.0, 0.0, 0.0))
            at((i, prev, False))
            if text[pos - 1] == BREAK:  # in a web address: no hyphen, and the line may end short
                if text.endswith("://", 0, pos - 1):  # … but "https://" alone ends one only where nothing else
                    item((PENALTY, 0.0, 0.0, 0.0, SCHEME_PENALTY, False, False, 0.0, 0.0, 0.0))  # can
                else:
                    item((PENALTY, 0.0, 0.0, 0.0, params.url_penalty, False, False, 0.0, 0.0, URL_RAG * f.fontSize))
            else:
                hy = _width("-", f.fontName, f.fontSize) if added else 0.0
                right = _prot("-", PROTRUDE_RIGHT, f) if protrude else 0.0
                # inside a word, at a hyphenation point or after the word's own hyphen: the last line
                # never holds only the rest of it ("build-|out.", "Boineburg-|Lengsfeld.")
                item((PENALTY, hy, 0.0, 0.0, params.hyphen_penalty, True, True, 0.0, right, 0.0))
            at((i, pos, added))
            prev, prev_w = pos, to
        rest = fw[0] - prev_w
        item((BOX, rest, rest * expand, rest * expand, 0.0, False, False, left if prev == 0 else 0.0, 0.0, 0.0))
        at((i, prev, False))
        if i < last and isinstance(fw, _HSFrag):
            f = fw[-1][0]
            if f is not spaced:
                spaced, sp = f, _width(" ", f.fontName, f.fontSize)
            end = text[-1:]
            right = 0.0
            if protrude and end and (share := PROTRUDE_RIGHT.get(end)):
                g = w.frag_at(len(text) - 1)
                right = share * _width(end, g.fontName, g.fontSize)
            # after a whole web or e-mail address the line may end short, as inside one (URL_RAG): else a
            # break inside it, which may, wins over the whole address on the next line ("…org" / ".uk");
            # so may the line before one, which else stretches its few spaces ("staat op" | "https://…")
            address = URL_RAG * f.fontSize if addresses and (_ends_address(frag_words, i)
                                                             or _starts_address(frag_words, i + 1)) else 0.0
            item((GLUE, sp, 0.0 if fixed else sp * STRETCH, 0.0 if fixed else sp * SHRINK, 0.0, end in "-\u2010",
                  False, 0.0, right, address))
            at((i, len(text), False))
    items = Items(*(list(column) for column in zip(*rows, strict=True))) if rows else Items()
    items.finish()
    where += [(last, len(words[last].text), False)] * 3
    return items.kind, where, break_lines(items, widths, params)


class _Pieces:
    """The frag words with the chosen cuts made (`frag_words`), and where each word's pieces are in
    that list: only the words broken inside (`cut_words`, by index) become several pieces; the others
    stay as they are, in one piece each."""

    def __init__(self, frag_words: list, cut_words: dict[int, _Word]):
        self.words = frag_words
        self.cut_words = cut_words
        self.cut = sorted(cut_words)  # the indices of the words broken inside
        self.extra = [0]  # pieces added before the k-th word broken inside, and after the last
        self.after_cut: dict[tuple[int, int], int] = {}  # (word, cut position) → index of the piece after it
        out: list[Any] = []
        done = 0
        for i in self.cut:
            out += frag_words[done:i]
            w = cut_words[i]
            a = 0
            for pos, added in sorted(w.cuts):
                out.append(w.piece(a, pos, added, _SplitFragHY if added else _SplitFragH))
                self.after_cut[(i, pos)] = len(out)
                a = pos
            out.append(w.piece(a, len(w.text), False, _SplitFragHS if isinstance(w.fw, _HSFrag) else _SplitFrag))
            self.extra.append(self.extra[-1] + len(w.cuts))
            done = i + 1
        out += frag_words[done:]
        self.frag_words = out

    def start(self, i: int) -> int:
        """The index of word `i`'s first piece (of the list's end for the word after the last)."""
        return i + self.extra[bisect_left(self.cut, i)] if self.cut else i

    def at(self, i: int, pos: int) -> int:
        """Index of the piece that starts at position `pos` of word `i` (its end: the next word's first)."""
        w = self.cut_words.get(i)
        if pos == (len(w.text) if w is not None else _text_length(self.words[i])):
            return self.start(i + 1)
        if pos == 0:
            return self.start(i)
        return self.after_cut[(i, pos)]


@lru_cache(maxsize=256)
def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    return getAscentDescent(font, size)


def _taller(f: Any, size: float, ascent: float, descent: float) -> tuple[float, float, float]:
    """The line's largest size and ascent and its lowest descent, with frag `f`'s (the earlier value
    where they are equal)."""
    a, d = _ascent_descent(f.fontName, f.fontSize)
    return max(size, f.fontSize), max(ascent, a), min(descent, d)


def _frag_line(fws: list, width: float, protrusion: float, s_fw: int, scale: float) -> Any:
    """A FragLine of `fws` built as reportlab's `breakLines` builds one (same frag merging and
    spaces), so `_justifyDrawParaLineX` and `_putFragLine` draw it as their own. `scale` is the
    line's horizontal scaling (PDF Tz, applied by `Paragraph.beginText`): it widens glyphs and spaces
    alike, so the spaces get what the scaled line still lacks."""
    words: list[Any] = []
    n = 0
    current = 0.0
    space = 0.0
    g = source = None
    text_of_g = ""  # the text of g (the last of `words`), set on it when another frag follows
    max_size, max_ascent, min_descent = 0.0, -1e9, 1e9
    measured = spaced = None  # the frags last measured (size, ascent, descent) and last spaced after
    space_width = 0.0
    for w in fws:
        f, text = w[1]
        current += space + w[0]
        single = len(w) == 2  # most words: one style run
        if single:
            if f is not measured:
                measured = f
                max_size, max_ascent, min_descent = _taller(f, max_size, max_ascent, min_descent)
        else:
            for ff, _t in w[1:]:
                if ff is not measured:
                    measured = ff
                    max_size, max_ascent, min_descent = _taller(ff, max_size, max_ascent, min_descent)
        if f is source:  # the words of a style run share their frag
            if space:
                text_of_g += text if text_of_g.endswith(" ") else " " + text
            else:
                text_of_g += text
        elif g is None:
            g = f.clone()
            text_of_g = text
            words = [g]
            source = f
        elif not sameFrag(g, f):
            g.text = text_of_g
            if space:
                for wi in reversed(words):
                    if wi._fkind == _FK_TEXT:
                        if not wi.text.endswith(" "):
                            wi.text += " "
                        break
            g = f.clone()
            text_of_g = text
            words.append(g)
            source = f
        elif space:
            text_of_g += text if text_of_g.endswith(" ") else " " + text
        else:
            text_of_g += text
        if single:
            if text:
                n += 1
            last = f
        else:
            more = False
            g.text = text_of_g
            for ff, t in w[2:]:
                g = ff.clone()
                g.text = t
                more = more or bool(t)
                words.append(g)
                source = ff
            text_of_g = g.text
            n += 1 if (text or more) else 0
            last = w[-1][0]
        if type(w) is _HSFrag or isinstance(w, _HSFrag):
            if last is not spaced:
                spaced, space_width = last, _width(" ", last.fontName, last.fontSize)
            space = space_width
        else:
            space = 0.0
    if g is not None:
        g.text = text_of_g
    for g in words:
        if BREAK in g.text and not draws_break(g.fontName):
            g.text = g.text.replace(BREAK, "")
    return FragLine(extraSpace=(width + protrusion) / scale - current, wordCount=n, lineBreak=False, words=words,
                    fontSize=max_size, ascent=max_ascent, descent=min_descent, maxWidth=width, sFW=s_fw,
                    scale=scale)


def plain_text(frag_words: list) -> str:
    """The paragraph's text from processed frag words: a split word joined again without the hyphen
    that breaking added (its own hyphen stays: "Medi-Pharm"), a space after `_HSFrag` words (one
    list for the whole paragraph: tagged editions ask for the text of every paragraph they draw)."""
    texts: list[str] = []
    add = texts.append
    for fw in frag_words:
        kind = type(fw)
        if kind is _HSFrag or kind is list:  # most words: whole, with a space after them or without
            if len(fw) == 2:
                add(fw[1][1])
            else:
                texts += [t for _f, t in fw[1:]]
            if kind is _HSFrag:
                add(" ")
            continue
        if isinstance(fw, _InjectedFrag):
            continue
        runs = [t for _f, t in fw[1:]]
        if isinstance(fw, (_SplitFragHY, _SplitFragLL)) and runs and runs[-1].endswith("-"):
            runs[-1] = runs[-1][:-1]
        texts += runs
        if isinstance(fw, _HSFrag) and not isinstance(fw, _SplitFragLL):
            add(" ")
    return "".join(texts)
