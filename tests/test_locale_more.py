"""Italian, Spanish, Swedish, Polish, Danish and Portuguese (it, es, sv, pl, da, pt): a communications team in
Milan, Madrid, Stockholm, Warsaw, Copenhagen or Lisbon could not write its review in its own language
("language 'it-IT' is not supported").
Now each is set as its typesetters print it — numbers (1.234.567,5; 1 234 567,5; Spanish and Polish
2350 but 12 345), percentages (12,5% or 12,5 %), quotation marks («…“…”…», ”…’…’…”, „…«…»…”), labels,
the language's hyphenation — and a text in one of them under another's tag is a warning. Each language
is built once (screen edition) and read back."""

from __future__ import annotations

import re

import pikepdf
import pytest

from report.locale import get_locale

from .hostile import at, diagnostics, edit, line_of, make_project, only
from .language_build import build_in
from .language_build import lines as pdf_lines
from .language_build import text as pdf_text

NNBSP, NBSP = "\u202f", "\u00a0"

IT = ("Nel corso dell'anno la fondazione ha accompagnato più di mille imprese nei loro progetti. Il numero dei "
      "partecipanti alle nostre fiere è cresciuto rispetto all'anno precedente, e anche la qualità dei contatti è "
      "stata giudicata positiva. Questo risultato è frutto della collaborazione con le camere di commercio e con i "
      "nostri partner. Sono stati organizzati trenta incontri nella regione, che hanno portato a nuovi accordi. "
      "La nostra rete è stata ampliata e oggi conta venti esperti nel settore della formazione.")
ES = ("Durante el año la fundación acompañó a más de mil empresas en sus proyectos. El número de participantes en "
      "nuestras ferias creció respecto al año anterior, y la calidad de los contactos fue muy positiva. Este "
      "resultado es fruto de la colaboración con las cámaras de comercio y con nuestros socios. También hemos "
      "organizado treinta encuentros, que dieron lugar a nuevos acuerdos. Nuestra red de consultores se amplió "
      "y hoy cuenta con veinte expertos en el sector, pero hay mucho por hacer en los mercados.")


SV = ("Under året har stiftelsen hjälpt mer än tusen företag med deras projekt. Antalet deltagare på våra mässor "
      "ökade jämfört med föregående år, och kvaliteten på kontakterna bedömdes som mycket positiv. Detta resultat "
      "är frukten av samarbetet med handelskamrarna och med våra partner i Europa. Vårt nätverk av rådgivare har "
      "utökats och omfattar i dag tjugo experter inom branschen.")
PL = ("W ciągu roku fundacja wspierała ponad tysiąc przedsiębiorstw w ich projektach. Liczba uczestników naszych "
      "targów wzrosła w porównaniu z poprzednim rokiem, a jakość kontaktów została oceniona bardzo pozytywnie. Ten "
      "wynik jest owocem współpracy z izbami handlowymi oraz z naszymi partnerami w Europie. Nasza sieć doradców "
      "została rozszerzona i dziś liczy dwudziestu ekspertów z branży.")
DA = ("I løbet af året har fonden hjulpet mere end tusind virksomheder med deres projekter. Antallet af deltagere "
      "på vores messer steg i forhold til sidste år, og kvaliteten af kontakterne blev vurderet som meget positiv. "
      "Dette resultat er frugten af samarbejdet med handelskamrene og med vores partnere i Europa. Vores netværk af "
      "rådgivere er blevet udvidet og omfatter i dag tyve eksperter i branchen.")
PT = ("Ao longo do ano, a fundação acompanhou mais de mil empresas nos seus projetos. O número de participantes nas "
      "nossas feiras cresceu face ao ano anterior, e a qualidade dos contactos foi considerada muito positiva. Este "
      "resultado é fruto da colaboração com as câmaras de comércio e com os nossos parceiros na Europa. A nossa rede "
      "de consultores foi alargada e conta hoje com vinte especialistas no setor.")

