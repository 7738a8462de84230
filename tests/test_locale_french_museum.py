"""A French museum's "Rapport d'activité" (fr-FR), as its communications team writes one: a visitor's
words as a pull quote with its attribution, the foundation's decree "du 1er janvier 1998" on the
closing page, an address written "12, rue de l'Abbaye", a line chart in a grid. Each of these came
out wrong in the sample's layout: built once here and read back."""

from __future__ import annotations

import io
import shutil

import pytest

from . import pdf_chars
from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .language_build import lines as pdf_lines

QUOTE = ("kind: text\ntitle: Expositions\nblocks:\n  - paragraph: Trois expositions ont rythmé l'année.\n"
         "  - quote:\n      text: Je suis venue trois fois avec mes petits-enfants. Chaque fois, ils ont"
         " découvert un détail nouveau !\n      attribution: Une visiteuse, livre d'or, juin 2025\n")
PHOTO = ("  - image: {image: images/cover-artwork.jpg, size: page, alt: La salle,"
         " caption: \"La salle du XVIIe siècle, 1er étage\"}\n  - paragraph: Les salles ont rouvert.\n")
FILL = ("Le chantier des collections s'est poursuivi avec le récolement décennal de nombreuses œuvres inscrites"
        " à l'inventaire, dans les réserves mutualisées inaugurées en octobre.")
COLLECTIONS = "kind: text\ntitle: Collections\npage: new\nblocks:\n" + f"  - paragraph: {FILL}\n" * 6
PUBLICS = ("kind: text\ntitle: Des publics toujours plus nombreux\nblocks:\n  - paragraph: Avec 128 450 visiteurs, la"
           " fréquentation progresse de 12,4 % par rapport à 2024. Les visiteurs individuels représentent 61 % du"
           " total, les groupes 14 % et les scolaires 25 %.\n  - chart: mois\n"
           "  - paragraph: Le service des publics a accueilli 1 240 classes.\n")
MONTHS = """kind: bar
title: Fréquentation par mois
caption: Le pic de mai.
source: "Source : billetterie"
alt: Barres de 6 214 à 14 520 visiteurs par mois.
height: 50
categories: [janv., févr., mars, avr., mai, juin, juil., août, sept., oct., nov., déc.]
series:
  - values: [6214, 7105, 9870, 12340, 14520, 13980, 12110, 10650, 11430, 10980, 10015, 9236]
"""


