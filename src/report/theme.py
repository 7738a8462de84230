"""The design as data: colours (CMYK for print, sRGB for screen), fonts, sizes, page grid.

The package ships data/theme.yaml; a content folder may override keys in its own
theme.yaml. Everything a designer would change lives there, not in code.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import ClassVar, Literal

from .assets import inside_project
from .cache import file_status, settled
from .colours import (
    CLOSE_DELTA_E,
    MISMATCH_DELTA_E,
    PROFILE,
    SIMULATIONS,
    TEXT_CONTRAST,
    close_pairs,
    contrast_ratio,
    delta_e,
    hex_code,
    how_close,
    luminance,
    mismatches,
    plate_count,
    readable,
    simulate,
    small_text_build,
)
from .errors import Diagnostic, Diagnostics, Pos, ReportError
from .fontfiles import parsed
from .load import YMap, YSeq, load_yaml_file
from .model import Node, ReadContext, Reader, spec
from .model.reader import (
    LENGTH_HINT,
    LENGTH_SCHEMA,
    MM_PER_UNIT,
    Length,
    did_you_mean,
    length_mm,
    mm_range,
)

DEFAULT_THEME = Path(__file__).parent / "data" / "theme.yaml"


def _colour_name_hint(name: str, known: list[str], spares: list[str]) -> str:
    """The charts name the theme's colours, each with its CMYK for print: a hex value or a colour word
    („#1f4e79“, „dunkelblau“) is told how to become one; a misspelt name, the name meant. `spares`: the
    colours no chart names yet, one taken for each hex value in turn."""
    listing = f"known colours: {', '.join(known)}"
    if re.fullmatch(r"#?[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}", name.strip()):
        spare = spares.pop(0) if len(spares) > 1 else (spares[0] if spares else known[-1])
        return (f"the charts name the theme's colours, which print in CMYK: give one of them this colour under "
                f"colours:, with its CMYK from the brand guide, e.g. {spare}: {{cmyk: [C, M, Y, K], rgb: "
                f"\"{name if name.startswith('#') else '#' + name}\"}}, and write {spare} here ({listing})")
    close = did_you_mean(name, known)
    return close if close.startswith("did you mean") else (
        f"name one of the theme's colours (a colour of your own: set one of them under colours:); {listing}")
# the colours of running text on the paper, which must stand out as small text does (WCAG 2 AA)
TEXT_ON_PAPER = {"ink": "body text", "muted": "captions, sources and folios"}
THEME_FILE = "theme.yaml"
SIZE_RANGE = (6, 72)  # points: below 6 print shops do not guarantee text; above 72 nothing fits a tile
MM = 72 / 25.4
MAX_INK = 300  # percent total area coverage accepted by offset print shops (FOGRA39 coated)
# a spot colour's name becomes a PDF name (/Separation): printable ASCII without PDF's delimiters, which
# reportlab writes unescaped (a '/') or as Latin-1 (an 'ü') where pikepdf writes UTF-8
SPOT_CHARACTER = re.compile(r"[A-Za-z0-9 .,+&'_:-]")
SPOT_MAX_LENGTH = 63
SPOT_NAME = re.compile(rf"[A-Za-z0-9](?:{SPOT_CHARACTER.pattern}){{0,{SPOT_MAX_LENGTH - 1}}}")
RESERVED_SPOTS = ("cyan", "magenta", "yellow", "black", "all", "none")  # PDF's process plates and All/None


def _rgb_hint(written: str) -> str:
    """What `rgb: written` was meant as: hex without its #, three hex digits, rgb(…) or three numbers."""
    text = written.strip()
    meant = None
    if re.fullmatch(r"#?[0-9a-fA-F]{6}", text):
        meant = "#" + text.lstrip("#")
    elif re.fullmatch(r"#?[0-9a-fA-F]{3}", text):
        meant = "#" + "".join(c * 2 for c in text.lstrip("#"))
    elif (m := re.fullmatch(r"(?:rgb\s*\(\s*)?(\d{1,3})[\s,/]+(\d{1,3})[\s,/]+(\d{1,3})\s*\)?", text, re.I)) \
            and all(int(v) <= 255 for v in m.groups()):
        meant = "#" + "".join(f"{int(v):02x}" for v in m.groups())
    if meant is None:
        return 'write six hex digits after a #, in quotes, e.g. rgb: "#0b4a74"'
    return f'write it as hex with its #, in quotes: rgb: "{meant.lower()}"'


@dataclass(kw_only=True)
class Colour(Node):
    """One colour on both media: CMYK (or a spot ink with its CMYK alternate) for print, sRGB for screens."""

    # cmyk and rgb are required unless the colour is a tint (of:), whose own are worked out from its base
    cmyk: list[float] = spec("Print colour as C, M, Y, K in percent (0–100, not fractions of 1).",
                             default=None, example=[100, 60, 10, 30])
    rgb: str = spec("Screen colour as sRGB hex: the same colour as cmyk (the build warns where they print and "
                    "show clearly different colours).", default=None, example="#0b4a74")
    spot: str | None = spec("A spot colour (a special ink) the print edition prints this colour in, on a plate of "
                            "its own, named as the print shop's swatch book names it; cmyk is then its process "
                            "alternate and rgb its screen colour, both from the brand guide.", default=None,
                            example="PANTONE 286 C")
    of: str | None = spec("Makes this colour a tint (a lighter screen) of another theme colour, by its name: it "
                          "prints as a screen of that colour's ink (its spot plate, or each of its process inks) "
                          "and shows as its rgb mixed with white; cmyk, rgb and spot are then left out.",
                          default=None, example="primary")
    percent: float | None = spec("With of: the tint's strength, in percent of the full colour.", default=None,
                                 between=(1, 100), example=15)
    # a resolved tint's base colour CMYK (0–1), a spot tint's alternate (not a field: no schema, no key)
    base_cmyk = None
    # keys a brand guide's notation suggests, with the key they are written as here
    KEYS_ELSEWHERE: ClassVar[dict[str, str]] = {
        **dict.fromkeys(("pantone", "pms", "hks", "ral", "spot_colour", "spot_color"),
                        "a spot colour is written spot: with the ink's full name, e.g. spot: PANTONE 382 C"),
        **dict.fromkeys(("hex", "rgb_hex", "srgb", "web", "html", "screen"),
                        'the screen colour is written rgb: as hex in quotes, e.g. rgb: "#0b4a74"'),
        **dict.fromkeys(("process", "print", "cmyk_percent"), "the print colour is written cmyk: [C, M, Y, K] in "
                        "percent, e.g. cmyk: [100, 60, 10, 30]"),
    }

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if self.of is not None or self.percent is not None:
            return  # a tint: checked by its name (Theme._resolve_tints)
        missing = [key for key in ("cmyk", "rgb") if getattr(self, key) is None]
        for key in missing:
            diag.error(self.pos, f"colour: missing required key '{key}'",
                       'give cmyk and rgb, e.g. {cmyk: [100, 60, 10, 30], rgb: "#0b4a74"}, or make the colour a '
                       "tint of another: {of: primary, percent: 15}")
        if missing:
            return
        pos = ctx.value_pos(self, "cmyk")
        if self.spot is not None:
            self._check_spot(diag, ctx)
        if len(self.cmyk) != 4 or any(not 0 <= v <= 100 for v in self.cmyk):
            diag.error(pos, f"cmyk {self.cmyk} must be four values from 0 to 100", "e.g. cmyk: [100, 60, 10, 30]")
        elif all(v <= 1 for v in self.cmyk) and any(v != int(v) for v in self.cmyk):
            # fractions of 1 (as some tools write CMYK) read as percent print nearly paper white
            written = "/".join(f"{v:g}" for v in self.cmyk)
            meant = ", ".join(f"{round(v * 100, 4):g}" for v in self.cmyk)
            diag.error(pos, f"cmyk {_listed(self.cmyk)} is in percent: {written} % is nearly paper white",
                       f"did you mean [{meant}]? CMYK is written in percent from 0 to 100")
        elif sum(self.cmyk) > MAX_INK:
            diag.error(pos, f"total ink {sum(self.cmyk):g} % exceeds {MAX_INK} %",
                       "offset printing on coated paper accepts at most 300 %; reduce C, M or Y")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", self.rgb):
            diag.error(ctx.value_pos(self, "rgb"), f"rgb {self.rgb!r} is not a hex colour", _rgb_hint(self.rgb))

    def _check_spot(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """A spot's name is what the print shop's software matches its ink by (in the PDF: a
        /Separation colour space), and its cmyk what proofs and a shop printing in four colours show."""
        pos, name = ctx.value_pos(self, "spot"), self.spot
        example = "e.g. spot: PANTONE 286 C or spot: HKS 43 K"
        if not SPOT_NAME.fullmatch(name):
            bad = next((c for c in name if not SPOT_CHARACTER.fullmatch(c)), None)
            what = (f"contains {bad!r}" if bad is not None else f"starts with {name[0]!r}"
                    if len(name) <= SPOT_MAX_LENGTH else f"has {len(name)} characters, over {SPOT_MAX_LENGTH}")
            diag.error(pos, f"spot {name!r} {what}: the print shop's software matches the ink by this name",
                       "write the ink's name as the swatch book spells it, in letters, digits, spaces and "
                       f". , - + & ' _ :, {example}")
        elif not re.search(r"[A-Za-z]", name):
            diag.error(pos, f"spot {name!r} is a number, not an ink's name: the print shop's software matches "
                       "the whole name", f"write the name with its family and finish, e.g. spot: PANTONE {name} C "
                       f"or spot: HKS {name} K")
        elif name.casefold() in ("all", "none"):
            diag.error(pos, f"spot {name!r} is a reserved name in PDF (every plate, or no plate)",
                       f"name the ink, {example}")
        elif name.casefold() in RESERVED_SPOTS:
            diag.error(pos, f"spot {name!r} is one of the four process inks, not a spot colour",
                       "give the colour as cmyk alone, without spot")
        own = Path(pos.file).resolve() if pos.file is not None else None
        for key, what in (("cmyk", "CMYK alternate"), ("rgb", "screen colour")):
            given = ctx.value_pos(self, key).file
            if own is not None and own != DEFAULT_THEME.resolve() and given is not None \
                    and Path(given).resolve() == DEFAULT_THEME.resolve():
                value = self.cmyk_text if key == "cmyk" else self.rgb
                diag.error(pos, f"spot {name!r} has no {key} of its own: it would take the default theme's "
                           f"{value}, another colour",
                           f"give the ink's {what} from the brand guide beside it, e.g. "
                           '{cmyk: [100, 72, 0, 18], rgb: "#0033a0", spot: PANTONE 286 C}')
        if len(self.cmyk) == 4 and not any(self.cmyk):
            diag.error(ctx.value_pos(self, "cmyk"), f"spot {name!r} has cmyk 0/0/0/0: its process alternate prints "
                       "nothing in proofs and where the shop prints in four colours",
                       "give the CMYK the brand guide lists for the ink, e.g. cmyk: [100, 72, 0, 18]")

    @property
    def strength(self) -> float:
        """How much of its ink the colour prints: 1, or a tint's percent as a fraction."""
        return 1.0 if self.percent is None else self.percent / 100

    def tint_of(self, base: Colour) -> None:
        """Become the resolved tint of `base`: each process ink of its CMYK screened to the tint's
        percent, its spot ink (printed at that strength), and its sRGB mixed with white at that
        percent (channel by channel, 255 − (255 − c) × percent / 100)."""
        s = self.strength
        self.cmyk = [round(v * s, 2) for v in base.cmyk]
        self.rgb = "#" + "".join(f"{round(255 - (255 - v * 255) * s):02x}" for v in base.rgb_floats)
        self.spot, self.base_cmyk = base.spot, base.cmyk_floats

    @property
    def cmyk_text(self) -> str:
        return "/".join(f"{v:g}" for v in self.cmyk)

    @property
    def rgb_floats(self) -> tuple[float, float, float]:
        return tuple(int(self.rgb[i:i + 2], 16) / 255 for i in (1, 3, 5))

    @property
    def cmyk_floats(self) -> tuple[float, float, float, float]:
        return tuple(v / 100 for v in self.cmyk)


def _listed(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


@dataclass(kw_only=True)
class Colours(Node):
    ink: Colour = spec("Body text.")
    primary: Colour = spec("Headings and the cover panel.")
    accent: Colour = spec("Highlights and kickers.")
    secondary: Colour = spec("Second chart colour.")
    tint: Colour = spec("Backgrounds of tiles and boxes.")
    muted: Colour = spec("Captions, sources and running heads.")
    rule: Colour = spec("Hairlines.")
    paper: Colour = spec("The paper (white).")
    sky: Colour = spec("Chart series colour (light blue).")
    taupe: Colour = spec("Chart series colour (grey-brown).")
    rose: Colour = spec("Chart series colour (light red).")
    rust: Colour = spec("Chart series colour (dark orange-brown).")
    steel: Colour = spec("Chart series colour (mid blue).")
    plum: Colour = spec("Chart series colour (dark aubergine).")


@dataclass(kw_only=True)
class Fonts(Node):
    """Font files relative to assets/: .ttf, .otf (CFF), variable fonts, .woff2. A theme.yaml whose
    fonts: name a regular weight replaces the whole default family; a weight it leaves out falls back
    (fonts.FALLBACK)."""

    regular: str = spec("Regular weight (.ttf, .otf, variable font or .woff2), relative to assets/.",
                        example="fonts/Brand-Regular.otf")
    italic: str | None = spec("Italic; falls back to regular.", default=None)
    bold: str | None = spec("Bold; falls back to regular.", default=None)
    bold_italic: str | None = spec("Bold italic; falls back to bold, italic, regular.", default=None)
    black: str | None = spec("Heaviest weight, for big numbers and the title; falls back to bold, regular.",
                             default=None)
    light: str | None = spec("Light weight, for quotes and the lead; falls back to regular.", default=None)
    heading: str | None = spec("The headings' own face (a serif beside a sans text face, say): section titles and "
                               "sub-headings, the cover title, the contents, titles over tables, charts, boxes, "
                               "timelines and cards, the back page's heading and key-figure numbers. Without it "
                               "they are set in black (titles, numbers) and bold (the others) of the family above; "
                               "with it bold text, tables, labels and running heads stay in the family above.",
                               default=None,
                               example="fonts/Brand-Serif-Bold.otf")


@dataclass(kw_only=True)
class Sizes(Node):
    body: float = spec("Body text size (pt).", between=SIZE_RANGE)
    leading: float = spec("Body line distance (pt).", between=SIZE_RANGE)
    lead: float = spec("Lead paragraph size (pt).", between=SIZE_RANGE)
    lead_leading: float = spec("Lead line distance (pt).", between=SIZE_RANGE)
    h1: float = spec("Section heading size (pt).", between=SIZE_RANGE)
    h2: float = spec("Subheading size (pt).", between=SIZE_RANGE)
    h3: float = spec("Size of a heading of level 3 inside a section (pt).", between=SIZE_RANGE)
    note: float = spec("Small print: notes and footnotes (pt).", between=SIZE_RANGE)
    kicker: float = spec("Kicker line size (pt).", between=SIZE_RANGE)
    caption: float = spec("Caption size (pt).", between=SIZE_RANGE)
    figure_title: float = spec("Title over a table or chart (pt): set bold in the ink colour, close above it, "
                               "so that it reads as the label of what follows, not as a sub-heading.",
                               between=SIZE_RANGE)
    source: float = spec("Source line size (pt).", between=SIZE_RANGE)
    quote: float = spec("Pull quote size (pt).", between=SIZE_RANGE)
    quote_leading: float = spec("Pull quote line distance (pt).", between=SIZE_RANGE)
    figure: float = spec("Key figure number size (pt).", between=SIZE_RANGE)
    running: float = spec("Running head and folio size (pt).", between=SIZE_RANGE)
    title: float = spec("Cover title size (pt).", between=SIZE_RANGE)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        for f in fields(self):
            if getattr(self, f.name) < 6:
                diag.error(ctx.value_pos(self, f.name), f"size {f.name} = {getattr(self, f.name)} pt is below 6 pt",
                           "print shops do not guarantee text below 6 pt")
        for size, leading in LEADINGS:
            pt, lead = getattr(self, size), getattr(self, leading)
            if lead >= pt:
                continue
            # reported where the theme.yaml changed one of them (body: 16 under the default leading 14.5)
            pos = ctx.value_pos(self, leading)
            if pos.file == DEFAULT_THEME:
                pos = ctx.value_pos(self, size)
            diag.error(pos, f"{leading} {lead:g} pt is less than the {size} size {pt:g} pt: the lines of "
                       "text would overlap", f"{leading} is the distance from baseline to baseline in points, "
                       f"about 1.2 to 1.5 × the size: e.g. {leading}: {pt * 1.4:.1f} for {size}: {pt:g}")


# each type size with its line distance (a leading under the size sets lines into each other)
LEADINGS = (("body", "leading"), ("lead", "lead_leading"), ("quote", "quote_leading"))


PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4), "square": (210.0, 210.0)}
# Bleed: artwork beyond the trim, cut off. European shops ask for 3 mm; US printers for 0.125 in (9 pt,
# 3.175 mm), and their preflights flag the 8.5 pt of 3 mm. More than 5 mm only wastes paper.
BLEED_MM, US_BLEED_MM, BLEED_RANGE_MM = 3.0, 25.4 / 8, (3, 5)
REFERENCE_MM = PAGE_SIZES_MM["A4"]  # the theme's margins, grid and display sizes are designed for A4
PAGE_RANGE_MM = (90, 500)  # smaller than a postcard or larger than A2 is not a review
DISPLAY_SIZES = ("h1", "title", "figure", "quote", "quote_leading")  # scale with the page; reading sizes do not


@dataclass(kw_only=True)
class PageGrid(Node):
    size: str = field(default="A4", metadata={
        **spec("Trim size: A4, A5, Letter, square (210 × 210 mm), or [width, height] in mm or with a unit, e.g. "
               "[170, 240] or [8.5in, 11in].", example="A5").metadata,
        "json_schema": {"anyOf": [{"type": "string", "minLength": 1},
                                  {"type": "array", "items": LENGTH_SCHEMA, "minItems": 2, "maxItems": 2}]}})
    orientation: Literal["portrait", "landscape"] = spec("portrait or landscape (named sizes).",
                                                         default="portrait")
    scale: bool = spec("Scale margins, grid and display type from A4 to the page size (false: take them "
                       "as written).", default=True)
    margin_inner: Length = spec("Margin at the binding (mm).", between=(10, 60))
    margin_outer: Length = spec("Margin at the outer edge (mm).", between=(10, 60))
    margin_top: Length = spec("Top margin (mm).", between=(15, 60))
    margin_bottom: Length = spec("Bottom margin (mm).", between=(15, 60))
    text_offset: Length = spec("Indent of the body text column from the inner margin (mm).", between=(0, 70))
    tile_gap: Length = spec("Gap between key-figure tiles (mm).", between=(0, 15))
    bleed: Length | None = spec("Bleed: how far backgrounds and photos run beyond the trim, to be cut off (mm, or "
                                "with a unit: 0.125in). Default: 3 mm, on US Letter 0.125 in (3.175 mm), what US "
                                "printers ask for.", default=None, between=BLEED_RANGE_MM, example=3)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        named = {name.lower(): name for name in PAGE_SIZES_MM}
        self.size = named.get(self.size.lower(), self.size)  # letter, a4: as the paper is called
        try:
            trim_mm(self)
        except ValueError as exc:
            diag.error(ctx.value_pos(self, "size"), f"page size {_shown_size(self.size)}: {exc}",
                       _size_hint(self.size, named))

    @property
    def trim(self) -> tuple[float, float]:
        """Trim width and height in points."""
        w, h = trim_mm(self)
        return w * MM, h * MM

    @property
    def bleed_mm(self) -> float:
        """The bleed in millimetres: as set, else 0.125 in on US Letter (either way round), 3 mm on any other page."""
        if self.bleed is not None:
            return float(self.bleed)
        letter = sorted(PAGE_SIZES_MM["Letter"])
        return US_BLEED_MM if all(abs(a - b) < 0.05 for a, b in zip(sorted(trim_mm(self)), letter, strict=True)) \
            else BLEED_MM

    @property
    def text_width(self) -> float:
        """Width of the text frame in points: what charts are drawn for."""
        return self.trim[0] - (self.margin_inner + self.margin_outer) * MM

    @property
    def text_height(self) -> float:
        """Height of the text frame in points."""
        return self.trim[1] - (self.margin_top + self.margin_bottom) * MM

    @property
    def wide(self) -> bool:
        """A text frame wider than high (A4 landscape, 16:9): a full-width chart takes half of it."""
        return self.text_width > self.text_height

    @property
    def factor(self) -> float:
        """How much smaller or larger than A4 the page is (geometric mean of the sides); 1 at A4."""
        w, h = trim_mm(self)
        if (w, h) == REFERENCE_MM or not self.scale:
            return 1.0
        return ((w * h) / (REFERENCE_MM[0] * REFERENCE_MM[1])) ** 0.5


def _size_hint(size: str, named: dict[str, str]) -> str:
    """The hint for a page size that is not one: the size meant where the mistake is a common one."""
    usual = (f"use {', '.join(PAGE_SIZES_MM)} or [width, height] in millimetres or with a unit, "
             "e.g. [170, 240] or [8.5in, 11in]")
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)", size):
        w, h = float(m[1]), float(m[2])
        if all(PAGE_RANGE_MM[0] <= v * MM_PER_UNIT["in"] <= PAGE_RANGE_MM[1] for v in (w, h)):
            return f"a number alone is millimetres: for inches write [{w:g}in, {h:g}in]"  # 8.5 x 11
        return usual
    words = size.replace("-", " ").split()
    paper = next((named[w.lower()] for w in words if w.lower() in named), None)
    turned = next((w.lower() for w in words if w.lower() in ("landscape", "portrait")), None)
    if paper and (turned or len(words) > 1):  # "A4 landscape", "US Letter"
        return f"write size: {paper}" + (f" and orientation: {turned} on its own line" if turned else "")
    return usual


