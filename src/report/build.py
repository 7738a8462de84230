"""The build pipeline: content → model → charts → layout (per edition) → finish → PDF on disk.

Progress is reported through a callback; nothing here prints or exits. An unchanged build is
answered from the input stamp (stamp.py) before the pipeline's modules — reportlab, matplotlib,
pikepdf — are even imported; that is why they are imported inside `_pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import assets, colours, fontfiles, stamp
from .cache import Cache
from .errors import Diagnostic, ReportError, one_per_finding
from .result import BuildResult, Output, PreflightFailed

__all__ = ["BuildResult", "Output", "PreflightFailed", "Progress", "build"]

Progress = Callable[[str, str], None]  # (stage, detail)


def build(content_dir: Path, out_dir: Path, edition_names: list[str] | None = None,
          progress: Progress | None = None, marks: bool = True, cache: Cache | None = None) -> BuildResult:
    """Build the selected editions (default: all). Raises ReportError on content problems;
    a file is only replaced once its edition was built completely."""
    report = progress or (lambda stage, detail: None)
    cache = cache or Cache()
    fontfiles.use(cache)  # a fresh process reads the fonts' parses back instead of parsing them
    assets.use(cache)  # and what checking the images found, instead of decoding them
    colours.use(cache)  # and how the theme's colours print, instead of converting them
    options = (sorted(edition_names or []), marks)
    stamped = stamp.input_stamp(content_dir, out_dir, options) if cache.enabled else ""
    if stamped and (kept := stamp.recall(cache, content_dir, out_dir, options, stamped)):
        return kept
    result = _pipeline(content_dir, out_dir, edition_names, report, marks, cache)
    if stamped:
        stamp.record(cache, content_dir, out_dir, options, stamped, result)
    cache.prune()  # once a day at most: the least recently used entries go when the cache grew too large
    return result


def warm_up(content_dir: Path) -> None:
    """What a build that is not answered from its stamp loads first: the pipeline's modules
    (reportlab, pikepdf, Pillow among them) and the theme's fonts, parsed. For `report watch`,
    whose first build was answered from the stamp: its first rebuild would do all that (0.5 s for
    the sample, where a warm rebuild takes 0.1 s)."""
    from .charts import interrupts_held
    from .content import load_document
    from .theme import load_theme
    with interrupts_held():  # (see _layout_and_finish)
        from . import digits, finish, glyphs, logo, output, render  # noqa: F401
        from .editions import editions
        from .layout import contents, hyphenate, justify  # noqa: F401
        from .layout.styles import register_fonts
    editions()
    doc = load_document(content_dir)
    register_fonts(load_theme(content_dir, doc.assets_dir)[1])


def _pipeline(content_dir: Path, out_dir: Path, edition_names: list[str] | None, report: Progress,
              marks: bool, cache: Cache) -> BuildResult:
    # what the charts need comes first, without reportlab or pikepdf: the chart workers are forked
    # before those imports, so their matplotlib import runs beside the rest of the build's
    from .charts import (
        chart_languages,
        full_width,
        grid_cells,
        label_room,
        lower_cells,
        render_charts,
        start_early,
        stop_workers,
    )
    from .content import load_document
    from .theme import load_theme

    report("load", str(content_dir))
    try:
        start_early(cache)  # a first build: a chart worker imports matplotlib while the content is read
        try:
            doc = load_document(content_dir)
        except ReportError as exc:
            exc.diagnostics += _theme_problems(content_dir)  # all in one run, not the theme's a round later
            raise
        theme, fonts = load_theme(content_dir, doc.assets_dir)
        crowded = label_room(doc, theme)  # (the labels' room depends on the width a chart is set at)
        if crowded:
            raise ReportError(crowded)
        locale = doc.locale()  # the report's language, with report.yaml's numbers:
        # drawn in worker processes while the layout runs; the first finish waits for them
        # each at the sizes it is set at: the text frame's width (in a section's own language too), a grid's cells
        # (and lower at the frame's width on a wide page, which the layout sets where a chart misses a page)
        cells, full, languages = grid_cells(doc, theme) + lower_cells(doc, theme), full_width(doc), chart_languages(doc)
        charts = render_charts(doc.charts, theme, fonts, locale, theme.page.text_width, cache, background=True,
                               languages=languages, cells=cells, full=full, locales=doc.locale)
        return _layout_and_finish(doc, theme, fonts, locale, charts, content_dir, out_dir, edition_names,
                                  report, marks, cache, cells, [*full, *languages])
    except BaseException:
        stop_workers()  # an error or Ctrl-C: no chart worker outlives the build
        raise


def _theme_problems(content_dir: Path) -> list[Diagnostic]:
    """The problems of the content folder's theme.yaml (none where there is none, or the folder is not one)."""
    from .paths import project_paths
    from .theme import THEME_FILE, load_theme
    if not (content_dir / THEME_FILE).is_file():
        return []
    try:
        load_theme(content_dir, project_paths(content_dir)[1])
    except ReportError as exc:
        return exc.diagnostics
    except Exception:  # noqa: BLE001 - the content's errors are reported; the theme's next time
        return []
    return []


