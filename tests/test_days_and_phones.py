"""An Italian, Spanish or Portuguese date is most often the first of the month, written as an ordinal —
„dal 1° gennaio“, „1º marzo“, „el 1.º de enero“, „o 1.º de maio“ — and stood apart from its month at a
line end („dal 1°“ / „gennaio“: 14 times in a page and a half of a Bilancio sociale), where „25 aprile“
and „5 de noviembre“ were bound; and a telephone number after its Italian or Spanish label broke inside. Built
once (print edition) and read back line by line."""

from __future__ import annotations

import pytest

from .language_build import build_in
from .language_build import lines as pdf_lines

WORDS = "la banca ha sostenuto le imprese del territorio con nuovi finanziamenti".split()
PALABRAS = "la fundación ha apoyado a las familias del barrio con nuevos programas".split()


def _paragraph(words: list[str], said: str) -> str:
    # the words turn around in each sentence, so that the date and the number stand at every place of a line
    return " ".join(" ".join(words[i % len(words):] + words[:i % len(words)][:i % 5]) + f" {said}"
                    for i in range(24))


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The lines of an Italian review with a Spanish section."""
    it = _paragraph(WORDS, "dal 1° gennaio e dal 1º marzo, telefono +39 02 1234 5678.")
    es = _paragraph(PALABRAS, "desde el 1.º de enero, teléfono +34 91 123 45 67.")
    pdfs = build_in(tmp_path_factory.mktemp("days"), "it-IT", {
        "sections/a.yaml": f"kind: text\ntitle: Testo\nblocks:\n  - paragraph: >-\n      {it}\n",
        "sections/b.yaml": f"kind: text\nlanguage: es-ES\ntitle: Texto\nblocks:\n"
                           f"  - paragraph: >-\n      {es}\n"}, ["print"])
    return pdf_lines(pdfs["print"])  # (without spaces; the screen edition reads a line whole)


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
