"""Flowables alone, through wrap/split: widows, orphans, keep-with-next, tile grid splitting."""

import pytest
from reportlab.platypus import Paragraph

TEXT = " ".join(["Thüringer Unternehmen beim Ausbau ihres Exportgeschäfts unterstützen."] * 12)


def _lines(p: Paragraph, width: float) -> int:
    p.wrap(width, 10_000)
    return len(p.blPara.lines)


def test_no_orphan_first_line_alone(styles):
    style = styles.para("body")
    p = Paragraph(TEXT, style)
    assert _lines(p, 300) > 4
    # room for exactly one line at the foot of a frame: the paragraph moves on whole
    assert p.split(300, style.leading * 1.2) == []


def test_no_widow_last_line_alone(styles):
    style = styles.para("body")
    n = _lines(Paragraph(TEXT, style), 300)
    parts = Paragraph(TEXT, style).split(300, style.leading * (n - 1) + 1)
    assert len(parts) == 2
    parts[1].wrap(300, 10_000)
    assert len(parts[1].blPara.lines) >= 2


def test_headings_keep_with_next(styles):
    assert styles.para("h1").keepWithNext and styles.para("kicker").keepWithNext
    assert styles.para("body").alignment == 4  # justified


def test_body_text_is_hyphenated(styles):
    p = Paragraph("Wissenschaftsdelegationen " * 6, styles.para("body"))
    p.wrap(120, 10_000)
    ends = [line.words[-1] if hasattr(line, "words") else line[1][-1] for line in p.blPara.lines[:-1]]
    assert any(str(e).endswith("-") for e in ends), ends



def test_long_contents_continue_on_the_next_page(project, tmp_path):
    """Sixty sections: the contents list splits across pages instead of failing or jumping a page."""
    import pikepdf

    from report.build import build

    from .conftest import many_sections
    many_sections(project, 60)
    out = build(project, tmp_path, ["screen"]).outputs[0]
    with pikepdf.open(out.path) as pdf:
        links = [len([a for a in p.get("/Annots", []) if a.Subtype == "/Link"]) for p in pdf.pages]
    assert links[1] >= 10 and links[2] >= 10  # starts under the lead on page 2, continues on page 3
    assert sum(links) == 61  # one line for each of the 60 sections and the closing page


def _line_texts(p) -> list[str]:
    out = []
    for line in p.blPara.lines:
        words = line[1] if isinstance(line, tuple) else [w for f in line.words for w in [f.text]]
        out.append(" ".join(str(w) for w in words))
    return out


def test_a_word_wider_than_a_heading_is_hyphenated_and_no_other(styles):
    """Headings are not hyphenated, but a word wider than the line was cut anywhere, without a
    hyphen ('Donaudampfschifffahrtsgesellschafts|kapitänsmützen'): such a word is hyphenated at a
    hyphenation point, the other words of the heading are left whole."""
    from report.layout.text import Paragraph as ReportParagraph
    long = "Donaudampfschifffahrtsgesellschaftskapitänsmützen"
    style = styles.para("h1")
    width = 300
    from reportlab.pdfbase.pdfmetrics import stringWidth
    assert stringWidth(long, style.fontName, style.fontSize) > width
    p = ReportParagraph(f"{long} und außerordentlich lange Überschriften im Jahresrückblick", style)
    p.wrap(width, 10_000)
    lines = _line_texts(p)
    cut = [line for line in lines if line.endswith(("-", "\xad"))]
    assert cut and all(line.split()[-1].rstrip("-\xad") in long for line in cut), lines  # only the long word
    joined = "".join(line.rstrip("-\xad") if line in cut else line + " " for line in lines).strip()
    assert joined == f"{long} und außerordentlich lange Überschriften im Jahresrückblick"  # no letter lost
    short = ReportParagraph("Außerordentlich lange Überschriften im Jahresrückblick der Stadtwerke", style)
    short.wrap(width, 10_000)
    assert all(not line.endswith(("-", "\xad")) for line in _line_texts(short))


