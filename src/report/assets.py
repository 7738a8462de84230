"""Files referenced by content: found below assets/, never outside the project, and checked
before anything else reads them.

Images come from many hands, so an image is only accepted if it is what its name says
(sniffed from its bytes, not trusted from the extension), has a sane size (checked from
the header *before* decoding: a 20000 × 20000 PNG is a few kilobytes but gigabytes once
decoded), and decodes completely (truncated or damaged files fail here, with a position
in the content, not deep inside the layout).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Cache, file_status, key, settled

if TYPE_CHECKING:
    from PIL import Image

IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
IMAGE_SUFFIXES = set(IMAGE_FORMATS)
FACTS = "image-facts 1"
TONES = "image-tones 1"
TONE_SIDE = 64  # px along a photo's longer side at which the layout judges the tone under a text or a logo
# 40 megapixels: A3 full bleed at 400 ppi. Print needs 300 ppi at the placed size (a full-bleed
# A4 page ≈ 2550 × 3580 px), so anything larger is a mistake or a decompression bomb.
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 100 * 1024 * 1024

# magic bytes of formats people save by mistake, for a message that says what the file really is
_SIGNATURES = [
    (b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"BM", "a BMP image"), (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"), (b"8BPS", "a Photoshop file"),
]
_EXPORT_HINT = "export it as PNG (graphics) or JPEG (photos) at 300 ppi for the size it is printed at"


class AssetError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def resolve_asset(name: str, assets_dir: Path, project_dir: Path) -> Path:
    """The absolute path of a checked image; raises AssetError if it is missing, leaves the
    project (also through a symlink), or is not a sound JPEG/PNG of a sane size."""
    try:
        return _resolve(name, assets_dir, project_dir)
    except AssetError:
        raise
    except RuntimeError:  # resolve() on a link loop before Python 3.13 (later: OSError ELOOP)
        raise AssetError(f"{name!r} is a symbolic link that leads back to itself (a link loop)",
                         "replace the link with the image it should point to") from None
    except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL byte, no permission, …
        shown = name if len(name) <= 60 else name[:60] + "…"
        raise AssetError(f"cannot read {shown!r}: {getattr(exc, 'strerror', None) or exc}",
                         "check the name and that the file in the assets folder can be read") from None


def _missing_hint(path: Path, name: str) -> str:
    """The file meant, as it is to be written (`name` is what was written): one that differs in case
    only, else the closest names in the folder."""
    hint = "check the spelling; paths are relative to the assets folder"
    folder = name[:len(name) - len(path.name)] if name.endswith(path.name) else ""  # 'images/' as written
    if not path.parent.is_dir():
        cased = _in_its_case(path, name)
        return f"the file is {cased!r}: write its folders and name in the same case" if cased else hint
    files = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    same = [f for f in files if f.lower() == path.name.lower()]
    if same:  # the file system tells case apart (a Mac or Windows copy would not: the shop's would)
        return f"the file is named {folder + same[0]!r}: write its name in the same case"
    import difflib  # only for a missing file
    close = difflib.get_close_matches(path.name, files, n=3, cutoff=0.6)
    if close:
        return hint + f"; did you mean {' or '.join(repr(folder + c) for c in close)}?"
    if files:
        shown = files if len(files) <= 8 else [*files[:8], f"… {len(files) - 8} more"]
        hint += f" (files in {path.parent.name}/: {', '.join(shown)})"
    return hint


def _in_its_case(path: Path, name: str) -> str | None:
    """`name` as the files are written where only the case of its folders (and name) differs, as a
    Windows user writes 'Images/Weir.JPG' for images/weir.jpg; None where no one file is so named."""
    parts = Path(name).parts
    here = path.parents[len(parts) - 1] if len(parts) <= len(path.parents) else None  # the assets folder
    found = []
    for part in parts:
        if here is None or not here.is_dir():
            return None
        same = [p for p in here.iterdir() if p.name.lower() == part.lower()]
        if len(same) != 1:
            return None
        here = same[0]
        found.append(here.name)
    return "/".join(found) if here is not None and here.is_file() else None


def _resolve(name: str, assets_dir: Path, project_dir: Path) -> Path:
    rel = Path(name)
    if rel.is_absolute() or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise AssetError(f"absolute path {name!r} is not allowed",
                         "give the path relative to the assets folder, e.g. images/cover.jpg")
    path = (assets_dir / rel).resolve()
    if not inside_project(path, assets_dir, project_dir):
        raise AssetError(f"path {name!r} points outside the project; the file was not read",
                         "copy the file into the assets folder and name it relative to it")
    if path.suffix.lower() == ".svg":
        raise AssetError(f"{name!r} is an SVG file; SVG images are not supported, and the file was not opened",
                         _EXPORT_HINT)
    if path.exists() and not path.is_file():
        raise AssetError(f"{name!r} is a folder or a device, not an image file",
                         "name an image file, e.g. images/cover.jpg")
    if not path.is_file():
        path = _normalised(assets_dir, rel) or path
    if not path.is_file():
        raise AssetError(f"file {name!r} does not exist in {assets_dir.name}/", _missing_hint(path, name))
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise AssetError(f"{name!r} is not a supported image type",
                         "use a JPEG (.jpg) for photos or a PNG (.png) for graphics")
    check_image(path, name)
    return path


def _normalised(assets_dir: Path, rel: Path) -> Path | None:
    """The file `rel` names where its name on disk is written in another Unicode form: a Mac (and a zip
    file made on one) stores 'Bücherbus.jpg' decomposed (u + combining diaeresis), the YAML has it
    composed. Both read alike; compared in NFC. None where no such file exists."""
    import unicodedata
    path = assets_dir
    for part in rel.parts:
        if (path / part).exists():
            path = path / part
            continue
        want = unicodedata.normalize("NFC", part)
        try:
            match = next((p for p in path.iterdir() if unicodedata.normalize("NFC", p.name) == want), None)
        except OSError:
            return None
        if match is None:
            return None
        path = match
    return path if path.is_file() else None


def inside_project(path: Path, assets_dir: Path, project_dir: Path) -> bool:
    """Whether a resolved path lies in the project or in the assets folder (which may itself
    be a link the project owner set up, e.g. to shared brand assets)."""
    return any(path.is_relative_to(root.resolve()) for root in (project_dir, assets_dir))


def use(cache: Cache | None) -> None:
    """Keep what checking an image found (that it passed, its size as shown) in `cache`: a later
    build in a new process neither decodes the file again nor imports Pillow, while the file's
    status (cache.file_status: size, times, inode) is unchanged. None or a disabled cache: not kept."""
    global _store
    _store = cache if cache is not None and cache.enabled else None


_store: Cache | None = None


def check_image(path: Path, name: str) -> None:
    """Refuse anything but a complete JPEG/PNG matching its extension, within MAX_IMAGE_PIXELS.
    A file that passed is not decoded again while its status (cache.file_status) is unchanged:
    within one process (`report watch`), and across builds through the cache (`use`)."""
    expected = IMAGE_FORMATS[path.suffix.lower()]
    began = time.time_ns()
    status = file_status(path)
    size = status[0] if status else path.stat().st_size  # a file that vanished: stat says why
    signature = (expected, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, status)
    if _CHECKED.get(str(path), (None,))[0] == signature:
        return
    if settled(status, began) and (shown := _kept_size(path, signature)) is not None:
        _CHECKED[str(path)] = (signature, shown)
        return
    shown = _check_image(path, name, expected, size)
    if settled(status, began):
        _CHECKED[str(path)] = (signature, shown)
        if _store is not None:
            _store.put_json("image-facts", _facts_key(path, signature), {"shown": list(shown)})


_CHECKED: dict[str, tuple] = {}  # path → (signature of the file that passed check_image, its shown size)


def tones(path: Path) -> tuple[int, int, bytes]:
    """The image as it is meant to be seen, TONE_SIDE px along its longer side (each pixel the mean
    of those it covers): (width, height, sRGB bytes, rows from the top). What the layout judges the
    photo's tone under a text or a logo by; kept like the image facts, so a warm build decodes nothing."""
    path = Path(path)
    began = time.time_ns()
    status = file_status(path)
    k = key(TONES, str(path.resolve()), status, TONE_SIDE)
    kept = _TONES.get(str(path))
    if kept is not None and kept[0] == k:
        return kept[1]
    found = _unpack_tones(_store.get("image-tones", k, valid=_unpack_tones)) \
        if _store is not None and settled(status, began) else None
    if found is None:
        from PIL import Image
        with Image.open(path) as im:
            im.draft("RGB", (TONE_SIDE, TONE_SIDE))  # a JPEG decodes at 1/2 … 1/8 of its size: fast
            im = to_rgb(im)
            scale = TONE_SIDE / max(im.size)
            im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.BOX)
        found = (im.width, im.height, im.tobytes())
        if settled(status, began) and _store is not None:
            _store.put("image-tones", k, found[0].to_bytes(2, "big") + found[1].to_bytes(2, "big") + found[2])
    if settled(status, began):
        _TONES[str(path)] = (k, found)
    return found


