"""Content that is valid YAML but wrong for the model: every problem with its place and a hint, all in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hostile import at, diagnostics, edit, line_of, make_project, only

CHART = "charts/aktivitaeten.yaml"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_unknown_key_with_did_you_mean(content):
    edit(content, "report.yaml", "subtitle: Jahr", "subtitel: Jahr")
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "subtitel:"), 1)
    assert d.message == "report: unknown key 'subtitel'"
    assert d.hint.startswith("did you mean 'subtitle'?")


def test_unknown_key_without_near_match_lists_known_keys(content):
    edit(content, CHART, "height: 62", "rahmen: ja\nheight: 62")  # (a colour, farbe:, is told it is the theme's)
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "rahmen:"), 1)
    assert "unknown key 'rahmen'" in d.message
    assert d.hint.startswith("known: ") and "categories" in d.hint


def test_word_where_a_number_belongs(content):
    edit(content, CHART, "[5, 20, 6, 20]", "[5, zwanzig, 6, 20]")
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "zwanzig"), 17)
    assert d.message == "chart 'aktivitaeten': series[1]: values[2]: 'zwanzig' is not a number"
    assert d.hint == "write the number in digits, e.g. 20"


@pytest.mark.parametrize("written, hint", [
    ("1.000", "for the whole number write 1000 or quote it as '1.000'"),
    ('"1,000.5"', "this document writes decimals with ',' and groups thousands with '.': 1.000,5"),
    ("1e300", "YAML reads this as text"),
    ("true", "write a number, e.g. 20"),
    (".nan", "write the number in decimal digits"),
    ("0x1F", "write the number in decimal digits"),
])
def test_number_mistakes_get_specific_hints(content, written, hint):
    edit(content, "sections/01-zahlen.yaml", "  - value: 1000\n", f"  - value: {written}\n")
    d = only(diagnostics(content))
    at(d, "content/sections/01-zahlen.yaml", line_of(content, "sections/01-zahlen.yaml", f"value: {written}"), 12)
    assert hint in d.hint


def test_whole_number_required(content):
    edit(content, "report.yaml", "year: 2017", "year: 2017.5")
    d = only(diagnostics(content))
    assert d.message == "report: year: 2017.5 is not a year"


def test_missing_required_field(content):
    edit(content, "report.yaml", "year: 2017\n", "")
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "name:"), 1)
    assert d.message == "report: missing required key 'year'"
    assert d.hint.startswith("add 'year:' (The year under review: 2025, a financial year: 2025/26") \
        and d.hint.endswith("e.g. year: 2017")


def test_missing_value(content):
    edit(content, "report.yaml", "organisation: Thüringen International", "organisation:")
    d = only(diagnostics(content))
    assert d.message == "report: organisation: a value is missing"


def test_unknown_section_kind_lists_known_ones(content):
    edit(content, "sections/02-bilanz.yaml", "kind: text", "kind: txt")
    d = only(diagnostics(content))
    at(d, "content/sections/02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "kind: txt"), 7)
    assert d.message == "section: unknown kind 'txt'"
    assert d.hint == "known kinds: text, key_figures, foreword"


def test_unknown_chart_kind_lists_known_ones(content):
    edit(content, CHART, "\nkind: bar", "\nkind: torte")
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "kind: torte"), 7)
    assert d.message == "chart 'aktivitaeten': unknown kind 'torte'"
    assert d.hint == "did you mean 'pie'? (known kinds: bar, line, donut, pie, destinations)"  # a Torte is a pie
    edit(content, CHART, "\nkind: torte", "\nkind: grafico a torta")  # and so is an Italian torta
    assert only(diagnostics(content)).hint == "did you mean 'pie'? (known kinds: bar, line, donut, pie, destinations)"


@pytest.mark.parametrize(("word", "meant"), [
    ("kreis", "pie"), ("Kreisdiagramm", "pie"), ("Ring-Diagramm", "donut"), ("camembert", "pie"),
    ("Balken", "bar', with orientation: horizontal"), ("Säulendiagramm", "bar"), ("Liniendiagramm", "line"),
    ("Flächendiagramm", "line', with area: true"), ("donat", "donut"), ("lien", "line"),
    # Italian, Spanish, Portuguese, Swedish, Danish, Polish: as their Excel names the kinds
    ("torta", "pie"), ("grafico a torta", "pie"), ("ciambella", "donut"), ("istogramma", "bar"),
    ("Grafico a barre", "bar', with orientation: horizontal"), ("gráfico circular", "pie"), ("anillos", "donut"),
    ("columnas", "bar"), ("gráfico de barras", "bar', with orientation: horizontal"),
    ("área", "line', with area: true"), ("pizza", "pie"), ("rosca", "donut"), ("cirkeldiagram", "pie"),
    ("stapeldiagram", "bar"), ("søjlediagram", "bar"), ("wykres kołowy", "pie"),
    ("słupkowy", "bar', with orientation: horizontal")])
def test_an_unknown_chart_kind_in_the_authors_words_names_the_kind_meant(word, meant):
    """A German communications team writes the chart it sees: `kind: kreis` was „unknown kind“ with the
    list of kinds, none of which said that a Kreisdiagramm is a pie. So did an Italian one's `kind: torta`."""
    from report.model import meant_chart_kind
    assert meant_chart_kind(word) == meant
    assert meant_chart_kind("Landkarte der Welt") is None


