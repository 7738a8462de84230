"""How chart category labels wrap: shared by the chart drawing and by the model's check that the
labels have room, so that the check and the drawing can never disagree."""

from __future__ import annotations

import textwrap

LABEL_WRAP = {"horizontal": 24, "vertical": 22}  # characters per label line
LINE_MM = 3.6  # one label line at the caption size (8 pt) with its leading
CHAR_MM = 1.5  # average character width at the caption size


def wrap_label(text: str, width: int) -> list[str]:
    """Lines of about `width` characters; a word only breaks when it is far longer than a line
    (a long compound like "Informationsveranstaltungen" stays whole, a 60-letter one does not)."""
    lines = []
    for line in textwrap.wrap(text, width, break_long_words=False):
        while len(line) > width * 4 // 3:
            lines.append(line[:width] + "-")
            line = line[width:]
        lines.append(line)
    return lines or [""]
