"""Chart fonts: made once and shared, no ligatures at character id 0, one subset per name,
pixel-identical to drawing with the full theme fonts; workers die with a killed build."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.cache import Cache, file_digest
from report.charts import _characters, _kinds, render_charts
from report.charts.fonts import BASE_CHARS, chart_fonts
from report.content import load_document
from report.locale import get_locale
from report.theme import load_theme

from .conftest import SAMPLE_CONTENT

ROOT = Path(__file__).resolve().parent.parent


def _sample():
    doc = load_document(SAMPLE_CONTENT)
    theme, fonts = load_theme(SAMPLE_CONTENT, doc.assets_dir)
    return doc, theme, fonts, get_locale(doc.report.language), theme.page.text_width


def _pixels(pdf: bytes):
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=3).to_pil().convert("RGB").tobytes()



def _codes(obj, pdf):
    forms = obj.get("/Resources", {}).get("/XObject", {})
    for form in forms.values():
        if form.get("/Subtype") == "/Form":
            yield from _codes(form, pdf)
    if "/Contents" in obj or isinstance(obj, pikepdf.Stream):
        font = None
        for operands, op in pikepdf.parse_content_stream(obj if isinstance(obj, pikepdf.Stream) else
                                                         pikepdf.Page(obj)):
            if str(op) == "Tf":
                font = str(operands[0])
            elif str(op) in ("Tj", "TJ"):
                for s in (operands[0] if str(op) == "TJ" else [operands[0]]):
                    if isinstance(s, pikepdf.String):
                        b = bytes(s)
                        yield from ((font, b[i:i + 2]) for i in range(0, len(b), 2))


def test_chart_text_has_no_ligature_at_id_0_and_one_subset_per_name(tmp_path):
    doc, theme, fonts, locale, width = _sample()
    drawings = render_charts(doc.charts, theme, fonts, locale, width, Cache(tmp_path))
    seen: dict[str, bytes] = {}
    for drawing in drawings.values():
        with pikepdf.open(io.BytesIO(drawing.pdf)) as pdf:
            page = pdf.pages[0]
            fonts_used = page.Resources.Font
            type0 = [f for f in fonts_used.values() if f.Subtype == "/Type0"]
            assert type0 and all(len(f.DescendantFonts) == 1 for f in type0)
            names = [str(f.BaseFont) for f in type0]
            assert len(names) == len(set(names)), "two subsets of one font in one chart"
            for f in type0:
                data = f.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                assert seen.setdefault(str(f.BaseFont), data) == data, "one name, two different subsets"
            codes = [code for _font, code in _codes(page.obj, pdf)]
            assert codes and b"\x00\x00" not in codes, "a glyph at character id 0"
            maps = b"".join(f.ToUnicode.read_bytes() for f in type0)
            assert b"<00740069>" not in maps and b"<00660074>" not in maps  # no "ti" / "ft" glyph
    text = "".join(pdfium.PdfDocument(d.pdf)[0].get_textpage().get_text_range() for d in drawings.values())
    assert "Außenwirtschaftstag" in text  # "ft": a ligature before, now two letters that extract


def test_chart_fonts_draw_pixel_identical_charts(tmp_path):
    """The shared chart fonts (cut to the usual characters) draw every chart exactly as fonts with
    many more glyphs do (both without ligatures: matplotlib cannot switch them off for multi-line
    labels); the glyphs beyond the chart's text change nothing."""
    from report.charts.render import render_pdf
    doc, theme, fonts, locale, width = _sample()
    digests = {r: file_digest(p) for r, p in fonts.items()}
    everything = BASE_CHARS | frozenset(range(0x100, 0x180))  # + Latin Extended-A
    for cid, chart in doc.charts.items():
        draw = _kinds()[type(chart)]
        shared = chart_fonts(fonts, digests, _characters(chart, locale), tmp_path)
        assert all(p.parent == tmp_path and p.stat().st_size < fonts[r].stat().st_size / 3 for r, p in shared.items())
        full = chart_fonts(fonts, digests, everything, tmp_path / "full")
        assert _pixels(render_pdf(cid, chart, draw, theme, shared, locale, width).pdf) == \
            _pixels(render_pdf(cid, chart, draw, theme, full, locale, width).pdf), cid
    again = chart_fonts(fonts, digests, frozenset(map(ord, "abc")), tmp_path)
    assert again == shared  # made once: the same files for any Latin text
    other = chart_fonts(fonts, digests, frozenset(map(ord, "Łódź")), tmp_path)
    assert other["regular"] != shared["regular"]


