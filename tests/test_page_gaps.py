"""Pages left largely empty (a Dutch water board's review): a two-column section whose column image
did not shrink and whose last lines took a box along onto a page of their own; a chart that moved on
after a short paragraph; a sub-heading with its portrait moved on, with no word from the build. And a
box in a two-column A4 section set flush left, as the README promises. One build (screen edition)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from report.build import build

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .pdf_chars import chars

FILLER = ("Die Stiftung fördert Projekte in allen Stadtteilen und lädt jedes Jahr zu einem Fest ein, bei dem "
          "Vereine, Schulen und Nachbarn zusammenkommen. ") * 3
P1 = ("De Europese Kaderrichtlijn Water verplicht ons om uiterlijk in 2027 alle waterlichamen in een goede "
      "ecologische en chemische toestand te brengen. In het waterkwaliteitsbeheerplan 2022–2027 staan daarvoor "
      "64 maatregelen, van natuurvriendelijke oevers tot vispassages en het saneren van ongezuiverde lozingen. "
      "Eind 2026 was 71% van die maatregelen uitgevoerd of in uitvoering.")
P2 = ("De chemische toestand verbeterde van 84,0% naar 87,5% van de meetpunten. Zorgen zijn er over de "
      "concentraties van gewasbeschermingsmiddelen in de kleigebieden en over PFAS in het slib van de Dokkumer Ee. "
      "Samen met LTO Noord en de Friese Milieufederatie startte het waterschap het project \"Schoon Erf, Schone "
      "Sloot\", waarin 140 melkveehouders erfafspoeling tegengaan met eenvoudige maatregelen op het eigen erf.")
P3 = ("Bij gemaal De Blauwe Sluis is een vispassage aangelegd waardoor glasaal en driedoornige stekelbaars "
      "vanuit de Waddenzee het binnenwater kunnen bereiken.")
P3_MORE = (" In het eerste halfjaar zijn ruim 38.000 glasaaltjes geteld. Ook werden 23 km natuurvriendelijke oevers "
           "aangelegd, onder meer langs het Dokkumer Grootdiep en de Zuidelijke Ringvaart.")
BOX = ("In de warme zomerweken zijn op 9 van de 31 officiële zwemlocaties waarschuwingen voor blauwalg afgegeven. "
       "Op 2 locaties gold van 4 tot 18 augustus een negatief zwemadvies. Actuele informatie staat op https://www.zwemwater.nl.")
P4 = ("Het aantal meldingen van vissterfte daalde van 47 in 2025 naar 29 in 2026. De meeste meldingen kwamen "
      "binnen tijdens de hittegolf eind juli, toen het zuurstofgehalte in ondiepe sloten ’s nachts sterk daalde. Onze "
      "toezichthouders hebben 1.812 controles uitgevoerd bij bedrijven met een lozingsvergunning; in 6,4% van de "
      "gevallen werd een overtreding geconstateerd.")


def _columns(title: str, third: str, page_new: bool) -> str:
    """The review's two-column section: text, a column image, text, a quote, a box, a last paragraph."""
    return (f"kind: text\nkicker: Waterkwaliteit\ntitle: {title}\ncolumns: 2\n"
            + ("page: new\n" if page_new else "") + "blocks:\n"
            f"  - paragraph: {P1}\n  - paragraph: {P2}\n"
            "  - image: {image: images/gemaal.jpg, caption: Vispassage bij gemaal De Blauwe Sluis in gebruik sinds "
            "12 mei 2026., credit: 'Foto: Waterschap Lage Venen', alt: Een gemaal, width: 48}\n"
            f"  - paragraph: {third}\n"
            "  - quote: {text: Een sloot vol glasaal is het beste bewijs dat schoon water loont., "
            "attribution: 'Fenna Kooistra, heemraad'}\n"
            f"  - box:\n      title: Blauwalg\n      blocks:\n        - paragraph: {BOX}\n"
            f"  - paragraph: {P4}\n")


def _filler(title: str, count: int, page_new: bool = True) -> str:
    return (f"kind: text\ntitle: {title}\n" + ("page: new\n" if page_new else "") + "blocks:\n"
            + "".join(f"  - paragraph: {FILLER}\n" for _ in range(count)))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("gaps")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    shutil.copytree(ASSETS, root / "assets")
    Image.new("RGB", (2400, 1600), (150, 60, 40)).save(root / "assets" / "images" / "gemaal.jpg", "JPEG")
    set_sections(content, {
        "sections/vorher.yaml": _filler("Vorher", 1, page_new=False),
        "sections/schoon.yaml": _columns("Schoon water", P3, page_new=False),
        "sections/vorher2.yaml": _filler("Vorher zwei", 1),
        "sections/schoon2.yaml": _columns("Schoon water twee", P3 + P3_MORE, page_new=False),
        "sections/vorher3.yaml": _filler("Vorher drei", 2),
        "sections/schoon3.yaml": _columns("Schoon water drie", P3 + P3_MORE, page_new=False),
        "sections/zuivering.yaml": _filler("Zuivering", 5)
        + "  - paragraph: Kurz vor dem Diagramm steht dieser Satz.\n"
        + "  - chart: aktivitaeten\n  - paragraph: DREIZEILER " + FILLER[:230] + "\n"
        "  - box:\n      title: Nicht ins Klo\n      blocks:\n        - paragraph: Feuchttücher und Fett.\n",
        "sections/gespraech.yaml": _filler("Gespräch", 5) + "  - paragraph: Kurz vor dem Diagramm steht dieser Satz.\n"
        "  - chart: aktivitaeten\n  - heading: Danach eine Unterüberschrift\n  - paragraph: " + FILLER + "\n",
        "sections/danach.yaml": _filler("Danach", 1),
    })
    result = build(content, root / "out", ["screen"])
    return result.outputs[0].path, [w.format() for w in result.warnings]


