"""The document as typed data, read from YAML with every problem collected.

Each content class is a dataclass whose fields carry a description and an
example (the JSON Schema and the docs come from the same place). `Reader`
converts positioned YAML data into these classes generically: unknown keys
("did you mean"), wrong types, missing fields and unknown kinds are reported
with file, line and column, all of them in one run.

Adding a content kind: a dataclass here, one line in SECTION_KINDS /
BLOCK_KINDS / CHART_KINDS, a layout (or chart) module, a test.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
import typing
import unicodedata
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import markup
from .errors import Diagnostics, Pos, ReportError
from .labels import CHAR_MM, LABEL_WRAP, LINE_MM, wrap_label
from .load import YMap, YSeq


class Markup(str):
    """Text that may contain the inline markup of `report.markup`."""


class AssetPath(str):
    """A file below the project's assets folder, given relative to it."""


def spec(description: str, default: Any = MISSING, example: Any = None, *,
         max_length: int | None = None, items: tuple[int, int] | None = None,
         between: tuple[float, float] | None = None) -> Any:
    """A model field with the description and example shown in errors and the schema.

    `max_length` bounds text (each item of a list of text) in characters, where the design
    has room for one line or one box only; `items` bounds the number of list items;
    `between` bounds a number (each number of a list), both ends included.
    """
    meta = {"description": description, "example": example, "max_length": max_length, "items": items,
            "between": between}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


class Node:
    """Base of every model class: remembers where in the content it was written."""

    pos: Pos = Pos()
    field_pos: dict[str, Pos] = {}  # where each key's value was written (set by the Reader)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Cross-field rules; override where a class has any."""


# --- document ---------------------------------------------------------------


_WEB = re.compile(r"https?://[^\s()\[\]<>]+\.[^\s()\[\]<>]+")
_EMAIL = re.compile(r"[^@\s()\[\]<>]+@[^@\s()\[\]<>]+\.[A-Za-z]{2,}")


def check_web(obj: Node, name: str, diag: Diagnostics, ctx: ReadContext) -> None:
    """An optional field that must hold a full web address."""
    value = getattr(obj, name)
    if value is not None and not _WEB.fullmatch(value):
        diag.error(ctx.value_pos(obj, name), f"{name} {value!r} is not a web address",
                   "write the full address, e.g. https://www.example.org")


def check_email(obj: Node, name: str, diag: Diagnostics, ctx: ReadContext) -> None:
    """An optional field that must hold an e-mail address."""
    value = getattr(obj, name)
    if value is not None and not _EMAIL.fullmatch(value):
        diag.error(ctx.value_pos(obj, name), f"{name} {value!r} is not an e-mail address",
                   "write it like info@example.org")


@dataclass(kw_only=True)
class Cover(Node):
    image: AssetPath = spec("Cover artwork or photo, relative to assets/ (JPEG or PNG, print resolution).",
                            example="images/cover-artwork.jpg")
    credit: str = spec("Image credit printed on the cover.", example="Bildquelle: beermedia / fotolia.com",
                       max_length=100)
    alt: str = spec("What the image shows, for readers who cannot see it.",
                    example="Abstrakte Grafik: Linien verbinden Thüringen mit Zielen in aller Welt")


_PHONE = re.compile(r"\+?[0-9][0-9 /-]*[0-9]")


