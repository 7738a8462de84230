"""Where the bytes of the screen edition go: fonts, images, charts, page content, the rest.

Run on demand:  python benchmarks/screen_size.py [CONTENT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import pikepdf

from report.build import build

LIMIT = 1024 * 1024  # the newsletter goal: ≤ 1 MiB


def classify(obj: pikepdf.Object, charts: set, contents: set) -> str:
    if obj.objgen in contents:
        return "text (page content)"
    if obj.objgen in charts:
        return "charts"
    if "/Length1" in obj or "/Length2" in obj or obj.get("/Subtype") in ("/CIDFontType0C", "/Type1C", "/OpenType"):
        return "fonts"
    if obj.get("/Subtype") == "/Image":
        return "images"
    if obj.get("/Type") == "/ObjStm" or obj.get("/Type") == "/XRef":
        return "structure (object streams)"
    return "other streams"


def main() -> None:
    content = Path(sys.argv[1] if len(sys.argv) > 1 else "content")
    with tempfile.TemporaryDirectory() as tmp:
        out = build(content, Path(tmp), ["screen"]).outputs[0]
        with pikepdf.open(out.path) as pdf:
            charts, contents = set(), set()
            for page in pdf.pages:
                for c in (page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents]):
                    contents.add(c.objgen)
                for name, x in page.obj.Resources.get("/XObject", {}).items():
                    if name.startswith("/RptChart_"):
                        charts.add(x.objgen)
            sizes: Counter = Counter()
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream):
                    sizes[classify(obj, charts, contents)] += len(obj.read_raw_bytes())
            total = out.path.stat().st_size
    print(f"screen edition: {out.path.name}, {out.pages} pages, {total / 1024:.0f} KiB "
          f"({'within' if total <= LIMIT else 'OVER'} the 1 MiB goal)")
    for part, size in sizes.most_common():
        print(f"  {part:<28} {size / 1024:8.1f} KiB  {size / total:6.1%}")
    rest = total - sum(sizes.values())
    print(f"  {'objects, xref, trailer':<28} {rest / 1024:8.1f} KiB  {rest / total:6.1%}")


if __name__ == "__main__":
    main()
