"""Blocks inside a text section. BLOCK_KINDS is the registry: one line per kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import markup
from ..errors import Diagnostics
from ..load import YFloat, YInt, YSeq
from .numbers import comma_splits
from .reader import AssetPath, Markup, Node, ReadContext, id_spec, spec
from .tables import Table


@dataclass(kw_only=True)
class Paragraph(Node):
    text: Markup = spec("A paragraph of body text.", example="Bereits im März zog es uns …",
                        example_en="In March we travelled to …")


@dataclass(kw_only=True)
class Quote(Node):
    text: Markup = spec("The quoted sentence, set large as a pull quote.",
                        example="Eines der erfolgreichsten Jahre", example_en="One of our most successful years")
    attribution: str | None = spec("Who said it, if anyone.", default=None)
    repeat: bool = spec("The quote repeats a sentence of the body text (a pull quote): screen readers "
                        "skip it, so it is not read twice.", default=False, example=True)
    size: Literal["large", "body"] = spec(
        "large: a pull quote in display type (default); body: a longer quotation, a testimonial, set at the "
        "text's size in italic, justified and hyphenated like the text.", default="large", example="body")


def place_spec(what: str) -> Any:
    """Whether a figure may go on at the next page's top, the text after it filling the page before
    (layout.floats), or stays where it stands."""
    return spec(
        f"auto: where the rest of a page has no room for {what} and more than five lines of it would stay empty, "
        "the paragraphs and lists after it fill that room and it stands at the top of the next page (an image in "
        "a column of a two-column section: of the next column, whatever the room), the text going on under it; "
        "never past a sub-heading, another block or the section's end. here: it stays where it stands in the "
        "text and, where it does not fit, moves on whole and leaves the rest of the page empty.", default="auto",
        example="here")


@dataclass(kw_only=True)
class ChartRef(Node):
    id: str = spec("Name of a chart file in charts/ without .yaml.", example="aktivitaeten", example_en="activities")
    place: Literal["auto", "here"] = place_spec("the chart")


# the words an author may try for a focus point, as the point they mean: [across, down] in percent
FOCUS_WORDS = {"left": (0, None), "right": (100, None), "top": (None, 0), "bottom": (None, 100),
               "center": (None, None), "centre": (None, None), "middle": (None, None)}


def focus_spec(description: str) -> Any:
    """A photo's focus point: kept as positioned YAML, read by `read_focus` in the class's check()."""
    f = spec(description, default=None, example=[30, 50])
    schema = {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 100}, "minItems": 2,
              "maxItems": 2}
    return field(default=None, metadata={**f.metadata, "json_schema": schema})


FOCUS_DESCRIPTION = (
    "Where the photo's subject is, as [across, down] in percent of the photo's width and height from its top "
    "left corner (as an image editor's cursor shows it): [0, 50] is the middle of its left edge, [50, 50] its "
    "centre (default). Where the photo is cropped to fill the page, the crop keeps this point as near to the "
    "page's centre as the photo reaches.")


def read_focus(obj: Any, what: str, diag: Diagnostics, ctx: Any) -> tuple[float, float] | None:
    """The focus point written as [across, down] in percent, as fractions (0–1); None where none is written
    or it is wrong (an error then says how to write it)."""
    value = obj.focus
    if value is None:
        return None
    pos = ctx.value_pos(obj, "focus")
    example = "e.g. focus: [30, 50] (30 % from the left edge, half-way down)"
    if not isinstance(value, YSeq):
        text = str(value).strip()
        shown = "a block of keys" if isinstance(value, dict) else repr(text)
        words = [w for w in re.split(r"[\s,/-]+", text.lower()) if w]
        numbers = re.findall(r"\d+(?:[.,]\d+)?", text)
        if words and all(w in FOCUS_WORDS for w in words):
            x = next((FOCUS_WORDS[w][0] for w in words if FOCUS_WORDS[w][0] is not None), 50)
            y = next((FOCUS_WORDS[w][1] for w in words if FOCUS_WORDS[w][1] is not None), 50)
            hint = f"for {text!r} write focus: [{x}, {y}]: across, then down, in percent from the top left corner"
        elif len(numbers) == 2 and not isinstance(value, (dict, YInt, YFloat)):
            hint = f"write the two numbers as a list, without %: focus: [{numbers[0]}, {numbers[1]}]"
        else:
            hint = f"write two numbers, across then down, in percent from the photo's top left corner, {example}"
        diag.error(pos, f"{what}: focus: {shown} is not a point in the photo", hint)
        return None
    if len(value) != 2:
        diag.error(pos, f"{what}: focus: {len(value)} number{'' if len(value) == 1 else 's'} given; a point is two, "
                   "across then down",
                   f"write [across, down] in percent from the photo's top left corner, {example}")
        return None
    point = []
    for i, (item, ipos) in enumerate(zip(value, value.item_pos, strict=True)):
        edges = ("left", "right") if i == 0 else ("top", "bottom")
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            bare = [re.sub(r"\s*%\s*$", "", str(v).strip()) for v in value]
            if str(item).strip().endswith("%"):
                hint = f"write the percentages without %: focus: [{bare[0]}, {bare[1]}]"
            else:
                hint = f"write a number from 0 (the {edges[0]} edge) to 100 (the {edges[1]} edge)"
            diag.error(ipos, f"{what}: focus[{i + 1}]: {str(item)!r} is not a number", hint)
            return None
        if not 0 <= item <= 100:
            diag.error(ipos, f"{what}: focus[{i + 1}] = {item:g} is out of range",
                       f"use a value from 0 (the {edges[0]} edge) to 100 (the {edges[1]} edge)")
            return None
        point.append(float(item) / 100)
    return point[0], point[1]


@dataclass(kw_only=True)
class Figure(Node):
    # an image in the text needs its caption; a page photo may go without (the schema says so to editors)
    # a decorative image has no alt, any other one needs it
    SCHEMA_RULES = {"allOf": [{"if": {"properties": {"size": {"const": "page"}}, "required": ["size"]},
                               "else": {"required": ["caption"]}},
                              {"if": {"properties": {"decorative": {"const": True}}, "required": ["decorative"]},
                               "then": {"not": {"required": ["alt"]}}, "else": {"required": ["alt"]}}]}

    image: AssetPath = spec("Image file relative to assets/.", example="images/messe.jpg",
                            example_en="images/picture.jpg")
    caption: Markup | None = spec("Caption under the image (required for an image in the text; a page photo's is "
                                  "optional and stands on the photo).", default=None)
    credit: str | None = spec("Image credit: under the caption (on a page photo: small on the photo), and in the "
                              "image credits on the closing page with the page it is on.", default=None)
    alt: str | None = spec("What the image shows, for readers who cannot see it (needed unless the image is "
                           "decorative).", default=None)
    decorative: bool = spec(
        "true: the image only decorates (a mood photo, an ornament) and says nothing the text does not: the screen "
        "edition marks it as an artifact, which screen readers skip, instead of a Figure read out by its alt; "
        "then without alt. A caption or credit is still read.", default=False, example=True)
    size: Literal["text", "page"] = spec(
        "text: in the text, as wide as `width` says (default); page: a page of its own, the photo filling it to "
        "the trim's edges (in print to the bleed's), cropped to fill and centred, without running head or "
        "folio, its caption and credit on a dark scrim at its foot. As a section's first block, a page photo "
        "opens the section: it stands on the page before the section's title.", default="text", example="page")
    focus: Any = focus_spec(FOCUS_DESCRIPTION + " For a photo with size: page.")
    width: int | None = spec("Width in percent of the full width (the text frame, both columns of a two-column "
                             "section), aspect ratio kept; never taller than the page leaves room for with its "
                             "caption. Default: the full width, a portrait at most 60 % of the page high. In a "
                             "two-column section an image no wider than a column (and a portrait without a "
                             "width: a column wide) stands in a column; a wider one spans both.",
                             default=None, example=50, between=(10, 100))
    align: Literal["left", "center", "right"] = spec(
        "Where an image narrower than the full width (or than its column) stands. Its caption is as wide as the "
        "image (at least a third of the full width) and starts at the image's left edge.", default="center",
        example="left")
    wrap: bool = spec(
        "Text beside the image: where an image set `left` or `right` leaves room beside it for at least 25 "
        "characters of body text, the paragraphs that follow run beside it (a column gap away; its caption and "
        "credit under it, as wide as the image), then on at the full width below it. What is not a paragraph "
        "(a heading, quote, list, box …) starts below the image. false: the image stands alone across the "
        "width. Two-column sections never set text beside an image.", default=True, example=False)
    place: Literal["auto", "here"] = place_spec("the image")
    id: str | None = id_spec("the image", "messestand", "stand")

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        if self.alt is None and not self.decorative:
            diag.error(self.pos, "image: missing required key 'alt'",
                       "add 'alt:' (what the image shows, for readers who cannot see it), or decorative: true for "
                       "an image that only decorates (screen readers skip it)")
        if self.alt is not None and self.decorative:
            diag.error(ctx.value_pos(self, "alt"), "image: an image with decorative: true has no alt (screen "
                       "readers skip it)", "remove alt:, or remove decorative: true if the image shows something "
                       "the text needs")
        if self.size == "text" and self.caption is None:
            diag.error(self.pos, "image: missing required key 'caption'",
                       "add 'caption:' (Caption under the image.); only a photo with size: page may go without")
        if self.size == "text" and self.focus is not None:
            diag.error(ctx.value_pos(self, "focus"), "image: focus is for a photo with size: page, which is "
                       "cropped to fill its page; an image in the text is shown whole",
                       "remove focus:, or add size: page")
        self.focus = read_focus(self, "image", diag, ctx) if self.size == "page" else None
        if self.size == "page":
            for name in ("width", "align", "place"):
                if name in self.field_pos:
                    diag.error(ctx.value_pos(self, name), f"image: {name} is for an image in the text; a photo with "
                               "size: page fills its page", f"remove {name}:, or remove size: page")


GRID_MIN_CELL_MM = 45  # a grid's cell is at least this wide (~28 characters of body text): else fewer columns


@dataclass(kw_only=True)
class GridItem(Node):
    """One cell of a grid: a chart, an image, or a card (an image with a title, a few lines and a note)."""

    SCHEMA_RULES = {"oneOf": [{"required": ["chart"], "not": {"required": ["image"]}},
                              {"required": ["image", "alt"], "not": {"required": ["chart"]}}]}

    chart: str | None = spec("A chart: its file in charts/ without .yaml, drawn at the cell's width with its title, "
                             "caption and source (a donut's or pie's labels as a legend under the ring).",
                             default=None, example="herkunft", example_en="income")
    image: AssetPath | None = spec("An image file relative to assets/: shown whole at the cell's width, or, with "
                                   "a title, a card's photo, cropped to 3:2.", default=None,
                                   example="images/projekt.jpg", example_en="images/project.jpg")
    alt: str | None = spec("What the image shows, for readers who cannot see it (needed with an image).",
                           default=None, example="Kinder lesen in der Bibliothek",
                           example_en="Children reading in the library")
    caption: Markup | None = spec("Caption under an image (optional; not for a card, whose title and text say it).",
                                  default=None)
    credit: str | None = spec("Image credit: small under the image, and in the image credits on the closing page.",
                              default=None, example="Foto: Anna Krüger", max_length=120,
                              example_en="Photo: Anna Kruger")
    focus: Any = focus_spec(FOCUS_DESCRIPTION.replace("the page's centre", "the card's centre")
                            + " For a card's photo.")
    title: str | None = spec("Makes the image a card: its title, bold under the photo.", default=None,
                             example="Der Lesekoffer", max_length=80, example_en="The reading suitcase")
    text: Markup | None = spec("A card's text: a few lines under its title (inline markup allowed).", default=None,
                               example="Zwanzig Koffer mit je vierzig Büchern wandern von Kita zu Kita.",
                               example_en="Twenty suitcases of forty books travel from nursery to nursery.")
    note: Markup | None = spec("A card's small last line, e.g. place and partner.", default=None,
                               example="Ort: Eilenburg · Partner: Kreisvolkshochschule",
                               example_en="Place: Leeds · Partner: Leeds Libraries")
    id: str | None = id_spec("the item (a chart in a grid is also named by its chart's name)", "lesekoffer",
                             "reading-suitcase")

    @property
    def card(self) -> bool:
        return self.image is not None and self.title is not None

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        own = [k for k in ("alt", "caption", "credit", "focus", "title", "text", "note") if k in self.field_pos]
        if self.chart is not None and self.image is not None:
            diag.error(ctx.value_pos(self, "image"), "grid: an item is a chart or an image, not both",
                       "give each its own item: - chart: … and - image: …")
            return
        elif self.chart is not None and own:
            diag.error(ctx.value_pos(self, own[0]), f"grid: {own[0]} is not for a chart: its title, caption, source "
                       "and alt are in its file", f"write it in charts/{self.chart}.yaml, or remove {own[0]}:")
        elif self.chart is None and self.image is None:
            diag.error(self.pos, "grid: an item needs chart: or image:",
                       "e.g. - chart: " + ctx.says("herkunft", "income") + ", or - image: images/… with alt: "
                       "(and title: and text: for a card)")
        if self.image is None:
            return
        if self.alt is None:
            diag.error(ctx.value_pos(self, "image"), "grid: the image has no alt",
                       "add 'alt:' (what the image shows, for readers who cannot see it), e.g. alt: "
                       + ctx.says("Kinder lesen in der Bibliothek", "Children reading in the library"))
        if self.title is None:
            for key in ("text", "note", "focus"):
                if key in self.field_pos:
                    diag.error(ctx.value_pos(self, key), f"grid: {key} is for a card, which has a title",
                               f"add title: (a card: photo, title, text, note), or remove {key}:")
        elif self.caption is not None:
            diag.error(ctx.value_pos(self, "caption"), "grid: a card has no caption: its title and text say "
                       "what it shows", "write it as text:, or remove title: for an image with a caption")
        self.focus = read_focus(self, "grid", diag, ctx) if self.card else None


@dataclass(kw_only=True)
class Grid(Node):
    """Charts, images or cards side by side, in rows; a row is never split, a grid splits between its rows."""

    columns: int = spec("2 or 3 cells side by side over the full width (in a two-column section across both). "
                        "Where a cell would be narrower than 45 mm (3 on A5), fewer.", default=2, example=2,
                        between=(2, 3))
    items: list[GridItem] = spec("The cells in reading order, row by row: each {chart: …}, {image: …, alt: …, "
                                 "caption: …}, or a card {image: …, alt: …, title: …, text: …, note: …}.",
                                 example=[{"chart": "herkunft"}, {"chart": "verwendung"}], items=(1, None))
    place: Literal["auto", "here"] = place_spec("its first row")

    def columns_in(self, width: float, gap: float) -> int:
        """How many cells stand side by side in `width` (points) with `gap` between them: `columns`,
        fewer where a cell would be narrower than GRID_MIN_CELL_MM."""
        n = self.columns
        while n > 1 and (width - (n - 1) * gap) / n < GRID_MIN_CELL_MM * 72 / 25.4:
            n -= 1
        return n

    def rows(self, width: float, gap: float) -> list[list[GridItem]]:
        n = self.columns_in(width, gap)
        return [self.items[i:i + n] for i in range(0, len(self.items), n)]


def chart_refs(block: Any) -> list[tuple[str, Any]]:
    """The charts a block places, with where each is named: (id, position)."""
    if isinstance(block, ChartRef):
        return [(block.id, block.pos)]
    if isinstance(block, Grid):
        return [(item.chart, item.field_pos.get("chart", item.pos)) for item in block.items if item.chart]
    return []


@dataclass(kw_only=True)
class Heading(Node):
    text: str = spec("A sub-heading inside the section (bookmark under the section; kept with what follows).",
                     example="Messen und Gemeinschaftsstände", max_length=120,
                     example_en="Trade fairs and joint stands")
    level: int = spec("2: under the section title; 3: under a level-2 sub-heading.", default=2, example=2,
                      between=(2, 3))
    id: str | None = id_spec("the sub-heading", "messen", "trade-fairs")


    def check(self, diag: Diagnostics, ctx: Any) -> None:
        check_no_markup(self, "text", "heading", diag, ctx)


def check_no_markup(obj: Node, key: str, what: str, diag: Diagnostics, ctx: Any) -> None:
    """A warning where a heading or title (text without inline markup) holds **bold** or *italic*: its
    asterisks print as typed, "Les *expositions* du cabinet"."""
    text = getattr(obj, key, None)
    if text and markup.emphasis_at(text) is not None:
        diag.warning(ctx.value_pos(obj, key), f"{what} {text!r} takes no inline markup: its asterisks print as typed",
                     "remove them: a heading or title is set in one style (bold); **bold** and *italic* are for "
                     "paragraphs, lists, quotes, notes and captions")


@dataclass(kw_only=True)
class Question(Node):
    text: Markup = spec("An interview question: set bold and ragged, and kept on its page with the first lines of "
                        "the answer, the paragraphs that follow it.",
                        example="Frau Demir, was hat Sie 2025 am meisten überrascht?",
                        example_en="Ms Demir, what surprised you most in 2025?")


@dataclass(kw_only=True)
class Break(Node):
    to: Literal["page"] = spec("page: what follows starts on a new page (no empty page where one has just begun). "
                               "In a two-column section the columns before the break are balanced and two columns "
                               "go on on the new page.", example="page")


@dataclass(kw_only=True)
class ListItem(Node):
    SHORTHAND = "text"  # an item may be written as plain text
    text: Markup = spec("The item's text (inline markup allowed).", example="Kalifornien", example_en="California")
    items: list[Markup] = spec("Items nested under this one (one level).", default=[], example=["Detroit"],
                               items=(0, 30))

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        check_split_numbers(self, [str(t) for t in self.items], diag, ctx)


@dataclass(kw_only=True)
class ListBlock(Node):
    style: Literal["bullet", "number", "none"] = spec(
        "Bullets or numbers in front of the items, or none (no label and no indent: a list of names).",
        default="bullet", example="bullet")
    items: list[ListItem] = spec("The items; each is text, or {text: …, items: [...]} with one nested level.",
                                 example=["Kalifornien", "Japan"], items=(1, None))
    columns: int = spec("Set the items in 1 to 4 balanced columns, down the first column first; in 2 to 4 "
                        "the list is a wide block, like a table, over the full width (in a two-column section "
                        "across both), its items never broken between columns or pages; in one column a long item "
                        "may go on on the next page, with two lines at least on each. 4 where each column is at "
                        "least 45 mm wide (A4 landscape, 16:9), else 3.", default=1, example=3, between=(1, 4))

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        check_split_numbers(self, [str(item.text) if isinstance(item, ListItem) else "" for item in self.items],
                            diag, ctx)


def check_split_numbers(obj: Node, texts: list[str], diag: Diagnostics, ctx: Any) -> None:
    """A warning where a list's comma split a number: in `[under £10,000, one reference]` YAML reads
    the items 'under £10' and '000', in `[Baubeginn 2025, 3,2 km]` '3' and '2 km'. Told by where the
    items stand: a digit, the comma, a digit, with no space between (`[Phase 1, 200 Stationen]` has one)."""
    for i in comma_splits(texts, [ctx.item_pos(obj, "items", k) for k in range(len(texts))]):
        before, after = texts[i - 1], texts[i]
        diag.warning(ctx.item_pos(obj, "items", i - 1), f"list items {i} and {i + 1} ({before[-20:]!r} and "
                     f"{after[:20]!r}) look like one number split by the comma between items",
                     "quote the item with the number, e.g. - " + ctx.says('"3,2 km"', '"under £10,000"')
                     + ", or write the items one per line")


@dataclass(kw_only=True)
class Note(Node):
    text: Markup = spec("Small print: a rounding note, a methodology remark.",
                        example="Alle Zahlen sind gerundet.", example_en="All figures are rounded.")
    label: str | None = spec("A label in front of the note, e.g. Hinweis.", default=None, example="Hinweis",
                             max_length=40)


MAX_DATE_CHARS = 24  # a timeline's date: what its column holds in two lines ("14.–16. September 2025")


def _date_spec() -> Any:
    """A timeline's date: text, whose length check() reports with its own hint; the schema shows editors the limit."""
    f = spec("When it happened, as it prints: a month, a day, a quarter, a season (Januar, 12. März, Q3, "
             f"Frühjahr 2026), up to {MAX_DATE_CHARS} characters. Set bold in the date column.", example="12. März",
             example_en="12 March")
    schema = {"type": "string", "minLength": 1, "maxLength": MAX_DATE_CHARS}
    return field(metadata={**f.metadata, "json_schema": schema})


