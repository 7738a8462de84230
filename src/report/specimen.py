"""The theme specimen: one page per edition that a designer signs off before the content arrives.

Palette (CMYK values, sRGB swatches, ink totals), the type scale in the theme's fonts, the page grid
over an empty page, the logo with its clear space, and the chart colours as people with the common
colour-vision deficiencies see them (Machado, Oliveira & Fernandes 2009, severity 1, in linear sRGB).
Drawn directly on a reportlab canvas: A3 landscape, so every part is shown at a readable size.
"""

from __future__ import annotations

import io
import re
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from .colours import CLOSE_DELTA_E, SIMULATIONS, close_pairs, simulate
from .editions import Edition
from .fonts import TEXT_FONT
from .layout.logo import Brand, draw_logo
from .layout.styles import DISPLAY, HEAD, MM, print_colour, register_fonts
from .logo import logo_files
from .theme import Sizes, Theme, trim_mm

PAGE = (420 * MM, 297 * MM)  # A3 landscape
# the face each size is set in: a font role, or where headings are set (DISPLAY, HEAD: the heading face
# where the theme names one, else black and bold)
SIZE_FONTS = {"body": "regular", "leading": "regular", "lead": "light", "lead_leading": "light", "h1": DISPLAY,
              "h2": HEAD, "h3": HEAD, "note": "regular", "kicker": "bold", "caption": "regular",
              "figure_title": HEAD, "source": "regular", "quote": "light", "quote_leading": "light",
              "figure": DISPLAY, "running": "bold", "title": DISPLAY}
SPECIMEN_MARKS = "·×–"  # the specimen's own labels: "Theme specimen · print edition", "210 × 297 mm"
SAMPLE = "Ein gutes Jahr für Ihre Internationalisierung – 1.000 Gäste, 20 Länder"
SAMPLES = {"de": SAMPLE, "en": "A good year for your internationalisation – 1,000 guests, 20 countries",
           "fr": "Une belle année pour votre internationalisation – 1\u202f000 invités, 20 pays",
           "nl": "Een goed jaar voor uw internationalisering – 1.000 gasten, 20 landen",
           "it": "Un buon anno per la vostra internazionalizzazione – 1.000 ospiti, 20 paesi",
           "es": "Un buen año para su internacionalización – 1000 invitados, 20 países",
           "sv": "Ett bra år för er internationalisering – 1\u202f000 gäster, 20 länder",
           "pl": "Dobry rok dla Państwa umiędzynarodowienia – 1000 gości, 20 krajów",
           "da": "Et godt år for jeres internationalisering – 1.000 gæster, 20 lande",
           "pt": "Um bom ano para a sua internacionalização – 1000 convidados, 20 países"}


