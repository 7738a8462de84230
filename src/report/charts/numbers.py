"""Numbers as chart labels print them: exactly as written, in the document's notation, with the unit
set as the language sets it. No matplotlib here: the layout's data tables use it too."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..locale import Locale
from ..model import format_decimal
from ..units import leading_currency, quantity

NBSP = "\u00a0"


def number_text(value: float | Decimal, locale: Locale, decimals: int | None = None) -> str:
    """A computed number (a tick, a total) in the locale's way: thousands separators, decimal mark,
    U+2212 minus; `decimals` fixes the places, else as many as the value has."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is None:
        decimals = max(0, -d.normalize().as_tuple().exponent)
    return format_decimal(d, decimals, locale)


def value_of(v: Any) -> float:
    """A model number (a `Number`, or a plain float in tests) as a float for drawing."""
    return float(v.value) if hasattr(v, "value") else float(v)


def value_text(v: Any, locale: Locale, decimals: int | None = None) -> str:
    """A model number as the reader sees it: exactly as written, or with fixed `decimals`."""
    if hasattr(v, "format"):
        return v.format(locale, decimals)
    return number_text(v, locale, decimals)


def with_unit(text: str, unit: str | None, locale: Locale) -> str:
    """'32,5 %' in German (DIN 5008), '32.5%' and '£89.4m' in English (units.quantity)."""
    return quantity(text, unit, locale)


def currency_on_values(unit: str | None, locale: Locale) -> str | None:
    """The chart's unit where its bars' value labels carry it too: where the language's readers expect
    an amount of money to say so at every value (en-US, locale data `currency_on_values`: "$0.62M", not
    "0.62" under an axis topped "$0.7M") and the unit leads with a currency sign before at most a short
    scale ('$', '$M', '$bn'; a scale in words, '$ thousands', stays on the axis alone); else None."""
    if not unit or not locale.currency_on_values:
        return None
    sign, rest = leading_currency(unit, locale)
    return unit if sign and len(rest) <= 3 and " " not in rest else None
