"""Typography benchmark: inter-word spacing of justified body text (run on demand, never in the tests).

    python benchmarks/typography.py                      # sample + long document, both engines, timing
    python benchmarks/typography.py --tool PATH/measure_spacing.py --runs 5

Measures with `measure_spacing.py` (pdfplumber + fontTools: `pip install pdfplumber fonttools`; by
default ../shared/tools/measure_spacing.py beside the repository), which reads every glyph of the
body size back from the PDF and reports each justified line's inter-word gaps in natural spaces.

Rows: the sample's screen edition, and a long document: the sample set at 12 measures from 102 to
146 mm (the theme's `page.text_offset` moves the column edge), all pages merged into one PDF. Each
with the paragraph optimiser (`report`) and with reportlab's greedy breaking (`greedy`,
`Paragraph.optimise = False`, which is what `report` did before). The Typst and LuaLaTeX rows are the
issue's reference numbers for the sample. Last, the layout stage of the sample: median of `--runs`
builds, each in a fresh process (charts cached after the first), optimiser on and off, in CPU
seconds of the building process.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from report.build import build  # noqa: E402
from report.layout.text import Paragraph  # noqa: E402

MEASURES_MM = range(102, 147, 4)
TEXT_WIDTH_MM = 210 - 24 - 16  # A4 minus the default theme's inner and outer margins
REFERENCE = {  # the measurements of the same three paragraphs at 122 mm
    "Typst 0.15 (sample)": (1.23, 2.10, 2.49, 28.6, 10.7),
    "LuaLaTeX + microtype (sample)": (1.00, 1.35, 1.43, 0.0, 0.0),
}
TARGET = {"median": 1.25, "max": 2.2, "very_loose_pct": 3.0, "min_gap": 0.8, "hyphen_run": 2}
COLUMNS = [("lines", "lines"), ("median", "median"), ("p90", "p90"), ("max", "max"), ("loose_pct", ">1.5×"),
           ("very_loose_pct", ">2.0×"), ("min_gap", "min"), ("longest_hyphen_run", "hy-run"),
           ("overfull_lines", "overfull"), ("hanging_lines", "hanging")]


def load_tool(path: Path):
    spec = importlib.util.spec_from_file_location("measure_spacing", path)
    if spec is None or not path.is_file():
        sys.exit(f"measure_spacing.py not found at {path}: pass --tool")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look themselves up there
    spec.loader.exec_module(mod)
    return mod


def measure(tool, pdf: Path) -> dict:
    font = ROOT / "assets" / "fonts" / "Lato-Regular.ttf"
    result = tool.analyse(str(pdf), 10.0, tool.space_em(str(font)), 14.5, None, None, 5)
    gaps = [g for line in _lines_of(tool, pdf) for g in line]
    result["min_gap"] = round(min(gaps), 3) if gaps else None
    return result


def _lines_of(tool, pdf: Path) -> list[list[float]]:
    """Per measured line, its gaps: the tool keeps them on its lines; run its analysis with JSON off."""
    font = ROOT / "assets" / "fonts" / "Lato-Regular.ttf"
    sp = tool.space_em(str(font))
    lines = tool.read_lines(str(pdf), 10.0, sp, None)
    paras = tool.group(lines, 14.5)
    out = []
    for para in paras:
        if len(para) < 2:
            continue
        for ln in para[:-1]:
            out.append([g / ln.natural for g in ln.gaps_pt])
    return out


def build_sample(out: Path, optimise: bool, content: Path = ROOT / "content") -> Path:
    Paragraph.optimise = optimise
    try:
        result = build(content, out, ["screen"])
    finally:
        Paragraph.optimise = True
    return result.outputs[0].path


def build_long(work: Path, optimise: bool) -> Path:
    """The sample at every measure of MEASURES_MM, merged into one PDF."""
    import pikepdf

    merged = pikepdf.new()
    for mm in MEASURES_MM:
        project = work / f"m{mm}"
        if not project.exists():
            shutil.copytree(ROOT / "content", project / "content")
            shutil.copytree(ROOT / "assets", project / "assets")
            (project / "content" / "theme.yaml").write_text(f"page:\n  text_offset: {TEXT_WIDTH_MM - mm}\n",
                                                              encoding="utf-8")
        pdf = build_sample(project / ("out-opt" if optimise else "out-greedy"), optimise, project / "content")
        with pikepdf.open(pdf) as src:
            merged.pages.extend(src.pages)
    path = work / f"long-{'opt' if optimise else 'greedy'}.pdf"
    merged.save(path)
    return path


def layout_times(runs: int, out: Path) -> tuple[float, float]:
    """Median CPU time of the layout stage (both editions) of the sample with the optimiser and
    without. Each build runs in a fresh process, as `report build` does (the optimiser's in-process
    cache starts empty), alternating the two; CPU time, as other work on the machine skews wall time."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for optimise in (True, False):
            res = subprocess.run([sys.executable, __file__, "--child-layout", str(int(optimise)), str(out)],
                                 capture_output=True, text=True, env=env, check=True)
            times[optimise].append(float(res.stdout.split()[-1]))
    return statistics.median(times[True]), statistics.median(times[False])


