"""The cache stays within its budget: once a day at most, the least recently used entries go until
the entries take 80 % of it; what is not an entry (a chart font, a temp file being written, a
link) stays."""

from __future__ import annotations

import os
import time
from pathlib import Path

from report.build import build
from report.cache import PRUNE_EVERY, PRUNED, Cache, key

KIB = 1024


def _entry(cache: Cache, name: str, size: int, used: float) -> Path:
    k = key(name)
    cache.put("things", k, b"x" * size)
    path = cache._path("things", k)
    os.utime(path, (used, used))
    return path


def test_the_least_recently_used_entries_go_until_the_cache_takes_80_percent(tmp_path):
    cache = Cache(tmp_path / "cache")
    now = time.time()
    entries = [_entry(cache, f"e{i}", 100 * KIB, now - (10 - i) * 3600) for i in range(10)]  # e0 oldest
    fonts = cache.root / "chart-fonts"
    fonts.mkdir()
    (fonts / "font.ttf").write_bytes(b"f" * 300 * KIB)  # not an entry: a build may have it open
    writing = entries[0].parent / f".tmp-{os.getpid()}-x"
    writing.write_bytes(b"t" * 300 * KIB)
    os.utime(writing, (now - 99_000, now - 99_000))
    outside = tmp_path / "elsewhere"
    outside.write_bytes(b"o" * 300 * KIB)
    link = entries[0].parent / (entries[0].name[:2] + "link")
    link.symlink_to(outside)

    removed = cache.prune(budget=500 * KIB, now=now)
    # ~1000 KiB of entries (and their checksums) against a budget of 500: down to 400, the oldest first
    assert [p.exists() for p in entries] == [False] * 7 + [True] * 3
    assert removed == sum(100 * KIB + 32 for _ in range(7))
    assert (fonts / "font.ttf").exists() and writing.exists() and link.is_symlink() and outside.exists()
    assert cache.get("things", key("e9")) == b"x" * 100 * KIB  # what is left still reads


def test_a_read_counts_as_a_use(tmp_path):
    cache = Cache(tmp_path / "cache")
    now = time.time()
    old = _entry(cache, "old but read", 100 * KIB, now - 7200)
    new = _entry(cache, "new, not read", 100 * KIB, now - 3600)
    assert cache.get("things", key("old but read")) is not None
    os.utime(old, (now, now - 7200))  # what the read did to its access time (where the file system keeps it)
    cache.prune(budget=150 * KIB, now=now)
    assert old.exists() and not new.exists()


def test_the_cache_is_looked_at_once_a_day_and_never_when_disabled_or_without_limit(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "cache")
    now = time.time()
    for i in range(4):
        _entry(cache, f"e{i}", 100 * KIB, now - 3600)
    assert cache.prune(budget=0, now=now) == 0  # no limit
    assert Cache(cache.root, enabled=False).prune(budget=100 * KIB, now=now) == 0
    assert cache.prune(budget=1000 * KIB, now=now) == 0  # within the budget; the marker is set
    assert (cache.root / PRUNED).exists()
    assert cache.prune(budget=100 * KIB, now=now + 60) == 0  # looked at a minute ago
    assert cache.prune(budget=100 * KIB, now=now + PRUNE_EVERY + 60) > 0
    monkeypatch.setenv("REPORT_CACHE_MB", "not a number")
    assert cache.prune(now=now + 3 * PRUNE_EVERY) == 0  # the default budget (1 GiB)


def test_a_build_keeps_its_cache_within_report_cache_mb(project, tmp_path, monkeypatch):
    """A build with REPORT_CACHE_MB=1 (the sample's cache takes several MiB): its PDFs are written,
    the cache is cut to 0.8 MiB after it, and the next build is right again."""
    monkeypatch.setenv("REPORT_CACHE_MB", "1")
    cache = Cache(tmp_path / "cache")
    first = build(project, tmp_path / "out", ["screen"], cache=cache)
    entries = [p for p in cache.root.rglob("*") if p.is_file() and p.parent.parent.parent == cache.root]
    assert sum(p.stat().st_size for p in entries) <= 0.8 * 1024 * KIB
    assert first.outputs[0].path.exists()
    (cache.root / PRUNED).unlink()
    again = build(project, tmp_path / "again", ["screen"], cache=cache)
    assert again.outputs[0].pages == first.outputs[0].pages