def test_missing_kind(content):
    edit(content, CHART, "\nkind: bar", "")
    d = only(diagnostics(content))
    assert d.message == "chart 'aktivitaeten': missing required key 'kind'"
    assert "bar, line, donut, pie, destinations" in d.hint


def test_unknown_block_kind(content):
    edit(content, "sections/02-bilanz.yaml", "  - chart: aktivitaeten", "  - chrt: aktivitaeten")
    d = only(diagnostics(content))
    at(d, "content/sections/02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "chrt:"), 5)
    assert d.message == "section: unknown block kind 'chrt'"
    assert d.hint.startswith("did you mean 'chart'?") and "paragraph, quote, chart, image" in d.hint


def test_reference_to_a_missing_chart(content):
    edit(content, "sections/02-bilanz.yaml", "  - chart: aktivitaeten", "  - chart: aktivitäten")
    d = only(diagnostics(content))
    at(d, "content/sections/02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "chart: aktivitäten"))
    assert d.message == "chart 'aktivitäten' does not exist"
    assert d.hint.startswith("charts are files in charts/; did you mean 'aktivitaeten'?"), d.hint


def test_series_of_different_length(content):
    edit(content, CHART, "  - values: [5, 20, 6, 20]\n    qualifiers: [null, null, null, rund]",
         "  - values: [5, 20, 6]\n    qualifiers: [null, null, null]")
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "values: [5, 20, 6]"), 5)
    assert d.message == "series has 3 values but the chart has 4 categories"
    assert d.hint == ("give exactly one value per category: the 3 values reach to 'Gemeinschaftsstände auf "
                      "Fachmessen'; from 'Informationsveranstaltungen' on there is none (or one in between is "
                      "missing)"), d.hint


def test_negative_values_are_fine_but_absurd_ones_are_named_in_words(content):
    edit(content, CHART, "[5, 20, 6, 20]", "[5, -20, 6, 10000000000000]")
    d = only(diagnostics(content))
    assert d.message == "value 10000000000000 is too large for a bar chart"
    assert "between minus one trillion and one trillion" in d.hint
    at(d, "content/" + CHART, line_of(content, CHART, "values:"), 25)


def test_key_figure_out_of_range(content):
    """A negative key figure is fine ('−12 % CO₂'); one too wide for a tile is not, either sign."""
    edit(content, "sections/01-zahlen.yaml", "  - value: 1000\n", "  - value: -5000000000000\n")
    edit(content, "sections/01-zahlen.yaml", "  - value: 200\n", "  - value: 5000000000000\n")
    diags = diagnostics(content)
    assert [d.message for d in diags] == ["key figure value -5000000000000 is too large for a tile",
                                          "key figure value 5000000000000 is too large for a tile"]
    line = line_of(content, "sections/01-zahlen.yaml", "value: 5000000000000")
    at(diags[1], "content/sections/01-zahlen.yaml", line, 12)


