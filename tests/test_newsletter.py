"""Screen edition and newsletter kit: size, links, outline; teaser HTML checked in headless Chromium."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from report.cli import main

from .conftest import require_tool

ARTIFACTS = Path(__file__).parent / "_artifacts"


def test_screen_edition_is_small_and_navigable(screen_pdf):
    assert screen_pdf.stat().st_size <= 1024 * 1024
    with pikepdf.open(screen_pdf) as pdf:
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.PageMode == "/UseOutlines"
        assert pdf.Root.OpenAction[0].objgen == pdf.pages[0].obj.objgen
        assert str(pdf.Root.Lang) == "de-DE"
        assert pdf.Root.OutputIntents[0].DestOutputProfile.N == 3
        with pdf.open_outline() as outline:
            titles = {item.title: item for item in outline.root}
        # every contents link lands on the page its bookmark points to
        named = {str(k): v for k, v in pdf.Root.Names.Dests.as_dict().items()} if "/Names" in pdf.Root else {}
        links = [a for a in pdf.pages[1].Annots if a.Subtype == "/Link"]
        targets = set()
        for a in links:
            dest = a.get("/Dest") or a.A.get("/D")
            dest = named.get(str(dest), dest) if not isinstance(dest, pikepdf.Array) else dest
            targets.add(pdf.pages.index(pikepdf.Page(dest[0])) + 1)
        assert {3, 4, 5, 6, 7} <= targets
        assert "Das Jahr in Zahlen" in titles


def test_screen_images_are_downsampled_jpeg(screen_pdf):
    with pikepdf.open(screen_pdf) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        filters = [[str(f) for f in (i.Filter if isinstance(i.Filter, pikepdf.Array) else [i.Filter])]
                   for i in images]
        assert images and all(f == ["/DCTDecode"] for f in filters), filters  # JPEG as is, no ASCII85
        ppi = int(images[0].Width) / (210 / 25.4)  # the cover fills the A4 width
        assert 145 <= ppi <= 155


def test_urls_in_content_become_link_annotations(project, tmp_path):
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "contact:\n", "contact:\n  web: https://www.example.org/report\n", 1), encoding="utf-8")
    assert main(["build", str(project), "-o", str(tmp_path / "o"), "--edition", "screen"]) == 0
    with pikepdf.open(tmp_path / "o" / "jahresrueckblick-2017-screen.pdf") as pdf:
        uris = [str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "https://www.example.org/report" in uris


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    assert main(["newsletter", "content", "-o", str(out)]) == 0
    return out / "newsletter"


def test_kit_files_and_thumbnails(kit):
    for width in (600, 1200):
        with Image.open(kit / f"cover-{width}.png") as im:
            assert im.width == width and im.height > width * 1.3  # a portrait A4 page
            assert im.convert("L").getextrema()[1] - im.convert("L").getextrema()[0] > 100
    assert (kit / "teaser.html").is_file() and (kit / "teaser.txt").is_file()


def test_teaser_html_is_email_safe(kit):
    html = (kit / "teaser.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names
    # everything is styled inline; a <style> holds only media queries that a client may drop (the tiles
    # one a row on a phone lose an empty line, two abreast their labels' height), so that the teaser
    # reads the same without them
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert names.count("style") == len(styles) <= 1
    query = r"@media \(max-width: \d+px\) \{ (\.kf-[a-z]+ \{ [a-z-]+: [0-9a-z]+ !important; \} )+\}"
    assert all(re.fullmatch(rf"{query}( {query})*", s) for s in styles), styles
    assert "@import" not in html and "url(" not in html
    images = [a for t, a in parser.tags if t == "img"]
    assert images and all(len(a.get("alt", "").strip()) > 10 for a in images)
    widths = [int(a["width"]) for t, a in parser.tags if t == "table" and a.get("width", "").isdigit()]
    assert widths and max(widths) <= 600
    assert "Ein gutes Jahr für Ihre Internationalisierung!" in html
    assert "1.000" in html and "MEHR ALS" in html
    assert 'href="https://www.example.org/jahresrueckblick-2017-screen.pdf"' in html


def test_the_linked_cover_says_where_it_leads(kit):
    """The cover is a link to the PDF: its alt is the link's name, which a screen reader announces, so it
    begins with where the link leads (the button's words), then what the picture shows (WCAG 2.4.4)."""
    html = (kit / "teaser.html").read_text(encoding="utf-8")
    linked = re.search(r'<a href="([^"]+)"><img [^>]*alt="([^"]*)"', html)
    assert linked and linked.group(1).endswith("-screen.pdf")
    button = re.search(rf'<a href="{re.escape(linked.group(1))}" style="[^"]*">([^<]+)</a>', html).group(1)
    assert linked.group(2).startswith(f"{button} – Titelseite: Ein gutes Jahr")


def test_teaser_escapes_content(project, tmp_path):
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "title: Ein gutes Jahr für Ihre Internationalisierung!", 'title: "Zahlen & Fakten <2017>"'), encoding="utf-8")
    assert main(["newsletter", str(project), "-o", str(tmp_path)]) == 0
    html = (tmp_path / "newsletter" / "teaser.html").read_text(encoding="utf-8")
    assert "Zahlen &amp; Fakten &lt;2017&gt;" in html and "<2017>" not in html


