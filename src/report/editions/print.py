"""The print edition: PDF/X-4 for offset printing.

Real bleed (the page is trim + bleed + room for marks; backgrounds reach the
bleed edge), crop marks and a slug line outside the bleed, every colour in
DeviceCMYK (charts converted through the theme), 100 % K text overprinting,
images converted to CMYK through the output-intent profile, OutputIntent and
XMP for PDF/X-4. Nothing here decides the design: colours come from the theme.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pikepdf
from PIL import Image, ImageCms
from reportlab.lib.colors import CMYKColor

from ..cache import file_digest
from ..clock import build_time
from ..errors import Diagnostic, Pos, ReportError
from ..layout.templates import Geometry
from ..locale import Locale, get_locale
from ..theme import Theme
from . import Edition, flatten

MM = 72 / 25.4
BLEED_MM = 3.0  # German print shops' standard bleed
SLUG_MM = 10.0  # room outside the bleed for crop marks and the slug line
MARK_GAP_MM = 1.0  # crop marks start this far outside the bleed box
MARK_LEN_MM = 5.5
MARK_WIDTH = 0.25  # pt: the thinnest line print shops accept
SLUG_SIZE = 6.0  # pt: the smallest text print shops accept
MIN_PPI_ERROR, MIN_PPI_WARN = 150, 300
PROFILE = "icc/FOGRA39L_300.icc"  # relative to assets/
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_INFO = "Coated FOGRA39 (ISO 12647-2:2004), offset printing on coated paper, 300 % TAC"
REGISTRATION = CMYKColor(1, 1, 1, 1)  # marks print on every plate


@dataclass(frozen=True)
class PrintEdition(Edition):
    name: str = "print"
    colour_mode: str = "cmyk"
    bleed_mm: float = BLEED_MM
    slug_mm: float = SLUG_MM
    pdf_version: str = "1.6"  # PDF/X-4 is based on PDF 1.6
    marks: bool = True
    file_name: str = ""
    locale: Locale = field(default_factory=lambda: get_locale("en-GB"))  # words and date of the slug line
    profile: Path | None = None

    def for_document(self, doc: Any) -> PrintEdition:
        profile = doc.assets_dir / PROFILE
        if not profile.is_file():
            raise ReportError([Diagnostic(f"the print colour profile {PROFILE} is missing in {doc.assets_dir}",
                                          Pos(profile), "copy assets/icc/ from the report repository, or "
                                          "build it with tools/make_icc_profile.sh")])
        return replace(self, file_name=f"{doc.report.name}-{self.name}.pdf", profile=profile,
                       locale=get_locale(doc.report.language), warnings=[])

    # -- images ---------------------------------------------------------------

    def prepare_image(self, path: Path, width: float, height: float) -> Any:
        with Image.open(path) as im:
            ppi = min(im.width / (width / 72), im.height / (height / 72))
            placed = f"{width / MM:.0f} × {height / MM:.0f} mm"
            if ppi + 0.5 < MIN_PPI_ERROR:
                raise ReportError([Diagnostic(
                    f"image {path.name} has only {ppi:.0f} ppi at its placed size of {placed}", Pos(path),
                    f"print needs {MIN_PPI_WARN} ppi: supply at least {round(width / 72 * MIN_PPI_WARN)} × "
                    f"{round(height / 72 * MIN_PPI_WARN)} pixels")])
            if ppi + 0.5 < MIN_PPI_WARN:
                self.warnings.append(Diagnostic(
                    f"image {path.name} has {ppi:.0f} ppi at its placed size of {placed} (print wants "
                    f"{MIN_PPI_WARN})", Pos(path), "a larger original prints sharper", "warning"))

        def convert() -> bytes:
            with Image.open(path) as im:
                buf = io.BytesIO()
                to_cmyk(im, self.profile).save(buf, "JPEG", quality=92, dpi=(round(ppi), round(ppi)))
            return buf.getvalue()
        return self.cached_image(path, width, height, convert, variant=file_digest(self.profile))

    # -- marks ----------------------------------------------------------------

    def page_hook(self, canv: Any, geometry: Geometry, page: int) -> None:
        if not self.marks:
            return
        o, b = geometry.offset, geometry.bleed
        x0, y0, x1, y1 = geometry.trim_box
        start, end = b + MARK_GAP_MM * MM, b + (MARK_GAP_MM + MARK_LEN_MM) * MM
        canv.saveState()
        canv.setStrokeColor(REGISTRATION)
        canv.setLineWidth(MARK_WIDTH)
        for x, sx in ((x0, -1), (x1, 1)):
            for y, sy in ((y0, -1), (y1, 1)):
                canv.line(x + sx * start, y, x + sx * end, y)  # horizontal mark on the trim line
                canv.line(x, y + sy * start, x, y + sy * end)  # vertical mark
        canv.setFillColor(CMYKColor(0, 0, 0, 1))
        canv.setFont(canv._fontname, SLUG_SIZE)
        canv.drawString(x0 + end, o - b - (MARK_GAP_MM + MARK_LEN_MM) * MM,
                        f"{self.file_name} · {self.locale.label('page')} {page} · {self.locale.when(build_time())}")
        canv.restoreState()

    # -- finishing ------------------------------------------------------------

    def finish(self, pdf: pikepdf.Pdf, geometry: Geometry, theme: Theme, info: dict[str, Any]) -> None:
        convert = ColourConverter(theme, self.profile)
        for page in pdf.pages:
            page.obj.TrimBox = pikepdf.Array(geometry.trim_box)
            page.obj.BleedBox = pikepdf.Array(geometry.bleed_box)
            if "/Annots" in page.obj:  # links have no meaning on paper; PDF/X wants none in the bleed box
                del page.obj.Annots
            page.contents_coalesce()
            to_cmyk_stream(pdf, page.obj, convert, set())
        add_output_intent(pdf, self.profile)
        write_xmp(pdf, info)


# -- colour ----------------------------------------------------------------------


@lru_cache(maxsize=4)
def _transform(profile: Path) -> Any:
    srgb = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(srgb, ImageCms.getOpenProfile(str(profile)), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def to_cmyk(im: Image.Image, profile: Path) -> Image.Image:
    """An image in the output condition's CMYK, through the ICC profile."""
    if im.mode == "CMYK":
        return im
    return ImageCms.applyTransform(flatten(im), _transform(profile))


