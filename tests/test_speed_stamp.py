"""The input stamp (an unchanged build returns at once, any input change rebuilds) and the contents
(one layout pass, their numbers filled in after it; right numbers when sections move)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from report import stamp
from report.build import build
from report.cache import Cache
from report.layout.templates import ReportDocTemplate

from .conftest import many_sections

ROOT = Path(__file__).resolve().parent.parent


def _stamp(content: Path, out: Path, options=(["screen"], True)) -> str:
    return stamp.input_stamp(content, out, options)


def test_stamp_changes_with_every_input(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = _stamp(project, out)
    assert _stamp(project, out) == first

    section = project / "sections" / "02-bilanz.yaml"
    st = section.stat()
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("Zahlen", "Zahlem", 1), encoding="utf-8")  # same size …
    os.utime(section, ns=(st.st_atime_ns, st.st_mtime_ns))  # … and the same time: the bytes count
    assert _stamp(project, out) != first
    section.write_text(text, encoding="utf-8")
    assert _stamp(project, out) == first  # back as it was: the same stamp (time is not content)

    theme = project / "theme.yaml"
    theme.write_text("sizes:\n  body: 9.5\n", encoding="utf-8")
    assert _stamp(project, out) != first
    theme.unlink()

    font = project.parent / "assets" / "fonts" / "Lato-Bold.ttf"
    shutil.copy(project.parent / "assets" / "fonts" / "Lato-Black.ttf", font)  # a theme font replaced
    assert _stamp(project, out) != first
    shutil.copy(ROOT / "assets" / "fonts" / "Lato-Bold.ttf", font)

    (project / "sections" / "new.yaml").write_text("kind: text\n", encoding="utf-8")
    assert _stamp(project, out) != first
    (project / "sections" / "new.yaml").unlink()

    assert _stamp(project, out, (["print"], True)) != first
    assert _stamp(project, out, (["screen"], False)) != first
    assert _stamp(project, tmp_path / "elsewhere") == first  # the output folder keys the record instead
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    assert _stamp(project, out) != first
    monkeypatch.delenv("SOURCE_DATE_EPOCH")

    code = tmp_path / "code"
    shutil.copytree(stamp.PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(stamp, "PACKAGE", code)
    copied = _stamp(project, out)
    (code / "layout" / "text.py").write_text((code / "layout" / "text.py").read_text() + "\n# changed\n")
    assert _stamp(project, out) != copied  # a new code version
    changed = _stamp(project, out)
    module = code / "model" / "reader.py"
    st = module.stat()
    module.write_text(module.read_text().replace("(", "[", 1))  # same size, time put back:
    os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))  # the package is described by status, and
    assert _stamp(project, out) != changed  # a write changes its ctime, which no program sets back


def test_output_inside_the_content_folder_does_not_change_the_stamp(project):
    out = project / "out"
    first = _stamp(project, out)
    out.mkdir()
    (out / "x-screen.pdf").write_bytes(b"%PDF-1.7")
    assert _stamp(project, out) == first


def test_unchanged_build_keeps_the_files_and_any_change_rebuilds(project, tmp_path):
    out, cache = tmp_path / "out", Cache(tmp_path / "cache")
    first = build(project, out, ["screen"], cache=cache)
    pdf = first.outputs[0].path
    before = pdf.stat().st_mtime_ns
    again = build(project, out, ["screen"], cache=cache)
    assert again.unchanged and not first.unchanged
    assert again.outputs == first.outputs and pdf.stat().st_mtime_ns == before
    pdf.write_bytes(b"not the PDF we wrote")  # an output changed by someone else: build again
    third = build(project, out, ["screen"], cache=cache)
    assert not third.unchanged and pdf.read_bytes().startswith(b"%PDF")
    assert not build(project, out, ["screen"], cache=Cache(tmp_path / "cache", enabled=False)).unchanged
    (tmp_path / "cache" / "stamps").rename(tmp_path / "stamps-away")
    for entry in (tmp_path / "stamps-away").rglob("*"):
        if entry.is_file():
            entry.write_bytes(entry.read_bytes()[:40])
    assert not build(project, out, ["screen"], cache=cache).unchanged


def test_unchanged_build_imports_no_layout_library(tmp_path):
    code = ("import sys; from pathlib import Path; from report.cli import main; "
            f"main(['build', 'content', '-o', {str(tmp_path / 'out')!r}, '--edition', 'screen']); "
            "print(sorted(m for m in ('reportlab', 'matplotlib', 'pikepdf', 'yaml', 'PIL') if m in sys.modules))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                           timeout=120) for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert runs[1].stdout.strip().splitlines()[-1] == "[]"
    assert "kept (nothing changed since the last build)" in runs[1].stdout


def _passes(monkeypatch) -> list[int]:
    calls: list[int] = []
    original = ReportDocTemplate.build

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(ReportDocTemplate, "build", counted)
    return calls


def _contents_match_sections(pdf_path: Path, pages: int = 1) -> None:
    document = pdfium.PdfDocument(str(pdf_path))
    text = "".join(document[1 + i].get_textpage().get_text_range() for i in range(pages))
    with pikepdf.open(pdf_path) as pdf:
        pages = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            entries = [(item.title, pages[item.destination[0].objgen]) for item in outline.root][1:]
    flat = text.replace("\r\n", "\n").replace("\n", "")
    for title, page in entries:  # (the print edition's text comes with a space before the page)
        assert re.search(rf"{re.escape(title)} ?{page}(?!\d)", flat), (title, page)


def test_contents_take_one_pass_and_stay_right_when_a_section_grows(project, tmp_path, monkeypatch):
    """The contents' numbers are filled in after the pass: a first build, a changed word and a
    section grown by pages each take one pass, and the contents show where the sections are."""
    out, cache = tmp_path / "out", Cache(tmp_path / "cache")
    calls = _passes(monkeypatch)
    first = build(project, out, ["screen"], cache=cache)
    assert len(calls) == 1
    _contents_match_sections(first.outputs[0].path)
    section = project / "sections" / "04-aussenwirtschaftstag.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("Bereits im März", "Schon im März"),
                       encoding="utf-8")
    calls.clear()
    result = build(project, out, ["screen"], cache=cache)
    assert len(calls) == 1 and not result.unchanged
    _contents_match_sections(result.outputs[0].path)

    early = project / "sections" / "02-bilanz.yaml"
    text = early.read_text(encoding="utf-8")
    paragraph = text.split("  - paragraph: >-\n", 1)[1].split("\n  - ", 1)[0]
    early.write_text(text.replace("blocks:\n", "blocks:\n" + f"  - paragraph: >-\n{paragraph}\n" * 6, 1),
                     encoding="utf-8")
    calls.clear()
    grown = build(project, out, ["screen"], cache=cache)
    assert len(calls) == 1 and grown.outputs[0].pages > result.outputs[0].pages
    _contents_match_sections(grown.outputs[0].path)


def test_a_font_from_elsewhere_in_the_project_is_compared_too(project, tmp_path):
    fonts = project.parent / "fonts"
    fonts.mkdir()
    shutil.copy(project.parent / "assets" / "fonts" / "Lato-Light.ttf", fonts / "Body.ttf")
    (project / "theme.yaml").write_text("fonts:\n  light: ../fonts/Body.ttf\n", encoding="utf-8")
    out, cache = tmp_path / "out", Cache(tmp_path / "cache")
    first = build(project, out, ["screen"], cache=cache)
    assert fonts / "Body.ttf" in [p.resolve() for p in first.inputs]
    assert build(project, out, ["screen"], cache=cache).unchanged
    shutil.copy(project.parent / "assets" / "fonts" / "Lato-Regular.ttf", fonts / "Body.ttf")
    assert not build(project, out, ["screen"], cache=cache).unchanged


def test_both_editions_take_one_pass_with_or_without_a_cache(project, tmp_path, monkeypatch):
    """The print edition's numbers count the pages added for the binding (the back cover's line
    too), found in the same pass."""
    calls = _passes(monkeypatch)
    cache = Cache(tmp_path / "cache")
    screen = build(project, tmp_path / "out", ["screen"], cache=cache)
    printed = build(project, tmp_path / "out", ["print"], cache=cache)
    uncached = build(project, tmp_path / "uncached", ["print"], cache=Cache(tmp_path / "none", enabled=False))
    assert len(calls) == 3
    assert printed.outputs[0].pages > screen.outputs[0].pages  # the sample's print edition is padded
    for result in (screen, printed, uncached):
        _contents_match_sections(result.outputs[0].path)


def test_long_contents_take_one_pass(project, tmp_path, monkeypatch):
    """Contents over two pages (56 sections: more than two columns hold on the contents page): their
    lines push the sections a page on in the same pass that finds the sections' pages."""
    many_sections(project, 56)
    calls = _passes(monkeypatch)
    result = build(project, tmp_path / "out", ["screen"], cache=Cache(tmp_path / "cache"))
    assert len(calls) == 1
    with pikepdf.open(result.outputs[0].path) as pdf:
        assert all(any(a.Subtype == "/Link" for a in pdf.pages[i].get("/Annots", [])) for i in (1, 2))
    _contents_match_sections(result.outputs[0].path, pages=2)


