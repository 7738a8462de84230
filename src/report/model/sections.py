"""Section kinds (one file each under sections/). SECTION_KINDS is the registry."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any, Literal

from .. import markup
from ..errors import Diagnostics
from .blocks import (
    BLOCK_KINDS,
    Signatory,
    block_texts,
    check_breaks,
    check_heading_levels,
    check_last_heading,
    check_no_markup,
    check_page_photos,
)
from .document import check_language
from .numbers import _POINT, Number, format_decimal, warn_dropped_digits
from .reader import AssetPath, Markup, Node, ReadContext, id_spec, spec

SECTION_ID = ("the section (by default it is named by its file name without the number in front: 07-finanzen.yaml "
              "is #finanzen)")


def language_spec() -> Any:
    """The optional `language:` of a section (one field object per class)."""
    return spec("The section's own language (BCP 47) where it is not the report's, e.g. en-GB for a summary in "
                "English, fr-CH for a résumé in French or nl-BE for a samenvatting in Dutch: its quotation marks "
                "and dashes, hyphenation, how its numbers print and its labels follow it, and screen readers read "
                "it in it. Numbers written as text are still read in the report's notation.", default=None,
                example="en-GB", example_en="de-DE")


@dataclass(kw_only=True)
class TextSection(Node):
    kind: Literal["text"] = spec("Section kind: narrative text with quotes, charts and images.")
    title: str = spec("Section heading (also in contents and bookmarks).", example="Highlights des Jahres",
                      max_length=120, example_en="Highlights of the year")
    kicker: str | None = spec("Small line above the heading.", default=None, example="Delegationsreisen",
                              max_length=80)
    blocks: list[Any] = spec("Paragraphs, quotes, charts and images in reading order; each item is one of: "
                             + ", ".join(BLOCK_KINDS) + ".", example=[{"paragraph": "Text …"}], kinds=BLOCK_KINDS)
    page: Literal["new", "continue"] | None = spec(
        "new: the section starts on a new page; continue: below the previous section (default: the theme's "
        "text.section_page).", default=None, example="new")
    columns: int = spec("1 or 2 text columns; charts, tables and images wider than a column span both. Default: "
                        "1, and 2 on a wide page (A4 landscape, 16:9), whose text column holds more than the "
                        "theme's text.measure: there the columns stand beside the margin column.", default=1,
                        example=2, between=(1, 2))
    footnotes: list[Markup] = spec("Footnotes, referred to as [^1], [^2] … in the text and set at the end of "
                                   "the section.", default=[], example=["Stand: Dezember 2017."], items=(0, 30))
    language: str | None = language_spec()
    id: str | None = id_spec(SECTION_ID, "finanzen", "finance")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_language(self, diag, ctx)
        check_no_markup(self, "title", "section title", diag, ctx)
        check_last_heading(self.blocks, diag)
        check_heading_levels(self.blocks, diag)
        check_breaks(self.blocks, diag)
        check_page_photos(self.blocks, diag)
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


SINGLE_SIGNER = ("portrait", "portrait_alt", "portrait_credit", "signature", "name", "role")


@dataclass(kw_only=True)
class ForewordSection(Node):
    """The opening letter: signed by one person (portrait, name, role …) or by several (signatories)."""

    # for the JSON Schema: one author or several, not both (check() says what is wrong, and where)
    SCHEMA_RULES = {"oneOf": [
        {"required": ["portrait", "portrait_alt", "name"], "not": {"required": ["signatories"]}},
        {"required": ["signatories"], "not": {"anyOf": [{"required": [key]} for key in SINGLE_SIGNER]}},
    ]}

    kind: Literal["foreword"] = spec("Section kind: the opening letter with portrait and signature.")
    title: str = spec("Heading of the foreword.", example="Liebe Leserinnen und Leser", max_length=120,
                      example_en="Dear readers")
    kicker: str | None = spec("Small line above the heading.", default=None, example="Vorwort", max_length=80)
    portrait: AssetPath | None = spec("Portrait photo of the author, relative to assets/.", default=None,
                                      example="images/portrait.jpg")
    portrait_alt: str | None = spec("What the portrait shows.", default=None, example="Porträt von Dr. Erika Muster",
                                    example_en="Portrait of Dr Jane Doe")
    portrait_credit: str | None = spec("Photo credit of the portrait: small under it, and in the image credits on "
                                       "the closing page (optional).", default=None, example="Foto: Max Muster",
                                       max_length=120, example_en="Photo: Max Muster")
    salutation: str | None = spec("The letter's first line, above its paragraphs (optional): the heading is the "
                                  "foreword's title in the contents and bookmarks, the salutation is not.",
                                  default=None, example="Sehr geehrte Damen und Herren,", max_length=120,
                                  example_en="Dear members and friends,")
    paragraphs: list[Markup] = spec("The letter, one item per paragraph.", example=["Was für ein Jahr …"],
                                    items=(1, 20))
    closing: str = spec("The closing line.", example="Herzliche Grüße", max_length=80, example_en="With best wishes")
    signature: AssetPath | None = spec("Signature as PNG with a transparent background (optional).",
                                       default=None, example="images/unterschrift.png")
    name: str | None = spec("The author's name under the signature.", default=None, example="Dr. Erika Muster",
                            max_length=80, example_en="Dr Jane Doe")
    role: str | None = spec("The author's role.", default=None, example="Geschäftsführerin", max_length=120)
    signatories: list[Signatory] | None = spec(
        "Instead of portrait, signature, name and role: the letter's two or three signers, each with their own; "
        "their signatures, names and roles stand side by side under the letter, in the order of the list.",
        default=None, example=[{"name": "Dr. Anna Becker", "role": "Geschäftsführerin",
                                "signature": "images/unterschrift-becker.png"},
                               {"name": "Thomas Krüger", "role": "Geschäftsführer"}], items=(2, 3))
    language: str | None = language_spec()
    id: str | None = id_spec(SECTION_ID, "finanzen", "finance")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_language(self, diag, ctx)
        if self.title.rstrip().endswith(",") and self.salutation is None:
            diag.warning(ctx.value_pos(self, "title"), f"foreword: the title {self.title!r} reads as a salutation, "
                         "and the contents and bookmarks list it so, with its comma",
                         "write it under 'salutation:' (the letter's first line) and give the foreword a title "
                         "for the contents, e.g. title: " + ctx.says("Vorwort", "Foreword", fr="Avant-propos",
                                                                      nl="Voorwoord"))
        if self.signatories is not None:
            for key in SINGLE_SIGNER:
                if getattr(self, key) is not None:
                    diag.error(ctx.value_pos(self, key), f"foreword: '{key}' and 'signatories' are both given",
                               f"with signatories, each signatory has their own {key}: move it under one of "
                               "them — or, for a letter by one person, remove signatories:")
            if any(s.portrait for s in self.signatories) and not all(s.portrait for s in self.signatories):
                diag.warning(ctx.value_pos(self, "signatories"), "foreword: only some signatories have a portrait",
                             "give each a portrait, or none: the letter otherwise shows the faces of only some "
                             "of the people who sign it")
            return
        for key in ("portrait", "portrait_alt", "name"):
            if getattr(self, key) is None:
                meta = next(f for f in dataclasses.fields(self) if f.name == key).metadata
                example = meta["example_en"] if ctx.language.startswith("en") and meta["example_en"] else \
                    meta["example"]
                diag.error(self.pos, f"section: missing required key '{key}'",
                           f"add '{key}:' ({meta['description']}), e.g. {key}: {example} — or, for a letter by "
                           "several people, signatories: with the name and role of each")


MAX_FIGURE_VALUE = 1e9  # "999.999.999" is the widest number a tile holds (and "−999.999.999")


@dataclass(kw_only=True)
class KeyFigure(Node):
    value: Number = spec("The number exactly as it is printed: 1000, 99.98, 31.0, -12 (with a real minus: "
                         "'−12 %', '−£1.2m'), '(12)' in brackets as accounts write it ('(£12k)') — or quoted in "
                         "the document's notation, e.g. '48.250' or '61,4' in German.", example=1000)
    qualifier: str | None = spec("Words that keep the number honest, e.g. 'mehr als' or 'rund'.",
                                 default=None, example="mehr als", max_length=24)
    label: str = spec("What was counted.", example="erreichte Thüringer", max_length=80,
                      example_en="customers reached")
    detail: Markup | None = spec("A short explanation under the label.", default=None, max_length=160)
    unit: str | None = spec("Unit after the number, spaced as the language writes it: German '61,4 %' "
                            "(no-break space), English '61.4%'.", default=None, example="Mio. €", max_length=12)
    prefix: str | None = spec("A currency that leads the number, e.g. '£' for '£4.1m'.", default=None,
                              example="£", max_length=3)
    previous: Number | None = spec("Last year's value: the tile shows the change (optional).", default=None,
                                   example=58.9)
    change: Literal["percent", "absolute", "none"] = spec(
        "How the change against `previous` is shown: percent ('▲ +4,2 % ggü. Vorjahr'), absolute (the "
        "difference in the figure's unit; percentage points for %) or none.", default="percent")
    decimals: int | None = spec("Decimal places to print (default: as written); rounding away digits warns.",
                                default=None, example=1, between=(0, 6))
    negatives: Literal["minus", "brackets"] | None = spec(
        "How a negative value prints: minus ('−£12k') or in brackets, as accounts write it ('(£12k)', prefix "
        "and unit inside). Default: as written — a value written in brackets, '(12)', prints in brackets.",
        default=None, example="brackets")
    better: Literal["higher", "lower"] = spec(
        "Which way is good news: higher (default) draws a rise in the theme's secondary colour and a fall in "
        "its accent; lower (costs, leakage, emissions) the other way round.", default="higher", example="lower")
    teaser: bool = spec("Show this tile in the newsletter teaser. Mark up to four, in any key-figure section; "
                        "without marks the teaser shows the first ones (`newsletter: figures:`).", default=False)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        for name in ("value", "previous"):
            number = getattr(self, name)
            if number is not None:
                warn_dropped_digits(diag, ctx.value_pos(self, name), f"key figure {name}", number, self.decimals,
                                    ctx.numbers)
        if abs(self.value.value) > MAX_FIGURE_VALUE:
            diag.error(ctx.value_pos(self, "value"), f"key figure value {self.value} is too large for a tile",
                       f"write at most {MAX_FIGURE_VALUE:.0e}, e.g. 2.5 with the label 'Mio. Euro'")
        before, now = (self.previous.value if self.previous else None), self.value.value
        if self.change != "percent" or not before:
            return
        seps = ctx.numbers or _POINT
        alike = ("check that both are written alike (scale, unit, and the document's notation: "
                 + ctx.says("'39.750' is 39750 here, 39.750 unquoted is 39,75", "39.750 is 39.75 here")
                 + "); for such a change set change: absolute or none")
        if abs(now - before) > TENFOLD * abs(before):
            limit = format_decimal(TENFOLD * 100, 0, seps) + ctx.says(" %", "%")
            diag.warning(ctx.value_pos(self, "previous"), f"key figure {self.value.format(seps)}: previous "
                         f"{self.previous.format(seps)} makes a change of more than {limit}", alike)
        elif now and abs(before) >= HUNDREDFOLD * abs(now):  # a fall of 99 % or more (to nothing is a result)
            value, previous = self.value.format(seps), self.previous.format(seps)
            if _thousandth(self.value, seps, before / now):  # 1.240 for 1240, as German groups thousands
                group = seps.thousands.replace("\u202f", " ").replace("\xa0", " ") or ","
                whole = self.value.source.strip().replace(seps.decimal, "")
                grouped = self.value.source.strip().replace(seps.decimal, group)
                read = self.value.value.normalize()
                shown = format_decimal(read, max(0, -read.as_tuple().exponent), seps)
                diag.warning(ctx.value_pos(self, "value"), f"key figure {self.value.source.strip()} is {shown} "
                             f"here ('{seps.decimal}' is this document's decimal mark), a thousandth of previous "
                             f"{previous}", f"for the whole number write {whole} or quote it as '{grouped}'; for "
                             "the decimal, check that previous: is in the same unit")
            else:
                limit = format_decimal(100 - 100 // HUNDREDFOLD, 0, seps) + ctx.says(" %", "%")
                diag.warning(ctx.value_pos(self, "previous"), f"key figure {value}: previous {previous} "
                             f"makes a fall of {limit} or more", alike)


def _thousandth(value: Number, seps: Any, ratio: Any) -> bool:
    """Whether `value` was written with three decimals after the document's decimal mark (1.240 in
    English) where the previous value is about a thousand times as large: a whole number grouped with
    the decimal mark, as German and Dutch group thousands with a point."""
    return (value.decimals == 3 and seps.thousands != seps.decimal
            and re.fullmatch(rf"[-+\u2212]?\d{{1,3}}{re.escape(seps.decimal)}\d{{3}}", value.source.strip()) is not None
            and 250 <= abs(ratio) <= 4000)


TENFOLD = 10  # a change in percent above 1000 % is more likely a typing slip than a result
HUNDREDFOLD = 100  # and so is a fall to a hundredth or less (−99 %): the same slip the other way round


@dataclass(kw_only=True)
class KeyFiguresSection(Node):
    kind: Literal["key_figures"] = spec("Section kind: a page of key-figure tiles.")
    title: str = spec("Section heading.", example="Das Jahr in Zahlen", max_length=120,
                      example_en="The year in figures")
    kicker: str | None = spec("Small line above the heading.", default=None, max_length=80)
    intro: Markup | None = spec("Text under the heading.", default=None)
    figures: list[KeyFigure] = spec(
        "The tiles, in reading order.", items=(1, 12),
        too_many="a page holds at most 12 tiles: put the rest into a second key-figures section, a file of its "
                 "own, e.g. sections/02-figures-2.yaml with kind: key_figures, title: … and figures: (its tiles), "
                 "and list it after this one under sections: in report.yaml")
    columns: int | None = spec("Tiles side by side: 2 to 5. Default: by the page's width: 2 on a portrait page (3 for "
                               "nine tiles or more), on a wide page as many as keep a tile 50 to 100 mm wide in "
                               "the fewest rows (A4 landscape: 4, 3 for five, six or nine tiles). Where a tile "
                               "would be narrower than 50 mm, fewer.", default=None, example=3, between=(2, 5))
    language: str | None = language_spec()
    id: str | None = id_spec(SECTION_ID, "finanzen", "finance")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_language(self, diag, ctx)


def teaser_marks(sections: list[Any]) -> list[KeyFigure]:
    """The key figures marked `teaser: true`, over every key-figure section, in reading order."""
    return [fig for s in sections if isinstance(s, KeyFiguresSection) for fig in s.figures if fig.teaser]


SECTION_KINDS: dict[str, type] = {
    "text": TextSection,
    "key_figures": KeyFiguresSection,
    "foreword": ForewordSection,
}

