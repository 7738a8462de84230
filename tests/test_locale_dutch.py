"""Dutch (nl-NL, nl-BE): a Walloon foundation's «Samenvatting» in Dutch in its fr-BE report was refused
("supported: de, en, fr"), and without a language the Dutch text was set as French (« … », a space
before ? and ;, French hyphenation) and tagged fr-BE. Now a section or a report in Dutch is set as
Dutch prints it: “…” with ‘…’ inside, 1.234,5, 12,5%, € 12,4 mln, Dutch labels and OpenTaal's
hyphenation (never at a trema, which Dutch drops where a word breaks). Built into PDFs and read back."""

from __future__ import annotations

import re
from datetime import datetime

import pikepdf
import pytest

from report.locale import get_locale

from .language_build import build_in
from .language_build import lines as pdf_lines
from .language_build import text as pdf_text
from .test_section_language import sect_languages

NNBSP, NBSP = "\u202f", "\u00a0"
# justified text whose line ends fall at every place of the words (the m… before each shifts them):
# Dutch breaks samen-wer-kings-ver-band (French samenwer-king-sver-band), coör-di-na-tie and
# geïn-ves-teerd (never co-ördinatie, ge-ïnvesteerd: the trema would have to go)
WORDS = " het samenwerkingsverband, de coördinatie en geïnvesteerde" * 6
SAMENVATTING = ("kind: text\nlanguage: nl-BE\ntitle: Samenvatting\nblocks:\n"
                "  - paragraph: >-\n      In 2026 zijn 3.400 vrijwilligers ingezet; het \"natuurgebied\" werd op"
                " 21 september ingehuldigd door dhr. Peeters. Wilt u ons steunen? Giften vanaf € 40 per jaar.\n"
                + "".join(f"  - paragraph: {'m' * k}{WORDS}\n" for k in range(1, 8)) +
                "  - table:\n      title: Inkomsten\n      alt: Inkomsten per jaar\n"
                "      columns:\n        - name: Jaar\n        - {name: Bedrag, type: number, unit: €}\n"
                "      rows:\n        - ['2016', 1234.5]\n        - ['2017', 48250]\n")
