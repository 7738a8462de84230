"""The screen edition's structure tree, walked with pikepdf: reading order, headings, alt text,
artifacts, links. The print edition stays untagged."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest

from .conftest import require_tool
from .test_e2e import _norm, source_sentences


def _actual_texts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """(page, MCID) → the ActualText of that marked-content sequence."""
    out = {}
    for n, page in enumerate(pdf.pages):
        for ins in pikepdf.parse_content_stream(page):
            if str(ins.operator) == "BDC" and isinstance(ins.operands[1], pikepdf.Dictionary):
                props = ins.operands[1]
                if "/MCID" in props and "/ActualText" in props:
                    out[(n, int(props.MCID))] = str(props.ActualText)
    return out


def _walk(elem, pages, found, depth=0):
    role = str(elem.S)[1:]
    page = pages.get(elem.Pg.objgen) if "/Pg" in elem else None
    mcids, kids = [], elem.get("/K", [])
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    found.append((role, elem, page, mcids, depth))
    for kid in kids:
        if isinstance(kid, int):
            mcids.append((page, kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            mcids.append((pages[kid.Pg.objgen], int(kid.MCID)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            _walk(kid, pages, found, depth + 1)
    return found


@pytest.fixture(scope="module")
def tree(screen_pdf):
    pdf = pikepdf.open(screen_pdf)
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    yield pdf, _walk(pdf.Root.StructTreeRoot.K, pages, []), _actual_texts(pdf)
    pdf.close()


def test_document_is_marked_and_described(tree):
    pdf, elems, _ = tree
    assert pdf.Root.MarkInfo.Marked is True
    assert elems[0][0] == "Document" and str(elems[0][1].Lang) == "de-DE"
    for i, page in enumerate(pdf.pages):
        assert page.obj.StructParents == i and page.obj.Tabs == "/S"
    meta = pdf.open_metadata()
    assert meta["pdfuaid:part"] == "1" and "Internationalisierung" in meta["dc:title"]
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_narrative_in_reading_order(tree):
    _, elems, texts = tree
    reading = " ".join(texts[m] for role, _e, _p, mcids, _d in elems if role in ("P", "H1", "H2", "Caption")
                       for m in mcids if m in texts)
    flat = _norm(reading)
    # the headline and the image credit sit on the cover, before the lead; the narrative follows in order
    title, *narrative = source_sentences()
    credit = next(x for x in narrative if x.startswith("Bildquelle"))
    narrative.remove(credit)
    assert _norm(title) in flat and _norm(credit) in flat
    pos = 0
    for sentence in narrative:
        found = flat.find(_norm(sentence), pos)
        assert found >= 0, f"not in the structure, or out of order: {sentence}"
        pos = found
    assert "\u00ad" not in reading and "Exportgeschäfts" in reading  # hyphenation does not split words


def test_headings(tree):
    _, elems, texts = tree
    h1 = [" ".join(texts[m] for m in mcids) for role, _e, _p, mcids, _d in elems if role == "H1"]
    # the title once (the cover's; the contents page repeats it as P), then the contents page's own heading
    assert h1[:2] == ["Ein gutes Jahr für Ihre Internationalisierung!", "INHALT"], h1[:2]
    assert h1[2:] == ["Das Jahr in Zahlen", "Erfolgsgeschichten in nackten Zahlen",
                      "Delegationsreisen in die USA und nach Japan", "Ein Tag in Suhl, ein Jahr voller Veranstaltungen",
                      "Kontakt und Impressum"]
    assert sum(1 for e in elems if e[0] == "Sect") == 7  # cover, contents, 4 sections, closing


def test_a_chart_title_is_the_caption_before_its_figure(tree):
    """A chart's title is set as the label of the chart (theme sizes.figure_title, as a table's title),
    not as a sub-heading: tagged Caption, right before the chart's Figure, never a heading."""
    _, elems, texts = tree
    said = [(role, " ".join(texts[m] for m in mcids if m in texts)) for role, _e, _p, mcids, _d in elems]
    titles = ["Das Jahr in Aktivitäten", "Unterwegs in aller Welt", "Reichweite und Teilnehmer"]
    for title in titles:
        at = said.index(("Caption", title))
        assert said[at + 1][0] == "Figure", said[at:at + 2]
    assert not [text for role, text in said if role in ("H1", "H2", "H3") and text in titles]