def test_chart_font_is_the_subset_fonttools_itself_makes():
    """make() prunes the name table itself instead of letting fontTools walk every kerning record:
    the font must be byte for byte what fontTools' own subsetting gives, renamed the same way."""
    from fontTools import subset

    from report.charts.fonts import LIGATURES, make
    _doc, _theme, fonts, _locale, _width = _sample()
    chars = BASE_CHARS | {0x141, 0x17A}  # Ł ź: a font with extra characters is renamed too
    for role in ("regular", "bold"):
        options = subset.Options(glyph_names=True, recommended_glyphs=True, notdef_outline=True)
        options.layout_features = [f for f in options.layout_features if f not in LIGATURES]
        font = subset.load_font(io.BytesIO(fonts[role].read_bytes()), options)
        subsetter = subset.Subsetter(options=options)
        cmap = font.getBestCmap()
        subsetter.populate(unicodes=[c for c in chars if c in cmap])
        subsetter.subset(font)
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = f"{record.toUnicode()} Rtest"
            elif record.nameID == 6:
                record.string = f"{record.toUnicode()}-Rtest"
        expected = io.BytesIO()
        font.save(expected)
        assert make(fonts[role], chars, "Rtest", rename=True) == expected.getvalue(), role


def test_a_chart_embeds_its_chart_fonts_whole_and_draws_as_matplotlibs_subsets(tmp_path):
    """A chart embeds its chart fonts whole (no fontTools subset per chart; the finished PDF keeps
    one cut program for all charts): the same drawing, pixel for pixel, as matplotlib's own subsets."""
    import matplotlib

    from report.charts import render as chart_render
    doc, theme, fonts, locale, width = _sample()
    digests = {r: file_digest(p) for r, p in fonts.items()}
    for cid, chart in doc.charts.items():
        draw = _kinds()[type(chart)]
        shared = chart_fonts(fonts, digests, _characters(chart, locale), tmp_path)
        whole = chart_render.render_pdf(cid, chart, draw, theme, shared, locale, width).pdf
        with matplotlib.rc_context(chart_render.rc(theme, shared)):
            fig = chart_render.Figure(figsize=(width / 72, chart.height * chart_render.MM / 72))
            draw(fig, chart, theme, locale)
            own = io.BytesIO()
            fig.savefig(own, format="pdf", transparent=True,
                        metadata={"Creator": None, "Producer": None, "CreationDate": None})
        assert _pixels(whole) == _pixels(own.getvalue()), cid
        files = {p.read_bytes() for p in shared.values()}
        with pikepdf.open(io.BytesIO(whole)) as pdf:
            embedded = [f.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                        for f in pdf.pages[0].Resources.Font.values()]
        assert embedded and all(data in files for data in embedded), cid


def _chart_programs(path: Path) -> tuple[set, list[bytes]]:
    """(the FontFile2 objects the charts' fonts use, the pixels of every page) of a finished PDF."""
    programs = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for name, form in page.Resources.get("/XObject", {}).items():
                if name.startswith("/RptChart_"):
                    for font in form.Resources.Font.values():
                        programs.add(font.DescendantFonts[0].FontDescriptor.FontFile2.objgen)
    document = pdfium.PdfDocument(str(path))
    return programs, [page.render(scale=1.5).to_pil().convert("RGB").tobytes() for page in document]


