"""The print edition: PDF/X-4 for offset printing.

Real bleed (the page is trim + bleed + room for marks; backgrounds reach the
bleed edge), crop marks and a slug line outside the bleed, every colour in
DeviceCMYK or a theme's spot ink (charts converted through the theme), 100 % K text overprinting,
images converted to CMYK through the output-intent profile, OutputIntent and
XMP for PDF/X-4. Nothing here decides the design: colours come from the theme.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf
from reportlab.lib.colors import CMYKColor, CMYKColorSep

from .. import colours as colour_science
from ..assets import to_rgb
from ..cache import Cache, code_version, file_digest, key
from ..clock import build_time
from ..colours import PROFILE, max_ink, remember_ink, small_text_build
from ..errors import Diagnostic, Pos, ReportError
from ..layout.templates import Geometry
from ..locale import Locale, get_locale
from ..theme import BLEED_MM, MAX_INK, Theme, plate_count, plate_warnings, small_text_builds
from . import MIN_PPI_ERROR, MIN_PPI_WARN, Crop, Edition, SoftMasked, cropped, flatten, placed_ppi, soft_masked

if TYPE_CHECKING:
    from PIL import Image

MM = 72 / 25.4
SLUG_MM = 10.0  # room outside the bleed for crop marks and the slug line
MARK_GAP_MM = 1.0  # crop marks start this far outside the bleed box
MARK_LEN_MM = 5.5
MARK_WIDTH = 0.25  # pt: the thinnest line print shops accept
SLUG_SIZE = 6.0  # pt: the smallest text print shops accept
SLUG_TIME = "RptSlugTime"  # the form with the build's time, which every page's slug line ends with
SLUG_TIME_WIDTH = 200.0  # pt: the form's box, wider than any time written in 6 pt
# Images finer than MAX_PPI at their placed size are set at TARGET_PPI (Lanczos), as the PDF/X presets
# of layout programs do: a 60-line screen shows no more than 300 ppi, and the file stays sendable
MAX_PPI, TARGET_PPI = 450, 300
JPEG_QUALITY = 92  # converted images: no visible loss at 300 ppi, a quarter of the lossless size
INK_PASSES = 6  # at most this many encodings to bring a JPEG's darkest pixel within the ink limit
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_INFO = "Coated FOGRA39 (ISO 12647-2:2004), offset printing on coated paper, 300 % TAC"
REGISTRATION = CMYKColor(1, 1, 1, 1)  # marks print on every plate
REGISTRATION_ALL = CMYKColorSep(1, 1, 1, 1, spotName="All")  # … spot plates included (PDF: Separation /All)


@dataclass(frozen=True)
class PrintEdition(Edition):
    name: str = "print"
    colour_mode: str = "cmyk"
    bleed_mm: float = BLEED_MM  # the theme's page.bleed (for_document)
    slug_mm: float = SLUG_MM
    pdf_version: str = "1.6"  # PDF/X-4 is based on PDF 1.6
    marks: bool = True
    file_name: str = ""
    locale: Locale = field(default_factory=lambda: get_locale("en-GB"))  # words and date of the slug line
    profile: Path | None = None
    binding: str = "saddle"
    spots: tuple[tuple[str, tuple[float, ...]], ...] = ()  # the theme's spot inks: (name, CMYK alternate 0–1)
    links: bool = False  # a cross-reference prints its page as text (its annotations go anyway: finish)
    slug_note: str = ""  # what the slug line names instead of the page (a cover spread: its spine)

    def for_document(self, doc: Any, theme: Theme) -> PrintEdition:
        profile = doc.assets_dir / PROFILE
        if not profile.is_file():
            raise ReportError([Diagnostic(f"the print colour profile {PROFILE} is missing in {doc.assets_dir}",
                                          Pos(profile), "copy assets/icc/ from the report repository, or "
                                          "build it with tools/make_icc_profile.sh")])
        return replace(self, file_name=f"{doc.report.name}-{self.name}.pdf", profile=profile,
                       binding=doc.report.binding, locale=doc.locale(), warnings=[], assets_dir=doc.assets_dir,
                       spots=tuple(theme.spots().items()), bleed_mm=theme.page.bleed_mm)

    def for_cover(self, doc: Any, slug: str) -> PrintEdition:
        return replace(self, name=f"{self.name}-cover", file_name=f"{doc.report.name}-{self.name}-cover.pdf",
                       slug_note=slug)

    # -- images ---------------------------------------------------------------

    def prepare_image(self, path: Path, width: float, height: float, at: Pos | None = None,
                      ground: Any = None, crop: Crop | None = None) -> Any:
        ppi, placed = placed_ppi(path, width, height)
        if ppi + 0.5 < MIN_PPI_ERROR:  # an error, raised once the layout is done (render): every such image at once
            self.warnings.append(Diagnostic(
                f"image {self.shown(path)} has only {ppi:.0f} ppi at its placed size of {placed}", at or Pos(path),
                f"print needs {MIN_PPI_WARN} ppi: supply at least {round(width / 72 * MIN_PPI_WARN)} × "
                f"{round(height / 72 * MIN_PPI_WARN)} pixels"))
        elif ppi + 0.5 < MIN_PPI_WARN:
            self.warnings.append(Diagnostic(
                f"image {self.shown(path)} has {ppi:.0f} ppi at its placed size of {placed} (print wants "
                f"{MIN_PPI_WARN})", at or Pos(path), "a larger original prints sharper", "warning"))
        if ground is not None:  # a logo, a signature: transparent parts stay so, over whatever it sits on
            size = None
            if ppi > MAX_PPI:  # at TARGET_PPI, rounded up: the preflight then finds no less
                size = (math.ceil(width / 72 * TARGET_PPI), math.ceil(height / 72 * TARGET_PPI))
            return SoftMasked(*masked_cmyk(path, file_digest(path), size, tuple(ground.cmyk_floats), self.profile,
                                           file_digest(self.profile)))

        def cmyk() -> tuple[Image.Image, float]:
            from PIL import Image
            with Image.open(path) as im:
                im, shown = cropped(to_rgb(im), crop), ppi
                if ppi > MAX_PPI:  # as a PDF/X export downsamples: finer than the press prints, only heavier
                    scale = TARGET_PPI / ppi
                    im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                                   Image.LANCZOS)
                    shown = TARGET_PPI
                return to_cmyk(im, self.profile), shown

        def convert() -> bytes:
            im, shown = cmyk()  # the RGB pixels are freed: only the CMYK ones are encoded (and checked)
            return ink_limited_jpeg(im, MAX_INK, dpi=(round(shown), round(shown)))
        return self.cached_image(path, width, height, convert, crop=crop,
                                 variant=key(file_digest(self.profile), "ink limit", MAX_INK, JPEG_QUALITY))

    # -- marks ----------------------------------------------------------------

    def page_hook(self, canv: Any, geometry: Geometry, page: int) -> None:
        if not self.marks:
            return
        o, b = geometry.offset, geometry.bleed
        x0, y0, x1, y1 = geometry.trim_box
        start, end = b + MARK_GAP_MM * MM, b + (MARK_GAP_MM + MARK_LEN_MM) * MM
        canv.saveState()
        # with a spot plate the marks print on it too: the registration colour is the separation All
        canv.setStrokeColor(REGISTRATION_ALL if self.spots else REGISTRATION)
        canv.setLineWidth(MARK_WIDTH)
        for x, sx in ((x0, -1), (x1, 1)):
            for y, sy in ((y0, -1), (y1, 1)):
                canv.line(x + sx * start, y, x + sx * end, y)  # horizontal mark on the trim line
                canv.line(x, y + sy * start, x, y + sy * end)  # vertical mark
        if geometry.folds:  # a cover spread's spine: fold marks, dashed, as shops tell them from the cut
            canv.setDash(2, 1)
            for fold in geometry.folds:
                for y, sy in ((y0, -1), (y1, 1)):
                    canv.line(x0 + fold, y + sy * start, x0 + fold, y + sy * end)
            canv.setDash()
        canv.setFillColor(CMYKColor(0, 0, 0, 1))
        canv.setFont(canv._fontname, SLUG_SIZE)
        text = f"{self.file_name} · {self.slug_note or self.locale.label('page') + ' ' + str(page)} · "
        x, y = x0 + end, o - b - (MARK_GAP_MM + MARK_LEN_MM) * MM
        canv.drawString(x, y, text)
        for name, cmyk in self.spots:  # each spot plate named on the plate itself, as shops list separations
            x += canv.stringWidth(text, canv._fontname, SLUG_SIZE)
            canv.setFillColor(CMYKColorSep(*cmyk, spotName=name))
            canv.drawString(x, y, name)
            canv.setFillColor(CMYKColor(0, 0, 0, 1))
            canv.drawString(x + canv.stringWidth(name, canv._fontname, SLUG_SIZE), y, " · ")
            text = f"{name} · "
        # the build's time, once per document in a form: pages stay the same from build to build,
        # and their CMYK rewrite is kept (RewrittenForms)
        if not canv.hasForm(SLUG_TIME):
            when = self.locale.when(build_time())
            # a box as wide as any time: the form is then the same but for its text, which the
            # preflight's page memo leaves out (preflight/memo.py)
            width = max(SLUG_TIME_WIDTH, canv.stringWidth(when, canv._fontname, SLUG_SIZE) + 1)
            canv.beginForm(SLUG_TIME, -1, -SLUG_SIZE, width, 2 * SLUG_SIZE)
            canv.setFillColor(CMYKColor(0, 0, 0, 1))
            canv.setFont(canv._fontname, SLUG_SIZE)
            canv.drawString(0, 0, when)
            canv.endForm()
        canv.translate(x + canv.stringWidth(text, canv._fontname, SLUG_SIZE), y)
        canv.doForm(SLUG_TIME)
        canv.restoreState()

    # -- finishing ------------------------------------------------------------

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        convert = ColourConverter(theme, self.profile)
        forms = RewrittenForms(self.cache or Cache(enabled=False), convert)
        self.warnings.extend(plate_warnings(theme, self.profile))
        done: set = set()  # a form on several pages (the slug's time, a logo) is rewritten once
        for page in pdf.pages:
            page.obj.TrimBox = pikepdf.Array(geometry.trim_box)
            page.obj.BleedBox = pikepdf.Array(geometry.bleed_box)
            if "/Annots" in page.obj:  # links have no meaning on paper; PDF/X wants none in the bleed box
                del page.obj.Annots
            page.contents_coalesce()
            to_cmyk_stream(pdf, page.obj, convert, done, forms)
            if uses_transparency(page.obj.get("/Resources"), set()):
                # blend in the output condition's CMYK, not in whatever space a RIP assumes
                page.obj.Group = pikepdf.Dictionary(Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency,
                                                    CS=pikepdf.Name.DeviceCMYK)
        add_output_intent(pdf, self.profile)
        write_xmp(pdf, info)

    def finish_ahead(self, pdf: bytes, theme: Theme) -> Callable[[bytes], None] | None:
        """The pages' and the drawn charts' content streams rewritten to CMYK (RewrittenForms keeps them
        for `finish`, in this process and in a worker forked from it; ~0.4 s of a 185-page edition's
        first finish), while this process waits for the chart workers. The pages as `finish` rewrites
        them: coalesced, each form once; a chart as `finish` places it: its page as a form."""
        convert = ColourConverter(theme, self.profile)
        forms = RewrittenForms(self.cache or Cache(enabled=False), convert)
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            done: set = set()
            for page in doc.pages:
                page.contents_coalesce()
                to_cmyk_stream(doc, page.obj, convert, done, forms)

        def chart(data: bytes) -> None:
            with pikepdf.open(io.BytesIO(data)) as src:
                to_cmyk_stream(src, src.pages[0].as_form_xobject(), convert, set(), forms)
        return chart


# -- colour ----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _transform(profile: Path) -> Any:
    from PIL import ImageCms
    srgb = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(srgb, ImageCms.getOpenProfile(str(profile)), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def to_cmyk(im: Image.Image, profile: Path) -> Image.Image:
    """An image in the output condition's CMYK, through the ICC profile."""
    if im.mode == "CMYK":
        return im
    from PIL import ImageCms
    return ImageCms.applyTransform(flatten(im), _transform(profile))


