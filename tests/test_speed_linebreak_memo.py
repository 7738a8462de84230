"""Line breaks kept from one build to the next (layout/justify.py: recall/keep): a paragraph that
did not change is not solved again, the PDFs are byte-identical to a build without the cache, and
a damaged or foreign memo entry is solved afresh instead of breaking the build."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from report.build import build
from report.cache import Cache
from report.layout import justify


@pytest.fixture
def solves(monkeypatch):
    """Counts the optimiser's runs; every build starts as a fresh process would (no memo in memory)."""
    calls: list[int] = []
    original = justify._solve

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)
    monkeypatch.setattr(justify, "_solve", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    return calls


def _fresh_process() -> None:
    justify._SOLVED.clear()
    justify._LAST = None


def _build(content: Path, out: Path, cache: Cache) -> dict[str, bytes]:
    _fresh_process()
    result = build(content, out, ["screen"], cache=cache)
    return {o.edition: o.path.read_bytes() for o in result.outputs}


def test_unchanged_paragraphs_are_not_solved_again(project, tmp_path, solves):
    cache = Cache(tmp_path / "cache")
    first = _build(project, tmp_path / "a", cache)
    assert len(solves) >= 5  # the sample's justified paragraphs were solved
    solves.clear()
    again = _build(project, tmp_path / "b", cache)  # a new output folder: no stamp shortcut
    assert solves == [] and again == first
    uncached = _build(project, tmp_path / "c", Cache(tmp_path / "other", enabled=False))
    assert uncached == first  # byte-identical to a build that solved everything

    section = project / "sections" / "04-aussenwirtschaftstag.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("Bereits im März", "Schon im März"),
                       encoding="utf-8")
    solves.clear()
    changed = _build(project, tmp_path / "d", cache)
    assert 0 < len(solves) <= 2, "only the changed paragraph is solved again"
    assert changed == _build(project, tmp_path / "e", Cache(tmp_path / "other", enabled=False))


def test_an_edition_built_alone_keeps_the_other_editions_breaks(project, tmp_path, solves, monkeypatch):
    """`report build --edition screen` between two print builds does not make the second print
    build solve its own paragraphs again; with no room for unused breaks it would."""
    from report.layout.templates import TextFrame
    cache = Cache(tmp_path / "cache")
    geom = TextFrame._geom

    def narrower(frame):  # the print edition's text column 0.1 pt narrower: paragraphs of its own
        geom(frame)
        frame._aW -= 0.1

    def build_one(edition: str, out: str) -> None:
        _fresh_process()
        with monkeypatch.context() as patched:
            if edition == "print":
                patched.setattr(TextFrame, "_geom", narrower)
            build(project, tmp_path / out, [edition], cache=cache)
    build_one("print", "p1")
    build_one("screen", "s1")
    solves.clear()
    build_one("print", "p2")
    assert solves == []
    monkeypatch.setattr(justify, "KEEP_UNUSED", 0)
    build_one("screen", "s2")
    build_one("print", "p3")
    assert solves, "the print edition has paragraphs of its own (else this test proves nothing)"


@pytest.mark.parametrize("damage", ["rows", "words", "types", "not-json"])
def test_a_damaged_memo_entry_is_solved_afresh(project, tmp_path, solves, damage):
    cache = Cache(tmp_path / "cache")
    first = _build(project, tmp_path / "a", cache)
    first_solves = len(solves)
    k = justify._memo_key(project)
    kept = json.loads(zlib.decompress(cache.get("line-breaks", k)))
    for digest, entry in kept.items():
        if entry is None:
            continue
        if damage == "rows":  # a line that starts where no line can start
            entry[1][-1][1] = entry[1][-1][1] + 1
        elif damage == "words":
            entry[1][0][2] = 10_000
        elif damage == "types":
            entry[1][0][4] = "yes"
        kept[digest] = entry
    payload = b"\x00garbage" if damage == "not-json" else zlib.compress(json.dumps(kept).encode())
    cache.put("line-breaks", k, payload)
    solves.clear()
    assert _build(project, tmp_path / "b", cache) == first
    if damage in ("words", "types", "not-json"):
        assert len(solves) == first_solves  # every entry refused: all solved again


