"""A section in another language than the report (`language: en-GB` on a German report's English
summary): its quotes, hyphenation, numbers and labels follow it, and the tagged edition says so."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from . import pdf_chars
from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .hostile import at, diagnostics, edit, line_of, make_project, only
from .test_tagging import _actual_texts, _walk

WORDS = " shared understanding" * 12  # de_DE breaks under-stan-ding, en_GB under-stand-ing
SECTIONS = {
    "sections/de.yaml": "kind: text\ntitle: Das \"Jahr\" im Rückblick\nblocks:\n"
                        "  - paragraph: Sie sagte \"Danke\" für das Verständnis.\n",
    "sections/en.yaml": "kind: text\nlanguage: en-GB\ntitle: Summary in \"English\"\nblocks:\n"
                        "  - paragraph: She said \"thank you\" for the support.\n" + "".join(
                            f"  - paragraph: {'m' * k}{WORDS}\n" for k in range(2, 14)),
    "sections/figures.yaml": "kind: key_figures\nlanguage: en-GB\ntitle: Figures\nfigures:\n"
                             "  - {value: 48250, label: people reached}\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from report.build import build
    root = tmp_path_factory.mktemp("section-language")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    set_sections(root / "content", SECTIONS)
    result = build(root / "content", root / "out")
    assert not result.warnings, result.warnings
    return {o.edition: o.path for o in result.outputs}


def _lines(pdf: Path) -> list[tuple[int, str]]:
    rows: dict[tuple[int, float], list] = {}
    for c in pdf_chars.chars(pdf):
        rows.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    return [(page, "".join(c.text for c in sorted(row, key=lambda c: c.box[0])).replace("\ufffe", "-"))
            for (page, _), row in rows.items()]  # \ufffe: pdfium's mark for a hyphen the line breaker added


def test_an_english_section_has_english_quotes_contents_line_and_numbers(built):
    lines = [text for _, text in _lines(built["print"])]
    assert any("„Danke“" in line for line in lines), lines  # the report's German
    assert any("„Jahr“" in line for line in lines)
    assert any("“thankyou”" in line for line in lines), lines  # spaces are not characters here
    assert not any("„thank" in line or "„English" in line for line in lines)
    assert sum("Summaryin“English”" in line for line in lines) == 2, lines  # its heading and its contents line
    assert any("48,250" in line for line in lines) and not any("48.250" in line for line in lines)


def test_an_english_section_is_hyphenated_in_english(built):
    broken = [text for _, text in _lines(built["print"]) if "understand" in text and text.endswith("-")]
    assert any(line.endswith(("understand-", "under-")) for line in broken), broken
    assert not any(line.endswith("understan-") for line in broken), broken


def sect_languages(pdf: pikepdf.Pdf) -> Callable[[str], str | None]:
    """The tagged edition's sections by their words: the `/Lang` of the Sect whose text (and alt texts)
    hold a needle, None where it inherits the document's."""
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    elems, texts = _walk(pdf.Root.StructTreeRoot.K, pages, []), _actual_texts(pdf)
    sects: list[tuple[pikepdf.Dictionary, str]] = []  # each Sect with the words of everything in it
    for role, elem, _page, mcids, depth in elems:
        if depth == 1 and role == "Sect":
            sects.append((elem, ""))
        elif depth > 1:
            words = [texts.get(m, "") for m in mcids] + [str(elem.get("/Alt", ""))]
            sects[-1] = (sects[-1][0], sects[-1][1] + " ".join(words))

    def lang_of(needle: str) -> str | None:
        sect = next(e for e, words in sects if needle in words)
        return str(sect.Lang) if "/Lang" in sect else None
    return lang_of


def test_the_tagged_edition_says_the_section_s_language(built):
    with pikepdf.open(built["screen"]) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        elems = _walk(pdf.Root.StructTreeRoot.K, pages, [])
        assert elems[0][0] == "Document" and str(elems[0][1].Lang) == "de-DE"
        assert str(pdf.Root.Lang) == "de-DE"
        lang_of = sect_languages(pdf)
        assert lang_of("She said “thank you”") == "en-GB"
        assert lang_of("48,250 people reached") == "en-GB"  # a key-figures section too (a tile's alt text)
        assert lang_of("Sie sagte „Danke“") is None  # the document's language, inherited


