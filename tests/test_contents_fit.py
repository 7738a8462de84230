"""Long contents as a designer sets them: closer together, then in two columns, then over pages with
the last two balanced; a theme listing sub-headings that cost a page is told how to get it back.

A utility's review (20 sections, their sub-headings listed) ran 13 contents lines onto a page of their
own, which also made the review a page longer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections

TITLES = ["Netze und Versorgungssicherheit", "Erneuerbare Energien", "Wärmeversorgung", "Wasser und Abwasser",
          "Bäder und Freizeit", "Mobilität und Ladeinfrastruktur", "Telekommunikation und Glasfaser",
          "Kundenservice", "Personal und Ausbildung", "Nachhaltigkeit", "Investitionen", "Beteiligungen",
          "Digitalisierung", "Arbeitssicherheit", "Energiehandel", "Straßenbeleuchtung", "Öffentlichkeitsarbeit",
          "Sponsoring", "Ausblick", "Jahresabschluss"]
SUBS = ["Was wir erneuert haben", "Zahlen und Fakten"]
TEXT = "Die Stadtwerke haben das Netz weiter ausgebaut und die Versorgung auf hohem Niveau gehalten. " * 4


def _project(root: Path, subs: int) -> Path:
    """The utility's review: 20 sections of `subs` sub-headings each, listed in the contents (A4)."""
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    content = root / "content"
    blocks = "".join(f"  - heading: {sub}\n  - paragraph: {TEXT}\n" for sub in SUBS[:subs])
    set_sections(content, {f"sections/x{i:02d}.yaml": f"kind: text\ntitle: {title}\nblocks:\n"
                           f"  - paragraph: {TEXT}\n{blocks}" for i, title in enumerate(TITLES)})
    (content / "theme.yaml").write_text("text:\n  contents_levels: 2\n  section_page: new\n", encoding="utf-8")
    return content


