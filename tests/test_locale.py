import pytest

from report.layout.hyphenate import break_points
from report.locale import get_locale


def test_number_formats():
    assert get_locale("de-DE").number(1000) == "1.000"
    assert get_locale("de-DE").number(1234567) == "1.234.567"
    assert get_locale("de-DE").number(2.5) == "2,5"
    assert get_locale("en-GB").number(1000) == "1,000"


def test_typographic_quotes_and_dashes():
    de = get_locale("de-DE")
    assert de.typographic('Er sagte "ja" - und ging...') == "Er sagte „ja“\u00a0– und ging…"
    assert get_locale("en-GB").typographic('"yes"') == "“yes”"


def test_a_hyphen_before_a_number_that_follows_no_word_is_a_minus():
    de, en = get_locale("de-DE"), get_locale("en-GB")
    assert (de.typographic("Ergebnis -3,2 % (-12 °C), -5 Punkte")
            == "Ergebnis \u22123,2\u00a0% (\u221212\u00a0°C), \u22125 Punkte")
    for kept in ("E-Mail", "CO2-Ausstoß", "1.-3.", "Seite 5-7", "a=-5", "A-1"):
        assert de.typographic(kept) == kept
    assert de.typographic("1.-3. Mai") == "1.-3.\u00a0Mai"  # the hyphen kept, the day bound to its month
    assert en.typographic("-5", before="b") == "-5"  # ab**-5**: the hyphen follows a word in the span before
    assert en.typographic("-5", before=" ") == "\u22125"


def test_hyphenation_drops_pyphen_compound_artefacts():
    def hyph(word):
        points = break_points(word, "de_DE")
        return "".join(c + ("-" if i + 1 in points else "") for i, c in enumerate(word))
    assert hyph("Fortschreibung") == "Fort-schrei-bung"  # pyphen alone: Fort-s-chrei-bung (one is wrong)
    assert "schafts-stände" in hyph("Gemeinschaftsstände") and "schaftss-" not in hyph("Gemeinschaftsstände")
    assert hyph("verbergen") == "ver-ber-gen"
    # one consonant between two of pyphen's breaks starts the next syllable before a vowel (Fern-w-ärme),
    # unless a part that begins with a vowel follows (Wind-energie, Erdfern-erkundung)
    assert hyph("Fernwärmeleitungen") == "Fern-wär-me-lei-tun-gen"  # pyphen alone: Fern-w-är…, was Fernw-ärme
    assert hyph("Fortsetzung") == "Fort-set-zung" and hyph("Gradtagzahlen") == "Grad-tag-zah-len"
    assert hyph("Windenergieanlagen").startswith("Wind-ener") and hyph("Erdfernerkundung") == "Erd-fern-er-kun-dung"


def test_date_formats_follow_the_language():
    from datetime import UTC, datetime
    moment = datetime(2017, 12, 5, 9, 30, tzinfo=UTC)
    assert get_locale("de-DE").when(moment) == "05.12.2017 09:30 UTC"
    assert get_locale("en-GB").when(moment) == "2017-12-05 09:30 UTC"


def test_english_hyphenation_uses_english_patterns():
    def hyph(word, lang):
        points = break_points(word, lang)
        return "".join(c + ("-" if i + 1 in points else "") for i, c in enumerate(word))
    assert get_locale("en-GB").hyphenation == "en_GB"
    assert hyph("internationalisation", "en_GB") != hyph("internationalisation", "de_DE")
    assert hyph("companies", "en_GB") == "com-pan-ies"  # de_DE patterns: com-pa-nies


def test_typographic_knows_the_character_before():
    de = get_locale("de-DE")
    assert de.typographic('" Ende', before="a") == "“ Ende"  # closes a quote opened in the span before
    assert de.typographic('"Anfang', before=" ") == "„Anfang"
    # a spaced dash never begins a line
    assert de.typographic("geht's -- gut --- oder?") == "geht’s\u00a0– gut\u00a0— oder?"
    en = get_locale("en-GB")  # a plural's possessive: the apostrophe after its s (not a quotation's end)
    assert en.typographic("customers' pipes and Customers' taps.") == "customers’ pipes and Customers’ taps."
    assert de.typographic("Hans' Buch, Max' Rad") == "Hans’ Buch, Max’ Rad"
    assert en.typographic("he said 'the customers' and left") == "he said ‘the customers’ and left"  # a quotation


