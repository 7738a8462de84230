"""Overprint only where meant: 100 % K text fills overprint, nothing else does — checked as a print
shop does, by rendering every page with Ghostscript with overprint simulated and with overprint off
and comparing the CMYK pixels."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image

from report.editions.print import KNOCKOUT, OVERPRINT

from .conftest import require_tool


def render_cmyk(pdf: Path, overprint: str, out: Path) -> list[np.ndarray]:
    gs = require_tool("gs", "ghostscript")
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", "-r100",
                    f"-dOverprint=/{overprint}", "-dUseTrimBox", f"-sOutputFile={out}/p%03d.tif", str(pdf)],
                   check=True, capture_output=True, timeout=120)
    return [np.asarray(Image.open(p)) for p in sorted(out.glob("p*.tif"))]


def stray_overprint(pdf: Path, tmp: Path) -> dict[int, int]:
    """Per page, the pixels that overprinting changes although they are not 100 % K (text) ink."""
    on = render_cmyk(pdf, "simulate", tmp / "on")
    off = render_cmyk(pdf, "disable", tmp / "off")
    assert len(on) == len(off) > 0
    out = {}
    for n, (a, b) in enumerate(zip(on, off, strict=True), start=1):
        changed = np.any(a != b, axis=2)
        black_text = (b[..., 3] == 255) & (a[..., 3] == 255)  # 100 % K in both: black text over colour
        out[n] = int(np.count_nonzero(changed & ~black_text))
    return out


def test_only_black_text_overprints(print_pdf, tmp_path):
    assert stray_overprint(print_pdf, tmp_path) == dict.fromkeys(range(1, 9), 0)


def test_black_text_does_overprint_coloured_backgrounds(print_pdf, tmp_path):
    """The sample's key-figure tiles and quotes sit on tints: black text there keeps the tint below."""
    on = render_cmyk(print_pdf, "simulate", tmp_path / "on")
    off = render_cmyk(print_pdf, "disable", tmp_path / "off")
    assert sum(int(np.count_nonzero(np.any(a != b, axis=2))) for a, b in zip(on, off, strict=True)) > 0


def test_the_pixel_check_catches_a_stray_overprint(print_pdf, tmp_path):
    """A 20 % K shape set to overprint over a coloured one (the old bug's kind) is caught."""
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.pages[3]
        page.obj.Resources.ExtGState["/GSstray"] = pikepdf.Dictionary(op=True, OP=True, OPM=1)
        page.contents_add(pdf.make_stream(b"q 1 .6 .1 .3 k 100 100 100 100 re f "
                                          b"/GSstray gs 0 0 0 .2 k 120 120 50 50 re f Q"), prepend=False)
        broken = tmp_path / "broken.pdf"
        pdf.save(broken)
    assert stray_overprint(broken, tmp_path / "check")[4] > 1000


def test_overprint_states_fill_only(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        for page in pdf.pages:
            states = page.obj.Resources.get("/ExtGState", {})
            if OVERPRINT in states:
                assert states[OVERPRINT].op is True and states[OVERPRINT].OP is False and states[OVERPRINT].OPM == 1
                assert states[KNOCKOUT].op is False and states[KNOCKOUT].OP is False


def test_independent_ghostscript_ink_check(print_pdf, tmp_path):
    """Total ink inside the trim, rendered by Ghostscript with overprint: at most 300 % (FOGRA39)."""
    worst = max(int(p.astype(np.uint16).sum(axis=2).max()) for p in render_cmyk(print_pdf, "simulate", tmp_path))
    assert worst <= 300 * 255 / 100 + 2


def test_pages_with_transparency_blend_in_cmyk(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        groups = [p.obj.get("/Group") for p in pdf.pages]
    used = [g for g in groups if g is not None]
    assert used, "the sample's charts use transparency"
    assert all(g.S == "/Transparency" and g.CS == "/DeviceCMYK" for g in used)