def test_the_finished_pdf_keeps_one_cut_program_per_chart_font(project, tmp_path, monkeypatch):
    """Every chart's copy of a chart font becomes one program, cut to the glyphs the charts draw
    (ids kept, no layout tables): the pages look exactly as with every chart's own copy, the file is
    smaller, and the cut is kept in the cache (a rebuild does not import fontTools to make it)."""
    from fontTools.ttLib import TTFont

    from report import finish
    from report.build import build
    from report.shared_fonts import share_fonts
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")  # byte-identical rebuilds (compared below)
    shared = build(project, tmp_path / "shared", ["screen"], cache=Cache(tmp_path / "cache")).outputs[0].path
    monkeypatch.setattr(finish, "share_fonts", lambda *args: None)
    copies = build(project, tmp_path / "copies", ["screen"], cache=Cache(tmp_path / "cache")).outputs[0].path
    monkeypatch.setattr(finish, "share_fonts", share_fonts)
    programs, pixels = _chart_programs(shared)
    each, pixels_each = _chart_programs(copies)
    assert len(programs) == 2 and len(each) == 2 * 3  # regular and bold; three charts
    assert pixels == pixels_each
    assert shared.stat().st_size < copies.stat().st_size - 30_000
    with pikepdf.open(shared) as pdf:
        for objgen in programs:
            font = TTFont(io.BytesIO(pdf.get_object(objgen).read_bytes()))
            assert not {"GSUB", "GPOS", "GDEF"} & set(font.keys())
            drawn = [g for g in font.getGlyphOrder() if font["glyf"][g].numberOfContours != 0]
            assert 10 < len(drawn) < 120  # the charts' glyphs of the ~300 a chart font has

    script = ("import sys; from pathlib import Path; from report.build import build; from report.cache import Cache; "
              f"build(Path({str(project)!r}), Path({str(tmp_path / 'again')!r}), ['screen'], "
              f"cache=Cache(Path({str(tmp_path / 'cache')!r}))); print('fontTools.subset' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout
    assert out.strip().splitlines()[-1] == "False"
    assert (tmp_path / "again" / shared.name).read_bytes() == shared.read_bytes()


def test_a_chart_is_measured_with_one_renderer_and_drawn_once(tmp_path, monkeypatch):
    """Text is measured with one Agg renderer per figure (a new one per measurement would also lose
    matplotlib's text-metrics cache), and saving draws the figure once: no layout engine is left
    behind to make savefig draw it a second time first."""
    from matplotlib.backends import backend_agg
    from matplotlib.figure import Figure

    from report.charts import render as chart_render
    counts = {"agg": 0, "draw": 0}
    agg_init, draw = backend_agg.RendererAgg.__init__, Figure.draw

    def counting_init(self, *args, **kwargs):
        counts["agg"] += 1
        agg_init(self, *args, **kwargs)

    def counting_draw(self, renderer):
        counts["draw"] += 1
        return draw(self, renderer)
    monkeypatch.setattr(backend_agg.RendererAgg, "__init__", counting_init)
    monkeypatch.setattr(Figure, "draw", counting_draw)
    doc, theme, fonts, locale, width = _sample()
    digests = {r: file_digest(p) for r, p in fonts.items()}
    kinds = set()
    for cid, chart in doc.charts.items():
        counts.update(agg=0, draw=0)
        shared = chart_fonts(fonts, digests, _characters(chart, locale), tmp_path)
        chart_render.render_pdf(cid, chart, _kinds()[type(chart)], theme, shared, locale, width)
        assert counts == {"agg": 1, "draw": 1}, (cid, counts)
        kinds.add(type(chart).__name__)
    assert "BarChart" in kinds  # the kind that lays out twice (tight_layout, then room for its labels)


def test_charts_drawn_in_a_row_share_text_measurements_and_draw_the_same(tmp_path, monkeypatch):
    """A worker measures a text once for all its charts (matplotlib keeps measurements per renderer,
    and every chart has new ones): the sample's charts drawn in a row measure fewer texts than each
    drawn alone, and each is byte-identical to the same chart drawn alone, also after charts whose
    text was set in another size (the theme's caption size changed)."""
    from dataclasses import replace

    from matplotlib.backends import backend_agg

    from report.charts import render as chart_render
    measured = []
    original = backend_agg.RendererAgg.get_text_width_height_descent

    def counting(self, s, prop, ismath):
        measured.append(s)
        return original(self, s, prop, ismath)
    monkeypatch.setattr(backend_agg.RendererAgg, "get_text_width_height_descent", counting)
    doc, theme, fonts, locale, width = _sample()
    digests = {r: file_digest(p) for r, p in fonts.items()}
    larger = replace(theme, sizes=replace(theme.sizes, caption=theme.sizes.caption + 2))

    def draw(cid, chart, th):
        shared = chart_fonts(fonts, digests, _characters(chart, locale), tmp_path)
        return chart_render.render_pdf(cid, chart, _kinds()[type(chart)], th, shared, locale, width).pdf

    alone, alone_count = {}, 0
    for th in (theme, larger):
        for cid, chart in doc.charts.items():
            chart_render._METRICS.clear()
            measured.clear()
            alone[cid, th.sizes.caption] = draw(cid, chart, th)
            alone_count += len(measured) if th is theme else 0
    chart_render._METRICS.clear()
    measured.clear()
    for th in (theme, larger):
        for cid, chart in doc.charts.items():
            assert draw(cid, chart, th) == alone[cid, th.sizes.caption], (cid, th.sizes.caption)
        if th is theme:
            assert 0 < len(measured) < alone_count
    assert chart_render._METRICS


def test_making_a_chart_font_prints_nothing():
    """fontTools' note on Lato's head table (a creation date of 1904) reached the terminal of a
    first build once the build process made chart fonts itself (a process of its own: pytest
    captures log records, a user's terminal does not)."""
    _doc, _theme, fonts, _locale, _width = _sample()
    code = ("import sys; from pathlib import Path; from report.charts.fonts import make, BASE_CHARS; "
            "make(Path(sys.argv[1]), BASE_CHARS, 'Rtest')")
    run = subprocess.run([sys.executable, "-c", code, str(fonts["regular"])], capture_output=True, text=True)
    assert run.returncode == 0 and run.stderr == "", run.stderr


def test_a_first_builds_chart_font_is_made_here_only_once_the_build_waits(tmp_path, monkeypatch):
    """With a few charts to draw in the background, render_charts returns without making a chart font
    (the worker makes them after its matplotlib import: made here at once, the font lengthened the
    build process, whose layout is the longer path); once the build waits for the charts, it makes the
    bold one (fonts_while_waiting; the worker, forked from a test process that has matplotlib already,
    may get there first: the files are renamed into place whole). The charts are the same as drawn
    in one process."""
    import report.charts as charts_module
    doc, theme, fonts, locale, width = _sample()
    digests = {r: file_digest(p) for r, p in fonts.items()}
    cid, chart = next(iter(doc.charts.items()))
    bold = chart_fonts(fonts, digests, _characters(chart, locale), tmp_path / "probe", only=("bold",))["bold"]
    made: list[str] = []
    prepare = charts_module._prepare_fonts
    monkeypatch.setattr(charts_module, "_prepare_fonts", lambda job: (made.append(job[0]), prepare(job))[1])
    cache = Cache(tmp_path / "cache")
    drawings = render_charts(doc.charts, theme, fonts, locale, width, cache, background=True)
    assert made == []
    charts_module.fonts_while_waiting()
    assert len(made) == 1 and (tmp_path / "cache" / "chart-fonts" / bold.name).is_file()
    charts_module.fonts_while_waiting()
    assert len(made) == 1  # once
    background = {cid: d.pdf for cid, d in drawings.items()}
    inline = render_charts(doc.charts, theme, fonts, locale, width, Cache(tmp_path / "other"))
    assert background == {cid: d.pdf for cid, d in inline.items()}


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT])
def test_a_killed_cold_build_leaves_no_process(tmp_path, how):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "report", "build", str(SAMPLE_CONTENT), "-o", str(tmp_path / "out")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        workers = _children(proc.pid)
    assert workers, "the cold build started no chart worker"
    time.sleep(0.2)
    if how == signal.SIGINT:
        os.killpg(proc.pid, how)  # Ctrl-C reaches the whole foreground group
    else:
        proc.send_signal(how)
    _out, err = proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "chart workers outlived the build"
    if how == signal.SIGINT:
        text = err.decode()
        # exit 130, or — seen in two full runs of five on a machine loaded eightfold, cause not found — ended by the
        # SIGINT itself after the message (-2): a shell reports both as 130, and nothing else differs
        assert proc.returncode in (130, -signal.SIGINT) and "Traceback" not in text, (proc.returncode, text)
        assert text.strip().splitlines()[-1].startswith("interrupted")


