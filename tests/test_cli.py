"""The command line: output, exit codes, atomic replacement."""

import subprocess
import sys

from report.cli import main


def test_build_prints_paths_sizes_and_pages(tmp_path, capsys):
    assert main(["build", "content", "-o", str(tmp_path), "--edition", "screen"]) == 0
    out, err = capsys.readouterr()
    assert "jahresrueckblick-2017-screen.pdf" in out and "pages" in out and "KiB" in out
    for stage in ("load", "charts", "layout", "write"):
        assert stage in err
    assert (tmp_path / "jahresrueckblick-2017-screen.pdf").stat().st_size > 10_000


def test_help_explains_options():
    res = subprocess.run([sys.executable, "-m", "report", "build", "--help"], capture_output=True, text=True)
    assert res.returncode == 0
    for word in ("CONTENT_DIR", "--output", "--edition"):
        assert word in res.stdout


def test_bad_input_keeps_the_earlier_pdf(project, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(project), "-o", str(out), "--edition", "screen"]) == 0
    pdf = out / "jahresrueckblick-2017-screen.pdf"
    before = pdf.read_bytes()
    (project / "charts" / "aktivitaeten.yaml").write_text("kind: bar\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["build", str(project), "-o", str(out), "--edition", "screen"]) == 2
    err = capsys.readouterr().err
    assert "aktivitaeten.yaml:3:1: error: invalid YAML" in err and "began at line 2, column 8" in err
    assert "does not exist" not in err and "Traceback" not in err  # no follow-up error
    assert pdf.read_bytes() == before
    assert not list(out.glob("*.part"))


def test_written_files_are_readable_by_others(tmp_path):
    import os
    import stat
    old = os.umask(0o022)
    try:
        assert main(["build", "content", "-o", str(tmp_path), "--edition", "screen"]) == 0
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "jahresrueckblick-2017-screen.pdf").stat().st_mode)
    assert mode == 0o644  # not mkstemp's private 0600
