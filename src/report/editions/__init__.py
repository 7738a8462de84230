"""Editions: the same layout, finished for a purpose. Plain option data plus three hooks:
how images are prepared, what each page gets outside the layout, and PDF finishing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pikepdf

from ..layout.templates import Geometry
from ..theme import Theme


@dataclass(frozen=True)
class Edition:
    name: str  # also the file suffix: <name>-<edition>.pdf
    colour_mode: str  # "cmyk" or "rgb"
    bleed_mm: float
    slug_mm: float
    pdf_version: str = ""  # minimum PDF version to write ("" = whatever the content needs)
    warnings: list = field(default_factory=list, compare=False)  # findings of prepare_image

    def for_document(self, doc: Any) -> Edition:
        """The edition configured for one document (file names, profiles); fresh per build."""
        return replace(self, warnings=[])

    def geometry(self, trim: tuple[float, float]) -> Geometry:
        mm = 72 / 25.4
        return Geometry(trim[0], trim[1], self.bleed_mm * mm, self.slug_mm * mm)

    def prepare_image(self, path: Path, width: float, height: float) -> Any:
        """The image to embed at a placed size of width × height points."""
        return str(path)

    def page_hook(self, canv: Any, geometry: Geometry, page: int) -> None:
        """Drawn after each page's content (marks, slug); nothing by default."""

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        """Edition-specific PDF post-processing."""


def editions() -> dict[str, Edition]:
    from .print import PrintEdition
    from .screen import ScreenEdition
    return {"print": PrintEdition(), "screen": ScreenEdition()}
