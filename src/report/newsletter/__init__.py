"""The newsletter kit: cover thumbnails from the screen PDF, an e-mail-safe HTML teaser and its
plain-text twin. Everything a mailing tool needs; nothing is sent from here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, ReportError
from ..model import Document
from ..output import write_atomic
from .logo import write_mail_logo
from .teaser import teaser_html, teaser_text

THUMB_WIDTHS = (600, 1200)  # px: normal and high-density screens


@dataclass
class Kit:
    folder: Path
    files: list[Path]


def thumbnails(pdf_path: Path, folder: Path) -> list[Path]:
    import io

    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[0]
        out = []
        for width in THUMB_WIDTHS:
            image = page.render(scale=width / page.get_width()).to_pil().convert("RGB")
            buf = io.BytesIO()
            image.save(buf, "PNG", optimize=True)
            path = folder / f"cover-{width}.png"
            write_atomic(path, buf.getvalue())
            out.append(path)
        return out
    finally:
        pdf.close()


def require_newsletter(doc: Document) -> None:
    """Raise before anything is built or written when the kit cannot be made."""
    if doc.report.newsletter is None:
        raise ReportError([Diagnostic("report.yaml has no 'newsletter:' block", doc.report.pos,
                                      "add a block like 'newsletter: {pdf_url: https://…/review-screen.pdf, "
                                      "sender: Your organisation, button: Read the review (PDF)}' (more keys: "
                                      "README, 'The screen edition and the newsletter kit')")])


def make_kit(doc: Document, screen_pdf: Path, out_dir: Path, written: list[Path] | None = None) -> Kit:
    """Write the kit; `written` (if given) receives each file once it is complete, so that a caller
    can say exactly what a failure left behind."""
    require_newsletter(doc)
    done = written if written is not None else []
    folder = out_dir / "newsletter"
    locale = doc.locale()
    done += thumbnails(screen_pdf, folder)
    html = folder / "teaser.html"
    text = folder / "teaser.txt"
    # the teaser shows the cover 260 px wide: 600 px serve screens of twice the density (1200 px would
    # quadruple the mail's weight for nothing)
    write_atomic(html, teaser_html(doc, locale, f"cover-{THUMB_WIDTHS[0]}.png").encode("utf-8"))
    done.append(html)
    write_atomic(text, teaser_text(doc, locale).encode("utf-8"))
    done.append(text)
    done += write_mail_logo(doc, folder)  # the teaser's header shows it when the theme has a logo
    return Kit(folder, list(done))