def test_year_and_chart_height_out_of_range(content):
    edit(content, "report.yaml", "year: 2017", "year: 17")
    edit(content, CHART, "height: 62", "height: 5000")
    messages = {d.message for d in diagnostics(content)}
    assert messages == {"year 17 is out of range", "chart height 5000.0 mm is out of range"}


def test_empty_and_overlong_lists(content):
    edit(content, CHART, "series:\n  - values: [5, 20, 6, 20]\n    qualifiers: [null, null, null, rund]",
         "series: []")
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "series: []"), 9)
    assert d.message == "chart 'aktivitaeten': series: 0 items given, but 1 to 6 are needed"


def test_text_too_long_for_its_place(content):
    edit(content, "report.yaml", "organisation: Thüringen International", "organisation: " + "Thüringen " * 10)
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "organisation:"), 15)
    assert d.message == "report: organisation is 99 characters long; at most 50 fit"
    assert "shorten it" in d.hint


def test_wrong_container_types(content):
    edit(content, "report.yaml", "  lines:\n", "  lines: Im Auftrag\n  unused:\n")
    diags = diagnostics(content)
    assert any(d.message == "report: contact: lines: expected a list, got 'Im Auftrag'" for d in diags)


def test_contact_email_and_web_are_checked(content):
    edit(content, "report.yaml", "  lines:", "  email: 'a](javascript:x)[b'\n  web: ftp://example.org\n  lines:")
    diags = diagnostics(content)
    assert [d.message for d in diags] == ["email 'a](javascript:x)[b' is not an e-mail address",
                                          "web 'ftp://example.org' is not a web address"]
    at(diags[0], "content/report.yaml", line_of(content, "report.yaml", "email:"), 10)


