"""What checking an image found (it passed; its size as shown) is kept in the cache under the file's
status: a build in a new process does not decode it again, and the layout reads its size from there.
A file written since is checked again, a damaged one still refused; a planted entry of the wrong
shape is a miss. The screen edition's sRGB profile is kept too (a rebuild need not make it)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PIL import Image

from report import assets
from report.assets import AssetError, check_image, shown_size, tones
from report.cache import Cache
from report.editions.screen import srgb_profile


@pytest.fixture
def fresh(monkeypatch, tmp_path: Path):
    """A cache of the test's own, the process's memory of checked images forgotten, decodes counted."""
    monkeypatch.setattr(assets, "_CHECKED", {})
    monkeypatch.setattr(assets, "_store", None)
    decoded: list[str] = []
    check = assets._check_image

    def counting(path, *args):
        decoded.append(Path(path).name)
        return check(path, *args)

    monkeypatch.setattr(assets, "_check_image", counting)
    cache = Cache(tmp_path / "cache")
    assets.use(cache)
    return cache, decoded


def _turned_photo(path: Path) -> Path:
    """Stored 300 × 200, EXIF orientation 6: 200 × 300 as shown."""
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (300, 200), (90, 120, 150)).save(path, "JPEG", exif=exif.tobytes())
    time.sleep(0.15)  # older than the racy margin (its status time): what its check found is kept
    return path


def test_a_new_process_takes_what_the_check_found(fresh, tmp_path: Path, monkeypatch) -> None:
    cache, decoded = fresh
    path = _turned_photo(tmp_path / "phone.jpg")
    check_image(path, path.name)
    assert decoded == ["phone.jpg"] and shown_size(path) == (200, 300)
    monkeypatch.setattr(assets, "_CHECKED", {})  # a new process
    check_image(path, path.name)
    assert decoded == ["phone.jpg"]  # not decoded again
    assert shown_size(path) == (200, 300)
    monkeypatch.setattr(assets, "_CHECKED", {})
    assets.use(Cache(tmp_path / "off", enabled=False))
    check_image(path, path.name)
    assert decoded == ["phone.jpg"] * 2  # nothing kept: decoded


def test_an_image_written_since_is_checked_again(fresh, tmp_path: Path, monkeypatch) -> None:
    cache, decoded = fresh
    path = _turned_photo(tmp_path / "photo.jpg")
    check_image(path, path.name)
    data = path.read_bytes()
    old = path.stat()
    path.write_bytes(bytes(64) + data[64:])  # its header overwritten, the same size, the old times put back
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    time.sleep(0.15)
    monkeypatch.setattr(assets, "_CHECKED", {})
    with pytest.raises(AssetError, match="but its name ends in .jpg"):
        check_image(path, path.name)
    assert decoded == ["photo.jpg", "photo.jpg"]


@pytest.mark.parametrize("planted", [{"shown": [0, 300]}, {"shown": "200x300"}, ["200", "300"], {"shown": [2.5, 3]}])
def test_a_planted_entry_of_the_wrong_shape_is_a_miss(fresh, tmp_path: Path, monkeypatch, planted) -> None:
    cache, decoded = fresh
    path = _turned_photo(tmp_path / "phone.jpg")
    check_image(path, path.name)
    (entry,) = [p for p in (cache.root / "image-facts").rglob("*") if p.is_file()]
    cache.put_json("image-facts", entry.name, planted)
    monkeypatch.setattr(assets, "_CHECKED", {})
    check_image(path, path.name)
    assert decoded == ["phone.jpg", "phone.jpg"] and shown_size(path) == (200, 300)


def test_a_photos_tones_are_kept_like_its_facts(fresh, tmp_path: Path, monkeypatch) -> None:
    """The small copy the cover judges the tone under its credit and logo by: a new process reads it back."""
    path = _turned_photo(tmp_path / "phone.jpg")
    first = tones(path)
    assert first[:2] == (43, 64)  # as shown: turned, 64 px along its longer side
    assert all(abs(a - b) <= 3 for a, b in zip(first[2][:3], (90, 120, 150), strict=True))
    monkeypatch.setattr(assets, "_TONES", {})  # a new process
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: pytest.fail("decoded again"))
    assert tones(path) == first


def test_an_unchecked_image_is_measured_from_its_file(tmp_path: Path) -> None:
    assert shown_size(_turned_photo(tmp_path / "loose.jpg")) == (200, 300)


def test_the_srgb_profile_kept_is_the_one_made(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    cache = Cache(tmp_path / "cache")
    made = srgb_profile()
    assert srgb_profile(cache) == made  # made, and kept
    assert srgb_profile(cache) == made  # read back
    (entry,) = [p for p in (cache.root / "icc").rglob("*") if p.is_file()]
    cache.put("icc", entry.name, b"not a profile" * 20)
    assert srgb_profile(cache) == made  # a planted entry is a miss
