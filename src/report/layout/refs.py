"""The page numbers cross-references print: `[S. {page}](#finanzen)` → „S. 14“, a link on screen.

A number is set into the text before the layout places it, and where the text's target lands is
known only once it is drawn. So the story is laid out with the numbers of the previous build (kept in
the cache beside the contents lines, `contents.Seeds`; a first build guesses), and `PageRefs` — an
indexing flowable, as the contents are — compares, when reportlab's pass ends, what each reference
printed with the page its target was drawn on. Where one differs, the story is built again with the
pages found and reportlab's multiBuild lays it out once more: a number that grew a digit may move text,
and with it the target, so this repeats until the numbers hold. Numbers that go back and forth
(a 9 that makes a 10 that makes a 9) are set as wide as the widest of them, with figure spaces in front:
the text then stays where it is whatever the number. Only after MAX_ROUNDS does the build give up, with
a warning at each reference that still prints a wrong page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus.doctemplate import ActionFlowable

from ..errors import Diagnostic
from .heading import slug

GUESS = 10  # a first build's number for a target it has not seen: two digits, as most reviews need
MAX_ROUNDS = 5  # stories built again at most (reportlab's multiBuild gives up after 10 passes)
FIGURE_SPACE = "\u2007"  # as wide as a digit (of tabular figures) and no break: what pads a number


class PageRefs(ActionFlowable):
    """The cross-references' numbers and targets for one edition's layout; in the story, it takes no
    room and draws nothing (an action flowable), but reportlab's multiBuild asks it whether another
    pass is needed."""

    def __init__(self, refs: Any, seed: Any = None, links: bool = True):
        """`refs`: the model's CrossRefs; `seed`: contents.SeedSlot with the pages of the previous build;
        `links`: whether a reference is a link (the screen edition) or text only."""
        super().__init__()
        self.seed, self.links = seed, links
        self.uses = refs.uses
        nodes: dict[int, str] = {}  # a target's node → its destination's name (a section has two names)
        for target in refs.targets.values():
            nodes.setdefault(id(target.node), f"ref-{len(nodes) + 1}-{slug(target.id)[:40]}")
        self.nodes = nodes
        self.key = {tid: nodes[id(t.node)] for tid, t in refs.targets.items()}  # target id → destination
        kept = seed.pages() if seed is not None else {}
        self.numbers: dict[str, int] = {}  # destination → the page this pass prints
        for tid, key in self.key.items():
            if tid in kept:
                self.numbers.setdefault(key, kept[tid])
        self.numbers = {key: self.numbers.get(key, GUESS) for key in nodes.values()}
        self.digits: dict[str, int] = {}  # destination → the digits its number is padded to
        self.found: dict[str, int] = {}  # destination → the page it was drawn on (this pass)
        self.rounds = 0
        self.settled = False
        self.story: list[Any] | None = None
        self.rebuild: Callable[[], list[Any]] | None = None

    def follow(self, story: list[Any], rebuild: Callable[[], list[Any]]) -> None:
        """The story multiBuild lays out, and how to build it afresh (with this object in it)."""
        self.story, self.rebuild = story, rebuild

    # -- what the layout asks

    def number(self, target: str) -> str:
        """The page number a reference to `target` prints in this pass."""
        key = self.key[target]
        text = str(self.numbers[key])
        return FIGURE_SPACE * (self.digits.get(key, 0) - len(text)) + text

    def link(self, piece: str, target: str) -> str:
        """A reference's text (reportlab markup) as a link to its target's place."""
        return f'<a href="#{self.key[target]}">{piece}</a>'

    def anchor(self, node: Any) -> Callable[[Any, float, float], None] | None:
        """What a target's flowable calls with the canvas and its top left corner when it is drawn (None
        for a node no reference names): a destination there, and its page noted."""
        key = self.nodes.get(id(node))
        if key is None:
            return None

        def mark(canvas: Any, x: float, y: float) -> None:
            canvas.bookmarkHorizontal(key, x, y)
            self.found.setdefault(key, canvas.getPageNumber())
        return mark

    # -- reportlab's multiBuild

    def apply(self, doc: Any) -> None:
        """Nothing to do where the story reaches it."""

    def isIndexing(self) -> int:  # noqa: N802 - reportlab API
        return 1

    def notify(self, kind: str, stuff: Any) -> None:
        """(The contents' entries; not needed here.)"""

    def beforeBuild(self) -> None:  # noqa: N802 - reportlab API
        self.found = {}
        self.settled = False

    def afterBuild(self) -> None:  # noqa: N802 - reportlab API
        if self._hold() or self.rounds >= MAX_ROUNDS:
            self.settled = True
            if self.seed is not None:
                self.seed.keep_pages({tid: self.found[key] for tid, key in self.key.items() if key in self.found})
            return
        self.rounds += 1
        found = {key: self.found.get(key, page) for key, page in self.numbers.items()}
        if self.rounds > 1:  # moved again: as wide as the widest number yet, so that the text stays put
            for key, page in found.items():
                if page != self.numbers[key]:
                    self.digits[key] = max(self.digits.get(key, 0), len(str(page)), len(str(self.numbers[key])))
        self.numbers = found
        self._fresh_story()

    def isSatisfied(self) -> bool:  # noqa: N802 - reportlab API
        return self.settled

    def _hold(self) -> bool:
        """Every number is its target's page (a target not drawn: no better number to try)."""
        return all(self.found.get(key, page) == page for key, page in self.numbers.items())

    def _fresh_story(self) -> None:
        """The story built again with the new numbers, in place (multiBuild lays out that list); its
        indexing flowables are the ones of the story before, which hold what the passes collected and
        which multiBuild asks."""
        assert self.story is not None and self.rebuild is not None, "PageRefs.follow was not called"
        fresh = self.rebuild()
        places = [i for i, f in enumerate(fresh) if f.isIndexing()]
        kept = [f for f in self.story if f.isIndexing()]
        assert len(places) == len(kept), "the story's indexing flowables changed when it was built again"
        for i, f in zip(places, kept, strict=True):
            fresh[i] = f
        self.story[:] = fresh

    def notes(self) -> list[Diagnostic]:
        """A warning at each reference that prints another page than its target is on (numbers that
        did not settle within MAX_ROUNDS)."""
        out = []
        for target, pos in self.uses:
            key = self.key[target]
            page = self.found.get(key)
            if page is not None and page != self.numbers[key]:
                out.append(Diagnostic(
                    f"cross-reference to '#{target}' prints page {self.numbers[key]}, but its target is on page "
                    f"{page}: the number moves the text around it", pos,
                    "reword the sentence with the reference a little (a word more or less), so that its "
                    "paragraph keeps its lines whatever the number", "warning"))
        return out