def ink_limited_jpeg(im: Image.Image, limit: float, **options: Any) -> bytes:
    """A CMYK image as a JPEG whose every pixel, as decoded, carries at most `limit` % total ink.

    The profile keeps each colour within its limit (FOGRA39L_300: 297.6 % for black), but JPEG's
    quantization rings at hard edges: near-black shapes on white came back at 306 %, which the
    preflight refuses. Such an image is encoded again with its darkest pixels lowered (C, M and Y
    scaled down, K kept: the black's tone and sharpness stay) by what the last encoding overshot,
    until none does (2–3 passes). Every other image is encoded once, as it was."""
    units = int(limit * 255 / 100)  # 300 % = 765 of 4 × 255

    def encoded(image: Image.Image) -> tuple[bytes, int]:
        from PIL import Image
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=JPEG_QUALITY, **options)
        with Image.open(io.BytesIO(buf.getvalue())) as back:
            return buf.getvalue(), round(max_ink(back) * 2.55)

    data, top = encoded(im)
    cap = units
    for _ in range(INK_PASSES):
        if top <= units:
            break
        cap -= top - units + 1
        data, top = encoded(_ink_capped(im, cap))
    remember_ink(data, top / 2.55)  # as Pillow reads it: the polarity reportlab writes
    return data