# tag → what the build is given (a quotation with one inside, a long word and where it may break, a key
# figure's unit) and what the PDF must say
LANGUAGES = {
    "it-IT": dict(
        said='Il presidente ha detto: "Il progetto "Ponte" è un successo" e lo ripete.',
        quoted="«Il progetto “Ponte” è un successo»",
        word="internazionalizzazione", prose=IT, breaks=["in-ter-na-zio-na-liz-za-zione"], amount="€ mln",
        expect=["48.250", "2.350", "+4,2% rispetto all’anno precedente", "12,5%", "+1,2 p.p.", "€ 12,4 mln", "INDICE"],
        table=r"2023\s+1\.234\.567,5\s+12,5\s+2024\s+2\.350\s+8\b"),
    "es-ES": dict(
        said='El presidente dijo: "El proyecto "Puente" es un éxito" y lo repite.',
        quoted="«El proyecto “Puente” es un éxito»",
        word="internacionalización", prose=ES, breaks=["in-ter-na-cio-na-li-za-ción"], amount="M€",
        expect=["48.250", " 2350 ", "+4,2 % respecto al año anterior", "12,5 %", "+1,2 p. p.", "12,4 M€", "ÍNDICE"],
        table=r"2023\s+1\.234\.567,5\s+12,5\s+2024\s+2\.350\s+8\b"),  # 2.350: under 1.234.567,5
    "sv-SE": dict(
        said='Ordföranden sa: "Projektet "Bron" är en framgång" och upprepar det.',
        quoted="”Projektet ’Bron’ är en framgång”",
        word="hållbarhetsredovisning", prose=SV, breaks=["håll-bar-hets-re-do-vis-ning"], amount="mnkr",
        expect=["48 250", "2 350", "+4,2 % jämfört med föregående år", "12,5 %", "+1,2 procentenheter", "12,4 mnkr",
                "INNEHÅLL"],
        table=r"2023\s+1 234 567,5\s+12,5\s+2024\s+2 350\s+8\b"),
    "pl-PL": dict(
        said='Prezes powiedział: "Projekt "Most" to sukces" i to powtarza.',
        quoted="„Projekt «Most» to sukces”",
        word="odpowiedzialności", prose=PL,
        breaks=["od-po-wie-dzial-no-ści", "po-zy-tyw-nie", "han-dlo-wy-mi", "współ-pra-cy"], amount="mln zł",
        expect=["48 250", " 2350 ", "+4,2% r/r", "12,5%", "+1,2 p.p.", "12,4 mln zł", "SPIS TREŚCI"],
        table=r"2023\s+1 234 567,5\s+12,5\s+2024\s+2 350\s+8\b"),
    "da-DK": dict(
        said='Formanden sagde: "Projektet "Broen" er en succes" og gentager det.',
        quoted="»Projektet ›Broen‹ er en succes«",
        word="internationaliseringsprojekter", prose=DA,
        breaks=["in-ter-na-tio-na-li-se-rings-pro-jek-ter"], amount="mio. kr.",
        expect=["48.250", "2.350", "+4,2 % i forhold til sidste år", "12,5 %", "+1,2 pct.-point", "12,4 mio. kr.",
                "INDHOLD"],
        table=r"2023\s+1\.234\.567,5\s+12,5\s+2024\s+2\.350\s+8\b"),
    "pt-PT": dict(
        said='O presidente disse: "O projeto "Ponte" é um sucesso" e repete-o.',
        quoted="«O projeto “Ponte” é um sucesso»",
        word="internacionalização", prose=PT, breaks=["in-ter-na-cio-na-li-za-ção"], amount="M€",
        expect=["48 250", " 2350 ", "+4,2% face ao ano anterior", "12,5%", "+1,2 p.p.", "12,4 M€", "ÍNDICE"],
        table=r"2023\s+1 234 567,5\s+12,5\s+2024\s+2 350\s+8\b"),
}


