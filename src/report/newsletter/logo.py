"""The logo for the e-mail teaser: a PNG (mail clients show no SVG or PDF), drawn from the theme's
logo through a one-page PDF and pdfium, so that SVG, PDF and PNG logos all arrive the same way."""

from __future__ import annotations

import io
from pathlib import Path

from ..model import Document
from ..output import write_atomic

MAIL_WIDTH = 160  # CSS px in the teaser's header
FILE = f"logo-{MAIL_WIDTH * 2}.png"  # twice the pixels for high-density screens


def mail_logo(doc: Document) -> tuple[str, str] | None:
    """(file name, alt text) of the teaser's logo, or None when the theme has no logo."""
    from ..theme import load_theme
    theme, _ = load_theme(doc.content_dir, doc.assets_dir)
    if theme.logo is None:
        return None
    return FILE, theme.logo.alt or doc.report.organisation


def write_mail_logo(doc: Document, folder: Path) -> list[Path]:
    """Write the teaser's logo PNG (the light version on the header's colour, else the logo on a plate)."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    from ..editions.screen import ScreenEdition
    from ..layout.logo import Brand, draw_logo
    from ..layout.styles import Styles, register_fonts
    from ..logo import logo_files
    from ..theme import load_theme
    theme, fonts = load_theme(doc.content_dir, doc.assets_dir)
    if theme.logo is None:
        return []
    art, negative = logo_files(theme.logo, doc.assets_dir)
    brand = Brand(theme.logo, art, negative, theme.logo.alt or doc.report.organisation)
    styles = Styles(theme, doc.locale(), "rgb", register_fonts(fonts))
    shown, plate = brand.art_on(True)
    width = 120.0
    height = width * shown.ratio
    pad = brand.spec.clear_space * height if plate else 0.0
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(width + 2 * pad, height + 2 * pad), invariant=1)
    canv.setFillColor(styles.colour("primary"))
    canv.rect(0, 0, width + 2 * pad, height + 2 * pad, stroke=0, fill=1)
    draw_logo(canv, brand, styles, pad, pad, width, dark="primary", prepare_image=ScreenEdition().prepare_image,
              tagged=False)
    canv.save()
    pdf = pdfium.PdfDocument(buf.getvalue())
    try:
        page = pdf[0]
        image = page.render(scale=MAIL_WIDTH * 2 / page.get_width()).to_pil().convert("RGB")
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    path = folder / FILE
    write_atomic(path, out.getvalue())
    return [path]
