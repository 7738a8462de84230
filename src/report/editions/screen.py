"""The screen edition: trim size, RGB, images downsampled for mail and mobile data."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from PIL import Image, ImageCms

from ..assets import to_rgb
from ..clock import build_time
from ..layout.templates import Geometry
from ..theme import Theme
from . import Edition

SCREEN_PPI = 150
JPEG_QUALITY = 80


@dataclass(frozen=True)
class ScreenEdition(Edition):
    name: str = "screen"
    colour_mode: str = "rgb"
    bleed_mm: float = 0.0
    slug_mm: float = 0.0
    tagged: bool = True  # accessible: structure tree, alt texts, artifacts (see report.tagging)
    rendition: str = "screen"  # preflight recognises it and names the print file instead

    def prepare_image(self, path: Path, width: float, height: float) -> Any:
        def convert() -> bytes:
            with Image.open(path) as im:
                target = (max(1, round(width / 72 * SCREEN_PPI)), max(1, round(height / 72 * SCREEN_PPI)))
                im = to_rgb(im)
                if im.width > target[0] or im.height > target[1]:
                    im = im.resize(target, Image.LANCZOS)
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return buf.getvalue()
        return self.cached_image(path, width, height, convert)

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines  # bookmarks panel open
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
        # colours are sRGB: say so with an sRGB output intent (Pillow's built-in profile, no licence issue)
        icc = pdf.make_stream(srgb_profile())
        icc.N = 3
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier="sRGB",
            Info="sRGB IEC61966-2.1", RegistryName="http://www.color.org", DestOutputProfile=icc)])


def srgb_profile() -> bytes:
    """Pillow's built-in sRGB profile, with the header's creation date set to the build date
    (LittleCMS stamps 'now' into bytes 24–35, which would make every build differ)."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    t = build_time()
    data[24:36] = struct.pack(">6H", t.year, t.month, t.day, t.hour, t.minute, t.second)
    return bytes(data)