@dataclass(kw_only=True)
class TimelineEntry(Node):
    """One entry of a timeline: its date, an optional title and what happened."""

    PAIR = ("date", "text")  # `- März: Messe in Berlin` is one key and its value to YAML: the reader says so
    date: str = _date_spec()
    title: str | None = spec("A short title, bold above the entry's text (optional).", default=None,
                             example="Neue Leitstelle", max_length=80, example_en="New control room")
    text: Markup = spec("What happened, in a sentence or two (inline markup allowed).",
                        example="Die neue Leitstelle geht in Betrieb.", example_en="The new control room opens.")

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        if len(self.date) > MAX_DATE_CHARS:
            diag.error(ctx.value_pos(self, "date"), f"timeline: date {self.date!r} is {len(self.date)} characters "
                       f"long; the date column holds {MAX_DATE_CHARS} at most",
                       "shorten it to the date, e.g. "
                       + ctx.says("'14.–16. Sept.' or 'Q1'", "'14–16 Sept' or 'Q1'", fr="'14–16 sept.' or 'T1'",
                                  nl="'14–16 sept.' or 'K1'")
                       + ", and say the rest in the text")


@dataclass(kw_only=True)
class Timeline(Node):
    """A chronicle, the year at a glance: dated entries in order, the dates in a column on the left."""

    title: str | None = spec("Title over the timeline (optional).", default=None, example="Das Jahr im Rückblick",
                             max_length=80, example_en="The year at a glance")
    entries: list[TimelineEntry] = spec(
        "The dated entries in order, each {date: …, text: …} with an optional title: the dates in a column on "
        "the left, a thin rule with a dot for each entry, the text beside it.",
        example=[{"date": "Januar", "text": "Neujahrsempfang mit 300 Gästen."}], items=(1, None))