def test_plain_text_teaser(kit):
    text = (kit / "teaser.txt").read_text(encoding="utf-8")
    assert text.splitlines()[2] == "Ein gutes Jahr für Ihre Internationalisierung!"
    assert "mehr als 1.000 Thüringer erreicht" in text
    assert "https://www.example.org/jahresrueckblick-2017-screen.pdf" in text
    assert max(len(line) for line in text.splitlines()) <= 120


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--allow-file-access-from-files", "--hide-scrollbars",
                  "--virtual-time-budget=3000"]
HOST = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="teaser.html" style="width:{w}px;height:1600px;border:0;display:block"></iframe>
<script>document.getElementById("f").onload = function () {{
  var d = this.contentDocument.documentElement, tops = {{}}, heights = {{}}, uneven = 0;
  this.contentDocument.querySelectorAll('div[style*="font-weight:900"]').forEach(function (t) {{
    var top = t.getBoundingClientRect().top, tile = t.closest("table").getBoundingClientRect().height;
    tops[top] = 1;
    if (top in heights && Math.abs(heights[top] - tile) > 1) {{ uneven += 1; }}
    heights[top] = tile; }});
  var levels = 0;
  this.contentDocument.querySelectorAll("td > div").forEach(function (e) {{  // a tile's line with a no-break space only
    if (e.textContent === "\\u00a0" && e.getBoundingClientRect().height > 0) {{ levels += 1; }} }});
  document.title = "scroll=" + d.scrollWidth + ";view=" + d.clientWidth + ";rows=" + Object.keys(tops).length
    + ";uneven=" + uneven + ";levels=" + levels; }};