def test_a_heading_asks_for_the_space_above_a_chart_or_table_too(styles):
    """A chart or table keeps a space above its title (a Spacer before the KeepTogether); the room a
    heading asks for counts it, or the heading stays at the page foot while the chart moves on."""
    import io

    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepTogether, Spacer

    from report.layout.flow import KeepRoom, keep_heads

    heading = Paragraph("Sechs Reihen", styles.para("h2"))
    heading.head = True
    chart = KeepTogether([Paragraph("Titel", styles.para("h2")), Spacer(0, 150)])
    story = keep_heads([heading, Spacer(0, 14), chart, Spacer(0, 11)])
    room = story[0]
    assert isinstance(room, KeepRoom) and room.following is chart
    room.canv = Canvas(io.BytesIO())
    room.wrap(400, 1000)
    _, h = heading.wrap(400, 1000)
    chart.wrapOn(room.canv, 400, 1000)
    assert room.height == pytest.approx(h + heading.getSpaceBefore() + heading.getSpaceAfter() + 14 + chart._H
                                       + chart.getSpaceBefore())


def test_a_key_figure_label_hyphenates_its_overlong_word_only(styles):
    """A tile's label is set as a heading: on a small page a compound wider than the tile
    ("Grundstücksverkehrsgenehmigungen", A5) is hyphenated, the label's other words stay whole
    (the tile had its own rule, which hyphenated every word of such a label)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from report.layout.keyfigures import _label_style
    from report.layout.text import Paragraph as ReportParagraph
    style, width = _label_style(styles), 130
    label = "Erteilte Grundstücksverkehrsgenehmigungen und Bescheide für Unternehmen"
    assert stringWidth("Grundstücksverkehrsgenehmigungen", style.fontName, style.fontSize) > width
    assert all(stringWidth(w, style.fontName, style.fontSize) < width / 2 for w in ("Erteilte", "Bescheide"))
    p = ReportParagraph(label, style)
    p.wrap(width, 10_000)
    lines = _line_texts(p)
    cut = [line for line in lines if line.endswith(("-", "\xad"))]
    assert cut and all(line.split()[-1].rstrip("-\xad") in "Grundstücksverkehrsgenehmigungen" for line in cut), lines
    joined = "".join(line.rstrip("-\xad") if line in cut else line + " " for line in lines).strip()
    assert joined == label


def test_a_balanced_label_never_cuts_a_word_that_fits_its_line(styles):
    """Balancing a heading's lines narrows them while their number stays; reportlab cuts a word wider
    than the narrowed line anywhere, without a hyphen: the sample's own tile read 'Delegations- und Ma' /
    'rkterkundungsreisen'. The narrowing stops before a word is cut."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from report.layout.keyfigures import _label_style
    from report.layout.text import Paragraph as ReportParagraph
    style = _label_style(styles)
    label = "Delegations- und Markterkundungsreisen"
    width = stringWidth(label, style.fontName, style.fontSize) * 0.75  # two lines
    assert stringWidth("Markterkundungsreisen", style.fontName, style.fontSize) < width
    p = ReportParagraph(label, style)
    p.wrap(width, 10_000)
    assert _line_texts(p) == ["Delegations- und", "Markterkundungsreisen"]


def _quote(styles, text: str, attribution: str | None, column_x: float | None):
    """A pull quote as a section lays it out, at A4 (column_x 0: in a column of a two-column section)."""
    from report.layout.context import LayoutContext
    from report.layout.section import BLOCK_LAYOUTS
    from report.layout.templates import A4, Geometry
    from report.model import Quote
    ctx = LayoutContext(doc=None, styles=styles, locale=styles.locale, geometry=Geometry(*A4), charts={},
                        prepare_image=None, text_width=styles.theme.page.text_width, column_x=column_x)
    [quote] = BLOCK_LAYOUTS[Quote](ctx, Quote(text=text, attribution=attribution))
    return quote


