"""Issue 16: each page's preflight walk kept for the next check (preflight/memo.py).

A rebuild's print pages are mostly the pages checked before; the memo gives their events again by a
digest of everything the walk reads of a page. These tests hold it to one promise: a report made
with the memo is the report made without it — for the file it was made from, for files changed in
a page's content, in a resource, deep inside a form the page draws, or in an object many pages
share, for a memo that is damaged, and within the walk's budget — while unchanged pages are not
walked again."""

from __future__ import annotations

import io
import json
import re
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest

from report.build import build
from report.preflight import Budget, preflight, walk
from report.preflight.memo import PageMemo

from .conftest import SAMPLE_CONTENT


@pytest.fixture(scope="module")
def good(print_pdf: Path) -> bytes:
    return print_pdf.read_bytes()


@pytest.fixture
def walked(monkeypatch) -> list[int]:
    """The numbers of the pages the walker walks (pages the memo gives are not walked)."""
    pages: list[int] = []
    original = walk.Walker._page

    def spy(self, number, page):
        pages.append(number)
        return original(self, number, page)
    monkeypatch.setattr(walk.Walker, "_page", spy)
    return pages


def stored(memo: PageMemo) -> dict:
    """What a build stores and reads back: the entries through compressed JSON."""
    return json.loads(zlib.decompress(zlib.compress(json.dumps(memo.entries()).encode())))


def changed(data: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, compress_streams=False)  # a stream written uncompressed stays so
    return out.getvalue()


def memo_of(data: bytes) -> dict:
    memo = PageMemo()
    preflight(data, render=False, memo=memo)
    return stored(memo)


def _with_an_inline_image(pdf: pikepdf.Pdf) -> list[int]:
    """A CMYK inline image (and its too low resolution: a failing check the memo must give again)."""
    pdf.pages[1].contents_add(pdf.make_stream(
        b"q 10 0 0 10 100 100 cm BI /W 2 /H 2 /CS /CMYK /BPC 8 ID " + bytes(range(16)) + b" EI Q"), prepend=False)
    return [2]


@pytest.mark.parametrize("inline", [False, True])
def test_the_memo_gives_every_page_of_the_same_file_without_walking_it(good, walked, inline):
    if inline:
        good = changed(good, _with_an_inline_image)
    alone = preflight(good, render=False)
    pages = len(walked)
    first = PageMemo()
    assert preflight(good, render=False, memo=first).json() == alone.json()
    assert first.changed() and len(first.entries()["pages"]) == pages
    walked.clear()
    again = PageMemo(stored(first))
    assert preflight(good, render=False, memo=again).json() == alone.json()
    assert walked == [] and not again.changed()
    assert pages >= 8 and alone.failed == inline


def _chart_form(pdf: pikepdf.Pdf) -> tuple[int, pikepdf.Stream]:
    for number, page in enumerate(pdf.pages, start=1):
        for name, xobj in page.obj.get("/Resources", {}).get("/XObject", {}).items():
            if name.startswith("/RptChart"):
                return number, xobj
    raise AssertionError("the sample's print edition draws no chart form")


def _rgb_in_content(pdf: pikepdf.Pdf) -> list[int]:
    pdf.pages[2].contents_add(pdf.make_stream(b"0 1 0 rg 0 0 10 10 re f"), prepend=False)
    return [3]


def _rgb_in_a_chart_form(pdf: pikepdf.Pdf) -> list[int]:
    number, form = _chart_form(pdf)
    form.write(b"q 0 1 0 rg 0 0 10 10 re f Q\n" + form.read_bytes())
    return [number]


def _transparent_graphics_state(pdf: pikepdf.Pdf) -> list[int]:
    """A resource of one page changed, its content not: the graphics state it sets turns transparent."""
    for number, page in enumerate(pdf.pages, start=1):
        used = re.findall(rb"/(\S+) gs", page.Contents.read_bytes())
        states = page.obj.get("/Resources", {}).get("/ExtGState")
        if used and states is not None and not states.is_indirect:
            name = "/" + used[0].decode()
            states[name] = pikepdf.Dictionary({**states[name], "/ca": 0.5, "/CA": 0.5})
            return [number]
    raise AssertionError("no page of the sample sets a graphics state of its own")


def _fonts_everywhere(pdf: pikepdf.Pdf) -> list[int]:
    """An object every page shares: the first text font, its program dropped (not embedded)."""
    font = pdf.pages[1].obj.Resources.Font
    first = font[next(iter(font.keys()))]
    del first.FontDescriptor.FontFile2
    return [n for n, page in enumerate(pdf.pages, start=1)
            if first.objgen in {f.objgen for f in page.obj.get("/Resources", {}).get("/Font", {}).values()}]