def _layout_and_finish(doc, theme, fonts, locale, charts, content_dir: Path, out_dir: Path,
                       edition_names: list[str] | None, report: Progress, marks: bool, cache: Cache,
                       cells: list | None = None, wide: list[str] | None = None) -> BuildResult:
    from .charts import fonts_while_waiting, interrupts_held, release_workers
    with interrupts_held():  # reportlab's and pikepdf's imports would swallow a Ctrl-C (bare `except:`)
        from .charts.donut_labels import label_warnings
        from .charts.palette_check import colour_warnings
        from .digits import check_digits
        from .editions import editions
        from .errors import ReportError
        from .glyphs import check_glyphs, fallback_warning
        from .layout import hyphenate, justify
        from .layout.contents import Seeds
        from .layout.logo import thin_strokes
        from .logo import print_notes
        from .output import write_all
        from .render import render

    available = editions()
    chosen = [available[n] for n in (edition_names or list(available))]
    fallback = check_glyphs(doc, fonts, locale, theme.fonts.pos, theme.fonts)  # characters the fonts lack: Lato
    # the previous contents lines (or the other edition's): sub-headings listed in one layout pass
    seeds = Seeds(cache, content_dir, sorted(available, key=lambda name: name != "screen"))
    result = BuildResult(inputs=[*fonts.values(), *stamp.asset_files(doc, theme)],
                         warnings=[*theme.warnings, *colour_warnings(doc.charts, theme), *doc.warnings,
                                   *check_digits(theme, fonts),
                                   *label_warnings(doc.charts, theme.page.text_width, theme.sizes.caption,
                                                   max(theme.sizes.caption, theme.plates.reversed_min), fonts,
                                                   locale, cells or [], wide)])
    try:
        if theme.logo is not None and any(e.name == "print" for e in chosen):
            result.warnings += print_notes(theme.logo, doc.assets_dir, theme)
            # a hairline in the logo would fail the print preflight after the whole layout: said now,
            # first, at the logo's line in theme.yaml (and the run's warnings after it)
            from .preflight.findings import DEFAULT_PROFILE  # (the preflight package: print only)
            if thin := thin_strokes(theme.logo, doc.assets_dir, theme, DEFAULT_PROFILE.min_line):
                raise ReportError(thin)
        report("charts", f"{len(doc.charts)} charts")
        # The screen edition (what `report watch` shows) first. An edition is finished as soon as it is
        # laid out when its charts are drawn; while chart workers still run, the next edition is laid
        # out first and the finishing waits until nothing else is left to do.
        order = sorted(chosen, key=lambda e: e.name != "screen")
        if cache.enabled:
            justify.recall(cache, content_dir)  # the previous build's line breaks: unchanged paragraphs are kept
        hyphenate.recall(cache)  # and the break points of every word asked about before
        waiting = []
        outputs: dict[str, tuple[Output, bytes]] = {}  # finished editions, written together at the end
        prepared = []
        for edition in order:
            edition = replace(edition.for_document(doc, theme), cache=cache)
            if hasattr(edition, "marks") and not marks:
                # no marks, no slug: the page ends at the bleed edge, as shops that refuse marks expect
                edition = replace(edition, marks=False, slug_mm=0.0)
            prepared.append(edition)
        elsewhere = _lay_out_elsewhere(prepared[1:], content_dir, charts,
                                       (doc, theme, fonts, charts, locale, out_dir), seeds)
        for edition in prepared:
            report("layout", edition.name)
            if edition.name in elsewhere and _collect(*elsewhere[edition.name], result, outputs, report):
                continue  # built by its worker (its bytes are written below, with the others)
            rendered = render(doc, theme, fonts, charts, edition, locale, seeds.slot(edition.name))
            _report_padding(report, edition.name, rendered.padded, rendered.pages, rendered.cover)
            waiting.append((edition, rendered))
            # the last one laid out is finished below, where a second waiting edition goes to a worker
            if edition is not prepared[-1] and all(c.ready for c in charts.values()):
                while waiting:
                    outputs.update(_finish_one(*waiting.pop(0), doc, theme, charts, out_dir, result, report))
        if cache.enabled:
            justify.keep(cache, content_dir)
        hyphenate.keep()
        if not all(c.ready for c in charts.values()):
            fonts_while_waiting()  # a first build's chart font, where the chart worker has not made it
            _return_memory()  # this process waits for the chart workers now, one more of which starts
        release_workers()  # nothing left to lay out: a chart worker held back takes this core
        _finish_ahead(waiting, charts, theme)  # while they draw
        beside = _finish_elsewhere(waiting[1:], content_dir, charts, (doc, theme, fonts, charts, locale, out_dir))
        for edition, rendered in waiting:
            if edition.name not in beside:
                outputs.update(_finish_one(edition, rendered, doc, theme, charts, out_dir, result, report))
        for edition, rendered in waiting:
            if edition.name in beside and not _collect(*beside[edition.name], result, outputs, report):
                outputs.update(_finish_one(edition, rendered, doc, theme, charts, out_dir, result, report))
        result.warnings += fallback_warning(fallback)  # which characters the layout drew from Lato, now known
        finished = [outputs[name] for e in chosen for name in (e.name, f"{e.name}-cover") if name in outputs]
        for output, _data in finished:
            report("write", f"{output.edition}: {output.part}" if output.part else output.edition)
        # every edition or none: a later edition's error (an image's ppi, the preflight) keeps the
        # previous files of all of them, not a new screen edition beside an old print edition
        write_all([(output.path, data) for output, data in finished])
        result.outputs = [output for output, _data in finished]
        result.warnings += _stale_cover(doc, out_dir, finished)
        result.warnings = one_per_finding(result.warnings)  # a page's finding in both editions: once
        return result
    except ReportError as exc:
        # what was found before the stage that failed (a table's check_total, a rounding note) comes
        # with its error, not one fix later (not a warning where an error says more of the same place:
        # the screen edition's note on an image that the print edition refuses)
        places = {d.pos for d in exc.diagnostics if d.severity == "error"}
        exc.diagnostics += [w for w in one_per_finding(result.warnings)
                            if w not in exc.diagnostics and w.pos not in places]
        raise


