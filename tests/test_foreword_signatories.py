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


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The foreword by PEOPLE, both editions."""
    root = tmp_path_factory.mktemp("two")
    result = build(_project(root, _foreword(signatories=PEOPLE)), root / "out")
    assert not result.warnings, [w.format() for w in result.warnings]
    return {o.edition: o.path for o in result.outputs}


def _page(pdf: Any) -> tuple[int, str]:
    """The foreword's page: its index and text (indices are char indices)."""
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    number = next(i for i, t in enumerate(texts) if "Liebe Kundinnen und Kunden" in t and "Herzliche" in t)
    return number, texts[number]


def _all(text: str, needle: str) -> list[int]:
    """Where `needle` starts in `text`, every time."""
    out, at = [], text.find(needle)
    while at != -1:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def test_two_signatories_portraits_in_the_margin_and_signatures_side_by_side(two):
    path = two["screen"]
    pdf = pdfium.PdfDocument(str(path))
    try:
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        number, text = _page(pdf)
        after = text.find("Herzliche Grüße")  # the names under the signatures (those under the portraits come first)
        words = ["Ein zweiter Absatz", "Herzliche Grüße", "Dr. Anna Becker", "Kaufmännische Geschäftsführerin",
                 "Thomas Krüger", "Technischer Geschäftsführer"]
        at = [text.find(w, after if i > 1 else 0) for i, w in enumerate(words)]
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
        names = [chars.get_charbox(text.find(n, after)) for n in ("Dr. Anna", "Thomas")]
        assert names[0][3] == pytest.approx(names[1][3], abs=0.5)  # the names on one line too (tops: 'g' descends)
        assert names[0][0] == pytest.approx(signatures[0][0], abs=1.5)  # each under its signature
        assert names[1][0] == pytest.approx(signatures[1][0], abs=1.5)
        assert all(n[3] < signatures[0][1] for n in names)
        assert "Dr. Anna Becker Kaufmännische Geschäftsführerin" in text  # the caption's tagged text, words apart
    finally:
        pdf.close()
    assert _alts(path)[1:] == ["Porträt von Dr. Anna Becker", "Porträt von Thomas Krüger"]  # after the cover's
    closing = texts[-1].replace("\xa0", " ")
    assert f"S. {number + 1} – Foto: Studio Nord" in closing and f"S. {number + 1} – Foto: Lena Sørensen" in closing


