"""Charts: one module per kind, each turning a model chart into a vector PDF drawing.

`render_charts` is the pipeline stage: it returns, per chart id, a one-page PDF
(matplotlib's own PDF output) that the finishing stage places as a form XObject; a
chart placed in a section with its own `language:` is drawn once more in that
language, under `drawing_key(id, language)`.
Results are cached by a hash of everything that shapes them; matplotlib is only
imported when a chart must really be drawn, and several misses are drawn in a
process pool. With `background=True` the misses are drawn in worker processes
while the caller goes on (the layout needs only each chart's size, known from the
model); a drawing's `pdf` waits for its worker on first use.

Workers die with the build: they ask the kernel for SIGKILL when their parent dies
(a killed build leaves no process behind), ignore Ctrl-C (the parent alone reports
it, in one line) and are killed by `stop_workers` when a build fails. Text is set in
chart fonts (charts/fonts.py), subset once and shared by every chart.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import gc
import hashlib
import io
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from .. import dataclass_code
from ..cache import Cache, code_version, file_digest, key
from ..locale import Locale, get_locale
from ..model import BarChart, ChartRef, DestinationsChart, DonutChart, Grid, LineChart, PieChart
from ..theme import Theme
from .typeset import typeset

MM = 72 / 25.4
POOL_MIN = 4  # below this many misses a pool's start-up costs more than it saves
WORKERS = 2
ONE_WORKER_MAX = 4  # up to this many charts one worker is done sooner (each one imports matplotlib)
# a held worker is released for more than this many charts left: it first imports matplotlib (~0.8 s,
# about 16 charts' time) while the one running draws on, so the two are done (n × t − 0.8 s) / 2 sooner;
# meanwhile this process does the print edition's finishing work ahead (build._finish_ahead, ~0.4 s of a
# 185-page edition's) on the core the held worker would take: with fewer charts left that is worth more
RELEASE_MIN = 24
HELD = 1  # of a chart pool's WORKERS, how many wait until the build process has laid out every edition
_pools: list[tuple[Any, list[Future]]] = []  # this process's worker pools (ProcessPoolExecutor) and their work
_gates: list[tuple[Any, list[Future]]] = []  # the events held workers wait for, and their pool's work
_early: list[tuple] = []  # (pool, gate) of workers forked before the content was read (start_early)


@dataclass(frozen=True)
class ChartDrawing:
    """A rendered chart: a one-page vector PDF of exactly the placed size."""

    chart_id: str
    source: bytes | Future  # the PDF, or a worker's pending result
    width: float  # points
    height: float
    language: str | None = None  # drawn for a section in this language (its own `language:`); None: the report's
    cell: str = ""  # drawn for a grid's cell of this size (see drawing_key); "": at the text frame's width

    @property
    def pdf(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source.result()

    @property
    def ready(self) -> bool:
        """Drawn (or failed): `pdf` would not wait."""
        return isinstance(self.source, bytes) or self.source.done()

    @property
    def resource_name(self) -> str:
        """A PDF name unique per chart: ASCII only (ids are file names, 'größe' included), with a
        hash so that ids that differ only in punctuation ('a-b', 'a_b') never share a drawing."""
        name = self.chart_id if self.language is None else f"{self.chart_id}\0{self.language}"
        name += f"\0{self.cell}" if self.cell else ""
        readable = "".join(c if c.isascii() and c.isalnum() else "_" for c in name)
        return f"/RptChart_{readable}_{hashlib.sha1(name.encode()).hexdigest()[:8]}"


def drawing_key(chart_id: str, language: str | None = None, cell: tuple[float, float] | None = None) -> str:
    """Where `render_charts` puts a chart's drawing: under its id in the report's language, under
    the id and the language (NUL between: no file name holds one) for a section in another; a
    chart in a grid's cell of (width pt, height mm) under that size as well."""
    key = chart_id if language is None else f"{chart_id}\0{language}"
    return key if cell is None else f"{key}\0{cell_name(cell)}"


