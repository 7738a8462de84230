"""The shipped, pre-parsed hyphenation dictionaries equal pyphen's own parse; the cache holds data only."""

from __future__ import annotations

import pyphen
import pytest

from report.cache import Cache
from report.layout import hyphenate
from report.locale import LANGUAGES, get_locale


@pytest.mark.parametrize("language", [*sorted(LANGUAGES), "pt-BR"])  # each locale's dictionary (de: de_DE, en: en_GB …)
def test_shipped_dictionary_equals_pyphen(language):
    lang = get_locale(language).hyphenation
    source = hyphenate.source_file(lang)
    shipped = hyphenate.shipped_file(source)
    assert shipped.is_file(), f"run report.layout.hyphenate.write_patterns({lang!r}) to regenerate"
    ours = hyphenate.decode(shipped.read_bytes())  # check=True: every value is well formed
    theirs = pyphen.HyphDict(source)
    assert len(ours.patterns) == len(theirs.patterns) and ours.maxlen == theirs.maxlen
    assert all(ours.patterns.get(p) == v for p, v in theirs.patterns.items())
    for word in ["Außenwirtschaftstag", "Fortschreibung", "Mitgliedsunternehmen", "internationalisation",
                 "approvisionnement", "samenwerkingsverband", "internazionalizzazione", "responsabilidad",
                 "hållbarhetsredovisning", "odpowiedzialności", "handelsaftaler", "internacionalização"]:
        assert ours.positions(word) == theirs.positions(word)


def test_other_dictionaries_are_cached_as_data_and_a_bad_payload_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = hyphenate.source_file("de_CH")  # not shipped
    assert not hyphenate.shipped_file(source).exists()
    first = hyphenate._load(source)
    entries = [p for p in (tmp_path / "report" / "hyphenation").rglob("*") if p.is_file()]
    assert len(entries) == 1
    payload = Cache(tmp_path / "report").get("hyphenation", entries[0].name)
    assert payload is not None and b"pickle" not in payload
    assert hyphenate.decode(payload).patterns.keys() == first.patterns.keys()
    # a payload with a valid checksum that is not our format (e.g. a planted pickle) is a miss
    Cache(tmp_path / "report").put("hyphenation", entries[0].name, b"\x80\x04cos\nsystem\n.")
    again = hyphenate._load(source)
    assert again.patterns.keys() == first.patterns.keys()
    assert hyphenate.decode(Cache(tmp_path / "report").get("hyphenation", entries[0].name))


def test_shipped_patterns_keep_resolving_compound_joints():
    """The shipped data gives the same joints as pyphen's file: one break of each adjacent pair
    survives, the one the syllable calls for ("Fort-schrei-bung", never "Forts-chreibung")."""
    assert hyphenate.break_points("Fortschreibung", "de_DE") == [4, 10]


WORDS = ["Außenwirtschaftstag", "Fortschreibung", "Mitgliedsunternehmen", "Erdfernerkundung"]


@pytest.fixture(autouse=True)
def _own_words():
    """Each test starts and leaves the process's recalled words as it found them."""
    saved = hyphenate._store, dict(hyphenate._known), dict(hyphenate._asked)
    yield
    hyphenate._store = saved[0]
    hyphenate._known.clear()
    hyphenate._known.update(saved[1])
    hyphenate._asked.clear()
    hyphenate._asked.update(saved[2])


def _fresh_process(cache: Cache) -> None:
    """What a new process has: no words in memory, the cache recalled."""
    hyphenate._known.clear()
    hyphenate.recall(cache)


def test_words_asked_before_are_answered_from_the_cache_without_the_dictionary(tmp_path, monkeypatch):
    cache = Cache(tmp_path)
    _fresh_process(cache)
    expected = {w: hyphenate.break_points(w, "de_DE") for w in WORDS}
    hyphenate.keep()
    assert [p for p in (tmp_path / "hyphenation-words").rglob("*") if p.is_file()]

    _fresh_process(cache)

    def no_dictionary(lang):
        raise AssertionError(f"the {lang} dictionary was decoded")
    monkeypatch.setattr(hyphenate, "_dictionary", no_dictionary)
    assert {w: hyphenate.break_points(w, "de_DE") for w in WORDS} == expected
    with pytest.raises(AssertionError, match="decoded"):  # a word no build asked about: the dictionary
        hyphenate.break_points("Donaudampfschifffahrt", "de_DE")
    # another dictionary file (a new pyphen) or another version of this code: other words
    monkeypatch.setattr(hyphenate, "_source_digest", lambda source: "another dictionary")
    _fresh_process(cache)
    with pytest.raises(AssertionError, match="decoded"):
        hyphenate.break_points("Fortschreibung", "de_DE")


def test_a_bad_words_entry_is_a_miss_and_a_disabled_cache_keeps_nothing(tmp_path):
    import json
    import zlib
    cache = Cache(tmp_path)
    _fresh_process(cache)
    truth = hyphenate._break_points("Fortschreibung", "de_DE")
    for payload in (b"\x80\x04cos\nsystem\n.", zlib.compress(b"[1, 2]"),
                    zlib.compress(json.dumps({"Fortschreibung": [0, 99, "4"]}).encode())):
        cache.put("hyphenation-words", hyphenate._words_key("de_DE"), payload)
        _fresh_process(cache)
        assert hyphenate.break_points("Fortschreibung", "de_DE") == truth
    off = Cache(tmp_path / "off", enabled=False)
    _fresh_process(off)
    hyphenate.break_points("Fortschreibung", "de_DE")
    hyphenate.keep()
    assert not (tmp_path / "off").exists()
