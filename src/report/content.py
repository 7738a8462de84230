"""Read a content folder into a Document: report.yaml, its section files, charts/*.yaml."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import is_dataclass, replace
from pathlib import Path

from .errors import Diagnostic, Diagnostics, Pos, ReportError
from .load import YMap, YSeq, load_yaml_file
from .locale import Locale, get_locale, supported
from .model import (
    CHART_KINDS,
    INVALID,
    SECTION_KINDS,
    Document,
    Numbers,
    ReadContext,
    Reader,
    Report,
    TextSection,
    meant_chart_kind,
    teaser_marks,
)
from .model.blocks import ChartRef, chart_refs
from .model.reader import closest, did_you_mean
from .model.refs import check as check_refs
from .model.regional import check as check_regional
from .model.wording import check as check_wording
from .paths import REPORT_FILE, find_content_dir, project_paths  # noqa: F401 - re-exported

CHARTS_DIR = "charts"
TEASER_MAX = 4  # key figures in the newsletter teaser (two rows of two)


def load_document(content_dir: Path) -> Document:
    """Load and validate everything; raises ReportError listing every problem found."""
    if content_dir.is_file():
        raise ReportError([Diagnostic(f"{str(content_dir)!r} is a file, not a content folder", Pos(content_dir),
                                      "give the folder that holds report.yaml, e.g. report build content")])
    if not content_dir.is_dir():
        raise ReportError([Diagnostic(f"content folder {str(content_dir)!r} does not exist", Pos(),
                                      "run the command in your report project, or give the content "
                                      "folder: report build path/to/content (report init DIR makes one)")])
    report_file = content_dir / REPORT_FILE
    if not any(content_dir.iterdir()):
        raise ReportError([Diagnostic(f"the content folder {str(content_dir)!r} is empty", Pos(content_dir),
                                      "a content folder holds report.yaml, sections/ and charts/; "
                                      "'report init DIR' creates a complete example")])
    if not os.path.lexists(report_file):  # anything else there (a pipe, a link loop) is reported when read
        raise ReportError([Diagnostic(f"{REPORT_FILE} is missing in {content_dir}", Pos(report_file),
                                      "every content folder needs a report.yaml; "
                                      "'report init DIR' creates a complete example")])
    project, assets = project_paths(content_dir)
    ctx = ReadContext(content_dir=content_dir, assets_dir=assets, project_dir=project)
    diag = Diagnostics()
    reader = Reader(diag, ctx)

    root = functools.cache(content_dir.resolve)  # once, not twice per section file (an error is not kept)

    def shown(path: Path) -> Path:
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path

    def load(path: Path):
        try:
            inside = path.resolve().is_relative_to(root())
        except (OSError, RuntimeError):  # a link loop: RuntimeError before Python 3.13, OSError after
            diag.error(Pos(shown(path)), "this file is a symbolic link that leads back to itself (a link loop)",
                       "replace the link with the file it should point to")
            return INVALID
        if not inside:
            diag.error(Pos(shown(path)), "this file is a link to a place outside the content folder; it was not read",
                       "copy the file into the content folder instead of linking to it")
            return INVALID
        try:
            return load_yaml_file(path, shown(path))
        except ReportError as exc:
            diag.items.extend(exc.diagnostics)
            return INVALID

    raw = load(report_file)
    ctx.language = str(raw.get("language") or "") if isinstance(raw, YMap) else ""
    ctx.numbers = number_notation(raw, ctx)
    salvaged: list[tuple[str, Pos]] = []
    if raw is INVALID and (seen := _salvaged(report_file, shown(report_file))) is not None:
        # report.yaml is no YAML (a duplicate key, a tab): its language and section list read line by
        # line, so that the sections' errors come in the same run
        ctx.language, salvaged = seen
        ctx.numbers = get_locale(ctx.language)
    report = INVALID if raw is INVALID else reader.read(raw, getattr(raw, "pos", Pos(shown(report_file))),
                                                        Report, "report")
    if ctx.numbers is None:
        # no language, no notation: "16,5" would be reported as no number, and "48.250" read as 48.25
        # (errors that send the writer to change numbers that are right); report.yaml's own errors say why
        # (a wrong `numbers:` too)
        diag.raise_if_errors()
        raise ReportError([Diagnostic("report.yaml names no supported language", Pos(shown(report_file)),
                                      "add e.g. 'language: de-DE' or 'language: en-GB'")])
    sections = []
    listed = list(_section_names(report, raw, ctx) or salvaged)
    for name, pos in listed:
        try:
            path = (content_dir / name).resolve()
            inside, exists = path.is_relative_to(root()), path.exists()
        except RuntimeError:  # a link loop (Python < 3.13; later versions raise OSError ELOOP)
            diag.error(pos, f"section file {name!r} is a symbolic link that leads back to itself (a link loop)",
                       "replace the link with the file it should point to")
            continue
        except (OSError, ValueError) as exc:  # a name longer than the file system allows, a NUL byte
            diag.error(pos, f"section file name {name[:60]!r} cannot be used: {getattr(exc, 'strerror', None) or exc}",
                       "name a file in the content folder, e.g. sections/01.yaml")
            continue
        if not inside:
            diag.error(pos, f"section file {name!r} lies outside the content folder",
                       "section files are named relative to the content folder, e.g. sections/01.yaml")
            continue
        if not exists:
            parts = name.split(" - ")
            if len(parts) > 1 and all(part.strip().endswith((".yaml", ".yml")) for part in parts):
                # "- a.yaml" and, on the next line indented further, "- b.yaml": YAML folds them into one
                diag.error(pos, f"section file {name!r} does not exist: {len(parts)} entries read as one",
                           f"the {'line' if len(parts) == 2 else 'lines'} after line {pos.line} "
                           f"{'is' if len(parts) == 2 else 'are'} indented more than this one; start every "
                           "'- sections/…' entry in the same column")
            else:
                diag.error(pos, f"section file {name!r} does not exist", _missing_section_hint(name, content_dir))
            continue
        raw_section = load(content_dir / name)
        if raw_section is not INVALID:
            language = raw_section.get("language") if isinstance(raw_section, YMap) else None
            ctx.section_language = language if isinstance(language, str) else None  # its tables' CSV files
            sections.append(reader.read_kind(raw_section, getattr(raw_section, "pos", Pos(shown(path))),
                                             SECTION_KINDS, "section"))
            ctx.section_language = None

    charts = {}
    charts_dir = content_dir / CHARTS_DIR
    chart_files = sorted(charts_dir.glob("*.yaml")) if charts_dir.is_dir() else []
    used_in: dict[str, set[str | None]] = {}  # a chart's id → the languages of the sections that place it
    for section in sections:
        if isinstance(section, TextSection):
            for cid, _pos in (ref for block in section.blocks for ref in chart_refs(block)):
                used_in.setdefault(cid, set()).add(section.language)
    for path in chart_files:
        raw_chart = load(path)
        if raw_chart is not INVALID:
            languages = used_in.get(path.stem, set())  # a `;` file of a chart only de-CH sections place: Swiss
            ctx.section_language = next(iter(languages)) if len(languages) == 1 else None
            charts[path.stem] = reader.read_kind(raw_chart, getattr(raw_chart, "pos", Pos(shown(path))),
                                                 CHART_KINDS, f"chart '{path.stem}'", meant_chart_kind)
            ctx.section_language = None

    chart_ids = [p.stem for p in chart_files]
    for section in sections:
        if isinstance(section, TextSection):
            for cid, pos in (ref for block in section.blocks for ref in chart_refs(block)):
                # a chart whose file failed to load was reported already; don't report it twice
                if cid not in chart_ids:
                    known = did_you_mean(cid, chart_ids) if chart_ids else "known: none"
                    diag.error(pos, f"chart '{cid}' does not exist", f"charts are files in {CHARTS_DIR}/; {known}")
    _check_captions(sections, charts, diag)
    _check_teaser_marks(sections, ctx, diag)
    # a section that could not be read may hold the place a reference names: not said to be unknown
    read = sum(1 for s in sections if is_dataclass(s))
    refs = check_refs(report, sections, charts, ctx, diag, complete=read == len(listed))
    check_regional(report, sections, ctx, diag)
    check_wording(report, sections, ctx, diag)
    diag.raise_if_errors()
    return Document(report=report, sections=sections, charts=charts, content_dir=content_dir, assets_dir=assets,
                    warnings=diag.warnings, refs=refs)



SHOWN_FILES = 12  # a missing section's hint lists at most so many of its folder's files


def _missing_section_hint(name: str, content_dir: Path) -> str:
    """A close name in the section's folder (the file names compared without folder and extension: with
    them, 'sections/08-esg.yaml' was close to 'sections/01-vorwort.yaml'), else what the folder has and how
    to make the file."""
    folder = (content_dir / name).parent
    files = sorted(f.relative_to(content_dir).as_posix() for f in folder.glob("*.y*ml")) if folder.is_dir() else []
    stems = {Path(f).stem: f for f in files}
    close = closest(Path(name).stem, list(stems))
    if close:
        return f"check the name; section files are relative to the content folder; did you mean " \
               f"'{stems[close[0]]}'? (known: {', '.join(files)})"
    make = f"create it (a section file: 'kind: text', 'title:', 'blocks:') or remove its line from {REPORT_FILE}"
    if not files:
        return f"{make}; section files are relative to the content folder, e.g. sections/01.yaml"
    more = f" and {len(files) - SHOWN_FILES} more" if len(files) > SHOWN_FILES else ""
    where = folder.relative_to(content_dir).as_posix() if folder != content_dir else "the content folder"
    return f"no file of a similar name in {where}, which has {', '.join(files[:SHOWN_FILES])}{more}; {make}"


def _check_captions(sections: list, charts: dict, diag: Diagnostics) -> None:
    """A chart that stands on its own needs its caption, what the reader should see in it; one that
    stands only in grids may go without (two donuts under a sub-heading, each with its title)."""
    alone: dict[str, Pos] = {}
    for section in sections:
        for block in getattr(section, "blocks", None) or []:
            if isinstance(block, ChartRef) and block.id not in alone:
                alone[block.id] = block.pos
    for cid, pos in alone.items():
        chart = charts.get(cid)
        if is_dataclass(chart) and chart.caption is None:
            diag.error(chart.pos, f"chart '{cid}': missing required key 'caption'",
                       f"add 'caption:' (what the reader should see in the chart): it stands on its own at {pos}; "
                       "only a chart in a grid may go without")


def _check_teaser_marks(sections: list, ctx: ReadContext, diag: Diagnostics) -> None:
    """At most TEASER_MAX key figures marked `teaser: true`, over all key-figure sections: the fifth is
    named at its mark."""
    marked = teaser_marks(sections)
    for fig in marked[TEASER_MAX:]:
        diag.error(ctx.value_pos(fig, "teaser"), f"{len(marked)} key figures are marked for the newsletter "
                   f"teaser; it shows at most {TEASER_MAX}",
                   f"remove 'teaser: true' from {len(marked) - TEASER_MAX} of them")


def number_notation(raw: object, ctx: ReadContext) -> Locale | None:
    """The notation numbers written as text are read in, in every file: the document's language's,
    with report.yaml's `numbers:` over it. None while report.yaml names no supported language or its
    `numbers:` is wrong (its errors are reported when report.yaml is read): read in another notation,
    right numbers would be reported as wrong, or read as other values. Known before report.yaml is
    read whole, so that its other mistakes do not hold up the sections' errors."""
    language = raw.get("language") if isinstance(raw, YMap) else None
    if not supported(language):
        return None
    numbers = raw.get("numbers")
    if numbers is None:
        return get_locale(language)
    if not isinstance(numbers, YMap):
        return None  # not a block of keys: said when report.yaml is read
    quiet = Diagnostics()  # said when report.yaml is read
    read = Reader(quiet, replace(ctx, positions={})).read(numbers, raw.value_pos["numbers"], Numbers, "numbers")
    if read is INVALID or quiet.errors:
        return None
    ctx.negatives, ctx.currency_sign = read.negatives, read.currency_sign  # the tables' defaults (model.tables)
    ctx.other_languages = read.other_languages  # where sections in other languages read numbers so too
    return get_locale(language, read)


