"""One user-facing error type, shaped like a compiler's diagnostics.

Loaders know only a position; the file is attached by whoever opened it. A stage
collects every problem it finds and raises them together, so a user fixes a
whole batch per run instead of one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Pos:
    """A place in a content file; line and column are 1-based (0 = unknown)."""

    file: Path | None = None
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<content>"
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return where


@dataclass(frozen=True)
class Diagnostic:
    message: str
    pos: Pos = Pos()
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        text = f"{self.pos}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ReportError(Exception):
    """Raised by any stage for problems the user can fix; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


@dataclass
class Diagnostics:
    """Collects the findings of one stage."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pos: Pos, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(message, pos, hint))

    def warning(self, pos: Pos, message: str, hint: str | None = None) -> None:
        self.items.append(Diagnostic(message, pos, hint, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ReportError(self.items)
