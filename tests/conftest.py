"""Shared fixtures: the sample built once per session, and throw-away copies of the sample project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = ROOT / "content"
ASSETS = ROOT / "assets"
SAMPLE_SOURCE = next((ROOT.parent / "shared" / "source").glob("*.txt"), ROOT / "tests" / "data" / "source.txt")


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
