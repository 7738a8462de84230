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
    ("3.2", "$ bn", "en-US", "$3.2bn"),
    ("38", "p", "en-GB", "38p"), ("61.4", "%", "en-GB", "61.4%"), ("17", "ML/d", "en-GB", f"17{NBSP}ML/d"),
    ("89,4", "Mio. €", "de-DE", f"89,4{NBSP}Mio. €"), ("61,4", "%", "de-DE", f"61,4{NBSP}%"), ("5", None, "de-DE", "5"),
])
def test_a_quantity_is_written_as_its_language_writes_it(number, unit, language, printed):
    """Chart labels said '89.4 £m' and '38 p': an English unit that begins with a currency sign
    leads with it, pence and multiples stand tight, as in key figures."""
    from report.units import quantity
    assert quantity(number, unit, language) == printed
