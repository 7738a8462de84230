"""The print edition as a print shop sees it: boxes, bleed, colour, overprint, marks."""

from __future__ import annotations

import re

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.editions.print import BLEED_MM, SLUG_MM

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def test_boxes_on_every_page(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert abs((trim[2] - trim[0]) - A4[0]) < 0.01 and abs((trim[3] - trim[1]) - A4[1]) < 0.01
            for i, sign in enumerate((-1, -1, 1, 1)):
                assert abs((bleed[i] - trim[i]) * sign - BLEED_MM * MM) < 0.01
            assert abs(media[2] - (A4[0] + 2 * (BLEED_MM + SLUG_MM) * MM)) < 0.01
        assert pdf.pdf_version == "1.6"
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"


def test_no_rgb_anywhere(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                assert obj.ColorSpace == "/DeviceCMYK"
        for page in pdf.pages:
            streams = [page.obj] + [x for x in page.obj.Resources.get("/XObject", {}).values()
                                    if x.get("/Subtype") == "/Form"]
            for s in streams:
                for ins in pikepdf.parse_content_stream(s):
                    assert str(ins.operator) not in ("rg", "RG", "g", "G"), str(ins.operator)


def test_charts_use_the_theme_cmyk(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        chart = next(x for n, x in pdf.pages[3].obj.Resources.XObject.items() if n.startswith("/RptChart_aktiv"))
        ops = [(tuple(float(v) for v in i.operands), str(i.operator)) for i in pikepdf.parse_content_stream(chart)
               if str(i.operator) == "k"]
    assert ((1.0, 0.6, 0.1, 0.3), "k") in ops  # primary: cmyk [100, 60, 10, 30] from the theme


def test_black_text_overprints(print_pdf):
    """The overprint state is switched on right before black text is shown (fill only, mode 1)."""
    with pikepdf.open(print_pdf) as pdf:
        page = pdf.pages[3]
        data = page.Contents.read_bytes()
        assert re.search(rb"0 0 0 1 k\s.*?/RptOverprint gs\s+(<[0-9a-f]+>|\(.*?\)) Tj", data, re.S)
        gs = page.obj.Resources.ExtGState["/RptOverprint"]
        assert gs.op is True and gs.OP is False and gs.OPM == 1
        assert page.obj.Resources.ExtGState["/RptKnockout"].op is False


def test_cover_colour_reaches_the_bleed_edge(print_pdf):
    pdf = pdfium.PdfDocument(str(print_pdf))
    try:
        scale = 2
        cover = pdf[0].render(scale=scale).to_pil().convert("RGB")
        inner = pdf[1].render(scale=scale).to_pil().convert("RGB")
        back = pdf[len(pdf) - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    edge = (SLUG_MM + 0.5) * MM * scale  # half a millimetre inside the bleed edge
    h = cover.height
    for img, coloured in ((cover, True), (back, True), (inner, False)):
        for x, y in ((edge, h * 0.8), (img.width - edge, h * 0.5), (img.width * 0.5, edge)):
            r, g, b = img.getpixel((int(x), int(y)))
            is_white = min(r, g, b) > 245
            assert is_white != coloured, (x, y, (r, g, b))


def test_crop_marks_and_slug_outside_the_bleed(print_pdf):
    pdf = pdfium.PdfDocument(str(print_pdf))
    try:
        text = pdf[2].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert "jahresrueckblick-2017-print.pdf · Seite 3 ·" in text
    assert re.search(r"· Seite 3 · \d\d\.\d\d\.\d{4} \d\d:\d\d UTC", text)  # German date order
    with pikepdf.open(print_pdf) as p:
        assert "/Annots" not in p.pages[1].obj  # no link annotations on paper


def test_without_marks_the_page_ends_at_the_bleed_edge(tmp_path):
    from report.build import build

    from .conftest import SAMPLE_CONTENT
    out = build(SAMPLE_CONTENT, tmp_path, ["print"], marks=False)
    with pikepdf.open(out.outputs[0].path) as pdf:
        for page in pdf.pages:
            assert [float(v) for v in page.obj.MediaBox] == pytest.approx([float(v) for v in page.obj.BleedBox])
            assert [float(v) for v in page.obj.MediaBox][2] == pytest.approx(A4[0] + 2 * BLEED_MM * MM)
    assert out.preflight is not None and not out.preflight.failed