def _frag_words(markup: str, size: float = 10.0) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paragraph import Paragraph, _getFragWords
    return _getFragWords(Paragraph(markup, ParagraphStyle("p", fontName="Helvetica", fontSize=size)).frags, 200)


def test_the_memo_key_tells_apart_what_changes_the_breaks():
    """The compact key (texts joined, numbers packed) is unambiguous: paragraphs that differ only in
    where a style run ends, a run's font or size, or a space, get different keys and digests."""
    from report.layout.linebreak import Params
    variants = ["Ein <b>kurzer</b> Absatz", "Ein <b>kurze</b>r Absatz", "Ein <b>kurz</b>er Absatz",
                "Ein <b>kurzerA</b>bsatz", "Ein kurzer Absatz", "Ein <i>kurzer</i> Absatz",
                "Einkurzer Absatz", "Ein kurzer Absatz.",
                # Helvetica-Oblique has Helvetica's widths: only the runs' fonts tell these two apart
                "<i>Ei</i>n kurzer A<i>bsatz</i>", "<i>Ei</i>n kurzer <i>A</i>bsatz"]
    shapes = [justify._shape(_frag_words(v)) for v in variants] + [justify._shape(_frag_words(variants[3], 11))]
    assert all(s is not None for s in shapes)
    hyphenate = type("H", (), {"language": "de", "__call__": lambda self, w: []})()
    digests = {justify._digest((s, (200.0,), Params(), True, 0.02, hyphenate)) for s in shapes}
    assert len(set(shapes)) == len(digests) == len(variants) + 1
    same = justify._shape(_frag_words(variants[0]))
    assert same == shapes[0]  # the same paragraph read again: the same key
    assert justify._digest((same, (200.0,), Params(), True, 0.02, hyphenate)) != \
        justify._digest((same, (201.0,), Params(), True, 0.02, hyphenate))


def test_the_print_edition_solves_no_paragraph_the_screen_edition_solved(project, tmp_path, solves):
    """Both editions set the text in frames of the same width, on recto and verso pages, with and
    without bleed. reportlab measures a frame's width as x2 − x1, which differs in the last bits with
    where the frame stands: every paragraph of the print edition used to be solved again (0.25 s
    at 185 pages), and a paragraph that moved to a facing page in a later pass too."""
    from report.layout.templates import TextFrame
    widths = {TextFrame(x, 20, 201.25984251968507, 500, leftPadding=0, rightPadding=0)._aW
              for x in (8.5, 31.18110236220472, 65.19685039370079)}
    assert widths == {201.25984251968507}
    _fresh_process()  # then one process, one edition after the other: the memo in memory is shared
    build(project, tmp_path / "a", ["screen"], cache=Cache(tmp_path / "c", enabled=False))
    assert len(solves) >= 5
    solves.clear()
    build(project, tmp_path / "a", ["print"], cache=Cache(tmp_path / "c", enabled=False))
    assert solves == []


def _lines(p) -> list:
    """A Plan as data: its pieces (kind, width, runs' texts) and each line's words, spaces and place."""
    pieces = [(type(fw).__name__, round(fw[0], 9), [t for _f, t in fw[1:]]) for fw in p.frag_words]
    lines = [(ln.sFW, ln.wordCount, round(ln.extraSpace, 9), ln.scale, [w.text for w in ln.words]) for ln in p.lines]
    return [pieces, lines, p.offsets, p.widths, p.emergency, p.width_max]


