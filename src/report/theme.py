"""The design as data: colours (CMYK for print, sRGB for screen), fonts, sizes, page grid.

The package ships data/theme.yaml; a content folder may override keys in its own
theme.yaml. Everything a designer would change lives there, not in code.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

from .assets import inside_project
from .errors import Diagnostic, Diagnostics, Pos, ReportError
from .load import YMap, load_yaml_file
from .model import Node, ReadContext, Reader, spec

DEFAULT_THEME = Path(__file__).parent / "data" / "theme.yaml"
THEME_FILE = "theme.yaml"
SIZE_RANGE = (6, 72)  # points: below 6 print shops do not guarantee text; above 72 nothing fits a tile
MAX_INK = 300  # percent total area coverage accepted by offset print shops (FOGRA39 coated)


@dataclass(kw_only=True)
class Colour(Node):
    cmyk: list[float] = spec("Print colour as C, M, Y, K in percent.", example=[100, 60, 10, 30])
    rgb: str = spec("Screen colour as sRGB hex.", example="#0b4a74")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        pos = ctx.value_pos(self, "cmyk")
        if len(self.cmyk) != 4 or any(not 0 <= v <= 100 for v in self.cmyk):
            diag.error(pos, f"cmyk {self.cmyk} must be four values from 0 to 100", "e.g. cmyk: [100, 60, 10, 30]")
        elif sum(self.cmyk) > MAX_INK:
            diag.error(pos, f"total ink {sum(self.cmyk):g} % exceeds {MAX_INK} %",
                       "offset printing on coated paper accepts at most 300 %; reduce C, M or Y")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", self.rgb):
            diag.error(ctx.value_pos(self, "rgb"), f"rgb {self.rgb!r} is not a hex colour", "e.g. rgb: \"#0b4a74\"")

    @property
    def rgb_floats(self) -> tuple[float, float, float]:
        return tuple(int(self.rgb[i:i + 2], 16) / 255 for i in (1, 3, 5))

    @property
    def cmyk_floats(self) -> tuple[float, float, float, float]:
        return tuple(v / 100 for v in self.cmyk)


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


@dataclass(kw_only=True)
class Fonts(Node):
    regular: str = spec("Regular TrueType file, relative to assets/.")
    italic: str = spec("Italic TrueType file.")
    bold: str = spec("Bold TrueType file.")
    bold_italic: str = spec("Bold italic TrueType file.")
    black: str = spec("Heaviest weight, for big numbers and the title.")
    light: str = spec("Light weight, for quotes and the lead.")


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


@dataclass(kw_only=True)
class PageGrid(Node):
    margin_inner: float = spec("Margin at the binding (mm).", between=(10, 60))
    margin_outer: float = spec("Margin at the outer edge (mm).", between=(10, 60))
    margin_top: float = spec("Top margin (mm).", between=(15, 60))
    margin_bottom: float = spec("Bottom margin (mm).", between=(15, 60))
    text_offset: float = spec("Indent of the body text column from the inner margin (mm).", between=(0, 70))
    tile_gap: float = spec("Gap between key-figure tiles (mm).", between=(0, 15))


@dataclass(kw_only=True)
class TextDesign(Node):
    section_page: Literal["new", "continue"] = spec(
        "Where a text section starts unless it says otherwise (page: new|continue): on a new page, or "
        "below the previous section.", example="continue")
    contents_levels: int = spec("Heading levels listed in the contents: 1 = sections only, 2 = with "
                                "their sub-headings.", between=(1, 2), example=1)
    print_links: Literal["plain", "underline"] = spec(
        "Links in the print edition: plain text in the ink colour, or underlined.", example="plain")
    list_indent: float = spec("Hanging indent of list items (mm).", between=(2, 20), example=5)
    column_gap: float = spec("Gap between the two columns of a two-column section (mm).", between=(3, 20),
                             example=6)
    box_padding: float = spec("Inner padding of a box (mm).", between=(2, 15), example=5)


@dataclass(kw_only=True)
class ChartStyle(Node):
    palette: list[str] = spec("Colour names used for chart series, in order.", items=(1, 8))


@dataclass(kw_only=True)
class Theme(Node):
    fonts: Fonts = spec("The type family.")
    colours: Colours = spec("The palette.")
    sizes: Sizes = spec("The type scale.")
    page: PageGrid = spec("Page margins and grid.")
    text: TextDesign = spec("How text sections flow and how lists, boxes, notes and links look.")
    charts: ChartStyle = spec("Chart styling.")

    def colour(self, name: str) -> Colour:
        return getattr(self.colours, name)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        known = [f.name for f in fields(Colours)]
        for i, name in enumerate(self.charts.palette):
            if name not in known:
                diag.error(ctx.item_pos(self.charts, "palette", i), f"unknown colour '{name}' in chart palette",
                           f"known colours: {', '.join(known)}")


def _merge(base: YMap, override: YMap) -> YMap:
    out = YMap(base)
    out.pos, out.key_pos, out.value_pos = base.pos, dict(base.key_pos), dict(base.value_pos)
    for key, value in override.items():
        if isinstance(value, YMap) and isinstance(base.get(key), YMap):
            value = _merge(base[key], value)
        out[key] = value
        out.key_pos[key], out.value_pos[key] = override.key_pos[key], override.value_pos[key]
    return out


def load_theme(content_dir: Path, assets_dir: Path) -> tuple[Theme, dict[str, Path]]:
    """The theme, and the absolute path of every font file it names."""
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
        raw = _merge(raw, override)
    ctx = ReadContext(content_dir=content_dir, assets_dir=assets_dir, project_dir=assets_dir.parent)
    diag = Diagnostics()
    theme = Reader(diag, ctx).read(raw, raw.pos, Theme, "theme")
    diag.raise_if_errors()
    fonts: dict[str, Path] = {}
    for f in fields(Fonts):
        name = getattr(theme.fonts, f.name)
        pos = ctx.value_pos(theme.fonts, f.name)
        try:
            path = (assets_dir / name).resolve()
            path.is_file()
        except OSError as exc:
            diag.error(pos, f"font {name[:60]!r} cannot be used: {exc.strerror}", "keep fonts in assets/fonts/")
            continue
        if not inside_project(path, assets_dir, assets_dir.parent):
            diag.error(pos, f"font {name!r} points outside the project", "keep fonts in assets/fonts/")
        elif not path.is_file():
            diag.error(pos, f"font file {name!r} does not exist in {assets_dir}",
                       "copy the TrueType files (.ttf) into assets/fonts/ and check the name")
        elif path.suffix.lower() != ".ttf":
            diag.error(pos, f"font {name!r} is not a TrueType file (.ttf)", "use .ttf files")
        elif not _is_truetype(path):
            diag.error(pos, f"font {name!r} is damaged or not a TrueType font", "copy the .ttf file again")
        fonts[f.name] = path
    diag.raise_if_errors()
    return theme, fonts


def _is_truetype(path: Path) -> bool:
    """Whether reportlab can read the font (it would fail deep inside the layout otherwise)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile
    try:
        TTFontFile(str(path))
    except (TTFError, OSError, ValueError, IndexError, KeyError, struct.error):
        return False
    return True