def _ink_capped(im: Image.Image, cap: int) -> Image.Image:
    """`im` with no pixel above `cap` (of 4 × 255) total ink: C, M and Y of darker pixels scaled down, K kept."""
    import numpy as np
    from PIL import Image
    px = np.asarray(im)
    cmy = px[..., :3].astype(np.int16)
    total = cmy.sum(axis=-1, dtype=np.int16) + px[..., 3]
    over = total > cap
    room = np.clip(cap - px[..., 3].astype(np.int16), 0, None)
    factor = room[over] / np.maximum(cmy[over].sum(axis=-1), 1)
    out = px.copy()
    out[over, :3] = np.floor(cmy[over] * factor[:, None]).astype(np.uint8)
    return Image.fromarray(out, "CMYK")


@lru_cache(maxsize=8)
def masked_cmyk(path: Path, digest: str, size: tuple[int, int] | None, ground: tuple[float, ...], profile: Path,
                profile_digest: str) -> tuple[Image.Image, Image.Image | None]:
    """An image with transparency (a raster logo, a signature) in the output condition's CMYK
    (`size`: resampled to it) and its alpha channel as the soft mask (see soft_masked): where it is
    clear, the colour it sits on (`ground`, CMYK 0–1) prints as that colour's own CMYK. (Laid on the
    colour's sRGB, the profile turned the clear parts into other CMYK: a box, darker on the
    night-blue back page; a signature came out as a JPEG box on the paper.) `digest`s: the files'
    contents, so an edited file is converted again."""
    return soft_masked(path, size, tuple(round(v * 255) for v in ground), lambda rgb: to_cmyk(rgb, profile))


