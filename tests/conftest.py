"""Shared fixtures: the sample built once per session, and throw-away copies of the sample project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from report.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
ASSETS = ROOT / "assets"
SAMPLE_SOURCE = next((ROOT.parent / "shared" / "source").glob("*.txt"), ROOT / "tests" / "data" / "source.txt")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tests start with an empty cache of their own, never the developer's ~/.cache/report."""
    path = tmp_path_factory.mktemp("cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(path)
    yield path
    if old is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Both editions of the sample, built once for all end-to-end tests."""
    out = tmp_path_factory.mktemp("out")
    return build(SAMPLE_CONTENT, out)


@pytest.fixture(scope="session")
def screen_pdf(sample_build: BuildResult) -> Path:
    return next(o.path for o in sample_build.outputs if o.edition == "screen")


@pytest.fixture(scope="session")
def print_pdf(sample_build: BuildResult) -> Path:
    return next(o.path for o in sample_build.outputs if o.edition == "print")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the sample project (content/ + assets/); returns its content folder."""
    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    return tmp_path / "content"


REQUIRE_TOOLS = "REPORT_TEST_REQUIRE_TOOLS"  # set by the README's test command, which CI (.ci/run) runs


def require_tool(name: str, package: str) -> str:
    """The path of an external program a check needs. Missing: the test is skipped with the reason,
    unless REPORT_TEST_REQUIRE_TOOLS=1 says the tools were installed (CI), where it fails."""
    exe = shutil.which(name)
    if exe:
        return exe
    reason = f"{name} is not installed (Debian package {package}; the README's test command installs it)"
    if os.environ.get(REQUIRE_TOOLS, "") not in ("", "0"):
        pytest.fail(f"{reason}, and {REQUIRE_TOOLS} says it is required")
    pytest.skip(reason)


def many_sections(project: Path, count: int) -> None:
    """The project's sections replaced by `count` short text sections ("Abschnitt 1" …)."""
    set_sections(project, {f"sections/x{i:02d}.yaml": f"kind: text\ntitle: Abschnitt {i + 1}\nblocks:\n"
                           f"  - paragraph: Text {i + 1}.\n" for i in range(count)})


def set_sections(project: Path, files: dict[str, str]) -> None:
    """The project's sections replaced by `files` (name → YAML text), in that order."""
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    report = project / "report.yaml"
    head, tail = report.read_text(encoding="utf-8").split("sections:\n", 1)
    report.write_text(head + "sections:\n" + "".join(f"  - {n}\n" for n in files) + "\n" + tail.split("\n\n", 1)[1],
                      encoding="utf-8")


@pytest.fixture(scope="module")
def styles():
    """The sample's styles (German, the screen edition's RGB), for flowables tested alone."""
    from report.layout.styles import Styles, register_fonts
    from report.locale import get_locale
    from report.theme import load_theme
    theme, fonts = load_theme(SAMPLE_CONTENT, ASSETS)
    return Styles(theme, get_locale("de-DE"), "rgb", register_fonts(fonts))


def page_gaps(warnings: list) -> list[str]:
    """The page-gap warnings of a build (layout.pagefill.short_pages: a page that ends short of its
    section's next block), up to the block's kind: 'page 7 ends about 9 lines short, 19 % of its text
    area empty: the grid'."""
    return [w.message.split(" that opens ")[0] for w in warnings if " lines short, " in w.message]


def without_page_gaps(warnings: list) -> list:
    """A build's warnings but its page-gap ones (see page_gaps), for tests of other things."""
    return [w for w in warnings if " lines short, " not in w.message]
