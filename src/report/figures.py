"""Key figures as words: the value with its prefix and unit, and the change against last year.

Shared by the page layout (tiles) and the newsletter teaser, so that both print the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .locale import Locale
from .model import KeyFigure
from .model.numbers import MINUS, format_decimal
from .units import CURRENCIES, NBSP, bind_units, leading_currency, prefixed, unit_gap

PERCENT_DECIMALS = 1  # a change in percent: "+4,2 %"

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
    brackets: bool = False  # a negative value set in brackets, as accounts write it: '(£12k)'
    minus_after: bool = False  # the minus after the leading currency, as Dutch writes it: '€ −1.234,5'

    @property
    def amount(self) -> str:
        """The number with its leading currency: '£4.1m' → '£4.1', '−£1.2' (a minus leads the currency),
        '(£1.2' (in brackets: the prefix inside them)."""
        if self.brackets:
            return f"({self.prefix}{self.number.removeprefix(MINUS)}"
        return prefixed(self.number, self.prefix, self.minus_after)

    @property
    def close(self) -> str:
        """The closing bracket after the unit, where the value is set in brackets."""
        return ")" if self.brackets else ""

    @property
    def value(self) -> str:
        """'87,3 Mio. €', '61.4%', '£4.1m', '−£1.2m', '(£1.2m)' (no-break spaces inside)."""
        return (f"{self.amount}{self.gap}{self.unit}" if self.unit else self.amount) + self.close

    @property
    def said(self) -> str:
        """The value for readers who cannot see it: with a minus ('−£1.2m'), which a screen reader
        speaks, where brackets are punctuation it passes over."""
        return replace(self, brackets=False).value


def figure_text(fig: KeyFigure, locale: Locale) -> FigureText:
    """The words of a key figure in the document's language."""
    unit, prefix = bind_units(fig.unit or ""), (fig.prefix or "").strip()  # "Mio. €" stays on one line
    # a code or a word leads with a space: CHF 4.1, Fr. 3.50; a sign as the language sets it: £4.1m, € 4,1 Mio.
    if prefix[-1:].isalpha() or prefix.endswith("."):
        prefix += NBSP
    elif prefix and prefix[-1] in CURRENCIES:
        prefix += locale.currency_gap
    if not prefix:
        prefix, unit = leading_currency(unit, locale)  # unit: £m, as charts take it: "£412.7m"
    number = fig.value.format(locale, fig.decimals)
    how = fig.negatives or ("brackets" if fig.value.brackets else "minus")
    words = FigureText(fig.qualifier, prefix, number, unit, unit_gap(unit, locale.language, bool(prefix)),
                       brackets=how == "brackets" and number.startswith(MINUS),
                       minus_after=locale.minus_after_currency)
    if fig.previous is None or fig.change == "none":
        return words
    return replace(words, change=change_text(fig, words, locale))


def plural_form(amount: float, language: str) -> str:
    """The plural form a number takes in `language` (CLDR's plural rules, for the words said after a key
    figure's change): "one" (1; French and Brazilian Portuguese below two: 1,5 point), in Polish "few"
    (2–4, 22–24 …, not 12–14) and "many" (5–21 …: punktów), else "other" (Polish fractions: 1,5 punktu)."""
    base, whole = language.split("-")[0].lower(), amount == int(amount)
    if base == "fr" or language.lower().replace("_", "-") == "pt-br":
        return "one" if amount < 2 else "other"
    if base == "pl" and whole:
        n = int(amount)
        if n == 1:
            return "one"
        return "few" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "many"
    return "one" if amount == 1 and whole else "other"


def change_text(fig: KeyFigure, words: FigureText, locale: Locale) -> Change:
    """'+4,2 %' (percent) or '+1.950' (absolute, in the figure's unit; percentage points for %)."""
    now, before = fig.value.value, fig.previous.value
    diff = now - before
    was = replace(words, number=fig.previous.format(locale, fig.decimals)).said
    label = locale.label
    if diff == 0:
        return Change(0, "", f"{label('unchanged')} {label('vs_previous')}",
                      f"{label('unchanged')} ({label('previous_year')}: {was})")
    if fig.change == "percent" and before != 0:
        rate = diff / abs(before) * 100
        pct = unit_gap("%", locale.language) + "%"
        shown = format_decimal(rate, PERCENT_DECIMALS, locale, sign=True) + pct
        spoken = format_decimal(abs(rate), PERCENT_DECIMALS, locale) + pct
    else:
        places = fig.decimals if fig.decimals is not None else max(fig.value.decimals, fig.previous.decimals)
        unit = spoken_unit = words.unit
        # the change of a share is in percentage points, of a rate per thousand in per mille points (said in
        # the number's plural form: see plural_form)
        points = {"%": "points", "‰": "permille_points"}.get(unit)
        if points:
            form = plural_form(abs(round(diff, places)), locale.language)
            spoken_key = f"{points}_spoken_{form}"
            unit, spoken_unit = label(points), locale.labels.get(spoken_key) or label(
                f"{points}_spoken_one" if form == "one" else f"{points}_spoken")
        gap = NBSP if points and unit != words.unit else unit_gap(unit, locale.language, bool(words.prefix))
        amount = format_decimal(abs(diff), places, locale)
        sign = "+" if diff > 0 else MINUS
        shown = f"{sign}{words.prefix}{amount}" + (gap + unit if unit else "")
        spoken = f"{words.prefix}{amount}" + ((gap if unit == spoken_unit else " ") + spoken_unit if unit else "")
    direction = 1 if diff > 0 else -1
    more = label("more_than_previous" if direction > 0 else "less_than_previous")
    return Change(direction, shown, label("vs_previous"), f"{spoken} {more} ({label('previous_year')}: {was})")