class _Page:
    """One specimen page for one edition."""

    def __init__(self, canv: Canvas, theme: Theme, fonts: dict[str, str], edition: Edition, brand: Brand | None,
                 source: str, sample: str = SAMPLE, lent: dict[str, str] | None = None):
        self.c, self.theme, self.font, self.edition = canv, theme, fonts, edition
        self.brand, self.source, self.sample = brand, source, sample
        self.lent = lent or {}  # role → characters its font lacks, set from the bundled text font

    def colour(self, name: str) -> Any:
        c = self.theme.colour(name)
        return print_colour(c) if self.edition.colour_mode == "cmyk" else Color(*c.rgb_floats)

    def text(self, x: float, y: float, s: str, size: float = 8, role: str = "regular", colour: str = "ink") -> None:
        self.c.setFont(self.font[role], size)
        self.c.setFillColor(self.colour(colour))
        self.c.drawString(x, y, s)

    def heading(self, x: float, y: float, s: str) -> None:
        self.text(x, y, s.upper(), 9, "bold", "accent")
        self.c.setStrokeColor(self.colour("rule"))
        self.c.setLineWidth(0.5)
        self.c.line(x, y - 2.5 * MM, x + 120 * MM, y - 2.5 * MM)

    def draw(self) -> None:
        e = self.edition
        w, h = trim_mm(self.theme.page)
        mode = "CMYK for offset print (FOGRA39)" if e.colour_mode == "cmyk" else "sRGB for screens"
        bleed = f" + {e.bleed_mm:g} mm bleed" if e.bleed_mm else ""
        self.text(15 * MM, PAGE[1] - 18 * MM, f"Theme specimen · {e.name} edition", 20, "black", "primary")
        named = "" if re.fullmatch(r"[\d.]+x[\d.]+", self.theme.page.size) else f"{self.theme.page.size} "
        self.text(15 * MM, PAGE[1] - 25 * MM, f"{mode} · trim {named}{w:g} × {h:g} mm{bleed} · "
                  f"{self.source}", 9, "regular", "muted")
        top = PAGE[1] - 38 * MM
        self.palette(15 * MM, top)
        self.types(150 * MM, top)
        self.grid(285 * MM, top)

    # -- palette and colour-vision deficiencies ----------------------------------------------

    def palette(self, x: float, y: float) -> None:
        c = self.c
        self.heading(x, y, "Palette")
        y -= 9 * MM
        for f in fields(type(self.theme.colours)):
            col = self.theme.colour(f.name)
            c.setFillColor(self.colour(f.name))
            c.setStrokeColor(self.colour("rule"))
            c.setLineWidth(0.5)
            c.rect(x, y - 6 * MM, 22 * MM, 10 * MM, stroke=1, fill=1)
            self.text(x + 26 * MM, y + 1 * MM, f.name, 9, "bold")
            cmyk = " ".join(f"{v:g}" for v in col.cmyk)
            screen = f"{col.percent:g} % of " if col.of else ""  # a tint: a screen of the ink
            spot = f"  ·  {screen}spot {col.spot}" if col.spot else ""  # (its alternate: the CMYK)
            self.text(x + 26 * MM, y - 3 * MM, f"CMYK {cmyk}  ·  ink {sum(col.cmyk):g} %{spot}", 7.5)
            self.text(x + 26 * MM, y - 6.5 * MM, f"sRGB {col.rgb}", 7.5, "regular", "muted")
            y -= 13 * MM
        y -= 4 * MM
        self.heading(x, y, "Chart colours and colour vision")
        y -= 8 * MM
        names = self.theme.charts.palette
        base = [self.theme.colour(n).rgb_floats for n in names]
        rows = [("as designed", base)] + [(label, [simulate(rgb, m) for rgb in base])
                                          for label, m in SIMULATIONS.items()]
        for label, colours in rows:
            self.text(x, y, label, 7.5)
            for i, rgb in enumerate(colours):
                c.setFillColor(Color(*rgb) if label != "as designed" else self.colour(names[i]))
                c.rect(x + i * 14 * MM, y - 9 * MM, 12 * MM, 6.5 * MM, stroke=0, fill=1)
            close = close_pairs(names, colours)
            note = "; ".join(f"{a}/{b} (delta E {d:.0f})" for a, b, d in close) if close else "all series distinct"
            self.text(x + len(colours) * 14 * MM + 2 * MM, y - 6.5 * MM, ("hard to tell apart: " if close else "")
                      + note, 7, "bold" if close else "regular", "ink" if close else "muted")  # (not in a
            # brand colour: the accent may be one of the colours it names)
            y -= 14 * MM
        self.text(x, y, f"Swatches under the first row are simulations (sRGB); delta E (CIE76) < {CLOSE_DELTA_E:g} "
                  "counts as hard to tell apart.", 6.5, "regular", "muted")

    # -- type scale ------------------------------------------------------------------------------

    def _whole_words(self, text: str, role: str, size: float, width: float) -> str:
        """As many whole words of `text` as fit `width` (a sample cut mid-word looked like a fault)."""
        words = text.split(" ")
        while len(words) > 1 and self.c.stringWidth(" ".join(words), self.font[role], size) > width:
            words.pop()
        return " ".join(words).rstrip(" –-,")

    def _role(self, role: str) -> str:
        """The theme.yaml role a size's face comes from (headings: the heading face, else black or bold)."""
        if role not in (DISPLAY, HEAD):
            return role
        return "heading" if self.theme.fonts.heading else "black" if role == DISPLAY else "bold"

    def types(self, x: float, y: float) -> None:
        s = self.theme.sizes
        self.heading(x, y, "Type scale")
        y -= 8 * MM
        for f in fields(Sizes):
            if f.name.endswith("leading"):
                continue
            size = getattr(s, f.name)
            role = SIZE_FONTS[f.name]
            leading = getattr(s, f"{f.name}_leading", None) or (s.leading if f.name == "body" else None)
            label = f"{f.name} · {size:g} pt" + (f" / {leading:g}" if leading else "") + f" · {self._role(role)}"
            self.text(x, y, label, 7, "regular", "muted")
            shown = min(size, 26.0)
            self.c.saveState()
            path = self.c.beginPath()
            path.rect(x, y - shown * 1.3, 125 * MM, shown * 1.3)
            self.c.clipPath(path, stroke=0, fill=0)
            sample = self._whole_words(self.sample if shown < 16 else self.sample.split(" – ")[0], role, shown,
                                       125 * MM)
            self.text(x, y - shown * 1.05, sample, shown, role,
                      "primary" if f.name in ("h1", "h2", "title", "figure", "quote", "lead") else "ink")
            self.c.restoreState()
            y -= shown * 1.3 + 4.5 * MM
        y -= 2 * MM
        self.heading(x, y, "Fonts")
        y -= 7 * MM
        given = self.theme.fonts
        roles = {role: name for role, name in self.font.items() if role not in (DISPLAY, HEAD)}
        for role, name in roles.items():
            source = getattr(given, role)
            if source is None:  # a fallback: set in the first given role with the same font
                same = next((r for r, n in roles.items() if n == name and getattr(given, r)), "regular")
                source = f"falls back to {same}"
            lent = self.lent.get(role) if getattr(given, role) else None
            lent = f" · lacks {' '.join(lent)}: set in {TEXT_FONT}, as in the report" if lent else ""
            self.text(x, y, f"{role}: {Path(source).name if getattr(given, role) else source}{lent}", 7.5, role)
            y -= 4.5 * MM

    # -- page grid and logo -----------------------------------------------------------------

    def grid(self, x: float, y: float) -> None:
        c, page = self.c, self.theme.page
        self.heading(x, y, "Page grid (recto)")
        tw, th = page.trim
        b = self.edition.bleed_mm * MM
        k = min(118 * MM / (tw + 2 * b), 135 * MM / (th + 2 * b))
        ox, oy = x + b * k, y - 8 * MM - (th + b) * k
        c.saveState()
        c.translate(ox, oy)
        c.scale(k, k)
        c.setLineWidth(0.5 / k)
        if b:
            c.setStrokeColor(self.colour("accent"))
            c.setDash(2 / k, 2 / k)
            c.rect(-b, -b, tw + 2 * b, th + 2 * b, stroke=1, fill=0)
            c.setDash()
        c.setFillColor(self.colour("paper"))
        c.setStrokeColor(self.colour("ink"))
        c.rect(0, 0, tw, th, stroke=1, fill=1)
        left, right = page.margin_inner * MM, tw - page.margin_outer * MM
        bottom, top = page.margin_bottom * MM, th - page.margin_top * MM
        c.setFillColor(self.colour("tint"))
        c.rect(left, bottom, right - left, top - bottom, stroke=0, fill=1)
        c.setStrokeColor(self.colour("secondary"))
        body_x = left + page.text_offset * MM
        c.line(body_x, bottom, body_x, top)
        gap = page.tile_gap * MM
        tile_w = (right - left - gap) / 2
        tile_h = 38 * MM * page.factor
        ty = top - 30 * MM * page.factor
        c.setStrokeColor(self.colour("primary"))
        while ty - tile_h >= bottom:
            for col in range(2):
                c.rect(left + col * (tile_w + gap), ty - tile_h, tile_w, tile_h, stroke=1, fill=0)
            ty -= tile_h + gap
        c.setStrokeColor(self.colour("muted"))
        head_y = top + 9 * MM * page.factor
        c.line(left, head_y - 3 * MM * page.factor, right, head_y - 3 * MM * page.factor)
        c.restoreState()
        notes = [f"trim {tw / MM:.0f} × {th / MM:.0f} mm" + (f", bleed {b / MM:g} mm (dashed)" if b else ""),
                 f"margins: inner {page.margin_inner:.1f}, outer {page.margin_outer:.1f}, top {page.margin_top:.1f}, "
                 f"bottom {page.margin_bottom:.1f} mm",
                 f"body text from {page.text_offset:.1f} mm into the column (line); key-figure tiles "
                 f"{38 * page.factor:.0f} mm+ high, {page.tile_gap:.1f} mm apart",
                 f"scaled from A4 by {page.factor:.2f}" if page.factor != 1 else "A4: the design's own sizes"]
        ny = oy - b * k - 6 * MM
        for n in notes:
            self.text(x, ny, n, 7)
            ny -= 4 * MM
        self.logo(x, ny - 6 * MM)

    def logo(self, x: float, y: float) -> None:
        self.heading(x, y, "Logo and clear space")
        y -= 8 * MM
        if self.brand is None:
            self.text(x, y - 4 * MM, "no logo in the theme (logo: in theme.yaml)", 8, "regular", "muted")
            return
        art = self.brand.art
        width = 40 * MM
        height = width * art.ratio
        clear = self.brand.spec.clear_space * height

        class _Styles:  # what draw_logo needs from the layout's styles
            theme, font = self.theme, self.font
            colour = staticmethod(self.colour)

        for i, dark in enumerate((None, "primary")):
            lx = x + clear + i * (width + 2 * clear + 8 * MM)
            ly = y - clear - height
            if dark:
                self.c.setFillColor(self.colour(dark))
                self.c.rect(lx - clear - 3 * MM, ly - clear - 3 * MM, width + 2 * clear + 6 * MM,
                            height + 2 * clear + 6 * MM, stroke=0, fill=1)
            draw_logo(self.c, self.brand, _Styles, lx, ly, width, dark=dark, prepare_image=self.edition.prepare_image,
                      tagged=False)
            self.c.setStrokeColor(self.colour("accent"))
            self.c.setLineWidth(0.5)
            self.c.setDash(2, 2)
            self.c.rect(lx - clear, ly - clear, width + 2 * clear, height + 2 * clear, stroke=1, fill=0)
            self.c.setDash()
        self.text(x, y - height - 2 * clear - 8 * MM, f"clear space (dashed): {self.brand.spec.clear_space:g} × the "
                  f"logo's height; {self.brand.art.path.name}" + (f", {self.brand.negative.path.name} on dark"
                                                                  if self.brand.negative else ""), 7)


