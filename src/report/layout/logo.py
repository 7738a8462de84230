"""Drawing the logo: vector art stays vector; a plate in the paper colour gives it its clear space
wherever it would otherwise sit on artwork or on a dark colour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from ..cache import default_dir
from ..logo import LogoArt, flattened_png
from ..tagging import content


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


def draw_art(canv: Any, brand: Brand, art: LogoArt, x: float, y: float, width: float,
             prepare_image: Callable[[Path, float, float], Any], background: tuple[float, float, float],
             font: str) -> None:
    """Paint `art` with its lower left corner at (x, y), `width` points wide."""
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
    else:  # PNG: no transparency in JPEG or CMYK, so it sits on the colour behind it
        flat = flattened_png(art, background, default_dir() / "logos")
        canv.drawImage(prepare_image(flat, width, height), x, y, width, height)


def draw_logo(canv: Any, brand: Brand, styles: Any, x: float, y: float, width: float, *, dark: str | None,
              prepare_image: Callable, bleed_to: tuple[float, float, float, float] | None = None,
              tagged: bool = True) -> None:
    """The logo at (x, y), `width` points wide; `dark` names the background colour where it is dark.

    A positive logo on a dark background, or on artwork (`bleed_to`: the plate reaches these
    edges), gets a plate in the paper colour reaching `clear_space` × height beyond the logo."""
    art, plate = brand.art_on(dark is not None)
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
    background = styles.theme.colour("paper" if plate or dark is None else dark).rgb_floats
    if tagged:
        with content(canv, "Figure", alt=brand.alt):
            draw_art(canv, brand, art, x, y, width, prepare_image, background, styles.font["regular"])
    else:
        draw_art(canv, brand, art, x, y, width, prepare_image, background, styles.font["regular"])


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
