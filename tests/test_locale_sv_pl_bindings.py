"""Swedish and Polish: what their typesetters never split at a line's end. A Swedish housing company's
review broke "totalt 1" | "234 lägenheter" (a number typed with spaces, as Swedish writes it: only French
kept such a number whole); a Polish foundation's broke "dr" | "Łukasz" (a title bound only before A–Z and
Latin-1 capitals), "ul." | "Marszałkowska", "nr" | "5" and "4,2 mln" | "zł". Built into a print PDF whose
lines end at every place of the sentences (the "mm … i" before each shifts them), and read back."""

from __future__ import annotations

import pytest

from report.locale import get_locale, tel_uri

from .language_build import build_in
from .language_build import lines as pdf_lines

NNBSP, NBSP = "\u202f", "\u00a0"
SV = ("Bolaget förvaltar totalt 1 234 lägenheter och ytterligare 2 480 bostäder i kommunen, med "
      "12 345 678 kronor i underhåll. Det är totalt 1 234 lägenheter.")
PL = ("Fundacja przy ul. Marszałkowskiej, której prezesem jest dr Łukasz Nowak, przekazała 4,2 mln zł "
      "na program nr 5 prowadzony przez prof. Świątek. Biuro mieści się przy ul. Marszałkowskiej 12, a program "
      "nr 5 prowadzi dr Łukasz Nowak.")
PL2 = "Wolontariusze z ul. Marszałkowskiej zebrali 4,2 mln zł, a dr Łukasz Nowak poprowadził projekt nr 5."
# a line must not end with the first and begin with the second (lines are read without their spaces)
SPLITS = [("totalt1", "234"), ("ytterligare2", "480"), ("med12", "345"), ("12345", "678"),
          ("ul.", "Marszałk"), ("dr", "Łukasz"), ("mln", "zł"), ("nr", "5"), ("prof.", "Świątek")]


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    shifts = [f"{'mm ' * (k // 3)}{'i' * (k % 3 + 1)}" for k in range(1, 37)]  # a line's ends fall everywhere
    sv = "".join(f"  - paragraph: {m} {SV} {SV}\n" for m in shifts)
    pl = "".join(f"  - paragraph: {m} {PL} {PL if k % 2 else PL2}\n" for k, m in enumerate(shifts, 1))
    pdfs = build_in(tmp_path_factory.mktemp("sv-pl"), "sv-SE", {
        "sections/sv.yaml": f"kind: text\ntitle: Verksamheten\nblocks:\n{sv}",
        "sections/pl.yaml": f"kind: text\nlanguage: pl-PL\ntitle: Działalność\nblocks:\n{pl}"},
        editions=["print"])
    return pdf_lines(pdfs["print"])


def test_numbers_titles_addresses_and_amounts_stay_on_one_line(lines):
    assert any("1234lägenheter" in line for line in lines)  # the sentences are there, read without spaces
    for end, start in SPLITS:
        broken = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.endswith(end) and b.startswith(start)]
        assert not broken, (end, start, broken)


def test_what_binds_and_what_stays_free():
    sv, pl = get_locale("sv-SE"), get_locale("pl-PL")
    assert sv.typographic("1 234 lägenheter, 12 345 678,5 kr, ca 300 rum, nr 5, 12,4 miljoner kronor") == \
        (f"1{NNBSP}234 lägenheter, 12{NNBSP}345{NNBSP}678,5{NBSP}kr, ca{NBSP}300 rum, nr{NBSP}5, "
         f"12,4{NBSP}miljoner{NBSP}kronor")
    # a telephone number's groups are no number's (and a space typed as no-break stays as typed)
    assert sv.typographic("ring 08-123 456 78 eller +46 8 123 456 78; 1\u00a0234") == \
        "ring 08-123 456 78 eller +46 8 123 456 78; 1\u00a0234"
    assert pl.typographic("dr Łukasz, ks. Żak, ul. Marszałkowska, im. Jana, nr 5, pkt 3, 12 tys. zł, 4,2 mln €") == \
        (f"dr{NBSP}Łukasz, ks.{NBSP}Żak, ul.{NBSP}Marszałkowska, im.{NBSP}Jana, nr{NBSP}5, pkt{NBSP}3, "
         f"12{NBSP}tys.{NBSP}zł, 4,2{NBSP}mln{NBSP}€")
    # a house style's space groups typed numbers in any language; German's own 1.234 leaves them alone
    de = get_locale("de-DE")
    assert de.typographic("1 234 Gäste") == "1 234 Gäste"


def test_a_national_telephone_number_links_in_global_form():
    """The closing page's and the newsletter's tel: link: "08-123 456 78" in a Swedish review dialled
    tel:0812345678 (a national number, wrong from abroad); Italy keeps its 0 (+39 02 …)."""
    assert tel_uri("08-123 456 78", "sv-SE") == "tel:+46812345678"
    assert tel_uri("22 123 45 67", "pl-PL") == "tel:+48221234567"
    assert tel_uri("33 12 34 56", "da-DK") == "tel:+4533123456"
    assert tel_uri("09 123 4567", "sv-FI") == "tel:+35891234567"
    assert tel_uri("02 1234 5678", "it-IT") == "tel:+390212345678"
    assert tel_uri("912 345 678", "es-ES") == "tel:+34912345678"