def _words(elem: pikepdf.Dictionary, pages: dict, texts: dict) -> str:
    """What a structure element holds: its marked content's words and its links' descriptions."""
    kids = elem.get("/K", [])
    out = []
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            out.append(texts.get((pages.get(elem.Pg.objgen), kid), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            out.append(str(kid.Obj.get("/Contents", "")))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            out.append(texts.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            out.append(_words(kid, pages, texts))
    return " ".join(out)


def test_the_contents_line_of_a_section_in_another_language_says_its_language(built):
    """A screen reader read the English section's contents line with the German voice: the TOCI had
    no /Lang, though the Sect had."""
    with pikepdf.open(built["screen"]) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        texts = _actual_texts(pdf)
        lines = {_words(e, pages, texts): (str(e.Lang) if "/Lang" in e else None)
                 for role, e, *_ in _walk(pdf.Root.StructTreeRoot.K, pages, []) if role == "TOCI"}
        assert [lang for words, lang in lines.items() if "English" in words] == ["en-GB"], lines
        assert [lang for words, lang in lines.items() if "Figures" in words] == ["en-GB"], lines
        assert [lang for words, lang in lines.items() if "Das" in words] == [None], lines  # the document's


def test_a_section_language_is_checked_like_the_report_s(tmp_path: Path) -> None:
    content = make_project(tmp_path)
    rel = "sections/" + sorted(p.name for p in (content / "sections").glob("*.yaml"))[-1]
    edit(content, rel, "kind: text", "kind: text\nlanguage: english")
    d = only(diagnostics(content))
    at(d, "content/" + rel, line_of(content, rel, "language:"), 11)
    assert d.message == "language 'english' is not supported"
    assert d.hint == "write en-GB: the language's code, a hyphen and the region (or en-US)"


def test_a_region_that_does_not_exist_is_an_error_with_the_one_meant(tmp_path: Path) -> None:
    content = make_project(tmp_path)
    rel = "sections/" + sorted(p.name for p in (content / "sections").glob("*.yaml"))[-1]
    edit(content, rel, "kind: text", "kind: text\nlanguage: fr-SW")  # SW: no country (Switzerland is CH)
    d = only(diagnostics(content))
    at(d, "content/" + rel, line_of(content, rel, "language:"), 11)
    assert d.message == "language 'fr-SW': there is no region 'SW'"
    assert d.hint == "did you mean fr-CH? (or fr-FR, fr-BE)"


def test_a_de_ch_section_reads_its_semicolon_csv_as_swiss_excel_writes_it(tmp_path: Path) -> None:
    """(A de-DE report: its own `;` files are German; a de-CH section's are Swiss.)"""
    from report.content import load_document
    content = make_project(tmp_path)
    (content / "data").mkdir()
    (content / "data" / "bilanz.csv").write_text("Position;2026\nFlüssige Mittel;2'845'120.50\n", encoding="utf-8")
    rel = "sections/04-aussenwirtschaftstag.yaml"
    edit(content, rel, "kind: text", "kind: text\nlanguage: de-CH")
    edit(content, rel, "  - chart: reichweite", "  - chart: reichweite\n  - table: {title: Bilanz, alt: Bilanz, "
         "data: data/bilanz.csv, columns: [{name: Position}, {name: '2026', type: number}]}")
    # and a chart that only de-CH sections place reads its `;` file so too
    (content / "data" / "flow.csv").write_text("Monat;Abfluss\nMai;1'250.5\nJuni;980.25\n", encoding="utf-8")
    chart = content / "charts" / "reichweite.yaml"
    chart.write_text(chart.read_text(encoding="utf-8").split("categories:")[0] + "data: data/flow.csv\n",
                     encoding="utf-8")
    doc = load_document(content)
    table = doc.sections[-1].blocks[-1]
    assert float(table.table[0].cells[1].value) == 2845120.50
    assert [float(v) for v in doc.charts["reichweite"].series[0].values] == [1250.5, 980.25]
