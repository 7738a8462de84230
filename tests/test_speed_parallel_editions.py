"""A long document's print edition is built (laid out, finished, preflighted, written) in a forked
worker beside the screen edition when its charts are drawn already (build.PARALLEL_MIN_BYTES), and
finished, preflighted and written in one when it was laid out while chart workers ran (a first
build): the PDFs, warnings and preflight are exactly those of building both in one process, and a
content error still stops the build with its message and no worker left behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PIL import Image

from report import build as build_module
from report.build import build
from report.cache import Cache
from report.errors import ReportError

from .test_speed_charts import _alive, _children

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                                reason="the editions are laid out side by side only where processes fork")


def _long(project: Path, sections: int = 6) -> None:
    """The sample made longer (its text section repeated; the threshold is lowered to it in the
    tests: a report past the real one takes long to build twice), and a cover of 200 ppi (the print
    edition warns about it; the screen edition does not)."""
    report = project / "report.yaml"
    text = report.read_text(encoding="utf-8")
    source = (project / "sections" / "02-bilanz.yaml").read_text(encoding="utf-8")
    listing = []
    for i in range(sections):
        name = f"sections/x{i:02d}.yaml"
        (project / name).write_text(source.replace("title: ", f"title: {i + 1}. ", 1) * 1, encoding="utf-8")
        listing.append(f"  - {name}\n")
    head, tail = text.split("sections:\n", 1)
    report.write_text(f"{head}sections:\n{''.join(listing)}{tail}", encoding="utf-8")
    cover = project.parent / "assets" / "images" / "cover-artwork.jpg"
    with Image.open(cover) as im:
        im.resize((im.width * 2 // 3, im.height * 2 // 3)).save(cover, quality=90)


_DRAW: list = []  # the chart workers' job and the event it waits for (inherited by the fork)


def _after_layout(job):
    _DRAW[1].wait(120)
    return _DRAW[0](job)


def _charts_after_layout(monkeypatch) -> None:
    """Chart workers draw only once the build process has laid out every edition (as in a first
    build of a long report, where they are still drawing then): not left to the machine's timing."""
    import multiprocessing

    import report.charts as charts
    _DRAW[:] = [charts._render_one, multiprocessing.get_context("fork").Event()]
    monkeypatch.setattr(charts, "_render_one", _after_layout)
    release = charts.release_workers

    def releasing() -> None:
        _DRAW[1].set()
        release()
    monkeypatch.setattr(charts, "release_workers", releasing)


def _recording_forks(monkeypatch) -> list:
    """Per fork of edition workers: (edition, laid out before the fork) per edition."""
    forks = []
    original = build_module._fork_editions

    def recording(jobs, shared):
        forks.append([(edition.name, rendered is not None) for edition, _slot, rendered in jobs])
        return original(jobs, shared)
    monkeypatch.setattr(build_module, "_fork_editions", recording)
    return forks


def _pdfs(result) -> dict[str, bytes]:
    return {o.edition: o.path.read_bytes() for o in result.outputs}


def test_side_by_side_editions_are_those_of_one_process(project, tmp_path, monkeypatch):
    _long(project)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 16 * 1024)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    forks = _recording_forks(monkeypatch)
    cache = Cache(tmp_path / "c1")
    # charts drawn meanwhile: both editions laid out here, then the print edition finished in a worker
    # (its pages' and charts' CMYK streams rewritten here while the charts were drawn: none there)
    from report.editions import print as print_edition
    rewrites, rewrite = tmp_path / "rewrites", print_edition._rewritten

    def recording(container, convert):
        with rewrites.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return rewrite(container, convert)
    with monkeypatch.context() as late:
        _charts_after_layout(late)
        late.setattr(print_edition, "_rewritten", recording)
        first = build(project, tmp_path / "a0", cache=cache)
    assert forks == [[("print", True)]]
    by = rewrites.read_text().split()
    assert by.count(str(os.getpid())) > first.outputs[0].pages and set(by) == {str(os.getpid())}
    parallel = build(project, tmp_path / "a", cache=cache)  # charts cached (a new output folder)
    assert forks[-1] == [("print", False)]  # the print edition was laid out in a worker too
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 10**12)
    serial = build(project, tmp_path / "b", cache=Cache(tmp_path / "c2"))
    assert len(forks) == 2
    for beside in (first, parallel):
        assert _pdfs(beside) == _pdfs(serial)
        assert [w.format() for w in beside.warnings] == [w.format() for w in serial.warnings]
        assert beside.preflight is not None and not beside.preflight.failed
        assert beside.preflight.format() == serial.preflight.format()
        assert any("ppi" in w.message for w in beside.warnings)  # the print edition's, from the worker
    assert parallel.outputs[0].pages > 12