def trim_mm(page: PageGrid) -> tuple[float, float]:
    """The trim size in millimetres; raises ValueError for a size that is not one."""
    if page.size in PAGE_SIZES_MM:
        w, h = PAGE_SIZES_MM[page.size]
    else:
        m = re.fullmatch(r"(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)", page.size)
        if not m:
            raise ValueError("unknown size")
        w, h = float(m.group(1)), float(m.group(2))
        if not all(PAGE_RANGE_MM[0] <= v <= PAGE_RANGE_MM[1] for v in (w, h)):
            raise ValueError(f"each side must be {mm_range(*PAGE_RANGE_MM)}")
        return w, h
    return (max(w, h), min(w, h)) if page.orientation == "landscape" else (w, h)


@dataclass(kw_only=True)
class TextDesign(Node):
    section_page: Literal["new", "continue"] = spec(
        "Where a text section starts unless it says otherwise (page: new|continue): on a new page, or "
        "below the previous section.", example="continue")
    contents_levels: int = spec("Heading levels listed in the contents: 1 = sections only, 2 = with "
                                "their sub-headings.", between=(1, 2), example=1)
    print_links: Literal["plain", "underline"] = spec(
        "Links in the print edition: plain text in the ink colour, or underlined.", example="plain")
    list_indent: Length = spec("Hanging indent of list items (mm).", between=(2, 20), example=5)
    column_gap: Length = spec("Gap between the two columns of a two-column section (mm).", between=(3, 20),
                              example=6)
    box_padding: Length = spec("Inner padding of a box (mm).", between=(2, 15), example=5)
    measure: int = spec("The longest line of body text, in characters (of the body font at its size). A page whose "
                        "text column, beside the margin column, holds more (A4 landscape, 16:9) sets text sections "
                        "in two columns there and the foreword as wide as one of them; tables and the contents "
                        "stay as wide as the margin column and the first of them, where they fit.",
                        between=(45, 200), example=95)


