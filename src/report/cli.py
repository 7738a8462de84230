"""The `report` command: parse arguments, call the library, print results, map errors to exit codes.

Exit codes: 0 success, 1 preflight failed, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import signal
import sys
import threading
import time
from pathlib import Path

from . import __version__
from .errors import ReportError
from .paths import find_content_dir

EXIT_OK, EXIT_PREFLIGHT, EXIT_INPUT = 0, 1, 2
GC_YOUNG = 20_000  # net allocations between young-generation collections in the command (see run)


def _human(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


STAGES = ["load", "charts", "layout", "finish", "preflight", "write"]


def _progress(stage: str, detail: str) -> None:
    """A build's progress on stderr: '[3/6] layout  screen'."""
    if _interrupted:  # Ctrl-C came while a library swallowed it (reportlab has bare `except:`)
        raise KeyboardInterrupt
    print(f"[{STAGES.index(stage) + 1}/{len(STAGES)}] {stage:<7} {detail}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import PreflightFailed, build
    from .cache import Cache
    start = time.perf_counter()
    editions = None if args.edition == "all" else [args.edition]
    try:
        result = build(find_content_dir(Path(args.content_dir)), Path(args.output), editions, _progress,
                       marks=not args.no_marks, cache=Cache(enabled=not args.no_cache))
    except PreflightFailed as exc:
        for w in exc.warnings:  # as a build that passes prints them: the run's other findings stay in view
            print(w.format(), file=sys.stderr)
        print(exc.report.format(), file=sys.stderr)
        print(f"preflight failed: {exc.path.name} did not pass; no PDF was written or replaced (the screen "
              "edition alone: --edition screen)", file=sys.stderr)
        return EXIT_PREFLIGHT
    for w in result.warnings:
        print(w.format(), file=sys.stderr)
    if result.preflight:
        warned = [f for f in result.preflight.findings if f.status != "pass"]
        for f in warned:
            print(f.format(), file=sys.stderr)
        plural = "" if len(warned) == 1 else "s"
        print(f"preflight passed ({len(result.preflight.findings)} checks, {len(warned)} warning{plural})",
              file=sys.stderr)
    verb = "kept (nothing changed since the last build)" if result.unchanged else "wrote"
    for out in result.outputs:
        part = f": {out.part}" if out.part else ""
        print(f"{verb} {out.path} ({_human(out.size)}, {out.pages} page{'s' if out.pages != 1 else ''}, "
              f"{out.edition} edition{part})")
    print(f"done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import Watcher
    editions = None if args.edition == "all" else [args.edition]
    watcher = Watcher(find_content_dir(Path(args.content_dir)), Path(args.output), editions)
    print(f"watching {', '.join(str(f) for f in watcher.folders())} — Ctrl+C to stop", file=sys.stderr)
    for cycle in watcher.cycles():
        stamp = time.strftime("%H:%M:%S")
        if cycle.error is None:
            pages = ", ".join(f"{o.path.name} ({o.pages} pages)" for o in cycle.result.outputs)
            print(f"{stamp} rebuilt in {cycle.seconds:.2f} s: {pages}", file=sys.stderr)
            for w in cycle.result.warnings:
                print(w.format(), file=sys.stderr)
        else:
            for w in getattr(cycle.error, "warnings", []):  # a failed preflight's run warned too
                print(w.format(), file=sys.stderr)
            text = cycle.error.report.format() if hasattr(cycle.error, "report") else str(cycle.error)
            print(f"{stamp} build failed after {cycle.seconds:.2f} s; the last good PDF is kept:\n{text}",
                  file=sys.stderr)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from .init import init_project
    target = Path(args.dir)
    files = init_project(target, args.language)
    print(f"created {target} ({len(files)} files). Next:\n  cd {shlex.quote(str(target))} && report build")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .output import write_atomic
    from .schema import schema_files
    files = schema_files()
    if not args.output:
        print(files["report.schema.json"], end="")
        return EXIT_OK
    for name, text in files.items():
        path = Path(args.output) / name
        write_atomic(path, text.encode("utf-8"))
        print(f"wrote {path}")
    return EXIT_OK


def cmd_preflight(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .preflight import DEFAULT_PROFILE, bleed_minimum, preflight
    profile = replace(DEFAULT_PROFILE, binding=args.binding)
    if args.bleed is not None:
        profile = replace(profile, min_bleed=bleed_minimum(args.bleed))
    report = preflight(Path(args.pdf), profile)
    print(report.json() if args.json else report.table())
    return EXIT_PREFLIGHT if report.failed else EXIT_OK


def _bleed(text: str) -> float:
    """--bleed: millimetres (3) or a length with its unit (0.125in, 9pt), as theme.yaml takes lengths."""
    from .model.reader import LENGTH_HINT, length_mm
    try:
        mm = float(text)
    except ValueError:
        mm = length_mm(text)
    if mm is None or not 0 < mm <= MAX_BLEED_MM:
        raise argparse.ArgumentTypeError(f"{text!r} is not a bleed from 0 to {MAX_BLEED_MM} mm: {LENGTH_HINT}")
    return mm


MAX_BLEED_MM = 25


def cmd_newsletter(args: argparse.Namespace) -> int:
    from .build import build
    from .content import load_document
    from .newsletter import make_kit, require_newsletter
    content, out = find_content_dir(Path(args.content_dir)), Path(args.output)
    doc = load_document(content)
    require_newsletter(doc)  # before the PDF is replaced, so that a refusal leaves everything as it was
    existed = (out / f"{doc.report.name}-screen.pdf").exists()
    result = build(content, out, ["screen"], _progress)
    for w in result.warnings:  # as `report build` says them
        print(w.format(), file=sys.stderr)
    pdf = result.outputs[0]
    print(f"wrote {pdf.path} ({_human(pdf.size)}, {pdf.pages} pages, screen edition, "
          f"{'replaced the earlier file' if existed else 'new'})")
    written: list[Path] = []
    try:
        make_kit(doc, pdf.path, out, written)
    except (ReportError, OSError) as exc:
        for d in getattr(exc, "diagnostics", []):
            print(d.format(), file=sys.stderr)
        if isinstance(exc, OSError):
            print(f"{exc.filename or out}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        done = ", ".join(p.name for p in written) or "none of its files"
        print(f"newsletter failed: {pdf.path} was written (the screen edition is complete), but the newsletter "
              f"kit was not: written {done}", file=sys.stderr)
        return EXIT_INPUT
    for path in written:
        print(f"wrote {path} ({_human(path.stat().st_size)})")
    return EXIT_OK


def _language(content: Path) -> str:
    """report.yaml's language where it can be read (the specimen needs no content: German else)."""
    from .load import load_yaml_file
    try:
        data = load_yaml_file(content / "report.yaml")
    except (ReportError, OSError):
        return "de"
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) else "de"


def cmd_theme(args: argparse.Namespace) -> int:
    from .content import project_paths
    from .output import write_atomic
    from .specimen import specimen, specimen_editions
    from .theme import load_theme
    content = find_content_dir(Path(args.content_dir))
    _, assets = project_paths(content)
    theme, fonts = load_theme(content, assets)
    for w in [*theme.warnings, *map(theme.clash_warning, theme.chart_colour_clashes())]:
        print(w.format(), file=sys.stderr)  # the whole palette: any chart may draw any two
    editions = specimen_editions(assets)
    data = specimen(theme, fonts, editions, assets, str(content), language=_language(content))
    out = Path(args.output)
    write_atomic(out, data)
    print(f"wrote {out} ({_human(len(data))}, {len(editions)} pages: "
          f"{', '.join(e.name for e in editions)} edition)")
    return EXIT_OK


def _folders(p: argparse.ArgumentParser) -> None:
    p.add_argument("content_dir", nargs="?", default="content", metavar="CONTENT_DIR",
                   help="folder with report.yaml, sections/ and charts/, or the project folder that "
                        "contains it (default: content)")
    p.add_argument("-o", "--output", default="out", metavar="OUT_DIR", help="output folder (default: out)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="report", description="Lay out a year-end review from YAML content "
                                "into print-ready and screen PDFs.")
    p.add_argument("--version", action="version", version=f"report {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    b = sub.add_parser("build", help="build the PDF editions from a content folder",
                       description="Build the report from CONTENT_DIR (YAML) and the assets/ folder beside "
                                   "it. Writes <name>-print.pdf and <name>-screen.pdf into the output folder "
                                   "(binding: perfect: the print edition's cover apart, <name>-print-cover.pdf); "
                                   "an earlier PDF is only replaced by a complete new one.")
    _folders(b)
    b.add_argument("--edition", choices=["print", "screen", "all"], default="all",
                   help="which edition to build: print (PDF/X, bleed, CMYK), screen (small, RGB, links) "
                        "or all (default)")
    b.add_argument("--no-cache", action="store_true",
                   help="draw every chart and convert every image again instead of using ~/.cache/report")
    b.add_argument("--no-marks", action="store_true",
                   help="print edition without crop marks and slug line (for shops that add their own)")
    b.set_defaults(func=cmd_build)
    pf = sub.add_parser("preflight", help="check a PDF against a print shop's PDF/X-4 profile",
                        description="Check any PDF as a print shop's PDF/X-4 profile does: PDF version, output "
                                    "intent (a CMYK printer ICC profile), XMP and Info, page count for the "
                                    "binding, TrimBox/BleedBox with 3 mm bleed (--bleed), fonts embedded, colour "
                                    "spaces everywhere (no RGB or Lab), overprint, transparency group, total ink "
                                    "≤ 300 % (rendered with Ghostscript when installed), image resolution, lines ≥ "
                                    "0.25 pt, text ≥ 6 pt, no annotations or actions. Prints a table (or JSON "
                                    "with --json). Exit 0 passed, 1 failed, 2 not a PDF.")
    pf.add_argument("pdf", metavar="FILE.pdf", help="the PDF to check")
    pf.add_argument("--binding", choices=["saddle", "perfect", "none", "cover"], default="saddle",
                    help="page count rule: saddle (multiple of 4, default), perfect (even: a perfect-bound text "
                         "block), none, cover (one page: a perfect-bound cover spread, <name>-print-cover.pdf)")
    pf.add_argument("--bleed", type=_bleed, metavar="LENGTH",
                    help="the least bleed the shop asks for: millimetres, or with a unit, e.g. 0.125in "
                         "(default 3 mm)")
    pf.add_argument("--json", action="store_true", help="print the findings as JSON (for CI of other tools)")
    pf.set_defaults(func=cmd_preflight)
    w = sub.add_parser("watch", help="rebuild on every saved change under content/ and assets/",
                       description="Build, then rebuild whenever a file under CONTENT_DIR or the assets/ "
                                   "folder beside it changes. Keeps the process warm for fast rebuilds; a "
                                   "broken save prints its errors and keeps the last good PDF. Ctrl+C stops.")
    _folders(w)
    w.add_argument("--edition", choices=["print", "screen", "all"], default="screen",
                   help="edition to rebuild (default: screen, the fastest preview)")
    w.set_defaults(func=cmd_watch)
    i = sub.add_parser("init", help="start a new report project with commented example content",
                       description="Create DIR with content/ (report.yaml, one section and one chart of each "
                                   "kind, every key explained), assets/ (fonts, print colour profile, "
                                   "placeholder images) and schema/ (for editor completion). DIR must not "
                                   "exist or be empty.")
    i.add_argument("dir", metavar="DIR", help="the new project folder")
    i.add_argument("--language", default="de-DE", metavar="LANG",
                   help="language of the templates' text and comments and of the report: de-DE (default), "
                        "de-CH (Swiss numbers, «», CHF, no ß), en-GB, or en-US (US Letter, $, US spelling); any "
                        "other region of de or en, e.g. de-AT (no templates in the other languages: a report or "
                        "section in fr, nl, it, es, sv, pl, da or pt builds, e.g. fr-CH, it-IT, pt-BR, set by its "
                        "language:)")
    i.set_defaults(func=cmd_init)
    sc = sub.add_parser("schema", help="print the JSON Schema of the content format",
                        description="Print the JSON Schema (draft 2020-12) of report.yaml, generated from the "
                                    "model; with -o, write it and the per-file schemas for sections, charts and "
                                    "theme into a folder. Editors use them through the "
                                    "'# yaml-language-server: $schema=…' line in each content file.")
    sc.add_argument("-o", "--output", metavar="DIR", help="write report/section/chart/theme schema files here")
    sc.set_defaults(func=cmd_schema)
    t = sub.add_parser("theme", help="draw the theme's specimen: palette, type scale, page grid, logo",
                       description="Draw one specimen page per edition from the theme of CONTENT_DIR (and the "
                                   "assets/ beside it): the palette with CMYK values, sRGB swatches and ink totals, "
                                   "the type scale in the theme's fonts, the page grid, the logo's clear space and "
                                   "the chart colours as seen with colour-vision deficiencies. Needs only "
                                   "theme.yaml and the assets, not the content.")
    t.add_argument("content_dir", nargs="?", default="content", metavar="CONTENT_DIR",
                   help="folder with theme.yaml, or the project folder that contains it (default: content)")
    t.add_argument("-o", "--output", default="out/specimen.pdf", metavar="FILE.pdf",
                   help="the specimen PDF (default: out/specimen.pdf)")
    t.set_defaults(func=cmd_theme)
    n = sub.add_parser("newsletter", help="build the screen edition and the newsletter kit",
                       description="Build the screen edition and write OUT_DIR/newsletter/: cover thumbnails "
                                   "(600 and 1200 px wide), an e-mail-safe HTML teaser and its plain-text "
                                   "version. The PDF's public address and the sender come from the "
                                   "'newsletter:' block of report.yaml.")
    _folders(n)
    n.set_defaults(func=cmd_newsletter)
    return p


_interrupted = False


def _on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: remembered, then raised as usual. A KeyboardInterrupt raised inside one of
    reportlab's bare `except:` clauses (its imports have several) would be lost; the build's next
    stage raises it again from the mark."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        return args.func(args)
    except ReportError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        n = sum(d.severity == "error" for d in exc.diagnostics)
        kept = "no PDF was written or replaced" if args.command in ("build", "newsletter") else \
            "nothing was written or replaced"
        print(f"{args.command} failed: {n} error{'s' if n != 1 else ''}; {kept}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; no partial PDF was written", file=sys.stderr)
        return 130


def run() -> None:
    """The `report` command (and `python -m report`): main(), then leave without tearing the
    interpreter down. A build leaves ~100 MiB of objects (fonts, the hyphenation dictionary, the laid-
    out story); deallocating them and every module took 140–180 ms after the output was written,
    longer than the rest of an unchanged rebuild. The exit handlers still run, and the fast exit is
    only taken when the process is alone: no other thread, no worker process.

    The collector runs less often than CPython's default (a young-generation collection every 700
    net allocations): a build allocates millions of short-lived objects that form no cycles (line
    plans, PDF operators, YAML nodes), and the default ran 128 collections in a one-word rebuild
    (~60 ms) and 670 in a warm 185-page build (0.5–0.8 s, a tenth of it). At 20 000 the collections
    take a few per cent of that while peak memory stays within a few MiB (measured; forked workers
    inherit the setting)."""
    gc.set_threshold(GC_YOUNG, 10, 10)
    leave(main())


def leave(code: int) -> None:
    """Exit with `code`: through os._exit after flushing output and running the exit handlers when
    nothing else runs in the process, else the usual way (sys.exit) so that threads are joined."""
    if not _flushed():
        sys.exit(code)
    mp = sys.modules.get("multiprocessing")
    if threading.active_count() > 1 or (mp is not None and mp.active_children()):
        sys.exit(code)
    import atexit
    atexit._run_exitfuncs()  # temporary folders, logging; what the interpreter would run at exit
    if not _flushed():  # what the exit handlers printed
        sys.exit(code)
    os._exit(code)


def _flushed() -> bool:
    """stdout and stderr written out; False for a closed pipe (`report … | head`), which the usual
    exit reports."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True


if __name__ == "__main__":
    run()
