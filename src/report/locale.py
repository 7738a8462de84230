"""Words, number formats and typographic conventions per document language (data in data/locales)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .units import bind_units

LOCALES_DIR = Path(__file__).parent / "data" / "locales"
LANGUAGES = frozenset(p.stem for p in LOCALES_DIR.glob("*.yaml"))


_OPENS = re.compile(r"[\s(\[{/–—-]$")


@dataclass(frozen=True)
class Locale:
    language: str  # BCP 47 as written in content, e.g. de-DE
    hyphenation: str
    thousands: str
    decimal: str
    quotes: tuple[str, str]
    labels: dict[str, str]
    date_time: str = "%Y-%m-%d %H:%M UTC"  # strftime pattern, digits only (no month names)

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

    def typographic(self, text: str, before: str = "") -> str:
        """Straight quotes → the language's quotes (typographic quotes the author typed stay as they
        are); an apostrophe between letters → ’; spaced hyphen and -- → en dash, --- → em dash;
        ... → …; a number and its unit bound by a no-break space. `before` is the character preceding
        `text` (the previous span of a marked-up text), so a quote mark at the start of a span opens or
        closes as it would in the whole text."""
        open_q, close_q = self.quotes
        opening = r'(^|[\s(\[{/–—-])"' if not before or _OPENS.search(before) else r'([\s(\[{/–—-])"'
        text = re.sub(opening, lambda m: m.group(1) + open_q, text)
        text = text.replace('"', close_q)
        text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
        text = text.replace("---", "—").replace("--", "–")
        text = re.sub(r"(?<=\s)-(?=\s)", "–", text)
        return bind_units(text.replace("...", "…"))


@cache
def get_locale(language: str) -> Locale:
    base = language.split("-")[0].lower()  # BCP 47 tags are case-insensitive
    data = yaml.safe_load((LOCALES_DIR / f"{base}.yaml").read_text(encoding="utf-8"))
    return Locale(language=language, hyphenation=data["hyphenation"], thousands=data["thousands"],
                  decimal=data["decimal"], quotes=tuple(data["quotes"]), labels=dict(data["labels"]),
                  date_time=data.get("date_time", Locale.date_time))
