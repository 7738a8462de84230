"""The build pipeline: content → model → charts → layout (per edition) → finish → PDF on disk.

Progress is reported through a callback; nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import Cache
from .charts import render_charts
from .content import load_document
from .editions import editions
from .errors import Diagnostic
from .finish import finish
from .glyphs import check_glyphs
from .locale import get_locale
from .output import write_atomic
from .preflight import Report as PreflightReport
from .preflight import preflight
from .render import metadata, render, text_width
from .theme import load_theme

Progress = Callable[[str, str], None]  # (stage, detail)


@dataclass
class Output:
    edition: str
    path: Path
    size: int
    pages: int


@dataclass
class BuildResult:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    preflight: PreflightReport | None = None


class PreflightFailed(Exception):
    """The print edition failed preflight; it was not written."""

    def __init__(self, report: PreflightReport, path: Path):
        super().__init__(f"{path.name} failed preflight")
        self.report, self.path = report, path


def build(content_dir: Path, out_dir: Path, edition_names: list[str] | None = None,
          progress: Progress | None = None, marks: bool = True, cache: Cache | None = None) -> BuildResult:
    """Build the selected editions (default: all). Raises ReportError on content problems;
    a file is only replaced once its edition was built completely."""
    report = progress or (lambda stage, detail: None)
    cache = cache or Cache()
    available = editions()
    chosen = [available[n] for n in (edition_names or list(available))]

    report("load", str(content_dir))
    doc = load_document(content_dir)
    theme, fonts = load_theme(content_dir, doc.assets_dir)
    check_glyphs(doc, fonts)
    locale = get_locale(doc.report.language)

    report("charts", f"{len(doc.charts)} charts")
    # drawn in worker processes while the layout runs; finish waits for them
    charts = render_charts(doc.charts, theme, fonts, locale, text_width(theme), cache, background=True)

    result = BuildResult(warnings=list(doc.warnings))
    for edition in chosen:
        edition = replace(edition.for_document(doc), cache=cache)
        if hasattr(edition, "marks") and not marks:
            # no marks, no slug: the page ends at the bleed edge, as shops that refuse marks expect
            edition = replace(edition, marks=False, slug_mm=0.0)
        report("layout", edition.name)
        rendered = render(doc, theme, fonts, charts, edition, locale)
        report("finish", edition.name)
        data = finish(rendered, charts, edition, theme, metadata(doc))
        result.warnings += edition.warnings
        path = out_dir / f"{doc.report.name}-{edition.name}.pdf"
        if edition.name == "print":
            report("preflight", edition.name)
            result.preflight = preflight(data)
            if result.preflight.failed:
                raise PreflightFailed(result.preflight, path)
        report("write", edition.name)
        write_atomic(path, data)
        result.outputs.append(Output(edition.name, path, len(data), rendered.pages))
    return result
