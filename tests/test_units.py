"""A number and its unit stay on one line; no-break spaces an author types are kept."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from report.layout.text import rl_markup
from report.locale import get_locale
from report.units import NBSP, bind_units


@pytest.mark.parametrize(("text", "bound"), [
    ("Investitionen von 87,3 Mio. € im Jahr", f"Investitionen von 87,3{NBSP}Mio.{NBSP}€ im Jahr"),
    ("ein Anteil von 61,4 % am Netz", f"ein Anteil von 61,4{NBSP}% am Netz"),
    ("12,8 km neue Leitungen", f"12,8{NBSP}km neue Leitungen"),
    ("5 MWp und 3 GWh, 40 t CO2, 2 m tief", f"5{NBSP}MWp und 3{NBSP}GWh, 40{NBSP}t CO2, 2{NBSP}m tief"),
    ("1,2 Mrd. Euro, 4 Tsd. $, 7 ‰", f"1,2{NBSP}Mrd.{NBSP}Euro, 4{NBSP}Tsd.{NBSP}$, 7{NBSP}‰"),
    ("5 mit 2017 trafen 3 takes", "5 mit 2017 trafen 3 takes"),  # words that begin like a unit stay apart
    # a water company's and an engineer's units, per time too
    ("a peak of 486 ML/d and 3 m³/s in 12 mm pipes", f"a peak of 486{NBSP}ML/d and 3{NBSP}m³/s in 12{NBSP}mm pipes"),
    ("40 ha, 2 km² and 7 l a day", f"40{NBSP}ha, 2{NBSP}km² and 7{NBSP}l a day"),
    ("up 2,5 Pp. to £4 bn; 3 large lakes", f"up 2,5{NBSP}Pp. to £4{NBSP}bn; 3 large lakes"),
    # a Swiss tariff in Rappen, and currencies after their amounts ("1,8 / Rp./kWh" broke apart)
    ("um 1,8 Rp./kWh, 50 Fr. und 12 CHF, 85 Euro, 20 ct", f"um 1,8{NBSP}Rp./kWh, 50{NBSP}Fr. und 12{NBSP}CHF, "
                                                         f"85{NBSP}Euro, 20{NBSP}ct"),
    ("3 Cents, 4 Europeans, 2 Franks", "3 Cents, 4 Europeans, 2 Franks"),
    # a sign or code before an amount is that amount's, after a year too (Austrian order: „2026 € 48,6 Mio.“
    # broke as „2026 €“ | „48,6 Mio.“); a sign after an amount before a year or a word stays with its amount
    ("haben 2026 € 48,6 Mio. und 2025 EUR 12", f"haben 2026 €{NBSP}48,6{NBSP}Mio. und 2025 EUR{NBSP}12"),
    ("5 € 2024, 12 € pro Monat, 2026 € 2024, 7 EUR 2025", f"5{NBSP}€ 2024, 12{NBSP}€ pro Monat, 2026 €{NBSP}2024, "
                                                         f"7{NBSP}EUR 2025"),
    # an Austrian account's thousands before the amount, as „EUR 1.234“
    ("Kosten TEUR 31.208, T€ 12 und TCHF 4; 450 TEUR",
     f"Kosten TEUR{NBSP}31.208, T€{NBSP}12 und TCHF{NBSP}4; 450{NBSP}TEUR"),
])
def test_units_are_bound_to_their_numbers(text, bound):
    assert bind_units(text) == bound


def _lines(markup: str, width: float) -> list[str]:
    p = Paragraph(markup, ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12))
    p.wrap(width, 1000)
    return [" ".join(line[1]) for line in p.blPara.lines]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_a_quantity_never_breaks_across_lines(space):
    text = f"Wir investierten insgesamt 87,3{space}Mio.{space}€ in neue Netze."
    markup = rl_markup(text, get_locale("de-DE"))
    for width in range(60, 240, 7):
        lines = _lines(markup, width)
        assert not any(line.endswith(("87,3", "Mio.")) for line in lines), (width, lines)



def test_model_text_keeps_typed_no_break_spaces(tmp_path):
    from report.errors import Diagnostics
    from report.load import parse_yaml
    from report.model import Paragraph as ParagraphBlock
    from report.model import ReadContext, Reader
    raw = parse_yaml("text: \"Ein Anteil von 61,4\u202f% und 87,3\u00a0Mio.\u00a0€  im Jahr\"\n")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path)
    block = Reader(Diagnostics(), ctx).read(raw, raw.pos, ParagraphBlock, "block")
    assert block.text == "Ein Anteil von 61,4\u202f% und 87,3\u00a0Mio.\u00a0€ im Jahr"


@pytest.mark.parametrize(("number", "unit", "language", "printed"), [
    ("89.4", "£m", "en-GB", "£89.4m"), ("\u221212.5", "£m", "en-GB", "\u2212£12.5m"),
    ("3.2", "$ bn", "en-US", "$3.2bn"), ("412.6", "$ million", "en-US", f"$412.6{NBSP}million"),
    ("150,000", "$ thousand", "en-US", f"$150,000{NBSP}thousand"), ("1.2", "$M", "en-US", "$1.2M"),
    ("38", "p", "en-GB", "38p"), ("61.4", "%", "en-GB", "61.4%"), ("17", "ML/d", "en-GB", f"17{NBSP}ML/d"),
    ("89,4", "Mio. €", "de-DE", f"89,4{NBSP}Mio. €"), ("61,4", "%", "de-DE", f"61,4{NBSP}%"), ("5", None, "de-DE", "5"),
    # German leads with a sign the author put first before a scale, as Austrian accounts write it; a sign
    # alone follows the amount
    ("250", "€ Mio.", "de-AT", f"€{NBSP}250{NBSP}Mio."), ("\u221212", "€ Mio.", "de-DE", f"\u2212€{NBSP}12{NBSP}Mio."),
    ("250", "€", "de-AT", f"250{NBSP}€"),
    # a currency code before a scale leads too (a Geneva NGO's axis read "15 CHF m"); after its amount alone
    ("15", "CHF m", "en-GB", f"CHF{NBSP}15m"), ("19,6", "CHF Mio.", "de-CH", f"CHF{NBSP}19,6{NBSP}Mio."),
    ("15", "CHF", "en-GB", f"15{NBSP}CHF"),
])
def test_a_quantity_is_written_as_its_language_writes_it(number, unit, language, printed):
    """Chart labels said '89.4 £m' and '38 p': an English unit that begins with a currency sign
    leads with it, pence and multiples stand tight, as in key figures."""
    from report.units import quantity
    assert quantity(number, unit, get_locale(language)) == printed


@pytest.mark.parametrize(("language", "text", "bound"), [
    ("de-DE", "Spendenkonto: IBAN DE89 3704 0044 0532 0130 00, BIC SOLADES1LPZ",
     f"Spendenkonto: IBAN{NBSP}DE89{NBSP}3704{NBSP}0044{NBSP}0532{NBSP}0130{NBSP}00, BIC SOLADES1LPZ"),
    ("de-DE", "nach § 72a SGB und §§ 3 ff.", f"nach §{NBSP}72a SGB und §§{NBSP}3{NBSP}ff."),
    ("de-DE", "Dr. Böhm und Prof. Dr. Weber", f"Dr.{NBSP}Böhm und Prof.{NBSP}Dr.{NBSP}Weber"),
    ("de-DE", "Tel. 0341 2345678, Fax: 0341 2345679", f"Tel.{NBSP}0341{NBSP}2345678, Fax:{NBSP}0341{NBSP}2345679"),
    ("de-DE", "2,5 Millionen Kinder, 2024 1.200 Kinder", f"2,5{NBSP}Millionen Kinder, 2024 1.200 Kinder"),
    # an Austrian imprint: Firmenbuch, register of associations, VAT number set apart, and the Austrian month
    ("de-AT", "FN 123456a, FN 123456 a, ZVR-Zahl 123456789, ATU 12345678, HRB 4711; seit 1. Feber",
     f"FN{NBSP}123456a, FN{NBSP}123456{NBSP}a, ZVR-Zahl{NBSP}123456789, ATU{NBSP}12345678, HRB{NBSP}4711; "
     f"seit 1.{NBSP}Feber"),
    ("en-US", "a backlog of $587.2 million—the highest", f"a backlog of $587.2{NBSP}million—the highest"),
    ("en-GB", "Mr Smith and Dr Jones; Phone: (503) 555-0142",
     f"Mr{NBSP}Smith and Dr{NBSP}Jones; Phone:{NBSP}(503){NBSP}555-0142"),
])
def test_what_reads_as_one_item_never_breaks(language, text, bound):
    """An IBAN broke between its groups ('00' alone at a line's start), '§ | 72a', 'Dr. | Böhm', 'Tel. 0341 |
    2345678', '$587.2 | million': each is one item, bound by no-break spaces."""
    assert get_locale(language).typographic(text) == bound