class ColourConverter:
    """RGB (from matplotlib) → CMYK: theme colours to their own CMYK, greys to K only, else the profile."""

    def __init__(self, theme: Theme, profile: Path):
        self.profile = profile
        self.small_size, self.max_plates = theme.plates.small_text, theme.plates.max_plates
        self.builds = small_text_builds(theme)
        self.known, self.spot_of = {}, {}
        for f in fields(theme.colours):  # every theme colour, the chart palette's included
            c = theme.colour(f.name)
            rgb = tuple(round(v * 255) for v in c.rgb_floats)
            self.known[rgb] = c.cmyk_floats
            if c.spot is not None:  # a spot colour's RGB (a chart's, a vector logo's) prints in its ink
                self.spot_of.setdefault(rgb, (c.spot, c.strength))  # a tint's at its strength
        # the separations content may name: the theme's inks, and All for the marks beside a spot plate
        inks = theme.spots()
        self.spots = {**inks, **({"All": (1.0, 1.0, 1.0, 1.0)} if inks else {})}
        self._names = {name: re.compile(re.escape(pikepdf.Name("/" + name).unparse()) + rb"\s+(?:cs|CS)\b")
                       for name in self.spots}
        self._spaces: dict[str, Any] = {}
        # everything a conversion depends on (with the profile's bytes and the code choosing small-text
        # builds): a rewritten stream is kept under it
        self.signature = key(sorted(self.known.items()), self.small_size, self.max_plates,
                             sorted(self.builds.items()), file_digest(profile),
                             file_digest(Path(colour_science.__file__)),
                             *([sorted(self.spot_of.items()), sorted(self.spots.items())] if self.spots else []))

    def separations(self, pdf: pikepdf.Pdf, data: bytes) -> dict[str, Any]:
        """The /Separation colour spaces a content stream sets (by resource name, the ink's name),
        one object per ink for the whole file: [/Separation /name /DeviceCMYK tint → tint × CMYK
        alternate] (a FunctionType 2 interpolation from paper to the alternate). reportlab leaves
        them out of its forms' resources, and a rewritten chart names them first."""
        out = {}
        for name, pattern in self._names.items():
            if pattern.search(data):
                if name not in self._spaces:
                    self._spaces[name] = pdf.make_indirect(pikepdf.Array([
                        pikepdf.Name.Separation, pikepdf.Name("/" + name), pikepdf.Name.DeviceCMYK,
                        pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0],
                                           C1=[round(v, 4) for v in self.spots[name]], N=1)]))
                out[name] = self._spaces[name]
        return out

    def __call__(self, r: float, g: float, b: float) -> tuple[float, float, float, float]:
        key = (round(r * 255), round(g * 255), round(b * 255))
        if key in self.known:
            return self.known[key]
        if key[0] == key[1] == key[2]:
            return 0.0, 0.0, 0.0, round(1 - r, 4)
        from PIL import Image
        px = Image.new("RGB", (1, 1), key)
        return tuple(round(v / 255, 4) for v in to_cmyk(px, self.profile).getpixel((0, 0)))


    def small_text(self, cmyk: tuple[float, ...]) -> tuple[float, ...] | None:
        """The CMYK small text uses instead of cmyk, or None when cmyk has few enough plates."""
        if plate_count(cmyk) <= self.max_plates:
            return None
        if cmyk in self.builds:
            return self.builds[cmyk]
        build, _ = small_text_build(tuple(round(v * 100, 2) for v in cmyk), self.max_plates, self.profile)
        return tuple(v / 100 for v in build)


