"""Words, number formats and typographic conventions per document language (data in data/locales)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .units import MINUS, NBSP, NNBSP, bind_items, bind_units, number_ranges, region_tag, spaced_currency

LOCALES_DIR = Path(__file__).parent / "data" / "locales"
LANGUAGES = frozenset(p.stem for p in LOCALES_DIR.glob("*.yaml"))
region = region_tag  # a tag as language and region, in their usual case: de_ch → de-CH, EN → en


# the country calling code of a language's region (en-US: +1): a telephone number written without one is
# dialled from abroad too, and a phone dials a tel: link in its global form more reliably
_CALLING_CODES = {"US": "1", "CA": "1", "GB": "44", "IE": "353", "AU": "61", "NZ": "64", "DE": "49", "AT": "43",
                  "CH": "41", "LI": "423", "LU": "352", "FR": "33", "BE": "32", "NL": "31",
                  "SE": "46", "FI": "358", "DK": "45", "PL": "48", "PT": "351", "BR": "55", "ES": "34", "MX": "52",
                  "IT": "39", "SM": "378", "VA": "39"}
# where the leading 0 is part of the number, dialled from abroad too (Italy: +39 02 1234 5678, Milan)
_KEEPS_ZERO = frozenset(("39", "378"))


def tel_uri(phone: str, language: str) -> str:
    """A telephone number's tel: link: its digits, in global form (+17405550142) where it is written with
    its country code (+1 740 …, 00 49 …) or the language names a region (en-US: "(740) 555-0142"; the
    trunk prefix dropped: a national 0 in Europe but Italy's, a 1 before a 10-digit US number); else its digits
    alone."""
    digits = "".join(c for c in phone if c.isdigit())
    if phone.lstrip().startswith("+"):
        return "tel:+" + digits
    if digits.startswith("00"):
        return "tel:+" + digits[2:]
    parts = language.replace("_", "-").split("-")
    code = _CALLING_CODES.get(parts[1].upper()) if len(parts) > 1 else None
    if code is None:
        return "tel:" + digits
    if code == "1":
        digits = digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
    elif digits.startswith("0") and code not in _KEEPS_ZERO:
        digits = digits[1:]
    return f"tel:+{code}{digits}"


def supported(language: object) -> bool:
    """Whether a BCP 47 tag (any case) names a language with a locale here: de-CH yes, fr-FR no."""
    return isinstance(language, str) and language.split("-")[0].lower() in LANGUAGES


_OPENS = re.compile(r"[\s(\[{/–—-]$")
# an abbreviation of several parts ("z. B.", "d. h.", "Dr. med.", "i. d. R.", "J. R. R.") and one before
# a number ("Nr. 5", "S. 12", "Abs. 2", "p. 12", "ca. € 3 mln", "ca. −2 °C"): the space an author typed
# inside never breaks
_ABBREVIATION_GAP = re.compile(r"(?<![\w.])([^\W\d_]{1,4}\.) (?=[^\W\d_]{1,5}\.(?!\w)|(?:[€$£] ?)?[+\u2212]?\d)")
# the space before a spaced dash (found from the space: a pattern that starts with a look behind is
# tried at every position of a text, one that starts with a character only where that character is)
_DASH_AFTER_WORD = re.compile(r" (?<=\S )(?=[–—](?:\s|$))")
_SIGN = re.compile(r"(?<![\w.,/=+±−–—-])-(?=\d)")  # a hyphen before a digit that follows no word: a minus
_SPACED_HYPHEN = re.compile(r"-(?<=\s-)(?=\s)")  # a hyphen between spaces: a dash
_HYPHEN_DIGIT = re.compile(r"-\d")
# a hyphen after a number's decimal mark, before no word or number: an amount without cents (€ 12,-)
_NO_CENTS = re.compile(r"(?<=\d)([.,])-(?![\w\u2212-])")
# a size in two or three dimensions typed with the letter x (120x80 cm, 2 x 3 m, 30 × 40 × 5 mm): the
# multiplication sign between the numbers, bound to them by no-break spaces, where a unit of length or
# area follows (not "3x" as a factor, nor a model name)
_DIMENSION_UNITS = r"(?:mm|cm|dm|m|km|px|pt|in|m²|cm²|mm²|m³|Zoll|pouces)"
_DIMENSIONS = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)?)[ \u00a0\u202f]?[xX×][ \u00a0\u202f]?(\d+(?:[.,]\d+)?)"
                         rf"(?:[ \u00a0\u202f]?[xX×][ \u00a0\u202f]?(\d+(?:[.,]\d+)?))?"
                         rf"(?=[ \u00a0\u202f]?{_DIMENSION_UNITS}(?![\w]))")
_DIMENSIONS_HINT = re.compile(r"\d ?[xX×] ?\d")
# the full stop of an abbreviation's gap and what follows it (_ABBREVIATION_GAP's look ahead): the
# places where that pattern can match, found quickly
_ABBREVIATION_STOP = re.compile(r"\.(?= (?:[^\W\d_]{1,5}\.(?!\w)|(?:[€$£] ?)?[+\u2212]?\d))")


@dataclass(frozen=True)
class Locale:
    language: str  # BCP 47 as written in content, e.g. de-DE
    hyphenation: str
    thousands: str
    decimal: str
    quotes: tuple[str, str]
    labels: dict[str, str]
    date_time: str = "%Y-%m-%d %H:%M UTC"  # strftime pattern, digits only (no month names)
    inner_quotes: tuple[str, str] = ("‘", "’")  # a quotation inside a quotation; single quotes typed '…'
    months: tuple[str, ...] = ()  # month names (and abbreviations) a day number before them is bound to
    month_first: bool = False  # the language also writes dates month first ("June 2, 2025"): bound too
    month_link: str = ""  # a word between a day and its month, bound to both (es, pt: 5 de noviembre)
    # a four-digit number is grouped too (1.000); False: 1000, but 10.000 (report.yaml's numbers:)
    group_four_digits: bool = True
    # the language's own (thousands, decimal) where report.yaml's numbers: changed them: read as well
    language_marks: tuple[str, str] | None = None
    spine: str = "down"  # how the title reads along a book's spine: down (top to bottom) or up
    # French spacing: a narrow no-break space before these marks and after those (« oui », quoi ?)
    space_before: str = ""
    space_after: str = ""
    titles: tuple[str, ...] = ()  # a title bound to the name after it (M. Dupont), besides Dr., Mr …
    units: tuple[str, ...] = ()  # words bound to the number before them, besides units.UNITS (12 millions)
    before_numbers: tuple[str, ...] = ()  # words bound to the number after them (NAP −2,10 m, FN 123456a)
    # an ordinal's endings after a number written so ("1": er, re; "any" number, Arabic or Roman: e, es):
    # fr 1er, XXIe, bound to the word after it and its ending set as a superior (see `superiors`)
    ordinals: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # a quotation typed in straight single quotes takes the marks a double one takes at its place
    # (French has no single quotation marks: 'non' is « non », inside a quotation “non”; with
    # report.yaml's quotes: single the outer marks are the single ones: ‘…’, inside one “…”)
    single_as_double: bool = False
    # what a table's number cell may hold for "not applicable": printed as written, read as no value
    not_applicable: tuple[str, ...] = ()
    # the space between a currency sign and the amount after it (a key figure's prefix): none in English
    # (£4.1m), a no-break space in German, Dutch and French (€ 186,4 Mio.); a code always has one (CHF 12)
    currency_gap: str = ""
    # where a unit that begins with a currency sign leads the amount: always (en £4.1m, nl € 12,4), or only
    # where a scale follows the sign (scaled: de '€ Mio.' € 250 Mio., but '€' 250 €) (units.leading_currency)
    currency_leads: str = "scaled"
    minus_after_currency: bool = False  # a negative amount's minus after the sign before it: nl € −12 (en −£12)
    clitics: tuple[str, ...] = ()  # a word bound to the word after it: nl ’s lands, ’t Hooft (no line between)
    # words of one letter that never end a line, bound to the word after them (pl: w domu, i nie, z nami)
    short_words: tuple[str, ...] = ()
    # a chart's value labels carry its unit where it is money ("$0.62M"; charts.numbers.currency_on_values),
    # not the axis's top label alone: American usage
    currency_on_values: bool = False
    # the dash typed as -- or a spaced hyphen: "en", a spaced en dash (British, German, Dutch: "people – nurses");
    # "em", a closed em dash (American, Chicago and AP: "people—nurses"); "raya", the Spanish raya of an inciso,
    # an em dash set closed to the words it encloses and open outside ("la Fundación —que cumple veinte años— ha")
    dash: str = "en"
    # words after which two numbers joined by a hyphen are a range, set with an en dash (en: pages 10-12,
    # ages 18-64 → 10–12, 18–64); never elsewhere: 555-1234 stays a telephone number
    range_words: tuple[str, ...] = ()

    def label(self, key: str) -> str:
        return self.labels[key]

    def enclosing(self) -> tuple[str, str]:
        """The quotation marks the layout sets around a quotation, with the spaces the language puts
        inside them: („, “), (« + U+202F, U+202F + ») in French."""
        open_q, close_q = self.quotes
        return (open_q + NNBSP if open_q in self.space_after else open_q,
                NNBSP + close_q if close_q in self.space_before else close_q)

    def number(self, value: Any) -> str:
        """A model Number exactly as written, in this language's notation (99.98 → '99,98');
        a plain float (an axis tick): 1000 → '1.000' (de) or '1,000' (en), one decimal where it has any."""
        if hasattr(value, "format"):
            return value.format(self)
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{value:,.1f}"
        if not self.group_four_digits and re.fullmatch(r"-?\d,\d{3}(\.\d)?", text):
            text = text.replace(",", "", 1)
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)

    def aligned(self, printed: Iterable[str]) -> Locale:
        """The notation for numbers that stand in a column (a table's, a value axis's ticks), given them
        as this locale prints them: where four-digit numbers go without a separator (numbers:
        group_four_digits: false) but one of them has five digits or more, all are grouped, so that
        the digits line up (1.000 above 10.000, not 1000)."""
        if self.group_four_digits or not self.thousands or not any(self.thousands in t for t in printed):
            return self
        return replace(self, group_four_digits=True)

    def when(self, moment: datetime) -> str:
        """A date and time as this language writes it, e.g. 25.11.2026 08:35 UTC (de)."""
        return moment.strftime(self.date_time)

    def typographic(self, text: str, before: str = "", depth: int = 0, after: str = "") -> str:
        """Straight quotes → the language's quotes (typographic quotes the author typed stay as they
        are), a quotation inside a quotation in the inner ones („…‚Nein‘…“, “…‘no’…”), and so is one in
        straight single quotes ('no' → ‘no’, ‚nein‘); every other ' is an apostrophe ’ (didn’t,
        customers’, rock ’n’ roll, ’90s); spaced hyphen and -- → en dash, --- → em dash, a year range
        typed with a hyphen (2024-25, 2016-2017) → en dash; a hyphen before a digit that follows no word
        or number (-3,2 %, (-12 °C)) → minus; ... → …; a size typed 120x80 cm → 120 × 80 cm; a
        number and its unit, a day and its month (1 April, 18. Juli) bound by a no-break space. `before`
        is the text preceding `text` (the previous spans of a marked-up text; its last character decides
        how a quote mark or hyphen at the start reads), `after` the text following it (where a single
        quotation opened here may close); `depth` is the number of quotations open before it (see
        `quote_depth`)."""
        marks, _depth = self._quote_marks(text, before, depth)
        if "'" in text:
            marks += _single_quotes(before + text + after, len(before), len(text),
                                    self._single_pair(before, text, depth)
                                    if self.single_as_double else lambda _i: self.inner_quotes)
        if marks:
            chars = list(text)
            for i, mark in marks:
                chars[i] = mark
            text = "".join(chars)
        if self.dash == "em" and ("--" in text or " - " in text or "- " in text[:2] or " -" in text[-2:]):
            text = _closed_dashes(text, before[-1:], after[:1])
        elif self.dash == "raya" and ("--" in text or " - " in text):
            text = _rayas(before + text + after, len(before), len(before) + len(text))
        text = text.replace("---", "—").replace("--", "–")
        # (each pattern runs where the text has what it needs, found by a quick search: most texts lack it)
        if "-" in text:
            text = _SPACED_HYPHEN.sub("—" if self.dash == "em" else "–", text)
            if _LETTER_RANGE_HINT.search(text):  # FY2025-FY2026, Q1-Q3, 9 a.m.-5 p.m.
                text = _LETTER_RANGE.sub(_letter_range, text)
            if _NO_CENTS.search(text):  # an amount without cents: € 12,– (as a table cell prints it)
                text = _NO_CENTS.sub(self._no_cents, text)
            if _HYPHEN_DIGIT.search(text):  # year and number ranges, and a minus, are a hyphen before a digit
                text = number_ranges(_YEAR_RANGE.sub(_year_range, text))
                if self.range_words and _RANGE_AFTER_WORD_HINT.search(text):  # pages 10-12, ages 18-64
                    text = _range_after_words(self.range_words).sub(_counted_range, text)
                lead = before[-1:]  # the previous span's last character: ab**-5** keeps its hyphen
                text = _SIGN.sub(MINUS, lead + text)[len(lead):]
        if ("x" in text or "X" in text or "×" in text) and _DIMENSIONS_HINT.search(text):  # 120x80 cm → 120 × 80 cm
            text = _DIMENSIONS.sub(lambda m: f"{NBSP}×{NBSP}".join(g for g in m.groups() if g), text)
        if " –" in text or " —" in text:
            text = _DASH_AFTER_WORD.sub(NBSP, text)  # a spaced dash ends a line, never begins one
        if _abbreviation_gap(text):
            text = _ABBREVIATION_GAP.sub(rf"\1{NBSP}", _ABBREVIATION_GAP.sub(rf"\1{NBSP}", text))  # z. B.; i. d. R.
        text = bind_items(bind_units(_bind_days(text.replace("...", "…"), self.months, self.month_first,
                                                self.month_link)))
        text = spaced_currency(text, self.language)
        if self.titles or self.units or self.ordinals or self.before_numbers:
            text = _bind_words(text, self.titles, self.units, self.ordinals, self.before_numbers)
        if self.clitics and "’" in text:  # (after the marks: 's is ’s by now)
            text = _clitic_pattern(self.clitics).sub(rf"\1{NBSP}", text)
        if self.short_words and " " in text:
            text = _clitic_pattern(self.short_words).sub(rf"\1{NBSP}", text)
        if self.thousands in _SPACES and " " in text and _TYPED_NUMBER.search(text):
            # 1 234 lägenheter, 12 345 678 osób: a language (or house style) that groups digits with a space
            # keeps a number typed so whole, its spaces narrow and no-break, as it prints its own numbers
            text = _SPACE_GROUPS.sub(lambda m: m[0].replace(" ", NNBSP), text)
        if self.space_before or self.space_after:
            lead, trail = before[-1:], after[:1]
            text = _spaced(lead + text + trail, self.space_before, self.space_after)[len(lead):]
            text = text[:len(text) - len(trail)] if trail else text
        return text

    def _no_cents(self, m: re.Match[str]) -> str:
        """The dash of an amount without cents after this language's decimal mark (12,–), or after a
        point where it groups no thousands with one (Swiss Fr. 50.–), as a table reads them."""
        mark = m.group(1)
        return mark + "–" if mark == self.decimal or (mark == "." and self.thousands != ".") else m.group(0)

    def superiors(self, text: str) -> list[tuple[int, int]]:
        """Where `text` (as `typographic` sets it) holds an ordinal's ending, to be set as a superior
        letter (French 1ᵉʳ, 2ᵈᵉ, XXIᵉ, as the Imprimerie nationale writes them): (start, end) of each."""
        if not self.ordinals:
            return []
        return [m.span(1) for m in _ordinal_patterns(self.ordinals)[1].finditer(text)]

    def one_line(self, text: str) -> str:
        """`typographic` for a line set whole or read by software (running head, the cover's
        organisation, PDF metadata): no no-break spaces, since it never breaks and a search for
        "1 April" should find it."""
        return self.typographic(text).replace(NBSP, " ")

    def _single_pair(self, before: str, text: str, depth: int) -> Callable[[int], tuple[str, str]]:
        """The marks of a single quotation opening at index i of before + text: a double one's there
        (French, which has none of its own; with quotes: single, whose outer marks are the single
        ones: ‘…’ outside a quotation, “…” inside one)."""
        def pair(i: int) -> tuple[str, str]:  # (rare: asked only where a quotation opens)
            base = max(0, depth - self._quote_marks(before, "", 0)[1])  # open before the paragraph (a pull quote)
            return (self.quotes, self.inner_quotes)[self._quote_marks((before + text)[:i], "", base)[1] % 2]
        return pair

    def quote_depth(self, text: str, before: str = "", depth: int = 0) -> int:
        """How many quotations are open after `text` (`depth` were open before it)."""
        return self._quote_marks(text, before, depth)[1]

    def _quote_marks(self, text: str, before: str, depth: int) -> tuple[list[tuple[int, str]], int]:
        """Each straight double quote's index and mark, and the depth after `text`. A quote opens at
        the start (after `before` that opens) or after a space, bracket, slash or dash, else closes;
        the language's own quotes that the author typed open and close levels too."""
        pairs = (self.quotes, self.inner_quotes)
        open_q, close_q = self.quotes
        marks: list[tuple[int, str]] = []
        if '"' not in text and open_q not in text and close_q not in text:
            return marks, depth  # most texts: nothing to look at character by character
        start = before[-1:] if before else " "
        for i, ch in enumerate(text):
            if ch == '"':
                if _OPENS.search(text[i - 1] if i else start):
                    marks.append((i, pairs[depth % 2][0]))
                    depth += 1
                else:
                    depth = max(0, depth - 1)
                    marks.append((i, pairs[depth % 2][1]))
            elif ch == open_q and open_q != close_q:
                depth += 1
            elif ch == close_q and not (ch == "’" and 0 < i < len(text) - 1 and text[i - 1].isalpha()
                                        and text[i + 1].isalpha()):  # (quotes: single) didn’t: an apostrophe
                depth = max(0, depth - 1)
        return marks, depth


