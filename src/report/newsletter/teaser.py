"""The teaser as e-mail-safe HTML (tables, inline styles, no scripts or web fonts) and plain text."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from math import ceil
from pathlib import Path
from typing import Any

from ..colours import contrast, hex_code, readable
from ..figures import figure_text
from ..fontfiles import parsed
from ..locale import Locale, tel_uri
from ..markup import plain, render
from ..model import Document, KeyFigure, KeyFiguresSection, teaser_marks

FONT = "Lato, 'Helvetica Neue', Helvetica, Arial, sans-serif"  # Lato if installed, else system fonts
SANS, SERIF = "'Helvetica Neue', Helvetica, Arial, sans-serif", "Georgia, 'Times New Roman', Times, serif"
# a serif by its name, where the font's PANOSE does not say (many leave it 0, "any")
SERIF_NAMES = ("serif", "garamond", "times", "georgia", "baskerville", "caslon", "bodoni", "minion", "crimson",
               "merriweather", "playfair", "slab", "didot", "palatino", "charter", "tiempos", "lora")
WIDTH = 600
NARROW = 375  # px: the narrowest screen the teaser is laid out for (a phone); README promises it
OUTER_PAD = 8  # px: the tinted frame left and right of the teaser
ROW_PAD = 18  # px: left and right of the key-figure tiles; with TILE_GAP they line up with the text (24)
TILE_GAP = 6  # px: around each tile
TILE_PAD = 12  # px: inside a tile, around its words
VALUE_PX, VALUE_LINE = 30, 34  # a tile's value: font size and line height, at most
LABEL_PX, QUALIFIER_PX, CHANGE_PX = 14, 11, 12
ARROWS = {1: "▲", -1: "▼", 0: "▬"}  # the change's direction, as the PDF's tiles draw it (in WGL4: Arial has them)
WIDTH_MARGIN = 1.05  # measured widths are Helvetica's or Lato's; a mail client's sans-serif may be a little wider


def _figures(doc: Document) -> list[KeyFigure]:
    """The key figures marked `teaser: true` (in any key-figure section), else the first section's
    first `newsletter: figures:`."""
    marked = teaser_marks(doc.sections)
    if marked:
        return marked
    n = doc.report.newsletter.figures
    for section in doc.sections:
        if isinstance(section, KeyFiguresSection):
            return section.figures[:n]
    return []


def _inline(text: str, locale: Locale, link_colour: str) -> str:
    return render(text, escape, lambda p: f"<strong>{p}</strong>", lambda p: f"<em>{p}</em>",
                  lambda p, href: f'<a href="{escape(href)}" style="color:{link_colour};">{p}</a>',
                  locale.typographic)


def _contact(doc: Document, locale: Locale) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    """The footer's address (the newsletter's own, else the contact's) and the contact's phone, e-mail,
    web address and social accounts as (label, text, link; an account's may be None)."""
    nl, contact = doc.report.newsletter, doc.report.contact
    ways: list[tuple[str, str, str | None]] = []
    if contact.phone:
        ways.append((locale.label("phone"), contact.phone, tel_uri(contact.phone, locale.language)))
    if contact.email:
        ways.append((locale.label("email"), contact.email, f"mailto:{contact.email}"))
    if contact.web:
        ways.append((locale.label("web"), contact.web, contact.web))
    ways += [(account.network, account.handle, account.url) for account in contact.social]
    return list(nl.address or contact.address), ways


def _reply_to(doc: Document) -> str | None:
    """The reply address for the footer, unless it is the contact's e-mail address, already there."""
    reply, email = doc.report.newsletter.reply_to, doc.report.contact.email
    return None if reply and email and reply.casefold() == email.casefold() else reply


@dataclass(frozen=True)
class Faces:
    """The teaser's font stacks: the theme's text family (its headings' face for the title and the tiles'
    values), installed or not on the reader's machine, then the system fonts of its kind; and the
    house fonts' parses, so that words are measured as wide as the widest face a client may show."""

    text: str = FONT
    display: str = FONT
    measure: tuple[Any, ...] = ()


def _faces(doc: Document) -> Faces:
    from ..fonts import TEXT_FONT_DIR
    from ..theme import load_theme
    theme, fonts = load_theme(doc.content_dir, doc.assets_dir)
    display = fonts.get("heading", fonts["black"])
    house = [p for p in dict.fromkeys((display, fonts["bold"])) if p.parent != TEXT_FONT_DIR and parsed(p)]
    if fonts["regular"].parent == TEXT_FONT_DIR and display.parent == TEXT_FONT_DIR:
        return Faces()  # the bundled Lato
    return Faces(_stack(fonts["regular"]), _stack(display), tuple(parsed(p) for p in house))


def _stack(path: Path) -> str:
    """A CSS font stack: the font's family, then the system fonts of its kind (serif or sans-serif)."""
    from fontTools.ttLib import TTFont
    with TTFont(str(path), lazy=True) as font:
        family = font["name"].getBestFamilyName() or path.stem.split("-")[0]
        serif_style = font["OS/2"].panose.bSerifStyle if "OS/2" in font else 0
    serif = 2 <= serif_style <= 10 or (serif_style < 2 and any(n in family.lower() for n in SERIF_NAMES)
                                        and "sans" not in family.lower())
    quoted = family if family.replace(" ", "").isalnum() and " " not in family else f"'{family}'"
    return f"{quoted}, {SERIF if serif else SANS}"


def _colours(doc: Document) -> dict[str, str]:
    from ..theme import load_theme
    theme, _ = load_theme(doc.content_dir, doc.assets_dir)
    c = {n: theme.colour(n).rgb for n in ("ink", "primary", "accent", "tint", "muted", "paper", "secondary")}
    # the button's label: paper (white) on the accent, unless ink reads better on it (an ochre or
    # yellow accent gave white text at 2.2:1, where mail clients and WCAG want 4.5:1)
    white, dark = contrast(c["paper"], c["accent"]), contrast(c["ink"], c["accent"])
    c["on_accent"] = c["ink"] if white < MIN_CONTRAST and dark > white else c["paper"]
    # the kicker on the paper and the tiles' qualifiers on the tint: text in the accent, in the shade
    # of its hue that stands out 4.5:1 where the accent itself does not (as the screen edition sets it)
    accent = theme.colour("accent").rgb_floats
    for name, ground in (("accent_text", "paper"), ("accent_on_tint", "tint")):
        c[name] = hex_code(readable(accent, theme.colour(ground).rgb_floats, MIN_CONTRAST))
    return c


MIN_CONTRAST = 4.5  # WCAG 2 AA for text under 18.66 px bold: the button's 16 px


def image_src(doc: Document, name: str) -> str:
    """Where the teaser finds a kit image: under newsletter.images_url, else the bare file name."""
    base = doc.report.newsletter.images_url
    return f"{base.rstrip('/')}/{name}" if base else name


def teaser_html(doc: Document, locale: Locale, cover_src: str) -> str:
    rep, nl, c, faces = doc.report, doc.report.newsletter, _colours(doc), _faces(doc)
    font = faces.text
    cover_src = image_src(doc, cover_src)
    t = locale.typographic
    url = escape(nl.pdf_url)
    kicker = escape(t(rep.second_line)).upper()
    both = rep.with_organisation(", ", t)
    # the cover is a link to the PDF: its alt, the link's name, says first where it leads, as the button does
    # (WCAG 2.4.4; a screen reader announced a picture, „Titelseite: …“, not the PDF it opens)
    alt = escape(f"{t(nl.button)} – {t(locale.label('cover_alt') + ':')} {t(rep.title)} – {both}")
    rows, stacked = _tiles(_figures(doc), locale, c, faces)
    address, ways = _contact(doc, locale)
    footer = [escape(t(nl.sender)), *(escape(t(line)) for line in address)]
    footer += [f'{escape(t(label + ":"))} <a href="{escape(href)}" style="color:{c["paper"]};">{escape(text)}</a>'
               if href else f'{escape(t(label + ":"))} {escape(t(text))}' for label, text, href in ways]
    reply = _reply_to(doc)
    if reply:
        footer.append(f'{escape(t(locale.label("reply_to") + ":"))} <a href="mailto:{escape(reply)}" '
                      f'style="color:{c["paper"]};">{escape(reply)}</a>')
    footer_html = "<br>".join(footer)
    if nl.unsubscribe:  # a paragraph of its own under the address, as in the plain text
        footer_html += "<br><br>" + escape(t(nl.unsubscribe))
    return f"""<!DOCTYPE html>
<html lang="{escape(rep.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t(rep.title))}</title>{stacked}
</head>
<body style="margin:0;padding:0;background:{c["tint"]};">
<div style="display:none;max-height:0;overflow:hidden;">{escape(t(plain(rep.lead)))}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:{c["tint"]};">
<tr><td align="center" style="padding:16px {OUTER_PAD}px;">
<table role="presentation" width="{WIDTH}" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:{WIDTH}px;background:{c["paper"]};">
<tr><td align="center" style="background:{c["primary"]};padding:28px 16px 0 16px;">{_logo_html(doc, c, font)}
<a href="{url}"><img src="{escape(cover_src)}" width="260" alt="{alt}" style="display:block;width:260px;max-width:100%;height:auto;border:0;color:{c["paper"]};font-family:{font};font-size:14px;"></a>
</td></tr>
<tr><td style="background:{c["accent"]};height:6px;line-height:6px;font-size:0;">&nbsp;</td></tr>
<tr><td style="padding:28px 24px 8px 24px;font-family:{font};color:{c["ink"]};">
<p style="margin:0 0 8px 0;font-size:12px;font-weight:bold;letter-spacing:1px;color:{c["accent_text"]};">{kicker}</p>
<h1 style="{_family(faces.display, font)}margin:0 0 16px 0;font-size:26px;line-height:31px;font-weight:900;color:{c["primary"]};">{escape(t(rep.title))}</h1>
<p style="margin:0;font-size:16px;line-height:24px;color:{c["ink"]};">{_inline(rep.lead, locale, c["primary"])}</p>
</td></tr>
<tr><td style="padding:12px {ROW_PAD}px 4px {ROW_PAD}px;">{rows}</td></tr>
<tr><td align="center" style="padding:20px 24px 32px 24px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td align="center" bgcolor="{c["accent"]}" style="background:{c["accent"]};border-radius:4px;">
<a href="{url}" style="display:inline-block;padding:14px 26px;font-family:{font};font-size:16px;font-weight:bold;color:{c["on_accent"]};text-decoration:none;">{escape(t(nl.button))}</a>
</td></tr></table>
</td></tr>
<tr><td style="background:{c["primary"]};padding:18px 24px;font-family:{font};font-size:12px;line-height:18px;color:{c["paper"]};">
{footer_html}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
"""


def _family(stack: str, inherited: str) -> str:
    """A font-family declaration where `stack` is not what the element inherits."""
    return "" if stack == inherited else f"font-family:{stack};"


def _tiles(figures: list[KeyFigure], locale: Locale, c: dict[str, str], faces: Faces = Faces()) -> tuple[str, str]:
    """The key figures as tiles, two abreast where the screen has room for both, else one a row.

    A mail client without media queries must still never scroll sideways, so the tiles decide by
    themselves ("fab four"): each is an inline block at least half and at most all of the row's
    width, and width:calc((B - 100%) * 1000) is hugely negative on rows wider than B (half wins:
    two abreast) and hugely positive on narrower ones (all wins: one a row). B is twice the room the
    widest word of any tile needs; a value wider than one tile on the narrowest screen is set
    smaller. A client that drops calc() keeps width:100% (one a row); Outlook's Word engine, which
    knows no inline blocks, gets the two columns from a table in conditional comments.

    Returns the tiles and a style for the head: where the screen is too narrow for two abreast, a
    client with media queries drops the empty line that stands a value level with its neighbour's
    beside a qualifier (one a row, it only pushed the value down); one without keeps it."""
    if not figures:
        return "", ""
    t = locale.typographic
    single = NARROW - 2 * (OUTER_PAD + ROW_PAD + TILE_GAP + TILE_PAD)  # a tile's text on a phone, one a row
    values = [figure_text(fig, locale).value for fig in figures]
    house = faces.measure
    widest = max(_width(v, VALUE_PX, fonts=house) for v in values)
    size = VALUE_PX if widest <= single else int(VALUE_PX * single / widest)
    line = VALUE_LINE if size == VALUE_PX else round(size * VALUE_LINE / VALUE_PX)
    # lines break at spaces only: a no-break space ("Mio.\u00a0€") holds its words together
    words = [w for fig in figures for w in t(fig.label).split(" ")]
    quals = [w for fig in figures if fig.qualifier for w in t(fig.qualifier).upper().split(" ")]
    changes = [figure_text(fig, locale).change for fig in figures]
    steps = [w for change in changes if change for w in f"{ARROWS[1]} {t(change.line)}".split(" ")]
    need = max([widest * size / VALUE_PX, *(_width(w, LABEL_PX, fonts=house) for w in words),
                *(_width(w, QUALIFIER_PX, spacing=1, fonts=house) for w in quals),
                *(_width(w, CHANGE_PX, fonts=house) for w in steps)])
    breakpoint = 2 * (ceil(need) + 2 * (TILE_GAP + TILE_PAD))
    row = WIDTH - 2 * ROW_PAD
    pairs = breakpoint <= row
    block = ("display:inline-block;vertical-align:top;width:100%;min-width:50%;max-width:100%;"
             f"width:calc(({breakpoint}px - 100%) * 1000);" if pairs else "")
    half = row // 2
    # one a row below this screen width: the row (inside the frame and its padding) is narrower than B
    narrow = breakpoint + 2 * (OUTER_PAD + ROW_PAD) - 1
    # two abreast, a row's tiles are as high as each other: every label takes the room of the longest,
    # on the widest screen and, where a narrower one wraps the longest label into more lines, there too
    labels = [t(fig.label) for fig in figures]
    heights = _label_heights(labels, narrow + 1, house) if pairs else [(WIDTH, 1)]
    label_h = 18 * heights[0][1] if pairs else 0
    label_cls = ' class="kf-label"' if max(n for _, n in heights) > 1 else ""  # (its height set per screen width)
    tiles = []
    for i, (fig, value) in enumerate(zip(figures, values, strict=True)):
        # a tile without a qualifier keeps its line empty only beside one with a qualifier, so that
        # their values stand level; elsewhere (one a row, two without) the value stands at the top
        beside = figures[i ^ 1] if pairs and (i ^ 1) < len(figures) else None
        qual = f'<div style="font-size:{QUALIFIER_PX}px;font-weight:bold;letter-spacing:1px;color:{c["accent_on_tint"]};">' \
               f'{escape(t(fig.qualifier)).upper()}</div>' if fig.qualifier else \
               f'<div class="kf-level" style="font-size:{QUALIFIER_PX}px;">&nbsp;</div>' \
               if beside is not None and beside.qualifier else ""
        change = _change_html(fig, changes[i], locale, c) if changes[i] else \
            f'<div class="kf-level" style="font-size:{CHANGE_PX}px;line-height:16px;padding-top:6px;">&nbsp;</div>' \
            if beside is not None and changes[i ^ 1] else ""
        tiles.append(
            f'<div style="{block}"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
            f'<tr><td style="padding:{TILE_GAP}px;">'
            f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
            f'style="background:{c["tint"]};border-top:4px solid {c["accent"]};"><tr>'
            f'<td style="padding:{TILE_PAD}px {TILE_PAD}px 14px {TILE_PAD}px;font-family:{faces.text};color:{c["ink"]};">{qual}'
            f'<div style="{_family(faces.display, faces.text)}font-size:{size}px;line-height:{line}px;font-weight:900;'
            f'color:{c["primary"]};">'
            f'{escape(value)}</div>'
            f'<div{label_cls} style="font-size:{LABEL_PX}px;line-height:18px;'
            f'font-weight:bold;color:{c["primary"]};{f"min-height:{label_h}px;" if label_h > 18 else ""}">'
            f'{escape(t(fig.label))}</div>{change}</td></tr></table></td></tr></table></div>')
    if not pairs:
        return "".join(tiles), ""
    cell = f'<td width="{half}" valign="top">'
    html = f'<!--[if mso]><table role="presentation" width="{row}" cellpadding="0" cellspacing="0" border="0"><tr>{cell}<![endif]-->'
    for i, tile in enumerate(tiles):
        if i:
            html += f'<!--[if mso]></td>{"</tr><tr>" if i % 2 == 0 else ""}{cell}<![endif]-->'
        html += tile
    # narrower screens, two abreast: the labels' height where the longest takes more lines there; then
    # one a row (the last rule wins)
    queries = [f"@media (max-width: {screen}px) {{ .kf-label {{ min-height: {18 * n}px !important; }} }}"
               for screen, n in heights[1:]] if label_cls else []
    rules = " ".join(f".{cls} {{ {rule} !important; }}" for cls, rule in
                     (("kf-level", "display: none"), ("kf-label", "min-height: 0")) if cls in html)
    if rules:
        queries.append(f"@media (max-width: {narrow}px) {{ {rules} }}")
    style = f"\n<style>{' '.join(queries)}</style>" if queries else ""
    return html + "<!--[if mso]></td></tr></table><![endif]-->", style


def _label_heights(labels: list[str], narrowest: int, fonts: tuple[Any, ...] = ()) -> list[tuple[int, int]]:
    """How many lines the longest of `labels` takes in a tile two abreast: on the widest screen
    (WIDTH: the teaser at its full width), then (screen width, lines) at each narrower width, down to
    `narrowest`, where it takes more (the row shrinks with the screen: frame and padding aside)."""
    def lines(screen: int) -> int:
        room = (min(screen - 2 * OUTER_PAD, WIDTH) - 2 * ROW_PAD) / 2 - 2 * (TILE_GAP + TILE_PAD)
        return max(_lines(label, LABEL_PX, room, fonts) for label in labels)

    out = [(WIDTH, lines(WIDTH + 2 * OUTER_PAD))]
    for screen in range(WIDTH + 2 * OUTER_PAD - 1, narrowest - 1, -1):
        if (n := lines(screen)) > out[-1][1]:
            out.append((screen, n))
    return out


def _change_html(fig: KeyFigure, change: Any, locale: Locale, c: dict[str, str]) -> str:
    """The change against last year under a tile's label, as the PDF's tiles show it: '▲ +2.4 % ggü.
    Vorjahr', the arrow in the colour of good (secondary) or bad news (accent; `better: lower` turns
    them), unchanged in muted. The words take that colour where it reads on the tile (WCAG AA, 4.5:1),
    else the ink's: the arrow and the sign say it without colour. The arrow is hidden from screen
    readers, which would say 'black up-pointing triangle'."""
    good = change.direction if fig.better == "higher" else -change.direction
    colour = c[{1: "secondary", -1: "accent"}.get(good, "muted")]
    words = colour if contrast(colour, c["tint"]) >= MIN_CONTRAST else c["ink"]
    return (f'<div style="font-size:{CHANGE_PX}px;line-height:16px;padding-top:6px;font-weight:bold;color:{words};">'
            f'<span aria-hidden="true" style="color:{colour};">{ARROWS[change.direction]}</span>&nbsp;'
            f'{escape(locale.typographic(change.line))}</div>')


def _lines(text: str, px: float, room: float, fonts: tuple[Any, ...] = ()) -> int:
    """How many lines `text` takes at `px` in `room` px, broken at spaces (as the mail client will, roughly)."""
    lines, used = 1, 0.0
    space = _width(" ", px, fonts=fonts)
    for word in text.split(" "):
        w = _width(word, px, fonts=fonts)
        if used and used + space + w > room:
            lines, used = lines + 1, w
        else:
            used += (space if used else 0) + w
    return lines


def _width(text: str, px: float, spacing: float = 0, fonts: tuple[Any, ...] = ()) -> float:
    """Width of `text` in px, set bold: the widest of Helvetica (Arial has its widths), Lato Black and
    the house `fonts`, the fonts the teaser asks for."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    lato = _lato_black()
    return (max(stringWidth(text, "Helvetica-Bold", px), lato.stringWidth(text, px),
                *(f.stringWidth(text, px) for f in fonts)) * WIDTH_MARGIN + spacing * len(text))


@lru_cache(maxsize=1)
def _lato_black() -> Any:
    from reportlab.pdfbase.ttfonts import TTFont
    path = Path(__file__).parent.parent / "data" / "assets" / "fonts" / "Lato-Black.ttf"
    return parsed(path) or TTFont("report-teaser-Lato-Black", str(path))


def _logo_html(doc: Document, c: dict[str, str], font: str = FONT) -> str:
    """The organisation's logo above the cover (an image with alt text), when the theme has one."""
    from .logo import MAIL_WIDTH, mail_logo
    logo = mail_logo(doc)
    if logo is None:
        return ""
    src, alt = logo
    src = image_src(doc, src)
    return (f'\n<img src="{escape(src)}" width="{MAIL_WIDTH}" alt="{escape(alt)}" style="display:block;width:{MAIL_WIDTH}px;'
            f'max-width:60%;height:auto;border:0;margin:0 auto 20px auto;color:{c["paper"]};font-family:{font};font-size:14px;">')


def teaser_text(doc: Document, locale: Locale) -> str:
    rep, nl = doc.report, doc.report.newsletter
    t = locale.typographic

    def wrap(text: str) -> str:
        return textwrap.fill(text, 72, break_long_words=False, break_on_hyphens=False)

    lines: list[Any] = [t(rep.second_line).upper(), "", wrap(t(rep.title)),
                        "=" * min(72, len(t(rep.title))), "", wrap(t(plain(rep.lead))), ""]
    for fig in _figures(doc):
        words = figure_text(fig, locale)
        change = f" ({t(words.change.line)})" if words.change else ""
        lines.append(f"* {t(fig.qualifier) + ' ' if fig.qualifier else ''}{words.value} {t(fig.label)}{change}")
    address, ways = _contact(doc, locale)
    lines += ["", t(f"{nl.button}:"), nl.pdf_url, "", "--", t(nl.sender), *(t(a) for a in address)]
    # "E-mail :" in French; an account with its address after the handle
    lines += [f"{t(label + ':')} {text}" + (f" ({href})" if href and href.startswith("http") and href != text else "")
              for label, text, href in ways]
    reply = _reply_to(doc)
    if reply:
        lines.append(f"{t(locale.label('reply_to') + ':')} {reply}")
    if nl.unsubscribe:
        lines += ["", wrap(t(nl.unsubscribe))]
    return "\n".join(lines) + "\n"
