"""A paragraph split across pages: no page ends with a hyphen that hyphenation added ('Unterneh-' at
the foot, 'men' overleaf), and the tagged parts read every word whole ('Medi-|Pharm' at a page break)."""

from __future__ import annotations

from collections import defaultdict

import pikepdf
import pytest

from report.build import build

from . import pdf_chars
from .conftest import set_sections

PARA = ("5 erfolgreiche Delegations- und Markterkundungsreisen, unter anderem nach Kalifornien, Japan und "
        "Detroit/Chicago. 20 Mal ausländische Wirtschafts- und Wissenschaftsdelegationen in Thüringen empfangen. "
        "6 Thüringer Gemeinschaftsstände auf internationalen Fachmessen, wie der Arab Health, der Vietnam "
        "Medi-Pharm EXPO oder der Laser World of Photonics China. Insgesamt haben wir so mehr als 1.000 an "
        "Internationalisierung interessierte Thüringer erreicht. Hinter diesen verbergen sich für eine ganze "
        "Reihe von Unternehmen der Beginn oder die Fortschreibung ihrer Erfolgsgeschichte Internationalisierung. "
        "Das Unternehmen aus Sömmerda legte in diesem Jahr einen äußerst erfolgreichen Auftritt auf der Messe "
        "China International Medical Equipment Fair in Shanghai hin und erzielte mehrere hochdotierte Aufträge.")
LEAD_A = "Eine erste Bilanz."  # page 3 would end 'Das Unterneh-' (hyphenation's), page 4 go on 'men aus'
LEAD_B = " ".join(PARA.split()[:35]) + "."  # page 5 ends 'Medi-' (the word's own hyphen), page 6 'Pharm'
WORDS = set(PARA.split()) | set(LEAD_A.split()) | set(LEAD_B.split())


def _section(lead: str, page: str) -> str:
    return (f"kind: text\npage: {page}\ntitle: Bilanz\nblocks:\n  - paragraph: {lead}\n"
            + f"  - paragraph: {PARA}\n" * 4)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    import shutil

    from .conftest import ASSETS, SAMPLE_CONTENT
    root = tmp_path_factory.mktemp("pagehyph")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    # (a short section after the first: a section's end before a new page is laid out on its own, pagefill)
    set_sections(root / "content", {"sections/a.yaml": _section(LEAD_A, "continue"),
                                    "sections/x.yaml": "kind: text\ntitle: Kurz\nblocks:\n  - paragraph: Ende.\n",
                                    "sections/b.yaml": _section(LEAD_B, "new")})
    result = build(root / "content", root / "out")
    return {o.edition: o.path for o in result.outputs}


def _page_ends(pdf) -> dict[int, tuple[str, str]]:
    """page → (its last body line, the first body line of the next page), as pdfium reads the glyphs."""
    lines: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for c in pdf_chars.chars(pdf):
        if abs(c.size - 10.0) <= 0.05:
            lines[c.page][round(c.baseline)].append(c)

    def text(page: int, y: int) -> str:
        return "".join(c.text for c in sorted(lines[page][y], key=lambda c: c.box[0]))
    return {no: (text(no, min(lines[no])), text(no + 1, max(lines[no + 1])) if no + 1 in lines else "")
            for no in lines}


def test_no_page_ends_with_an_added_hyphen(editions):
    """A page's last line ends with a hyphen only where the word has its own ('Medi-Pharm'); the
    paragraph that would end page 3 with 'Unterneh-' is broken so that the line ends with a whole word."""
    ends = _page_ends(editions["print"])
    hyphenated = {}
    for no, (last, first) in ends.items():
        if last[-1:] in ("-", "\u00ad", "\ufffe"):  # pdfium: U+FFFE for a hyphen that ends a line
            hyphenated[no] = last
            # pdfium runs the words together: the letters around the hyphen must be a word's own
            assert any(f"{last[-4:-1]}-{first[:4]}" in w for w in WORDS), \
                f"p{no} ends with a hyphen that hyphenation added: …{last[-30:]!r} | {first[:20]!r}"
    assert ends[3][0].endswith("Unternehmen") and ends[3][1].startswith("ausSömmerda")
    assert list(hyphenated) == [5] and ends[5][0].endswith("Medi\ufffe")  # the compound's own hyphen stays


def _actual_texts(pdf_path) -> dict[int, list[str]]:
    """page (from 1) → the ActualTexts of its marked content, in order."""
    out: dict[int, list[str]] = defaultdict(list)
    with pikepdf.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            for ins in pikepdf.parse_content_stream(page):
                if str(ins.operator) == "BDC" and isinstance(ins.operands[1], pikepdf.Dictionary):
                    props = ins.operands[1]
                    if "/MCID" in props and "/ActualText" in props:
                        out[n].append(str(props.ActualText))
    return out


def test_the_parts_of_a_split_paragraph_read_whole_words(editions):
    """The screen edition: the part of a paragraph at a page's foot ends with a whole word and the part
    overleaf starts with one; the compound broken at its own hyphen is read whole in the first part."""
    texts = _actual_texts(editions["screen"])
    for no in (3, 5):
        last, first = texts[no][-1], texts[no + 1][0]
        assert last.split()[-1] in WORDS and first.split()[0] in WORDS, f"p{no}: …{last[-20:]!r} | {first[:20]!r}"
    assert texts[5][-1].endswith("der Vietnam Medi-Pharm") and texts[6][0].startswith("EXPO oder der Laser")
    assert texts[3][-1].endswith("Das Unternehmen") and texts[4][0].startswith("aus Sömmerda")


def test_a_page_or_column_never_ends_inside_a_web_address(styles):
    """A two-column section's left column ended 'For details, see https://', its right one went on with the
    address: the last line before a break ends with a whole word, as with an added hyphen, or the page
    ends up to WHOLE_BACK lines early — unless neither can help (an address longer than a line, right
    after the two lines a page must keep)."""
    from report.layout.text import Paragraph, rl_markup
    from report.locale import get_locale
    url = "https://www.cascaderail.example.com/quality/certifications-and-audits"
    text = f"Our plants passed every audit this year, and the reports are public. For details, see {url} and more. " * 3

    def inside(line) -> bool:  # the line ends with a piece of the address, not all of it
        last = "".join(str(f.text) for f in line.words).split()[-1:]
        return bool(last) and last[0] in url and any(c in last[0] for c in "/.:") and not url.endswith(last[0])

    whole, cut = 0, 0
    for width in range(150, 420, 6):
        p = Paragraph(rl_markup(text, get_locale("en-US")), styles.para("body"))
        p.wrap(width, 10_000)
        for n in [n for n, line in enumerate(p.blPara.lines[:-1], 1) if inside(line) and n >= 3]:
            q = Paragraph(rl_markup(text, get_locale("en-US")), styles.para("body"))
            q.wrap(width, 10_000)
            parts = q.split(width, n * p.style.leading + 1)
            if len(parts) != 2:
                continue
            parts[0].wrap(width, 10_000)
            if inside(parts[0].blPara.lines[-1]):
                cut += 1
            else:
                whole += 1
    assert whole >= 10 and cut <= whole / 4, (whole, cut)
