"""The print edition: 3 mm bleed, room for marks, CMYK, page boxes for the print shop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pikepdf

from ..layout.templates import Geometry
from ..theme import Theme
from . import Edition

BLEED_MM = 3.0  # German print shops' standard bleed
SLUG_MM = 10.0  # room outside the bleed for crop marks and the slug line


@dataclass(frozen=True)
class PrintEdition(Edition):
    name: str = "print"
    colour_mode: str = "cmyk"
    bleed_mm: float = BLEED_MM
    slug_mm: float = SLUG_MM

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        for page in pdf.pages:
            page.obj.TrimBox = pikepdf.Array(geometry.trim_box)
            page.obj.BleedBox = pikepdf.Array(geometry.bleed_box)
