"""Section headings: kicker and title, kept with what follows, feeding outline and contents."""

from __future__ import annotations

import re
from typing import Any

from .context import LayoutContext
from .text import Paragraph, rl_plain


def heading(ctx: LayoutContext, title: str, kicker: str | None, key_hint: str, colour: Any = None) -> list[Any]:
    st = ctx.styles
    out: list[Any] = []
    if kicker:
        out.append(Paragraph(rl_plain(kicker, ctx.locale).upper(), st.para("kicker")))
    h1 = Paragraph(rl_plain(title, ctx.locale), st.para("h1", **({"textColor": colour} if colour else {})))
    h1.toc_entry = (0, ctx.locale.typographic(title), "sec-" + re.sub(r"[^a-z0-9]+", "-", key_hint.lower()))
    out.append(h1)
    out[0].starts_section = True  # the tagged structure opens a Sect here
    return out
