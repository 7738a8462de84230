"""The README's picture of the chart kinds is what the templates draw today (tools/chart_pictures.py)."""

from __future__ import annotations

import importlib.util

from PIL import Image, ImageChops, ImageStat

from .conftest import ROOT


def test_readme_chart_picture_is_current(tmp_path):
    spec = importlib.util.spec_from_file_location("chart_pictures", ROOT / "tools" / "chart_pictures.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    fresh = Image.open(tool.render(tmp_path / "charts.png")).convert("RGB")
    committed = Image.open(ROOT / "docs" / "charts.png").convert("RGB")
    assert fresh.size == committed.size, "run python tools/chart_pictures.py and commit docs/charts.png"
    diff = ImageStat.Stat(ImageChops.difference(fresh, committed)).mean
    assert max(diff) < 1.5, "the chart templates or drawings changed: run python tools/chart_pictures.py"
    assert "docs/charts.png" in (ROOT / "README.md").read_text(encoding="utf-8")