@dataclass(kw_only=True)
class ChartStyle(Node):
    palette: list[str] = spec("Colour names used for chart series and donut shares, in order.", items=(1, 8))
    highlight: str = spec("Colour name of a highlighted point (e.g. the record month).", example="accent")
    negative: str = spec("Colour name of negative bars (a loss) in a single-series bar chart.", example="accent")


LogoPlace = Literal["top-left", "top-right", "bottom-right", "none"]


@dataclass(kw_only=True)
class Logo(Node):
    """The organisation's logo: on the cover, the back page and optionally in the running head."""

    file: str = spec("The logo relative to assets/: SVG or PDF (vector, preferred) or PNG at 300 ppi.",
                     example="logo/logo.svg")
    negative: str | None = spec("A light version for dark backgrounds (cover panel, back page, a dark photo "
                                "cover); without it the logo sits on a paper-coloured plate there.", default=None,
                                example="logo/logo-negative.svg")
    alt: str | None = spec("What the logo says, for readers who cannot see it (default: the organisation).",
                           default=None, max_length=120)
    width: Length = spec("Width on the cover and the back page (mm at A4; scaled with the page).", default=40,
                         between=(10, 120))
    clear_space: float = spec("Free space around the logo, as a share of its height.", default=0.5,
                              between=(0, 2))
    cover: LogoPlace = spec("Where the cover shows it: top-left, top-right (on a plate at the top edge; on a "
                            "photo cover on the photo, in the version that stands out from it), bottom-right (in "
                            "the title panel) or none.", default="top-left")
    closing: Literal["foot", "none"] = spec("On the back page: foot (above the imprint) or none.",
                                            default="foot")
    running_head: bool = spec("A small logo at the inner end of every running head.", default=False)


