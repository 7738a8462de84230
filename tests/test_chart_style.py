"""The shared chart rules as pure functions: 1-2-5 value axes and labels moved apart."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from report.charts.numbers import number_text
from report.charts.style import nice_range, spread
from report.locale import get_locale

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite, finite, st.integers(min_value=3, max_value=8))
def test_ticks_step_1_2_5_and_cover_the_data(a, b, max_ticks):
    lo, hi = min(a, b), max(a, b)
    ticks, step = nice_range(lo, hi, max_ticks)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 5))
    slack = 1e-6 * (ticks[-1] - ticks[0])  # below a millionth of the axis: invisible, rounding only
    assert ticks[0] <= min(lo, 0) + slack and ticks[-1] >= max(hi, 0) - slack
    assert len(ticks) - 1 <= max_ticks + 1
    assert 0 in ticks  # zero is always a tick: the zero line has its label


def test_tick_labels_in_the_document_notation():
    de, en = get_locale("de-DE"), get_locale("en-GB")
    ticks, step = nice_range(-2.35, 5.6, 5)
    assert ticks == [-4, -2, 0, 2, 4, 6] and step == 2
    assert [number_text(t, de, 0) for t in ticks[:2]] == ["\u22124", "\u22122"]
    assert number_text(12500, de) == "12.500" and number_text(12500.5, en) == "12,500.5"
    assert nice_range(0, 0.37, 4) == ([0, 0.1, 0.2, 0.3, 0.4], 0.1)


@given(st.lists(st.floats(min_value=0, max_value=300), min_size=1, max_size=8), st.floats(min_value=5, max_value=20))
def test_spread_labels_keep_their_distance_inside_the_room(wanted, gap):
    room = gap * 10
    placed = spread(wanted, gap, 0, room)
    ordered = sorted(placed)
    assert all(b - a >= gap - 1e-6 for a, b in zip(ordered, ordered[1:], strict=False))
    assert all(-1e-6 <= p <= room + 1e-6 for p in placed)
    # order is kept: a label never jumps over its neighbour
    by_wish = [p for _, p in sorted(zip(wanted, placed, strict=True), key=lambda t: t[0])]
    assert by_wish == sorted(by_wish) or len(set(wanted)) < len(wanted)


def test_spread_moves_only_what_collides():
    assert spread([10, 50, 52], 6, 0, 100) == [10, 48, 54]