@pytest.mark.parametrize("width", [95.0, 140.0])
def test_lines_built_from_kept_breaks_equal_the_solved_ones(width):
    """A paragraph's lines rebuilt from the breaks a build kept (only the words broken inside become
    pieces) are the lines solved afresh: narrow lines break a long compound twice, a web address at
    its break points; style runs, a space-less address and the words after it."""
    from report.layout.hyphenate import hyphenator
    from report.layout.linebreak import Params
    from report.markup import BREAK
    text = (f"Die <b>Donaudampfschifffahrtsgesellschaftskapitäne</b> trafen sich in "
            f"https://{BREAK}www.{BREAK}beispiel.{BREAK}org/{BREAK}jahresbericht{BREAK}/2017 mit "
            "Außenwirtschaftsförderungsprogramm<i>verantwortlichen</i> zum Erfahrungsaustausch über "
            "Exportkreditversicherungen, Markterschließungs­programme und Delegationsreisen.")
    hyphenate = hyphenator("de")
    justify._SOLVED.clear()
    justify._KEPT.clear()
    justify._USED.clear()
    try:
        solved = justify.plan(_frag_words(text), [width], hyphenate, Params())
        assert solved is not None and len(justify._USED) == 1
        cuts = [type(fw).__name__ for fw in solved.frag_words]
        assert cuts.count("_SplitFragHY") >= (3 if width < 100 else 1), "too few words broken to tell"
        justify._KEPT.update(justify._USED)  # as `recall` has them in a new process
        justify._SOLVED.clear()
        counted: list[int] = []
        original = justify._solve
        justify._solve = lambda *a: counted.append(1) or original(*a)
        try:
            kept = justify.plan(_frag_words(text), [width], hyphenate, Params())
        finally:
            justify._solve = original
        assert counted == [], "the kept breaks were not used"
        assert _lines(kept) == _lines(solved)
        # and the lines are the paragraph's, in order, each within its width: every line starts at a
        # later piece than the one before, holds words, and its words' natural width fits
        starts = [ln.sFW for ln in kept.lines]
        assert starts == sorted(set(starts)) and starts[0] == 0
        assert all(ln.words and "".join(w.text for w in ln.words).strip() for ln in kept.lines)
        assert all(ln.extraSpace > -0.05 * width for ln in kept.lines)
        read = " ".join("".join(w.text for w in ln.words).strip() for ln in kept.lines)
        words = justify.plain_text(_frag_words(text)).replace(BREAK, "").replace("\u00ad", "").split()
        assert read.replace("- ", "").replace(" ", "") == "".join(words).replace("-", "")
    finally:
        justify._SOLVED.clear()
        justify._KEPT.clear()
        justify._USED.clear()


def test_the_plain_text_of_frag_words_of_every_kind():
    """What tagged editions read aloud (`plain_text`, asked for every paragraph drawn): a word broken
    by hyphenation joined without the added hyphen, its own hyphen kept, runs of a word joined, a
    space after a word that has one, an injected frag (a bullet) left out."""
    from reportlab.platypus.paragraph import (
        _HSFrag,
        _InjectedFrag,
        _SHYWordHS,
        _SplitFragH,
        _SplitFragHS,
        _SplitFragHY,
        _SplitFragLL,
    )
    f = object()
    words = [_InjectedFrag([5.0, (f, "•")]), _HSFrag([10.0, (f, "Ein")]), [8.0, (f, "Ex"), (f, "port")],
             _HSFrag([1.0, (f, "ge")]), _SplitFragHY([9.0, (f, "Bun"), (f, "des-")]), _SplitFragHS([9.0, (f, "land")]),
             _SplitFragH([6.0, (f, "Medi-")]), _SplitFragLL([6.0, (f, "Pharm-")]), _SplitFragHS([6.0, (f, "x")]),
             _SHYWordHS([4.0, (f, "Schiff")]), [3.0, (f, "fahrt.")]]
    assert justify.plain_text(words) == "Ein Exportge Bundesland Medi-Pharmx Schiff fahrt."
