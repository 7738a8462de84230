"""Property: whatever content arrives, a build either succeeds or raises ReportError — never another
exception (and, since pytest turns warnings into errors, never a warning either).

Hypothesis mutates a small but complete document (report, a text section with a quote and a chart,
a two-column section with a quote and a footnote, a key-figures section, a bar and a destinations
chart, a theme override): deleting keys, replacing values with other types and with unicode text,
adding keys, and editing the YAML text itself. Only the screen edition is built, to keep each
example fast. (Where pages break is checked in test_text_blocks: no heading ends a page or a column,
footnotes never start a page.)

    REPORT_HYPOTHESIS_EXAMPLES=500 python -m pytest tests/test_property.py    # a longer hunt
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.build import build
from report.errors import ReportError

from .conftest import ASSETS

EXAMPLES = int(os.environ.get("REPORT_HYPOTHESIS_EXAMPLES", "50"))

BASE: dict[str, Any] = {
    "report.yaml": {
        "name": "probe", "title": "Ein gutes Jahr", "subtitle": "Rückblick", "organisation": "Thüringen International",
        "year": 2017, "language": "de-DE", "author": "TI", "subject": "Jahresrückblick", "keywords": ["Export"],
        "lead": "Ein **kurzer** Vorspann mit *Betonung* und [Link](https://example.org).",
        "cover": {"image": "images/cover-artwork.jpg", "credit": "Bildquelle: beermedia", "alt": "Grafik"},
        "sections": ["sections/a.yaml", "sections/b.yaml", "sections/c.yaml"],
        "contact": {"heading": "Kontakt", "publisher": "TI", "lines": ["Erfurt"], "email": "info@example.org",
                    "web": "https://example.org"},
    },
    "sections/a.yaml": {
        "kind": "text", "kicker": "Bilanz", "title": "Zahlen",
        "blocks": [{"paragraph": "Mehr als 1.000 Thüringer & 5 Reisen < 6 Messen."},
                   {"quote": {"text": "Ein erfolgreiches Jahr", "attribution": "TI"}},
                   {"chart": "aktiv"}],
    },
    "sections/c.yaml": {
        "kind": "text", "title": "Spalten", "columns": 2,
        "blocks": [{"paragraph": "Zwei Spalten mit einer Fußnote.[^1] " * 12},
                   {"quote": {"text": "Ein Zitat in der Spalte", "attribution": "TI"}},
                   {"paragraph": "Der letzte Absatz der Spalten. " * 6}],
        "footnotes": ["Eine Fußnote unter den Spalten."],
    },
    "sections/b.yaml": {
        "kind": "key_figures", "title": "Das Jahr in Zahlen",
        "figures": [{"value": 1000, "qualifier": "mehr als", "label": "erreicht", "detail": "Interessierte"},
                    {"value": 5, "label": "Reisen"}],
    },
    "charts/aktiv.yaml": {
        "kind": "bar", "title": "Aktivitäten", "caption": "Das Jahr.", "source": "Quelle: TI", "alt": "Balken",
        "height": 50, "categories": ["Reisen", "Messen"],
        "series": [{"name": "2017", "values": [5, 6], "qualifiers": [None, "rund"]}],
    },
    "theme.yaml": {
        "sizes": {"body": 10, "h2": 14}, "page": {"tile_gap": 4, "margin_inner": 24},
        "charts": {"palette": ["primary", "accent"]},
        "colours": {"accent": {"cmyk": [0, 60, 100, 0], "rgb": "#e07a1f"}},
    },
    "charts/ziele.yaml": {
        "kind": "destinations", "title": "Ziele", "caption": "Wohin.", "source": "Quelle: TI", "alt": "Ziele",
        "height": 40, "origin": "Thüringen", "groups": [{"name": "Reisen", "places": ["Japan", "USA"]}],
    },
}

# mostly text the fonts can print, sometimes anything at all
latin = st.characters(min_codepoint=0x20, max_codepoint=0x17F)
texts = st.one_of(st.text(latin, max_size=40), st.text(max_size=12),
                  st.sampled_from(["<b>", "**", "*", "&amp;", "[x](y)", "[x](https://a.b)", "\\", "'", '"', "1.000",
                                   "zwanzig", "images/x.png", "../../etc/passwd", "a" * 300]))
scalars = st.one_of(texts, st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                    st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(texts, inner, max_size=3)), max_leaves=8)


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path in a document."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, prefix + (i,))
    return out


def _get(doc: Any, path: tuple) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _like(current: Any) -> st.SearchStrategy:
    if isinstance(current, bool):
        return st.booleans()
    if isinstance(current, (int, float)):
        return st.one_of(st.integers(0, 10**9), st.floats(0, 1e9), st.integers(-5, 5))
    if isinstance(current, str):
        return texts
    if isinstance(current, list):
        return st.lists(texts if current and isinstance(current[0], str) else scalars, max_size=5)
    return values


def apply(doc: Any, path: tuple, op: str, value: Any) -> Any:
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "set":
        parent[last] = value
    elif op == "add" and isinstance(parent[last], dict):
        parent[last][str(value)[:20] or "x"] = value
    elif op == "add" and isinstance(parent[last], list):
        parent[last].append(value)
    return doc


@st.composite
def documents(draw) -> dict[str, str]:
    """The base document with one to three mutations, as YAML text per file."""
    files = {name: yaml.safe_load(yaml.safe_dump(doc)) for name, doc in BASE.items()}  # deep copy
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(files)))
        candidates = paths(files[name])
        if not candidates:
            continue
        path = draw(st.sampled_from(candidates))
        op = draw(st.sampled_from(["delete", "set", "add", "same", "same", "same"]))
        if op == "same":  # a value of the same type: stays valid more often and reaches the layout
            op, value = "set", draw(_like(_get(files[name], path)))
        else:
            value = draw(values)
        apply(files[name], path, op, value)
    out = {name: yaml.safe_dump(doc, allow_unicode=True, sort_keys=False) for name, doc in files.items()}
    if draw(st.integers(0, 7)) == 0:  # sometimes break the text itself
        name = draw(st.sampled_from(sorted(out)))
        text = out[name]
        at = draw(st.integers(0, len(text)))
        out[name] = text[:at] + draw(st.sampled_from(["\t", ":", "- ", "[", "'", "&a ", "*a", "!!python/none ",
                                                      "\x00", "\x07", "\n  ", "#", "{", "? "])) + text[at:]
    return out


@settings(max_examples=EXAMPLES, deadline=None, derandomize="CI" in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_any_content_builds_or_fails_with_a_content_error(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in files.items():
            path = root / "content" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        (root / "assets").symlink_to(ASSETS, target_is_directory=True)
        try:
            result = build(root / "content", root / "out", ["screen"])
        except ReportError as exc:
            assert exc.diagnostics and all(d.message and d.pos for d in exc.diagnostics)
            assert not (root / "out").exists() or not any((root / "out").iterdir())
        else:
            assert result.outputs[0].path.stat().st_size > 1000


@pytest.mark.parametrize("name", sorted(BASE))
def test_the_base_document_builds(name, tmp_path):
    """The unmutated base must build, or the property above only ever tests error paths."""
    for fname, doc in BASE.items():
        path = tmp_path / "content" / fname
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (tmp_path / "assets").symlink_to(ASSETS, target_is_directory=True)
    if name == "report.yaml":  # one build is enough; the parameter only names what the base holds
        assert build(tmp_path / "content", tmp_path / "out", ["screen"]).outputs[0].pages >= 4
