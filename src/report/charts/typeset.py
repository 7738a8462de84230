"""The words an author writes into a chart, set as the running text sets them.

Category and series names, units, qualifiers and places are drawn by matplotlib, not laid out: they
get the language's quotation marks, apostrophes and dashes here (`Locale.one_line`: a label never
breaks, so without no-break spaces), before the chart's cache key is made, so a drawing cached with
straight quotes is not reused. The references to them (a line chart's `highlight`, its
`highlight_series`) are set alike and still name what they named."""

from __future__ import annotations

import copy
from dataclasses import fields, is_dataclass
from typing import Any

from ..locale import Locale

# the fields that hold label text (or name a label), in every chart kind and its parts
LABELS = frozenset({"name", "unit", "categories", "qualifiers", "places", "origin", "highlight", "highlight_series"})


def typeset(chart: Any, locale: Locale) -> Any:
    """`chart` (or one of its parts) with its label texts set typographically; the same object when
    nothing changes."""
    changes = {}
    for f in fields(chart):
        value = getattr(chart, f.name)
        if f.name in LABELS:
            new = _set(value, locale)
        elif isinstance(value, list) and value and is_dataclass(value[0]):
            new = [typeset(part, locale) if is_dataclass(part) else part for part in value]  # (None: a line's gap)
            new = value if all(a is b for a, b in zip(new, value, strict=True)) else new
        else:
            continue
        if new is not value:
            changes[f.name] = new
    if not changes:
        return chart
    chart = copy.copy(chart)  # (a copy keeps what the reader noted beside the fields: positions)
    for name, value in changes.items():
        setattr(chart, name, value)
    return chart


def _set(value: Any, locale: Locale) -> Any:
    if isinstance(value, str):
        new = locale.one_line(value)
        return value if new == value else new
    if isinstance(value, list) and any(isinstance(v, str) for v in value):
        new = [locale.one_line(v) if isinstance(v, str) else v for v in value]
        return value if new == value else new
    return value
