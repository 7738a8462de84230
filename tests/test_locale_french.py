"""French (fr-CH, fr-FR): a Biel/Bienne review's «Résumé en français» in a de-CH report was refused
("supported: de, en"). Now a section or a report in French is set as French prints it: « … » and
; : ! ? % behind narrow no-break spaces (U+202F) that never break, 1 234,5, French labels and
French hyphenation (after an elided l’ too). Built into PDFs and read back."""

from __future__ import annotations

import re

import pikepdf
import pytest

from report.locale import get_locale

from .language_build import build_in
from .language_build import lines as pdf_lines
from .language_build import text as pdf_text
from .test_section_language import sect_languages

NNBSP, NBSP = "\u202f", "\u00a0"
# justified text whose line ends fall at every place of the words (the m… before each shifts them):
# French breaks res-pon-sa-bi-lité (German re-sponsabi-lité) and l’ap-pro-vi-sion-ne-ment after its l’
WORDS = " notre responsabilité et l'approvisionnement de la région" * 5
NUMBERS = " le n° 5, la maison no 12 et la rue n° 37 de la ville" * 4  # … and where "numéro" ends a line
RESUME = ("kind: text\nlanguage: fr-CH\ntitle: Résumé en français\nblocks:\n"
          "  - paragraph: >-\n      L'année a été \"exceptionnelle\" : nous avons accompagné 1 234 entreprises ;"
          " la croissance est de 12,5%. Pourquoi ? Parce que M. Dupont l'a voulu, le 1er janvier !\n"
          "  - quote: L'exportation nous fait grandir.\n"
          + "".join(f"  - paragraph: {'m' * k}{WORDS}\n" for k in range(2, 12)) +
          "  - table:\n      title: Chiffres d'affaires\n      alt: Chiffres d'affaires par année\n"
          "      columns:\n        - name: Année\n        - {name: Montant, type: number, unit: CHF}\n"
          "      rows:\n        - ['2016', 1234.5]\n        - ['2017', 48250]\n"
          + "".join(f"  - paragraph: {'m' * k}{NUMBERS}\n" for k in range(2, 8)))