def _sections(spec: dict) -> dict[str, str]:
    # prose with the long word in it, in paragraphs whose lines end at every place of it (the m… shifts them)
    chunks = re.findall(r"(?:\S+ ?){1,4}", spec["prose"])
    prose = " ".join(f"{spec['word']} {chunk}" if i % 4 == 1 else chunk for i, chunk in enumerate(chunks))
    return {
        "sections/a.yaml": "kind: text\ntitle: Testo\ncolumns: 2\nblocks:\n"
                           f"  - paragraph: >-\n      {spec['said']}\n"
                           + "".join(f"  - paragraph: {'m' * k} {prose}\n" for k in range(1, 6)) +
                           "  - table:\n      title: Tabella\n      alt: Tabella\n"
                           "      columns:\n        - name: Anno\n        - {name: Importo, type: number}\n"
                           "        - {name: Quota, type: number, unit: '%'}\n"
                           "      rows:\n        - ['2023', 1234567.5, 12.5]\n        - ['2024', 2350, 8]\n",
        "sections/kz.yaml": "kind: key_figures\ntitle: Cifre\nfigures:\n"
                            "  - {value: 48250, label: persone, previous: 46300}\n"
                            "  - {value: 2350, label: ospiti}\n"
                            "  - {value: 12.5, unit: '%', label: quota, previous: 11.3, change: absolute}\n"
                            f"  - {{value: 12.4, unit: '{spec['amount']}', label: entrate}}\n"}


