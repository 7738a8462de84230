"""Text beside a narrower image (layout.beside): built into real PDFs and read back — where the lines
stand against the image (pdfium's character boxes, of the print edition), the space under a figure,
the page break in the text below it, and the reading order of the screen edition's tags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image

from report.build import build
from report.layout.styles import MM

from .pdf_chars import chars
from .test_tagging import _actual_texts, _walk
from .test_text_blocks import REPORT, _sentence, make_project
from .test_text_blocks_layout import _figures

GUTTER = 6 * MM  # the default theme's column gap: between the image and the text beside it
LEADING = 14.5  # the default theme's body leading
COLUMN = 48 * MM  # the default theme's text column starts this far right of the frame's left edge


def _text(word: str, sentences: int, start: int = 0) -> str:
    return f"{word} " + " ".join(_sentence(start + k) for k in range(sentences)) + f" {word}Ende."


def _image(name: str, width: int, align: str, **more: Any) -> dict[str, Any]:
    return {"image": {"image": f"images/{name}.jpg", "caption": f"{name.capitalize()}Bild und seine Unterschrift.",
                      "credit": f"Foto: {name.capitalize()}", "alt": f"{name.capitalize()}Alt", "width": width,
                      "align": align, **more}}


SECTIONS: dict[str, Any] = {
    "rechts": {"kind": "text", "title": "Ein Bild rechts", "page": "new", "blocks": [
        _image("rechts", 45, "right"),
        {"paragraph": _text("ErsterAbsatz", 2)},
        {"paragraph": _text("ZweiterAbsatz", 50, 5)},  # beside the image, below it, and on the next page
        {"heading": "DanachKommt"},
        {"paragraph": "Ein Schlusssatz."}]},
    "schmal": {"kind": "text", "title": "Ein schmales Bild", "page": "new", "blocks": [
        _image("schmal", 20, "right"),  # (text beside it: over 50 characters of the sample a line, justified)
        {"paragraph": _text("Blocksatz", 22)}]},
    "links": {"kind": "text", "title": "Ein Bild links", "page": "new", "blocks": [
        _image("links", 45, "left"),
        {"paragraph": _text("LinkerAbsatz", 22)}]},
    "allein": {"kind": "text", "title": "Ein Bild für sich", "page": "new", "blocks": [
        _image("allein", 45, "right", wrap=False),
        {"paragraph": _text("UnterDemBild", 3)},
        _image("mitte", 45, "center", wrap=True),
        {"paragraph": _text("UnterDerMitte", 3)},
        _image("breit", 60, "right", wrap=True),
        {"paragraph": _text("UnterDemBreiten", 3)}]},
    "silben": {"kind": "text", "title": "Ein Hochformat", "page": "new", "blocks": [  # a Swiss review's page
        _image("hoch", 40, "right"),
        {"paragraph": "Im Unterwerk Grien haben wir die 16-kV-Schaltanlage vollständig erneuert. Die neue "
                      "gasisolierte Anlage braucht weniger Platz, kommt ohne das Treibhausgas SF6 aus und lässt "
                      "sich aus der Netzleitstelle fernsteuern. Die Bauarbeiten dauerten von März bis Oktober "
                      "und verliefen ohne einen einzigen ungeplanten Unterbruch."},
        {"paragraph": "Für 2027 planen wir den Ersatz von weiteren 22 km Mittelspannungskabel sowie den Bau von "
                      "acht neuen Transformatorenstationen. Die Investitionen von rund CHF 11 Mio. sind im "
                      "Budget enthalten. Details zum Umbau zeigt das Bild daneben. SilbenEnde."}]},
    "fuss": {"kind": "text", "title": "Ein Bild am Fuß", "page": "new", "blocks": [
        {"paragraph": _text("Vorlauf", 78)},  # leaves the page's foot too short for the figure
        _image("fuss", 45, "right"),
        {"paragraph": _text("AmFuss", 4, 3)},
        {"paragraph": _text("Weiter", 6, 9)}]},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("umfluss")
    content = make_project(root, REPORT, SECTIONS)
    images = root / "assets" / "images"
    for name, size in {"rechts": (1200, 1500), "schmal": (1500, 1200), "links": (1200, 900), "allein": (1200, 800),
                       "mitte": (1200, 800), "breit": (1500, 600), "fuss": (1200, 1500), "hoch": (1800, 2900)}.items():
        Image.new("RGB", size, (90, 120, 150)).save(images / f"{name}.jpg", dpi=(300, 300))
    result = build(content, root / "out")
    return {"warnings": result.warnings, "content": content, **{o.edition: o.path for o in result.outputs}}


class Page:
    """The characters of a text (print edition) with the image it stands beside."""

    def __init__(self, path: Path, first: str, image: int):
        self.seen = [c for c in chars(path) if c.text.strip()]
        self.text = "".join(c.text for c in self.seen)
        self.page = self.seen[self.text.find(first)].page
        self.image = sorted(b for n, b in _figures(path) if n == self.page)[image] if image >= 0 else None

    def span(self, start: str, end: str) -> list[Any]:
        a = self.text.find(start)
        return self.seen[a:self.text.find(end, a) + len(end)]

    def lines(self, start: str, end: str) -> list[list[Any]]:
        """The lines (by baseline, top to bottom) of the body text from `start` to `end`, per page."""
        by: dict[tuple[int, float], list[Any]] = {}
        for c in self.span(start, end):
            if abs(c.size - 10) > 0.1:  # not the body text: the folio, the running head
                continue
            by.setdefault((c.page, round(c.baseline, 1)), []).append(c)
        return [by[k] for k in sorted(by, key=lambda k: (k[0], -k[1]))]


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] - 0.1 and b[0] < a[2] - 0.1 and a[1] < b[3] - 0.1 and b[1] < a[3] - 0.1


def test_paragraphs_run_beside_a_right_image_then_full_width_below_it_and_on_the_next_page(built):
    p = Page(built["print"], "ErsterAbsatz", 0)
    left, bottom, right, top = p.image
    figure = p.span("RechtsBild", "Foto:Rechts")
    assert all(left - 0.5 <= c.box[0] and c.box[2] <= right + 0.5 for c in figure)  # caption as wide as the image
    foot = min(c.box[1] for c in figure)  # the figure's foot: the credit's
    lines = p.lines("ErsterAbsatz", "ZweiterAbsatzEnde.")
    beside = [ln for ln in lines if ln[0].page == p.page and ln[0].baseline > foot]
    below = [ln for ln in lines if ln not in beside]
    column = min(c.box[0] for ln in lines if ln[0].page == p.page for c in ln)  # the text column's left edge
    # the first line starts at the image's top, left of it; every line beside it ends a gutter before it
    assert top - LEADING < beside[0][0].baseline < top
    assert len(beside) > 10 and {round(ln[0].box[0]) for ln in beside} <= {round(column), round(column) + 1}
    assert all(c.box[2] <= left - GUTTER + 1 for ln in beside for c in ln)
    # "ZweiterAbsatz" starts beside the image and goes on below it, at the full width, and on the next page
    assert any(c.text == "Z" for ln in beside for c in ln[:1]) and below[0][0].page == p.page
    assert max(ln[-1].box[2] for ln in below) == pytest.approx(right, abs=1.5)
    assert all(ln[0].box[0] >= column - 1.5 for ln in below if ln[0].page == p.page)  # an optical margin hangs
    assert below[0][0].box[3] < foot - 0.8 * LEADING  # at least a line's space under the credit
    gap = beside[-1][0].baseline - below[0][0].baseline
    assert gap / LEADING == pytest.approx(round(gap / LEADING), abs=0.02)  # on the lines of the text above
    assert below[-1][0].page == p.page + 1  # the page after: its text column stands elsewhere (mirrored margins)
    # nothing overlaps: no body text on the image or its caption
    body = [c for ln in lines for c in ln if c.page == p.page]
    assert not any(_overlaps(c.box, p.image) for c in body)
    assert not any(_overlaps(c.box, f.box) for c in body for f in figure)
    # the heading after the paragraphs stands below them
    assert p.seen[p.text.find("DanachKommt")].page == p.page + 1


def test_a_figure_that_moves_on_lets_its_text_fill_the_page_foot_first(built):
    """Visual QA: a figure with text beside it that did not fit under the text before it moved on
    with all that text, and the page's foot stayed empty (six lines, about 60 mm). The paragraphs
    fill the foot at the full width; the figure stands at the next page's top with the rest beside it."""
    p = Page(built["print"], "AmFuss", -1)
    lines = p.lines("Vorlauf", "WeiterEnde.")
    here = [ln for ln in lines if ln[0].page == p.page]
    assert p.seen[p.text.find("VorlaufEnde")].page == p.page
    figure_page = p.seen[p.text.find("FussBild")].page
    assert figure_page == p.page + 1 and p.seen[p.text.find("WeiterEnde")].page == figure_page
    right = max(c.box[2] for ln in here for c in ln)
    weiter = [ln for ln in here if "".join(c.text for c in ln).startswith("WeiterProjekt")]
    assert weiter and abs(weiter[0][-1].box[2] - right) < 1  # "Weiter" starts here, at the full width
    foot = min(ln[0].baseline for ln in here)
    full = min(ln[0].baseline for ln in p.lines("Vorlauf", "VorlaufEnde.") if ln[0].page == p.page - 1)
    assert foot - full < 1.5 * LEADING  # the foot is filled as on the full page before it
    image = sorted(b for n, b in _figures(built["print"]) if n == figure_page)[0]
    after = [ln for ln in lines if ln[0].page == figure_page]
    assert image[3] - LEADING < after[0][0].baseline < image[3]  # the rest beside the figure, from its top
    assert all(c.box[2] <= image[0] - GUTTER + 1 for ln in after for c in ln)


