"""Photos cropped around their focus point (`focus: [across, down]`, cover and page photos), and what
stands on the cover photo set to stand out from it: the logo version (negative on a dark photo, a plate
where no version contrasts), the subtitle's colour on the scrim, the credit's on a light photo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from report.build import build
from report.colours import contrast_ratio, luminance

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .hostile import at, diagnostics, line_of, make_project, only

MM = 72 / 25.4
BRAND = Path(__file__).parent / "data" / "brand"
BLUE, LIGHT, RED, GREEN = (20, 30, 60), (236, 228, 200), (215, 25, 25), (30, 190, 40)
NAVY, WHITE = (11, 74, 116), (255, 255, 255)
SECTION = """kind: text
title: Unsere Anlagen
blocks:
  - image: {image: images/photo.jpg, size: page, alt: Das grüne Feld rechts, focus: [100, 50]}
  - paragraph: Zwischen den Fotos.
  - image: {image: images/photo.jpg, size: page, alt: Die Mitte des Bildes}
  - paragraph: Nach den Fotos.
"""


def _landscape(path: Path) -> None:
    """3000 × 1800 px (above the screen's 150 ppi on an A4 page): dark blue, light in its lowest 45 %,
    a red subject 5–15 % across at the left, a green one 85–95 % across at the right."""
    im = Image.new("RGB", (3000, 1800), BLUE)
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 990, 3000, 1800), fill=LIGHT)
    draw.rectangle((150, 500, 450, 900), fill=RED)
    draw.rectangle((2550, 500, 2850, 900), fill=GREEN)
    im.save(path, "JPEG", quality=92)


def _png(path: Path, colour: tuple[int, int, int]) -> None:
    """A logo of a disc and a bar in one colour on a transparent ground, 472 × 158 px (40 mm at 300 ppi)."""
    im = Image.new("RGBA", (472, 158), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.ellipse((48, 16, 172, 142), fill=(*colour, 255))
    draw.rounded_rectangle((200, 50, 424, 108), 15, fill=(*colour, 255))
    im.save(path)


def _project(root: Path, photo: Image.Image | None, cover: str, theme: str) -> Path:
    """The sample cut down to one short section (or the page photos above), with `photo` as
    images/photo.jpg (None: the landscape), `cover` as report.yaml's cover keys and `theme` as theme.yaml."""
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    shutil.copytree(ASSETS, root / "assets")
    shutil.copytree(BRAND, root / "assets" / "logo")
    _png(root / "assets" / "logo" / "logo.png", NAVY)
    _png(root / "assets" / "logo" / "logo-negative.png", WHITE)
    if photo is None:
        _landscape(root / "assets" / "images" / "photo.jpg")
    else:
        photo.save(root / "assets" / "images" / "photo.jpg", "JPEG", quality=92)
    (content / "theme.yaml").write_text(theme, encoding="utf-8")
    set_sections(content, {"sections/fotos.yaml": SECTION} if photo is None else
                 {"sections/text.yaml": "kind: text\ntitle: Text\nblocks:\n  - paragraph: Ein Absatz.\n"})
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8")
    start = text.index("cover:\n")
    end = text.index("\n\n", text.index("  alt:", start))
    report.write_text(text[:start] + "cover:\n" + cover + '  credit: "Foto: Lena Sørensen"\n  alt: Ein Feld\n'
                      + text[end:], encoding="utf-8")
    return content


def _pages(path: Path) -> tuple[list[Image.Image], list[str]]:
    """Every page at 1 px per pt, and its text."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return ([pdf[i].render(scale=1).to_pil().convert("RGB") for i in range(len(pdf))],
                [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))])
    finally:
        pdf.close()


def _text_box(path: Path, page: int, words: str) -> tuple[int, int, int, int]:
    """The box of `words` on a page, as pixel bounds (left, top, right, bottom) at 1 px per pt."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[page].get_textpage()
        height = pdf[page].get_height()
        start = text.get_text_range().index(words)
        boxes = [text.get_charbox(i) for i in range(start, start + len(words))
                 if not text.get_text_range(i, 1).isspace()]
    finally:
        pdf.close()
    return (round(min(b[0] for b in boxes)), round(height - max(b[3] for b in boxes)),
            round(max(b[2] for b in boxes)), round(height - min(b[1] for b in boxes)))


def _near(px: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(px, colour, strict=True))


def _logo_box(width_mm: float = 40) -> tuple[float, float, float, float]:
    """The top-left cover logo at A4 (a 3 : 1 logo): its left edge, top, width and clear space in pt."""
    width = width_mm * MM
    height = width / 3
    clear = 0.5 * height
    return 24 * MM, max(clear, 6 * MM), width, clear


@pytest.fixture(scope="module")
def focus_build(tmp_path_factory):
    """A photo cover of the landscape, its subject at the left (focus: [10, 50]), with PNG logos that
    have a negative version; the section's page photos: one at its right edge, one centred."""
    root = tmp_path_factory.mktemp("focus")
    content = _project(root, None, "  image: images/photo.jpg\n  layout: photo\n  focus: [10, 50]\n",
                       "logo:\n  file: logo/logo.png\n  negative: logo/logo-negative.png\n")
    result = build(content, root / "out", ["screen"])
    (output,) = result.outputs
    return result, output.path, *_pages(output.path)


def test_the_crop_keeps_the_focus_point_on_the_page(focus_build):
    result, _, images, texts = focus_build
    assert [w.format() for w in result.warnings if "logo.png" not in w.message] == []
    cover = images[0]
    w, h = cover.size
    # the cover: the photo 1403 pt wide from the page's left edge, the red subject 70–210 pt across
    assert _near(cover.getpixel((round(0.2 * w), round(0.42 * h))), RED), cover.getpixel((round(0.2 * w), 353))
    right, centred = (i for i, t in enumerate(texts) if not t.strip())  # the page photos carry no text
    # focus [100, 50]: the photo's right edge at the page's, the green subject 385–525 pt across
    assert _near(images[right].getpixel((round(0.75 * w), round(0.42 * h))), GREEN)
    # no focus: centred, red and green both cut off
    assert [_near(images[centred].getpixel((round(x * w), round(0.42 * h))), BLUE) for x in (0.2, 0.75)] == [True,
                                                                                                              True]


def test_the_negative_logo_stands_on_a_dark_photo_without_a_plate(focus_build):
    _, _, images, _ = focus_build
    x0, top, width, clear = _logo_box()
    cover = images[0]
    assert _near(cover.getpixel((round(x0 - clear / 2), round(top / 2))), BLUE, 25)  # the photo, not a plate
    logo = cover.crop((round(x0), round(top), round(x0 + width), round(top + width / 3)))
    colours = logo.getcolors(logo.width * logo.height)
    white = sum(n for n, c in colours if _near(c, WHITE, 20))
    navy = sum(n for n, c in colours if _near(c, NAVY, 20))
    assert white > logo.width * logo.height * 0.2 and navy == 0, (white, navy)
    # and no box: the logo's transparent corner shows the photo
    assert _near(logo.getpixel((2, 2)), BLUE, 25), logo.getpixel((2, 2))


def test_the_subtitle_turns_white_where_the_accent_would_not_stand_out(focus_build):
    """On the scrim over the light lower part of the photo the accent subtitle would stand out only
    about 2 : 1; it is white there."""
    _, path, images, _ = focus_build
    left, top, right, bottom = _text_box(path, 0, "Jahresrückblick 2017")
    region = images[0].crop((left, top, right, bottom))
    colours = [c for _, c in region.getcolors(region.width * region.height)]
    assert not [c for c in colours if c[0] - c[2] > 60], "orange in the subtitle"
    assert max(colours, key=sum) >= (235, 235, 235)


def _plain(colour: tuple[int, int, int]) -> Image.Image:
    return Image.new("RGB", (1250, 1770), colour)  # A4 at 150 ppi, the screen edition's


def test_a_logo_without_a_negative_keeps_its_plate_on_a_dark_photo_and_says_so(tmp_path):
    content = _project(tmp_path, _plain(BLUE), "  image: images/photo.jpg\n  layout: photo\n",
                       "logo:\n  file: logo/logo.svg\n")
    result = build(content, tmp_path / "out", ["screen"])
    notes = [w for w in result.warnings if "plate" in w.message]
    assert [(w.severity, w.message, w.hint) for w in notes] == [(
        "note", "logo on the cover: the photo under it is dark and the theme has no light version of the logo, so "
                "it stands on a paper-coloured plate",
        "add a light version for dark backgrounds under logo: in theme.yaml, e.g. negative: logo/logo-negative.svg")]
    at(notes[0], "content/theme.yaml", 2)
    cover = _pages(result.outputs[0].path)[0][0]
    x0, top, _, clear = _logo_box()
    assert cover.getpixel((round(x0 - clear / 2), round(top / 2))) == WHITE  # the plate


def test_the_credit_is_dark_on_a_light_photo(tmp_path):
    """The panel cover sets the credit on the photo itself, above the panel: white, it vanished on a
    light photo; it takes the ink there."""
    content = _project(tmp_path, _plain(LIGHT), "  image: images/photo.jpg\n", "page:\n  size: A4\n")
    result = build(content, tmp_path / "out", ["screen"])
    path = result.outputs[0].path
    left, top, right, bottom = _text_box(path, 0, "Foto: Lena Sørensen")
    region = _pages(path)[0][0].crop((left, top, right, bottom))
    assert min(sum(c) for _, c in region.getcolors(region.width * region.height)) < 200  # dark glyphs


def test_each_logo_version_is_judged_by_its_own_lightness(tmp_path):
    """The light version on a dark photo, the logo on a light one; on a mid-grey photo neither stands
    out 3 : 1, and the logo takes its plate."""
    from report.layout.logo import Brand, art_on_photo
    from report.logo import ink_luminance, load_logo
    art, negative = load_logo(BRAND / "logo.svg"), load_logo(BRAND / "logo-negative.svg")
    assert ink_luminance(art) < 0.2 < 0.7 < ink_luminance(negative)
    brand = Brand(spec=None, art=art, negative=negative, alt="Logo")
    assert art_on_photo(brand, 0.02) == (negative, False)
    assert art_on_photo(brand, 0.8) == (art, False)
    assert art_on_photo(brand, 0.3) == (art, True)
    assert art_on_photo(Brand(spec=None, art=art, negative=None, alt="Logo"), 0.02) == (art, True)


@pytest.mark.parametrize("written, message, hint", [
    ("left", "image: focus: 'left' is not a point in the photo",
     "for 'left' write focus: [0, 50]: across, then down, in percent from the top left corner"),
    ("[30%, 50%]", "image: focus[1]: '30%' is not a number", "write the percentages without %: focus: [30, 50]"),
    ("[30, 120]", "image: focus[2] = 120 is out of range",
     "use a value from 0 (the top edge) to 100 (the bottom edge)"),
    ("[30]", "image: focus: 1 number given; a point is two, across then down",
     "write [across, down] in percent from the photo's top left corner, e.g. focus: [30, 50] (30 % from the "
     "left edge, half-way down)"),
])
def test_a_bad_focus_is_refused_at_its_line_with_the_point_to_write(tmp_path, written, message, hint):
    content = make_project(tmp_path)
    rel = "sections/03-highlights.yaml"
    path = content / rel
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - chart: ziele\n", "  - image: {image: images/cover-artwork.jpg, alt: Bild, size: page, focus: "
        f"{written}}}\n  - chart: ziele\n"), encoding="utf-8")
    d = only(diagnostics(content))
    assert (d.message, d.hint) == (message, hint)
    at(d, rel, line_of(content, rel, "focus:"))


