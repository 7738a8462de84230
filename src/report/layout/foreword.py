"""The foreword: the opening letter on its own page. The portrait stands in the margin column
beside the letter; under the text the closing, the signature (a PNG with transparency, drawn on
the paper) and the author's name and role, kept together. A letter by several signatories has their
portraits one under the other in the margin column, and their signatures, names and roles side by
side under the closing, in the order of the list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, Spacer

from ..assets import shown_size
from ..model import ForewordSection, Signatory
from ..tagging import artifact, content
from .columnfigure import Stack
from .context import LayoutContext, draw_image
from .heading import heading
from .measure import letter_right, letter_width
from .pagefill import TAIL_ITEMS, SectionEnd
from .styles import MM
from .templates import text_frame_height
from .text import Paragraph, rl_markup, rl_plain

GUTTER = 8 * MM  # between the portrait and the letter; between the signatories' columns
CREDIT_GAP = 1.5 * MM  # between the portrait and its credit
PORTRAIT_GAP = 5 * MM  # between portraits one under the other
MIN_SCALE = 0.25  # the smallest share of its size a portrait is drawn at to keep the column on the page
SIGNATURE_H = 16 * MM
NO_SIGNATURE_H = 6 * MM  # the room above the name when there is no signature
LINES_WITH_CLOSING = 3  # lines of the letter that go over with its closing where that does not fit


class Portrait:
    """One portrait for the margin column: its image, size, alt text, the texts under it (a
    signatory's name and role, the credit) and the credit callback."""

    def __init__(self, image: Any, width: float, height: float, alt: str, texts: list[Paragraph],
                 drawn: Callable[[int], None] | None = None):
        self.image, self.w, self.h, self.alt, self.texts, self.drawn = image, width, height, alt, texts, drawn

    def texts_height(self) -> float:
        """The texts under it, set as wide as the column (also where the portrait is drawn smaller)."""
        return CREDIT_GAP + sum(t.wrap(self.w, 10_000)[1] for t in self.texts) if self.texts else 0


class MarginPortrait(Flowable):
    """Takes no height: the portraits hang in the margin column from the top of what follows, one
    under the other, each with its texts small under it: the signatory's name and role (a letter by
    several: who is who), then the credit; `drawn(page)` lists the credit on the closing page.
    Portraits that would run past the frame with their texts are drawn smaller to fit it."""

    def __init__(self, portraits: list[Portrait]):
        super().__init__()
        self.portraits = portraits
        self.scale = 1.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        texts = sum(p.texts_height() for p in self.portraits) + PORTRAIT_GAP * (len(self.portraits) - 1)
        images = sum(p.h for p in self.portraits)
        self.scale = max(MIN_SCALE, (ah - texts) / images) if images + texts > ah > 0 else 1.0
        return aw, 0

    def draw(self) -> None:
        top = 0.0
        for p in self.portraits:
            w, h = p.w * self.scale, p.h * self.scale
            with content(self.canv, "Figure", alt=p.alt):
                self.canv.drawImage(p.image, 0, top - h, w, h)
            top -= h
            gap = CREDIT_GAP
            for para in p.texts:
                _, th = para.wrap(p.w, 10_000)
                para.drawOn(self.canv, 0, top - gap - th)
                top -= gap + th
                gap = 0.0
            if p.drawn is not None:
                p.drawn(self.canv.getPageNumber())
            top -= PORTRAIT_GAP


class Signature(Flowable):
    """The handwritten signature: decoration beside the printed name, so an artifact."""

    def __init__(self, image: Any, x: float, width: float, height: float):
        super().__init__()
        self.image, self.x, self.w, self.h = image, x, width, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.h

    def draw(self) -> None:
        with artifact(self.canv):
            draw_image(self.canv, self.image, self.x, 0, self.w, self.h)


class Signatories(Flowable):
    """The signatories side by side from `x`: in each column the signature (standing on one line
    with the others'), the name and the role. Drawn column by column, so names and roles are read
    in the order of the list; never split (the closing line stays with it)."""

    def __init__(self, columns: list[tuple[Signature | None, list[Paragraph]]], x: float, band: float,
                 right: float = 0.0):
        super().__init__()
        self.columns, self.x, self.band, self.right = columns, x, band, right  # right: the letter's right indent

    def _width(self, aw: float) -> float:
        return (aw - self.x - self.right - GUTTER * (len(self.columns) - 1)) / len(self.columns)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        cw = self._width(aw)
        self.width = aw
        self.height = self.band + max(sum(p.wrap(cw, 10_000)[1] + p.style.spaceAfter for p in texts)
                                      for _, texts in self.columns)
        return aw, self.height

    def draw(self) -> None:
        cw = self._width(self.width)
        for i, (signature, texts) in enumerate(self.columns):
            x = self.x + i * (cw + GUTTER)
            y = self.height - self.band
            if signature is not None:
                signature.drawOn(self.canv, x, y)
            for para in texts:
                y -= para.height
                para.drawOn(self.canv, x, y)
                y -= para.style.spaceAfter


def _portrait(ctx: LayoutContext, owner: Any, width: float, caption: str = "") -> Portrait:
    """`owner`: the section (one author) or a signatory, with portrait, portrait_alt and portrait_credit;
    `caption`: paragraph markup set under the portrait, above the credit."""
    w_px, h_px = shown_size(owner.portrait)  # as the edition embeds it: EXIF orientation applied
    height = width * h_px / w_px
    image = ctx.prepare_image(owner.portrait, width, height, owner.field_pos.get("portrait"))
    credit = owner.portrait_credit
    texts = [Paragraph(caption, _unbroken(ctx, "caption"))] if caption else []
    if credit:
        texts.append(Paragraph(rl_plain(credit, ctx.locale), ctx.styles.para("source")))
    return Portrait(image, width, height, owner.portrait_alt, texts, ctx.credited(owner, credit) if credit else None)


def _unbroken(ctx: LayoutContext, name: str, **over: Any) -> Any:
    """A style for names and roles in narrow columns: they break between words, not inside a name
    ('Maxi-miliane'); only a word wider than the column is hyphenated."""
    return ctx.styles.para(name, hyphenationLang="", overlongHyphenation=ctx.styles.hyphenate, **over)


def _who(ctx: LayoutContext, person: Signatory) -> str:
    """A signatory's name (bold) and role, for the caption under their portrait."""
    name = f"<b>{rl_plain(person.name, ctx.locale)}</b>"
    # the space before the break: the tagged text (ActualText) reads "name role", not "namerole"
    return f"{name} <br/>{rl_plain(person.role, ctx.locale)}" if person.role else name


def _signature(ctx: LayoutContext, owner: Any, x: float, width: float) -> Signature:
    sw_px, sh_px = shown_size(owner.signature)
    sw = min(SIGNATURE_H * sw_px / sh_px, width)
    sh = sw * sh_px / sw_px
    # laid on the paper with its transparency, as the logo is (a soft mask, lossless; CMYK in print)
    image = ctx.prepare_image(owner.signature, sw, sh, owner.field_pos.get("signature"),
                              ground=ctx.styles.theme.colour("paper"))
    return Signature(image, x, sw, sh)


def signature_row(ctx: LayoutContext, signatories: list[Signatory], x: float, width: float,
                  right: float = 0.0) -> Signatories:
    """The signers' signatures, names and roles side by side in `width` from `x` (`right`: what the
    frame has right of them): under a foreword's letter, and a text's signatures block."""
    loc = ctx.locale
    column = (width - GUTTER * (len(signatories) - 1)) / len(signatories)
    band = SIGNATURE_H if any(s.signature for s in signatories) else NO_SIGNATURE_H
    columns = []
    for person in signatories:
        texts = [Paragraph(f"<b>{rl_plain(person.name, loc)}</b>", _unbroken(ctx, "body", alignment=TA_LEFT,
                                                                             spaceAfter=0))]
        if person.role:
            texts.append(Paragraph(rl_plain(person.role, loc), _unbroken(ctx, "small")))
        columns.append((_signature(ctx, person, 0, column) if person.signature else None, texts))
    return Signatories(columns, x, band, right)


def layout(ctx: LayoutContext, section: ForewordSection, index: int) -> list[Any]:
    st, loc = ctx.styles, ctx.locale
    x = st.theme.page.text_offset * MM
    story = heading(ctx, section.title, section.kicker, f"{index}-{section.title}")
    pw = max(20 * MM, x - GUTTER)
    if section.signatories:
        portraits = [_portrait(ctx, p, pw, _who(ctx, p)) for p in section.signatories if p.portrait]
    else:  # one author: the name stands under the signature beside the only portrait
        portraits = [_portrait(ctx, section, pw)]
    if portraits:
        story.append(MarginPortrait(portraits))
    right = letter_right(ctx)  # on a wide page the letter keeps to a column's measure
    body = st.para("body", leftIndent=x, rightIndent=right)
    # a paragraph set with emergency stretch says so, at its item (as body text does)
    at = section.items_pos.get("paragraphs") or []
    letter = [Paragraph(rl_markup(text, loc, refs=ctx.refs), body, source=at[i] if i < len(at) else section.pos,
                        notes=st.notes) for i, text in enumerate(section.paragraphs)]
    if section.salutation:  # its own line, ragged, the paragraphs' space under it
        letter.insert(0, Paragraph(rl_plain(section.salutation, loc), st.para("body", leftIndent=x, rightIndent=right,
                                                                              alignment=TA_LEFT)))
    ending: list[Any] = [Paragraph(rl_plain(section.closing, loc), st.para("body", leftIndent=x, rightIndent=right,
                                                                          alignment=TA_LEFT, spaceAfter=2 * MM))]
    if section.signatories:
        ending.append(signature_row(ctx, section.signatories, x, letter_width(ctx), right))
        return story + _closed(ctx, letter, ending)
    if section.signature:
        ending.append(_signature(ctx, section, x, letter_width(ctx)))
    else:
        ending.append(Spacer(0, NO_SIGNATURE_H))
    ending.append(Paragraph(f"<b>{rl_plain(section.name, loc)}</b>",
                            st.para("body", leftIndent=x, rightIndent=right, alignment=TA_LEFT, spaceAfter=0)))
    if section.role:
        ending.append(Paragraph(rl_plain(section.role, loc), st.para("small", leftIndent=x, rightIndent=right)))
    return story + _closed(ctx, letter, ending)


def _closed(ctx: LayoutContext, letter: list[Any], ending: list[Any]) -> list[Any]:
    """The letter's paragraphs, then its closing and signatures kept together: where these do not fit
    under the letter, LINES_WITH_CLOSING lines of it go over with them (a closing and signatures alone
    at the head of a page read as a page of their own)."""
    leading = ctx.styles.theme.sizes.leading
    tail = letter[-TAIL_ITEMS:]
    closing = Stack(ending, text_frame_height(ctx.geometry, ctx.styles.theme.page), whole=True)  # moves on whole
    return [*letter[:len(letter) - len(tail)],
            SectionEnd([*tail, closing], leading, anchored=len(tail) == len(letter),
                       lines_with_last=LINES_WITH_CLOSING)]