def _finish_ahead(waiting: list, charts: dict, theme) -> None:
    """While chart workers draw (a first build), the laid-out editions' finishing work that needs no
    chart (Edition.finish_ahead), then each chart's part of it as the chart comes: this process
    would otherwise wait idle, and the finishing after the last chart is shorter by it. Returns
    when every chart is drawn."""
    from concurrent.futures import FIRST_COMPLETED, wait
    pending = {c.source for c in charts.values() if not c.ready}
    if not pending:
        return
    aheads = []
    for edition, rendered in waiting:
        try:
            if (ahead := edition.finish_ahead(rendered.pdf, theme)) is not None:
                aheads.append(ahead)
        except Exception:  # only ahead of time: the finishing does it again, and says what is wrong
            pass
    if not aheads:
        return
    todo = list(charts.values())
    while todo:
        ready = [c for c in todo if c.ready]
        if not ready:
            wait({c.source for c in todo}, return_when=FIRST_COMPLETED)
            continue
        for c in ready:
            todo.remove(c)
            if not isinstance(c.source, bytes) and (c.source.cancelled() or c.source.exception() is not None):
                continue  # (reported where the chart is placed)
            for ahead in aheads:
                try:
                    ahead(c.pdf)
                except Exception:  # (as above)
                    pass


