"""Where a project's parts are: light on purpose (the CLI and the input stamp use it before any
heavy import)."""

from __future__ import annotations

from pathlib import Path

REPORT_FILE = "report.yaml"


def find_content_dir(path: Path) -> Path:
    """Accept a project folder too: `report build examples/en` means examples/en/content."""
    if not (path / REPORT_FILE).is_file() and (path / "content" / REPORT_FILE).is_file():
        return path / "content"
    return path


def project_paths(content_dir: Path) -> tuple[Path, Path]:
    """(project folder, assets folder) for a content folder: assets/ sits beside content/."""
    project = content_dir.resolve().parent
    return project, project / "assets"
