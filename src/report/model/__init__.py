"""The document as typed data, read from YAML with every problem collected.

One module per part: `document` (report.yaml and the loaded Document), `blocks` (blocks of a
text section), `sections` (section kinds), `charts` (chart kinds), `numbers` (numbers exactly as
written), `tabular` (CSV data files), `reader` (the generic YAML → dataclass reader).

Adding a content kind: a dataclass in its module, one line in BLOCK_KINDS / SECTION_KINDS /
CHART_KINDS, a layout (or chart) module with its registry line, a test.
"""

from .blocks import (
    BLOCK_KINDS,
    BOX_KINDS,
    Box,
    Break,
    ChartRef,
    Figure,
    Grid,
    GridItem,
    Heading,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Question,
    Quote,
    Signatory,
    Signatures,
    Timeline,
    TimelineEntry,
)
from .charts import (
    AXIS_MM,
    CHART_KINDS,
    DESTINATION_ROW_MM,
    MAX_CHART_MM,
    MAX_CHART_VALUE,
    VERTICAL_LABELS_MM,
    BarChart,
    ChartBase,
    DestinationGroup,
    DestinationsChart,
    DonutChart,
    LineChart,
    PieChart,
    Series,
    SeriesChart,
    meant_chart_kind,
)
from .document import Contact, Cover, Document, Newsletter, Numbers, Report, check_email, check_web
from .numbers import Number, NumberError, format_decimal, parse_number
from .reader import INVALID, AssetPath, Markup, Node, ReadContext, Reader, read_or_raise, spec
from .sections import (
    MAX_FIGURE_VALUE,
    SECTION_KINDS,
    ForewordSection,
    KeyFigure,
    KeyFiguresSection,
    TextSection,
    teaser_marks,
)
from .tables import Table, TableColumn, TableNote

__all__ = [
    "AXIS_MM", "BLOCK_KINDS", "CHART_KINDS", "DESTINATION_ROW_MM", "INVALID", "MAX_CHART_MM", "MAX_CHART_VALUE",
    "MAX_FIGURE_VALUE", "SECTION_KINDS", "VERTICAL_LABELS_MM", "AssetPath", "BarChart", "ChartBase", "ChartRef",
    "Contact", "Cover", "DestinationGroup", "DestinationsChart", "Document", "DonutChart", "Figure", "KeyFigure",
    "Grid", "GridItem",
    "KeyFiguresSection", "LineChart", "Markup", "Newsletter", "Node", "Number", "NumberError", "Numbers",
    "Paragraph",
    "PieChart", "Quote", "ReadContext", "Reader", "Report", "Series", "SeriesChart", "Table", "TableColumn",
    "TableNote", "TextSection", "check_email", "check_web", "format_decimal", "parse_number", "read_or_raise", "spec",
    "meant_chart_kind", "teaser_marks",
    "BOX_KINDS", "Box", "ForewordSection", "Heading", "ListBlock", "ListItem", "Note", "Question", "Break",
    "Signatory", "Signatures", "Timeline", "TimelineEntry",
]