def test_every_figure_has_alt_text(tree):
    _, elems, _ = tree
    figures = [e for role, e, *_ in elems if role == "Figure"]
    assert len(figures) == 1 + 8 + 3  # cover artwork, key-figure tiles, charts
    assert all(len(str(f.get("/Alt", ""))) > 10 for f in figures)
    alts = [str(f.Alt) for f in figures]
    assert "mehr als 1.000 Thüringer erreicht – an Internationalisierung Interessierte" in alts


def test_quotes_toc_and_links(tree):
    pdf, elems, _ = tree
    roles = [e[0] for e in elems]
    # the pull quotes repeat sentences of the body (repeat: true): artifacts, not read twice
    assert roles.count("BlockQuote") == 0 and roles.count("TOC") == 1 and roles.count("TOCI") == 5
    links = [e for role, e, *_ in elems if role == "Link"]
    assert len(links) >= 5
    for link in links:
        objr = link.K[0]
        assert objr.Type == "/OBJR" and objr.Obj.Subtype == "/Link"
        assert "/StructParent" in objr.Obj and len(str(objr.Obj.Contents)) > 2


def test_everything_drawn_is_tagged_or_an_artifact(screen_pdf):
    """No text or painting outside marked content: furniture is /Artifact, content has an MCID."""
    with pikepdf.open(screen_pdf) as pdf:
        for n, page in enumerate(pdf.pages):
            depth = 0
            for ins in pikepdf.parse_content_stream(page):
                op = str(ins.operator)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                elif op in ("Tj", "TJ", "Do", "f", "S", "B", "re") and depth == 0 and op != "re":
                    pytest.fail(f"page {n + 1}: '{op}' outside marked content")
            assert depth == 0


