"""Page formats and the logo: boxes, the safe zone, vector logos in CMYK, placements."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.editions.print import SLUG_MM
from report.errors import ReportError
from report.preflight import preflight
from report.theme import load_theme

from .conftest import ASSETS, SAMPLE_CONTENT, many_sections

MM = 72 / 25.4
BRAND = Path(__file__).parent / "data" / "brand"
SAFE_MM = 5.0  # nothing is printed closer than this to the trim edge
PRIMARY, ACCENT = (11, 74, 116), (238, 125, 43)


def _project(root: Path, theme: str) -> Path:
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    shutil.copytree(BRAND, root / "assets" / "logo")
    (root / "content" / "theme.yaml").write_text(theme, encoding="utf-8")
    return root / "content"


@pytest.fixture(scope="module")
def a5(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("a5")
    content = _project(root, "page:\n  size: A5\nlogo:\n  file: logo/logo.svg\n"
                             "  negative: logo/logo-negative.svg\n  running_head: true\n")
    return build(content, root / "out")


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("letter")
    # as a US user wrote it: the paper's name in lower case, margins in inches
    return build(_project(root, "page:\n  size: letter\n  margin_inner: 0.875in\n  margin_outer: 0.625 in\n"),
                 root / "out")


@pytest.fixture(scope="module")
def square(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("square")
    return build(_project(root, "page:\n  size: square\nlogo:\n  file: logo/logo.svg\n  cover: top-right\n"),
                 root / "out")


def _pdf(result, edition: str) -> Path:
    return next(o.path for o in result.outputs if o.edition == edition)


@pytest.mark.parametrize("fixture, size_mm, bleed_pt", [("a5", (148, 210), 3 * MM), ("letter", (215.9, 279.4), 9.0),
                                                        ("square", (210, 210), 3 * MM)])
def test_print_boxes_follow_the_page_size(fixture, size_mm, bleed_pt, request):
    """The bleed is 3 mm (8.5 pt), and on US Letter 0.125 in (9 pt), as US printers' preflights ask."""
    result = request.getfixturevalue(fixture)
    with pikepdf.open(_pdf(result, "print")) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            media = [float(v) for v in page.obj.MediaBox]
            assert trim[2] - trim[0] == pytest.approx(size_mm[0] * MM, abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(size_mm[1] * MM, abs=0.01)
            assert [t - b for t, b in zip(trim[:2], bleed[:2], strict=True)] == pytest.approx([bleed_pt] * 2, abs=0.01)
            assert [b - t for t, b in zip(trim[2:], bleed[2:], strict=True)] == pytest.approx([bleed_pt] * 2, abs=0.01)
            assert bleed[:2] == pytest.approx([SLUG_MM * MM] * 2, abs=0.01)  # the marks' room outside the bleed
            assert media[2:] == pytest.approx([b + SLUG_MM * MM for b in bleed[2:]], abs=0.01)
    with pikepdf.open(_pdf(result, "screen")) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2] == pytest.approx(size_mm[0] * MM, abs=0.01) and box[3] == pytest.approx(size_mm[1] * MM, abs=0.01)
    assert not result.preflight.failed
    assert f"≥ {'3.175 mm (0.125 in)' if fixture == 'letter' else '3 mm'} bleed" in next(
        f.message for f in result.preflight.findings if f.check == "bleed")  # the build checks its own bleed


