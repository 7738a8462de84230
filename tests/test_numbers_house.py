"""A house style's numbers (report.yaml's `numbers:`): a Swiss utility writes 1’234,5 where de-CH
prints 1’234.5, a German one 1000 but 10.000 (DIN 5008). Everything that prints a number follows
it — key figures, tables, chart axes and labels, the teaser — a section in another language keeps
its own, and a changed notation draws the charts again rather than taking them from the cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from report.build import build
from report.content import load_document
from report.locale import get_locale
from report.model import Numbers
from report.model.numbers import NumberError, parse_number

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .hostile import diagnostics, line_of, make_project

NNBSP = "\u202f"
SWISS = 'language: de-CH\nnumbers:\n  decimal: ","\n  thousands: "’"'
DIN = "language: de-DE\nnumbers:\n  group_four_digits: false"

# the house style's marks, and (one cell) the language's own: Swiss Excel's 1’200.5 reads too
SWISS_CSV = ('Position,2024,2025\nNettoerlös Strom,"98’412,0","103’877,5"\nEnergiebeschaffung,"(71’330,0)",'
             '"(74’905,0)"\nÜbriges,1’200.5,"2’000,0"\nTotal,"28’282,5","30’972,5"\n')
TABLE = ("kind: text\ntitle: Finanzen\nblocks:\n  - table:\n      title: Erfolgsrechnung\n      alt: Erfolgsrechnung\n"
         "      data: data/er.csv\n      columns:\n        - name: Position\n"
         "        - {name: '2024', type: currency, unit: TCHF, check_total: true}\n"
         "        - {name: '2025', type: currency, unit: TCHF, check_total: true}\n"
         "        - {name: Veränderung, type: number, change: ['2024', '2025'], change_of: values}\n"
         "      row_kinds: {Total: total}\n  - chart: absatz\n")
CHART = ("kind: bar\norientation: vertical\ntitle: Absatz\ncaption: Absatz je Jahr.\nsource: 'Quelle: Test'\n"
         "alt: Absatz 2021 bis 2025\nunit: MWh\nheight: 60\ncategories: ['2021', '2022', '2023', '2024', '2025']\n"
         "series:\n  - values: [8500.5, 9200.25, 10400, 11800.75, 12345.5]\n")


def _project(root: Path, notation: str, csv: str, co2: str) -> Path:
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    content = root / "content"
    report = content / "report.yaml"
    report.write_text(re.sub(r"(?m)^language: .*$", notation, report.read_text(encoding="utf-8")), encoding="utf-8")
    for chart in (content / "charts").glob("*.yaml"):
        chart.unlink()
    (content / "charts" / "absatz.yaml").write_text(CHART, encoding="utf-8")
    (content / "data").mkdir()
    (content / "data" / "er.csv").write_text(csv, encoding="utf-8")
    set_sections(content, {
        "sections/kz.yaml": "kind: key_figures\ntitle: Kennzahlen\nfigures:\n"
                            "  - {value: 1250000, unit: MWh, label: Stromabsatz}\n"
                            f"  - {{value: '{co2}', unit: t, label: CO₂, previous: 6100, change: absolute}}\n"
                            "  - {value: 4200, label: Kundinnen und Kunden}\n",
        "sections/fin.yaml": TABLE,
        "sections/en.yaml": "kind: key_figures\nlanguage: en-GB\ntitle: In English\nfigures:\n"
                            "  - {value: 48250, label: people reached}\n"})
    return content


def _text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def _built(root: Path, content: Path) -> str:
    result = build(content, root / "out", ["screen"])
    assert not result.warnings, [w.format() for w in result.warnings]
    return _text(result.outputs[0].path)


@pytest.fixture(scope="module")
def swiss(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("house-swiss")
    content = _project(root, SWISS, SWISS_CSV, "7’102,5")
    return content, _built(root, content)


def test_a_swiss_house_style_prints_decimal_commas_everywhere(swiss, tmp_path):
    content, text = swiss
    assert "1’250’000" in text and "7’102,5" in text and "+1’002,5" in text and "4’200" in text  # key figures
    assert re.search(r"98’412,0\s+103’877,5\s+\+5’465,5", text), text  # a table row and its computed change
    assert re.search(r"\(71’330,0\)\s+\(74’905,0\)\s+−3’575,0", text) and "1’200,5" in text
    assert re.search(r"28’282,5\s+30’972,5\s+\+2’690,0", text)  # the checked total
    assert "10’000" in text and "12’345,5" in text  # the chart's axis tick and a bar's label
    assert "48,250" in text  # the section in English keeps English numbers
    assert "7’102.5" not in text and "12’345.5" not in text
    from report.newsletter import make_kit
    make_kit(load_document(content), next((content.parent / "out").glob("*-screen.pdf")), tmp_path)
    assert "7’102,5" in (tmp_path / "newsletter" / "teaser.txt").read_text(encoding="utf-8")


def test_other_languages_house_prints_the_house_style_in_a_section_in_another_language(tmp_path):
    """A Geneva NGO prints 1’234.50 in its English, French and German sections alike: with
    `other_languages: house` the English section takes the house's marks (without it: 48,250, above)."""
    content = _project(tmp_path, SWISS + "\n  other_languages: house", SWISS_CSV, "7’102,5")
    (content / "sections" / "chart-en.yaml").write_text(
        "kind: text\nlanguage: en-GB\ntitle: A chart in English\nblocks:\n  - chart: absatz\n", encoding="utf-8")
    report = content / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("  - sections/en.yaml\n",
                                                                 "  - sections/en.yaml\n  - sections/chart-en.yaml\n"),
                      encoding="utf-8")
    text = _built(tmp_path, content)
    assert "48’250" in text and "48,250" not in text and "1’250’000" in text
    assert text.count("12’345,5") >= 2 and "12,345.5" not in text  # the chart in English too