def test_focus_is_for_page_photos_and_the_cover_only(tmp_path):
    content = make_project(tmp_path)
    rel = "sections/03-highlights.yaml"
    path = content / rel
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - chart: ziele\n", "  - image: {image: images/cover-artwork.jpg, alt: Bild, caption: Ein Bild., "
        "focus: [30, 50]}\n  - chart: ziele\n"), encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message == ("image: focus is for a photo with size: page, which is cropped to fill its page; an image "
                         "in the text is shown whole")
    at(d, rel, line_of(content, rel, "focus:"))


def test_a_cropped_photo_embeds_only_what_is_seen(focus_build):
    """A US user's landscape photo on a portrait page: all 5100 × 3400 px were embedded, half of them
    cut off (2.6 MB of a 6.9 MiB file). Each photo is cut to the page before it is embedded."""
    import pikepdf
    _, path, *_ = focus_build
    with pikepdf.open(path) as pdf:
        page_w, page_h = (float(v) for v in pdf.pages[0].MediaBox[2:])
        sizes = [(int(o.Width), int(o.Height)) for o in pdf.objects
                 if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" and int(o.Width) > 600]
    assert len(sizes) == 3, sizes  # the cover's crop (focus left), the page photos' (right, centred)
    for w, h in sizes:  # the page's proportions at the screen's 150 ppi, not the photo's 5:3
        assert abs(w / h - page_w / page_h) < 0.01 and abs(w - page_w / 72 * 150) <= 2, (w, h)


def test_the_scrim_eases_in_from_nothing(tmp_path):
    """Visual QA: over a light photo the scrim began with a visible edge (its opacity rose at one
    rate from its first band): it now rises slowly where it begins and faster towards the text."""
    content = _project(tmp_path, _plain(WHITE), "  image: images/photo.jpg\n  layout: photo\n",
                       "page:\n  size: A4\n")
    cover = _pages(build(content, tmp_path / "out", ["screen"]).outputs[0].path)[0][0]
    x = cover.width - 8  # the right edge: photo and scrim only
    column = [sum(cover.getpixel((x, y))) / 3 for y in range(cover.height)]
    start = next(y for y, v in enumerate(column) if v < 250)  # where the scrim begins
    end = next(y for y in range(start, cover.height) if column[y] <= min(column) + 1)  # its full darkness
    quarter = (end - start) // 4
    first = column[start] - column[start + quarter]
    last = column[end - quarter] - column[end]
    assert first < 0.5 * last, (start, end, first, last)


def _credit_box(path: Path) -> tuple[float, float, float, float, list[float]]:
    """The cover credit's glyph bounds (left, bottom, right, top, in PDF points) and the page's trim box."""
    import pikepdf
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        trim = [float(v) for v in page.obj.get("/TrimBox", page.MediaBox)]
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[0].get_textpage()
        start = text.get_text_range().index("Foto: Lena")
        boxes = [text.get_charbox(i) for i in range(start, start + len("Foto: Lena Sørensen"))
                 if not text.get_text_range(i, 1).isspace()]
    finally:
        pdf.close()
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes),
            trim)


