"""The screen edition: trim size, RGB, images downsampled for mail and mobile data."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pikepdf

from ..assets import shown_size, to_rgb
from ..cache import Cache, file_digest, key
from ..clock import build_time
from ..errors import Diagnostic, Pos
from ..layout.templates import Geometry
from ..theme import Theme
from . import MIN_PPI_ERROR, MIN_PPI_WARN, Crop, Edition, SoftMasked, cropped, placed_ppi, soft_masked

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
    mirrored: bool = False  # read a page at a time: the text stands still, every page with recto margins

    def prepare_image(self, path: Path, width: float, height: float, at: Pos | None = None,
                      ground: Any = None, crop: Crop | None = None) -> Any:
        ppi, placed = placed_ppi(path, width, height)
        if ppi + 0.5 < MIN_PPI_ERROR:  # said here too: `--edition screen` and `report watch` build no print
            self.warnings.append(Diagnostic(
                f"image {self.shown(path)} has only {ppi:.0f} ppi at its placed size of {placed}: the print "
                f"edition refuses it", at or Pos(path),
                f"print needs {MIN_PPI_WARN} ppi: supply at least {round(width / 72 * MIN_PPI_WARN)} × "
                f"{round(height / 72 * MIN_PPI_WARN)} pixels", "warning"))
        target = (max(1, round(width / 72 * SCREEN_PPI)), max(1, round(height / 72 * SCREEN_PPI)))
        if ground is not None:  # a logo, a signature: JPEG has no transparency; lossless with a soft mask
            w_px, h_px = shown_size(path)
            size = target if w_px > target[0] or h_px > target[1] else None
            return SoftMasked(*masked_rgb(path, file_digest(path), size, tuple(ground.rgb_floats)))

        def convert() -> bytes:
            from PIL import Image
            with Image.open(path) as im:
                im = cropped(to_rgb(im), crop)
                left, t, r, b = crop or (0.0, 0.0, 1.0, 1.0)
                seen = (max(1, round(target[0] * (r - left))), max(1, round(target[1] * (b - t))))
                if im.width > seen[0] or im.height > seen[1]:
                    im = im.resize(seen, Image.LANCZOS)
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
            return buf.getvalue()
        return self.cached_image(path, width, height, convert, crop=crop)

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines  # bookmarks panel open
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
        # colours are sRGB: say so with an sRGB output intent (Pillow's built-in profile, no licence issue)
        icc = pdf.make_stream(srgb_profile(self.cache))
        icc.N = 3
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier="sRGB",
            Info="sRGB IEC61966-2.1", RegistryName="http://www.color.org", DestOutputProfile=icc)])


@lru_cache(maxsize=8)
def masked_rgb(path: Path, digest: str, size: tuple[int, int] | None,
               ground: tuple[float, ...]) -> tuple[Any, Any]:
    """An image with transparency (a raster logo, a signature) in sRGB, `size` resampled to it, and
    its alpha channel as the soft mask (see soft_masked); `ground`: the colour it sits on (sRGB 0–1).
    `digest`: the file's contents, so an edited file is converted again."""
    return soft_masked(path, size, tuple(round(v * 255) for v in ground))


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
