"""Files referenced by content: found below assets/, never outside the project."""

from __future__ import annotations

from pathlib import Path

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}


class AssetError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def resolve_asset(name: str, assets_dir: Path, project_dir: Path) -> Path:
    """The absolute path of an asset; raises AssetError if it is missing or leaves the project."""
    rel = Path(name)
    if rel.is_absolute() or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise AssetError(f"absolute path {name!r} is not allowed",
                         "give the path relative to the assets folder, e.g. images/cover.jpg")
    path = (assets_dir / rel).resolve()
    root = project_dir.resolve()
    if not path.is_relative_to(root):
        raise AssetError(f"path {name!r} points outside the project",
                         "copy the file into the assets folder and name it relative to it")
    if not path.is_file():
        hint = "check the spelling; paths are relative to the assets folder"
        if path.parent.is_dir():
            near = sorted(p.name for p in path.parent.iterdir() if p.is_file())[:8]
            if near:
                hint += f" (files in {path.parent.name}/: {', '.join(near)})"
        raise AssetError(f"file {name!r} does not exist in {assets_dir.name}/", hint)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise AssetError(f"{name!r} is not a supported image type",
                         "use a JPEG (.jpg) for photos or a PNG (.png) for graphics")
    return path