@dataclass(kw_only=True)
class Signatory(Node):
    name: str = spec("The person's name under their signature.", example="Dr. Anna Becker", max_length=80,
                     example_en="Dr Jane Doe")
    role: str | None = spec("Their role.", default=None, example="Geschäftsführerin", max_length=120,
                            example_en="Chief Executive")
    signature: AssetPath | None = spec("Their signature as PNG with a transparent background (optional).",
                                       default=None, example="images/unterschrift-becker.png")
    portrait: AssetPath | None = spec("Their portrait photo, relative to assets/ (optional): the portraits stand "
                                      "one under the other in the margin column, in the order of the list, each "
                                      "with the name and role under it.",
                                      default=None, example="images/portrait-becker.jpg")
    portrait_alt: str | None = spec("What the portrait shows (needed with a portrait).", default=None,
                                    example="Porträt von Dr. Anna Becker", example_en="Portrait of Dr Jane Doe")
    portrait_credit: str | None = spec("Photo credit of the portrait: small under it, and in the image credits on "
                                       "the closing page (optional).", default=None, example="Foto: Max Muster",
                                       max_length=120, example_en="Photo: Max Muster")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if self.portrait and not self.portrait_alt:
            diag.error(ctx.value_pos(self, "portrait"), f"signatory '{self.name}': the portrait has no portrait_alt",
                       "add 'portrait_alt:' (what the portrait shows), e.g. portrait_alt: "
                       + ctx.says(f"Porträt von {self.name}", f"Portrait of {self.name}"))
        for key in ("portrait_alt", "portrait_credit"):
            if getattr(self, key) and not self.portrait:
                diag.error(ctx.value_pos(self, key), f"signatory '{self.name}': {key} without a portrait",
                           f"add 'portrait:' (the photo, relative to assets/), or remove {key}")