</script></body></html>"""


def _chromium(args: list[str], tmp: Path) -> str:
    exe = require_tool("chromium", "chromium")
    res = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
                         capture_output=True, text=True, timeout=120)
    return res.stdout


def _in_chromium(folder: Path, width: int, tmp: Path, shot_name: str) -> tuple[int, int]:
    """Open folder/teaser.html in an iframe `width` px wide, assert it does not scroll sideways, leave
    a screenshot in tests/_artifacts/ and return how many rows the key-figure tiles form (the tops
    of their values, set in weight 900) and how many empty lines level a value with a qualified one."""
    host = folder / f"host-{width}.html"
    host.write_text(HOST.format(w=width), encoding="utf-8")
    dom = _chromium(["--dump-dom", host.as_uri()], tmp)
    m = re.search(r"<title>scroll=(\d+);view=(\d+);rows=(\d+);uneven=(\d+);levels=(\d+)</title>", dom)
    assert m, dom[:500]
    scroll, view, rows, uneven, levels = (int(g) for g in m.groups())
    assert view == width and scroll <= view, f"horizontal scrolling at {width} px: {scroll} > {view}"
    assert uneven == 0, f"tiles side by side of different heights at {width} px"  # a foundation's teaser
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / shot_name
    _chromium([f"--window-size={max(width, 600)},1600", f"--screenshot={shot}", host.as_uri()], tmp)
    with Image.open(shot) as im:
        strip = im.crop((0, 0, width, im.height))  # the window is ≥ 500 px: keep what the reader sees
    strip.save(shot)
    grey = strip.convert("L")
    assert grey.getextrema()[1] - grey.getextrema()[0] > 100  # something rendered
    host.unlink()
    return rows, levels


@pytest.mark.parametrize("width", [600, 375])
def test_teaser_in_headless_chromium(kit, tmp_path, width):
    """Headless Chromium keeps windows ≥ 500 px wide, so the teaser is measured in an iframe of the
    exact width (its own viewport) and shot from there. The sample's third tile stands level with the
    fourth's value, which has a qualifier ("mehr als"), by an empty line; one a row on a phone, it has
    none (foundation user 20: it only pushed the value down)."""
    rows, levels = _in_chromium(kit, width, tmp_path, f"teaser-{width}.png")
    assert (rows, levels) == ((2, 1) if width == 600 else (4, 0))


LONG_VALUES = {  # the sample's first four key figures made long: a utility's accounts (T€, Mio. €)
    "accounts": ['"318.442"\n    unit: T€', '5.65\n    unit: Mio. €', '78.6\n    unit: Mio. €', '"174.870"'],
    "huge": ['"999.999.999,99"\n    unit: Mio. €', "20", "6", "1000"],
}


@pytest.mark.parametrize(("case", "width", "rows"), [("accounts", 600, 2), ("accounts", 375, 4),
                                                     ("huge", 600, 4), ("huge", 375, 4)])
def test_teaser_tiles_fit_long_values(project, tmp_path, case, width, rows):
    """Values 30 px large that cannot break ('318.442 T€') made two tile columns wider than a phone:
    the tiles now sit two abreast only where both fit (no media query needed), else one a row, and a
    value too long for one tile on a phone is set smaller."""
    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.teaser import teaser_html
    path = project / "sections" / "01-zahlen.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in zip(("5", "20", "6", "1000"), LONG_VALUES[case], strict=True):
        assert f"  - value: {old}\n" in text
        text = text.replace(f"  - value: {old}\n", f"  - value: {new}\n", 1)
    path.write_text(text, encoding="utf-8")
    doc = load_document(project)
    html = teaser_html(doc, get_locale(doc.report.language), "cover-600.png")
    shown = ["318.442\u00a0T€", "5,65\u00a0Mio.\u00a0€", "174.870"] if case == "accounts" \
        else ["999.999.999,99\u00a0Mio.\u00a0€"]
    assert all(v in html for v in shown)
    (tmp_path / "teaser.html").write_text(html, encoding="utf-8")
    assert _in_chromium(tmp_path, width, tmp_path, f"teaser-{case}-{width}.png")[0] == rows


def _newsletter_errors(project, old: str, new: str) -> list[str]:
    from report.content import load_document
    from report.errors import ReportError
    report = project / "report.yaml"
    text = report.read_text(encoding="utf-8")
    for o, n in zip(old.split("|"), new.split("|"), strict=True):
        assert o in text
        text = text.replace(o, n)
    report.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_document(project)
    return [f"{d.pos.line}: {d.message}" for d in exc.value.diagnostics]


def test_newsletter_addresses_are_checked(project):
    errors = _newsletter_errors(project,
                                "pdf_url: https://www.example.org/jahresrueckblick-2017-screen.pdf|"
                                "reply_to: newsletter@example.org",
                                "pdf_url: www.example|reply_to: newsletter")
    assert len(errors) == 2
    assert "pdf_url 'www.example' is not a web address" in errors[0]
    assert "reply_to 'newsletter' is not an e-mail address" in errors[1]


def test_newsletter_shows_three_or_four_figures(project):
    errors = _newsletter_errors(project, "  figures: 4", "  figures: 7")
    assert len(errors) == 1 and "figures = 7 is out of range" in errors[0]


def test_the_teaser_shows_the_key_figures_marked_for_it(project):
    """`teaser: true` picks the tiles (any of them, in reading order) instead of the first four; a fifth
    mark is an error at its line."""
    from report.content import load_document
    from report.errors import ReportError
    from report.locale import get_locale
    from report.newsletter.teaser import teaser_html, teaser_text
    figures = project / "sections" / "01-zahlen.yaml"
    original = figures.read_text(encoding="utf-8")
    marked = original.replace("    label: Teilnehmer beim Außenwirtschaftstag\n",
                              "    label: Teilnehmer beim Außenwirtschaftstag\n    teaser: true\n")
    marked = marked.replace("    label: Länder\n", "    label: Länder\n    teaser: true\n")
    figures.write_text(marked, encoding="utf-8")
    doc = load_document(project)
    locale = get_locale(doc.report.language)
    text, html = teaser_text(doc, locale), teaser_html(doc, locale, "cover-600.png")
    for shown in (text, html):
        assert "Teilnehmer beim Außenwirtschaftstag" in shown and "Länder" in shown
        assert "Delegations- und Markterkundungsreisen" not in shown  # the first tile is not marked
    assert text.index("Außenwirtschaftstag") < text.index("Länder")
    every = original
    for label in re.findall(r"    label: .*\n", original):
        every = every.replace(label, label + "    teaser: true\n")
    figures.write_text(every, encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_document(project)
    errors = [(d.pos.line, d.message, d.hint) for d in exc.value.diagnostics]
    assert len(errors) == 4, errors  # 8 marked: the fifth to the eighth named
    lines = [n for n, line in enumerate(every.splitlines(), 1) if line == "    teaser: true"]
    assert [line for line, _, _ in errors] == lines[4:]
    assert errors[0][1] == "8 key figures are marked for the newsletter teaser; it shows at most 4"
    assert errors[0][2] == "remove 'teaser: true' from 4 of them"


def test_the_teaser_tiles_show_the_change_against_last_year_as_the_pdf_does(project):
    """The PDF's tiles said '▲ +2.4 % ggü. Vorjahr', the teaser's tiles dropped it (a Swiss review): it
    stands under the label, the arrow coloured as good or bad news (`better: lower`: a fall is good),
    hidden from screen readers; the words in the ink where the colour would not read on the tile; a
    tile without a change beside one with it keeps an empty line, so that the pair stays level; the
    plain text says it in brackets."""
    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.teaser import _colours, teaser_html, teaser_text
    figures = project / "sections" / "01-zahlen.yaml"
    text = figures.read_text(encoding="utf-8")
    text = text.replace("  - value: 5\n    label: Delegations", "  - value: 5\n    previous: 4\n    label: Delegations",
                        1)
    text = text.replace("  - value: 20\n", "  - value: 20\n    previous: 25\n    better: lower\n", 1)
    text = text.replace("  - value: 6\n", "  - value: 6\n    previous: 6\n", 1)
    figures.write_text(text, encoding="utf-8")
    doc = load_document(project)
    locale = get_locale(doc.report.language)
    html, plain_text = teaser_html(doc, locale, "cover-600.png"), teaser_text(doc, locale)
    c = _colours(doc)
    assert "* 5 Delegations- und Markterkundungsreisen (+25,0\u00a0% ggü. Vorjahr)" in plain_text, plain_text
    assert "* 20 ausländische Delegationen empfangen (−20,0\u00a0% ggü. Vorjahr)" in plain_text
    assert "* mehr als 1.000 Thüringer erreicht\n" in plain_text  # no previous year: nothing said
    arrows = re.findall(r'<span aria-hidden="true" style="color:(#\w+);">(.)</span>&nbsp;([^<]*)</div>', html)
    assert arrows == [(c["secondary"], "▲", "+25,0\u00a0% ggü. Vorjahr"),
                      (c["secondary"], "▼", "−20,0\u00a0% ggü. Vorjahr"),  # better: lower
                      (c["muted"], "▬", "unverändert ggü. Vorjahr")], arrows
    # the empty lines that keep a pair level: the third tile's beside 'MEHR ALS', the fourth's beside a change
    levels = re.findall(r'<div class="kf-level" style="([^"]*)">&nbsp;</div>', html)
    assert len(levels) == 2 and sum("line-height:16px" in s for s in levels) == 1, levels


def test_report_newsletter_says_the_builds_warnings(project, tmp_path, capsys):
    """`report newsletter` printed none of the warnings `report build` prints for the same content, and
    its progress lines looked different."""
    section = project / "sections" / "02-bilanz.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("blocks:\n", 'blocks:\n  - paragraph: Er sagte "ja und ging.\n', 1),
                       encoding="utf-8")
    assert main(["newsletter", str(project), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "warning: " in err and "is never closed" in err, err
    assert "[1/6] load" in err


def test_teaser_images_point_where_they_are_uploaded(project, tmp_path):
    """A mail cannot carry relative image paths: with newsletter.images_url the cover and the logo
    point to the folder they are uploaded to; the teaser uses the 600 px cover (shown 260 px wide)."""
    report = project / "report.yaml"
    text = report.read_text(encoding="utf-8")
    assert "  figures: 4" in text
    report.write_text(text.replace("  figures: 4", "  figures: 4\n  images_url: https://www.example.org/nl/2017"),
                      encoding="utf-8")
    assert main(["newsletter", str(project), "-o", str(tmp_path)]) == 0
    parser = _Tags()
    parser.feed((tmp_path / "newsletter" / "teaser.html").read_text(encoding="utf-8"))
    sources = [a["src"] for t, a in parser.tags if t == "img"]
    assert sources and all(s.startswith("https://www.example.org/nl/2017/") for s in sources)
    assert "https://www.example.org/nl/2017/cover-600.png" in sources
    for src in sources:
        assert (tmp_path / "newsletter" / src.rsplit("/", 1)[1]).is_file()


@pytest.mark.parametrize("width", [600, 375])
def test_teaser_tiles_side_by_side_are_as_high_as_each_other(project, tmp_path, width):
    """A foundation's teaser: a tile with a longer label stood higher than its neighbour at 600 px;
    a UK charity's at 375 px, where the label took a line more than it did at 600 (the labels' height
    follows the screen's width, in media queries)."""
    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.teaser import teaser_html
    path = project / "sections" / "01-zahlen.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("label: ausländische Delegationen empfangen",
                        "label: Delegationen aus dem Ausland, die wir in Erfurt und Jena empfangen haben", 1)
    if width < 600:  # words short enough for two tiles abreast on a phone
        text = text.replace("Delegations- und Markterkundungsreisen", "Reisen zu neuen Märkten", 1)
        text = text.replace("Thüringer Gemeinschaftsstände", "Stände auf Messen", 1)
    path.write_text(text, encoding="utf-8")
    doc = load_document(project)
    (tmp_path / "teaser.html").write_text(teaser_html(doc, get_locale(doc.report.language), "cover-600.png"),
                                          encoding="utf-8")
    # and uneven == 0 inside
    assert _in_chromium(tmp_path, width, tmp_path, f"teaser-long-label-{width}.png")[0] == 2


