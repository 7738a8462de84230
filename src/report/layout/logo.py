"""Drawing the logo: vector art stays vector; a plate in the paper colour gives it its clear space
wherever it would otherwise sit on artwork or on a dark colour. On a photo cover it takes the version
that stands out from the photo under it, and a plate only where neither does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from ..colours import contrast_ratio
from ..errors import Diagnostic
from ..logo import LogoArt, ink_luminance, logo_files
from ..tagging import content
from .context import draw_image
from .styles import MM

RUNNING_LOGO = 2.0  # height of the running head's logo in multiples of its type size
RUNNING_LOGO_MAX = 40  # mm at A4: the widest a running head's logo is
LOGO_CONTRAST = 3.0  # WCAG 2.1 1.4.11 (non-text contrast): a graphic to recognise stands out 3 : 1


@dataclass
class Brand:
    """The theme's logo settings with the loaded art, and the PDF forms a page painted."""

    spec: Any  # theme.Logo
    art: LogoArt
    negative: LogoArt | None
    alt: str
    forms: dict[str, LogoArt] = field(default_factory=dict)  # resource name → PDF logo, for finishing

    def art_on(self, dark: bool) -> tuple[LogoArt, bool]:
        """The art for a background, and whether it needs a paper plate (positive logo on dark)."""
        if dark and self.negative is not None:
            return self.negative, False
        return self.art, dark


def art_on_photo(brand: Brand, ground: float) -> tuple[LogoArt, bool]:
    """The version of the logo that stands out most from a photo whose luminance under it is `ground`
    (its light and dark read from the art itself), and whether it needs a plate: where no version stands
    out LOGO_CONTRAST : 1 (a mid-toned or a dark photo without a light version), the logo on paper."""
    versions = [a for a in (brand.art, brand.negative) if a is not None]
    best = max(versions, key=lambda a: contrast_ratio(ink_luminance(a), ground))
    if contrast_ratio(ink_luminance(best), ground) >= LOGO_CONTRAST:
        return best, False
    return brand.art, True


def draw_art(canv: Any, brand: Brand, art: LogoArt, x: float, y: float, width: float,
             prepare_image: Callable[..., Any], ground: Any, font: str) -> None:
    """Paint `art` with its lower left corner at (x, y), `width` points wide, on `ground` (the theme
    colour behind it; a raster logo keeps its transparency as a soft mask, so a photo under it shows)."""
    height = width * art.ratio
    if art.kind == "svg":
        from reportlab.graphics import renderPDF
        # the renderer starts by selecting a font (Helvetica unless told): one of ours, which is embedded
        art.drawing.initialFontName = font
        canv.saveState()
        canv.translate(x, y)
        canv.scale(width / art.width, height / art.height)
        renderPDF.draw(art.drawing, canv, 0, 0)
        canv.restoreState()
    elif art.kind == "pdf":
        brand.forms[art.resource_name] = art
        sx, sy = width / art.width, height / art.height
        canv.addLiteral(f"q {sx:.6f} 0 0 {sy:.6f} {x - art.origin[0] * sx:.4f} {y - art.origin[1] * sy:.4f} cm "
                        f"{art.resource_name} Do Q")
    else:  # PNG: the edition shows the colour behind it where the logo is transparent
        draw_image(canv, prepare_image(art.path, width, height, ground=ground), x, y, width, height)


def draw_logo(canv: Any, brand: Brand, styles: Any, x: float, y: float, width: float, *, dark: str | None,
              prepare_image: Callable, bleed_to: tuple[float, float, float, float] | None = None,
              tagged: bool = True, on_photo: tuple[LogoArt, bool] | None = None) -> None:
    """The logo at (x, y), `width` points wide; `dark` names the background colour where it is dark;
    `on_photo`: on a photo instead, the version and whether it needs a plate (see art_on_photo).

    A positive logo on a dark background, or on artwork (`bleed_to`: the plate reaches these
    edges), gets a plate in the paper colour reaching `clear_space` × height beyond the logo."""
    art, plate = on_photo if on_photo is not None else brand.art_on(dark is not None)
    plate = plate or bleed_to is not None
    height = width * art.ratio
    if plate:
        c = brand.spec.clear_space * height
        x0, y0, x1, y1 = x - c, y - c, x + width + c, y + height + c
        if bleed_to is not None:
            x0, y0, x1, y1 = min(x0, bleed_to[0]), min(y0, bleed_to[1]), max(x1, bleed_to[2]), max(y1, bleed_to[3])
        canv.saveState()
        canv.setFillColor(styles.colour("paper"))
        canv.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canv.restoreState()
    ground = styles.theme.colour("paper" if plate or dark is None else dark)
    if tagged:
        with content(canv, "Figure", alt=brand.alt):
            draw_art(canv, brand, art, x, y, width, prepare_image, ground, styles.font["regular"])
    else:
        draw_art(canv, brand, art, x, y, width, prepare_image, ground, styles.font["regular"])