@dataclass(kw_only=True)
class Signatures(Node):
    """Signatures at the end of a text: the place and date, then the signers side by side — a management
    report signed by the board, an auditor's opinion, a statement of the trustees."""

    place: str | None = spec("The place and date above the signatures (optional).", default=None,
                             example="Traunstadt, am 15. März 2027", example_en="London, 15 March 2027", max_length=120)
    signatories: list[Signatory] = spec(
        "The signers, each with name, optional role and signature (a PNG with a transparent background): side "
        "by side in the order of the list, in one row.",
        example=[{"name": "Mag. Georg Obermayr", "role": "Wirtschaftsprüfer"},
                 {"name": "Mag.a Julia Sturm", "role": "Wirtschaftsprüferin"}], items=(1, 4))

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        for person in self.signatories:
            if person.portrait:
                diag.error(ctx.value_pos(person, "portrait"), f"signatures: '{person.name}' has a portrait",
                           "portraits stand beside a foreword's letter; under a text only the signatures, names "
                           "and roles do: remove portrait: here")


# what a box may hold: kind → (class, field that a plain value fills)
BOX_KINDS: dict[str, tuple[type, str | None]] = {
    "paragraph": (Paragraph, "text"),
    "list": (ListBlock, "items"),
    "note": (Note, "text"),
    "heading": (Heading, "text"),
}


