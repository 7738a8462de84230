"""Images the print edition converts to CMYK stay within the ink limit the preflight checks, and the
build's quick ink estimate sees them as `report preflight` (rendered with Ghostscript) does.

A US user's RGB PNG with near-black (20, 20, 20) shapes on white: the profile makes that black
295 % CMYK, and the JPEG of the converted image rang at the shapes' edges up to 306 %. The build said
"preflight passed" (its estimate read no image at all: reportlab writes `/Filter [/DCTDecode]`),
and `report preflight` failed the file at 302 %."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image, ImageDraw

from report.build import build
from report.colours import max_ink
from report.preflight import preflight

from .conftest import require_tool, set_sections

SECTION = """kind: text
title: Drehgestelle
blocks:
  - paragraph: Das neue Drehgestell in der Zeichnung.
  - image: {image: images/bogie.png, width: 25, alt: Zeichnung eines Drehgestells, caption: Das Drehgestell.}
"""


def _drawing(path) -> None:
    """Near-black shapes and lines with hard edges on white (RGB, no profile), over 450 ppi at 25 %
    of the text width: resampled to 300 ppi, as the user's was."""
    im = Image.new("RGB", (900, 600), "white")
    draw = ImageDraw.Draw(im)
    draw.rectangle((90, 90, 420, 510), fill=(20, 20, 20))
    draw.ellipse((480, 120, 810, 450), fill=(20, 20, 20))
    for i in range(8):
        draw.line((60, 540 + i * 6, 840, 540 + i * 6), fill=(20, 20, 20), width=3)
    im.save(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from .conftest import ASSETS, SAMPLE_CONTENT
    root = tmp_path_factory.mktemp("ink")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    _drawing(root / "assets" / "images" / "bogie.png")
    set_sections(root / "content", {"sections/bogie.yaml": SECTION})
    return build(root / "content", root / "out", ["print"])


def _drawing_ink(path) -> float:
    """The most ink of the drawing as embedded (the cover photo is the print edition's other image)."""
    with pikepdf.open(path) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
                  and int(o.Width) < 900]
        assert len(images) == 1 and list(images[0].Filter) == ["/DCTDecode"]
        assert list(images[0].Decode) == [1, 0] * 4  # Adobe's polarity, which Pillow reads in
        with Image.open(io.BytesIO(images[0].read_raw_bytes())) as im:
            return max_ink(im)


def _ink(report) -> str:
    return next(f for f in report.findings if f.check == "ink").message


def test_converted_image_stays_within_the_ink_limit_and_both_checks_pass(built):
    path = built.outputs[0].path
    assert 290 < _drawing_ink(path) <= 300  # the black kept (295 % from the profile), the JPEG's ringing not
    assert built.preflight is not None and not built.preflight.failed, built.preflight.format()
    require_tool("gs", "ghostscript")
    full = preflight(path, render=True)
    assert not full.failed, full.format()
    assert "rendered with Ghostscript" in _ink(full)


def test_the_builds_estimate_reads_the_converted_images(built):
    """The estimate names the drawing's ink (the sample's colours and cover photo stay below 290 %)."""
    estimate = _ink(built.preflight)
    assert "from the colours and images used" in estimate
    worst = float(estimate.split("at most ")[1].split(" %")[0])
    assert worst == pytest.approx(_drawing_ink(built.outputs[0].path), abs=0.5)