def _abbreviation_gap(text: str) -> bool:
    """Whether `_ABBREVIATION_GAP` finds anything in `text`: tried only where a full stop is followed
    as it needs (its word of one to four letters ends there)."""
    for m in _ABBREVIATION_STOP.finditer(text):
        stop = m.start()
        if any(_ABBREVIATION_GAP.match(text, start) for start in range(max(0, stop - 4), stop)):
            return True
    return False


_QUOTE_OPENS = "([{/–—-“„«»‹›‚‘\""  # a single quote after one of these (or a space) opens
# 'tis, 'em; Dutch 's, 't, 'k, 'n ('s avonds, 's-Hertogenbosch, 't Hooft): a word that lost its first
# letters, never quoted
_ELISIONS = ("tis", "twas", "twere", "em", "s", "t", "k", "n")


def _single_quotes(text: str, start: int, length: int,
                   pair: Callable[[int], tuple[str, str]]) -> list[tuple[int, str]]:
    """Each straight single quote in text[start:start + length] (index relative to `start`) and its
    mark. A ' in opening position (the start, after a space, bracket, slash, dash or opening quote
    mark) before a letter opens a single quotation when a closing ' follows in `text` (after a
    non-space, before a word's end or punctuation), and the pair takes `pair(its index)`; a one-letter
    "quotation" (rock 'n' roll) is an elision. Every other ' is an apostrophe."""
    marks: dict[int, str] = {}
    for i, ch in enumerate(text):
        if ch != "'" or i in marks or i >= start + length:
            continue
        marks[i] = "’"
        if _opens_single(text, i):
            close = next((j for j in range(i + 2, len(text)) if text[j] == "'" and j not in marks
                          and _closes_single(text, j)), None)
            if close is not None and not (close == i + 2 and text[i + 1].isalpha()):
                marks[i], marks[close] = pair(i)
    return [(i - start, mark) for i, mark in marks.items() if start <= i < start + length]


