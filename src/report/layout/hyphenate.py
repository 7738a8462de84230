"""German-safe hyphenation on top of pyphen.

pyphen's German patterns (from LibreOffice) emit pairs of adjacent break points
around compound joints, e.g. "Fort-s-chrei-bung", "Erd-fer-n-er-kun-dung": one
of the two is wrong and the patterns cannot tell which. The letter between them
decides: a cluster that starts a syllable ("sch", "ch", "th", "ph") or an "s" after a
joint "s" keeps the break before it ("Fort-schreibung", "Süd-thüringen",
"Gemeinschafts-stände"), any other letter ends the syllable before the break
("Erdfern-erkundung", "Internatio-nal"). Three or more in a row: no break there.
Never "Forts-chreibung".
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


_ONSETS = ("sch", "ch", "th", "ph")


def break_points(word: str, lang: str) -> list[int]:
    points = sorted(set(_dictionary(lang).positions(word)))
    runs: list[list[int]] = []
    for p in points:
        if runs and runs[-1][-1] == p - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    out = []
    for run in runs:
        if len(run) == 1:
            out.append(run[0])
        elif len(run) == 2:  # one letter between two breaks: which syllable does it belong to?
            p = run[0]
            before = word[p:].lower().startswith(_ONSETS) or (word[p] == "s" and word[p - 1] == "s")
            out.append(p if before else p + 1)
    return out


@cache
def hyphenator(lang: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    """A reportlab `hyphenationLang` callable: word → (head, tail) pairs, longest head first.
    One per language and process, so both editions share its caches (and `word_breaks`')."""

    @lru_cache(maxsize=20000)
    def pairs(word: str) -> tuple[tuple[str, str], ...]:
        return tuple((word[:p], word[p:]) for p in reversed(break_points(word, lang)))

    return lambda word: iter(pairs(word))


MIN_WORD = 6  # never hyphenate a word of 5 letters or fewer ("Ge-bäu-de" yes, "Ta-ge" no)
_URL_MARKS = ("/", "@", "://", "www.", ".de", ".com", ".org")
_HYPHENS = "-\u2010\u2011"


@lru_cache(maxsize=50_000)
def word_breaks(text: str, hyphenate: Callable[[str], Iterator[tuple[str, str]]] | None,
                ) -> tuple[tuple[int, bool], ...]:
    """Where a word may end a line: (position, True) where hyphenation adds a hyphen, (position, False)
    after a hyphen the word already has ("Friedrich-|Schiller"). Numbers, URLs and e-mail addresses
    are never broken here (an overlong one is split by the fallback); parts of 5 letters or fewer are
    never hyphenated, and each side of a break keeps at least 2 characters."""
    if any(m in text for m in _URL_MARKS):
        return ()
    out: list[tuple[int, bool]] = []
    seg_start = 0
    for i, ch in enumerate(text + " "):
        if ch not in _HYPHENS and i < len(text):
            continue
        out += _hyphenation_points(text, seg_start, i, hyphenate)
        if i < len(text) and i >= 2 and len(text) - i - 1 >= 2 and text[i + 1].isalpha():
            out.append((i + 1, False))
        seg_start = i + 1
    return tuple(out)


def _hyphenation_points(text: str, a: int, b: int, hyphenate: Callable | None) -> list[tuple[int, bool]]:
    if hyphenate is None:
        return []
    while a < b and not text[a].isalpha():
        a += 1
    while b > a and not text[b - 1].isalpha():
        b -= 1
    core = text[a:b]
    if len(core) < MIN_WORD or not core.isalpha():
        return []
    return sorted((a + len(head), True) for head, _tail in hyphenate(core))
