"""Colour science for the theme's checks and the specimen: how far apart two colours look (CIE76
and CIEDE2000 delta E), how they look with a colour-vision deficiency, WCAG contrast and the
nearest shade of a colour that reaches it as text (the screen edition's), and how a
CMYK prints (through the print edition's FOGRA39 profile): the small-text build of a colour; the
total ink of a CMYK image (what the print edition keeps its images within, and preflight checks)."""

from __future__ import annotations

import itertools
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

SIMULATIONS = {  # linear-sRGB matrices for full protanopia, deuteranopia and tritanopia (Machado et al. 2009)
    "protanopia (no red cones, ~1 % of men)": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                                               (-0.003882, -0.048116, 1.051998)),
    "deuteranopia (no green cones, ~1 % of men)": ((0.367322, 0.860646, -0.227968),
                                                   (0.280085, 0.672501, 0.047413),
                                                   (-0.011820, 0.042940, 0.968881)),
    "tritanopia (no blue cones, rare)": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                                         (0.004733, 0.691367, 0.303900)),
}
CLOSE_DELTA_E = 12.0  # chart colours closer than this (CIE76) are hard to tell apart in a small legend
PROFILE = "icc/FOGRA39L_300.icc"  # the print edition's output condition, relative to assets/
# a colour's cmyk and rgb further apart than this (CIEDE2000) are two colours, not one colour on two
# media: well-matched brand pairs differ by up to ~11 (K 100 and #000000; screen greens and violets
# out of the press's gamut), a CMYK written as fractions or a swapped value by 25 and more
MISMATCH_DELTA_E = 20.0
INK_STRIP = 64  # rows of a CMYK image max_ink sums at a time
NEAR_BLACK = (20.0, 5.0)  # L* below and chroma below: a (rich) black, whose small text is K 100 alone


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    v = min(1.0, max(0.0, v))
    return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def simulate(rgb: tuple[float, float, float], matrix: tuple) -> tuple[float, float, float]:
    """How an sRGB colour looks with a colour-vision deficiency."""
    lin = [_linear(v) for v in rgb]
    return tuple(_gamma(sum(m * c for m, c in zip(row, lin, strict=True))) for row in matrix)


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (_linear(v) for v in rgb)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           0.0193 * r + 0.1192 * g + 0.9505 * b)
    f = [(t / n) ** (1 / 3) if t / n > 0.008856 else 7.787 * t / n + 16 / 116
         for t, n in zip(xyz, (0.95047, 1.0, 1.08883), strict=True)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((x - y) ** 2 for x, y in zip(lab(a), lab(b), strict=True)) ** 0.5


def close_pairs(names: list[str], colours: list[tuple[float, float, float]]) -> list[tuple[str, str, float]]:
    out = []
    for i in range(len(colours)):
        for j in range(i + 1, len(colours)):
            d = delta_e(colours[i], colours[j])
            if d < CLOSE_DELTA_E:
                out.append((names[i], names[j], d))
    return out


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours written #rrggbb (1 to 21)."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance (0 black to 1 white) of an sRGB colour, channels 0–1."""
    r, g, b = (_linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: float, b: float) -> float:
    """WCAG 2 contrast ratio (1 to 21) of two relative luminances."""
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


# WCAG 2 (1.4.3, level AA) contrast for text: 4.5 : 1, and 3 : 1 for large text, which is 18 pt and
# larger, or 14 pt and larger in bold
TEXT_CONTRAST, LARGE_TEXT_CONTRAST = 4.5, 3.0
LARGE_TEXT, LARGE_BOLD_TEXT = 18.0, 14.0  # points


def text_contrast(size: float, bold: bool = False) -> float:
    """The contrast WCAG 2 asks of text of `size` points (AA): 3 : 1 for large text, else 4.5 : 1."""
    return LARGE_TEXT_CONTRAST if size >= LARGE_TEXT or (bold and size >= LARGE_BOLD_TEXT) else TEXT_CONTRAST


def _oklab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """OKLab (Ottosson 2020) of an sRGB colour: a lightness and two axes in which a hue stays the hue
    a reader sees as its lightness changes (CIELab's blues turn violet)."""
    r, g, b = (_linear(v) for v in rgb)
    lms = [math.copysign(abs(v) ** (1 / 3), v) for v in (
        0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
        0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
        0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)]
    el, m, s = lms
    return (0.2104542553 * el + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * el - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * el + 0.7827717662 * m - 0.8086757660 * s)


def _oklab_linear(light: float, a: float, b: float) -> tuple[float, float, float]:
    """Linear sRGB of an OKLab colour (channels outside 0–1: not an sRGB colour)."""
    el = (light + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m = (light - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s = (light - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (4.0767416621 * el - 3.3077115913 * m + 0.2309699292 * s,
            -1.2684380046 * el + 2.6097574011 * m - 0.3413193965 * s,
            -0.0041960863 * el - 0.7034186147 * m + 1.7076147010 * s)


def _shade(light: float, chroma: float, hue: float) -> tuple[float, float, float]:
    """The sRGB colour (in whole 8-bit steps, as written to the PDF) of OKLab lightness `light` and
    `hue`, as saturated as `chroma` where sRGB has it, else as saturated as sRGB goes there."""
    def linear(c: float) -> tuple[float, float, float]:
        return _oklab_linear(light, c * math.cos(hue), c * math.sin(hue))

    def inside(c: float) -> bool:
        return all(-1e-9 <= v <= 1 + 1e-9 for v in linear(c))
    low, high = 0.0, chroma
    if not inside(high):
        for _ in range(24):
            low, high = ((low + high) / 2, high) if inside((low + high) / 2) else (low, (low + high) / 2)
        chroma = low
    return tuple(round(_gamma(v) * 255) / 255 for v in linear(chroma))


def readable(rgb: tuple[float, float, float], ground: tuple[float, float, float],
             ratio: float) -> tuple[float, float, float]:
    """`rgb` for text on `ground` (sRGB 0–1): itself where it stands out `ratio` : 1 (WCAG 2), else
    the nearest shade of its hue that does: darker on a light ground, lighter on a dark one (its
    OKLab hue kept, its chroma as far as sRGB has it at that lightness). Where not even black or
    white reach `ratio` (a mid-grey ground), the end that comes closest."""
    under = luminance(ground)
    if contrast_ratio(luminance(rgb), under) >= ratio:
        return rgb
    light, a, b = _oklab(rgb)
    chroma, hue = math.hypot(a, b), math.atan2(b, a)
    end = 1.0 if contrast_ratio(1.0, under) > contrast_ratio(0.0, under) else 0.0

    def enough(at: float) -> bool:
        return contrast_ratio(luminance(_shade(at, chroma, hue)), under) >= ratio
    if not enough(end):
        return _shade(end, chroma, hue)
    near, far = light, end  # the lightness that does not reach ratio, and one that does
    while abs(far - near) > 1e-4:
        mid = (near + far) / 2
        near, far = (near, mid) if enough(mid) else (mid, far)
    return _shade(far, chroma, hue)


def delta_e2000(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """CIEDE2000 between two Lab colours (Sharma, Wu, Dalal 2005): unlike CIE76 it does not count
    a saturated colour's chroma difference (the press's smaller gamut) as large as a hue change."""
    (l1, a1, b1), (l2, a2, b2) = a, b
    mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean ** 7 / (mean ** 7 + 25 ** 7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    lm, cm = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        hm = h1 + h2
    elif abs(h1 - h2) <= 180:
        hm = (h1 + h2) / 2
    else:
        hm = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hm - 30)) + 0.24 * math.cos(math.radians(2 * hm))
         + 0.32 * math.cos(math.radians(3 * hm + 6)) - 0.2 * math.cos(math.radians(4 * hm - 63)))
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc, sh = 1 + 0.045 * cm, 1 + 0.015 * cm * t
    rt = -math.sin(math.radians(60 * math.exp(-((hm - 275) / 25) ** 2))) * 2 * math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7))
    dl, dc, dh_ = (l2 - l1) / sl, (c2 - c1) / sc, big_h / sh
    return math.sqrt(dl ** 2 + dc ** 2 + dh_ ** 2 + rt * dc * dh_)


HUES = ((20, "pink"), (50, "red"), (75, "orange"), (100, "yellow"), (160, "green"), (220, "teal"),
        (290, "blue"), (330, "violet"), (360, "pink"))  # CIELab hue angle (degrees) up to which a name holds


def describe(rgb: tuple[float, float, float]) -> str:
    """A colour in a few words ("a dark saturated blue", "nearly paper white"), for messages."""
    light, a, b = lab(rgb)
    chroma = math.hypot(a, b)
    if light > 93 and chroma < 6:
        return "nearly paper white"
    if chroma < 6:
        return "black" if light < 15 else "a dark grey" if light < 45 else "a grey" if light < 75 else "a light grey"
    angle = math.degrees(math.atan2(b, a)) % 360
    hue = next(name for top, name in HUES if angle <= top)
    shade = "a very dark " if light < 25 else "a dark " if light < 45 else "a light " if light > 75 else "a "
    strength = "greyish " if chroma < 20 else "saturated " if chroma > 50 else ""
    return f"{shade}{strength}{hue}"


def hex_code(rgb: tuple[float, float, float]) -> str:
    """An sRGB colour (0–1) written #rrggbb."""
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


@lru_cache(maxsize=4)
def _to_srgb(profile: Path):  # noqa: ANN202 - a PIL ImageCms transform
    from PIL import ImageCms
    return ImageCms.buildTransform(ImageCms.getOpenProfile(str(profile)), ImageCms.createProfile("sRGB"), "CMYK",
                                   "RGB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def printed(cmyks: list[tuple[float, ...]], profile: Path) -> list[tuple[float, float, float]]:
    """How CMYK colours (percent) print, as sRGB (0–1): through the output profile, relative
    colorimetric, the way the print edition converts images the other way."""
    from PIL import Image, ImageCms
    im = Image.new("CMYK", (len(cmyks), 1))
    im.putdata([tuple(round(v * 2.55) for v in c) for c in cmyks])
    out = ImageCms.applyTransform(im, _to_srgb(profile))
    return [tuple(v / 255 for v in out.getpixel((x, 0))) for x in range(len(cmyks))]


_store: Any = None  # the build cache, where the theme's mismatches are kept between processes (None: not kept)


def use(cache: Any) -> None:
    """Keep the theme check's results in `cache` from now on (None, or a disabled cache: work them
    out every time). Building the profile's transform alone takes ~50 ms, on every build."""
    global _store
    _store = cache if cache is not None and cache.enabled else None


def mismatches(pairs: list[tuple[tuple[float, ...], tuple[float, float, float]]],
               profile: Path) -> list[tuple[float, str, str, str]]:
    """For each colour (cmyk, rgb): how far its print version is from its screen version
    (CIEDE2000), the print version's sRGB hex and both described in words. Converted in one pass,
    and kept in the build cache (by the colours, the profile's bytes and this code)."""
    from .cache import file_digest, key
    k = key("colour-mismatches 1", pairs, file_digest(profile), file_digest(Path(__file__))) if _store else ""
    if _store is not None:
        kept = _store.get_json("colours", k)
        if isinstance(kept, list) and len(kept) == len(pairs) and all(
                isinstance(e, list) and len(e) == 4 and isinstance(e[0], (int, float))
                and all(isinstance(t, str) for t in e[1:]) for e in kept):
            return [(float(e[0]), *e[1:]) for e in kept]
    shown = printed([tuple(cmyk) for cmyk, _ in pairs], profile) if pairs else []
    out = [(delta_e2000(lab(s), lab(rgb)), hex_code(s), describe(s), describe(rgb))
           for s, (_, rgb) in zip(shown, pairs, strict=True)]
    if _store is not None:
        _store.put_json("colours", k, out)
    return out


def how_close(d: float) -> str:
    """A CIEDE2000 difference in words, as a proof reader would see it in small text."""
    return ("hardly visible" if d < 3 else "close" if d < 8 else "visibly different" if d < 15
            else "clearly different")


@lru_cache(maxsize=256)
def small_text_build(cmyk: tuple[float, ...], plates: int, profile: Path) -> tuple[tuple[float, ...], float]:
    """The CMYK (percent) in at most `plates` plates that prints closest to `cmyk` (CIEDE2000
    through the profile), and that difference. The strongest plates by percentage are not it: a
    near-black navy 90/75/45/60 gets its darkness from K, and 90/75/0/0 is a bright ultramarine.
    A near-black (a rich black) becomes K 100 alone, which overprints as print shops set body text.
    Searched in 10 % steps over every choice of plates, then in 1 % steps around the best."""
    target = lab(printed([cmyk], profile)[0])
    light, a, b = target
    if light < NEAR_BLACK[0] and math.hypot(a, b) < NEAR_BLACK[1]:
        black = (0.0, 0.0, 0.0, 100.0)
        return black, delta_e2000(target, lab(printed([black], profile)[0]))

    def closest(candidates: list[tuple[float, ...]]) -> tuple[tuple[float, ...], float]:
        found = [delta_e2000(target, lab(rgb)) for rgb in printed(candidates, profile)]
        best = min(range(len(candidates)), key=lambda i: (found[i], plate_count(candidates[i]), i))
        return candidates[best], found[best]

    def builds(keep: tuple[int, ...], values: list) -> list[tuple[float, ...]]:
        return [tuple(float(dict(zip(keep, v, strict=True)).get(i, 0)) for i in range(4))
                for v in itertools.product(*values)]

    coarse = list(dict.fromkeys(c for keep in itertools.combinations(range(4), plates)
                                for c in builds(keep, [range(0, 101, 10)] * plates)))
    start, _ = closest(coarse)
    keep = tuple(i for i in range(4) if start[i] > 0) or (3,)
    fine = builds(keep, [range(max(0, int(start[i]) - 9), min(100, int(start[i]) + 9) + 1) for i in keep])
    return closest(fine)


def plate_count(cmyk: tuple[float, ...] | list[float]) -> int:
    """How many of C, M, Y, K a colour prints in (values in percent or 0–1)."""
    return sum(v > 0.001 for v in cmyk)


# the total ink of CMYK JPEGs this process encoded and measured (editions.print.ink_limited_jpeg), by
# the digest of their bytes: the print preflight's estimate takes it instead of decoding them again
# (a first build's cover, ~0.1 s)
_KNOWN_INK: dict[bytes, float] = {}


def remember_ink(data: bytes, percent: float) -> None:
    _KNOWN_INK[_ink_key(data)] = percent


def known_ink(data: bytes) -> float | None:
    return _KNOWN_INK.get(_ink_key(data)) if _KNOWN_INK else None


def _ink_key(data: bytes) -> bytes:
    import hashlib
    return hashlib.sha1(data).digest()


def max_ink(im: Any, inverted: bool = False) -> float:
    """The highest C+M+Y+K of any pixel of a CMYK image, in percent (`inverted`: of 255 minus each
    value). Pillow's own arithmetic (importing numpy for this took a build 0.1 s), a strip of rows
    at a time: the sum needs 32-bit samples, ~30 bytes a pixel, 270 MB for a full-bleed A4 photo at once."""
    from PIL import ImageMath
    lowest, highest = 4 * 255, 0
    for top in range(0, im.height, INK_STRIP):
        strip = im.crop((0, top, im.width, min(im.height, top + INK_STRIP)))
        c, m, y, k = (band.convert("I") for band in strip.split())
        low, high = ImageMath.lambda_eval(lambda b: b["c"] + b["m"] + b["y"] + b["k"], c=c, m=m, y=y,
                                          k=k).getextrema()
        lowest, highest = min(lowest, low), max(highest, high)
    return (4 * 255 - lowest if inverted else highest) / 255 * 100
