"""Total area coverage (ink): the most ink any spot inside the trim gets, per page, against the profile.

With Ghostscript on the machine the pages are rendered in CMYK (overprint simulated, cropped to the
TrimBox) and the darkest pixel counts; without it, the colours the content paints and the CMYK
images it places give the same number for flat colour and images, though not where overprinting
objects stack.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from ..colours import max_ink
from .findings import FAIL, PASS, WARN, Finding, Profile
from .walk import Event, ImageInfo, Malformed, _filters, base_family

RESOLUTION = 50  # dpi: fine enough for any area a shop cares about (0.5 mm), fast (0.1 s a page)
GS_TIMEOUT = 120  # s
MAX_IMAGE_PIXELS = 40_000_000  # larger images are sampled through Pillow's draft mode


def coverage(data: bytes, events: list[Event], profile: Profile, trimmed: set[int], render: bool = True) -> Finding:
    """Pages outside `trimmed` (no TrimBox) are left to the trim box check. render=False: measure
    from the content (also for a file the content walk gave up on: not handed to Ghostscript)."""
    measured = _ghostscript(data) if render else None
    how = "rendered with Ghostscript"
    if measured is None:
        measured, how = _from_content(events), "from the colours and images used"
    measured = {p: v for p, v in measured.items() if p in trimmed}
    if not trimmed:
        return Finding("ink", WARN, "no page has a TrimBox: total ink inside the trim cannot be judged")
    if not measured:
        return Finding("ink", WARN, "total ink coverage could not be measured")
    over = [p for p, v in measured.items() if v > profile.max_ink + 0.5]  # 8-bit rounding: 300 reads 300.4
    worst = max(measured.values())
    if over:
        return Finding("ink", FAIL, f"total ink {worst:.0f} % inside the trim exceeds {profile.max_ink:.0f} %: "
                       "ink sets off and dries slowly", over)
    return Finding("ink", PASS, f"total ink at most {worst:.0f} % (limit {profile.max_ink:.0f} %, {how})")


def _ghostscript(data: bytes) -> dict[int, float] | None:
    gs = shutil.which("gs")
    if gs is None:
        return None
    with tempfile.TemporaryDirectory(prefix="report-ink-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        cmd = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNOINTERPOLATE", "-sDEVICE=tiff32nc",
               f"-r{RESOLUTION}", "-dUseTrimBox", "-dOverprint=/simulate",
               f"-sOutputFile={tmp}/p%05d.tif", str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=GS_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        out = {}
        for path in sorted(Path(tmp).glob("p*.tif")):
            with Image.open(path) as im:
                if im.mode != "CMYK":
                    return None
                out[int(path.stem[1:])] = max_ink(im)
        return out or None


def _from_content(events: list[Event]) -> dict[int, float]:
    out: dict[int, float] = {}
    for e in events:
        value = 0.0
        if e.kind == "paint" and e.where != "stroke" and e.paint and base_family(e.paint.space) == "cmyk" \
                and len(e.paint.values) == 4:
            value = sum(e.paint.values) * 100
        elif e.kind == "image" and e.op == "Do":
            value = _image_ink(e.obj)
        out[e.page] = max(out.get(e.page, 0.0), value)
    return out


def _image_ink(image: object) -> float:
    """The most ink of a DeviceCMYK JPEG image (what print PDFs carry: `/Filter /DCTDecode`, or
    `[/DCTDecode]` as reportlab writes it); other images count 0."""
    if isinstance(image, ImageInfo):
        return image.ink
    try:
        if image.get("/ColorSpace") != "/DeviceCMYK" or _filters(image) not in (["/DCTDecode"], ["/DCT"]):
            return 0.0
        decode = image.get("/Decode")
        adobe = decode is not None and [float(v) for v in decode] == [1, 0] * 4
        with Image.open(io.BytesIO(image.read_raw_bytes())) as im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                im.draft("CMYK", (im.width // 8, im.height // 8))
            # Pillow reads every CMYK JPEG in Adobe's polarity (its samples inverted): the ink a PDF
            # prints with /Decode [1 0 1 0 1 0 1 0]; without it, the PDF prints the samples as stored
            # (as Ghostscript renders them), which is Pillow's inverted
            return max_ink(im if im.mode == "CMYK" else im.convert("CMYK"), inverted=not adobe)
    except (OSError, ValueError, TypeError, Malformed, Image.DecompressionBombError):
        return 0.0
