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


@dataclass(frozen=True)
class PageNote(Diagnostic):
    """A finding that names pages of one edition, whose page numbers are its own (the print edition
    has a blank page for the binding where the screen edition has none): `template` is its message and
    hint with {} where `pages` go, so that the findings of two editions read as one (see one_per_finding)."""

    edition: str = field(default="", compare=False)
    pages: tuple[int, ...] = field(default=(), compare=False)
    template: tuple[str, str] = field(default=("", ""), compare=False)

    @classmethod
    def of(cls, message: str, pos: Pos, hint: str, edition: str, pages: tuple[int, ...],
           severity: str = "warning") -> PageNote:
        return cls(message.format(*pages), pos, hint.format(*pages), severity, edition, pages, (message, hint))

    def named(self, pages: list[str]) -> Diagnostic:
        """This finding with `pages` in place of its page numbers."""
        return Diagnostic(self.template[0].format(*pages), self.pos, self.template[1].format(*pages), self.severity)


def one_per_finding(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Page findings of several editions: one where they say the same of other pages ("ends on page 7
    of the print edition (8 of the screen edition)"), and each naming its edition where they say
    different things of one place; every other diagnostic as it is."""
    notes = [d for d in diagnostics if isinstance(d, PageNote) and d.edition]
    if len({d.edition for d in notes}) < 2:
        return diagnostics
    alike: dict[tuple, list[PageNote]] = {}
    for d in notes:
        alike.setdefault((d.pos, d.template, d.severity), []).append(d)
    places: dict[Pos, int] = {}
    for pos, _template, _severity in alike:
        places[pos] = places.get(pos, 0) + 1
    out: list[Diagnostic] = []
    for d in diagnostics:
        group = alike.get((d.pos, d.template, d.severity)) if isinstance(d, PageNote) and d.edition else None
        if group is None:
            out.append(d)
        elif group[0] is d and (len(group) > 1 or places[d.pos] > 1):
            first, *rest = sorted(group, key=lambda n: n.edition != "print")  # the print edition's pages first
            out.append(d.named([f"{first.pages[i]} of the {first.edition} edition" + "".join(
                f" ({n.pages[i]} of the {n.edition} edition)" for n in rest) for i in range(len(d.pages))]))
        elif group[0] is d:
            out.append(d)
    return out


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
