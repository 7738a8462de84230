"""The print edition's forms (the charts) and pages rewritten to CMYK once: a later build, in this
process or a new one, takes the rewritten stream kept under the stream's bytes and the conversion.
Its PDF is byte for byte the one a full rewrite gives; a change of the conversion (a theme colour,
the profile) or of the stream rewrites it again. The slug's build time is a form of its own, so a
page's stream is the same in a build a minute later."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pikepdf
import pytest

import report.editions.print as print_edition
from report.build import build
from report.cache import Cache
from report.content import load_document
from report.editions.print import ColourConverter, RewrittenForms, to_cmyk_stream
from report.theme import load_theme


@pytest.fixture
def counted(monkeypatch):
    """The rewrites done, by kind of stream (page, form); the process's kept forms forgotten."""
    monkeypatch.setattr(RewrittenForms, "_kept", {})
    done = {"page": 0, "form": 0}
    rewrite = print_edition._rewritten

    def counting(container, convert):
        done["page" if container.get("/Type") == "/Page" else "form"] += 1
        return rewrite(container, convert)

    monkeypatch.setattr(print_edition, "_rewritten", counting)
    return done


def test_a_later_print_build_rewrites_nothing_and_gives_the_same_pdf(project: Path, tmp_path: Path, counted,
                                                                     monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    cache = Cache(tmp_path / "cache")
    first = build(project, tmp_path / "a", ["print"], cache=cache).outputs[0]
    assert counted["form"] >= 3 and counted["page"] == first.pages  # the sample's charts, every page
    full = first.path.read_bytes()
    monkeypatch.setattr(RewrittenForms, "_kept", {})  # a new process: the streams come from the cache
    counted.update(page=0, form=0)
    (project / "sections" / "04-aussenwirtschaftstag.yaml").write_text(  # not answered from the stamp
        (project / "sections" / "04-aussenwirtschaftstag.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = build(project, tmp_path / "a", ["print"], cache=cache).outputs[0]
    assert counted == {"page": 0, "form": 0}
    assert again.path.read_bytes() == full


def test_a_build_a_minute_later_keeps_its_pages_and_shows_its_own_time(project: Path, tmp_path: Path, counted,
                                                                        monkeypatch) -> None:
    """Without SOURCE_DATE_EPOCH each build's slug shows its own time; the time is one form, so
    the pages' streams are those of the build before and only the time's form is rewritten."""
    import re
    from datetime import datetime

    import pypdfium2 as pdfium

    from report import clock
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    cache = Cache(tmp_path / "cache")
    times = iter([datetime(2026, 11, 26, 9, 15, tzinfo=UTC), datetime(2026, 11, 26, 9, 16, tzinfo=UTC)])
    when = next(times)
    monkeypatch.setattr(clock, "build_time", lambda: when)
    monkeypatch.setattr(print_edition, "build_time", lambda: when)
    first = build(project, tmp_path / "a", ["print"], cache=cache).outputs[0]
    with pikepdf.open(first.path) as pdf:
        pages = [p.Contents.read_bytes() for p in pdf.pages]
    when = next(times)
    counted.update(page=0, form=0)
    again = build(project, tmp_path / "b", ["print"], cache=cache).outputs[0]
    assert counted == {"page": 0, "form": 1}  # the time's form
    with pikepdf.open(again.path) as pdf:
        assert [p.Contents.read_bytes() for p in pdf.pages] == pages
    document = pdfium.PdfDocument(str(again.path))
    text = document[2].get_textpage().get_text_range()
    assert re.search(r"· Seite 3 · 26\.11\.2026 09:16 UTC", text), text


def _form(pdf: pikepdf.Pdf, content: bytes) -> pikepdf.Stream:
    return pdf.make_stream(content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 100, 100], Resources=pikepdf.Dictionary())


def test_a_form_is_rewritten_again_when_it_or_the_conversion_changes(project: Path, tmp_path: Path,
                                                                      counted) -> None:
    doc = load_document(project)
    theme, _ = load_theme(project, doc.assets_dir)
    profile = doc.assets_dir / print_edition.PROFILE
    convert = ColourConverter(theme, profile)
    forms = RewrittenForms(Cache(tmp_path / "cache"), convert)
    pdf = pikepdf.new()
    red = b"1 0 0 rg 0 0 10 10 re f\n"

    def rewrite(content: bytes, converter: ColourConverter = convert, kept: RewrittenForms = forms) -> bytes:
        form = _form(pdf, content)
        to_cmyk_stream(pdf, form, converter, set(), kept)
        return form.read_bytes()

    once = rewrite(red)
    assert b" k" in once and b"rg" not in once and counted["form"] == 1
    assert rewrite(red) == once and counted["form"] == 1  # the same form: kept
    rewrite(b"0 0 1 rg 0 0 10 10 re f\n")
    assert counted["form"] == 2  # another form
    in_process = RewrittenForms(Cache(tmp_path / "off", enabled=False), convert)  # a disabled cache
    assert rewrite(b"0 1 0 rg\n", kept=in_process) == rewrite(b"0 1 0 rg\n", kept=in_process)
    assert counted["form"] == 3  # kept by this process
    other = ColourConverter(_recoloured(theme, "primary"), profile)
    assert other.signature != convert.signature
    rewrite(red, other, RewrittenForms(Cache(tmp_path / "cache"), other))
    assert counted["form"] == 4  # another conversion


def _recoloured(theme, name: str):
    from dataclasses import replace
    colour = getattr(theme.colours, name)
    return replace(theme, colours=replace(theme.colours, **{name: replace(colour, cmyk=[50, 50, 50, 50])}))
