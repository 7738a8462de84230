"""Issue 17, classes 8 and 10: content files are opened only if they are regular files of a sane
size, checked before a byte is read. A pipe does not hang the build, a link loop is no traceback,
and a 4 GiB file is refused without reading it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from report.errors import Diagnostic

from .hostile import diagnostics, make_project, only


def _diagnostics_within(content: Path, seconds: float = 20) -> list[Diagnostic]:
    """The load's diagnostics; fails (instead of hanging the suite) if loading blocks."""
    found: list[list[Diagnostic]] = []
    worker = threading.Thread(target=lambda: found.append(diagnostics(content)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert found, f"loading {content} did not finish within {seconds} s"
    return found[0]


@pytest.mark.parametrize("rel", ["sections/02-bilanz.yaml", "charts/aktivitaeten.yaml", "report.yaml"])
def test_fifo_as_content_file(tmp_path: Path, rel: str) -> None:
    content = make_project(tmp_path)
    (content / rel).unlink()
    os.mkfifo(content / rel)
    diag = only(_diagnostics_within(content))
    assert str(diag.pos.file).endswith(rel), diag.format()
    assert "named pipe (FIFO)" in diag.message and "not read" in diag.message


@pytest.mark.parametrize("rel", ["sections/02-bilanz.yaml", "charts/aktivitaeten.yaml"])
def test_symlink_loop_as_content_file(tmp_path: Path, rel: str) -> None:
    content = make_project(tmp_path)
    (content / rel).unlink()
    (content / rel).symlink_to(content / rel)
    diags = _diagnostics_within(content)
    diag = next(d for d in diags if "link loop" in d.message)
    assert diag.hint and ("02-bilanz" in diag.format() or "aktivitaeten" in diag.format())


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    content = make_project(tmp_path)
    path = content / "sections/02-bilanz.yaml"
    with path.open("r+b") as fh:
        fh.truncate(4 * 1024 ** 3)  # sparse: 4 GiB that take no disk space, but would take RAM to read
    start = time.perf_counter()
    diag = only(_diagnostics_within(content))
    assert time.perf_counter() - start < 5
    assert "too large (4096.0 MB)" in diag.message and str(diag.pos.file).endswith("02-bilanz.yaml")


def test_symlink_loop_and_fifo_as_image(tmp_path: Path) -> None:
    content = make_project(tmp_path)
    images = content.parent / "assets" / "images"
    (images / "loop.jpg").symlink_to(images / "loop.jpg")
    os.mkfifo(images / "pipe.jpg")
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("image: images/cover-artwork.jpg", "image: images/loop.jpg"), encoding="utf-8")
    diag = only(_diagnostics_within(content))
    assert "link loop" in diag.message and str(diag.pos.file).endswith("report.yaml")
    report.write_text(text.replace("image: images/cover-artwork.jpg", "image: images/pipe.jpg"), encoding="utf-8")
    diag = only(_diagnostics_within(content))
    assert "not an image file" in diag.message
