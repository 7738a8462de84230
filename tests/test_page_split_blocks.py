"""A box or a list that does not fit the rest of a page: a list splits as text does (between items or
inside a long one, two lines at least on each page), a box splits where moving it whole would leave a
large gap (its title with three lines at least, three on the next page), a small box moves on whole.
Flowables alone through wrap/split, and one A5 build read back (text per page, tags)."""

from __future__ import annotations

import shutil

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.layout.boxes import MIN_LINES as BOX_LINES
from report.layout.boxes import MIN_SHARE
from report.layout.lists import MIN_LINES as LIST_LINES

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections

WIDTH = 300


def _ctx(styles):
    from report.layout.context import LayoutContext
    from report.layout.templates import A4, Geometry
    return LayoutContext(doc=None, styles=styles, locale=styles.locale, geometry=Geometry(*A4), charts={},
                         prepare_image=None, text_width=WIDTH)


def _list(styles, items: list, columns: int = 1):
    from report.layout import lists
    from report.model import ListBlock, ListItem
    [flowable] = lists.layout(_ctx(styles), ListBlock(items=[ListItem(text=t) for t in items], columns=columns))
    return flowable


def _box(styles, paragraphs: list[str]):
    from report.layout import boxes
    from report.layout.section import BLOCK_LAYOUTS
    from report.model import Box
    from report.model import Paragraph as ParagraphBlock
    ctx = _ctx(styles)
    box = Box(title="Auf einen Blick", blocks=[ParagraphBlock(text=t) for t in paragraphs])
    [flowable] = boxes.layout(ctx, box, 0.0, lambda c, b: BLOCK_LAYOUTS[type(b)](ctx, b))
    return flowable


LONG = ("Wir haben zwei neue Anlaufstellen eröffnet, jede an drei Tagen in der Woche mit geschulten "
        "Ehrenamtlichen, die zuhören, beraten und weiterhelfen, wo das Amt nicht mehr weiterweiß, und die "
        "Menschen auf dem Weg zu den Stellen begleiten, die ihnen zustehen")


def test_a_list_never_leaves_one_line_alone_at_a_page_foot_or_head(styles):
    """One-line items: room for one keeps none on the page (it went alone before); room for all but
    one takes a second along to the next page."""
    lst = _list(styles, [f"Punkt {i}" for i in range(1, 7)])
    _, h = lst.wrap(WIDTH, 10_000)
    one = lst.items[0].height
    assert lst.split(WIDTH, one + 1) == []
    head, tail = lst.split(WIDTH, h - 1)
    assert [len(head.items), len(tail.items)] == [4, 2]
    assert head.getSpaceAfter() == 0 and tail.getSpaceAfter() == lst.getSpaceAfter()  # space under the list's end


def test_a_list_in_columns_splits_with_three_rows_on_its_first_page_or_moves_on_whole(styles):
    """A university's 18 partners in three columns: its heading and one row of names stood at a page's
    foot, the other 14 names overleaf. Room for fewer than three rows keeps none on the page (and a
    heading before it keeps room for three); room for three splits after them."""
    from report.layout.flow import MIN_LINES as HEAD_LINES
    lst = _list(styles, [f"Universität {i}" for i in range(1, 19)], columns=3)
    lst.wrap(WIDTH, 10_000)
    row = lst.items[0].height + lst.gap
    assert lst.split(WIDTH, 2.5 * row) == []
    head, tail = lst.split(WIDTH, 3 * row)
    assert [len(head.items), len(tail.items)] == [9, 9]
    assert lst.start_height(WIDTH, 10_000) == pytest.approx(HEAD_LINES * row - lst.gap)