@dataclass(kw_only=True)
class Contact(Node):
    heading: str | None = spec("Heading of the closing page (default: the language's 'Contact and imprint').",
                               default=None, example="Kontakt und Impressum", max_length=80)
    publisher: str = spec("Who publishes the review.", example="Thüringen International", max_length=80)
    address: list[str] = spec("Postal address, one line per item.", default=[],
                              example=["Musterstraße 1", "99084 Erfurt"], max_length=80, items=(0, 6))
    phone: str | None = spec("Telephone number: digits, spaces, +, / and -.", default=None,
                             example="+49 361 123456-0")
    lines: list[str] = spec("Further lines of the imprint (commission, editors).", default=[],
                            example=["Im Auftrag des Freistaates Thüringen"], max_length=120, items=(0, 12))
    email: str | None = spec("Contact e-mail address.", default=None, example="info@example.org")
    web: str | None = spec("Web address (https://…).", default=None, example="https://www.example.org")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_email(self, "email", diag, ctx)
        check_web(self, "web", diag, ctx)
        if self.phone is not None and not (_PHONE.fullmatch(self.phone)
                                           and 5 <= sum(c.isdigit() for c in self.phone) <= 17):
            diag.error(ctx.value_pos(self, "phone"), f"phone {self.phone!r} is not a telephone number",
                       "write digits, spaces, +, / and - only, e.g. +49 361 123456-0")


@dataclass(kw_only=True)
class Newsletter(Node):
    pdf_url: str = spec("Public address of the screen PDF that the teaser's button links to.",
                        example="https://www.example.org/jahresrueckblick-2017.pdf")
    sender: str = spec("Who sends the mailing (shown in the footer).", example="Thüringen International")
    address: list[str] = spec("Postal address or imprint lines for the footer.", default=[])
    reply_to: str | None = spec("Address readers can reply to.", default=None, example="newsletter@example.org")
    unsubscribe: str | None = spec("Footer note on how to unsubscribe.", default=None)
    figures: int = spec("How many key figures the teaser shows (3 or 4).", default=4, example=4, between=(3, 4))
    button: str = spec("Label of the button that opens the PDF.", example="Jahresrückblick lesen (PDF)",
                       max_length=40)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_web(self, "pdf_url", diag, ctx)
        check_email(self, "reply_to", diag, ctx)


@dataclass(kw_only=True)
class Report(Node):
    name: str = spec("Base name of the output files (letters, digits, hyphens).",
                     example="jahresrueckblick-2017")
    title: str = spec("Title on the cover and in the PDF metadata.",
                      example="Ein gutes Jahr für Ihre Internationalisierung!", max_length=120)
    subtitle: str | None = spec("Line under the title.", default=None, example="Jahresrückblick 2017",
                                max_length=50)
    organisation: str = spec("The organisation the review is about.", example="Thüringen International",
                             max_length=50)
    year: int = spec("The year under review.", example=2017)
    language: str = spec("Language of the content (BCP 47), e.g. de-DE or en-GB.", example="de-DE")
    author: str = spec("Author shown in the PDF metadata.", example="Thüringen International")
    subject: str = spec("Subject shown in the PDF metadata.", example="Jahresrückblick 2017")
    keywords: list[str] = spec("Keywords for the PDF metadata.", default=[], example=["Export", "Thüringen"])
    lead: Markup = spec("Introductory paragraph (lead).", example="In den vergangenen elf Monaten …")
    cover: Cover = spec("The cover image and its credit.")
    sections: list[str] = spec("Section files in reading order, relative to the content folder.",
                               example=["sections/01-bilanz.yaml"])
    contact: Contact = spec("Contact and imprint on the closing page.")
    newsletter: Newsletter | None = spec("Settings of the newsletter teaser (report newsletter).", default=None)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", self.name):
            diag.error(ctx.value_pos(self, "name"), f"name {self.name!r} is not usable as a file name",
                       "use lower-case letters, digits and hyphens, e.g. jahresrueckblick-2017")
        if not 1900 <= self.year <= 2200:
            diag.error(ctx.value_pos(self, "year"), f"year {self.year} is out of range",
                       "write the four-digit year under review, e.g. 2017")
        from .locale import LANGUAGES
        if self.language.split("-")[0] not in LANGUAGES:
            diag.error(ctx.value_pos(self, "language"), f"language {self.language!r} is not supported",
                       f"supported: {', '.join(sorted(LANGUAGES))} (e.g. de-DE, en-GB)")


# --- blocks inside a text section --------------------------------------------


