"""Checks over what the pages draw (from the walk's events): colour spaces everywhere, overprint,
transparency, image resolution, line widths, text sizes — and what the walk could not read."""

from __future__ import annotations

from collections import defaultdict

import pikepdf

from .findings import FAIL, MM, PASS, WARN, Finding, Profile
from .walk import Event, Malformed, SpaceInfo, Walker, _told, base_family, integer

_WHERE = {"content": "page content", "image": "images", "inline image": "inline images", "shading": "shadings",
          "pattern shading": "shading patterns", "page group": "the page transparency group",
          "soft mask group": "soft masks", "soft mask": "soft masks"}


_NOT_INKS = ("Cyan", "Magenta", "Yellow", "Black", "All", "None")  # process plates and PDF's special names


def _describe(space: object) -> str:
    if isinstance(space, SpaceInfo):
        return _told(space.description)
    if isinstance(space, pikepdf.Name):
        return str(space)[1:]
    family = str(space[0])[1:]
    if family == "ICCBased":
        return "ICC-based RGB"
    if family in ("Separation", "DeviceN") and base_family(space) == "spot":  # the inks, as the shop's list
        names = list(space[1]) if isinstance(space[1], pikepdf.Array) else [space[1]]
        return ", ".join(str(n)[1:] for n in names if str(n)[1:] not in _NOT_INKS)
    if family in ("Separation", "DeviceN"):
        return f"{family} with an RGB alternate"
    if family == "Indexed":
        return "Indexed over RGB"
    return family


def colour(events: list[Event]) -> list[Finding]:
    bad: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    inks: dict[str, None] = {}  # spot colours (Separation, DeviceN over CMYK or grey): PDF/X-4 allows them
    for e in events:
        family = base_family(e.obj)
        if family == "spot" and (named := _describe(e.obj)):
            inks[named] = None
        if family in ("rgb", "lab"):
            where = _WHERE.get(e.where, e.where if e.where.endswith("group") else e.where)
            bad[(family, _describe(e.obj), where)].append(e.page)
    out = []
    for (family, what, where), pages in bad.items():
        if family == "rgb":
            out.append(Finding("colour", FAIL, f"RGB colour ({what}) in {where}: it prints in converted, "
                               "unpredictable colours; convert to the output condition's CMYK", pages))
        else:
            out.append(Finding("colour", FAIL, f"Lab colour in {where}: the shop's CMYK workflow converts it "
                               "unpredictably; convert to CMYK", pages))
    if out:
        return out
    spots = f" and spot colour{'s' if len(inks) > 1 else ''} {'; '.join(inks)}" if inks else ""
    return [Finding("colour", PASS, f"CMYK{',' if spots else ' and'} grey{spots} only, in content, images, shadings, "
                    "groups and masks")]


def _white(space: object, values: tuple) -> bool:
    family = base_family(space)
    if family == "cmyk" and len(values) == 4:
        return all(v <= 0.001 for v in values)
    if family == "gray" and len(values) == 1:
        return values[0] >= 0.999
    if family == "rgb" and len(values) == 3:
        return all(v >= 0.999 for v in values)
    if family == "spot" and values:
        return all(v <= 0.001 for v in values)
    return False


def overprint(events: list[Event]) -> list[Finding]:
    white_text, white_other, coloured = [], [], []
    for e in events:
        p = e.paint
        if p is None or not p.overprint or e.kind != "paint":
            continue
        if _white(p.space, p.values):
            (white_text if e.where.startswith("text") else white_other).append(e.page)
        elif base_family(p.space) == "cmyk" and len(p.values) == 4 and any(v > 0.001 for v in p.values[:3]):
            coloured.append(e.page)
    out = []
    if white_text:
        out.append(Finding("overprint", FAIL, "white text set to overprint: it vanishes on press", white_text))
    if white_other:
        out.append(Finding("overprint", FAIL, "white objects set to overprint: they vanish on press", white_other))
    if coloured:
        out.append(Finding("overprint", WARN, "overprint on coloured (not black-only) objects: their inks mix "
                           "with what lies below", coloured))
    return out or [Finding("overprint", PASS, "only black-only objects overprint; nothing white overprints")]


