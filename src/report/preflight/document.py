"""File-level checks: PDF version, output intent (its profile parsed as ICC), XMP and Info, page count
against the binding, annotations and actions."""

from __future__ import annotations

import re

import pikepdf

from .findings import FAIL, MM, PASS, WARN, Finding, Profile
from .walk import Budget, Malformed, OutOfBudget, dictionary, integer, numbers, read_stream

ICC_HEADER = 128  # ICC.1:2010 §7.2: the profile header is 128 bytes


def version(pdf: pikepdf.Pdf, header: bytes, profile: Profile) -> Finding:
    """The header's version (and the catalog's /Version, which overrides it) must not exceed PDF/X's."""
    m = re.search(rb"%PDF-(\d\.\d)", header)
    found = m.group(1).decode() if m else "?"
    catalog = pdf.Root.get("/Version")
    if isinstance(catalog, pikepdf.Name) and re.fullmatch(r"/\d\.\d", str(catalog)):
        found = max(found, str(catalog)[1:])
    if found == "?" or found > profile.max_version:
        return Finding("pdf version", FAIL, f"PDF {found}: {profile.pdfx} allows at most PDF "
                       f"{profile.max_version}; save as {profile.pdfx} again")
    return Finding("pdf version", PASS, f"PDF {found}")


def parse_icc(data: bytes) -> str:
    """'' when data is a CMYK output (printer) profile, else what is wrong with it."""
    if len(data) < ICC_HEADER:
        return f"{len(data)} bytes, shorter than an ICC header"
    size = int.from_bytes(data[0:4], "big")
    if data[36:40] != b"acsp":
        return "no ICC signature 'acsp' (not an ICC profile)"
    if size != len(data):
        return f"the header says {size} bytes, the stream has {len(data)}"
    if data[12:16] != b"prtr":
        return f"profile class '{data[12:16].decode('latin-1').strip()}', not an output profile ('prtr')"
    if data[16:20] != b"CMYK":
        return f"colour space '{data[16:20].decode('latin-1').strip()}', not CMYK"
    return ""


def output_intent(pdf: pikepdf.Pdf, budget: Budget) -> Finding:
    intents = pdf.Root.get("/OutputIntents")
    if intents is None:
        intents = pikepdf.Array()
    if not isinstance(intents, pikepdf.Array):
        raise Malformed("/OutputIntents must be an array")
    for oi in intents:
        oi = dictionary(oi, "output intent", optional=False)
        if oi.get("/S") != "/GTS_PDFX":
            continue
        stream = oi.get("/DestOutputProfile")
        if stream is None:
            return Finding("output intent", FAIL, "PDF/X output intent without an embedded output profile")
        if integer(stream.get("/N", 0)) != 4:
            return Finding("output intent", FAIL, "the output intent's profile is not CMYK (/N is not 4)")
        try:
            problem = parse_icc(read_stream(stream, budget, "output profile"))
        except OutOfBudget as exc:
            problem = str(exc)
        if problem:
            return Finding("output intent", FAIL, f"the output profile is not a usable ICC profile: {problem}")
        return Finding("output intent", PASS,
                       f"{oi.get('/OutputConditionIdentifier')} with an embedded CMYK printer profile")
    return Finding("output intent", FAIL, "no PDF/X output intent: the print shop cannot tell the colour condition")


XMP_REQUIRED = ("pdfxid:GTS_PDFXVersion", "xmpMM:DocumentID", "xmpMM:InstanceID", "xmpMM:VersionID",
                "xmpMM:RenditionClass", "xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate", "dc:title")
# Info key → XMP property that must say the same (ISO 32000 §14.3.3 and PDF/X: kept in sync)
IN_SYNC = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description", "/Keywords": "pdf:Keywords",
           "/Producer": "pdf:Producer", "/Creator": "xmp:CreatorTool", "/CreationDate": "xmp:CreateDate",
           "/ModDate": "xmp:ModifyDate", "/Trapped": "pdf:Trapped"}


MAX_XMP = 4 * 2**20  # bytes: XMP packets are a few KB; a bigger one is not parsed (XML and Flate bombs)