@pytest.mark.parametrize("column_x", [None, 0.0])
def test_a_short_pull_quote_moves_on_whole(styles, column_x):
    """A pull quote is kept together, as a box is: in a column of a two-column section it was split
    between the columns ('…greater scale,' left, 'better than anyone else.' right)."""
    quote = _quote(styles, " ".join(["Wir haben mehr Menschen erreicht als je zuvor."] * 3), "Erika Muster", column_x)
    width = styles.theme.page.text_width if column_x is None else 240
    _, h = quote.wrap(width, 10_000)
    assert 4 * styles.theme.sizes.quote_leading < h < quote.page_h / 2  # several lines, so it could be split
    assert quote.split(width, h / 2) == []


def _split_lines(parts) -> list[int]:
    return [len(p.para.blPara.lines) for p in parts]


def test_a_long_pull_quote_keeps_two_lines_with_its_attribution(styles):
    """A quote taller than half a page splits, but its last line is never carried alone with the
    attribution to the next page (nor does its first line stand alone)."""
    text = " ".join(["Ich war achtunddreißig Jahre lang Lehrer und habe die Kinder vermisst."] * 14)
    quote = _quote(styles, text, "Wolfgang H., Lesepate an der Grundschule Rothenditmold", None)
    _, h = quote.wrap(300, 10_000)
    assert h > quote.page_h / 2
    leading = styles.theme.sizes.quote_leading
    lines = len(quote.para.blPara.lines)
    alone = _quote(styles, text, None, None)
    alone.wrap(300, 10_000)
    attribution = lines - len(alone.para.blPara.lines)
    assert attribution >= 1
    # room for all but the last line: the last two lines of the quote go on with the attribution
    parts = quote.split(300, (lines - attribution - 1) * leading + 1)
    for part in parts:
        part.wrap(300, 10_000)
    assert len(parts) == 2 and sum(_split_lines(parts)) == lines
    assert _split_lines(parts)[1] == attribution + 2
    # room for one line only: the quote moves on whole
    assert quote.split(300, leading + 1) == []


def _grid(styles, tiles: int, needed: float, columns: int = 2):
    from report.layout.context import LayoutContext
    from report.layout.keyfigures import TileGrid
    from report.layout.templates import A4, Geometry
    ctx = LayoutContext(doc=None, styles=styles, locale=styles.locale, geometry=Geometry(*A4), charts={},
                        prepare_image=None, text_width=styles.theme.page.text_width)
    from types import SimpleNamespace
    return TileGrid(ctx, [SimpleNamespace(previous=None, change="none")] * tiles, [needed] * tiles, columns=columns)


@pytest.mark.parametrize("tiles", [3, 5, 7, 9, 11])
def test_a_tile_grid_never_leaves_one_tile_alone_on_a_page(styles, tiles):
    """Seven tiles on A5 put six on one page and the seventh, spanning the row, alone on the next: a
    row more goes with it (or all three tiles of a small grid)."""
    from reportlab.platypus import PageBreak

    from report.layout.keyfigures import MIN_TILE_H
    grid = _grid(styles, tiles, 0.0)
    row = MIN_TILE_H + grid.gap
    for rows_room in range(1, grid.rows):  # room for 1 … all but one of the rows
        parts = grid.split(400, rows_room * row + 1)
        grids = [p for p in parts if not isinstance(p, PageBreak)]
        assert all(len(g.figures) > 1 for g in grids), (rows_room, [len(g.figures) for g in grids])
        if parts:  # the rest on the next page, as high as the tiles before it
            assert isinstance(parts[1], PageBreak) and sum(len(g.figures) for g in grids) == tiles
            assert grids[0].needed == grids[1].needed[:1] * len(grids[0].figures)


@pytest.mark.parametrize(("tiles", "columns", "rows"), [(10, 3, [3, 3, 2, 2]), (7, 3, [3, 2, 2]), (4, 3, [2, 2]),
                                                    (5, 4, [3, 2]), (9, 4, [4, 3, 2]), (11, 5, [5, 3, 3]),
                                                    (8, 3, [3, 3, 2]), (9, 2, [2, 2, 2, 2, 1])])
