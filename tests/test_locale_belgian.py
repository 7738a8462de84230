"""A Belgian foundation's annual report in fr-BE, as its communications officer wrote it (Fondation
Eaux Vives, Namur): French text whose key figures, numbers, units, notes and CSV files came out wrong
in ways a French reader sees at once. One small project built once (print edition) and read back."""

from __future__ import annotations

from typing import Any

import pytest

from report.build import build
from report.layout.keyfigures import PAD
from report.layout.styles import MM

from .hostile import at, diagnostics, edit, line_of, only
from .hostile import make_project as make_hostile
from .language_build import text as _text
from .test_locale_french import NBSP, NNBSP
from .test_text_blocks import REPORT, make_project
from .test_wide_pages import _words

BELGIAN = {**REPORT, "name": "eaux", "title": "Rapport annuel", "language": "fr-BE"}
# nine tiles stand in three columns on A4, where « par rapport à l’année précédente » took twice a tile's width
FIGURES = [{"value": 42 + i, "previous": 31, "label": f"de berges {i}"} for i in range(9)]
# the user's ten figures: the tenth, alone in its row (three columns), measured at a column's width, made
# every tile 9 mm higher, and the ten missed their A4 page (6, then 4 overleaf; nine fitted)
TEN = [{"value": v, "previous": p, "label": label, **more} for v, p, label, more in [
    (42, 31, "de berges restaurées", {"unit": "km"}),
    (118, 96, "écoles accompagnées", {"detail": "soit 7 420 élèves sensibilisés"}),
    (3400, None, "bénévoles mobilisés", {"qualifier": "plus de"}),
    (12.4, 11.1, "de ressources", {"unit": "M€"}),
    (1234.5, 1180, "don moyen des entreprises", {"unit": "€"}),
    (87, 84, "des ressources affectées aux missions", {"unit": "%", "change": "absolute"}),
    (6.8, 7.9, "frais de fonctionnement", {"unit": "%", "change": "absolute", "better": "lower"}),
    (2150, 1980, "donatrices et donateurs réguliers", {}),
    (27, 19, "de déchets retirés des rivières", {"unit": "t"}),
    (-3.2, -1.5, "nitrates dans la Meuse à Namur", {"unit": "%", "change": "absolute", "better": "lower",
                                                     "detail": "moyenne annuelle par rapport à 2025"})]]
HUGE = {"value": 999999999.5, "previous": 1.25, "change": "absolute", "prefix": "CHF", "unit": "Mio. kWh/an",
        "label": "énergie"}  # its change line is wider than two lines of a tile
# quantities at every place of a justified line (the m… before each shifts them), as the user tried them
ITEMS = ("Nos ressources : 12,4 M€ de dons, 15 000 k€ de legs et 2,1 Md€ de fonds, 18,4 mg/l de nitrates, "
         "un don de 1 234,5€ pour la Fondation, BE 0123.456.789, dans la Meuse. Au 1er degré du XXIe siècle, "
         "de la 3e à la 6e primaire. ")
# a foreword whose second paragraph no breaks set within 2.2× spaces (numbers too long to break): its
# letter's paragraphs gave no warning (a Belgian review's loose line; that one is within the tolerance)
DIGITS = " ".join(["123456789012345"] * 9)
SECTIONS: dict[str, Any] = {
    "avant": {"kind": "foreword", "title": "Chers amis", "portrait": "images/portrait.jpg", "portrait_alt": "Portrait",
              "paragraphs": ["Le 1er janvier 2026, la Fondation entrait dans sa vingtième année.",
                             f"{DIGITS} Sans M. Jacques Renard, nos comptes ne seraient pas aussi limpides."],
              "closing": "Bien à vous", "name": "Anne Delvaux"},
    "chiffres": {"kind": "key_figures", "title": "Chiffres clés", "figures": FIGURES},
    "dix": {"kind": "key_figures", "kicker": "L'année 2026 en bref", "title": "Dix chiffres",
            "figures": [{k: v for k, v in f.items() if v is not None} for f in TEN]},
    "annee": {"kind": "text", "title": "Une année au fil de l'eau", "blocks": [
        {"heading": "Au seuil du XXIe siècle"},
        {"paragraph": "Les données de 2026 sont provisoires."},
        {"paragraph": "La commune a répondu 'non' à l'offre, puis \"oui au projet 'Berges'\"."},
        {"note": {"label": "Note", "text": "Les chiffres sont arrondis."}}]},
    "essai": {"kind": "text", "title": "Essai", "blocks": [{"paragraph": "m" * k + " " + ITEMS * 2}
                                                          for k in range(2, 14)]},
    "trois": {"kind": "key_figures", "title": "Trois chiffres", "columns": 3,
              "figures": [*FIGURES[:2], HUGE]},
}


