"""Preflight: the sample print edition passes every check; for every check, a PDF broken on purpose
(made with pikepdf from the sample) fails it with its own message and page."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from report.cli import main
from report.editions.screen import srgb_profile
from report.preflight import DEFAULT_PROFILE, FAIL, PASS, WARN, preflight

ANY_BINDING = replace(DEFAULT_PROFILE, binding="none")


def status(report, check: str) -> str:
    return next(f.status for f in report.findings if f.check == check)


def failures(report) -> list:
    return [f for f in report.findings if f.status == FAIL]


def only_failure(report, check: str, words: str, pages: list[int] | None = None):
    """The one failed finding of a file broken in one way: its check, its message, its pages."""
    failed = failures(report)
    assert [f.check for f in failed] == [check], report.format()
    assert words in failed[0].message, failed[0].message
    if pages is not None:
        assert sorted(set(failed[0].pages)) == pages
    return failed[0]


@pytest.fixture(scope="module")
def good(print_pdf: Path) -> bytes:
    return print_pdf.read_bytes()


def broken(data: bytes, change, **save) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, **save)
    return out.getvalue()


def append(pdf: pikepdf.Pdf, page: int, ops: bytes) -> None:
    pdf.pages[page].contents_add(pdf.make_stream(ops), prepend=False)


def resource(pdf: pikepdf.Pdf, page: int, category: str, name: str, value) -> None:
    res = pdf.pages[page].obj.Resources
    if category not in res:
        res[category] = pikepdf.Dictionary()
    res[category][name] = value


def check(data: bytes, render: bool = False):
    """Ink from the content (fast); the ink tests render with Ghostscript."""
    return preflight(data, ANY_BINDING, render=render)


def test_sample_print_edition_passes_every_check(good):
    report = preflight(good)
    assert not report.failed, report.format()
    assert {f.check for f in report.findings} >= {
        "fonts", "trim box", "bleed", "colour", "images", "line width", "text size", "output intent", "xmp",
        "metadata", "encryption", "pdf version", "page count", "overprint", "transparency", "ink", "annotations",
        "structure"}
    assert all(f.status == PASS for f in report.findings), report.format()
    assert "PDF/X-4" in report.verdict() and report.verdict().startswith("passed")


# -- boxes, fonts, encryption ----------------------------------------------------------------


def test_missing_trim_box_fails(good):
    def change(pdf):
        del pdf.pages[2].obj.TrimBox
    only_failure(check(broken(good, change)), "trim box", "TrimBox missing", [3])


def test_small_bleed_fails(good):
    def change(pdf):
        t = [float(v) for v in pdf.pages[0].obj.TrimBox]
        pdf.pages[0].obj.BleedBox = pikepdf.Array([t[0] - 2, t[1] - 2, t[2] + 2, t[3] + 2])
    only_failure(check(broken(good, change)), "bleed", "bleed under 3 mm", [1])


def test_a_us_printers_bleed_is_asked_for_with_a_length(print_pdf, capsys):
    """US printers ask for 0.125 in (9 pt): the sample's 3 mm (8.5 pt) is short of it on every page."""
    assert main(["preflight", "--binding", "none", "--bleed", "0.125in", str(print_pdf)]) == 1
    out = capsys.readouterr().out
    assert "FAIL    bleed" in out and "bleed under 3.175 mm (0.125 in)" in out
    assert main(["preflight", "--binding", "none", "--bleed", "3", str(print_pdf)]) == 0
    assert "BleedBox with ≥ 3 mm bleed on every side" in capsys.readouterr().out


def test_unembedded_font_fails(good):
    def change(pdf):
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and "/FontFile2" in obj:
                del obj.FontFile2
                return
    only_failure(check(broken(good, change)), "fonts", "not embedded")


