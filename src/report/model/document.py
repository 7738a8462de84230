"""The document: report.yaml (cover, contact, newsletter settings) and the loaded Document."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar, Literal

from ..errors import Diagnostic, Diagnostics
from .blocks import FOCUS_DESCRIPTION, focus_spec, read_focus
from .reader import YEAR_TEXT, AssetPath, Length, Markup, Node, ReadContext, Year, spec, year_number

_WEB = re.compile(r"https?://[^\s()\[\]<>]+\.[^\s()\[\]<>]+")
# An address as it goes into a mailto: link. The local part takes what addresses really use (RFC 5322's
# atoms without the characters that are link syntax: ? & = % / : , ;), so that "a@b.org?cc=c@d.org"
# cannot add recipients or a subject; the domain is dot-separated labels ending in a letters-only TLD.
_EMAIL = re.compile(r"[\w!#$'*+^`{|}~-]+(?:\.[\w!#$'*+^`{|}~-]+)*"
                    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}")
# RFC 5646 (BCP 47) language tag, well-formed: language[-extlang] [-script] [-region] *[-variant]
# *[-extension] [-privateuse], or a private-use tag alone. Case-insensitive, ASCII only.
_BCP47 = re.compile(r"""
    (?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})  # language (with extended language subtags)
       (?:-[a-z]{4})?                                       # script
       (?:-(?:[a-z]{2}|[0-9]{3}))?                          # region
       (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*             # variants
       (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*                  # extensions
       (?:-x(?:-[a-z0-9]{1,8})+)?                           # private use
    |x(?:-[a-z0-9]{1,8})+)""", re.VERBOSE | re.IGNORECASE | re.ASCII)


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
        extra = re.search(r"[?&=%/:,;]", value)
        diag.error(ctx.value_pos(obj, name), f"{name} {value!r} is not an e-mail address",
                   "write the address alone, without link parts such as ?cc= or &subject=, e.g. info@example.org"
                   if extra else "write it like info@example.org")


@dataclass(kw_only=True)
class Cover(Node):
    image: AssetPath = spec("Cover artwork or photo, relative to assets/ (JPEG or PNG, print resolution).",
                            example="images/cover-artwork.jpg")
    credit: str = spec("Image credit printed on the cover (and first in the closing page's image credits).",
                       example="Bildquelle: beermedia / fotolia.com", max_length=100, example_en="Photo: Jane Doe")
    alt: str = spec("What the image shows, for readers who cannot see it.",
                    example="Abstrakte Grafik: Linien verbinden Thüringen mit Zielen in aller Welt",
                    example_en="A lighthouse at dusk above a rocky shore")
    layout: Literal["panel", "photo"] = spec(
        "panel: the image above a colour panel with subtitle, title and organisation (default); photo: the "
        "image over the whole cover, those in white on a dark scrim that fades out upwards from its foot.",
        default="panel", example="photo")
    focus: Any = focus_spec(FOCUS_DESCRIPTION)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        self.focus = read_focus(self, "cover", diag, ctx)


@dataclass(kw_only=True)
class Account(Node):
    """An account of the publisher's on a social network or platform: shown as "network: handle"."""

    network: str = spec("Where the account is (any network or platform).", example="Instagram", max_length=30)
    handle: str = spec("The account's name as readers look it up.", example="@example", max_length=80)
    url: str | None = spec("The account's web address: the handle links there in the screen edition and the "
                           "newsletter (optional).", default=None, example="https://www.instagram.com/example")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_web(self, "url", diag, ctx)


_PHONE = re.compile(r"\+?(?:[0-9]|\([0-9]+\))[0-9 ()./-]*[0-9]")  # +49 361 123456-0, (503) 555-0142, 503.555.0142


@dataclass(kw_only=True)
class Contact(Node):
    heading: str | None = spec("Heading of the closing page (default: the language's 'Contact and imprint').",
                               default=None, example="Kontakt und Impressum", max_length=80)
    publisher: str = spec("Who publishes the review.", example="Thüringen International", max_length=80,
                          example_en="Example Foundation")
    address: list[str] = spec("Postal address, one line per item.", default=[],
                              example=["Musterstraße 1", "99084 Erfurt"], max_length=80, items=(0, 6))
    phone: str | None = spec("Telephone number: digits, spaces, +, /, -, . and an area code in brackets.", default=None,
                             example="+49 361 123456-0")
    lines: list[str] = spec("Further lines of the imprint (commission, editors, a legal sentence: wrapped).",
                            default=[],
                            example=["Im Auftrag des Freistaates Thüringen"], max_length=400, items=(0, 12))
    email: str | None = spec("Contact e-mail address.", default=None, example="info@example.org")
    web: str | None = spec("Web address (https://…).", default=None, example="https://www.example.org")
    social: list[Account] = spec("Accounts on social networks, one line each after the web address (network: "
                                 "handle, the handle linked to its url on screen and in the newsletter).",
                                 default=[], items=(0, 8))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_email(self, "email", diag, ctx)
        check_web(self, "web", diag, ctx)
        check_house_numbers(self, "address", diag, ctx)
        if self.phone is not None and not (_PHONE.fullmatch(self.phone) and _balanced(self.phone)
                                           and 5 <= sum(c.isdigit() for c in self.phone) <= 17):
            example = ctx.says("+49 361 123456-0", "(503) 555-0142" if ctx.language.lower().startswith("en-us")
                               else "+44 20 7946 0000")
            diag.error(ctx.value_pos(self, "phone"), f"phone {self.phone!r} is not a telephone number",
                       f"write digits, spaces, +, /, -, . and ( ) only, e.g. {example}")


# an address line that is a house number alone: 12, 12a, 12 bis (French), 4-6
_HOUSE_NUMBER = re.compile(r"\d{1,5}( ?[a-zA-Z]| (bis|ter|quater))?(-\d{1,5})?")


def check_house_numbers(obj: Node, key: str, diag: Diagnostics, ctx: ReadContext) -> None:
    """A warning where an address written in brackets lost its house number to the comma between items:
    `[12, rue de l'Abbaye, 60000 Beauvais]`, as French, Belgian and Italian addresses write it, printed
    "12" and "rue de l'Abbaye" on two lines of the closing page and the newsletter's footer."""
    lines = [str(line) for line in getattr(obj, key)]
    for i in range(len(lines) - 1):
        at, then = ctx.item_pos(obj, key, i), ctx.item_pos(obj, key, i + 1)
        if _HOUSE_NUMBER.fullmatch(lines[i].strip()) and at.line and at.line == then.line:
            joined = f"{lines[i].strip()}, {lines[i + 1]}".replace('"', '\\"')
            diag.warning(at, f"{key} line {i + 1} {lines[i]!r} is a house number alone: the comma between the items "
                         f"in [ ] split it from {lines[i + 1]!r}",
                         f'quote the line with its comma: {key}: ["{joined}", …] (or write one line per item)')


def _balanced(phone: str) -> bool:
    """At most one pair of brackets, closed, around the area code."""
    return phone.count("(") == phone.count(")") <= 1 and phone.find("(") <= phone.find(")")


@dataclass(kw_only=True)
class Newsletter(Node):
    pdf_url: str = spec("Public address of the screen PDF that the teaser's button links to.",
                        example="https://www.example.org/jahresrueckblick-2017.pdf",
                        example_en="https://www.example.org/annual-review-2025.pdf")
    sender: str = spec("Who sends the mailing (shown in the footer).", example="Thüringen International",
                       example_en="Example Foundation")
    address: list[str] = spec("Postal address or imprint lines for the footer.", default=[])
    reply_to: str | None = spec("Address readers can reply to.", default=None, example="newsletter@example.org")
    unsubscribe: str | None = spec("Footer note on how to unsubscribe.", default=None)
    images_url: str | None = spec(
        "Public web address of the folder the kit's images are uploaded to (cover, logo): the teaser's images "
        "point there, as a mail needs. Without it they are bare file names, for mailing tools that upload a "
        "teaser's images with its HTML.", default=None, example="https://www.example.org/newsletter/2017/",
        example_en="https://www.example.org/newsletter/2025/")
    figures: int = spec("How many key figures the teaser shows (3 or 4): the first ones, where none is marked "
                        "`teaser: true`.", default=4, example=4, between=(3, 4))
    button: str = spec("Label of the button that opens the PDF.", example="Jahresrückblick lesen (PDF)",
                       max_length=40, example_en="Read the annual review (PDF)")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        check_web(self, "pdf_url", diag, ctx)
        check_web(self, "images_url", diag, ctx)
        check_email(self, "reply_to", diag, ctx)
        check_house_numbers(self, "address", diag, ctx)


@dataclass(kw_only=True)
class Padding(Node):
    quote: str | None = spec("A quote set as a full page on a page the binding adds.", default=None,
                             example="Export ist Teamarbeit.", max_length=300)
    quote_source: str | None = spec("Who said the quote.", default=None, example="Dr. Max Muster", max_length=80)
    image: AssetPath | None = spec("An image filling a page the binding adds, relative to assets/.", default=None,
                                   example="images/team.jpg")


PAPER_MM = (0.03, 0.5)  # one leaf of paper, thinnest (bible paper) to thickest (board) a text block is made of


@dataclass(kw_only=True)
class Spine(Node):
    """How wide a perfect-bound cover's spine is: the print shop's figure, or from the paper."""

    SHORTHAND = "width"  # `spine: 5.2mm` is the width
    width: Length | None = spec(
        "The spine's width as the print shop gives it for this page count (mm, or with a unit: 0.2in).",
        default=None, example="5.2mm", between=(1, 80))
    paper: Length | None = spec(
        "Thickness of one leaf (two pages) of the text paper, from the print shop or the paper's data "
        "sheet (its caliper): the spine is the text block's leaves × this, e.g. 0.1mm; from a US printer's "
        "pages per inch (PPI): 2in ÷ PPI, e.g. 0.0045in for 444 PPI.", default=None, example="0.1mm")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if self.width is not None and self.paper is not None:
            diag.error(ctx.value_pos(self, "paper"), "report: spine: width and paper are both given",
                       "keep one: width: (the print shop's figure, which wins over any sum) or paper:")
        elif self.width is None and self.paper is None:
            diag.error(self.pos, "report: spine: give its width or the paper's thickness",
                       "write the print shop's width, e.g. spine: 5.2mm, or the thickness of one leaf of "
                       "the paper: spine: {paper: 0.1mm}")
        elif self.paper is not None and not PAPER_MM[0] <= self.paper <= PAPER_MM[1]:
            shown = f"{self.paper.written!r} ({self.paper:.3g} mm)" if self.paper.written else f"{self.paper:g} mm"
            if not self.paper.written and self.paper >= 40:  # 100 (µm?) or 115 (g/m²?): a bare number is mm
                hint = (f"a number alone is millimetres: for {self.paper:g} µm write {self.paper / 1000:g}mm; "
                        "give the thickness of one leaf, not the paper's weight in g/m²")
            else:
                hint = (f"one leaf of paper is {PAPER_MM[0]:g} to {PAPER_MM[1]:g} mm thick (0.1mm for a 115 g/m² "
                        "coated paper); for the spine's own width write spine: " + (self.paper.written or
                                                                                  f"{self.paper:g}mm"))
            diag.error(ctx.value_pos(self, "paper"), f"report: spine: paper = {shown} is out of range", hint)


NNBSP = "\u202f"  # narrow no-break space: a space between digit groups that never breaks
DECIMAL_MARKS = {",": ",", ".": "."}
# what may stand between groups of three digits, as written → as printed: the typewriter apostrophe
# prints as the typographic one (as in text), every kind of space as the narrow no-break space
THOUSANDS_MARKS = {".": ".", ",": ",", "’": "’", "'": "’", " ": NNBSP, "\u00a0": NNBSP, NNBSP: NNBSP,
                   "\u2009": NNBSP, "": ""}
# a mark written as its name: the hint gives the mark itself
_MARK_WORDS = {"comma": ",", "komma": ",", "point": ".", "dot": ".", "period": ".", "full stop": ".", "punkt": ".",
               "apostrophe": "’", "apostroph": "’", "space": " ", "leerzeichen": " ", "thin space": " ",
               "narrow space": " ", "none": "", "nothing": "", "keins": "", "kein": "", "ohne": ""}
_THOUSANDS_CHOICES = '".", ",", "’" (an apostrophe), " " (a space) or "" (none)'


def _mark_shown(mark: str) -> str:
    """A separator as a hint quotes it: a space as " "."""
    return '" "' if mark.isspace() else f'"{mark}"'


@dataclass(kw_only=True)
class Numbers(Node):
    """How numbers are printed where the house style is not the language's: the decimal separator, the
    thousands separator, four-digit numbers without one. Numbers written as text (quoted in YAML, in
    CSV files with ',') are read in the same notation."""

    decimal: Any | None = field(default=None, metadata={**spec(
        'The decimal separator: "," (2,5) or "." (2.5). Default: the language\'s.', example=",").metadata,
        "json_schema": {"enum": list(DECIMAL_MARKS)}})
    thousands: Any | None = field(default=None, metadata={**spec(
        'Between groups of three digits: ".", ",", "’" (an apostrophe; \' prints as ’), " " (a space, printed as '
        'a narrow no-break space: 1 234 567) or "" (none: 1234567). Default: the language\'s.',
        example="’").metadata, "json_schema": {"enum": list(THOUSANDS_MARKS)}})
    group_four_digits: bool | None = spec(
        "false: a four-digit number stands without a thousands separator (1000, but 10.000), as DIN 5008 and "
        "the SI allow; in a table column or on a chart's value axis that also holds a larger number, all are "
        "grouped, so that the digits line up. Default: true (1.000).", default=None, example=False)
    negatives: Literal["minus", "brackets"] | None = spec(
        "How the tables' number and currency columns print negative numbers, in every table that does not say "
        "otherwise (a table's or a column's own `negatives` overrides): minus (−1,251) or brackets, as accounts "
        "set them ((1,251)). Default: as written — a number written in brackets, (12), prints in brackets, any "
        "other with a minus.", default=None, example="brackets")
    currency_sign: Literal["heading", "first_and_total"] | None = spec(
        "Where the tables' currency columns print the sign of their unit, in every table that does not say "
        "otherwise: heading (under the column's heading) or first_and_total (on the first amount and on each "
        "total row, as US financial statements set it: $ 11,412 … $ 43,053). Default: heading.", default=None,
        example="first_and_total")
    other_languages: Literal["own", "house"] = spec(
        "The numbers of a section written in another language (its `language:`): own — that language's "
        "notation, as its readers expect (default); house — this style too, as a Geneva house prints "
        "1’234.50 in its English, French and German sections alike.", default="own", example="house")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        self.decimal = self._mark("decimal", DECIMAL_MARKS, '"," (1234,5) or "." (1234.5)', diag, ctx)
        self.thousands = self._mark("thousands", THOUSANDS_MARKS, _THOUSANDS_CHOICES, diag, ctx)
        from ..locale import get_locale, supported
        if not supported(ctx.language):
            return  # report.yaml's language is wrong: said there
        own = get_locale(ctx.language)
        decimal = own.decimal if self.decimal is None else self.decimal
        thousands = own.thousands if self.thousands is None else self.thousands
        if decimal is INVALID_MARK or thousands is INVALID_MARK or decimal != thousands:
            return
        other = "." if decimal == "," else ","
        if self.thousands is None:
            diag.error(ctx.value_pos(self, "decimal"), f"report: numbers: decimal {_mark_shown(decimal)} is the "
                       f"thousands separator of {ctx.language}: 1{decimal}234 would read both ways",
                       f'set thousands: as well: "{other}" (1{other}234{decimal}5), " " (1 234{decimal}5) '
                       f'or "’" (1’234{decimal}5)')
        elif self.decimal is None:
            diag.error(ctx.value_pos(self, "thousands"), f"report: numbers: thousands {_mark_shown(thousands)} is the "
                       f"decimal separator of {ctx.language}: 1{thousands}234 would read both ways",
                       f'set decimal: "{other}" as well (1{thousands}234{other}5), or group with "’" or " " '
                       "(a space)")
        else:
            diag.error(ctx.value_pos(self, "thousands"), f"report: numbers: thousands and decimal are both "
                       f"{_mark_shown(decimal)}", 'write two different marks, e.g. decimal: "," with thousands: '
                       '"." (1.234,5) or " " (1 234,5)')
        self.thousands = INVALID_MARK

    def _mark(self, name: str, marks: dict[str, str], choices: str, diag: Diagnostics, ctx: ReadContext) -> Any:
        """The separator written as `name`, as printed; None where it is not written (the language's)."""
        value = getattr(self, name)
        pos = ctx.value_pos(self, name)
        example = 'thousands: "’", or "" for none' if name == "thousands" else 'decimal: ","'
        if value is None:
            if name in self.field_pos:  # `thousands:` with nothing after it
                diag.error(pos, f"report: numbers: {name}: a value is missing",
                           f"write the mark in quotes, e.g. {example}; leave the key out for the language's")
                return INVALID_MARK
            return None
        written = value if isinstance(value, str) else None
        if written is not None and written in marks:
            return marks[written]
        word = _MARK_WORDS.get(written.strip().lower()) if written is not None else None
        if word is not None and word in marks:
            hint = f"write the mark itself, in quotes: {name}: {_mark_shown(word)}"
        else:
            hint = f"write {choices}, in quotes"
        shown = repr(written) if written is not None else f"'{getattr(value, 'source', value)}'"
        diag.error(pos, f"report: numbers: {name}: {shown} is not a {name} separator", hint)
        return INVALID_MARK


# an entry of report.yaml's hyphenation: letters, a hyphen between two of them where the word may break
HYPHENATION_ENTRY = r"^[^\W\d_]+(?:-[^\W\d_]+)*$"


def hyphenation_problem(entry: str) -> tuple[str, str] | None:
    """What is wrong with an entry of `hyphenation:` (message, hint), or None."""
    if re.fullmatch(HYPHENATION_ENTRY, entry):
        return None
    if entry.strip() != entry or not entry:
        return "has spaces around it", "write the word alone, e.g. beheer-plan"
    if re.search(r"\s", entry):
        parts = ", ".join(entry.split())
        return "is more than one word", f"write each word as an entry of its own: [{parts}]"
    if "\u00ad" in entry:
        return "has a soft hyphen", "mark the break points with plain hyphens (-)"
    if re.search(r"--|^-|-$", entry):
        return "has a hyphen that is not between two letters", "write a hyphen only where the word may break"
    odd = next(ch for ch in entry if not (ch.isalpha() or ch == "-"))
    return (f"has {odd!r}, which is not a letter",
            "list words of letters only (numbers, addresses and words with their own hyphen or "
            "punctuation are never hyphenated)")


INVALID_MARK = object()  # a separator that is wrong (said): the override is not used


@dataclass(kw_only=True)
class Report(Node):
    # keys written at the top that belong in a block: what the unknown-key error hints
    KEYS_ELSEWHERE: ClassVar[dict[str, str]] = {
        "negatives": "a report-wide setting for the tables' negative numbers goes under numbers:, "
                     "e.g. numbers: {negatives: brackets} (a table's own negatives: overrides it)"}
    name: str = spec("Base name of the output files (letters, digits, hyphens).",
                     example="jahresrueckblick-2017", example_en="annual-review-2025")
    title: str = spec("Title on the cover and in the PDF metadata.",
                      example="Ein gutes Jahr für Ihre Internationalisierung!", max_length=120,
                      example_en="A good year for our members")
    subtitle: str | None = spec("Short line above the title on the cover and after the organisation in the "
                                "running head (default: the year; also where it repeats the organisation).",
                                default=None, example="Jahresrückblick 2017", max_length=50)
    organisation: str = spec("The organisation the review is about.", example="Thüringen International",
                             max_length=50, example_en="Example Foundation")
    year: Year = field(metadata={**spec("The year under review: 2025, a financial year: 2025/26 (also 2025-26, "
                                       "2025/2026), or a fiscal year named by its last: FY2026 (FY26, Fiscal 2026).",
                                       example=2017).metadata,
                                "json_schema": {"oneOf": [{"type": "integer", "minimum": 1900, "maximum": 2200},
                                                          {"type": "string", "pattern": YEAR_TEXT}]}})
    language: str = spec("Language of the content (BCP 47): da, de, en, es, fr, it, nl, pl, pt or sv, with a region "
                         "if you like, e.g. de-DE, en-GB, fr-CH, nl-BE, it-IT, es-ES, pt-BR.", example="de-DE",
                         example_en="en-GB")
    numbers: Numbers | None = spec(
        "How numbers are printed and read where the house style is not the language's, e.g. {decimal: \",\", "
        "thousands: \"’\"} for 1’234,5. Sections in another language keep theirs.", default=None)
    quotes: Literal["double", "single"] | None = spec(
        "The house style's quotation marks: single puts the language's single marks outside and its double "
        "ones inside (en: ‘so “so” so’, as many British houses write; de: ‚so „so“ so‘); double: the "
        "reverse. Default: the language's (en: “so ‘so’ so”). Sections in another language keep theirs.",
        default=None, example="single")
    hyphenation: list[str] = field(default_factory=list, metadata={**spec(
        "Words hyphenated your way, in every section and language: hyphens mark the only places the word may "
        "break (waterkwaliteits-beheer-plan), a word written without one never breaks (Dokkumer). Matched "
        "whatever its capitals, as a whole word exactly as written here: list each form you use "
        "(beheer-plan, beheer-plannen).", default=[], example=["Donau-dampf-schiff-fahrt", "Suhl"],
        example_en=["water-quality", "Dokkumer"]).metadata,
        "json_schema": {"type": "array", "items": {"type": "string", "pattern": r"^[^-\s\d]+(-[^-\s\d]+)*$"}}})
    author: str = spec("Author shown in the PDF metadata.", example="Thüringen International",
                       example_en="Example Foundation")
    subject: str = spec("Subject shown in the PDF metadata.", example="Jahresrückblick 2017",
                        example_en="Annual Review 2025")
    keywords: list[str] = spec("Keywords for the PDF metadata.", default=[], example=["Export", "Thüringen"])
    lead: Markup = spec("Introductory paragraph (lead).", example="In den vergangenen elf Monaten …",
                        example_en="Over the past twelve months …")
    cover: Cover = spec("The cover image and its credit.")
    sections: list[str] = spec("Section files in reading order, relative to the content folder.",
                               example=["sections/01-bilanz.yaml"])
    contact: Contact = spec("Contact and imprint on the closing page.")
    newsletter: Newsletter | None = spec("Settings of the newsletter teaser (report newsletter).", default=None)
    binding: Literal["saddle", "perfect", "none"] = spec(
        "How the print edition is bound: saddle (stapled; pages padded to a multiple of 4), perfect "
        "(glued spine; an even count of text pages, the cover a spread of its own, see spine:) or none (loose "
        "sheets). Added pages are a notes page, then intentionally blank ones, before the back cover.",
        default="saddle", example="saddle")
    spine: Spine | None = spec(
        "binding: perfect: how wide the cover's spine is: the print shop's figure (spine: 5.2mm) or from the "
        "paper (spine: {paper: 0.1mm}, the thickness of one leaf). Default: paper 0.1mm, with a warning.",
        default=None, example="5.2mm")
    padding: Padding | None = spec(
        "What fills the pages the binding adds, in this order: the image, the quote, then a notes page and "
        "intentionally blank pages.", default=None)

    @property
    def second_line(self) -> str:
        """The subtitle, or the year where there is none: above the title, after the organisation in the
        running head and on the spine. A subtitle that only repeats the organisation counts as none: a
        running head read „Stadtwerke Traunstadt GmbH · Stadtwerke Traunstadt GmbH“ on every page."""
        if self.subtitle and _same_words(self.subtitle, self.organisation):
            return str(self.year)
        return self.subtitle or str(self.year)

    def with_organisation(self, joiner: str, shown: Callable[[str], str] = str) -> str:
        """The organisation and the second line joined by `joiner` (each as `shown` sets it), as the running
        head, the spine and the newsletter's cover description join them — the second line alone where it
        begins with the organisation („Riverbend Health — Fiscal Year 2026“, not „Riverbend Health ·
        Riverbend Health — Fiscal Year 2026“)."""
        if _starts_with_words(self.second_line, self.organisation):
            return shown(self.second_line)
        return f"{shown(self.organisation)}{joiner}{shown(self.second_line)}"

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", self.name):
            diag.error(ctx.value_pos(self, "name"), f"name {self.name!r} is not usable as a file name",
                       "use lower-case letters, digits and hyphens, e.g. jahresrueckblick-2017")
        self._check_year(diag, ctx)
        check_language(self, diag, ctx)
        self._check_quotes(diag, ctx)
        self._check_hyphenation(diag, ctx)
        if self.spine is not None and self.binding != "perfect":
            diag.warning(ctx.value_pos(self, "spine"), f"spine: is for a perfect-bound cover; with binding: "
                         f"{self.binding} the print edition has no spine", "remove spine:, or set binding: perfect")


    def _check_hyphenation(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Each entry of `hyphenation:` is one word of letters, its break points marked with hyphens;
        a word listed twice with other breaks is said too (which one would win is not obvious)."""
        seen: dict[str, str] = {}
        for i, entry in enumerate(self.hyphenation):
            pos = ctx.item_pos(self, "hyphenation", i)
            problem = hyphenation_problem(entry)
            if problem is not None:
                diag.error(pos, f"hyphenation: {entry!r} {problem[0]}", problem[1])
                continue
            word = entry.replace("-", "").lower()
            if word in seen and seen[word] != entry.lower():
                diag.error(pos, f"hyphenation: {entry!r} is listed before as {seen[word]!r}",
                           "keep one of them: a word breaks at the hyphens of one entry")
            seen.setdefault(word, entry)
            if len(word) <= 5 and "-" in entry:
                diag.warning(pos, f"hyphenation: {entry!r}: a word of 5 letters or fewer is never hyphenated",
                             "remove the entry (or write it without hyphens)")

    def _check_quotes(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """`quotes: single` needs a language that has single quotation marks (French nests « “…” »)."""
        from ..locale import get_locale, single_marks, supported
        if self.quotes != "single" or not supported(self.language):
            return
        own = get_locale(self.language)
        if not (single_marks(own.quotes) or single_marks(own.inner_quotes)):
            diag.error(ctx.value_pos(self, "quotes"), f"quotes: single: {self.language} has no single quotation "
                       f"marks; it writes {own.quotes[0]}…{own.quotes[1]} with {own.inner_quotes[0]}…"
                       f"{own.inner_quotes[1]} inside", "remove quotes:, or type the marks you want in the text")

    def _check_year(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """The year (a financial year's first) is one a review is about."""
        first = year_number(self.year)
        if not 1900 <= first <= 2200:
            diag.error(ctx.value_pos(self, "year"), f"year {self.year} is out of range",
                       "write the four-digit year under review, e.g. 2017, or a financial year, e.g. 2025/26")


# a language named in English, in itself, or in one of the others: its usual tag (region: see _REGIONS)
_LANGUAGE_NAMES = {
    "de-DE": ("german", "deutsch", "allemand", "duits"),
    "en-GB": ("english", "englisch", "anglais", "engels"),
    "fr-FR": ("french", "français", "francais", "französisch", "franzoesisch", "frans"),
    "nl-NL": ("dutch", "nederlands", "niederländisch", "niederlaendisch", "néerlandais", "neerlandais",
              "hollands"),
    "nl-BE": ("flemish", "vlaams", "flämisch", "flamand"),
    "it-IT": ("italian", "italiano", "italienisch", "italien", "italiaans", "italiana", "it"),
    "es-ES": ("spanish", "español", "espanol", "castellano", "castilian", "spanisch", "espagnol", "spaans",
              "sp"),
    "sv-SE": ("swedish", "svenska", "svensk", "schwedisch", "suédois", "suedois", "zweeds", "swe",
              "se", "se-se", "se_se"),  # se: Sweden's country code, a common slip for sv
    "pl-PL": ("polish", "polski", "polnisch", "polonais", "pools", "pol"),
    "da-DK": ("danish", "dansk", "dänisch", "daenisch", "danois", "deens", "dk", "dk-dk", "dk_dk"),  # dk: the country
    "pt-PT": ("portuguese", "português", "portugues", "portugiesisch", "portugais", "portugees"),
    "pt-BR": ("brazilian", "brasileiro", "português do brasil", "portugues do brasil", "br", "br-br"),
}
_REGIONS = {"de": ("de-DE", "de-AT", "de-CH"), "en": ("en-GB", "en-US"), "fr": ("fr-FR", "fr-BE", "fr-CH"),
            "nl": ("nl-NL", "nl-BE"), "it": ("it-IT", "it-CH"), "es": ("es-ES", "es-MX"), "sv": ("sv-SE", "sv-FI"),
            "pl": ("pl-PL",), "da": ("da-DK",), "pt": ("pt-PT", "pt-BR")}  # the regions a hint offers


# ISO 3166-1 alpha-2: the regions a tag may name (fr-SW is none: a typo for fr-CH)
_ISO_REGIONS = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY
BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK
FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR
IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())
# a region's names a mistyped code may start with (SW, SU: Switzerland, Suisse; UK: the United Kingdom)
_REGION_NAMES = {"CH": ("switzerland", "swiss", "schweiz", "suisse", "svizzera", "zwitserland"),
                 "DE": ("germany", "deutschland", "allemagne", "duitsland"),
                 "AT": ("austria", "österreich", "oesterreich", "autriche", "oostenrijk"),
                 "FR": ("france", "frankreich", "frankrijk"), "GB": ("uk", "united kingdom", "england", "britain"),
                 "BE": ("belgium", "belgien", "belgique", "belgië", "belgie"), "US": ("usa", "america"),
                 "NL": ("netherlands", "nederland", "niederlande", "holland", "pays-bas"),
                 "IT": ("italy", "italia", "italien", "italie", "italië"), "MX": ("mexico", "méxico", "mexiko"),
                 "ES": ("spain", "españa", "espana", "spanien", "espagne", "spanje"),
                 "SE": ("sweden", "sverige", "schweden", "suède", "suede", "zweden", "swe"),
                 "FI": ("finland", "suomi", "finnland", "finlande"),
                 "PL": ("poland", "polska", "polen", "pologne"),
                 "DK": ("denmark", "danmark", "dänemark", "danemark", "denemarken"),
                 "PT": ("portugal",), "BR": ("brazil", "brasil", "brasilien", "brésil", "bresil", "brazilië")}


def _unknown_region(language: str) -> tuple[str, str] | None:
    """Where `language` names a region that does not exist (fr-SW, en-UK), or repeats the language's code
    where that is another country's (sv-SV: El Salvador): the message and a hint with the region of the
    language it most likely means (Switzerland's fr-CH, the United Kingdom's en-GB, Sweden's sv-SE)."""
    from difflib import get_close_matches
    parts = language.split("-")
    if len(parts) < 2 or len(parts[1]) != 2:
        return None
    base, code = parts[0].lower(), parts[1].upper()
    offered = _REGIONS.get(base, ())
    if code == base.upper() and offered and f"{base}-{code}" not in offered:  # sv-SV: El Salvador, not Sweden
        others, home = ", ".join(offered[1:]), _REGION_NAMES.get(offered[0][-2:], ("its country",))[0]
        owner = {"SV": "El Salvador's"}.get(code, "another country's")
        return (f"language {language!r}: {code} is {owner} code (ISO 3166), not {home.title()}'s",
                f"did you mean {offered[0]}?" + (f" (or {others})" if others else ""))
    if code in _ISO_REGIONS:
        return None
    regions = [tag[-2:] for tag in offered]
    named = [r for r in regions if any(n.startswith(code.lower()) for n in _REGION_NAMES.get(r, ()))]
    guess = (named or get_close_matches(code, regions, 1, 0.5) or [None])[0]
    message = f"language {language!r}: there is no region {parts[1]!r}"
    if guess:
        others = [t for t in offered if t != f"{base}-{guess}"]
        hint = f"did you mean {base}-{guess}?" + (f" (or {', '.join(others)})" if others else "")
    else:
        hint = (f"write {' or '.join(offered)}" if offered else "write the language code") + \
            ", or a hyphen and another country's two-letter code (ISO 3166)"
    return message, hint


def _closest_tag(language: str) -> str | None:
    """The supported tag `language` most likely means: nl_NL, NL-nl → nl-NL; Nederlands, Dutch → nl-NL."""
    from ..locale import region, supported
    fixed = region(language.strip())
    if _BCP47.fullmatch(fixed) and supported(fixed) and fixed != language:
        return fixed
    word = language.strip().lower()
    return next((tag for tag, names in _LANGUAGE_NAMES.items() if word in names), None)


def _words(line: str) -> str:
    """A line apart from its spacing and case."""
    return " ".join(line.split()).casefold()


def _same_words(a: str, b: str) -> bool:
    """Whether two lines say the same, apart from spacing and case."""
    return _words(a) == _words(b)


def _starts_with_words(a: str, b: str) -> bool:
    """Whether line `a` begins with the words of `b` (apart from spacing and case), a whole word last."""
    a, b = _words(a), _words(b)
    return bool(b) and a.startswith(b) and (len(a) == len(b) or not a[len(b)].isalnum())


def check_language(node: Node, diag: Diagnostics, ctx: ReadContext) -> None:
    """`language:` (report.yaml's, or a section's own) is a BCP 47 tag of a language we have a locale for;
    where it is not, the hint names the tag it most likely means (nl_NL, Nederlands: nl-NL)."""
    from ..locale import LANGUAGES, supported
    language = node.language
    if language is None:
        return
    well_formed = _BCP47.fullmatch(language)
    if well_formed and supported(language):
        unknown = _unknown_region(language)
        if unknown is not None:
            diag.error(ctx.value_pos(node, "language"), *unknown)
        return
    message = f"language {language!r} is not {'supported' if well_formed else 'a BCP 47 language tag'}"
    tag = _closest_tag(language)
    if tag is not None:
        others = ", ".join(r for r in _REGIONS.get(tag[:2], ()) if r != tag)
        hint = f"write {tag}: the language's code, a hyphen and the region" + (f" (or {others})" if others else "")
    elif well_formed:
        hint = f"supported: {', '.join(sorted(LANGUAGES))} (e.g. de-DE, de-CH, en-GB, fr-CH, fr-FR, nl-NL, nl-BE)"
    else:
        hint = "write a language code and, if you like, a region: de-DE, de-AT, en-GB, fr-FR, nl-NL"
    diag.error(ctx.value_pos(node, "language"), message, hint)

# --- the loaded document -----------------------------------------------------


@dataclass
class Document:
    report: Report
    sections: list[Any]
    charts: dict[str, Any]
    content_dir: Path
    assets_dir: Path
    warnings: list[Diagnostic] = field(default_factory=list)  # the model's findings that do not stop a build
    refs: Any = None  # model.refs.CrossRefs: the places cross-references in the text name, and where they stand

    def locale(self, language: str | None = None) -> Any:
        """The locale that prints text in `language` (None: the report's): the report's own language
        with report.yaml's `numbers:` over its notation and `quotes:` over its quotation marks; a section
        in another language has that language's own (its readers' notation), or the house style where
        `numbers: {other_languages: house}` says so. Every stage asks here, never `get_locale` itself."""
        from ..locale import get_locale
        if language is None or language == self.report.language:
            return get_locale(self.report.language, self.report.numbers, self.report.quotes)
        house = self.report.numbers
        if house is None or house.other_languages != "house":
            return get_locale(language)
        own = get_locale(self.report.language, house)  # the house's whole notation, its language's where unsaid
        return get_locale(language, SimpleNamespace(thousands=own.thousands, decimal=own.decimal,
                                                    group_four_digits=own.group_four_digits))

