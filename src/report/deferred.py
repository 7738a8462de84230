"""Regular expressions that libraries compile when they are imported and a build rarely or never
uses: compiled on first use instead.

reportlab's paragraph module compiles a case-insensitive URL pattern with the class `\\xa1-\\uffff`
at import; case-folding that range takes ~55 ms of every fresh process. reportlab's hyphenation
asks it about every word it tries to hyphenate (table cells, captions), but a match needs "://",
so the stand-in answers None for a word without it and compiles only for a word with it.
PyYAML's Python reader searches every file it reads for a character outside its printable set,
a negated class over all of Unicode (~10 ms to compile): a class of the characters outside that
set says the same (checked over every code point), compiles in ~1 ms, and answers when there is
none, the only case a build meets (a file that has one is refused, by the real pattern's match).
pikepdf's metadata module compiles the characters XML 1.0 refuses the same way (~5 ms) and removes
them from every field a build writes: a text without one is returned as it is.
`re.compile` answers from `re._cache` when the same pattern and flags were compiled before: a
stand-in put there first is what the import gets. It compiles with `re._compiler` directly, past
both of `re`'s caches.

Where `re` has no such cache (another Python), or a library's pattern changed, nothing is deferred
and the import compiles as it always did: the only effect of this module is time.
"""

from __future__ import annotations

import re
from typing import Any

# (pattern, flags as an int) exactly as the library compiles them; then when a string cannot match:
# a text every match contains, or (for a pattern that is one character class) a small class of the
# same characters, which finds nothing where the pattern finds nothing
PATTERNS = (
    # reportlab.platypus.paragraph.uri_pat (derived from Django's URL validator), re.I
    ("(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)(?:\\.(?:25[0-5]|"
     "2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}"
     "[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|"
     "xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z", re.I.value, "://", ""),
    # reportlab.lib.textsplit.rx (CJK wrapping), re.UNICODE
    ("([\u2e80-\uffff])", re.UNICODE.value, "", ""),
    # yaml.reader.Reader.NON_PRINTABLE (PyYAML's Python reader; libyaml's loader does without it)
    ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0,
     "", "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"),
    # pikepdf.models.metadata._constants.re_xml_illegal_chars (what XML 1.0 refuses), written as a raw
    # string; pikepdf's clean() removes them (`sub`) from every metadata field a build sets (~5 ms to compile)
    (r"(?u)[^\x09\x0A\x0D\x20-\U0000D7FF\U0000E000-\U0000FFFD\U00010000-\U0010FFFF]", 0,
     "", "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"),
)


class OnFirstUse:
    """Stands in for a compiled pattern: compiles it when any of its attributes is first read, except
    for `match`, `search`, `fullmatch` and `sub` of a whole string that cannot match (PATTERNS)."""

    __slots__ = ("_source", "_flags", "_needs", "_same", "_compiled")  # private: `.pattern`, `.flags` are the pattern's

    def __init__(self, source: str, flags: int, needs: str = "", same: str = ""):
        self._source, self._flags, self._needs, self._same = source, flags, needs, same
        self._compiled: re.Pattern | None = None

    def _pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re._compiler.compile(self._source, self._flags)  # type: ignore[attr-defined]
        return self._compiled

    def _cannot_match(self, string: Any, args: tuple, kwargs: dict) -> bool:
        if args or kwargs or not isinstance(string, str):
            return False
        if self._needs:
            return self._needs not in string
        if self._same:
            return re.search(self._same, string) is None  # a small class: compiled at once, then cached by re
        return False

    def match(self, string: Any, *args: Any, **kwargs: Any) -> re.Match | None:
        return None if self._cannot_match(string, args, kwargs) else self._pattern().match(string, *args, **kwargs)

    def search(self, string: Any, *args: Any, **kwargs: Any) -> re.Match | None:
        return None if self._cannot_match(string, args, kwargs) else self._pattern().search(string, *args, **kwargs)

    def fullmatch(self, string: Any, *args: Any, **kwargs: Any) -> re.Match | None:
        return None if self._cannot_match(string, args, kwargs) else \
            self._pattern().fullmatch(string, *args, **kwargs)

    def sub(self, repl: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        return string if self._cannot_match(string, args, kwargs) else \
            self._pattern().sub(repl, string, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern(), name)


def defer_library_patterns() -> None:
    """Put the stand-ins where `re.compile` looks first (before the libraries are imported)."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or not callable(getattr(getattr(re, "_compiler", None), "compile", None)):
        return
    for pattern, flags, needs, same in PATTERNS:
        cache.setdefault((str, pattern, flags), OnFirstUse(pattern, flags, needs, same))