def cell_name(cell: tuple[float, float]) -> str:
    return f"{cell[0]:.2f}x{cell[1]:g}"


class GridCell(NamedTuple):
    """A chart set in a grid's cell: drawn at the cell's width and at the height of the tallest chart
    of its row (so that a row's charts, and the captions under them, line up)."""

    chart_id: str
    language: str | None  # as in drawing_key
    width: float  # points
    height: float  # mm
    legend: bool  # narrower than the text frame: a donut's or pie's labels as a legend under the ring
    pos: Any  # where the grid names it

    @property
    def key(self) -> str:
        return drawing_key(self.chart_id, self.language, (self.width, self.height))


def _placed(doc: Any) -> Iterator[tuple[str | None, Any]]:
    """Every block of the sections, with the language it is laid out in: None for the report's, else a
    section's own `language:` (as layout.in_language decides)."""
    for section in doc.sections:
        language = getattr(section, "language", None)
        language = None if language == doc.report.language else language
        for block in getattr(section, "blocks", None) or []:
            yield language, block


def grid_cells(doc: Any, theme: Theme) -> list[GridCell]:
    """The charts set in grids: their cells share the text frame's width, a column gap apart."""
    width, gap = theme.page.text_width, grid_gap(theme)
    return [cell for language, block in _placed(doc) if isinstance(block, Grid)
            for row in block.rows(width, gap) for cell in row_cells(doc.charts, row, width, gap, block, language)]


def full_width(doc: Any) -> list[str]:
    """The charts a section in the report's language places at the text frame's width (`- chart:`): the
    others are drawn only at the sizes they are set at (grid_cells, chart_languages), or not at all."""
    return list(dict.fromkeys(block.id for language, block in _placed(doc)
                              if language is None and isinstance(block, ChartRef) and block.id in doc.charts))


LOWER = 0.75  # on a wide page, the share of its height a full-width chart may be drawn at to stay on a page


def lower_height(chart: Any, theme: Theme) -> float | None:
    """The height (mm) a bar or line chart set at the text frame's width may be drawn at on a wide page
    (PageGrid.wide), where it misses the rest of a page: LOWER of its own, not under 30 mm and not where
    horizontal bars' labels would no longer fit; None where it is always drawn at its own height."""
    if not theme.page.wide or not isinstance(chart, BarChart | LineChart):
        return None
    low = round(max(30.0, chart.height * LOWER), 1)
    if low >= chart.height or (isinstance(chart, BarChart)
                               and _of_height(chart, low).label_room(theme.page.text_width / MM) is not None):
        return None
    return low


def lower_cells(doc: Any, theme: Theme) -> list[GridCell]:
    """The charts a section places at the text frame's width that may be drawn lower there (lower_height),
    as cells of that width and the lower height: the layout sets that drawing where it misses a page."""
    found = []
    for language, block in _placed(doc):
        chart = doc.charts.get(block.id) if isinstance(block, ChartRef) else None
        low = None if chart is None else lower_height(chart, theme)
        if low is not None:
            found.append(GridCell(block.id, language, theme.page.text_width, low, False, block.pos))
    return list({cell.key: cell for cell in found}.values())


def label_room(doc: Any, theme: Theme) -> list[Any]:
    """The errors of charts whose category labels do not fit their height (horizontal bars), at the
    narrowest width each is set at: a grid's cell, else the text frame (where a label column is wider
    and wraps less: 12 one-line labels on a 270 mm chart needed 145 mm, measured as if 170 mm wide)."""
    widths: dict[str, list[float]] = {}
    for cell in grid_cells(doc, theme):
        widths.setdefault(cell.chart_id, []).append(cell.width)
    for cid in full_width(doc):
        widths.setdefault(cid, []).append(theme.page.text_width)
    found = []
    for cid, chart in doc.charts.items():
        if isinstance(chart, BarChart):
            problem = chart.label_room(min(widths.get(cid, [theme.page.text_width])) / MM)
            if problem is not None:
                found.append(problem)
    return found


