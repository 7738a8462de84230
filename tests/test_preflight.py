"""Preflight: for every rule, a PDF that passes (the sample print edition) and one broken on purpose."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from report.cli import main
from report.preflight import FAIL, PASS, WARN, preflight


def status(report, check: str) -> str:
    return next(f.status for f in report.findings if f.check == check)


@pytest.fixture(scope="module")
def good(print_pdf: Path) -> bytes:
    return print_pdf.read_bytes()


def broken(data: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def append(pdf: pikepdf.Pdf, page: int, ops: bytes) -> None:
    pg = pdf.pages[page]
    pg.contents_add(pdf.make_stream(ops), prepend=False)


def test_sample_print_edition_passes_every_check(good):
    report = preflight(good)
    assert not report.failed, report.format()
    assert {f.check for f in report.findings} >= {"fonts", "trim box", "bleed", "colour", "images", "line width",
                                                   "text size", "output intent", "xmp", "encryption"}
    assert all(f.status == PASS for f in report.findings), report.format()


def test_missing_trim_box_fails(good):
    def change(pdf):
        del pdf.pages[2].obj.TrimBox
    report = preflight(broken(good, change))
    assert status(report, "trim box") == FAIL
    assert next(f for f in report.findings if f.check == "trim box").pages == [3]


def test_small_bleed_fails(good):
    def change(pdf):
        t = [float(v) for v in pdf.pages[0].obj.TrimBox]
        pdf.pages[0].obj.BleedBox = pikepdf.Array([t[0] - 2, t[1] - 2, t[2] + 2, t[3] + 2])
    assert status(preflight(broken(good, change)), "bleed") == FAIL


def test_unembedded_font_fails(good):
    def change(pdf):
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and "/FontFile2" in obj:
                del obj.FontFile2
                return
    report = preflight(broken(good, change))
    assert status(report, "fonts") == FAIL


def test_rgb_colour_fails(good):
    report = preflight(broken(good, lambda pdf: append(pdf, 3, b"q 1 0 0 rg 10 10 20 20 re f Q")))
    assert status(report, "colour") == FAIL
    assert next(f for f in report.findings if f.check == "colour").pages == [4]


def _image(pdf: pikepdf.Pdf, space: str, px: int) -> pikepdf.Stream:
    comps = 3 if space == "/DeviceRGB" else 4
    img = pdf.make_stream(b"\x80" * (px * px * comps))
    img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    img.Width = img.Height = px
    img.ColorSpace, img.BitsPerComponent = pikepdf.Name(space), 8
    return img


def _place(pdf: pikepdf.Pdf, img: pikepdf.Stream, size_pt: float) -> None:
    page = pdf.pages[3]
    page.obj.Resources.XObject[pikepdf.Name("/TestImg")] = img
    append(pdf, 3, f"q {size_pt} 0 0 {size_pt} 100 100 cm /TestImg Do Q".encode())


def test_rgb_image_fails(good):
    report = preflight(broken(good, lambda pdf: _place(pdf, _image(pdf, "/DeviceRGB", 400), 72)))
    assert status(report, "images") == FAIL


@pytest.mark.parametrize("px, expected", [(100, FAIL), (200, WARN), (310, PASS)])
def test_image_resolution_at_placed_size(good, px, expected):
    # one inch placed: pixels = ppi
    report = preflight(broken(good, lambda pdf: _place(pdf, _image(pdf, "/DeviceCMYK", px), 72)))
    assert status(report, "images") == expected


def test_hairline_fails(good):
    report = preflight(broken(good, lambda pdf: append(pdf, 4, b"q 0 0 0 1 K 0.1 w 10 10 m 100 10 l S Q")))
    assert status(report, "line width") == FAIL


def test_tiny_text_fails(good):
    def change(pdf):
        font = next(iter(pdf.pages[4].obj.Resources.Font.keys()))
        append(pdf, 4, f"BT {font} 4 Tf 20 20 Td (x) Tj ET".encode())
    assert status(preflight(broken(good, change)), "text size") == FAIL


def test_missing_output_intent_fails(good):
    def change(pdf):
        del pdf.Root.OutputIntents
    assert status(preflight(broken(good, change)), "output intent") == FAIL


def test_missing_pdfx_xmp_fails(good):
    def change(pdf):
        del pdf.Root.Metadata
    assert status(preflight(broken(good, change)), "xmp") == FAIL


def test_encrypted_fails(good):
    with pikepdf.open(io.BytesIO(good)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    assert preflight(out.getvalue()).failed


def test_foreign_office_pdf_fails_clearly(tmp_path):
    """Any PDF, not only ours: a plain reportlab file (Helvetica, RGB, no boxes) fails with reasons."""
    path = tmp_path / "office.pdf"
    c = canvas.Canvas(str(path))
    c.setFillColorRGB(1, 0, 0)
    c.drawString(100, 700, "Hallo")
    c.save()
    report = preflight(path)
    for check in ("fonts", "colour", "trim box", "output intent", "xmp"):
        assert status(report, check) == FAIL, check


def test_cli_preflight_exit_codes(tmp_path, print_pdf, capsys):
    assert main(["preflight", str(print_pdf)]) == 0
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(broken(print_pdf.read_bytes(), lambda pdf: append(pdf, 1, b"1 0 0 rg")))
    assert main(["preflight", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  colour" in out and "pages 2" in out
    assert main(["preflight", str(tmp_path / "missing.pdf")]) == 2