@dataclass(kw_only=True)
class Paragraph(Node):
    text: Markup = spec("A paragraph of body text.", example="Bereits im März zog es uns …")


@dataclass(kw_only=True)
class Quote(Node):
    text: Markup = spec("The quoted sentence, set large as a pull quote.",
                        example="Eines der erfolgreichsten Jahre")
    attribution: str | None = spec("Who said it, if anyone.", default=None)
    repeat: bool = spec("The quote repeats a sentence of the body text (a pull quote): screen readers "
                        "skip it, so it is not read twice.", default=False, example=True)


@dataclass(kw_only=True)
class Heading(Node):
    text: str = spec("A sub-heading inside the section (bookmark under the section; kept with what follows).",
                     example="Messen und Gemeinschaftsstände", max_length=120)
    level: int = spec("2: under the section title; 3: under a level-2 sub-heading.", default=2, example=2,
                      between=(2, 3))


@dataclass(kw_only=True)
class ListItem(Node):
    SHORTHAND = "text"  # an item may be written as plain text
    text: Markup = spec("The item's text (inline markup allowed).", example="Kalifornien")
    items: list[Markup] = spec("Items nested under this one (one level).", default=[], example=["Detroit"],
                               items=(0, 30))


@dataclass(kw_only=True)
class ListBlock(Node):
    style: Literal["bullet", "number"] = spec("Bullets or numbers in front of the items.", default="bullet",
                                              example="bullet")
    items: list[ListItem] = spec("The items; each is text, or {text: …, items: [...]} with one nested level.",
                                 example=["Kalifornien", "Japan"], items=(1, 60))


@dataclass(kw_only=True)
class Note(Node):
    text: Markup = spec("Small print: a rounding note, a methodology remark.",
                        example="Alle Zahlen sind gerundet.")
    label: str | None = spec("A label in front of the note, e.g. Hinweis.", default=None, example="Hinweis",
                             max_length=40)


BOX_BLOCKS = ("paragraph", "list", "note", "heading")


@dataclass(kw_only=True)
class Box(Node):
    title: str | None = spec("Title of the box, e.g. Auf einen Blick.", default=None, example="Auf einen Blick",
                             max_length=80)
    blocks: list[Any] = spec("What the box holds: " + ", ".join(BOX_BLOCKS) + ".",
                             example=[{"paragraph": "Text …"}])

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_last_heading(self.blocks, diag)
        allowed = tuple(BLOCK_KINDS[k][0] for k in BOX_BLOCKS)
        for i, block in enumerate(self.blocks):
            if not isinstance(block, allowed):
                kind = next(k for k, (cls, _) in BLOCK_KINDS.items() if isinstance(block, cls))
                diag.error(ctx.item_pos(self, "blocks", i), f"a box cannot hold a {kind}",
                           f"a box holds {', '.join(BOX_BLOCKS)}; put the {kind} after the box")


@dataclass(kw_only=True)
class ChartRef(Node):
    id: str = spec("Name of a chart file in charts/ without .yaml.", example="aktivitaeten")


@dataclass(kw_only=True)
class Figure(Node):
    image: AssetPath = spec("Image file relative to assets/.", example="images/messe.jpg")
    caption: Markup = spec("Caption under the image.")
    credit: str | None = spec("Image credit.", default=None)
    alt: str = spec("What the image shows, for readers who cannot see it.")


# kind → (class, field that a plain value fills: `- paragraph: "…"`)
BLOCK_KINDS: dict[str, tuple[type, str | None]] = {
    "paragraph": (Paragraph, "text"),
    "quote": (Quote, "text"),
    "chart": (ChartRef, "id"),
    "image": (Figure, None),
    "heading": (Heading, "text"),
    "list": (ListBlock, "items"),
    "note": (Note, "text"),
    "box": (Box, None),
}


# --- sections ----------------------------------------------------------------


