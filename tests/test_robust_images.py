"""Issue 17, class 5: images print as they look. Transparency lies on the paper, 16-bit samples are
scaled (not clipped), EXIF orientation is applied — in both editions. The property test writes PNGs
and JPEGs byte by byte (every mode, bit depth, alpha kind and orientation), runs them through the
editions' image preparation and compares the pixels that would be embedded with what the source
image shows."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms

from report.assets import oriented_size
from report.editions.print import PrintEdition
from report.editions.screen import SCREEN_PPI, ScreenEdition

from .conftest import ASSETS

W, H = 48, 32  # not square, so that a turned image has other proportions
PROFILE = ASSETS / "icc" / "FOGRA39L_300.icc"
# quadrant colours (r, g, b, alpha) in 0…1; muted, so the print profile reproduces them closely
QUADRANTS = [(0.80, 0.30, 0.25, 1.0), (0.25, 0.55, 0.75, 0.0), (0.35, 0.65, 0.30, 0.5), (0.55, 0.45, 0.30, 1.0)]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _exif(orientation: int) -> bytes:
    """A minimal TIFF-structured EXIF block holding only the orientation tag."""
    return b"MM\x00*" + struct.pack(">IHHHIHHI", 8, 1, 0x0112, 3, 1, orientation, 0, 0)


def write_png(samples: np.ndarray, colour_type: int, depth: int, orientation: int,
              palette: bytes = b"", trns: bytes = b"") -> bytes:
    rows = samples.astype(">u2" if depth == 16 else "u1").reshape(samples.shape[0], -1).tobytes()
    stride = len(rows) // samples.shape[0]
    raw = b"".join(b"\x00" + rows[i * stride:(i + 1) * stride] for i in range(samples.shape[0]))
    head = struct.pack(">IIBBBBB", samples.shape[1], samples.shape[0], depth, colour_type, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", head)
    if palette:
        out += _chunk(b"PLTE", palette)
    if trns:
        out += _chunk(b"tRNS", trns)
    if orientation != 1:
        out += _chunk(b"eXIf", _exif(orientation))
    return out + _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b"")


def source(grey: bool) -> np.ndarray:
    """Stored pixels, H × W × 4 floats (r, g, b, alpha in 0…1), one colour per quadrant."""
    img = np.zeros((H, W, 4))
    for i, (r, g, b, a) in enumerate(QUADRANTS):
        y, x = divmod(i, 2)
        if grey:
            r = g = b = 0.3 * r + 0.59 * g + 0.11 * b
        img[y * H // 2:(y + 1) * H // 2, x * W // 2:(x + 1) * W // 2] = (r, g, b, a)
    return img


def make_image(kind: str, depth: int, alpha: str, orientation: int) -> tuple[bytes, str, np.ndarray]:
    """(file bytes, suffix, the stored pixels as the file holds them: H × W × 4 in 0…1)."""
    grey = kind == "grey"
    img = source(grey)
    if alpha == "none":
        img[..., 3] = 1.0
    top = 65535 if depth == 16 else 255
    q = np.rint(img * top).astype(np.int64)
    img = q / top  # what the file really holds
    if kind == "jpeg":
        img[..., 3] = 1.0
        buf = io.BytesIO()
        pil = Image.fromarray(np.rint(img[..., :3] * 255).astype(np.uint8), "RGB")
        exif = Image.Exif()
        exif[0x0112] = orientation
        pil.save(buf, "JPEG", quality=95, exif=exif.tobytes(), subsampling=0)
        return buf.getvalue(), ".jpg", img
    if kind == "palette":
        colours = sorted({tuple(px) for px in q.reshape(-1, 4).tolist()})
        index = {c: i for i, c in enumerate(colours)}
        samples = np.array([[index[tuple(px)] for px in row] for row in q.tolist()])
        palette = b"".join(bytes(c[:3]) for c in colours)
        trns = bytes(c[3] for c in colours) if alpha != "none" else b""
        return write_png(samples, 3, 8, orientation, palette, trns), ".png", img
    if alpha == "key":  # one colour declared transparent (tRNS colour key), the rest opaque
        img[..., 3] = 1.0
        key = q[0, W - 1, :3] if not grey else q[0, W - 1, :1]
        hit = np.all(q[..., :3] == q[0, W - 1, :3], axis=-1)
        img[hit, 3] = 0.0
        trns = b"".join(struct.pack(">H", int(v)) for v in key)
        samples = q[..., :1] if grey else q[..., :3]
        return write_png(samples, 0 if grey else 2, depth, orientation, trns=trns), ".png", img
    channels = ([0] if grey else [0, 1, 2]) + ([3] if alpha == "channel" else [])
    colour_type = {(True, False): 0, (True, True): 4, (False, False): 2, (False, True): 6}[
        (grey, alpha == "channel")]
    return write_png(q[..., channels], colour_type, depth, orientation), ".png", img


def shown(img: np.ndarray, orientation: int) -> np.ndarray:
    """The stored pixels turned as EXIF orientation says (TIFF 6.0, tag 274), laid onto white paper."""
    turned = {1: lambda a: a, 2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
              5: lambda a: a.transpose(1, 0, 2), 6: lambda a: np.rot90(a, -1),
              7: lambda a: a[::-1, ::-1].transpose(1, 0, 2), 8: lambda a: np.rot90(a, 1)}[orientation](img)
    alpha = turned[..., 3:]
    return turned[..., :3] * alpha + (1 - alpha)


def embedded_rgb(data: bytes, edition: str) -> np.ndarray:
    """The pixels of an edition's prepared JPEG as sRGB in 0…1 (print: back through its profile)."""
    im = Image.open(io.BytesIO(data))
    if edition == "print":
        assert im.mode == "CMYK"
        im = ImageCms.profileToProfile(im, str(PROFILE), ImageCms.createProfile("sRGB"), outputMode="RGB",
                                       renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return np.asarray(im.convert("RGB"), dtype=np.float64) / 255


def prepared(edition: str, path: Path) -> bytes:
    with Image.open(path) as im:
        w_px, h_px = oriented_size(im)
    width, height = w_px * 72 / SCREEN_PPI, h_px * 72 / SCREEN_PPI  # no resampling in the screen edition
    ed = ScreenEdition() if edition == "screen" else PrintEdition(profile=PROFILE)
    return ed.prepare_image(path, width, height)._jpeg


def quadrant_means(a: np.ndarray) -> np.ndarray:
    """Mean colour of the middle of each quadrant (away from edges JPEG blurs)."""
    h, w = a.shape[:2]
    return np.array([a[y * h // 2 + h // 8:(y + 1) * h // 2 - h // 8, x * w // 2 + w // 8:(x + 1) * w // 2 - w // 8]
                     .reshape(-1, 3).mean(axis=0) for y in (0, 1) for x in (0, 1)])


CASES = st.one_of(
    st.tuples(st.sampled_from(["grey", "rgb"]), st.sampled_from([8, 16]),
              st.sampled_from(["none", "channel", "key"])),
    st.tuples(st.just("palette"), st.just(8), st.sampled_from(["none", "channel"])),
    st.tuples(st.just("jpeg"), st.just(8), st.just("none")),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=CASES, orientation=st.integers(1, 8), edition=st.sampled_from(["screen", "print"]))
def test_embedded_pixels_match_the_source(tmp_path: Path, case: tuple[str, int, str], orientation: int,
                                          edition: str) -> None:
    kind, depth, alpha = case
    data, suffix, stored = make_image(kind, depth, alpha, orientation)
    path = tmp_path / f"{kind}-{depth}-{alpha}-{orientation}{suffix}"
    path.write_bytes(data)
    expected = shown(stored, orientation)
    actual = embedded_rgb(prepared(edition, path), edition)
    assert actual.shape[:2] == expected.shape[:2], f"orientation {orientation} not applied"
    tolerance = 0.05 if edition == "screen" else 0.09  # JPEG; print: CMYK and back through the profile
    diff = np.abs(quadrant_means(actual) - quadrant_means(expected)).max()
    assert diff < tolerance, (f"{path.name} ({edition}): embedded quadrants\n{quadrant_means(actual).round(2)}\n"
                              f"expected\n{quadrant_means(expected).round(2)}")


@pytest.mark.parametrize("edition", ["screen", "print"])
def test_sixteen_bit_grey_keeps_its_tone(tmp_path: Path, edition: str) -> None:
    """A mid-grey 16-bit PNG (the case that printed almost white) embeds as mid-grey."""
    path = tmp_path / "grey16.png"
    path.write_bytes(write_png(np.full((H, W, 1), 0x6000), 0, 16, 1))
    mean = embedded_rgb(prepared(edition, path), edition).mean()
    assert abs(mean - 0x6000 / 0xFFFF) < 0.06, mean


def test_turned_photo_keeps_its_proportions_where_it_is_placed(tmp_path: Path) -> None:
    """A phone photo stored 300 × 200 with EXIF orientation 6 is 200 × 300 as shown: the cover fills a
    portrait box with it uncropped, and a figure is placed portrait."""
    from report.layout.photo import fill
    path = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (300, 200), (90, 120, 150)).save(path, "JPEG", exif=exif.tobytes())
    assert fill(path, 200.0, 300.0) == (0.0, 0.0, 200.0, 300.0)
    with Image.open(path) as im:
        assert oriented_size(im) == (200, 300)


def test_an_rgb_photo_is_not_copied_on_its_way_to_the_editions(tmp_path):
    """A full-bleed A4 photo at 300 ppi decodes to 36 MB: converting it for print once took five of
    those at a time (a copy per step), 176 MiB, while chart workers ran. An RGB image as stored is
    passed on as it is; one with an EXIF orientation is turned (a new image, as before)."""
    from report.assets import to_rgb
    from report.editions import flatten
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (W, H), (200, 80, 60)).save(path, "JPEG")
    with Image.open(path) as im:
        assert to_rgb(im) is im and flatten(im) is im
    turned = tmp_path / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (W, H), (200, 80, 60)).save(turned, "JPEG", exif=exif.tobytes())
    with Image.open(turned) as im:
        out = to_rgb(im)
        assert out is not im and out.size == (H, W)


@pytest.mark.parametrize(("placed_ppi", "kept"), [(600, False), (440, True)])
def test_print_sets_images_finer_than_450_ppi_at_300(tmp_path, placed_ppi, kept):
    """A charity's photos went in at 390–570 ppi: a 32 MiB PDF. As a PDF/X export does, an image finer
    than 450 ppi where it is placed is resampled to 300 ppi (its pixels still look as before); one
    below 450 is kept as it is."""
    path = tmp_path / "photo.png"
    colours = np.zeros((400, 600, 1))
    path.write_bytes(write_png(np.concatenate([colours + 200, colours + 90, colours + 60], axis=2), 2, 8, 1))
    width, height = 600 * 72 / placed_ppi, 400 * 72 / placed_ppi
    data = PrintEdition(profile=PROFILE).prepare_image(path, width, height)._jpeg
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == ((600, 400) if kept else (300, 200))
        assert im.info["dpi"][0] == pytest.approx(placed_ppi if kept else 300, abs=1)
    assert abs(embedded_rgb(data, "print").mean(axis=(0, 1)) - np.array([200, 90, 60]) / 255).max() < 0.09
