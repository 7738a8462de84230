"""A foreword signed by several people (`signatories:`): portraits one under the other in the margin
column, signatures with names and roles side by side under the letter; built and read back. The
one-author form and its errors stay as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from report.build import build
from report.content import load_document
from report.errors import ReportError

from .test_text_blocks import REPORT, SECTIONS, make_project

SINGLE = ("portrait", "portrait_alt", "signature", "name", "role")
PEOPLE = [
    {"name": "Dr. Anna Becker", "role": "Kaufmännische Geschäftsführerin", "signature": "images/unterschrift.png",
     "portrait": "images/portrait.jpg", "portrait_alt": "Porträt von Dr. Anna Becker",
     "portrait_credit": "Foto: Studio Nord"},
    {"name": "Thomas Krüger", "role": "Technischer Geschäftsführer", "signature": "images/unterschrift-2.png",
     "portrait": "images/portrait-2.jpg", "portrait_alt": "Porträt von Thomas Krüger",
     "portrait_credit": "Foto: Lena Sørensen"},
]


def _foreword(**changes: Any) -> dict[str, Any]:
    """The test foreword without the one-author keys, with `changes`."""
    base = {k: v for k, v in SECTIONS["vorwort"].items() if k not in SINGLE}
    return {k: v for k, v in {**base, **changes}.items() if v is not None}


def _project(root: Path, foreword: dict[str, Any]) -> Path:
    content = make_project(root, {**REPORT, "sections": ["sections/vorwort.yaml"]}, {"vorwort": foreword})
    images = root / "assets" / "images"
    Image.new("RGB", (480, 600), (150, 110, 90)).save(images / "portrait-2.jpg", dpi=(300, 300))
    signature = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
    signature.paste((80, 40, 10, 255), (100, 140, 800, 160))
    signature.save(images / "unterschrift-2.png")
    return content


def _images(page: Any) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every image placed on a page, in points."""
    return [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4)]


def _alts(path: Path) -> list[str]:
    """The alt texts of the Figure elements, in reading order."""
    out: list[str] = []

    def walk(elem: Any) -> None:
        if elem.get("/S") == "/Figure":
            out.append(str(elem.get("/Alt")))
        kids = elem.get("/K", [])
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)
    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return out


def test_two_signatories_portraits_in_the_margin_and_signatures_side_by_side(tmp_path):
    content = _project(tmp_path, _foreword(signatories=PEOPLE))
    result = build(content, tmp_path / "out", ["screen"])
    assert not result.warnings, [w.format() for w in result.warnings]
    path = result.outputs[0].path
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]  # indices are char indices
        number = next(i for i, t in enumerate(texts) if "Liebe Kundinnen und Kunden" in t and "Herzliche" in t)
        text = texts[number]
        words = ["Ein zweiter Absatz", "Herzliche Grüße", "Dr. Anna Becker", "Kaufmännische Geschäftsführerin",
                 "Thomas Krüger", "Technischer Geschäftsführer"]
        at = [text.find(w) for w in words]
        assert -1 not in at and at == sorted(at), dict(zip(words, at, strict=True))  # all on this page, in order
        page = pdf[number]
        chars = page.get_textpage()
        letter_left = chars.get_charbox(text.find("Ein Brief"))[0]  # charbox: left, bottom, right, top
        closing_bottom = chars.get_charbox(text.find("Herzliche"))[1]
        images = _images(page)
        portraits = sorted((b for b in images if b[2] <= letter_left), key=lambda b: -b[3])
        signatures = sorted((b for b in images if b[0] >= letter_left - 1 and b[3] < closing_bottom),
                            key=lambda b: b[0])
        assert len(portraits) == 2 and len(signatures) == 2, images
        assert portraits[0][1] > portraits[1][3]  # one under the other, the first on top
        assert signatures[0][2] < signatures[1][0]  # side by side, the first on the left
        assert signatures[0][1] == pytest.approx(signatures[1][1], abs=0.5)  # standing on one line
        names = [chars.get_charbox(text.find(n)) for n in ("Dr. Anna", "Thomas")]
        assert names[0][3] == pytest.approx(names[1][3], abs=0.5)  # the names on one line too (tops: 'g' descends)
        assert names[0][0] == pytest.approx(signatures[0][0], abs=1.5)  # each under its signature
        assert names[1][0] == pytest.approx(signatures[1][0], abs=1.5)
        assert all(n[3] < signatures[0][1] for n in names)
    finally:
        pdf.close()
    assert _alts(path)[1:] == ["Porträt von Dr. Anna Becker", "Porträt von Thomas Krüger"]  # after the cover's
    closing = texts[-1].replace("\xa0", " ")
    assert f"S. {number + 1} – Foto: Studio Nord" in closing and f"S. {number + 1} – Foto: Lena Sørensen" in closing


