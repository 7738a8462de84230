"""A first build forks its chart worker before it reads the content, so that the worker's import of
matplotlib runs beside the reading: a few charts are then drawn by that very worker; with many (two
workers) or none to draw it is stopped, and a content error leaves it no longer alive than the build.
A build whose cache shows charts drawn by this code (most builds) forks none early."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

import report.charts as charts
import report.content as content
from report.build import build
from report.cache import Cache
from report.errors import ReportError

from .test_speed_charts import _alive

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the early worker is forked")


def _early_workers() -> list[int]:
    return [pid for pool in charts._early for pid in (getattr(pool, "_processes", None) or {})]


_DRAWING: list = []  # where the workers note who drew a chart, and the real drawing (inherited by the fork)


def _drawing(job):
    folder, draw = _DRAWING
    (folder / f"drawn-{job[0]}").write_text(str(os.getpid()))
    return draw(job)


@pytest.fixture
def watched(monkeypatch, tmp_path: Path) -> dict:
    """The early workers alive when the content is read, and who drew which chart."""
    seen: dict = {"reading": []}
    read = content.load_document

    def reading(*args, **kwargs):
        seen["reading"].append(_early_workers())
        return read(*args, **kwargs)

    _DRAWING[:] = [tmp_path, charts._render_one]
    monkeypatch.setattr(content, "load_document", reading)
    monkeypatch.setattr(charts, "_render_one", _drawing)
    yield seen
    _DRAWING.clear()


def _drawers(tmp_path: Path) -> set[int]:
    found = {int(p.read_text()) for p in tmp_path.glob("drawn-*")}
    for p in tmp_path.glob("drawn-*"):
        p.unlink()
    return found


def test_a_first_build_draws_its_few_charts_in_the_worker_it_forked_first(project: Path, tmp_path: Path,
                                                                        watched: dict) -> None:
    cache = Cache(tmp_path / "cache")
    build(project, tmp_path / "out", ["screen"], cache=cache)
    (early,) = watched["reading"][0]  # forked before the content was read
    assert _drawers(tmp_path) == {early}  # the sample's three charts
    (project / "charts" / "aktivitaeten.yaml").write_text(
        (project / "charts" / "aktivitaeten.yaml").read_text(encoding="utf-8").replace("title: ", "title: Neu im ", 1),
        encoding="utf-8")
    build(project, tmp_path / "out", ["screen"], cache=cache)
    assert watched["reading"][1] == []  # charts drawn by this code before: none forked early
    assert len(_drawers(tmp_path)) == 1  # the changed chart, by a worker forked as usual
    build(project, tmp_path / "off", ["screen"], cache=Cache(tmp_path / "off-cache", enabled=False))
    assert len(watched["reading"][2]) == 1  # no cache: every chart is drawn


def test_a_content_error_stops_the_early_worker(project: Path, tmp_path: Path, watched: dict) -> None:
    (project / "report.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReportError):
        build(project, tmp_path / "out", ["screen"], cache=Cache(tmp_path / "cache"))
    (early,) = watched["reading"][0]
    deadline = time.monotonic() + 10
    while _alive(early) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(early) and charts._early == []


def _pid(job) -> int:
    return os.getpid()


def test_the_early_worker_draws_a_few_charts_and_leaves_many_to_two_workers(monkeypatch) -> None:
    monkeypatch.setattr(charts, "_render_one", _pid)
    charts.start_early(Cache(enabled=False))
    (early,) = _early_workers()
    assert {f.result(timeout=60) for f in charts._submit([("a",)] * 3)} == {early}
    assert charts._early == []
    charts.start_early(Cache(enabled=False))
    (early,) = _early_workers()
    futures = charts._submit([("a",)] * (charts.ONE_WORKER_MAX + 1))
    charts.release_workers()
    assert early not in {f.result(timeout=60) for f in futures}
    deadline = time.monotonic() + 10
    while _alive(early) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(early)
