"""Perfect binding: the print edition is two files, as print shops ask — the text block, which begins
with the contents on its page 1 (its folios, contents and cross-references counting from there), and the
cover, one spread page: back cover | spine | front cover with bleed all round, the spine as wide as the
text block is thick, titled where it is wide enough. Both pass the preflight."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.build import build
from report.cli import main
from report.preflight import Profile, preflight

from .conftest import SAMPLE_CONTENT, without_page_gaps
from .hostile import line_of
from .test_cross_refs import REFERENCES, page_texts, printed, sections
from .test_text_blocks import REPORT, make_project

MM = 72 / 25.4
A4_W, A4_H, BLEED, SLUG = 210 * MM, 297 * MM, 3 * MM, 10 * MM
TITLES = ["Victor Auftakt", "Mitte", "Zulu Finanzen"]  # the sections, in order


def project(root: Path, **report: object) -> Path:
    content = make_project(root, REPORT | {"binding": "perfect", **report}, sections())
    (content / "charts").mkdir()
    shutil.copy(SAMPLE_CONTENT / "charts" / "aktivitaeten.yaml", content / "charts")
    return content


def files(result) -> dict[str, Path]:
    return {o.part: o.path for o in result.outputs}


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory):
    """The spine as the print shop gives it, wide enough for its title."""
    root = tmp_path_factory.mktemp("perfect")
    result = build(project(root, spine="10mm"), root / "out", ["print"])
    assert [w.format() for w in without_page_gaps(result.warnings) if "ppi" not in w.message] == []  # (image: 299)
    return result


@pytest.fixture(scope="module")
def thin(tmp_path_factory: pytest.TempPathFactory):
    """No spine in report.yaml: a thin text block on the assumed paper."""
    root = tmp_path_factory.mktemp("perfect-thin")
    return build(project(root), root / "out", ["print"])


def spread_text(path: Path, left: float, right: float) -> str:
    """The text of the cover spread between two x positions (points from the trim's left edge)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        text = page.get_textpage().get_text_bounded(SLUG + BLEED + left, 0, SLUG + BLEED + right, page.get_height())
        return " ".join(text.split())
    finally:
        pdf.close()


def test_the_cover_is_one_spread_page_two_covers_and_the_spine_wide(wide):
    path = files(wide)["cover spread"]
    assert path.name == "bloecke-print-cover.pdf"
    spread = 2 * A4_W + 10 * MM
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0].obj
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        media = [float(v) for v in page.MediaBox]
    assert trim[2] - trim[0] == pytest.approx(spread, abs=0.01) and trim[3] - trim[1] == pytest.approx(A4_H, abs=0.01)
    assert [t - b for t, b in zip(trim[:2], bleed[:2], strict=True)] == pytest.approx([BLEED] * 2, abs=0.01)
    assert [b - t for t, b in zip(trim[2:], bleed[2:], strict=True)] == pytest.approx([BLEED] * 2, abs=0.01)
    assert media == pytest.approx([0, 0, spread + 2 * (BLEED + SLUG), A4_H + 2 * (BLEED + SLUG)], abs=0.01)
    back, front = spread_text(path, 0, A4_W), spread_text(path, A4_W + 10 * MM, spread)
    assert "Kontakt und Impressum" in back and "Ein Jahr in Blöcken" not in back
    assert "Ein Jahr in Blöcken" in front and "Bild: Probe" in front and "Impressum" not in front


def test_a_wide_spine_carries_the_title_reading_upwards_in_german(wide):
    path = files(wide)["cover spread"]
    assert spread_text(path, A4_W, A4_W + 10 * MM) == "Ein Jahr in Blöcken · Stadtwerke Probe · Rückblick"
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = pdf[0].get_textpage()
        found = text.search("Probe · R").get_next()  # on the spine only
        boxes = [text.get_charbox(i) for i in range(found[0], found[0] + 3)]
        assert boxes[0][1] < boxes[1][1] < boxes[2][1]  # bottom to top: P, r, o climb up the spine
    finally:
        pdf.close()


