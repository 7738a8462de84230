"""`report init DIR`: a new, buildable report project with every kind of content shown once.

Templates (commented YAML) and the binary assets (Lato fonts with their licence, the FOGRA39
print profile with its licence) ship inside the package, so this works from an installed copy.
Placeholder images are generated at print resolution.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

from .errors import Diagnostic, Pos, ReportError
from .output import write_atomic
from .schema import schema_files

DATA = Path(__file__).parent / "data"
COVER_PX = (2551, 3579)  # A4 + 3 mm bleed at 300 ppi
FIGURE_PX = (2100, 1260)  # the text width (170 mm) at 300 ppi, 5:3


def _placeholder(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A quiet vertical gradient: obviously a placeholder, yet print-ready."""
    ramp = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def init_project(target: Path) -> list[Path]:
    """Create DIR/content, DIR/assets and DIR/schema; refuses a folder that is not empty."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ReportError([Diagnostic(f"{target} exists and is not an empty folder", Pos(target),
                                      "choose a new folder name; report init never overwrites files")])
    existed = target.exists()
    try:
        _create(target)
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


def _create(target: Path) -> None:
    shutil.copytree(DATA / "init" / "content", target / "content")
    for part in ("fonts", "icc"):
        shutil.copytree(DATA / "assets" / part, target / "assets" / part)
    images = target / "assets" / "images"
    images.mkdir(parents=True)
    _placeholder(COVER_PX, (11, 74, 116), (31, 161, 154)).save(images / "titel.jpg", "JPEG", quality=85,
                                                                 dpi=(300, 300))
    _placeholder(FIGURE_PX, (234, 242, 248), (114, 114, 113)).save(images / "bild.jpg", "JPEG", quality=85,
                                                                    dpi=(300, 300))
    for name, text in schema_files().items():
        write_atomic(target / "schema" / name, text.encode("utf-8"))
