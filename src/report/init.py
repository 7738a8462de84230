"""`report init DIR`: a new, buildable report project with every kind of content shown once.

Templates (commented YAML) and the binary assets (Lato fonts with their licence, the FOGRA39
print profile with its licence) ship inside the package, so this works from an installed copy.
Placeholder images are generated at print resolution. `--language` picks the templates whose
text and comments are in that language (data/init/<language>/).
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

from .errors import Diagnostic, Pos, ReportError
from .locale import region, supported
from .output import write_atomic
from .schema import schema_files

DATA = Path(__file__).parent / "data"
COVER_PX = (2551, 3579)  # A4 + 3 mm bleed at 300 ppi
FIGURE_PX = (2100, 1260)  # the text width (170 mm) at 300 ppi, 5:3
PORTRAIT_PX = (480, 600)  # the margin column (40 mm) at 300 ppi, 4:5
SIGNATURE_PX = (900, 300)
TEMPLATES = DATA / "init"
DEFAULT_LANGUAGE = "de-DE"
TEMPLATE_TAGS = {"de": "de-DE", "en": "en-GB"}  # the language each template folder is written for
REGIONAL_TAGS = {"de": ("de-DE", "de-CH"), "en": ("en-GB", "en-US")}  # … and the regions `init` writes them for
# en-US: the English templates with American paper, spelling, currency and a US placeholder address
US_COVER_PX = (2625, 3375)  # US Letter + 0.125 in bleed at 300 ppi
US_THEME = ("# The design: every key of the built-in theme may be overridden here (see the README).\n"
            "page:                              # the paper\n"
            "  size: Letter                     # US Letter, 8.5 × 11 in (A4, A5, square, [w, h] in mm or "
            "[8.5in, 11in])\n"
            "  # bleed: 0.125in                 # the default on Letter, as US printers ask (3 mm elsewhere)\n"
            "  # margin_inner: 0.75in           # lengths in mm, or with a unit: in, mm, cm, pt\n")
US_WORDS = (("£ thousand", "$ thousand"), ("£ million", "$ million"), ("£m …", "$M …"),
            ("[1 High Street, London EC1A 1AA]", "[100 Main Street, \"Portland, OR 97204\"]"),
            ("+44 20 7946 0000", "+1 503 555 0100"), ("align: centre ", "align: center "),
            ("place: London, 15 March 2026", "place: Portland, March 15, 2026"),
            ("stands centred (default; center too)", "stands centered (default; centre too)"),
            ("Name of the organisation", "Name of the organization"), ("a colour gradient", "a color gradient"),
            ("2551 × 3579 pixels (A4 with bleed", "2625 × 3375 pixels (US Letter with 0.125 in bleed"),
            ("thousand pounds", "thousand dollars"), ("million pounds", "million dollars"),
            ("colour", "color"),
            ("heading: Contact and imprint     # heading of the closing page (optional, default: Contact and imprint)",
             "heading: Contact information     # heading of the closing page (optional, default: Contact information)"),
            ("imprint", "closing page"))  # in comments and alt texts only: the keys have none (colours: is the theme's)
# de-CH: the German templates as Switzerland writes them (no ß, francs, a Swiss placeholder address)
# and its numbers (2.5, as the region's notation reads them; locales/de.yaml)
CH_WORDS = (("Tausend Euro", "Tausend Franken"), ("Millionen Euro", "Millionen Franken"), ("€", "CHF"),
            ("Straße 1, 12345 Stadt", "Bahnhofstrasse 1, 8001 Zürich"), ("+49 123 456789-0", "+41 44 123 45 67"),
            ("„61,4“", "„61.4“"), ("48.250 bitte als 48250 oder \"48.250\"", "48’250 bitte als 48250"),
            ("ß", "ss"),
            # the region writes 1’000 and 2.5, and its Excel saves a decimal point (a Swiss user followed
            # "ein Excel-Export mit Dezimalkomma passt" into an error)
            ("mit Tausenderpunkt und Dezimalkomma", "mit Apostroph zwischen den Tausendern und Dezimalpunkt"),
            ("(1000, nicht 1.000)", "(1000, nicht 1’000)"), ("(1.251); als (1.251)", "(1’251); als (1’251)"),
            ("aber 10.000)", "aber 10’000)"), ("centre: 2.431 GWh", "centre: 2’431 GWh"),
            ("wie Excel sie speichert", "wie Excel sie in der Schweiz speichert"), ("Dezimalkomma", "Dezimalpunkt"),
            ("ohne Tausenderpunkt", "ohne Apostroph"), ("ist +10,0", "ist +10.0"),
            ("„deutsche“ bleiben, wie sie sind", "«getippte» bleiben, wie sie sind"),
            ("Ort: Erfurt", "Ort: Biel/Bienne"), ("Ort: Weimar", "Ort: Thun"), ("Ort: Suhl", "Ort: Chur"))


def _is_us(language: str) -> bool:
    return region(language) == "en-US"


def template_languages() -> list[str]:
    """The languages `report init` has templates for (folder names under data/init)."""
    return sorted(p.name for p in TEMPLATES.iterdir() if (p / "content").is_dir())


def _placeholder(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A quiet vertical gradient: obviously a placeholder, yet print-ready."""
    ramp = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def _signature(size: tuple[int, int]) -> Image.Image:
    """A placeholder signature: a dark line on a transparent background, as a scanned one would be."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    w, h = size
    ink = (11, 40, 80, 255)
    steps = [i / 600 for i in range(601)]
    loops = [(w * (0.06 + 0.8 * t + 0.035 * math.cos(14 * math.pi * t)),
              h * (0.5 - 0.28 * math.sin(14 * math.pi * t) * (1 - 0.6 * t))) for t in steps]
    draw.line(loops, fill=ink, width=max(4, h // 40), joint="curve")
    draw.line([(w * 0.12, h * 0.86), (w * 0.9, h * 0.8)], fill=ink, width=max(3, h // 60))
    return im


def init_project(target: Path, language: str = DEFAULT_LANGUAGE) -> list[Path]:
    """Create DIR/content, DIR/assets and DIR/schema; refuses a folder that is not empty."""
    base = language.split("-")[0]
    if base not in template_languages():
        tags = [tag for b in template_languages() for tag in REGIONAL_TAGS.get(b, (TEMPLATE_TAGS[b],))]
        hint = "use one of: " + ", ".join(tags)
        if supported(language):  # fr, nl: reports build in them, but the templates are German and English only
            hint += (f"; reports in {language} build: start from one of these and set 'language: {language}' "
                     "in report.yaml, or on a section of its own (de-DE's CSV files, ';' between cells and decimal "
                     "commas, are what French and Dutch spreadsheets write)")
        raise ReportError([Diagnostic(f"there are no templates in the language {language!r}", Pos(target), hint)])
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ReportError([Diagnostic(f"{target} exists and is not an empty folder", Pos(target),
                                      "choose a new folder name; report init never overwrites files")])
    existed = target.exists()
    try:
        _create(target, base, language)
    except OSError as exc:
        _remove_partial(target, existed)  # a retry after freeing space must find the folder as it was
        raise ReportError([Diagnostic(f"cannot create the project: {_reason(exc)}; nothing was left behind",
                                      Pos(target), "check that the folder is writable and the disk has "
                                      "space (a new project needs about 1 MB), then run report init again")]
                          ) from None
    return sorted(p for p in target.rglob("*") if p.is_file())


def _reason(exc: OSError) -> str:
    """What went wrong, in words: shutil.copytree gathers its errors in a list (and has no strerror)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        return str(exc.args[0][0][-1])
    return exc.strerror or str(exc) or type(exc).__name__


