"""Cross-references with page numbers, `[S. {page}](#finanzen)`: built into real PDFs and read back —
every reference prints the page its target is on in both editions (which paginate apart: the print
edition's binding adds pages), the screen edition links it there; a target that moves takes its
number with it; a wrong id is an error at the reference's place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest

from report import markup
from report.build import build
from report.layout import refs as layout_refs
from report.layout.text import rl_markup
from report.locale import get_locale

from .conftest import SAMPLE_CONTENT, without_page_gaps
from .hostile import at, diagnostics, line_of
from .test_text_blocks import REPORT, make_project

FILLER = "Ein Satz, der den Text füllt und die Seite weiter nach unten schiebt. " * 12
# (reference's words before the number, target's id, where the target stands: text only it has there)
REFERENCES = [
    ("Alpha liest auf S.", "finanzen", "Zulu Finanzen"),  # a section, by its file name without number
    ("Bravo liest auf S.", "ausblick", "Yankee Ausblick"),  # a sub-heading's id
    ("Charlie liest auf S.", "tabelle", "Xray Tabelle"),  # a table's id
    ("Delta liest auf Seite", "aktivitaeten", "Das Jahr in Aktivitäten"),  # a chart, by its name
    ("Echo liest auf S.", "bild", "Whiskey Bild"),  # an image's id (its caption under it)
    ("Golf liest auf S.", "rasterbild", "Uniform Rasterbild"),  # a grid's image, by its id
    ("Hotel liest auf S.", "karte", "Tango Karte"),  # a grid's card, by its id
    ("Foxtrot liest auf S.", "01-auftakt", "Victor Auftakt"),  # back: a section by its whole file name
]


def sections(filler: int = 3) -> dict[str, Any]:
    refs = [{"paragraph": f"{words.rsplit(' ', 1)[0]} [**{words.rsplit(' ', 1)[1]}** {{page}}](#{target})."}
            for words, target, _ in REFERENCES if target != "01-auftakt"]
    return {
        "01-auftakt": {"kind": "text", "title": "Victor Auftakt", "blocks": [
            *refs, *[{"paragraph": FILLER} for _ in range(filler)]]},
        "02-mitte": {"kind": "text", "title": "Mitte", "page": "new", "blocks": [
            {"paragraph": FILLER}, {"heading": {"text": "Yankee Ausblick", "id": "ausblick"}}, {"paragraph": FILLER},
            {"image": {"image": "images/bild.jpg", "caption": "Whiskey Bild.", "alt": "Ein Bild", "id": "bild"}},
            {"paragraph": FILLER}, {"chart": "aktivitaeten"}, {"paragraph": FILLER}]},
        "07-finanzen": {"kind": "text", "title": "Zulu Finanzen", "page": "new", "blocks": [
            {"paragraph": "Foxtrot liest auf [S. {page}](#01-auftakt) zurück."},
            {"table": {"id": "tabelle", "title": "Xray Tabelle", "alt": "Zahlen.",
                       "columns": [{"name": "A"}, {"name": "B", "type": "number"}], "rows": [["x", 1], ["y", 2]]}}]},
        "08-raster": {"kind": "text", "title": "Raster", "page": "new", "blocks": [
            {"paragraph": FILLER}, {"paragraph": FILLER}, {"paragraph": FILLER},
            {"grid": {"items": [
                {"image": "images/bild.jpg", "alt": "Ein Rasterbild", "caption": "Uniform Rasterbild.",
                 "id": "rasterbild"},
                {"image": "images/bild.jpg", "alt": "Ein Kartenbild", "title": "Tango Karte", "text": "Kartentext.",
                 "id": "karte"}]}}]},
    }


def project(root: Path, filler: int = 3, files: dict[str, Any] | None = None) -> Path:
    content = make_project(root, REPORT | {"binding": "saddle"}, files or sections(filler))
    (content / "charts").mkdir()
    shutil.copy(SAMPLE_CONTENT / "charts" / "aktivitaeten.yaml", content / "charts")
    return content


def page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [" ".join(p.get_textpage().get_text_range().split()) for p in doc]
    finally:
        doc.close()


def printed(texts: list[str], words: str) -> tuple[int, int]:
    """(the page the reference stands on, the number it prints), 1-based."""
    for no, text in enumerate(texts, start=1):
        if m := re.search(re.escape(words) + r"\s([\d\u2007]+)", text):
            return no, int(m.group(1).replace("\u2007", ""))
    raise AssertionError(f"{words!r} is printed nowhere")


def landed(texts: list[str], where: str) -> int:
    """The page a target stands on (after the contents page, which lists the sections too)."""
    pages = [no for no, text in enumerate(texts, start=1) if no > 2 and where in text]
    assert len(pages) == 1, (where, pages)
    return pages[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("refs")
    result = build(project(root), root / "out")
    assert [w for w in without_page_gaps(result.warnings) if "ppi" not in w.message] == []
    return {o.edition: o.path for o in result.outputs}


@pytest.mark.parametrize("edition", ["screen", "print"])
def test_every_reference_prints_the_page_its_target_is_on(built, edition):
    texts = page_texts(built[edition])
    seen = set()
    for words, _target, where in REFERENCES:
        _, number = printed(texts, words)
        assert number == landed(texts, where), (edition, words)
        seen.add(number)
    assert len(seen) >= 3  # the targets stand on different pages, before and after their references


def test_the_screen_edition_links_each_reference_to_its_targets_page(built):
    """One link over a reference's words and number (bold or not), to the page its number says."""
    texts = page_texts(built["screen"])
    on_page: dict[int, list[tuple[int, int, int]]] = {}  # page → (where its text stands, number, target's page)
    for words, _target, where in REFERENCES:
        on, number = printed(texts, words)
        on_page.setdefault(on, []).append((texts[on - 1].index(words), number, landed(texts, where)))
    with pikepdf.open(built["screen"]) as pdf:
        index = {p.objgen: no for no, p in enumerate(pdf.pages, start=1)}
        for on, refs in on_page.items():
            links = sorted((a for a in pdf.pages[on - 1].get("/Annots", []) if "/Dest" in a),
                           key=lambda a: (-float(a.Rect[3]), float(a.Rect[0])))  # in reading order
            assert [index[a.Dest[0].objgen] for a in links] == [n for _, n, _ in sorted(refs)]
            assert all(number == target for _, number, target in refs)
        tagged = [e for e in _elements(pdf.Root.StructTreeRoot.K)
                  if e.S == "/Link" and e.P.S == "/P" and "/Dest" in e.K[0].Obj]
        assert len(tagged) == len(REFERENCES)  # each a Link element in its paragraph, as other links are
    with pikepdf.open(built["print"]) as pdf:  # on paper: text, no link
        assert all("/Annots" not in p for p in pdf.pages)