def _opens_single(text: str, i: int) -> bool:
    if i + 1 >= len(text) or not text[i + 1].isalpha():
        return False  # '90s, a lone '
    if i and not (text[i - 1].isspace() or text[i - 1] in _QUOTE_OPENS):
        return False
    word = re.match(r"\w+", text[i + 1:])
    return word is None or word.group(0).lower() not in _ELISIONS


def _closes_single(text: str, j: int) -> bool:
    return not text[j - 1].isspace() and (j + 1 == len(text) or not text[j + 1].isalnum())


# a year 1900–2099, a hyphen and the next year's last two digits or a later year within ten (2024-25,
# 2016-2017): a range, set with an en dash; never a date (2017-05-03), a code or a number in a word
_YEAR_RANGE = re.compile(r"(?<![\w.,/–-])((?:19|20)\d\d)-(\d\d(?:\d\d)?)(?![\w–-]|[.,/]\d)")


def _year_range(m: re.Match[str]) -> str:
    first, last = int(m[1]), int(m[2])
    ok = last == (first + 1) % 100 if len(m[2]) == 2 else first < last <= first + 10
    return f"{m[1]}–{m[2]}" if ok else m[0]


# two numbers with the same letters before each, or two times of day, joined by a hyphen: a range, set with
# an en dash (FY2025-FY2026, FY25-FY26, Q1-Q3, 9 a.m.-5 p.m., 9:00-17:00); never a chain of them (a part
# number AB1-AB2-AB3), a word before a number (COVID-19, Q1-report) or a first number not below the second
_LETTER_RANGE = re.compile(r"(?<![\w.,/–-])([A-Z]{1,4})(\d{1,4})-\1(\d{1,4})(?![\w–-]|[.,/]\d)"
                           r"|(?<=\b[ap]\.m\.)-(?=\d{1,2}(?::\d\d)? ?[ap]\.m\.)"
                           r"|(?<![\w.,/:–-])(\d{1,2}:\d\d)-(\d{1,2}:\d\d)(?![\w:–-]|[.,/]\d)")