@dataclass(kw_only=True)
class Box(Node):
    title: str | None = spec("Title of the box, e.g. Auf einen Blick.", default=None, example="Auf einen Blick",
                             max_length=80)
    blocks: list[Any] = spec("What the box holds, in reading order: " + ", ".join(BOX_KINDS) + ".",
                             example=[{"paragraph": "Text …"}], kinds=BOX_KINDS)

    def check(self, diag: Diagnostics, ctx: Any) -> None:
        check_last_heading(self.blocks, diag)
        check_no_markup(self, "title", "box title", diag, ctx)


# kind → (class, field that a plain value fills: `- paragraph: "…"`)
BLOCK_KINDS: dict[str, tuple[type, str | None]] = {
    "paragraph": (Paragraph, "text"),
    "quote": (Quote, "text"),
    "chart": (ChartRef, "id"),
    "image": (Figure, None),
    "table": (Table, None),
    "grid": (Grid, None),
    "heading": (Heading, "text"),
    "list": (ListBlock, "items"),
    "note": (Note, "text"),
    "box": (Box, None),
    "question": (Question, "text"),
    "break": (Break, "to"),
    "timeline": (Timeline, "entries"),
    "signatures": (Signatures, "signatories"),
}


def check_last_heading(blocks: list[Any], diag: Diagnostics) -> None:
    """A sub-heading or a question introduces what follows it: it cannot end a section or a box."""
    if blocks and isinstance(blocks[-1], Heading):
        diag.error(blocks[-1].pos, f"heading {blocks[-1].text!r} is the last block: nothing follows it",
                   "add the text it introduces after it, or remove the heading")
    if blocks and isinstance(blocks[-1], Question):
        diag.error(blocks[-1].pos, f"question {blocks[-1].text[:40]!r} is the last block: its answer is missing",
                   "add the answer after it, e.g. - paragraph: …")