def test_text_beside_a_narrow_image_stays_justified_up_to_the_figure_foot(built):
    p = Page(built["print"], "Blocksatz", 0)
    left, _, right, _ = p.image
    foot = min(c.box[1] for c in p.span("SchmalBild", "Foto:Schmal"))
    lines = p.lines("Blocksatz", "BlocksatzEnde.")
    beside = [ln for ln in lines if ln[0].baseline > foot]
    assert len(beside) > 5
    ends = [ln[-1].box[2] for ln in beside]  # the last line beside is justified too: the paragraph goes on
    assert all(abs(e - (left - GUTTER)) < 2.5 for e in ends), [round(left - GUTTER - e, 1) for e in ends]
    below = [ln for ln in lines if ln[0].baseline < foot]
    assert all(abs(ln[-1].box[2] - right) < 2.5 for ln in below[:-1])  # justified at the full width


def test_ragged_text_beside_an_image_hyphenates_sparingly(built):
    """Beside a portrait the text is set flush left in its narrow measure: six of its twenty lines ended
    in a hyphen (Er-satz, De-tails, Mit-telspannungskabel …), where ragged text can let a line end
    short instead (a Swiss review). A hyphen only where a line would end far short: none here."""
    p = Page(built["print"], "ImUnterwerk", 0)
    lines = p.lines("ImUnterwerk", "SilbenEnde.")
    left = p.image[0]
    beside = [ln for ln in lines if ln[0].page == p.page and ln[-1].box[2] <= left]
    assert len(beside) == len(lines) >= 18, [("".join(c.text for c in ln)) for ln in lines]  # all of it beside
    hyphens = ["".join(c.text for c in ln) for ln in beside if ln[-1].text in "-\u00ad\ufffe"]  # (pdfium: U+FFFE)
    assert len(hyphens) <= 1, hyphens
    ends = [ln[-1].box[2] for ln, nxt in zip(beside, beside[1:], strict=False)  # but a paragraph's last line
            if ln[0].baseline - nxt[0].baseline < LEADING + 0.5]
    assert max(ends) - min(ends) < 0.3 * (left - min(c.box[0] for ln in beside for c in ln))  # an even rag still


