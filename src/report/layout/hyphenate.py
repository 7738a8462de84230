"""German-safe hyphenation on top of pyphen.

pyphen's German patterns (from LibreOffice) emit pairs of adjacent break points
around compound joints, e.g. "Fort-s-chrei-bung", "Erd-fer-n-er-kun-dung": one
of the two is wrong and the patterns cannot tell which. The letter between them
decides: a cluster that starts a syllable ("sch", "ch", "th", "ph") or an "s" after a
joint "s" keeps the break before it ("Fort-schreibung", "Süd-thüringen",
"Gemeinschafts-stände"), any other letter ends the syllable before the break
("Erdfern-erkundung", "Internatio-nal"). Three or more in a row: no break there.
Never "Forts-chreibung". Two breaks around "ss" ("Testament-s-s-penden": a joint "s" and
an "s" that starts the next part, or a double s between vowels) break between the two s:
"Testaments-spenden", never "Testament-sspenden" or "Testamentss-penden"; likewise a break after
consonant + "ss" before a consonant moves before the second s ("Geschäfts-strategie").

pyphen parses a dictionary in 0.2–2 s per process. The package ships the parsed
patterns of the dictionaries its locales use (data/hyphenation/, written by
`write_patterns`, checked against pyphen's own parser by a test), named by the
SHA-256 of the pyphen file they come from, so a newer pyphen with other patterns
is never paired with stale data. Other dictionaries are parsed once and kept in
the cache in the same plain-text format: data only, nothing that runs code.

Even decoding the shipped German patterns takes ~50 ms, and a rebuild after a small edit asks
about a handful of words (the changed paragraph's; the others keep their line breaks, see
justify.recall). So the words a build asked about are kept in the cache with their break points
(`recall` / `keep`, JSON), per dictionary file and version of this code, and the dictionary is only
decoded for a word that no earlier build of this cache asked about.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from itertools import accumulate
from pathlib import Path

import pyphen

from ..cache import Cache, code_version, key
from ..markup import BREAK

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "hyphenation"
FORMAT = "report-hyphenation 1"


class Patterns(dict):
    """pattern → (offset, values) as pyphen's HyphDict.patterns, decoded on first use.

    Stored values are the pattern's digits with their leading zeros ("0012" = offset 2,
    values (1, 2)): loading 66,000 German patterns is then one `dict(zip(…))`."""

    def get(self, pattern: str, default: object = None) -> object:
        raw = super().get(pattern)
        if raw is None:
            return default
        if isinstance(raw, str):
            digits = raw.lstrip("0")
            raw = (len(raw) - len(digits), tuple(map(int, digits)))
            self[pattern] = raw
        return raw


def encode(hyph: pyphen.HyphDict) -> bytes:
    """A parsed dictionary as text: a header line, then pattern and digits on alternate lines."""
    lines = [FORMAT]
    for pattern, (offset, values) in hyph.patterns.items():
        if any(getattr(v, "data", None) for v in values) or any(not 0 <= v <= 9 for v in values):
            raise ValueError(f"pattern {pattern!r} uses nonstandard hyphenation, which this format cannot hold")
        lines += [pattern, "0" * offset + "".join(map(str, values))]
    return gzip.compress("\n".join(lines).encode("utf-8"), mtime=0)


def decode(data: bytes, check: bool = True) -> pyphen.HyphDict:
    """The inverse of `encode`; raises ValueError for anything that is not such a file.
    `check=False` skips checking every value (25 ms): for the package's own, tested files."""
    try:
        lines = gzip.decompress(data).decode("utf-8").split("\n")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise ValueError(str(exc)) from None
    if lines[0] != FORMAT or len(lines) % 2 != 1 or len(lines) < 3:
        raise ValueError("not a hyphenation patterns file")
    body = iter(lines[1:])
    patterns = Patterns(zip(body, body, strict=False))  # pairs: the length was checked above
    if check and not all(v.isdigit() and v.strip("0") for v in patterns.values()):
        raise ValueError("malformed pattern values")
    hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph.patterns, hyph.cache, hyph.maxlen = patterns, {}, max(map(len, patterns))
    return hyph


def source_file(lang: str) -> Path:
    return Path(pyphen.LANGUAGES[pyphen.language_fallback(lang)])


def shipped_file(source: Path) -> Path:
    return SHIPPED / f"{_source_digest(source)}.gz"


