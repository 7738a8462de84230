"""Issue 17: a first run that works for everyone, and `report init` on a full disk (class 13)."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report import __version__, init
from report.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_version(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"report {__version__}"


def test_init_next_line_is_the_readme_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "mein-bericht"]) == 0
    next_line = capsys.readouterr().out.splitlines()[-1].strip()
    assert next_line == "cd mein-bericht && report build"
    assert next_line in README


def test_readme_first_command_makes_a_venv() -> None:
    first = README.split("<!-- ci:build -->", 1)[1].split("```")[1].strip()
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e .")
    assert first.endswith("report build")
    assert "Python 3.11" in README.split("<!-- ci:build -->", 1)[0] + first


@pytest.mark.parametrize("failing", ["copy", "write"])
def test_init_on_a_full_disk_leaves_nothing_and_can_be_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture, failing: str) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / "neu"
    with monkeypatch.context() as m:
        if failing == "copy":  # shutil.copytree gathers the error into a shutil.Error without strerror
            m.setattr(shutil, "copyfile", full)
        else:
            m.setattr(init, "write_atomic", full)
        assert main(["init", str(target)]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "None" not in err and "Traceback" not in err
    assert not target.exists()
    assert main(["init", str(target)]) == 0  # the retry after freeing space works


def test_bench_help() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--help"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and "--quick" in out.stdout


def test_missing_tool_skips_locally_and_fails_where_required(monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import REQUIRE_TOOLS, require_tool
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv(REQUIRE_TOOLS, raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        require_tool("chromium", "chromium")
    monkeypatch.setenv(REQUIRE_TOOLS, "1")
    with pytest.raises(pytest.fail.Exception, match="required"):
        require_tool("pdfinfo", "poppler-utils")
    ci_test = README.split("<!-- ci:test -->", 1)[1].split("<!-- /ci:test -->", 1)[0]
    assert f"{REQUIRE_TOOLS}=1 python -m pytest" in ci_test