def test_letter_marks_and_photo_reach_the_wider_bleed(letter):
    """The cover artwork runs to the 0.125 in bleed edge (9 pt beyond the trim); the crop marks start
    1 mm beyond it, on the trim lines."""
    path = _pdf(letter, "print")
    pdf = pdfium.PdfDocument(str(path))
    try:
        cover = pdf[0].render(scale=4).to_pil().convert("RGB")  # 4 px per pt
    finally:
        pdf.close()
    edge = SLUG_MM * MM * 4  # the bleed box's left edge, px
    assert min(cover.getpixel((round(edge + 2), cover.height // 2))) < 235  # artwork, 0.5 pt inside the bleed edge
    assert min(cover.getpixel((round(edge - 2), cover.height // 2))) > 250  # paper outside it
    with pikepdf.open(path) as doc:
        page = doc.pages[1]
        trim, bleed = [float(v) for v in page.obj.TrimBox], [float(v) for v in page.obj.BleedBox]
        points = [[float(v) for v in i.operands] for i in pikepdf.parse_content_stream(page)
                  if str(i.operator) in ("m", "l")]
    marks = [(a, b) for a, b in zip(points, points[1:], strict=False) if a[1] == b[1] == pytest.approx(trim[1])
             and max(a[0], b[0]) < trim[0]]  # the horizontal mark on the bottom trim line, left of the page
    assert len(marks) == 1 and max(marks[0][0][0], marks[0][1][0]) == pytest.approx(bleed[0] - MM, abs=0.01)
    assert trim[0] - bleed[0] == pytest.approx(9, abs=0.01)


@pytest.mark.parametrize("fixture", ["a5", "letter", "square"])
def test_no_text_outside_the_safe_zone(fixture, request):
    """Every glyph of the screen edition (trim size, no bleed) keeps SAFE_MM from the trim edge."""
    path = _pdf(request.getfixturevalue(fixture), "screen")
    pdf = pdfium.PdfDocument(str(path))
    try:
        outside = []
        for n, page in enumerate(pdf, start=1):
            w, h = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                if not ch.strip():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                safe = SAFE_MM * MM
                if left < safe or bottom < safe or right > w - safe or top > h - safe:
                    outside.append((n, ch, round(left), round(bottom)))
        assert not outside, outside[:10]
        assert len(pdf) >= 7
    finally:
        pdf.close()


@pytest.mark.parametrize("fixture", ["a5", "square"])
def test_no_page_is_only_furniture(fixture, request):
    """On small pages a chart can fill the last text page; the space after it must not make a page
    of its own with nothing but the running head and the folio."""
    pdf = pdfium.PdfDocument(str(_pdf(request.getfixturevalue(fixture), "screen")))
    try:
        counts = [len(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()
    assert min(counts) > 12, counts  # running head (4 words) and folio alone would be 5


def test_a5_keeps_reading_sizes_and_scales_display_type(project):
    (project / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    a5, _ = load_theme(project, project.parent / "assets")
    a4, _ = load_theme(SAMPLE_CONTENT, ASSETS)
    for name in ("body", "leading", "caption", "source", "running", "kicker", "h2", "lead"):
        assert getattr(a5.sizes, name) == getattr(a4.sizes, name), name
    for name in ("h1", "title", "figure", "quote"):
        assert a4.sizes.h2 <= getattr(a5.sizes, name) < getattr(a4.sizes, name), name
    assert a5.page.margin_inner == pytest.approx(a4.page.margin_inner * (148 * 210 / (210 * 297)) ** 0.5)
    assert a4.page.factor == 1.0


def test_landscape_and_custom_sizes(project):
    (project / "theme.yaml").write_text("page:\n  size: [170, 240]\n", encoding="utf-8")
    theme, _ = load_theme(project, project.parent / "assets")
    assert theme.page.trim == pytest.approx((170 * MM, 240 * MM)) and theme.page.bleed_mm == 3
    for size in ("[8.5in, 11in]", "8.5 x 11 in", "[21.59cm, 792pt]"):  # US Letter, in other words
        (project / "theme.yaml").write_text(f"page:\n  size: {size}\n", encoding="utf-8")
        theme, _ = load_theme(project, project.parent / "assets")
        assert theme.page.trim == pytest.approx((612, 792)) and theme.page.bleed_mm == pytest.approx(3.175), size
    (project / "theme.yaml").write_text("page:\n  size: Letter\n  bleed: 5\n  margin_inner: 2cm\n", encoding="utf-8")
    theme, _ = load_theme(project, project.parent / "assets")
    assert theme.page.bleed_mm == 5 and theme.page.margin_inner == pytest.approx(20 * theme.page.factor)
    (project / "theme.yaml").write_text("page:\n  size: A4\n  orientation: landscape\n", encoding="utf-8")
    theme, _ = load_theme(project, project.parent / "assets")
    assert theme.page.trim == pytest.approx((297 * MM, 210 * MM))


@pytest.mark.parametrize("size, message", [("B7", "page size 'B7': unknown size"),
                                           ("[20, 240]", "page size 20 × 240 mm: each side must be 90 to 500 mm "
                                                         "(3.55 to 19.68 in)"),
                                           ("[170]", "page size has 1 value; it needs two: width and height")])
def test_bad_page_size_is_named(project, size, message):
    (project / "theme.yaml").write_text(f"page:\n  size: {size}\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(project, project.parent / "assets")
    (d,) = exc.value.diagnostics
    assert d.message == message and str(d.pos).endswith("content/theme.yaml:2:9"), d.format()


@pytest.mark.parametrize("size, hint", [("8.5 x 11", "a number alone is millimetres: for inches write [8.5in, 11in]"),
                                        ("[8.5, 11]", "a number alone is millimetres: for inches write [8.5in, 11in]"),
                                        ("A4 landscape", "write size: A4 and orientation: landscape on its own line"),
                                        ("US Letter", "write size: Letter")])
def test_a_page_size_as_a_designer_says_it_gets_the_size_meant(project, size, hint):
    """`8.5 x 11` (inches, as a US designer says it) was refused as 8.5 × 11 mm, `A4 landscape` and
    `US Letter` as unknown sizes, each with the list of sizes; the hint now gives what was meant."""
    (project / "theme.yaml").write_text(f"page:\n  size: {size}\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(project, project.parent / "assets")
    (d,) = exc.value.diagnostics
    assert d.hint == hint, d.format()


def test_svg_logo_is_vector_and_cmyk_in_print(a5):
    with pikepdf.open(_pdf(a5, "print")) as pdf:
        images = {o.objgen for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"}
        assert len(images) == 1  # the cover artwork only: the logo is paths, not an image
    assert not preflight(_pdf(a5, "print")).failed  # no RGB anywhere
    notes = [w for w in a5.warnings if w.severity == "note"]
    assert notes and "#0b4a74 → theme colour primary (100/60/10/30)" in notes[0].message


def test_logo_sits_on_its_plate_on_the_cover(a5):
    """The orange quarter ring of the test logo, at the top left of the cover, on a white plate."""
    theme, _ = load_theme(_pdf(a5, "screen").parent.parent / "content", _pdf(a5, "screen").parent.parent / "assets")
    k = theme.page.factor
    width = 40 * MM * k
    height, clear = width / 3, 0.5 * width / 3
    top = max(clear, 6 * MM * k)
    x0 = theme.page.margin_inner * MM
    pdf = pdfium.PdfDocument(str(_pdf(a5, "screen")))
    try:
        image = pdf[0].render(scale=4).to_pil().convert("RGB")
    finally:
        pdf.close()

    def px(x_pt: float, y_from_top_pt: float) -> tuple[int, int, int]:
        return image.getpixel((round(x_pt * 4), round(y_from_top_pt * 4)))

    assert px(x0 - clear / 2, top / 2) == (255, 255, 255)  # the plate
    ring = px(x0 + width * 31 / 120, top + height * 12 / 40)  # viewBox point (31, 12): the accent arc
    assert all(abs(a - b) < 12 for a, b in zip(ring, ACCENT, strict=True)), ring


def test_logo_is_a_figure_with_alt_text_on_screen(a5):
    with pikepdf.open(_pdf(a5, "screen")) as pdf:
        alts = [str(o.get("/Alt")) for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/S") == "/Figure" and "/Alt" in o]
    assert alts.count("Thüringen International") == 2  # cover and back page; the running head is an artifact


def test_pdf_logo_is_placed_as_a_form(tmp_path):
    content = _project(tmp_path, "logo:\n  file: logo/logo.pdf\n  cover: top-right\n")
    logo = pikepdf.new()
    logo.add_blank_page(page_size=(120, 40))
    logo.pages[0].Contents = logo.make_stream(b"0.043 0.29 0.455 rg 0 0 40 40 re f 0.933 0.49 0.169 rg "
                                              b"44 25 70 8 re f")
    logo.save(tmp_path / "assets" / "logo" / "logo.pdf")
    result = build(content, tmp_path / "out", ["print"])
    with pikepdf.open(result.outputs[0].path) as pdf:
        names = [str(n) for n in pdf.pages[0].obj.Resources.XObject.keys()]
        assert any(n.startswith("/RptLogo_") for n in names), names
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert len(images) == 1
    assert not result.preflight.failed


def test_png_logo_below_300_ppi_warns_with_its_ppi(tmp_path):
    from PIL import Image
    content = _project(tmp_path, "logo:\n  file: logo/logo.png\n")  # cover and back page: same size
    Image.new("RGBA", (240, 80), (11, 74, 116, 255)).save(tmp_path / "assets" / "logo" / "logo.png")
    result = build(content, tmp_path / "out", ["print"])
    ppi = [w.message for w in result.warnings if "ppi" in w.message]
    assert ppi == ["image logo/logo.png has 152 ppi at its placed size of 40 × 13 mm (print wants 300)"], ppi
    assert not result.preflight.failed


def _png_logo(path: Path, colour: tuple[int, int, int]) -> None:
    """A mark and a bar with antialiased edges on a transparent background, 10 % clear around them;
    the clear pixels store black, as many exports do."""
    from PIL import Image, ImageDraw
    big = Image.new("RGBA", (1888, 632), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw.ellipse((190, 64, 690, 568), fill=(*colour, 255))
    draw.rounded_rectangle((800, 200, 1698, 432), 60, fill=(*colour, 255))
    big.resize((472, 158), Image.LANCZOS).save(path)  # 40 mm wide at 300 ppi


@pytest.fixture(scope="module")
def png_logo(tmp_path_factory: pytest.TempPathFactory):
    """The print edition with a transparent PNG logo on the paper (cover plate, running head) and its
    negative on the night-blue back page, whose sRGB goes through FOGRA39 to other CMYK than its own."""
    root = tmp_path_factory.mktemp("pnglogo")
    content = _project(root, 'colours:\n  primary: {cmyk: [90, 75, 45, 60], rgb: "#0e1a2b"}\n'
                             "logo:\n  file: logo/logo.png\n  negative: logo/logo-negative.png\n"
                             "  cover: top-left\n  closing: foot\n  running_head: true\n")
    _png_logo(root / "assets" / "logo" / "logo.png", (14, 26, 43))
    _png_logo(root / "assets" / "logo" / "logo-negative.png", (255, 255, 255))
    return build(content, root / "out", ["print"])


def test_png_logo_prints_no_box_on_paper_or_a_dark_page(png_logo):
    import numpy as np
    import pypdfium2.raw as pdfium_c
    path = _pdf(png_logo, "print")
    pdf = pdfium.PdfDocument(path)
    scale, seen, last = 3, [], len(pdf)
    try:
        for n in (0, 1, last - 1):  # cover (on its paper plate), a running head, the back page
            page = pdf[n]
            pixels = np.asarray(page.render(scale=scale).to_pil().convert("RGB")).astype(int)
            top = pixels.shape[0]
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
                left, bottom, right, upper = (round(v * scale) for v in obj.get_bounds())
                if right - left > 150 * scale:  # the cover photo
                    continue
                y0, y1 = top - upper, top - bottom
                around = pixels[y0 - 2, left - 2]  # the colour the logo sits on, just outside its box
                band = max(2, (y1 - y0) // 20)  # inside the box, where the logo is clear (10 % of it)
                edges = [pixels[y0:y0 + band, left:right], pixels[y1 - band:y1, left:right],
                         pixels[y0:y1, left:left + band], pixels[y0:y1, right - band:right]]
                worst = max(int(np.abs(e - around).max()) for e in edges)
                seen.append((n + 1, tuple(int(v) for v in around), worst))
    finally:
        pdf.close()
    assert [p for p, _, _ in seen] == [1, 2, last], seen
    assert all(worst == 0 for _, _, worst in seen), seen  # before: a darker box on the back page
    assert seen[-1][1] != (255, 255, 255)  # the back page's logo sits on the night blue
    with pikepdf.open(path) as doc:
        logos = [o for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
                 and "/SMask" in o]
        # the logo at the cover's size and (resampled to 300 ppi) the running head's, the negative
        assert len(logos) == 3, logos
        for image in logos:  # lossless CMYK, the alpha as a soft mask in a CMYK page group
            assert (image.ColorSpace, image.Filter, image.SMask.Filter) == ("/DeviceCMYK", "/FlateDecode",
                                                                             "/FlateDecode")
        assert doc.pages[-1].Group.CS == "/DeviceCMYK"
    checks = {f.check: f for f in png_logo.preflight.findings}
    assert not png_logo.preflight.failed
    assert checks["transparency"].status == "pass", checks["transparency"]
    assert checks["colour"].status == "pass", checks["colour"]


def test_newsletter_teaser_shows_the_logo_with_alt_text(tmp_path):
    from PIL import Image

    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.logo import write_mail_logo
    from report.newsletter.teaser import teaser_html
    content = _project(tmp_path, "logo:\n  file: logo/logo.svg\n  negative: logo/logo-negative.svg\n"
                                 "  alt: Logo Thüringen International\n")
    doc = load_document(content)
    html = teaser_html(doc, get_locale("de-DE"), "cover-1200.png")
    assert '<img src="logo-320.png" width="160" alt="Logo Thüringen International"' in html
    (path,) = write_mail_logo(doc, tmp_path / "newsletter")
    with Image.open(path) as im:
        assert im.size == (320, 107)
        colours = {c for _, c in im.convert("RGB").getcolors(1 << 16)}
    assert PRIMARY in colours and (255, 255, 255) in colours  # the light version on the header's colour
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    assert "logo-320.png" not in teaser_html(load_document(content), get_locale("de-DE"), "cover-1200.png")


@pytest.mark.parametrize(("accent", "label"), [("#e3a21a", "#1d1d1b"), ("#7a1f3d", "#ffffff")])
def test_the_newsletter_button_label_reads_on_the_accent(tmp_path, accent, label):
    """White on an ochre accent was 2.2:1: the button's label is set in ink where white does not
    reach 4.5:1 on the accent (WCAG AA for its 16 px), in white on a dark accent."""
    import re

    from report.colours import contrast
    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.teaser import teaser_html
    content = _project(tmp_path, f"colours:\n  accent: {{cmyk: [0, 35, 95, 10], rgb: '{accent}'}}\n")
    html = teaser_html(load_document(content), get_locale("de-DE"), "cover-1200.png")
    colour = re.search(r'font-size:16px;font-weight:bold;color:(#[0-9a-fA-F]{6});', html).group(1)
    assert colour.lower() == label and contrast(colour, accent) >= 4.5


def _hairline_logo(root: Path, stroke: float) -> None:
    """A 120 × 40 unit logo (120 × 40 mm): a filled mark and a horizontal stroke `stroke` units wide."""
    (root / "assets" / "logo" / "hair.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120mm" height="40mm" viewBox="0 0 120 40">'
        '<rect x="0" y="0" width="40" height="40" fill="#0b4a74"/>'
        f'<g transform="translate(44 30)"><line x1="0" y1="0" x2="70" y2="0" stroke="#0b4a74" stroke-width="{stroke}"/>'
        '</g></svg>', encoding="utf-8")


def test_svg_logo_hairline_is_an_error_at_the_logo_before_the_layout(tmp_path):
    """A stroke that prints thinner than the preflight's 0.25 pt where the logo is drawn smallest (the
    running head: 15 pt high, 45 pt wide, 0.375 pt a unit) stops the print build at the logo's line in
    theme.yaml, with the width it needs; on the cover and the back page (40 mm) it would pass."""
    content = _project(tmp_path, "logo:\n  file: logo/hair.svg\n  running_head: true\n")
    _hairline_logo(tmp_path, 0.5)
    with pytest.raises(ReportError) as caught:
        build(content, tmp_path / "out")
    first = caught.value.diagnostics[0]
    assert first.severity == "error" and first.pos.file.name == "theme.yaml" and first.pos.line == 2, first.format()
    assert first.message == ("logo logo/hair.svg: its thinnest stroke, a <line> with stroke-width 0.5 (in the SVG's "
                             "units), prints 0.19 pt wide in the running head, where the logo is 45 pt (16 mm) wide; "
                             "the print preflight fails lines under 0.25 pt, which may vanish in print"), first.message
    assert first.hint == ('thicken it to stroke-width="0.67" or more, or outline it (stroke to path) at least 0.67 '
                          "units wide; or leave the logo out of the running head (running_head: false)"), first.hint
    assert not (tmp_path / "out").exists()


def test_svg_logo_stroke_thick_enough_where_it_is_drawn_passes_the_preflight(tmp_path):
    """The same stroke at 0.67 units (0.25 pt in the running head): no error, and the preflight, which
    measures the line on the page, agrees."""
    content = _project(tmp_path, "logo:\n  file: logo/hair.svg\n  running_head: true\n  cover: none\n")
    _hairline_logo(tmp_path, 0.67)
    many_sections(content, 1)
    result = build(content, tmp_path / "out", ["print"])
    assert not result.preflight.failed, result.preflight.format()


def test_a_logo_whose_plate_hides_the_cover_image_is_named(tmp_path, a5):
    """`width: 120` with `clear_space: 1.5` (both in range) hung a paper plate over three quarters of the
    cover photo without a word; a warning at the width names the plate's size and share."""
    from .conftest import set_sections
    content = _project(tmp_path, "logo:\n  file: logo/logo.svg\n  width: 120\n  clear_space: 1.5\n")
    set_sections(content, {"sections/a.yaml": "kind: text\ntitle: Kurz\nblocks:\n  - paragraph: Text.\n"})
    result = build(content, tmp_path / "out", ["screen"])
    [warning] = [w for w in result.warnings if w.message.startswith("logo on the cover")]
    share = re.fullmatch(r"logo on the cover: its paper-coloured plate, \d+ × \d+ mm with the clear space, hides "
                         r"(\d+)% of the cover image", warning.message)
    assert share and int(share[1]) >= 50, warning.message
    assert (warning.pos.file, warning.pos.line) == (content / "theme.yaml", 3)
    assert not [w for w in a5.warnings if w.message.startswith("logo on the cover")]  # the usual logo: none