_LETTER_RANGE_HINT = re.compile(r"\d-[A-Z]|m\.-\d|\d:\d\d-\d")


def _letter_range(m: re.Match[str]) -> str:
    if m[1]:
        return f"{m[1]}{m[2]}–{m[1]}{m[3]}" if int(m[2]) < int(m[3]) else m[0]
    if m[4]:
        return f"{m[4]}–{m[5]}"
    return "–"  # a.m.-5 p.m.


_RANGE_AFTER_WORD_HINT = re.compile(r"\w\.? \d+-\d")


@cache
def _range_after_words(words: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])((?:{names})[ \u00a0])(\d{{1,5}})-(\d{{1,5}})(?![\w–-]|[.,/]\d)", re.IGNORECASE)


def _counted_range(m: re.Match[str]) -> str:
    return f"{m[1]}{m[2]}–{m[3]}" if int(m[2]) < int(m[3]) else m[0]


# two hyphens, or a hyphen with a space on each side, between words: a dash set closed (American)
_CLOSED_DASH = re.compile(r"(?<=\S)(?:[ \t]*(?<!-)--(?!-)[ \t]*|[ \t]+-[ \t]+)(?=\S)")


def _closed_dashes(text: str, lead: str, trail: str) -> str:
    """American dashes: `--` and a spaced hyphen between words → a closed em dash ("people -- nurses" →
    people—nurses); one at the start or end of a text (a quotation's source: -- Jane Doe) keeps the space
    after or before it. `lead` and `trail`: the characters before and after `text` (its neighbouring spans)."""
    text = _CLOSED_DASH.sub("—", lead + text + trail)[len(lead):]
    text = text[:len(text) - len(trail)]
    return text.replace("---", "—").replace("--", "—")


