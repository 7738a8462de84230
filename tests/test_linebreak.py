"""Line breaking of body text: the wrap fallback, the paragraph optimiser, page splits, spacing."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import _SplitFragH, _SplitFragHY

from report.content import load_document
from report.layout.hyphenate import break_points, hyphenator, word_breaks
from report.layout.justify import PROTRUDE_RIGHT
from report.layout.styles import MM
from report.layout.text import Paragraph, rl_markup

from . import pdf_chars
from .conftest import SAMPLE_CONTENT

MEASURES_MM = range(98, 147, 4)


@pytest.fixture(scope="module")
def sample_paragraphs() -> list[str]:
    doc = load_document(SAMPLE_CONTENT)
    return [b.text for s in doc.sections for b in getattr(s, "blocks", []) if type(b).__name__ == "Paragraph"]


def test_slightly_shrunk_lines_keep_hyphenation(styles, sample_paragraphs):
    """The page-6 paragraph at the sample's 122 mm measure: its greedy lines shrink their spaces by a
    fraction of a point, which once re-set the whole paragraph without hyphenation (6.5x gaps)."""
    suhl = next(t for t in sample_paragraphs if t.startswith("Bereits im März"))
    p = Paragraph(rl_markup(suhl, styles.locale), styles.para("body"))
    p.wrap(345.83, 10_000)
    assert p.style.hyphenationLang, "the paragraph was set again without hyphenation"
    for mm in MEASURES_MM:
        for text in sample_paragraphs:
            p = Paragraph(rl_markup(text, styles.locale), styles.para("body"))
            p.wrap(mm * MM, 10_000)
            assert p.style.hyphenationLang, f"{text[:30]!r} at {mm} mm lost its hyphenation"


def test_a_word_wider_than_the_line_still_falls_back(styles):
    """A URL is split once at a slash and its rest overflows; set again, every piece fits."""
    word = "https://www.example.org/" + "sehr-langer-pfad/" * 12 + "?q=" + "x" * 80
    p = Paragraph(f"Ein {word} steht hier.", styles.para("body"))
    p.wrap(60 * MM, 10_000)
    assert not p.style.hyphenationLang


# --- the optimiser on the sample's paragraphs --------------------------------------------------


def _plans(styles, texts, measures_mm):
    for mm in measures_mm:
        for text in texts:
            p = Paragraph(rl_markup(text, styles.locale), styles.para("body"))
            p.wrap(mm * MM, 10_000)
            yield mm, text, p


def _gaps(line) -> float:
    """A justified line's spaces in natural spaces, as drawn: (space + Tw) scaled by the line's Tz."""
    return line.scale * (1 + line.extraSpace / (line.wordCount - 1) / SPACE)


SPACE = 2.56  # Lato's space at 10 pt


def test_spacing_limits_on_the_sample_paragraphs_at_13_measures(styles, sample_paragraphs):
    gaps, lines, emergencies = [], [], 0
    for _mm, _text, p in _plans(styles, sample_paragraphs, MEASURES_MM):
        justified = [ln for ln in p.blPara.lines[:-1] if ln.wordCount > 1]
        lines += [_gaps(ln) for ln in justified]
        gaps += [_gaps(ln) for ln in justified for _ in range(ln.wordCount - 1)]
        emergencies += p._plan[0].emergency
    gaps.sort()
    median = gaps[len(gaps) // 2]
    assert len(lines) > 350
    assert median <= 1.25, median
    assert gaps[-1] <= 2.25, gaps[-1]
    assert gaps[0] >= 0.79, gaps[0]  # shrink: never below 0.8 (rounding)
    assert sum(g > 2.0 for g in lines) <= 0.03 * len(lines)
    assert emergencies <= 1


def test_hyphenation_rules_hold_in_every_paragraph(styles, sample_paragraphs):
    """No more than 2 hyphenated lines in a row; the line before the last never ends inside a word."""
    for mm, text, p in _plans(styles, sample_paragraphs, MEASURES_MM):
        lines = p.blPara.lines
        ends = [ln.words[-1].text.endswith("-") for ln in lines[:-1]]
        run = longest = 0
        for hyphen in ends:
            run = run + 1 if hyphen else 0
            longest = max(longest, run)
        assert longest <= 2, f"{text[:30]!r} at {mm} mm: {longest} hyphens in a row"
        before_last = p.frags[lines[-1].sFW - 1]
        assert not isinstance(before_last, _SplitFragH), f"{text[:30]!r} at {mm} mm: last line is a word's end"


def test_words_never_hyphenated():
    h = hyphenator("de_DE")
    assert word_breaks("Ramelow", h), "a long word has break points"
    for word in ("Sömmerda"[:5], "Japan,", "1.000", "2017-2018", "https://example.org/internationalisierung",
                 "info@thueringen-international.de"):
        assert [b for b in word_breaks(word, h) if b[1]] == [], word
    assert word_breaks("Friedrich-Schiller-Universität", h) == ((10, False), (19, False))  # at its hyphens only


def test_compound_joints_are_resolved_not_dropped():
    pieces = {w: "-".join(w[a:b] for a, b in zip([0, *break_points(w, "de_DE")], [*break_points(w, "de_DE"), len(w)],
                                                  strict=True))
              for w in ("Fortschreibung", "Gemeinschaftsstände", "Südthüringen")}
    assert pieces == {"Fortschreibung": "Fort-schrei-bung", "Gemeinschaftsstände": "Ge-mein-schafts-stände",
                      "Südthüringen": "Süd-thü-rin-gen"}


# --- page splits ------------------------------------------------------------------------------


def _texts(p: Paragraph) -> list[str]:
    return ["".join(w.text for w in ln.words).strip() for ln in p.blPara.lines]


def _added_hyphen(whole: Paragraph, lines: list[str], keep: int) -> bool:
    """Whether line `keep` (from 1) of `whole` ends with a hyphen that hyphenation added."""
    end, after = lines[keep - 1], lines[keep]
    return end.endswith("-") and f"{end.split()[-1]}{after.split()[0]}" not in whole.getPlainText()


def test_page_splits_keep_the_chosen_breaks(styles, sample_paragraphs):
    width = 122 * MM
    for text in sample_paragraphs:
        whole = Paragraph(rl_markup(text, styles.locale), styles.para("body"))
        whole.wrap(width, 10_000)
        lines = _texts(whole)
        leading = whole.style.leading
        for keep in range(2, len(lines) - 2):
            first, rest = whole.split(width, keep * leading + 1)
            first.wrap(width, keep * leading + 1)  # a frame wraps both parts again
            rest.wrap(width, 10_000)
            if _added_hyphen(whole, lines, keep):  # at the page's foot: the lines are chosen again (or
                # a line fewer is kept, where that would need emergency stretch): a whole word ends it
                assert len(_texts(first)) in (keep, keep - 1) and not _texts(first)[-1].endswith("-")
            else:
                assert _texts(first) + _texts(rest) == lines
            assert first._JustifyLast, "the first part's last line is justified"
            assert "".join(first.getPlainText().split()) + "".join(rest.getPlainText().split()) == \
                "".join(whole.getPlainText().split())
        again = _texts(whole)
        assert again == lines, "splitting changed the whole paragraph"


def _drawn_lines(pdf_path: Path) -> dict[int, list[tuple[str, float, float]]]:
    """Page → its lines top down, each (last glyph, left edge, right edge) as pdfium reads the glyphs."""
    lines: dict[tuple[int, float], list[pdf_chars.Char]] = defaultdict(list)
    for c in pdf_chars.chars(pdf_path):
        lines[(c.page, round(c.baseline, 1))].append(c)
    pages: dict[int, list[tuple[str, float, float]]] = defaultdict(list)
    for (page, _y), chars in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        last = max(chars, key=lambda c: c.box[2])
        pages[page].append((last.text, min(c.box[0] for c in chars), last.box[2]))
    return pages


def test_a_first_part_draws_its_lines_as_the_whole_paragraph(styles, sample_paragraphs, tmp_path):
    """Split after every line it can be split after, the first part draws each of its lines where the
    whole paragraph draws it (its last line justified, with the whole's font expansion and
    protrusion), none past the measure: only punctuation and hyphens hang beyond it."""
    width, x = 122 * MM, 50.0
    suhl = next(t for t in sample_paragraphs if t.startswith("Bereits im März"))
    texts = [suhl, f"„{max(sample_paragraphs, key=len)}“"]  # a quotation's first line hangs into the left margin
    canvas = Canvas(str(tmp_path / "parts.pdf"), pagesize=(width + 2 * x, 1000), invariant=1)
    pages = []  # per page: (paragraph, lines kept: 0 for the whole)
    for n, text in enumerate(texts):
        whole = Paragraph(rl_markup(text, styles.locale), styles.para("body"))
        _w, height = whole.wrap(width, 10_000)
        whole.drawOn(canvas, x, 950 - height)
        canvas.showPage()
        pages.append((n, 0))
        for keep in range(2, len(whole.blPara.lines) - 1):
            if _added_hyphen(whole, _texts(whole), keep):
                continue  # the lines are chosen again (test_page_splits_keep_the_chosen_breaks)
            first, _rest = whole.split(width, keep * whole.style.leading + 1)
            _w, height = first.wrap(width, keep * whole.style.leading + 1)  # as a frame does
            first.drawOn(canvas, x, 950 - height)
            canvas.showPage()
            pages.append((n, keep))
    canvas.save()
    drawn = _drawn_lines(tmp_path / "parts.pdf")
    wholes = {n: drawn[no] for no, (n, keep) in enumerate(pages, start=1) if keep == 0}
    assert len(pages) > 12
    for no, (n, keep) in enumerate(pages, start=1):
        lines = drawn[no]
        assert len(lines) == (keep or len(wholes[n]))
        for i, (ch, left, right) in enumerate(lines):
            hang = 0.2 * styles.para("body").fontSize if ch in PROTRUDE_RIGHT or ch == "\ufffe" else 0.3
            assert right <= x + width + hang, \
                f"line {i + 1} (part of {keep or 'all'}) runs {right - x - width:.2f} pt past"
            _ch, w_left, w_right = wholes[n][i]  # a hyphen ending the part is '-' to pdfium, else U+FFFE
            assert (round(left, 2), round(right, 2)) == (round(w_left, 2), round(w_right, 2)), \
                f"split after line {keep}: line {i + 1} drawn unlike the whole paragraph's"
        if keep:
            assert abs(lines[-1][2] - (x + width)) < 3, "the first part's last line is justified"


def test_a_part_in_a_narrower_frame_is_set_again(styles, sample_paragraphs):
    whole = Paragraph(rl_markup(sample_paragraphs[0], styles.locale), styles.para("body"))
    whole.wrap(122 * MM, 10_000)
    first, rest = whole.split(122 * MM, 4 * whole.style.leading + 1)
    rest.wrap(90 * MM, 10_000)
    assert max(90 * MM - ln.extraSpace for ln in rest.blPara.lines) <= 90 * MM + 3
    assert " ".join(rest.getPlainText().split()) in " ".join(whole.getPlainText().split())


def test_captions_get_an_even_rag(styles, sample_paragraphs):
    """Ragged-right text (captions, sources, small print) keeps its spaces and evens its line ends:
    over the sample's paragraphs at three widths, the line ends vary less than reportlab's greedy
    lines and fewer lines end in a hyphen; no line is longer than the measure."""
    def rag(optimise: bool, text: str, width: float) -> tuple[float, int]:
        Paragraph.optimise = optimise
        try:
            p = Paragraph(rl_markup(text, styles.locale), styles.para("caption"))
            p.wrap(width, 10_000)
        finally:
            Paragraph.optimise = True
        lines = p.blPara.lines[:-1]
        free = [ln.extraSpace if hasattr(ln, "extraSpace") else ln[0] for ln in lines]
        ends = [ln.words[-1].text if hasattr(ln, "words") else ln[1][-1] for ln in lines]
        if optimise:  # reportlab's own lines may run 5 % of their spaces long (spaceShrinkage)
            assert all(f >= -0.01 for f in free), "a line longer than the measure"
            assert all(getattr(ln, "scale", 1.0) == 1.0 for ln in lines), "no expansion in ragged text"
        return statistics.pstdev(free), sum(e.endswith("-") for e in ends)

    even = greedy = (0.0, 0)
    for text in sample_paragraphs:
        for mm in (50, 70, 90):
            even = tuple(map(sum, zip(even, rag(True, text, mm * MM), strict=True)))
            greedy = tuple(map(sum, zip(greedy, rag(False, text, mm * MM), strict=True)))
    assert even[0] < 0.9 * greedy[0] and even[1] < greedy[1], (even, greedy)


def test_lines_passed_over_as_too_loose_change_no_break(styles, sample_paragraphs, monkeypatch):
    """linebreak._solve scores a line only where it may be tight enough (a bound from prefix sums);
    every other node is passed over. Scoring every node (no bound) gives the same lines, ratios and
    emergencies: the sample's paragraphs justified and ragged at several measures, and paragraphs of
    words, spaces and hyphens with random widths and stretch at tolerances below and above 1."""
    import random

    from report.layout import justify, linebreak
    solved: list[tuple] = []
    original = linebreak._solve

    def recording(items, widths, params, tolerance):
        found = original(items, widths, params, tolerance)
        solved.append((items, widths, params, tolerance, found))
        return found
    monkeypatch.setattr(linebreak, "_solve", recording)
    justify._SOLVED.clear()
    for mm in (50, 70, *MEASURES_MM):
        for text in sample_paragraphs:
            for style in ("body", "caption"):
                Paragraph(rl_markup(text, styles.locale), styles.para(style)).wrap(mm * MM, 10_000)
    monkeypatch.setattr(linebreak, "_solve", original)
    assert len(solved) > 80 and {round(s[2].rag) for s in solved} >= {0, 16}

    rng = random.Random(16)
    for _ in range(300):
        items = linebreak.Items()
        for _word in range(rng.randrange(1, 60)):
            if rng.random() < 0.3:
                items.add(linebreak.BOX, rng.uniform(5, 20), stretch=rng.uniform(0, 1), left=rng.uniform(0, 1))
                items.add(linebreak.PENALTY, rng.uniform(0, 4), penalty=50, flagged=True, inside=True,
                          right=rng.uniform(0, 2))
            items.add(linebreak.BOX, rng.uniform(8, 35), stretch=rng.uniform(0, 1))
            items.add(linebreak.GLUE, 3.0, stretch=rng.uniform(0, 2), shrink=1.0, right=rng.uniform(0, 1))
        items.finish()
        params = linebreak.Params(rag=rng.choice([0.0, 0.0, 16.0]))
        widths = [rng.uniform(100, 200) for _ in range(rng.randrange(1, 4))]
        solved += [(items, widths, params, t, original(items, widths, params, t)) for t in (0.5, 1.0, 2.0, 8.0)]
    monkeypatch.setattr(linebreak, "MARGIN", float("inf"))  # every node scored
    for items, widths, params, tolerance, found in solved:
        assert linebreak._solve(items, widths, params, tolerance) == found
    assert sum(s[-1] is not None for s in solved) > len(solved) / 2  # most have lines within the tolerance


@pytest.mark.parametrize("style", ["note", "footnote", "lead", "caption"])
def test_flush_left_styles_break_a_hyphenated_compound_at_its_hyphen_only(styles, style):
    """Notes, footnotes and the lead were set by reportlab's own hyphenation, which broke
    'Linde-|nau-Flugplatz' and 'Lin-'; every flush-left style follows the rules of body text."""
    text = "Witterungsbereinigung nach VDI 3807 mit den Gradtagzahlen der DWD-Station Lindenau-Flugplatz."
    for mm in range(40, 130, 3):
        p = Paragraph(rl_markup(text, styles.locale), styles.para(style))
        p.wrap(mm * MM, 10_000)
        ends = [" ".join(line[1]) if isinstance(line, tuple) else " ".join(w.text for w in line.words)
                for line in p.blPara.lines]
        ends = [e.rstrip() for e in ends]
        assert not [e for e in ends if e.endswith(("Linde-", "Lin-", "Flug-", "Sta-"))], (mm, ends)


# --- words split at a line end where the text goes on after a gap ----------------------------------

COMPOUNDS = ("Die Friedrich-Schiller-Universität trägt die Fahrtkosten der Ehrenamtlichen, die Industrie- und "
             "Handelskammer die Ausstattung der Werkstätten im Programm Lese-Ferien. Ihre Ein- und Ausgaben "
             "prüft der Beirat nach dem Rekord-Ausbau.")


def _line_ends(p: Paragraph) -> list[Any]:
    """Per line, the frag word it ends with."""
    lines = p.blPara.lines
    return [p.frags[ln.sFW - 1] for ln in lines[1:]] + [p.frags[-1]]


def test_the_last_line_is_never_the_rest_of_a_hyphenated_compound(styles):
    """The line before the last never ends inside a word, at a hyphenation point or after the word's
    own hyphen ('Rekord-|Ausbau.' left 'Ausbau.' alone); the own hyphen stays a break elsewhere
    ('Lese-|Ferien'), and 'Ein-' before a space is a whole word."""
    own_breaks = ein = 0
    for mm in range(60, 131):
        p = Paragraph(rl_markup(COMPOUNDS, styles.locale), styles.para("body"))
        p.wrap(mm * MM, 10_000)
        ends = _line_ends(p)
        assert not isinstance(ends[-2], _SplitFragH), (mm, _texts(p)[-2:])
        own_breaks += any(isinstance(e, _SplitFragH) and not isinstance(e, _SplitFragHY) for e in ends[:-2])
        ein += any(t.endswith("Ein-") for t in _texts(p)[:-1])
    assert own_breaks and ein, "no line ended at a compound's hyphen or after 'Ein-': the test shows nothing"


def test_the_last_line_beside_an_image_ends_with_a_whole_word(styles, sample_paragraphs):
    """Text beside an image goes on at the full width below the figure, past a gap: the last line
    beside it (the paragraph's lines after it are wider) never ends inside a word."""
    checked = 0
    for text in sample_paragraphs[:12]:
        for narrow_mm in (50, 58, 66):
            for beside in (2, 3, 4, 5):
                p = Paragraph(rl_markup(text, styles.locale), styles.para("body"))
                p.wider_after = (beside, (122 - narrow_mm) * MM)
                p.wrap(narrow_mm * MM, 10_000)
                ends = _line_ends(p)
                if len(ends) <= beside:
                    continue
                checked += 1
                assert not isinstance(ends[beside - 1], _SplitFragH), (narrow_mm, beside, _texts(p)[:beside + 1])
    assert checked >= 30


@pytest.mark.parametrize("centred", [False, True])
def test_a_compound_broken_at_its_hyphen_keeps_it_when_set_again_at_another_width(styles, centred):
    """A signatory's name under a portrait, wrapped at two widths before it was drawn, printed
    'AdeyemiWhitfield': the lines chosen at the first width had split the word at its hyphen. So did a
    paragraph reportlab breaks itself (centred here; a French pull quote with its attribution printed
    'petitsenfants'): its breaking leaves the pieces as the paragraph's fragments for the next wrap."""
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.enums import TA_CENTER
    from reportlab.platypus import Flowable, SimpleDocTemplate

    from report.layout.styles import MM
    from report.layout.text import Paragraph
    extra = {"alignment": TA_CENTER} if centred else {}
    para = Paragraph("<b>Dr Oluwaseun Adeyemi-Whitfield</b> <br/>Chief Executive",
                     styles.para("caption", hyphenationLang="", overlongHyphenation=styles.hyphenate, **extra))

    class Rewrapped(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            for width in (40, 30, 40):
                size = para.wrap(width * MM, ah)
            return size

        def draw(self) -> None:
            para.drawOn(self.canv, 0, 0)

    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Rewrapped()])
    text = pdfium.PdfDocument(buf.getvalue())[0].get_textpage().get_text_range().replace("\ufffe", "-")
    assert "Adeyemi-" in text and "AdeyemiWhitfield" not in text, text