def _elements(elem: Any) -> list[Any]:
    out = [elem]
    kids = elem.get("/K", [])
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            out += _elements(kid)
    return out


def test_a_target_that_moves_takes_its_number_with_it(tmp_path):
    """Text added before the target moves it pages on: the next build prints its new page, not the
    one the previous build kept in the cache (the number its first pass prints)."""
    content = project(tmp_path)
    out = tmp_path / "out"
    before = page_texts(build(content, out, ["screen"]).outputs[0].path)
    words, _, where = REFERENCES[0]
    assert printed(before, words)[1] == landed(before, where)
    mitte = content / "sections" / "02-mitte.yaml"
    added = f"- paragraph: {FILLER}\n" * 6
    mitte.write_text(mitte.read_text(encoding="utf-8").replace("blocks:\n", "blocks:\n" + added), encoding="utf-8")
    after = page_texts(build(content, out, ["screen"]).outputs[0].path)
    assert landed(after, where) > landed(before, where)
    for words, _target, where in REFERENCES:
        assert printed(after, words)[1] == landed(after, where), words


def test_a_reference_to_a_chart_named_as_a_section_names_the_sections_whole_file_name(tmp_path):
    """A chart named after its chapter (charts/aktivitaeten.yaml, sections/04-aktivitaeten.yaml): the
    hint gives the section's other name, as the author can write it."""
    content = project(tmp_path, files=sections() | {"04-aktivitaeten": {
        "kind": "text", "title": "Aktivitäten", "blocks": [{"paragraph": "Siehe [S. {page}](#aktivitaeten)."}]}})
    d = next(d for d in diagnostics(content) if "#aktivitaeten" in d.message)
    assert d.message.startswith("cross-reference to '#aktivitaeten': 2 places are named so"), d.message
    assert d.hint.startswith("write #04-aktivitaeten for the section 'Aktivitäten'"), d.hint


