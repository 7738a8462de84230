"""Build-time benchmark (run on demand, never in the test suite).

    python benchmarks/bench.py            # sample + synthetic 20/100/200 pages
    python benchmarks/bench.py --quick    # sample only

Each build runs in a fresh process (as a user's `report build` does) and reports per-stage wall
time and peak memory (max RSS); the time of merely importing matplotlib + reportlab is measured
the same way, and every build is shown as a ratio to it. "cold" starts with an empty cache,
"warm" rebuilds unchanged content with the cache filled by the cold run. matplotlib's own font
list cache lives in $XDG_CACHE_HOME/matplotlib too, so every process here gets one fixed, warmed
MPLCONFIGDIR: "cold" means an empty report cache, as after `report build --no-cache` or a content
change, not a matplotlib installed a second ago (that would add ~0.3 s to the first cold build only).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MPL_DIR = Path(tempfile.gettempdir()) / "report-bench-mplconfig"
STAGES = ["load", "charts", "layout", "finish", "preflight", "write"]

IMPORT_CODE = ("import time; t = time.perf_counter(); import matplotlib, matplotlib.figure, "
               "matplotlib.backends.backend_pdf, reportlab.platypus, reportlab.pdfgen.canvas; "
               "print(time.perf_counter() - t)")


def child(content: str, out: str) -> None:
    """Runs inside the measured process: one build, stage times and peak memory as JSON."""
    t0 = time.perf_counter()
    from report.build import build
    stamps: list[tuple[str, float]] = [("import", time.perf_counter())]
    build(Path(content), Path(out), progress=lambda stage, _d: stamps.append((stage, time.perf_counter())))
    stamps.append(("end", time.perf_counter()))
    per_stage: dict[str, float] = {}
    for (stage, t), (_, t_next) in zip(stamps, stamps[1:], strict=False):
        per_stage[stage] = per_stage.get(stage, 0.0) + t_next - t
    per_stage["import"] = stamps[0][1] - t0
    pages = sum(1 for _ in Path(out).glob("*.pdf"))
    print(json.dumps({"stages": per_stage, "total": stamps[-1][1] - t0, "files": pages,
                      "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_child(content: Path, out: Path, cache: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT / "src"),
           "MPLCONFIGDIR": str(MPL_DIR)}
    t = time.perf_counter()
    res = subprocess.run([sys.executable, __file__, "--child", str(content), str(out)], capture_output=True,
                         text=True, env=env, check=True)
    data = json.loads(res.stdout.strip().splitlines()[-1])
    data["process"] = time.perf_counter() - t
    return data


def import_time() -> float:
    MPL_DIR.mkdir(exist_ok=True)
    env = {**os.environ, "MPLCONFIGDIR": str(MPL_DIR)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)  # warm it
    runs = [float(subprocess.run([sys.executable, "-c", IMPORT_CODE], capture_output=True, text=True,
                                 env=env, check=True).stdout) for _ in range(3)]
    return sorted(runs)[1]


def pages_of(out: Path) -> int:
    import pikepdf
    with pikepdf.open(next(out.glob("*-screen.pdf"))) as pdf:
        return len(pdf.pages)


SOURCE_PARAGRAPH = (ROOT / "content" / "sections" / "03-highlights.yaml").read_text(encoding="utf-8")


def synthetic(folder: Path, pages: int) -> Path:
    """A generated report of roughly `pages` pages, with up to 60 charts and up to 100 key figures,
    built from the sample's own text and chart files."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    os.symlink(ROOT / "assets", folder / "assets")
    sample = content / "sections" / "02-bilanz.yaml"
    text = sample.read_text(encoding="utf-8").split("\n  - quote:")[0]
    paragraph = text.split("\n  - paragraph: >-\n", 1)[1] + "\n"
    kf_pages = min(12, max(1, pages // 17))  # 8 tiles a page: 12 pages ≈ 100 key figures
    n_sections = max(1, (pages - 4 - kf_pages) // 2)  # a text section with a chart fills ~2 pages
    n_charts = min(60, n_sections)
    charts = sorted(p.stem for p in (content / "charts").glob("*.yaml"))
    for i in range(n_charts):
        src = content / "charts" / f"{charts[i % len(charts)]}.yaml"
        (content / "charts" / f"c{i:03d}.yaml").write_text(
            src.read_text(encoding="utf-8").replace("title: ", f"title: {i + 1}. ", 1), encoding="utf-8")
    files = []
    figures = (content / "sections" / "01-zahlen.yaml").read_text(encoding="utf-8").split("figures:\n")[1]
    for k in range(kf_pages):
        name = f"sections/k{k:02d}.yaml"
        (content / name).write_text(f"kind: key_figures\ntitle: Kennzahlen {k + 1}\nfigures:\n{figures}",
                                    encoding="utf-8")
        files.append(name)
    for i in range(n_sections):
        blocks = "".join(f"  - paragraph: >-\n{paragraph}" for _ in range(5))
        if i < n_charts:
            blocks += f"  - chart: c{i:03d}\n"
        name = f"sections/s{i:03d}.yaml"
        (content / name).write_text(f"kind: text\ntitle: Abschnitt {i + 1}\nblocks:\n{blocks}", encoding="utf-8")
        files.append(name)
    report = (content / "report.yaml").read_text(encoding="utf-8")
    head, tail = report.split("sections:\n", 1)
    tail = tail.split("\n\n", 1)[1]
    listing = "".join(f"  - {f}\n" for f in files)
    (content / "report.yaml").write_text(f"{head}sections:\n{listing}\n{tail}", encoding="utf-8")
    return content


def row(name: str, d: dict, base: float) -> str:
    s = d["stages"]
    cells = " | ".join(f"{s.get(k, 0):.2f}" for k in ["import", *STAGES])
    return (f"| {name} | {cells} | {d['total']:.2f} | {d['process']:.2f} | {d['process'] / base:.1f}× "
            f"| {d['maxrss_mb']:.0f} |")


def watch_rebuild(tmp: Path) -> float:
    """One-word change in a warm watch process: seconds for the rebuild (screen edition)."""
    code = f"""
import time, shutil
from pathlib import Path
from report.watch import Watcher
content = Path({str(tmp / 'w' / 'content')!r})
w = Watcher(content, Path({str(tmp / 'w' / 'out')!r}), ["screen"])
cycles = w.cycles(interval=0.01)
next(cycles)
f = content / "sections" / "04-aussenwirtschaftstag.yaml"
f.write_text(f.read_text(encoding="utf-8").replace("Bereits im März", "Schon im März"), encoding="utf-8")
print(next(cycles).seconds)
"""
    shutil.copytree(ROOT / "content", tmp / "w" / "content")
    os.symlink(ROOT / "assets", tmp / "w" / "assets")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache-sample"), "PYTHONPATH": str(ROOT / "src"),
           "MPLCONFIGDIR": str(MPL_DIR)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Prints a Markdown table: per-stage seconds, peak memory, and the "
                                            "ratio to importing matplotlib + reportlab.")
    parser.add_argument("--quick", action="store_true", help="the sample only (no synthetic 20/100/200 pages)")
    parser.add_argument("--child", nargs=2, metavar=("CONTENT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    quick = args.quick
    base = import_time()
    print(f"import matplotlib + reportlab: {base:.2f} s (fresh process, median of 3)\n")
    print("| build | import | " + " | ".join(STAGES) + " | build s | process s | × import | peak MB |")
    print("|---" * (len(STAGES) + 6) + "|")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        cold = run_child(ROOT / "content", tmp / "o1", tmp / "cache-sample")
        warm = run_child(ROOT / "content", tmp / "o2", tmp / "cache-sample")
        print(row(f"sample cold ({pages_of(tmp / 'o1')} p.)", cold, base))
        print(row("sample warm (unchanged)", warm, base))
        sizes = [] if quick else [20, 100, 200]
        for n in sizes:
            content = synthetic(tmp / f"syn{n}", n)
            c = run_child(content, tmp / f"s{n}a", tmp / f"cache{n}")
            w = run_child(content, tmp / f"s{n}b", tmp / f"cache{n}")
            p = pages_of(tmp / f"s{n}a")
            charts = len(list((content / "charts").glob("*.yaml")))
            print(row(f"synthetic {p} p., {charts} charts, cold", c, base))
            print(row(f"synthetic {p} p., warm", w, base))
        print(f"\nwatch: rebuild after a one-word change (screen edition, warm process): "
              f"{watch_rebuild(tmp):.2f} s")


if __name__ == "__main__":
    main()