@dataclass(kw_only=True)
class TextSection(Node):
    kind: Literal["text"] = spec("Section kind: narrative text with quotes, charts and images.")
    title: str = spec("Section heading (also in contents and bookmarks).", example="Highlights des Jahres",
                      max_length=120)
    kicker: str | None = spec("Small line above the heading.", default=None, example="Delegationsreisen",
                              max_length=80)
    blocks: list[Any] = spec("Paragraphs, quotes, charts and images in reading order; each item is one of: "
                             + ", ".join(BLOCK_KINDS) + ".", example=[{"paragraph": "Text …"}])
    page: Literal["new", "continue"] | None = spec(
        "new: the section starts on a new page; continue: below the previous section (default: the theme's "
        "text.section_page).", default=None, example="new")
    columns: int = spec("1 or 2 text columns; charts and images span both.", default=1, example=2, between=(1, 2))
    footnotes: list[Markup] = spec("Footnotes, referred to as [^1], [^2] … in the text and set at the end of "
                                   "the section.", default=[], example=["Stand: Dezember 2017."], items=(0, 30))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_last_heading(self.blocks, diag)
        refs: set[int] = set()
        for block in self.blocks:
            for text in block_texts(block):
                for number in markup.footnote_refs(text):
                    refs.add(number)
                    if not 1 <= number <= len(self.footnotes):
                        diag.error(block.pos, f"footnote [^{number}] has no text",
                                   f"add it as item {number} of the section's footnotes: list")
        for number in range(1, len(self.footnotes) + 1):
            if number not in refs:
                diag.error(ctx.item_pos(self, "footnotes", number - 1), f"footnote {number} is never referred to",
                           f"write [^{number}] in the text where it belongs, or remove the footnote")


def check_last_heading(blocks: list[Any], diag: Diagnostics) -> None:
    """A sub-heading introduces what follows it: it cannot end a section or a box."""
    if blocks and isinstance(blocks[-1], Heading):
        diag.error(blocks[-1].pos, f"heading {blocks[-1].text!r} is the last block: nothing follows it",
                   "add the text it introduces after it, or remove the heading")


def block_texts(block: Any) -> list[str]:
    """The marked-up texts of a block (for checks across a section, e.g. footnote references)."""
    if isinstance(block, Box):
        return [t for b in block.blocks for t in block_texts(b)]
    if isinstance(block, ListBlock):
        return [t for item in block.items for t in (item.text, *item.items)]
    text = getattr(block, "text", None)
    return [text] if isinstance(text, str) else []


@dataclass(kw_only=True)
class ForewordSection(Node):
    kind: Literal["foreword"] = spec("Section kind: the opening letter with portrait and signature.")
    title: str = spec("Heading of the foreword.", example="Liebe Leserinnen und Leser,", max_length=120)
    kicker: str | None = spec("Small line above the heading.", default=None, example="Vorwort", max_length=80)
    portrait: AssetPath = spec("Portrait photo of the author, relative to assets/.", example="images/portrait.jpg")
    portrait_alt: str = spec("What the portrait shows.", example="Porträt von Dr. Erika Muster")
    paragraphs: list[Markup] = spec("The letter, one item per paragraph.", example=["Was für ein Jahr …"],
                                    items=(1, 20))
    closing: str = spec("The closing line.", example="Herzliche Grüße", max_length=80)
    signature: AssetPath | None = spec("Signature as PNG with a transparent background (optional).",
                                       default=None, example="images/unterschrift.png")
    name: str = spec("The author's name under the signature.", example="Dr. Erika Muster", max_length=80)
    role: str | None = spec("The author's role.", default=None, example="Geschäftsführerin", max_length=120)


MAX_FIGURE_VALUE = 1e9  # "999.999.999" is the widest number a tile holds


