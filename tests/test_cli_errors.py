"""What a user sees: `report build` on bad content prints compiler-like messages and exits with 2,
never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from report import cli

from .conftest import ROOT
from .hostile import edit, make_project, png_bytes

DIAGNOSTIC = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$", re.M)


def break_yaml(content: Path) -> None:
    edit(content, "report.yaml", "title: Ein gutes", "title: [Ein gutes")


def break_number(content: Path) -> None:
    edit(content, "charts/aktivitaeten.yaml", "[5, 20, 6, 20]", "[5, zwanzig, 6, 20]")


def python_tag(content: Path) -> None:
    edit(content, "report.yaml", "year: 2017", "year: !!python/object/apply:os.system ['echo PWNED']")


def image_bomb(content: Path) -> None:
    (content.parent / "assets" / "images" / "bomb.png").write_bytes(png_bytes(20000, 20000))
    edit(content, "report.yaml", "image: images/cover-artwork.jpg", "image: images/bomb.png")


def latin1(content: Path) -> None:
    path = content / "sections" / "02-bilanz.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


def passwd(content: Path) -> None:
    edit(content, "report.yaml", "image: images/cover-artwork.jpg", "image: ../../../../../../etc/passwd")


@pytest.mark.parametrize("mutate, file, needle", [
    (break_yaml, "content/report.yaml", "invalid YAML"),
    (break_number, "content/charts/aktivitaeten.yaml", "'zwanzig' is not a number"),
    (python_tag, "content/report.yaml", "unsupported YAML tag '!!python/object/apply:os.system'"),
    (image_bomb, "content/report.yaml", "20000 × 20000 pixels"),
])
def test_command_line(tmp_path, mutate, file, needle):
    content = make_project(tmp_path)
    mutate(content)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "report", "build", "--edition", "screen", "-o", "out"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and "PWNED" not in run.stdout + run.stderr
    found = DIAGNOSTIC.search(run.stderr)
    assert found, run.stderr
    assert found["file"] == file and int(found["line"]) > 0 and int(found["col"]) > 0
    assert needle in found["message"]
    assert "\n  hint: " in run.stderr
    assert "build failed: 1 error; no PDF was written or replaced" in run.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("mutate, expected", [
    (latin1, "content/sections/02-bilanz.yaml:"),
    (passwd, "content/report.yaml:"),
])
def test_in_process(tmp_path, monkeypatch, capsys, mutate, expected):
    content = make_project(tmp_path)
    mutate(content)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--edition", "screen", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert DIAGNOSTIC.search(err)["file"] + ":" == expected


def test_several_errors_in_one_run(tmp_path, monkeypatch, capsys):
    content = make_project(tmp_path)
    break_number(content)
    passwd(content)
    edit(content, "sections/02-bilanz.yaml", "kind: text", "kind: txt")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--edition", "screen"]) == 2
    err = capsys.readouterr().err
    files = [m["file"] for m in DIAGNOSTIC.finditer(err)]
    assert files == ["content/report.yaml", "content/sections/02-bilanz.yaml", "content/charts/aktivitaeten.yaml"]
    assert "build failed: 3 errors" in err


def test_missing_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "content folder 'nowhere' does not exist" in err and "hint:" in err
