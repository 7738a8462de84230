"""Referenced files: missing, outside the project, not what their name says, bombs, damaged, SVG."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from report.assets import MAX_IMAGE_PIXELS, AssetError, check_image
from report.content import load_document

from .conftest import ASSETS as ASSETS_DIR
from .hostile import at, diagnostics, edit, line_of, make_project, only, png_bytes

COVER = "image: images/cover-artwork.jpg"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def use_image(content: Path, name: str) -> int:
    """Point the cover at `name`; returns the line of the image key."""
    edit(content, "report.yaml", COVER, f"image: {name}")
    return line_of(content, "report.yaml", f"image: {name}")


def put(content: Path, name: str, data: bytes) -> None:
    path = content.parent / "assets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def cover_error(content: Path, name: str) -> str:
    line = use_image(content, name)
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line, 10)
    assert d.message.startswith("report: cover: image: ")
    assert d.hint
    return d.message.removeprefix("report: cover: image: ") + "\n" + d.hint


def test_missing_file_lists_what_is_there(content):
    text = cover_error(content, "images/cover.jpg")
    assert "file 'images/cover.jpg' does not exist in assets/" in text
    assert "cover-artwork.jpg" in text


def test_a_name_that_differs_in_case_only_is_named(content):
    """'Cover-Artwork.JPG' for cover-artwork.jpg: works on a Mac, fails here and at a Linux print
    server. The hint names the file as it is written on disk."""
    text = cover_error(content, "images/Cover-Artwork.JPG")
    assert text.endswith("the file is named 'images/cover-artwork.jpg': write its name in the same case")


def test_a_folder_that_differs_in_case_is_named_too(content):
    """UK charity 17: 'Images/Weir.JPG' for images/weir.jpg (a Windows habit) got only 'check the
    spelling': the folder's case differed too."""
    text = cover_error(content, "Images/Cover-Artwork.JPG")
    assert text.endswith("the file is 'images/cover-artwork.jpg': write its folders and name in the same case")


def test_a_name_stored_decomposed_is_found(content):
    """A Mac (and a zip made on one) stores 'Bücherbus-Übergabe.jpg' decomposed (u + U+0308); the YAML has it
    composed. It was 'not found', and the hint suggested a name that looked the same."""
    import unicodedata
    name = "Bücherbus-Übergabe.jpg"
    src = content.parent / "assets" / "images" / "cover-artwork.jpg"
    decomposed = src.parent / unicodedata.normalize("NFD", name)
    decomposed.write_bytes(src.read_bytes())
    assert not (src.parent / name).exists()  # the file system keeps both forms apart
    use_image(content, f"images/{unicodedata.normalize('NFC', name)}")
    load_document(content)  # no error


def test_a_misspelt_name_among_many_files_gets_the_closest(content):
    """The listing stopped at eight files without saying so, the ninth being the one meant."""
    for i in range(12):
        put(content, f"images/a{i:02d}.jpg", b"x")
    put(content, "images/treatment-works.jpg", b"x")
    # the name as it is to be written, with its folder
    assert "did you mean 'images/treatment-works.jpg'" in cover_error(content, "images/treatment_works.jpg")


def test_a_long_listing_says_how_many_it_leaves_out(content):
    for i in range(12):
        put(content, f"images/a{i:02d}.jpg", b"x")
    text = cover_error(content, "images/zzz.png")
    assert "… 5 more)" in text and text.count(".jpg") == 8  # eight listed, the rest counted


@pytest.mark.parametrize("name", ["../../etc/passwd", "../../../../../../etc/passwd.jpg", "images/../../../x.jpg"])
def test_paths_leaving_the_project(content, name):
    assert "points outside the project; the file was not read" in cover_error(content, name)


@pytest.mark.parametrize("name", ["/etc/passwd", "C:/Windows/win.ini", "\\\\server\\share\\x.jpg"])
def test_absolute_paths(content, name):
    assert f"absolute path {name!r} is not allowed" in cover_error(content, f"'{name}'".replace("'", ""))


def test_symlink_pointing_out_of_the_project(content, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.jpg"
    secret.write_bytes((content.parent / "assets/images/cover-artwork.jpg").read_bytes())
    os.symlink(secret, content.parent / "assets/images/evil.jpg")
    assert "points outside the project" in cover_error(content, "images/evil.jpg")
    os.symlink("/etc", content.parent / "assets/images/etc")
    assert "points outside the project" in cover_error_again(content, "images/etc/passwd")


def cover_error_again(content: Path, name: str) -> str:
    edit(content, "report.yaml", "image: images/evil.jpg", f"image: {name}")
    return only(diagnostics(content)).message


def test_symlinked_assets_folder_is_the_projects_own(tmp_path):
    """The owner may link assets/ to shared brand files; links inside it still may not leave it."""
    content = make_project(tmp_path, images=False)
    (tmp_path / "assets").symlink_to(ASSETS_DIR, target_is_directory=True)
    assert load_document(content).report.cover.image.name == "cover-artwork.jpg"


def test_png_named_jpg(content):
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "PNG")
    put(content, "images/photo.jpg", buf.getvalue())
    text = cover_error(content, "images/photo.jpg")
    assert "'images/photo.jpg' is a PNG image, but its name ends in .jpg" in text
    assert "rename it to photo.png" in text


@pytest.mark.parametrize("data, what", [
    (b"root:x:0:0:root:/root:/bin/bash\n", "not a JPEG or PNG image"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "a GIF image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
    (b"<!DOCTYPE html><html><body>404</body></html>", "an HTML page"),
    (b"", "not a JPEG or PNG image"),
])
def test_files_that_are_not_what_their_name_says(content, data, what):
    put(content, "images/x.png", data)
    text = cover_error(content, "images/x.png")
    assert f"'images/x.png' is {what}" in text and "its name ends in .png" in text


def test_decompression_bomb_is_refused_before_decoding(content):
    """A 20000 × 20000 PNG of a few kilobytes; decoded it would take 400 MB (1.2 GB as RGB)."""
    bomb = png_bytes(20000, 20000)
    assert len(bomb) < 100_000
    put(content, "images/bomb.png", bomb)
    text = cover_error(content, "images/bomb.png")
    assert "'images/bomb.png' is 20000 × 20000 pixels (400 megapixels); at most 40 megapixels are accepted" in text
    assert "scale it down" in text


def test_bomb_header_without_data(content):
    put(content, "images/claim.png", png_bytes(100_000, 100_000, idat=b""))
    assert "100000 × 100000 pixels" in cover_error(content, "images/claim.png")


def test_bomb_limit_is_on_pixels_not_sides():
    assert MAX_IMAGE_PIXELS < 20000 * 20000 and MAX_IMAGE_PIXELS > 2551 * 3579 * 4


def test_truncated_jpeg(content):
    data = (content.parent / "assets/images/cover-artwork.jpg").read_bytes()
    put(content, "images/cut.jpg", data[: len(data) // 3])
    text = cover_error(content, "images/cut.jpg")
    assert "'images/cut.jpg' is damaged or incomplete and cannot be decoded" in text
    assert "save it again" in text


def test_corrupt_png_data(content):
    put(content, "images/bad.png", png_bytes(64, 64, idat=b"this is not zlib data"))
    assert "is damaged or incomplete" in cover_error(content, "images/bad.png")


def test_svg_with_external_entities_is_never_opened(content, tmp_path):
    svg = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<image xlink:href="http://127.0.0.1:9/x.png"/><text>&xxe;</text></svg>')
    put(content, "images/logo.svg", svg.encode())
    text = cover_error(content, "images/logo.svg")
    assert "SVG images are not supported, and the file was not opened" in text
    assert "export it as PNG" in text


def test_svg_disguised_as_png(content):
    put(content, "images/logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x/y"/></svg>')
    text = cover_error(content, "images/logo.png")
    assert "is an SVG/XML file (SVG images are not supported" in text


def test_folder_instead_of_file(content):
    (content.parent / "assets/images/folder.jpg").mkdir()
    assert "'images/folder.jpg' is a folder or a device" in cover_error(content, "images/folder.jpg")


def test_unsupported_extension(content):
    put(content, "images/x.gif", b"GIF89a")
    assert "'images/x.gif' is not a supported image type" in cover_error(content, "images/x.gif")


def test_image_block_errors_point_at_the_block(content):
    buf = io.BytesIO()
    Image.effect_noise((200, 200), 60).save(buf, "PNG")
    put(content, "images/cut.png", buf.getvalue()[: len(buf.getvalue()) // 2])
    edit(content, "sections/03-highlights.yaml", "blocks:\n",
         "blocks:\n  - image:\n      image: images/cut.png\n      caption: Eine Messe\n      alt: Ein Stand\n")
    d = only(diagnostics(content))
    at(d, "content/sections/03-highlights.yaml",
       line_of(content, "sections/03-highlights.yaml", "image: images/cut.png"), 14)
    assert d.message.startswith("section: image: image: 'images/cut.png' is damaged")


def test_sound_images_pass(tmp_path):
    for fmt, suffix in (("PNG", ".png"), ("JPEG", ".jpg")):
        path = tmp_path / f"ok{suffix}"
        Image.new("RGB", (300, 200), "blue").save(path, fmt)
        check_image(path, path.name)


def test_an_image_damaged_after_it_passed_is_checked_again(tmp_path):
    """`report watch` keeps the images that passed in memory; a file written since (even to the
    same size, even with its old modification time put back) is decoded again."""
    import time
    path = tmp_path / "photo.jpg"
    Image.effect_noise((300, 200), 60).convert("RGB").save(path, "JPEG")
    time.sleep(0.15)  # older than the racy margin: the check that passes is kept
    check_image(path, path.name)
    time.sleep(0.02)  # file times advance with the kernel's tick (a few ms): let one pass
    data = path.read_bytes()
    old = path.stat()
    path.write_bytes(bytes(64) + data[64:])  # same size, its header overwritten
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    with pytest.raises(AssetError, match="but its name ends in .jpg"):
        check_image(path, path.name)

    path.write_bytes(data)  # sound again, and checked right after the write: not kept, so that a
    check_image(path, path.name)  # second write within the same tick of the file clock is seen
    old = path.stat()
    path.write_bytes(bytes(64) + data[64:])
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    with pytest.raises(AssetError, match="but its name ends in .jpg"):
        check_image(path, path.name)


def test_name_longer_than_the_file_system_allows(content):
    assert "File name too long" in cover_error(content, "images/" + "a" * 400 + ".png")


def test_section_name_longer_than_the_file_system_allows(content):
    edit(content, "report.yaml", "  - sections/02-bilanz.yaml", "  - " + "a" * 400)
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "aaaa"), 5)
    assert "cannot be used: File name too long" in d.message


def test_damaged_font_is_named_before_layout(content):
    from report.errors import ReportError
    from report.theme import load_theme
    fonts = content.parent / "assets" / "fonts"
    fonts.mkdir()
    for ttf in (ASSETS_DIR / "fonts").glob("*.ttf"):
        (fonts / ttf.name).write_bytes(ttf.read_bytes())
    (fonts / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 50)
    (content / "theme.yaml").write_text("fonts:\n  bold: fonts/Broken.ttf\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(content, content.parent / "assets")
    d = only(exc.value.diagnostics)
    at(d, "content/theme.yaml", 2, 9)
    assert d.message == "font 'fonts/Broken.ttf' is damaged or not a TrueType/OpenType font"
