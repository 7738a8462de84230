"""A number and its unit never break across lines: "87,3 Mio. €", "61,4 %", "12,8 km".

Applied where text is prepared for setting (`Locale.typographic`): the space an author typed
between a number and one of the units below becomes a no-break space (U+00A0). Spaces an author
typed as U+00A0 or U+202F are kept as they are.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space

# the units the style guide binds (a unit per time or per unit goes with them: "486 ML/d", "3 m³/s")
UNITS = ("Mio.", "Mrd.", "Tsd.", "bn", "Pp.", "pp", "%", "‰", "€", "$", "£",
         "kWh", "MWh", "GWh", "TWh", "kWp", "MWp", "kW", "MW", "GW", "kV", "Hz", "ppm", "dB", "°C",
         "km²", "km", "m²", "m³", "mm", "cm", "m", "ha", "ML", "Ml", "GL", "ml", "l", "kg", "t")
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))  # "MWp" before "MW"
# a digit, one ordinary space, a unit that ends there (not the "t" of "ton", the "m" of "mit")
_AFTER_NUMBER = re.compile(rf"(?<=\d) (?=(?:{_UNIT})(?![\w]))")
# the scale word and its currency: "Mio. €", "Mrd. Euro"
_SCALE_CURRENCY = re.compile(r"(?<=\b(?:Mio|Mrd|Tsd)\.) (?=(?:€|\$|£|Euro|EUR|Dollar|Pfund)(?!\w))")


TIGHT_UNITS = {"en": ("%", "‰", "p", "x", "×")}  # units set without a space in a language ("61.4%", "23.4p", "1.8x")
MINUS = "\u2212"


def quantity(number: str, unit: str | None, language: str) -> str:
    """A number with its unit as the language writes it: German „89,4 Mio. €“, „61,4 %“ (no-break
    space); English "61.4%", "23.4p", and a unit that begins with a currency sign leads with it:
    "£89.4m", "−£12.5m" (the minus before the currency), "$3.2bn"."""
    if not unit:
        return number
    lang = language.split("-")[0]
    if lang == "en" and unit[0] in "£$€¥":
        sign, digits = (MINUS, number[1:]) if number.startswith((MINUS, "-")) else ("", number)
        return f"{sign}{unit[0]}{digits}{unit[1:].strip()}"
    if unit in TIGHT_UNITS.get(lang, ()):
        return number + unit
    return f"{number}{NBSP}{unit}"


def bind_units(text: str) -> str:
    """'Investitionen von 87,3 Mio. € und 61,4 %' with no-break spaces inside each quantity."""
    return _SCALE_CURRENCY.sub(NBSP, _AFTER_NUMBER.sub(NBSP, text))
