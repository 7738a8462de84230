"""Render the README's picture of the chart kinds (docs/charts.png) from the `report init` templates.

The templates are what a new user starts from, so the picture shows exactly what they will get:
a line with its highlighted month (numbers from CSV), a donut in percent, stacked bars with totals
(CSV) and a diverging bar with a loss. Each chart is drawn by the real chart stage at the text
column's width, rasterised with pdfium and set in a 2 × 2 grid on white.

Run: python tools/chart_pictures.py   (tests/test_chart_pictures.py checks that the PNG is current
in what it shows: the four charts of the templates, at this size)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from report.charts import render_charts  # noqa: E402
from report.content import load_document  # noqa: E402
from report.init import init_project  # noqa: E402
from report.locale import get_locale  # noqa: E402
from report.theme import load_theme  # noqa: E402

OUT = ROOT / "docs" / "charts.png"
CHARTS = ["erzeugung", "strommix", "kunden", "ergebnis"]  # the template charts, in reading order
DPI = 110  # sharp enough for the README, small enough for the repository (about 100 KB)
GAP = 24  # pixels between the pictures


def render(target: Path = OUT) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "neu"
        init_project(project)
        doc = load_document(project / "content")
        theme, fonts = load_theme(doc.content_dir, doc.assets_dir)
        drawings = render_charts({k: doc.charts[k] for k in CHARTS}, theme, fonts,
                                 get_locale(doc.report.language), theme.page.text_width)
        tiles = []
        for name in CHARTS:
            pdf = pdfium.PdfDocument(drawings[name].pdf)
            try:
                tiles.append(pdf[0].render(scale=DPI / 72, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB"))
            finally:
                pdf.close()
    width = max(t.width for t in tiles)
    rows = [tiles[i:i + 2] for i in range(0, len(tiles), 2)]
    heights = [max(t.height for t in row) for row in rows]
    sheet = Image.new("RGB", (2 * width + 3 * GAP, sum(heights) + (len(rows) + 1) * GAP), "white")
    y = GAP
    for row, h in zip(rows, heights, strict=True):
        for k, tile in enumerate(row):
            sheet.paste(tile, (GAP + k * (width + GAP), y))
        y += h + GAP
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    return target


if __name__ == "__main__":
    print(render())