_OP = {"rg": "k", "RG": "K", "g": "k", "G": "K"}
OVERPRINT, KNOCKOUT = "/RptOverprint", "/RptKnockout"
_SHOW_TEXT = {"Tj", "TJ", "'", '"'}
_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do"}  # everything else that marks the page
# the operators to_cmyk_stream reads the operands of (text size, colour), and all it looks at (those,
# the state, showing and painting): any other is copied as it is
_READ_OPERANDS = frozenset({"Tf", "Tm", "cs", "CS", "k", *_OP})
_HANDLED = _READ_OPERANDS | {"q", "Q", "sc", "scn", "INLINE IMAGE"} | _SHOW_TEXT | _PAINT


class RewrittenForms:
    """Rewritten content streams of forms and pages, by their bytes and the conversion: a chart's
    form is the same in every build (its drawing is cached), and so is every page whose content did
    not change (the slug's build time is a form of its own). Rewriting a 185-page edition took
    ~0.3 s. Kept in this process (`report watch`) and in the cache (a new process)."""

    _kept: dict[str, bytes] = {}  # this process's, by key
    MAX = 512

    def __init__(self, cache: Cache, convert: ColourConverter):
        self.cache, self.prefix = cache, (code_version(Path(__file__).parent), convert.signature)

    def rewritten(self, form: Any, rewrite: Any) -> bytes:
        k = key("cmyk-form", *self.prefix, hashlib.sha256(form.read_bytes()).hexdigest())
        data = self._kept.get(k)
        if data is None:
            data = self.cache.get("cmyk-forms", k)
            if data is None:
                data = rewrite()
                self.cache.put("cmyk-forms", k, data)
            if len(self._kept) >= self.MAX:
                self._kept.clear()
            self._kept[k] = data
        return data


