"""Words, number formats and typographic conventions per document language (data in data/locales)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .units import MINUS, bind_units

LOCALES_DIR = Path(__file__).parent / "data" / "locales"
LANGUAGES = frozenset(p.stem for p in LOCALES_DIR.glob("*.yaml"))


_OPENS = re.compile(r"[\s(\[{/–—-]$")
_SIGN = re.compile(r"(?<![\w.,/=+±−–—-])-(?=\d)")  # a hyphen before a digit that follows no word: a minus


@dataclass(frozen=True)
class Locale:
    language: str  # BCP 47 as written in content, e.g. de-DE
    hyphenation: str
    thousands: str
    decimal: str
    quotes: tuple[str, str]
    labels: dict[str, str]
    date_time: str = "%Y-%m-%d %H:%M UTC"  # strftime pattern, digits only (no month names)
    inner_quotes: tuple[str, str] = ("‘", "’")  # a quotation inside a quotation

    def label(self, key: str) -> str:
        return self.labels[key]

    def number(self, value: Any) -> str:
        """A model Number exactly as written, in this language's notation (99.98 → '99,98');
        a plain float (an axis tick): 1000 → '1.000' (de) or '1,000' (en), one decimal where it has any."""
        if hasattr(value, "format"):
            return value.format(self)
        if float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{value:,.1f}"
        return text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)

    def when(self, moment: datetime) -> str:
        """A date and time as this language writes it, e.g. 25.11.2026 08:35 UTC (de)."""
        return moment.strftime(self.date_time)

    def typographic(self, text: str, before: str = "", depth: int = 0) -> str:
        """Straight quotes → the language's quotes (typographic quotes the author typed stay as they
        are), a quotation inside a quotation in the inner ones („…‚Nein‘…“, “…‘no’…”); an apostrophe
        between letters → ’; spaced hyphen and -- → en dash, --- → em dash; a hyphen before a digit
        that follows no word or number (-3,2 %, (-12 °C)) → minus; ... → …; a number and its unit bound
        by a no-break space. `before` is the character preceding `text` (the previous span
        of a marked-up text), so a quote mark at the start of a span opens or closes as it would in the
        whole text; `depth` is the number of quotations open before it (see `quote_depth`)."""
        marks, _depth = self._quote_marks(text, before, depth)
        if marks:
            chars = list(text)
            for i, mark in marks:
                chars[i] = mark
            text = "".join(chars)
        text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
        if "'" in text:
            text = _possessive(text)
        text = text.replace("---", "—").replace("--", "–")
        text = re.sub(r"(?<=\s)-(?=\s)", "–", text)
        if "-" in text:
            lead = before[-1:]  # the previous span's last character: ab**-5** keeps its hyphen
            text = _SIGN.sub(MINUS, lead + text)[len(lead):]
        return bind_units(text.replace("...", "…"))


    def quote_depth(self, text: str, before: str = "", depth: int = 0) -> int:
        """How many quotations are open after `text` (`depth` were open before it)."""
        return self._quote_marks(text, before, depth)[1]

    def _quote_marks(self, text: str, before: str, depth: int) -> tuple[list[tuple[int, str]], int]:
        """Each straight double quote's index and mark, and the depth after `text`. A quote opens at
        the start (after `before` that opens) or after a space, bracket, slash or dash, else closes;
        the language's own quotes that the author typed open and close levels too."""
        pairs = (self.quotes, self.inner_quotes)
        open_q, close_q = self.quotes
        marks = []
        prev = before[-1:] if before else " "
        for i, ch in enumerate(text):
            if ch == '"':
                if _OPENS.search(prev):
                    marks.append((i, pairs[depth % 2][0]))
                    depth += 1
                else:
                    depth = max(0, depth - 1)
                    marks.append((i, pairs[depth % 2][1]))
            elif ch == open_q and open_q != close_q:
                depth += 1
            elif ch == close_q:
                depth = max(0, depth - 1)
            prev = ch
        return marks, depth


_WORD_END = " \t\n\u00a0.,;:!?)]}"


def _possessive(text: str) -> str:
    """A straight single quote after s, x or z at a word's end is an apostrophe (customers' taps,
    Hans' Buch), unless a single quotation opened before it ('as the customers' …)."""
    chars, opened = list(text), False
    for i, ch in enumerate(chars):
        if ch != "'":
            continue
        prev, nxt = (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")
        if prev in _WORD_END or prev in "([{":
            opened = True  # opens a single quotation
        elif nxt in _WORD_END:
            if opened:
                opened = False  # closes it
            elif prev in "sxzßSXZ":
                chars[i] = "’"
    return "".join(chars)


@cache
def get_locale(language: str) -> Locale:
    base = language.split("-")[0].lower()  # BCP 47 tags are case-insensitive
    data = yaml.safe_load((LOCALES_DIR / f"{base}.yaml").read_text(encoding="utf-8"))
    return Locale(language=language, hyphenation=data["hyphenation"], thousands=data["thousands"],
                  decimal=data["decimal"], quotes=tuple(data["quotes"]), labels=dict(data["labels"]),
                  date_time=data.get("date_time", Locale.date_time),
                  inner_quotes=tuple(data.get("inner_quotes", Locale.inner_quotes)))