def test_a_last_tile_never_stands_alone_in_three_columns_or_more(styles, tiles, columns, rows):
    """Ten key figures in three columns stood 3 + 3 + 3 + 1, the tenth a slab across the page, half of it
    empty (an Austrian and a Dutch review): the last two rows share their tiles, each row's tiles its
    width; in two columns the odd last tile still spans its row."""
    grid = _grid(styles, tiles, 40.0, columns)
    grid.wrap(480, 2000)
    boxes = grid.boxes()
    by_row: dict[float, list[tuple[float, float, float]]] = {}
    for box in boxes:
        by_row.setdefault(box[1], []).append(box)
    assert [len(r) for _, r in sorted(by_row.items(), reverse=True)] == rows
    for row in by_row.values():  # each row fills the width, its tiles alike
        assert abs(row[-1][0] + row[-1][2] - 480) < 0.01 and len({round(w, 3) for _, _, w in row}) == 1


def test_a_tile_grid_that_must_split_is_shared_evenly(styles):
    """Eight tiles with room for three rows: 4 + 4, not 6 and then 2 alone on the next page; a grid
    starting low on its page keeps what fits there."""
    from reportlab.platypus import PageBreak

    from report.layout.keyfigures import MIN_TILE_H
    grid = _grid(styles, 8, MIN_TILE_H)
    row = MIN_TILE_H + grid.gap
    sizes = [len(p.figures) for p in grid.split(400, 3 * row + 1) if not isinstance(p, PageBreak)]
    assert sizes == [4, 4]
    sizes = [len(p.figures) for p in grid.split(400, 1 * row + 1) if not isinstance(p, PageBreak)]
    assert sizes == [2, 6]
    # ten in three columns: 3 + 2 on each page, not 3 + 3 and then 3 + 1 (a Belgian review's pages 4 and 5)
    grid = _grid(styles, 10, MIN_TILE_H, columns=3)
    sizes = [len(p.figures) for p in grid.split(400, 3 * row + 1) if not isinstance(p, PageBreak)]
    assert sizes == [5, 5]


def test_eight_short_tiles_stay_on_one_a5_page(tmp_path):
    """On A5 the tiles' padding shrinks with the page (the texts keep their sizes): eight tiles of one-line
    labels missed the page by a few millimetres and split."""
    import pdfplumber

    from report.cli import main
    main(["init", str(tmp_path / "p"), "--language", "en-GB"])
    content = tmp_path / "p" / "content"
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    figures = content / "sections" / "02-key-figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8") + "".join(
        f"  - value: {v}\n    label: {label}\n" for v, label in [(3, "new offices"), (250, "volunteers"),
                                                                   (18, "tonnes saved")]), encoding="utf-8")
    assert main(["build", str(content), "-o", str(tmp_path / "out"), "--edition", "screen"]) == 0
    with pdfplumber.open(next((tmp_path / "out").glob("*-screen.pdf"))) as pdf:
        pages = [n for n, page in enumerate(pdf.pages) for label in ("events", "tonnes saved")
                 if label in (page.extract_text() or "")]
    assert len(pages) == 2 and pages[0] == pages[1], pages


def test_a_tile_grid_shrinks_to_its_texts_to_stay_on_one_page(styles):
    """Where the design's least tile height would carry the last row over and the tiles' texts need
    less, the tiles are lower and the grid stays whole."""
    from report.layout.keyfigures import MIN_TILE_H
    grid = _grid(styles, 7, MIN_TILE_H * 0.7)
    room = 4 * MIN_TILE_H * 0.8 + 3 * grid.gap
    _, h = grid.wrap(400, room)
    assert h <= room and grid.tile_h >= MIN_TILE_H * 0.7
    from report.layout.keyfigures import TIGHT_GAP, TIGHT_TOP
    tighter = _grid(styles, 7, MIN_TILE_H * 0.9)  # set tighter (less padding over and under the number)
    assert tighter.wrap(400, room)[1] <= room and tighter.tight
    more = MIN_TILE_H * 0.8 + TIGHT_TOP + TIGHT_GAP + 1  # texts that need more than even that: it splits
    assert _grid(styles, 7, more).wrap(400, room)[1] > room


