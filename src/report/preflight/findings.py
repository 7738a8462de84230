"""Findings as data, the profile they are judged against, and the two ways to show them (table, JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

MM = 72 / 25.4
PASS, WARN, FAIL = "pass", "warn", "fail"
BLEED_SLACK = 0.01  # pt: boxes are written rounded to a few decimals
BINDINGS = ("saddle", "perfect", "none", "cover")  # cover: a perfect-bound cover spread, one page


@dataclass(frozen=True)
class Profile:
    """The rules a print shop applies. Plain data: a shop with other limits is another Profile."""

    name: str = "PDF/X-4 for offset on coated paper (FOGRA39, 300 % ink)"
    pdfx: str = "PDF/X-4"
    max_version: str = "1.6"  # ISO 15930-7: PDF/X-4 is PDF 1.6
    max_ink: float = 300.0  # % total area coverage; FOGRA39 sheet-fed practice
    min_bleed: float = 3 * MM - BLEED_SLACK  # pt: German shops' standard bleed (US printers: 0.125 in)
    min_line: float = 0.25  # pt
    min_text: float = 6.0  # pt
    small_text: float = 12.0  # pt: text below this size …
    max_plates: int = 2  # … in at most this many plates (register)
    reversed_min: float = 8.0  # pt: white text out of colour, in bold
    ppi_fail: float = 150
    ppi_warn: float = 300
    ppi_slack: float = 0.5  # 2551 px over 216 mm is 299.97 ppi: rounding, not a problem
    binding: str = "saddle"  # page count: saddle → multiple of 4, perfect → even, none → any, cover → 1
    # pt: the TrimBox size every page must have (None: any); a build knows its own: a cover spread's is
    # two covers and the spine wide
    trim: tuple[float, float] | None = None


DEFAULT_PROFILE = Profile()


def bleed_minimum(mm: float) -> float:
    """Profile.min_bleed for a bleed of `mm` millimetres (what the build checks its own bleed against)."""
    return mm * MM - BLEED_SLACK


def bleed_text(points: float) -> str:
    """A profile's bleed as messages name it: "3 mm", "3.175 mm (0.125 in)"."""
    mm = round((points + BLEED_SLACK) / MM, 3)
    thousandths = mm / 25.4 * 1000  # an inch measure (0.125 in) is named as one too
    return f"{mm:g} mm" + (f" ({thousandths / 1000:g} in)" if abs(thousandths - round(thousandths)) < 1e-6 else "")


@dataclass
class Finding:
    check: str
    status: str
    message: str
    pages: list[int] = field(default_factory=list)

    def format(self) -> str:
        where = f" (pages {ranges(self.pages)})" if self.pages else ""
        return f"{self.status.upper():4}  {self.check:<16} {self.message}{where}"


@dataclass
class Report:
    findings: list[Finding]
    profile: Profile = DEFAULT_PROFILE
    source: str = ""  # the file checked, for the verdict
    note: str = ""  # a sentence before the table (e.g. "this is the screen edition …")

    @property
    def failed(self) -> bool:
        return any(f.status == FAIL for f in self.findings)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.findings)

    def verdict(self) -> str:
        word = "FAILED" if self.failed else "passed"
        warned = self.count(WARN)
        return (f"{word} against {self.profile.name}: {self.count(FAIL)} failed, {warned} "
                f"warning{'s' if warned != 1 else ''}, {self.count(PASS)} passed")

    def format(self) -> str:
        """The findings, one line each (used by the build, where the verdict is printed separately)."""
        return "\n".join(f.format() for f in self.findings)

    def table(self) -> str:
        """A table for a terminal: status, check, pages, message; the verdict last."""
        rows = [(f.status.upper(), f.check, ranges(f.pages) if f.pages else "–", f.message) for f in self.findings]
        head = ("STATUS", "CHECK", "PAGES", "FINDING")
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
        lines = [f"preflight {self.source}" if self.source else "preflight", f"profile: {self.profile.name}"]
        if self.note:
            lines.append(self.note)
        lines.append("  ".join(h.ljust(w) for h, w in zip(head[:3], widths, strict=True)) + "  " + head[3])
        lines += ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths, strict=True)) + "  " + r[3] for r in rows]
        lines.append(self.verdict())
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps({"file": self.source, "profile": asdict(self.profile), "passed": not self.failed,
                           "note": self.note, "verdict": self.verdict(),
                           "findings": [asdict(f) for f in self.findings]}, ensure_ascii=False, indent=2)


def ranges(pages: list[int]) -> str:
    pages = sorted(set(pages))
    out, start = [], None
    for i, p in enumerate(pages):
        if start is None:
            start = p
        if i + 1 == len(pages) or pages[i + 1] != p + 1:
            out.append(str(start) if start == p else f"{start}–{p}")
            start = None
    return ", ".join(out)
