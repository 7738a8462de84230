"""Output: an unwritable folder, a full disk, an interrupted build — never a partial or corrupted PDF
under the final name, and an earlier good PDF is kept."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pikepdf
import pytest

from report import cli, output
from report.errors import ReportError
from report.output import write_atomic

GOOD = b"%PDF-1.7 the earlier good file"


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "report.pdf"
    path.parent.mkdir()
    path.write_bytes(GOOD)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


class HalfWriter:
    """A file object that writes half of the data, then fails like the event given."""

    def __init__(self, fh, event: BaseException):
        self.fh, self.event = fh, event

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def write(self, data: bytes) -> int:
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        raise self.event

    def __getattr__(self, name):
        return getattr(self.fh, name)


def fail_midway(monkeypatch, event: BaseException) -> None:
    real = os.fdopen
    monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: HalfWriter(real(fd, mode), event))


def test_disk_full_keeps_the_earlier_file(earlier, monkeypatch):
    fail_midway(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with pytest.raises(ReportError) as exc:
        write_atomic(earlier, b"%PDF-1.7 new and longer " * 1000)
    d = exc.value.diagnostics[0]
    assert d.message == "cannot write report.pdf: No space left on device"
    assert "free disk space" in d.hint and "previous file was kept" in d.hint
    assert earlier.read_bytes() == GOOD
    assert leftovers(earlier.parent) == []


def test_disk_full_at_fsync(earlier, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(output.os, "fsync", no_space)
    with pytest.raises(ReportError):
        write_atomic(earlier, b"new")
    assert earlier.read_bytes() == GOOD and leftovers(earlier.parent) == []


def test_interrupted_write_keeps_the_earlier_file(earlier, monkeypatch):
    fail_midway(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_atomic(earlier, b"%PDF-1.7 new " * 1000)
    assert earlier.read_bytes() == GOOD
    assert leftovers(earlier.parent) == []


def test_rename_failure_removes_the_temporary_file(earlier, monkeypatch):
    def cross_device(src, dst):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
    monkeypatch.setattr(output.os, "replace", cross_device)
    with pytest.raises(ReportError):
        write_atomic(earlier, b"new")
    assert earlier.read_bytes() == GOOD and leftovers(earlier.parent) == []


def test_output_folder_below_a_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ReportError) as exc:
        write_atomic(blocker / "out" / "report.pdf", b"%PDF")
    d = exc.value.diagnostics[0]
    assert d.message.startswith(f"cannot write to {blocker / 'out'}: ")
    assert "-o" in d.hint


def test_output_folder_not_writable(tmp_path, monkeypatch):
    """chmod does not stop root (tests may run as root), so the refusal is simulated."""
    def denied(**kw):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(output.tempfile, "mkstemp", denied)
    with pytest.raises(ReportError) as exc:
        write_atomic(tmp_path / "report.pdf", b"%PDF")
    assert exc.value.diagnostics[0].message == f"cannot write to {tmp_path}: Permission denied"
    assert not (tmp_path / "report.pdf").exists()


def test_final_name_is_a_folder(tmp_path):
    (tmp_path / "report.pdf").mkdir()
    with pytest.raises(ReportError):
        write_atomic(tmp_path / "report.pdf", b"%PDF")
    assert leftovers(tmp_path) == []


# --- the same through the command, on real builds ------------------------------------------


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@pytest.fixture
def built(project, screen_pdf, tmp_path, monkeypatch):
    """A project whose output folder holds a good screen PDF (the session's build of the sample);
    returns (content, pdf, its bytes)."""
    monkeypatch.chdir(tmp_path)
    pdf = tmp_path / "out" / screen_pdf.name
    pdf.parent.mkdir()
    pdf.write_bytes(screen_pdf.read_bytes())
    return project, pdf, pdf.read_bytes()


def test_build_with_a_full_disk(built, monkeypatch, capsys):
    content, pdf, before = built
    fail_midway(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    code, err = run_cli(["build", str(content), "-o", "out", "--edition", "screen"], capsys)
    assert code == 2
    assert "out/jahresrueckblick-2017-screen.pdf: error: cannot write jahresrueckblick-2017-screen.pdf: " \
           "No space left on device" in err
    assert pdf.read_bytes() == before and leftovers(pdf.parent) == []


def test_interrupted_build(built, monkeypatch, capsys):
    content, pdf, before = built
    fail_midway(monkeypatch, KeyboardInterrupt())
    code, err = run_cli(["build", str(content), "-o", "out", "--edition", "screen"], capsys)
    assert code == 130 and "interrupted" in err
    assert pdf.read_bytes() == before and leftovers(pdf.parent) == []
    with pikepdf.open(pdf) as doc:  # still the complete earlier PDF
        assert len(doc.pages) == 7


def test_failed_build_never_replaces_the_last_good_pdf(built, capsys):
    content, pdf, before = built
    (content / "charts" / "aktivitaeten.yaml").write_text("kind: bar\nvalues: [1, 2\n", encoding="utf-8")
    code, err = run_cli(["build", str(content), "-o", "out", "--edition", "screen"], capsys)
    assert code == 2
    assert "aktivitaeten.yaml:3:1: error: invalid YAML" in err
    assert "no PDF was written or replaced" in err
    assert pdf.read_bytes() == before


def test_output_below_a_file_through_the_command(project, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blocker").write_text("x")
    code, err = run_cli(["build", str(project), "-o", "blocker/out", "--edition", "screen"], capsys)
    assert code == 2
    assert "error: cannot write to blocker/out: Not a directory" in err


def _low_resolution_image(content: Path) -> str:
    """A 300 × 200 pixel photo placed at the column's width (~45 ppi): the print edition refuses it."""
    from PIL import Image
    images = content.parent / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 200), (40, 120, 60)).save(images / "klein.jpg")
    section = content / "sections" / "04-aussenwirtschaftstag.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "  - image:\n      image: images/klein.jpg\n"
                       "      caption: Ein kleines Bild.\n      alt: Eine grüne Fläche.\n", encoding="utf-8")
    line = section.read_text(encoding="utf-8").splitlines().index("      image: images/klein.jpg") + 1
    return f"sections/04-aussenwirtschaftstag.yaml:{line}:14"


