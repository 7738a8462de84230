"""An Italian, Spanish or Portuguese date is most often the first of the month, written as an ordinal —
„dal 1° gennaio“, „1º marzo“, „el 1.º de enero“, „o 1.º de maio“ — and stood apart from its month at a
line end („dal 1°“ / „gennaio“: 14 times in a page and a half of a Bilancio sociale), where „25 aprile“
and „5 de noviembre“ were bound; and a telephone number after its Italian or Spanish label broke inside. A Spanish
inciso typed with -- printed en dashes set closed („–que es la cifra–“), where the RAE sets the raya closed to
the inciso and open outside: „—que es la cifra—“. Built once (print edition) and read back line by line."""

from __future__ import annotations

import pytest

from .language_build import build_in
from .language_build import lines as pdf_lines
from .language_build import text as pdf_text

WORDS = "la banca ha sostenuto le imprese del territorio con nuovi finanziamenti".split()
PALABRAS = "la fundación ha apoyado a las familias del barrio con nuevos programas".split()


def _paragraph(words: list[str], said: str) -> str:
    # the words turn around in each sentence, so that the date and the number stand at every place of a line
    return " ".join(" ".join(words[i % len(words):] + words[:i % len(words)][:i % 5]) + f" {said}"
                    for i in range(24))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An Italian review with a Spanish section: edition → PDF."""
    it = _paragraph(WORDS, "dal 1° gennaio e dal 1º marzo, telefono +39 02 1234 5678.")
    es = _paragraph(PALABRAS, "el n.º 1234 desde el 1.º de enero, teléfono +34 91 123 45 67 -- que es la cifra -- "
                              "y más.")
    return build_in(tmp_path_factory.mktemp("days"), "it-IT", {
        "sections/a.yaml": f"kind: text\ntitle: Testo\nblocks:\n  - paragraph: >-\n      {it}\n",
        "sections/b.yaml": f"kind: text\nlanguage: es-ES\ntitle: Texto\nblocks:\n"
                           f"  - paragraph: >-\n      {es}\n"}, ["print"])


@pytest.fixture(scope="module")
def lines(built: dict) -> list[str]:
    return pdf_lines(built["print"])  # (without spaces; the screen edition reads a line whole)


def test_the_first_of_the_month_stays_with_its_month(lines):
    for day, month in (("1°", "gennaio"), ("1º", "marzo"), ("1.º", "deenero")):
        with_day = [line for line in lines if day in line]
        assert len(with_day) >= 12, (day, with_day)
        assert all(f"{day}{month}" in line for line in with_day), [line for line in with_day
                                                                   if f"{day}{month}" not in line]


def test_a_telephone_number_after_an_italian_or_spanish_label_stays_whole(lines):
    """„telefono +39 02 1234 5678“ broke after „+39 02“ (only German and English labels bound their number)."""
    for number in ("+390212345678", "+34911234567"):
        with_number = [line for line in lines if number[:3] in line]
        assert len(with_number) >= 12, (number, with_number)
        assert all(number in line for line in with_number), [line for line in with_number if number not in line]


def test_a_spanish_inciso_takes_the_raya_closed_to_its_words(built, lines):
    import re
    text = pdf_text(built["print"])
    assert len(re.findall(r"67\s+—que\s+es\s+la\s+cifra—\s+y\b", text)) == 24, text
    assert not re.search(r"–\s*que\s+es|cifra\s*–", text)  # (no en dash)
    assert all(line.endswith("cifra—") for line in lines if line.endswith("—"))  # an opening raya never ends a line


def test_the_spanish_number_sign_stays_with_its_number(lines):
    """„n.º 1234“, the RAE's abbreviation of número, stood at a line end apart from its number (nº 5 did not)."""
    with_sign = [line for line in lines if "n.º" in line]
    assert len(with_sign) >= 12 and all("n.º1234" in line for line in with_sign), with_sign