def check_heading_levels(blocks: list[Any], diag: Diagnostics) -> None:
    """A level-3 heading stands under a level-2 one: before the first level-2 heading of a section it
    skips a level (screen readers and the PDF/UA heading order expect none skipped)."""
    for block in blocks:
        if isinstance(block, Heading) and block.level == 2:
            return
        if isinstance(block, Heading) and block.level == 3:
            diag.warning(block.field_pos.get("level", block.pos),
                         f"heading {block.text!r} is level 3 but no level-2 heading comes before it in its section",
                         "write level: 2 (or leave level out); level 3 goes under a level-2 heading")
            return


def check_breaks(blocks: list[Any], diag: Diagnostics) -> None:
    """A page break stands between text: not first (that is `page: new`), not last (it would leave an
    empty page or strand the footnotes), not after what must stay with what follows it."""
    for i, block in enumerate(blocks):
        if not isinstance(block, Break):
            continue
        if i == 0:
            diag.error(block.pos, "a page break is the first block of the section",
                       "to start the section on a new page, write page: new on the section instead")
        elif i == len(blocks) - 1:
            diag.error(block.pos, "a page break is the last block of the section",
                       "remove it; to start the next section on a new page, write page: new there")
        elif isinstance(blocks[i - 1], (Heading, Question)):
            what = "heading" if isinstance(blocks[i - 1], Heading) else "question"
            diag.error(block.pos, f"a page break right after a {what}: the {what} would end its page alone",
                       f"put the break before the {what}")


