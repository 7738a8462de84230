"""Chart and image cache, lazy matplotlib import, parallel charts, reproducible output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from report.build import build
from report.cache import Cache
from report.charts import render_charts
from report.content import load_document
from report.locale import get_locale
from report.theme import load_theme

from .conftest import SAMPLE_CONTENT

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, env: dict, *args: str) -> str:
    res = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **env}, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_rebuild_with_warm_cache_does_not_import_matplotlib(tmp_path):
    code = ("import sys; from pathlib import Path; from report.build import build; "
            "build(Path('content'), Path(sys.argv[1]), ['screen']); "
            "print('matplotlib' in sys.modules, 'reportlab' in sys.modules, 'PIL.ImageCms' in sys.modules)")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    entries = tmp_path / "cache" / "report" / "charts"
    _run(code, env, str(tmp_path / "out"))  # cold: charts are drawn (in worker processes, while the layout runs)
    assert len([p for p in entries.rglob("*") if p.is_file() and not p.name.startswith(".")]) == 3
    # another output folder: no input stamp for it, so a real build, with every chart from the cache
    # (and the theme's print-and-screen colour check: building its ICC transform took ~50 ms a build)
    assert _run(code, env, str(tmp_path / "out2")).strip() == "False True False"


def test_chart_cache_hits_and_survives_corrupt_entries(tmp_path):
    doc = load_document(SAMPLE_CONTENT)
    theme, fonts = load_theme(SAMPLE_CONTENT, doc.assets_dir)
    de, width = get_locale("de-DE"), theme.page.text_width
    cache = Cache(tmp_path)
    first = render_charts(doc.charts, theme, fonts, de, width, cache)
    assert cache.misses == 3 and cache.hits == 0
    for entry in (tmp_path / "charts").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:-100])  # truncated, as after a crash
    cache = Cache(tmp_path)
    again = render_charts(doc.charts, theme, fonts, de, width, cache)
    assert cache.hits == 0 and cache.misses == 3  # corrupt entries are misses, not errors
    cache = Cache(tmp_path)
    third = render_charts(doc.charts, theme, fonts, de, width, cache)
    assert cache.hits == 3
    assert {k: v.pdf[:4] for k, v in first.items()} == {k: v.pdf[:4] for k, v in third.items()} == \
        {k: b"%PDF" for k in doc.charts}
    assert again.keys() == first.keys()


def test_changed_chart_data_misses_the_cache(tmp_path, project):
    doc = load_document(project)
    theme, fonts = load_theme(project, doc.assets_dir)
    de, width = get_locale("de-DE"), theme.page.text_width
    render_charts(doc.charts, theme, fonts, de, width, Cache(tmp_path))
    chart = project / "charts" / "reichweite.yaml"
    chart.write_text(chart.read_text(encoding="utf-8").replace("[1000, 200, 100]", "[1000, 200, 101]"),
                     encoding="utf-8")
    cache = Cache(tmp_path)
    render_charts(load_document(project).charts, theme, fonts, de, width, cache)
    assert cache.misses == 1 and cache.hits == 2

    (project / "theme.yaml").write_text('colours:\n  accent: {rgb: "#aa3300", cmyk: [0, 70, 100, 20]}\n',
                                        encoding="utf-8")
    recoloured, _ = load_theme(project, doc.assets_dir)
    cache = Cache(tmp_path)
    render_charts(load_document(project).charts, recoloured, fonts, de, width, cache)
    assert cache.misses == 3 and cache.hits == 0  # the theme is part of every chart's key


def test_parallel_rendering_matches_serial(tmp_path, monkeypatch):
    import report.charts as charts_mod
    doc = load_document(SAMPLE_CONTENT)
    theme, fonts = load_theme(SAMPLE_CONTENT, doc.assets_dir)
    args = (doc.charts, theme, fonts, get_locale("de-DE"), theme.page.text_width)
    serial = render_charts(*args, Cache(enabled=False))
    monkeypatch.setattr(charts_mod, "POOL_MIN", 2)
    parallel = render_charts(*args, Cache(enabled=False))
    assert list(parallel) == list(serial)
    assert all(parallel[k].pdf == serial[k].pdf for k in serial)


def test_source_date_epoch_gives_byte_identical_pdfs(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")  # 2017-12-31
    a = build(SAMPLE_CONTENT, tmp_path / "a")
    b = build(SAMPLE_CONTENT, tmp_path / "b", cache=Cache(enabled=False))
    for x, y in zip(a.outputs, b.outputs, strict=True):
        assert x.path.read_bytes() == y.path.read_bytes(), x.edition
    import pikepdf
    with pikepdf.open(a.outputs[0].path) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20171231000000Z"


def test_library_patterns_are_compiled_on_first_use():
    """reportlab's URL pattern (and three more) are stand-ins that match as the compiled patterns do;
    the URL pattern is not even compiled for words without "://" (reportlab's hyphenation asks it
    about every word), nor PyYAML's printable check for text without a character it refuses, nor
    pikepdf's XML check for a metadata field without one (each small class that says so matches the
    same code points, all of them checked). Fails when a
    library changes one of them: update deferred.PATTERNS."""
    code = """
