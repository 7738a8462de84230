"""A build whose print edition fails the preflight: the run's warnings and notes are printed as a
passing build prints them, the failing line says where the culprit is, and no PDF is replaced."""

from __future__ import annotations

import pikepdf
import pytest

from report import build as build_module
from report.cli import main

from .conftest import many_sections

MM = 72 / 25.4


def _pdf_logo_with_a_hairline(project) -> None:
    """A PDF logo (placed as a form XObject) with a 0.1 pt line: the SVG check does not read PDF logos,
    the preflight fails it. Its note ('placed as vector art …') is one of the run's notes."""
    (project.parent / "assets" / "logo").mkdir()
    logo = pikepdf.new()
    logo.add_blank_page(page_size=(120, 40))
    logo.pages[0].Contents = logo.make_stream(b"0.043 0.29 0.455 rg 0 0 40 40 re f 0 0 0 RG 0.1 w 44 20 m 114 20 l S")
    logo.save(project.parent / "assets" / "logo" / "logo.pdf")
    (project / "theme.yaml").write_text("logo:\n  file: logo/logo.pdf\n", encoding="utf-8")
    many_sections(project, 1)


@pytest.mark.parametrize("beside", [False, True], ids=["one process", "print edition in a worker"])
def test_failed_preflight_prints_the_runs_warnings_and_the_culprits_place(project, tmp_path, capsys, monkeypatch,
                                                                           beside):
    _pdf_logo_with_a_hairline(project)
    if beside:
        monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 0)
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "jahresrueckblick-2017-print.pdf"
    earlier.write_bytes(b"%PDF- the earlier good file")
    assert main(["build", str(project), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    note = next(i for i, line in enumerate(err) if "note: logo logo/logo.pdf: placed as vector art" in line)
    fail = next(i for i, line in enumerate(err) if line.startswith("FAIL  line width"))
    assert note < fail < len(err) - 1 and err[-1].startswith("preflight failed:"), "\n".join(err)
    assert err[note].startswith(f"{project / 'theme.yaml'}:2:9: note:"), err[note]
    # the cover (page 1) and the back page (4) draw the logo: the first is named, with its place and form
    thinnest = 0.1 * 40 * MM / 120  # 0.1 units of a 120-unit logo set 40 mm wide
    assert f"(thinnest {thinnest:.2f} pt on page 1, " in err[fail] and ", in the form /RptLogo_" in err[fail], err[fail]
    assert err[fail].endswith("may vanish in print (pages 1, 4)"), err[fail]
    assert earlier.read_bytes() == b"%PDF- the earlier good file"
    assert not (out / "jahresrueckblick-2017-screen.pdf").exists()