def _rewrite(form: pikepdf.Stream, data: bytes) -> None:
    """Compressed as before (its dictionary the same but for /Length)."""
    assert form.stream_dict.Filter == "/FlateDecode"
    form.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)


def _slug_time(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    return pdf.pages[0].obj.Resources.XObject["/FormXob.RptSlugTime"]


def _magenta_slug_time(pdf: pikepdf.Pdf) -> list[int]:
    """A small form (digested without the text it shows) on every page, changed in an operand
    only: its black text, set to overprint, turns magenta."""
    form = _slug_time(pdf)
    _rewrite(form, form.read_bytes().replace(b"0 0 0 1 k", b"0 1 0 0 k"))
    return list(range(1, len(pdf.pages) + 1))


def _transparent_slug_time(pdf: pikepdf.Pdf) -> list[int]:
    """… changed in its resources only: the graphics state its text is set in turns transparent."""
    states = _slug_time(pdf).Resources.ExtGState
    states["/RptOverprint"] = pikepdf.Dictionary({**states["/RptOverprint"], "/ca": 0.5})
    return list(range(1, len(pdf.pages) + 1))


def _uncompressed(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[2]
    page.Contents.write(page.Contents.read_bytes())


def _same_length(pdf: pikepdf.Pdf) -> list[int]:
    """Only a content stream's bytes change (its dictionary, /Length too, stays as it was)."""
    page = pdf.pages[2]
    data = page.Contents.read_bytes()
    cmyk = re.search(rb"[\d.]+ [\d.]+ [\d.]+ [\d.]+ k", data)
    page.Contents.write(data[:cmyk.start()] + b"0 1 0 rg".ljust(len(cmyk[0])) + data[cmyk.end():])
    assert len(page.Contents.read_raw_bytes()) == len(data)
    return [3]


@pytest.mark.parametrize("change", [_rgb_in_content, _rgb_in_a_chart_form, _transparent_graphics_state,
                                    _fonts_everywhere, _same_length, _magenta_slug_time,
                                    _transparent_slug_time])
def test_a_changed_page_is_walked_again_and_reported_as_without_the_memo(good, walked, change):
    if change is _same_length:
        good = changed(good, _uncompressed)
    pages: list[int] = []
    data = changed(good, lambda pdf: pages.extend(change(pdf)))
    kept = memo_of(good)
    alone = preflight(data, render=False)
    assert alone.json() != preflight(good, render=False).json()  # the change is one the checks see
    walked.clear()
    memo = PageMemo(kept)
    assert preflight(data, render=False, memo=memo).json() == alone.json()
    assert sorted(walked) == sorted(pages) and pages and memo.changed()


def _damaged(entries: dict) -> list[dict]:
    """The same entries with one thing wrong each: what a corrupt or planted cache entry may hold."""
    first = next(iter(entries["pages"]))
    out = []
    for damage in (
        lambda e: e["pages"].update({first: "no entry"}),
        lambda e: e["pages"][first].__setitem__(0, -1),
        lambda e: e["pages"][first][3].append(10**6),
        lambda e: e["pages"][first][3].append("0"),
        lambda e: e["events"].__setitem__(e["pages"][first][3][0], ["space", "", None, 0, ["space", 1], "", None]),
        lambda e: e["events"].__setitem__(e["pages"][first][3][0], {"kind": "space"}),
        lambda e: e.update({"format": 0}),
        lambda e: e.update({"events": None}),
    ):
        copy = json.loads(json.dumps(entries))
        damage(copy)
        out.append(copy)
    return out


def test_a_damaged_memo_is_a_page_walked_again(good, walked):
    alone = preflight(good, render=False).json()
    for entries in [*_damaged(memo_of(good)), None, [], "text"]:
        walked.clear()
        assert preflight(good, render=False, memo=PageMemo(entries)).json() == alone
        assert walked  # the damaged page (or all of them) walked


def test_pages_given_by_the_memo_count_against_the_budget(good):
    """The walk's budget bounds a hostile file's work; the memo does not lift it: a file that runs
    out of budget walked runs out of it with the memo."""
    kept = memo_of(good)
    used = Budget()
    preflight(good, render=False, budget=used)
    small = Budget(operators=used.used_operators // 2)
    alone = preflight(good, render=False, budget=Budget(operators=small.operators))
    assert "needs more work than preflight allows" in alone.json()
    assert preflight(good, render=False, budget=small, memo=PageMemo(kept)).json() == alone.json()


def _helping(shared, ready) -> None:
    shared.forked()
    shared.help(lambda: False)
    ready.set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shared walk runs in forked processes")
def test_a_shared_walk_uses_the_memo_in_both_processes_and_keeps_every_page(good, monkeypatch, walked):
    """The helping process reads the memo too (else it would walk its chunks while the memo gives
    the worker its own at once) and sends back the entries of its pages: the worker keeps all."""
    import multiprocessing
    import time

    from report.preflight import shared as shared_walk
    data = changed(good, _rgb_in_content)
    kept = memo_of(good)
    alone = preflight(data, render=False)
    context = multiprocessing.get_context("fork")
    monkeypatch.setattr(shared_walk, "CHUNK", 2)
    shared = shared_walk.Shared(context, lambda: PageMemo(kept))
    ready = context.Event()
    helper = context.Process(target=_helping, args=(shared, ready))
    helper.start()
    shared.offer(data)
    deadline = time.monotonic() + 60
    while shared._next.value < 4 and time.monotonic() < deadline:  # the helper takes every chunk
        time.sleep(0.005)
    memo = PageMemo(kept)
    walked.clear()
    together = preflight(data, render=False, walk=shared.walk, memo=memo)
    helper.join(60)
    assert ready.is_set() and shared._helped.value == 4
    assert walked == []  # every page came from the helper: the changed one it walked, the rest recalled
    assert together.json() == alone.json()
    assert len(memo.entries()["pages"]) == len(pikepdf.open(io.BytesIO(data)).pages)
    assert _by_page(stored(memo)) == _by_page(memo_of(data))  # as if one process walked every page


def _by_page(entries: dict) -> dict:
    return {key: [*entry[:3], [entries["events"][i] for i in entry[3]]] for key, entry in entries["pages"].items()}


def test_the_time_a_small_form_shows_is_not_part_of_its_pages_keys(good, walked):
    """The slug's time (a form on every print page) changes with every build: the pages stay known."""
    def later(pdf: pikepdf.Pdf) -> None:
        form = _slug_time(pdf)
        text = re.search(rb"\((.*)\) Tj", form.read_bytes())[1]
        _rewrite(form, form.read_bytes().replace(text, b"01.01.2099 23:59 UTC"))
        assert text != b"01.01.2099 23:59 UTC"
    kept, alone, data = memo_of(good), preflight(good, render=False).json(), changed(good, later)
    walked.clear()
    assert preflight(data, render=False, memo=PageMemo(kept)).json() == alone
    assert walked == []


def test_a_rebuild_into_another_folder_walks_no_page(tmp_path, walked, monkeypatch):
    """The build keeps the print edition's page walks in its cache, by content folder: a rebuild
    (here into a new output folder, so nothing is kept as a whole, and an hour later: the slug
    shows another time) walks no page again, and its preflight report is the first build's."""
    from report.cache import Cache
    cache = Cache(tmp_path / "cache")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(SAMPLE_CONTENT, tmp_path / "a", ["print"], cache=cache)
    assert walked
    walked.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700003600")
    second = build(SAMPLE_CONTENT, tmp_path / "b", ["print"], cache=cache)
    assert walked == []
    times = []
    for built in (first, second):
        with pikepdf.open(built.outputs[0].path) as pdf:
            times.append(_slug_time(pdf).read_bytes())
    assert times[0] != times[1]
    assert [f.__dict__ for f in second.preflight.findings] == [f.__dict__ for f in first.preflight.findings]
    assert list((tmp_path / "cache" / "page-walks").rglob("*"))


def test_a_shared_walk_of_known_pages_is_not_shared(good, monkeypatch, walked):
    """Every page known: handing pages to the build process would cost more (it opens the file,
    recalls, sends back) than recalling them here. The worker closes the chunks at once."""
    import multiprocessing

    from report.preflight import shared as shared_walk
    monkeypatch.setattr(shared_walk, "CHUNK", 2)
    kept = memo_of(good)
    shared = shared_walk.Shared(multiprocessing.get_context("fork"), lambda: PageMemo(kept))
    taken = []
    original = shared_walk.Shared._take

    def take(self, pages, helping):
        chunk = original(self, pages, helping)
        taken.append(chunk)
        return chunk
    monkeypatch.setattr(shared_walk.Shared, "_take", take)
    walked.clear()
    assert preflight(good, render=False, walk=shared.walk, memo=PageMemo(kept)).json() == \
        preflight(good, render=False).json()
    assert taken == [None] and shared._next.value == -(-len(pikepdf.open(io.BytesIO(good)).pages) // 2)
    assert walked == list(range(1, len(walked) + 1))  # (the second preflight's, without the memo)