import re, report.deferred as d, reportlab.platypus.paragraph as p, reportlab.lib.textsplit as t, yaml.reader as y
import pikepdf.models.metadata._constants as k
found = [p.uri_pat, t.rx, y.Reader.NON_PRINTABLE, k.re_xml_illegal_chars]
print([type(x).__name__ for x in found])
words = ['Informationsveranstaltungen', 'HTTP', 'www.example.org', 'a:/b', '\u4e2d\u6587', '\x07', '']
for w in words:
    assert p.uri_pat.match(w) is None and p.uri_pat.search(w) is None and p.uri_pat.fullmatch(w) is None
print(p.uri_pat._compiled is None)
for text in words[:-2] + ['Grüße „aus“ Erfurt\\n\\t€ 1.000 \\U0001F600']:
    assert y.Reader.NON_PRINTABLE.search(text) is None
print(y.Reader.NON_PRINTABLE._compiled is None)
for text in words[:-2] + ['Jahresbericht 2025 – Grüße \U0001F600']:
    assert k.clean(text) == text
print(k.re_xml_illegal_chars._compiled is None)
assert k.clean('a\x07b\ufffec') == 'abc'
for n in (2, 3):
    _, _, _, same = d.PATTERNS[n]
    real, small = re._compiler.compile(d.PATTERNS[n][0], 0), re.compile(same)
    assert all((real.match(chr(c)) is None) == (small.match(chr(c)) is None) for c in range(0x110000))
urls = ['https://www.example.org/a?b=1', 'HTTP://EXAMPLE.org', 'ftp://10.0.0.1:21/x', 'x://y', ' https://a.de',
        'ok\\x00', 'ok\\ufeff\\ufffe', '\\x85\\x86']
for x, (source, flags, needs, same) in zip(found, d.PATTERNS):
    real = re._compiler.compile(source, flags)
    for text in words + urls:
        for how in ('match', 'search', 'fullmatch'):
            a, b = getattr(x, how)(text), getattr(real, how)(text)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (how, text)
        assert [m.span() for m in x.finditer(text)] == [m.span() for m in real.finditer(text)], text
        assert x.sub("", text) == real.sub("", text), text
    assert (x.pattern, x.flags) == (real.pattern, real.flags)
"""
    assert _run(code, {}).split() == ["['OnFirstUse',", "'OnFirstUse',", "'OnFirstUse',", "'OnFirstUse']",
                                      "True", "True", "True"]


def _leave(tmp_path: Path, body: str, code: int = 3) -> subprocess.CompletedProcess:
    script = ("import atexit, sys, threading, time; from pathlib import Path; from report.cli import leave\n"
              f"out = Path({str(tmp_path)!r})\n{body}\nleave({code})\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_the_command_leaves_with_its_code_its_output_and_its_exit_handlers(tmp_path):
    """The fast exit (os._exit, no interpreter teardown) still flushes what was printed and runs
    what was registered to run at exit (temporary folders, logging)."""
    res = _leave(tmp_path, "atexit.register((out / 'atexit').write_text, 'ran')\n"
                           "print('no newline, still buffered', end='')\nprint('to stderr', file=sys.stderr, end='')")
    assert res.returncode == 3
    assert res.stdout == "no newline, still buffered" and res.stderr == "to stderr"
    assert (tmp_path / "atexit").read_text() == "ran"


def test_the_command_waits_for_a_thread_still_running(tmp_path):
    """With another thread alive the exit is the usual one, which joins it: nothing is cut short."""
    res = _leave(tmp_path, "def late():\n    time.sleep(0.5)\n    (out / 'thread').write_text('finished')\n"
                           "threading.Thread(target=late).start()")
    assert res.returncode == 3
    assert (tmp_path / "thread").read_text() == "finished"


def test_a_font_in_two_places_is_parsed_once(tmp_path):
    """The package's Lato (which measures chart labels) and a project's copy of it are one parse;
    another weight is not."""
    from report import fontfiles, labels
    labels._font.cache_clear()  # an earlier test in this process may have reset fontfiles' parses
    copy, bold = tmp_path / "Lato-Regular.ttf", tmp_path / "Lato-Bold.ttf"
    copy.write_bytes(labels._FONT.read_bytes())
    bold.write_bytes(labels._FONT.with_name("Lato-Bold.ttf").read_bytes())
    assert fontfiles.parsed(copy) is labels._font()
    assert fontfiles.parsed(bold) is not labels._font() and fontfiles.parsed(bold) is not None
    assert labels.text_mm("WWWW") > 2.5 * labels.text_mm("iiii")