def test_a_heading_of_two_lines_is_balanced(styles):
    """A heading broken greedily left a short last line ('… ein Jahr voller / Veranstaltungen',
    '… Freunde des / Lesens'): its lines are set as narrow as their number allows."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from report.layout.styles import MM
    from report.layout.text import Paragraph
    checked = 0
    for text in ("Ein Tag in Suhl, ein Jahr voller Veranstaltungen", "Delegationsreisen in die USA und nach Japan",
                 "Mit Büchern groß werden: die Freunde des Lesens"):
        style = styles.para("h1")
        longest_word = max(stringWidth(w, style.fontName, style.fontSize) for w in text.split())
        for width_mm in range(110, 175, 8):
            para = Paragraph(text, style)
            width, _ = para.wrap(width_mm * MM, 1000)
            if len(para.blPara.lines) != 2:
                continue
            checked += 1
            lines = [" ".join(words) for _, words in para.blPara.lines]
            widths = [stringWidth(line, style.fontName, style.fontSize) for line in lines]
            assert width == width_mm * MM and abs(widths[0] - widths[1]) < longest_word, (text, width_mm, lines)
    assert checked >= 12


def test_month_names_are_never_hyphenated():
    """„31. Dezem-|ber“, „1. Ja-|nuar“: permitted, but a typesetter keeps a date's month whole; a
    compound with a month still breaks („Dezember-|abend“ at its parts)."""
    from report.layout.hyphenate import hyphenator, word_breaks
    de, en = hyphenator("de_DE"), hyphenator("en_US")
    assert word_breaks("Dezember", de) == () and word_breaks("Januar", de) == ()
    assert word_breaks("September", en) == () and word_breaks("December,", en) == ()
    assert word_breaks("Dezemberabend", de)


def test_the_emergency_hint_names_a_bound_run_whole_after_a_hyphenated_word():
    """A Spanish paragraph set with emergency stretch named "'léfono +34 91 123 45 67' is bound together":
    the loosest line ended in 'te-', and the hint quoted the next line's first run from where it began."""
    from types import SimpleNamespace

    from report.layout.text import _loose_hint

    def line(text: str) -> SimpleNamespace:
        return SimpleNamespace(words=[SimpleNamespace(text=text, fontName="Helvetica", fontSize=10)])
    plan = SimpleNamespace(lines=[line("Para cualquier consulta, llame al te-"),
                                  line("léfono\u00a0+34\u00a091\u00a0123\u00a045\u00a067 de lunes a viernes.")],
                           loosest=0)
    hint = _loose_hint(plan, 200, None)
    assert hint.startswith("'teléfono +34 91 123 45 67' is bound together"), hint
