"""Preflight on hostile PDFs: bounded work and memory, every malformed object a finding, never a
traceback; a file that is no PDF at all is bad input (exit 2, naming the file)."""

from __future__ import annotations

import io
import resource
import time
import zlib

import pikepdf
import pytest

from report.cli import main
from report.preflight import FAIL, Budget, preflight


def tiny(content: bytes, resources: pikepdf.Dictionary | None = None, change=None, **save) -> bytes:
    """A one-page PDF with the given content stream and resources (and any further change)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(content)
    page.obj.Resources = resources if resources is not None else pikepdf.Dictionary()
    if change:
        change(pdf)
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def form(pdf: pikepdf.Pdf, content: bytes) -> pikepdf.Stream:
    f = pdf.make_stream(content)
    f.Type, f.Subtype, f.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
    return f


def finding(report, check: str):
    return next(f for f in report.findings if f.check == check)


def quick(data: bytes, budget: Budget | None = None, seconds: float = 10):
    start = time.perf_counter()
    report = preflight(data, budget=budget, render=False)
    assert time.perf_counter() - start < seconds
    return report


def test_a_form_that_draws_itself_ten_times_ends_at_once():
    def change(pdf):
        f = form(pdf, b"")
        f.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=f))
        f.write(b"/F Do " * 10)
        pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=f))
    report = quick(tiny(b"/F Do", change=change))
    structure = finding(report, "structure")
    assert structure.status == FAIL and "draws itself" in structure.message and structure.pages == [1]


def test_a_chain_of_forms_each_drawn_ten_times_is_walked_once_per_form():
    """12 levels × 10 placements = 10¹² walks if followed naively; visited forms count once."""
    def change(pdf):
        inner = form(pdf, b"0 0 0 1 k 0 0 1 1 re f")
        for _ in range(12):
            outer = form(pdf, b"/F Do " * 10)
            outer.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=inner))
            inner = outer
        pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=inner))
    report = quick(tiny(b"/F Do", change=change), seconds=5)
    assert finding(report, "structure").status == "pass"


def test_a_flate_bomb_stops_at_the_decoded_byte_budget():
    bomb = zlib.compress(b"0 0 m " * (200 * 2**20 // 6), 9)  # 200 MB of operators in ~200 KB
    def change(pdf):
        pdf.pages[0].obj.Contents = pdf.make_stream(bomb, Filter=pikepdf.Name.FlateDecode)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = quick(tiny(b"", change=change))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    complexity = finding(report, "complexity")
    assert complexity.status == FAIL and "decompression bomb" in complexity.message
    assert grown_mb < 300


def test_the_operator_budget_bounds_the_work():
    report = quick(tiny(b"0 0 m 1 1 l S\n" * 2000), budget=Budget(operators=1000))
    assert "more than 1,000 drawing operators" in finding(report, "complexity").message


@pytest.mark.parametrize("content, words", [
    (b"/a /b /c /d /e /f cm 0 0 m 1 1 l S", "operator cm: /a is not a number"),
    (b"(x) w 0 0 m 1 1 l S", "operator w: String(\"x\") is not a number"),
    (b"/X 12 Tf", "/X is not in the resources' /Font"),
    (b"/Nope Do", "/Nope is not in the resources' /XObject"),
    (b"1 0 0 0 0 0 0 k", "k must be 4 numbers"),
    (b"(unterminated", "content stream: Unexpected end of stream"),
])
def test_malformed_operands_are_findings(content, words):
    report = quick(tiny(content))
    assert report.failed
    bad = [f for f in report.findings if f.status == FAIL and f.check in ("structure", "complexity")]
    assert bad and words in bad[0].message, report.format()


def test_boxes_made_of_names_are_a_finding():
    def change(pdf):
        pdf.pages[0].obj.TrimBox = pikepdf.Array([pikepdf.Name("/a")] * 4)
        pdf.pages[0].obj.BleedBox = pikepdf.Array([pikepdf.Name("/b")] * 4)
    report = quick(tiny(b"", change=change))
    boxes = finding(report, "boxes")
    assert boxes.status == FAIL and "TrimBox: /a is not a number" in boxes.message


def test_an_image_with_a_width_that_is_a_name_is_a_finding():
    def change(pdf):
        img = pdf.make_stream(b"\0" * 16)
        img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        img.Width, img.Height = pikepdf.Name("/wide"), 2
        img.ColorSpace, img.BitsPerComponent = pikepdf.Name.DeviceCMYK, 8
        pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im=img))
    report = quick(tiny(b"q 10 0 0 10 0 0 cm /Im Do Q", change=change))
    assert "image /Im /Width: /wide is not a number" in finding(report, "structure").message


def test_an_icc_based_space_without_a_stream_is_a_finding():
    spaces = pikepdf.Dictionary(CS0=pikepdf.Array([pikepdf.Name.ICCBased, 7]))
    report = quick(tiny(b"/CS0 cs 1 0 0 scn 0 0 5 5 re f", pikepdf.Dictionary(ColorSpace=spaces)))
    assert "needs an ICC profile stream" in finding(report, "structure").message


def test_a_string_where_a_form_should_be_is_a_finding():
    xobjects = pikepdf.Dictionary(F=pikepdf.String("not a form"))
    report = quick(tiny(b"/F Do", pikepdf.Dictionary(XObject=xobjects)))
    assert "must be a stream" in finding(report, "structure").message


def test_resources_that_are_not_a_dictionary_are_a_finding():
    report = quick(tiny(b"/F Do", pikepdf.Dictionary(XObject=5)))
    assert "resources /XObject must be a dictionary" in finding(report, "structure").message


def test_garbage_after_a_pdf_header_is_a_finding_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.6\n" + bytes(range(256)) * 20)
    assert main(["preflight", str(path)]) == 1
    out = capsys.readouterr()
    assert "FAIL" in out.out and "Traceback" not in out.err


def test_a_file_that_is_no_pdf_exits_2_naming_the_file(tmp_path, capsys):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    assert main(["preflight", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: error: not a PDF file" in err and "BytesIO" not in err and "Traceback" not in err


def test_a_folder_exits_2_naming_it(tmp_path, capsys):
    assert main(["preflight", str(tmp_path)]) == 2
    assert f"{tmp_path}: error: not a regular file" in capsys.readouterr().err


def test_an_xmp_bomb_is_not_parsed():
    bomb = zlib.compress(b"<x:xmpmeta>" + b" " * (64 * 2**20), 9)
    def change(pdf):
        pdf.Root.Metadata = pdf.make_stream(bomb, Filter=pikepdf.Name.FlateDecode, Type=pikepdf.Name.Metadata,
                                            Subtype=pikepdf.Name.XML)
    report = quick(tiny(b"", change=change, fix_metadata_version=False))
    xmp = finding(report, "xmp")
    assert xmp.status == FAIL and "decompression bomb" in xmp.message


def test_xml_that_is_not_xmp_is_a_finding_without_log_noise(capsys, caplog):
    def change(pdf):
        pdf.Root.Metadata = pdf.make_stream(b"<a><b/></a>", Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    report = quick(tiny(b"", change=change, fix_metadata_version=False))
    assert finding(report, "xmp").status == FAIL
    assert "Traceback" not in capsys.readouterr().err and not caplog.records
