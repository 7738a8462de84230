"""Render: document + charts + edition → PDF bytes (reportlab), before finishing."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError

from .charts import ChartDrawing
from .clock import reproducible
from .editions import Edition
from .errors import Diagnostic, Pos, ReportError
from .layout import build_story, fit, pagefill
from .layout.context import LayoutContext
from .layout.logo import Brand
from .layout.refs import PageRefs
from .layout.styles import Styles, register_fonts
from .layout.templates import BlockTooLarge, Geometry, ReportDocTemplate
from .locale import Locale
from .logo import logo_files
from .markup import plain
from .model import Document
from .tagging import Tagger
from .theme import Theme


def metadata(doc: Document, locale: Locale) -> dict[str, str]:
    """The document's words outside its pages and on every page, set as on the cover (2024--25 → 2024–25)."""
    rep, line = doc.report, locale.one_line
    return {"title": line(rep.title), "author": line(rep.author), "subject": line(rep.subject),
            "keywords": ", ".join(line(k) for k in rep.keywords), "lang": rep.language,
            "running_head": rep.with_organisation(" · ", line),
            "description": line(plain(rep.lead)), "id": f"{rep.name}:{rep.year}"}


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    geometry: Geometry
    tagger: Tagger | None = None  # the structure recorded while drawing (tagged editions)
    padded: list[tuple[int, str]] = field(default_factory=list)  # pages added for the binding (layout.padding)
    forms: dict[str, Any] = field(default_factory=dict)  # PDF logos painted, by resource name (see finish)
    cover: CoverSpread | None = None  # perfect binding: the covers, printed apart (the PDF is the text block)


@dataclass
class CoverSpread:
    """A perfect-bound edition's cover: back cover, spine, front cover on one page (layout.spread)."""

    rendered: Rendered
    edition: Edition  # what it is finished with: its own file name, slug line and document ID
    spine: str  # its width and how it came about, for the build's output


def brand_for(doc: Document, theme: Theme) -> Brand | None:
    """The theme's logo, loaded (checked when the theme loaded)."""
    if theme.logo is None:
        return None
    art, negative = logo_files(theme.logo, doc.assets_dir)
    return Brand(theme.logo, art, negative, theme.logo.alt or doc.report.organisation)


def render(doc: Document, theme: Theme, fonts: dict[str, Path], charts: dict[str, ChartDrawing],
           edition: Edition, locale: Locale, contents_seed: Any = None) -> Rendered:
    """`contents_seed`: a layout.contents.SeedSlot, the previous build's contents lines (sub-headings
    listed in the contents are drawn in the first pass, not found in it) and the pages its
    cross-references named (the numbers they print in the first pass)."""
    with collector_paused():  # (on again once the layout's objects are freed: _render has returned)
        return _render(doc, theme, fonts, charts, edition, locale, contents_seed)


