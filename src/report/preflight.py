"""Preflight: check any PDF against what a German print shop expects of a PDF/X-4 file.

Returns findings as data (check, status, message, pages); the CLI prints them.
Rules: fonts embedded; TrimBox and BleedBox on every page, nested, with ≥ 3 mm
bleed; no RGB (DeviceRGB or RGB ICC) in content or images; a CMYK output
intent; PDF/X-4 in XMP; images ≥ 300 ppi at placed size (warn), ≥ 150 (fail);
lines ≥ 0.25 pt; text ≥ 6 pt; no encryption.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .pdfstream import Event, walk_page

MM = 72 / 25.4
MIN_BLEED = 3 * MM - 0.01  # ISO 12647 practice in Germany: 3 mm
MIN_LINE = 0.25  # pt
MIN_TEXT = 6.0  # pt
PPI_FAIL, PPI_WARN = 150, 300
PPI_SLACK = 0.5  # 2551 px over 216 mm is 299.97 ppi: rounding, not a problem
PASS, WARN, FAIL = "pass", "warn", "fail"


@dataclass
class Finding:
    check: str
    status: str
    message: str
    pages: list[int] = field(default_factory=list)

    def format(self) -> str:
        where = f" (pages {_ranges(self.pages)})" if self.pages else ""
        return f"{self.status.upper():4}  {self.check:<16} {self.message}{where}"


@dataclass
class Report:
    findings: list[Finding]

    @property
    def failed(self) -> bool:
        return any(f.status == FAIL for f in self.findings)

    def format(self) -> str:
        return "\n".join(f.format() for f in self.findings)


def _ranges(pages: list[int]) -> str:
    pages = sorted(set(pages))
    out, start = [], None
    for i, p in enumerate(pages):
        if start is None:
            start = p
        if i + 1 == len(pages) or pages[i + 1] != p + 1:
            out.append(str(start) if start == p else f"{start}–{p}")
            start = None
    return ", ".join(out)


def preflight(source: Path | bytes) -> Report:
    """Check a PDF file (path or bytes)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return Report([Finding("encryption", FAIL, "the PDF is encrypted; print shops need it unencrypted")])
    except pikepdf.PdfError as exc:
        return Report([Finding("file", FAIL, f"not a readable PDF: {exc}")])
    with pdf:
        return Report(_check(pdf))


def _check(pdf: pikepdf.Pdf) -> list[Finding]:
    findings: list[Finding] = []
    findings.append(Finding("encryption", FAIL, "the PDF is encrypted") if pdf.is_encrypted
                    else Finding("encryption", PASS, "not encrypted"))
    findings += _boxes(pdf)
    events: dict[str, list[Event]] = defaultdict(list)
    for number, page in enumerate(pdf.pages, start=1):
        for ev in walk_page(page, number):
            events[ev.kind].append(ev)
    findings.append(_fonts(pdf))
    findings.append(_colour(events))
    findings.append(_images(events))
    findings.append(_lines(events))
    findings.append(_text(events))
    findings.append(_output_intent(pdf))
    findings.append(_xmp(pdf))
    return findings


def _boxes(pdf: pikepdf.Pdf) -> list[Finding]:
    no_trim, no_bleed, small, not_nested = [], [], [], []
    for n, page in enumerate(pdf.pages, start=1):
        media = [float(v) for v in page.obj.get("/MediaBox", page.mediabox)]
        trim = page.obj.get("/TrimBox")
        bleed = page.obj.get("/BleedBox")
        if trim is None:
            no_trim.append(n)
            continue
        t = [float(v) for v in trim]
        if bleed is None:
            no_bleed.append(n)
            continue
        b = [float(v) for v in bleed]
        if min(t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3]) < MIN_BLEED:
            small.append(n)
        eps = 0.01  # boxes are written rounded to a few decimals; a bleed box equal to the page is nested
        if not (media[0] - eps <= b[0] and media[1] - eps <= b[1] and b[2] <= media[2] + eps
                and b[3] <= media[3] + eps):
            not_nested.append(n)
    out = [Finding("trim box", FAIL, "TrimBox missing: the print shop cannot tell the final size", no_trim)
           if no_trim else Finding("trim box", PASS, "TrimBox on every page")]
    if no_bleed or small:
        out.append(Finding("bleed", FAIL, "BleedBox missing or bleed under 3 mm: white edges after cutting",
                           sorted(no_bleed + small)))
    elif not no_trim:
        out.append(Finding("bleed", PASS, "BleedBox with ≥ 3 mm bleed on every side"))
    if not_nested:
        out.append(Finding("boxes", FAIL, "BleedBox extends beyond the MediaBox", not_nested))
    return out


def _font_dicts(resources: pikepdf.Dictionary, seen: set) -> list[pikepdf.Dictionary]:
    out = []
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return out
    seen.add(resources.objgen)
    for font in resources.get("/Font", {}).values():
        out.append(font)
    for xobj in resources.get("/XObject", {}).values():
        if xobj.get("/Subtype") == "/Form":
            out += _font_dicts(xobj.get("/Resources"), seen)
    return out