def _stale_cover(doc, out_dir: Path, finished: list) -> list[Diagnostic]:
    """A cover spread left from an earlier perfect-bound build beside a print edition that now has its
    covers inside: a print shop sent both would print the covers twice. Said, not deleted (it is
    a file the author may keep on purpose)."""
    written = {output.path.name for output, _data in finished}
    names = [output.path.name for output, _data in finished if output.edition == "print"]
    stale = [out_dir / name.replace(".pdf", "-cover.pdf") for name in names]
    stale = [p for p in stale if p.name not in written and p.is_file()]
    if not stale:
        return []
    pos = doc.report.field_pos.get("binding", doc.report.pos)
    return [Diagnostic(f"{p.name} is a cover spread from an earlier perfect-bound build; this print edition has "
                       f"its covers inside (binding: {doc.report.binding})", pos,
                       "delete it before sending the print files, so the covers are not printed twice", "warning")
            for p in stale]


# A long document's editions are built side by side: every edition after the first (the print
# edition, untagged) in a forked worker — laid out, finished and checked, its bytes sent back — while
# this process builds the first. Only when every chart is drawn already (the worker needs them to finish;
# and with chart workers running, four processes would take ~530 MiB at 185 pages, the budget is
# 350). Below this much section text, forking costs more than the second core saves.
PARALLEL_MIN_BYTES = 64 * 1024
_JOBS: dict[str, tuple] = {}  # what a forked edition worker builds, by edition (set before the fork)


def _lay_out_elsewhere(editions: list, content_dir: Path, charts: dict, shared: tuple, seeds) -> dict:
    """name → (Future of `_edition_job`, the preflight walk it shares with this process or None) for
    the editions built in a worker (none for short documents, one core, charts still being drawn, or
    where processes cannot be forked)."""
    chosen = [e for e in editions if not e.tagged]  # a tagged edition's structure stays in this process
    if not chosen or not all(c.ready for c in charts.values()) or not _worth_a_fork(content_dir):
        return {}
    return _fork_editions([(e, seeds.slot(e.name), None) for e in chosen], shared)


def _finish_elsewhere(waiting: list, content_dir: Path, charts: dict, shared: tuple) -> dict:
    """Like `_lay_out_elsewhere` for editions laid out here while chart workers ran (a first build of
    a long document): once every chart is drawn, the print edition is finished, checked (its walk
    shared) in a worker while this process finishes the first edition."""
    from concurrent.futures import wait
    chosen = [(e, rendered) for e, rendered in waiting if not e.tagged]
    if not chosen or not _worth_a_fork(content_dir):
        return {}
    drawing = [c.source for c in charts.values() if not c.ready]
    wait(drawing)  # the worker needs every chart: it cannot wait for this process's pool
    if any(f.cancelled() or f.exception() is not None for f in drawing):
        return {}  # finished here, where the chart's error is reported
    return _fork_editions([(e, None, rendered) for e, rendered in chosen], shared)


def _worth_a_fork(content_dir: Path) -> bool:
    import os
    import sys
    if not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2:
        return False
    try:
        size = sum(p.stat().st_size for p in content_dir.rglob("*") if p.suffix in (".yaml", ".csv"))
    except OSError:
        return False
    return size >= PARALLEL_MIN_BYTES