@pytest.mark.parametrize(("text", "needle", "message", "hint"), [
    ("Siehe [S. {page}](#finanzn).", "#finanzn", "cross-reference to '#finanzn': no section, heading, chart, table "
     "or image is named so", "did you mean 'finanzen'?"),
    ("Siehe [S. {page}](#rasterbld).", "#rasterbld", "cross-reference to '#rasterbld': no section, heading, chart, "
     "table or image is named so", "did you mean 'rasterbild'?"),  # a grid item's id
    ("Siehe [S. {seite}](#finanzen).", "{seite}", "cross-reference to '#finanzen': {seite} is not a placeholder",
     "write {page} where the page number goes"),
])
def test_a_wrong_reference_is_an_error_at_its_place(tmp_path, text, needle, message, hint):
    content = project(tmp_path, files=sections() | {"03-mehr": {
        "kind": "text", "title": "Mehr", "blocks": [{"paragraph": "Ein Absatz davor, ganz ohne Verweis."},
                                                    {"paragraph": text}]}})
    (d,) = diagnostics(content)
    source = (content / "sections" / "03-mehr.yaml").read_text(encoding="utf-8")
    line = line_of(content, "sections/03-mehr.yaml", needle)
    at(d, "sections/03-mehr.yaml", line, source.splitlines()[line - 1].index(needle) + 1)
    assert d.message == message and d.hint.startswith(hint)


@pytest.mark.parametrize(("block", "kind"), [
    ({"heading": {"text": "Noch ein Ausblick", "id": "ausblick"}}, "heading"),
    ({"grid": {"items": [{"image": "images/bild.jpg", "alt": "Ein Bild", "id": "ausblick"}]}}, "image"),  # a grid's
    ({"grid": {"items": [{"image": "images/bild.jpg", "alt": "Bild", "title": "Karte", "id": "ausblick"}]}}, "card"),
])
def test_an_id_given_twice_is_an_error_at_the_second(tmp_path, block, kind):
    files = sections()
    files["07-finanzen"]["blocks"].insert(1, block)
    content = project(tmp_path, files=files)
    (d,) = diagnostics(content)
    at(d, "sections/07-finanzen.yaml", line_of(content, "sections/07-finanzen.yaml", "id: ausblick"))
    assert d.message.startswith("id 'ausblick' is given twice: the heading 'Yankee Ausblick' (")
    assert f"choose another one for this {kind}" in d.hint


def test_a_section_that_cannot_be_read_does_not_make_references_to_it_unknown(tmp_path):
    """UK charity 14: a typo in one section file also printed 'cross-reference to #stories: no section …
    is named so' at a correct reference elsewhere; only the section's own error is said."""
    files = sections()
    files["07-finanzen"]["titel"] = files["07-finanzen"].pop("title")
    content = project(tmp_path, files=files)
    (d,) = diagnostics(content)
    assert d.message.startswith("section: unknown key 'titel'") and d.pos.file.name == "07-finanzen.yaml", d


def test_literal_hash_and_braces_stay_text():
    """Only a bracketed text before (#id) is a reference: a # or { anywhere else prints as typed."""
    text = "Preis {netto} für Los #3 [siehe hier](https://example.org/#teil) (#4)"
    assert markup.plain(text) == "Preis {netto} für Los #3 siehe hier (#4)"
    assert all(s.ref is None for s in markup.parse(text))
    de = get_locale("de-DE")
    assert rl_markup("Preis {netto} #3", de) == "Preis {netto} #3"


class _Refs:
    links = True

    def number(self, target: str) -> str:
        return "14"

    def link(self, piece: str, target: str) -> str:
        return f'<a href="#ref-{target}">{piece}</a>'


def test_the_number_is_bound_to_its_word_and_linked_where_the_edition_links():
    de = get_locale("de-DE")
    assert rl_markup("mehr auf [S. {page}](#f).", de, refs=_Refs()) == 'mehr auf <a href="#ref-f">S.\u00a014</a>.'
    paper = _Refs()
    paper.links = False
    assert rl_markup("(siehe [*Finanzen*, S. {page}](#f))", de, refs=paper) == "(siehe <i>Finanzen</i>, S.\u00a014)"


def test_numbers_that_go_back_and_forth_are_set_as_wide_as_the_widest():
    """A 9 whose text moves its target to page 10, whose text moves it back: the third pass sets both
    two digits wide (a figure space before the 9), so the text no longer moves."""
    class Refs:
        targets = {"x": type("T", (), {"id": "x", "node": object()})()}
        uses: list = []

    refs = layout_refs.PageRefs(Refs())
    story: list[Any] = [refs]
    refs.follow(story, lambda: [refs])
    key = refs.key["x"]
    refs.numbers[key] = 9
    for found, printed_next in [(10, "10"), (9, "\u20079"), (9, None)]:
        refs.beforeBuild()
        refs.found[key] = found
        refs.afterBuild()
        if printed_next is None:
            assert refs.isSatisfied()
        else:
            assert not refs.isSatisfied() and refs.number("x") == printed_next
