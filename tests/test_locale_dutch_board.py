"""A Dutch water board's annual report (nl-NL), as its first user wrote it: amounts as Dutch Excel exports
them, the euro sign before the number (one error per column, not one per cell with a hint about key
figures); negatives with the minus after them, as AFAS, Exact and SAP export them (not read: an error
whose hint writes them so, never "give the column unit: €-"); „n.v.t.“ in a table (refused, while the
tool prints it itself); `language: nl_NL` or `Nederlands` (the hint now names nl-NL); a Dutch report
left at init's `language: de-DE` (silent); and the screen edition's link descriptions, which said
"Link" in English."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from report.errors import Diagnostics
from report.load import parse_yaml
from report.locale import get_locale
from report.model import ReadContext, Reader, Table

from .hostile import at, diagnostics, edit, line_of, make_project, only
from .language_build import build_in
from .language_build import text as pdf_text
from .test_numbers_brackets import _cell_alts

DUTCH = ("Het waterschap zorgt voor droge voeten en schoon water. In 2026 is er veel gedaan aan de dijken, "
         "want de zeespiegel stijgt en de buien worden heviger. Dat vraagt om een sterk en betaalbaar "
         "waterschap, dat samenwerkt met gemeenten, provincies en boeren. Wij hebben de dijk bij Zoutkamp "
         "versterkt en een nieuw gemaal gebouwd. Ook is de waterkwaliteit van onze sloten verder verbeterd. "
         "Meer hierover staat op https://www.lagevenen.nl/klimaat.[^1]")
SECTIONS = {
    "sections/financien.yaml": (
        "kind: text\ntitle: Financiën\nblocks:\n"
        f"  - paragraph: \"{DUTCH}\"\n"
        "  - paragraph: De zetels van het bestuur staan op [pagina {page}](#bestuur).\n"
        "  - table:\n      title: Zetels en stemmen\n      alt: Zetels en stemmen per partij.\n"
        "      columns:\n        - name: Partij\n        - {name: Zetels, type: number, check_total: true}\n"
        "        - {name: '2022', type: number, check_total: true}\n"
        "        - {name: '2026', type: number, check_total: true}\n"
        "        - {name: Verschil, type: percent, change: ['2022', '2026'], decimals: 1}\n"
        "      rows:\n        - [BBB, 6, 1200, 1500]\n        - [Natuurterreinen, 1, n.v.t., 300]\n"
        "        - [Bedrijven, 2, N.v.t., n. v. t.]\n"
        "        - {kind: total, cells: [Totaal, 9, 1200, 1800]}\n"
        "footnotes:\n  - Artikel 26 van de Waterschapswet.\n"),
    "sections/bestuur.yaml": ("kind: text\ntitle: Het algemeen bestuur\nblocks:\n"
                              "  - paragraph: Het algemeen bestuur telt 27 zetels.\n"),
}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The screen edition of a Dutch report with a table of n.v.t. cells, a cross-reference, an
    address and a footnote (build_in: the build has no warning)."""
    return build_in(tmp_path_factory.mktemp("board"), "nl-NL", SECTIONS, ["screen"])["screen"]


def _table(yaml: str, tmp_path: Path, csv: str | None = None, language: str = "nl-NL") -> tuple[Table, Diagnostics]:
    if csv is not None:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data" / "begroting.csv").write_text(csv, encoding="cp1252")  # as Dutch Excel saves "CSV"
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path,
                      numbers=get_locale(language), language=language)
    diag = Diagnostics()
    return Reader(diag, ctx).read(parse_yaml(yaml), None, Table, "table"), diag


BEGROTING = ("Programma;Begroting 2026;Verschil\r\nVeiligheid;€ 31.400.000;€ -1.780.500\r\n"
             "Zuivering;€ 34.600.000;-€ 1.340.100\r\nBestuur;€ 6.150.000;(€ 161.600)\r\n")


@pytest.mark.parametrize("unit", ["", "unit: EUR"])
def test_a_currency_before_the_number_is_one_error_per_column(tmp_path, unit):
    columns = (f"[{{name: Programma}}, {{name: Begroting 2026, type: currency, {unit}}}, "
               "{name: Verschil, type: currency}]")
    _, diag = _table(f"title: T\nalt: A\ndata: data/begroting.csv\ncolumns: {columns}\n", tmp_path, BEGROTING)
    assert [(d.message, d.hint, d.pos.line) for d in diag.errors] == [
        (f"table 'T': column '{name}': '{cell}' is a number with the unit '€' (and 2 more cells of this column)",
         "give the column unit: € (its cells may then keep it, and it prints under the heading), or write the "
         "numbers alone; where it is the unit of a row, name it: row_units: {Veiligheid: '€'}", 2)
        for name, cell in (("Begroting 2026", "€ 31.400.000"), ("Verschil", "€ -1.780.500"))]


def test_a_currency_before_the_number_is_read_under_the_column_s_unit(tmp_path):
    table, diag = _table("title: T\nalt: A\ndata: data/begroting.csv\ncolumns: [{name: Programma}, "
                         "{name: Begroting 2026, type: currency, unit: €}, {name: Verschil, type: currency, "
                         "unit: €}]\n", tmp_path, BEGROTING + "Water;CHF 12;EUR 12\r\n")
    assert [(r.cells[1].value.value, r.cells[2].value.value) for r in table.table[:3]] == [
        (31400000, -1780500), (34600000, -1340100), (6150000, -161600)]
    assert [d.message for d in diag.errors] == [  # another currency: said once for each column
        f"table 'T': column '{name}': '{cell}' is a number with the unit '{unit}'"
        for name, cell, unit in (("Begroting 2026", "CHF 12", "CHF"), ("Verschil", "EUR 12", "EUR"))]


