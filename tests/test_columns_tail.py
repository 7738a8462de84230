"""Two columns after a spanning chart, and at a column's top (layout.columns, layout.flow.HeadWith),
built from a US report's interview section: its last two lines stood alone on a page of their own,
94 % empty, with 20 mm free under the chart before; the question that opened its right column stood
0.75 of a line lower than the left column's first line."""

from __future__ import annotations

import pdfplumber
import pytest
import yaml

from report.build import build

from .test_text_blocks import REPORT, make_project

TAIL = ("Our partnership with the Marion Area Counseling Center, the Union County Health Department, and "
        "Delaware-Morrow Mental Health & Recovery Services Board funded 3 new peer-recovery coaches.")
BLOCKS = [
    {"paragraph": "One in five adults in our service area lives with a mental illness, and Marion County's overdose "
                  "death rate remains above the Ohio average. In FY2026 we opened the 16-bed Crisis Stabilization "
                  "Unit, embedded behavioral health specialists in all 11 primary care practices, and trained 640 "
                  "community members in Mental Health First Aid."},
    {"paragraph": "Wait times for a first outpatient appointment fell from 38 days to 12. The crisis line answered "
                  "9,410 calls, 97% within 30 seconds."},
    {"question": "Dr. Patel, what changed most this year?"},
    {"paragraph": '"The biggest change is that people come to us earlier. When a therapist sits down the hall from '
                  'your family doctor, a conversation that used to take months happens the same afternoon."'},
    {"question": "What still keeps you up at night?"},
    {"paragraph": '"Adolescents. Emergency visits for self-harm among 12- to 17-year-olds rose again, and we simply '
                  "don't have enough child psychiatrists in central Ohio. That's why the fellowship matters so "
                  'much."'},
    {"question": "What's next?"},
    {"paragraph": '"School-based counseling in all four Marion City middle schools by fall 2026, and a peer-support '
                  'line staffed by people in recovery."'},
    {"quote": {"text": "When a therapist sits down the hall from your family doctor, help happens the same afternoon.",
               "attribution": "Priya Patel, MD, Chief of Behavioral Health"}},
    {"chart": "calls"},
    {"paragraph": TAIL},
]
CHART = {"kind": "line", "title": "Crisis Line Calls, FY22–FY26", "caption": "Calls more than doubled.",
         "source": "Source: Riverbend Health", "alt": "Crisis line calls, FY22 to FY26.", "height": 55, "area": True,
         "categories": ["FY22", "FY23", "FY24", "FY25", "FY26"], "series": [{"values": [4120, 6050, 7480, 8730, 9410]}]}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[list[dict]]:
    """The words of each page of the screen edition (US Letter, en-US)."""
    root = tmp_path_factory.mktemp("tail")
    report = {**REPORT, "language": "en-US"}
    content = make_project(root, report, {"interview": {"kind": "text", "title": "Mental Health Is Health",
                                                        "page": "new", "columns": 2, "blocks": BLOCKS}})
    (content / "theme.yaml").write_text("page: {size: Letter}\n", encoding="utf-8")
    (content / "charts").mkdir()
    (content / "charts" / "calls.yaml").write_text(yaml.safe_dump(CHART, allow_unicode=True), encoding="utf-8")
    result = build(content, root / "out", ["screen"])
    with pdfplumber.open(result.outputs[0].path) as pdf:
        return [p.extract_words(extra_attrs=["size"]) for p in pdf.pages]


def _page(pages: list[list[dict]], word: str) -> int:
    return next(n for n, words in enumerate(pages) if any(w["text"] == word for w in words))


def test_a_short_tail_after_a_spanning_chart_stands_under_it(pages):
    """It needed reportlab's inch to start (72 pt), not its own two lines."""
    chart = _page(pages, "FY26")
    assert _page(pages, "partnership") == _page(pages, "coaches.") == chart


def test_a_question_at_a_columns_top_stands_on_its_first_line_and_its_answer_on_the_grid(pages):
    page = pages[_page(pages, "night?")]
    chart = next(w["top"] for w in page if w["text"] == "Crisis")  # the columns before the chart
    words = [w for w in page if abs(w["size"] - 10) < 0.2 and w["bottom"] < chart]
    middle = max(w["x1"] for w in words) / 2 + min(w["x0"] for w in words) / 2
    left = sorted({round(w["bottom"], 2) for w in words if w["x1"] < middle})
    right = sorted({round(w["bottom"], 2) for w in words if w["x0"] > middle})
    top = next(w for w in words if w["text"] == "What" and w["x0"] > middle)  # the question opens the right column
    assert round(top["bottom"], 2) == right[0]
    assert right[0] == pytest.approx(left[0], abs=0.05)  # before: 0.75 of a line lower
    leading = 14.5  # the theme's
    assert {round((y - left[0]) / leading % 1, 2) % 1 for y in left + right} == {0.0}  # every line on the grid
