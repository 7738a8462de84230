"""Editions: the same layout, finished for a purpose. Plain option data plus three hooks:
how images are prepared, what each page gets outside the layout, and PDF finishing."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib.utils import ImageReader

from .. import assets
from ..cache import Cache, code_version, file_digest, key
from ..errors import Pos
from ..layout.templates import Geometry
from ..theme import Theme

BINDING_MULTIPLE = {"saddle": 4, "perfect": 2, "none": 1}  # sheets folded once: 4 pages; glued: 2
MIN_PPI_ERROR, MIN_PPI_WARN = 150, 300  # the print edition refuses an image below, and warns below


def placed_ppi(path: Path, width: float, height: float) -> tuple[float, str]:
    """An image's resolution at a placed size of width × height points, and that size in mm."""
    w_px, h_px = assets.shown_size(path)
    return min(w_px / (width / 72), h_px / (height / 72)), f"{width / 72 * 25.4:.0f} × {height / 72 * 25.4:.0f} mm"


@dataclass(frozen=True)
class Edition:
    name: str  # also the file suffix: <name>-<edition>.pdf
    colour_mode: str  # "cmyk" or "rgb"
    bleed_mm: float
    slug_mm: float
    pdf_version: str = ""  # minimum PDF version to write ("" = whatever the content needs)
    tagged: bool = False  # write a structure tree (tagged PDF, toward PDF/UA)
    binding: str = "none"  # saddle | perfect | none: the page count's rule (print: from report.yaml)
    rendition: str = "default"  # XMP xmpMM:RenditionClass: "default" (the master for print) or "screen"
    links: bool = True  # links to click (a cross-reference's page too); on paper there are none
    mirrored: bool = True  # facing pages, margins mirrored (Geometry.mirrored); on screen every page a recto
    warnings: list = field(default_factory=list, compare=False)  # findings of prepare_image
    cache: Cache | None = field(default=None, compare=False)
    assets_dir: Path | None = field(default=None, compare=False)  # where content's image paths start

    def shown(self, path: Path) -> str:
        """An image as content names it, in messages: images/dijk.jpg, not dijk.jpg (nor the full path)."""
        try:
            return path.relative_to(self.assets_dir).as_posix() if self.assets_dir else path.name
        except ValueError:
            return path.name

    @property
    def page_multiple(self) -> int:
        """The page count must be a multiple of this, back cover last (layout.padding)."""
        return BINDING_MULTIPLE[self.binding]

    @property
    def cover_apart(self) -> bool:
        """The covers are a spread of their own, the document the text block (perfect binding: layout.spread)."""
        return self.binding == "perfect"

    def for_cover(self, doc: Any, slug: str) -> Edition:
        """The edition a cover spread (cover_apart) is drawn and finished with: its own name, hence its
        file and document ID; `slug`: what its slug line says of it (the spine)."""
        return replace(self, name=f"{self.name}-cover")

    def for_document(self, doc: Any, theme: Theme) -> Edition:
        """The edition configured for one document and its theme (file names, profiles); fresh per build."""
        return replace(self, warnings=[], assets_dir=doc.assets_dir)

    def geometry(self, trim: tuple[float, float]) -> Geometry:
        mm = 72 / 25.4
        return Geometry(trim[0], trim[1], self.bleed_mm * mm, self.slug_mm * mm, mirrored=self.mirrored)

    def prepare_image(self, path: Path, width: float, height: float, at: Pos | None = None,
                      ground: Any = None, crop: Crop | None = None) -> Any:
        """The image to embed at a placed size of width × height points; `at`: where the content
        places it (its findings point there); `ground`: the theme colour an image with transparency
        (a logo, a signature) sits on, which its transparent parts show. Such an image keeps its
        transparency as a soft mask (see soft_masked); layout.context.draw_image draws it with it.
        `crop`: only this part of it is seen (a page photo filling another format): only it is
        embedded, at the resolution the whole would have (see cropped)."""
        if ground is not None:
            return SoftMasked(*soft_masked(path, None, tuple(round(v * 255) for v in ground.rgb_floats)))
        return str(path)

    def cached_image(self, path: Path, width: float, height: float, convert: Callable[[], bytes],
                     variant: str = "", crop: Crop | None = None) -> Any:
        """An edition's converted image (JPEG bytes), from the cache when this exact job was done before.

        Returned as a JpegReader: embedded as it is, identified by its bytes (not by a path)."""
        cache = self.cache or Cache(enabled=False)
        k = key("image", self.name, variant, code_version(Path(__file__).parent), file_digest(Path(assets.__file__)),
                file_digest(path),
                round(width, 2), round(height, 2), *([[round(v, 5) for v in crop]] if crop else []))
        data = cache.get("images", k, valid=_is_jpeg)  # a planted or foreign entry is a miss
        if data is None:
            data = convert()
            cache.put("images", k, data)
        return JpegReader(data)

    def page_hook(self, canv: Any, geometry: Geometry, page: int) -> None:
        """Drawn after each page's content (marks, slug); nothing by default."""

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        """Edition-specific PDF post-processing."""

    def finish_ahead(self, pdf: bytes, theme: Theme) -> Callable[[bytes], None] | None:
        """What of `finish` can be done before the charts are drawn (a first build: this process waits
        for them once the layout is done): done now for the laid-out `pdf` (reportlab's bytes); returns
        what does a chart's part of it as each chart is drawn (its PDF), or None: nothing to do ahead."""
        return None