@dataclass(kw_only=True)
class KeyFigure(Node):
    value: float = spec("The number as written in the source (no thousands separator).", example=1000)
    qualifier: str | None = spec("Words that keep the number honest, e.g. 'mehr als' or 'rund'.",
                                 default=None, example="mehr als", max_length=24)
    label: str = spec("What was counted.", example="erreichte Thüringer", max_length=80)
    detail: Markup | None = spec("A short explanation under the label.", default=None, max_length=160)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if self.value < 0:
            diag.error(ctx.value_pos(self, "value"), f"key figure value {self.value:g} is negative",
                       "key figures count things; write the number as in the source")
        elif self.value > MAX_FIGURE_VALUE:
            diag.error(ctx.value_pos(self, "value"), f"key figure value {self.value:g} is too large for a tile",
                       f"write at most {MAX_FIGURE_VALUE:.0e}, e.g. 2.5 with the label 'Mio. Euro'")


@dataclass(kw_only=True)
class KeyFiguresSection(Node):
    kind: Literal["key_figures"] = spec("Section kind: a page of key-figure tiles.")
    title: str = spec("Section heading.", example="Das Jahr in Zahlen", max_length=120)
    kicker: str | None = spec("Small line above the heading.", default=None, max_length=80)
    intro: Markup | None = spec("Text under the heading.", default=None)
    figures: list[KeyFigure] = spec("The tiles, in reading order.", items=(1, 12))


SECTION_KINDS: dict[str, type] = {
    "text": TextSection,
    "key_figures": KeyFiguresSection,
    "foreword": ForewordSection,
}


# --- charts ------------------------------------------------------------------

MAX_CHART_VALUE = 1e9
MAX_CHART_MM = 200
AXIS_MM = 15  # the value axis and its labels under horizontal bars
VERTICAL_LABELS_MM = 150  # width the labels of vertical bars share
DESTINATION_ROW_MM = 4  # one destination (or group heading) in the destinations chart


@dataclass(kw_only=True)
class Series(Node):
    name: str | None = spec("Legend entry of the series (optional for a single series).", default=None)
    values: list[float] = spec("One value per category.", example=[5, 20, 6])
    qualifiers: list[str | None] | None = spec(
        "Optional words per value, e.g. 'rund' or 'mehr als'; null where none.", default=None)


@dataclass(kw_only=True)
class ChartBase(Node):
    title: str = spec("Chart title.", max_length=120)
    caption: Markup = spec("Caption: what the reader should see in the chart.")
    source: str = spec("Source line printed under the chart.", example="Quelle: Thüringen International")
    alt: str = spec("Text alternative: what the chart shows, with its data in words.")
    height: float = spec("Height of the chart drawing in millimetres.", default=70.0, example=70)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if not 30 <= self.height <= MAX_CHART_MM:
            diag.error(ctx.value_pos(self, "height"), f"chart height {self.height} mm is out of range",
                       "use a height between 30 and 200 mm")