def test_straight_single_quotes_are_quotations_or_apostrophes():
    en, de = get_locale("en-GB"), get_locale("de-DE")
    assert en.typographic("He says 'no' to that.") == "He says ‘no’ to that."
    assert en.typographic('"She said \'no\' twice," he said.') == "“She said ‘no’ twice,” he said."
    assert en.typographic("served a 'no-fault' notice, the 'welcome home' pack") == \
        "served a ‘no-fault’ notice, the ‘welcome home’ pack"
    assert de.typographic("Er sagt 'nein' dazu, geht's?") == "Er sagt ‚nein‘ dazu, geht’s?"
    # elisions: before digits, a single letter, a word that lost its first letters
    assert en.typographic("The '90s, rock 'n' roll, 'tis the season") == "The ’90s, rock ’n’ roll, ’tis the season"
    assert en.typographic("a 'quote' that 'never closes") == "a ‘quote’ that ’never closes"
    assert en.typographic("'no", after="' he said") == "‘no"  # the span after closes it ('**no**' he said)
    assert en.typographic("' he said", before="'no") == "’ he said"


def test_year_ranges_typed_with_a_hyphen_take_an_en_dash():
    en, de = get_locale("en-GB"), get_locale("de-DE")
    assert (en.typographic("Annual Review 2024-25 (1999-00), 2016-2017.")
            == "Annual Review 2024–25 (1999–00), 2016–2017.")
    assert en.typographic("Annual Review 2024--25") == "Annual Review 2024–25"
    assert de.typographic("2016-2017") == "2016–2017"
    for kept in ("2017-05-03", "2024-26", "2016-2030", "2017-2016", "FY2024-25", "1850-51", "2024-25-07",
                 "tel. 2019-20.5"):
        assert en.typographic(kept).replace("\u00a0", " ") == kept  # (a no-break space after "tel.")


def test_a_day_and_its_month_never_break():
    en, de = get_locale("en-GB"), get_locale("de-DE")
    assert en.typographic("for the year 1 April 2024 to 31 Mar and the 18th July") == \
        "for the year 1\u00a0April 2024 to 31\u00a0Mar and the 18th\u00a0July"
    assert de.typographic("am 1. April und 18. Juli 2025") == "am 1.\u00a0April und 18.\u00a0Juli 2025"
    for kept in ("we 3 may", "page 12 Mayfair", "40 April", "1.5 May"):
        assert en.typographic(kept) == kept


def test_us_dates_times_ranges_and_spaced_dashes_are_bound():
    us, gb, de = get_locale("en-US"), get_locale("en-GB"), get_locale("de-DE")
    nb = "\u00a0"
    assert (us.typographic("went live on June 2, 2025, and Sept. 14th")
            == f"went live on June{nb}2,{nb}2025, and Sept.{nb}14th")
    assert gb.typographic("from 10 a.m. to 9 PM") == f"from 10{nb}a.m. to 9{nb}PM"
    assert de.typographic("ab 18 Uhr") == f"ab 18{nb}Uhr"
    assert us.typographic("storage — now 3-4% of 10-20 MW") == f"storage{nb}— now 3–4% of 10–20{nb}MW"
    assert de.typographic("Wir - die Stadtwerke - mit 3-4 %") == f"Wir{nb}– die Stadtwerke{nb}– mit 3–4{nb}%"
    assert de.typographic("im Mai 3 Projekte") == "im Mai 3 Projekte"  # German writes the day first
    assert (de.typographic("zum Beispiel z. B. und Dr. med. Ohm, d. h. i. d. R. mit Nr. 5 auf S. 12, PDF, 2 MB")
            == f"zum Beispiel z.{nb}B. und Dr.{nb}med. Ohm, d.{nb}h.{nb}i.{nb}d.{nb}R. mit Nr.{nb}5 auf S.{nb}12, "
            f"PDF, 2{nb}MB")
    assert de.typographic("Die Zahl stieg. Dann fiel sie.") == "Die Zahl stieg. Dann fiel sie."
    assert us.typographic("A-3-4%") == "A-3-4%" and us.typographic("v2-3 MW") == f"v2-3{nb}MW"  # no range
    for kept in ("June 2,2025", "March 12,5", "May 2025", "A-3-4", "0-8-15", "COVID-19", "pages 20-10",
                 "2017-05-03", "3-4 people", "— a dash that opens"):
        assert nb not in us.typographic(kept) and us.typographic(kept) == kept, kept