def test_an_edition_that_fails_keeps_every_earlier_file(built, capsys):
    """The print edition's error (an image below 150 ppi, found while it is laid out) came after the
    screen edition was written: a failed build replaced the screen PDF. Now no edition is written
    unless all were built; the error points at the image's place in the content."""
    content, pdf, before = built
    where = _low_resolution_image(content)
    code, err = run_cli(["build", str(content), "-o", "out"], capsys)
    assert code == 2
    assert re.search(rf"{re.escape(where)}: error: image images/klein.jpg has only \d+ ppi at its placed size of", err)
    assert "no PDF was written or replaced" in err
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in pdf.parent.iterdir()) == [pdf.name]  # no print edition, no leftovers


def test_the_screen_edition_alone_warns_of_an_image_print_refuses(project, tmp_path, capsys):
    """`--edition screen` (and `report watch`) never lays out the print edition: its refusal comes as
    a warning at the image's place, so the author learns of it before the print build."""
    where = _low_resolution_image(project)
    code, err = run_cli(["build", str(project), "-o", str(tmp_path / "out"), "--edition", "screen"], capsys)
    assert code == 0
    assert re.search(rf"{re.escape(where)}: warning: image images/klein.jpg has only \d+ ppi at its placed size of",
                     err)
    assert "the print edition refuses it" in err


def test_every_image_print_refuses_is_named_in_one_run(project, tmp_path, capsys):
    """A utility's two coarse photos came one per run: the first stopped the layout. The print edition
    now names each after laying out, at its place, in one run."""
    from PIL import Image
    where = _low_resolution_image(project)
    images = project.parent / "assets" / "images"
    Image.new("RGB", (320, 200), (120, 40, 60)).save(images / "klein2.jpg")
    section = project / "sections" / "03-highlights.yaml"
    assert section.is_file()
    section.write_text(section.read_text(encoding="utf-8") + "  - image:\n      image: images/klein2.jpg\n"
                       "      caption: Noch ein kleines Bild.\n      alt: Eine rote Fläche.\n", encoding="utf-8")
    code, err = run_cli(["build", str(project), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and "Traceback" not in err
    assert re.search(rf"{re.escape(where)}: error: image images/klein.jpg has only \d+ ppi", err), err
    assert re.search(r"03-highlights\.yaml:\d+:14: error: image images/klein2.jpg has only \d+ ppi", err), err
    assert err.count("has only") == 2
