"""Watch mode, one cycle at a time: rebuild on change, survive a broken save, keep the last good PDF."""

import gc

import pytest

from report.cli import main
from report.watch import Watcher


@pytest.fixture(autouse=True)
def _collector_as_it_was():
    """A watcher freezes what its first build left for the rest of the process (watch.py); a test's
    watcher ends with the test, and later tests (test_speed_charts counts frozen objects) start
    from a collector with nothing frozen."""
    yield
    gc.unfreeze()


def test_rebuilds_on_change_and_survives_a_broken_save(project, tmp_path):
    out = tmp_path / "out"
    watcher = Watcher(project, out, ["screen"])
    cycles = watcher.cycles(interval=0.01, stop=lambda: False)
    first = next(cycles)
    assert first.error is None
    pdf = out / "jahresrueckblick-2017-screen.pdf"
    good = pdf.read_bytes()
    assert not watcher.changed()

    section = project / "sections" / "04-aussenwirtschaftstag.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("kind: text", "kind: [text"), encoding="utf-8")  # a half-typed save
    broken = next(cycles)
    assert broken.error is not None and "04-aussenwirtschaftstag.yaml" in str(broken.error)
    assert pdf.read_bytes() == good  # the last good PDF stays

    section.write_text(text.replace("Bereits im März", "Schon im März"), encoding="utf-8")
    fixed = next(cycles)
    assert fixed.error is None
    assert pdf.read_bytes() != good


def test_watch_command_is_documented(capsys):
    try:
        main(["watch", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "rebuild" in capsys.readouterr().out


def test_watch_survives_folders_appearing_and_vanishing_while_it_scans(project, tmp_path):
    import shutil
    import threading
    watcher = Watcher(project, tmp_path / "out", ["screen"])
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            nested = project / "sections" / "tmp" / "a" / "b"
            nested.mkdir(parents=True, exist_ok=True)
            (nested / "x.yaml").write_text("kind: text\n", encoding="utf-8")
            shutil.rmtree(project / "sections" / "tmp", ignore_errors=True)
    thread = threading.Thread(target=churn)
    thread.start()
    try:
        for _ in range(300):
            watcher.scan()  # never raises, whatever vanishes mid-scan
    finally:
        stop.set()
        thread.join()
    assert project / "report.yaml" in map(type(project), watcher.scan())


def test_watch_survives_assets_moved_away_and_back_and_ignores_its_own_output(project):
    out = project / "out"  # inside the content folder, as with -o content/out
    watcher = Watcher(project, out, ["screen"])
    cycles = watcher.cycles(interval=0.01)
    assert next(cycles).error is None
    assert not watcher.changed()  # its own PDF is not a change
    assets = project.parent / "assets"
    assets.rename(project.parent / "assets-away")
    away = next(cycles)
    assert away.error is not None and "Traceback" not in str(away.error)
    (project.parent / "assets-away").rename(assets)
    back = next(cycles)
    assert back.error is None and back.result.outputs[0].path.parent == out
    assert not watcher.changed()


def test_a_save_wakes_the_watcher_and_it_polls_without_notices(project, tmp_path, monkeypatch):
    """With the file system's notices (watchfiles) a save ends the wait at once, not after the
    half-second scan interval; without them (no watchfiles) the folders are scanned and a change
    still rebuilds."""
    import sys
    import time

    from report.watch import _Notices
    notices = _Notices([project])
    try:
        assert notices.active
        time.sleep(0.3)  # the watch is set up in its thread
        notices.wait(0)  # anything noticed while setting up
        section = project / "sections" / "04-aussenwirtschaftstag.yaml"
        section.write_text(section.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        start = time.monotonic()
        notices.wait(30)
        assert time.monotonic() - start < 20, "the save did not wake the watcher"
    finally:
        notices.close()

    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import fails: scanning alone
    assert not _Notices([project]).active
    watcher = Watcher(project, tmp_path / "out", ["screen"])
    cycles = watcher.cycles(interval=0.01)
    assert next(cycles).error is None
    pdf = tmp_path / "out" / "jahresrueckblick-2017-screen.pdf"
    before = pdf.read_bytes()
    section.write_text(section.read_text(encoding="utf-8").replace("Bereits im März", "Schon im März"),
                       encoding="utf-8")
    assert next(cycles).error is None
    assert pdf.read_bytes() != before


def test_a_warm_process_reads_the_theme_again_only_when_its_files_change(project, monkeypatch):
    """`report watch` keeps the theme it read while the theme files, fonts and logos stay as they
    were; a change to any of them (even to the same size with the time put back) is read, and a
    reading that began right after a file changed is not kept (it may have changed meanwhile)."""
    import os
    import shutil
    import time

    from report import cache as cache_module
    from report import theme as theme_module
    assets = project.parent / "assets"
    reads = []
    original = theme_module._load_theme
    monkeypatch.setattr(theme_module, "_load_theme", lambda *args: reads.append(1) or original(*args))

    def load():
        return theme_module.load_theme(project, assets)[0]
    os.utime(assets / "fonts" / "Lato-Regular.ttf")  # changed just now
    load()
    load()
    assert len(reads) == 2  # the first reading began right after the change: not kept

    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # no file is "just changed" from here on
    kept = load()
    reads.clear()
    assert load() is kept and load() is kept and reads == []

    custom = project / "theme.yaml"
    custom.write_text("sizes:\n  body: 9.5\n", encoding="utf-8")
    assert load().sizes.body == 9.5 and len(reads) == 1
    time.sleep(0.02)  # file times advance with the kernel's tick (a few ms): let one pass
    st = custom.stat()
    custom.write_text("sizes:\n  body: 9.0\n", encoding="utf-8")  # same size …
    os.utime(custom, ns=(st.st_atime_ns, st.st_mtime_ns))  # … and time: its ctime tells
    assert load().sizes.body == 9.0 and len(reads) == 2

    again = load()
    shutil.copy(assets / "fonts" / "Lato-Black.ttf", assets / "fonts" / "Lato-Bold.ttf")  # a font replaced
    assert load() is not again and len(reads) == 3


def test_a_watch_whose_first_build_was_kept_is_warm_for_the_first_save(project, tmp_path):
    """`report watch` on an unchanged project: its first build is answered from the stamp, which
    loads nothing of the pipeline. The watcher then loads it (modules, the theme's fonts) before it
    waits for a save, so the first save is rebuilt as fast as the next ones."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    code = ("import sys; from pathlib import Path; from report.watch import Watcher; "
            f"w = Watcher(Path({str(project)!r}), Path({str(tmp_path / 'out')!r}), ['screen']); "
            "cycles = w.cycles(stop=lambda: True); first = next(cycles); "
            "print('kept' if first.result.unchanged else 'built', "
            "'loaded' if 'report.render' in sys.modules and 'reportlab.platypus' in sys.modules else 'cold'); "
            "list(cycles); "
            "from reportlab.pdfbase import pdfmetrics; "
            "print('loaded' if 'report.render' in sys.modules and 'pikepdf' in sys.modules else 'cold', "
            "len(pdfmetrics.getRegisteredFontNames()) >= 4)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(root / "src")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env=env,
                           timeout=120) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert runs[0].stdout.split() == ["built", "loaded", "loaded", "True"]
    assert runs[1].stdout.split() == ["kept", "cold", "loaded", "True"]
