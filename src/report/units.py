"""A number and its unit never break across lines: "87,3 Mio. €", "61,4 %", "12,8 km".

Applied where text is prepared for setting (`Locale.typographic`): the space an author typed
between a number and one of the units below becomes a no-break space (U+00A0). Spaces an author
typed as U+00A0 or U+202F are kept as they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the caller's locale, for its data (locale.py builds on this module)
    from .locale import Locale

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space

# the units the style guide binds (a unit per time or per unit goes with them: "486 ML/d", "3 m³/s")
UNITS = ("Mio.", "Mrd.", "Tsd.", "bn", "Pp.", "pp", "%", "‰", "€", "$", "£",
         "kWh", "MWh", "GWh", "TWh", "kWp", "MWp", "kW", "MW", "GW", "kV", "Hz", "ppm", "dB", "°C",
         "km²", "km", "m²", "m³", "mm", "cm", "m", "ha", "ML", "Ml", "GL", "ml", "l", "kg", "t",
         "mg", "µg", "g", "kt", "Mt", "µS",  # and per unit: "18,4 mg/l", "450 µS/cm"
         "a.m.", "p.m.", "AM", "PM", "Uhr",  # and a time of day: "10 a.m.", "9 PM", "18 Uhr"
         "kB", "KB", "MB", "GB", "TB",  # and a file's size: "PDF, 2 MB"
         "thousand", "million", "billion", "trillion", "Millionen", "Million", "Milliarden", "Milliarde",
         # currencies written after the amount, and their hundredths ("1,8 Rp./kWh", "12 CHF", "50 ct")
         "Euro", "EUR", "CHF", "Franken", "Fr.", "Rp.", "Rappen", "Cent", "ct", "Ct.")
# a currency with its scale before it, as finance tables and French reports write them: "12,4 M€",
# "15 000 k€", "2,1 Md€", "450 TEUR", "3,2 MCHF"
SCALES, CURRENCY_SIGNS = ("k", "M", "Md", "Mds", "Mrd", "G", "T"), ("€", "$", "£", "¥", "EUR", "CHF", "USD")
UNITS += tuple(scale + sign for scale in SCALES for sign in CURRENCY_SIGNS)
# a currency that stands after its amount („12 €“, „450 TEUR“) or before it („€ 12“, „TEUR 31.208“, as
# Austrian and Swiss accounts write it): it is the amount's that follows it where one does („2026 € 48,6 Mio.“:
# the sign is 48,6's, not the year's), else the one before it („12 € pro Monat“)
BEFORE_OR_AFTER = ("€", "$", "£", "EUR", "CHF", "Fr.", "TEUR", "T€", "TCHF", "kEUR")
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))  # "MWp" before "MW"
_ONLY_AFTER = "|".join(re.escape(u) for u in sorted(set(UNITS) - set(BEFORE_OR_AFTER), key=len, reverse=True))
_EITHER = "|".join(re.escape(u) for u in sorted(BEFORE_OR_AFTER, key=len, reverse=True))
# a digit, one ordinary space, a unit that ends there (not the "t" of "ton", the "m" of "mit"); a currency
# only where no amount follows it (bound to that one by _CURRENCY_BEFORE, which runs first)
_AFTER_NUMBER = re.compile(rf"(?<=\d) (?=(?:{_ONLY_AFTER})(?!\w)|(?:{_EITHER})(?!\w)(?![\u00a0\u202f][-−+]?\d))")
# the scale word and its currency: "Mio. €", "Mrd. Euro", "Mio. CHF"
_SCALE_CURRENCY = re.compile(r"(?<=\b(?:Mio|Mrd|Tsd)\.) (?=(?:€|\$|£|Euro|EUR|Dollar|Pfund|CHF|Franken)(?!\w))")
# a currency code or abbreviation before its amount: "CHF 186,4 Mio.", "Fr. 3.50", "EUR 12", "US$ 4",
# „TEUR 31.208“, „T€ 12“, and a currency sign set apart from its amount, as German and Dutch write it:
# „€ 1.234,50“, also after a year: „2026 € 48,6 Mio.“ (the year stays free). Not a currency after an amount
# before a bare year: „5 € 2024“ keeps its sign with the 5 (_bind_currency_before)
_CURRENCY_BEFORE = re.compile(r"(?<![\w.])(?:CHF|Fr\.|EUR|USD|GBP|US\$|R\$|TEUR|T€|TCHF|kEUR|[€£$]) (?=[-−+]?\d)")
# what _CURRENCY_BEFORE needs (R$ ends in "$ ")
_CURRENCY_CODES = ("CHF ", "Fr. ", "EUR ", "USD ", "GBP ", "US$ ", "€ ", "£ ", "$ ")
# an amount (not a year) and its space before a sign, and a bare year after it: „5 € 2024“
_AMOUNT_BEFORE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d[ \u00a0]$)\d[\d.,’']*[ \u00a0]$")
_YEAR_AFTER = re.compile(r"(?:19|20)\d\d(?![\w.,’']\d|\w|[ \u00a0](?:Mio|Mrd|Tsd)\.)")
# what _AFTER_NUMBER needs, searched from its digit (the look behind it starts with makes a search
# try every position)
_NUMBER_UNIT = re.compile(rf"\d (?:{_UNIT})(?!\w)")


# units set without a space in a language ("61.4%", "23.4p", "1.8x"; an English rank's ordinal suffix: "3rd")
TIGHT_UNITS = {"en": ("%", "‰", "p", "x", "×", "st", "nd", "rd", "th"),
               "nl": ("%", "‰"),  # Dutch: 12,5% (the Taalunie: no space before %)
               "it": ("%", "‰"),  # Italian: 12,5% (CLDR it)
               "pl": ("%", "‰"),  # Polish: 12,5% (CLDR pl; a space before % is the older style)
               "pt": ("%", "‰"),  # Portuguese: 12,5% (CLDR pt and pt-PT)
               "es-MX": ("%", "‰")}  # Mexican Spanish: 12.5% (CLDR es-MX; Spain: 12,5 %, the RAE)
NARROW_UNITS = {"fr": ("%", "‰")}  # units set after a narrow no-break space ("12,5 %", French typography)
MINUS = "\u2212"  # a real minus sign, not the hyphen
CURRENCIES = "£$€¥"
# a currency sign typed right after its amount, with or without its scale: "1 234,5€", "12,4M€"
_GLUED_CURRENCY = re.compile(rf"(?<=\d)(?=(?:{'|'.join(SCALES)})?[{CURRENCIES}](?!\w))")


def quantity(number: str, unit: str | None, locale: Locale) -> str:
    """A number with its unit as the language writes it: German „89,4 Mio. €“, „61,4 %“ (no-break
    space); English "61.4%", "23.4p", and a unit that begins with a currency sign leads with it:
    "£89.4m", "−£12.5m" (the minus before the currency), "$3.2bn"; German where a scale follows the sign:
    unit '€ Mio.' „€ 250 Mio.“ (leading_currency)."""
    if not unit:
        return number
    prefix, rest = leading_currency(unit, locale)
    amount = prefixed(number, prefix, locale.minus_after_currency)
    return f"{amount}{unit_gap(rest, locale.language, bool(prefix))}{rest}"


def spaced_currency(text: str, language: str) -> str:
    """'1 234,5€' → '1 234,5 €' (the gap unit_gap gives a currency) where the currency follows its
    amount, as '12%' becomes '12 %' in French; English, which leads with it (€12), as typed."""
    if language.startswith("en") or not any(sign in text for sign in CURRENCIES):
        return text
    return _GLUED_CURRENCY.sub(unit_gap("€", language), text)


def leading_currency(unit: str, locale: Locale) -> tuple[str, str]:
    """A unit that begins with a currency sign, as the language sets it (its locale data `currency_leads`
    and `currency_gap`): English and Dutch lead with the sign, '£m' → ('£', 'm'), "£89.4m", and '€ mln' →
    ('€ ', 'mln'), "€ 12,4 mln" (the Taalunie); German and French only where a scale follows it, as Austrian
    accounts write „€ 250 Mio.“ ('€ Mio.' → ('€ ', 'Mio.')), a sign alone after the amount: '€' → ('', '€'),
    „250 €“."""
    sign = "R$" if unit.startswith("R$") else unit[:1]  # the Brazilian real's sign leads as $ does: R$ 12,4 mi
    if sign and sign[-1] in CURRENCIES:
        rest = unit[len(sign):].strip()
        if locale.currency_leads == "always" or (locale.currency_leads == "scaled" and rest):
            return sign + locale.currency_gap, rest
    code = _CODE_THEN_SCALE.match(unit)
    if code:  # a code before a scale leads as a sign does, after a space: 'CHF m' → "CHF 15m", „CHF 15 Mio.“
        return code[1] + NBSP, code[2]  # (not "15 CHF m", which reads as if m were a unit of francs)
    return "", unit


# a currency code and a scale after it, as a unit: 'CHF m', 'USD bn', 'CHF Mio.', 'EUR mln'
_CODE_THEN_SCALE = re.compile(r"(CHF|EUR|USD|GBP)\s+(k|m|bn|M|B|Mio\.|Mrd\.|Tsd\.|mln|mld|Md|M\.)$")


def prefixed(number: str, prefix: str, minus_after: bool = False) -> str:
    """The number after its leading currency: '£4.1', '−£1.2' (a minus leads the currency); with
    `minus_after` (Dutch) the minus stays with the number: '€ −1.234,50'."""
    if prefix and number.startswith((MINUS, "-")) and not minus_after:
        return f"{MINUS}{prefix}{number[1:]}"
    return f"{prefix}{number}"


def unit_gap(unit: str, language: str, prefixed: bool = False) -> str:
    """The space between a number and its unit: de always a no-break space; en none before % (and
    the other TIGHT_UNITS) and after a leading currency before an abbreviation ("£4.1m", "$3.2bn"),
    but a unit in words keeps its space ("$412.6 million", "$150,000 thousand"); fr a narrow one
    before % ("12,5 %")."""
    if not unit:
        return ""
    base = language.split("-")[0].lower()
    if unit in NARROW_UNITS.get(base, ()):
        return NNBSP
    tight = TIGHT_UNITS.get(region_tag(language)) or TIGHT_UNITS.get(base, ())
    closed = prefixed and language.startswith("en") and not spelled_out(unit)
    return "" if unit in tight or closed else NBSP


def region_tag(language: str) -> str:
    """A tag as language and region, in their usual case: de_ch → de-CH, EN → en."""
    parts = language.replace("_", "-").split("-")
    return f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) > 1 else parts[0].lower()


def spelled_out(unit: str) -> bool:
    """A unit written as a word or words ('million', 'thousand tonnes'), not an abbreviation ('m', 'bn', 'k')."""
    return " " in unit.strip() or (len(unit) >= 3 and unit.isalpha() and unit.lower() not in _ABBREVIATIONS)


_ABBREVIATIONS = {"mio", "mrd", "tsd", "mln", "bln", "mil"}


# a range of two numbers typed with a hyphen, before a unit: "3-4%", "10-20 MW" (an en dash, as a
# year range); never inside a code, a date or a longer chain ("A-3-4", "2017-05-03", "0-8-15")
_NUMBER_RANGE = re.compile(rf"(?<![\w.,/–-])(\d+(?:[.,]\d+)?)-(\d+(?:[.,]\d+)?)"
                           rf"(?=\s?(?:%|‰)|[ {NBSP}](?:{_UNIT})(?!\w))")


def number_ranges(text: str) -> str:
    """'3-4%', '10-20 MW' → '3–4%', '10–20 MW'."""
    return _NUMBER_RANGE.sub(r"\1–\2", text)


# what reads as one item and must not break inside: a paragraph sign and its number („§ 72a“), a title
# and the name after it („Dr. Böhm“, "Mr Smith"), an IBAN's groups („DE89 3704 0044 0532 0130 00“),
# a telephone number after its label („Tel. 0341 2345678“), a page and its „ff.“ („S. 14 ff.“), the
# abbreviation of "number" and its number: n° 5, N° 12, nº 5, n.º 5, № 5, no 5, Nos 5 et 6 ("Nr. 5", "No. 5" are
# an abbreviation's gap: locale.typographic), a company's VAT number after its country („BE 0123.456.789“)
_TITLES = "Dr|Prof|Mr|Mrs|Ms|Mx|Hr|Fr|Frau|Herr|St"  # before a name, with or without a full stop
# before a telephone number, bound to it: German and English, and the abbreviations of Italian (tel., cell.), Spanish
# (tfno., telf.), Portuguese (tlm.), Swedish (tfn), Danish (tlf.) and Polish (tel. kom.), capital or not
_PHONE_LABELS = (r"Tel\.|Telefon:?|Fax:?|Phone:?|Tel:?|Mobil:?"
                 r"|(?i:tel\.(?:[ \u00a0]kom\.)?|cell\.|tfno\.|telf\.|tlm\.|tfn\.?|tlf\.):?")
# the word for it in Italian, Spanish and Portuguese, which may end a line: only the number after it is bound
# („telefono +39 02 1234 5678“ broke after „+39 02“; „teléfono“ with its number bound would be 25 letters wide)
_PHONE_WORD_LABELS = r"(?i:telefono|cellulare|teléfono|móvil|telefone|telemóvel):?"
_SECTION_SIGN = re.compile(r"(?<=§) (?=\d)|(?<=§§) (?=\d)")
_TITLE = re.compile(rf"(?<![\w.])((?:{_TITLES})\.?) (?=[A-ZÄÖÜ])")
_IBAN = re.compile(r"(?<![\w])(?:IBAN )?[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?(?!\w)")
_PHONE = re.compile(rf"(?<![\w])(?:{_PHONE_LABELS})([ \u00a0]\+?[\d(][\d()/-]*(?: [\d()/-]+)*)")
_PHONE_AFTER_WORD = re.compile(rf"(?<![\w])(?:{_PHONE_WORD_LABELS})[ \u00a0](\+?[\d(][\d()/-]*(?: [\d()/-]+)+)")
_FOLLOWING = re.compile(r"(?<=\d) (?=ff?\.(?!\w))")
_NUMERO = re.compile(r"(?:\b[nN](?:\.?[°º]|os?\.?)|№) (?=\d)")  # (the space after it; n.º 5: the RAE's)
_VAT = re.compile(r"(?<![\w.])([A-Z]{2}) (?=\d[\d.]{7,}\d(?![\w]))")
# a company's or an association's register number after its register: the Austrian Firmenbuch („FN 123456a“,
# „FN 123456 a“), the German Handelsregister („HRB 12345“), the Austrian register of associations („ZVR-Zahl
# 123456789“), an Austrian VAT number written apart („ATU 12345678“)
_REGISTER = re.compile(r"(?<![\w.-])(?:FN|HRA|HRB|ZVR(?:-Zahl)?|ATU):? \d+(?: [a-z](?!\w))?")
_REGISTER_WORDS = re.compile(r"(?:FN|HR[AB]|ZVR(?:-Zahl)?|ATU):? \d")
# what each pattern needs in a text before it is worth running (typographic() sets every text of a build)
_TITLE_WORDS = re.compile(rf"(?:{_TITLES})\b")
_IBAN_START = re.compile(r"[A-Z]{2}\d{2} ")
_VAT_START = re.compile(r"[A-Z]{2} \d")
# what _PHONE and _PHONE_AFTER_WORD need, found quickly: a word that begins as a label does (its usual cases
# spelled out: the labels' case-insensitive alternation, searched at every character of every text, made
# bind_items three times slower, a 183-page review's build 0.25 s longer)
_PHONE_WORDS = re.compile(r"\b(?:Tel|tel|TEL|Fax|FAX|Phone|PHONE|Mobil|MOBIL|Cell|cell|CELL|Tfn|tfn|TFN|Tlm|tlm|TLM|"
                          r"Tlf|tlf|TLF|Móvil|móvil|MÓVIL)")  # (tfno. and telf. begin as tfn and tel do)


def bind_items(text: str) -> str:
    """'IBAN DE89 3704 0044 0532 0130 00', '§ 72a', 'Dr. Böhm', 'Tel. 0341 2345678' (telefono '+39 02 1234 5678'),
    'S. 14 ff.', 'n° 5', 'BE 0123.456.789', 'FN 123456a' with no-break spaces inside each (a bank detail broken over
    lines invites transfer errors)."""
    if "§" in text:
        text = _SECTION_SIGN.sub(NBSP, text)
    if " " not in text:
        return text
    if _TITLE_WORDS.search(text):
        text = _TITLE.sub(rf"\1{NBSP}", text)
    if _IBAN_START.search(text):
        text = _IBAN.sub(lambda m: m[0].replace(" ", NBSP), text)
    if _PHONE_WORDS.search(text):
        text = _PHONE.sub(lambda m: m[0].replace(" ", NBSP), text)
        text = _PHONE_AFTER_WORD.sub(lambda m: m[0][:m.start(1) - m.start()] + m[1].replace(" ", NBSP), text)
    if "o " in text or "° " in text or "º " in text or "№ " in text or "os " in text:
        text = _NUMERO.sub(lambda m: m[0][:-1] + NBSP, text)
    if _REGISTER_WORDS.search(text):
        text = _REGISTER.sub(lambda m: m[0].replace(" ", NBSP), text)
    if _VAT_START.search(text):
        text = _VAT.sub(rf"\1{NBSP}", text)
    return _FOLLOWING.sub(NBSP, text) if "f." in text else text


def _bind_currency_before(m: re.Match[str]) -> str:
    """A currency and the amount after it, bound; a currency after an amount before a bare year stays
    that amount's unit („5 € 2024“, „12 EUR 2025“)."""
    text, start, end = m.string, m.start(), m.end()
    if _YEAR_AFTER.match(text, end) and _AMOUNT_BEFORE.search(text[max(0, start - 24):start]):
        return m[0]
    return m[0][:-1] + NBSP