def child_layout(optimise: bool, out: Path) -> None:
    stamps: list[tuple[str, float]] = []
    Paragraph.optimise = optimise
    build(ROOT / "content", out, progress=lambda stage, _detail: stamps.append((stage, time.process_time())))
    print(sum(t2 - t1 for (s1, t1), (_s2, t2) in zip(stamps, stamps[1:], strict=False) if s1 == "layout"))


def row(label: str, r: dict) -> str:
    return f"| {label} | " + " | ".join(str(r.get(k, "")) for k, _h in COLUMNS) + " |"


def verdict(r: dict) -> str:
    fails = []
    if r["median"] > TARGET["median"]:
        fails.append(f"median {r['median']} > {TARGET['median']}")
    if r["max"] > TARGET["max"]:
        fails.append(f"max {r['max']} > {TARGET['max']}")
    if r["very_loose_pct"] > TARGET["very_loose_pct"]:
        fails.append(f">2.0× {r['very_loose_pct']} % > {TARGET['very_loose_pct']} %")
    if r["min_gap"] is not None and r["min_gap"] < TARGET["min_gap"] - 0.005:
        fails.append(f"min gap {r['min_gap']} < {TARGET['min_gap']}")
    if r["longest_hyphen_run"] > TARGET["hyphen_run"]:
        fails.append(f"hyphen run {r['longest_hyphen_run']}")
    if r["overfull_lines"]:
        fails.append(f"{r['overfull_lines']} overfull")
    return "meets the targets" if not fails else "misses: " + ", ".join(fails)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", type=Path, default=ROOT.parent / "shared" / "tools" / "measure_spacing.py")
    ap.add_argument("--runs", type=int, default=5, help="builds per engine for the layout timing")
    ap.add_argument("--child-layout", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_layout:
        child_layout(args.child_layout[0] == "1", Path(args.child_layout[1]))
        return 0
    tool = load_tool(args.tool)
    with tempfile.TemporaryDirectory(prefix="report-typography-") as tmp:
        work = Path(tmp)
        results = {}
        for optimise, engine in ((True, "report"), (False, "greedy (before)")):
            results[f"{engine}: sample"] = measure(tool, build_sample(work / f"sample-{optimise}", optimise))
            results[f"{engine}: long, 12 measures"] = measure(tool, build_long(work, optimise))
        header = "| engine | " + " | ".join(h for _k, h in COLUMNS) + " |"
        print(header)
        print("|" + "---|" * (len(COLUMNS) + 1))
        for label, r in results.items():
            print(row(label, r))
        for label, (median, p90, mx, loose, very) in REFERENCE.items():
            print(f"| {label} | | {median} | {p90} | {mx} | {loose} | {very} | | | | |")
        print()
        for label, r in results.items():
            if label.startswith("report"):
                print(f"{label}: {verdict(r)}")
        t_opt, t_greedy = layout_times(args.runs, work / "timing")
        print(f"\nlayout stage of the sample, CPU, both editions, median of {args.runs} fresh processes: optimiser "
              f"{t_opt:.3f} s, greedy {t_greedy:.3f} s ({100 * (t_opt / t_greedy - 1):+.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
