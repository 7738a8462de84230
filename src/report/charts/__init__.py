"""Charts: one module per kind, each turning a model chart into a vector PDF drawing.

`render_charts` is the pipeline stage: it returns, per chart id, a one-page PDF
(matplotlib's own PDF output) that the finishing stage places as a form XObject.
Results are cached by a hash of everything that shapes them; matplotlib is only
imported when a chart must really be drawn, and several misses are drawn in a
process pool. With `background=True` the misses are drawn in worker processes
while the caller goes on (the layout needs only each chart's size, known from the
model); a drawing's `pdf` waits for its worker on first use.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import Cache, code_version, file_digest, key
from ..locale import Locale
from ..model import BarChart, DestinationsChart, DonutChart, LineChart, PieChart
from ..theme import Theme

MM = 72 / 25.4
POOL_MIN = 4  # below this many misses a pool's start-up costs more than it saves
WORKERS = 2


@dataclass(frozen=True)
class ChartDrawing:
    """A rendered chart: a one-page vector PDF of exactly the placed size."""

    chart_id: str
    source: bytes | Future  # the PDF, or a worker's pending result
    width: float  # points
    height: float

    @property
    def pdf(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source.result()

    @property
    def resource_name(self) -> str:
        """A PDF name unique per chart: ASCII only (ids are file names, 'größe' included), with a
        hash so that ids that differ only in punctuation ('a-b', 'a_b') never share a drawing."""
        readable = "".join(c if c.isascii() and c.isalnum() else "_" for c in self.chart_id)
        return f"/RptChart_{readable}_{hashlib.sha1(self.chart_id.encode()).hexdigest()[:8]}"


def _kinds() -> dict[type, Callable]:
    from . import bar, destinations, donut, line  # imported on use: they pull in matplotlib
    return {BarChart: bar.draw, DestinationsChart: destinations.draw, LineChart: line.draw, DonutChart: donut.draw,
            PieChart: donut.draw}


def _render_one(job: tuple) -> bytes:
    cid, chart, theme, fonts, locale, width = job
    from .render import render_pdf
    return render_pdf(cid, chart, _kinds()[type(chart)], theme, fonts, locale, width).pdf


def _pool_context() -> Any:
    # fork shares the parent's imports; where it is not available, spawn
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def render_charts(charts: dict[str, Any], theme: Theme, fonts: dict[str, Path], locale: Locale,
                  width: float, cache: Cache | None = None, background: bool = False) -> dict[str, ChartDrawing]:
    """Render every chart at `width` points wide and its own height, reusing cached drawings.
    `background`: draw misses in worker processes and return at once (see the module docstring)."""
    cache = cache or Cache(enabled=False)
    version = code_version(Path(__file__).parent)
    font_ids = sorted((role, file_digest(path)) for role, path in fonts.items())
    results: dict[str, bytes | Future] = {}
    jobs, keys = [], {}
    for cid, chart in charts.items():
        keys[cid] = key("chart", version, type(chart).__name__, chart, theme, font_ids, locale.language, width)
        hit = cache.get("charts", keys[cid])
        if hit is not None:
            results[cid] = hit
        else:
            jobs.append((cid, chart, theme, fonts, locale, width))
    drawn: list[bytes] = []
    if jobs and background:
        pool = ProcessPoolExecutor(max_workers=min(WORKERS, len(jobs)), mp_context=_pool_context())
        for job in jobs:
            results[job[0]] = future = pool.submit(_render_one, job)
            future.add_done_callback(_store(cache, keys[job[0]]))
        pool.shutdown(wait=False)  # the workers finish the queued charts, then exit
        jobs = []
    elif len(jobs) >= POOL_MIN:
        with ProcessPoolExecutor(max_workers=WORKERS, mp_context=_pool_context()) as pool:
            drawn = list(pool.map(_render_one, jobs))
    else:
        drawn = [_render_one(job) for job in jobs]
    for job, pdf in zip(jobs, drawn, strict=True):
        results[job[0]] = pdf
        cache.put("charts", keys[job[0]], pdf)
    return {cid: ChartDrawing(cid, results[cid], width, chart.height * MM) for cid, chart in charts.items()}


def _store(cache: Cache, k: str) -> Callable[[Future], None]:
    def done(future: Future) -> None:
        if not future.cancelled() and future.exception() is None:
            cache.put("charts", k, future.result())
    return done
