"""Generate the cover stand-in artwork (assets/images/cover-artwork.jpg).

The source review used a stock photo (beermedia / fotolia.com) that we may not
redistribute. This script draws an abstract stand-in instead: a night-blue
gradient with arcs from one origin to several destinations ("routes into the
world"). It is generated at print resolution for the full cover including
3 mm bleed: 216 x 303 mm at 300 ppi.

Run: python tools/make_cover_art.py   (deterministic; needs numpy and Pillow)
"""

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

MM = 300 / 25.4  # pixels per millimetre at 300 ppi
W, H = round(216 * MM), round(303 * MM)
OUT = Path(__file__).resolve().parent.parent / "assets" / "images" / "cover-artwork.jpg"


def gradient() -> np.ndarray:
    y, x = np.mgrid[0:H, 0:W].astype(np.float32)
    t = (y / H) * 0.8 + (x / W) * 0.2
    top = np.array([8, 38, 66], np.float32)
    bottom = np.array([18, 96, 122], np.float32)
    img = top[None, None, :] * (1 - t[..., None]) + bottom[None, None, :] * t[..., None]
    # a soft glow around the origin of the routes
    ox, oy = W * 0.34, H * 0.36
    d = np.sqrt((x - ox) ** 2 + (y - oy) ** 2) / (W * 0.55)
    glow = np.clip(1 - d, 0, 1) ** 2.2
    img += glow[..., None] * np.array([40, 70, 80], np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def arc_points(p0, p1, lift, n=400):
    (x0, y0), (x1, y1) = p0, p1
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    cx, cy = mx - dy * lift, my + dx * lift  # control point, perpendicular to the chord
    t = np.linspace(0, 1, n)
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
    return list(zip(xs.tolist(), ys.tolist(), strict=False))


def main() -> None:
    base = Image.fromarray(gradient(), "RGB")
    layer = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    # faint latitude lines
    for i in range(1, 14):
        yy = H * i / 14
        draw.line([(0, yy), (W, yy + H * 0.02)], fill=(255, 255, 255, 14), width=3)
    origin = (W * 0.34, H * 0.36)
    destinations = [
        (W * 0.06, H * 0.18), (W * 0.12, H * 0.52), (W * 0.93, H * 0.22),
        (W * 0.86, H * 0.48), (W * 0.70, H * 0.10), (W * 0.62, H * 0.58),
        (W * 0.97, H * 0.36), (W * 0.24, H * 0.08),
    ]
    rng = np.random.default_rng(2017)
    for dest in destinations:
        lift = float(rng.uniform(0.18, 0.32)) * (1 if dest[0] > origin[0] else -1)
        pts = arc_points(origin, dest, lift)
        draw.line(pts, fill=(255, 176, 92, 170), width=9)
        r = 26
        draw.ellipse([dest[0] - r, dest[1] - r, dest[0] + r, dest[1] + r], fill=(255, 255, 255, 235))
    r = 44
    draw.ellipse([origin[0] - r, origin[1] - r, origin[0] + r, origin[1] + r], fill=(255, 150, 60, 255))
    glow = layer.filter(ImageFilter.GaussianBlur(18))
    out = Image.alpha_composite(base.convert("RGBA"), glow)
    out = Image.alpha_composite(out, layer).convert("RGB")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.save(OUT, "JPEG", quality=90, dpi=(300, 300), optimize=True)
    print(f"wrote {OUT} ({W} x {H} px)")


if __name__ == "__main__":
    main()
