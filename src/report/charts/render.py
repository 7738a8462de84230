"""The shared matplotlib renderer: theme fonts and colours in, one-page vector PDF out.

`fonts` are the chart fonts (see charts/fonts.py): small, without ligatures, a private family.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

# matplotlib logs "building the font cache" as a warning the first time it runs with a config
# folder (ours, when its own cannot be written): a library does not print; set before the import
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import text as mtext  # noqa: E402
from matplotlib.backend_bases import FigureCanvasBase  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.backends.backend_pdf import PdfFile  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..locale import Locale  # noqa: E402
from ..theme import Theme  # noqa: E402
from . import ChartDrawing  # noqa: E402

MM = 72 / 25.4
# fontTools warns about Lato's old "created" date while subsetting: noise, not a problem
logging.getLogger("fontTools").setLevel(logging.ERROR)
_registered: set[Path] = set()
# the settings besides the font and the text that a text's measured size depends on
METRICS_RC = ("text.hinting", "text.hinting_factor", "text.kerning_factor")
METRICS_MAX = 20_000
_METRICS: dict[tuple, tuple[float, float, float]] = {}  # a worker's measured texts, for every chart it draws


def font_family(fonts: dict[str, Path]) -> str:
    """Register the chart fonts with matplotlib; returns the family name."""
    for path in fonts.values():
        if path not in _registered:
            font_manager.fontManager.addfont(str(path))
            _registered.add(path)
    return font_manager.FontProperties(fname=str(fonts["regular"])).get_name()


def rc(theme: Theme, fonts: dict[str, Path], fallback: dict[str, Path] | None = None) -> dict[str, Any]:
    """matplotlib's settings for a chart; `fallback`: chart fonts of the bundled text font, which
    matplotlib takes each glyph from that `fonts` lack (its font fallback: a list of families)."""
    ink = theme.colour("ink").rgb
    muted = theme.colour("muted").rgb
    return {
        "pdf.fonttype": 42,  # embed TrueType, text stays text
        "font.family": [font_family(fonts), font_family(fallback)] if fallback else font_family(fonts),
        "font.size": theme.sizes.caption,
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.edgecolor": theme.colour("rule").rgb,
        "axes.linewidth": 0.5,
        "xtick.color": muted,
        "ytick.color": muted,
        "xtick.labelcolor": ink,
        "ytick.labelcolor": ink,
        "xtick.major.width": 0.5,
        "ytick.major.width": 0.5,
        "grid.color": theme.colour("rule").rgb,
        "grid.linewidth": 0.5,
        "svg.hashsalt": "report",
    }


@contextmanager
def _whole_chart_fonts(fonts: list[Path]) -> Iterator[None]:
    """matplotlib embeds each chart's glyphs as a subset of its font, which fontTools makes for
    every chart (a sixth of a chart's time). A chart font is small already (charts/fonts.py), and
    the finishing stage keeps one program of each for all the charts of a document, cut to the
    glyphs they use with their ids kept (finish.py): so a chart embeds its chart fonts whole, glyph
    ids as they are. Any other font (matplotlib falling back to one) is subset as matplotlib does;
    a matplotlib without this interface (before 3.11) subsets all of them."""
    from matplotlib.backends import _backend_pdf_ps as pdf_ps
    if not hasattr(getattr(pdf_ps, "SubsetResults", None), "_as_cm"):
        yield
        return
    # by file name: matplotlib draws a family from the file registered first (another folder's copy
    # in a process that drew charts before), and a chart font's name is made from its content
    ours = {path.name for path in fonts}
    subset_of, as_file = pdf_ps.get_glyphs_subset, pdf_ps.font_as_file
    output_stream = PdfFile.outputStream

    def get_glyphs_subset(fontfile: Any, glyphs: Any) -> Any:
        if Path(str(fontfile)).name not in ours or getattr(fontfile, "face_index", 0):
            return subset_of(fontfile, glyphs)
        return pdf_ps.SubsetResults(_WholeFont(_file_bytes(str(fontfile))), _SameIds())._as_cm()

    def font_as_file(font: Any) -> Any:
        return io.BytesIO(font.data) if isinstance(font, _WholeFont) else as_file(font)

    def outputStream(self: Any, ref: Any, data: bytes, *, extra: Any = None) -> None:  # noqa: N802 (matplotlib's)
        """A whole chart font's stream, compressed once per worker, not once per chart (the same
        bytes: one zlib stream of the same data at the same level)."""
        level = matplotlib.rcParams["pdf.compression"]
        if not (level and extra and "Length1" in extra and data in _FONT_DATA):
            return output_stream(self, ref, data, extra=extra)
        self.beginStream(ref.id, None, extra)
        stream = self.currentstream
        stream.compressobj = None  # (set by the stream for this level: its output is `packed`)
        stream.write(_packed(data, level))
        self.endStream()
        return None
    pdf_ps.get_glyphs_subset, pdf_ps.font_as_file = get_glyphs_subset, font_as_file
    PdfFile.outputStream = outputStream
    try:
        yield
    finally:
        pdf_ps.get_glyphs_subset, pdf_ps.font_as_file = subset_of, as_file
        PdfFile.outputStream = output_stream


class _WholeFont:
    """A chart font's file, where matplotlib expects a subset (a fontTools font it saves)."""

    def __init__(self, data: bytes):
        self.data = data

    def __enter__(self) -> _WholeFont:
        return self

    def __exit__(self, *exc: Any) -> None:
        pass


