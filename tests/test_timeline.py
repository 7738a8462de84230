"""Timelines ("Das Jahr im Rückblick"): built into real PDFs and read back — dates before their text,
the rule and its dots drawn (pixels), a split that keeps the rule and its title with the first entry,
the tags of one list across pages — and split alone, and bad input with its place and a hint."""

from __future__ import annotations

import functools
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.layout import timeline
from report.layout.styles import MM
from report.locale import get_locale
from report.model import Timeline, TimelineEntry

from .hostile import at, diagnostics, only
from .hostile import make_project as sample_copy
from .pdf_chars import chars
from .test_e2e import _norm, extract_text
from .test_text_blocks import REPORT, _sentence, make_project

ENTRIES = [  # (date, title, text): texts start with a word found nowhere else
    ("Januar", None, "Eins Neujahrsempfang im Rathaus mit über 300 Gästen aus Politik und Wirtschaft."),
    ("12. März", "Neue Leitstelle", "Zwei Die Leitstelle in der Nordstraße geht in Betrieb; sie überwacht "
                                    "1.200 km Leitungen rund um die Uhr.[^1]"),
    ("April", None, "Drei Baubeginn am Umspannwerk Süd."),
    ("Q2", "Stadtfest", 'Vier Unser Stand auf dem Stadtfest: 4.000 Gäste, 600 Kinder beim "Strom-Quiz" -- ein '
                        "Rekord."),
    ("Frühjahr 2026", None, "Fünf Die **Photovoltaik-Offensive** startet: Beratung für Eigenheime, Förderung "
                            "für Mieterstrom und ein Solarkataster, das jede Dachfläche der Stadt bewertet. Bis "
                            "Jahresende meldeten sich mehr als 900 Haushalte; 310 Anlagen sind bereits am Netz, "
                            "weitere 200 in Planung. Die Nachfrage übertraf alle Erwartungen, und das Team wurde "
                            "um drei Stellen verstärkt, damit jede Anfrage binnen einer Woche beantwortet wird."),
    ("18. Juli", None, "Sechs Nach dem Starkregen waren alle Haushalte nach 90 Minuten wieder versorgt."),
    ("August", "Ausbildung", "Sieben Zwölf junge Menschen beginnen ihre Ausbildung bei uns, so viele wie nie."),
    ("September", None, "Acht Die neue Website geht online: https://www.example.org/chronik"),
    ("14.–16. Sept.", "Messe", "Neun Gemeinschaftsstand auf der E-world in Essen mit fünf Partnern."),
    ("Oktober", None, "Zehn Tag der offenen Tür im Wasserwerk: 1.500 Gäste."),
    ("3. November", None, "Elf Der Aufsichtsrat beschließt den Wirtschaftsplan 2026."),
    ("November", None, "Zwölf Erste Ladesäulen im Parkhaus am Bahnhof."),
    ("Dezember", "Bilanz", "Dreizehn Wir schließen das Jahr mit einem Ergebnis über Plan ab und danken allen "
                           "Kundinnen und Kunden für ihr Vertrauen."),
    ("31. Dezember", None, "Vierzehn Letzter Arbeitstag von Werkleiter Hans Müller nach 32 Jahren."),
]
DATES = [d for d, _, _ in ENTRIES]
WORDS = [text.split()[0] for _, _, text in ENTRIES]
ACCENT = (0xEE, 0x7D, 0x2B)  # the default theme's accent (screen)
NOTE = ["Die Leitstelle ersetzt drei alte Warten."]


def _entries() -> list[dict[str, str]]:
    return [{"date": d, "text": x, **({"title": t} if t else {})} for d, t, x in ENTRIES]


def _filler(n: int) -> str:
    return " ".join(_sentence(k) for k in range(n))