def _under_portraits(path: Path, lines: list[str]) -> tuple[list[Any], dict[str, Any]]:
    """The portraits' boxes, top first, and the box (left, bottom, right, top) of each of `lines`
    where it stands in the margin column, left of the letter. Read from the print edition: the
    screen edition's tagged paragraphs carry their text as /ActualText, which pdfium reads as one
    run over all their lines."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        number, text = _page(pdf)
        page = pdf[number]
        chars = page.get_textpage()
        letter_left = chars.get_charbox(text.find("Ein Brief"))[0]
        portraits = sorted((b for b in _images(page) if b[2] <= letter_left), key=lambda b: -b[3])
        boxes = {}
        for line in lines:
            for at in _all(text, line):
                first, last = chars.get_charbox(at), chars.get_charbox(at + len(line) - 1)
                if last[2] < letter_left:
                    boxes[line] = (first[0], min(first[1], last[1]), last[2], max(first[3], last[3]))
        return portraits, boxes
    finally:
        pdf.close()


def test_each_portrait_has_its_signatorys_name_and_role_under_it(two):
    credits, roles = ["Foto: Studio Nord", "Foto: Lena Sørensen"], ["Kaufmännische", "Technischer"]
    portraits, boxes = _under_portraits(two["print"], [p["name"] for p in PEOPLE] + roles + credits)
    assert len(portraits) == 2 and len(boxes) == 6, boxes
    for n, person in enumerate(PEOPLE):
        image = portraits[n]
        name, role, credit = boxes[person["name"]], boxes[roles[n]], boxes[credits[n]]
        assert name[0] == pytest.approx(image[0], abs=1)  # flush with the portrait's left edge
        assert image[1] > name[3] > name[1] > role[3] > role[1] > credit[3]  # under it: name, role, credit
        if n + 1 < len(portraits):
            assert credit[1] > portraits[n + 1][3]  # above the next portrait


def test_names_long_and_a_portrait_missing(tmp_path):
    """The first signatory has no portrait: the one portrait shown is named as the second's. A long
    name and role wrap in the margin column and in their column under the letter, at word breaks,
    a double name at its own hyphen, and never run into the neighbours."""
    third = {"name": "Prof. Dr.-Ing. Maximiliane Oberländer-Schwarzenbach", "portrait": "images/portrait.jpg",
             "role": "Vorsitzende des Aufsichtsrats und Sprecherin der Gesellschafterversammlung",
             "portrait_alt": "Porträt von Prof. Dr.-Ing. Maximiliane Oberländer-Schwarzenbach"}
    people = [{k: v for k, v in PEOPLE[0].items() if not k.startswith("portrait")}, PEOPLE[1], third]
    result = build(_project(tmp_path, _foreword(signatories=people)), tmp_path / "out", ["print"])
    assert [w.message for w in result.warnings] == ["foreword: only some signatories have a portrait"]
    path = result.outputs[0].path
    portraits, boxes = _under_portraits(path, ["Dr. Anna Becker", "Thomas Krüger", "Prof. Dr.-Ing. Maximiliane",
                                               "Oberländer-Schwarzenbach", "Gesellschafterversammlung"])
    assert "Dr. Anna Becker" not in boxes  # no portrait, so no name in the margin
    assert len(portraits) == 2
    assert portraits[0][1] > boxes["Thomas Krüger"][3] > portraits[1][3]  # under the first portrait shown
    # the long name on two lines under the last portrait, the role after it; all left of the letter
    last = portraits[1]
    assert last[1] > boxes["Prof. Dr.-Ing. Maximiliane"][3] > boxes["Oberländer-Schwarzenbach"][3] \
        > boxes["Gesellschafterversammlung"][3]
    pdf = pdfium.PdfDocument(str(path))
    try:
        number, text = _page(pdf)
        chars = pdf[number].get_textpage()
        under = text[text.find("Herzliche Grüße"):].replace("\ufffe", "-")  # pdfium: U+FFFE for a line-end hyphen
        assert "Maxi-" not in under and "derSchwarzenbach" not in under  # not 'Maxi-miliane', 'Oberlän-derSchw…'
        assert "Oberländer-Schwarzenbach" in under  # broken after its own hyphen, which it keeps
        offset = text.find("Herzliche Grüße")
        lefts = {}  # every line of the third column starts at one left edge, right of the second column
        for line in ("Thomas Krüger", "Technischer", "Prof. Dr.-Ing.", "Schwarzenbach", "Gesellschafterversammlung"):
            at = text.find(line, offset)
            assert at != -1, line
            lefts[line] = chars.get_charbox(at)
        second_right = max(chars.get_charbox(text.find(w, offset) + len(w) - 1)[2]
                           for w in ("Thomas Krüger", "Geschäftsführer"))
        third_lefts = [lefts[w][0] for w in ("Prof. Dr.-Ing.", "Schwarzenbach", "Gesellschafterversammlung")]
        assert max(third_lefts) - min(third_lefts) < 1 and min(third_lefts) > second_right
        page_right = pdf[number].get_width()
        last_char = text.find("Gesellschafterversammlung", offset) + len("Gesellschafterversammlung") - 1
        assert chars.get_charbox(last_char)[2] < page_right - 20  # inside the text frame, not off the page
    finally:
        pdf.close()


def test_a_transparent_signature_keeps_its_transparency_in_both_editions(two):
    """A scanned signature with alpha was laid on white and stored as JPEG (a white box on any other
    ground, fringes around the strokes). Now it takes the logo's way: stored losslessly with its
    alpha as a soft mask, in print converted to CMYK on a page that blends in CMYK."""
    ground = (30, 120, 60)  # what shows through: rendered on green instead of white paper
    for edition, space in (("print", "/DeviceCMYK"), ("screen", "/DeviceRGB")):
        pdf = pdfium.PdfDocument(str(two[edition]))
        try:
            number, _ = _page(pdf)
            page = pdf[number]
            boxes = [b for b in _images(page) if b[2] - b[0] > b[3] - b[1]]  # the signatures: portraits stand upright
            scale = 2
            picture = page.render(scale=scale, fill_color=(*ground, 255)).to_pil().convert("RGB")
            top = page.get_height()
        finally:
            pdf.close()
        assert len(boxes) == 2, boxes
        for left, bottom, right, high in boxes:
            # down the middle, by share of the height from the top as in the file: clear above and
            # below the stroke (rows 140–160 of 300), the stroke dark
            clear, stroke = ([picture.getpixel((round((left + right) / 2 * scale),
                                                round((top - high + share * (high - bottom)) * scale)))
                              for share in shares] for shares in ((0.15, 0.85), (0.5,)))
            assert all(abs(a - b) <= 2 for pixel in clear for a, b in zip(pixel, ground, strict=True)), (edition, clear)
            assert max(stroke[0]) < 100, (edition, stroke)
        with pikepdf.open(two[edition]) as doc:
            page = doc.pages[number]
            images = [x for x in page.Resources.XObject.values() if x.get("/Subtype") == "/Image"]
            images = [x for x in images if x.Width > x.Height]  # the signatures (portraits are taller than wide)
            assert len(images) == 2
            for image in images:
                filters = image.Filter if isinstance(image.Filter, pikepdf.Array) else [image.Filter]
                assert list(filters) == ["/FlateDecode"] and image.ColorSpace == space, (edition, filters)
                assert image.SMask.ColorSpace == "/DeviceGray"
            if edition == "print":  # blended in the output condition's CMYK
                assert page.Group.S == "/Transparency" and page.Group.CS == "/DeviceCMYK"


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