def test_text_starts_a_gutter_right_of_a_left_image(built):
    p = Page(built["print"], "LinkerAbsatz", 0)
    left, _, right, top = p.image
    figure = p.span("LinksBild", "Foto:Links")
    foot = min(c.box[1] for c in figure)
    lines = p.lines("LinkerAbsatz", "LinkerAbsatzEnde.")
    beside = [ln for ln in lines if ln[0].baseline > foot]
    below = [ln for ln in lines if ln[0].baseline < foot]
    assert top - LEADING < beside[0][0].baseline < top
    assert all(ln[0].box[0] == pytest.approx(right + GUTTER, abs=1.5) for ln in beside)
    assert below and all(ln[0].box[0] == pytest.approx(left + COLUMN, abs=1.5) for ln in below)
    assert all(left - 0.5 <= c.box[0] and c.box[2] <= right + 0.5 for c in figure)
    assert not any(_overlaps(c.box, p.image) for ln in lines for c in ln)


def test_wrap_false_and_a_centred_image_stand_alone_and_the_text_keeps_a_line_below_the_credit(built):
    for first, credit in (("UnterDemBild", "Foto:Allein"), ("UnterDerMitte", "Foto:Mitte")):
        p = Page(built["print"], first, -1)
        foot = min(c.box[1] for c in p.span(credit, credit))
        start = p.seen[p.text.find(first)]
        assert start.box[3] < foot - 0.8 * LEADING  # under the figure, a line's space below its credit
    mitte, breit = [w for w in built["warnings"] if "beside" in w.message]
    assert mitte.message == "no text runs beside this image: it stands centred"
    assert mitte.hint == "write align: left or right, or leave `wrap` out"
    assert breit.message.startswith("no text runs beside this image: the room beside it holds ")
    assert breit.message.endswith("characters of body text, at least 25 are needed")
    widest = re.fullmatch(r"make it at most width: (\d+), or leave `wrap` out", breit.hint)
    assert widest and 45 <= int(widest[1]) < 60  # 45 % has text beside it (above)
    written = (built["content"] / "sections" / "allein.yaml").read_text(encoding="utf-8").splitlines()
    wraps = [no for no, line in enumerate(written, start=1) if "wrap: true" in line]
    assert mitte.pos.file.name == "allein.yaml" and [mitte.pos.line, breit.pos.line] == wraps
    assert all(w.severity == "warning" for w in (mitte, breit))
    assert len([w for w in built["warnings"] if "ends on page" not in w.message]) == 2  # (a short last page: pagefill)