def specimen_editions(assets_dir: Path) -> list[Edition]:
    """Every edition, ready to prepare images without a document (the print profile from assets/)."""
    from .editions import editions
    from .editions.print import PROFILE
    out = []
    for edition in editions().values():
        if hasattr(edition, "profile"):
            edition = replace(edition, profile=assets_dir / PROFILE, warnings=[])
        out.append(edition)
    return out


def specimen(theme: Theme, fonts: dict[str, Path], editions: list[Edition], assets_dir: Path, source: str,
             organisation: str = "", language: str = "de") -> bytes:
    """The specimen PDF: one page per edition; its type samples in `language` (German or English)."""
    sample = SAMPLES.get(language.split("-")[0].lower(), SAMPLES["en"])
    names = register_fonts(fonts)
    from .glyphs import lend_glyphs  # a house font's missing characters as the report sets them, not as boxes
    lent = lend_glyphs(fonts, sample + SPECIMEN_MARKS)
    art, negative = logo_files(theme.logo, assets_dir)
    brand = Brand(theme.logo, art, negative, theme.logo.alt or organisation or "Logo") if art else None
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=PAGE, invariant=1, initialFontName=names["regular"])
    canv.setTitle("Theme specimen")
    for edition in editions:
        if edition.bleed_mm:  # the print edition's bleed is the theme's (page.bleed)
            edition = replace(edition, bleed_mm=theme.page.bleed_mm)
        _Page(canv, theme, names, edition, brand, source, sample, lent).draw()
        canv.showPage()
    canv.save()
    if brand is None or not brand.forms:
        return buf.getvalue()
    from .finish import place_charts  # PDF logos are form XObjects, placed like charts
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        place_charts(pdf, brand.forms)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()