def test_a_changed_notation_draws_the_charts_again(swiss, tmp_path):
    """The chart cache's key holds the notation: the Swiss build's drawings (same chart, theme, fonts and
    language) are not taken for a report whose numbers: now groups with a space."""
    content, _ = swiss
    shutil.copytree(content.parent, tmp_path / "p", ignore=shutil.ignore_patterns("out"))
    report = tmp_path / "p" / "content" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace('thousands: "’"', 'thousands: " "'), encoding="utf-8")
    text = _built(tmp_path / "p", tmp_path / "p" / "content")  # the data in ’ still reads: de-CH's own mark
    assert f"1{NNBSP}250{NNBSP}000" in text  # the key figure
    assert "10’000" not in text and "12’345,5" not in text  # not the cached chart
    assert re.search(r"10[ \u202f]000", text) and re.search(r"12[ \u202f]345,5", text), text


def test_four_digit_numbers_stand_alone_but_line_up_in_columns_and_on_axes(tmp_path):
    csv = SWISS_CSV.replace("’", ".").replace("1.200.5", '"1.200,5"')
    text = _built(tmp_path, _project(tmp_path, DIN, csv, "7.102,5"))
    assert "4200" in text and "7102,5" in text and "+1002,5" in text  # key figures: four digits alone
    # a column with a five-digit number groups its four-digit ones (1.200,5); one without does not
    assert re.search(r"98\.412,0\s+103\.877,5\s+\+5465,5", text) and "1.200,5" in text, text
    assert re.search(r"28\.282,5\s+30\.972,5\s+\+2690,0", text)
    assert re.search(r"\b5\.000\b", text) and "10.000" in text  # the axis: 5.000 beside 10.000
    assert "8500,5" in text and "10.400" in text  # bar labels stand alone