def _render(doc: Document, theme: Theme, fonts: dict[str, Path], charts: dict[str, ChartDrawing],
            edition: Edition, locale: Locale, contents_seed: Any) -> Rendered:
    styles = Styles(theme, locale, edition.colour_mode, register_fonts(fonts),
                    hyphenation=tuple(doc.report.hyphenation))
    geometry = edition.geometry(theme.page.trim)
    buf = io.BytesIO()
    tagger = Tagger(doc.report.language) if edition.tagged else None
    brand = brand_for(doc, theme)
    meta = metadata(doc, locale)
    template = ReportDocTemplate(buf, geometry, styles, meta, page_hook=edition.page_hook,
                                 tagger=tagger, invariant=1 if reproducible() else 0,
                                 first="right" if edition.cover_apart else "cover")
    refs = PageRefs(doc.refs, contents_seed, edition.links) if doc.refs and doc.refs.targets else None
    ctx = LayoutContext(doc=doc, styles=styles, locale=locale, geometry=geometry, charts=charts,
                        prepare_image=edition.prepare_image, text_width=theme.page.text_width,
                        page_multiple=edition.page_multiple, contents_seed=contents_seed, brand=brand, refs=refs,
                        covers=not edition.cover_apart)
    template.brand, template.prepare_image = brand, edition.prepare_image
    template.padded = ctx.padded  # filled by layout.padding before the pages it adds begin
    fit.check(ctx, meta["running_head"])  # lines too wide for the page: errors before drawing
    with _binary_streams():
        try:
            story = build_story(ctx)
            if refs is not None:  # a page number that differs from its target's page: the story is built again
                refs.follow(story, lambda: build_story(ctx))
            template.multiBuild(story)
        except BlockTooLarge as exc:  # said more precisely where the layout knew why (a chart too tall)
            said = [d for d in dict.fromkeys(styles.notes) if d.severity == "error"]
            raise ReportError(said or [too_large(exc.pos)]) from None
        except LayoutError:  # outside any content block: still the user's content, never a traceback
            raise ReportError([too_large(None)]) from None
        # the covers once the text block is laid out: the spine is as thick as it, the back cover's
        # image credits name its pages
        cover = cover_spread(ctx, edition, meta, template.page) if edition.cover_apart else None
    # sections ending a few lines into a page, and pages ending short in a section (the last pass's)
    styles.notes.extend(pagefill.notes(ctx, edition.name, template.page_blocks))
    styles.notes.extend(pagefill.short_pages(ctx, template.page_room, template.page_blocks, edition.name))
    styles.notes.extend(refs.notes() if refs is not None else [])  # page numbers that did not settle
    edition.warnings.extend(dict.fromkeys(styles.notes))  # each pass sets the text again: one note each
    errors = [d for d in dict.fromkeys(edition.warnings) if d.severity == "error"]
    if errors:  # found while laying out (an image too coarse for print): all of them, after the layout
        raise ReportError(errors)
    return Rendered(buf.getvalue(), template.page, geometry, tagger, list(ctx.padded), brand.forms if brand else {},
                    cover)


def cover_spread(ctx: LayoutContext, edition: Edition, meta: dict[str, str], pages: int) -> CoverSpread:
    """The back cover, the spine for a text block of `pages` pages and the front cover, on one page."""
    from .layout import spread
    spine = spread.spine_for(ctx.doc.report, pages)
    geometry = spread.spread_geometry(ctx.geometry, spine.mm)
    own = edition.for_cover(ctx.doc, ctx.locale.label("spine_slug").format(mm=ctx.locale.number(spine.mm),
                                                                             pages=pages))
    buf = io.BytesIO()
    template = spread.SpreadTemplate(buf, geometry, ctx, spine, meta, page_hook=own.page_hook,
                                     invariant=1 if reproducible() else 0)
    template.brand, template.prepare_image = ctx.brand, edition.prepare_image
    try:
        template.build(spread.layout(ctx))
    except LayoutError:  # the imprint too long for the back cover
        raise ReportError([too_large(ctx.doc.report.contact.pos)]) from None
    edition.warnings.extend(spread.spine_findings(ctx, spine, template.spine_text))
    return CoverSpread(Rendered(buf.getvalue(), 1, geometry, forms=ctx.brand.forms if ctx.brand else {}), own,
                       spine.describe())


def too_large(pos: Pos | None) -> Diagnostic:
    return Diagnostic("this block does not fit on a page and cannot be split", pos or Pos(),
                      "shorten it, or split it into several blocks (a long quote into a quote and paragraphs)")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an edition is laid out and drawn, on again after it (as it
    was). The layout makes hundreds of thousands of objects that live as long as it does (frags,
    lines, flowables, PDF operators), and every young-generation collection walked those made since the
    last: ~0.1 s of a 183-page edition's ~1.2 s, for the few cycles it makes (the drawing hooks of
    text objects, the largest, are undone as each paragraph is drawn: layout/text.py). Left for the
    collector after the layout: ~3 MiB at 183 pages. `render` turns it on once the layout's objects
    are freed (else the first collection after it walked them all)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """reportlab wraps images in ASCII85 by default (+25 % size): a PDF is binary anyway."""
    old, rl_config.useA85 = rl_config.useA85, 0
    try:
        yield
    finally:
        rl_config.useA85 = old