def test_independent_errors_are_reported_together(content):
    """Four problems in four files: one run names them all, in file order."""
    edit(content, "report.yaml", "subtitle: Jahr", "subtitel: Jahr")
    edit(content, "sections/01-zahlen.yaml", "  - value: 1000\n", "  - value: tausend\n")
    edit(content, "sections/02-bilanz.yaml", "kind: text", "kind: txt")
    edit(content, CHART, "[5, 20, 6, 20]", "[5, zwanzig, 6, 20]")
    edit(content, "charts/ziele.yaml", "\nkind: destinations", "\nkind: map")
    diags = diagnostics(content)
    where = [(Path(d.pos.file).name, d.pos.line) for d in diags]
    assert where == [
        ("report.yaml", line_of(content, "report.yaml", "subtitel")),
        ("01-zahlen.yaml", line_of(content, "sections/01-zahlen.yaml", "tausend")),
        ("02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "kind: txt")),
        ("aktivitaeten.yaml", line_of(content, CHART, "zwanzig")),
        ("ziele.yaml", line_of(content, "charts/ziele.yaml", "kind: map")),
    ]
    assert all(d.hint for d in diags)


def test_several_errors_in_one_block(content):
    edit(content, "report.yaml", "year: 2017\n", "year: zweitausendsiebzehn\n")
    edit(content, "report.yaml", "title: Ein gutes", "titel: Ein gutes")
    found = diagnostics(content)
    # the misspelt key is one mistake: not 'titel' unknown and 'title' missing as well
    assert [d.message for d in found] == ["report: unknown key 'titel'",
                                          "report: year: 'zweitausendsiebzehn' is not a year"]
    assert found[0].hint.startswith("did you mean 'title'?")


@pytest.mark.parametrize(("written", "error"), [
    ("2025/26", None), ("2025-26", None), ("2025/2026", None), ("FY2026", None), ("FY26", None),
    ("Fiscal 2026", None),
    ("2025/27", "report: year: '2025/27' is not a financial year: 27 does not follow 2025"),
    ("'20 25'", "report: year: '20 25' is not a year"), ("FY1850", "report: year: 'FY1850' is not a year")])
def test_a_financial_year_is_a_year(content, written, error):
    """A UK charity's Impact Report 2025/26: 'year: 2025/26' was 'not a number', hint 'e.g. 20'; a US
    company's FY2026 was 'not a year'."""
    edit(content, "report.yaml", "year: 2017\n", f"year: {written}\n")
    if error is None:
        from report.content import load_document
        assert str(load_document(content).report.year) == written
    else:
        (d,) = diagnostics(content)
        assert d.message == error and "2025/26" in d.hint


def test_an_american_spelling_of_a_key_is_one_error_that_names_the_british_one(content):
    """organization: and colors: are the keys' other spelling: one error each (not also a missing
    'organisation'), whose hint names the key to write."""
    edit(content, "report.yaml", "organisation:", "organization:")
    (content / "theme.yaml").write_text("colors:\n  accent: {cmyk: [0, 60, 100, 0], rgb: '#ee7700'}\n",
                                        encoding="utf-8")
    from report.errors import ReportError
    from report.theme import load_theme
    with pytest.raises(ReportError) as exc:
        load_theme(content, content.parent / "assets")
    assert [(d.message, d.hint) for d in [*diagnostics(content), *exc.value.diagnostics]] == [
        ("report: unknown key 'organization'", "the keys are spelled the British way: write 'organisation:'"),
        ("theme: unknown key 'colors'", "the keys are spelled the British way: write 'colours:'")]


def test_theme_numbers_out_of_range(content):
    from report.errors import ReportError
    from report.theme import load_theme
    (content / "theme.yaml").write_text("sizes:\n  body: 1000\npage:\n  margin_inner: 500\n  tile_gap: -3\n"
                                        "charts:\n  palette: []\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(content, content.parent / "assets")
    diags = exc.value.diagnostics
    assert [(d.pos.line, d.pos.col, d.message) for d in diags] == [
        (2, 9, "theme: sizes: body = 1000 is out of range"),
        (4, 17, "theme: page: margin_inner = 500 mm is out of range"),
        (5, 13, "theme: page: tile_gap = -3 mm is out of range"),
        (7, 12, "theme: charts: palette: 0 items given, but 1 to 8 are needed"),
    ]
    assert all(str(d.pos.file).endswith("content/theme.yaml") for d in diags)
    assert diags[0].hint == "use a value from 6 to 72"
    assert diags[1].hint == "use 10 to 60 mm (0.4 to 2.36 in)"


def test_theme_lengths_take_a_unit(project):
    """A US designer writes margins in inches: 0.75in is 19.05 mm; a bare number is millimetres, and a
    hint says so where inches were likely meant; a unit the theme does not know is named."""
    from report.errors import ReportError
    from report.theme import load_theme
    (project / "theme.yaml").write_text("page:\n  margin_inner: 0.75in\n  margin_outer: 19 mm\n  margin_top: 2.5cm\n"
                                        "  margin_bottom: 72pt\n", encoding="utf-8")
    theme, _ = load_theme(project, project.parent / "assets")
    page = theme.page
    assert (page.margin_inner, page.margin_outer, page.margin_top, page.margin_bottom) == \
        pytest.approx((19.05, 19, 25, 25.4))
    (project / "theme.yaml").write_text("page:\n  margin_outer: 0.5\n  margin_inner: 0.2in\n  tile_gap: 2 ft\n"
                                        "  text_offset: '20'\nsizes:\n  body: 0.15in\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(project, project.parent / "assets")
    assert sorted((d.pos.line, d.message, d.hint) for d in exc.value.diagnostics) == [
        (2, "theme: page: margin_outer = 0.5 mm is out of range",
         "use 10 to 60 mm (0.4 to 2.36 in); a number alone is millimetres: for inches write 0.5in"),
        (3, "theme: page: margin_inner = '0.2in' (5.08 mm) is out of range", "use 10 to 60 mm (0.4 to 2.36 in)"),
        (4, "theme: page: tile_gap: '2 ft' is not a length",
         "write millimetres as a number, e.g. 20, or the length with its unit: 0.75in, 19mm, 1.9cm, 54pt"),
        (5, "theme: page: text_offset: '20' is text, not a length",
         "write numbers without quotes, e.g. 20 (millimetres), or with a unit: 20mm"),
        (7, "theme: sizes: body: '0.15in' is not a number", "write the number alone, without in: 0.15"),
    ]


def test_a_decimal_comma_in_a_flow_mapping_is_said_to_split_the_number(content):
    """`{value: 1.234,5, unit: GWh}` gave two errors, "unknown key '5'" and "1.234 reads as 1,234", neither
    saying that the comma of { } split the number (a list's hint says so); now one, at the number."""
    edit(content, "sections/01-zahlen.yaml", "figures:\n", "figures:\n  - {value: 1.234,5, unit: GWh, label: Strom}\n")
    d = only(diagnostics(content))
    at(d, "content/sections/01-zahlen.yaml", line_of(content, "sections/01-zahlen.yaml", "1.234,5"), 13)
    assert d.message.endswith("value: the comma split '1.234,5' in two: the number 1.234 and a key '5'"), d.message
    assert "in { } a comma separates keys" in d.hint and "value: '1.234,5'" in d.hint


def test_imprint_that_would_not_fit_the_back_page(content):
    """The back page sets the imprint as one block at the foot; 90 lines once raised reportlab's LayoutError."""
    edit(content, "report.yaml", "  lines:\n", "  lines:\n" + "".join(f"    - Zeile {i}\n" for i in range(90)))
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "  lines:") + 1, 5)
    assert d.message == "report: contact: lines: 92 items given, but 0 to 12 are needed"
    assert "split it" in d.hint


def _crowd(content, n, height, orientation):
    labels = "".join(f"  - Kategorie {i} mit einem recht langen Namen für das Diagramm\n" for i in range(n))
    text = (content / CHART).read_text(encoding="utf-8")
    start = text.index("categories:\n") + len("categories:\n")
    text = text[:start] + labels + "series:\n  - values: [" + ", ".join(["1"] * n) + "]\n"
    text = text.replace("height: 62", f"height: {height}").replace("orientation: horizontal",
                                                                  f"orientation: {orientation}")
    (content / CHART).write_text(text, encoding="utf-8")


def test_bar_labels_that_would_overlap(project):
    """Found by the charts stage (the labels' room depends on the width the chart is set at: here the
    A4 frame's), before anything is drawn."""
    from report.build import build
    from report.errors import ReportError
    _crowd(project, 12, 62, "horizontal")
    with pytest.raises(ReportError) as err:
        build(project, project.parent / "out", ["screen"])
    d = only(err.value.diagnostics)
    at(d, "content/" + CHART, line_of(project, CHART, "height:"), 9)
    assert d.message == "the labels of 12 bars do not fit a chart 62 mm high"
    assert d.hint.startswith("make it at least 145 mm high")


def test_vertical_bar_labels_that_would_overlap(content):
    _crowd(content, 8, 70, "vertical")
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "- Kategorie 0 "), 3)
    assert d.message == "the labels of 8 vertical bars would overlap"
    assert "orientation: horizontal" in d.hint