FIGURES = ("kind: key_figures\nlanguage: nl-BE\ntitle: Kerncijfers\nfigures:\n"
           "  - {value: 48250, label: bereikte mensen, previous: 46300}\n"
           "  - {value: 12.4, unit: € mln, label: inkomsten}\n"
           "  - {value: 12.5, unit: '%', label: groei}\n"
           "  - {value: -1234.5, unit: €, label: resultaat}\n")


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A fr-BE review with a French chapter and a Dutch summary and key figures (nl-BE)."""
    return build_in(tmp_path_factory.mktemp("nl-be"), "fr-BE", {
        "sections/fr.yaml": "kind: text\ntitle: L'année\nblocks:\n  - paragraph: Il a dit \"merci\" ! 12,5%.\n",
        "sections/nl.yaml": SAMENVATTING, "sections/kz.yaml": FIGURES})


def test_dutch_quotes_numbers_dates_and_bindings():
    nl, be = get_locale("nl-NL"), get_locale("nl-BE")
    for loc in (nl, be):  # Flemish writes as the Netherlands (CLDR nl-BE), but dates 25/11/2026
        assert loc.typographic('Hij zei "het is \'anders\'" en \'s avonds \'t Hooft, auto\'s.') == \
            f"Hij zei “het is ‘anders’” en ’s{NBSP}avonds ’t{NBSP}Hooft, auto’s."  # ’s, ’t: bound to their word
        assert loc.typographic("'s Avonds zei hij 'kom'.") == f"’s{NBSP}Avonds zei hij ‘kom’."  # 's: an elision
        assert loc.typographic("met 's lands grootste, 'k heb 'n dag in 's-Hertogenbosch") == \
            f"met ’s{NBSP}lands grootste, ’k{NBSP}heb ’n{NBSP}dag in ’s-Hertogenbosch"
        assert loc.typographic("op 1 januari om 10.30 uur: € 12,4 mln, dhr. Jansen; Wilt u? Ja!") == \
            f"op 1{NBSP}januari om 10.30{NBSP}uur: €{NBSP}12,4{NBSP}mln, dhr.{NBSP}Jansen; Wilt u? Ja!"
        assert (loc.number(1234.5), loc.number(48250), loc.label("contents")) == ("1.234,5", "48.250", "Inhoud")
    moment = datetime(2026, 11, 25, 8, 35)
    assert (nl.when(moment), be.when(moment)) == ("25-11-2026 08:35 UTC", "25/11/2026 08:35 UTC")
    from report.charts.numbers import with_unit  # a chart's and a table's labels, which no typographic() sees
    assert [with_unit("12,5", u, be) for u in ("%", "€", "€ mln", "mln")] == \
        ["12,5%", f"€{NBSP}12,5", f"€{NBSP}12,5{NBSP}mln", f"12,5{NBSP}mln"]
    assert with_unit("−12,5", "€", nl) == f"€{NBSP}−12,5"  # the Taalunie's € -12 (English: −£12.5)
    from report.layout import hyphenate
    assert hyphenate.break_points("coördinatie", "nl_NL") == [4, 6, 8]  # pyphen: co-ör-di-na-tie
    assert hyphenate.break_points("ideeën", "nl_NL") == []  # pyphen: idee-ën


def test_a_dutch_section_in_a_french_report_is_set_in_dutch(bilingual):
    text = pdf_text(bilingual["print"]).replace(NBSP, " ")
    assert "ingezet; het “natuurgebied” werd op 21 september ingehuldigd door dhr. Peeters. Wilt u ons " \
           "steunen? Giften vanaf € 40 per jaar." in re.sub(r"\s*\n", " ", text), text  # no French spaces
    assert re.search(r"2016\s+1\.234,5\s+2017\s+48\.250", text), text  # its table: Dutch numbers
    assert "48.250" in text and "+4,2% t.o.v. vorig jaar" in text and "12,5%" in text  # key figures
    assert re.search(r"€\s*12,4\s*mln", text) and "€ −1.234,5" in text, text
    assert f"Il a dit «{NNBSP}merci{NNBSP}»{NNBSP}! 12,5{NNBSP}%." in text  # the report's French as before
    lines = pdf_lines(bilingual["print"])
    assert sum(line.startswith(("Samenvatting", "Kerncijfers")) for line in lines) == 4, lines  # headings, contents


def test_a_dutch_section_is_hyphenated_in_dutch(bilingual):
    lines = pdf_lines(bilingual["print"])
    ends = [line for line in lines if line.endswith("-")]
    assert any(line.endswith(("samenwerkings-", "samenwerkingsver-")) for line in ends), ends  # Dutch
    assert not any(line.endswith(("samenwerking-", "werkingsver-", "ingsver-")) for line in ends), ends  # French
    assert not [line for line in lines if line.startswith(("ördinatie", "ïnvesteerde"))]  # never at a trema


def test_the_screen_edition_says_nl_be_for_the_dutch_sections(bilingual):
    with pikepdf.open(bilingual["screen"]) as pdf:
        assert str(pdf.Root.Lang) == "fr-BE"
        lang_of = sect_languages(pdf)
        assert lang_of("het “natuurgebied” werd") == "nl-BE"
        assert lang_of("bereikte mensen") == "nl-BE"
        assert lang_of("Il a dit") is None  # the document's language


def test_a_dutch_report_prints_dutch_labels(tmp_path):
    pdf = build_in(tmp_path, "nl-NL", {"sections/a.yaml": "kind: text\ntitle: Balans\nblocks:\n"
                                     "  - paragraph: Een \"goede\" balans.\n", "sections/kz.yaml": FIGURES.replace(
                                         "language: nl-BE\n", "")}, ["print"])["print"]
    text = pdf_text(pdf).replace(NBSP, " ")
    for label in ("INHOUD", "Contact en colofon", "Notities", "Deze pagina is bewust leeg gelaten.",
                  "BEELDVERANTWOORDING", "Omslag – Bildquelle", "+4,2% t.o.v. vorig jaar",
                  "Een “goede” balans.", "E-mail: info@example.org"):
        assert label in text, (label, text)
    assert re.search(r"print\.pdf · Pagina 3 · \s*\d\d-\d\d-\d{4} \d\d:\d\d UTC", text), text  # the slug


def test_a_level_an_approximation_and_whole_euros_stay_together():
    """A Dutch water board: "… een peil van NAP" | "+1,84 m", "ca." | "€ 3 mln", and "€ 12,-" with a hyphen
    where a table cell prints 12,–. The datum binds to its level, an abbreviation to the amount after
    it, and the dash of an amount without cents is an en dash in running text too (German and Swiss
    alike; register numbers: HRB 12345, the Austrian FN 123456a)."""
    nl, at, ch = get_locale("nl-NL"), get_locale("de-AT"), get_locale("de-CH")
    assert nl.typographic("een peil van NAP +1,84 m en NAP -2,10 m, ca. € 3 mln en ca. 40 km") == \
        f"een peil van NAP{NBSP}+1,84{NBSP}m en NAP{NBSP}−2,10{NBSP}m, ca.{NBSP}€{NBSP}3{NBSP}mln en " \
        f"ca.{NBSP}40{NBSP}km"
    assert nl.typographic("€ 12,- en € 1.250.000,-.") == f"€{NBSP}12,– en €{NBSP}1.250.000,–."
    assert at.typographic("Stadtwerke (FN 123456a): ca. € 3 Mio., je Karte € 50,- vom 3.-4. Juni") == \
        f"Stadtwerke (FN{NBSP}123456a): ca.{NBSP}€{NBSP}3{NBSP}Mio., je Karte €{NBSP}50,– vom 3.-4.{NBSP}Juni"
    assert ch.typographic("Eintritt Fr. 50.- pro Person") == f"Eintritt Fr.{NBSP}50.– pro Person"