def _remove_partial(target: Path, existed: bool) -> None:
    if not existed:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in target.iterdir() if target.is_dir() else []:  # the folder was empty before
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _create(target: Path, base: str, language: str) -> None:
    shutil.copytree(TEMPLATES / base / "content", target / "content")
    if language != TEMPLATE_TAGS[base]:  # e.g. de-AT: the German templates, written for de-AT
        report = target / "content" / "report.yaml"
        text = report.read_text(encoding="utf-8")
        report.write_text(text.replace(f"language: {TEMPLATE_TAGS[base]}", f"language: {language}", 1),
                          encoding="utf-8")
    us = _is_us(language)
    if us:
        for path in (target / "content").rglob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            for british, american in US_WORDS:
                text = text.replace(british, american)
            path.write_text(text, encoding="utf-8")
        # the theme: US Letter, then the template's commented fonts, sizes and logo (its colours' key is spelled
        # the British way, which the comments of an American template never are: the README shows it)
        rest = (TEMPLATES / base / "content" / "theme.yaml").read_text(encoding="utf-8").split("\n# fonts:", 1)[1]
        (target / "content" / "theme.yaml").write_text(US_THEME + "# fonts:" + rest, encoding="utf-8")
    if region(language) == "de-CH":
        for path in [*(target / "content").rglob("*.yaml"), *(target / "content").rglob("*.csv")]:
            text = path.read_text(encoding="utf-8")
            for german, swiss in CH_WORDS:
                text = text.replace(german, swiss)
            text = re.sub(r"„([^“\n]*)“", r"«\1»", text)  # the region's quotation marks, in comments too
            if path.suffix == ".csv" or path.parent.name == "charts":  # 120,5 → 120.5 (data, alt texts)
                text = re.sub(r"(?<=\d),(?=\d)", ".", text)
            path.write_text(text, encoding="utf-8")
    for part in ("fonts", "icc"):
        shutil.copytree(DATA / "assets" / part, target / "assets" / part)
    images = target / "assets" / "images"
    images.mkdir(parents=True)
    cover = "titel.jpg" if base == "de" else "cover.jpg"
    _placeholder(US_COVER_PX if us else COVER_PX, (11, 74, 116), (31, 161, 154)).save(
        images / cover, "JPEG", quality=85, dpi=(300, 300))
    figure, portrait, signature = (("bild.jpg", "portrait.jpg", "unterschrift.png") if base == "de"
                                   else ("picture.jpg", "portrait.jpg", "signature.png"))
    _placeholder(FIGURE_PX, (234, 242, 248), (114, 114, 113)).save(images / figure, "JPEG", quality=85,
                                                                    dpi=(300, 300))
    _placeholder(PORTRAIT_PX, (200, 200, 196), (90, 96, 104)).save(images / portrait, "JPEG", quality=85,
                                                                    dpi=(300, 300))
    _signature(SIGNATURE_PX).save(images / signature, "PNG", dpi=(300, 300))
    for name, text in schema_files().items():
        write_atomic(target / "schema" / name, text.encode("utf-8"))
