"""The cache and the build under hostile or broken surroundings: planted entries, FIFOs, full disks,
an unwritable cache, leftovers of killed builds."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

from report.cache import Cache
from report.output import write_atomic

ROOT = Path(__file__).resolve().parent.parent


def test_a_fifo_as_cache_entry_is_a_miss_not_a_hang(tmp_path):
    cache = Cache(tmp_path)
    cache.put("charts", "ab" * 32, b"payload")
    entry = tmp_path / "charts" / "ab" / ("ab" * 32)
    entry.unlink()
    os.mkfifo(entry)
    assert cache.get("charts", "ab" * 32) is None  # returns at once: nobody writes into the FIFO
    assert not entry.exists()  # dropped
    cache.put("charts", "ab" * 32, b"payload")
    assert cache.get("charts", "ab" * 32) == b"payload"


def test_a_payload_that_does_not_parse_is_a_miss(tmp_path):
    cache = Cache(tmp_path)
    cache.put("charts", "cd" * 32, b"\x80\x04cos\nsystem\n.")  # a pickle, with a valid checksum
    assert cache.get("charts", "cd" * 32, valid=lambda data: data.startswith(b"%PDF")) is None
    assert cache.get("charts", "cd" * 32) is None  # and it was dropped
    assert cache.get("charts", "ef" * 32, valid=lambda data: 1 / 0) is None  # a validator that raises: a miss


def test_a_full_cache_disk_leaves_no_temp_files(tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    real = os.fdopen

    class Full:
        def __init__(self, fd, mode):
            self.fh = real(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fdopen", Full)
    cache.put("charts", "12" * 32, b"x" * 1000)
    monkeypatch.undo()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    # a temp file of a writer that was killed (its process is gone) is removed by the next writer
    folder = tmp_path / "charts" / "12"
    (folder / ".tmp-999999999-abc").write_bytes(b"half")
    cache.put("charts", "12" * 32, b"payload")
    assert sorted(p.name for p in folder.iterdir()) == ["12" * 32]


def test_stale_part_files_of_a_killed_write_are_cleaned_on_the_next_build(tmp_path):
    target = tmp_path / "out" / "report-screen.pdf"
    target.parent.mkdir()
    dead = target.parent / ".report-screen.pdf.999999999.x1y2z3.part"
    alive = target.parent / f".report-screen.pdf.{os.getpid()}.a1b2c3.part"  # a writer at work
    other = target.parent / ".other.pdf.999999999.q.part"
    for p in (dead, alive, other):
        p.write_bytes(b"%PDF-half")
    write_atomic(target, b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert not dead.exists() and alive.exists() and other.exists()


def test_an_unwritable_cache_leaves_no_matplotlib_folders_and_prints_no_warnings(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(blocker / "cache"), "TMPDIR": str(scratch),
           "PYTHONPATH": str(ROOT / "src")}
    env.pop("MPLCONFIGDIR", None)
    res = subprocess.run([sys.executable, "-m", "report", "build", "content", "-o", str(tmp_path / "out"),
                          "--edition", "screen"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "warning" not in res.stderr.lower() and "matplotlib" not in res.stderr.lower(), res.stderr
    assert list(scratch.iterdir()) == []  # no /tmp/matplotlib-*, nothing of ours either


def test_a_planted_image_entry_is_a_miss(tmp_path):
    from report.editions import editions
    source = ROOT / "assets" / "images" / "cover-artwork.jpg"
    screen = editions()["screen"]
    from dataclasses import replace
    edition = replace(screen, cache=Cache(tmp_path))
    calls = []

    def convert() -> bytes:
        calls.append(1)
        return source.read_bytes()
    edition.cached_image(source, 100, 100, convert)
    entry = next(p for p in (tmp_path / "images").rglob("*") if p.is_file())
    Cache(tmp_path).put("images", entry.name, b"\x80\x04cos\nsystem\n.")  # valid checksum, not a JPEG
    edition.cached_image(source, 100, 100, convert)
    assert len(calls) == 2  # converted again instead of handing reportlab the planted bytes