def _xmp_ok(pdf: pikepdf.Pdf) -> str:
    """'' when the XMP stream may be parsed, else why not (read with the same bounded decoder as content)."""
    stream = pdf.Root.get("/Metadata")
    if stream is None:
        return ""
    try:
        read_stream(stream, Budget(stream=MAX_XMP, decoded=MAX_XMP), "XMP metadata")
    except (Malformed, OutOfBudget) as exc:
        return str(exc)
    return ""


def read_xmp(pdf: pikepdf.Pdf) -> dict[str, object]:
    out: dict[str, object] = {}
    problem = _xmp_ok(pdf)
    if problem:
        return {"": problem}
    try:
        meta = pdf.open_metadata()
        for key in (*XMP_REQUIRED, *IN_SYNC.values()):
            value = meta.get(key)
            if value is not None:
                out[key] = value
    except Exception:  # noqa: BLE001 - XMP that does not parse is a finding, whatever the parser raises
        return {"": "it does not parse"}
    return out


def _same(info: object, xmp: object, key: str) -> bool:
    if isinstance(xmp, (list, set)):
        xmp = ", ".join(str(v) for v in xmp)
    a, b = str(info), str(xmp)
    if key in ("/CreationDate", "/ModDate"):
        return _date(a) == _date(b)
    if key == "/Trapped":
        return a.lstrip("/") == b
    return a.strip() == b.strip()


def _date(text: str) -> str:
    """PDF (D:20171201120000Z, D:20171201120000+00'00') and XMP (2017-12-01T12:00:00+00:00) dates →
    one comparable form (UTC offsets are compared as written; Z and +00:00 are the same)."""
    digits = re.sub(r"[^0-9Z+\-]", "", text.replace("D:", "")).replace("Z", "+0000")
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})T?(\d{2})?:?(\d{2})?:?(\d{2})?([+\-]\d{2}:?\d{2})?", digits)
    if not m:
        return text
    y, mo, d, h, mi, s, tz = m.groups()
    tz = (tz or "+0000").replace(":", "")
    return f"{y}{mo}{d}{h or '00'}{mi or '00'}{s or '00'}{'+0000' if tz in ('-0000', '+0000') else tz}"


def xmp(pdf: pikepdf.Pdf, profile: Profile) -> list[Finding]:
    meta = read_xmp(pdf)
    if "" in meta:
        return [Finding("xmp", FAIL, f"the XMP metadata cannot be read: {meta['']}")]
    out = []
    version = meta.get("pdfxid:GTS_PDFXVersion")
    missing = [k for k in XMP_REQUIRED if not meta.get(k)]
    trapped = pdf.docinfo.get("/Trapped") if isinstance(pdf.docinfo, pikepdf.Dictionary) else None
    if version != profile.pdfx:
        out.append(Finding("xmp", FAIL, f"XMP does not declare {profile.pdfx} (found {version or 'nothing'})"))
    elif missing:
        out.append(Finding("xmp", FAIL, f"XMP lacks {', '.join(missing)}: automated upload checks reject the file"))
    elif trapped not in ("/True", "/False"):
        out.append(Finding("xmp", FAIL, "Trapped is not set to True or False"))
    else:
        out.append(Finding("xmp", PASS, f"XMP declares {profile.pdfx} with document and instance IDs"))
    differ = []
    for key, prop in IN_SYNC.items():
        info = pdf.docinfo.get(key) if isinstance(pdf.docinfo, pikepdf.Dictionary) else None
        value = meta.get(prop)
        if info is None and value is None:
            continue
        if info is None or value is None or not _same(info, value, key):
            differ.append(key[1:])
    if differ:
        out.append(Finding("metadata", WARN if version != profile.pdfx else FAIL,
                           f"Info and XMP differ in {', '.join(differ)}: PDF/X wants them in sync"))
    else:
        out.append(Finding("metadata", PASS, "Info and XMP agree"))
    return out


