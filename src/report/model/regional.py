"""What a region writes otherwise than its language's other regions, said where a text does not:
Swiss German has no ß and quotes «so», and text pasted from a German partner slips both in."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..errors import Diagnostics
from .reader import ReadContext
from .refs import marked_texts

# (character, what it is, what the region writes instead); per region
SWISS = (("ß", "ß", "ss, as Swiss German writes it (Strasse, Grüsse)"),
         ("„", "a German quotation mark „", "«…», or straight quotes \"…\", which become «…»"))
REGIONS = {"de-CH": SWISS, "de-LI": SWISS}


def check(report: Any, sections: list[Any], ctx: ReadContext, diag: Diagnostics) -> None:
    """A warning per section file and character its region does not write: at the first text that has
    it, with how many more texts of the file do."""
    from ..locale import region  # (as document.py imports it: where it is used)
    default = getattr(report, "language", "") if dataclasses.is_dataclass(report) else ""
    for section in sections:
        if not dataclasses.is_dataclass(section):
            continue
        language = getattr(section, "language", None) or default
        rules = REGIONS.get(region(language))
        if not rules:
            continue
        texts = list(marked_texts(section, ctx))
        for char, what, instead in rules:
            having = [(text, pos) for _, _, text, pos in texts if char in text]
            if not having:
                continue
            text, pos = having[0]
            at = text.index(char)
            word = text[max(0, at - 12):at + 12].split()
            shown = next((w for w in word if char in w), char)
            more = f" (and in {len(having) - 1} more text{'s' if len(having) > 2 else ''} of this file)" \
                if len(having) > 1 else ""
            diag.warning(pos, f"{what} in '{shown}' in a {language} text{more}", f"write {instead}")
