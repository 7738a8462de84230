"""`decorative: true` on an image: a mood photo or an ornament that says nothing the text does not. The
screen edition draws it as an artifact, which screen readers skip, not as a Figure read out by a filler
alt text (WCAG 2.1 SC 1.1.1; PDF/UA-1 7.3); it takes no alt, and any other image still needs one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from report.build import build

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
from .hostile import at, diagnostics, line_of, make_project, only

SECTION = """kind: text
title: Bilder mit und ohne Aussage
blocks:
  - image: {image: images/cover-artwork.jpg, size: page, decorative: true, credit: "Foto: Stimmung"}
  - paragraph: Ein Absatz nach dem Foto, das nur die Stimmung trägt.
  - image: {image: images/cover-artwork.jpg, caption: Ein Ornament unter dem Absatz., decorative: true, width: 40}
  - image: {image: images/cover-artwork.jpg, caption: Das neue Umspannwerk., alt: Das Umspannwerk von Süden, width: 40}
"""


@pytest.fixture(scope="module")
def screen(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deco")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    shutil.copytree(ASSETS, root / "assets")
    set_sections(content, {"sections/bilder.yaml": SECTION})
    result = build(content, root / "out", ["screen"])
    return next(o.path for o in result.outputs if o.edition == "screen")


def _figures(pdf: pikepdf.Pdf) -> list[str]:
    out, stack = [], [pdf.Root.StructTreeRoot.K]
    while stack:
        elem = stack.pop()
        if elem.get("/S") == "/Figure":
            out.append(str(elem.get("/Alt", "")))
        kids = elem.get("/K", [])
        stack.extend(k for k in (kids if isinstance(kids, pikepdf.Array) else [kids])
                     if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem")
    return out


def _images_drawn(page: pikepdf.Page) -> list[str]:
    """The tag around each image XObject the page draws: 'Figure' or 'Artifact'."""
    images = {str(k) for k, x in (page.Resources.get("/XObject") or {}).items() if x.get("/Subtype") == "/Image"}
    marks, out = [], []
    for ins in pikepdf.parse_content_stream(page):
        op = str(ins.operator)
        if op in ("BDC", "BMC"):
            marks.append(str(ins.operands[0])[1:])
        elif op == "EMC":
            marks.pop()
        elif op == "Do" and str(ins.operands[0]) in images:
            out.append(marks[-1] if marks else "untagged")
    return out


def test_a_decorative_image_is_an_artifact_and_no_figure(screen):
    with pikepdf.open(screen) as pdf:
        figures = _figures(pdf)
        assert "Das Umspannwerk von Süden" in figures  # an image with alt is still read out
        assert len(figures) == 1 + 1  # that image and the cover's artwork: neither decorative image
        drawn = [_images_drawn(page) for page in pdf.pages]
    photo = next(i for i, d in enumerate(drawn) if i > 0 and d == ["Artifact"])  # the page photo, alone
    assert drawn[photo + 1] == ["Artifact", "Figure"]  # the ornament, then the described image
    assert "untagged" not in sum(drawn, [])


def test_an_image_needs_alt_or_decorative(tmp_path):
    content = make_project(tmp_path)
    (content / "sections" / "02-bilanz.yaml").write_text(
        "kind: text\ntitle: Bilder\nblocks:\n"
        "  - image: {image: images/cover-artwork.jpg, caption: Ohne Text.}\n"
        "  - image: {image: images/cover-artwork.jpg, caption: Beides., alt: Ein Bild, decorative: true}\n",
        encoding="utf-8")
    diags = diagnostics(content)
    missing = only([d for d in diags if "missing required key 'alt'" in d.message])
    at(missing, "02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "Ohne Text"))
    assert "decorative: true" in missing.hint
    both = only([d for d in diags if "decorative: true has no alt" in d.message])
    at(both, "02-bilanz.yaml", line_of(content, "sections/02-bilanz.yaml", "Beides"))
    assert both.hint.startswith("remove alt:")