def _unpack_tones(data: bytes | None) -> tuple[int, int, bytes] | None:
    """A kept thumbnail: width and height (2 bytes each), then its sRGB bytes (None: not in shape)."""
    if data is None or len(data) < 4:
        return None
    width, height = int.from_bytes(data[:2], "big"), int.from_bytes(data[2:4], "big")
    return (width, height, data[4:]) if width and height and len(data) == 4 + 3 * width * height else None


_TONES: dict[str, tuple[str, tuple[int, int, bytes]]] = {}  # path → (its key, as tones found it)


def measured(path: Path, what: str, measure: Any) -> float:
    """A number `measure()` finds in a file (how light a logo is), kept in the cache while the file's
    status is unchanged: a warm build neither opens the file nor imports what measures it."""
    path = Path(path)
    began = time.time_ns()
    status = file_status(path)
    k = key("measured 1", what, str(path.resolve()), status)
    if _store is not None and settled(status, began):
        kept = _store.get_json("measured", k)
        if isinstance(kept, dict) and type(kept.get("value")) is float:
            return kept["value"]
    value = float(measure())
    if _store is not None and settled(status, began):
        _store.put_json("measured", k, {"value": value})
    return value


def shown_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of an image as it is meant to be seen (its EXIF orientation
    applied), as check_image found it; read from the file when it was not checked (or changed)."""
    path = Path(path)
    status = file_status(path)
    checked = _CHECKED.get(str(path))
    if checked is not None and checked[0][3] == status:
        return checked[1]
    from PIL import Image
    with Image.open(path) as im:
        return oriented_size(im)


def _facts_key(path: Path, signature: tuple) -> str:
    return key(FACTS, str(path.resolve()), signature)


def _kept_size(path: Path, signature: tuple) -> tuple[int, int] | None:
    """The shown size a build before found for this very file (None: not kept, or not in shape)."""
    facts = _store.get_json("image-facts", _facts_key(path, signature)) if _store is not None else None
    shown = facts.get("shown") if isinstance(facts, dict) else None
    if isinstance(shown, list) and len(shown) == 2 and all(type(v) is int and v > 0 for v in shown):
        return shown[0], shown[1]
    return None


def _openers() -> dict[str, Any]:
    from PIL import JpegImagePlugin, PngImagePlugin
    return {"JPEG": JpegImagePlugin.JpegImageFile, "PNG": PngImagePlugin.PngImageFile}


def _check_image(path: Path, name: str, expected: str, size: int) -> tuple[int, int]:
    if size > MAX_IMAGE_BYTES:
        raise AssetError(f"{name!r} is {size / 1024 / 1024:.0f} MB; at most {MAX_IMAGE_BYTES // 1024 // 1024} MB "
                         "are accepted", "save it smaller: " + _EXPORT_HINT)
    with path.open("rb") as fh:
        head = fh.read(512)
    actual = _sniff(head)
    if actual != f"a {expected} image":
        what = actual or "not a JPEG or PNG image (its content is unknown)"
        raise AssetError(f"{name!r} is {what}, but its name ends in {path.suffix}",
                         _rename_hint(actual, path) or _EXPORT_HINT)
    try:
        # the format's own opener reads just the header; Image.open would apply Pillow's bomb check
        # first, which knows no sizes to report
        with _openers()[expected](str(path)) as im:
            width, height = im.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _TooLarge(width, height)
            if expected == "JPEG":
                im.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # decodes every byte, 64× less memory
            im.load()
            shown = (height, width) if _turned(im) else (width, height)  # (a PNG's EXIF may follow its pixels)
    except _TooLarge as big:
        raise AssetError(f"{name!r} is {big.width} × {big.height} pixels ({big.width * big.height / 1e6:.0f} "
                         f"megapixels); at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels are accepted",
                         "scale it down: 300 ppi at the printed size is enough "
                         "(a full-bleed A4 page is about 2550 × 3580 pixels)") from None
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        raise AssetError(f"{name!r} is damaged or incomplete and cannot be decoded ({exc})",
                         "open it in an image program and save it again, or copy it again") from None
    return shown


# EXIF orientations 5–8 turn the picture by 90°: its width as shown is the stored height
_TURNED = {5, 6, 7, 8}
_TRANSPOSED = {2, 3, 4, *_TURNED}  # the orientations exif_transpose turns or flips (1: as stored)
_EXIF_ORIENTATION = 0x0112
PAPER_RGB = (255, 255, 255)


def oriented_size(im: Image.Image) -> tuple[int, int]:
    """(width, height) of an image as it is meant to be seen: after its EXIF orientation."""
    return (im.height, im.width) if _turned(im) else im.size


def _turned(im: Image.Image) -> bool:
    try:
        return im.getexif().get(_EXIF_ORIENTATION) in _TURNED
    except (OSError, ValueError, SyntaxError):  # a damaged EXIF block: shown as stored
        return False


def to_rgb(im: Image.Image, paper: tuple[int, int, int] = PAPER_RGB) -> Image.Image:
    """An 8-bit RGB image as a reader sees the file (see to_rgba), transparency laid onto the paper.
    PDF images used here have no alpha; dropping it would print whatever colour the transparent
    pixels happen to store, usually black."""
    im = to_rgba(im)
    if im.mode == "RGBA":
        from PIL import Image
        flat = Image.new("RGB", im.size, paper)
        flat.paste(im, mask=im.getchannel("A"))
        return flat
    return im


def to_rgba(im: Image.Image) -> Image.Image:
    """An 8-bit image as a reader sees the file: EXIF orientation applied, 16-bit samples scaled
    (not clipped) to 8 bits; RGBA where it has transparency (alpha channel, a palette's or a colour
    key's transparent colour), else RGB."""
    try:
        im.load()  # (as exif_transpose does: a PNG's eXIf chunk may follow its pixels)
        if im.getexif().get(_EXIF_ORIENTATION, 1) in _TRANSPOSED:  # else exif_transpose only copies
            from PIL import ImageOps
            im = ImageOps.exif_transpose(im)
    except (OSError, ValueError, SyntaxError):  # a damaged EXIF block: shown as stored
        pass
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        im = _grey16_to_l(im)
    if im.mode == "CMYK":
        return im.convert("RGB")
    key = im.info.get("transparency")
    if im.mode == "RGB" and isinstance(key, tuple) and max(key) > 255:
        # a 16-bit PNG's colour key: Pillow keeps the key at 16 bits but the pixels at 8 (the high byte)
        im = im.copy()
        im.info["transparency"] = tuple(v >> 8 for v in key)
    if im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in im.info:
        return im.convert("RGBA")
    return im if im.mode == "RGB" else im.convert("RGB")  # no copy of an RGB photo (A4 at 300 ppi: 36 MB)


def _grey16_to_l(im: Image.Image) -> Image.Image:
    """16-bit (or 32-bit integer) greyscale → 8-bit: scale 0…65535 to 0…255. Pillow's own
    conversion clips everything above 255 to white."""
    import numpy as np
    from PIL import Image
    values = np.asarray(im, dtype=np.float64)
    full = 65535.0 if im.mode != "F" else max(1.0, float(values.max()))
    grey = Image.fromarray(np.clip(np.rint(values * (255.0 / full)), 0, 255).astype(np.uint8), "L")
    if "transparency" in im.info:  # a 16-bit colour key: the transparent grey, at 16 bits
        key = im.info["transparency"]
        mask = Image.fromarray(((values != key) * 255).astype(np.uint8), "L")
        grey = Image.merge("LA", (grey, mask))
    return grey


class _TooLarge(Exception):
    def __init__(self, width: int, height: int):
        super().__init__()
        self.width, self.height = width, height


def _sniff(head: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "a HEIC/AVIF image"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text:
        return "an SVG/XML file (SVG images are not supported; it was not opened as one)"
    if text.startswith((b"<!doctype html", b"<html")):
        return "an HTML page (perhaps a download that went wrong)"
    return None


def _rename_hint(actual: str | None, path: Path) -> str | None:
    if actual == "a PNG image":
        return f"rename it to {path.stem}.png (and the path in the content), or save it as JPEG"
    if actual == "a JPEG image":
        return f"rename it to {path.stem}.jpg (and the path in the content), or save it as PNG"
    return None