def test_contents_a_few_lines_too_long_are_set_tighter_to_stay_on_their_page():
    """Seven contents lines spilled onto a page of their own (US Letter, sub-headings listed): lines
    up to a quarter too many for the room are set closer together instead (SQUEEZE); more than
    that splits as before."""
    from report.layout.contents import SQUEEZE, ContentsLines, Row
    rows = [Row(None, None, None, 20.0)] * 10  # 200 pt of lines
    lines = ContentsLines(rows)
    assert lines.wrap(300, 170)[1] <= 170 and lines.scale == pytest.approx(170 / 200, abs=1e-3)
    assert lines.wrap(300, 250)[1] == 200 and lines.scale == 1  # room enough: as designed
    short = 200 * SQUEEZE - 5  # tighter than the design allows: split between the pages
    assert lines.wrap(300, short)[1] == 200 and len(lines.split(300, short)) == 3  # a page break between


@pytest.mark.parametrize("better", ["higher", "lower"])
def test_a_fall_is_good_news_where_lower_is_better(project, tmp_path, better):
    """Leakage, costs, emissions: a fall is good news, but its arrow was always drawn in the accent
    colour of bad news. `better: lower` draws it in the colour a rise has elsewhere."""
    import re

    import pikepdf

    from report.build import build
    sec = project / "sections" / "01-zahlen.yaml"
    fall = f"  - value: 5\n    previous: 8\n    better: {better}\n    label: Länder\n"
    sec.write_text(sec.read_text(encoding="utf-8").replace("  - value: 5\n    label: Länder\n", fall), encoding="utf-8")
    result = build(project, tmp_path / "out", ["screen"])
    with pikepdf.open(result.outputs[0].path) as pdf:
        ops = b"".join(page.Contents.read_bytes() for page in pdf.pages)
    # the arrow: a fill colour set, then a closed path of three points, filled
    arrow = re.search(rb"([\d.]+) ([\d.]+) ([\d.]+) rg\s+n?\s*[\d.]+ [\d.]+ m\s+(?:[\d.]+ [\d.]+ l\s+){2}h\s+f", ops)
    assert arrow, "no arrow drawn"
    rgb = tuple(round(float(v) * 255) for v in arrow.groups())
    # accent | secondary, in the shade that stands out 4.5 : 1 from the tile's tint, as the words beside it
    expected = {"higher": (0xB0, 0x54, 0x00), "lower": (0x00, 0x7B, 0x76)}[better]
    assert all(abs(a - b) <= 1 for a, b in zip(rgb, expected, strict=True)), rgb


def test_a_photo_that_just_misses_the_page_is_set_smaller_to_stay(styles):
    """A portrait after a section's last lines did not fit the rest of the page: it moved on whole
    and left two half-empty pages. Down to three quarters of its height it is set smaller instead,
    in its place (centred stays centred); any shorter room and it moves on as before."""
    import io

    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Spacer

    from report.layout.section import MIN_SHRINK, PlacedImage, ShrinkToFit
    image = PlacedImage("unused.jpg", 200, 300, "Ein Porträt", x=100, align="center")
    caption = Paragraph("Bildunterschrift unter dem Porträt.", styles.para("caption"))
    figure = ShrinkToFit([image, Spacer(0, 6), caption], image, [caption], 400)
    figure.canv = Canvas(io.BytesIO())  # as a frame gives it
    natural = 300 + 6 + caption.wrap(400, 1000)[1]
    parts = figure.split(400, natural - 40)  # 40 pt short: set at ~87 %
    assert image in parts and image.height < 300 and image.height >= MIN_SHRINK * 300
    assert image.height + 6 + caption.height <= natural - 40
    assert abs((image.x + image.width / 2) - (100 + 200 / 2)) < 0.01  # still centred where it was
    assert caption.style.leftIndent == pytest.approx(image.x)  # its caption under its left edge
    parts = figure.split(400, natural - 120)  # 120 pt short: it would be set under 75 %
    assert image.height == 300 and parts[0] is not image  # a break first: it moves on whole
    assert caption.style.leftIndent == 0  # and its caption as designed