@pytest.fixture(scope="module")
def belgian(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[str], str]:
    """The words of the print PDF (page, word, left, right, line, size), the build's warnings and the
    PDF's text."""
    root = tmp_path_factory.mktemp("fr-be")
    content = make_project(root, BELGIAN, SECTIONS)
    result = build(content, root / "out", ["print"])
    pdf = result.outputs[0].path
    return _words(pdf), [w.format().replace(f"{root}/", "") for w in result.warnings], _text(pdf)


def test_the_build_warns_only_where_it_should(belgian):
    assert belgian[1] == [
        "content/sections/trois.yaml:12:13: warning: key figure 999\u202f999\u202f999,5: its change line '+CHF\xa0999"
        "\u202f999\u202f998,25\xa0Mio. kWh/an par rapport à l’année précédente' is wider than its tile, even in two"
        " lines\n"
        "  hint: set the figures in fewer columns (columns: 2), or leave the change out (change: none)",
        "content/sections/avant.yaml:6:3: warning: no line breaks keep this paragraph's spaces within 2.2× their"
        " width: set with emergency stretch\n"
        "  hint: the loosest line is '123456789012345 123456789012345 123456789012345': reword it, or add a"
        " hyphenation point (U+00AD) to a long word"]


def test_a_long_change_line_wraps_inside_its_tile(belgian):
    words = belgian[0]
    page = next(w[0] for w in words if w[1] == "berges")
    labels = sorted({round(w[2], 1) for w in words if w[0] == page and w[1] == "de"})  # a tile's left + PAD
    assert len(labels) == 3, labels
    pitch = labels[1] - labels[0]  # a tile's width and the gap
    rapport = [w for w in words if w[0] == page and w[1] == "rapport"]
    precedente = [w for w in words if w[0] == page and w[1] == "précédente"]
    assert len(rapport) == len(precedente) == 9
    for first, second in zip(rapport, precedente, strict=True):  # « … par rapport » over « à l’année précédente »
        assert second[4] < first[4] - 5, (first, second)
        left = max(x for x in labels if x <= first[2] + 1)
        for w in (first, second):  # inside the tile: its right padding not crossed (gap: 4 mm)
            assert w[3] <= left + pitch - 4 * MM - 2 * PAD + 0.5, (w, left)


def test_ten_key_figures_stay_on_one_a4_page(belgian):
    words = belgian[0]
    page = next(w[0] for w in words if w[1] == "Dix" and w[5] > 16)  # the section's title (not the contents')
    numbers = ["42", "118", "400", "12,4", "234,5", "87", "6,8", "150", "27", "−3,2"]
    assert [w[1] for w in words if w[0] == page and w[1] in numbers] == numbers


def errors(content):
    """The errors of loading the sample as French (its German text is also a warning: wording.py)."""
    return [d for d in diagnostics(content) if d.severity == "error"]


def test_a_thousands_point_in_yaml_is_an_error_in_french(tmp_path):
    """`value: 3.400` (a Belgian's 3 400) printed „3,4“ and a bar of 8.500 was drawn at 8,5, silently: in a
    French document the point is no decimal mark, so YAML's reading of it is taken for a mistake, as in
    German; 0.125 and 12.4 stay decimals (no group of thousands starts with 0 or has one digit after)."""
    content = make_hostile(tmp_path)
    edit(content, "report.yaml", "language: de-DE", "language: fr-BE")
    edit(content, "sections/01-zahlen.yaml", "  - value: 1000\n", "  - value: 3.400\n")
    edit(content, "charts/aktivitaeten.yaml", "[5, 20, 6, 20]", "[8.500, 0.125, 12.4, 1.000.000]")
    value, bar, text = errors(content)
    at(value, "content/sections/01-zahlen.yaml", line_of(content, "sections/01-zahlen.yaml", "3.400"), 12)
    assert (value.message.rsplit(": ", 1)[1], value.hint) == (
        "3.400 reads as 3,4 in YAML",
        "for the whole number write 3400 or quote it as '3 400'; for a decimal write it with a comma, quoted: '3,400'")
    at(bar, "content/charts/aktivitaeten.yaml", line_of(content, "charts/aktivitaeten.yaml", "8.500"), 14)
    assert bar.message.endswith("values[1]: 8.500 reads as 8,5 in YAML") and "write 8500 or" in bar.hint
    # several points: YAML's text, which the German check took for a number (a traceback)
    assert text.message.endswith("values[4]: 1.000.000 is text in YAML, not a number")
    assert text.hint == "write 1000000 or quote it as '1 000 000'"