def test_every_font_name_in_the_finished_pdfs_is_one_font_program(screen_pdf, print_pdf):
    import hashlib
    for path in (screen_pdf, print_pdf):
        programs: dict[str, set[str]] = {}
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" \
                        and "/FontFile2" in obj:
                    programs.setdefault(str(obj.FontName), set()).add(
                        hashlib.sha256(obj.FontFile2.read_bytes()).hexdigest())
        assert programs and all(len(v) == 1 for v in programs.values()), (path.name, programs)


def test_finished_worker_pools_are_let_go():
    """`report watch` starts workers on every rebuild that draws charts; the pools of earlier
    rebuilds, their work done, are not kept."""
    import report.charts as charts
    for _ in range(3):
        for future in charts.submit_to_workers(1, abs, [(-1,)]):
            assert future.result() == 1
    assert len(charts._pools) == 1


def _drawn_by(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_held_chart_worker_waits_for_the_layout_and_leaves_when_the_work_is_done():
    """With many charts the second worker waits until the build process has laid out every edition
    (release_workers): until then one worker draws them all; when it has, the held one just exits
    and nothing is left running (a process waiting forever would hang the build at exit)."""
    import multiprocessing

    import report.charts as charts
    futures = charts.submit_to_workers(2, _drawn_by, [(0.05,)] * 6, held=1)
    assert len({f.result(timeout=60) for f in futures}) == 1
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()

    futures = charts.submit_to_workers(2, _drawn_by, [(0.15,)] * (charts.RELEASE_MIN + 4), held=1)
    charts.release_workers()
    assert len({f.result(timeout=60) for f in futures}) == 2

    # released with no more than RELEASE_MIN charts left: the one that runs draws them (a held one
    # would first import matplotlib), and the held one leaves when they are drawn
    futures = charts.submit_to_workers(2, _drawn_by, [(0.05,)] * charts.RELEASE_MIN, held=1)
    charts.release_workers()
    assert len({f.result(timeout=60) for f in futures}) == 1
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()


def _frozen_here() -> int:
    import gc
    return gc.get_freeze_count()


def test_workers_inherit_the_builds_objects_frozen_and_the_build_keeps_its_collector():
    """What a worker inherits is frozen for its collector (which would walk, and so copy, every
    object of the build); in the build process nothing stays frozen (frozen garbage is never
    collected), and what `report watch` froze stays as it was."""
    import gc

    import report.charts as charts
    kept = [[n] for n in range(50_000)]  # objects of the build when the worker is forked
    assert gc.get_freeze_count() == 0
    (future,) = charts.submit_to_workers(1, _frozen_here, [()])
    assert future.result(timeout=60) >= len(kept)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # as `report watch` does after its first build: what is frozen stays frozen
    try:
        watched = gc.get_freeze_count()
        (future,) = charts.submit_to_workers(1, _frozen_here, [()])
        assert future.result(timeout=60) >= len(kept)
        assert gc.get_freeze_count() > watched // 2  # not unfrozen (a few were freed meanwhile)
    finally:
        gc.unfreeze()


def test_cache_keys_read_the_models_as_asdict_does():
    """cache.plain (asdict without its deep copies) gives asdict's repr for every kind of value a
    model holds: nested dataclasses, lists, tuples, dicts, named tuples, paths, decimals."""
    from collections import namedtuple
    from dataclasses import asdict, dataclass, field
    from decimal import Decimal

    from report.cache import key, plain

    Point = namedtuple("Point", "x y")

    @dataclass
    class Inner:
        at: Point
        where: Path = Path("a/b.png")

    @dataclass
    class Outer:
        items: list = field(default_factory=list)
        by_name: dict = field(default_factory=dict)
        pair: tuple = ()
        amount: Decimal = Decimal("1.50")

    made = Outer([Inner(Point(1, 2.5))], {"k": Inner(Point(0, 0)), 3: [Inner(Point(1, 1))]}, (Inner(Point(2, 2)), "x"))
    doc = load_document(ROOT / "examples" / "en" / "content")
    theme, _ = load_theme(ROOT / "examples" / "en" / "content", doc.assets_dir)
    for obj in (made, theme, doc, *doc.charts.values()):
        assert repr(plain(obj)) == repr(asdict(obj))
    assert key("chart", made) != key("chart", Outer(amount=Decimal("1.5")))


_BIG = b"%PDF-1.4\n" + bytes(range(256)) * 800  # ~200 KiB: more than a pipe holds by default (64 KiB)


def _big_pdf(job) -> bytes:
    return _BIG + job[0].encode()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are Linux's")
def test_chart_workers_keep_their_charts_and_send_them_through_a_roomy_pipe(tmp_path, monkeypatch):
    """A chart worker stores its drawing in the cache itself and sends it through a pipe as large as
    Linux allows: a chart's PDF that did not fit the 64 KiB default kept the worker waiting until the
    build process's thread, busy with the layout, had read it (up to a second at a time)."""
    import fcntl

    import report.charts as charts
    from report.cache import Cache
    pool, _futures, _gate = charts._new_pool(1)
    try:
        size = fcntl.fcntl(pool._result_queue._reader.fileno(), fcntl.F_GETPIPE_SZ)
    finally:
        pool.shutdown(wait=False)
        charts._pools[:] = [(p, w) for p, w in charts._pools if p is not pool]
    allowed = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    assert size == min(charts.PIPE_BYTES, allowed) > 64 * 1024
    monkeypatch.setattr(charts, "_render_one", _big_pdf)
    cache = Cache(tmp_path / "cache")
    futures = charts._submit([((f"c{i}",), cache, f"k{i}") for i in range(3)])
    assert [f.result(timeout=60) for f in futures] == [_BIG + f"c{i}".encode() for i in range(3)]
    # stored by the worker: the build process has no callback that stores them
    assert [cache.get("charts", f"k{i}") for i in range(3)] == [_BIG + f"c{i}".encode() for i in range(3)]
    assert not any(f._done_callbacks for f in futures)