SECTIONS: dict[str, Any] = {
    "chronik": {"kind": "text", "title": "Ein Jahr in Daten", "blocks": [
        {"paragraph": "VorDerChronik " + _filler(28)},
        {"timeline": {"title": "Das Jahr im Rückblick", "entries": _entries()}},
        {"paragraph": "NachDerChronik geht der Text weiter."}], "footnotes": NOTE},
    "ende": {"kind": "text", "title": "Chronik am Ende", "page": "new", "blocks": [
        {"paragraph": "VorDemEnde " + _filler(34)}, {"timeline": _entries()}], "footnotes": NOTE},
    "spalten": {"kind": "text", "title": "Chronik in zwei Spalten", "page": "new", "columns": 2, "blocks": [
        {"paragraph": "Spalten " + _filler(10)}, {"timeline": _entries()}], "footnotes": NOTE},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("chronik")
    result = build(make_project(root, REPORT, SECTIONS), root / "out")
    assert not result.warnings, result.warnings
    return {o.edition: o.path for o in result.outputs}


@pytest.fixture(scope="module")
def a5(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two columns on A5, too narrow for dates beside the text, and a timeline three times as long: its
    columns go on over pages (each page's columns split copies of what is left)."""
    root = tmp_path_factory.mktemp("chronik-a5")
    section = {**SECTIONS["spalten"], "blocks": [SECTIONS["spalten"]["blocks"][0], {"timeline": _entries() * 3}]}
    content = make_project(root, REPORT, {"spalten": section})
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    result = build(content, root / "out")
    assert not result.warnings, result.warnings
    return {o.edition: o.path for o in result.outputs}


GAP = 3 * MM  # wider than any space between words: what stands further apart on a baseline is apart


@functools.cache
def _segments(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, baseline, left, text) of each run of text of the print edition, top to bottom, left to
    right: a line, or a date and the text beside it, or a line of each of two columns."""
    seen: dict[tuple[int, float], list[Any]] = {}
    for c in chars(path):
        seen.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    out = []
    for (page, base), cs in sorted(seen.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        cs.sort(key=lambda c: c.box[0])
        run = [cs[0]]
        for c in cs[1:] + [None]:
            if c is not None and c.box[0] - run[-1].box[2] < GAP:
                run.append(c)
                continue
            out.append((page, base, run[0].box[0], "".join(r.text for r in run)))
            run = [c]
    return out


def _in_order(text: str, start: str) -> bool:
    """Whether each date is followed by its text, entry after entry, in `text` after `start`."""
    text, at = _norm(text), _norm(text).find(start)
    for date, word in zip(DATES, WORDS, strict=True):
        for w in (date, word):
            at = text.find(_norm(w), at)
            if at < 0:
                return False
    return True


def _starts(entry: int) -> str:
    """How the first line beside (or under) an entry's date begins: its title, or its text."""
    _, title, text = ENTRIES[entry]
    return _norm(title) if title else text.split()[0]


def test_each_date_is_read_before_its_text_and_stands_left_of_it_on_the_text_columns_edge(built):
    assert _in_order(extract_text(built["print"]), "VorDerChronik")
    segments = _segments(built["print"])
    edge = next(s for s in segments if s[3].startswith("VorDerChronik"))[2]  # the text column's edge (page 3)
    title = next(s for s in segments if s[3] == "DasJahrimRückblick")
    assert title[2] == pytest.approx(edge, abs=1.5)  # (a glyph's box: D and V stand off the edge differently)
    beside = []
    for n, date in enumerate(DATES):
        d = next(s for s in segments if s[3] == _norm(date))
        t = next(s for s in segments if s[:2] == d[:2] and s[2] > d[2])  # on its baseline, right of it
        assert t[3].startswith(_starts(n)), (date, t)
        beside.append(t[2] - d[2])
        if d[0] == title[0]:
            assert d[2] == pytest.approx(edge, abs=1.5)
    assert max(beside) - min(beside) < 2  # one date column for all entries, on both pages (glyph boxes differ)


def test_typography_as_in_paragraphs(built, styles):
    assert "„Strom-Quiz“ – ein Rekord" in extract_text(built["print"])  # quotes and the dash
    f = _flowable(styles, ENTRIES[:2])
    assert [e.date_text for e in f.entries] == ["Januar", "12.\u00a0März"]  # a day keeps to its month


SCALE = 3.0  # pixels per point in the renders


def _render(path: Path, page: int, scale: float = SCALE) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return np.asarray(pdf[page - 1].render(scale=scale).to_pil().convert("RGB")).astype(int)
    finally:
        pdf.close()


def _rule(img: np.ndarray) -> tuple[int, int, int, int]:
    """(x, top, bottom, dots) of the timeline's rule on a rendered page: the pixel column with the most
    accent colour, where it runs, and how many dots sit on it."""
    accent = np.abs(img - np.array(ACCENT)).sum(axis=2) < 60
    x = int(accent.sum(axis=0).argmax())
    rows = np.flatnonzero(accent[:, x])
    top, bottom = int(rows.min()), int(rows.max())
    assert accent[top:bottom + 1, x].mean() > 0.97  # one line, not dates' letters
    wide = accent[:, x - 12:x + 13].sum(axis=1) >= 8  # a dot: 4.6 pt across, the rule 0.6 pt
    dots = int(np.sum(wide[1:] & ~wide[:-1]) + wide[0])
    return x, top, bottom, dots


def _ink_rows(img: np.ndarray, x: int) -> tuple[int, int]:
    """The first and last row of dark text right of the rule (within the text frame)."""
    h = img.shape[0]
    frame = slice(int(h * 0.1), int(h * 0.92))
    dark = (img[frame, x + 10:] < 120).all(axis=2).any(axis=1)
    rows = np.flatnonzero(dark) + frame.start
    return int(rows.min()), int(rows.max())


def test_the_rule_and_a_dot_per_entry_are_drawn_and_the_rule_goes_on_over_the_page(built):
    segments = _segments(built["print"])
    title = next(s for s in segments if s[3] == "DasJahrimRückblick")
    start, end = title[0], next(s[0] for s in segments if s[3].startswith("NachDerChronik"))
    assert end == start + 1, "the fixture's timeline runs over a page break"
    dated = [sum(1 for s in segments if s[0] == page and s[3] in [_norm(d) for d in DATES]) for page in (start, end)]
    assert all(dated) and sum(dated) == len(ENTRIES)
    first, second = _render(built["screen"], start), _render(built["screen"], end)
    x1, top1, bottom1, dots1 = _rule(first)
    x2, top2, bottom2, dots2 = _rule(second)
    with pikepdf.open(built["print"]) as pdf:  # the dates' edge on the trimmed page, in pixels
        edges = [(min(s[2] for s in segments if s[0] == page and s[3] in [_norm(d) for d in DATES])
                  - float(pdf.pages[page - 1].TrimBox[0])) * SCALE for page in (start, end)]
    # one date column on both pages: on screen every page is set as a recto, as the print's odd one
    edge = edges[0] if start % 2 else edges[1]
    assert x1 - edge == pytest.approx(x2 - edge, abs=2) and edges[0] != pytest.approx(edges[1], abs=2)
    assert [dots1, dots2] == dated  # a dot for each entry
    assert bottom1 >= _ink_rows(first, x1)[1]  # on to the foot of the part, past its last dot
    assert top2 <= _ink_rows(second, x2)[0]  # and in from the top of the next
    assert top1 > _ink_rows(first, x1)[0] + 20  # the first page: from the first dot, below the title


def test_the_title_stays_with_its_first_entry(built):
    segments = _segments(built["print"])
    i = next(k for k, s in enumerate(segments) if s[3] == "DasJahrimRückblick")
    assert segments[i + 1][0] == segments[i][0] and segments[i + 1][3] == "Januar"


def test_as_the_last_block_its_last_entries_go_on_with_the_footnotes(built):
    """No hole: the page of the paragraph before it holds its first entries; the footnote follows the
    last entry overleaf."""
    segments = _segments(built["print"])
    end = next(k for k, s in enumerate(segments) if s[3].startswith("VorDemEnde"))
    first = next(k for k, s in enumerate(segments) if k > end and s[3] == "Januar")
    last = next(k for k, s in enumerate(segments) if k > first and s[3].startswith("Vierzehn"))
    note = next(k for k, s in enumerate(segments) if k > last and "DieLeitstelleersetzt" in s[3])
    assert segments[first][0] == segments[end][0]
    assert segments[note][0] == segments[last][0] == segments[end][0] + 1


def _elements(pdf: pikepdf.Pdf) -> list[Any]:
    """Every structure element in reading order."""
    out: list[Any] = []

    def walk(elem: Any) -> None:
        out.append(elem)
        for kid in _kids(elem):
            walk(kid)
    walk(pdf.Root.StructTreeRoot.K)
    return out


def _kids(elem: Any) -> list[Any]:
    kids = elem.get("/K", [])
    return [k for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
            if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem"]


def _pages(elem: Any, pdf: pikepdf.Pdf) -> set[int]:
    """The pages the marked content of an element and its kids is on."""
    pages = {p.objgen: n for n, p in enumerate(pdf.pages, start=1)}
    found: set[int] = set()
    if "/Pg" in elem:
        found.add(pages[elem.Pg.objgen])
    for kid in _kids(elem):
        found |= _pages(kid, pdf)
    return found


def _actual_texts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """(page, MCID) → /ActualText of every marked-content sequence."""
    out = {}
    for n, page in enumerate(pdf.pages, start=1):
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                props = operands[1]
                if "/ActualText" in props:
                    out[(n, int(props.MCID))] = str(props.ActualText)
    return out


def test_tagged_as_one_list_across_its_pages_date_then_text(built):
    with pikepdf.open(built["screen"]) as pdf:
        texts = _actual_texts(pdf)
        pages = {p.objgen: n for n, p in enumerate(pdf.pages, start=1)}
        lists = [e for e in _elements(pdf) if e.S == "/L" and _kids(e)[0].S == "/Caption"]
        assert len(lists) == 1  # the titled timeline: one L over its two pages
        items = _kids(lists[0])
        assert [str(k.S) for k in items] == ["/Caption"] + ["/LI"] * len(ENTRIES)
        assert len(_pages(lists[0], pdf)) == 2
        dates = []
        for li in items[1:]:
            assert [str(k.S) for k in _kids(li)] == ["/Lbl", "/LBody"]
            lbl = _kids(li)[0]
            mcid = int(lbl.K[0] if isinstance(lbl.K, pikepdf.Array) else lbl.K)
            dates.append(texts[(pages[lbl.Pg.objgen], mcid)])
            assert [str(k.S) for k in _kids(_kids(li)[1])] in (["/P"], ["/P", "/P"])
        assert dates == [d.replace("\u00a0", " ") for d in DATES]
        # the rest of an entry split over a page or column stays in its LBody: one P more than its title and text
        bodies = [[str(k.S) for k in _kids(_kids(li)[1])] for e in _elements(pdf) if e.S == "/L"
                  for li in _kids(e) if li.S == "/LI"]
        expected = [["/P", "/P"] if title else ["/P"] for _, title, _ in ENTRIES]
        assert len(bodies) == 3 * len(ENTRIES)
        split = [n for n, body in enumerate(bodies) if body != expected[n % len(ENTRIES)]]
        assert split, "the fixture splits an entry over a page or column"
        assert all(bodies[n] == [*expected[n % len(ENTRIES)], "/P"] for n in split)


def test_in_a_narrow_column_the_date_stands_above_its_text(a5):
    """Each date heads its entry, its title or text the next line from the same left edge; the entries
    read in order over columns and pages, one list in the tags."""
    segments = _segments(a5["print"])
    dates = [s for s in segments if s[3] in [_norm(d) for d in DATES]]
    assert len(dates) == 3 * len(ENTRIES) and len({s[0] for s in dates}) >= 3
    for d in dates:  # (in two columns: by baseline, across both)
        under = max((s for s in segments if s[0] == d[0] and abs(s[2] - d[2]) < 1.5 and s[1] < d[1]),
                    key=lambda s: s[1])
        assert under[3].startswith(_starts([_norm(x) for x in DATES].index(d[3]))), (d, under)
        assert d[1] - under[1] == pytest.approx(14.5, abs=0.1)  # the next line, at the full size (not shrunk)
    assert _in_order(extract_text(a5["print"]), "Spalten")
    with pikepdf.open(a5["screen"]) as pdf:
        [tagged] = [e for e in _elements(pdf) if e.S == "/L"]
        assert len(_kids(tagged)) == 3 * len(ENTRIES) and len(_pages(tagged, pdf)) >= 3


# -- split alone ------------------------------------------------------------------------------------


def _flowable(styles: Any, entries: list[tuple[str, str | None, str]], title: str | None = "Chronik") -> Any:
    ctx = SimpleNamespace(styles=styles, locale=get_locale("de-DE"), geometry=SimpleNamespace(trim_h=297 * MM))
    block = Timeline(title=title, entries=[TimelineEntry(date=d, title=t, text=x) for d, t, x in entries])
    [flowable] = timeline.layout(ctx, block, 0.0)
    return flowable


WIDTH = 122 * MM  # the text column on A4


def test_the_widest_date_stands_an_em_from_its_dot(styles):
    """« 21 septembre », the widest date of a Belgian review's timeline, stood 0.67 em from the dot on the
    rule, where the other dates stood well clear of it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    f = _flowable(styles, [("21 septembre", None, "Eins."), ("Avril", None, "Zwei.")])
    f.wrap(WIDTH, 1000)
    grid, (font, size) = f._grid, f.date_font
    assert not grid.stacked
    widest = stringWidth("21\u00a0septembre", font, size)
    assert grid.rule_x - timeline.DOT * size - (grid.date_x + widest) >= size


def test_the_title_stays_with_two_entries_and_two_go_on(styles):
    """A US report's timeline stood at a page's foot with its title and one of its five entries, the other
    four overleaf: each part holds two entries at least (or a split entry's part), else fewer stay."""
    f = _flowable(styles, [("Januar", None, "Eins."), ("Februar", None, "Zwei " * 30), ("März", None, "Drei."),
                           ("April", None, "Vier.")])
    f.wrap(WIDTH, 1000)
    title, (e0, e1, e2, _) = f._title_height(WIDTH, 1000), (e.height for e in f.entries)
    assert f.entries[1].lines() < 2 * timeline.MIN_SPLIT_LINES  # three lines: moves on whole
    assert f.split(WIDTH, title + e0 + 5) == []  # not the title and one entry
    assert f.split(WIDTH, title + e0 + f.gap + e1 - 1) == []
    head, rest = f.split(WIDTH, title + e0 + f.gap + e1 + 5)
    assert head.title is not None and len(head.entries) == 2 and rest.title is None and len(rest.entries) == 2
    assert rest.continued and head.goes_on and not rest.goes_on and not head.continued
    head, rest = f.split(WIDTH, title + e0 + e1 + e2 + 2 * f.gap + 5)  # three fit: two stay, two go on
    assert len(head.entries) == 2 and len(rest.entries) == 2
    assert f.start_height(WIDTH, 1000) == pytest.approx(title + e0 + f.gap + e1, abs=0.02)
    short = _flowable(styles, [("Januar", None, "Eins."), ("Februar", None, "Zwei."), ("März", None, "Drei.")])
    short.wrap(WIDTH, 1000)
    assert short.split(WIDTH, short.height - 1) == []  # three short entries move on whole
    assert short.start_height(WIDTH, 1000) == short.height


def test_a_long_entry_splits_with_two_lines_on_each_side(styles):
    long_text = " ".join(_sentence(k) for k in range(8))
    f = _flowable(styles, [("Januar", "Titel", long_text)], title=None)
    f.wrap(WIDTH, 1000)
    assert f.split(WIDTH, f.height - 1) == []  # one entry: each part would hold only a part of it
    f.page = f.height - 1  # taller than a page: it splits as it can, between lines
    entry = f.entries[0]
    leading = entry.text.style.leading
    lines = entry.lines()
    assert lines >= 6
    above = entry.title.height
    assert f.split(WIDTH, above + leading * 1.5) == []  # one line would stand alone
    head, rest = f.split(WIDTH, above + leading * 2.5)
    assert len(head.entries[0].text.blPara.lines) == 2 and head.entries[0].date is not None
    rest.wrap(WIDTH, 1000)
    assert rest.entries[0].date is None and len(rest.entries[0].text.blPara.lines) == lines - 2
    head, rest = f.split(WIDTH, above + leading * (lines - 0.5))
    assert len(head.entries[0].text.blPara.lines) == lines - 2  # never one line alone overleaf
    between = _flowable(styles, [("Januar", None, "Eins."), ("Februar", "Titel", long_text), ("März", None, "Drei.")])
    between.wrap(WIDTH, 1000)
    first = between._title_height(WIDTH, 1000) + between.entries[0].height + between.gap + above
    head, rest = between.split(WIDTH, first + leading * 2.5)  # its start and the entry before it: two parts each
    assert len(head.entries) == len(rest.entries) == 2 and not rest.entries[0].first


# -- bad input: each with its place and a hint ------------------------------------------------------

BILANZ = "sections/02-bilanz.yaml"


@pytest.mark.parametrize(("blocks", "needle", "message", "hint"), [
    ("  - timeline:\n      - date: 14. bis 16. September 2025 in Essen\n        text: Messe.\n", "14. bis",
     "timeline: date '14. bis 16. September 2025 in Essen' is 35 characters long; the date column holds 24 at most",
     "shorten it to the date, e.g. '14.–16. Sept.' or 'Q1', and say the rest in the text"),
    ("  - timeline:\n      - März: Messe in Berlin\n", "März:",
     "section: timeline: entries[1]: 'März: Messe in Berlin' reads as a key and its value, not as the date and "
     "the text", "write it as two keys, '- date: März' and under it '  text: Messe in Berlin'"),
    ("  - timeline:\n      - date: Mai\n", "date: Mai",
     "section: timeline: entries[1]: missing required key 'text'", "add 'text:' (What happened"),
    ("  - timeline:\n      - date: Mai\n        txt: Messe.\n", "txt:",
     "section: timeline: entries[1]: unknown key 'txt'", "did you mean 'text'?"),
    ("  - timeline: []\n", "[]",
     "section: timeline: entries: 0 items given, but at least 1 are needed", "give at least 1"),
])
def test_bad_timelines_are_reported_with_place_and_hint(tmp_path, blocks, needle, message, hint):
    content = sample_copy(tmp_path)
    (content / BILANZ).write_text((content / BILANZ).read_text(encoding="utf-8") + blocks, encoding="utf-8")
    d = only(diagnostics(content))
    lines = (content / BILANZ).read_text(encoding="utf-8").splitlines()
    line = max(n for n, text in enumerate(lines, start=1) if needle in text)  # in the lines added
    at(d, "content/" + BILANZ, line, lines[line - 1].index(needle) + 1)
    assert d.message == message and hint in d.hint, d.format()
