"""German-safe hyphenation on top of pyphen.

pyphen's German patterns (from LibreOffice) emit pairs of adjacent break points
around compound joints, e.g. "Fort-s-chrei-bung", "Erd-fer-n-er-kun-dung": one
of the two is wrong and the patterns cannot tell which. We drop both, losing a
break opportunity but never printing "Forts-chreibung".
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

import pyphen

from ..cache import Cache, file_digest, key


@cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    """pyphen parses its dictionary in ~0.6 s per process; a pickled copy in the cache loads in ~60 ms."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    if path not in pyphen.hdcache:
        store = Cache()
        k = key("pyphen", pyphen.__version__, file_digest(path))
        data = store.get("hyphenation", k)
        try:
            pyphen.hdcache[path] = pickle.loads(data) if data else pyphen.HyphDict(path)
        except Exception:  # an unreadable pickle is a cache miss, whatever it raises
            pyphen.hdcache[path] = pyphen.HyphDict(path)
            data = None
        if data is None:
            store.put("hyphenation", k, pickle.dumps(pyphen.hdcache[path]))
    return pyphen.Pyphen(lang=lang, left=2, right=3)


def break_points(word: str, lang: str) -> list[int]:
    points = _dictionary(lang).positions(word)
    return [p for p in points if p - 1 not in points and p + 1 not in points]


def hyphenator(lang: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    """A reportlab `hyphenationLang` callable: word → (head, tail) pairs, longest head first."""

    @lru_cache(maxsize=20000)
    def pairs(word: str) -> tuple[tuple[str, str], ...]:
        return tuple((word[:p], word[p:]) for p in reversed(break_points(word, lang)))

    return lambda word: iter(pairs(word))