# two hyphens (with or without spaces around them), or a hyphen with a space on each side, between words
_RAYA = re.compile(r"(?<!-)(?:[ \t]*--[ \t]*|(?<=\S)[ \t]+-[ \t]+(?=\S))(?!-)")
_OPENING = "([{«“‘¿¡"  # what an opening raya stands after without a space
_CLOSING = ".,;:!?)]}»”’…"  # what a closing raya stands before without a space


def _rayas(full: str, start: int, end: int) -> str:
    """Spanish incisos, full[start:end] of a paragraph's text `full`: `--` or a spaced hyphen, in pairs, → the
    raya (—), the opening one set closed to the word after it and the closing one to the word before it, each
    apart from what stands outside ("la Fundación -- que cumple veinte años -- ha crecido" → "la Fundación —que
    cumple veinte años— ha crecido", as the RAE's Ortografía sets them); one that opens the paragraph (a dialogue's
    --Hola) is a raya closed to its word. A dash without a partner (Madrid - Sevilla) is left as it is."""
    sites = list(_RAYA.finditer(full))
    lead = [m for m in sites if not full[:m.start()].strip()]
    pairs = [m for m in sites if m not in lead]
    pairs = pairs[:len(pairs) - len(pairs) % 2]
    out, at = [], start
    for m in sites:
        if m.start() < start or m.end() > end or not (m in lead or m in pairs):
            continue  # (outside this span, or across its edge: as the other languages' dashes)
        before, after = full[m.start() - 1:m.start()], full[m.end():m.end() + 1]
        if m in lead:
            new = "—"
        elif pairs.index(m) % 2 == 0:
            new = ("" if not before or before in _OPENING else " ") + "—"
        else:
            new = "—" + ("" if not after or after in _CLOSING else " ")
        out += [full[at:m.start()], new]
        at = m.end()
    return "".join(out) + full[at:end]