def _errors(root: Path, foreword: dict[str, Any]) -> list[Any]:
    content = _project(root, foreword)
    with pytest.raises(ReportError) as exc:
        load_document(content)
    return exc.value.diagnostics


def _line(root: Path, needle: str) -> int:
    lines = (root / "content" / "sections" / "vorwort.yaml").read_text(encoding="utf-8").splitlines()
    return next(no for no, line in enumerate(lines, start=1) if line.startswith(needle))


def test_both_forms_is_an_error_at_the_one_author_key(tmp_path):
    (d,) = _errors(tmp_path, _foreword(signatories=PEOPLE, name="Erika Muster"))
    assert str(d.pos.file).endswith("sections/vorwort.yaml") and d.pos.line == _line(tmp_path, "name:")
    assert d.message == "foreword: 'name' and 'signatories' are both given"
    assert "move it under one of them" in d.hint and "remove signatories:" in d.hint


def test_neither_form_names_the_missing_keys_and_the_other_form(tmp_path):
    diags = _errors(tmp_path, _foreword())
    assert [d.message for d in diags] == [f"section: missing required key '{k}'"
                                          for k in ("portrait", "portrait_alt", "name")]
    assert all(str(d.pos.file).endswith("sections/vorwort.yaml") and d.pos.line == 1 for d in diags)
    assert diags[2].hint.startswith("add 'name:' (The author's name under the signature.), e.g. name: Dr. Erika")
    assert "signatories:" in diags[2].hint


def test_a_signatory_portrait_needs_its_alt_text(tmp_path):
    people = [{**PEOPLE[0], "portrait_alt": None}, PEOPLE[1]]
    people[0] = {k: v for k, v in people[0].items() if v is not None}
    (d,) = _errors(tmp_path, _foreword(signatories=people))
    assert d.pos.line == _line(tmp_path, "  portrait: images/portrait.jpg")
    assert d.message == "signatory 'Dr. Anna Becker': the portrait has no portrait_alt"
    assert d.hint == "add 'portrait_alt:' (what the portrait shows), e.g. portrait_alt: Porträt von Dr. Anna Becker"


def test_one_signatory_is_not_a_list_of_signatories(tmp_path):
    (d,) = _errors(tmp_path, _foreword(signatories=PEOPLE[:1]))
    assert d.pos.line == _line(tmp_path, "signatories:") + 1
    assert "1 items given, but 2 to 3 are needed" in d.message


def test_the_schema_takes_one_form_or_the_other():
    import jsonschema

    from report.schema import build_schema
    schema = build_schema()
    valid = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/Section"}).is_valid
    single = dict(SECTIONS["vorwort"])
    several = _foreword(signatories=PEOPLE)
    assert valid(single) and valid(several)
    assert not valid({**several, "role": "Geschäftsführerin"}) and not valid({**single, "signatories": PEOPLE})
    assert not valid(_foreword()) and not valid(_foreword(signatories=PEOPLE[:1]))


def test_a_portrait_for_only_some_signatories_warns(tmp_path):
    people = [PEOPLE[0], {k: v for k, v in PEOPLE[1].items() if not k.startswith("portrait")}]
    doc = load_document(_project(tmp_path, _foreword(signatories=people)))
    (w,) = doc.warnings
    assert w.pos.line == _line(tmp_path, "signatories:") + 1
    assert w.message == "foreword: only some signatories have a portrait"