def test_a_thin_spine_has_no_text_and_the_build_says_why(thin):
    path, pages = files(thin)["cover spread"], files(thin)["text block"]
    binding = line_of(pages.parent.parent / "content", "report.yaml", "binding: perfect")
    with pikepdf.open(pages) as pdf:
        count = len(pdf.pages)
    spine = round(count / 2 * 0.1, 1)
    with pikepdf.open(path) as pdf:
        trim = [float(v) for v in pdf.pages[0].obj.TrimBox]
    assert trim[2] - trim[0] == pytest.approx(2 * A4_W + spine * MM, abs=0.01)
    assert spread_text(path, A4_W - 0.5, A4_W + spine * MM + 0.5) == ""
    said = [w for w in without_page_gaps(thin.warnings) if "ppi" not in w.message]
    assert [(w.severity, w.message, w.pos.line) for w in said] == [
        ("warning", f"binding: perfect: report.yaml gives no spine: the cover's spine is {spine:g} mm ({count} pages, "
                    f"{count // 2} leaves × 0.1 mm, assumed)", binding),
        ("warning", f"binding: perfect: a spine of {spine:g} mm ({count} pages) is too thin to glue well", binding)]
    assert "spine: 5.2mm" in said[0].hint and "spine: {paper: 0.1mm}" in said[0].hint


def test_the_text_block_begins_with_the_contents_and_counts_its_pages_from_there(wide):
    texts = page_texts(files(wide)["text block"])
    assert len(texts) % 2 == 0 and "INHALT" in texts[0]
    assert not any("Bild: Probe" in t for t in texts)  # the front cover's credit: no cover page
    assert "Kontakt und Impressum" not in " ".join(texts)  # the back cover's heading, neither listed nor a page
    listed = dict(re.findall(r"(" + "|".join(TITLES) + r") (\d+)", texts[0]))
    assert list(listed) == TITLES
    for title, number in listed.items():
        starts = [no for no, t in enumerate(texts, start=1) if no > 1 and title in t]
        assert starts[0] == int(number), (title, starts)
        assert f"bloecke-print.pdf · Seite {number} ·" in texts[int(number) - 1]  # the slug counts so too
    for words, _target, where in REFERENCES:
        _, number = printed(texts, words)
        assert number > 1 and where in texts[number - 1], (words, number)


def test_both_files_pass_the_preflight(wide):
    parts = files(wide)
    assert not wide.preflight.failed
    assert not preflight(parts["text block"], Profile(binding="perfect"), render=False).failed
    cover = preflight(parts["cover spread"], Profile(binding="cover"), render=False)
    assert not cover.failed, cover.format()
    assert "1 page: a cover spread, trim 430.0 × 297.0 mm" in cover.format()
    saddle = preflight(parts["cover spread"], render=False)  # the default, stapled: told what it may be
    assert "(a perfect-bound cover spread? --binding cover)" in saddle.format()


@pytest.mark.parametrize("spine, message, hint", [
    ("{paper: 115}", "report: spine: paper = 115 mm is out of range",
     "for 115 µm write 0.115mm; give the thickness of one leaf, not the paper's weight in g/m²"),
    ("0.25", "report: spine: width = 0.25 mm is out of range", "for inches write 0.25in"),
    ("{paper: 0.1mm, width: 5mm}", "report: spine: width and paper are both given", "keep one"),
    ("{papr: 0.1mm}", "report: spine: unknown key 'papr'", "did you mean 'paper'?"),
])
def test_a_bad_spine_is_an_error_at_its_line_with_a_hint(tmp_path, capsys, spine, message, hint):
    content = project(tmp_path)
    report = content / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + f"spine: {spine}\n", encoding="utf-8")
    line = len(report.read_text(encoding="utf-8").splitlines())
    assert main(["build", str(content), "-o", str(tmp_path / "out"), "--edition", "print"]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"report\.yaml:{line}:\d+: error: {re.escape(message)}\n  hint: .*{re.escape(hint)}", err), err


def test_a_cover_left_from_a_perfect_build_is_named_when_the_binding_changes(thin):
    """The cover spread of an earlier perfect-bound build stayed beside a saddle-stitched print edition
    that has its covers inside: sent together, the shop prints the covers twice. The build says so
    (the file is the author's: it is not deleted)."""
    out = files(thin)["cover spread"].parent
    report = out.parent / "content" / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("binding: perfect", "binding: saddle"),
                      encoding="utf-8")
    result = build(out.parent / "content", out, ["print"])
    (stale,) = [w for w in result.warnings if "cover spread from an earlier" in w.message]
    assert stale.message.startswith(f"{files(thin)['cover spread'].name} is a cover spread from an earlier "
                                    "perfect-bound build") and stale.pos.line == line_of(
                                        out.parent / "content", "report.yaml", "binding: saddle")
    assert "delete it before sending" in stale.hint and files(thin)["cover spread"].is_file()
