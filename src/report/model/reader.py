"""The generic reader: positioned YAML data → model objects, with every problem collected.

Each content class is a dataclass whose fields carry a description and an example (the JSON
Schema and the docs come from the same place). `Reader` converts positioned YAML data into
these classes generically: unknown keys ("did you mean"), wrong types, missing fields and
unknown kinds are reported with file, line and column, all of them in one run.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, Literal

from .. import markup
from ..errors import Diagnostics, Pos, ReportError
from ..load import YFloat, YInt, YMap, YPlain, YSeq
from .numbers import Number, NumberError, Separators, comma_splits, number_from_yaml, parse_number, point_is_trap
from .tabular import NO_GAPS

# other spellings of a choice's value that read as it: British authors write centre (as the donut's
# `centre:` key is spelt), US accountants parentheses for brackets; the schema lists them too (schema.py)
SPELLINGS = {"centre": "center", "parentheses": "brackets"}


class Markup(str):
    """Text that may contain the inline markup of `report.markup`."""


class AssetPath(str):
    """A file below the project's assets folder, given relative to it."""


class Year(str):
    """The year under review as written: 2017 (read as an int), or a financial year '2025/26' (a str)."""


FINANCIAL_YEAR = r"((?:19|20|21)\d\d) ?[/–-] ?(\d\d|\d{4})"  # 2025/26, 2025-26, 2025–2026
# a fiscal year named by the year it ends in, as US companies write it: FY2026, FY 2026, FY26, Fiscal 2026
FISCAL_YEAR = r"(?:FY ?|Fiscal (?:[Yy]ear )?)((?:19|20|21)\d\d|\d\d)"
YEAR_TEXT = f"^(?:{FINANCIAL_YEAR}|{FISCAL_YEAR})$"  # (the schema's pattern)


def year_number(year: int | str) -> int:
    """The year under review as a number: 2017, a financial year's first (2025/26: 2025), a fiscal
    year's own (FY2026, FY26: 2026)."""
    if isinstance(year, int):
        return year
    if m := re.fullmatch(FINANCIAL_YEAR, year):
        return int(m[1])
    m = re.fullmatch(FISCAL_YEAR, year)
    return int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])


class Length(float):
    """A length in millimetres, written as a number (millimetres) or with its unit: 0.75in, 19 mm,
    1.9cm, 54pt. `written`: the text an author wrote with a unit ("" for a number), for messages."""

    written: str = ""


MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
LENGTH_PATTERN = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*(mm|cm|in|pt)\s*$"  # the schema's (JSON Schema: ECMA-262)
_LENGTH = re.compile(r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*(mm|cm|in|pt)\s*")
LENGTH_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": LENGTH_PATTERN}]}
LENGTH_HINT = "write millimetres as a number, e.g. 20, or the length with its unit: 0.75in, 19mm, 1.9cm, 54pt"


def length_mm(text: str) -> float | None:
    """A length with its unit ("0.75in", "19 mm") in millimetres; None when `text` is not one."""
    m = _LENGTH.fullmatch(text)
    return float(m[1]) * MM_PER_UNIT[m[2]] if m else None


def mm_range(low: float, high: float) -> str:
    """A range of lengths as a hint names it: "10 to 60 mm (0.4 to 2.36 in)" (inches rounded inwards)."""
    inches = math.ceil(low / 25.4 * 100) / 100, math.floor(high / 25.4 * 100) / 100
    return f"{low:g} to {high:g} mm ({inches[0]:g} to {inches[1]:g} in)"


def spec(description: str, default: Any = MISSING, example: Any = None, *,
         max_length: int | None = None, items: tuple[int, int | None] | None = None,
         between: tuple[float, float] | None = None, kinds: dict[str, tuple[type, str | None]] | None = None,
         example_en: Any = None, empty: bool = False, too_many: str | None = None) -> Any:
    """A model field with the description and example shown in errors and the schema
    (`example_en`: the example a hint shows in an English document, where `example` is German text).

    `max_length` bounds text (each item of a list of text) in characters, where the design
    has room for one line or one box only; `items` bounds the number of list items (None: no most);
    `between` bounds a number (each number of a list), both ends included. `kinds` makes the
    field a list of blocks, each one key naming its kind in that registry (`- paragraph: …`).
    `empty`: the text may be empty ("", a table's row-label column without a heading).
    `too_many`: the hint where a list has more items than `items` allows (how to split it).
    """
    meta = {"description": description, "example": example, "max_length": max_length, "items": items,
            "between": between, "kinds": kinds, "example_en": example_en, "empty": empty}
    if too_many:
        meta["too_many"] = too_many
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


def id_spec(what: str, example: str, example_en: str) -> Any:
    """The optional `id:` that a cross-reference in the text names ([S. {page}](#id), see model.refs)."""
    return spec(f"A name for {what}, for cross-references in the text: [S. {{page}}](#{example}) prints the "
                "page it is on (and links to it on screen). Letters, digits and hyphens; unique in the report.",
                default=None, example=example, example_en=example_en, max_length=60)


class Node:
    """Base of every model class: remembers where in the content it was written."""

    pos: Pos = Pos()
    field_pos: dict[str, Pos] = {}  # where each key's value was written (set by the Reader)
    items_pos: dict[str, list[Pos]] = {}  # … and each item of a list's (the layout's warnings name it)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Cross-field rules; override where a class has any."""


# --- generic reader ------------------------------------------------------------

INVALID = object()


@dataclass
class ReadContext:
    """Where relative paths point, and the positions of fields of built objects."""

    content_dir: Path
    assets_dir: Path
    project_dir: Path
    positions: dict[int, tuple[dict, dict]] = field(default_factory=dict)
    # the document language's number notation (thousands, decimal); None until report.yaml is read
    numbers: Separators | None = None
    language: str = ""  # report.yaml's language ("en-GB"), "" until it is read: the examples hints show
    negatives: str | None = None  # report.yaml's numbers: negatives: the tables' default (Table.negatives)
    currency_sign: str | None = None  # report.yaml's numbers: currency_sign: (Table.currency_sign)
    data_said: dict = field(default_factory=dict)  # problems of data files reported already (tabular.report_once)
    section_language: str | None = None  # the `language:` of the section being read, where it has one
    other_languages: str = "own"  # report.yaml's numbers: other_languages: (Document.locale)

    def section_numbers(self) -> Separators | None:
        """The notation the section being read prints its numbers in: its own language's, where that is
        not the report's (as Document.locale says), else — or where `other_languages: house` — the
        document's (report.yaml's `numbers:`)."""
        from ..locale import get_locale, supported
        language = self.section_language
        if self.numbers is None or not supported(language) or language == self.language \
                or self.other_languages == "house":
            return self.numbers
        return get_locale(language)

    def says(self, german: str, english: str, **others: str) -> str:
        """A hint's example in the document's language: German in a German document, one of `others` in
        a document of its language (fr="…": French), else English."""
        if self.language.startswith("de") or not self.language:
            return german
        return others.get(self.language.split("-")[0].lower(), english)

    def value_pos(self, obj: Node, key: str) -> Pos:
        value_pos, _ = self.positions.get(id(obj), ({}, {}))
        return value_pos.get(key, obj.pos)

    def item_pos(self, obj: Node, key: str, index: int) -> Pos:
        _, items = self.positions.get(id(obj), ({}, {}))
        seq = items.get(key)
        return seq[index] if seq and index < len(seq) else self.value_pos(obj, key)


_DECIMAL = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")
# a run of spaces, tabs and line ends other than one plain space (those stay as they are: the few
# matches make `sub` twice as fast over long texts as replacing every space with a space)
_SPACE_RUN = re.compile(r"[\t\r\n][ \t\r\n]*| [ \t\r\n]+")
_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")


def _fold(text: str) -> str:
    """YAML line folding and stray double spaces become one space; no-break spaces (U+00A0,
    U+202F) an author typed stay, since they keep a number with its unit."""
    return _SPACE_RUN.sub(" ", text).strip()


def _type_name(tp: Any) -> str:
    if tp in (float, int, Number):
        return "a number"
    if tp is Length:
        return "a length"
    if tp in (str, Markup, AssetPath):
        return "text"
    if tp is bool:
        return "true or false"
    origin = typing.get_origin(tp)
    if origin is list:
        return "a list"
    if dataclasses.is_dataclass(tp):
        return "a block of keys"
    return str(tp)


def _got(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (YMap, dict)):
        return "a block of keys"
    if isinstance(value, (YSeq, list)):
        return "a list"
    return repr(value) if isinstance(value, str) else f"'{value}'"


class Reader:
    """Converts positioned YAML data into model objects, collecting every problem."""

    def __init__(self, diag: Diagnostics, ctx: ReadContext):
        self.diag = diag
        self.ctx = ctx

    def read(self, value: Any, pos: Pos, tp: Any, what: str) -> Any:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in args:
                if not what.endswith("]") and (commented := _commented(pos, whole=True)):  # kicker: #1 in wind
                    self.diag.warning(pos, f"{what}: left empty: {commented[0]}", commented[1])
                return None
            inner = [a for a in args if a is not type(None)]
            return self.read(value, pos, inner[0], what)
        if value is None:
            if "values[" in what:  # null (or nothing) in a chart's list of values
                hint = NO_GAPS
            elif what.endswith("]"):  # an item of a list: there is no colon to write after
                hint = f"write {_type_name(tp)} in its place, or leave the item out"
            else:
                hint = f"write {_type_name(tp)} after the colon"
                if commented := _commented(pos):  # `rgb: #0b4a74`: YAML read a comment, not a value
                    hint = ": ".join(commented)
            self.diag.error(pos, f"{what}: a value is missing", hint)
            return INVALID
        if origin is Literal:
            if value in SPELLINGS and SPELLINGS[value] in args:  # centre reads as center, parentheses as brackets
                return SPELLINGS[value]
            if value not in args:
                self.diag.error(pos, f"{what}: {_got(value)} is not one of {', '.join(map(str, args))}",
                                did_you_mean(str(value), [str(a) for a in args]))
                return INVALID
            return value
        if origin is list:
            return self._read_list(value, pos, args[0] if args else Any, what)
        if tp is Any:  # kept as positioned YAML; the class's check() reads it (e.g. a table's rows)
            return value
        if tp is Number:  # a dataclass, but read from one scalar
            return self._read_exact(value, pos, what)
        if dataclasses.is_dataclass(tp):
            return self._read_object(value, pos, tp, what)
        if tp in (float, int):
            return self._read_number(value, pos, tp, what)
        if tp is Year:
            return self._read_year(value, pos, what)
        if tp is Length:
            return self._read_length(value, pos, what)
        if tp in (str, Markup, AssetPath):
            return self._read_text(value, pos, tp, what)
        if tp is bool:
            if not isinstance(value, bool):
                self.diag.error(pos, f"{what}: expected true or false, got {_got(value)}",
                                "write true or false (yes/no/on/off are text)")
                return INVALID
            return value
        raise TypeError(f"model type {tp!r} has no reader")  # a bug in the model, not in content

    # -- scalars

    def _read_exact(self, value: Any, pos: Pos, what: str) -> Any:
        """A number kept exactly as written: a YAML number (its source text), or text in the
        document's notation ("48.250", "61,4", "−1,2" in German)."""
        seps = self.ctx.numbers
        try:
            if isinstance(value, YMap) and "values[" in what:  # {name: Wind, value: 34.2} in a chart
                raise NumberError(f"{_got(value)} is not a number", "values: takes numbers only, e.g. "
                                  "values: [34.2, 21.5]; the names go in categories:, e.g. [Wind, Solar]")
            if isinstance(value, bool) or isinstance(value, (YMap, YSeq)) or value is None:
                raise NumberError(f"{_got(value)} is not a number", "write a number, e.g. 20")
            if isinstance(value, (YInt, YFloat)):
                return number_from_yaml(value, value.source, seps)
            if isinstance(value, (int, float)):  # an explicit !!int / !!float tag
                if isinstance(value, float) and not math.isfinite(value):
                    raise NumberError(f"{value} is not a finite number", "write an ordinary number")
                return Number.of(value)
            if isinstance(value, YPlain) and value.implicit != "str":
                raise NumberError(f"{value!r} is not a decimal number",
                                  "write the number in decimal digits, e.g. 31 or 2.5")
            if isinstance(value, YPlain):
                number_from_yaml(0, value, seps)  # the thousands trap for 1.000.000, unquoted
            return parse_number(str(value), seps)
        except NumberError as exc:
            self.diag.error(pos, f"{what}: {exc}", exc.hint)
            return INVALID

    def _read_number(self, value: Any, pos: Pos, tp: type, what: str) -> Any:
        if isinstance(value, YFloat) and point_is_trap(self.ctx.numbers):
            try:
                number_from_yaml(value, value.source, self.ctx.numbers)
            except NumberError as exc:
                self.diag.error(pos, f"{what}: {exc}", exc.hint)
                return INVALID
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            # a number in quotes is text to YAML; anything else written unquoted is not a number at all
            hint = "write a number, e.g. 20" if isinstance(value, YPlain) else "write numbers without quotes, e.g. 20"
            written = value.strip() if isinstance(value, str) else ""
            unit = re.fullmatch(r"([-+]?\d+(?:[.,]\d+)?)\s*(%|mm|cm|in|pt|px)", written)
            if unit:  # width: 45% — the field has its unit (the description says which)
                hint = f"write the number alone, without {unit[2]}: {unit[1]}"
            elif isinstance(value, str) and re.fullmatch(r"[-+]?\d+(\.\d*)?[eE][-+]?\d+", value.strip()):
                hint = "YAML reads this as text: write the number in full, e.g. 1000000"
            elif isinstance(value, str) and re.fullmatch(r"\d{1,3}([.,]\d{3})+", value.strip()):
                hint = f"write {value.replace('.', '').replace(',', '')} without a thousands separator; " \
                       "the report formats numbers for the document's language"
            self.diag.error(pos, f"{what}: {_got(value)} is not a number", hint)
            return INVALID
        if isinstance(value, float) and not math.isfinite(value):
            self.diag.error(pos, f"{what}: {value} is not a finite number", "write an ordinary number")
            return INVALID
        if tp is int and not float(value).is_integer():
            self.diag.error(pos, f"{what}: {value} is not a whole number", "write a whole number, e.g. 2017")
            return INVALID
        return tp(value)

    def _read_length(self, value: Any, pos: Pos, what: str) -> Any:
        """A length: a number is millimetres; text is a number with its unit (mm, cm, in, pt)."""
        if isinstance(value, str) and not isinstance(value, YPlain) and _DECIMAL.fullmatch(value.strip()):
            self.diag.error(pos, f"{what}: {_got(value)} is text, not a length", "write numbers without quotes, "
                            f"e.g. {value.strip()} (millimetres), or with a unit: {value.strip()}mm")
            return INVALID
        if isinstance(value, str):
            mm = length_mm(value)
            if mm is None:
                comma = re.fullmatch(r"\s*(\d+),(\d+)\s*(mm|cm|in|pt)\s*", value)
                hint = f"write a decimal point: {comma[1]}.{comma[2]}{comma[3]}" if comma else LENGTH_HINT
                self.diag.error(pos, f"{what}: {_got(value)} is not a length", hint)
                return INVALID
            out = Length(mm)
            out.written = value.strip()
            return out
        number = self._read_number(value, pos, float, what)
        return INVALID if number is INVALID else Length(number)

    def _quote_example(self) -> str:
        """The document's own quotation marks, as an author would type them: „…“ (de), “…” (en), «…» (de-CH)."""
        numbers = self.ctx.numbers
        quotes = getattr(numbers, "quotes", None) or (("“", "”") if self.ctx.language.startswith("en") else ("„", "“"))
        return f"{quotes[0]}…{quotes[1]}"

    def _read_year(self, value: Any, pos: Pos, what: str) -> Any:
        """2017 (its range is the model's to check), a financial year whose second year follows the first,
        or a fiscal year (FY2026): printed as written."""
        hint = "write the four-digit year under review, e.g. 2017, or a financial year, e.g. 2025/26 or FY2026"
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(FISCAL_YEAR, value.strip()):
            return str(value).strip()
        m = re.fullmatch(FINANCIAL_YEAR, value.strip()) if isinstance(value, str) else None
        if m is None:
            shown = f"{value:g}" if isinstance(value, float) else _got(value)
            self.diag.error(pos, f"{what}: {shown} is not a year", hint)
            return INVALID
        first, second = int(m[1]), m[2]
        if int(second) != ((first + 1) % 100 if len(second) == 2 else first + 1):
            self.diag.error(pos, f"{what}: '{value}' is not a financial year: {second} does not follow {first}",
                            f"write {first}/{(first + 1) % 100:02d}")
            return INVALID
        return str(value).strip()

    def _read_text(self, value: Any, pos: Pos, tp: type, what: str) -> Any:
        if isinstance(value, bool) or isinstance(value, (YMap, YSeq)):
            hint = "put the text in quotes" if isinstance(value, bool) else "write plain text here"
            self.diag.error(pos, f"{what}: expected text, got {_got(value)}", hint)
            return INVALID
        if isinstance(value, (YInt, YFloat)):
            value = value.source  # text as written: a label '010' stays 010, not 8 or 10
        text = _fold(str(value))
        # printable ASCII is never a control, surrogate, private or unassigned character: only the rest is looked up
        bad = next((c for c in _NOT_PRINTABLE_ASCII.findall(text)
                    if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")), None)
        if bad is not None:
            self.diag.error(pos, f"{what}: the text contains the invisible or unassigned character U+{ord(bad):04X}",
                            "remove it; it cannot be printed (often pasted in from another program)")
            return INVALID
        if not text:
            self.diag.error(pos, f"{what}: text is empty", "write the text, or remove the key if it is optional")
            return INVALID
        if tp is Markup:
            try:
                markup.parse(text)
            except markup.MarkupError as exc:
                self.diag.error(pos, f"{what}: {exc}", exc.hint)
                return INVALID
            if (at := markup.unclosed_quote(text)) is not None:
                self.diag.warning(pos, f"{what}: the quotation mark in {_excerpt(text, at)} is never closed: it "
                                  "prints as an opening mark alone", 'close the quotation with a second " (or '
                                  f"type the marks themselves: {self._quote_example()})")
            return Markup(text)
        if tp is AssetPath:
            return self._read_asset(text, pos, what)
        return text

    def _read_asset(self, text: str, pos: Pos, what: str) -> Any:
        from ..assets import resolve_asset
        try:
            return resolve_asset(text, self.ctx.assets_dir, self.ctx.project_dir)
        except ValueError as exc:
            self.diag.error(pos, f"{what}: {exc}", getattr(exc, "hint", None))
            return INVALID

    # -- containers

    def _read_list(self, value: Any, pos: Pos, item_tp: Any, what: str) -> Any:
        if not isinstance(value, YSeq):
            self.diag.error(pos, f"{what}: expected a list, got {_got(value)}",
                            "write each item on its own line starting with '- '")
            return INVALID
        out = [self.read(v, p, item_tp, f"{what}[{i + 1}]") for i, (v, p) in
               enumerate(zip(value, value.item_pos, strict=False))]
        return INVALID if any(v is INVALID for v in out) else out

    def _read_object(self, value: Any, pos: Pos, cls: type, what: str) -> Any:
        # a plain value fills this field: a list item's text, a spine's width
        shorthand = getattr(cls, "SHORTHAND", None)
        if shorthand and value is not None and not isinstance(value, (YMap, YSeq)):
            body = YMap({shorthand: value})
            body.pos, body.key_pos, body.value_pos = pos, {shorthand: pos}, {shorthand: pos}
            value = body
        if not isinstance(value, YMap):
            self.diag.error(pos, f"{what}: expected a block of keys, got {_got(value)}",
                            "indent the keys of this block under it")
            return INVALID
        hints, flds = _fields(cls)
        if shorthand and hints[shorthand] in (str, Markup) and len(value) == 1 and next(iter(value)) not in flds \
                and not isinstance(next(iter(value.values())), (YMap, YSeq)):
            key, rest = next(iter(value.items()))  # `- Quote: 35%` is a key and its value to YAML
            text = f"{key}: {'' if rest is None else rest}".rstrip()
            self.diag.error(value.key_pos[key], f"{what}: '{text}' reads as a key and its value, because of "
                            "the ': ' in it", f"quote the text: \"{text}\"")
            return INVALID
        pair = getattr(cls, "PAIR", None)  # (key, key) an author may write as one key and its value
        if pair and len(value) == 1 and next(iter(value)) not in flds \
                and not isinstance(next(iter(value.values())), (YMap, YSeq)):
            key, rest = next(iter(value.items()))  # `- März: Messe in Berlin`: a date and its text, to the eye
            shown = "" if rest is None else str(rest)
            shown = shown if len(shown) <= 30 else shown[:29] + "…"
            self.diag.error(value.key_pos[key], f"{what}: '{key}: {shown}' reads as a key and its value, not as "
                            f"the {pair[0]} and the {pair[1]}",
                            f"write it as two keys, '- {pair[0]}: {key}' and under it '  {pair[1]}: {shown or '…'}'")
            return INVALID
        ok = True
        meant = set()  # the keys an unknown one was meant to be: not missing as well
        split = _split_values(value)
        for key, (tail, joined) in split.items():  # `{value: 1.234,5, unit: GWh}`: one error, not two
            self.diag.error(value.value_pos[key], f"{what}: {key}: the comma split '{joined}' in two: the number "
                            f"{joined[:-len(tail) - 1]} and a key '{tail}'",
                            f"in {{ }} a comma separates keys, as in [ ] it separates values: quote the number as "
                            f"the document writes it, {key}: '{joined}'")
            ok = False
        tails = {tail for tail, _ in split.values()}
        for key in value:
            if key in tails:
                continue  # said at the number it was split from
            if key not in flds:
                if KEY_SPELLINGS.get(key) in flds:  # organization: the keys are spelled one way
                    meant.add(KEY_SPELLINGS[key])
                    hint = f"the keys are spelled the British way: write '{KEY_SPELLINGS[key]}:'"
                elif key in getattr(cls, "KEYS_ELSEWHERE", {}):  # a key that belongs in a block of this one
                    hint = cls.KEYS_ELSEWHERE[key]
                elif (before := _split_text(value, key)) is not None:  # {name: Kunst, Kultur und …, values: …}
                    hint = (f"in {{ }} a comma separates keys, so the text of '{before}:' ended at the comma: quote "
                            f"it, {before}: \"{value[before]}, {key}\"")
                else:
                    hint = did_you_mean(key, list(flds))
                    meant.update(closest(key, list(flds)))
                self.diag.error(value.key_pos[key], f"{what}: unknown key '{key}'", hint)
                ok = False
        kwargs = {}
        for name, f in flds.items():
            if name in split:
                continue
            if name not in value:
                if name in meant:
                    continue  # said at the key that was meant to be this one
                if f.default is MISSING and f.default_factory is MISSING:
                    example = f.metadata.get("example")
                    hint = f"add '{name}:' ({f.metadata.get('description', '')})"
                    # the German example in a German document (or where the language is not known yet), else
                    # the English one: a French report's hint read "e.g. author: Thüringen International"
                    english = self.ctx.language and not self.ctx.language.lower().startswith("de")
                    if english and f.metadata.get("example_en") is not None:
                        example = f.metadata["example_en"]
                    if example is not None and not isinstance(example, (list, dict)):
                        shown = str(example)
                        if ": " in shown or shown.startswith(("'", '"', "[", "{", "*", "&", "!", "%", "@", "`")):
                            shown = '"' + shown.replace('"', '\\"') + '"'  # as YAML reads it: 'Source: …' quoted
                        hint += f", e.g. {name}: {shown}"
                    if name in getattr(cls, "WHEN_MISSING", {}):  # what else the author may have meant
                        hint += "; " + cls.WHEN_MISSING[name]
                    self.diag.error(value.pos, f"{what}: missing required key '{name}'", hint)
                    ok = False
                continue
            if f.metadata.get("kinds"):
                result = self._read_blocks(value[name], value.value_pos[name], what, f.metadata["kinds"])
            elif f.metadata.get("empty") and isinstance(value[name], str) and not value[name].strip():
                result = ""
            else:
                result = self.read(value[name], value.value_pos[name], hints[name], f"{what}: {name}")
                if result is not INVALID and not self._within_limits(f.metadata, result, value, name, what):
                    result = INVALID
            if result is INVALID:
                ok = False
            kwargs[name] = result
        if not ok:
            return INVALID
        obj = cls(**kwargs)
        obj.pos = value.pos
        obj.field_pos = value.value_pos
        self.ctx.positions[id(obj)] = (value.value_pos, {k: getattr(v, "item_pos", None)
                                                          for k, v in value.items()})
        obj.items_pos = {k: list(v) for k, v in self.ctx.positions[id(obj)][1].items() if v}
        obj.check(self.diag, self.ctx)
        return obj

    def _within_limits(self, meta: Any, result: Any, block: YMap, name: str, what: str) -> bool:
        """The spec's bounds (items, between, max_length): room the design has, values that make sense."""
        ok = True
        pos = block.value_pos[name]
        bounds = meta.get("items")
        if bounds and isinstance(result, list) and not bounds[0] <= len(result) <= (bounds[1] or len(result)):
            lo, hi = bounds
            if hi is None:
                self.diag.error(pos, f"{what}: {name}: {len(result)} items given, but at least {lo} are needed",
                                f"give at least {lo}")
            else:
                self.diag.error(pos, f"{what}: {name}: {len(result)} items given, but {lo} to {hi} are needed",
                                meta.get("too_many") if len(result) > hi and meta.get("too_many") else
                                f"give at least {lo} and at most {hi}"
                                + (" (split it into two)" if len(result) > hi else ""))
            ok = False
        between = meta.get("between")
        if between:
            for label, number, npos in _each_value(result, block, name, pos):
                if number is None or between[0] <= number <= between[1]:  # None: an optional key left empty
                    continue
                ok = False
                if not isinstance(number, Length):
                    self.diag.error(npos, f"{what}: {label} = {number:g} is out of range",
                                    f"use a value from {between[0]:g} to {between[1]:g}")
                    continue
                shown = f"{number.written!r} ({number:.3g} mm)" if number.written else f"{number:g} mm"
                hint = f"use {mm_range(*between)}"
                if not number.written and between[0] <= number * 25.4 <= between[1]:
                    hint += f"; a number alone is millimetres: for inches write {number:g}in"
                self.diag.error(npos, f"{what}: {label} = {shown} is out of range", hint)
        limit = meta.get("max_length")
        if limit:
            for label, text, tpos in _each_value(result, block, name, pos):
                if isinstance(text, str) and len(text) > limit:
                    self.diag.error(tpos, f"{what}: {label} is {len(text)} characters long; at most {limit} fit",
                                    "shorten it: this text is set on one line or in a fixed box")
                    ok = False
        return ok

    def read_kind(self, value: Any, pos: Pos, kinds: dict[str, type], what: str,
                  meant: Callable[[str], str | None] | None = None) -> Any:
        """Read an object whose class is chosen by its `kind` key; `meant` names the kind an unknown
        word most likely means (a chart's „Kreisdiagramm“: pie), for the hint."""
        if not isinstance(value, YMap):
            self.diag.error(pos, f"{what}: expected a block of keys, got {_got(value)}")
            return INVALID
        kind = value.get("kind")
        if not isinstance(kind, str) or kind not in kinds:
            where = value.value_pos.get("kind", value.pos)
            msg = f"{what}: unknown kind {_got(kind)}" if "kind" in value else f"{what}: missing required key 'kind'"
            hint = f"known kinds: {', '.join(kinds)}"
            guess = meant(kind) if meant is not None and isinstance(kind, str) else None
            self.diag.error(where, msg, f"did you mean '{guess}'? ({hint})" if guess else hint)
            return INVALID
        return self.read(value, pos, kinds[kind], what)

    def _read_blocks(self, value: Any, pos: Pos, what: str, kinds: dict[str, tuple[type, str | None]]) -> Any:
        if not isinstance(value, YSeq):
            self.diag.error(pos, f"{what}: blocks: expected a list, got {_got(value)}",
                            "write each block on its own line starting with '- ', e.g. - paragraph: …")
            return INVALID
        out = []
        for item, ipos in zip(value, value.item_pos, strict=False):
            if not isinstance(item, YMap) or len(item) != 1:
                named = [k for k in item if k in kinds] if isinstance(item, YMap) else []
                if len(named) == 1 and isinstance(item[named[0]], YMap):  # `items:` indented like `- list:`
                    stray = [k for k in item if k != named[0]]
                    inner = next(iter(item[named[0]]), None)
                    keys = "a second key" if len(stray) == 1 else "further keys"
                    self.diag.error(item.key_pos[stray[0]], f"{what}: {', '.join(repr(k) for k in stray)} "
                                    f"{'stands' if len(stray) == 1 else 'stand'} beside '{named[0]}:' as {keys} "
                                    "of the block, not inside it",
                                    f"indent {stray[0]!r} under '{named[0]}:'" + (f", like {inner!r}" if inner else ""))
                elif len(named) == 1 and item[named[0]] is None and len(item) > 1:  # all of them beside it
                    stray = [k for k in item if k != named[0]]
                    col = item.key_pos[named[0]].col
                    self.diag.error(item.key_pos[stray[0]], f"{what}: '{named[0]}:' is empty, and "
                                    f"{', '.join(repr(k) for k in stray)} stand beside it as keys of the block",
                                    f"indent {', '.join(repr(k) for k in stray)} further than '{named[0]}:' "
                                    f"(column {col}), e.g. to column {col + 2}, so that they belong to it")
                else:
                    self.diag.error(ipos, f"{what}: each block is one key naming its kind",
                                    f"e.g. '- paragraph: Text', known kinds: {', '.join(kinds)}")
                out.append(INVALID)
                continue
            (kind, body), = item.items()
            if kind not in kinds:
                self.diag.error(item.key_pos[kind], f"{what}: unknown block kind '{kind}'",
                                did_you_mean(kind, list(kinds)))
                out.append(INVALID)
                continue
            cls, shorthand = kinds[kind]
            bpos = item.value_pos[kind]
            if shorthand and not isinstance(body, YMap):
                body_map = YMap({shorthand: body})
                body_map.pos, body_map.key_pos, body_map.value_pos = bpos, {shorthand: bpos}, {shorthand: bpos}
                body = body_map
            out.append(self.read(body, bpos, cls, f"{what}: {kind}"))
        return INVALID if any(b is INVALID for b in out) else out


def read_or_raise(value: Any, pos: Pos, tp: type, what: str, ctx: ReadContext) -> Any:
    """Read one object, raising every problem found (for small standalone files like the theme)."""
    diag = Diagnostics()
    obj = Reader(diag, ctx).read(value, pos, tp, what)
    diag.raise_if_errors()
    if obj is INVALID:  # pragma: no cover - the reader always records why
        raise ReportError(diag.items)
    return obj


def _each_value(result: Any, block: YMap, name: str, pos: Pos) -> Iterator[tuple[str, Any, Pos]]:
    """(label, value, position) of a read value, or of each item when it is a list ("name[2]")."""
    if not isinstance(result, list):
        yield name, result, pos
        return
    item_pos = getattr(block[name], "item_pos", None) or [pos] * len(result)
    for i, (value, vpos) in enumerate(zip(result, item_pos, strict=False)):
        yield f"{name}[{i + 1}]", value, vpos


@functools.cache
def _fields(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    """A model class's resolved type hints and its init fields (resolving hints is slow; classes do not change)."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls) if f.init}


def _excerpt(text: str, at: int) -> str:
    """The words around `at`, quoted for a message: '…formulierte: "Einfach machen.'."""
    start, end = max(0, at - 20), min(len(text), at + 25)
    return repr(("…" if start else "") + text[start:end] + ("…" if end < len(text) else ""))


# American spellings of keys spelled the British way (one spelling is read: the other is told so)
KEY_SPELLINGS = {"organization": "organisation", "colors": "colours"}


def _split_values(block: YMap) -> dict[str, tuple[str, str]]:
    """Where a flow mapping's comma split a number: `{value: 1.234,5}` is the key value with 1.234 and a
    key '5' with nothing; {key: (the key made of its tail, the number as written)}."""
    keys, out = list(block), {}
    for before, after in zip(keys, keys[1:], strict=False):
        number = block[before]
        source = getattr(number, "source", number if isinstance(number, YPlain) else None)
        if block[after] is None and isinstance(source, str) and isinstance(after, str) and comma_splits(
                [source, after], [block.value_pos[before], block.key_pos[after]]):
            out[before] = (after, f"{source},{after}")
    return out


def closest(word: str, known: list[str]) -> list[str]:
    """The known name closest to an unknown one, if one is close ([] else)."""
    import difflib  # only for content with an unknown key or kind (~3 ms to import)
    return difflib.get_close_matches(word, known, n=1, cutoff=0.6)


def _split_text(value: YMap, key: str) -> str | None:
    """The key whose text a comma cut short where `key`, with no value, follows it on the same line:
    YAML reads `{name: Kunst, Kultur und Denkmalpflege, values: …}` as a name 'Kunst' and a key
    'Kultur und Denkmalpflege'."""
    keys = list(value)
    at = keys.index(key)
    if value[key] is not None or at == 0:
        return None
    before = keys[at - 1]
    same_line = value.key_pos[before].line == value.key_pos[key].line
    return before if same_line and isinstance(value[before], str) and not isinstance(value[before], YMap) else None


def _commented(pos: Pos, whole: bool = False) -> tuple[str, str] | None:
    """(what happened, what to write) for a value YAML read as a comment (`rgb: #0b4a74`) on the line at
    `pos`, if it is one; `whole`: the value meant is the rest of the line (a text: `kicker: #1 in wind`)."""
    from ..load import COMMENTED_VALUE, commented_value
    try:
        line = Path(pos.file).read_text(encoding="utf-8").splitlines()[pos.line - 1] if pos.file and pos.line else ""
    except (OSError, UnicodeError, IndexError):
        return None
    found = COMMENTED_VALUE.search(line)
    if found is None or (whole and len(found.group(2)) == 1):  # (`key:  # a note`: a comment meant as one)
        return None
    why, fix = commented_value(found)
    if whole:
        meant = line[found.start(2):].rstrip().replace('"', '\\"')
        fix = f'put the text in quotes: {found.group(1)}: "{meant}"'
    return why, fix


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})


def did_you_mean(word: str, known: list[str]) -> str:
    """A hint for an unknown name: the closest known one, if any is close, and the known ones; where the
    two differ only in their dashes (2024-25 typed, 2024–25 pasted from a spreadsheet), which."""
    close = closest(word, known)
    listing = f"known: {', '.join(known)}"
    if not close:
        return listing
    if close[0] != word and close[0].translate(_DASHES) == word.translate(_DASHES):
        dash = next(c for c, d in zip(close[0], word, strict=False) if c != d)
        return f"did you mean '{close[0]}'? It is written with {_dash_name(dash)} ({listing})"
    return f"did you mean '{close[0]}'? ({listing})"


def _dash_name(dash: str) -> str:
    names = {"-": "a hyphen '-'", "\u2013": "an en dash '\u2013'", "\u2014": "an em dash '\u2014'",
             "\u2212": "a minus sign '\u2212'"}
    return names.get(dash, f"the dash U+{ord(dash):04X}")
