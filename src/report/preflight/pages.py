"""Page-level checks that need no content walk: boxes and bleed, fonts embedded."""

from __future__ import annotations

import pikepdf

from .findings import FAIL, MM, PASS, Finding, Profile, bleed_text
from .walk import Malformed, dictionary, numbers

TRIM_SLACK = 0.05  # pt: boxes are written rounded to a few decimals


def boxes(pdf: pikepdf.Pdf, profile: Profile) -> list[Finding]:
    no_trim, no_bleed, small, not_nested, bad, sized = [], [], [], [], [], []
    for n, page in enumerate(pdf.pages, start=1):
        try:
            media = numbers(page.obj.get("/MediaBox", page.mediabox), 4, "MediaBox")
            trim = page.obj.get("/TrimBox")
            bleed = page.obj.get("/BleedBox")
            if trim is None:
                no_trim.append(n)
                continue
            t = numbers(trim, 4, "TrimBox")
            if profile.trim is not None and max(abs(t[2] - t[0] - profile.trim[0]),
                                                abs(t[3] - t[1] - profile.trim[1])) > TRIM_SLACK:
                sized.append((n, t[2] - t[0], t[3] - t[1]))
            if bleed is None:
                no_bleed.append(n)
                continue
            b = numbers(bleed, 4, "BleedBox")
        except Malformed as exc:
            bad.append((n, str(exc)))
            continue
        if min(t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3]) < profile.min_bleed:
            small.append(n)
        eps = 0.01  # boxes are written rounded to a few decimals; a bleed box equal to the page is nested
        if not (media[0] - eps <= b[0] and media[1] - eps <= b[1] and b[2] <= media[2] + eps
                and b[3] <= media[3] + eps):
            not_nested.append(n)
    out = []
    if bad:
        out.append(Finding("boxes", FAIL, f"malformed page box: {bad[0][1]}", [n for n, _ in bad]))
    out.append(Finding("trim box", FAIL, "TrimBox missing: the print shop cannot tell the final size", no_trim)
               if no_trim else Finding("trim box", PASS, "TrimBox on every page"))
    if no_bleed or small:
        out.append(Finding("bleed", FAIL, f"BleedBox missing or bleed under {bleed_text(profile.min_bleed)}: white "
                           "edges after cutting", sorted(no_bleed + small)))
    elif not no_trim and not bad:
        out.append(Finding("bleed", PASS, f"BleedBox with ≥ {bleed_text(profile.min_bleed)} bleed on every side"))
    if not_nested:
        out.append(Finding("boxes", FAIL, "BleedBox extends beyond the MediaBox", not_nested))
    if profile.trim is not None:
        want = f"{profile.trim[0] / MM:.1f} × {profile.trim[1] / MM:.1f} mm"
        out.append(Finding("trim size", FAIL, f"TrimBox {sized[0][1] / MM:.1f} × {sized[0][2] / MM:.1f} mm, the job is "
                           f"{want}", [n for n, _w, _h in sized]) if sized else
                   Finding("trim size", PASS, f"TrimBox {want} on every page, as the job is"))
    return out


def _fonts_of(resources: object, seen: set, depth: int = 0) -> list:
    resources = dictionary(resources, "/Resources")
    if resources is None or depth > 12 or resources.objgen in seen and resources.objgen != (0, 0):
        return []
    seen.add(resources.objgen)
    out = list((dictionary(resources.get("/Font"), "/Font resources") or {}).values())
    for xobj in (dictionary(resources.get("/XObject"), "/XObject resources") or {}).values():
        if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == "/Form":
            out += _fonts_of(xobj.get("/Resources"), seen, depth + 1)
    return out


def fonts(pdf: pikepdf.Pdf) -> Finding:
    missing, pages, bad = set(), [], []
    seen: set = set()
    for n, page in enumerate(pdf.pages, start=1):
        try:
            for font in _fonts_of(page.obj.get("/Resources"), seen):
                font = dictionary(font, "font", optional=False)
                if font.get("/Subtype") == "/Type3":
                    continue  # glyphs are drawn by the PDF itself
                descendants = font.get("/DescendantFonts", pikepdf.Array())
                if not isinstance(descendants, pikepdf.Array):
                    raise Malformed("/DescendantFonts must be an array")
                for f in [font, *descendants]:
                    f = dictionary(f, "font", optional=False)
                    if f.get("/Subtype") == "/Type0":
                        continue
                    desc = dictionary(f.get("/FontDescriptor"), "/FontDescriptor")
                    if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        missing.add(str(f.get("/BaseFont", "?")).lstrip("/"))
                        pages.append(n)
        except Malformed as exc:
            bad.append((n, str(exc)))
    if bad:
        return Finding("fonts", FAIL, f"malformed font: {bad[0][1]}", [n for n, _ in bad])
    if missing:
        return Finding("fonts", FAIL, f"not embedded: {', '.join(sorted(missing))}", pages)
    return Finding("fonts", PASS, "all fonts embedded")
