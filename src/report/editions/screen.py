"""The screen edition: trim size, RGB, images downsampled for mail and mobile data."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf

from ..assets import to_rgb, to_rgba
from ..cache import Cache, file_digest, key
from ..clock import build_time
from ..errors import Diagnostic, Pos
from ..layout.templates import Geometry
from ..theme import Theme
from . import MIN_PPI_ERROR, MIN_PPI_WARN, Edition, SoftMasked, flattened, placed_ppi

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

    def prepare_image(self, path: Path, width: float, height: float, at: Pos | None = None,
                      ground: Any = None, over_photo: bool = False) -> Any:
        if ground is not None and not over_photo:  # a logo: JPEG has no transparency
            path = flattened(path, ground)
        ppi, placed = placed_ppi(path, width, height)
        if ppi + 0.5 < MIN_PPI_ERROR:  # said here too: `--edition screen` and `report watch` build no print
            self.warnings.append(Diagnostic(
                f"image {path.name} has only {ppi:.0f} ppi at its placed size of {placed}: the print "
                f"edition refuses it", at or Pos(path),
                f"print needs {MIN_PPI_WARN} ppi: supply at least {round(width / 72 * MIN_PPI_WARN)} × "
                f"{round(height / 72 * MIN_PPI_WARN)} pixels", "warning"))
        if ground is not None and over_photo:  # a logo on a photo, which its transparent parts show
            return _soft_masked(path, width, height)

        def convert() -> bytes:
            from PIL import Image
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
        icc = pdf.make_stream(srgb_profile(self.cache))
        icc.N = 3
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier="sRGB",
            Info="sRGB IEC61966-2.1", RegistryName="http://www.color.org", DestOutputProfile=icc)])


def _soft_masked(path: Path, width: float, height: float) -> SoftMasked:
    """A raster logo in sRGB at most SCREEN_PPI at its placed size, its alpha channel as a soft mask."""
    from PIL import Image
    with Image.open(path) as im:
        im = to_rgba(im)
    target = (max(1, round(width / 72 * SCREEN_PPI)), max(1, round(height / 72 * SCREEN_PPI)))
    if im.width > target[0] or im.height > target[1]:
        im = im.resize(target, Image.LANCZOS)  # RGBA: Pillow resamples with premultiplied alpha
    if im.mode != "RGBA":
        return SoftMasked(im.convert("RGB"))
    return SoftMasked(im.convert("RGB"), im.getchannel("A"))


def srgb_profile(cache: Cache | None = None) -> bytes:
    """Pillow's built-in sRGB profile, with the header's creation date set to the build date
    (LittleCMS stamps 'now' into bytes 24–35, which would make every build differ). Kept in
    `cache` by Pillow's version: a rebuild of the screen edition then does not import Pillow."""
    store = cache or Cache(enabled=False)
    k = key("srgb profile", _pillow_version())
    kept = store.get("icc", k, valid=_is_icc)
    if kept is None:
        from PIL import ImageCms
        kept = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        store.put("icc", k, kept)
    data = bytearray(kept)
    t = build_time()
    data[24:36] = struct.pack(">6H", t.year, t.month, t.day, t.hour, t.minute, t.second)
    return bytes(data)


def _pillow_version() -> str:
    """Pillow's version file, by its bytes: found without importing Pillow."""
    from importlib.util import find_spec
    spec = find_spec("PIL")
    return file_digest(Path(next(iter(spec.submodule_search_locations))) / "_version.py") if spec else ""


def _is_icc(data: bytes) -> bool:
    """An ICC profile: its header names its size and carries the signature 'acsp'."""
    return len(data) >= 128 and data[36:40] == b"acsp" and struct.unpack(">I", data[:4])[0] == len(data)