def bind_units(text: str) -> str:
    """'Investitionen von 87,3 Mio. € und 61,4 %' with no-break spaces inside each quantity."""
    # (each pattern runs where the text has what it needs, found by a quick search: most texts lack it)
    if any(code in text for code in _CURRENCY_CODES):
        text = _CURRENCY_BEFORE.sub(_bind_currency_before, text)
    if _NUMBER_UNIT.search(text):
        text = _AFTER_NUMBER.sub(NBSP, text)
    return _SCALE_CURRENCY.sub(NBSP, text) if "Mio. " in text or "Mrd. " in text or "Tsd. " in text else text


# What a table column's unit measures, for comparing two columns' units: a currency and its scale.
# 'EUR', '€' and 'Euro' are one currency; 'TEUR', 'T€', 'Tsd. €', 'k€' and '€ thousands' one scale of it.
_CURRENCY_NAMES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "usd": "USD",
                   "us$": "USD", "dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP", "pound": "GBP",
                   "pounds": "GBP", "¥": "JPY", "jpy": "JPY", "chf": "CHF", "fr": "CHF", "sfr": "CHF",
                   "franken": "CHF", "francs": "CHF"}
_SCALE_NAMES = {"": 0, "t": 3, "tsd": 3, "tausend": 3, "k": 3, "thousand": 3, "thousands": 3, "000": 3,
                "'000": 3, "’000": 3, "m": 6, "mio": 6, "mill": 6, "million": 6, "millions": 6, "millionen": 6,
                "mn": 6, "mln": 6, "md": 9, "mds": 9, "mrd": 9, "milliarden": 9, "billion": 9, "billions": 9,
                "bn": 9, "g": 9}
_CURRENCY_FIRST = sorted(_CURRENCY_NAMES, key=len, reverse=True)  # 'euros' before 'euro' before 'eur'


def measure(unit: str) -> tuple[str, int] | str:
    """What `unit` measures: (currency, power of ten) for a currency and its scale ('TEUR', 'Tsd. €',
    '€ thousands' → ('EUR', 3)); any other unit as its letters without spaces and full stops ('Mio. kWh'
    and 'Mio kWh' are one unit, 'GWh' another)."""
    plain = re.sub(r"[\s.]+", "", unit.replace("in ", " ", 1) if unit.startswith("in ") else unit)
    low = plain.lower()
    for name in _CURRENCY_FIRST:
        at = low.find(name)
        scale = low[:at] + low[at + len(name):]
        if at >= 0 and scale in _SCALE_NAMES:
            return _CURRENCY_NAMES[name], _SCALE_NAMES[scale]
    return plain