_DAY = r"(?:[1-9]|[12]\d|3[01])"  # a day of a month
# what may follow a day's number: an ordinal's ending (June 1st, 1er janvier), a German full stop (1. April), and
# the first of the month as Italian writes it, 1° or 1º gennaio (primo), and Spanish and Portuguese 1.º de enero
_DAY_MARK = r"(?:st|nd|rd|th|er|\.º|\.|°|º)?"


def _month_names(months: tuple[str, ...]) -> str:
    """The month names as alternatives of a pattern, the longest first ("Sept" before "Sep")."""
    return "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))


@cache
def _day_before_month(months: tuple[str, ...], link: str = "") -> re.Pattern[str]:
    names = _month_names(months)
    linked = rf"(?:{re.escape(link)} )?" if link else ""
    return re.compile(rf"(?<![\w.,])({_DAY}{_DAY_MARK}) (?={linked}(?:{names})(?!\w))")  # 1er janvier, 1° gennaio


@cache
def _day_then_month(months: tuple[str, ...], link: str = "") -> re.Pattern[str]:
    """What `_day_before_month` needs in a text, found quickly (from its digit, where that pattern
    starts with a look behind, which makes the search try every position)."""
    linked = rf"(?:{re.escape(link)} )?" if link else ""
    return re.compile(rf"\d{_DAY_MARK} {linked}(?:{_month_names(months)})(?!\w)")  # (1er janvier)


@cache
def _month_before_day(months: tuple[str, ...]) -> re.Pattern[str]:
    names = _month_names(months)
    # "June 2", "Sept. 14th", and the year after a comma: "June 2, 2025" (US order)
    return re.compile(rf"(?<![\w.])((?:{names})\.?) ({_DAY}(?:st|nd|rd|th)?)"
                      rf"(?![\w.,]\d|\d)(?:(,) ((?:1[89]|20)\d\d)(?![\w.,]\d|\d))?")


def _us_date(m: re.Match[str]) -> str:
    year = f"{m[3]}{NBSP}{m[4]}" if m[4] else ""
    return f"{m[1]}{NBSP}{m[2]}{year}"


def _bind_days(text: str, months: tuple[str, ...], month_first: bool, link: str = "") -> str:
    """A day and its month never break across lines: "1 April", "18. Juli", "1° gennaio" with a no-break space, and
    the word between them where the language has one ("5 de noviembre"); where the language also writes
    the month first, "June 2" too, and a US date's year after its day: "June 2, 2025"."""
    if not months:
        return text
    if _day_then_month(months, link).search(text):
        text = _day_before_month(months, link).sub(rf"\1{NBSP}", text)
        if link:
            text = re.sub(rf"(?<=[\d°º]{NBSP}{re.escape(link)}) (?=\w)", NBSP, text)  # (1.º de enero)
    return _month_before_day(months).sub(_us_date, text) if month_first else text


_SPACES = " \u00a0\u2009\u202f"  # what an author types before a mark in French: space, no-break, thin, narrow
_MARKS_BEFORE = ";:!?"  # « quoi ? », « ceci : cela »: the marks French sets apart from the word before them


@cache
def _spacing(before: str, after: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of `_spaced` for these marks (per locale: fr's are ;:!?»›%‰ and «‹)."""
    marks = re.escape("".join(m for m in before if m in _MARKS_BEFORE))
    closing = re.escape("".join(m for m in before if m not in _MARKS_BEFORE + "%‰"))
    opening = re.escape(after)
    out = []
    if marks:  # after a word (not after another mark: ?!), before a space, the end or a closing mark;
        # so never inside a time (10:30), an address (https://, ?q=) or a smiley typed without space
        out.append(re.compile(rf"(?<=[^\s{marks}{opening}(\[/])[{_SPACES}]*(?=[{marks}]"
                              rf"(?:$|[\s{closing}”’)\].,…{marks}\"']))"))
    if closing:
        out.append(re.compile(rf"(?<=\S)(?<![{opening}])[{_SPACES}]*(?=[{closing}])"))
    if opening:
        out.append(re.compile(rf"(?<=[{opening}])[{_SPACES}]*(?=[^\s{closing}])"))
    if "%" in before or "‰" in before:  # 12,5 % (after a number only: "en %" is the author's)
        out.append(re.compile(r"(?<=\d)[ \u00a0\u2009\u202f]?(?=[%‰])"))
    return tuple(out)


# a number the author grouped with spaces, as French writes it: "1 234", "48 250 000" (not "2017 250")
_TYPED_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d]|[.,]\d{3})")
# … in a language whose own thousands separator is a space (sv, pl, pt-PT, a house style's " "): not the groups
# of a telephone number ("08-123 456 78", "+48 22 123 45 67": after a hyphen or plus, or before another group)
_SPACE_GROUPS = re.compile(r"(?<![\d.,+-])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d]|[.,]\d{3}|[ \u00a0]\d)")
_TYPED_NUMBER = re.compile(r"\d \d\d\d")  # what _SPACE_GROUPS needs to replace, found quickly