def _contents(pdf_path: Path) -> tuple[dict[int, list[tuple[float, str, str, int]]], list[tuple[str, int]], int]:
    """Each contents page's lines as drawn (left edge of the link, entry, number printed, page linked to),
    the bookmarks (title, page) below the contents' own, and the page count."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        lines: dict[int, list[tuple[float, str, str, int]]] = {}
        with pikepdf.open(pdf_path) as pdf:
            index = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
            for no, page in enumerate(pdf.pages, start=1):
                text = document[no - 1].get_textpage()
                for a in page.get("/Annots", []):
                    if a.Subtype != "/Link" or "/Dest" not in a:
                        continue
                    x0, y0, x1, y1 = (float(v) for v in a.Rect)
                    number = 12 / 25.4 * 72  # the number's column at the line's right end
                    lines.setdefault(no, []).append((
                        x0, " ".join(text.get_text_bounded(x0, y0, x1 - number, y1).split()),
                        text.get_text_bounded(x1 - number, y0, x1, y1).strip(), index[a.Dest[0].objgen]))
            with pdf.open_outline() as outline:
                marks = [(item.title, index[item.destination[0].objgen]) for top in outline.root
                         for item in [top, *top.children]][1:]
        for lines_on_page in lines.values():  # every number is the page its line links to, which has its heading
            for _x, entry, number, target in lines_on_page:
                assert number == str(target), (entry, number, target)
                assert entry in " ".join(document[target - 1].get_textpage().get_text_range().split()), entry
        return lines, marks, len(document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def one_sub(tmp_path_factory):
    """20 sections with a sub-heading each: 41 lines, 13 more than one column holds even set closer."""
    root = tmp_path_factory.mktemp("one-sub")
    return build(_project(root, 1), root / "out", ["screen"])


@pytest.fixture(scope="module")
def two_subs(tmp_path_factory):
    """20 sections with two sub-headings each: 61 lines, more than two columns hold on the page."""
    root = tmp_path_factory.mktemp("two-subs")
    return build(_project(root, 2), root / "out", ["screen"])


def test_contents_that_would_spill_are_set_in_two_columns_on_their_page(one_sub):
    lines, marks, pages = _contents(one_sub.outputs[0].path)
    assert list(lines) == [2]  # no contents page of their own for 13 lines: the review is a page shorter
    assert pages == 1 + 1 + len(TITLES) + 1  # cover, contents, a page per section, the closing page
    drawn = lines[2]
    assert [(entry, target) for _x, entry, _n, target in drawn] == marks
    lefts = sorted({round(x) for x, *_ in drawn})
    assert len(lefts) == 2  # two columns, down the first one first
    first = [entry for x, entry, *_ in drawn if round(x) == lefts[0]]
    second = [entry for x, entry, *_ in drawn if round(x) == lefts[1]]
    assert abs(len(first) - len(second)) <= 1 and first[-1] in SUBS and second[0] in TITLES  # whole sections
    assert one_sub.warnings == []


def test_contents_longer_than_two_columns_are_balanced_over_two_pages_and_warned(two_subs):
    lines, marks, _pages = _contents(two_subs.outputs[0].path)
    assert list(lines) == [2, 3]
    assert [(entry, target) for page in (2, 3) for _x, entry, _n, target in lines[page]] == marks
    assert min(len(lines[2]), len(lines[3])) >= 0.4 * len(marks)  # not a few lines alone on the second page
    for page in (2, 3):  # each page in two columns; a section's line never alone at a column's foot
        lefts = sorted({round(x) for x, *_ in lines[page]})
        assert len(lefts) == 2
        for left in lefts:
            column = [entry for x, entry, *_ in lines[page] if round(x) == left]
            assert column[-1] not in TITLES or len(column) == len(lines[page]), column
    [warning] = two_subs.warnings
    assert (warning.pos.file.name, warning.pos.line) == ("theme.yaml", 2)
    assert warning.message == ("the contents take 2 pages (2–3): their 61 lines with sub-headings do not fit on "
                               "fewer, even closer together and in two columns")
    assert warning.hint == ("list the sections only (text: {contents_levels: 1} in theme.yaml): their 21 lines "
                            "fit on page 2")


def _rows(levels: str, height: float = 20.0) -> list:
    """Rows of the given levels ('0' a section, '1' a sub-heading)."""
    from report.layout.contents import Row
    return [Row(None, None, None, height, int(level)) for level in levels]


def test_a_run_over_is_balanced_between_the_two_pages():
    """One column (a page too narrow for two): 32 lines where the first page holds 19 went 19 + 13;
    now 16 + 16. Longer than two pages: the first is filled."""
    from report.layout.contents import ContentsLines
    lines = ContentsLines(_rows("0" * 32), page_h=700)
    first, _break, rest = lines.split(300, 380)
    assert (len(first.rows), len(rest.rows)) == (16, 16)
    first, _break, rest = ContentsLines(_rows("0" * 60), page_h=700).split(300, 380)
    assert len(first.rows) == 19


def test_columns_break_between_sections_where_that_keeps_them_even():
    from report.layout.contents import _column_ends
    rows = _rows("011" * 6 + "0")  # six sections of three lines, the closing page
    ends = _column_ends(rows, [float("inf")] * 2, balance=True)
    assert ends == [9, 19]  # after the third section: 9 | 10 lines, not 10 | 9 inside a section
    rows = _rows("0111111" + "0" * 2)  # a long section: broken inside it rather than 7 | 2
    first = _column_ends(rows, [float("inf")] * 2, balance=True)[0]
    assert 4 <= first <= 5 and rows[first].level == 1 and rows[first - 1].level == 1
    with_sub = _rows("0001" + "0")  # room for three lines: the third section goes on with its sub-heading
    assert _column_ends(with_sub, [60.0, 60.0], balance=False) == [2, 5]


def test_a_heading_inside_a_box_is_bookmarked_but_not_in_the_contents(project):
    """A box's headings ("Customers" in the box "Our commitments") were listed as the section's own."""
    import pikepdf
    import pypdfium2 as pdfium

    from report.build import build

    from .conftest import set_sections
    (project / "theme.yaml").write_text("text:\n  contents_levels: 2\n", encoding="utf-8")
    set_sections(project, {"sections/b.yaml": (
        "kind: text\ntitle: Ausblick\nblocks:\n  - heading: Ziele für 2026\n  - paragraph: Text.\n  - box:\n"
        "      title: Unsere Zusagen\n      blocks:\n        - heading: Kundschaft\n        - paragraph: Mehr.\n")})
    pdf = build(project, project.parent / "out", ["screen"]).outputs[0].path
    with pikepdf.open(pdf) as p, p.open_outline() as outline:
        titles = [item.title for top in outline.root for item in [top, *top.children]]
    assert "Ziele für 2026" in titles and "Kundschaft" in titles, titles  # the bookmarks show every heading
    contents = pdfium.PdfDocument(pdf)[1].get_textpage().get_text_range()
    assert "Ziele für 2026" in contents and "Kundschaft" not in contents, contents