def test_charts_drawn_while_the_last_edition_is_laid_out_still_leave_it_to_a_worker(project, tmp_path,
                                                                                   monkeypatch):
    """The charts come in while the print edition is laid out (a first build whose chart worker
    started early): the print edition is finished beside the screen edition, as when they come later."""
    import multiprocessing

    import report.charts as charts
    import report.render as render_module
    _long(project)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 16 * 1024)
    forks = _recording_forks(monkeypatch)
    _DRAW[:] = [charts._render_one, multiprocessing.get_context("fork").Event()]
    monkeypatch.setattr(charts, "_render_one", _after_layout)
    lay_out = render_module.render

    def render(doc, theme, fonts, drawings, edition, *rest):
        if edition.name == "print":
            _DRAW[1].set()
            assert all(d.pdf for d in drawings.values())  # every chart drawn before this layout ends
        return lay_out(doc, theme, fonts, drawings, edition, *rest)
    monkeypatch.setattr(render_module, "render", render)
    build(project, tmp_path / "out", cache=Cache(tmp_path / "c"))
    assert forks == [[("print", True)]]


def test_a_content_error_stops_the_side_by_side_build(project, tmp_path, monkeypatch):
    _long(project)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 16 * 1024)
    section = project / "sections" / "x03.yaml"
    columns = "".join(f"        - name: S{i}\n          type: number\n" for i in range(12))
    row = ", ".join(["1234567890123"] * 12)
    broken = (section.read_text(encoding="utf-8") + "  - table:\n      title: Zu breit\n"
              "      alt: Eine Tabelle, die nicht passt.\n      columns:\n" + columns
              + f"      rows:\n        - [{row}]\n")
    cache = Cache(tmp_path / "cache")
    build(project, tmp_path / "charts", ["screen"], cache=cache)  # not broken yet: the charts are drawn
    section.write_text(broken, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        build(project, tmp_path / "out", cache=cache)
    assert "x03.yaml" in str(caught.value.diagnostics[0].pos.file)
    assert "wide at 7 pt but the text column has" in caught.value.diagnostics[0].message
    assert not list((tmp_path / "out").glob("*.pdf"))
    import time
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in _children(os.getpid())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [c for c in _children(os.getpid()) if _alive(c)], "a layout or chart worker outlived the build"



@pytest.mark.parametrize(("fails", "first"), [("worker", False), ("build process", True)],
                         ids=["worker-laid out in the worker", "build process-finished in the worker"])
def test_a_shared_preflight_walk_that_breaks_costs_only_time(project, tmp_path, monkeypatch, fails, first):
    """The print worker dies right after offering its file (the build process walks pages for a
    worker that is gone, then builds the edition itself), or the build process fails while helping
    (the worker walks what it took): the build ends with the PDFs and preflight of a build in one
    process. Whether the worker laid the edition out (charts drawn before) or only finishes it (a
    first build). Each failing side is tried once, with one of the two ways the worker works (the
    four pairs took 16 s of the suite's 5 minutes)."""
    from report.preflight import shared as shared_walk
    _long(project)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 16 * 1024)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    cache = Cache(tmp_path / "c1")
    if not first:
        build(project, tmp_path / "a0", cache=cache)  # charts drawn: the next build lays out in the worker
    helped = []
    if fails == "worker":
        offer = shared_walk.Shared.offer

        def offer_and_die(self, data):
            offer(self, data)
            import time
            time.sleep(0.5)  # the build process has the file (it is waiting for it)
            os._exit(1)
        monkeypatch.setattr(shared_walk.Shared, "offer", offer_and_die)
    else:
        original, walk = shared_walk._walk_chunk, shared_walk.Shared.walk

        def failing(walker, chunk, pages):
            if os.getpid() == parent:
                helped.append(chunk)
                raise RuntimeError("broken while helping")
            return original(walker, chunk, pages)

        def walk_once_helped(self, walker):
            # the worker starts once the build process took a chunk (a busy machine could otherwise
            # let the worker walk every page before the build process is done with its own edition)
            import time
            deadline = time.monotonic() + 60
            while not self._helped.value and time.monotonic() < deadline:
                time.sleep(0.01)
            return walk(self, walker)
        parent = os.getpid()
        monkeypatch.setattr(shared_walk, "_walk_chunk", failing)
        monkeypatch.setattr(shared_walk.Shared, "walk", walk_once_helped)
        monkeypatch.setattr(shared_walk, "CHUNK", 2)
    forks = _recording_forks(monkeypatch)
    with monkeypatch.context() as late:
        if first:
            _charts_after_layout(late)
        result = build(project, tmp_path / "a", cache=cache)
    assert forks == [[("print", first)]]
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", 10**12)
    serial = build(project, tmp_path / "b", cache=Cache(tmp_path / "c2"))
    assert _pdfs(result) == _pdfs(serial)
    assert result.preflight.format() == serial.preflight.format() and not result.preflight.failed
    assert fails == "worker" or helped, "the build process took a chunk (else this proves nothing)"
