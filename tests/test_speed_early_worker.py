"""A first build forks its chart workers before it reads the content, so that the first one's import
of matplotlib runs beside the reading: a few charts are then drawn by that very worker (the second,
held, is never released), many by both (the second once the layout is done); with none to draw they
are stopped, and a content error leaves them no longer alive than the build. A build whose cache
shows charts drawn by this code (most builds) forks none early."""

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
    return [pid for pool, _gate in charts._early for pid in (getattr(pool, "_processes", None) or {})]


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
    early = watched["reading"][0]  # forked before the content was read
    assert len(early) == 2 and len(drawers := _drawers(tmp_path)) == 1 and drawers <= set(early)  # three charts
    (project / "charts" / "aktivitaeten.yaml").write_text(
        (project / "charts" / "aktivitaeten.yaml").read_text(encoding="utf-8").replace("title: ", "title: Neu im ", 1),
        encoding="utf-8")
    build(project, tmp_path / "out", ["screen"], cache=cache)
    assert watched["reading"][1] == []  # charts drawn by this code before: none forked early
    assert len(_drawers(tmp_path)) == 1  # the changed chart, by a worker forked as usual
    build(project, tmp_path / "off", ["screen"], cache=Cache(tmp_path / "off-cache", enabled=False))
    assert len(watched["reading"][2]) == 2  # no cache: every chart is drawn


def test_a_content_error_stops_the_early_worker(project: Path, tmp_path: Path, watched: dict) -> None:
    (project / "report.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReportError):
        build(project, tmp_path / "out", ["screen"], cache=Cache(tmp_path / "cache"))
    early = watched["reading"][0]
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in early) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert early and not any(_alive(p) for p in early) and charts._early == []


def _pid(job) -> int:
    time.sleep(0.2)
    return os.getpid()


def test_the_early_workers_draw_a_few_charts_in_one_and_many_in_both(monkeypatch) -> None:
    monkeypatch.setattr(charts, "_render_one", _pid)
    charts.start_early(Cache(enabled=False))
    early = set(_early_workers())
    futures = charts._submit([("a", Cache(enabled=False), "k")] * 3)
    charts.release_workers()  # the layout is done: the held worker stays held for a few charts
    assert len(drawers := {f.result(timeout=60) for f in futures}) == 1 and drawers <= early
    assert charts._early == []
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in early) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in early)  # both left when the charts were drawn
    charts.start_early(Cache(enabled=False))
    early = set(_early_workers())
    futures = charts._submit([("a", Cache(enabled=False), "k")] * (charts.RELEASE_MIN + 4))
    charts.release_workers()
    assert {f.result(timeout=60) for f in futures} == early  # many: both drew


def _slow_drawing(job):
    time.sleep(1.5)  # the build lays out both editions before the charts are drawn
    return _DRAWING[1](job)


def test_a_build_with_a_few_charts_makes_a_chart_font_only_when_it_waits_for_them(project: Path, tmp_path: Path,
                                                                               monkeypatch) -> None:
    """Made at once, the font lengthened the build process where the layout is the longer path: it is
    made once the layout is done, where the charts are not drawn yet."""
    import report.render as render_module
    events: list[str] = []
    render, prepare = render_module.render, charts._prepare_fonts
    monkeypatch.setattr(render_module, "render", lambda *a, **k: (events.append("layout"), render(*a, **k))[1])
    monkeypatch.setattr(charts, "_prepare_fonts", lambda job: (events.append("font"), prepare(job))[1])
    _DRAWING[:] = [tmp_path, charts._render_one]
    monkeypatch.setattr(charts, "_render_one", _slow_drawing)
    try:
        build(project, tmp_path / "out", None, cache=Cache(tmp_path / "cache"))
    finally:
        _DRAWING.clear()
    assert events == ["layout", "layout", "font"]  # both editions laid out, then the font while waiting
    assert len(list((tmp_path / "cache").rglob("chart-fonts/*.ttf"))) == 2