def page_count(pdf: pikepdf.Pdf, profile: Profile) -> Finding:
    n = len(pdf.pages)
    if profile.binding == "saddle" and n % 4:
        spread = " (a perfect-bound cover spread? --binding cover)" if n == 1 and _landscape(pdf.pages[0]) else ""
        return Finding("page count", FAIL, f"{n} page{'s' if n != 1 else ''}: saddle stitching needs a multiple of 4 "
                       f"({n + (-n) % 4} pages, the back cover last){spread}")
    if profile.binding == "perfect" and n % 2:
        return Finding("page count", FAIL, f"{n} pages: perfect binding needs an even count")
    if profile.binding == "cover":
        if n != 1:
            return Finding("page count", FAIL, f"{n} pages: a cover spread is one page (back cover, spine, front "
                           "cover), the text block a file of its own")
        x0, y0, x1, y1 = _trim(pdf.pages[0])
        return Finding("page count", PASS,
                       f"1 page: a cover spread, trim {(x1 - x0) / MM:.1f} × {(y1 - y0) / MM:.1f} mm")
    rule = {"saddle": "a multiple of 4 for saddle stitching", "perfect": "even for perfect binding",
            "none": "no binding rule"}[profile.binding]
    return Finding("page count", PASS, f"{n} pages ({rule})")


def _landscape(page: pikepdf.Page) -> bool:
    """Wider than high (a cover spread, perhaps); a malformed box is the boxes check's finding."""
    try:
        box = _trim(page)
    except Malformed:
        return False
    return box[2] - box[0] > box[3] - box[1]


def _trim(page: pikepdf.Page) -> list[float]:
    box = page.obj.get("/TrimBox") or page.obj.get("/CropBox") or page.mediabox
    return numbers(box, 4, "TrimBox")


def annotations(pdf: pikepdf.Pdf) -> Finding:
    """Annotations inside the trim and any JavaScript or action: PDF/X forbids both in the printed area."""
    inside, scripts, problems = [], [], []
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        scripts.append(1)
    if isinstance(pdf.Root.get("/OpenAction"), pikepdf.Dictionary) or "/AA" in pdf.Root:
        scripts.append(1)
    for n, page in enumerate(pdf.pages, start=1):
        if "/AA" in page.obj:
            scripts.append(n)
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        try:
            if not isinstance(annots, pikepdf.Array):
                raise Malformed("/Annots must be an array")
            t = _trim(page)
            for annot in annots:
                annot = dictionary(annot, "annotation", optional=False)
                if annot.get("/Subtype") in ("/PrinterMark", "/TrapNet"):
                    continue
                if "/A" in annot and isinstance(annot.A, pikepdf.Dictionary) and annot.A.get("/S") == "/JavaScript":
                    scripts.append(n)
                r = numbers(annot.get("/Rect"), 4, "annotation /Rect")
                x0, x1, y0, y1 = min(r[0], r[2]), max(r[0], r[2]), min(r[1], r[3]), max(r[1], r[3])
                if x0 < t[2] and x1 > t[0] and y0 < t[3] and y1 > t[1]:
                    inside.append(n)
        except Malformed as exc:
            problems.append(f"page {n}: {exc}")
    if scripts:
        return Finding("annotations", FAIL, "JavaScript or actions in a print file: PDF/X forbids them",
                       sorted(set(scripts)))
    if inside or problems:
        return Finding("annotations", FAIL, "annotations (links, comments, form fields) inside the trim: "
                       "PDF/X forbids them in the printed area" + (f"; {problems[0]}" if problems else ""),
                       inside)
    return Finding("annotations", PASS, "no annotations or actions in the printed area")


def screen_note(pdf: pikepdf.Pdf, name: str) -> str:
    """A sentence for our own screen edition passed to preflight: which file to send to print instead."""
    rendition = ""
    try:
        if not _xmp_ok(pdf):
            rendition = str(pdf.open_metadata().get("xmpMM:RenditionClass") or "")
    except Exception:  # noqa: BLE001 - unreadable XMP is reported by the xmp check
        rendition = ""
    if rendition != "screen" and not name.endswith("-screen.pdf"):
        return ""
    target = name[:-len("-screen.pdf")] + "-print.pdf" if name.endswith("-screen.pdf") else "the print edition"
    return (f"This is the screen edition (RGB, no bleed, for reading on screens); it is not meant for print. "
            f"Send {target} to the print shop.")