def test_a_heading_keeps_the_room_two_columns_need_or_goes_on_with_them(styles, tmp_path):
    """reportlab's balanced columns start on the next page where less than `needed` (72 pt) is left
    (after their space before, counted twice): three lines of room under a section's title were not
    enough, and the title stood alone at the page foot while its two-column text began overleaf."""
    import pypdfium2 as pdfium
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from report.layout.columns import Columns
    from report.layout.flow import keep_heads

    heading = Paragraph("Kopfzeile", styles.para("h2"))
    heading.head = True
    body = styles.para("body")
    cols = Columns([Paragraph("Spaltentext " + "wort " * 300, body)], 12, leftPadding=0, rightPadding=0,
                   topPadding=0, bottomPadding=0, spaceBefore=4, spaceAfter=8)
    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), invariant=1)
    _, hh = heading.wrap(doc.width, doc.height)
    room = hh + heading.getSpaceBefore() + heading.getSpaceAfter() + 4 * body.leading  # 4 lines, < 72 pt
    doc.build(keep_heads([Spacer(0, doc.height - 12 - room), heading, cols]))
    pdf = pdfium.PdfDocument(str(tmp_path / "c.pdf"))
    try:
        pages = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    assert next(n for n, t in enumerate(pages) if "Kopfzeile" in t) == next(
        n for n, t in enumerate(pages) if "Spaltentext" in t)


def test_two_columns_that_begin_with_a_block_too_tall_for_the_room_left_start_on_the_next_page(styles, tmp_path):
    """An image in a column (or a short quote) that starts a run of columns and does not fit the rest of
    the page: reportlab raised 'cannot make initial split' (a traceback for a layout the user made)."""
    import pypdfium2 as pdfium
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from report.layout.columnfigure import Stack
    from report.layout.columns import Columns

    figure = Stack([Paragraph("Bildunterschrift", styles.para("caption")), Spacer(0, 240)], 700, whole=True)
    cols = Columns([figure, Paragraph("Spaltentext " + "wort " * 100, styles.para("body"))], 12, leftPadding=0,
                   rightPadding=0, topPadding=0, bottomPadding=0, spaceBefore=4, spaceAfter=8)
    doc = SimpleDocTemplate(str(tmp_path / "c.pdf"), invariant=1)
    doc.build([Spacer(0, doc.height - 12 - 100), cols])  # 100 pt left: more than reportlab's 72, less than it
    pdf = pdfium.PdfDocument(str(tmp_path / "c.pdf"))
    try:
        pages = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    assert "Bildunterschrift" in pages[1] and "Spaltentext" in pages[1]


def test_eleven_key_figures_stand_in_three_columns_on_one_page(project):
    """Visual QA: eleven tiles in two columns ran 8 + 3 over two pages, the second two-thirds empty.
    Nine or more stand in three columns where a third of the text width holds a tile; the tiles of a
    last row that is not full share its width."""
    import pypdfium2 as pdfium

    from report.build import build

    from .conftest import set_sections
    figures = "".join(f"  - {{value: {100 + i}, label: Kennzahl {i}}}\n" for i in range(11))
    set_sections(project, {"sections/k.yaml": f"kind: key_figures\ntitle: Das Jahr in Zahlen\nfigures:\n{figures}"})
    pdf = pdfium.PdfDocument(build(project, project.parent / "out", ["print"]).outputs[0].path)
    pages = [i for i in range(len(pdf)) if "Kennzahl" in pdf[i].get_textpage().get_text_range()]
    assert len(pages) == 1, pages
    text = pdf[pages[0]].get_textpage()
    starts = {}  # value → x of its first digit
    for k in range(text.count_chars() - 2):
        three = text.get_text_range(k, 3)
        if three.isdigit() and 100 <= int(three) <= 110 and three not in starts:
            starts[three] = round(text.get_charbox(k)[0])
    assert len(starts) == 11 and len({starts[str(100 + i)] for i in range(9)}) == 3, starts
    assert starts["109"] == starts["100"] and starts["101"] < starts["110"] < starts["102"], starts  # halves