def _spaced(text: str, before: str, after: str) -> str:
    """French spacing: a narrow no-break space (U+202F) before `before`'s marks and after `after`'s,
    where the author typed a space (any kind) or none: « Bonjour », quoi ?, ceci : cela, 12,5 %.
    The space never breaks, so a mark never begins a line, nor a closing guillemet; nor does one
    between a number's groups of digits typed with spaces (1 234 entreprises)."""
    if " " in text or NBSP in text:
        text = _TYPED_GROUPS.sub(lambda m: m[0].replace(" ", NNBSP).replace(NBSP, NNBSP), text)
    if not any(m in text for m in before + after):
        return text
    for pattern in _spacing(before, after):
        text = pattern.sub(NNBSP, text)
    return text


@cache
def _ordinal_patterns(ordinals: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An ordinal and the word after it (to bind them), and an ordinal's ending (group 1, to raise it).
    A number takes the endings listed for it as written ("1": 1er) or for "any": an Arabic number or a
    Roman one (two letters or more, or I, V, X: not Le, De, Me) followed by one of them and no letter."""
    branches = []
    for number, ends in sorted(ordinals, key=lambda o: o[0] == "any"):  # a number's own endings first
        alternatives = "|".join(re.escape(e) for e in sorted(ends, key=len, reverse=True))
        head = r"(?:\d+|[IVXLCDM]{2,}|[IVX])" if number == "any" else re.escape(number)
        branches.append(rf"{head}(?=(?:{alternatives})(?!\w))")
    ordinal = rf"(?<![\w.,’'&#])(?:{'|'.join(branches)})"
    return re.compile(rf"({ordinal}[^\W\d_]+) (?=[^\W\d_])"), re.compile(rf"{ordinal}([^\W\d_]+)")


@cache
def _word_binding(titles: tuple[str, ...], units: tuple[str, ...],
                  ordinals: tuple[tuple[str, tuple[str, ...]], ...] = (),
                  before_numbers: tuple[str, ...] = ()) -> tuple[re.Pattern[str] | None, ...]:
    names = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    words = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    leads = "|".join(re.escape(u) for u in sorted(before_numbers, key=len, reverse=True))
    return (re.compile(rf"(?<![\w.])((?:{names})) (?=[{_CAPITALS}])") if names else None,
            re.compile(rf"(?<=\d) (?=(?:{words})(?!\w))") if words else None,
            re.compile(r"(?<=\d)\u00a0h (?=\d\d(?!\d))") if "h" in units else None,  # 9 h 30
            _ordinal_patterns(ordinals)[0] if ordinals else None,
            re.compile(rf"(?<![\w.])((?:{leads})) (?=[+\u2212]?\d)") if leads else None,  # NAP +1,84 m
            # a scale and the currency (or second unit) after it, where the first is bound to its number:
            # 4,2 mln zł, 12 tys. zł, 12,4 miljoner kronor (not "mln" at a line's end, "zł" at the next's start)
            re.compile(rf"(?<=\d\u00a0)((?:{words})) (?=(?:{words}|[€$£])(?!\w))") if words else None)


# the capitals a name after a title begins with: Latin-1's and Latin Extended-A's (Łukasz, Świątek, Żak, Čapek)
_CAPITALS = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x180)) if c.isupper())


@cache
def _clitic_pattern(clitics: tuple[str, ...]) -> re.Pattern[str]:
    """A clitic (nl ’s, ’t) that stands as a word of its own, and the space after it."""
    words = "|".join(re.escape(c) for c in sorted(clitics, key=len, reverse=True))
    return re.compile(rf"(?<![\w’'])({words}) (?=\w)")


def _bind_words(text: str, titles: tuple[str, ...], units: tuple[str, ...],
                ordinals: tuple[tuple[str, tuple[str, ...]], ...] = (), before_numbers: tuple[str, ...] = ()) -> str:
    """A language's own titles, units, ordinals and words before a number: "M. Dupont", "Mme Martin",
    "12,4 millions", "9 h 30", "1er degré", "XXIe siècle", "NAP −2,10 m"."""
    if " " not in text:
        return text
    title, unit, time, ordinal, lead, scale = _word_binding(titles, units, ordinals, before_numbers)
    if lead is not None:
        text = lead.sub(rf"\1{NBSP}", text)
    if title is not None:
        text = title.sub(rf"\1{NBSP}", text)
    if unit is not None:
        text = unit.sub(NBSP, text)
        if scale is not None and NBSP in text:
            text = scale.sub(rf"\1{NBSP}", text)
    if ordinal is not None:
        text = ordinal.sub(rf"\1{NBSP}", text)
    return time.sub(f"{NBSP}h{NBSP}", text) if time is not None else text


def _hyphenation(language: str, default: str) -> str:
    """The hyphenation dictionary of the language's region where there is one (en-US → en_US:
    tech-nol-o-gy, not the British tech-no-logy; de-CH, de-AT), else the language's default."""
    import pyphen
    parts = language.replace("_", "-").split("-")
    regional = f"{parts[0].lower()}_{parts[1].upper()}" if len(parts) > 1 else ""
    return regional if regional in pyphen.LANGUAGES else default


