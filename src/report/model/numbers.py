"""Numbers exactly as their authors wrote them.

A `Number` keeps the exact decimal value and how many decimals the author wrote, so `99.98`
prints "99,98", `31.0` prints "31,0" and `5` prints "5" — never a float's rounding. Numbers come
from YAML scalars (the loader keeps each scalar's source text), from quoted text in the
document's own locale ("48.250", "61,4", "−1,2" in German) and from CSV cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any, Protocol

from ..errors import Diagnostics, Pos
from ..units import MINUS

_MINUSES = "-\u2212\u2013"  # hyphen-minus, minus, and the en dash some word processors substitute
_SPACES = " \u00a0\u202f\u2009"  # spaces that may group thousands ("48 250", "48 250")
_DECIMAL_TEXT = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_INTEGER_TEXT = re.compile(r"[-+]?\d+")
_GROUPED_POINT = re.compile(r"[-+]?\d{1,3}(\.\d{3})+")  # 1.500, 48.250, 1.000.000
_POINT = SimpleNamespace(thousands=",", decimal=".")  # notation of messages before the language is known
# an amount without its cents, as Swiss prices write it: 50.– (Fr. 50.–), 1’250.—; German 50,–. The
# hyphen is the keyboard's dash (as ' is its apostrophe) and prints as one.
NO_CENTS = re.compile(r"(?P<whole>.*\d)(?P<mark>[.,])(?P<dash>[–—-])")


class Separators(Protocol):
    thousands: str
    decimal: str


class NumberError(ValueError):
    """A text that is not a number in the document's language; `hint` says how to write it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Number:
    """An exact decimal number and the number of decimals its author wrote."""

    value: Decimal
    decimals: int = 0
    source: str = field(default="", compare=False)  # as written, for messages
    brackets: bool = field(default=False, compare=False)  # written in brackets, "(12)": a negative amount
    dash: str = field(default="", compare=False)  # written without cents, ".–" of "50.–": printed so

    @classmethod
    def of(cls, value: int | float | str | Decimal, decimals: int | None = None) -> Number:
        """A number from Python data (tests, computed values): decimals as in its shortest text."""
        exact = Decimal(str(value))
        written = max(0, -exact.as_tuple().exponent) if decimals is None else decimals
        return cls(exact, written, str(value))

    def __float__(self) -> float:
        return float(self.value)

    def __int__(self) -> int:
        return int(self.value)

    def _cmp(self, other: Any) -> Decimal:
        return other.value if isinstance(other, Number) else Decimal(str(other))

    def __lt__(self, other: Any) -> bool:
        return self.value < self._cmp(other)

    def __le__(self, other: Any) -> bool:
        return self.value <= self._cmp(other)

    def __gt__(self, other: Any) -> bool:
        return self.value > self._cmp(other)

    def __ge__(self, other: Any) -> bool:
        return self.value >= self._cmp(other)

    def format(self, seps: Separators, decimals: int | None = None, sign: bool = False,
               brackets: bool = False) -> str:
        """The number in the locale's notation: 1.000 / 99,98 / −1,2 (de); 1,000 / 99.98 (en); with
        `brackets` a negative one as accounts set it, (1.251,5) / (1,251.5). Callers choose: a table
        prints the brackets its author wrote (`self.brackets`), a chart's labels keep the minus. An
        amount written without cents, 50.–, prints so whatever the decimals: the dash says .00."""
        if self.dash:
            text = format_decimal(self.value, 0, seps, sign, brackets)
            close = ")" if text.endswith(")") else ""
            return text[:len(text) - len(close)] + self.dash + close
        return format_decimal(self.value, self.decimals if decimals is None else decimals, seps, sign, brackets)

    def spoken(self, seps: Separators, decimals: int | None = None, sign: bool = False) -> str:
        """The number as a listener should hear it: with its minus, and 50.– as 50 (read out, the
        dash is 'dash')."""
        if self.dash:
            return format_decimal(self.value, 0, seps, sign)
        return format_decimal(self.value, self.decimals if decimals is None else decimals, seps, sign)

    def drops_digits(self, decimals: int) -> bool:
        """Would printing with `decimals` places drop digits that are not zero?"""
        return decimals < self.decimals and self.value != _quantize(self.value, decimals)

    def __str__(self) -> str:
        return self.source or format(self.value, "f")