def test_a_foreword_closing_that_does_not_fit_takes_lines_of_the_letter_along(styles):
    """At 170 × 240 mm a foreword's closing line and signatures went alone onto a second page: where
    they do not fit under the letter, its last LINES_WITH_CLOSING lines go over with them."""
    from reportlab.platypus import Spacer

    from report.layout.columnfigure import Stack
    from report.layout.foreword import LINES_WITH_CLOSING
    from report.layout.pagefill import SectionEnd
    from report.layout.text import Paragraph as ReportParagraph
    leading = styles.theme.sizes.leading
    letter = ReportParagraph("Ein Satz über das Jahr der Stiftung und ihre Lesepaten. " * 12, styles.para("body"))
    ending = Stack([ReportParagraph("Mit herzlichen Grüßen", styles.para("body")), Spacer(0, 30 * 2.8346)], 700,
                   whole=True)
    end = SectionEnd([letter, ending], leading, anchored=True, lines_with_last=LINES_WITH_CLOSING)
    _, letter_h = letter.wrap(300, 10_000)
    _, ending_h = ending.wrap(300, 10_000)
    parts = end.split(300, letter_h + ending_h / 2)  # the letter fits, its closing does not
    assert len(parts) == 2 and isinstance(parts[1], SectionEnd)
    over = parts[1].items
    assert over[-1] is ending and len(over) == 2
    over[0].wrap(300, 10_000)
    assert len(over[0].blPara.lines) >= LINES_WITH_CLOSING


def test_a_sections_last_quote_takes_lines_of_the_text_before_it_along(styles):
    """A section ending with a pull quote that did not fit left its page with the quote (and a footnote)
    alone: the text before it goes over with it, as with a foreword's closing; a quote after a table or
    chart (no text to take along) stays as it was."""
    from types import SimpleNamespace

    from reportlab.platypus import Spacer

    from report.layout.pagefill import LINES_WITH_WHOLE, SectionEnd, _with_end
    from report.layout.section import PullQuote
    from report.layout.text import Paragraph as ReportParagraph
    ctx = SimpleNamespace(styles=styles)
    paras = [ReportParagraph("Ein Satz. " * 20, styles.para("body")) for _ in range(2)]
    quote = PullQuote(ReportParagraph("„Ein Zitat.“", styles.para("quote")), 0, None, 6, 700)
    flow = _with_end(ctx, [*paras, quote])
    assert isinstance(flow[-1], SectionEnd) and flow[-1].items == [*paras, quote]
    assert flow[-1].lines_with_last == LINES_WITH_WHOLE
    table = Spacer(0, 100)
    assert _with_end(ctx, [table, quote]) == [table, quote]