class LogoMark(Flowable):
    """The logo as a flowable (the back page's sign-off), with its clear space below it."""

    def __init__(self, brand: Brand, width: float, draw: Callable[[Any, float, float, float], None]):
        super().__init__()
        art, _ = brand.art_on(True)
        self.brand, self.logo_w, self.paint = brand, width, draw
        self.logo_h = width * art.ratio
        self.space = brand.spec.clear_space * self.logo_h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.logo_h + self.space
        return aw, self.height

    def draw(self) -> None:
        self.paint(self.canv, 0, self.space, self.logo_w)


def logo_width(spec: Any, theme: Any) -> float:
    """The logo's width on the cover and the back page, in points."""
    return spec.width * MM * theme.page.factor


def running_logo_width(art: LogoArt, theme: Any) -> float:
    """The running head's logo: RUNNING_LOGO × the running head's size high, at most RUNNING_LOGO_MAX wide."""
    return min(theme.sizes.running * RUNNING_LOGO / art.ratio, RUNNING_LOGO_MAX * MM * theme.page.factor)


def print_places(spec: Any, art: LogoArt, negative: LogoArt | None, theme: Any) -> list[tuple[LogoArt, str, float]]:
    """(art, place, width in points) of every place the print edition draws the logo, as the running
    head, the cover and the back page draw it."""
    places = []
    if spec.running_head:
        places.append((art, "the running head", running_logo_width(art, theme)))
    if spec.cover != "none":
        dark = spec.cover == "bottom-right"  # in the title panel
        places.append((negative if dark and negative is not None else art, "the cover", logo_width(spec, theme)))
    if spec.closing == "foot":
        places.append((negative or art, "the back page", logo_width(spec, theme)))
    return places


def thin_strokes(spec: Any, assets_dir: Path, theme: Any, min_line: float) -> list[Diagnostic]:
    """An error for each SVG logo whose thinnest stroke comes out thinner than `min_line` points (the
    print preflight's minimum) where it is drawn smallest: the preflight would fail the print
    edition, after the whole layout, on a line it could only place on the page."""
    art, negative = logo_files(spec, assets_dir)
    if art is None:
        return []
    places = print_places(spec, art, negative, theme)
    out = []
    for name, logo in (("file", art), ("negative", negative)):
        where = [(place, width) for a, place, width in places if a is logo]
        stroke = logo.thinnest if logo is not None else None
        if stroke is None or not where:
            continue
        place, width = min(where, key=lambda p: p[1])
        drawn = stroke.at(logo, width)
        if drawn >= min_line - 0.001:  # as the preflight judges it
            continue
        need = _rounded_up(stroke.units * min_line / drawn) if drawn > 0 else None
        fix = (f"thicken it to stroke-width=\"{need:g}\" or more, or outline it (stroke to path) at least "
               f"{need:g} units wide" if need is not None else "give it a stroke-width, or outline it (stroke to path)")
        larger = [(p, w) for a, p, w in places if a is logo and stroke.at(logo, w) >= min_line - 0.001]
        if place == "the running head" and larger:
            fix += "; or leave the logo out of the running head (running_head: false)"
        rel = getattr(spec, name)
        out.append(Diagnostic(
            f"logo {rel}: its thinnest stroke, a <{stroke.element}> with stroke-width {stroke.units:g} (in the SVG's "
            f"units), prints {drawn:.2f} pt wide in {place}, where the logo is {width:.0f} pt "
            f"({width / MM:.0f} mm) wide; the print preflight fails lines under {min_line:g} pt, which may vanish "
            "in print", spec.field_pos.get(name, spec.pos), fix))
    return out


def _rounded_up(value: float) -> float:
    """`value` rounded up to two significant digits (1.5625 → 1.6)."""
    import math
    step = 10 ** (math.floor(math.log10(value)) - 1)
    return math.ceil(value / step - 1e-9) * step