def to_cmyk_stream(pdf: pikepdf.Pdf, container: Any, convert: ColourConverter, done: set,
                   forms: RewrittenForms | None = None) -> None:
    """Rewrite a content stream (and its forms) to DeviceCMYK; text filled in 100 % K overprints.

    Only that text overprints (fill overprint, mode 1): the overprint state is switched on right
    before 100 % K text is shown and off again before anything else is painted, so black shapes,
    strokes, images and forms knock out as designed. The state follows q/Q like the PDF's own.
    With `forms`, a stream rewritten before (in this process or one before) is not rewritten again."""
    if container.objgen in done and container.objgen != (0, 0):
        return
    done.add(container.objgen)
    stream = container.Contents if container.get("/Type") == "/Page" else container
    data = (_rewritten(container, convert) if forms is None else
            forms.rewritten(stream, lambda: _rewritten(container, convert)))
    stream.write(data)
    resources = container.get("/Resources")
    if resources is None:
        resources = container.Resources = pikepdf.Dictionary()
    if convert.spots and (used := convert.separations(pdf, data)):
        if "/ColorSpace" not in resources:
            resources.ColorSpace = pikepdf.Dictionary()
        for name, space in used.items():
            resources.ColorSpace[pikepdf.Name("/" + name)] = space
    if "/ExtGState" not in resources:
        resources.ExtGState = pikepdf.Dictionary()
    resources.ExtGState[OVERPRINT] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=True, OP=False, OPM=1)
    resources.ExtGState[KNOCKOUT] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=False, OP=False)
    for xobj in resources.get("/XObject", {}).values():
        if xobj.get("/Subtype") == "/Form":
            to_cmyk_stream(pdf, xobj, convert, done, forms)