def test_encrypted_fails(good):
    with pikepdf.open(io.BytesIO(good)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    assert status(preflight(out.getvalue()), "encryption") == FAIL


# -- colour spaces everywhere ---------------------------------------------------------------------


def _icc_rgb(pdf):
    icc = pdf.make_stream(srgb_profile())
    icc.N = 3
    return pikepdf.Array([pikepdf.Name.ICCBased, icc])


def test_device_rgb_in_content_fails(good):
    report = check(broken(good, lambda pdf: append(pdf, 3, b"q 1 0 0 rg 10 10 20 20 re f Q")))
    only_failure(report, "colour", "RGB colour (DeviceRGB) in page content", [4])


def test_icc_based_rgb_through_cs_scn_fails(good):
    def change(pdf):
        resource(pdf, 3, "/ColorSpace", "/CSrgb", _icc_rgb(pdf))
        append(pdf, 3, b"q /CSrgb cs 1 0 0 scn 100 100 20 20 re f Q")
    only_failure(check(broken(good, change)), "colour", "RGB colour (ICC-based RGB) in page content", [4])


def _function(n: int):
    return pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0] * n, C1=[1] * n, N=1)


def test_rgb_shading_fails(good):
    def change(pdf):
        resource(pdf, 2, "/Shading", "/Sh0", pikepdf.Dictionary(
            ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0], Function=_function(3)))
        append(pdf, 2, b"q 100 100 50 50 re W n /Sh0 sh Q")
    only_failure(check(broken(good, change)), "colour", "RGB colour (DeviceRGB) in shadings", [3])


def test_rgb_inline_image_fails(good):
    inline = b"q 10 0 0 10 100 100 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID " + bytes(range(12)) + b" EI Q"
    # 2 px over 10 pt is 14 ppi: the resolution check fails too, with its own message
    report = check(broken(good, lambda pdf: append(pdf, 1, inline)))
    colour = next(f for f in failures(report) if f.check == "colour")
    assert "RGB colour (DeviceRGB) in inline images" in colour.message and colour.pages == [2]


def test_lab_colour_fails(good):
    def change(pdf):
        resource(pdf, 3, "/ColorSpace", "/CSlab", pikepdf.Array(
            [pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])]))
        append(pdf, 3, b"q /CSlab cs 50 20 20 scn 100 100 20 20 re f Q")
    only_failure(check(broken(good, change)), "colour", "Lab colour in page content", [4])


def test_separation_with_rgb_alternate_fails(good):
    def change(pdf):
        resource(pdf, 3, "/ColorSpace", "/CSgold", pikepdf.Array(
            [pikepdf.Name.Separation, pikepdf.Name("/Gold"), pikepdf.Name.DeviceRGB, _function(3)]))
        append(pdf, 3, b"q /CSgold cs 1 scn 100 100 20 20 re f Q")
    only_failure(check(broken(good, change)), "colour", "Separation with an RGB alternate", [4])


def test_devicen_with_rgb_alternate_fails(good):
    def change(pdf):
        resource(pdf, 3, "/ColorSpace", "/CSdn", pikepdf.Array(
            [pikepdf.Name.DeviceN, [pikepdf.Name("/Gold"), pikepdf.Name("/Silver")], _icc_rgb(pdf), _function(3)]))
        append(pdf, 3, b"q /CSdn cs 1 1 scn 100 100 20 20 re f Q")
    only_failure(check(broken(good, change)), "colour", "DeviceN with an RGB alternate", [4])


def test_rgb_inside_a_form_fails(good):
    def change(pdf):
        form = pdf.make_stream(b"0 1 0 rg 0 0 10 10 re f")
        form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 10, 10]
        resource(pdf, 2, "/XObject", "/FmRGB", form)
        append(pdf, 2, b"q 1 0 0 1 100 100 cm /FmRGB Do Q")
    only_failure(check(broken(good, change)), "colour", "RGB colour (DeviceRGB) in forms", [3])


def test_rgb_inside_a_tiling_pattern_fails(good):
    def change(pdf):
        tile = pdf.make_stream(b"0 0 1 rg 0 0 5 5 re f")
        tile.Type, tile.PatternType, tile.PaintType, tile.TilingType = pikepdf.Name.Pattern, 1, 1, 1
        tile.BBox, tile.XStep, tile.YStep, tile.Resources = [0, 0, 10, 10], 10, 10, pikepdf.Dictionary()
        resource(pdf, 2, "/Pattern", "/P0", tile)
        append(pdf, 2, b"q /Pattern cs /P0 scn 100 100 50 50 re f Q")
    only_failure(check(broken(good, change)), "colour", "RGB colour (DeviceRGB) in pattern content", [3])