def _quantize(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_decimal(value: Decimal | float | int, decimals: int, seps: Separators, sign: bool = False,
                   brackets: bool = False) -> str:
    """Round half up (commercial rounding) to `decimals` places and group thousands (a four-digit number
    not where `seps.group_four_digits` is false: 1000, 10.000); a negative number with a minus, or in
    brackets (then a positive one has no plus: brackets mark the sign)."""
    exact = _quantize(value if isinstance(value, Decimal) else Decimal(str(value)), max(decimals, 0))
    negative = exact < 0
    digits = format(abs(exact), "f")
    whole, _, frac = digits.partition(".")
    groups = []
    alone = len(whole) == 4 and not getattr(seps, "group_four_digits", True)  # 1000, but 10.000
    while len(whole) > 3 and not alone:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = seps.thousands.join([whole, *groups]) + (seps.decimal + frac if frac else "")
    if negative and exact != 0:
        return f"({text})" if brackets else MINUS + text
    return ("+" + text) if sign and exact > 0 and not brackets else text


def warn_dropped_digits(diag: Diagnostics, pos: Pos, what: str, number: Number, decimals: int | None,
                        seps: Separators | None) -> None:
    """Numbers are printed as written: where `decimals` would round digits away, the build says so
    ('key figure value 14.25 prints as 14 with decimals: 0'), at the number."""
    if decimals is not None and number.drops_digits(decimals):
        diag.warning(pos, f"{what} {number} prints as {number.format(seps or _POINT, decimals)} with decimals: "
                     f"{decimals}", f"write the value as it should be printed, or set decimals: {number.decimals}")


def warn_rounded(diag: Diagnostics, found: list[tuple[Pos, str, Number]], decimals: int | None,
                 seps: Separators | None, group: str) -> None:
    """As `warn_dropped_digits`, for the values of one series or table column: one warning at the
    first value that loses digits, naming the others (deliberate rounding warned once per value, and
    eight lines buried the one warning that mattered). `found`: (position, what, number) per value."""
    dropped = [(pos, what, n) for pos, what, n in found if decimals is not None and n.drops_digits(decimals)]
    if not dropped:
        return
    pos, what, first = dropped[0]
    rest = dropped[1:]
    shown = ", ".join(f"{n} → {n.format(seps or _POINT, decimals)}" for _, _, n in rest[:3])
    noun = "value" if len(rest) == 1 else "values"
    more = f" (and {len(rest)} more {noun} of this {group}: {shown}{', …' if len(rest) > 3 else ''})" if rest else ""
    most = max(n.decimals for _, _, n in dropped)
    diag.warning(pos, f"{what} {first} prints as {first.format(seps or _POINT, decimals)} with decimals: "
                 f"{decimals}{more}", f"write the values as they should be printed, or set decimals: {most}"
                 if rest else f"write the value as it should be printed, or set decimals: {first.decimals}")


def groups_with_point(seps: Separators | None) -> bool:
    """Does this document read thousands as 1.000 (so YAML's 1.500 is a trap)?"""
    return seps is not None and "." in read_marks(seps)[0]


def point_is_trap(seps: Separators | None) -> bool:
    """Is YAML's 1.500 a trap in this document: where the point groups thousands (1.000, German), and
    where it is no decimal mark at all (French, 1 000,5: a Belgian writes 3.400 for three thousand
    four hundred, which YAML reads as 3,4)?"""
    return groups_with_point(seps) or (seps is not None and "." not in read_marks(seps)[1])


def read_marks(seps: Separators | None) -> tuple[list[str], list[str]]:
    """The marks a number written as text may group thousands with, and those it may write decimals
    with: the document's. Where report.yaml's `numbers:` changed them (`seps.language_marks`), the
    language's own as well, where they cannot be taken for the other mark: a de-CH document that prints
    1’234,5 reads 1’234.5 too, one that groups with a space reads 1.234,5 (de) — the data written
    before stays right — while an English one that prints 1.234,5 reads 1,234 as no number."""
    if seps is None:
        return [""], ["."]
    groups, points = [seps.thousands], [seps.decimal]
    own = getattr(seps, "language_marks", None)
    if own:
        if own[0] not in groups and own[0] not in points:
            groups.append(own[0])
        if own[1] not in points and own[1] not in groups:
            points.append(own[1])
    return groups, points


def number_from_yaml(value: int | float, source: str, seps: Separators | None) -> Number:
    """A number YAML read from `source` (the loader keeps it); raises NumberError for the
    thousands-separator trap: in German, `48.250` is YAML's 48.25, not 48250."""
    text = source.strip()
    if point_is_trap(seps) and _GROUPED_POINT.fullmatch(text) \
            and (groups_with_point(seps) or not re.match(r"[-+]?0\.", text)):  # 0.125: no thousands
        group = " " if seps.thousands.isspace() else seps.thousands  # '3 400' in French, '48.250' in German
        whole = f"write {text.replace('.', '')} or quote it as '{text.replace('.', group)}'"
        if text.count(".") > 1:  # 1.000.000: YAML's text, no number at all
            raise NumberError(f"{text} is text in YAML, not a number", whole)
        read = Decimal(text.lstrip("+")).normalize()  # what YAML made of it: 48.250 → 48.25
        shown = format_decimal(read, max(0, -read.as_tuple().exponent), seps)
        raise NumberError(f"{text} reads as {shown} in YAML",
                          f"for the whole number {whole}; for a decimal write it with a comma, quoted: "
                          f"'{text.replace('.', ',')}'")
    if _DECIMAL_TEXT.fullmatch(text):
        exact = Decimal(text)
        mantissa = text.lower().split("e")[0]
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        if "e" in text.lower():  # 1.5e6: as many decimals as the value needs
            decimals = max(0, -exact.normalize().as_tuple().exponent)
        return Number(exact, decimals, text)
    return Number.of(value)


def parse_number(text: str, seps: Separators | None) -> Number:
    """A number written as text in the document's language: "48.250", "61,4", "−1,2" (de),
    "48,250", "61.4" (en); plain digits everywhere. Raises NumberError with a fitting hint."""
    raw = text.strip()
    if not raw:
        raise NumberError("an empty value is not a number", "write a number, e.g. 20")
    number = _read(raw, seps)
    if number is None:
        raise NumberError(f"{raw!r} is not a number", _hint_for(raw, seps))
    return number


def _read(raw: str, seps: Separators | None) -> Number | None:
    """The number `raw` (stripped, not empty) is in the document's notation, or None. In brackets,
    "(1,251)", it is negative, as accounts write it; a sign inside the brackets is not read."""
    if raw.startswith("(") and raw.endswith(")"):
        inner = raw[1:-1].strip()
        if not inner or inner[0] in _MINUSES or inner[0] in "+(":
            return None
        number = _read(inner, seps)
        if number is None:
            return None
        return Number(-number.value, number.decimals, raw, brackets=True, dash=number.dash)
    body = raw
    negative = False
    if body[0] in _MINUSES or body[0] == "+":
        negative = body[0] != "+"
        body = body[1:].lstrip()
    body = re.sub(rf"(?<=\d)[{_SPACES}](?=\d{{3}}(\D|$))", "", body)  # 48 250 → 48250
    groups, points = read_marks(seps)
    if "’" in groups:  # Swiss: Excel and keyboards write the straight apostrophe, 1'250'000
        body = body.replace("'", "’")
    if (cents := NO_CENTS.fullmatch(body)) and _no_cents_mark(cents["mark"], groups, points):
        whole = _read(cents["whole"], seps)
        if whole is None or whole.decimals or whole.value < 0:
            return None
        # the dash holds the place of the cents: compared and summed to the cent, as 50.00 is
        dash = cents["mark"] + ("–" if cents["dash"] == "-" else cents["dash"])
        return Number(-whole.value if negative else whole.value, 2, raw, dash=dash)
    group = "|".join(re.escape(g) for g in groups if g)  # one mark throughout a number: 1.234.567, not 1.234’567
    pattern = rf"\d{{1,3}}(?P<g>{group})\d{{3}}(?:(?P=g)\d{{3}})*|\d+" if group else r"\d+"
    point = "|".join(re.escape(p) for p in points)
    match = re.fullmatch(rf"(?P<whole>{pattern})(?:(?:{point})(?P<frac>\d+))?", body)
    if not match or not body:
        return None
    whole = re.sub(r"\D", "", match["whole"])
    frac = match["frac"] or ""
    try:
        exact = Decimal(f"{'-' if negative else ''}{whole}.{frac or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    return Number(exact, len(frac), raw)


def _no_cents_mark(mark: str, groups: list[str], points: list[str]) -> bool:
    """May `mark` stand before the dash of an amount without cents? The document's decimal mark (50,–
    in German), and the point wherever it groups no thousands: Swiss prices write 50.– in French too."""
    return mark in points or (mark == "." and "." not in groups)


def _hint_for(raw: str, seps: Separators | None) -> str:
    decimal = seps.decimal if seps else "."
    example = f"2{decimal}5"
    if seps and (cents := NO_CENTS.fullmatch(raw.strip("()"))) and not re.match(r"\(\s*[-+−]", raw):
        whole = _read(cents["whole"].lstrip(_MINUSES + "+").strip(), seps)
        if whole is None or whole.decimals:
            return _hint_for(cents["whole"], seps)
        mark = decimal if decimal in ".," else "."
        return (f"this document writes an amount without cents with '{mark}' before the dash: "
                f"{cents['whole']}{mark}{cents['dash']}")
    if seps and re.fullmatch(r"[-+−]?\d+[.,]\d+", raw) and decimal not in raw:
        other = "." if decimal == "," else ","
        hint = f"this document writes decimals with '{decimal}', not '{other}': e.g. {raw.replace(other, decimal)}"
        if re.fullmatch(r"[-+−]?\d{1,3}[.,]\d{3}", raw) and seps.thousands not in ("", ".", ","):
            group = " " if seps.thousands.isspace() else seps.thousands  # 12.345 may be either: 12 345 (numbers:)
            hint += f", or, for a whole number, {raw.replace(other, group)}"
        elif re.fullmatch(r"[-+−]?\d+[.,]\d{4,}", raw) and other == seps.thousands:
            # 1,2345: a group of four digits after the document's own thousands mark, a group mistyped as
            # likely as a decimal mark
            sign, digits = re.match(r"([-+−]?)(.*)", raw.replace(other, "")).groups()
            hint += f", or, for a whole number, {sign}{f'{int(digits):,}'.replace(',', other)}"
        return hint
    if seps and seps.thousands and seps.thousands in ".," \
            and re.fullmatch(r"[-+−]?\d{1,3}([.,]\d{3})+([.,]\d+)?", raw):
        swapped = raw.translate({ord("."): ",", ord(","): "."})
        if _read(swapped, seps) is not None:
            return (f"this document writes decimals with '{decimal}' and groups thousands with "
                    f"'{seps.thousands}': {swapped}")
    if seps and (mark := _regrouped(raw, seps)):
        return mark
    if raw.startswith("(") and raw.endswith(")"):
        inner = raw[1:-1].strip()
        if inner[:1] and (inner[0] in _MINUSES or inner[0] == "+"):
            written = inner[1:].strip()
            return f"brackets make a number negative already: write ({written}) or -{written}, not both"
        return _hint_for(inner, seps) if inner else "write a number in the brackets, e.g. (12)"
    if raw.count("(") != raw.count(")") and re.fullmatch(r"\(?[\d.,\s]+\)?", raw):
        return f"close the bracket: ({raw.strip('() ')})"
    if re.fullmatch(r"[-+]?\d+(\.\d*)?[eE][-+]?\d+", raw):
        return "YAML reads this as text: write the number in full, e.g. 1000000"
    if not re.search(r"\d", raw):
        return "write the number in digits, e.g. 20"
    if trailing := re.fullmatch(r"(?:[€$£¥]|[A-Z]{3})?\s*(\d(?:[\d.,’' ]*\d)?)\s*[-−]", raw):
        # 1.340.100- as accounting software (SAP, AFAS, Exact) exports a negative amount: not read, since
        # a slip of the sign would go unseen (and '12-' may be 12,– with its mark forgotten)
        number = trailing[1]
        return (f"a minus after the number is not read: write -{number} or ({number}) for a negative amount"
                + (f", {number}{decimal}– for one without cents" if re.fullmatch(r"[\d.,’' ]*", number)
                   and decimal not in number else ""))
    if re.match(r"[-+−]?\s*[€$£¥]", raw):
        return "write the number alone; a currency sign goes into 'unit:' (a key figure's leading one into 'prefix:')"
    split = re.fullmatch(r"([-+−]?[\d.,\s]*\d)\s*([^\d\s].*)", raw)
    if split and re.search(r"[%‰€$£]|[^\W\d_]", split[2]):
        number, unit = split[1].strip(), split[2].strip()
        for written in (number, number.translate({ord("."): ",", ord(","): "."})):
            if written and _read(written, seps) is not None:
                return f"write the number alone; a unit goes into 'unit:', e.g. {written} with unit: {unit}"
        return f"write the number alone; a unit goes into 'unit:', e.g. unit: {unit}"
    if re.search(r"[%‰€$£]|[^\W\d_]", raw):
        return "write the number alone; a unit goes into 'unit:'"
    return f"write digits, e.g. 1500 or {example}"


def _regrouped(raw: str, seps: Separators) -> str:
    """A hint for a number grouped or pointed in another notation than the document's, which
    report.yaml's `numbers:` may set ('1’234.5' where it writes 1’234,5; '1.234,5' where it groups
    with a space): the number as the document writes it, or ''."""
    body = raw.strip("()")
    if not re.fullmatch(r"[-+−]?\d[\d.,’']*\d", body):
        return ""
    marks = [i for i, ch in enumerate(raw) if ch in ".,’'"]
    last = raw[marks[-1]] if marks else ""
    # the last mark is the decimal point where another mark stands before it, or it has not 3 digits after it
    point = marks[-1] if marks and (any(raw[i] != last for i in marks) or not re.match(r"\d{3}(\D|$)",
                                                                                     raw[marks[-1] + 1:])) else -1
    fixed = "".join(seps.decimal if i == point else seps.thousands if i in marks else ch for i, ch in enumerate(raw))
    if not marks or fixed == raw or _read(fixed, seps) is None:
        return ""
    group = seps.thousands
    shown = "a space" if group.isspace() else f"'{group}'" if group else "no separator"
    return f"this document writes decimals with '{seps.decimal}' and groups thousands with {shown}: {fixed}"


def comma_splits(texts: list[str], positions: list[Pos]) -> list[int]:
    """Where a list's comma split one number in two: the indexes i at which item i-1 ends and item i
    begins with a digit, standing on one line with only the comma between them ('[3,2 km]',
    '[Revenue, 1,250, 398.2]'; '[Phase 1, 200 Stationen]' has a space and is taken as meant)."""
    out = []
    for i in range(1, min(len(texts), len(positions))):
        before, after, at, then = texts[i - 1], texts[i], positions[i - 1], positions[i]
        if before[-1:].isdigit() and after[:1].isdigit() and at.line and at.line == then.line \
                and then.col == at.col + len(before) + 1:
            out.append(i)
    return out
