"""Make a branded copy of the sample: house fonts as OpenType/CFF, the placeholder SVG logo, A5.

The fonts are made from the shipped Lato with fontTools (tests/brand_fonts.py), so nothing is
downloaded and nothing under a foreign licence is copied. Then build and look at it:

    python tools/make_brand_example.py /tmp/brand
    report build /tmp/brand -o /tmp/brand/out && report theme /tmp/brand -o /tmp/brand/out/specimen.pdf
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.brand_fonts import make_otf  # noqa: E402

THEME = """\
fonts:                                   # OpenType/CFF: converted to TrueType outlines when building
  regular: fonts/brand/Brand-Regular.otf
  italic: fonts/brand/Brand-Italic.otf
  bold: fonts/brand/Brand-Bold.otf
  bold_italic: fonts/brand/Brand-BoldItalic.otf
  black: fonts/brand/Brand-Black.otf
  light: fonts/brand/Brand-Light.otf
page:
  size: A5
logo:
  file: logo/logo.svg
  negative: logo/logo-negative.svg
  running_head: true
"""


def main(target: Path) -> None:
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target} exists and is not empty")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "assets", target / "assets")
    shutil.copytree(ROOT / "tests" / "data" / "brand", target / "assets" / "logo")
    fonts = target / "assets" / "fonts" / "brand"
    fonts.mkdir(parents=True)
    for style in ("Regular", "Italic", "Bold", "BoldItalic", "Black", "Light"):
        make_otf(ROOT / "assets" / "fonts" / f"Lato-{style}.ttf", fonts / f"Brand-{style}.otf", style=style)
    (target / "content" / "theme.yaml").write_text(THEME, encoding="utf-8")
    print(f"made {target}: report build {target} -o {target / 'out'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "brand-example"))
