"""Single lines of text measured with their font, not counted in characters: fifty W are three times
as wide as fifty i. A line that is too wide is set smaller, down to a floor; below that it is an
error at the content's file:line before anything is drawn.

The drawing code and the check call the same `fit_size` with the same sizes, so they agree."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..errors import Diagnostic, Diagnostics, Pos
from .text import SUPERIOR_SHARE, superior

if TYPE_CHECKING:  # context imports the templates, which draw with fit_size
    from .context import LayoutContext

MIN_TEXT_PT = 6.0  # the smallest text print shops accept (preflight checks it too)
ORGANISATION_MIN = 0.6  # the cover's organisation line may shrink to this share of its size


def fit_size(text: str, font: str, size: float, width: float, min_size: float = MIN_TEXT_PT) -> float | None:
    """The largest size ≤ `size` (in quarter points) at which `text` fits `width`; None below `min_size`."""
    wide = stringWidth(text, font, size)
    if wide <= width:
        return size
    smaller = math.floor(size * width / wide * 4) / 4  # a line's width grows linearly with its size
    return smaller if smaller >= min_size else None


def drawn_size(text: str, font: str, size: float, width: float, min_size: float = MIN_TEXT_PT) -> float:
    """The size to draw at: what fits, else the floor (`check` has refused such content already)."""
    return fit_size(text, font, size, width, min_size) or min_size


def organisation_line(st: Any) -> tuple[str, float, float]:
    """(font, size, smallest size) of the cover's organisation line."""
    size = st.theme.sizes.h2
    return st.font["bold"], size, max(MIN_TEXT_PT, size * ORGANISATION_MIN)


def credit_line(st: Any) -> tuple[str, float, float]:
    """(font, size, smallest size) of the cover's image credit: reversed out of a four-colour image,
    so bold and large enough to survive misregister."""
    floor = st.theme.plates.reversed_min
    return st.font["bold"], max(st.theme.sizes.source, floor), floor


_SUPERIOR_AROUND = superior("\x00").split("\x00")  # the markup before and after a superior letter
_SUPERIOR = re.compile(re.escape(_SUPERIOR_AROUND[0]) + "(.*?)" + re.escape(_SUPERIOR_AROUND[1]))


def reversed_superiors(text: str, size: float, floor: float) -> str:
    """reportlab markup for white text out of colour or an image (the back page, a page photo's
    caption) at `size`: an ordinal's ending set as a superior letter (French 1ᵉʳ, XVIIᵉ) stays on the
    line where the superior letter would be smaller than `floor` (the theme's `reversed_min`): at 62 %
    of the back page's 10 pt "1er janvier" made a 6.2 pt white "er", which the print preflight flagged
    as reversed text too small to survive misregister."""
    if size * SUPERIOR_SHARE >= floor - 1e-9:
        return text
    return _SUPERIOR.sub(r"\1", text)


def check(ctx: LayoutContext, running_head: str) -> None:
    """Refuse the single lines that do not fit even at their smallest size, all at once."""
    st, rep = ctx.styles, ctx.doc.report
    s, width = st.theme.sizes, ctx.text_width
    diag = Diagnostics()

    def pos(node: object, name: str) -> Pos:
        return getattr(node, "field_pos", {}).get(name) or getattr(node, "pos", Pos())

    credit_room = width
    if rep.cover.layout == "photo":  # up the right edge: on a landscape page less than across it
        from .cover import edge_credit_room  # the cover draws with this module's sizes
        credit_room = min(width, edge_credit_room(ctx)[1])
    lines = [
        (running_head, st.font["bold"], s.running, MIN_TEXT_PT, width, pos(rep, "organisation"),
         "the running head (organisation · subtitle)"),
        (ctx.locale.one_line(rep.organisation), *organisation_line(st), width, pos(rep, "organisation"),
         "the organisation on the cover"),
        (ctx.locale.one_line(rep.cover.credit), *credit_line(st), credit_room, pos(rep.cover, "credit"),
         "the image credit on the cover"),
    ]
    for text, font, size, floor, room, where, what in lines:
        if fit_size(text, font, size, room, floor) is None:
            need = stringWidth(text, font, floor)
            keep = max(1, int(len(text) * room / need))
            diag.items.append(Diagnostic(
                f"{what} is too wide: {need / 72 * 25.4:.0f} mm at {floor:g} pt, the page has "
                f"{room / 72 * 25.4:.0f} mm", where, f"shorten it to about {keep} characters"))
    diag.raise_if_errors()