def test_a_long_item_splits_between_its_lines_a_short_one_never(styles):
    """An item of four lines or more goes on on the next page with two lines at least on each, the
    rest without its bullet; an item of three lines moves on whole."""
    lst = _list(styles, ["Kochkurse für Familien", LONG, "Helfertelefon an sechs Tagen", "Wärmepakete"])
    lst.wrap(WIDTH, 10_000)
    leading = lst.items[1].body.style.leading
    lines = len(lst.items[1].body.blPara.lines)
    assert lines >= 4
    room = lst.items[0].height + lst.gap + 2 * leading + 1  # the first item and two lines of the second
    head, tail = lst.split(WIDTH, room)
    assert [len(head.items), len(tail.items)] == [2, 3]
    assert head.items[1].label == "•" and tail.items[0].label == ""  # the bullet once, on the first part
    assert len(head.items[1].body.blPara.lines) == 2 and tail.items[0].tags is head.items[1].tags  # one LI
    assert head.lines() >= LIST_LINES and tail.lines() >= LIST_LINES
    two = "Kochkurse für Familien, an jedem Dienstag und Donnerstag im Gemeindezentrum am Markt, mit Kinderbetreuung"
    three = _list(styles, [two, LONG[:150], "Helfertelefon", "Wärmepakete"])
    three.wrap(WIDTH, 10_000)
    assert [len(item.body.blPara.lines) for item in three.items[:2]] == [2, 3]
    head, tail = three.split(WIDTH, three.items[0].height + three.gap + 2 * leading + 1)
    assert len(head.items) == 1 and tail.items[0].label == "•"  # moved on whole, under the first


def test_a_box_splits_where_a_quarter_of_a_page_would_stay_empty_and_a_small_one_never(styles):
    """A long box keeps its title and three lines at least on the page and three on the next, where
    the part that stays is a quarter of a page or more; with less room, or fewer than six lines in
    all, it moves on whole."""
    text = "Die Leitung wurde auf drei Kilometern erneuert, die Arbeiten dauerten bis in den Herbst hinein."
    box = _box(styles, [f"{text} {text}"] * 4)
    _, h = box.wrap(WIDTH, 10_000)
    assert h < box.page_h  # shorter than a page: it used to move on whole
    first, rest = box.split(WIDTH, h * 0.6)
    for part in (first, rest):
        part.wrap(WIDTH, 10_000)
    assert first.height >= MIN_SHARE * box.page_h and first.titled and not first.continued
    assert first.lines() >= BOX_LINES and rest.lines() >= BOX_LINES and rest.continued and rest.tags is box.tags
    assert box.split(WIDTH, MIN_SHARE * box.page_h * 0.8) == []  # a small gap: whole on the next page
    small = _box(styles, [text])  # five lines or fewer: never 2 + 2
    _, h = small.wrap(WIDTH, 10_000)
    assert 4 <= small.lines() < 2 * BOX_LINES, small.lines()
    small.page_h = h  # as if on a page just as high (a column): only its lines decide
    assert all(small.split(WIDTH, room) == [] for room in (h * 0.5, h * 0.7, h - 1))


FILL = "  - paragraph: Zeile {n} im Kapitel {tag}.\n"
SUPPORT = """  - box:
      title: Wen wir unterstützen
      blocks:
        - paragraph: Im vergangenen Jahr haben wir mit mehr als 1.200 Menschen in fünf Gruppen gearbeitet.
        - list: [Junge Pflegende von 8 bis 18 Jahren, Ältere Menschen allein auf dem Land, Geflüchtete in ihren
            ersten Monaten im Landkreis, Menschen nach einem Aufenthalt im Krankenhaus, Familien mit wenig Geld
            in einem kalten Winter]
"""
WORK = f"""  - heading: Was wir getan haben
  - list:
      - Kochkurse für Familien
      - "{LONG}"
      - Helfertelefon an sechs Tagen
      - Wärmepakete für ältere Menschen
"""

END = """  - paragraph: Mit einer Fußnote.[^1]
  - list: [Erster Punkt am Ende, Zweiter Punkt am Ende, Dritter Punkt, Vierter Punkt, Fünfter Punkt, Sechster Punkt]
footnotes: [Eine Fußnote zum Schluss.]
"""


def _fill(count: int, tag: str) -> str:
    return "".join(FILL.format(n=n, tag=tag) for n in range(1, count + 1))


