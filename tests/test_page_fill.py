"""A section that runs a few lines onto a page of its own, before a section that starts a new page,
is a warning with its page and how many lines to cut; one that fills its last page, or goes on with
the next section on the same page, is not. The marks that measure it never add a page."""

from __future__ import annotations

import pypdfium2 as pdfium

from report.build import build

from .conftest import set_sections


def _sections(project, lines: int, then: str = "new") -> None:
    body = "".join(f"  - paragraph: Zeile {i + 1} des langen Kapitels.\n" for i in range(lines))
    set_sections(project, {
        "sections/lang.yaml": f"kind: text\ntitle: Ein langes Kapitel\nblocks:\n{body}",
        "sections/danach.yaml": f"kind: text\ntitle: Das nächste Kapitel\npage: {then}\nblocks:\n"
                                "  - paragraph: Es beginnt auf einer neuen Seite.\n"})


def _pages(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [p.get_textpage().get_text_range() for p in pdf]
    finally:
        pdf.close()


def test_a_few_lines_on_a_page_of_their_own_warn_with_the_lines_to_cut(project, tmp_path):
    _sections(project, 120)  # the chapter's first page holds some; count them, then overflow by three
    full = build(project, tmp_path / "a", ["screen"])
    pages = _pages(full.outputs[0].path)
    first = next(i for i, t in enumerate(pages) if "Ein langes Kapitel" in t and "Zeile 1 " in t)
    per_page = pages[first].count("des langen Kapitels")
    _sections(project, per_page + 3)
    result = build(project, tmp_path / "b", ["screen"])
    notes = [w for w in result.warnings if "ends on page" in w.message]
    assert len(notes) == 1, [w.format() for w in result.warnings]
    page = first + 2  # the chapter's second page (numbered from 1)
    assert notes[0].message.startswith(f"section 'Ein langes Kapitel' ends on page {page} with about ")
    lines = int(notes[0].message.split("with about ")[1].split()[0])
    assert 3 <= lines <= 6  # three one-line paragraphs and the space between them
    assert notes[0].pos.file.name == "lang.yaml" and notes[0].pos.line == 2
    assert f"shorten it by about {lines} lines" in notes[0].hint
    texts = _pages(result.outputs[0].path)
    assert f"Zeile {per_page + 3} des" in texts[page - 1] and "Das nächste Kapitel" in texts[page]  # no page added
    _sections(project, per_page + 3, then="continue")  # the next chapter fills that page: nothing to say
    assert not [w for w in build(project, tmp_path / "c", ["screen"]).warnings if "ends on page" in w.message]


def test_a_two_column_section_counts_its_lines_in_each_column(styles):
    """A foundation's two-column section: 'about 3 lines of a page' beside 'shorten it by about 6
    lines' read as a contradiction; the message says the lines are in each of its columns."""
    from types import SimpleNamespace

    from report.layout.pagefill import notes
    from report.layout.templates import A4, Geometry
    section = SimpleNamespace(title="Rund um die Stadt", columns=2, blocks=[], field_pos={}, pos=None)
    leading = styles.theme.sizes.leading
    ctx = SimpleNamespace(doc=SimpleNamespace(sections=[section]), styles=styles, geometry=Geometry(*A4),
                          section_ends={})
    from report.layout.templates import text_frame_height
    frame_h = text_frame_height(ctx.geometry, styles.theme.page)
    ctx.section_ends = {(1, "start"): (3, frame_h), (1, "end"): (4, frame_h - 3 * leading)}
    (note,) = notes(ctx)
    assert "ends on page 4 with about 3 lines in each of its 2 columns" in note.message, note.message
    assert "shorten it by about 6 lines" in note.hint