def test_rgb_page_transparency_group_fails(good):
    def change(pdf):
        pdf.pages[4].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB)
    only_failure(check(broken(good, change)), "colour", "in the page transparency group", [5])


def test_rgb_soft_mask_fails(good):
    def change(pdf):
        mask = pdf.make_stream(b"1 g 0 0 100 100 re f")
        mask.Type, mask.Subtype, mask.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 100, 100]
        mask.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB)
        resource(pdf, 1, "/ExtGState", "/GSmask", pikepdf.Dictionary(
            SMask=pikepdf.Dictionary(S=pikepdf.Name.Luminosity, G=mask)))
        append(pdf, 1, b"q /GSmask gs 0 0 0 1 k 100 100 50 50 re f Q")
    only_failure(check(broken(good, change)), "colour", "RGB colour (DeviceRGB) in soft masks", [2])


def test_rgb_image_fails(good):
    report = check(broken(good, lambda pdf: _place(pdf, _image(pdf, "/DeviceRGB", 400), 72)))
    only_failure(report, "colour", "RGB colour (DeviceRGB) in images", [4])


# -- images ---------------------------------------------------------------------------------------


def _image(pdf: pikepdf.Pdf, space: str, px: int) -> pikepdf.Stream:
    comps = 3 if space == "/DeviceRGB" else 4
    img = pdf.make_stream(b"\x20" * (px * px * comps))
    img.Type, img.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    img.Width = img.Height = px
    img.ColorSpace, img.BitsPerComponent = pikepdf.Name(space), 8
    return img


def _place(pdf: pikepdf.Pdf, img: pikepdf.Stream, size_pt: float) -> None:
    resource(pdf, 3, "/XObject", "/TestImg", img)
    append(pdf, 3, f"q {size_pt} 0 0 {size_pt} 100 100 cm /TestImg Do Q".encode())


@pytest.mark.parametrize("px, expected", [(100, FAIL), (200, WARN), (310, PASS)])
def test_image_resolution_at_placed_size(good, px, expected):
    # one inch placed: pixels = ppi
    report = check(broken(good, lambda pdf: _place(pdf, _image(pdf, "/DeviceCMYK", px), 72)))
    assert status(report, "images") == expected


def test_each_page_says_its_own_lowest_resolution(good):
    """UK charity 16: '173 ppi (pages 6, 11)' where page 6's photo had 282 ppi: each page its own."""
    def change(pdf):
        _place(pdf, _image(pdf, "/DeviceCMYK", 200), 72)
        resource(pdf, 1, "/XObject", "/TestImg2", _image(pdf, "/DeviceCMYK", 280))
        append(pdf, 1, b"q 72 0 0 72 100 100 cm /TestImg2 Do Q")
    report = check(broken(good, change))
    (finding,) = [f for f in report.findings if f.check == "images"]
    assert finding.status == WARN and finding.pages == [2, 4], finding
    assert finding.message.startswith("image resolution 280 ppi (page 2), 200 ppi (page 4) at placed size")


# -- overprint, transparency, ink ------------------------------------------------------------------


def _font(pdf, page: int) -> str:
    return str(next(iter(pdf.pages[page].obj.Resources.Font.keys())))


def test_white_text_set_to_overprint_fails(good):
    def change(pdf):
        resource(pdf, 1, "/ExtGState", "/GSop", pikepdf.Dictionary(op=True, OP=True, OPM=1))
        append(pdf, 1, f"q /GSop gs 0 0 0 0 k BT {_font(pdf, 1)} 12 Tf 100 100 Td (Weiss) Tj ET Q".encode())
    only_failure(check(broken(good, change)), "overprint", "white text set to overprint", [2])


