"""The shipped, pre-parsed hyphenation dictionaries equal pyphen's own parse; the cache holds data only."""

from __future__ import annotations

import pyphen
import pytest

from report.cache import Cache
from report.layout import hyphenate
from report.locale import get_locale


@pytest.mark.parametrize("language", ["de-DE", "en-GB"])
def test_shipped_dictionary_equals_pyphen(language):
    lang = get_locale(language).hyphenation
    source = hyphenate.source_file(lang)
    shipped = hyphenate.shipped_file(source)
    assert shipped.is_file(), f"run report.layout.hyphenate.write_patterns({lang!r}) to regenerate"
    ours = hyphenate.decode(shipped.read_bytes())  # check=True: every value is well formed
    theirs = pyphen.HyphDict(source)
    assert len(ours.patterns) == len(theirs.patterns) and ours.maxlen == theirs.maxlen
    assert all(ours.patterns.get(p) == v for p, v in theirs.patterns.items())
    for word in ["Außenwirtschaftstag", "Fortschreibung", "Mitgliedsunternehmen", "internationalisation"]:
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