def test_a_minus_after_the_number_is_not_read_and_the_hint_writes_it_before(tmp_path):
    csv = "Programma;Verschil\r\nZuivering;€ 1.340.100-\r\nBestuur;161.600-\r\n"
    for unit in ("unit: €", ""):
        _, diag = _table(f"title: T\nalt: A\ndata: data/begroting.csv\ncolumns: [{{name: Programma}}, "
                         f"{{name: Verschil, type: currency, {unit}}}]\n", tmp_path, csv)
        assert [(d.message, d.hint) for d in diag.errors] == [
            (f"table 'T': column 'Verschil': '{cell}' is not a number",
             f"a minus after the number is not read: write -{n} or ({n}) for a negative amount, {n},– for one "
             "without cents") for cell, n in (("€ 1.340.100-", "1.340.100"), ("161.600-", "161.600"))], unit


def test_the_language_s_not_applicable_mark_is_no_value_and_a_word_is_told_of_it(tmp_path):
    rows = "rows:\n  - [a, n.v.t.]\n  - [b, 'N. v. t.']\n  - [c, n/a]\n"
    table, diag = _table(f"title: T\nalt: A\ncolumns: [{{name: A}}, {{name: B, type: number}}]\n{rows}", tmp_path)
    assert [r.cells[1].value for r in table.table] == ["n.v.t.", "N. v. t.", None]
    assert [(d.message, d.hint) for d in diag.errors] == [  # English's n/a is a word in a Dutch table
        ("table 'T': column 'B': 'n/a' is not a number", "write the number in digits, e.g. 20; for no value write "
         "– (prints a dash), n.v.t. (not applicable, prints as written) or leave the cell empty (prints nothing)")]
    for language, mark in (("en-GB", "N/A"), ("de-DE", "n.a."), ("fr-FR", "s. o.")):
        table, diag = _table(f"title: T\nalt: A\ncolumns: [{{name: A}}, {{name: B, type: number}}]\n"
                             f"rows:\n  - [a, {mark}]\n", tmp_path, language=language)
        assert not diag.errors and table.table[0].cells[1].value == mark, (language, diag.errors)


def test_n_v_t_prints_as_written_and_no_total_counts_it(board):
    text = " ".join(pdf_text(board).split())
    # the totals' check found no difference (build_in: no warning); a change from n.v.t. is n.v.t.
    assert "Natuurterreinen 1 n.v.t. 300 n.v.t." in text and "Bedrijven 2 N.v.t. n. v. t." in text.replace(
        "\u00a0", " "), text
    assert "Totaal 9 1.200 1.800 +50,0" in text, text
    alts = _cell_alts(board)  # the tool's mark is said in words, written or computed: 'n punt v punt t punt'
    assert (alts["n.v.t."], alts["N.v.t."], alts["n.\u00a0v.\u00a0t."], alts["300"]) == (
        "niet van toepassing",) * 3 + (None,)


def test_links_say_where_they_lead_in_dutch(board):
    with pikepdf.open(board) as pdf:
        said = [str(a.Contents) for p in pdf.pages for a in p.obj.get("/Annots", []) if a.Subtype == "/Link"]
    assert "Website: https://www.lagevenen.nl/klimaat" in said, said
    assert any(re.fullmatch(r"Het algemeen bestuur, pagina \d+", s) for s in said), said  # the cross-reference
    assert any(re.fullmatch(r"Voetnoot 1, pagina \d+", s) for s in said), said  # the note mark
    # and back from the footnote's number: not the paragraph's first words as if it were a heading (a11y audit)
    assert any(re.fullmatch(r"terug naar de tekst, pagina \d+", s) for s in said), said
    assert "E-mail: info@example.org" in said, said  # the closing page
    assert not [s for s in said if s.startswith("Link")], said


@pytest.mark.parametrize(("written", "meant"), [("nl_NL", "nl-NL"), ("Nederlands", "nl-NL"), ("Deutsch", "de-DE"),
                                                ("Français", "fr-FR"), ("english", "en-GB"), ("de_ch", "de-CH")])
def test_a_language_written_otherwise_is_told_its_tag(tmp_path, written, meant):
    content = make_project(tmp_path)
    edit(content, "report.yaml", "language: de-DE", f"language: {written}")
    diag = only(diagnostics(content))
    at(diag, "report.yaml", line_of(content, "report.yaml", "language:"), 11)
    assert diag.hint.startswith(f"write {meant}: the language's code, a hyphen and the region"), diag.hint


def test_a_report_whose_text_reads_as_another_language_is_warned_at_its_language(tmp_path):
    from report.content import load_document

    from .conftest import set_sections
    content = make_project(tmp_path)
    # German with English names and a quoted English phrase: German
    edit(content, "sections/03-highlights.yaml", "blocks:\n", "blocks:\n  - paragraph: Mit The Body Shop und "
         "Friends of the Earth haben wir „The best of both worlds“ gezeigt; The Nature Conservancy war dabei.\n")
    assert not [w for w in load_document(content).warnings if "read as" in w.message]
    dutch = DUTCH.removesuffix("[^1]")
    set_sections(content, {"sections/a.yaml": f"kind: text\ntitle: Water\nblocks:\n  - paragraph: \"{dutch}\"\n"
                                                f"  - paragraph: \"{dutch}\"\n"})  # Dutch under init's de-DE
    warned = [w for w in load_document(content).warnings if "read as" in w.message]
    assert len(warned) == 1 and warned[0].message.startswith("language de-DE: the sections read as Dutch ("), warned
    at(warned[0], "report.yaml", line_of(content, "report.yaml", "language:"), 11)
    assert warned[0].hint.startswith("set language: nl-NL"), warned[0].hint