def _rewritten(container: Any, convert: ColourConverter) -> bytes:
    """The content stream of a page or form in DeviceCMYK (see to_cmyk_stream)."""
    out = []
    black, overprint = False, False  # fill colour is 100 % K; overprint currently on
    fill: tuple[float, ...] = ()  # current DeviceCMYK fill
    size, scale = 0.0, 1.0  # font size and text matrix scale
    saved: list[tuple] = []  # q/Q: the state above

    def switch(on: bool) -> None:
        nonlocal overprint
        if on != overprint:
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Name(OVERPRINT if on else KNOCKOUT)],
                                                        pikepdf.Operator("gs")))
            overprint = on

    for ins in pikepdf.parse_content_stream(container):
        op = str(ins.operator)
        if op not in _HANDLED:  # most of a page (T*, Tw, Tz, cm, paths): kept as it is
            out.append(ins)
            continue
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            switch(False)
            out.append(ins)
            continue
        operands = list(ins.operands) if op in _READ_OPERANDS else []
        if op == "q":
            saved.append((black, overprint, fill, size))
        elif op == "Q" and saved:
            black, overprint, fill, size = saved.pop()
        elif op in _SHOW_TEXT:
            build = convert.small_text(fill) if fill and 0 < size * scale < convert.small_size else None
            switch(black or build == (0, 0, 0, 1))  # a rich black's small text in K 100 overprints too
            if build is not None:  # small text in too many plates: its few-plate build, then back
                out += [pikepdf.ContentStreamInstruction(list(build), pikepdf.Operator("k")), ins,
                        pikepdf.ContentStreamInstruction(list(fill), pikepdf.Operator("k"))]
                continue
        elif op in _PAINT:
            switch(False)
        elif op == "Tf" and len(operands) == 2:
            size = abs(float(operands[1]))
        elif op == "Tm" and len(operands) == 6:
            a, b, c, d = (float(v) for v in operands[:4])
            scale = abs(a * d - b * c) ** 0.5
        if op in ("rg", "RG") and len(operands) == 3 or op in ("g", "G") and len(operands) == 1:
            rgb = [float(v) for v in operands] * (3 if len(operands) == 1 else 1)
            spot = convert.spot_of.get(tuple(round(v * 255) for v in rgb))
            if spot is not None:  # the ink at the colour's strength: /name cs 1 scn (a tint: 0.15 scn)
                (ink, strength), fill_op = spot, op.islower()
                out += [pikepdf.ContentStreamInstruction([pikepdf.Name("/" + ink)],
                                                         pikepdf.Operator("cs" if fill_op else "CS")),
                        pikepdf.ContentStreamInstruction([strength], pikepdf.Operator("scn" if fill_op else "SCN"))]
                op, operands = ("scn" if fill_op else "SCN"), []
            else:
                cmyk = convert(*rgb)
                out.append(pikepdf.ContentStreamInstruction([round(v, 4) for v in cmyk],
                                                            pikepdf.Operator(_OP[op])))
                op, operands = _OP[op], list(cmyk)
        elif op in ("cs", "CS") and operands and operands[0] in ("/DeviceRGB", "/DeviceGray"):
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Name.DeviceCMYK], pikepdf.Operator(op)))
        else:
            out.append(ins)
        if op == "k" and len(operands) == 4:
            fill = tuple(float(v) for v in operands)
            black = fill == (0, 0, 0, 1)
        elif op in ("cs", "sc", "scn"):
            black, fill = False, ()
    return pikepdf.unparse_content_stream(out)


def uses_transparency(resources: Any, seen: set) -> bool:
    """Whether content with these resources can draw with transparency (alpha, soft masks, blend
    modes, transparency groups), looking into forms."""
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return False
    seen.add(resources.objgen)
    for gs in resources.get("/ExtGState", {}).values():
        if any(float(gs.get(k, 1)) < 1 for k in ("/ca", "/CA")) or gs.get("/SMask", "/None") != "/None" \
                or gs.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
            return True
    for xobj in resources.get("/XObject", {}).values():
        if "/SMask" in xobj or "/Group" in xobj:
            return True
        if xobj.get("/Subtype") == "/Form" and uses_transparency(xobj.get("/Resources"), seen):
            return True
    return False


# -- PDF/X ------------------------------------------------------------------------


def add_output_intent(pdf: pikepdf.Pdf, profile: Path) -> None:
    icc = pdf.make_stream(profile.read_bytes())
    icc.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        OutputCondition=pikepdf.String(OUTPUT_INFO), Info=pikepdf.String(OUTPUT_INFO),
        RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=icc)])


def write_xmp(pdf: pikepdf.Pdf, info: dict[str, Any]) -> None:
    """The PDF/X parts of the metadata; the rest (identifiers, dates, Info in sync) is finish's."""
    pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-4")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.register_xml_namespace("http://www.npes.org/pdfx/ns/id/", "pdfxid")
        meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        meta["pdf:Trapped"] = "False"
