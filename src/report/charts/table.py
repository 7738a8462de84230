"""A chart's numbers as a table, for readers who cannot see the drawing.

When the author's alt text already says every number, the Figure's alt is enough. When it does not,
the screen edition carries this table in the structure tree beside the Figure, so that a screen
reader can read the data row by row. No matplotlib here: the layout imports it."""

from __future__ import annotations

import re
from typing import Any

from ..locale import Locale
from .numbers import number_text, value_of, value_text, with_unit


def data_rows(chart: Any, locale: Locale) -> list[list[str]] | None:
    """Header row (the chart's title over the categories, then the series) and one row per category:
    [category, value per series …]; None for charts without numbers (destinations)."""
    unit = getattr(chart, "unit", None)
    decimals = getattr(chart, "decimals", None)
    if hasattr(chart, "series") and hasattr(chart, "categories"):
        header = [chart.title] + [s.name or locale.label("value") for s in chart.series]
        rows = [header]
        for i, cat in enumerate(chart.categories):
            row = [cat]
            for s in chart.series:
                d = getattr(s, "decimals", None)
                quals = getattr(s, "qualifiers", None) or []
                if s.values[i] is None:  # a line's gap: no value that year (said in words: the table is read, not seen)
                    row.append(locale.labels.get("no_value_spoken") or locale.label("no_value"))
                    continue
                text = with_unit(value_text(s.values[i], locale, decimals if d is None else d),
                                 getattr(s, "unit", None) or unit, locale)
                q = quals[i] if i < len(quals) else None
                row.append(f"{q} {text}" if q else text)
            rows.append(row)
        return rows
    if hasattr(chart, "values") and hasattr(chart, "categories"):
        rows = [[chart.title, locale.label("share")]]
        for cat, v in zip(chart.categories, chart.values, strict=True):
            rows.append([cat, with_unit(value_text(v, locale, decimals), unit, locale)])
        return rows
    return None


def _spellings(v: Any, locale: Locale) -> set[str]:
    """Ways an author may have written a number in the alt text: as printed, without thousands
    separators, with a hyphen for the minus, with either decimal mark."""
    printed = value_text(v, locale)
    plain = number_text(value_of(v), locale).replace(locale.thousands, "")
    out = {printed, plain}
    out |= {s.replace("\u2212", "-") for s in out}
    return {s for s in out if s}


def alt_has_data(chart: Any, locale: Locale) -> bool:
    """Whether every value of the chart appears in its alt text (as a whole number, not inside another)."""
    alt = chart.alt
    values = [v for s in chart.series for v in s.values] if hasattr(chart, "series") else list(
        getattr(chart, "values", []))
    for v in (v for v in values if v is not None):  # (a line's gap has no number to say)
        if not any(re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d]|[.,]\d)", alt) for s in _spellings(v, locale)):
            return False
    return True