def test_the_figure_is_read_before_the_text_beside_it(built):
    with pikepdf.open(built["screen"]) as pdf:
        pages = {pg.obj.objgen: i for i, pg in enumerate(pdf.pages)}
        elems = _walk(pdf.Root.StructTreeRoot.K, pages, [])
        texts = _actual_texts(pdf)
        order = []
        for role, elem, _page, mcids, _depth in elems:
            said = " ".join(texts[m] for m in mcids if m in texts)
            order.append((role, str(elem.get("/Alt", "")) if role == "Figure" else said))
    at = order.index(("Figure", "RechtsAlt"))
    end = next(i for i in range(at, len(order)) if order[i][0] == "H2")
    said = [(role, text.split()[0] if text else "") for role, text in order[at:end + 1]]
    assert said[:5] == [("Figure", "RechtsAlt"), ("Caption", "RechtsBild"), ("P", "Foto:"), ("P", "ErsterAbsatz"),
                        ("P", "ZweiterAbsatz")]
    # then the second paragraph's parts below the image and on the next pages, and the heading after it
    assert [role for role, _ in said[5:]] == ["P"] * (len(said) - 6) + ["H2"] and len(said) >= 8
    assert "ZweiterAbsatzEnde." in order[end - 1][1].replace(" ", "")


def test_the_last_line_beside_an_image_ends_whole_where_the_split_keeps_a_line_less(project):
    """Visual QA: beside a 46 % image the split kept a line less than the lines were chosen for (no
    widow below it), so the line that ended beside the image was 'has plan-', its rest past the gap."""
    from PIL import Image

    from report.build import build

    from . import pdf_chars
    from .conftest import set_sections
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("language: de-DE", "language: en-GB"),
                      encoding="utf-8")
    Image.new("RGB", (3600, 2400), (90, 120, 60)).save(project.parent / "assets" / "images" / "field.jpg")
    text = ("Energy is our second-largest cost after staff. The solar array at Stainforth, commissioned in June, "
            "supplied 2.1 GWh in its first six months, roughly a fifth of what the treatment works there "
            "consumes. A second array, at Langcliffe, has planning permission and will be built in 2026.")
    set_sections(project, {"sections/w.yaml": (
        "kind: text\ntitle: Wrap\nblocks:\n  - image: {image: images/field.jpg, width: 46, align: right, "
        "caption: Graduate surveyors on Ingleborough., credit: 'Photo: Tom Reeve', alt: x}\n"
        f"  - paragraph: \"{text}\"\n  - paragraph: Our customer helpline answered 186,000 calls.\n")})
    pdf = build(project, project.parent / "out", ["print"]).outputs[0].path
    rows: dict[tuple[int, float], list] = {}
    for c in pdf_chars.chars(pdf):
        rows.setdefault((c.page, round(c.baseline, 1)), []).append(c)
    lines = ["".join(c.text for c in sorted(row, key=lambda c: c.box[0])).replace("\ufffe", "-")
             for _, row in sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[0][1]))]
    beside = [line for line in lines if "Energy" in line or "Stainforth" in line or "array" in line
              or "Langcliffe" in line]
    assert beside and not [line for line in lines if line.endswith("plan-")], lines