def test_white_shape_set_to_overprint_fails(good):
    def change(pdf):
        resource(pdf, 1, "/ExtGState", "/GSop", pikepdf.Dictionary(op=True, OP=True))
        append(pdf, 1, b"q /GSop gs 0 0 0 0 k 100 100 50 50 re f Q")
    only_failure(check(broken(good, change)), "overprint", "white objects set to overprint", [2])


def test_overprint_on_coloured_objects_warns(good):
    def change(pdf):
        resource(pdf, 1, "/ExtGState", "/GSop", pikepdf.Dictionary(op=True, OPM=1))
        append(pdf, 1, b"q /GSop gs 1 0.6 0.1 0.3 k 100 100 50 50 re f Q")
    report = check(broken(good, change))
    assert not report.failed
    warn = next(f for f in report.findings if f.check == "overprint")
    assert warn.status == WARN and "not black-only" in warn.message and warn.pages == [2]


def test_transparency_without_page_group_warns(good):
    def change(pdf):
        for page in pdf.pages:
            if "/Group" in page.obj:
                del page.obj.Group
    report = check(broken(good, change))
    finding = next(f for f in report.findings if f.check == "transparency")
    assert finding.status == WARN and "without a page group colour space" in finding.message


def test_400_percent_ink_inside_the_trim_fails(good):
    report = check(broken(good, lambda pdf: append(pdf, 1, b"q 1 1 1 1 k 100 100 60 60 re f Q")), render=True)
    finding = only_failure(report, "ink", "total ink 400 %", [2])
    assert "exceeds 300 %" in finding.message


def test_ink_without_ghostscript_from_the_content(good, monkeypatch):
    monkeypatch.setattr("report.preflight.ink.shutil.which", lambda name: None)
    assert "from the colours and images used" in next(
        f.message for f in check(good, render=True).findings if f.check == "ink")
    report = check(broken(good, lambda pdf: append(pdf, 1, b"q 1 1 1 1 k 100 100 60 60 re f Q")))
    only_failure(report, "ink", "total ink 400 %", [2])


def test_registration_marks_outside_the_trim_are_not_ink(good):
    """The crop marks print 400 % (registration) outside the trim: the sample passes (first test)."""
    finding = next(f for f in check(good, render=True).findings if f.check == "ink")
    assert finding.status == PASS and "Ghostscript" in finding.message


# -- annotations and actions ------------------------------------------------------------------------


def test_link_annotation_inside_the_trim_fails(good):
    def change(pdf):
        pdf.pages[2].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[100, 100, 200, 120],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org"))))])
    only_failure(check(broken(good, change)), "annotations", "annotations (links", [3])


def test_javascript_fails(good):
    def change(pdf):
        pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    only_failure(check(broken(good, change)), "annotations", "JavaScript or actions")


# -- document: version, output intent, XMP, page count --------------------------------------------


def test_pdf_17_header_with_x4_claims_fails(good):
    report = check(broken(good, lambda pdf: None, force_version="1.7"))
    only_failure(report, "pdf version", "PDF 1.7: PDF/X-4 allows at most PDF 1.6")


def test_missing_output_intent_fails(good):
    def change(pdf):
        del pdf.Root.OutputIntents
    only_failure(check(broken(good, change)), "output intent", "no PDF/X output intent")


def test_garbage_output_profile_fails(good):
    def change(pdf):
        pdf.Root.OutputIntents[0].DestOutputProfile.write(b"garbage " * 100)
    only_failure(check(broken(good, change)), "output intent", "not a usable ICC profile: no ICC signature")


def test_rgb_display_profile_as_output_profile_fails(good):
    def change(pdf):
        pdf.Root.OutputIntents[0].DestOutputProfile.write(srgb_profile())
    only_failure(check(broken(good, change)), "output intent", "profile class 'mntr'")


def test_missing_pdfx_xmp_fails(good):
    def change(pdf):
        del pdf.Root.Metadata
    report = check(broken(good, change))
    assert [f.check for f in failures(report)] == ["xmp"]
    assert "does not declare PDF/X-4" in failures(report)[0].message


