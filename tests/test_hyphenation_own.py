"""report.yaml's `hyphenation:`, the author's own break points (TeX's \\hyphenation): a Dutch water board's
"medewerker-|stevredenheidsonderzoek" (OpenTaal's patterns break at the linking s wrongly) and a place
name broken "Dokku-|mer" could only be fixed with a soft hyphen in every occurrence. Listed once, a word
breaks only where its entry says, in every section and language; a wrong entry is an error at its place."""

from __future__ import annotations

import pytest

from .hostile import at, diagnostics, edit, line_of, make_project, only
from .language_build import build_in
from .language_build import lines as pdf_lines

OWN = "hyphenation: [medewerkers-tevredenheids-onderzoek, Dokkumer]\n"
# line ends fall at many places of the words (the first word of each paragraph shifts them)
WORDS = (" het medewerkerstevredenheidsonderzoek van dit jaar is bij Dokkumer Ee gehouden, samen met de"
         " collega's van alle afdelingen en teams.") * 3


def _section(language: str | None, name: str) -> str:
    own = f"language: {language}\n" if language else ""
    return (f"kind: text\n{own}title: {name}\nblocks:\n"
            + "".join(f"  - paragraph: {first}{WORDS}\n" for first in ("Zo", "Dus", "Toen", "Daarna", "Intussen")))


@pytest.fixture(scope="module")
def ends(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The line ends that a hyphen ends, of a Dutch report and its German section."""
    pdf = build_in(tmp_path_factory.mktemp("own"), "nl-NL", {
        "sections/nl.yaml": _section(None, "Onderzoek"), "sections/de.yaml": _section("de-DE", "Umfrage")},
        ["print"], report_yaml=OWN)["print"]
    return [line for line in pdf_lines(pdf) if line.endswith("-")]


def test_a_listed_word_breaks_only_where_its_entry_says(ends):
    from report.layout.hyphenate import break_points
    assert 10 in break_points("medewerkerstevredenheidsonderzoek", "nl_NL")  # the dictionary: medewerker-s…
    word = "medewerkerstevredenheidsonderzoek"  # (the PDF's lines are read without their spaces)
    cuts = [k for e in ends for k in range(2, len(word)) if e.lower().endswith(word[:k] + "-")]
    assert len(cuts) >= 3, ends  # the text did break it (else the test shows nothing)
    assert set(cuts) <= {11, 24}, [word[:k] for k in cuts]  # medewerkers-, medewerkerstevredenheids-
    assert not [e for e in ends if e.endswith(("Dok-", "Dokku-"))], ends  # never broken


def test_a_wrong_entry_is_an_error_at_its_place(tmp_path):
    content = make_project(tmp_path)
    edit(content, "report.yaml", "year: 2017\n", 'year: 2017\nhyphenation: [Donau-dampf, "beheer plan"]\n')
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "hyphenation:"), 28)
    assert d.message == "hyphenation: 'beheer plan' is more than one word"
    assert d.hint == "write each word as an entry of its own: [beheer, plan]"