def test_a_regional_language_hyphenates_with_its_regions_dictionary():
    from report.layout.hyphenate import break_points
    us, gb = get_locale("en-US").hyphenation, get_locale("en-GB").hyphenation
    # tech-nol-ogy, tech-no-logy
    assert break_points("technology", us) == [4, 7] and break_points("technology", gb) == [4, 6]
    assert get_locale("en-US").hyphenation == "en_US" and get_locale("en-us").hyphenation == "en_US"
    assert get_locale("en-GB").hyphenation == get_locale("en").hyphenation == "en_GB"
    assert get_locale("de-DE").hyphenation == get_locale("de").hyphenation == "de_DE"
    assert get_locale("de-AT").hyphenation == "de_AT"


@pytest.mark.parametrize(("language", "text", "expected"), [
    # an abbreviation's gap after a sentence that ends in a long word (where the quick search for
    # ". " + what may follow finds "Chicago. B." first): still bound
    ("de-DE", "Wir waren in Chicago. B. 5 folgt", "Wir waren in Chicago. B.\u00a05 folgt"),
    ("de-DE", "in Chicago. z. B. 5 Firmen, i. d. R. Nr. 5",
     "in Chicago. z.\u00a0B.\u00a05 Firmen, i.\u00a0d.\u00a0R.\u00a0Nr.\u00a05"),
    ("de-DE", "a\t-\tb und c\u2003-\u2003d", "a\t–\tb und c\u2003–\u2003d"),  # any space around a dash
    ("de-DE", "Umsatz 2016-17 stieg um 3-4 % auf 87,3 Mio. € (-5 %)",
     "Umsatz 2016–17 stieg um 3–4\u00a0% auf 87,3\u00a0Mio.\u00a0€ (−5\u00a0%)"),
    ("de-DE", "x\u00a0– y und Wort — so", "x\u00a0– y und Wort\u00a0— so"),
    ("de-DE", "am 3. März und 18. Juli 1990 um 18 Uhr", "am 3.\u00a0März und 18.\u00a0Juli 1990 um 18\u00a0Uhr"),
    ("en-GB", "On June 2, 2025 - and 1st June - we met Dr. Smith... 10 a.m. sharp",
     "On June\u00a02,\u00a02025\u00a0– and 1st\u00a0June\u00a0– we met Dr.\u00a0Smith… 10\u00a0a.m. sharp"),
    ("en-US", "On June 2, 2025 - and 1st June -- we met Dr. Smith... 10 a.m.-2 p.m.",  # American: closed em dashes
     "On June\u00a02,\u00a02025—and 1st\u00a0June—we met Dr.\u00a0Smith… 10\u00a0a.m.–2\u00a0p.m."),
    ("de-DE", "Tel. 0341 2345678, IBAN DE89 3704 0044 0532 0130 00, § 72a, S. 14 ff.",
     "Tel.\u00a00341\u00a02345678, IBAN\u00a0DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000, "
     "§\u00a072a, S.\u00a014\u00a0ff."),
])
def test_the_quick_searches_before_each_pattern_miss_nothing(language, text, expected):
    """typographic() runs a pattern only where a quick search finds what it needs (most texts need
    none of them): these texts have what each needs, in the places a search could overlook."""
    assert get_locale(language).typographic(text) == expected


@pytest.mark.parametrize("typed, set_as", [
    ("Huile sur toile, 120x80 cm.", "Huile sur toile, 120\u00a0×\u00a080\u00a0cm."),
    ("ein Raum von 2 x 3 m", "ein Raum von 2\u00a0×\u00a03\u00a0m"),
    ("30 × 40 × 5 mm", "30\u00a0×\u00a040\u00a0×\u00a05\u00a0mm"),
    ("Format 21 x 29,7 cm", "Format 21\u00a0×\u00a029,7\u00a0cm"),
    ("a 3x increase, a 4x4 car, model X5", "a 3x increase, a 4x4 car, model X5"),  # no unit: as typed
])
def test_a_size_typed_with_an_x_gets_the_multiplication_sign(typed, set_as):
    """A French museum's acquisitions list: '120x80 cm' printed with the letter x, where a typesetter
    sets the multiplication sign, bound to both numbers (no line between 120 and 80 cm)."""
    for language in ("fr-FR", "de-DE", "en-GB"):
        assert get_locale(language).typographic(typed).replace("\u202f", "\u00a0") == set_as, language
