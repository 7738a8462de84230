"""An explicit page break inside a text section (`- break: page`)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ..model import Break
from .context import LayoutContext


class PageBreakUnlessTop(Flowable):
    """Fills the rest of the frame, so that what follows starts on the next page; nothing where the
    page has just begun (reportlab's PageBreak would leave that page empty). It has no side effects
    when measured, unlike a CondPageBreak, which queues a frame break from its wrap."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is None or getattr(frame, "_atTop", False):
            return 0, 0
        return aw, ah - 1e-8  # reportlab's UseUpSpace: a hair less than the rest, so it is placed

    def draw(self) -> None:
        pass


def layout(ctx: LayoutContext, block: Break) -> list[Any]:
    return [PageBreakUnlessTop()]