def _sub_headings(project: Path) -> list[str]:
    """Two sub-headings in the third section; the theme lists them in the contents."""
    section = project / "sections" / "04-aussenwirtschaftstag.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("blocks:\n", "blocks:\n  - heading: Erster Teil\n", 1)
                       + "  - heading: Zweiter Teil\n  - paragraph: Ein Satz zum Schluss.\n", encoding="utf-8")
    (project / "theme.yaml").write_text("text:\n  contents_levels: 2\n", encoding="utf-8")
    return ["Erster Teil", "Zweiter Teil"]


def test_sub_headings_in_the_contents_are_kept_for_the_next_build(project, tmp_path, monkeypatch):
    """Sub-headings are found while the pages are drawn: a first build draws their lines in a
    second pass; the next build starts from the lines kept and takes one. The numbers are right
    either way, and a stale seed (a section renamed since) is not drawn."""
    names = _sub_headings(project)
    calls = _passes(monkeypatch)
    cache = Cache(tmp_path / "cache")
    first = build(project, tmp_path / "out", ["screen"], cache=cache)
    assert len(calls) == 2
    calls.clear()
    again = build(project, tmp_path / "again", ["screen"], cache=cache)
    assert len(calls) == 1
    for result in (first, again):
        _sub_headings_match(result.outputs[0].path, names)

    bilanz = project / "sections" / "02-bilanz.yaml"
    bilanz.write_text(re.sub(r"(?m)^title: .*$", "title: Ein neuer Titel", bilanz.read_text(encoding="utf-8"),
                             count=1), encoding="utf-8")
    calls.clear()
    renamed = build(project, tmp_path / "renamed", ["screen"], cache=cache)
    assert len(calls) == 2  # the seed's sections are not these: drawn from the sections, then again
    text = _contents_text(renamed.outputs[0].path)
    assert "Ein neuer Titel" in text
    _sub_headings_match(renamed.outputs[0].path, names)