_LANGUAGE_LINE = re.compile(r"^language:\s*['\"]?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)['\"]?\s*(?:#.*)?$")
_SECTION_LINE = re.compile(r"^\s+-\s+['\"]?([^'\"#\s]+\.ya?ml)['\"]?\s*(?:#.*)?$")


def _salvaged(path: Path, shown: Path) -> tuple[str, list[tuple[str, Pos]]] | None:
    """report.yaml's language and section files as its lines say, where it is not valid YAML; None where
    that is not sure: no supported language, or a `numbers:` (whose notation cannot be read so)."""
    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:  # (a pipe would block; it was reported)
            return None
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    languages = [m[1] for line in lines if (m := _LANGUAGE_LINE.match(line))]
    if len(languages) != 1 or not supported(languages[0].replace("_", "-")) \
            or any(line.startswith("numbers:") for line in lines):
        return None
    start = next((i for i, line in enumerate(lines) if line.startswith("sections:")), None)
    names: list[tuple[str, Pos]] = []
    for no in range(start + 1, len(lines)) if start is not None else ():
        line = lines[no]
        if line.strip() and not line.startswith((" ", "-", "#")):
            break  # the next key
        if m := _SECTION_LINE.match(line):
            names.append((m[1], Pos(shown, no + 1, line.index(m[1]) + 1)))
    return languages[0], names


def _section_names(report: Report | object, raw: object, ctx: ReadContext) -> list[tuple[str, Pos]]:
    """The section files to read: from the report, or, when report.yaml has errors elsewhere, from its
    raw `sections` list, so that problems in the section files are reported in the same run."""
    if report is not INVALID:
        return [(name, ctx.item_pos(report, "sections", i)) for i, name in enumerate(report.sections)]
    names = raw.get("sections") if isinstance(raw, YMap) else None
    if not isinstance(names, YSeq):
        return []
    return [(name, pos) for name, pos in zip(names, names.item_pos, strict=False) if isinstance(name, str)]
