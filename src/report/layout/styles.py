"""Paragraph styles and colours for one edition, derived from the theme (nothing designed here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..colours import readable, text_contrast
from ..fontfiles import parsed
from ..locale import Locale
from ..theme import Colour, Theme
from .hyphenate import hyphenator

MM = 72 / 25.4
# the theme colour of each paragraph style's text (others: ink)
TEXT_COLOURS = {"lead": "primary", "h1": "primary", "h2": "primary", "kicker": "accent", "quote": "primary",
                "source": "muted", "toc1": "primary"}


def register_font(path: Path) -> str:
    """Register one TrueType file with reportlab (once per process and file version); returns its name."""
    font = parsed(path)
    if font is None:
        font = TTFont(f"{path.stem}-{hashlib.sha1(str(path).encode()).hexdigest()[:6]}", str(path))  # raises
    if font.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
        if pdfmetrics.getFont(font.fontName) is not font:
            # reportlab gives a font whose PostScript name it knows the first font of that name: a
            # replaced version of a house font (`report watch`), or another family's "Brand-Bold",
            # would be measured and drawn as the file read first
            pdfmetrics._fonts[font.fontName] = font
    return font.fontName


DISPLAY, HEAD = "display", "head"  # not roles of theme.yaml: where headings are set (register_fonts)
LIGHT_BOLD = "bold"  # the weight **bold** takes in Light text (the lead, pull quotes): as in the newsletter


def register_fonts(fonts: dict[str, Path]) -> dict[str, str]:
    """Register the theme's TrueType files with reportlab; returns role → font name."""
    names = {role: register_font(path) for role, path in fonts.items()}
    # the faces headings are set in: the theme's heading face where it names one, else the family's
    # black (titles, key-figure numbers) and bold (sub-headings, contents, titles over figures)
    names[DISPLAY] = names.get("heading", names["black"])
    names[HEAD] = names.get("heading", names["bold"])
    if "heading" in names:  # one face: a heading's inline bold or italic stays in it
        pdfmetrics.registerFontFamily(names["heading"], normal=names["heading"], bold=names["heading"],
                                      italic=names["heading"], boldItalic=names["heading"])
    pdfmetrics.registerFontFamily(names["regular"], normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bold_italic"])
    if names.get("light") and names["light"] not in (names["regular"], names["bold"], names["italic"]):
        # the lead and pull quotes are Light: their **bold** in LIGHT_BOLD (the Regular read as a slip of
        # weight beside the Light at the lead's size, not as emphasis), their *italic* in the italic (there
        # is no Light italic)
        pdfmetrics.registerFontFamily(names["light"], normal=names["light"], bold=names[LIGHT_BOLD],
                                      italic=names["italic"], boldItalic=names["bold_italic"])
    return names


def print_colour(colour: Colour) -> CMYKColor:
    """A theme colour for print: its CMYK, or its spot ink (reportlab writes a /Separation colour
    space named after the ink, with the CMYK as its alternate). A tint of a spot colour is that
    ink's separation at the tint's strength (`/PANTONE#20286#20C cs .15 scn`): the same plate."""
    if colour.spot is not None:
        return CMYKColorSep(*(colour.base_cmyk or colour.cmyk_floats), spotName=colour.spot,
                            density=colour.strength)
    return CMYKColor(*colour.cmyk_floats)


@dataclass
class Styles:
    theme: Theme
    locale: Locale
    colour_mode: str  # "cmyk" (print) or "rgb" (screen)
    font: dict[str, str]
    notes: list = field(default_factory=list)  # build warnings from line breaking (report.errors.Diagnostic)
    # the theme colour text stands on: the paper, a tile's or a box's tint, the back page's primary
    ground: str = "paper"
    _grounds: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # on(): by ground
    _texts: dict = field(default_factory=dict, init=False, repr=False, compare=False)  # text_colour()
    hyphenation: tuple[str, ...] = ()  # report.yaml's hyphenation: words broken only where written so

    def __post_init__(self) -> None:
        self.hyphenate = hyphenator(self.locale.hyphenation, self.hyphenation)

    @property
    def underline_links(self) -> bool:
        """Links are underlined on screen, where they can be clicked; on paper they are plain text in
        the ink colour unless the theme asks for underlines (theme text.print_links: underline)."""
        return self.colour_mode == "rgb" or self.theme.text.print_links == "underline"

    @property
    def scale(self) -> float:
        """Page size against A4 (1 at A4): fixed distances of the design grow and shrink with it."""
        return self.theme.page.factor

    def colour(self, name: str) -> Color:
        """A theme colour as it is: for rules, bars, panels and fills (text: text_colour)."""
        c = self.theme.colour(name)
        if self.colour_mode == "cmyk":
            return print_colour(c)
        return Color(*c.rgb_floats)

    def on(self, ground: str) -> Styles:
        """These styles for text standing on the theme colour `ground` (a box's tint, the back page)."""
        if ground == self.ground:
            return self
        if ground not in self._grounds:
            self._grounds[ground] = replace(self, ground=ground)
        return self._grounds[ground]

    def text_colour(self, name: str, size: float, font: str | None = None) -> Color:
        """Theme colour `name` for text of `size` points in `font` (a font name of self.font; bold and
        black count as bold) on this ground. Print: the colour itself. Screen: where it stands out
        less than WCAG 2 asks of text of that size (AA: 4.5 : 1, large text 3 : 1), the nearest shade
        of its hue that does (colours.readable): an accent of 2.8 : 1 on paper is set darker."""
        if self.colour_mode == "cmyk":
            return self.colour(name)
        bold = font in (self.font["bold"], self.font["black"], self.font["bold_italic"])
        k = (name, text_contrast(size, bold))
        if k not in self._texts:
            rgb = readable(self.theme.colour(name).rgb_floats, self.theme.colour(self.ground).rgb_floats, k[1])
            self._texts[k] = Color(*rgb)
        return self._texts[k]

    def para(self, name: str, text: str | None = None, **over) -> ParagraphStyle:
        """Paragraph style `name` with `over` changed; its text in the theme colour `text` (default:
        the style's own) at the contrast its size and weight need (text_colour), unless `over` gives
        a textColor."""
        base, presets = self._presets
        settings = {**base, **presets[name], **over}
        if "textColor" not in over:
            colour = text or TEXT_COLOURS.get(name, "ink")
            settings["textColor"] = self.text_colour(colour, settings["fontSize"], settings["fontName"])
        return ParagraphStyle(name, **settings)

    @cached_property
    def _presets(self) -> tuple[dict, dict[str, dict]]:
        """The settings every paragraph style starts from, and each named style's own (worked out
        once per edition: a page of key figures asks for a few hundred styles)."""
        s, f = self.theme.sizes, self.font
        base = dict(fontName=f["regular"], fontSize=s.body, leading=s.leading,
                    hyphenationLang=self.hyphenate, embeddedHyphenation=1, uriWasteReduce=0.3,
                    allowWidows=0, allowOrphans=0, splitLongWords=1, linkUnderline=int(self.underline_links))
        presets = {
            "body": dict(alignment=TA_JUSTIFY, spaceAfter=s.leading * 0.6),
            "lead": dict(fontName=f["light"], fontSize=s.lead, leading=s.lead_leading, spaceAfter=s.lead_leading),
            "h1": dict(fontName=f[DISPLAY], fontSize=s.h1, leading=s.h1 * 1.12, spaceAfter=s.h1 * 0.7, keepWithNext=1,
                       hyphenationLang=""),
            "h2": dict(fontName=f[HEAD], fontSize=s.h2, leading=s.h2 * 1.25, spaceBefore=s.h2 * 0.6,
                       spaceAfter=s.h2 * 0.4, keepWithNext=1, hyphenationLang=""),
            "h3": dict(fontName=f[HEAD], fontSize=s.h3, leading=s.h3 * 1.3, spaceBefore=s.h3 * 0.6,
                       spaceAfter=s.h3 * 0.3, keepWithNext=1, hyphenationLang=""),
            "question": dict(fontName=f["bold"], alignment=TA_LEFT, spaceBefore=s.leading * 0.6,
                             spaceAfter=s.leading * 0.25, hyphenationLang=""),
            "note": dict(fontSize=s.note, leading=s.note * 1.45, alignment=TA_LEFT, spaceAfter=s.note * 0.6),
            "footnote": dict(fontSize=s.note, leading=s.note * 1.45, alignment=TA_LEFT, spaceAfter=s.note * 0.3),
            "kicker": dict(fontName=f["bold"], fontSize=s.kicker, leading=s.kicker * 1.4, spaceAfter=s.kicker * 0.6,
                           keepWithNext=1, hyphenationLang=""),
            "quote": dict(fontName=f["light"], fontSize=s.quote, leading=s.quote_leading, alignment=TA_LEFT,
                          hyphenationLang=""),  # display type
            "caption": dict(fontSize=s.caption, leading=s.caption * 1.4, alignment=TA_LEFT),
            # the title over a table or chart: a label of what follows (bold, in the ink colour, close above
            # it), not a sub-heading of the text (h2: larger, in the primary colour, with room around it)
            "figure_title": dict(fontName=f[HEAD], fontSize=s.figure_title, leading=s.figure_title * 1.3,
                                 alignment=TA_LEFT, spaceBefore=s.figure_title * 0.6,
                                 spaceAfter=s.figure_title * 0.3, keepWithNext=1, hyphenationLang=""),
            "source": dict(fontSize=s.source, leading=s.source * 1.4, alignment=TA_LEFT),
            "small": dict(fontSize=s.caption, leading=s.caption * 1.45, alignment=TA_LEFT),
            "toc1": dict(fontName=f[HEAD], fontSize=s.h2 - 2, leading=(s.h2 - 2) * 1.9, hyphenationLang=""),
        }
        for preset in presets.values():  # a word wider than the line is hyphenated all the same (text.py)
            if preset.get("hyphenationLang") == "":
                preset["overlongHyphenation"] = self.hyphenate
        return base, presets
