"""Helpers for the hostile-content tests: throw-away projects, edits, and the diagnostics of a load."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

from report.content import load_document
from report.errors import Diagnostic, ReportError

from .conftest import ASSETS, SAMPLE_CONTENT


def make_project(root: Path, *, images: bool = True) -> Path:
    """A copy of the sample content with a real assets/images folder (tests may add files to it);
    returns the content folder. Fonts are not copied: loading content does not need them."""
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    if images:
        shutil.copytree(ASSETS / "images", root / "assets" / "images")
    return root / "content"


def edit(content: Path, rel: str, old: str, new: str) -> None:
    """Replace one exact piece of a content file (fails loudly if the sample changed)."""
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(content: Path, rel: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for no, line in enumerate((content / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return no
    raise AssertionError(f"{needle!r} not in {rel}")


def diagnostics(content: Path) -> list[Diagnostic]:
    """The errors of loading a content folder (asserts that loading fails)."""
    try:
        load_document(content)
    except ReportError as exc:
        assert exc.diagnostics, "ReportError without diagnostics"
        return exc.diagnostics
    raise AssertionError("the content loaded without errors")


def only(diags: list[Diagnostic]) -> Diagnostic:
    assert len(diags) == 1, "\n".join(d.format() for d in diags)
    return diags[0]


def at(diag: Diagnostic, file: str, line: int, col: int | None = None) -> None:
    """Assert a diagnostic points at file (name or path ending) and line (and column)."""
    assert diag.pos.file is not None and str(diag.pos.file).replace("\\", "/").endswith(file), diag.format()
    assert diag.pos.line == line, diag.format()
    if col is not None:
        assert diag.pos.col == col, diag.format()


def png_bytes(width: int, height: int, *, idat: bytes | None = None, bit_depth: int = 1) -> bytes:
    """A PNG claiming width × height (greyscale). Without idat, the rows are all zero and compress
    to almost nothing, streamed so that even a 20000 × 20000 bomb costs only a few MB to make."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    if idat is None:
        row = b"\x00" * (1 + (width * bit_depth + 7) // 8)
        comp = zlib.compressobj(9)
        idat = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