def test_print_edition_is_not_tagged(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        data = pdf.pages[3].Contents.read_bytes()
        assert not re.search(rb"/MCID", data)


def _struct_text(path) -> str:
    """The text of the structure tree as poppler reads it: glyphs through ToUnicode, no ActualText."""
    exe = require_tool("pdfinfo", "poppler-utils")
    out = subprocess.run([exe, "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(m.group(1) for m in re.finditer(r'^\s*"(.*)"$', out, flags=re.M))


def test_poppler_reads_real_words_in_reading_order(screen_pdf):
    """Without ActualText (poppler ignores it) the words must still come out whole: a space ends every
    line, hyphenation's hyphens are soft hyphens (U+00AD, which poppler drops), a word's own hyphen stays."""
    text = " ".join(_struct_text(screen_pdf).replace("\u00ad", "").split())
    _title, *narrative = source_sentences()
    pos = 0
    for sentence in narrative:
        if sentence.startswith("Bildquelle"):  # on the cover, before the lead
            assert sentence in text
            continue
        found = text.find(sentence, pos)
        assert found >= 0, f"not word for word in poppler's struct text, or out of order: {sentence}"
        pos = found
    assert "Exportgeschäfts" in text and "Exportge-" not in text
    assert "MEHR ALS 1.000 Thüringer erreicht" in text  # a key-figure tile's qualifier, number and label


def test_lines_end_with_a_space_in_the_tagged_edition_only(screen_pdf, print_pdf):
    """Extractors that ignore ActualText (poppler's -struct-text) need the space between lines."""
    with pikepdf.open(screen_pdf) as pdf:
        screen = pdf.pages[3].Contents.read_bytes()
    with pikepdf.open(print_pdf) as pdf:
        printed = pdf.pages[3].Contents.read_bytes()
    paragraphs = re.findall(rb"/P <</MCID .*?EMC", screen, flags=re.S)  # content, not the running head
    line_ends = [c for p in paragraphs for c in re.findall(rb"(.)\) Tj T\*", p)]
    assert len(line_ends) > 10 and line_ends.count(b" ") > len(line_ends) / 2
    assert len(set(line_ends) - {b" ", b"-"}) <= 1  # the rest: the soft hyphen's code, or "Medi-" of "Medi-Pharm"
    assert not re.search(rb" \) Tj T\*", printed)  # the print edition is drawn exactly as before


def test_line_end_hyphens_are_told_apart():
    from report.layout.text import _line_end_hyphen

    words = "Wirtschafts- und Wissenschaftsvertreter der Vietnam Medi-Pharm EXPO und des Exportgeschäfts".split()
    assert _line_end_hyphen("den USA und in Wirtschafts-", words) == "word"  # "Wirtschafts- und": a space follows
    assert _line_end_hyphen("der Vietnam Medi-", words) == "inside"  # the word's own hyphen, no space
    assert _line_end_hyphen("ihres Exportge-", words) == "added"  # hyphenation's: a soft hyphen


def test_chart_alt_text_is_plain_text_not_markup(project, tmp_path):
    # alt is a plain-text field: '<' and '**' are the reader's words, never markup (it used to crash)
    chart = project / "charts" / "aktivitaeten.yaml"
    text = chart.read_text(encoding="utf-8")
    chart.write_text(re.sub(r"(?m)^alt:.*(\n  .*)*", "alt: 'Fewer than 5 <b> trips, **not** bold'", text),
                     encoding="utf-8")
    from report.cli import main
    assert main(["build", str(project), "-o", str(tmp_path / "out"), "--edition", "screen"]) == 0
    with pikepdf.open(tmp_path / "out" / "jahresrueckblick-2017-screen.pdf") as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        alts = [str(e.Alt) for role, e, *_ in _walk(pdf.Root.StructTreeRoot.K, pages, []) if role == "Figure"]
    assert "Fewer than 5 <b> trips, **not** bold" in alts
    # an alt text without the numbers: the chart's data follows as a table of invisible text, whose rows
    # a viewer copies as lines (its cells were drawn over each other: poppler gave one word a line)
    exe = require_tool("pdftotext", "poppler-utils")
    out = subprocess.run([exe, "-layout", str(tmp_path / "out" / "jahresrueckblick-2017-screen.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "Delegations- und Markterkundungsreisen 5" in lines and "Informationsveranstaltungen rund 20" in lines


def test_a_line_break_inside_a_tagged_text_reads_as_a_space(project):
    """A quote's attribution and a table heading's unit follow a line break (<br/>), which reportlab's
    plain text joins without a space: screen readers heard "…dabei.Eine Lesepatin", "2025Mio. €".
    The attribution is a paragraph of its own in the quote's BlockQuote: read in one P with the quote,
    it ran on without a pause ("…dabei.“ Eine Lesepatin", UK finding 24)."""
    import pypdfium2 as pdfium

    from report.build import build

    from .conftest import set_sections
    set_sections(project, {"sections/q.yaml": (
        "kind: text\ntitle: Stimmen\nblocks:\n  - quote: {text: Ich bin seit drei Jahren dabei., "
        "attribution: Eine Lesepatin}\n  - table:\n      title: T\n      alt: A\n      columns: [{name: Bereich}, "
        "{name: '2025', type: number, unit: Mio. €}]\n      rows:\n        - [Netz, 1]\n")})
    pdf = build(project, project.parent / "out", ["screen"]).outputs[0].path
    text = " ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
    assert re.search(r"dabei\.“\s+Eine Lesepatin", text), text
    assert "2025 Mio. €" in text.replace("\u00a0", " "), text
    with pikepdf.open(pdf) as doc:
        pages = {p.obj.objgen: i for i, p in enumerate(doc.pages)}
        elems, said = _walk(doc.Root.StructTreeRoot.K, pages, []), _actual_texts(doc)
        [(quote, at)] = [(e, i) for i, (role, e, *_) in enumerate(elems) if role == "BlockQuote"]
        kids = [(role, [said[m] for m in mcids]) for role, _, _, mcids, depth in elems[at + 1:at + 3]]
        assert [str(k.S) for k in quote.K] == ["/P", "/P"]
    assert kids == [("P", ["„Ich bin seit drei Jahren dabei.“"]), ("P", ["Eine Lesepatin"])]


@pytest.fixture(scope="module")
def links_pdf(tmp_path_factory):
    """A screen edition with links where the layout draws translated: an e-mail address in a paragraph
    right after a bullet list, links in a box's unmarked list, the closing page's e-mail and web."""
    import shutil

    from report.build import build

    from .conftest import ASSETS, SAMPLE_CONTENT, set_sections
    root = tmp_path_factory.mktemp("links")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    project = root / "content"
    items = "".join(f"          - Ein Punkt der Liste mit etwas mehr Text, damit er zwei Zeilen braucht, Nummer {n}.\n"
                    for n in range(1, 4))
    set_sections(project, {"sections/l.yaml": (
        "kind: text\ntitle: Verweise\nblocks:\n  - list:\n      items:\n" + items
        + "  - paragraph: Schreiben Sie an hallo@beispiel.de oder rufen Sie an.\n"
        "  - box:\n      title: Mitmachen\n      blocks:\n        - paragraph: Wir suchen Helfer.\n"
        "        - list:\n            style: none\n            items:\n"
        "              - 'Web: https://www.beispiel.de/mitmachen'\n              - 'Telefon: 0361 123456'\n"
        "              - 'E-Mail: helfer@beispiel.de'\n")})
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "contact:\n", "contact:\n  email: kontakt@beispiel.de\n  web: https://www.beispiel.de\n", 1), encoding="utf-8")
    path = build(project, root / "out", ["screen"]).outputs[0].path
    with pikepdf.open(path) as pdf:
        yield pdf


def test_links_belong_to_the_element_that_shows_them(links_pdf):
    """A Link (OBJR to its annotation) is a child of the P / LBody that shows the link's words: links in
    list items, boxes and on the closing page were given to neighbouring elements or the Document."""
    pdf = links_pdf
    texts = _actual_texts(pdf)
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    document = pdf.Root.StructTreeRoot.K
    seen = []
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            link = parents[int(annot.StructParent)]
            owner = link.P
            assert str(link.S) == "/Link" and owner.objgen != document.objgen, annot.get("/A")
            if "/URI" not in annot.get("/A", {}):
                continue  # a contents line: a TOCI
            uri = str(annot.A.URI)
            shown = uri.removeprefix("mailto:").removeprefix("https://")
            mcids = [mcid for _, _, _, mcids, _ in _walk(owner, pages, []) for mcid in mcids]
            words = " ".join(texts.get(m, "") for m in mcids)
            assert shown in words, (uri, str(owner.S), words)
            seen.append(uri)
    assert {"mailto:hallo@beispiel.de", "https://www.beispiel.de/mitmachen", "mailto:helfer@beispiel.de",
            "mailto:kontakt@beispiel.de", "https://www.beispiel.de"} <= set(seen), seen


def test_a_link_goes_to_the_element_that_drew_it_else_to_the_one_showing_its_target():
    """Boxes of neighbouring elements may both hold a link's middle (a list item's box reaching into the
    next paragraph): the element whose marked content drew the annotation wins, else the one whose
    words show the link's target, else the smallest box."""
    from report.tagging import Elem, Tagger, structure

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(420, 595))
    rect = [60, 100, 200, 112]
    pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=pikepdf.Array(r),
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))))
        for r, uri in ((rect, "mailto:a@b.de"), (rect, "https://c.de/"), (rect, "https://d.de"))])
    tagger = Tagger("de-DE")
    tagger.elems += [Elem("P", 0, bbox=(0, (50, 50, 370, 300)), text="Liste"),  # 1: the biggest box
                     Elem("P", 0, bbox=(0, (50, 90, 370, 130)), text="Ein Punkt"),  # 2: the smallest
                     Elem("P", 0, bbox=(0, (50, 80, 370, 140)), text="Schreiben Sie an a@b.de")]  # 3
    tagger.annots[(0, 2)] = 1
    owners = [owner for _, _, owner, _ in structure._assign_links(pdf, tagger)]
    assert owners == [3, 2, 1]
