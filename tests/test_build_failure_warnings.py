"""A build that fails in its layout lists the warnings found before it, with the error (not one fix later)."""

from __future__ import annotations

import shutil
from pathlib import Path

from report.cli import main

ROOT = Path(__file__).resolve().parents[1]
STADTWERKE = ROOT / "tests" / "data" / "stadtwerke" / "content"


def test_the_warnings_found_before_a_layout_error_come_with_it(tmp_path, capsys):
    shutil.copytree(STADTWERKE, tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    csv = tmp_path / "content" / "data" / "investitionen.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Stromnetz;31,2;", "Stromnetz;31,9;"), encoding="utf-8")
    sec = tmp_path / "content" / "sections" / "02-investitionen.yaml"
    columns = "".join(f"          - {{name: 'Spalte {i}', type: number}}\n" for i in range(11))
    cells = ", ".join(["Summe"] + ["1234567890.123"] * 11)
    sec.write_text(sec.read_text(encoding="utf-8") + "  - table:\n      title: Zu breit\n      alt: Zu breit.\n"
                   f"      rows:\n        - [{cells}]\n      columns:\n          - name: Sparte\n{columns}",
                   encoding="utf-8")
    code = main(["build", str(tmp_path / "content"), "-o", str(tmp_path / "out"), "--edition", "screen"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "error: table 'Zu breit' is" in err, err
    # the check of the first table's sum, from reading the content, before the layout failed
    assert "investitionen.csv:7:7: warning: table 'Investitionen nach Sparten': column '2024': the total" in err, err
    assert err.index("error: table 'Zu breit'") < err.index("warning:")