@pytest.fixture(scope="module")
def museum(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample in French with the museum's sections: edition → PDF, and the build's result."""
    from report.build import build
    root = tmp_path_factory.mktemp("musee")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    report = root / "content" / "report.yaml"
    text = report.read_text(encoding="utf-8").replace("language: de-DE", "language: fr-FR")
    text = text.replace("  heading: Kontakt und Impressum\n", "").replace(
        "    - Im Auftrag des Freistaates Thüringen\n",
        "    - Fondation reconnue d'utilité publique par décret du 1er janvier 1998\n").replace(
        "  publisher: Thüringen International\n",
        "  publisher: Thüringen International\n  address: [12, rue de l'Abbaye, 60000 Beauvais]\n")
    report.write_text(text, encoding="utf-8")
    (root / "content" / "charts" / "mois.yaml").write_text(MONTHS, encoding="utf-8")
    set_sections(root / "content", {"sections/expositions.yaml": QUOTE + PHOTO,
                                    "sections/collections.yaml": COLLECTIONS, "sections/publics.yaml": PUBLICS})
    result = build(root / "content", root / "out")
    return {"result": result, **{o.edition: o.path for o in result.outputs}}


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_a_quote_with_its_attribution_keeps_a_compounds_hyphen(museum: dict, edition: str):
    """The quote breaks at "petits-|enfants" (its own hyphen); wrapped again to count its attribution's
    lines and, on screen, to tag quote and attribution apart, it printed "mes" / "petitsenfants."."""
    text = "".join(pdf_lines(museum[edition]))  # (without spaces: a line ending "petits-" runs on)
    assert "petitsenfants" not in text
    assert "mespetits-enfants.Chaquefois" in text


BUDGET = """kind: line
unit: M€
categories: ["2023", "2024", "2025"]
series:
  - name: Budget
    values: [3.1, 3.6, 4.2]
  - name: Ressources propres
    values: [1.0, 1.25, 1.6]
"""


@pytest.mark.parametrize("width_mm", [82, 88])  # a grid's cell on A4 (82 mm), and a little wider
def test_a_name_at_a_line_end_stands_inside_the_chart(width_mm: int):
    """"Ressources propres" at the end of its line in a grid's cell ran 1 to 2 pt past the drawing's
    right edge, which cuts it off: its last letter was missing on the page."""
    import pikepdf

    from report.charts import _kinds
    from report.charts.render import render_pdf
    from report.locale import get_locale
    from report.theme import load_theme

    from .chart_drawing import words
    from .test_chart_kinds import chart
    theme, fonts = load_theme(SAMPLE_CONTENT, ASSETS)
    obj = chart(BUDGET)
    pdf = render_pdf("x", obj, _kinds()[type(obj)], theme, fonts, get_locale("fr-FR"), width_mm * 72 / 25.4).pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        right = float(doc.pages[0].MediaBox[2])
    names = {w.text: w.box for w in words(pdf) if w.text in ("Budget", "Ressources propres")}
    assert set(names) == {"Budget", "Ressources propres"}, words(pdf)
    assert all(box[2] <= right - 0.5 for box in names.values()), (right, names)


def test_white_text_keeps_an_ordinal_on_the_line_rather_than_fail_misregister(museum: dict):
    """White on the back page's colour and on a page photo, "1er janvier" and "XVIIe siècle" set their
    endings as superior letters of 6 pt, and every build's print preflight warned of white text under
    8 pt. Such an ending stands on the line there (the credit line under a photo already did)."""
    preflight = museum["result"].preflight
    assert not [f for f in preflight.findings if f.check == "reversed text" and f.status != "pass"], \
        [f.format() for f in preflight.findings]
    lines = pdf_lines(museum["print"])  # (a raised letter stands on a baseline of its own: not in the line)
    assert any("décretdu1erjanvier1998" in line for line in lines), lines
    assert any("LasalleduXVIIesiècle,1erétage" in line for line in lines), lines


def test_a_section_that_moves_on_whole_keeps_its_chart_and_says_so(museum: dict):
    """"Des publics" opens with three lines and a 50 mm chart: its title keeps them together, but the
    space a chart keeps above its title was not counted, so title and opening stayed at the page's
    foot and the chart went overleaf. Now all of it moves on, and the half-empty page before is a
    warning at the section's title, as a page left short inside a section is."""
    pages: dict[int, str] = {}
    for c in pdf_chars.chars(museum["print"]):
        pages[c.page] = pages.get(c.page, "") + c.text
    title = max(p for p, t in pages.items() if "Despublicstoujoursplusnombreux" in t)  # (not the contents)
    chart = next(p for p, t in pages.items() if "Fréquentationparmois" in t)
    assert title == chart, (title, chart)
    [gap] = [w for w in museum["result"].warnings if "section 'Des publics toujours plus nombreux' starts" in w.message]
    assert f"page {title - 1} ends about " in gap.message and "% of its text area empty" in gap.message, gap.message
    assert "its title, its opening and the chart after it did not fit there" in gap.message, gap.message
    assert gap.pos.file.name == "publics.yaml" and gap.pos.line == 2, gap.format()
    assert "mm (about" in gap.hint and "page: new" in gap.hint, gap.hint


def test_an_address_in_brackets_that_lost_its_house_number_is_a_warning(museum: dict):
    """`address: [12, rue de l'Abbaye, 60000 Beauvais]`, as a French address is written: YAML's comma
    between items made "12" a line of its own on the closing page, silently."""
    [warning] = [w for w in museum["result"].warnings if "house number" in w.message]
    assert warning.message == ("address line 1 '12' is a house number alone: the comma between the items in [ ] "
                               "split it from \"rue de l'Abbaye\"")
    assert warning.pos.file.name == "report.yaml" and warning.pos.col == 13, warning.format()
    assert warning.hint.startswith("quote the line with its comma: address: [\"12, rue de l'Abbaye\", …]")


def test_a_missing_key_in_a_french_report_gets_the_english_example(tmp_path):
    """A French report without `author:` was told "e.g. author: Thüringen International", the German
    sample's organisation: a document in another language than German gets the English example."""
    from .hostile import diagnostics, edit, make_project, only
    content = make_project(tmp_path)
    edit(content, "report.yaml", "language: de-DE", "language: fr-FR")
    edit(content, "report.yaml", "author: Thüringen International", "# (no author)")
    d = only(diagnostics(content))
    assert d.message == "report: missing required key 'author'"
    assert d.hint.endswith("e.g. author: Example Foundation"), d.hint


def test_a_heading_with_inline_markup_is_a_warning(tmp_path):
    """A work's title in italics in a sub-heading, as a museum writes it, printed "Les *Jardins* du
    Nord" with its asterisks: headings and titles take no inline markup. The gender star and a
    spaced asterisk are characters there too, and stay quiet."""
    from report.content import load_document

    from .hostile import edit, make_project
    content = make_project(tmp_path)
    edit(content, "sections/03-highlights.yaml", "title: Delegationsreisen in die USA und nach Japan",
         "title: Delegationsreisen für Lesepat*innen, 3 * 4")
    text = (content / "sections" / "03-highlights.yaml").read_text(encoding="utf-8")
    (content / "sections" / "03-highlights.yaml").write_text(
        text.replace("\nblocks:\n", "\nblocks:\n  - heading: Les *Jardins* du Nord\n  - paragraph: Texte.\n", 1),
        encoding="utf-8")
    doc = load_document(content)
    notes = [w for w in doc.warnings if "inline markup" in w.message]
    assert [w.message for w in notes] == [
        "heading 'Les *Jardins* du Nord' takes no inline markup: its asterisks print as typed"], notes
    assert notes[0].pos.file.name == "03-highlights.yaml" and notes[0].hint.startswith("remove them")
