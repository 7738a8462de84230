"""Preflight: check any PDF against what a print shop's PDF/X-4 profile checks.

Returns findings as data (check, status, message, pages); the CLI prints them as a table or JSON.
One module per family of checks: document (version, output intent, XMP, page count, annotations),
pages (boxes, fonts), content (colour spaces everywhere, overprint, transparency, images, lines,
text), ink (total area coverage). The content walk (walk.py) is bounded: a hostile file ends in
findings, never in a traceback, a hang or unbounded memory.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf

from ..errors import Diagnostic, Pos, ReportError
from . import content, document, ink, pages
from .findings import BINDINGS, DEFAULT_PROFILE, FAIL, PASS, WARN, Finding, Profile, Report, bleed_minimum
from .walk import Budget, Event, Malformed, Walker, numbers

if TYPE_CHECKING:
    from .memo import PageMemo

__all__ = ["BINDINGS", "DEFAULT_PROFILE", "FAIL", "PASS", "WARN", "Budget", "Finding", "Profile", "Report",
           "bleed_minimum", "preflight"]

MAX_FILE = 2 * 2**30  # bytes; larger files are refused before reading
HEADER_WINDOW = 1024  # ISO 32000 §7.5.2 lets readers find %PDF- within the first 1024 bytes

# what a check may meet in a broken file; everything else would be a bug of ours
_BROKEN = (Malformed, pikepdf.PdfError, ValueError, TypeError, AttributeError, KeyError, IndexError,
           OverflowError, ZeroDivisionError, RecursionError)


def preflight(source: Path | bytes, profile: Profile = DEFAULT_PROFILE, budget: Budget | None = None,
              render: bool = True, walk: Callable[[Walker], list[Event]] | None = None,
              memo: PageMemo | None = None) -> Report:
    """Check a PDF (path or bytes). Raises ReportError (exit 2) when source is not a PDF at all.

    render=False measures ink from the content instead of a Ghostscript rendering (the build does
    that for its own files: a second faster, and its content has no stacked overprints beyond black).
    `walk` gives the content walk's events in page order (a walk shared with another process,
    shared.py); by default the walker walks every page here. `memo` gives the walks of pages checked
    before and keeps this file's (memo.py)."""
    name = "" if isinstance(source, bytes) else str(source)
    data = source if isinstance(source, bytes) else _read(Path(source))
    if b"%PDF-" not in data[:HEADER_WINDOW]:
        raise ReportError([Diagnostic(f"not a PDF file (it starts with {data[:8]!r})", Pos(Path(name or "<input>")),
                                      "give preflight the print edition, e.g. out/<name>-print.pdf")])
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return Report([Finding("encryption", FAIL, "the PDF is encrypted; print shops need it unencrypted")],
                      profile, name)
    except pikepdf.PdfError as exc:
        return Report([Finding("file", FAIL, f"not a readable PDF: {exc}")], profile, name)
    pikepdf_log = logging.getLogger("pikepdf")  # it logs tracebacks for XMP it cannot parse: findings here
    level = pikepdf_log.level
    pikepdf_log.setLevel(logging.CRITICAL)
    try:
        with pdf, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            findings = _check(pdf, data, profile, budget or Budget(), render, walk, memo)
            note = _guard("edition", lambda: document.screen_note(pdf, Path(name).name if name else ""))
    finally:
        pikepdf_log.setLevel(level)
    repairs = sorted({str(w.message) for w in caught})
    if repairs:  # the PDF library repaired or skipped something on the way: the file is damaged
        findings.append(Finding("repairs", WARN, f"the file needed repairs to be read: {'; '.join(repairs[:2])}"
                                [:300]))
    return Report(findings, profile, name, note if isinstance(note, str) else "")


def _read(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise ReportError([Diagnostic("not a regular file", Pos(path), "give the path of a PDF file")])
        if path.stat().st_size > MAX_FILE:
            raise ReportError([Diagnostic(f"the file is larger than {MAX_FILE // 2**30} GiB", Pos(path),
                                          "is this really a brochure?")])
        return path.read_bytes()
    except OSError as exc:
        raise ReportError([Diagnostic(f"cannot read the file: {exc.strerror}", Pos(path))]) from None


def trimmed(pdf: pikepdf.Pdf) -> set[int]:
    """Pages with a TrimBox: ink counts inside the trim; pages without one fail the trim box check."""
    return {n for n, page in enumerate(pdf.pages, start=1) if "/TrimBox" in page.obj}


def trim_boxes(pdf: pikepdf.Pdf) -> dict[int, list[float]]:
    """Each page's TrimBox where it is four numbers (the boxes check reports the rest)."""
    out = {}
    for n, page in enumerate(pdf.pages, start=1):
        box = page.obj.get("/TrimBox")
        try:
            out[n] = numbers(box, 4, "TrimBox") if box is not None else None
        except Malformed:
            out[n] = None
    return out


def _guard(check: str, run: Callable[[], object]) -> object:
    try:
        return run()
    except _BROKEN as exc:
        return [content.malformed(check, exc)]


def _check(pdf: pikepdf.Pdf, data: bytes, profile: Profile, budget: Budget, render: bool,
           walk: Callable[[Walker], list[Event]] | None = None, memo: PageMemo | None = None) -> list[Finding]:
    findings: list[Finding] = []

    def add(check: str, run: Callable[[], object]) -> None:
        result = _guard(check, run)
        findings.extend(result if isinstance(result, list) else [result])

    add("encryption", lambda: Finding("encryption", FAIL, "the PDF is encrypted") if pdf.is_encrypted
        else Finding("encryption", PASS, "not encrypted"))
    add("pdf version", lambda: document.version(pdf, data[:HEADER_WINDOW], profile))
    add("boxes", lambda: pages.boxes(pdf, profile))
    add("page count", lambda: document.page_count(pdf, profile))
    add("fonts", lambda: pages.fonts(pdf))
    walker = Walker(pdf, budget, memo)
    events: list[Event] = []
    add("structure", lambda: events.extend(walk(walker) if walk is not None else walker.events()) or [])
    colour_events = [e for e in events if e.kind == "space"]
    add("colour", lambda: content.colour(colour_events))
    add("overprint", lambda: content.overprint(events))
    add("transparency", lambda: content.transparency(events, pdf))
    add("plates", lambda: content.plates(events, profile))
    add("images", lambda: content.images(events, profile))
    add("line width", lambda: content.lines(events, profile, trim_boxes(pdf)))
    add("text size", lambda: content.text(events, profile))
    add("ink", lambda: ink.coverage(data, events, profile, trimmed(pdf), render=render and not walker.stopped))
    add("annotations", lambda: document.annotations(pdf))
    add("output intent", lambda: document.output_intent(pdf, budget))
    add("xmp", lambda: document.xmp(pdf, profile))
    add("structure", lambda: content.structure(walker))
    return findings
