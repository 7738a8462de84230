"""Issue 17, class 9: `report newsletter` says exactly what it wrote, and a refusal replaces nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.cli import main


def _drop_newsletter_block(content: Path) -> None:
    report = content / "report.yaml"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("newsletter:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#")), len(lines))
    report.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_refused_newsletter_replaces_nothing(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "jahresrueckblick-2017-screen.pdf"
    earlier.write_bytes(b"%PDF-1.4 the earlier file")
    _drop_newsletter_block(project)
    assert main(["newsletter", str(project), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no 'newsletter:' block" in err and "no PDF was written or replaced" in err
    assert earlier.read_bytes() == b"%PDF-1.4 the earlier file"
    assert sorted(p.name for p in out.iterdir()) == [earlier.name]


def test_newsletter_names_every_file_it_wrote(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "jahresrueckblick-2017-screen.pdf").write_bytes(b"%PDF-1.4 the earlier file")
    assert main(["newsletter", str(project), "-o", str(out)]) == 0
    stdout = capsys.readouterr().out
    wrote = [line.split()[1] for line in stdout.splitlines() if line.startswith("wrote ")]
    on_disk = sorted(str(p) for p in out.rglob("*") if p.is_file())
    assert sorted(wrote) == on_disk
    assert "screen edition, replaced the earlier file" in stdout