@dataclass(kw_only=True)
class Theme(Node):
    fonts: Fonts = spec("The type family.")
    colours: Colours = spec("The palette.")
    sizes: Sizes = spec("The type scale.")
    page: PageGrid = spec("Page size, margins and grid.")
    text: TextDesign = spec("How text sections flow and how lists, boxes, notes and links look.")
    charts: ChartStyle = spec("Chart styling.")
    plates: Plates = spec("Print rules for small and reversed text (see the plates block below).")
    logo: Logo | None = spec("The organisation's logo (optional).", default=None)
    warnings = ()  # set by load_theme: findings for the build output (not a field: no schema, no cache key)

    def colour(self, name: str) -> Colour:
        return getattr(self.colours, name)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        known = [f.name for f in fields(Colours)]
        named = [*self.charts.palette, self.charts.highlight, self.charts.negative]
        spares = [k for k in reversed(known) if k not in named and k not in ("ink", "paper")]  # for a hex value
        for i, name in enumerate(self.charts.palette):
            if name not in known:
                diag.error(ctx.item_pos(self.charts, "palette", i), f"unknown colour '{name}' in chart palette",
                           _colour_name_hint(name, known, spares))
        for key in ("highlight", "negative"):
            name = getattr(self.charts, key)
            if name not in known:
                diag.error(ctx.value_pos(self.charts, key), f"unknown colour '{name}' for charts: {key}",
                           _colour_name_hint(name, known, spares))
        self._resolve_tints(diag, ctx)
        self._check_spots(diag, ctx)
        if not diag.errors:
            self._check_text_contrast(diag, ctx)
            self._check_print_and_screen(diag, ctx.assets_dir / PROFILE)

    def _resolve_tints(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Each tint ({of: primary, percent: 15}) becomes its base colour at that strength (Colour.tint_of).
        Its base is a colour of its own: a screen of a screen is not printed, and the paper is unprinted."""
        known = [f.name for f in fields(Colours)]
        tints = [(name, self.colour(name)) for name in known
                 if self.colour(name).of is not None or self.colour(name).percent is not None]
        example = "e.g. tint: {of: primary, percent: 15} (15 % of primary's ink)"
        ok = True
        for name, colour in tints:
            if colour.of is None:
                diag.error(ctx.value_pos(colour, "percent"), f"colour {name}: percent needs of: the colour it is a "
                           "tint of", example)
                ok = False
                continue
            if colour.percent is None:
                diag.error(ctx.value_pos(colour, "of"), f"colour {name}: a tint of {colour.of} needs percent: its "
                           "strength from 1 to 100", example)
                ok = False
            for key in ("cmyk", "rgb", "spot"):
                if getattr(colour, key) is not None:
                    diag.error(ctx.value_pos(colour, key), f"colour {name}: a tint of {colour.of} takes its {key} "
                               f"from {colour.of}, so it has no {key} of its own",
                               f"leave out {key}, or leave out of and percent to give a colour of its own")
                    ok = False
        tints = [(name, colour) for name, colour in tints if colour.of is not None]
        for name, colour in tints:
            pos, base = ctx.value_pos(colour, "of"), colour.of
            if name == "paper":
                diag.error(pos, "colour paper cannot be a tint: it is the unprinted sheet",
                           "remove of and percent from paper; give the tint to the colour that prints it, e.g. tint")
            elif base not in known:
                others = [n for n in known if n != name]
                diag.error(pos, f"colour {name}: unknown colour '{base}' to be a tint of", did_you_mean(base, others))
            elif base == "paper":
                diag.error(pos, f"colour {name} cannot be a tint of paper: a screen of the unprinted sheet prints "
                           "nothing", "name a colour that prints, e.g. of: primary")
            elif base == name or self.colour(base).of is not None:
                chain, step = [name], base
                while step in known and step not in chain and self.colour(step).of is not None:
                    chain.append(step)
                    step = self.colour(step).of
                if step == name:  # a cycle
                    diag.error(pos, f"colour {name} is a tint of itself ({' → '.join([*chain, name])}): none of "
                               "them is a colour of its own", f"give {base} cmyk and rgb (and a spot) of its own "
                               "instead of of and percent")
                else:
                    second = self.colour(base)
                    whole = colour.percent * (second.percent or 100) / 100
                    diag.error(pos, f"colour {name} is a tint of {base}, itself a tint of {second.of}: a tint "
                               "is of a colour of its own",
                               f"name that colour: {{of: {second.of}, percent: {round(whole, 2):g}}} "
                               f"({colour.percent:g} % of {second.percent:g} %)")
            else:
                continue
            ok = False
        if ok:
            for _, colour in tints:
                colour.tint_of(self.colour(colour.of))

    def _check_spots(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """One ink, one plate: colours naming the same spot must agree on its alternate, and names
        that differ only in case or spacing would be two plates at the print shop."""
        seen: dict[str, tuple[str, Colour]] = {}
        for f in fields(Colours):
            colour = self.colour(f.name)
            if colour.spot is None or colour.of is not None:  # a tint's ink is its base colour's
                continue
            pos = ctx.value_pos(colour, "spot")
            if f.name == "paper":
                diag.error(pos, f"paper cannot be the spot colour {colour.spot!r}: it is the unprinted sheet",
                           "remove spot from paper; give the ink to the colour that prints it, e.g. primary")
                continue
            folded = " ".join(colour.spot.casefold().split())
            if folded not in seen:
                seen[folded] = (f.name, colour)
                continue
            first, other = seen[folded]
            if other.spot != colour.spot:
                diag.error(pos, f"spot {colour.spot!r} of {f.name} and {other.spot!r} of {first} differ only in "
                           "case or spacing: the print shop would get two plates",
                           f"spell both {other.spot!r}, as the swatch book does")
            elif other.cmyk != colour.cmyk:
                diag.error(ctx.value_pos(colour, "cmyk"), f"{f.name} names the spot {colour.spot!r} with cmyk "
                           f"{colour.cmyk_text}, {first} with {other.cmyk_text}: one ink has one process alternate",
                           f"give {f.name} the cmyk of {first}, or leave spot out of {f.name} (a lighter version "
                           "of the ink then prints in CMYK)")

    def spots(self) -> dict[str, tuple[float, float, float, float]]:
        """The spot colours the theme names, each with its CMYK alternate (0–1), in the colours' order."""
        out: dict[str, tuple[float, float, float, float]] = {}
        for f in fields(Colours):
            colour = self.colour(f.name)
            if colour.spot is not None and colour.of is None:  # a tint of a spot colour prints its ink
                out.setdefault(colour.spot, colour.cmyk_floats)
        return out

    def _check_print_and_screen(self, diag: Diagnostics, profile: Path) -> None:
        """A colour's cmyk and rgb are one colour on two media: where the CMYK prints (through the
        print edition's profile) clearly unlike the sRGB, one of them is a slip (a swapped value, a
        brand guide's other colour), and print and screen editions would disagree."""
        if not profile.is_file():
            return  # the print edition says that it is missing
        # a tint's print and screen versions are its base's, screened: said at the base
        colours = [(f.name, self.colour(f.name)) for f in fields(Colours) if self.colour(f.name).of is None]
        found = mismatches([(tuple(c.cmyk), c.rgb_floats) for _, c in colours], profile)
        for (name, colour), (d, shown, printed, screen) in zip(colours, found, strict=True):
            if d > MISMATCH_DELTA_E:
                diag.warning(colour.pos, f"colour {name}: cmyk {colour.cmyk_text} prints {printed} (about {shown}), "
                             f"rgb {colour.rgb} is {screen}: print and screen show different colours (delta E "
                             f"{d:.0f}, over {MISMATCH_DELTA_E:g})",
                             "give cmyk and rgb of the same colour, e.g. both from the brand guide; `report theme` "
                             "shows the palette")

    def _check_text_contrast(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """The colours of running text (body text, and captions, sources and folios) stand out 4.5 : 1
        from the paper, as WCAG 2 asks of small text: below it the screen edition sets such text in a
        darker shade, and print is as hard to read."""
        paper = self.colour("paper").rgb_floats
        for name, use in TEXT_ON_PAPER.items():
            colour = self.colour(name)
            ratio = contrast_ratio(luminance(colour.rgb_floats), luminance(paper))
            if ratio >= TEXT_CONTRAST:
                continue
            shade = hex_code(readable(colour.rgb_floats, paper, TEXT_CONTRAST))
            if colour.of is None:
                where = ctx.value_pos(colour, "rgb")
                fix = f'e.g. rgb: "{shade}", the nearest shade of its hue that reaches it, with its cmyk to match'
            else:  # a tint: the least percent of its base that reaches it, if any does
                where, base = ctx.value_pos(colour, "percent"), self.colour(colour.of).rgb_floats
                enough = next((p for p in range(1, 101) if contrast_ratio(luminance(tuple(
                    round(255 - (255 - v * 255) * p / 100) / 255 for v in base)), luminance(paper)) >= TEXT_CONTRAST),
                    None)
                fix = (f"e.g. percent: {enough}" if enough is not None
                       else f'its base {colour.of} is too light itself: give {name} a colour of its own, cmyk and '
                            f'rgb, e.g. rgb: "{shade}"')
            diag.warning(where, f"colour {name} ({use}): rgb {colour.rgb} on the paper {self.colour('paper').rgb} "
                         f"has a contrast of {ratio:.1f} : 1, under the {TEXT_CONTRAST:g} : 1 WCAG 2 asks of small "
                         f"text; the screen edition sets its text in {shade}", f"give it a darker colour, {fix}")

    def chart_colour_clashes(self) -> list[ColourClash]:
        """Pairs of chart colours that look alike (as designed, or as colour-blind readers see them):
        two series, or a loss and a gain, that cannot be told apart in a legend. The build warns for
        those a chart draws together (charts.palette_check); `report theme` for the whole palette."""
        names = list(dict.fromkeys(self.charts.palette))
        base = [self.colour(n).rgb_floats for n in names]
        found: dict[tuple[str, str], tuple[float, str]] = {}
        for who, matrix in [("", None), *SIMULATIONS.items()]:
            seen = base if matrix is None else [simulate(rgb, matrix) for rgb in base]
            for a, b, d in close_pairs(names, seen):
                found.setdefault((a, b), (d, who.split(" (")[0]))
        first, negative = names[0], self.charts.negative
        apart = delta_e(self.colour(negative).rgb_floats, self.colour(first).rgb_floats)
        if negative != first and apart < CLOSE_DELTA_E:
            found.setdefault((first, negative), (apart, ""))
        return [ColourClash(a, b, d, who, (a, b) == (first, negative)) for (a, b), (d, who) in found.items()]

    def clash_warning(self, clash: ColourClash, where: str = "") -> Diagnostic:
        """The warning for two chart colours that look alike, at the one the content's theme.yaml gave
        (the other is the package's); `where` names the charts that draw both (' in chart …')."""
        def own(name: str) -> bool:  # given in the content's theme.yaml, not the package's
            at = self.colour(name).pos.file
            return at is not None and Path(at).resolve() != DEFAULT_THEME.resolve()

        a, b = clash.a, clash.b
        what = "a loss and a gain" if clash.loss_and_gain else "two series"
        seen_by = f" with {clash.who}" if clash.who else ""
        change, other = (a, b) if own(a) and not own(b) else (b, a)
        return Diagnostic(f"chart colours {a} and {b} look alike{seen_by} (delta E {clash.delta_e:.0f}, under "
                          f"{CLOSE_DELTA_E:g}): {what}{where} are hard to tell apart", self.colour(change).pos,
                          f"choose another {change}, one that differs from {other} in lightness too; `report theme` "
                          "shows the chart colours as designed and as colour-blind readers see them", "warning")


@dataclass(frozen=True)
class ColourClash:
    """Two chart colours closer than CLOSE_DELTA_E, as seen by `who` ('' as designed)."""

    a: str
    b: str
    delta_e: float
    who: str
    loss_and_gain: bool  # the palette's first colour and charts.negative (a single series' losses)


# -- plates: small and reversed text in print ------------------------------------------------------
# Four plates never register exactly: small text in three or four of them prints with coloured
# fringes. Shops ask for text under ~12 pt in one or two plates and reversed (white) text of ≥ 8 pt
# in bold. The print edition sets small text in a theme colour's `text_builds` CMYK instead.

SMALL_TEXT_USES = {"ink": "body text", "primary": "running head and chart labels", "accent": "kickers",
                   "secondary": "chart labels", "muted": "captions, sources and folios"}


@dataclass(kw_only=True)
class TextBuilds(Node):
    primary: list[float] | None = spec("Small-text CMYK for primary.", default=None, example=[100, 70, 0, 0])
    accent: list[float] | None = spec("Small-text CMYK for accent.", default=None, example=[0, 60, 90, 0])
    secondary: list[float] | None = spec("Small-text CMYK for secondary.", default=None, example=[80, 0, 40, 0])
    muted: list[float] | None = spec("Small-text CMYK for muted.", default=None, example=[0, 0, 0, 60])


@dataclass(kw_only=True)
class Plates(Node):
    small_text: float = spec("Text below this size (pt) uses at most max_plates plates in print.", between=(6, 24))
    max_plates: int = spec("Most plates (of C, M, Y, K) small text may use.", between=(1, 4))
    reversed_min: float = spec("Smallest white text (pt) on colour or images.", between=(6, 24))
    text_builds: TextBuilds = spec("CMYK in percent that small text uses instead of a colour with more plates; "
                                    "without one, the build of at most max_plates plates that prints closest "
                                    "to the colour.")


def small_text_builds(theme: Theme) -> dict[tuple[float, ...], tuple[float, ...]]:
    """Theme colour CMYK (0–1) → the CMYK (0–1) small text uses in print instead, as theme.yaml gives it."""
    out = {}
    for f in fields(TextBuilds):
        build = getattr(theme.plates.text_builds, f.name)
        if build is not None and theme.colour(f.name).spot is None:  # a spot's text is on one plate
            out[theme.colour(f.name).cmyk_floats] = tuple(v / 100 for v in build)
    return out


def plate_warnings(theme: Theme, profile: Path) -> list[Diagnostic]:
    """Theme colours that small text uses but that need more plates than allowed: with a build of
    too many plates, small text prints in them; without a build, the print edition sets it in the
    build of few plates that prints closest to the colour (colours.small_text_build), said with
    how close it comes, so that a designer can choose another."""
    rule, out = theme.plates, []
    for name, use in SMALL_TEXT_USES.items():
        build = getattr(rule.text_builds, name, None)
        colour = theme.colour(name)
        if colour.spot is not None:  # its text prints on the spot's plate alone
            if build is not None:
                out.append(Diagnostic(
                    f"plates.text_builds.{name} is not used: {name} is the spot colour {colour.spot}, whose small "
                    "text prints on its own plate", rule.text_builds.field_pos.get(name, rule.pos),
                    f"remove text_builds.{name}", "warning"))
            continue
        cmyk = build if build is not None else colour.cmyk
        if plate_count(cmyk) <= rule.max_plates:
            continue
        chosen, d = small_text_build(tuple(colour.cmyk), rule.max_plates, profile)
        suggestion = ", ".join(f"{v:g}" for v in chosen)
        if build is not None:
            out.append(Diagnostic(
                f"plates.text_builds.{name} {'/'.join(f'{v:g}' for v in build)} prints {use} under "
                f"{rule.small_text:g} pt in {plate_count(cmyk)} plates; small text goes fuzzy out of register",
                rule.text_builds.field_pos.get(name, rule.pos),
                f"give plates.text_builds.{name} at most {rule.max_plates} plates, e.g. [{suggestion}] (the closest "
                f"to {colour.cmyk_text}, delta E {d:.1f})", "warning"))
            continue
        if plate_count(chosen) == 1 and chosen[3] == 100:
            how = "K 100 alone, overprinting, as print shops set a rich black's small text"
        else:
            how = f"the build of at most {rule.max_plates} plates that prints closest to it"
        far = (f"; no build of {rule.max_plates} plates comes closer: consider a colour of fewer plates for "
               f"{use}" if d >= 8 else "")
        out.append(Diagnostic(
            f"colour {name} {colour.cmyk_text} has {plate_count(colour.cmyk)} plates: {use} under "
            f"{rule.small_text:g} pt print in {suggestion.replace(', ', '/')}, {how} (delta E {d:.1f}: "
            f"{how_close(d)})", colour.pos,
            f"to choose the small-text version yourself: plates: {{text_builds: {{{name}: [{suggestion}]}}}} "
            f"in theme.yaml, changed until a proof looks right{far}", "warning"))
    return out


def _merge(base: YMap, override: YMap, replace: tuple[str, ...] = ()) -> YMap:
    """The override's keys over the base's, block by block; blocks named in `replace` are taken whole."""
    out = YMap(base)
    # the block is the override's where it names one (a colour's messages point at the user's line)
    out.pos, out.key_pos, out.value_pos = override.pos, dict(base.key_pos), dict(base.value_pos)
    for key, value in override.items():
        if isinstance(value, YMap) and isinstance(base.get(key), YMap) and key not in replace:
            value = _merge(base[key], value)
        out[key] = value
        out.key_pos[key], out.value_pos[key] = override.key_pos[key], override.value_pos[key]
    return out


def _take_tints_whole(raw: YMap, override: YMap) -> None:
    """A colour theme.yaml gives as a tint ({of: primary, percent: 15}) is its block alone: merged
    with the default theme's CMYK and sRGB for that name, it would be a colour and a tint at once."""
    colours, own = raw.get("colours"), override.get("colours")
    if isinstance(colours, YMap) and isinstance(own, YMap):
        for name, block in own.items():
            if isinstance(block, YMap) and "of" in block and name in colours:
                colours[name] = block


def _drop_foreign_builds(raw: YMap, override: YMap) -> None:
    """The default theme's small-text builds belong to its colours: where theme.yaml gives a colour
    CMYK of its own and no build for it, the default's build would print the running head and chart
    labels in the default blue (a bordeaux primary came out blue in print). It is dropped; the plate
    rule then judges the new colour (plate_warnings)."""
    colours, plates = override.get("colours"), raw.get("plates")
    builds = plates.get("text_builds") if isinstance(plates, YMap) else None
    own = override.get("plates", {}).get("text_builds", {}) if isinstance(override.get("plates"), YMap) else {}
    if not isinstance(colours, YMap) or not isinstance(builds, YMap):
        return
    foreign = [name for name in builds if name not in (own if isinstance(own, YMap) else {})
               and isinstance(colours.get(name), YMap) and ("cmyk" in colours[name] or "of" in colours[name])]
    if foreign:
        kept = YMap({k: v for k, v in builds.items() if k not in foreign})
        kept.pos = builds.pos
        kept.key_pos = {k: p for k, p in builds.key_pos.items() if k not in foreign}
        kept.value_pos = {k: p for k, p in builds.value_pos.items() if k not in foreign}
        copy = YMap(plates)  # the default theme's blocks stay as they were read
        copy.pos, copy.key_pos, copy.value_pos = plates.pos, plates.key_pos, plates.value_pos
        copy["text_builds"] = kept
        raw["plates"] = copy


def _cmyk_as_text(raw: YMap) -> None:
    """cmyk: "C29 M0 Y100 K0", "29/0/100/0" or "29, 0, 100, 0" (as brand guides print it) is refused with the
    list it stands for (the reader's own hint for a list asks for one item a line)."""
    colours = raw.get("colours")
    found = []
    for name, colour in (colours.items() if isinstance(colours, YMap) else ()):
        value = colour.get("cmyk") if isinstance(colour, YMap) else None
        numbers = re.findall(r"\d+(?:[.,]\d+)?", value) if isinstance(value, str) else []
        if len(numbers) == 4 and not re.search(r"[^\dCMYKcmyk%.,/:;\s-]", value):
            listed = ", ".join(f"{float(n.replace(',', '.')):g}" for n in numbers)
            found.append(Diagnostic(f"colour {name}: cmyk {value.strip()!r} is text; cmyk is a list of four "
                                    "percentages", colour.value_pos["cmyk"], f"write cmyk: [{listed}]"))
    if found:
        raise ReportError(found)


def _leading_in_percent(raw: YMap) -> None:
    """leading: 130% (a line height as CSS and some layout programs write it) is refused with its value in
    points, worked out from the size it belongs to: the general hint for a number with a unit (write
    130) would set 130 pt lines."""
    sizes = raw.get("sizes")
    if not isinstance(sizes, YMap):
        return
    for size, leading in LEADINGS:
        value, pt = sizes.get(leading), sizes.get(size)
        m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*", value) if isinstance(value, str) else None
        if m is None:
            continue
        hint = f"the line distance is in points, baseline to baseline (the size {size} is in points too)"
        if isinstance(pt, (int, float)) and not isinstance(pt, bool):
            points = pt * float(m[1].replace(",", ".")) / 100
            hint = f"write it in points: {leading}: {points:.1f} ({m[1]} % of {size}: {pt:g})"
        raise ReportError([Diagnostic(f"{leading}: {value.strip()!r} is a percentage; the theme's "
                                      f"{leading} is in points", sizes.value_pos[leading], hint)])


def _size_as_text(raw: YMap) -> None:
    """page.size: [170, 240], [8.5in, 11in] or "8.5 x 11 in" → "170x240", "215.9x279.4" in millimetres (the
    model keeps one type; the spellings are documented)."""
    page = raw.get("page")
    size = page.get("size") if isinstance(page, YMap) else None
    if isinstance(size, str) and (m := _SIZE_TEXT.fullmatch(size)):  # "8.5 x 11 in", "170 × 240"
        (w, w_unit, h, h_unit) = m.groups()
        w_unit, h_unit = w_unit or h_unit or "mm", h_unit or w_unit or "mm"  # a side without a unit: the other's
        page["size"] = f"{float(w) * MM_PER_UNIT[w_unit]:g}x{float(h) * MM_PER_UNIT[h_unit]:g}"
        return
    if isinstance(size, YSeq):
        pos = page.value_pos["size"]
        if len(size) != 2:
            count = f"{len(size)} value{'' if len(size) == 1 else 's'}"
            raise ReportError([Diagnostic(f"page size has {count}; it needs two: width and height", pos,
                                          "e.g. size: [170, 240] (mm) or [8.5in, 11in]")])
        sides = []
        for value, item_pos in zip(size, size.item_pos, strict=True):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sides.append(float(value))
            elif isinstance(value, str) and (mm := length_mm(value)) is not None:
                sides.append(mm)
            else:
                raise ReportError([Diagnostic(f"page size: {value!r} is not a length", item_pos, LENGTH_HINT)])
        page["size"] = f"{sides[0]:g}x{sides[1]:g}"


# width × height as text, each side a number with or without its unit: "8.5 x 11 in", "170×240", "148mm x 21cm"
_SIDE = r"(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?"
_SIZE_TEXT = re.compile(rf"\s*{_SIDE}\s*[x×]\s*{_SIDE}\s*")


def _shown_size(size: str) -> str:
    """A page size as a message names it: "Tabloid", or "76.2 × 101.6 mm" for the model's "76.2x101.6"."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)", size)
    return f"{m[1]} × {m[2]} mm" if m else repr(size)


def load_theme(content_dir: Path, assets_dir: Path) -> tuple[Theme, dict[str, Path]]:
    """The theme for the page size it names, and the TrueType file of every font role.

    Warnings (a missing weight, a converted logo …) are kept in `theme.warnings` for the build output.
    Within one process (`report watch`) the theme is read again only when a file it was read from
    changed: the theme files, the print profile (the colours are checked through it), the fonts
    and the logos, by their status (cache.file_status). A reading that began less than
    cache.RACY_NS after one of them changed is not kept (it may have changed again while it was
    read)."""
    slot = (str(content_dir), str(assets_dir), os.getcwd())
    kept = _LOADED.get(slot)
    if kept is not None and tuple(map(file_status, kept[0])) == kept[1]:
        return kept[2]
    began = time.time_ns()
    theme, fonts = _load_theme(content_dir, assets_dir)
    files = [DEFAULT_THEME, content_dir / THEME_FILE, assets_dir / PROFILE, *fonts.values(),
             *(assets_dir / getattr(theme.fonts, f.name) for f in fields(Fonts) if getattr(theme.fonts, f.name)),
             *(assets_dir / name for name in ((theme.logo.file, theme.logo.negative) if theme.logo else ()) if name)]
    status, result = tuple(map(file_status, files)), (theme, fonts)
    if all(settled(s, began) for s in status):
        _LOADED[slot] = (files, status, result)
    return result


_LOADED: dict[tuple[str, str, str], tuple[list[Path], tuple, tuple[Theme, dict[str, Path]]]] = {}


def _load_theme(content_dir: Path, assets_dir: Path) -> tuple[Theme, dict[str, Path]]:
    raw = load_yaml_file(DEFAULT_THEME)
    custom = content_dir / THEME_FILE
    if custom.is_file() and not custom.resolve().is_relative_to(content_dir.resolve()):
        raise ReportError([Diagnostic("theme.yaml is a link to a place outside the content folder; it was not read",
                                      Pos(custom), "copy the file into the content folder instead of linking to it")])
    if custom.is_file():
        override = load_yaml_file(custom)
        if not isinstance(override, YMap):
            raise ReportError([Diagnostic("theme.yaml must be a block of keys like the default theme",
                                          Pos(custom), "see the package's data/theme.yaml for the structure")])
        # fonts: that name a regular weight are a new family, which never mixes with the default one;
        # without it they change single weights of the default family
        fonts = override.get("fonts")
        whole = ("fonts",) if isinstance(fonts, YMap) and "regular" in fonts else ()
        raw = _merge(raw, override, replace=whole)
        _take_tints_whole(raw, override)
        _drop_foreign_builds(raw, override)
    _size_as_text(raw)
    _leading_in_percent(raw)
    _cmyk_as_text(raw)
    ctx = ReadContext(content_dir=content_dir, assets_dir=assets_dir, project_dir=assets_dir.parent)
    diag = Diagnostics()
    theme = Reader(diag, ctx).read(raw, raw.pos, Theme, "theme")
    diag.raise_if_errors()
    fonts = _fonts(theme, ctx, diag)
    if theme.logo is not None:
        from .logo import check_logo
        check_logo(theme.logo, ctx, diag)
    diag.raise_if_errors()
    theme = for_page(theme)
    theme.warnings = diag.warnings
    return theme, fonts


def for_page(theme: Theme) -> Theme:
    """The theme as set on its page size: margins, grid and display type scaled from A4 (identity at A4).

    Reading sizes (body, captions, running heads …) never shrink: A5 text is as legible as A4 text."""
    f = theme.page.factor
    if f == 1.0:
        return theme
    page = replace(theme.page, **{n: getattr(theme.page, n) * f for n in
                                  ("margin_inner", "margin_outer", "margin_top", "margin_bottom", "text_offset",
                                   "tile_gap")})
    s = theme.sizes
    floor = max(s.h2, s.body)  # display type stays above the subheadings
    sizes = replace(s, **{n: max(floor, round(getattr(s, n) * f, 1)) for n in DISPLAY_SIZES})
    sizes.quote_leading = max(sizes.quote_leading, sizes.quote * 1.2)
    out = replace(theme, page=page, sizes=sizes)
    for new, old in ((out, theme), (page, theme.page), (sizes, s)):
        new.pos, new.field_pos = old.pos, old.field_pos
    return out


def _fonts(theme: Theme, ctx: ReadContext, diag: Diagnostics) -> dict[str, Path]:
    """Each role's TrueType file (converted where needed); missing weights fall back with a warning."""
    from .fonts import FALLBACK, FontError, prepare_font
    assets_dir = ctx.assets_dir
    fonts: dict[str, Path] = {}
    seen: dict[Path, str] = {}
    for f in fields(Fonts):
        name = getattr(theme.fonts, f.name)
        if name is None:
            continue
        pos = ctx.value_pos(theme.fonts, f.name)
        try:
            path = (assets_dir / name).resolve()
            path.is_file()
        except OSError as exc:
            diag.error(pos, f"font {name[:60]!r} cannot be used: {exc.strerror}", "keep fonts in assets/fonts/")
            continue
        if not inside_project(path, assets_dir, assets_dir.parent):
            diag.error(pos, f"font {name!r} points outside the project", "keep fonts in assets/fonts/")
            continue
        if not path.is_file():
            diag.error(pos, f"font file {name!r} does not exist in {assets_dir}",
                       "copy the font files (.ttf, .otf, .woff2) into assets/fonts/ and check the name")
            continue
        try:
            prepared = prepare_font(path, f.name, name)
        except FontError as exc:
            diag.error(pos, str(exc), exc.hint)
            continue
        if not _is_truetype(prepared.path):
            diag.error(pos, f"font {name!r} is damaged or not a TrueType/OpenType font", "copy the font file again")
            continue
        if prepared.embedding == "preview & print" and path not in seen:
            diag.warning(pos, f"font {name!r} may be embedded for preview and print only (OS/2 fsType); "
                              "the screen edition is shared and read on screens",
                         "check the font licence before publishing the screen edition")
        if prepared.warning:
            diag.warning(pos, f"font {name!r}: {prepared.warning}", "name the italic file of the family here")
        seen[path] = f.name
        fonts[f.name] = prepared.path
    if "regular" not in fonts:
        return fonts  # an error was recorded
    given = set(fonts)
    for role, order in FALLBACK.items():
        if role in given or getattr(theme.fonts, role) is not None:
            continue
        use = next(r for r in order if r in given)
        fonts[role] = fonts[use]
        diag.warning(theme.fonts.pos, f"fonts: no '{role}' weight given; it is set in '{use}'",
                     f"add '{role}:' to fonts in theme.yaml (fallback order: {', '.join((role, *order))})")
    return {f.name: fonts[f.name] for f in fields(Fonts) if f.name in fonts}


def _is_truetype(path: Path) -> bool:
    """Whether reportlab can read the font (it would fail deep inside the layout otherwise)."""
    return parsed(path) is not None  # parsed once: the layout registers this very object
