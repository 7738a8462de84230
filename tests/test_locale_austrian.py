"""An Austrian utility's Geschäftsbericht (de-AT): a key figure's `prefix: "€"` printed „€186,4 Mio.“ (German
sets a currency sign apart from the amount after it: „€ 186,4 Mio.“), a change of a rate per thousand
said „−0,7 ‰“ where a share's says „%-Pkt.“. Built into a PDF and a newsletter kit and read back."""

from __future__ import annotations

import shutil

import pypdfium2 as pdfium
import pytest

from report.cli import main

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def austrian(tmp_path_factory) -> tuple[str, str]:
    """(the screen edition's text, teaser.txt) of a de-AT report with key figures and a table."""
    root = tmp_path_factory.mktemp("at")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    project = root / "content"
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: de-AT"),
                      encoding="utf-8")
    set_sections(project, {"sections/kz.yaml": (
        "kind: key_figures\ntitle: Kennzahlen\nfigures:\n"
        "  - {value: 186.4, prefix: \"€\", unit: Mio., previous: 171.9, change: absolute,"
        " label: Umsatzerlöse, teaser: true}\n"
        "  - {value: 8.4, unit: \"‰\", previous: 9.1, change: absolute, better: lower, label: Unfallquote,"
        " teaser: true}\n"), "sections/t.yaml": (
        "kind: text\ntitle: Sicherheit\nblocks:\n  - table:\n      title: Unfallquote\n      alt: Unfallquote\n"
        "      columns:\n        - name: Sparte\n        - {name: '2025', type: number, unit: ‰}\n"
        "        - {name: '2026', type: number, unit: ‰}\n"
        "        - {name: Veränderung, type: number, change: ['2025', '2026']}\n"
        "      rows:\n        - [Netz, 9.1, 8.4]\n")})
    out = root / "out"
    assert main(["newsletter", str(project), "-o", str(out)]) == 0
    pdf = pdfium.PdfDocument(str(next(out.glob("*screen.pdf"))))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return text, (out / "newsletter" / "teaser.txt").read_text(encoding="utf-8")


def test_a_german_currency_sign_before_the_amount_takes_a_no_break_space(austrian):
    text, teaser = austrian
    assert f"€{NBSP}186,4{NBSP}Mio." in teaser and "€186" not in teaser, teaser
    assert "€ 186,4" in text.replace(NBSP, " ") and "€186" not in text
    assert "+€ 14,5 Mio. ggü. Vorjahr" in text.replace(NBSP, " ")  # the change line leads with it too


def test_a_change_of_a_rate_per_thousand_is_in_per_mille_points(austrian):
    text, teaser = austrian
    assert f"(−0,7{NBSP}‰-Pkt." in teaser, teaser
    assert "−0,7 ‰-Pkt. ggü. Vorjahr" in text.replace(NBSP, " ")
    assert "Veränderung ‰-Pkt.\r\nNetz 9,1 8,4 −0,7" in text.replace(NBSP, " ")  # a table's change column too


def test_austrian_months_count_on_in_chart_labels():
    """Monthly bars labelled Jänner, Feber … were not known as months: every label was kept, none thinned."""
    from report.labels import counting
    assert counting(["Jänner", "Feber", "März", "April"]) and counting(["Jän. 2026", "Feber 2026"])