def _fork_editions(jobs: list[tuple], shared: tuple) -> dict:
    """(edition, contents seed slot, Rendered or None to lay it out) per job → name → (Future, walk)."""
    from .charts import _pool_context, submit_to_workers
    from .preflight.shared import Shared
    _JOBS.clear()
    walks = {e.name: Shared(_pool_context(), _page_walks(e, shared[0]))
             if e.name == "print" else None for e, _slot, _rendered in jobs}
    for e, slot, rendered in jobs:
        _JOBS[e.name] = (*shared, e, slot, walks[e.name], rendered)
    futures = submit_to_workers(len(jobs), _edition_job, [(e.name,) for e, _slot, _rendered in jobs])
    _JOBS.clear()  # the workers have their copies
    for walk in walks.values():
        if walk is not None:
            walk.forked()
    return {e.name: (f, walks[e.name]) for (e, _slot, _rendered), f in zip(jobs, futures, strict=True)}


def _edition_job(name: str) -> tuple:
    """In a forked worker: build one edition to its file's bytes (lay it out, unless it was laid out before
    the fork). Errors are returned, not raised (a ReportError or PreflightFailed does not cross
    processes intact)."""
    from .errors import ReportError
    from .layout import justify
    from .render import render
    doc, theme, fonts, charts, locale, out_dir, edition, slot, walk, rendered = _JOBS[name]
    mine = BuildResult()
    laid_out = rendered is None
    try:
        if laid_out:
            rendered = render(doc, theme, fonts, charts, edition, locale, slot)
        outputs = _finish_one(edition, rendered, doc, theme, charts, out_dir, mine, lambda stage, detail: None,
                              walk)
    except ReportError as exc:
        return "error", exc.diagnostics
    except PreflightFailed as exc:
        return "preflight", exc.report, exc.path, exc.warnings
    # (padding is reported where the edition was laid out)
    return ("ok", rendered.pages, rendered.padded if laid_out else [], rendered.cover.spine if laid_out and
            rendered.cover else "", outputs, mine.warnings, mine.preflight, dict(justify._USED) if laid_out else {})


def _collect(future, walk, result: BuildResult, outputs: dict[str, tuple[Output, bytes]],
             report: Progress) -> bool:
    """Take over what an edition worker built (its file's bytes, warnings, preflight, line breaks); False
    when the worker failed for a reason of its own: the edition is then built here. Meanwhile this
    process walks pages of the worker's file for its preflight (`walk`, when there is one)."""
    from .errors import ReportError
    from .layout import justify
    if walk is not None:
        walk.help(future.done)
    try:
        status, *rest = future.result()
    except Exception:  # a worker that died or could not send its result back
        return False
    if status == "error":
        raise ReportError(rest[0])
    if status == "preflight":
        failed, path, warnings = rest
        _add_warnings(result, warnings)
        raise PreflightFailed(failed, path, result.warnings)
    pages, padded, spine, built, warnings, preflight, used = rest
    name = next(iter(built))
    _report_padding(report, name, padded, pages, spine)
    report("finish", name)
    if preflight is not None:
        report("preflight", name)
        result.preflight = preflight
    _add_warnings(result, warnings)
    for digest, breaks in used.items():
        justify._USED.setdefault(digest, breaks)
    outputs.update(built)
    return True


def _return_memory() -> None:
    """The layout's garbage collected and the freed heap handed back to the system (glibc's
    malloc_trim): 185 pages, first build, 184 → ~120 MiB resident in 0.1 s, spent waiting anyway.
    The chart worker started next, and the print edition's finishing worker forked after it, then
    stay within the memory budget beside this process."""
    import gc
    import sys
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): the collected garbage stays with us
            pass


