"""A section that runs a few lines onto a page of its own (the next section starts on a new page)
leaves that page nearly empty: a designer sees it at once, so the build says so, with how many lines
to cut. Marks at a section's start and end record, as they are drawn, their page and the room left
in the frame there; the last pass of the layout leaves the final values."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, PageBreakIfNotEmpty

from ..errors import Diagnostic
from .context import LayoutContext
from .templates import text_frame_height

LAST_PAGE_SHARE = 0.25  # a section's last page filled less than this (of the text frame) warns


class Mark(Flowable):
    """Takes no room and is never moved on: a frame action (as reportlab's Indenter) that records
    the page and the room left in the frame where the story reaches it."""

    _ZEROSIZE = True
    width = height = 0

    def __init__(self, ends: dict, key: tuple[int, str]):
        super().__init__()
        self.ends, self.key = ends, key

    def frameAction(self, frame: Any) -> None:  # noqa: N802 - reportlab API
        self.ends[self.key] = (self.canv.getPageNumber(), max(0.0, frame._y - frame._y1p))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def start(ctx: LayoutContext, index: int) -> Mark:
    return Mark(ctx.section_ends, (index, "start"))


def end(ctx: LayoutContext, index: int) -> Mark:
    return Mark(ctx.section_ends, (index, "end"))


def notes(ctx: LayoutContext) -> list[Diagnostic]:
    """A warning for each marked section whose last page holds less than LAST_PAGE_SHARE of a page."""
    frame_h = text_frame_height(ctx.geometry, ctx.styles.theme.page)
    leading = ctx.styles.theme.sizes.leading
    out = []
    for index, sec in enumerate(ctx.doc.sections, start=1):
        first, last = ctx.section_ends.get((index, "start")), ctx.section_ends.get((index, "end"))
        if first is None or last is None or last[0] <= first[0] or _broken_by_its_author(sec):
            continue
        used = frame_h - last[1]
        if used >= frame_h * LAST_PAGE_SHARE:
            continue
        lines = max(1, round(used / leading))
        title = getattr(sec, "title", "")
        columns = getattr(sec, "columns", 1) or 1
        cut = lines * columns  # in two columns: as many lines in each
        held = (f"about {lines} line{'s' if lines != 1 else ''} in each of its {columns} columns" if columns > 1
                else f"about {lines} line{'s' if lines != 1 else ''} of a page")
        out.append(Diagnostic(
            f"section '{title}' ends on page {last[0]} with {held}, which stays "
            f"{100 - round(100 * used / frame_h)} % empty",
            sec.field_pos.get("title", sec.pos),
            f"shorten it by about {cut} line{'s' if cut != 1 else ''} (text, or a narrower image) so that it "
            f"ends on page {last[0] - 1}, or add to it", "warning"))
    return out


def _broken_by_its_author(sec: Any) -> bool:
    """Whether the section's pages break where its author says: at a page break or around a page
    photo (the last page may then hold one line by design; a photo as the last block fills it)."""
    blocks = getattr(sec, "blocks", None) or []
    return any(type(b).__name__ == "Break" or getattr(b, "size", None) == "page" for b in blocks)


def marked(ctx: LayoutContext, index: int, flow: list[Any], last_on_its_page: bool) -> list[Any]:
    """The section's flowables between its marks (the end mark only where the next section starts
    on a new page: else its last page goes on with the next section). A section that opens with a
    page break of its own (a page photo's) is marked after it: a mark drawn first would begin the
    page that the break then leaves empty but for its running head."""
    opens = 1 if flow and isinstance(flow[0], PageBreakIfNotEmpty) else 0
    return [*flow[:opens], start(ctx, index), *flow[opens:], *([end(ctx, index)] if last_on_its_page else [])]