def test_the_text_beside_runs_on_beside_the_caption_where_one_line_goes_on_below(project):
    """A Geneva NGO's French page: the paragraph beside a portrait-format image stopped at the image's
    foot ("… tours d'eau. Le"), two lines short of its caption and credit, and went on below them: the
    split kept a widow from going on below the figure, where the rest is on the same page, at the full
    width, one line. The lines beside it now run to the figure's foot."""
    import pdfplumber
    from PIL import Image

    from report.build import build

    from .conftest import set_sections
    Image.new("RGB", (1200, 1600), (70, 110, 130)).save(project.parent / "assets" / "images" / "puits.jpg")
    set_sections(project, {"sections/m.yaml": (
        "kind: text\ntitle: Haut Atlas\nlanguage: fr-CH\nblocks:\n"
        "  - image: {image: images/puits.jpg, width: 40, align: right, caption: La khettara restaurée d'Aït Ben "
        "Haddou., credit: 'Photo : Youssef Amrani', alt: Un puits}\n"
        "  - paragraph: \"Dans la province d'Ouarzazate, nous avons restauré en 2026 douze khettaras -- ces galeries "
        "souterraines qui captent l'eau de la nappe depuis des siècles. Plus de 18 400 personnes en bénéficient. "
        "Le coût total s'élève à CHF 1 486 200, dont 62,5% financés par la DDC.\"\n"
        "  - paragraph: \"Pourquoi les khettaras ? Parce qu'elles fonctionnent sans pompe ni électricité; elles "
        "demandent seulement un entretien régulier : curage, consolidation des puits, partage des tours d'eau. "
        "Le 1er mars, les associations d'usagers ont adopté une charte commune.\"\n"
        "  - paragraph: Les femmes de la vallée ont créé trois coopératives de séchage de dattes.\n")})
    pdf = build(project, project.parent / "out", ["screen"]).outputs[0].path
    with pdfplumber.open(pdf) as doc:
        page = next(p for p in doc.pages if "Amrani" in (p.extract_text() or ""))
        image = max(page.images, key=lambda i: i["width"] * i["height"])
        words = page.extract_words()
    credit = max(w["bottom"] for w in words if w["text"] == "Amrani")
    beside = [w["bottom"] for w in words if w["x1"] < image["x0"] and w["top"] > image["top"] - 5
              and w["bottom"] < credit + 20]
    assert max(beside) > image["bottom"] + 5, (max(beside), image["bottom"], credit)  # beside the caption too


def test_an_interview_runs_beside_its_portrait(project):
    """A foundation's interview: questions and answers after a portrait set left stood below it, a
    third of the page white beside the portrait."""
    import pypdfium2 as pdfium

    from report.build import build

    from .conftest import set_sections
    set_sections(project, {"sections/iv.yaml": (
        "kind: text\ntitle: Im Gespräch\nblocks:\n  - image: {image: images/cover-artwork.jpg, width: 35, "
        "align: left, caption: Anna Ohm leitet das Projekt., alt: Porträt}\n"
        "  - question: Frau Ohm, wie kam es zu dem Projekt?\n"
        "  - paragraph: Wir haben gesehen, dass viele Kinder kaum Bücher zu Hause haben.\n"
        "  - question: Was hat Sie überrascht?\n  - paragraph: Wie schnell die Eltern mitgemacht haben.\n")})
    pdf = pdfium.PdfDocument(build(project, project.parent / "out", ["print"]).outputs[0].path)
    page = next(pdf[i] for i in range(len(pdf)) if "Frau Ohm" in pdf[i].get_textpage().get_text_range())
    text = page.get_textpage()
    whole = text.get_text_range()

    def box(words: str) -> tuple[float, float, float, float]:
        return text.get_charbox(whole.index(words))

    question, caption = box("Frau Ohm"), box("Anna Ohm")
    assert question[0] > caption[0] + 40 * 72 / 25.4, (question, caption)  # right of the portrait
    assert box("Was hat Sie")[1] > caption[3], (box("Was hat Sie"), caption)  # beside it, above its caption


