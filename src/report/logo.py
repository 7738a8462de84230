"""The organisation's logo: checked when the theme loads, turned into something a page can draw.

Vector logos stay vector: an SVG becomes a reportlab drawing (svglib), a PDF logo's first page a
form XObject that the finishing stage places like a chart. A PNG goes through the edition's image
preparation with the theme colour it sits on (editions.soft_masked): both editions keep its
transparency as a soft mask, stored losslessly; the print edition converts it to CMYK (ppi check
too), so the colour behind it prints as its own CMYK.
RGB colours of a vector logo become CMYK in the print edition's finishing like every other
colour: theme colours map to their own CMYK values, greys to K only, the rest through the output
profile; `colour_notes` says which way each colour went, for the build output.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .assets import AssetError, check_image, inside_project
from .errors import Diagnostic, Diagnostics

LOGO_SUFFIXES = {".svg": "svg", ".pdf": "pdf", ".png": "png"}
# SVG features that would reach outside the file or need fonts we cannot embed
_SVG_REFUSED = [(re.compile(rb"<!ENTITY", re.I), "declares XML entities"),
                (re.compile(rb"<image\b", re.I), "contains a raster image (<image>); a vector logo needs none"),
                (re.compile(rb"<(text|tspan)\b", re.I), "contains text; a logo's text must be converted to "
                                                        "outlines (paths), or its font would be missing"),
                (re.compile(rb"""href\s*=\s*["'](?!#)""", re.I), "links to other files")]


@dataclass(frozen=True)
class Stroke:
    """A stroke of an SVG logo: its `stroke-width` as written, and how wide that is drawn at the logo's
    natural size (`LogoArt.width`), in points, after the transforms around it."""

    element: str  # "line", "path" …
    units: float
    points: float

    def at(self, art: LogoArt, width: float) -> float:
        """Its width in points where the logo is drawn `width` points wide."""
        return self.points * width / art.width


# svglib's shapes by the SVG element they come from
_ELEMENTS = {"Line": "line", "Path": "path", "Rect": "rect", "Circle": "circle", "Ellipse": "ellipse",
             "PolyLine": "polyline", "Polygon": "polygon", "Wedge": "path"}


@dataclass
class LogoArt:
    """One logo file, ready to draw at any width (its aspect ratio is fixed)."""

    kind: str  # "svg", "pdf" or "png"
    path: Path
    width: float  # natural size in points (pixels for PNG): only the ratio matters
    height: float
    drawing: Any = None  # svg: a reportlab Drawing
    pdf: bytes = b""  # pdf: a one-page PDF whose page is the logo
    colours: list[str] = field(default_factory=list)  # svg: the sRGB colours it uses, "#rrggbb"
    origin: tuple[float, float] = (0.0, 0.0)  # pdf: lower left corner of the logo's box on its page
    thinnest: Stroke | None = None  # svg: its thinnest stroke (None: it strokes nothing)

    @property
    def ratio(self) -> float:
        return self.height / self.width

    @property
    def resource_name(self) -> str:
        """A PDF logo's XObject name; finish.place_charts adds the form to each page that paints it."""
        return f"/RptLogo_{hashlib.sha1(self.pdf).hexdigest()[:12]}"


def check_logo(spec: Any, ctx: Any, diag: Diagnostics) -> None:
    """Every logo file the theme names exists in the project and can be drawn."""
    for name in ("file", "negative"):
        rel = getattr(spec, name)
        if rel is None:
            continue
        pos = ctx.value_pos(spec, name)
        try:
            load_logo(_resolve(rel, ctx.assets_dir))
        except AssetError as exc:
            diag.error(pos, f"logo: {exc}", exc.hint)


def logo_files(spec: Any, assets_dir: Path) -> tuple[LogoArt | None, LogoArt | None]:
    """The logo and its negative version (None where the theme names none); checked by check_logo."""
    if spec is None:
        return None, None
    main = load_logo(_resolve(spec.file, assets_dir))
    return main, load_logo(_resolve(spec.negative, assets_dir)) if spec.negative else None


