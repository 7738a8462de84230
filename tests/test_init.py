"""report init: a new project that builds at once, and never over an existing folder."""

import re

import pytest

from report.cli import main
from report.preflight import preflight


def test_init_then_build(tmp_path, capsys):
    target = tmp_path / "neu"
    assert main(["init", str(target)]) == 0
    content = target / "content"
    assert (content / "report.yaml").read_text(encoding="utf-8").count("#") > 20  # keys are explained
    kinds = {line.split(":", 1)[1].split("#")[0].strip() for p in content.rglob("*.yaml")
             for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("kind:")}
    assert kinds == {"text", "key_figures", "foreword", "bar", "destinations", "line", "donut"}
    blocks = {m for p in content.rglob("*.yaml")
              for m in re.findall(r"^\s*- ([a-z_]+):", p.read_text(encoding="utf-8"), re.M)}
    from report.model import BLOCK_KINDS
    assert set(BLOCK_KINDS) <= blocks  # the templates show every block
    assert (target / "assets" / "fonts" / "OFL.txt").is_file()
    # the design's keys, to uncomment for a corporate design (a designer found no theme.yaml to start from)
    theme = (content / "theme.yaml").read_text(encoding="utf-8")
    assert "size: A4" in theme and "# colours:" in theme and "#   heading: fonts/" in theme
    from report.theme import load_theme
    assert load_theme(content, target / "assets")[0].page.trim == load_theme(target, target / "assets")[0].page.trim
    assert main(["build", str(content), "-o", str(target / "out")]) == 0
    assert not preflight(target / "out" / "jahresrueckblick-print.pdf").failed
    assert (target / "out" / "jahresrueckblick-screen.pdf").stat().st_size > 10_000


def test_init_refuses_a_non_empty_folder(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "not an empty folder" in err and "Traceback" not in err
    assert (tmp_path / "x" / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("language", ["de-DE", "en-GB", "en-US"])
def test_every_key_in_the_templates_is_explained(tmp_path, language):
    assert main(["init", "--language", language, str(tmp_path / "p")]) == 0
    for path in (tmp_path / "p" / "content").rglob("*.yaml"):
        keys, explained = set(), set()
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:- )?([a-z_]+):", line)
            if m:
                keys.add(m.group(1))
                if "#" in line.split(":", 1)[1]:
                    explained.add(m.group(1))
        assert keys - explained == set(), path.name


def test_init_in_english_builds_an_english_report(tmp_path, capsys):
    from .test_e2e import extract_text
    target = tmp_path / "review"
    assert main(["init", "--language", "en-GB", str(target)]) == 0
    content = target / "content"
    text = "\n".join(p.read_text(encoding="utf-8") for p in content.rglob("*.yaml"))
    assert "language: en-GB" in text and "Kapitel" not in text and "Absatz" not in text
    for kind in ("line", "donut", "bar", "destinations"):  # every chart kind, numbers from YAML and CSV
        assert f"\nkind: {kind} " in text
    assert "stacked: true" in text and "data: data/customers.csv" in text
    assert (content / "data" / "generation.csv").read_text(encoding="utf-8").startswith("Month,Generation\nJan,212.4")
    assert main(["build", str(content), "-o", str(target / "out"), "--edition", "screen"]) == 0
    words = extract_text(target / "out" / "annual-review-screen.pdf")
    assert "CONTENTS" in words and "Contact and imprint" in words and "Inhalt" not in words


def test_init_in_us_english_builds_on_letter_with_dollars_and_a_us_address(tmp_path, capsys):
    """A US user's `report init --language en-US` gave A4, £, a London address and 'centre'."""
    import pikepdf

    from .test_e2e import extract_text
    target = tmp_path / "review"
    assert main(["init", "--language", "en-US", str(target)]) == 0
    text = "\n".join(p.read_text(encoding="utf-8") for p in (target / "content").rglob("*.yaml"))
    assert "language: en-US" in text and not re.search(r"£|London|align: centre|organisation\b(?!:)", text)
    assert not re.search(r"pounds|colour|imprint", text)  # alt texts in dollars, comments in American
    from PIL import Image
    with Image.open(target / "assets" / "images" / "cover.jpg") as cover:
        assert cover.size == (2625, 3375)  # 300 ppi over Letter and its 0.125 in bleed
    assert main(["build", str(target / "content"), "-o", str(target / "out"), "--edition", "screen"]) == 0
    pdf = target / "out" / "annual-review-screen.pdf"
    with pikepdf.open(pdf) as p:
        assert [round(float(v)) for v in p.pages[0].mediabox] == [0, 0, 612, 792]  # US Letter
    words = " ".join(extract_text(pdf).split())
    assert "$ thousand" in words and "Annual result in $ million" in words and "Portland, OR 97204" in words
    assert "TABLE OF CONTENTS" in words and "vs. prior year" in words and "Contact information" in words


def test_init_refuses_an_unknown_language(tmp_path, capsys):
    assert main(["init", "--language", "fr-FR", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "no templates in the language 'fr-FR'" in err and "en-GB" in err
    assert "reports in fr-FR build: start from one of these and set 'language: fr-FR'" in err  # French builds
    # every template init writes, the regional ones too (the README suggests de-CH for French)
    assert "use one of: de-DE, de-CH, en-GB, en-US;" in err and "';' between cells and decimal commas" in err