def grid_gap(theme: Theme) -> float:
    """The gap between a grid's cells (points): the theme's gap between two columns of text."""
    return theme.text.column_gap * MM


def row_cells(charts: dict[str, Any], row: list[Any], width: float, gap: float, grid: Any,
              language: str | None) -> list[GridCell]:
    """The chart cells of one row of `grid` (the layout asks for its drawings by their keys)."""
    n = grid.columns_in(width, gap)
    cell = (width - (n - 1) * gap) / n
    ids = [item.chart for item in row if item.chart in charts]
    height = max((charts[cid].height for cid in ids), default=0.0)
    return [GridCell(item.chart, language, cell, height, n > 1, item.field_pos.get("chart", item.pos))
            for item in row if item.chart in charts]


def chart_languages(doc: Any) -> dict[str, list[str]]:
    """Per chart id, the languages other than the report's of the sections that place it (a text
    section with its own `language:`): there its numbers and words follow that language."""
    found: dict[str, list[str]] = {}
    for language, block in _placed(doc):
        if language is not None and isinstance(block, ChartRef) and block.id in doc.charts \
                and language not in found.get(block.id, []):
            found.setdefault(block.id, []).append(language)
    return found


def _kinds() -> dict[type, Callable]:
    from . import bar, destinations, donut, line  # imported on use: they pull in matplotlib
    return {BarChart: bar.draw, DestinationsChart: destinations.draw, LineChart: line.draw, DonutChart: donut.draw,
            PieChart: donut.draw}