@pytest.fixture(scope="module")
def a5(tmp_path_factory: pytest.TempPathFactory):
    """An A5 review (a UK charity's case), each section on a new page after one-line paragraphs: a box
    of five bullets that leaves a third of the page empty where it moves on whole; the same box where
    less is left; a list with a long item under a heading; a list with the section's footnote."""
    root = tmp_path_factory.mktemp("a5")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    content = root / "content"
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    set_sections(content, {
        "sections/jahr.yaml": f"kind: text\ntitle: Unser Jahr\nblocks:\n{_fill(14, 'A')}{SUPPORT}{_fill(2, 'B')}",
        "sections/klein.yaml": f"kind: text\ntitle: Noch ein Kasten\npage: new\nblocks:\n{_fill(17, 'C')}"
                               f"{SUPPORT}{_fill(1, 'D')}",
        "sections/arbeit.yaml": f"kind: text\ntitle: Unsere Arbeit\npage: new\nblocks:\n{_fill(16, 'E')}{WORK}"
                                f"{_fill(1, 'F')}",
        "sections/ende.yaml": f"kind: text\ntitle: Zum Schluss\npage: new\nblocks:\n{_fill(16, 'G')}{END}"})
    result = build(content, root / "out", ["screen"])
    assert not result.warnings, [w.format() for w in result.warnings]
    path = result.outputs[0].path
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [" ".join(p.get_textpage().get_text_range().split()) for p in pdf]
    finally:
        pdf.close()
    return path, pages


def _page(pages: list[str], text: str) -> int:
    return next(n for n, t in enumerate(pages) if text in t)


def test_a_box_that_would_leave_the_page_foot_empty_splits_there(a5):
    """The box went on whole to the next page and left a third of this one empty: its title, its
    first lines and bullets now fill it, the last bullets go on on the next page."""
    _, pages = a5
    page = _page(pages, "Zeile 14 im Kapitel A")
    assert "Wen wir unterstützen" in pages[page] and "Junge Pflegende" in pages[page], pages[page]
    assert "Familien mit wenig Geld" in pages[page + 1] and "Wen wir" not in pages[page + 1]


def test_a_box_moves_on_whole_where_the_gap_is_small(a5):
    _, pages = a5
    page = _page(pages, "Zeile 17 im Kapitel C")
    assert "Wen wir" not in pages[page]
    assert "Wen wir unterstützen" in pages[page + 1] and "Familien mit wenig Geld" in pages[page + 1]


def test_a_list_splits_inside_its_long_item_under_its_heading(a5):
    """The heading and a one-line item stood alone at the page foot, the long item on the next page:
    the long item's first lines now stay with them."""
    _, pages = a5
    page = _page(pages, "Zeile 16 im Kapitel E")
    assert "Was wir getan haben" in pages[page] and "zwei neue Anlaufstellen" in pages[page], pages[page]
    assert "die ihnen zustehen" in pages[page + 1] and "Wärmepakete" in pages[page + 1]


def test_a_list_at_a_sections_end_takes_its_footnotes_along_not_all_of_it(a5):
    """A list that ends a section went on whole with the footnotes, as a box did: it splits so that
    its last items go on with them."""
    _, pages = a5
    page = _page(pages, "Zeile 16 im Kapitel G")
    assert "Erster Punkt am Ende" in pages[page], pages[page]
    assert "Sechster Punkt" in pages[page + 1] and "Eine Fußnote zum Schluss" in pages[page + 1]


def _roles(elem, depth=0) -> list[tuple[str, int, object]]:
    out = [(str(elem.S)[1:], depth, elem)]
    kids = elem.get("/K", [])
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            out += _roles(kid, depth + 1)
    return out


def test_a_split_box_and_list_are_one_element_each_in_the_tags(a5):
    """As a table split between pages is one Table: one Div for the box, one L for its list and one
    for the section's list, one LI for the item split between its lines, in reading order."""
    path, _ = a5
    with pikepdf.open(path) as pdf:
        sects = [e for r, _, e in _roles(pdf.Root.StructTreeRoot.K) if r == "Sect"]
        year, _, work, _ = sects[-5:-1]  # (the closing page's last)
        roles = [r for r, _, _ in _roles(year)]
        assert roles.count("Div") == 1 and roles.count("L") == 1 and roles.count("LI") == 5, roles
        tree = _roles(work)
        roles = [r for r, _, _ in tree]
        assert roles.count("L") == 1 and roles.count("LI") == 4, roles
        items = [e for r, _, e in tree if r == "LI"]
        body = next(k for k in items[1].K if str(k.S) == "/LBody")
        assert [str(k.S) for k in body.K] == ["/P", "/P"]  # the long item's two parts, in one LBody
