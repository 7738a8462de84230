"""Key figures as words: the value with its prefix and unit, and the change against last year.

Shared by the page layout (tiles) and the newsletter teaser, so that both print the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .locale import Locale
from .units import NBSP

MINUS = "\u2212"

TIGHT_UNITS = {"en": ("%", "‰")}  # units set without a space in a language ("61.4%")
SYMBOL_UNITS = ("%", "‰", "€", "$", "£")  # set as large as the number in a tile


@dataclass(frozen=True)
class Change:
    direction: int  # 1 up, -1 down, 0 unchanged
    amount: str  # "+4,2 %", "−1.950", "+2,5 Pp."
    words: str  # "ggü. Vorjahr"
    spoken: str  # "4,2 % mehr als im Vorjahr (Vorjahr: 58,9 %)", for the structure tree

    @property
    def line(self) -> str:
        return f"{self.amount} {self.words}" if self.amount else self.words


@dataclass(frozen=True)
class FigureText:
    qualifier: str | None
    prefix: str
    number: str
    unit: str
    gap: str  # between number and unit: a no-break space or nothing
    change: Change | None = None

    @property
    def value(self) -> str:
        """'87,3 Mio. €', '61.4%', '£4.1m' (no-break spaces inside)."""
        return f"{self.prefix}{self.number}{self.gap}{self.unit}" if self.unit else f"{self.prefix}{self.number}"


def unit_gap(unit: str, language: str, prefixed: bool = False) -> str:
    """The space between a number and its unit: de always a no-break space; en none before % and
    after a leading currency ("£4.1m")."""
    if not unit:
        return ""
    tight = TIGHT_UNITS.get(language.split("-")[0], ())
    return "" if unit in tight or (prefixed and language.startswith("en")) else NBSP



def _format(value: Any, locale: Locale, decimals: int | None = None) -> str:
    return value.format(locale, decimals) if hasattr(value, "format") else locale.number(value)


def _exact(value: Any) -> Decimal:
    return value.value if hasattr(value, "value") else Decimal(str(value))


def _places(value: Any) -> int:
    return max(0, -_exact(value).as_tuple().exponent)


def _decimal_text(amount: Decimal, places: int, locale: Locale) -> str:
    """|amount| with `places` decimals in the locale's separators: 1950 → '1.950' (de)."""
    text = f"{abs(amount):,.{places}f}"
    return text.replace(",", "\0").replace(".", locale.decimal).replace("\0", locale.thousands)


def _signed(amount: Decimal, places: int, locale: Locale, prefix: str = "") -> str:
    sign = "+" if amount > 0 else MINUS if amount < 0 else ""
    return f"{sign}{prefix}{_decimal_text(amount, places, locale)}"


def figure_text(fig: Any, locale: Locale) -> FigureText:
    """The words of a key figure in the document's language."""
    unit, prefix = getattr(fig, "unit", None) or "", getattr(fig, "prefix", None) or ""
    number = _format(fig.value, locale, getattr(fig, "decimals", None))
    words = FigureText(fig.qualifier, prefix, number, unit, unit_gap(unit, locale.language, bool(prefix)))
    previous = getattr(fig, "previous", None)
    kind = getattr(fig, "change", "percent")
    if previous is None or kind == "none":
        return words
    return replace(words, change=change_text(fig.value, previous, kind, words, locale))


def change_text(value: Any, previous: Any, kind: str, words: FigureText, locale: Locale) -> Change:
    """'+4,2 %' (percent) or '+1.950' (absolute, in the figure's unit; percentage points for %)."""
    now, before = _exact(value), _exact(previous)
    diff = now - before
    direction = (diff > 0) - (diff < 0)
    was = replace(words, number=_format(previous, locale), change=None).value
    if direction == 0:
        return Change(0, "", f"{locale.label('unchanged')} {locale.label('vs_previous')}",
                      f"{locale.label('unchanged')} ({locale.label('previous_year')}: {was})")
    if kind == "percent" and before != 0:
        rate = diff / abs(before) * 100
        pct = unit_gap("%", locale.language) + "%"
        shown = _signed(rate, 1, locale) + pct
        spoken = _decimal_text(rate, 1, locale) + pct
    else:
        places = max(_places(value), _places(previous))
        unit, spoken_unit = words.unit, words.unit
        if unit == "%":  # the change of a share is in percentage points
            unit, spoken_unit = locale.label("points"), locale.label("points_spoken")
        gap = NBSP if words.unit == "%" else unit_gap(unit, locale.language, bool(words.prefix))
        shown = _signed(diff, places, locale, words.prefix) + (gap + unit if unit else "")
        spoken_gap = gap if unit == spoken_unit else " "
        spoken = words.prefix + _decimal_text(diff, places, locale) + (spoken_gap + spoken_unit if unit else "")
    more = locale.label("more_than_previous" if direction > 0 else "less_than_previous")
    return Change(direction, shown, locale.label("vs_previous"),
                  f"{spoken} {more} ({locale.label('previous_year')}: {was})")
