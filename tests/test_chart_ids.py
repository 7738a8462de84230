"""Chart file names are content too: ids that differ only in punctuation or use umlauts must each
get their own drawing in the PDF (they once shared one, silently showing the wrong chart)."""

from __future__ import annotations

import shutil

import pikepdf

from report.build import build
from report.charts import ChartDrawing

from .hostile import edit


def test_resource_names_are_distinct_and_ascii():
    names = {ChartDrawing(cid, b"", 1, 1).resource_name for cid in ("a-b", "a_b", "a b", "größe", "grosse")}
    assert len(names) == 5
    assert all(n.isascii() for n in names)


def test_each_chart_keeps_its_own_drawing(project, tmp_path):
    charts = project / "charts"
    shutil.copy(charts / "reichweite.yaml", charts / "akt-x.yaml")
    shutil.copy(charts / "ziele.yaml", charts / "akt_x.yaml")
    shutil.copy(charts / "reichweite.yaml", charts / "größe.yaml")
    edit(project, "sections/02-bilanz.yaml", "  - chart: aktivitaeten",
         "  - chart: aktivitaeten\n  - chart: akt-x\n  - chart: akt_x\n  - chart: größe")
    out = build(project, tmp_path / "out", ["screen"]).outputs[0]
    with pikepdf.open(out.path) as pdf:
        forms = {}
        for page in pdf.pages:
            for name, xobj in page.obj.get("/Resources", {}).get("/XObject", {}).items():
                if name.startswith("/RptChart_"):
                    forms[name] = xobj.objgen
    assert len(forms) == 6, sorted(forms)
    assert len(set(forms.values())) == 6, "two chart names share one drawing"