def _resolve(rel: str, assets_dir: Path) -> Path:
    if Path(rel).is_absolute():
        raise AssetError(f"absolute path {rel!r} is not allowed", "give the path relative to assets/, "
                         "e.g. logo/logo.svg")
    path = (assets_dir / rel).resolve()
    if not inside_project(path, assets_dir, assets_dir.parent):
        raise AssetError(f"path {rel!r} points outside the project; the file was not read",
                         "copy the logo into assets/logo/")
    if not path.is_file():
        raise AssetError(f"file {rel!r} does not exist in {assets_dir.name}/", "check the name; paths are "
                         "relative to the assets folder")
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise AssetError(f"{rel!r} is not an SVG, PDF or PNG file", "export the logo as SVG or PDF (vector) or "
                         "as PNG at 300 ppi for its printed size")
    return path


@lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int) -> LogoArt:
    kind = LOGO_SUFFIXES[path.suffix.lower()]
    data = path.read_bytes()
    if kind == "svg":
        return _svg(path, data)
    if kind == "pdf":
        return _pdf(path, data)
    check_image(path, path.name)
    from PIL import Image
    with Image.open(path) as im:
        return LogoArt("png", path, im.width, im.height)


def load_logo(path: Path) -> LogoArt:
    """The logo art (parsed once per process and file version); raises AssetError."""
    return _load(path, path.stat().st_mtime_ns)


def _svg(path: Path, data: bytes) -> LogoArt:
    if b"<svg" not in data[:4096].lower():
        raise AssetError(f"{path.name!r} is not an SVG file", "export the logo as SVG again")
    for pattern, why in _SVG_REFUSED:
        if pattern.search(data):
            raise AssetError(f"{path.name!r} {why}; the file was not used", "export the logo again as plain SVG "
                             "(paths and shapes only, text as outlines)")
    import logging

    from svglib.svglib import svg2rlg
    logging.getLogger("svglib").setLevel(logging.ERROR)
    try:
        drawing = svg2rlg(io.BytesIO(data))
    except Exception as exc:  # svglib/lxml raise many kinds for broken files
        raise AssetError(f"{path.name!r} cannot be read as SVG ({exc})", "export the logo as SVG again") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise AssetError(f"{path.name!r} has no size (width/height or viewBox)",
                         "give the <svg> element a viewBox") from None
    colours = sorted({c for c in re.findall(rb"#[0-9a-fA-F]{6}\b", data)})
    return LogoArt("svg", path, float(drawing.width), float(drawing.height), drawing=drawing,
                   colours=[c.decode().lower() for c in colours], thinnest=_thinnest(drawing))


INK_SAMPLE = 100  # px along its longer side at which a logo is rendered to measure how light it is


def ink_luminance(art: LogoArt) -> float:
    """How light the logo reads: the mean relative luminance of what it paints, weighted by coverage
    (its transparent ground left out). A vector logo is rendered small with pdfium to find it; what
    was found is kept in the cache while the file is unchanged."""
    from .assets import measured
    return measured(art.path, f"logo ink {INK_SAMPLE}", lambda: _ink_luminance(art))


def _ink_luminance(art: LogoArt) -> float:
    from .assets import to_rgba
    from .colours import luminance
    if art.kind == "png":
        from PIL import Image
        with Image.open(art.path) as im:
            rgba = to_rgba(im).convert("RGBA")
            rgba.thumbnail((INK_SAMPLE, INK_SAMPLE))
    else:
        import pypdfium2 as pdfium
        if art.kind == "svg":
            from reportlab.graphics import renderPDF
            data = renderPDF.drawToString(art.drawing)
        else:
            data = art.pdf
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[0]
            rgba = page.render(scale=INK_SAMPLE / max(page.get_size()), fill_color=(0, 0, 0, 0)).to_pil()
            rgba = rgba.convert("RGBA")
        finally:
            pdf.close()
    raw = rgba.tobytes()
    light = cover = 0.0
    for i in range(0, len(raw), 4):
        if alpha := raw[i + 3]:
            light += alpha * luminance((raw[i] / 255, raw[i + 1] / 255, raw[i + 2] / 255))
            cover += alpha
    return light / cover if cover else 0.5  # a logo that paints nothing visible: neither light nor dark