FIGURES = ("kind: key_figures\nlanguage: fr-CH\ntitle: Chiffres clés\nfigures:\n"
           "  - {value: 48250, label: personnes atteintes, previous: 46300}\n"
           "  - {value: 12.5, unit: '%', label: de croissance}\n")


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A de-CH review with its German chapters and a French summary and key figures."""
    return build_in(tmp_path_factory.mktemp("fr-ch"), "de-CH", {
        "sections/de.yaml": "kind: text\ntitle: Das Jahr\nblocks:\n  - paragraph: Sie sagte \"Danke\"! Warum? 12,5%.\n",
        "sections/fr.yaml": RESUME, "sections/kz.yaml": FIGURES})


def test_french_spacing_numbers_and_bindings():
    fr, ch = get_locale("fr-FR"), get_locale("fr-CH")
    assert fr.typographic('Il a dit "oui" ; puis : "non !" Pourquoi ?!') == \
        f"Il a dit «{NNBSP}oui{NNBSP}»{NNBSP}; puis{NNBSP}: «{NNBSP}non{NNBSP}!{NNBSP}» Pourquoi{NNBSP}?!"
    assert fr.typographic('Le "projet \'Ponts\'" à 10:30, https://x.ch/?a=1 et 12,5%.') == \
        f"Le «{NNBSP}projet “Ponts”{NNBSP}» à 10:30, https://x.ch/?a=1 et 12,5{NNBSP}%."
    assert ch.typographic('Le "projet \'Ponts\'"') == f"Le «{NNBSP}projet ‹{NNBSP}Ponts{NNBSP}›{NNBSP}»"
    assert fr.typographic("le 1er janvier, M. Dupont, Mme Martin, p. 12, 9 h 30, 1 234 personnes") == \
        (f"le 1er{NBSP}janvier, M.{NBSP}Dupont, Mme{NBSP}Martin, p.{NBSP}12, 9{NBSP}h{NBSP}30, "
         f"1{NNBSP}234 personnes")
    assert fr.typographic("«collé» et « espacé »") == f"«{NNBSP}collé{NNBSP}» et «{NNBSP}espacé{NNBSP}»"
    # the abbreviation of "numéro" stays with its number, in every spelling (and in the other languages)
    assert fr.typographic("n° 5, N° 12, nº 3, № 7, no 8, nos 2 et 3, Nr. 4, No. 6 ; piano 5, nos amis") == \
        (f"n°{NBSP}5, N°{NBSP}12, nº{NBSP}3, №{NBSP}7, no{NBSP}8, nos{NBSP}2 et 3, Nr.{NBSP}4, No.{NBSP}6{NNBSP}; "
         "piano 5, nos amis")
    assert get_locale("en-GB").typographic("charity no 1187654, No 10") == f"charity no{NBSP}1187654, No{NBSP}10"
    for loc in (fr, ch):  # Swiss French writes numbers as French does (CLDR fr-CH): not the 1’234.5 of de-CH
        assert (loc.number(1234.5), loc.number(48250), loc.label("contents")) == (f"1{NNBSP}234,5", f"48{NNBSP}250",
                                                                                   "Sommaire")
    assert (fr.date_time, ch.date_time) == ("%d/%m/%Y %H:%M UTC", "%d.%m.%Y %H:%M UTC")
    assert get_locale("de-CH").typographic('"Ja": 12,5%') == "«Ja»: 12,5%"  # German as before
    from report.charts.numbers import with_unit  # a chart's labels, which no typographic() sees
    assert [with_unit("12,5", u, ch) for u in ("%", "mio")] == [f"12,5{NNBSP}%", f"12,5{NBSP}mio"]


def test_a_french_section_in_a_swiss_german_report_is_set_in_french(bilingual):
    text = pdf_text(bilingual["print"])
    assert f"«{NNBSP}exceptionnelle{NNBSP}»{NNBSP}: nous" in text and f"entreprises{NNBSP};" in text
    assert f"12,5{NNBSP}%. Pourquoi{NNBSP}? Parce que M. Dupont" in text.replace(NBSP, " ")
    assert f"«{NNBSP}L’exportation nous fait grandir.{NNBSP}»" in text  # a pull quote's marks, set by the layout
    assert re.search(rf"2016\s+1{NNBSP}234,5\s+2017\s+48{NNBSP}250", text), text  # its table: French numbers
    assert f"48{NNBSP}250" in text and f"+4,2{NNBSP}% par rapport à l’année précédente" in text  # key figures
    assert "Sie sagte «Danke»! Warum? 12,5%." in text  # the report's own chapters stay Swiss German
    lines = pdf_lines(bilingual["print"])
    assert sum(line.startswith("Résuméenfrançais") for line in lines) == 2, lines  # heading and contents line
    # a narrow no-break space never breaks: no line begins with a mark French spaces, nor ends with «
    assert not [line for line in lines if line[:1] in ";:!?»%" or line.endswith("«")]


def test_a_number_stays_with_its_abbreviation(bilingual):
    """n° 5, no 12: a line never ends with the abbreviation of "numéro", its number on the next."""
    lines = pdf_lines(bilingual["print"])
    assert sum(line.count("n°") for line in lines) == 6 * 4 * 2
    assert not [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.endswith(("n°", "no")) and b[:1].isdigit()]


def test_a_french_section_is_hyphenated_in_french(bilingual):
    ends = [line for line in pdf_lines(bilingual["print"]) if line.endswith("-")]
    assert any(line.endswith(("res-", "respon-", "responsa-")) for line in ends), ends  # French
    assert not any(line.endswith("re-") for line in ends), ends  # the German re-sponsabilité
    assert any(re.search(r"l’(ap|appro|approvi|approvision|approvisionne)-$", line) for line in ends), ends


def test_the_screen_edition_says_fr_ch_for_the_french_sections(bilingual):
    with pikepdf.open(bilingual["screen"]) as pdf:
        assert str(pdf.Root.Lang) == "de-CH"
        lang_of = sect_languages(pdf)
        assert lang_of(f"a été «{NNBSP}exceptionnelle{NNBSP}»") == "fr-CH"  # read with its narrow spaces
        assert lang_of("personnes atteintes") == "fr-CH"
        assert lang_of("Sie sagte «Danke»") is None  # the document's language


def test_a_french_report_prints_french_labels(tmp_path):
    pdf = build_in(tmp_path, "fr-FR", {"sections/a.yaml": "kind: text\ntitle: Bilan\nblocks:\n"
                                     "  - paragraph: Un \"bon\" bilan.\n", "sections/kz.yaml": FIGURES.replace(
                                         "language: fr-CH\n", "")}, ["print"])["print"]
    text = pdf_text(pdf)
    for label in ("SOMMAIRE", "Contact et mentions légales", "Notes", "Page laissée blanche intentionnellement.",
                  "CRÉDITS PHOTOGRAPHIQUES", "Couverture – Bildquelle", "par rapport à l’année précédente",
                  f"Un «{NNBSP}bon{NNBSP}» bilan.", f"E-mail{NNBSP}: info@example.org"):
        assert label in text.replace(NBSP, " "), (label, text)
    assert re.search(r"print\.pdf · Page 3 · \s*\d\d/\d\d/\d{4} \d\d:\d\d UTC", text), text  # the slug


def test_an_ordinal_in_a_kicker_stays_a_small_lowercase_superior(tmp_path):
    """A kicker is set in capitals; the capitals were made of its markup, so « Le XXIe siècle » set its
    ordinal's ending as a raised capital E. It stays the small lowercase superior letter: LE XXIᵉ SIÈCLE —
    and no smaller than the print preflight's 6 pt (at 62 % of the kicker's 8 pt it was 5 pt, and the
    print edition failed its preflight: no PDF)."""
    from . import pdf_chars
    pdf = build_in(tmp_path, "fr-FR", {"sections/a.yaml": "kind: text\nkicker: Le XXIe siècle\ntitle: Bilan\n"
                                                           "blocks:\n  - paragraph: Un texte.\n"})["print"]
    chars = list(pdf_chars.chars(pdf))
    at = next(i for i in range(len(chars) - 3) if "".join(c.text for c in chars[i:i + 3]) == "XXI")
    xxi, ending = chars[at:at + 3], chars[at + 3]
    assert ending.text == "e" and 6.0 <= ending.size < xxi[0].size  # small and lowercase, ≥ 6 pt
    assert ending.baseline > xxi[0].baseline + 0.2 * xxi[0].size  # raised
    assert "SIÈCLE" in "".join(c.text for c in chars[at + 4:at + 12])