@pytest.fixture(scope="module", params=list(LANGUAGES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """A review in the language: edition → PDF."""
    tag = request.param
    return tag, build_in(tmp_path_factory.mktemp(tag), tag, _sections(LANGUAGES[tag]))


def test_the_review_prints_the_languages_numbers_quotes_labels_and_lang(built):
    tag, pdfs = built
    spec, pdf = LANGUAGES[tag], pdfs["screen"]
    text = re.sub(r"\s+", " ", pdf_text(pdf).replace(NNBSP, " "))  # (a no-break space too)
    assert spec["quoted"] in text, text
    for expected in spec["expect"]:
        assert expected in text, (expected, text)
    assert re.search(spec["table"], text), text
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == tag


def test_the_review_is_hyphenated_in_its_language(built):
    """A line that ends inside one of the words breaks it where the language's typesetters do (its own
    dictionary's places, not German's or English's), and some line does."""
    tag, pdfs = built
    words = {w.replace("-", ""): w.split("-") for w in LANGUAGES[tag]["breaks"]}
    heads = []
    for line in pdf_lines(pdfs["print"]):  # (the screen edition's text reads each word whole)
        if line.endswith("-"):
            head = max((word[:i] for word in words for i in range(2, len(word) - 1) if line[:-1].endswith(word[:i])),
                       key=len, default=None)
            if head is not None:
                word = next(w for w in words if w.startswith(head))
                legal = {"".join(words[word][:i]) for i in range(1, len(words[word]))}
                assert head in legal, (line, word, legal)
                heads.append(head)
    assert heads  # the narrow lines did break a word


def test_the_languages_bind_what_their_typesetters_keep_together():
    """Polish never ends a line with a word of one letter (w domu, i nie: "sierotki"); Spanish binds a day,
    its "de" and its month; Italian a title to its name and a number to milioni; Swedish quotes both ends
    with ”; the slug's date is each country's own."""
    from datetime import datetime
    pl, es, it, sv = (get_locale(t) for t in ("pl-PL", "es-ES", "it-IT", "sv-SE"))
    assert pl.typographic("Byliśmy w domu i z nami o 5 listopada prof. Nowak, 12,4 mln zł") == \
        f"Byliśmy w{NBSP}domu i{NBSP}z{NBSP}nami o{NBSP}5{NBSP}listopada prof.{NBSP}Nowak, 12,4{NBSP}mln{NBSP}zł"
    assert es.typographic("el 5 de noviembre, 12,4 millones y la Sra. López") == \
        f"el 5{NBSP}de{NBSP}noviembre, 12,4{NBSP}millones y la Sra.{NBSP}López"
    assert it.typographic("il dott. Rossi, 12,4 milioni, il 25 aprile") == \
        f"il dott.{NBSP}Rossi, 12,4{NBSP}milioni, il 25{NBSP}aprile"
    assert sv.typographic("Hon sa \"det är 'bra'\" i 12 kr") == f"Hon sa ”det är ’bra’” i 12{NBSP}kr"
    br = get_locale("pt-BR")  # Brazil: 1.234,5, “…” with ‘…’ inside, the real's sign before the amount
    assert br.typographic('Ele disse "o projeto "Ponte" é um sucesso" em 5 de novembro, R$ 12,4 mi') == \
        f"Ele disse “o projeto ‘Ponte’ é um sucesso” em 5{NBSP}de{NBSP}novembro, R${NBSP}12,4{NBSP}mi"
    from report.charts.numbers import with_unit
    assert [with_unit("12,4", u, br) for u in ("R$ mi", "%")] == [f"R${NBSP}12,4{NBSP}mi", "12,4%"]
    assert (br.number(2350), br.label("contents"), get_locale("pt-PT").number(2350)) == ("2.350", "Sumário", "2350")
    moment = datetime(2026, 11, 25, 8, 35)
    assert [get_locale(t).when(moment)[:10] for t in ("it-IT", "es-ES", "sv-SE", "pl-PL", "it-CH", "da-DK", "pt-BR")] \
        == ["25/11/2026", "25/11/2026", "2026-11-25", "25.11.2026", "25.11.2026", "25.11.2026", "25/11/2026"]
    from report.layout import hyphenate  # a Danish compound's joint s stays with the first part
    assert hyphenate.break_points("handelsaftaler", "da_DK") == [3, 7, 9, 11]  # han-dels-af-ta-ler, not handel-saftaler
    word = "dell’organizzazione"  # Italian: after an elision, never at the apostrophe
    assert [word[:p] for p, _ in hyphenate.word_breaks(word, hyphenate.hyphenator("it_IT"))] == \
        ["dell’or", "dell’orga", "dell’organiz", "dell’organizza"]
    assert (get_locale("it-CH").number(1234567.5), get_locale("es-MX").number(2350)) == ("1’234’567.5", "2,350")


@pytest.mark.parametrize(("text", "declared", "read_as"), [(IT, "es-ES", "Italian"), (ES, "it-IT", "Spanish"),
                                                            (IT, "fr-FR", "Italian"), (ES, "fr-FR", "Spanish")])
def test_a_text_in_one_language_under_anothers_tag_is_a_warning(tmp_path, text, declared, read_as):
    from report.content import load_document

    from .conftest import set_sections
    content = make_project(tmp_path)
    edit(content, "report.yaml", "language: de-DE", f"language: {declared}")
    set_sections(content, {"sections/a.yaml": f"kind: text\ntitle: T\nblocks:\n  - paragraph: \"{text}\"\n"
                                              f"  - paragraph: \"{text}\"\n"})
    warned = [w for w in load_document(content).warnings if "read as" in w.message]
    assert len(warned) == 1 and f"the sections read as {read_as} (" in warned[0].message, warned
    edit(content, "report.yaml", f"language: {declared}", f"language: {'it-IT' if read_as == 'Italian' else 'es-ES'}")
    assert not [w for w in load_document(content).warnings if "read as" in w.message]


@pytest.mark.parametrize(("written", "hint"), [
    ("it_IT", "write it-IT: the language's code"), ("Italiano", "write it-IT: the language's code"),
    ("Español", "write es-ES: the language's code"), ("svenska", "write sv-SE: the language's code"),
    ("se-SE", "write sv-SE: the language's code"), ("Polski", "write pl-PL: the language's code"),
    ("dansk", "write da-DK: the language's code"), ("pt_br", "write pt-BR: the language's code"),
    ("es-SP", "did you mean es-ES?"), ("sv-SW", "did you mean sv-SE?"), ("sv-SV", "did you mean sv-SE? (or sv-FI)")])
def test_a_language_written_otherwise_is_told_its_tag(tmp_path, written, hint):
    content = make_project(tmp_path)
    edit(content, "report.yaml", "language: de-DE", f"language: {written}")
    diag = only([d for d in diagnostics(content) if d.severity == "error"])  # (and the German text: a warning)
    at(diag, "report.yaml", line_of(content, "report.yaml", "language:"), 11)
    assert diag.hint.startswith(hint), diag.hint