@lru_cache(maxsize=16)
def _source_digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()[:24]


def write_patterns(lang: str) -> Path:
    """Regenerate the shipped data of one dictionary (run when pyphen's dictionaries change)."""
    source = source_file(lang)
    target = shipped_file(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(encode(pyphen.HyphDict(source)))
    return target


def _load(source: Path) -> pyphen.HyphDict:
    shipped = shipped_file(source)
    if shipped.is_file():
        return decode(shipped.read_bytes(), check=False)
    store, k = Cache(), key("hyphenation", FORMAT, shipped.name)
    data = store.get("hyphenation", k)
    if data is not None:
        try:
            return decode(data)
        except ValueError:
            pass  # a payload that does not parse is a cache miss
    hyph = pyphen.HyphDict(source)
    try:
        store.put("hyphenation", k, encode(hyph))
    except ValueError:
        pass  # nonstandard patterns: parsed again next time
    return hyph


@cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    source = source_file(lang)
    if source not in pyphen.hdcache:
        pyphen.hdcache[source] = _load(source)
    return pyphen.Pyphen(lang=lang, left=2, right=3)


WORDS_FORMAT = "report-hyphenation-words 1"
WORDS_MAX = 60_000  # words kept per dictionary: the vocabulary of a long review, a few times over
_store: Cache | None = None  # where `recall` found the words and `keep` puts them (None: not kept)
_known: dict[str, dict[str, list[int]]] = {}  # lang → the words earlier builds asked about
_asked: dict[str, dict[str, list[int]]] = {}  # lang → the words this build asked about (in order)


def recall(cache: Cache) -> None:
    """Break points of the words earlier builds asked about are taken from `cache` (read when a
    language is first asked for) and this build's are put back by `keep`; a disabled cache: neither."""
    global _store
    if _store is None or _store.root != cache.root:
        _known.clear()
    _store = cache if cache.enabled else None
    _asked.clear()


def keep() -> None:
    """Store the words this build asked about that were not stored yet (latest last; the oldest
    go when there are more than WORDS_MAX)."""
    if _store is None:
        return
    for lang, asked in _asked.items():
        known = _known.setdefault(lang, {})
        if not asked.keys() - known.keys():
            continue
        for word in asked:  # asked again: now among the latest
            known.pop(word, None)
        known.update(asked)
        for word in list(known)[:max(0, len(known) - WORDS_MAX)]:
            del known[word]
        _store.put_json("hyphenation-words", _words_key(lang), known)
    _asked.clear()


def _words_key(lang: str) -> str:
    return key(WORDS_FORMAT, lang, _source_digest(source_file(lang)), code_version(Path(__file__).parent))


def _recalled(lang: str) -> dict[str, list[int]]:
    known = _known.get(lang)
    if known is None:
        known = _known[lang] = {}
        words = _store.get_json("hyphenation-words", _words_key(lang)) if _store is not None else None
        if isinstance(words, dict):  # else none kept, or not ours: a miss
            known.update(words)
    return known


_ONSETS = ("sch", "ch", "th", "ph")
# how the second part of a compound often begins with a vowel (er-, ent-, ein-, an-, auf- …, energy, ex-):
# a consonant before one of these ends the first part (Wind-energie, Bürger-entscheid); before any other
# vowel it starts the next syllable (Fern-wärme, not Fernw-ärme)
_VOWEL_PARTS = ("er", "en", "ein", "el", "em", "ex", "eu", "an", "auf", "aus", "ab", "al", "am", "ar", "as",
                "um", "un", "ur", "über", "ob", "or", "in", "im", "ist", "it",
                "af", "av", "år")  # Danish af-, Swedish av-, år (handels-aftaler, verksamhets-året)


def break_points(word: str, lang: str) -> list[int]:
    """Where `word` may be hyphenated: from an earlier build's answer (see `recall`) or the dictionary."""
    points = _recalled(lang).get(word) if _store is not None else None
    if not (isinstance(points, list) and all(type(p) is int and 0 < p < len(word) for p in points)):
        points = _break_points(word, lang)  # not asked before, or an entry that is not ours
    if _store is not None:
        _asked.setdefault(lang, {})[word] = points
    return list(points)


def _break_points(word: str, lang: str) -> list[int]:
    points = sorted(set(_dictionary(lang).positions(word)))
    for p in [p for p in points if word[p:p + 2].lower() == "ss" and p + 2 in points and p + 1 not in points]:
        points = sorted({*points, p + 1} - {p, p + 2})  # "Testament-s-s-penden": Testaments-spenden
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
            rest = word[p + 1:].lower()
            before = (word[p:].lower().startswith(_ONSETS) or (word[p] == "s" and word[p - 1] == "s")
                      or (not _vowel(word[p]) and rest[:1] and _vowel(rest[0])  # Fern-wärme, not Fernw-ärme
                          and not rest.startswith(_VOWEL_PARTS)))  # but Wind-energie, Erdfern-erkundung
            out.append(p if before else p + 1)
    out = sorted({p - 1 if _joint_s_before(word, p) else p for p in out})  # "Geschäftss-trategie"
    if lang.startswith("nl"):  # Dutch drops a trema where a word breaks at it (ru-ine, co-ordinatie, idee-en):
        out = [p for p in out if word[p].lower() not in _TREMAS]  # pyphen cannot, so never there
    return out


_TREMAS = "äëïöü"  # a Dutch trema marks where a syllable begins: ruïne, coördinatie, ideeën


def _joint_s_before(word: str, p: int) -> bool:
    """A break after consonant + "ss" before a consonant: the first s is a compound's joint s, the
    second starts the next part ("Geschäfts-strategie")."""
    return (p >= 4 and word[p - 2:p].lower() == "ss" and p < len(word)
            and not _vowel(word[p - 3]) and not _vowel(word[p]) and word[p - 3].isalpha())


def _vowel(ch: str) -> bool:
    return ch.lower() in "aeiouyäöüåæø"


@cache
def hyphenator(lang: str, exceptions: tuple[str, ...] = ()) -> Callable[[str], Iterator[tuple[str, str]]]:
    """A reportlab `hyphenationLang` callable: word → (head, tail) pairs, longest head first.
    One per language, exceptions and process, so both editions share its caches (and `word_breaks`').
    `exceptions`: report.yaml's `hyphenation:`, words with hyphens where they may break (none: never),
    which replace the dictionary's breaks of a word written so, whatever its capitals (TeX's
    \\hyphenation)."""
    own = exception_points(exceptions)

    @lru_cache(maxsize=20000)
    def pairs(word: str) -> tuple[tuple[str, str], ...]:
        points = own.get(word.lower()) if own else None
        if points is None or len(word.lower()) != len(word):
            points = break_points(word, lang)
        return tuple((word[:p], word[p:]) for p in reversed(points))

    def hyphenate(word: str) -> Iterator[tuple[str, str]]:
        return iter(pairs(word))
    # names the breaks in keys that outlive the process (justify's memo): the language, and the exceptions
    hyphenate.own = own  # (a hint does not offer a listed word for the list)
    hyphenate.language = lang if not exceptions else \
        f"{lang}+{hashlib.sha256(chr(10).join(exceptions).encode()).hexdigest()[:16]}"
    return hyphenate


def exception_points(exceptions: tuple[str, ...]) -> dict[str, list[int]]:
    """report.yaml's `hyphenation:` as word (lower case) → where it may break ("beheer-plan" → [6])."""
    out: dict[str, list[int]] = {}
    for entry in exceptions:
        parts = entry.lower().split("-")
        word = "".join(parts)  # each side of a break keeps 2 letters, as the dictionary's do
        out.setdefault(word, [p for p in accumulate(len(p) for p in parts[:-1]) if 2 <= p <= len(word) - 2])
    return out


MIN_WORD = 6  # never hyphenate a word of 5 letters or fewer ("Ge-bäu-de" yes, "Ta-ge" no)
MONTHS = frozenset(("Januar Jänner Februar Feber August September Oktober November Dezember "
                    "January February October November December "
                    "janvier février juillet septembre octobre novembre décembre "
                    "januari februari augustus september oktober november december "
                    "gennaio febbraio aprile maggio giugno luglio agosto settembre ottobre dicembre "
                    "febrero septiembre setiembre octubre noviembre diciembre "
                    "augusti "
                    "stycznia lutego kwietnia czerwca sierpnia września października listopada grudnia "
                    "styczeń marzec kwiecień czerwiec lipiec sierpień wrzesień październik listopad grudzień "
                    "januar februar august "
                    "janeiro fevereiro setembro outubro novembro dezembro"
                    ).split())  # never hyphenated
# a French word after an elided article or pronoun (l’association, d’investissement, qu’aujourd’hui):
# hyphenated after the apostrophe, never at it; "aujourd’hui" and "prud’homme" are not elisions and stay whole;
# an Italian one likewise (dell’organizzazione, nell’ambito, un’iniziativa, quest’anno)
_ELISIONS = {"fr": re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)[’']", re.IGNORECASE),
             "it": re.compile(r"[^\W\d_]{1,6}[’']")}
# one-letter words bound to the word after them (Locale.short_words, Polish: "w\u00a0domu", "i\u00a0z\u00a0nami"),
# and a short title or abbreviation bound to the name after it (Locale.titles: "ul.\u00a0Marszałkowskiej",
# "dr\u00a0Łukasz", "w\u00a0ul.\u00a0Marszałkowskiej"): the word after them breaks as a word of its own
_SHORT_WORDS = re.compile(r"(?:[^\W\d_]{1,4}\.?\u00a0)+(?=[^\W\d_]+$)")
_URL_MARKS = ("/", "@", "://", "www.", ".de", ".com", ".org")
_HYPHENS = "-\u2010\u2011"
LONG_PART = 15  # letters: a part of a hyphen-joined compound this long is hyphenated inside too


@lru_cache(maxsize=50_000)
def word_breaks(text: str, hyphenate: Callable[[str], Iterator[tuple[str, str]]] | None,
                ) -> tuple[tuple[int, bool], ...]:
    """Where a word may end a line: (position, True) where hyphenation adds a hyphen, (position, False)
    after a hyphen the word already has ("Friedrich-|Schiller"). A word whose hyphen joins two parts
    breaks there only, as Duden prefers ("Müller-|Lüdenscheidt", never "Müller-Lüden-|scheidt"), except
    inside a part of LONG_PART letters or more, a word of its own ("Systemnutzungs-|entgelte-Verordnung").
    Numbers, URLs and e-mail addresses are never broken
    here (an overlong one is split by the fallback); parts of 5 letters or fewer are never hyphenated,
    and each side of a break keeps at least 2 characters. A web address that
    carries zero-width break opportunities (U+200B, set by `report.markup` after / . - ?) may end a
    line after each of them, without a hyphen; a closed em dash between words, after it, without one."""
    if BREAK in text:
        return tuple((i + 1, False) for i, ch in enumerate(text) if ch == BREAK and 0 < i < len(text) - 1)
    if any(m in text for m in _URL_MARKS):
        return ()
    if "—" in text.strip("—"):  # words joined by a closed em dash (American: people—nurses): a line may end
        out, start = [], 0  # after the dash (never before it), and each word breaks as a word of its own
        for part in text.split("—"):
            out += [(start + p, hy) for p, hy in word_breaks(part, hyphenate)]
            start += len(part) + 1
            if start < len(text) and start >= 2:
                out.append((start, False))
        return tuple(out)
    out: list[tuple[int, bool]] = []
    seg_start = 0
    joined = any(ch in _HYPHENS and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
                 for i, ch in enumerate(text))  # "Müller-Lüdenscheidt": broken at its hyphen only (Duden)
    for i, ch in enumerate(text + " "):
        if ch not in _HYPHENS and i < len(text):
            continue
        # … but a part as long as a word of its own is hyphenated as one: "Systemnutzungs-|entgelte-Verordnung"
        # (a name's parts are shorter): 22 letters that cannot break make a narrow column's line loose
        if not joined or sum(c.isalpha() for c in text[seg_start:i]) >= LONG_PART:
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
    elision = _ELISIONS.get(getattr(hyphenate, "language", "")[:2]) if not core.isalpha() else None
    if elision is not None and (elided := elision.match(core)):
        a, core = a + elided.end(), core[elided.end():]
    elif "\u00a0" in core and (leaning := _SHORT_WORDS.match(core)):  # Polish "w\u00a0porównaniu": the word
        a, core = a + leaning.end(), core[leaning.end():]  # after a bound one-letter word breaks as a word
    if core in MONTHS:
        return []  # „31. Dezem-ber“: a date reads whole (permitted, but a typesetter would not)
    if len(core) < MIN_WORD or not core.isalpha():
        return []
    return sorted((a + len(head), True) for head, _tail in hyphenate(core))