class ColourConverter:
    """RGB (from matplotlib) → CMYK: theme colours to their own CMYK, greys to K only, else the profile."""

    def __init__(self, theme: Theme, profile: Path):
        self.profile = profile
        self.known = {}
        for name in ("ink", "primary", "accent", "secondary", "tint", "muted", "rule", "paper"):
            c = theme.colour(name)
            self.known[tuple(round(v * 255) for v in c.rgb_floats)] = c.cmyk_floats

    def __call__(self, r: float, g: float, b: float) -> tuple[float, float, float, float]:
        key = (round(r * 255), round(g * 255), round(b * 255))
        if key in self.known:
            return self.known[key]
        if key[0] == key[1] == key[2]:
            return 0.0, 0.0, 0.0, round(1 - r, 4)
        px = Image.new("RGB", (1, 1), key)
        return tuple(round(v / 255, 4) for v in to_cmyk(px, self.profile).getpixel((0, 0)))


_OP = {"rg": "k", "RG": "K", "g": "k", "G": "K"}
OVERPRINT, KNOCKOUT = "/RptOverprint", "/RptKnockout"


def to_cmyk_stream(pdf: pikepdf.Pdf, container: Any, convert: ColourConverter, done: set) -> None:
    """Rewrite a content stream (and its forms) to DeviceCMYK; 100 % K fills overprint."""
    if container.objgen in done and container.objgen != (0, 0):
        return
    done.add(container.objgen)
    out = []
    for ins in pikepdf.parse_content_stream(container):
        if isinstance(ins, pikepdf.ContentStreamInlineImage):
            out.append(ins)
            continue
        op, operands = str(ins.operator), list(ins.operands)
        if op in ("rg", "RG") and len(operands) == 3 or op in ("g", "G") and len(operands) == 1:
            rgb = [float(v) for v in operands] * (3 if len(operands) == 1 else 1)
            cmyk = convert(*rgb)
            out.append(pikepdf.ContentStreamInstruction([round(v, 4) for v in cmyk], pikepdf.Operator(_OP[op])))
            op, operands = _OP[op], list(cmyk)
        elif op in ("cs", "CS") and operands and operands[0] in ("/DeviceRGB", "/DeviceGray"):
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Name.DeviceCMYK], pikepdf.Operator(op)))
            continue
        else:
            out.append(ins)
        if op == "k" and len(operands) == 4:
            black = [float(v) for v in operands] == [0, 0, 0, 1]
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Name(OVERPRINT if black else KNOCKOUT)],
                                                        pikepdf.Operator("gs")))
    target = container.Contents if container.get("/Type") == "/Page" else container
    target.write(pikepdf.unparse_content_stream(out))
    resources = container.get("/Resources")
    if resources is None:
        resources = container.Resources = pikepdf.Dictionary()
    if "/ExtGState" not in resources:
        resources.ExtGState = pikepdf.Dictionary()
    resources.ExtGState[OVERPRINT] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=True, OP=True, OPM=1)
    resources.ExtGState[KNOCKOUT] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, op=False, OP=False)
    for xobj in resources.get("/XObject", {}).values():
        if xobj.get("/Subtype") == "/Form":
            to_cmyk_stream(pdf, xobj, convert, done)


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
    when = build_time().isoformat()
    pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-4")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.register_xml_namespace("http://www.npes.org/pdfx/ns/id/", "pdfxid")
        meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        meta["dc:title"] = info["title"]
        meta["dc:creator"] = [info["author"]]
        meta["dc:description"] = info["description"]
        meta["dc:language"] = [info["lang"]]
        meta["pdf:Keywords"] = info["keywords"]
        meta["pdf:Producer"] = "report (reportlab, pikepdf)"
        meta["pdf:Trapped"] = "False"
        meta["xmp:CreatorTool"] = "report"
        meta["xmp:CreateDate"] = when
        meta["xmp:ModifyDate"] = when
        meta["xmp:MetadataDate"] = when