@pytest.mark.parametrize("language, notation, cases", [
    ("de-CH", {"decimal": ","}, {"1’234,5": "1’234,5", "1'234.5": "1’234,5", "1.234": "1,234"}),  # both points
    ("de-DE", {"thousands": NNBSP}, {"1 234,5": f"1{NNBSP}234,5", "1.234,5": f"1{NNBSP}234,5", "1’234": None}),
    ("en-GB", {"thousands": ".", "decimal": ","}, {"1.234,5": "1.234,5", "1,234": "1,234", "1,234.5": None}),
])
def test_text_numbers_read_in_the_house_style_and_the_language_s_own_marks(language, notation, cases):
    """The language's own marks read as well where they cannot be taken for the house style's other mark
    (data written before the house style stays right); where the house swaps them, only its own read."""
    locale = get_locale(language, Numbers(**notation))
    for written, printed in cases.items():
        if printed is None:
            with pytest.raises(NumberError):
                parse_number(written, locale)
        else:
            assert parse_number(written, locale).format(locale) == printed, written


def _errors(content: Path, numbers: str) -> list[str]:
    """The errors of loading the content with `numbers` (its keys, indented) under report.yaml's language."""
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"(?m)^language: .*\n(numbers:\n(  .*\n)*)?", f"language: de-DE\nnumbers:\n{numbers}",
                             text), encoding="utf-8")
    try:
        found = diagnostics(content)
    except AssertionError:
        return []
    first = line_of(content, "report.yaml", "numbers:") + 1  # the block's first key: {0}, the next {1}
    return [d.format().replace(f"{content.parent}/", "").replace(f"report.yaml:{first}:", "report.yaml:{0}:")
            .replace(f"report.yaml:{first + 1}:", "report.yaml:{1}:") for d in found]


def test_a_wrong_numbers_block_is_reported_at_its_place_and_alone(tmp_path):
    """Only report.yaml's errors: read in de-DE's notation, the section's '1,234.5' would be one more."""
    content = make_project(tmp_path)
    set_sections(content, {"sections/kz.yaml": "kind: key_figures\ntitle: K\nfigures:\n"
                                               "  - {value: '1,234.5', label: in the house style}\n"})
    assert _errors(content, '  decimals: "."\n  thousand: ","\n') == [
        "content/report.yaml:{0}:3: error: report: numbers: unknown key 'decimals'\n"
        "  hint: did you mean 'decimal'? (known: decimal, thousands, group_four_digits, negatives, currency_sign, "
        "other_languages)",
        "content/report.yaml:{1}:3: error: report: numbers: unknown key 'thousand'\n"
        "  hint: did you mean 'thousands'? (known: decimal, thousands, group_four_digits, negatives, currency_sign, "
        "other_languages)"]
    assert _errors(content, '  decimal: ";"\n  thousands: apostrophe\n') == [
        "content/report.yaml:{0}:12: error: report: numbers: decimal: ';' is not a decimal separator\n"
        '  hint: write "," (1234,5) or "." (1234.5), in quotes',
        "content/report.yaml:{1}:14: error: report: numbers: thousands: 'apostrophe' is not a thousands separator\n"
        '  hint: write the mark itself, in quotes: thousands: "’"']
    assert _errors(content, '  thousands: ","\n') == [
        'content/report.yaml:{0}:14: error: report: numbers: thousands "," is the decimal separator of de-DE: '
        "1,234 would read both ways\n"
        '  hint: set decimal: "." as well (1,234.5), or group with "’" or " " (a space)']
    assert _errors(content, '  decimal: "."\n  thousands:\n') == [
        "content/report.yaml:{1}:13: error: report: numbers: thousands: a value is missing\n"
        "  hint: write the mark in quotes, e.g. thousands: \"’\", or \"\" for none; leave the key out for the "
        "language's"]
    assert _errors(content, "  decimal: ,\n") == [
        "content/report.yaml:{0}:12: error: invalid YAML: the value of 'decimal' begins with ',', which YAML reads as "
        'punctuation\n  hint: put it in quotes: decimal: ","']
    assert _errors(content, '  decimal: "."\n  thousands: ","\n') == []  # right: '1,234.5' reads
