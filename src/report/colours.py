"""Colour science for the theme's checks and the specimen: how far apart two colours look (CIE76
delta E), how they look with a colour-vision deficiency, and WCAG contrast. Pure Python."""

from __future__ import annotations

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
