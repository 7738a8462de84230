"""A French museum's "Rapport d'activité" (fr-FR), as its communications team writes one: a visitor's
words as a pull quote with its attribution, the foundation's decree "du 1er janvier 1998" on the
closing page, an address written "12, rue de l'Abbaye", a line chart in a grid. Each of these came
out wrong in the sample's layout: built once here and read back."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .language_build import lines as pdf_lines

QUOTE = ("kind: text\ntitle: Expositions\nblocks:\n  - paragraph: Trois expositions ont rythmé l'année.\n"
         "  - quote:\n      text: Je suis venue trois fois avec mes petits-enfants. Chaque fois, ils ont"
         " découvert un détail nouveau !\n      attribution: Une visiteuse, livre d'or, juin 2025\n")


@pytest.fixture(scope="module")
def museum(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample in French with the museum's sections: edition → PDF, and the build's result."""
    from report.build import build
    root = tmp_path_factory.mktemp("musee")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    report = root / "content" / "report.yaml"
    text = report.read_text(encoding="utf-8").replace("language: de-DE", "language: fr-FR")
    text = text.replace("  heading: Kontakt und Impressum\n", "")
    report.write_text(text, encoding="utf-8")
    set_sections(root / "content", {"sections/expositions.yaml": QUOTE})
    result = build(root / "content", root / "out")
    return {"result": result, **{o.edition: o.path for o in result.outputs}}


@pytest.mark.parametrize("edition", ["print", "screen"])
def test_a_quote_with_its_attribution_keeps_a_compounds_hyphen(museum: dict, edition: str):
    """The quote breaks at "petits-|enfants" (its own hyphen); wrapped again to count its attribution's
    lines and, on screen, to tag quote and attribution apart, it printed "mes" / "petitsenfants."."""
    text = "".join(pdf_lines(museum[edition]))  # (without spaces: a line ending "petits-" runs on)
    assert "petitsenfants" not in text
    assert "mespetits-enfants.Chaquefois" in text