def plates(events: list[Event], profile: Profile) -> list[Finding]:
    """Small text in many plates goes fuzzy out of register; reversed (white) text must be big and bold."""
    many, reversed_small = defaultdict(list), []
    for e in events:
        p = e.paint
        if e.kind != "paint" or e.where != "text" or p is None or not 0 < e.value < profile.small_text:
            continue
        if base_family(p.space) != "cmyk" or len(p.values) != 4:
            continue
        if _white(p.space, p.values):
            bold = any(w in str(e.obj) for w in ("Bold", "Black", "Heavy", "Semibold", "SemiBold"))
            if e.value < profile.reversed_min - 0.01 or not bold:
                reversed_small.append((e.page, e.value, bold))
            continue
        count = sum(v > 0.001 for v in p.values)
        if count > profile.max_plates:
            many[count].append((e.page, e.value))
    out = []
    for count, hits in sorted(many.items()):
        size = min(v for _, v in hits)
        out.append(Finding("plates", WARN, f"text under {profile.small_text:g} pt (from {size:.1f} pt) in {count} "
                           f"plates goes fuzzy out of register; use at most {profile.max_plates}",
                           [p for p, _ in hits]))
    if reversed_small:
        size = min(v for _, v, _ in reversed_small)
        out.append(Finding("reversed text", WARN, f"white text under {profile.small_text:g} pt (from {size:.1f} "
                           f"pt) should be bold and at least {profile.reversed_min:g} pt to survive misregister",
                           [p for p, _, _ in reversed_small]))
    if not out:
        out.append(Finding("plates", PASS, f"text under {profile.small_text:g} pt in at most {profile.max_plates} "
                           f"plates; reversed text bold, ≥ {profile.reversed_min:g} pt"))
    return out


def transparency(events: list[Event], pdf: pikepdf.Pdf) -> Finding:
    used = sorted({e.page for e in events if e.kind == "transparency"})
    grouped = set()
    for n, page in enumerate(pdf.pages, start=1):
        group = page.obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency" and "/CS" in group:
            grouped.add(n)
    missing = [n for n in used if n not in grouped]
    if missing:
        return Finding("transparency", WARN, "live transparency without a page group colour space: shops "
                       "want /Group with /CS /DeviceCMYK", missing)
    return Finding("transparency", PASS, "transparency blends in a CMYK page group" if used else "no transparency")


def images(events: list[Event], profile: Profile) -> Finding:
    low_fail, low_warn, worst = [], [], None
    lowest: dict[int, float] = {}  # page → its lowest resolution
    for ev in events:
        if ev.kind != "image":
            continue
        img = ev.obj
        if img.get("/ImageMask", False):
            continue
        w_pt = abs(ev.ctm.a) + abs(ev.ctm.c)
        h_pt = abs(ev.ctm.b) + abs(ev.ctm.d)
        if w_pt <= 0.01 or h_pt <= 0.01:
            continue
        ppi = min(integer(img.get("/Width")) / (w_pt / 72), integer(img.get("/Height")) / (h_pt / 72))
        worst = ppi if worst is None else min(worst, ppi)
        lowest[ev.page] = min(ppi, lowest.get(ev.page, ppi))
        if ppi + profile.ppi_slack < profile.ppi_fail:
            low_fail.append(ev.page)
        elif ppi + profile.ppi_slack < profile.ppi_warn:
            low_warn.append(ev.page)
    def each(pages: list[int]) -> str:  # each page's own lowest (one image's 173 ppi is not another's 282)
        pages = sorted(set(pages))
        if len(pages) == 1:
            return f"{lowest[pages[0]]:.0f} ppi"
        return ", ".join(f"{lowest[p]:.0f} ppi (page {p})" for p in pages)

    if low_fail:
        return Finding("images", FAIL, f"image resolution {each(low_fail)} at placed size (needs ≥ "
                       f"{profile.ppi_fail:g}, better {profile.ppi_warn:g})", low_fail)
    if low_warn:
        return Finding("images", WARN, f"image resolution {each(low_warn)} at placed size (print wants "
                       f"{profile.ppi_warn:g})", low_warn)
    if worst is None:
        return Finding("images", PASS, "no images")
    return Finding("images", PASS, f"images at least {worst:.0f} ppi at placed size")