def test_destinations_that_would_overlap(content):
    edit(content, "charts/ziele.yaml", "height: 80", "height: 30")
    d = only(diagnostics(content))
    at(d, "content/charts/ziele.yaml", line_of(content, "charts/ziele.yaml", "height: 30"), 9)
    assert "do not fit a chart 30 mm high" in d.message and "at least" in d.hint


def test_values_written_as_name_and_value_pairs_get_a_hint_with_categories(content):
    """A writer who lists a chart's values as {name, value} pairs learns where the names go."""
    edit(content, CHART, "  - values: [5, 20, 6, 20]", "  - values: [{name: A, value: 5}, 20, 6, 20]")
    d = only(diagnostics(content))
    assert d.message == "chart 'aktivitaeten': series[1]: values[1]: a block of keys is not a number"
    assert "the names go in categories:" in d.hint


@pytest.mark.parametrize(("english", "example"), [
    (False, 'e.g. source: "Quelle: Thüringen International"'), (True, 'e.g. source: "Source: annual accounts 2025"')])
def test_a_missing_key_s_example_is_in_the_document_s_language(tmp_path, english, example):
    """The hint for a missing key shows an example; an English document gets an English one (the
    examples were the German sample's throughout), quoted where YAML would read its colon as a key's."""
    import shutil

    from .conftest import ROOT
    if english:
        shutil.copytree(ROOT / "examples" / "en" / "content", tmp_path / "en" / "content")
        shutil.copytree(ROOT / "assets", tmp_path / "en" / "assets")
        content, chart = tmp_path / "en" / "content", "charts/activities.yaml"
    else:
        content, chart = make_project(tmp_path), CHART
    text = (content / chart).read_text(encoding="utf-8")
    (content / chart).write_text("\n".join(line for line in text.splitlines() if not line.startswith("source:")),
                                 encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message.endswith("missing required key 'source'") and d.hint.endswith(example), d.hint


def test_a_list_item_with_a_colon_is_told_to_be_quoted(content):
    """`- 42 % … (2024: 35 %)` is a key and its value to YAML: it gave 'unknown key' and 'missing
    required key text' (e.g. text: Kalifornien). One message says why, and how to write it."""
    item = "Frauenanteil in Führung 42 % (2024: 35 %)"
    edit(content, "sections/04-aussenwirtschaftstag.yaml", "blocks:\n", f"blocks:\n  - list:\n      - {item}\n")
    d = only(diagnostics(content))
    at(d, "content/sections/04-aussenwirtschaftstag.yaml",
       line_of(content, "sections/04-aussenwirtschaftstag.yaml", item), 9)
    assert d.message == f"section: list: items[1]: '{item}' reads as a key and its value, because of the ': ' in it"
    assert d.hint == f'quote the text: "{item}"'


def test_a_number_written_with_its_unit_is_told_to_drop_it(content):
    """height: 62 mm (or width: 45%) is text to YAML: the hint said 'write numbers without quotes',
    to someone who wrote none."""
    edit(content, CHART, "height: 62", "height: 62 mm")
    d = only(diagnostics(content))
    at(d, "content/" + CHART, line_of(content, CHART, "height: 62 mm"), 9)
    assert d.message.endswith("'62 mm' is not a number")
    assert d.hint == "write the number alone, without mm: 62"


def test_a_blocks_key_indented_like_the_block_is_named(content):
    """`items:` written under `- list:` at the block's indent: 'each block is one key naming its kind' at
    the list's line, which never named `items`."""
    section = next(p for p in sorted((content / "sections").glob("*.yaml")) if "blocks:" in p.read_text("utf-8"))
    section.write_text(section.read_text(encoding="utf-8").replace(
        "blocks:\n", "blocks:\n  - list:\n      style: bullet\n    items:\n      - Erstens\n", 1), encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message == "section: 'items' stands beside 'list:' as a second key of the block, not inside it"
    assert d.hint == "indent 'items' under 'list:', like 'style'"
    assert (d.pos.line, d.pos.col) == (line_of(content, f"sections/{section.name}", "    items:"), 5)
    # two of them (a Swiss user's image: 'width', 'caption', 'alt', 'credit' "stands"): in the plural
    section.write_text(section.read_text(encoding="utf-8").replace("    items:\n", "    columns: 2\n    items:\n", 1),
                       encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message == ("section: 'columns', 'items' stand beside 'list:' as further keys of the block, "
                         "not inside it")


def test_a_blocks_keys_all_indented_like_the_block_are_named(content):
    """A US user followed the hint for `style:` and indented every key of `- list:` like the block: the
    next run said only 'each block is one key naming its kind'."""
    section = next(p for p in sorted((content / "sections").glob("*.yaml")) if "blocks:" in p.read_text("utf-8"))
    section.write_text(section.read_text(encoding="utf-8").replace(
        "blocks:\n", "blocks:\n  - list:\n    columns: 2\n    items: [Eins, Zwei]\n", 1), encoding="utf-8")
    d = only(diagnostics(content))
    assert d.message == "section: 'list:' is empty, and 'columns', 'items' stand beside it as keys of the block"
    assert d.hint == ("indent 'columns', 'items' further than 'list:' (column 5), e.g. to column 7, so that they "
                      "belong to it")
    assert (d.pos.line, d.pos.col) == (line_of(content, f"sections/{section.name}", "    columns:"), 5)


def test_a_leading_under_its_size_or_in_percent_is_refused_with_points(project):
    """A designer's leading: 9 under body: 10.5 set the lines into each other without a word; 130% got the
    hint "write the number alone: 130" (130 pt lines). Both are refused at the theme.yaml line that
    made them so, the hint in points; a body larger than the default leading is reported at body."""
    from report.errors import ReportError
    from report.theme import load_theme

    def refused(text: str) -> list[tuple[int, str, str]]:
        (project / "theme.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ReportError) as exc:
            load_theme(project, project.parent / "assets")
        assert all(str(d.pos.file).endswith("content/theme.yaml") for d in exc.value.diagnostics)
        return [(d.pos.line, d.message, d.hint) for d in exc.value.diagnostics]

    assert refused("sizes:\n  body: 10.5\n  leading: 9\n  quote: 20\n  quote_leading: 18\n") == [
        (3, "leading 9 pt is less than the body size 10.5 pt: the lines of text would overlap",
         "leading is the distance from baseline to baseline in points, about 1.2 to 1.5 × the size: "
         "e.g. leading: 14.7 for body: 10.5"),
        (5, "quote_leading 18 pt is less than the quote size 20 pt: the lines of text would overlap",
         "quote_leading is the distance from baseline to baseline in points, about 1.2 to 1.5 × the size: "
         "e.g. quote_leading: 28.0 for quote: 20")]
    assert [line for line, *_ in refused("sizes:\n  body: 16\n")] == [2]  # the default leading is 14.5
    assert refused("sizes:\n  body: 10.5\n  leading: 130%\n") == [
        (3, "leading: '130%' is a percentage; the theme's leading is in points",
         "write it in points: leading: 13.7 (130 % of body: 10.5)")]
    (project / "theme.yaml").write_text("sizes:\n  body: 12\n  leading: 12\n", encoding="utf-8")
    assert load_theme(project, project.parent / "assets")[0].sizes.leading == 12  # set solid: allowed


def test_a_colour_in_a_brand_guides_notation_gets_the_themes(project):
    """A brand guide writes 00594F, RGB 0/89/79 or #0F0, and 'Pantone 382 C' or 'HEX': the hints said only
    'e.g. rgb: "#0b4a74"' and listed the known keys; now they give the colour as the theme writes it."""
    from report.errors import ReportError
    from report.theme import load_theme
    (project / "theme.yaml").write_text(
        "colours:\n  primary: {cmyk: [100, 20, 70, 45], rgb: \"00594F\"}\n"
        "  accent: {cmyk: [29, 0, 100, 0], rgb: \"RGB(196, 214, 0)\"}\n"
        "  secondary: {cmyk: [80, 10, 0, 0], rgb: \"#0f0\"}\n"
        "  sky: {cmyk: [40, 0, 8, 0], rgb: \"#90ddf0\", pantone: 2975 C}\n"
        "  steel: {cmyk: [65, 35, 5, 5], hex: \"#598bba\"}\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(project, project.parent / "assets")
    hints = {d.pos.line: d.hint for d in exc.value.diagnostics}
    assert hints[2] == 'write it as hex with its #, in quotes: rgb: "#00594f"'
    assert hints[3] == 'write it as hex with its #, in quotes: rgb: "#c4d600"'
    assert hints[4] == 'write it as hex with its #, in quotes: rgb: "#00ff00"'
    assert hints[5] == "a spot colour is written spot: with the ink's full name, e.g. spot: PANTONE 382 C"
    assert hints[6] == 'the screen colour is written rgb: as hex in quotes, e.g. rgb: "#0b4a74"'


def test_cmyk_written_as_a_brand_guide_prints_it_gets_the_list(project):
    """cmyk: C29 M0 Y100 K0 got "expected a list", hint "write each item on its own line starting with '- '"."""
    from report.errors import ReportError
    from report.theme import load_theme
    (project / "theme.yaml").write_text("colours:\n  accent: {cmyk: C29 M0 Y100 K0, rgb: \"#c4d600\"}\n"
                                        "  primary: {cmyk: 100/20/70/45, rgb: \"#00594f\"}\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(project, project.parent / "assets")
    assert sorted((d.pos.line, d.message, d.hint) for d in exc.value.diagnostics) == [
        (2, "colour accent: cmyk 'C29 M0 Y100 K0' is text; cmyk is a list of four percentages",
         "write cmyk: [29, 0, 100, 0]"),
        (3, "colour primary: cmyk '100/20/70/45' is text; cmyk is a list of four percentages",
         "write cmyk: [100, 20, 70, 45]")]