def _report_padding(report: Progress, edition: str, padded: list[tuple[int, str]], pages: int, cover=None) -> None:
    """The pages added for the binding; `cover`: a perfect-bound edition's cover spread (or how wide
    its spine is, from a worker), printed apart from the text block."""
    spine = getattr(cover, "spine", cover)
    if padded:
        added = ", ".join(f"{n} ({kind})" for n, kind in padded)
        blank = [k for _, k in padded].count("blank")
        unused = " and ".join(f"{'an' if k == 'image' else 'a'} {k}" for k in ("image", "quote")
                              if k not in (kind for _, kind in padded))
        fill = f"; padding: in report.yaml may fill {blank} blank pages with {unused}" if blank > 1 and unused \
            else ""  # README "Pages for the binding"
        report("layout", f"{edition}: added page{'s' if len(padded) > 1 else ''} {added} "
                         f"for the binding: {pages} pages, " + ("the covers apart" if spine else "back cover last")
               + fill)
    if spine:
        report("layout", f"{edition}: cover spread: back cover, spine {spine}, front cover")


def _add_warnings(result: BuildResult, warnings: list) -> None:
    """Each warning once: both editions, a second placement (a logo) or layout pass warn alike."""
    for w in warnings:
        if w not in result.warnings:
            result.warnings.append(w)


def _page_walks(edition, doc) -> Callable:
    """What gives the preflight walks of the pages of this content's last print edition (a
    rebuild's pages are mostly its pages: preflight/memo.py), read from the cache when called."""
    def memo():
        from .preflight.memo import PageMemo
        cache = edition.cache
        return PageMemo(cache.get_json("page-walks", _page_walks_key(doc)) if cache is not None else None)
    return memo


def _page_walks_key(doc) -> str:
    from .cache import code_version, key
    from .preflight import memo
    return key(memo.FORMAT, code_version(Path(memo.__file__).parent), str(doc.content_dir.resolve()))


def _finish_one(edition, rendered, doc, theme, charts, out_dir: Path, result: BuildResult,
                report: Progress, walk=None) -> dict[str, tuple[Output, bytes]]:
    """Finish and check (print) one laid-out edition: its file's bytes, written once every edition is
    built; `walk`: the preflight's content walk
    shared with the build process (in an edition worker)."""
    from .finish import finish
    from .render import metadata

    report("finish", edition.name)
    info = metadata(doc, doc.locale())
    data = finish(rendered, charts, edition, theme, info)
    _add_warnings(result, edition.warnings)
    path = out_dir / f"{doc.report.name}-{edition.name}.pdf"
    cover = rendered.cover  # perfect binding: the covers are a file of their own, finished and checked alike
    cover_data = finish(cover.rendered, charts, cover.edition, theme, info) if cover is not None else b""
    if edition.name == "print":
        from .preflight import DEFAULT_PROFILE, bleed_minimum, preflight  # only print is preflighted
        report("preflight", edition.name)
        if walk is not None:
            walk.offer(data)
        memo = _page_walks(edition, doc)()
        profile = replace(DEFAULT_PROFILE, binding=edition.binding, min_bleed=bleed_minimum(edition.bleed_mm))
        result.preflight = preflight(data, profile, render=False,
                                     walk=walk.walk if walk is not None else None, memo=memo)
        if memo.changed() and edition.cache is not None:
            edition.cache.put_json("page-walks", _page_walks_key(doc), memo.entries())
        if result.preflight.failed:
            raise PreflightFailed(result.preflight, path, result.warnings)
        if cover is not None:  # one page, as wide as both covers and the spine
            g = cover.rendered.geometry
            checked = preflight(cover_data, replace(profile, binding="cover", trim=(g.trim_w, g.trim_h)),
                                render=False)
            result.preflight.findings += [replace(f, check=f"cover {f.check}") for f in checked.findings]
            if checked.failed:
                raise PreflightFailed(checked, out_dir / f"{doc.report.name}-{cover.edition.name}.pdf",
                                      result.warnings)
    outputs = {edition.name: (Output(edition.name, path, len(data), rendered.pages, "text block" if cover else ""),
                              data)}
    if cover is not None:
        name = cover.edition.name
        outputs[name] = (Output(edition.name, out_dir / f"{doc.report.name}-{name}.pdf", len(cover_data), 1,
                                "cover spread"), cover_data)
    return outputs