Crop = tuple[float, float, float, float]  # the part of an image seen: left, top, right, bottom, as fractions


def cropped(im: Any, crop: Crop | None) -> Any:
    """The part of `im` that `crop` names (whole pixels; at most half a pixel more or less each side)."""
    if crop is None:
        return im
    left, top, right, bottom = crop
    box = (round(left * im.width), round(top * im.height), round(right * im.width), round(bottom * im.height))
    return im.crop((box[0], box[1], max(box[2], box[0] + 1), max(box[3], box[1] + 1)))


def flatten(im: Any, paper: tuple[int, int, int] = (255, 255, 255)) -> Any:
    """An RGB image; transparent parts (a photo PNG with alpha) laid on the paper instead of turning
    black. (A logo or a signature keeps its transparency instead: soft_masked.)"""
    from PIL import Image
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        ground = Image.new("RGB", rgba.size, paper)
        ground.paste(rgba, mask=rgba.getchannel("A"))
        return ground
    return im if im.mode == "RGB" else im.convert("RGB")


def soft_masked(path: Path, size: tuple[int, int] | None, ground: tuple[int, ...],
                convert: Callable[[Any], Any] | None = None) -> tuple[Any, Any]:
    """An image with transparency (a logo, a scanned signature) as its samples and its alpha
    channel, which becomes the soft mask (None where it is opaque throughout): `size` resampled to
    it, `convert` the RGB samples into the edition's colours (print: CMYK). Its clear pixels hold
    `ground` (the colour it sits on, 0–255 in the converted colours), not whatever colour the file
    stored there: a viewer that ignores soft masks shows the ground too."""
    from PIL import Image
    with Image.open(path) as im:
        im = assets.to_rgba(im)
    if size is not None and size != im.size:
        im = im.resize(size, Image.LANCZOS)  # RGBA: Pillow resamples with premultiplied alpha
    samples = im.convert("RGB")
    if convert is not None:
        samples = convert(samples)
    if im.mode != "RGBA" or im.getchannel("A").getextrema() == (255, 255):
        return samples, None
    alpha = im.getchannel("A")
    plate = Image.new(samples.mode, im.size, ground)
    return Image.composite(samples, plate, alpha.point(lambda a: 255 if a else 0)), alpha


def _is_jpeg(data: bytes) -> bool:
    from PIL import Image
    with Image.open(io.BytesIO(data)) as img:
        img.verify()
        return img.format == "JPEG"


def editions() -> dict[str, Edition]:
    from .print import PrintEdition
    from .screen import ScreenEdition
    return {"print": PrintEdition(), "screen": ScreenEdition()}


class JpegReader(ImageReader):
    """A JPEG for reportlab that is embedded as it is (DCT passthrough).

    reportlab names an in-memory image by hashing its decoded pixels (0.3 s for the cover) and a
    file by its path (which makes output depend on where the cache lives); this names it by the
    JPEG bytes instead, which is as unique and costs a few milliseconds."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._jpeg = data
        self._dataA = None  # JPEG has no alpha channel

    def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name; used only to name the XObject
        return self._jpeg


class SoftMasked(ImageReader):
    """An image for reportlab with its transparency as a soft mask (/SMask): the samples (CMYK for
    print) embedded as they are, losslessly (Flate), and the alpha channel, when there is one, as
    the mask, which `drawImage(…, mask="auto")` attaches (layout.context.draw_image)."""

    def __init__(self, image: Any, alpha: Any = None):
        super().__init__(image)
        self.mode = image.mode
        self._dataA = ImageReader(alpha) if alpha is not None else None

    def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name; the samples as they are, in any mode
        if self._data is None:
            self._data = self._image.tobytes()
        return self._data
