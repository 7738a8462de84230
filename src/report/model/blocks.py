"""Blocks inside a text section. BLOCK_KINDS is the registry: one line per kind."""

from __future__ import annotations

from dataclasses import dataclass

from .reader import AssetPath, Markup, Node, spec
from .tables import Table


@dataclass(kw_only=True)
class Paragraph(Node):
    text: Markup = spec("A paragraph of body text.", example="Bereits im März zog es uns …")


@dataclass(kw_only=True)
class Quote(Node):
    text: Markup = spec("The quoted sentence, set large as a pull quote.",
                        example="Eines der erfolgreichsten Jahre")
    attribution: str | None = spec("Who said it, if anyone.", default=None)


@dataclass(kw_only=True)
class ChartRef(Node):
    id: str = spec("Name of a chart file in charts/ without .yaml.", example="aktivitaeten")


@dataclass(kw_only=True)
class Figure(Node):
    image: AssetPath = spec("Image file relative to assets/.", example="images/messe.jpg")
    caption: Markup = spec("Caption under the image.")
    credit: str | None = spec("Image credit.", default=None)
    alt: str = spec("What the image shows, for readers who cannot see it.")


# kind → (class, field that a plain value fills: `- paragraph: "…"`)
BLOCK_KINDS: dict[str, tuple[type, str | None]] = {
    "paragraph": (Paragraph, "text"),
    "quote": (Quote, "text"),
    "chart": (ChartRef, "id"),
    "image": (Figure, None),
    "table": (Table, None),
}

