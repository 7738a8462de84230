"""The closing page: a back page in the primary colour with contact and imprint from content
and the image credits, set at the foot of the page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportlab.platypus import Flowable, Spacer

from ..locale import tel_uri
from ..markup import addresses
from ..tagging import artifact
from .context import LayoutContext
from .fit import reversed_superiors
from .heading import heading
from .logo import LogoMark, draw_logo, logo_width
from .styles import MM
from .text import Paragraph, rl_link, rl_plain

PAD = 8 * MM


class FootPanel(Flowable):
    """Takes the rest of the frame and draws its flowables at the bottom, under an accent rule."""

    def __init__(self, parts: list[Any], accent: Any):
        super().__init__()
        self.parts, self.accent = parts, accent

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, ah
        self.sizes = [p.wrap(aw, ah) for p in self.parts]
        self.panel_h = sum(h for _, h in self.sizes) + PAD
        return aw, max(ah, self.panel_h)

    def draw(self) -> None:
        c = self.canv
        with artifact(c):
            c.setFillColor(self.accent)
            c.rect(0, self.panel_h - 1.5 * MM, 14 * MM, 1.5 * MM, stroke=0, fill=1)
        y = self.panel_h - PAD
        for part, (_, h) in zip(self.parts, self.sizes, strict=True):
            y -= h
            part.drawOn(c, 0, y)


class Credits(Flowable):
    """The image credits, set when the back page is laid out: every credited image is drawn by then
    (the back page comes last), so each knows its page."""

    def __init__(self, lines: Callable[[], list[Any]]):
        super().__init__()
        self.lines = lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.parts = self.lines()
        self.sizes = [p.wrap(aw, ah) for p in self.parts]
        self.width, self.height = aw, sum(h for _, h in self.sizes)
        return aw, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        """Each line where it would stand without this wrapper (no graphics state of its own)."""
        y += self.height
        for part, (_, h) in zip(self.parts, self.sizes, strict=True):
            y -= h
            part.drawOn(canvas, x, y)


def credit_lines(ctx: LayoutContext) -> list[str]:
    """One line per credit, in page order, where it is first: the places of its images, then the
    credit as written ("Titelseite, S. 5, 9 – Foto: …" / "Cover, pp. 5, 9 – Photo: …"). One
    photographer's several images share a line."""
    loc, rep = ctx.locale, ctx.doc.report
    places: dict[str, list[str]] = {rep.cover.credit.strip(): [loc.label("cover")]}
    pages: dict[str, list[int]] = {}
    for page, credit in sorted(ctx.credits.values(), key=lambda c: c[0]):
        places.setdefault(credit.strip(), [])
        pages.setdefault(credit.strip(), []).append(page)
    for credit, numbers in pages.items():
        numbers = sorted(set(numbers))
        label = loc.label("page_abbr" if len(numbers) == 1 else "pages_abbr")
        places[credit].append(f"{label}\u00a0{', '.join(map(str, numbers))}")
    return [f"{', '.join(where)} – {credit}" for credit, where in places.items()]


def _linked(line: str, loc: Any) -> str:
    """A line of plain text with its bare web and e-mail addresses as links."""
    return "".join(rl_link(text, href, loc) if href else rl_plain(text, loc) for text, href in addresses(line))


def layout(ctx: LayoutContext) -> list[Any]:
    ctx = replace(ctx, styles=ctx.styles.on("primary"))  # the back page is in the primary colour
    st, loc, rep = ctx.styles, ctx.locale, ctx.doc.report
    contact = rep.contact
    # reversed out of the four-colour panel: bold, as print shops ask for small white text
    small = st.para("small", text="paper", fontName=st.font["bold"], fontSize=st.theme.sizes.body,
                    leading=st.theme.sizes.leading)
    floor = st.theme.plates.reversed_min

    def white(text: str, style: Any) -> Paragraph:  # an ordinal's ending too small in white stays on the line
        return Paragraph(reversed_superiors(text, style.fontSize, floor), style)
    parts: list[Any] = [white(rl_plain(contact.publisher, loc),
                              st.para("h2", text="paper", spaceBefore=0, fontSize=st.theme.sizes.h2 + 4,
                                      leading=(st.theme.sizes.h2 + 4) * 1.3))]
    parts += [white(rl_plain(line, loc), small) for line in contact.address]
    links = []
    if contact.phone:
        links.append(f"{rl_plain(loc.label('phone') + ':', loc)} "  # a link on screen (plain text in print)
                     + rl_link(contact.phone, tel_uri(contact.phone, loc.language), loc))
    if contact.email:  # the label's colon as the language sets it: "E-mail :" in French
        links.append(f"{rl_plain(loc.label('email') + ':', loc)} "
                     + rl_link(contact.email, f"mailto:{contact.email}", loc))
    if contact.web:
        links.append(f"{rl_plain(loc.label('web') + ':', loc)} " + rl_link(contact.web, contact.web, loc))
    for account in contact.social:  # Instagram: @example, the handle a link where it has a url
        handle = rl_link(account.handle, account.url, loc) if account.url else rl_plain(account.handle, loc)
        links.append(f"{rl_plain(account.network + ':', loc)} {handle}")
    if links:
        parts += [Spacer(0, 3 * MM), *(white(link, small) for link in links)]
    if contact.lines:  # the imprint's further lines (editors, print, a charity's numbers): apart from the
        # address they read on from, and after the ways to reach the publisher; an address in them is a link
        gap = [Spacer(0, 3 * MM)] if contact.address or links else []  # (under the publisher's name: its own space)
        parts += [*gap, *(white(_linked(line, loc), small) for line in contact.lines)]
    parts += [Spacer(0, 6 * MM),
              Paragraph(rl_plain(loc.label("image_credit"), loc).upper(), st.para("kicker")),
              Credits(lambda: [white(rl_plain(line, loc), small) for line in credit_lines(ctx)])]
    brand = ctx.brand
    if brand is not None and brand.spec.closing == "foot":  # the sign-off: logo above the publisher

        def paint(canv: Any, x: float, y: float, width: float) -> None:
            draw_logo(canv, brand, st, x, y, width, dark="primary", prepare_image=ctx.prepare_image)
        parts.insert(0, LogoMark(brand, logo_width(brand.spec, st.theme), paint))
    story = heading(ctx, contact.heading or loc.label("imprint"), None, "closing", colour="paper")
    story.append(FootPanel(parts, st.colour("accent")))
    return story