def _pages(path: Path) -> dict[int, str]:
    text: dict[int, str] = {}
    for c in chars(path):
        text[c.page] = text.get(c.page, "") + c.text
    return text


def _page_of(pages: dict[int, str], needle: str) -> int:
    """The first page that holds `needle`, not the contents page."""
    return next(no for no, text in sorted(pages.items()) if needle in text and "INHALT" not in text)


def test_a_column_image_is_set_smaller_so_that_its_section_ends_on_its_page(built):
    """H1: the image did not fit under the first two paragraphs and the short third one filled the column,
    leaving 24 mm empty under it; the image then took the top of the next column and the box went on
    with the last paragraph to a page of their own. The image is set smaller (to three quarters of its
    height at most) where the text after it would leave a hole, and the section stays on its page."""
    pdf, warnings = built
    pages = _pages(pdf)
    page = _page_of(pages, "Kaderrichtlijn")
    assert "Blauwalg" in pages[page] and "geconstateerd" in pages[page], "the box and the last lines moved on"
    assert not any("'Schoon water'" in w for w in warnings), warnings


def test_the_last_lines_of_two_columns_do_not_take_a_box_along(built):
    """H1: the section runs over by a few lines (a longer third paragraph). Lifting the columns so that
    the last page holds six lines in each took the box along, which moves on whole: the page before ended
    24 and 34 mm short in its columns, the box and a paragraph stood on a page 80 % empty. The box stays;
    the last lines go on alone, and the section-end warning says how many to cut."""
    pdf, warnings = built
    pages = _pages(pdf)
    page = _page_of(pages, "Schoonwatertwee")
    assert "Blauwalg" in pages[page] and "geconstateerd" in pages[page + 1], "the box went along"
    said = [w for w in warnings if "'Schoon water twee'" in w]
    assert len(said) == 1 and f"ends on page {page + 1} with about" in said[0], warnings


def test_a_section_end_three_quarters_empty_warns(built):
    """H1: where the box and the last paragraph must go on (the section starts lower), their page stays
    three quarters empty: the build says so, as it does for a few lines."""
    _, warnings = built
    said = [w for w in warnings if "'Schoon water drie'" in w]
    assert len(said) == 1, warnings
    assert "lines in each of its 2 columns, which stays" in said[0] and "% empty" in said[0], said
    assert "shorten it by about" in said[0]


def test_a_box_in_a_two_column_a4_section_is_ragged(built):
    """M3: the box in a two-column A4 section (about 43 characters a line of Dutch) was justified, its
    spaces up to twice their width: the README promises it flush left."""
    pdf, _ = built
    page = _page_of(_pages(pdf), "Kaderrichtlijn")
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[page - 1].extract_words()
    start = next(w for w in words if w["text"] == "In" and any(v["text"] == "warme" and abs(v["top"] - w["top"]) < 1
                                                                for v in words))
    lines: dict[float, float] = {}  # the box's lines (its column: from its first line's left edge), their right ends
    for w in words:
        if start["x0"] - 1 <= w["x0"] < start["x0"] + 200 and w["top"] >= start["top"] - 1:
            top = round(w["top"])
            lines[top] = max(lines.get(top, 0.0), w["x1"])
    ends = [x for _, x in sorted(lines.items())][:4]
    assert len(ends) == 4 and max(ends) - min(ends) > 3, ends  # justified lines end alike


def test_a_short_paragraph_after_a_chart_fills_the_page_before_it(built):
    """M5: a chart missed the rest of a page and moved on, and the three lines after it could not fill
    that page (they may go before a figure only where they fill it): a third of an A4 page stayed empty.
    Where more of the section follows (a box), they go before the chart, and the hole is smaller."""
    pdf, warnings = built
    pages = _pages(pdf)
    chart = next(no for no, text in sorted(pages.items()) if "DasJahrinAktivitäten" in text and "Zuivering" not in text)
    assert _page_of(pages, "DREIZEILER") == chart - 1, (chart, _page_of(pages, "DREIZEILER"))
    assert not any("'Zuivering'" in w or "Zuivering" in w.split(":")[0] for w in warnings), warnings


def test_a_page_ending_short_before_a_block_of_its_section_warns(built):
    """M5: a chart followed by a sub-heading (no text to fill before it) moved on and left its page
    ending ten lines short, with no word: the build names the page, how much stayed empty, the block
    and what would keep it there."""
    pdf, warnings = built
    pages = _pages(pdf)
    sub = _page_of(pages, "Danacheine")
    said = [w for w in warnings if "gespraech.yaml" in w]
    assert len(said) == 1, warnings
    assert (f"page {sub - 1} ends about " in said[0] and " lines short, " in said[0]
            and f"of its text area empty: the chart that opens page {sub} did not fit there" in said[0]), said
    assert f"hint: what opens page {sub} must fit in about" in said[0], said