def _render_one(job: tuple) -> bytes:
    """A chart's PDF. Where matplotlib finds glyphs missing from the theme's fonts (a house font
    without „ or €, or the minus of its own negative ticks), the chart is drawn again with the
    bundled text font as matplotlib's fallback for them, as the layout sets them (glyphs.py);
    fonts that have every glyph cost nothing more."""
    cid, chart, theme, fonts, digests, locale, width, legend, font_dir = job
    from .fonts import chart_fonts
    from .render import render_pdf
    chars = _characters(chart, locale)
    shared = chart_fonts(fonts, digests, chars, font_dir)
    draw = _kinds()[type(chart)]
    if legend and isinstance(chart, (DonutChart, PieChart)):  # in a grid's narrow cell
        draw = functools.partial(draw, legend=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # each time: a worker's second chart with the same glyph missing
        pdf = render_pdf(cid, chart, draw, theme, shared, locale, width).pdf
    if any(_MISSING_GLYPH in str(w.message) for w in caught) and (spare := _spare_fonts(fonts, chars, font_dir)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pdf = render_pdf(cid, chart, draw, theme, shared, locale, width, spare).pdf
    for w in caught:  # what else matplotlib said goes on as before
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return pdf


_MISSING_GLYPH = "missing from font"  # matplotlib: "Glyph 8364 (\N{EURO SIGN}) missing from font(s) …"


def _spare_fonts(fonts: dict[str, Path], chars: frozenset[int], font_dir: Path) -> dict[str, Path]:
    """Chart fonts of the bundled text font in the weights closest to the theme's chart fonts; none
    where the theme's fonts are that font."""
    from ..fonts import text_font_for
    from .fonts import ROLES, chart_fonts
    spare = {role: text_font_for(fonts[role].read_bytes()) for role in ROLES if role in fonts}
    digests = {role: file_digest(path) for role, path in spare.items()}
    if "regular" not in spare or all(digests[r] == file_digest(fonts[r]) for r in spare):
        return {}
    return chart_fonts(spare, digests, chars, font_dir)


def _characters(*values: Any) -> frozenset[int]:
    """Every character of the strings in `values` (dataclasses, lists, dicts walked)."""
    found: set[int] = set()
    todo = list(values)
    while todo:
        value = todo.pop()
        if isinstance(value, str):
            found.update(map(ord, value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            todo += [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, list | tuple):
            todo += value
        elif isinstance(value, dict):
            todo += [*value.keys(), *value.values()]
    return frozenset(found)


def _pool_context() -> Any:
    # fork shares the parent's imports; where it is not available, spawn
    import multiprocessing  # imported when a worker is started: a build with every chart cached has none
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _worker_init(parent: int, gate: tuple | None = None) -> None:
    """In each worker: die with the parent, leave Ctrl-C to it; with a gate (started, running, open),
    the workers after the first `running` wait until it opens (see release_workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl: nobody waits for our charts
        os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if gate is not None:
        started, running, opened = gate
        with started.get_lock():
            number = started.value
            started.value += 1
        if number >= running:
            opened.wait()


def release_workers(every: bool = False) -> None:
    """The build process has nothing left to lay out: held chart workers start drawing, where more
    than RELEASE_MIN charts are still to be drawn. With fewer, the worker that runs draws them as
    soon as a held one that first imports matplotlib (~0.8 s) would help it to, and the core stays
    free for the finishing; the held one leaves when they are drawn. `every`: all of them (to stop)."""
    while _gates:
        opened, work = _gates.pop()
        if every or sum(not f.done() for f in work) > RELEASE_MIN:
            opened.set()


def stop_workers() -> None:
    """Cancel queued charts and kill the workers (a build failed or was interrupted)."""
    release_workers(every=True)
    _stop_early()
    _font_job.clear()
    while _pools:
        _kill(_pools.pop()[0])


def _kill(pool: Any) -> None:
    """Cancel what is queued in `pool` and kill its workers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    # the pool's manager thread closes its wake-up pipe as it ends; the interpreter's exit handler
    # writes to that pipe, and doing so while it closed printed a traceback after an interrupt
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None and manager is not threading.current_thread():
        manager.join(timeout=0.5)
        if manager.is_alive():  # a loaded machine: the exit handler must not wake it while it closes
            # (CPython < 3.12 checks the pipe's closed flag and writes without a lock: EBADF, printed)
            from concurrent.futures import process
            getattr(process, "_threads_wakeups", {}).pop(manager, None)


@cache
def _private_dir() -> Path:
    """A folder of this process for what must be a file but cannot go into the cache; removed at exit."""
    path = Path(tempfile.mkdtemp(prefix="report-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return folder.is_dir() and os.access(folder, os.W_OK)


def _matplotlib_home() -> None:
    """matplotlib keeps its config and font list in ~/.config and ~/.cache; where those cannot be
    written it makes a /tmp/matplotlib-* folder per process (never removed) and warns four times.
    Give it a folder of ours instead, removed at exit."""
    if "MPLCONFIGDIR" in os.environ or "matplotlib" in sys.modules:
        return
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "matplotlib"
    cached = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib"
    if not (_writable(config) and _writable(cached)):
        os.environ["MPLCONFIGDIR"] = str(_private_dir() / "matplotlib")
        # a private folder starts without matplotlib's font list: building it is expected, not news
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def _is_pdf(data: bytes) -> bool:
    import pikepdf
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages) == 1


def render_charts(charts: dict[str, Any], theme: Theme, fonts: dict[str, Path], locale: Locale,
                  width: float, cache: Cache | None = None, background: bool = False,
                  languages: dict[str, list[str]] | None = None,
                  cells: list[GridCell] | None = None, full: Collection[str] | None = None,
                  locales: Callable[[str], Locale] = get_locale) -> dict[str, ChartDrawing]:
    """Render every chart at `width` points wide and its own height — or those `full` names (full_width:
    a chart only in grids is not drawn at the text frame's width) — reusing cached drawings.
    `background`: draw misses in worker processes and return at once (see the module docstring).
    `languages` (chart_languages): per chart id, the other languages it is drawn in as well, each
    under `drawing_key(id, language)`; the locale (language and number notation) is part of each
    drawing's cache key. `cells` (grid_cells): the charts set in grids, each drawn at its cell's size as
    well, under its key. `locales`: another language's locale (Document.locale: the house style's numbers
    where report.yaml says they hold in other languages too)."""
    cache = cache or Cache(enabled=False)
    version = code_version(Path(__file__).parent)
    digests = {role: file_digest(path) for role, path in fonts.items()}
    font_ids = sorted(digests.items())
    results: dict[str, bytes | Future] = {}
    jobs, keys = [], {}
    _font_job.clear()  # (an earlier build's, in `report watch`)
    drawn_with = key("theme", theme)  # once: serialising the theme for each chart's key took longer
    # (key, id, chart, language, width, legend, cell name)
    at_width = set(charts if full is None else full)
    wanted = [(cid, cid, chart, None, width, False, "") for cid, chart in charts.items() if cid in at_width]
    wanted += [(drawing_key(cid, language), cid, charts[cid], language, width, False, "")
               for cid, more in (languages or {}).items() for language in more]
    for cell in cells or []:
        wanted.append((cell.key, cell.chart_id, _of_height(charts[cell.chart_id], cell.height), cell.language,
                       cell.width, cell.legend, cell_name((cell.width, cell.height))))
    wanted = list({w[0]: w for w in wanted}.values())  # a chart twice in a cell of one size: drawn once
    for dk, _cid, chart, language, at, legend, _cell in wanted:
        loc = locale if language is None else locales(language)
        chart = typeset(chart, loc)  # the author's labels with the language's quotes, before the key
        # the whole locale: its language, and the notation report.yaml's numbers: may set (1’234,5)
        parts = (version, type(chart).__name__, chart, drawn_with, font_ids, loc, at)
        keys[dk] = key("chart", *parts, "legend") if legend else key("chart", *parts)
        hit = cache.get("charts", keys[dk], valid=_is_pdf)
        if hit is not None:
            results[dk] = hit
        else:
            jobs.append((dk, chart, theme, fonts, digests, loc, at, legend, None))
    if jobs:
        _matplotlib_home()
        font_dir = cache.root / "chart-fonts"
        if not (cache.enabled and _writable(font_dir)):
            font_dir = _private_dir() / "chart-fonts"
        jobs = [(*job[:-1], font_dir) for job in jobs]
    if jobs:
        cache.put("charts-drawn", _drawn_key(), b"")  # the next build (most likely) starts no early worker
    drawn: list[bytes] = []
    if jobs and background:
        for job, future in zip(jobs, _submit([(job, cache, keys[job[0]]) for job in jobs]), strict=True):
            results[job[0]] = future
        if len(jobs) > RELEASE_MIN:
            _prepare_fonts(jobs[0])  # drawing them is the longer path: their font is made meanwhile
        else:
            _font_job[:] = [jobs[0]]  # made here if the build waits for them (fonts_while_waiting)
        jobs = []
    else:
        _stop_early()  # nothing to draw in the background: workers forked early are not needed
        if len(jobs) >= POOL_MIN:
            drawn = [future.result() for future in submit_to_workers(WORKERS, _render_one, [(job,) for job in jobs])]
        else:
            drawn = [_render_one(job) for job in jobs]
    for job, pdf in zip(jobs, drawn, strict=True):
        results[job[0]] = pdf
        cache.put("charts", keys[job[0]], pdf)
    return {dk: ChartDrawing(cid, results[dk], at, chart.height * MM, language, cell)
            for dk, cid, chart, language, at, _legend, cell in wanted}


def _of_height(chart: Any, height: float) -> Any:
    """The chart drawn `height` mm high (a grid row's tallest), where it is not already."""
    if chart.height == height:
        return chart
    taller = dataclasses.replace(chart, height=height)
    taller.pos, taller.field_pos = chart.pos, chart.field_pos
    return taller


def fonts_while_waiting() -> None:
    """The build has laid out every edition and waits for a few charts: one of their two chart fonts is
    made here, where the worker has not made it yet (a first build on this machine: ~0.2 s a font,
    which the worker spends after its matplotlib import). Made at once, it lengthened this process
    where the layout and the images are the longer path: the sample's first build (3 charts) and
    `report init`'s (5 drawings), by 5–9 %."""
    if _font_job:
        _prepare_fonts(_font_job.pop())


_font_job: list[tuple] = []  # a first build's chart job whose font fonts_while_waiting may make


def _prepare_fonts(job: tuple) -> None:
    """Make one of the two chart fonts here while the chart workers import matplotlib: with many
    charts, drawing them is the longer path of a first build (183 pages and 63 charts: the last
    chart came 1.3 s after the layout of both editions). Both here would make this process, which
    lays out two editions meanwhile, the one the build waits for. The files appear whole (written,
    then renamed); a worker that looks first makes its own."""
    cid, chart, theme, fonts, digests, locale, width, _legend, font_dir = job
    try:
        with interrupts_held():
            from .fonts import ROLES, chart_fonts
            chart_fonts(fonts, digests, _characters(chart, locale), font_dir, only=ROLES[-1:])
    except Exception:  # the worker makes them again and reports what is wrong
        pass


def _submit(calls: list[tuple]) -> list[Future]:
    """`_render_and_keep(*call)` for each of `calls` in chart workers (forked early, or now)."""
    if _early:
        pool, gate = _early[-1]
        futures = next(work for p, work in _pools if p is pool)
        try:
            _fork(pool, futures, _render_and_keep, calls)
        except RuntimeError:  # its worker died (BrokenProcessPool): new ones draw them
            pass
        else:
            _early.pop()
            _open_when_done(gate, futures)  # a few charts: the held worker is not released, it leaves then
            pool.shutdown(wait=False)  # the workers draw what is queued, then exit
            return futures[-len(calls):]
    _stop_early()
    if len(calls) <= ONE_WORKER_MAX:
        return submit_to_workers(1, _render_and_keep, calls)
    # The build process lays out the editions meanwhile, on the other core: a second chart worker
    # would share the two cores three ways and leave the build process's last edition to run alone
    # at the end (185 pages, 63 charts: 23 s). It waits until the layout is done instead.
    return submit_to_workers(WORKERS, _render_and_keep, calls, held=HELD)


def _render_and_keep(job: tuple, cache: Cache, k: str) -> bytes:
    """In a chart worker: the chart's PDF, stored in the cache here (its file written by this
    process, not by the build process's thread that receives it while the layout runs)."""
    pdf = _render_one(job)
    cache.put("charts", k, pdf)
    dataclass_code.keep()  # the chart modules' classes, which only workers define (they leave by os._exit)
    return pdf


def submit_to_workers(workers: int, fn: Callable, calls: list[tuple], held: int = 0) -> list[Future]:
    """`fn(*args)` for each args of `calls` in new forked worker processes that die with the build
    (see the module docstring; `stop_workers` kills them). Ctrl-C is blocked while they are forked:
    they ignore it from their first line. `held` of the workers start only when `release_workers`
    is called, or when the others have done all the work (they then just exit)."""
    pool, futures, gate = _new_pool(workers, held)
    _fork(pool, futures, fn, calls)
    _open_when_done(gate, futures)
    pool.shutdown(wait=False)  # the workers finish what is queued, then exit
    return futures


def _open_when_done(gate: tuple | None, futures: list[Future]) -> None:
    """When all the work is done, a held worker opens to take its leave."""
    if gate is None:
        return

    def one_done(_future: Future) -> None:
        if all(f.done() for f in futures):
            gate[2].set()
    for future in futures:
        future.add_done_callback(one_done)


def _new_pool(workers: int, held: int = 0) -> tuple[Any, list[Future], tuple | None]:
    from concurrent.futures import ProcessPoolExecutor
    # `report watch`: the pools of earlier rebuilds, their work done, are let go (not an early one, yet idle)
    _pools[:] = [(p, work) for p, work in _pools if not all(f.done() for f in work) or any(p is q for q, _ in _early)]
    context = _pool_context()
    futures: list[Future] = []
    gate = None
    if 0 < held < workers:
        gate = (context.Value("i", 0), workers - held, context.Event())
        _gates.append((gate[2], futures))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                               initargs=(os.getpid(), gate))
    _roomy(pool)
    _pools.append((pool, futures))  # before the fork: stop_workers reaches every worker
    return pool, futures, gate


PIPE_BYTES = 1 << 20  # Linux's default most (/proc/sys/fs/pipe-max-size)


def _roomy(pool: Any) -> None:
    """The pipe a pool's workers send their results through, as large as Linux lets it be (1 MiB;
    64 KiB by default). A chart's PDF (~70 KiB) did not fit: its worker waited until the build
    process's thread had read it, and that thread, waiting for the interpreter lock while the
    layout ran, read it up to a second late (183 pages, 63 charts: the worker stood 1.4 s of a first
    build). Where the pipe cannot be made larger, the workers wait as before."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import fcntl
        fcntl.fcntl(pool._result_queue._reader.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (AttributeError, OSError, ValueError):  # another Python's pool, a lower system limit
        pass


def _fork(pool: Any, futures: list[Future], fn: Callable, calls: list[tuple]) -> None:
    """Submit the calls (the pool's workers are forked by its first submit)."""
    # What the workers inherit is frozen for their collector, which then never walks (nor copies,
    # page by page) the build's objects: half its time in a 185-page edition worker. Here they go to
    # the oldest generation: they live as long as the build. (`report watch` has frozen what its
    # first build left, and that is what workers then inherit frozen: a freeze here would stay, with
    # whatever of this rebuild becomes garbage later.)
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        with interrupts_held():
            futures += [pool.submit(fn, *args) for args in calls]
    finally:
        if freeze:
            gc.unfreeze()


def start_early(cache: Cache) -> None:
    """Fork the chart workers now, before the content is read, when this build will most likely
    draw charts: the cache holds none drawn by this code (a first build, a new version of report,
    no cache at all). The first imports matplotlib meanwhile (~1 s, the longest part of a first
    build of a short review: the sample's first screen edition came ~0.3 s sooner); the second is
    held, as for many charts (see `_submit`), and never released for a few. With none to draw, both
    are stopped."""
    if not sys.platform.startswith("linux") or (cache.enabled and cache.get("charts-drawn", _drawn_key()) is not None):
        return
    _matplotlib_home()
    pool, futures, gate = _new_pool(WORKERS, HELD)  # as for many charts; a few leave the held one closed
    _early.append((pool, gate))
    _fork(pool, futures, _import_drawing, [()])


def _import_drawing() -> None:
    """In the early worker: what drawing a chart imports (matplotlib, fontTools, the chart kinds)."""
    from . import fonts, render  # noqa: F401
    _kinds()


def _drawn_key() -> str:
    """The cache's note that this code has drawn charts (so a build will most likely find its own)."""
    return key("charts drawn", code_version(Path(__file__).parent))


def _stop_early() -> None:
    """The early workers are not needed (no chart to draw)."""
    while _early:
        pool, gate = _early.pop()
        _gates[:] = [(opened, work) for opened, work in _gates if gate is None or opened is not gate[2]]
        _pools[:] = [(p, work) for p, work in _pools if p is not pool]
        _kill(pool)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C held back for the duration (delivered right after): while workers are forked, while
    libraries import that would swallow it (reportlab's bare `except:` clauses), and while the build
    process makes a chart font (an interrupt inside fontTools there ended the build by SIGINT)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