def test_an_image_too_wide_for_text_beside_it_says_so_unasked(project):
    """A charity's case-study photo, width: 50, align: right, on A5: the text started below it and the
    room beside it stayed empty, without a word; the helpful note came only with `wrap: true`."""
    from PIL import Image

    from report.build import build

    from .conftest import set_sections
    Image.new("RGB", (1500, 1000), (90, 120, 60)).save(project.parent / "assets" / "images" / "wide.jpg")
    set_sections(project, {"sections/w.yaml": (
        "kind: text\ntitle: Bild\nblocks:\n  - image: {image: images/wide.jpg, width: 70, align: right, "
        "caption: Ein Bild., alt: x}\n  - paragraph: Ein Absatz danach.\n")})
    warnings = [w for w in build(project, project.parent / "out", ["screen"]).warnings if "beside" in w.message]
    (w,) = warnings
    assert w.message.startswith("no text runs beside this image, which leaves the room beside it empty: the room "
                                "beside it holds ")
    assert re.fullmatch(r"make it at most width: \d+, or write wrap: false to set it alone across the width", w.hint)
    assert w.pos.file.name == "w.yaml" and w.pos.line == 4


def test_a_question_at_a_figure_foot_goes_below_it_and_a_paragraph_goes_on_a_line_below_it(styles):
    """Foundation user 10: an interview's question was the last line beside a photo, its answer below
    the caption; and a paragraph that went on below a figure did so two empty lines under its last line
    beside it, which read as a new paragraph. The question goes below with its answer; the paragraph
    goes on on the first line clear of the figure's foot."""
    from reportlab.platypus import Spacer

    from report.layout.beside import CLEAR_LINES, TextBeside
    from report.layout.text import Paragraph

    body, asked = styles.para("body"), styles.para("question")
    leading = body.leading

    def para(text: str, style: Any, head: bool = False) -> Any:
        p = Paragraph(text, style)
        p.head = head
        return p

    def plan(fig_h: float, paragraphs: list[Any]) -> tuple[Any, list[Any]]:
        beside = TextBeside([Spacer(60 * MM, fig_h)], paragraphs, "right", 60 * MM, GUTTER, 0.0, leading)
        return beside._plan(150 * MM)

    answer = para("Wir haben gesehen, dass viele Kinder kaum Bücher zu Hause haben.", body)
    _, h = answer.wrap(150 * MM - 60 * MM - GUTTER, 1e6)
    question = para("Was hat Sie überrascht?", asked, head=True)
    _, q = question.wrap(150 * MM - 60 * MM - GUTTER, 1e6)
    # the figure ends just under the question: no line of its answer beside it
    gap = max(answer.getSpaceAfter(), question.getSpaceBefore())
    placed, rest = plan(h + gap + q + leading / 2, [answer, question, para(_text("Antwort", 3), body)])
    assert rest[0] is question and placed.height == pytest.approx(h + gap + q + leading / 2)
    # … and where the page ends below the figure, the question keeps room for its answer's start there too
    beside = TextBeside([Spacer(60 * MM, placed.height)], [answer, question, rest[1]], "right", 60 * MM, GUTTER,
                        0.0, leading)
    parts = beside.split(150 * MM, placed.height + leading)
    assert type(parts[1]).__name__ == "KeepRoom" and parts[2] is question, parts

    # a paragraph that goes on below the figure: its last line beside it half a line above the foot
    long = para(_text("Lang", 12), body)
    placed, rest = plan(5.5 * leading, [long])
    (beside_y,) = [top + f.height for f, _, top in placed.items if f is not placed.items[0][0]]
    below = placed.height + placed.spaceAfter  # where the rest of it starts
    assert below - beside_y == pytest.approx(leading), (below - beside_y) / leading  # the very next line
    assert below - placed.height >= CLEAR_LINES * leading - 0.01
