"""Content text → reportlab paragraph markup. Content never reaches reportlab's markup directly:
every span is escaped, and only the inline markup of `report.markup` becomes tags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _RLParagraph
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.paragraph import (
    ParaLines,
    _getFragWords,
    _HSFrag,
    _processed_frags,
    _SplitFrag,
    _SplitFragH,
    _SplitFragHS,
    _SplitFragHY,
)

from .. import markup
from ..errors import Diagnostic, Pos
from ..locale import Locale
from ..tagging import HEADING_ROLES as ROLES
from ..tagging import content, start_section, tagger_of
from .justify import STRETCH, Plan, draws_break, plain_text, plan
from .linebreak import Params

NNBSP = "\u202f"
_WORD_GAPS = re.compile(r"[^\S\u202f]+")  # whitespace but the narrow no-break space

# reportlab splits a text into words at Python's whitespace, but where the text holds a no-break space
# (every "12 %" bound by typographic()) at its own list, which has U+200B: a web address's break points
# (markup.BREAK) then became word gaps, and the address printed as "https:// www .example .org". Both
# ways now split alike: U+200B is a break opportunity inside a word, never a space. Nor is U+2007, the
# figure space (no break in Unicode, as wide as a digit), which pads a cross-reference's page number,
# nor U+202F, the narrow no-break space (French « … », "quoi ?", "12,5 %"; a house style's 1 234,5):
# reportlab's list has it, so "«" stood alone at a line's end. A text that holds one is split at the
# list (Python's own split would break there too).
_rl_paragraph._wsc_re_split = re.compile(
    f"[{re.escape(_rl_paragraph._wsc.replace(markup.BREAK, '').replace(chr(0x2007), '').replace(NNBSP, ''))}]+"
).split
_rl_split = _rl_paragraph.split


def _split(text: Any, delim: Any = None) -> list[str]:
    if delim is None and isinstance(text, str) and NNBSP in text:
        return _rl_paragraph._wsc_re_split(text)
    return _rl_split(text, delim)


_rl_paragraph.split = _split


# reportlab's paragraphs measure every word they set (`_getFragWords`, a third of whose time that
# was): the widths are kept per font name and size. A font's name changes with its file (see
# styles.register_font); a width is the font's sum of advances, the same whenever it is asked.
_WORD_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}
_WORD_WIDTHS_MAX = 200_000  # words of all fonts and sizes (`report watch` over months of edits: no pile)
_words_kept = 0


def word_width(text: str, font_name: str, size: float, encoding: str = "utf8") -> float:
    """pdfmetrics.stringWidth, remembered (what reportlab's paragraph module measures with)."""
    global _words_kept
    if encoding != "utf8":
        return stringWidth(text, font_name, size, encoding)
    widths = _WORD_WIDTHS.get((font_name, size))
    if widths is None:
        widths = _WORD_WIDTHS[(font_name, size)] = {}
    width = widths.get(text)
    if width is None:
        width = stringWidth(text, font_name, size, encoding)
        if _words_kept >= _WORD_WIDTHS_MAX:
            _WORD_WIDTHS.clear()
            _words_kept = 0
            widths = _WORD_WIDTHS[(font_name, size)] = {}
        widths[text] = width
        _words_kept += 1
    return width


_rl_paragraph.stringWidth = word_width

_OVERFLOW = 0.01  # points a line may exceed its width through rounding
_AFTER_HYPHEN = re.compile(r"(?<=\w[-\u2010\u2011])(?=\w)")  # where a word may end a line at its own hyphen
LINE_BREAKING = Params()
# Captions, sources, small print, notes, footnotes, the lead and body text set flush left (list items):
# ragged right, with an even
# rag (TeX's \raggedright: the line end may stretch by RAG_EM em per unit of badness; hyphens cost more
# than in justified text), under the hyphenation rules of body text.
RAGGED_STYLES = ("caption", "source", "small", "body", "note", "footnote", "lead")
RAGGED = Params(tolerance=8.0, hyphen_penalty=100.0)
RAG_EM = 2.0
# Justified text needs room: below about 45 characters a line has 6 or 7 spaces to take up the slack,
# and narrow columns (two columns on A5) come out full of holes, even with the optimiser. Body text
# in a narrower measure is set flush left instead, as typographers do (and as captions are). Counted in
# characters of _AVERAGE_TEXT, whose short English words make them narrower than a line of German or
# Dutch prose: 50 of them are about 45 of those (at 45, a box in two A4 columns, 43 characters of Dutch
# a line, stayed justified with spaces up to twice their width, and the README promised it flush left)
MIN_JUSTIFIED_CHARS = 50
# Headings of several lines, and titles over tables and charts, are balanced (CSS text-wrap: balance):
# set as narrow as their number of lines allows, so that no word stands alone on the last line
# ("… Freunde des / Lesens")
BALANCED_STYLES = ("h1", "h2", "h3", "figure_title")
WHOLE_BACK = 3  # the most lines a page or column ends early rather than inside a web address
_AVERAGE_TEXT = "Die Stiftung fördert Projekte in allen Stadtteilen, the foundation supports local projects."


def escape(text: str) -> str:
    """XML-escaped text (as xml.sax.saxutils.escape, whose import pulls in urllib.request and http)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """A quoted XML attribute value (as xml.sax.saxutils.quoteattr)."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"{}"'.format(text.replace('"', "&quot;"))


# an ordinal's ending as a superior letter (French 1ᵉʳ, XXIᵉ): smaller, its x-height about level with the
# capitals (reportlab's default <super> is a superscript figure's, raised half the size, 2 points smaller)
SUPERIOR_SIZE = "62%"  # of the text's size
SUPERIOR_SHARE = 0.62
SUPERIOR_RISE = "38%"
# never smaller than the print preflight's smallest text (preflight.findings.Profile.min_text): in a
# caption or a kicker (8 pt) 62 % made a 5 pt letter, and the print edition failed its preflight
SUPERIOR_LEAST = 6.0
_SUPERIOR_SIZED = f'size="{SUPERIOR_SIZE}"'


def superior(piece: str) -> str:
    """Escaped text as a superior letter."""
    return f'<super rise="{SUPERIOR_RISE}" size="{SUPERIOR_SIZE}">{piece}</super>'


def rl_typeset(shown: str, locale: Locale) -> str:
    """Text as `Locale.typographic` sets it, escaped, an ordinal's ending as a superior letter."""
    spans = locale.superiors(shown)
    return markup.raised(shown, spans, escape, superior) if spans else escape(shown)


def rl_markup(text: str, locale: Locale, note: Any = None, depth: int = 0, refs: Any = None) -> str:
    """Safe reportlab markup for a content string (already validated by the model). Links are not
    underlined here: the paragraph style's `linkUnderline` decides per edition (see Styles.para).
    `depth=1` for a text set inside quotation marks: its own quotations take the inner marks.
    `refs` (refs.PageRefs, the context's) sets a cross-reference's page number, and links it where
    the edition has links."""
    return markup.render(text, escape, lambda p: f"<b>{p}</b>", lambda p: f"<i>{p}</i>",
                         lambda p, href: f"<a href={quoteattr(href)}>{p}</a>", locale.typographic, url_breaks=True,
                         note=note, quote_depth=locale.quote_depth, depth=depth,
                         page=refs.number if refs is not None else None,
                         ref_link=refs.link if refs is not None and refs.links else None,
                         superiors=locale.superiors if locale.ordinals else None, superior=superior)


def rl_plain(text: str, locale: Locale) -> str:
    """Escaped text without any inline markup (headings, labels); an ordinal's ending as a superior letter."""
    return rl_typeset(locale.typographic(text), locale)


def rl_plain_upper(text: str, locale: Locale) -> str:
    """`rl_plain` in capitals (a kicker): an ordinal's ending stays a small lowercase superior letter
    (LE XXIᵉ SIÈCLE — markup made capital set it as a raised capital E)."""
    shown = locale.typographic(text)
    spans = locale.superiors(shown)
    return markup.raised(shown, spans, lambda p: escape(p.upper()), lambda p: superior(p.lower())) if spans \
        else escape(shown.upper())


def rl_link(text: str, href: str, locale: Locale) -> str:
    """A link whose text is shown literally (no inline markup), e.g. an e-mail address from content."""
    shown = markup.breakable_url(text) if text.startswith(("https://", "http://")) else locale.typographic(text)
    return f"<a href={quoteattr(href)}>{escape(shown)}</a>"


BOUND_SHARE = 0.15  # a run of words bound by no-break spaces this share of a line wide is named as the cause
LONG_WORD = 10  # letters: a word this long whose break points lie this far apart or more is named as a cause
_BOUND = ("\u00a0", "\u202f")
_LONG_WORDS = re.compile(rf"[^\W\d_]{{{LONG_WORD},}}")


def _loose_hint(chosen: Plan, width: float, hyphenate: Any) -> str:
    """What to do about a paragraph set with emergency stretch, said about its loosest line (quoted, so
    that it can be found) and what stands at its end or at the next line's start: words bound together
    there (an amount with its currency and unit, "CHF 19,6 Mio.", a date: a Swiss review's financial
    prose was full of them) are named, and a long word near it with few break points is offered for
    report.yaml's `hyphenation:` (where it may break is the author's to say). A bound run elsewhere in
    the paragraph is not the cause, and is not named ('15. August' in an Austrian review's hint)."""
    texts = [_line_text(line) for line in chosen.lines]
    i = chosen.loosest if 0 <= chosen.loosest < len(texts) else 0
    where = f"the loosest line is '{_shortened(_shown(texts[i]))}'"
    last = texts[i].split(" ")[-1]
    edge = [last]
    if i + 1 < len(texts):
        first = texts[i + 1].split(" ")[0]
        if last[-2:-1].isalpha() and last.endswith("-") and first[:1].islower():  # a word hyphenated across them:
            first = last[:-1] + first  # named whole ('teléfono +34 …', not 'léfono +34 …')
        edge.append(first)
    bound = [t.strip(" ,;:") for t in edge if any(b in t for b in _BOUND)]
    font, size = chosen.lines[i].words[0].fontName, chosen.lines[i].words[0].fontSize
    bound = [t for t in bound if stringWidth(t, font, size) >= BOUND_SHARE * width]
    if bound:
        return (f"'{_shown(bound[0])}' is bound together and never breaks: reword the sentence around it "
                f"({where})")
    near = " ".join(texts[max(0, i - 1):i + 3]).replace("\u00ad", "")
    long = [w for w in dict.fromkeys(_LONG_WORDS.findall(near)) if _few_breaks(w, hyphenate)]
    if long:
        shown = ", ".join(f"'{w}'" for w in long[:2])
        them = "it" if len(long) == 1 else "them"
        return (f"{where}; if {shown} may break where the dictionary does not break {them}, say where in "
                "report.yaml's hyphenation: (e.g. hyphenation: [Teil-betrags-zahlungen]), or reword it")
    return f"{where}: reword it, or add a hyphenation point (U+00AD) to a long word"


def _line_text(line: Any) -> str:
    words = getattr(line, "words", None)
    return "".join(getattr(w, "text", "") for w in words) if words is not None else " ".join(line[1])


def _shown(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace(markup.BREAK, "").strip()


def _shortened(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "…"


def _few_breaks(word: str, hyphenate: Any) -> bool:
    """Whether `word` has a stretch of LONG_WORD letters or more without a break point."""
    if hyphenate is None or word.lower() in getattr(hyphenate, "own", ()):
        return False
    points = [0, *sorted(len(head) for head, _tail in hyphenate(word)), len(word)]
    return max(b - a for a, b in zip(points, points[1:], strict=False)) >= LONG_WORD


class Paragraph(_RLParagraph):
    """A reportlab paragraph that breaks justified text as a whole and never runs past its frame.

    Justified paragraphs (body text) get their breaks from the paragraph optimiser (`justify`,
    `linebreak`): all lines chosen together for even spacing, with optical margins. `source` (the
    content position) and `notes` (a list for build warnings) let it say which paragraph needed
    emergency stretch.

    reportlab splits a word only once: when hyphenation or its URL splitting has broken a
    long word, the rest of it is never split again and runs out of the frame (a long URL,
    a compound word longer than a line). If that happens, the paragraph is set again
    without hyphenation, which lets `splitLongWords` break every overlong word to fit.
    Only a line holding a single word wider than the line counts: reportlab lets spaces shrink, so a
    line of several words may legitimately run a fraction of a point past the width.
    """

    optimise = True  # False: reportlab's greedy breaking for justified text too (benchmarks compare)
    wider_after: tuple[int, float] | None = None  # (n, extra): the lines after the first n are `extra` wider
    whole_line = -1  # the index of a line that must end with a whole word (the last before a page break)
    ragged_params: Params | None = None  # where set flush left, a caller's setting instead of RAGGED (text beside
    # an image: fewer hyphens)
    # split across pages with a word broken at the break: the first part reads that word whole (`read_on`,
    # the rest of it), the other part reads on after it (`read_from`, the part of it to leave out)
    read_on = read_from = ""

    def __init__(self, text: Any, style: Any = None, *args: Any, source: Pos | None = None,
                 notes: list[Diagnostic] | None = None, **kwargs: Any):
        if isinstance(text, str) and _SUPERIOR_SIZED in text and style is not None \
                and style.fontSize * SUPERIOR_SHARE < SUPERIOR_LEAST:  # (small text: a caption, a kicker)
            text = text.replace(_SUPERIOR_SIZED, f'size="{SUPERIOR_LEAST:g}"')
        super().__init__(text, style, *args, **kwargs)
        self.source, self.notes = source, notes
        self._given = self.frags  # as parsed: lines chosen again (another width) start from these

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.style.alignment == TA_JUSTIFY and self.optimise and _too_narrow(self.style, avail_width):
            self.style = self.style.clone(self.style.name, alignment=TA_LEFT)
        size = super().wrap(avail_width, avail_height)
        if self._hyphenates() and _has_overlong_word(self.blPara):
            self.style = _without_hyphenation(self.style)
            size = super().wrap(avail_width, avail_height)
        elif (overlong := _overlong_hyphenation(self, avail_width)) is not None:
            self.style = self.style.clone(self.style.name, hyphenationLang=overlong)
            size = super().wrap(avail_width, avail_height)
        if self.style.name in BALANCED_STYLES and self.style.alignment == TA_LEFT and len(self.blPara.lines) > 1:
            size = self._balanced(avail_width, avail_height)
        return size

    def _balanced(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """The lines at the least width that keeps their number (to a point), drawn in the full width."""
        count, low, high = len(self.blPara.lines), avail_width * 0.5, avail_width
        cut = getattr(self, "_splitLongWordCount", 0)  # words reportlab cut anywhere (too long for any line)
        for _ in range(7):
            mid = (low + high) / 2
            super().wrap(mid, avail_height)
            # narrower than a word: reportlab cuts it where the line ends, without a hyphen
            # ('Delegations- und Ma|rkterkundungsreisen' in a key-figure tile on A5)
            if len(self.blPara.lines) > count or _has_overlong_word(self.blPara) \
                    or getattr(self, "_splitLongWordCount", 0) > cut:
                low = mid
            else:
                high = mid
        _, height = super().wrap(high, avail_height)
        self.width = avail_width
        return avail_width, height

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - reportlab API
        style = self.style
        ragged = style.alignment == TA_LEFT and style.name in RAGGED_STYLES
        if not (style.alignment == TA_JUSTIFY or ragged) or not self.frags or not self.optimise:
            return self._reportlab_lines(width)
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        if self.wider_after is not None:  # text beside an image: the lines below it are wider
            n, extra = self.wider_after
            widths = [widths[min(i, len(widths) - 1)] for i in range(n)] + [widths[-1] + extra]
        chosen = self._chosen(widths)
        if chosen is None:
            # the frags of lines chosen before (another width) carry their breaks: a compound broken at
            # its own hyphen would come back joined without it ('Adeyemi-|Whitfield' → 'AdeyemiWhitfield')
            self.frags = getattr(self, "_given", self.frags)
            words = _getFragWords(self.frags, widths[0])
            if _fits_one_line(words, widths[0]):
                return self._reportlab_lines(width)  # nothing to choose: reportlab's line is the line
            hyphenate = style.hyphenationLang if callable(style.hyphenationLang) else None
            params = replace(self.ragged_params or RAGGED, rag=RAG_EM * style.fontSize) if ragged else LINE_BREAKING
            if self.wider_after is not None:  # the last line beside the image ends with a whole word
                params = replace(params, whole_line=self.wider_after[0] - 1)
            if self.whole_line >= 0:  # … or the last line before a page or column break (see `split`)
                params = replace(params, whole_line=self.whole_line)
            chosen = plan(words, widths, hyphenate, params) if words else None
            if chosen is None:
                return self._reportlab_lines(width)
            if chosen.emergency and not ragged and self.notes is not None:
                self.notes.append(Diagnostic(
                    "no line breaks keep this paragraph's spaces within "
                    f"{1 + LINE_BREAKING.tolerance * STRETCH:.1f}× their width: set with emergency stretch",
                    self.source or Pos(), _loose_hint(chosen, widths[0], hyphenate), "warning"))
            self._plan = (chosen, style, self.whole_line)
        self.frags = chosen.frag_words
        self._offsets = list(chosen.offsets)
        self._width_max = chosen.width_max
        return ParaLines(kind=1, lines=chosen.lines)

    def _reportlab_lines(self, width: Any) -> Any:
        """reportlab's own line breaking, without the break opportunities in web addresses (U+200B,
        which it does not break at) in the lines it draws where the font has no glyph for them (see
        `draws_break`). It starts from the text as parsed: reportlab's breaking of a paragraph of several
        fragments leaves the words it broke at their own hyphen as its frags, which its next wrap (a
        split, another width) joins without the hyphen ('petits-|enfants' → 'petitsenfants', in a pull
        quote with its attribution)."""
        self.frags = getattr(self, "_given", self.frags)
        bl_para = super().breakLines(width)
        for n, line in enumerate(bl_para.lines):
            if isinstance(line, tuple):  # kind 0: (free width, words), one font
                free, words = line
                if any(markup.BREAK in w for w in words) and not draws_break(bl_para.fontName):
                    gone = sum(w.count(markup.BREAK) for w in words)
                    free += stringWidth(markup.BREAK, bl_para.fontName, bl_para.fontSize) * gone
                    bl_para.lines[n] = (free, [w.replace(markup.BREAK, "") for w in words])
                continue
            for i, f in enumerate(line.words):
                text = getattr(f, "text", "")
                if markup.BREAK in text and not draws_break(f.fontName):
                    line.extraSpace += stringWidth(markup.BREAK, f.fontName, f.fontSize) * text.count(markup.BREAK)
                    line.words[i] = f.clone(text=text.replace(markup.BREAK, ""))
        return bl_para

    def _chosen(self, widths: list[float]) -> Plan | None:
        """The lines chosen before, if they were chosen for these widths and this style."""
        saved = getattr(self, "_plan", None)
        if saved is None or saved[1] is not self.style or saved[2] != self.whole_line:
            return None
        last = len(widths) - 1
        if any(abs(w - widths[min(i, last)]) > 1e-6 for i, w in enumerate(saved[0].widths)):
            return None
        return saved[0]

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        """reportlab's split, then both parts keep the lines chosen for the whole paragraph (set
        again on their own, the first part's last line would become a short last line).

        The last line before a page or column break never ends with a hyphen that hyphenation added
        ('Septem-' at a page's foot, 'ber' on the next): the lines are chosen again with that line
        ending with a whole word (`Params.whole_line`, as beside an image). Where that needs emergency
        stretch the paragraph did not need, it keeps a line fewer instead, if that line ends whole;
        else the hyphen stays (a word's own hyphen, 'Medi-|Pharm', is fine at a page's foot)."""
        parts = self._split(avail_width, avail_height)
        if self._cut_at_split(parts) is None:
            return parts
        parts = self._whole_at_split(parts, avail_width, avail_height)
        self._rewrap(avail_width, avail_height, -1)  # the paragraph itself keeps its lines (for another split)
        return parts

    def _rewrap(self, avail_width: float, avail_height: float, whole_line: int) -> None:
        """The lines chosen again with `whole_line`, without warnings (the first wrap gave those)."""
        notes, self.notes, self.whole_line = self.notes, None, whole_line
        try:
            self.wrap(avail_width, avail_height)
        finally:
            self.whole_line, self.notes = -1, notes

    def _whole_at_split(self, parts: list[Any], avail_width: float, avail_height: float) -> list[Any]:
        """The parts of `split` where the first ends with a hyphen that hyphenation added: see `split`."""
        for _ in range(2):  # the widow rule may move the break by a line: once more for that line
            cut = self._cut_at_split(parts)
            if cut is None:
                return parts
            before = self._plan
            self._rewrap(avail_width, avail_height, cut - 1)
            if not self._plan or (self._plan[0].emergency and not before[0].emergency):
                self._rewrap(avail_width, avail_height, -1)  # the lines chosen before (remembered)
                parts = self._split(avail_width, avail_height)
                break
            parts = self._split(avail_width, avail_height)
        cut = self._cut_at_split(parts)
        if cut is None:
            return parts
        # fewer lines on this page: one (a hyphen), or up to WHOLE_BACK where a web address longer than
        # a line runs on over several (a column's foot never ends inside one, if it can help it)
        for n in range(cut - 1, max(1, cut - 1 - WHOLE_BACK), -1):
            fewer = self._split(avail_width, n * self.style.leading + 1e-6)
            if len(fewer) == 2 and self._cut_at_split(fewer) is None:
                return fewer
        return parts

    def _cut_at_split(self, parts: list[Any]) -> int | None:
        """The first part's number of lines where its last line ends with a hyphen that hyphenation
        added, or inside a web address ('see https://' at a column's foot, the address in the next),
        of lines chosen for the whole paragraph; else None."""
        saved = getattr(self, "_plan", None)
        if len(parts) != 2 or saved is None or getattr(parts[0], "_plan", None) is None:
            return None
        whole, s = saved[0], len(parts[0].blPara.lines)
        if not 0 < s < len(whole.lines):
            return None
        last = whole.frag_words[whole.lines[s].sFW - 1]
        if type(last) is _SplitFragH and len(last) > 1 and str(last[-1][1]).endswith(markup.BREAK):
            return s
        return s if type(last) is _SplitFragHY else None

    def _split(self, avail_width: float, avail_height: float) -> list[Any]:
        kinds = [type(fw) for fw in self.frags] if _processed_frags(self.frags) else []
        parts = super().split(avail_width, avail_height)
        if len(kinds) != len(self.frags):  # split wrapped the paragraph afresh: nothing was marked in place
            kinds = [type(fw) for fw in self.frags]
        for fw, kind in zip(self.frags, kinds, strict=True):
            if type(fw) is not kind:  # reportlab marks the first part's last piece in place: keep ours
                marked = type(fw)
                fw.__class__ = kind
                if parts and parts[0].frags and parts[0].frags[-1] is fw:
                    parts[0].frags[-1] = marked(fw)
        saved = getattr(self, "_plan", None)
        for part in parts:
            part.source, part.notes = self.source, self.notes
        if len(parts) != 2 or saved is None or self.blPara.lines is not saved[0].lines:
            return parts
        whole, first, rest = saved[0], parts[0], parts[1]
        s = len(first.blPara.lines)
        first.read_from, rest.read_on = self.read_from, self.read_on
        if type(whole.frag_words[whole.lines[s].sFW - 1]) in (_SplitFragHY, _SplitFragH):  # a word goes on
            end = next((i for i, fw in enumerate(rest.frags) if type(fw) in (_SplitFrag, _SplitFragHS)), -1)
            first.read_on = rest.read_from = plain_text(rest.frags[:end + 1]).strip()
        base = whole.lines[s].sFW
        first._plan = (Plan(first.frags, whole.lines[:s], whole.offsets[:s], whole.widths[:s], whole.emergency,
                            whole.width_max), first.style, first.whole_line)
        rest._plan = (Plan(rest.frags, [ln.clone(sFW=ln.sFW - base) for ln in whole.lines[s:]], whole.offsets[s:],
                           whole.widths[s:], whole.emergency, whole.width_max), rest.style, rest.whole_line)
        return parts

    def beginText(self, x: float, y: float) -> Any:  # noqa: N802 - reportlab API
        """The text object for `drawPara`; lines set with font expansion (a `scale` on their
        FragLine) get their horizontal scaling (Tz) before their first glyph. Every line ends with
        reportlab's `T*` (`_textOut(…, TStar=1)`), which is how the lines are counted."""
        tx = super().beginText(x, y)
        scales = [getattr(line, "scale", 1.0) for line in getattr(self.blPara, "lines", [])]
        if all(abs(s - 1.0) < 1e-6 for s in scales):
            _hooked(self, tx)
            return tx
        text_out = tx._textOut
        state = {"line": 0, "start": True, "scale": 1.0}

        def scaled(text: str, TStar: int = 0) -> None:  # noqa: N803 - reportlab's name
            if state["start"]:
                scale = scales[state["line"]] if state["line"] < len(scales) else 1.0
                if abs(scale - state["scale"]) > 1e-6:
                    tx._code.append(f"{fp_str(scale * 100)} Tz")
                    state["scale"] = scale
                state["start"] = False
            text_out(text, TStar)
            if TStar:
                state["line"] += 1
                state["start"] = True

        tx._textOut = scaled
        _hooked(self, tx)
        return tx

    def getPlainText(self, identify: Any = None) -> str:  # noqa: N802 - reportlab API
        """The text without the hyphens that line breaking added (split words joined again)."""
        if _processed_frags(self.frags):
            return plain_text(self.frags)
        return super().getPlainText(identify)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        """Draw as tagged content: H1/H2/Caption by style, else P (a no-op in untagged editions)."""
        if (anchor := getattr(self, "anchor", None)) is not None:  # a cross-reference names it (LayoutContext.anchored)
            anchor(canvas, x, y + self.height)
        if getattr(self, "starts_section", False):
            start_section(canvas, getattr(self, "section_language", None))
        self._hooks = []
        try:
            if tagger_of(canvas) is None:  # untagged (the print edition): no text to read aloud
                super().drawOn(canvas, x, y, _sW)
                return
            role = getattr(self, "role", None) or ROLES.get(self.style.name, "P")  # (a role of its own: contents)
            text = self.getPlainText()
            if self.read_from and text.startswith(self.read_from):  # read whole with the part before
                text = text[len(self.read_from):]
            # spaces read as one space each, but a narrow no-break space stays (« oui », 1 234): the text as printed
            text = " ".join(_WORD_GAPS.split((text + self.read_on).replace("\u00ad", "").replace(markup.BREAK, "")
                                             .strip()))
            with content(canvas, role, rect=(x, y, x + self.width, y + self.height), actual_text=text), \
                    _spaces_at_line_ends(canvas, text):
                super().drawOn(canvas, x, y, _sW)
        finally:
            # the functions set on each text object, which hold the object (reportlab's `_do_line`,
            # our hooks of `_textOut`), go: a text object is freed as soon as it is drawn, not left
            # in a cycle for the collector
            for tx in self._hooks:
                tx.__dict__.pop("_textOut", None)
                tx.__dict__.pop("_do_line", None)
            del self._hooks

    def _hyphenates(self) -> bool:
        st = self.style
        return bool(st.hyphenationLang or st.uriWasteReduce or st.embeddedHyphenation)


def _hooked(para: Any, tx: Any) -> None:
    """Note a text object of `para`'s for `drawOn` to undo the functions set on it once it is drawn."""
    hooks = getattr(para, "_hooks", None)
    if hooks is not None:
        hooks.append(tx)


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


def _too_narrow(style: Any, width: float) -> bool:
    """Whether a line of `width` holds fewer than MIN_JUSTIFIED_CHARS characters of running text in
    the style's font (body text only: its ragged setting is the optimiser's, see RAGGED_STYLES)."""
    if style.name != "body":
        return False
    return text_chars(style, width) < MIN_JUSTIFIED_CHARS


def text_chars(style: Any, width: float) -> float:
    """How many characters of running text a line of `width` holds in `style` (inside its indents)."""
    return (width - style.leftIndent - style.rightIndent) / _average_char(style.fontName, style.fontSize)


@lru_cache(maxsize=64)
def _average_char(font: str, size: float) -> float:
    """The width of an average character of running text (asked at every body paragraph's wrap)."""
    return stringWidth(_AVERAGE_TEXT, font, size) / len(_AVERAGE_TEXT)


def _fits_one_line(frag_words: list, width: float) -> bool:
    natural = sum(fw[0] for fw in frag_words)
    spaces = sum(1 for fw in frag_words[:-1] if isinstance(fw, _HSFrag))
    return natural + spaces * 0.3 * frag_words[0][-1][0].fontSize < width - _OVERFLOW  # 0.3 em: a wide space


def _has_overlong_word(bl_para: Any) -> bool:
    """True if a line holds one word only and runs past its width (kind 0: (free, words) tuples;
    kind 1: FragLines with extraSpace and wordCount)."""
    for line in bl_para.lines:
        free, count = (line[0], len(line[1])) if isinstance(line, tuple) else (line.extraSpace, line.wordCount)
        if count == 1 and free < -_OVERFLOW:
            return True
    return False


def _overlong_hyphenation(para: Any, width: float) -> Any:
    """For a style set without hyphenation (headings, kickers: `overlongHyphenation` names the
    language's hyphenator) that holds a word wider than the line: a hyphenator for such words only,
    which reportlab would otherwise cut anywhere, without a hyphen ('Donaudampfschifffahrts|
    gesellschaft'). Words that fit are never hyphenated. None where nothing is too wide."""
    style = para.style
    hyphenate = getattr(style, "overlongHyphenation", None)
    if hyphenate is None or callable(style.hyphenationLang):
        return None
    font, size = style.fontName, style.fontSize
    # a compound with a hyphen breaks there anyway ('Oberländer-|Schwarzenbach'): only a part wider
    # than the line needs this (hyphenated as a whole, it lost its own hyphen: 'Oberlän-|derSchwarzenbach')
    parts = (part for w in para.getPlainText().split() for part in _AFTER_HYPHEN.split(w))
    if not any(stringWidth(part, font, size) > width for part in parts):
        return None

    def overlong(word: str) -> Any:
        return hyphenate(word) if stringWidth(word, font, size) > width else iter(())
    return overlong


def _without_hyphenation(style: Any) -> Any:
    return style.clone(style.name, hyphenationLang="", uriWasteReduce=0, embeddedHyphenation=0, splitLongWords=1)