def test_a_section_title_keeps_its_short_opening_with_the_figure_after_it(styles):
    """The German init project's 'Zahlen im Bild': title and a three-line opening at a page's foot, the
    chart they open on the next page. The title keeps room for the opening and the figure (a long opening
    keeps three lines, as before; a sub-heading as before)."""
    import io

    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepTogether, Spacer

    from report.layout.flow import KeepRoom, keep_heads
    from report.layout.text import Paragraph as ReportParagraph
    title = ReportParagraph("Zahlen im Bild", styles.para("h1"))
    title.head, title.starts_section = True, True
    opening = ReportParagraph("Diagramme holen ihre Zahlen aus ihrer Datei. " * 3, styles.para("body"))
    chart = KeepTogether([Spacer(0, 300)])
    room = next(f for f in keep_heads([title, opening, Spacer(0, 10), chart]) if isinstance(f, KeepRoom))
    room.canv = Canvas(io.BytesIO())
    room.wrap(400, 10_000)
    assert room.then is chart and room.height >= 300
    long = ReportParagraph("Ein langer Absatz über das Jahr. " * 40, styles.para("body"))
    room = next(f for f in keep_heads([title, long, chart]) if isinstance(f, KeepRoom))
    room.canv = Canvas(io.BytesIO())
    room.wrap(400, 10_000)
    assert room.height < 300  # its first lines only
    # a foundation's balance sheet (`place: here`, kept whole): its section's title and two-line opening
    # stood at a page's foot, the statement alone overleaf
    from report.layout.table.breaks import KeptTable
    pinned = KeptTable([ReportParagraph("Bilanz", styles.para("body")), Spacer(0, 280)], whole=True)
    room = next(f for f in keep_heads([title, opening, Spacer(0, 10), pinned]) if isinstance(f, KeepRoom))
    room.canv = Canvas(io.BytesIO())
    room.wrap(400, 10_000)
    assert room.then is pinned and room.height >= 280


@pytest.mark.parametrize("attribution", [None, "Eine Projektleiterin"])
def test_a_pull_quotes_bar_ends_at_its_last_line(styles, attribution):
    """The accent bar runs from the quote's first line to the foot of its last: where that is the
    attribution's smaller line, to its descender (it ran 4.5 pt further, below the name, in the box of
    the quote's leading). A quote without one keeps the bar it had: to its last line box's foot."""
    import io

    import pdfplumber
    from reportlab.pdfgen.canvas import Canvas
    quote = _quote(styles, "Wir haben mehr erreicht, als wir uns vorgenommen hatten.", attribution, 0.0)
    _, h = quote.wrap(240, 10_000)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(400, h + 100))
    quote.drawOn(canvas, 50, 50)
    canvas.save()
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        page = pdf.pages[0]
        [bar] = page.rects
        words = page.extract_words(extra_attrs=["size"])
    last = max(words, key=lambda w: w["bottom"])
    assert bar["top"] == pytest.approx(page.height - 50 - h, abs=0.01)  # from the quote's top, as before
    if attribution is None:
        assert bar["bottom"] == pytest.approx(page.height - 50, abs=0.01)
    else:
        assert last["size"] < styles.theme.sizes.quote and last["text"] in attribution.split()
        assert last["bottom"] - 0.5 <= bar["bottom"] <= last["bottom"] + 0.5


def test_the_numbers_of_a_row_of_tiles_share_one_size(project):
    """'48’250' stood clearly larger than '612.4 GWh' and '4’812’000 m³' beside it, each number shrunk
    only as far as its own tile needed (a Swiss review's key figures): a row takes the size of its
    longest number; the next row, of short numbers, keeps the full size."""
    from report.build import build

    from . import pdf_chars
    from .conftest import set_sections
    figures = [("612.4", "GWh"), ("4812000", "m³"), ("48250", ""), ("7.2", "'%'"), ("78.5", "'%'"), ("12400", "")]
    tiles = "".join(f"  - {{value: {v}, {'unit: ' + u + ', ' if u else ''}label: Wert {i}}}\n"
                    for i, (v, u) in enumerate(figures))
    set_sections(project, {"sections/kz.yaml": f"kind: key_figures\ntitle: Kennzahlen\ncolumns: 3\nfigures:\n{tiles}"})
    result = build(project, project.parent / "out", ["print"])
    chars = [c for c in pdf_chars.chars(result.outputs[0].path) if c.text.isdigit() and c.size > 15]
    top, low = max(c.baseline for c in chars), min(c.baseline for c in chars)  # the two rows' numbers
    row1 = {round(c.size, 2) for c in chars if abs(c.baseline - top) < 0.5}
    row2 = {round(c.size, 2) for c in chars if abs(c.baseline - low) < 0.5}
    assert len(row1) == 1 and len(row2) == 1 and min(row1) < min(row2) * 0.7, (row1, row2)