def lines(events: list[Event], profile: Profile, trims: dict[int, list[float]]) -> Finding:
    """Thin lines inside the trim (crop marks outside it are a shop's own business)."""
    def inside(e: Event) -> bool:
        box, trim = e.obj, trims.get(e.page)
        return box is None or trim is None or (box[0] <= trim[2] and box[2] >= trim[0] and box[1] <= trim[3]
                                               and box[3] >= trim[1])
    thin = [e for e in events if e.kind == "stroke" and e.value < profile.min_line - 0.001 and inside(e)]
    if thin:
        thinnest = min(thin, key=lambda e: (e.value, e.page))
        return Finding("line width", FAIL, f"lines thinner than {profile.min_line} pt (thinnest {thinnest.value:.2f} "
                       f"pt{_place(thinnest, trims.get(thinnest.page))}) may vanish in print", [e.page for e in thin])
    return Finding("line width", PASS, f"all lines inside the trim ≥ {profile.min_line} pt")


def _place(e: Event, trim: list[float] | None) -> str:
    """Where a thin line is, to find it in a viewer: its page, its place from the trim's top left
    corner, and the form XObject it is drawn in (a chart or logo of ours is named /RptChart_<id>_…,
    /RptLogo_…)."""
    out = f" on page {e.page}"
    if e.obj is not None and trim is not None:
        x0, y0, x1, y1 = e.obj
        xs = sorted({round((x0 - trim[0]) / MM), round((x1 - trim[0]) / MM)})
        ys = sorted({round((trim[3] - y1) / MM), round((trim[3] - y0) / MM)})
        out += f", {'–'.join(map(str, xs))} mm from the left and {'–'.join(map(str, ys))} mm from the top"
    if e.where:
        out += f", in the form {e.where}"
    return out


def text(events: list[Event], profile: Profile) -> Finding:
    small = [e for e in events if e.kind == "text" and 0 < e.value < profile.min_text - 0.01]
    if small:
        return Finding("text size", FAIL, f"text below {profile.min_text:g} pt (smallest "
                       f"{min(e.value for e in small):.1f} pt)", [e.page for e in small])
    return Finding("text size", PASS, f"all text ≥ {profile.min_text:g} pt")


def structure(walker: Walker) -> list[Finding]:
    out = []
    if walker.problems:
        first = walker.problems[:3]
        more = len(walker.problems) - len(first)
        msg = "; ".join(f"page {p.page}: {p.message}" for p in first) + (f"; and {more} more" if more > 0 else "")
        out.append(Finding("structure", FAIL, f"malformed objects: {msg}", sorted({p.page for p in walker.problems})))
    if walker.stopped:
        out.append(Finding("complexity", FAIL, f"checking stopped at {walker.stopped}: the file needs more work "
                           "than preflight allows; later pages were not checked"))
    return out or [Finding("structure", PASS, "every content stream, form and resource well-formed")]


def malformed(check: str, exc: Exception) -> Finding:
    """A check that met an object it could not read: a finding, never a traceback."""
    reason = str(exc) if isinstance(exc, Malformed) else f"{type(exc).__name__}: {exc}"
    return Finding(check, FAIL, f"malformed PDF object, cannot check: {reason[:160]}")