def check_page_photos(blocks: list[Any], diag: Diagnostics) -> None:
    """A page photo takes a page of its own: after a sub-heading or a question, that would end its page
    alone (a section's title is set after the photos that open the section), as would a section's
    title with nothing but page photos."""
    if blocks and all(isinstance(b, Figure) and b.size == "page" for b in blocks):
        diag.error(blocks[0].pos, "the section holds only photos with size: page: its title would stand alone "
                   "on a page", "add the section's text after the photos, or move them into the section before")
    for i, block in enumerate(blocks):
        if isinstance(block, Figure) and block.size == "page" and i and isinstance(blocks[i - 1], (Heading, Question)):
            what = "heading" if isinstance(blocks[i - 1], Heading) else "question"
            diag.error(block.pos, f"a photo with size: page right after a {what}: the {what} would end its page "
                       "alone", f"put the photo before the {what}")


def block_texts(block: Any) -> list[str]:
    """The marked-up texts of a block (for checks across a section, e.g. footnote references)."""
    if isinstance(block, Box):
        return [t for b in block.blocks for t in block_texts(b)]
    if isinstance(block, ListBlock):
        return [t for item in block.items for t in (item.text, *item.items)]
    if isinstance(block, Grid):
        return [t for item in block.items for t in (item.caption, item.text, item.note) if t]
    if isinstance(block, Timeline):
        return [entry.text for entry in block.entries]
    text = getattr(block, "text", None)
    return [text] if isinstance(text, str) else []

