"""What a build hands back: the files written, the warnings, the preflight report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Diagnostic

if TYPE_CHECKING:
    from .preflight import Report as PreflightReport


@dataclass
class Output:
    edition: str
    path: Path
    size: int
    pages: int
    part: str = ""  # of a print edition in two files (perfect binding): "text block" or "cover spread"


@dataclass
class BuildResult:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    preflight: PreflightReport | None = None
    unchanged: bool = False  # no input changed since the last build: its files were kept
    inputs: list[Path] = field(default_factory=list)  # fonts and images read (also outside content/, assets/)


class PreflightFailed(Exception):
    """The print edition failed preflight; no edition was written. `warnings`: the build's warnings and
    notes up to then, printed as a build that passes prints them."""

    def __init__(self, report: PreflightReport, path: Path, warnings: list[Diagnostic] | None = None):
        super().__init__(f"{path.name} failed preflight")
        self.report, self.path, self.warnings = report, path, list(warnings or [])