class _SameIds(dict):
    """Glyph ids as they are in the font (matplotlib maps them to a subset's)."""

    def __missing__(self, gid: int) -> int:
        return gid


_FONT_DATA: set[bytes] = set()  # the whole chart fonts this worker embedded


@lru_cache(maxsize=8)
def _file_bytes(path: str) -> bytes:
    data = Path(path).read_bytes()
    if len(_FONT_DATA) >= 8:
        _FONT_DATA.clear()
    _FONT_DATA.add(data)
    return data


@lru_cache(maxsize=8)
def _packed(data: bytes, level: int) -> bytes:
    """`data` as matplotlib's PDF stream compresses it (zlib.compressobj(level): the same deflate
    stream as zlib.compress at that level)."""
    return zlib.compress(data, level)


@contextmanager
def _shared_text_metrics() -> Iterator[None]:
    """matplotlib keeps the sizes it measured texts at per renderer, and every chart has two new
    ones (Agg for the layout, PDF for the drawing): tick labels, units and category names are
    measured again for every chart, with a text shaping call each (the largest single cost of a
    chart's layout). While a chart is drawn, measurements are kept per kind of renderer instead,
    with everything else they depend on (resolution, font properties, hinting settings): for a
    worker's next charts. Math text (`$…$`) is measured as before, and everything is where
    matplotlib has no such function (a later version may rename it)."""
    original = getattr(mtext, "_get_text_metrics_with_cache", None)
    if original is None:
        yield
        return

    def metrics(renderer: Any, text: str, fontprop: Any, ismath: Any, dpi: float) -> tuple[float, float, float]:
        if ismath:
            return original(renderer, text, fontprop, ismath, dpi)
        prop = fontprop.copy()  # FontProperties is mutable; its hash follows its state
        k = (type(renderer), getattr(renderer, "dpi", None), dpi, text, prop,
             tuple(matplotlib.rcParams[name] for name in METRICS_RC))
        found = _METRICS.get(k)
        if found is None:
            if len(_METRICS) >= METRICS_MAX:
                _METRICS.clear()
            found = _METRICS[k] = renderer.get_text_width_height_descent(text, prop, ismath)
        return found
    mtext._get_text_metrics_with_cache = metrics
    try:
        yield
    finally:
        mtext._get_text_metrics_with_cache = original


def render_pdf(chart_id: str, chart: Any, draw: Callable, theme: Theme, fonts: dict[str, Path],
               locale: Locale, width: float, fallback: dict[str, Path] | None = None) -> ChartDrawing:
    height = chart.height * MM
    every = [*fonts.values(), *(fallback or {}).values()]
    with matplotlib.rc_context(rc(theme, fonts, fallback)), _whole_chart_fonts(every), _shared_text_metrics():
        fig = Figure(figsize=(width / 72, height / 72))
        FigureCanvasAgg(fig)  # text is measured with its one renderer (style.renderer), tight_layout's too
        draw(fig, chart, theme, locale)
        # tight_layout leaves a placeholder layout engine behind, for which savefig draws the whole
        # figure once more before drawing it into the PDF; the layout is done: no engine
        fig.set_layout_engine(None)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf", transparent=True,
                    metadata={"Creator": None, "Producer": None, "CreationDate": None})
        FigureCanvasBase(fig)  # the Agg canvas and its pixel buffer go now, not at the next garbage collection
    return ChartDrawing(chart_id, buf.getvalue(), width, height)