def _contents_text(pdf_path: Path) -> str:
    document = pdfium.PdfDocument(str(pdf_path))
    return document[1].get_textpage().get_text_range().replace("\r\n", "\n").replace("\n", "")


def _sub_headings_match(pdf_path: Path, names: list[str]) -> None:
    """Each sub-heading's contents line shows the page its outline entry points to."""
    text = _contents_text(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        pages = {p.objgen: i + 1 for i, p in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:
            found = {child.title: pages[child.destination[0].objgen]
                     for item in outline.root for child in item.children}
    for name in names:
        assert re.search(rf"{re.escape(name)} ?{found[name]}(?!\d)", text), (name, found[name], text)


def test_the_stamps_digests_serve_the_fonts_and_charts_until_a_file_changes(tmp_path, monkeypatch):
    """The input stamp hashes the project's files; the fonts' parses and the charts' keys take its
    digests instead of hashing the same fonts twice more (a third of a one-word rebuild's hashing).
    A file written since — even to the same size, its time set back — is hashed again."""
    import hashlib
    import time as clock

    from report import cache as cache_module
    from report import fontfiles
    font = tmp_path / "content" / "Body.ttf"
    font.parent.mkdir()
    lato = (ROOT / "assets" / "fonts" / "Lato-Regular.ttf").read_bytes()
    font.write_bytes(lato)
    clock.sleep(0.15)  # settled: older than the file clock's racy window
    stamp._describe(font)

    hashed = []
    sha256 = hashlib.sha256

    def counting(data=b"", **kwargs):
        hashed.append(len(data))
        return sha256(data, **kwargs)
    monkeypatch.setattr(hashlib, "sha256", counting)
    fontfiles._parse.cache_clear()
    fontfiles._by_bytes.clear()
    assert cache_module.file_digest(font) == sha256(lato).hexdigest()
    assert fontfiles.parsed(font) is not None
    assert not [n for n in hashed if n >= len(lato)]  # neither hashed the font again

    cache_module._DIGESTS.clear()
    assert cache_module.file_digest(font) == sha256(lato).hexdigest()  # hashed, and remembered again
    st = font.stat()
    other = (ROOT / "assets" / "fonts" / "Lato-Bold.ttf").read_bytes()[:len(lato)]
    font.write_bytes(other + b"\0" * (len(lato) - len(other)))
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert cache_module.file_digest(font) == sha256(font.read_bytes()).hexdigest() != sha256(lato).hexdigest()
    fontfiles._parse.cache_clear()
    fontfiles._by_bytes.clear()