@pytest.fixture(scope="module")
def white_photo_cover(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("credit")
    photo = Image.new("RGB", (2551, 3579), WHITE)  # A4 with bleed at 300 ppi, for print too
    content = _project(root, photo, "  image: images/photo.jpg\n  layout: photo\n", "page:\n  size: A4\n")
    return {o.edition: o.path for o in build(content, root / "out").outputs}


@pytest.mark.parametrize("edition", ["screen", "print"])
def test_the_photo_covers_credit_runs_up_its_right_edge_from_the_foot(white_photo_cover, edition):
    """Visual QA 9: the credit floated at 58 % of the page's height on the right, at the scrim's grey
    top. It reads upwards along the right edge from the organisation's baseline, in the outer margin and
    at least 5 mm inside the trim (the print shop's safe zone), white on the dark scrim."""
    path = white_photo_cover[edition]
    left, bottom, right, top, (x0, y0, x1, y1) = _credit_box(path)
    assert top - bottom > 5 * (right - left)  # upright
    assert x1 - 16 * MM < left and right <= x1 - 5 * MM
    assert y0 + 16 * MM - 1 <= bottom and top < y0 + 0.3 * (y1 - y0)  # near the foot
    if edition == "screen":
        cover = _pages(path)[0][0]
        h = cover.height
        region = cover.crop((round(left), round(h - top), round(right), round(h - bottom)))
        shades = sorted(luminance(tuple(v / 255 for v in c)) for _, c in region.getcolors(region.width * region.height))
        assert shades[-1] > 0.8 and contrast_ratio(shades[-1], shades[0]) >= 4.5  # white glyphs, dark ground


def test_the_photo_covers_credit_stands_above_a_logo_at_the_foot(tmp_path):
    content = _project(tmp_path, _plain(BLUE), "  image: images/photo.jpg\n  layout: photo\n",
                       "logo:\n  file: logo/logo.png\n  negative: logo/logo-negative.png\n  cover: bottom-right\n")
    path = build(content, tmp_path / "out", ["screen"]).outputs[0].path
    left, bottom, right, top, (_, y0, _, y1) = _credit_box(path)
    height = 40 * MM / 3  # the 3 : 1 logo, 40 mm wide, on the organisation's baseline, its clear space above
    assert top - bottom > 5 * (right - left) and top < y0 + 0.3 * (y1 - y0)
    assert bottom >= 16 * MM + height + 0.5 * height - 1
