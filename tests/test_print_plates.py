"""Small text in at most two plates and reversed text bold and ≥ 8 pt: the theme's plate rule, the
print edition following it, preflight warning where a file does not."""

from __future__ import annotations

import io
import re

import pikepdf

from report.build import build
from report.preflight import DEFAULT_PROFILE, PASS, WARN, preflight
from report.theme import plate_count


def findings(data: bytes, check: str) -> list:
    report = preflight(data, DEFAULT_PROFILE, render=False)
    return [f for f in report.findings if f.check == check]


def with_content(data: bytes, page: int, ops: str) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        font = str(next(iter(pdf.pages[page].obj.Resources.Font.keys())))
        pdf.pages[page].contents_add(pdf.make_stream(ops.replace("FONT", font).encode()), prepend=False)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def test_the_sample_keeps_small_text_in_two_plates(print_pdf):
    data = print_pdf.read_bytes()
    assert [f.status for f in findings(data, "plates")] == [PASS]
    assert not findings(data, "reversed text")


def test_running_head_uses_the_two_plate_build_of_primary(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        content = pdf.pages[2].Contents.read_bytes()
    # the 7.5 pt running head: primary 100/60/10/30 becomes the theme's build 100/70/0/0 for the text
    assert re.search(rb"7\.5 Tf.*?1 0?\.7 0 0 k\s+(<[0-9a-f]+>|\(.*?\)) Tj\s+1 0?\.6 0?\.1 0?\.3 k", content, re.S)


def test_small_text_in_four_plates_warns(print_pdf):
    data = with_content(print_pdf.read_bytes(), 2, "BT FONT 7 Tf 100 100 Td 1 .6 .1 .3 k (klein) Tj ET")
    plates = findings(data, "plates")
    assert [(f.status, f.pages) for f in plates] == [(WARN, [3])]
    assert "text under 12 pt (from 7.0 pt) in 4 plates" in plates[0].message


def test_small_reversed_text_warns(print_pdf):
    data = with_content(print_pdf.read_bytes(), 0, "BT FONT 7 Tf 100 300 Td 0 0 0 0 k (weiss) Tj ET")
    rev = findings(data, "reversed text")
    assert [(f.status, f.pages) for f in rev] == [(WARN, [1])]
    assert "should be bold and at least 8 pt" in rev[0].message


def test_theme_colour_for_small_text_with_too_many_plates_warns(project, tmp_path):
    (project / "theme.yaml").write_text("plates:\n  text_builds:\n    primary: [100, 60, 10, 0]\n",
                                        encoding="utf-8")
    result = build(project, tmp_path / "out", ["print"])
    messages = [w.format() for w in result.warnings]
    hit = [m for m in messages if "text_builds.primary" in m]
    assert hit and "3 plates" in hit[0] and "theme.yaml:3" in hit[0], messages


def small_texts(content: pikepdf.Object) -> list[tuple[float, tuple[float, ...], bool]]:
    """Each text shown on a page: its size, its CMYK fill and whether it overprints."""
    out, size, fill, over, saved = [], 0.0, (), False, []
    for ins in pikepdf.parse_content_stream(content):
        op = str(ins.operator)
        if op == "q":
            saved.append((size, fill, over))
        elif op == "Q" and saved:
            size, fill, over = saved.pop()
        elif op == "Tf":
            size = float(ins.operands[1])
        elif op == "k":
            fill = tuple(float(v) for v in ins.operands)
        elif op == "gs" and str(ins.operands[0]) in ("/RptOverprint", "/RptKnockout"):
            over = str(ins.operands[0]) == "/RptOverprint"
        elif op in ("Tj", "TJ"):
            out.append((size, fill, over))
    return out


def printed_difference(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """CIEDE2000 between two CMYK colours (percent) as they print through the print edition's profile."""
    from report.colours import delta_e2000, lab, printed

    from .conftest import ASSETS
    first, second = printed([a, b], ASSETS / "icc" / "FOGRA39L_300.icc")
    return delta_e2000(lab(first), lab(second))


def test_a_colour_of_ones_own_drops_the_default_themes_build(project, tmp_path):
    """The default theme's small-text build for primary (100/70/0/0) belongs to its blue: a theme
    that makes primary bordeaux printed the running head blue, silently. Small text now prints in the
    own colour's closest build of two plates, and the warning that says so points at the user's
    theme.yaml, not the package's."""
    (project / "theme.yaml").write_text(
        "colours:\n  primary: {cmyk: [20, 95, 45, 35], rgb: '#7a1f3d'}\n"
        "  accent: {cmyk: [0, 35, 95, 10], rgb: '#e3a21a'}\n",
        encoding="utf-8")
    result = build(project, tmp_path / "out", ["print"])
    messages = [w.format() for w in result.warnings]
    primary = [m for m in messages if "colour primary 20/95/45/35" in m]
    accent = [m for m in messages if "colour accent 0/35/95/10" in m]
    assert primary and "theme.yaml:2:12: warning" in primary[0], messages
    assert "has 4 plates: running head and chart labels under 12 pt print in " in primary[0]
    assert accent and "theme.yaml:3:11: warning" in accent[0], messages
    with pikepdf.open(result.outputs[0].path) as pdf:
        head = [fill for size, fill, _ in small_texts(pdf.pages[2].Contents) if size == 7.5]
    build_ = tuple(round(v * 100, 2) for v in head[0])
    assert plate_count(build_) == 2 and f"print in {'/'.join(f'{v:g}' for v in build_)}," in primary[0]
    assert printed_difference(build_, (20, 95, 45, 35)) < printed_difference((0, 95, 45, 0), (20, 95, 45, 35))


def test_dark_colours_print_small_text_in_their_closest_build(project, tmp_path):
    """A near-black navy 90/75/45/60 set its running head in its two strongest plates, 90/75/0/0, a
    bright ultramarine; a rich-black ink 40/30/30/100 set body text in 40/0/0/100, knocking out. The
    build of two plates closest in colour (through the FOGRA39 profile) is chosen instead, and a rich
    black's small text is K 100 alone, overprinting, as print shops set it."""
    (project / "theme.yaml").write_text(
        "colours:\n  ink: {cmyk: [40, 30, 30, 100], rgb: '#111111'}\n"
        "  primary: {cmyk: [90, 75, 45, 60], rgb: '#0e1a2b'}\n", encoding="utf-8")
    result = build(project, tmp_path / "out", ["print"])
    messages = [w.format() for w in result.warnings]
    with pikepdf.open(result.outputs[0].path) as pdf:
        texts, body_page = small_texts(pdf.pages[2].Contents), small_texts(pdf.pages[3].Contents)
    navy = (90, 75, 45, 60)
    muted = (0, 0, 0, 0.6)  # the running head's second part
    head = {tuple(round(v * 100, 2) for v in fill) for size, fill, _ in texts if size == 7.5 and fill != muted}
    assert len(head) == 1, head
    chosen = head.pop()
    assert plate_count(chosen) == 2 and chosen[3] > 50, chosen  # darkness in K, not a bright blue
    d = printed_difference(chosen, navy)
    assert d < 8 < printed_difference((90, 75, 0, 0), navy), d
    primary = [m for m in messages if "colour primary 90/75/45/60" in m]
    assert primary and "theme.yaml:3:12: warning" in primary[0], messages
    values = "/".join(f"{v:g}" for v in chosen)
    assert f"print in {values}, the build of at most 2 plates that prints closest to it (delta E {d:.1f}" \
        in primary[0], primary
    body = [(fill, over) for size, fill, over in body_page if 8 < size < 12]  # page 4: body text only
    assert body and all(fill == (0, 0, 0, 1) and over for fill, over in body), set(body)
    ink = [m for m in messages if "colour ink 40/30/30/100" in m]
    assert ink and "print in 0/0/0/100, K 100 alone, overprinting" in ink[0], messages
