"""Section kinds (one file each under sections/). SECTION_KINDS is the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..errors import Diagnostics
from .blocks import BLOCK_KINDS
from .numbers import Number
from .reader import Markup, Node, ReadContext, spec


@dataclass(kw_only=True)
class TextSection(Node):
    kind: Literal["text"] = spec("Section kind: narrative text with quotes, charts and images.")
    title: str = spec("Section heading (also in contents and bookmarks).", example="Highlights des Jahres",
                      max_length=120)
    kicker: str | None = spec("Small line above the heading.", default=None, example="Delegationsreisen",
                              max_length=80)
    blocks: list[Any] = spec("Paragraphs, quotes, charts and images in reading order; each item is one of: "
                             + ", ".join(BLOCK_KINDS) + ".", example=[{"paragraph": "Text …"}], kinds=BLOCK_KINDS)


MAX_FIGURE_VALUE = 1e9  # "999.999.999" is the widest number a tile holds


@dataclass(kw_only=True)
class KeyFigure(Node):
    value: Number = spec("The number exactly as it is printed: 1000, 99.98, 31.0 — or quoted in the document's "
                         "notation, e.g. '48.250' or '61,4' in German.", example=1000)
    qualifier: str | None = spec("Words that keep the number honest, e.g. 'mehr als' or 'rund'.",
                                 default=None, example="mehr als", max_length=24)
    label: str = spec("What was counted.", example="erreichte Thüringer", max_length=80)
    detail: Markup | None = spec("A short explanation under the label.", default=None, max_length=160)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if self.value < 0:
            diag.error(ctx.value_pos(self, "value"), f"key figure value {self.value} is negative",
                       "key figures count things; write the number as in the source")
        elif self.value > MAX_FIGURE_VALUE:
            diag.error(ctx.value_pos(self, "value"), f"key figure value {self.value} is too large for a tile",
                       f"write at most {MAX_FIGURE_VALUE:.0e}, e.g. 2.5 with the label 'Mio. Euro'")


@dataclass(kw_only=True)
class KeyFiguresSection(Node):
    kind: Literal["key_figures"] = spec("Section kind: a page of key-figure tiles.")
    title: str = spec("Section heading.", example="Das Jahr in Zahlen", max_length=120)
    kicker: str | None = spec("Small line above the heading.", default=None, max_length=80)
    intro: Markup | None = spec("Text under the heading.", default=None)
    figures: list[KeyFigure] = spec("The tiles, in reading order.", items=(1, 12))


SECTION_KINDS: dict[str, type] = {
    "text": TextSection,
    "key_figures": KeyFiguresSection,
}