def test_hints_show_examples_in_the_document_s_language(tmp_path):
    """A French document's hints suggested the English '14–16 Sept' or 'Q1' for a timeline's date, and
    paragraph: "Résultat: …" (the space the author typed before the colon dropped)."""
    content = make_hostile(tmp_path)
    edit(content, "report.yaml", "language: de-DE", "language: fr-BE")
    bilanz = content / "sections" / "02-bilanz.yaml"
    text = bilanz.read_text(encoding="utf-8")
    bilanz.write_text(text + "  - timeline:\n      - date: du 14 au 16 septembre 2026 à Namur\n        text: Salon.\n",
                      encoding="utf-8")
    assert only(errors(content)).hint == ("shorten it to the date, e.g. '14–16 sept.' or 'T1', and say the rest "
                                               "in the text")
    bilanz.write_text(text + "  - paragraph: Résultat : la Meuse est plus propre.\n", encoding="utf-8")
    assert only(errors(content)).hint.endswith('e.g. paragraph: "Résultat : …"')


def test_a_note_label_has_the_french_space_before_its_colon(belgian):
    assert f"Note{NNBSP}: Les chiffres sont arrondis." in belgian[2]


def test_a_scaled_currency_and_a_unit_per_unit_stay_with_their_number(belgian):
    """« 12,4 | M€ », « 18,4 | mg/l » and « BE | 0123.456.789 » broke at line ends; « 1 234,5€ », typed
    without a space, stayed glued (where « 12% » gets its space)."""
    lines = _lines(belgian[0], "Essai")
    assert len(lines) > 100
    assert not [line for line in lines if line.startswith(("M€", "k€", "Md€", "mg/l", "0123", "€"))], lines
    assert f"1{NNBSP}234,5 € pour" in belgian[2].replace(NBSP, " ")  # (a justified line: drawn as a space)


def _lines(words: list[tuple], title: str) -> list[str]:
    """The lines from the page of the section `title` on (its heading's, not the contents'), words joined by spaces."""
    first = next(w[0] for w in words if w[1] == title and w[5] > 16)
    rows: dict[tuple[int, float], list[tuple]] = {}
    for w in words:
        if w[0] >= first:
            rows.setdefault((w[0], round(w[4], 1)), []).append(w)
    return [" ".join(w[1] for w in sorted(row, key=lambda w: w[2])) for row in rows.values()]


def _superiors_joined(words: list[tuple]) -> list[tuple]:
    """The words with a superior letter's run (smaller, right after the word before it) joined to that word."""
    out: list[tuple] = []
    for w in words:
        if out and out[-1][0] == w[0] and w[5] < 0.8 * out[-1][5] and abs(w[2] - out[-1][3]) < 0.15 * out[-1][5]:
            out[-1] = (*out[-1][:1], out[-1][1] + w[1], out[-1][2], w[3], *out[-1][4:])
        else:
            out.append(w)
    return out


def test_a_french_ordinal_s_ending_is_a_superior_letter(belgian):
    """French typography (the Imprimerie nationale) sets an ordinal's ending as a superior letter, 1ᵉʳ,
    XXIᵉ, 3ᵉ: it printed on the baseline, as large as the number. It is smaller, raised, right after its
    number, and the text still reads « 1er degré »; the justified lines keep their even spacing."""
    words = belgian[0]
    pairs = [(w, nxt) for w, nxt in zip(words, words[1:], strict=False)
             if (w[1], nxt[1]) in {("1", "er"), ("XXI", "e"), ("3", "e"), ("6", "e")}]
    assert len(pairs) == 4 * 24 + 2, len(pairs)  # every ordinal of the 12 paragraphs (two of each), the heading's,
    # the foreword's
    assert [n[5] for n, _ in pairs if n[5] > 10] == [14.0]  # (the heading's XXIᵉ)
    for number, end in pairs:
        assert end[5] == pytest.approx(0.62 * number[5], abs=0.05), (number, end)
        assert abs(end[2] - number[3]) < 0.15 * number[5] and end[4] > number[4] + 0.3 * number[5], (number, end)
    # (in order; pdfium reads a line's end after a raised letter the baseline follows: spaces of any kind)
    assert " ".join(belgian[2].split()).count("Au 1er degré du XXIe siècle") == 24


def test_a_french_ordinal_stays_with_the_word_after_it(belgian):
    """« au 1er | degré », « XXIe | siècle » and « 3e | primaire » broke at line ends (« 1er janvier » did
    not: a day and its month were bound already)."""
    lines = _lines(_superiors_joined(belgian[0]), "Essai")
    assert not [line for line in lines if line.endswith((" 1er", " XXIe", " 3e", " 6e"))], lines
    assert sum(" 1er degré" in line for line in lines) > 10


def test_a_quotation_in_single_quotes_takes_french_guillemets(belgian):
    """'non' printed “non”, the English marks French sets only inside a quotation: French has no single
    quotation marks, so a quotation typed in them is one as "non" is (inside a quotation, the inner marks)."""
    assert f"répondu «{NNBSP}non{NNBSP}» à l’offre, puis «{NNBSP}oui au projet “Berges”{NNBSP}»." in belgian[2]