def get_locale(language: str, numbers: Any = None, quotes: str | None = None) -> Locale:
    """The locale of a BCP 47 language tag. `numbers`: a house style's number notation over the
    language's (report.yaml's `numbers:`, model.Numbers: thousands, decimal, group_four_digits, each
    None where the language's holds); `quotes`: a house style's quotation marks (report.yaml's
    `quotes:`, "single" or "double"; None: the language's); a document's own locale is
    `Document.locale()`, which passes them."""
    if numbers is None and quotes is None:
        return _language_locale(language)
    return _house_locale(language, getattr(numbers, "thousands", None), getattr(numbers, "decimal", None),
                         getattr(numbers, "group_four_digits", None), quotes)


def single_marks(pair: tuple[str, str]) -> bool:
    """Whether a pair of quotation marks is single ones: ‘…’, ‚…‘, ‹…›."""
    return all(mark in "‘’‚‛‹›" for mark in pair)


def _quoted(own: Locale, quotes: str | None) -> Locale:
    """`own` with single quotation marks outside (quotes: single: the language's inner ones, where
    they are single) or double ones; the language's own where it writes so already, or has no single
    marks inside (French: « “…” »)."""
    if quotes is None:
        return own
    single = quotes == "single"
    if single == single_marks(own.quotes) or not single_marks(own.inner_quotes if single else own.quotes):
        return own
    return replace(own, quotes=own.inner_quotes, inner_quotes=own.quotes,
                   single_as_double=own.single_as_double or single)


@cache
def _house_locale(language: str, thousands: str | None, decimal: str | None, group_four: bool | None,
                  quotes: str | None = None) -> Locale:
    own = _quoted(_language_locale(language), quotes)
    marks = (own.thousands if thousands is None else thousands, own.decimal if decimal is None else decimal)
    return replace(own, thousands=marks[0], decimal=marks[1],
                   group_four_digits=own.group_four_digits if group_four is None else group_four,
                   language_marks=(own.thousands, own.decimal) if marks != (own.thousands, own.decimal) else None)


@cache
def _language_locale(language: str) -> Locale:
    base = language.split("-")[0].lower()  # BCP 47 tags are case-insensitive
    # libyaml where PyYAML has it: the pure-Python loader took ~5 ms a language, in every build
    data = yaml.load((LOCALES_DIR / f"{base}.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    parts = language.replace("_", "-").split("-")
    regional = (data.get("regions") or {}).get(parts[1].upper() if len(parts) > 1 else "")
    if regional:  # what the region writes otherwise (de-CH: 1’250’000, 2.5, «…»)
        data = {**data, **regional, "labels": {**data["labels"], **regional.get("labels", {})}}
    return Locale(language=language, hyphenation=_hyphenation(language, data["hyphenation"]),
                  thousands=data["thousands"],
                  decimal=data["decimal"], quotes=tuple(data["quotes"]), labels=dict(data["labels"]),
                  date_time=data.get("date_time", Locale.date_time),
                  inner_quotes=tuple(data.get("inner_quotes", Locale.inner_quotes)),
                  months=tuple(data.get("months", ())), month_first=bool(data.get("month_first")),
                  month_link=data.get("month_link", ""), short_words=tuple(data.get("short_words", ())),
                  group_four_digits=bool(data.get("group_four_digits", True)),
                  spine=data.get("spine", Locale.spine),
                  space_before=data.get("space_before", ""), space_after=data.get("space_after", ""),
                  titles=tuple(data.get("titles", ())), units=tuple(data.get("units", ())),
                  before_numbers=tuple(data.get("before_numbers", ())),
                  ordinals=tuple((str(n), tuple(ends)) for n, ends in (data.get("ordinals") or {}).items()),
                  single_as_double=bool(data.get("single_as_double")),
                  not_applicable=tuple(data.get("not_applicable", ())),
                  currency_gap=data.get("currency_gap", Locale.currency_gap),
                  currency_leads=data.get("currency_leads", Locale.currency_leads),
                  minus_after_currency=bool(data.get("minus_after_currency")),
                  clitics=tuple(data.get("clitics", ())),
                  dash=data.get("dash", Locale.dash), currency_on_values=bool(data.get("currency_on_values")),
                  range_words=tuple(data.get("range_words", ())))
