"""Small text in at most two plates and reversed text bold and ≥ 8 pt: the theme's plate rule, the
print edition following it, preflight warning where a file does not."""

from __future__ import annotations

import io
import re

import pikepdf

from report.build import build
from report.preflight import DEFAULT_PROFILE, PASS, WARN, preflight


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