def _fonts(pdf: pikepdf.Pdf) -> Finding:
    missing, pages = set(), []
    seen: set = set()
    for n, page in enumerate(pdf.pages, start=1):
        for font in _font_dicts(page.obj.get("/Resources"), seen):
            if font.get("/Subtype") == "/Type3":
                continue  # glyphs are drawn by the PDF itself
            for f in [font, *font.get("/DescendantFonts", [])]:
                if f.get("/Subtype") == "/Type0":
                    continue
                desc = f.get("/FontDescriptor")
                if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.add(str(f.get("/BaseFont", "?"))[1:])
                    pages.append(n)
    if missing:
        return Finding("fonts", FAIL, f"not embedded: {', '.join(sorted(missing))}", pages)
    return Finding("fonts", PASS, "all fonts embedded")


def _is_rgb_space(space: object) -> bool:
    if isinstance(space, pikepdf.Name):
        return space in ("/DeviceRGB", "/CalRGB")
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        if space[0] == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if space[0] in ("/Indexed", "/Separation", "/DeviceN"):
            return _is_rgb_space(space[1] if space[0] == "/Indexed" else space[2])
        return space[0] in ("/CalRGB",)
    return False


def _colour(events: dict[str, list[Event]]) -> Finding:
    pages = [e.page for e in events["colour"] if e.op in ("rg", "RG")
             or (e.op in ("cs", "CS") and e.operands and str(e.operands[0]) == "/DeviceRGB")]
    if pages:
        return Finding("colour", FAIL, "RGB colour in page content: it will print in converted, unpredictable "
                       "colours; use CMYK", pages)
    return Finding("colour", PASS, "no RGB colour operators in page content")


def _images(events: dict[str, list[Event]]) -> Finding:
    rgb_pages, low_fail, low_warn, worst = [], [], [], None
    for ev in events["image"]:
        img = ev.obj
        if ev.op == "BI":
            continue
        if img.get("/ImageMask", False):
            continue
        if _is_rgb_space(img.get("/ColorSpace")):
            rgb_pages.append(ev.page)
        w_pt = abs(ev.ctm.a) + abs(ev.ctm.c)
        h_pt = abs(ev.ctm.b) + abs(ev.ctm.d)
        if w_pt <= 0 or h_pt <= 0:
            continue
        ppi = min(int(img.Width) / (w_pt / 72), int(img.Height) / (h_pt / 72))
        worst = ppi if worst is None else min(worst, ppi)
        if ppi + PPI_SLACK < PPI_FAIL:
            low_fail.append(ev.page)
        elif ppi + PPI_SLACK < PPI_WARN:
            low_warn.append(ev.page)
    if rgb_pages:
        return Finding("images", FAIL, "RGB images: convert them to CMYK for the output condition", rgb_pages)
    if low_fail:
        return Finding("images", FAIL, f"image resolution {worst:.0f} ppi at placed size (needs ≥ {PPI_FAIL}, "
                       f"better {PPI_WARN})", low_fail)
    if low_warn:
        return Finding("images", WARN, f"image resolution {worst:.0f} ppi at placed size (print wants "
                       f"{PPI_WARN})", low_warn)
    if worst is None:
        return Finding("images", PASS, "no images")
    return Finding("images", PASS, f"CMYK images, at least {worst:.0f} ppi at placed size")


def _lines(events: dict[str, list[Event]]) -> Finding:
    thin = [e for e in events["stroke"] if e.value < MIN_LINE]
    if thin:
        thinnest = min(e.value for e in thin)
        return Finding("line width", FAIL, f"lines thinner than {MIN_LINE} pt (thinnest {thinnest:.2f} pt) "
                       "may vanish in print", [e.page for e in thin])
    return Finding("line width", PASS, f"all lines ≥ {MIN_LINE} pt")


def _text(events: dict[str, list[Event]]) -> Finding:
    small = [e for e in events["text"] if 0 < e.value < MIN_TEXT - 0.01]
    if small:
        return Finding("text size", FAIL, f"text below {MIN_TEXT:g} pt (smallest {min(e.value for e in small):.1f} pt)",
                       [e.page for e in small])
    return Finding("text size", PASS, f"all text ≥ {MIN_TEXT:g} pt")


def _output_intent(pdf: pikepdf.Pdf) -> Finding:
    for oi in pdf.Root.get("/OutputIntents", []):
        if oi.get("/S") == "/GTS_PDFX":
            profile = oi.get("/DestOutputProfile")
            if profile is None or int(profile.get("/N", 0)) != 4:
                return Finding("output intent", FAIL, "PDF/X output intent without an embedded CMYK profile")
            return Finding("output intent", PASS, f"{oi.get('/OutputConditionIdentifier')} with embedded CMYK profile")
    return Finding("output intent", FAIL, "no PDF/X output intent: the print shop cannot tell the colour condition")


def _xmp(pdf: pikepdf.Pdf) -> Finding:
    try:
        meta = pdf.open_metadata()
        version = meta.get("pdfxid:GTS_PDFXVersion") if len(meta) else None
    except Exception:  # malformed XMP is a finding, not a crash
        version = None
    if version != "PDF/X-4":
        return Finding("xmp", FAIL, f"XMP does not declare PDF/X-4 (found {version or 'nothing'})")
    trapped = pdf.docinfo.get("/Trapped")
    if trapped not in ("/True", "/False"):
        return Finding("xmp", FAIL, "Trapped is not set to True or False")
    return Finding("xmp", PASS, "XMP declares PDF/X-4; Trapped set")