def _thinnest(drawing: Any) -> Stroke | None:
    """The thinnest stroke the drawing paints, measured as the print preflight measures a line (its
    width × the geometric mean of the transform's axes): a hairline is found before the layout."""
    from reportlab.graphics.shapes import Group
    found: Stroke | None = None

    def walk(node: Any, scale: float) -> None:
        nonlocal found
        for child in getattr(node, "contents", ()):
            a, b, c, d, _, _ = getattr(child, "transform", None) or (1, 0, 0, 1, 0, 0)
            inner = scale * abs(a * d - b * c) ** 0.5
            if isinstance(child, Group):
                walk(child, inner)
            elif getattr(child, "strokeColor", None) is not None and getattr(child, "strokeWidth", None) is not None:
                width = float(child.strokeWidth)
                if found is None or width * scale < found.points:
                    found = Stroke(_ELEMENTS.get(type(child).__name__, type(child).__name__.lower()), width,
                                   width * scale)

    a, b, c, d, _, _ = getattr(drawing, "transform", None) or (1, 0, 0, 1, 0, 0)
    walk(drawing, abs(a * d - b * c) ** 0.5)
    return found


def _pdf(path: Path, data: bytes) -> LogoArt:
    import pikepdf
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            box = [float(v) for v in pdf.pages[0].trimbox]
            missing = sorted(str(f.get("/BaseFont")) for f in pdf.pages[0].obj.get("/Resources", {}).get("/Font", {})
                             .values() if not _embedded(f))
            if missing:
                raise AssetError(f"{path.name!r} uses fonts that are not embedded ({', '.join(missing)})",
                                 "export the logo with text converted to outlines")
            out = io.BytesIO()
            one = pikepdf.new()
            one.pages.append(pdf.pages[0])
            one.pages[0].mediabox = pikepdf.Array(box)
            one.save(out)
    except (pikepdf.PdfError, IndexError, ValueError) as exc:
        raise AssetError(f"{path.name!r} cannot be read as PDF ({exc})", "export the logo as PDF again") from None
    return LogoArt("pdf", path, box[2] - box[0], box[3] - box[1], pdf=out.getvalue(), origin=(box[0], box[1]))


def _embedded(font: Any) -> bool:
    for f in [font, *font.get("/DescendantFonts", [])]:
        desc = f.get("/FontDescriptor")
        if desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return True
    return font.get("/Subtype") == "/Type3"


def colour_notes(art: LogoArt, theme: Any) -> list[str]:
    """How the print edition turns each RGB colour of an SVG logo into CMYK."""
    names = {theme.colour(n).rgb.lower(): n for n in ("ink", "primary", "accent", "secondary", "tint", "muted",
                                                       "rule", "paper")}
    notes = []
    for rgb in art.colours:
        if rgb in names:
            c = theme.colour(names[rgb])
            ink = f"{f'{c.percent:g} % of ' if c.of else ''}spot {c.spot}, alternate " if c.spot else ""
            notes.append(f"{rgb} → theme colour {names[rgb]} ({ink}{c.cmyk_text})")
        elif rgb[1:3] == rgb[3:5] == rgb[5:7]:
            notes.append(f"{rgb} → grey on K only")
        else:
            notes.append(f"{rgb} → through the FOGRA39 profile (not a theme colour)")
    return notes


def print_notes(spec: Any, assets_dir: Path, theme: Any) -> list[Diagnostic]:
    """What the print edition does with the logo's colours, for the build output."""
    out = []
    for name in ("file", "negative"):
        rel = getattr(spec, name)
        if rel is None:
            continue
        art = load_logo(_resolve(rel, assets_dir))
        pos = spec.field_pos.get(name, spec.pos)
        if art.kind == "svg" and art.colours:
            out.append(Diagnostic(f"logo {rel}: RGB colours become CMYK in the print edition: "
                                  + "; ".join(colour_notes(art, theme)), pos, severity="note"))
        elif art.kind == "pdf":
            out.append(Diagnostic(f"logo {rel}: placed as vector art; RGB colours in it become CMYK in the print "
                                  "edition (theme colours exactly, others through the FOGRA39 profile)", pos,
                                  severity="note"))
        elif art.kind == "png":
            out.append(Diagnostic(f"logo {rel}: a PNG is a raster image; it is converted to CMYK through the "
                                  "FOGRA39 profile for print, its transparency kept (the colour behind it "
                                  "prints as its own CMYK)", pos, "an SVG or PDF logo stays sharp at any size",
                                  severity="note"))
    return out