@dataclass(kw_only=True)
class BarChart(ChartBase):
    kind: Literal["bar"] = spec("Chart kind: bars per category.")
    orientation: Literal["vertical", "horizontal"] = spec("Direction of the bars.", default="vertical")
    categories: list[str] = spec("The bar labels.", example=["Reisen", "Messen"], max_length=60, items=(1, 24))
    series: list[Series] = spec("One or more series of values.", items=(1, 6))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        for s in self.series:
            if len(s.values) != len(self.categories):
                diag.error(s.pos, f"series has {len(s.values)} values but the chart has "
                           f"{len(self.categories)} categories", "give exactly one value per category")
            if s.qualifiers is not None and len(s.qualifiers) != len(s.values):
                diag.error(s.pos, f"series has {len(s.qualifiers)} qualifiers for {len(s.values)} values",
                           "give one qualifier per value (null where there is none)")
            for i, v in enumerate(s.values):
                if v < 0 or v > MAX_CHART_VALUE:
                    diag.error(ctx.item_pos(s, "values", i), f"value {v:g} makes no sense in a bar chart",
                               f"bars show counts between 0 and {MAX_CHART_VALUE:.0e}")
        self._check_label_room(diag, ctx)

    def _check_label_room(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Category labels must not overlap: horizontal bars stack their labels, vertical bars set
        them side by side (estimated with the drawing's own wrapping, at the caption size)."""
        n = len(self.categories)
        lines = [wrap_label(c, LABEL_WRAP[self.orientation]) for c in self.categories]
        if self.orientation == "horizontal":
            need = AXIS_MM + n * max(len(ls) for ls in lines) * LINE_MM
            if self.height < need:
                fix = (f"make it at least {math.ceil(need)} mm high" if need <= MAX_CHART_MM
                       else "split the chart") + ", show fewer categories or shorten their names"
                diag.error(ctx.value_pos(self, "height"),
                           f"the labels of {n} bars do not fit a chart {self.height:g} mm high", fix)
        else:
            widest = max(len(line) for ls in lines for line in ls)
            if n * widest * CHAR_MM > VERTICAL_LABELS_MM:
                diag.error(ctx.value_pos(self, "categories"),
                           f"the labels of {n} vertical bars would overlap",
                           "use orientation: horizontal, fewer categories or shorter names")


@dataclass(kw_only=True)
class DestinationGroup(Node):
    name: str = spec("Kind of destination, e.g. 'Delegationsreisen'.", max_length=50)
    places: list[str] = spec("Destinations of this kind.", example=["Japan", "Kalifornien"], max_length=55,
                             items=(1, 24))


@dataclass(kw_only=True)
class DestinationsChart(ChartBase):
    kind: Literal["destinations"] = spec("Chart kind: routes from one origin to destinations, by group.")
    origin: str = spec("Where the routes start.", example="Thüringen", max_length=30)
    groups: list[DestinationGroup] = spec("Groups of destinations, each drawn in its own colour.", items=(1, 8))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        places = sum(len(g.places) for g in self.groups)
        if places > 24:
            diag.error(self.pos, "too many destinations for one diagram (more than 24)",
                       "split the destinations into two charts")
        elif self.height < DESTINATION_ROW_MM * (places + len(self.groups)):
            need = DESTINATION_ROW_MM * (places + len(self.groups))
            diag.error(ctx.value_pos(self, "height"), f"{places} destinations in {len(self.groups)} groups do not "
                       f"fit a chart {self.height:g} mm high", f"make it at least {need:g} mm high")


CHART_KINDS: dict[str, type] = {
    "bar": BarChart,
    "destinations": DestinationsChart,
}


# --- the loaded document -----------------------------------------------------


@dataclass
class Document:
    report: Report
    sections: list[Any]
    charts: dict[str, Any]
    content_dir: Path
    assets_dir: Path


# --- generic reader ------------------------------------------------------------

INVALID = object()


@dataclass
class ReadContext:
    """Where relative paths point, and the positions of fields of built objects."""

    content_dir: Path
    assets_dir: Path
    project_dir: Path
    positions: dict[int, tuple[dict, dict]] = field(default_factory=dict)

    def value_pos(self, obj: Node, key: str) -> Pos:
        value_pos, _ = self.positions.get(id(obj), ({}, {}))
        return value_pos.get(key, obj.pos)

    def item_pos(self, obj: Node, key: str, index: int) -> Pos:
        _, items = self.positions.get(id(obj), ({}, {}))
        seq = items.get(key)
        return seq[index] if seq and index < len(seq) else self.value_pos(obj, key)


def _type_name(tp: Any) -> str:
    if tp in (float, int):
        return "a number"
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
                return None
            inner = [a for a in args if a is not type(None)]
            return self.read(value, pos, inner[0], what)
        if value is None:
            self.diag.error(pos, f"{what}: a value is missing", f"write {_type_name(tp)} after the colon")
            return INVALID
        if origin is Literal:
            if value not in args:
                self.diag.error(pos, f"{what}: {_got(value)} is not one of {', '.join(map(str, args))}",
                                self._did_you_mean(str(value), [str(a) for a in args]))
                return INVALID
            return value
        if origin is list:
            return self._read_list(value, pos, args[0] if args else Any, what)
        if dataclasses.is_dataclass(tp):
            return self._read_object(value, pos, tp, what)
        if tp in (float, int):
            return self._read_number(value, pos, tp, what)
        if tp in (str, Markup, AssetPath):
            return self._read_text(value, pos, tp, what)
        if tp is bool:
            if not isinstance(value, bool):
                self.diag.error(pos, f"{what}: expected true or false, got {_got(value)}")
                return INVALID
            return value
        raise TypeError(f"model type {tp!r} has no reader")  # a bug in the model, not in content

    # -- scalars

    def _read_number(self, value: Any, pos: Pos, tp: type, what: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = "write numbers without quotes, e.g. 20"
            if isinstance(value, str) and re.fullmatch(r"[-+]?\d+(\.\d*)?[eE][-+]?\d+", value.strip()):
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

    def _read_text(self, value: Any, pos: Pos, tp: type, what: str) -> Any:
        if isinstance(value, bool) or isinstance(value, (YMap, YSeq)):
            hint = "put the text in quotes" if isinstance(value, bool) else "write plain text here"
            self.diag.error(pos, f"{what}: expected text, got {_got(value)}", hint)
            return INVALID
        text = " ".join(str(value).split())  # YAML line folding and stray double spaces
        bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")), None)
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
            return Markup(text)
        if tp is AssetPath:
            return self._read_asset(text, pos, what)
        return text

    def _read_asset(self, text: str, pos: Pos, what: str) -> Any:
        from .assets import resolve_asset
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
        shorthand = getattr(cls, "SHORTHAND", None)
        if shorthand and value is not None and not isinstance(value, (YMap, YSeq)):
            value = _one_key(shorthand, value, pos)
        if not isinstance(value, YMap):
            self.diag.error(pos, f"{what}: expected a block of keys, got {_got(value)}",
                            "indent the keys of this block under it")
            return INVALID
        hints = typing.get_type_hints(cls)
        flds = {f.name: f for f in dataclasses.fields(cls) if f.init}
        ok = True
        for key in value:
            if key not in flds:
                self.diag.error(value.key_pos[key], f"{what}: unknown key '{key}'",
                                self._did_you_mean(key, list(flds)))
                ok = False
        kwargs = {}
        for name, f in flds.items():
            if name not in value:
                if f.default is MISSING and f.default_factory is MISSING:
                    example = f.metadata.get("example")
                    hint = f"add '{name}:' ({f.metadata.get('description', '')})"
                    if example is not None and not isinstance(example, (list, dict)):
                        hint += f", e.g. {name}: {example}"
                    self.diag.error(value.pos, f"{what}: missing required key '{name}'", hint)
                    ok = False
                continue
            if name == "blocks":
                result = self._read_blocks(value[name], value.value_pos[name], what)
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
        obj.check(self.diag, self.ctx)
        return obj

    def _within_limits(self, meta: Any, result: Any, block: YMap, name: str, what: str) -> bool:
        """The spec's bounds (items, between, max_length): room the design has, values that make sense."""
        ok = True
        pos = block.value_pos[name]
        bounds = meta.get("items")
        if bounds and isinstance(result, list) and not bounds[0] <= len(result) <= bounds[1]:
            lo, hi = bounds
            self.diag.error(pos, f"{what}: {name}: {len(result)} items given, but {lo} to {hi} are needed",
                            f"give at least {lo} and at most {hi}"
                            + (" (split it into two)" if len(result) > hi else ""))
            ok = False
        between = meta.get("between")
        if between:
            numbers = result if isinstance(result, list) else [result]
            item_pos = getattr(block[name], "item_pos", None) or [pos] * len(numbers)
            for i, (number, npos) in enumerate(zip(numbers, item_pos, strict=False)):
                if not between[0] <= number <= between[1]:
                    label = f"{name}[{i + 1}]" if isinstance(result, list) else name
                    self.diag.error(npos, f"{what}: {label} = {number:g} is out of range",
                                    f"use a value from {between[0]:g} to {between[1]:g}")
                    ok = False
        limit = meta.get("max_length")
        if limit:
            texts = result if isinstance(result, list) else [result]
            item_pos = getattr(block[name], "item_pos", None) or [pos] * len(texts)
            for i, (text, tpos) in enumerate(zip(texts, item_pos, strict=False)):
                if isinstance(text, str) and len(text) > limit:
                    label = f"{name}[{i + 1}]" if isinstance(result, list) else name
                    self.diag.error(tpos, f"{what}: {label} is {len(text)} characters long; at most {limit} fit",
                                    "shorten it: this text is set on one line or in a fixed box")
                    ok = False
        return ok

    def read_kind(self, value: Any, pos: Pos, kinds: dict[str, type], what: str) -> Any:
        """Read an object whose class is chosen by its `kind` key."""
        if not isinstance(value, YMap):
            self.diag.error(pos, f"{what}: expected a block of keys, got {_got(value)}")
            return INVALID
        kind = value.get("kind")
        if not isinstance(kind, str) or kind not in kinds:
            where = value.value_pos.get("kind", value.pos)
            msg = f"{what}: unknown kind {_got(kind)}" if "kind" in value else f"{what}: missing required key 'kind'"
            self.diag.error(where, msg, f"known kinds: {', '.join(kinds)}")
            return INVALID
        return self.read(value, pos, kinds[kind], what)

    def _read_blocks(self, value: Any, pos: Pos, what: str) -> Any:
        if not isinstance(value, YSeq):
            self.diag.error(pos, f"{what}: blocks: expected a list, got {_got(value)}",
                            "write each block on its own line starting with '- ', e.g. - paragraph: …")
            return INVALID
        out = []
        for item, ipos in zip(value, value.item_pos, strict=False):
            if not isinstance(item, YMap) or len(item) != 1:
                self.diag.error(ipos, f"{what}: each block is one key naming its kind",
                                f"e.g. '- paragraph: Text', known kinds: {', '.join(BLOCK_KINDS)}")
                out.append(INVALID)
                continue
            (kind, body), = item.items()
            if kind not in BLOCK_KINDS:
                self.diag.error(item.key_pos[kind], f"{what}: unknown block kind '{kind}'",
                                self._did_you_mean(kind, list(BLOCK_KINDS)))
                out.append(INVALID)
                continue
            cls, shorthand = BLOCK_KINDS[kind]
            bpos = item.value_pos[kind]
            if shorthand and not isinstance(body, YMap):
                body = _one_key(shorthand, body, bpos)
            out.append(self.read(body, bpos, cls, f"{what}: {kind}"))
        return INVALID if any(b is INVALID for b in out) else out

    @staticmethod
    def _did_you_mean(word: str, known: list[str]) -> str:
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
        listing = f"known: {', '.join(known)}"
        return f"did you mean '{close[0]}'? ({listing})" if close else listing


def _one_key(key: str, value: Any, pos: Pos) -> YMap:
    """A plain value written where a block of keys may stand: `- paragraph: "…"` is {text: "…"}."""
    body = YMap({key: value})
    body.pos, body.key_pos, body.value_pos = pos, {key: pos}, {key: pos}
    return body


def read_or_raise(value: Any, pos: Pos, tp: type, what: str, ctx: ReadContext) -> Any:
    """Read one object, raising every problem found (for small standalone files like the theme)."""
    diag = Diagnostics()
    obj = Reader(diag, ctx).read(value, pos, tp, what)
    diag.raise_if_errors()
    if obj is INVALID:  # pragma: no cover - the reader always records why
        raise ReportError(diag.items)
    return obj