QUALIFIER_GAP = 'font-size:11px;">&nbsp;</div>'  # a tile's empty qualifier line


def test_a_tile_keeps_an_empty_qualifier_line_only_beside_one_with_a_qualifier(kit):
    """The sample's first row (5 trips, 20 delegations) has no qualifier, yet both values stood a blank
    line low; the second row's '6' stays level with 'MEHR ALS / 1.000' beside it."""
    html = (kit / "teaser.html").read_text(encoding="utf-8")
    tiles = html.split('<div style="display:inline-block')[1:]
    assert len(tiles) == 4
    assert [QUALIFIER_GAP in tile for tile in tiles] == [False, False, True, False]


def test_teaser_footer_names_an_address_once_and_sets_the_unsubscribe_note_apart(project):
    """A reply address that is the contact's e-mail address stood twice, one line under the other; the
    unsubscribe note ran on under the address (the plain text had a blank line)."""
    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.teaser import teaser_html, teaser_text
    report = project / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  publisher: Thüringen International\n", "  publisher: Thüringen International\n"
        "  email: Newsletter@example.org\n", 1), encoding="utf-8")
    doc = load_document(project)
    locale = get_locale(doc.report.language)
    html, text = teaser_html(doc, locale, "cover-600.png"), teaser_text(doc, locale)
    assert "mailto:Newsletter@example.org" in html and "Newsletter@example.org" in text
    assert "Antworten an" not in html and "Antworten an" not in text
    assert "<br><br>Sie erhalten diese E-Mail" in html and "\n\nSie erhalten diese E-Mail" in text