def test_missing_xmp_identifiers_fail(good):
    def change(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            del meta["xmpMM:DocumentID"]
            del meta["xmpMM:InstanceID"]
    only_failure(check(broken(good, change)), "xmp", "XMP lacks xmpMM:DocumentID, xmpMM:InstanceID")


def test_info_and_xmp_out_of_sync_fail(good):
    def change(pdf):
        pdf.docinfo["/Subject"] = pikepdf.String("something else")
    only_failure(check(broken(good, change)), "metadata", "Info and XMP differ in Subject")


def test_page_count_against_the_binding(good):
    def drop_one(pdf):
        while len(pdf.pages) > 7:
            del pdf.pages[3]
    seven = broken(good, drop_one)
    only_failure(preflight(seven, render=False), "page count", "saddle stitching needs a multiple of 4")
    only_failure(preflight(seven, replace(DEFAULT_PROFILE, binding="perfect"), render=False), "page count",
                 "perfect binding needs an even count")
    assert not preflight(seven, ANY_BINDING, render=False).failed


# -- lines and text -------------------------------------------------------------------------------


def test_hairline_fails(good):
    report = check(broken(good, lambda pdf: append(pdf, 4, b"q 0 0 0 1 K 0.1 w 100 100 m 200 100 l S Q")))
    only_failure(report, "line width", "lines thinner than 0.25 pt", [5])


def test_thin_crop_marks_outside_the_trim_pass(good):
    def change(pdf):
        t = [float(v) for v in pdf.pages[4].obj.TrimBox]
        append(pdf, 4, f"q 0 0 0 1 K 0.1 w {t[0] - 20} {t[1]} m {t[0] - 5} {t[1]} l S Q".encode())
    assert status(check(broken(good, change)), "line width") == PASS


def test_tiny_text_fails(good):
    def change(pdf):
        append(pdf, 4, f"BT {_font(pdf, 4)} 4 Tf 100 100 Td (x) Tj ET".encode())
    only_failure(check(broken(good, change)), "text size", "text below 6 pt (smallest 4.0 pt)", [5])


# -- any PDF, the screen edition, the command ---------------------------------------------------------


def test_foreign_office_pdf_fails_clearly(tmp_path):
    """Any PDF, not only ours: a plain reportlab file (Helvetica, RGB, no boxes) fails with reasons."""
    path = tmp_path / "office.pdf"
    c = canvas.Canvas(str(path))
    c.setFillColorRGB(1, 0, 0)
    c.drawString(100, 700, "Hallo")
    c.save()
    report = preflight(path)
    for name in ("fonts", "colour", "trim box", "output intent", "xmp"):
        assert status(report, name) == FAIL, name


def test_screen_edition_says_which_file_to_print(screen_pdf, capsys):
    assert main(["preflight", str(screen_pdf)]) == 1
    out = capsys.readouterr().out
    assert "This is the screen edition" in out
    assert f"Send {screen_pdf.name.replace('-screen.pdf', '-print.pdf')} to the print shop" in out


def test_cli_preflight_table_json_and_exit_codes(tmp_path, print_pdf, capsys):
    assert main(["preflight", str(print_pdf)]) == 0
    out = capsys.readouterr().out
    assert "STATUS  CHECK" in out and "passed against PDF/X-4" in out
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(broken(print_pdf.read_bytes(), lambda pdf: append(pdf, 1, b"1 0 0 rg 10 10 5 5 re f")))
    assert main(["preflight", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FAIL    colour" in out and "FAILED against PDF/X-4" in out
    assert main(["preflight", "--json", str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False and data["profile"]["name"].startswith("PDF/X-4")
    assert {"check": "colour", "status": "fail"}.items() <= next(
        f for f in data["findings"] if f["check"] == "colour").items()
    assert main(["preflight", str(tmp_path / "missing.pdf")]) == 2


def _cmyk_jpeg(pdf: pikepdf.Pdf, colour: tuple[int, int, int, int], inverted: bool = False) -> pikepdf.Stream:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("CMYK", (8, 8), colour).save(buf, "JPEG", quality=100)
    image = pdf.make_stream(buf.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=8,
                            Height=8, ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8,
                            Filter=pikepdf.Name.DCTDecode)
    if inverted:
        image.Decode = pikepdf.Array([1, 0] * 4)
    return image


@pytest.mark.parametrize(("colour", "inverted", "ink"), [
    ((255, 255, 255, 255), True, 400), ((0, 0, 0, 0), False, 400), ((64, 64, 64, 64), True, None),
    ((255, 255, 255, 255), False, None)])
def test_ink_of_cmyk_images_from_the_content(good, colour, inverted, ink):
    """Without rendering, a placed CMYK JPEG counts with its darkest pixel as Ghostscript renders it.
    Pillow writes (and reads) CMYK JPEGs in Adobe's inverted polarity: with `/Decode [1 0 …]` the PDF
    prints Pillow's values, without it their inverse (a 'solid' Pillow JPEG prints white)."""
    def change(pdf):
        resource(pdf, 1, "/XObject", "/RptInk", _cmyk_jpeg(pdf, colour, inverted))
        append(pdf, 1, b"q 1.5 0 0 1.5 100 100 cm /RptInk Do Q")  # 8 px on 12 pt: 480 ppi
    report = check(broken(good, change))
    if ink is None:
        assert status(report, "ink") == PASS, report.format()
    else:
        only_failure(report, "ink", f"total ink {ink} %", [2])


def _helping(shared, ready) -> None:
    shared.forked()
    shared.help(lambda: False)
    ready.set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shared walk runs in forked processes")
@pytest.mark.parametrize("edition", ["print", "screen"])
def test_a_walk_shared_with_another_process_finds_what_one_walk_finds(edition, print_pdf, screen_pdf, monkeypatch):
    """preflight/shared.py: the other process's events cross without pikepdf objects (colour spaces
    and images stand in as SpaceInfo, ImageInfo) and are merged in page order. Here the other process
    walks every page (the strongest case), then starts first and both take pages: the report is the
    one-process report, passes and failures alike (the screen edition fails on RGB)."""
    import multiprocessing
    import time

    from report.preflight import shared as shared_walk
    data = (print_pdf if edition == "print" else screen_pdf).read_bytes()
    alone = preflight(data, render=False)
    assert edition == "print" or alone.failed
    context = multiprocessing.get_context("fork")
    monkeypatch.setattr(shared_walk, "CHUNK", 2)
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    for head_start in (True, False):
        shared = shared_walk.Shared(context)
        ready = context.Event()
        helper = context.Process(target=_helping, args=(shared, ready))
        helper.start()
        shared.offer(data)
        # the other process takes every chunk before this one starts, or a first one
        wanted = -(-pages // 2) if head_start else 1
        deadline = time.monotonic() + 60
        while shared._next.value < wanted and time.monotonic() < deadline:
            time.sleep(0.005)
        together = preflight(data, render=False, walk=shared.walk)
        helper.join(60)
        assert ready.is_set() and shared._helped.value > 0
        assert together.json() == alone.json()
    assert pages > 4


def _offering_alone(shared, data) -> None:
    shared.offer(data)
    preflight(data, render=False, walk=shared.walk)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shared walk runs in forked processes")
def test_a_shared_walk_whose_worker_ended_before_anybody_helped_does_not_wait(print_pdf):
    """The build process may still be laying out its own edition while the print worker offers its
    file, walks every page alone and ends (a cold layout of a long screen edition). Helping then
    returns at once. (The file once crossed through a pipe: the ended worker left part of it there,
    and the build process waited for the rest for ever.)"""
    import multiprocessing
    import threading

    from report.preflight import shared as shared_walk
    data = print_pdf.read_bytes()
    assert len(data) > 1 << 20  # far more than a pipe holds
    context = multiprocessing.get_context("fork")
    shared = shared_walk.Shared(context)
    worker = context.Process(target=_offering_alone, args=(shared, data))
    worker.start()
    shared.forked()
    worker.join(120)
    assert worker.exitcode == 0
    helper = threading.Thread(target=shared.help, args=(lambda: not worker.is_alive(),), daemon=True)
    helper.start()
    helper.join(30)
    assert not helper.is_alive(), "the build process waits for a worker that has ended"
    assert shared._helped.value == 0