def test_teaser_text_in_the_accent_stands_out_as_the_screen_edition_sets_it(kit):
    """The kicker (on the paper) and the tiles' qualifiers (on the tint) are text in the accent, which in
    the sample's orange stands out 2.8:1 from white: they are set in its darker shade, 4.5:1 (WCAG AA),
    while the accent's bar and the button keep the brand's orange."""
    from report.colours import contrast
    html = (kit / "teaser.html").read_text(encoding="utf-8")
    kicker = re.search(r'letter-spacing:1px;color:(#[0-9a-f]{6});">JAHRESRÜCKBLICK', html)
    qualifier = re.search(r'letter-spacing:1px;color:(#[0-9a-f]{6});">MEHR ALS', html)
    assert kicker and qualifier
    assert contrast(kicker[1], "#ffffff") >= 4.5
    tint = re.search(r'style="background:(#[0-9a-f]{6});border-top:4px solid #ee7d2b;', html)
    assert tint and contrast(qualifier[1], tint[1]) >= 4.5
    assert "background:#ee7d2b;height:6px" in html  # the brand's orange where it is no text


def test_the_teaser_names_the_house_fonts_first(project):
    """The teaser asked every mail client for Lato, whatever the theme's fonts: a brand set in Open Sans
    with serif headings got Lato and Helvetica. It names the theme's text family first, and its heading
    face for the title and the tiles' numbers, each followed by system fonts of its kind."""
    from fontTools.ttLib import TTFont

    from report.content import load_document
    from report.locale import get_locale
    from report.newsletter.teaser import teaser_html

    from .brand_fonts import make_lacking
    from .conftest import ASSETS
    fonts = project.parent / "assets" / "fonts"
    make_lacking(ASSETS / "fonts" / "Lato-Regular.ttf", fonts / "HouseSans-Regular.ttf", "", family="House Sans")
    serif = make_lacking(ASSETS / "fonts" / "Lato-Black.ttf", fonts / "Didone-Black.ttf", "", family="Didone")
    font = TTFont(str(serif))
    font["OS/2"].panose.bSerifStyle = 2  # PANOSE: a serif (cove), as a serif face declares itself
    font.save(str(serif))
    (project / "theme.yaml").write_text("fonts:\n  regular: fonts/HouseSans-Regular.ttf\n"
                                        "  heading: fonts/Didone-Black.ttf\n", encoding="utf-8")
    doc = load_document(project)
    html = teaser_html(doc, get_locale(doc.report.language), "cover-600.png")
    sans = "font-family:'House Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif"
    serif_stack = "font-family:Didone, Georgia, 'Times New Roman', Times, serif;"
    assert "Lato" not in html
    assert html.count(sans) >= 5  # the text, the tiles, the button, the footer
    assert re.search(f"<h1 style=\"{re.escape(serif_stack)}", html)  # the title
    assert html.count(serif_stack) == html.count("font-weight:900;") == 5  # the title and the four tiles' numbers
