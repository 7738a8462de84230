"""Chart kinds (one file each under charts/). CHART_KINDS is the registry."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal

from ..errors import Diagnostic, Diagnostics, Pos, ReportError
from ..labels import LINE_MM, counting, label_wrap, text_mm, wrap_label
from .numbers import Number, NumberError, comma_splits, format_decimal, parse_number, warn_rounded
from .reader import Markup, Node, ReadContext, spec
from .tabular import CsvData, read_csv, report_once, resolve_data

# --- charts ------------------------------------------------------------------

MAX_CHART_VALUE = 10 ** 12  # one trillion: any budget in euros, and still a number one can print
MAX_CHART_MM = 200
AXIS_MM = 15  # the value axis and its labels under horizontal bars
VERTICAL_LABELS_MM = 150  # width the labels of vertical bars share
DESTINATION_ROW_MM = 4  # one destination (or group heading) in the destinations chart
MAX_CATEGORIES = 24
MAX_SERIES = 6
MAX_SHARES = 8  # more shares cannot be told apart (colours, labels)
MAX_DECIMALS = 6


def _split_by_comma(series: Node, ctx: ReadContext) -> str | None:
    """'41,0' or '1,250' written in brackets, which YAML reads as two values: told by where they
    stand (a digit, the comma, a digit, no space between), as lists are (blocks.check_split_numbers)."""
    texts = [v.source for v in getattr(series, "values", [])]
    split = comma_splits(texts, [ctx.item_pos(series, "values", k) for k in range(len(texts))])
    return f"{texts[split[0] - 1]},{texts[split[0]]}" if split else None


def _count_hint(values: list[Number], categories: list[str]) -> str:
    """Where a series' values and the categories part: the values left over after the last category
    (330 after '2025'), or the category from which on none has a value (a value in between may be the
    one missing: the values stand in the categories' order)."""
    n = len(categories)
    if len(values) > n:
        extra = [v.source if v is not None else "null" for v in values[n:]]
        shown = ", ".join(extra[:3]) + (", …" if len(extra) > 3 else "")
        return f": {shown} after the last category ('{categories[-1]}') {'has' if len(extra) == 1 else 'have'} none"
    if not values:
        return ""
    return (f": the {len(values)} values reach to '{categories[len(values) - 1]}'; from '{categories[len(values)]}'"
            " on there is none (or one in between is missing)")


def _meant_category(word: str, categories: list[str]) -> str | None:
    """The category a highlight most likely names: the one it spells out or shortens („Dezember“ for
    „Dez“, „2022“ for „FY2022“), else a near spelling."""
    w = word.strip().casefold()
    found = [c for c in categories if c.strip() and (w.startswith(c.strip().casefold())
                                                     or c.strip().casefold().startswith(w)
                                                     or c.strip().casefold().endswith(w) and len(w) >= 2)]
    if len(found) == 1:
        return found[0]
    from .reader import closest
    close = closest(word, categories)
    return close[0] if close else None


def check_range(obj: Node, values: list[Number], diag: Diagnostics, ctx: ReadContext, what: str) -> None:
    """Every value within ±one trillion, the range named in words ('1e+12' means nothing to most authors)."""
    for i, v in enumerate(values):
        if v is not None and abs(v.value) > MAX_CHART_VALUE:  # (None: a line's gap)
            diag.error(ctx.item_pos(obj, "values", i), f"value {v} is too large for {what}",
                       "charts show values between minus one trillion and one trillion; write the number in "
                       "a larger unit, e.g. 2.5 with unit: Mrd. €")


def check_decimals(obj: Node, diag: Diagnostics, ctx: ReadContext) -> None:
    decimals = getattr(obj, "decimals", None)
    if decimals is not None and not 0 <= decimals <= MAX_DECIMALS:
        diag.error(ctx.value_pos(obj, "decimals"), f"decimals: {decimals} is out of range",
                   f"use 0 to {MAX_DECIMALS} decimal places, or leave it out to print values as written")


def check_rounding(obj: Node, values: list[Number], decimals: int | None, diag: Diagnostics, ctx: ReadContext,
                   what: str) -> None:
    """Labels printed with `decimals` that round digits away warn, once per series, at the first."""
    warn_rounded(diag, [(ctx.item_pos(obj, "values", i), what, v) for i, v in enumerate(values) if v is not None],
                 decimals, ctx.numbers, "series")


def _remember(ctx: ReadContext, obj: Node, pos: Pos, values: dict[str, Pos], items: dict[str, list[Pos]]) -> None:
    """Positions of an object made from a CSV file, so that its errors point at the cells."""
    obj.pos = pos
    ctx.positions[id(obj)] = (values, items)


def _cell_positions(ctx: ReadContext, obj: Node, key: str, cells: list[Pos], header: Pos | None = None) -> None:
    """Record where a field's items were written in a CSV file (its header for the field itself)."""
    values, items = ctx.positions.get(id(obj), ({}, {}))
    ctx.positions[id(obj)] = ({**values, key: header} if header is not None else dict(values), {**items, key: cells})


def _reader(chart: ChartBase) -> tuple[str, str]:
    """The chart as the problems of its data file name it: by its file's name, as sections refer to it."""
    return ("chart", chart.pos.file.stem if chart.pos.file else chart.title)


def _read_data(chart: ChartBase, diag: Diagnostics, ctx: ReadContext) -> CsvData | None:
    pos = ctx.value_pos(chart, "data")
    try:
        path = resolve_data(chart.data, ctx.content_dir, pos)
    except ReportError as exc:
        diag.items.extend(exc.diagnostics)
        return None
    try:
        return read_csv(path, pos.file.parent.parent / chart.data if pos.file else path)
    except ReportError as exc:
        report_once(diag, ctx.data_said, _reader(chart), exc.diagnostics)
    return None


def _numbers(chart: ChartBase, data: CsvData, column: int, diag: Diagnostics, ctx: ReadContext,
             unit: str | None = None, gaps: bool = False) -> list[Number | None] | None:
    """A column's numbers; with `gaps` (a line chart's), an empty cell or a spreadsheet's mark for no
    value (n.d., k. A., –) is None."""
    try:
        return data.numbers(column, ctx.numbers, unit, ctx.section_numbers(), gaps=gaps)
    except ReportError as exc:
        report_once(diag, ctx.data_said, _reader(chart), exc.diagnostics)
    return None


@dataclass(kw_only=True)
class Series(Node):
    name: str | None = spec("Name of the series, at its line end or in the legend (optional for one series).",
                            default=None, max_length=40)
    values: list[Number] = spec("One value per category, printed exactly as written (5, 2.5, 31.0).",
                                example=[5, 20, 6])
    qualifiers: list[str | None] | None = spec(
        "Optional words per value, e.g. 'rund' or 'mehr als'; null where none.", default=None)
    unit: str | None = spec("Unit of this series' values where it differs from the chart's.", default=None,
                            max_length=16)
    decimals: int | None = spec("Decimal places of this series' labels where they differ from the chart's.",
                                default=None)

    KEYS_ELSEWHERE: ClassVar[dict[str, str]] = dict.fromkeys(
        ("color", "colour", "farbe", "couleur", "kleur"),
        "a series takes the next colour of the theme's charts: palette (content/theme.yaml), in the order the "
        "series are written: put the series in the palette's order, or change the palette")
    # `series: [{name: Fördersumme}]` beside `data:`, to pick a column of the CSV file
    WHEN_MISSING: ClassVar[dict[str, str]] = {
        "values": "a chart with data: takes its series from the CSV file's columns, each named by its header "
                  "(the first column names the categories): leave series: out"}


@dataclass(kw_only=True)
class LineSeries(Series):
    """A line chart's series: it may miss a value, where its line breaks off."""
    values: list[Number | None] = spec(
        "One value per category, printed exactly as written (5, 2.5, 31.0); null where there is none (a year "
        "the survey did not run): the line breaks off there.", example=[5, 20, 6])


@dataclass(kw_only=True)
class ChartBase(Node):
    # a colour written in a chart (color: red, a series' farbe:) is the theme's to give, for every chart alike
    KEYS_ELSEWHERE: ClassVar[dict[str, str]] = dict.fromkeys(
        ("color", "colour", "colors", "colours", "palette", "farbe", "farben", "couleur", "couleurs", "kleur",
         "kleuren"),
        "a chart's colours come from the theme, the same for every chart: its charts: palette (in order, one a "
        "series), highlight and negative in content/theme.yaml name the theme's colours (see the README's Charts)")
    title: str = spec("Chart title.", max_length=120)
    caption: Markup | None = spec("Caption: what the reader should see in the chart. Needed where the chart stands "
                                  "on its own; in a grid it may go without (its title, the titles beside it and the "
                                  "sub-heading over the grid say what it shows).", default=None)
    source: str = spec("Source line printed under the chart.", example="Quelle: Thüringen International",
                       example_en="Source: annual accounts 2025")
    alt: str = spec("Text alternative: what the chart shows, with its data in words. Where it leaves numbers "
                    "out, the screen edition adds the chart's data as a table for screen readers.")
    height: float = spec("Height of the chart drawing in millimetres.", default=70.0, example=70)
    unit: str | None = spec("Unit of the values, printed with the numbers: '%', 'GWh', 'Mio. €'.", default=None,
                            example="GWh", max_length=16)
    decimals: int | None = spec("Decimal places of every value label (default: each value as written); "
                                "rounding away digits warns.",
                                default=None, example=1)
    data: str | None = spec("CSV file with the chart's numbers, relative to the content folder (instead of "
                            "writing them here): a header row, the first column names the categories.",
                            default=None, example="data/erzeugung.csv")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if not 30 <= self.height <= MAX_CHART_MM:
            diag.error(ctx.value_pos(self, "height"), f"chart height {self.height} mm is out of range",
                       "use a height between 30 and 200 mm")
        check_decimals(self, diag, ctx)

    def _data_or_inline(self, diag: Diagnostics, ctx: ReadContext, inline: tuple[str, ...]) -> bool:
        """Either `data:` or the inline keys: True when the chart has its numbers (from either)."""
        given = [k for k in inline if getattr(self, k) is not None]
        if self.data is not None and given:
            diag.error(ctx.value_pos(self, given[0]), f"{given[0]} and data: both give the chart's numbers",
                       f"keep one: the CSV file {self.data}, or {' and '.join(inline)} in this file")
            return False
        if self.data is None and len(given) < len(inline):
            missing = next(k for k in inline if getattr(self, k) is None)
            diag.error(self.pos, f"missing required key '{missing}'",
                       f"add '{missing}:', or name a CSV file with data: data/NAME.csv")
            return False
        return True


# the names a spreadsheet gives its total row (SeriesChart._check_total_row)
TOTAL_NAMES = frozenset({"total", "totals", "grand total", "sum", "gesamt", "summe", "insgesamt", "gesamtsumme",
                         "zusammen"})


@dataclass(kw_only=True)
class SeriesChart(ChartBase):
    """Categories and one or more series of values: bar and line charts."""

    categories: list[str] | None = spec("The category labels (bars, months, years).", default=None,
                                        example=["Reisen", "Messen"], max_length=60, items=(1, MAX_CATEGORIES))
    series: list[Series] | None = spec("One or more series of values.", default=None, items=(1, MAX_SERIES))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        if not self._data_or_inline(diag, ctx, ("categories", "series")):
            self.categories, self.series = self.categories or [""], self.series or []
            return
        if self.data is not None:
            self._load(diag, ctx)
        for s in self.series:
            if len(s.values) != len(self.categories):
                hint = "give exactly one value per category" + _count_hint(s.values, self.categories)
                split = _split_by_comma(s, ctx)
                if split:
                    hint += (f"; in [ ] a comma separates values, so '{split}' is two: write it with a point "
                             f"or without the comma, or quote it as the document writes it")
                elif len(s.values) == 2 * len(self.categories):
                    hint += ("; a decimal comma splits a number in an unquoted list ([1,5, 2,5] is four values):"
                             " write 1.5 or quote '1,5'")
                named = f"series '{s.name}'" if s.name else "series"
                diag.error(s.pos, f"{named} has {len(s.values)} values but the chart has "
                           f"{len(self.categories)} categories", hint)
            if s.qualifiers is not None and len(s.qualifiers) != len(s.values):
                diag.error(s.pos, f"series has {len(s.qualifiers)} qualifiers for {len(s.values)} values",
                           "give one qualifier per value (null where there is none)")
            check_range(s, s.values, diag, ctx, f"a {self.kind} chart")
            check_decimals(s, diag, ctx)
            check_rounding(s, s.values, s.decimals if s.decimals is not None else self.decimals, diag, ctx,
                           f"series '{s.name}': value" if s.name else "value")
        self._check_total_row(diag, ctx)

    def _check_total_row(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """A spreadsheet's total row that came along with the data: a bar that towers over the others,
        or a point after the last year (a UK charity's CSVs). Named so, or the sum of the rows above it
        in every series: a warning at it (a chart may show a total on purpose)."""
        n = len(self.categories or [])
        if n < 3 or not self.series or any(len(s.values) != n or None in s.values for s in self.series):
            return
        name = self.categories[-1]
        named = name.strip().lower().rstrip(":") in TOTAL_NAMES
        # (a sum by chance is rare with four parts or more, or in every one of two series: 1, 2, 3 is not one)
        summed = (n >= 5 or len(self.series) >= 2) and all(
            sum(v.value for v in s.values[:-1]) == s.values[-1].value for s in self.series)
        if named or summed:
            what = f"'{name}'" + ("" if named else f", is the sum of the {n - 1} before it and")
            diag.warning(ctx.item_pos(self, "categories", n - 1),
                         f"the last category, {what} reads as a total row: it is drawn as a "
                         f"{'point' if self.kind == 'line' else 'bar'} like the others",
                         "leave the total row out of the data (say the total in the caption); keep it only if "
                         "the chart is meant to show it")

    def _load(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Categories from the first column, one series per further column (named by its header;
        a single series stays unnamed: the chart's title says what it is)."""
        self.categories, self.series = [""], []
        data = _read_data(self, diag, ctx)
        if data is None:
            return
        where = ctx.value_pos(self, "data")
        if len(data.columns) < 2 or not data.rows:
            diag.error(data.columns[0].pos if data.columns else where,
                       "the CSV file needs a column of categories and at least one column of values, with rows",
                       ctx.says("e.g. a header 'Jahr;Umsatz' and one row per year: '2024;12,5'",
                                "e.g. a header 'Year,Revenue' and one row per year: '2024,12.5'"))
            return
        if len(data.columns) - 1 > MAX_SERIES or len(data.rows) > MAX_CATEGORIES:
            diag.error(data.columns[0].pos, f"{len(data.columns) - 1} series of {len(data.rows)} values are too many "
                       f"for one chart", f"at most {MAX_SERIES} value columns and {MAX_CATEGORIES} rows")
            return
        self.categories = [row[0].text for row in data.rows]
        _cell_positions(ctx, self, "categories", [row[0].pos for row in data.rows])
        line = self.kind == "line"  # (a line may miss a value: its line breaks off there)
        for col in range(1, len(data.columns)):
            values = _numbers(self, data, col, diag, ctx, self.unit, gaps=line)
            if values is None:
                continue
            header = data.columns[col]
            s = (LineSeries if line else Series)(name=header.text if len(data.columns) > 2 else None, values=values)
            _remember(ctx, s, header.pos, {"values": header.pos}, {"values": [row[col].pos for row in data.rows]})
            self.series.append(s)


@dataclass(kw_only=True)
class BarChart(SeriesChart):
    kind: Literal["bar"] = spec("Chart kind: bars per category; negative values grow down from a zero line.")
    orientation: Literal["vertical", "horizontal"] = spec("Direction of the bars.", default="vertical")
    stacked: bool = spec("Stack the series into one bar per category, with its total at the end.", default=False)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        if self.categories and any(self.categories):
            self._check_label_room(diag, ctx)

    def label_room(self, width_mm: float) -> Diagnostic | None:
        """Horizontal bars stack their labels, which must not overlap: an error where they do not fit
        the chart's height drawn `width_mm` wide (the label column is wider on a wider chart:
        labels.label_wrap; the charts stage asks at the narrowest width the chart is set at)."""
        if self.orientation != "horizontal" or not self.categories or not any(self.categories):
            return None
        n = len(self.categories)
        lines = [wrap_label(c, label_wrap(self.orientation, width_mm)) for c in self.categories]
        need = AXIS_MM + n * max(len(ls) for ls in lines) * LINE_MM
        if self.height >= need:
            return None
        fix = (f"make it at least {math.ceil(need)} mm high" if need <= MAX_CHART_MM
               else "split the chart") + ", show fewer categories or shorten their names"
        return Diagnostic(f"the labels of {n} bars do not fit a chart {self.height:g} mm high",
                          self.field_pos.get("height", self.pos), fix)

    def _check_label_room(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Category labels must not overlap: vertical bars set them side by side (estimated with the
        drawing's own wrapping, at the caption size); horizontal ones: see label_room."""
        if self.orientation == "vertical":
            n = len(self.categories)
            lines = [wrap_label(c, label_wrap(self.orientation)) for c in self.categories]
            widest = max(text_mm(line) for ls in lines for line in ls)  # measured with the font
            if n * widest > VERTICAL_LABELS_MM and not counting(self.categories):  # those: every n-th is shown
                diag.error(ctx.value_pos(self, "categories"),
                           f"the labels of {n} vertical bars would overlap",
                           "use orientation: horizontal, fewer categories or shorter names (labels that count "
                           "on, years or months like 2024, 1/24 or Jan 2024, are shown for every n-th bar)")


@dataclass(kw_only=True)
class DestinationGroup(Node):
    name: str = spec("Kind of destination, e.g. 'Delegationsreisen'.", max_length=50)
    places: list[str] = spec("Destinations of this kind.", example=["Japan", "Kalifornien"], max_length=55,
                             items=(1, 24))


@dataclass(kw_only=True)
class DestinationsChart(ChartBase):
    kind: Literal["destinations"] = spec("Chart kind: routes from one origin to destinations, by group.")
    origin: str = spec("Where the routes start.", example="Thüringen", max_length=30, example_en="London")
    groups: list[DestinationGroup] = spec("Groups of destinations, each drawn in its own colour.", items=(1, 8))

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        places = sum(len(g.places) for g in self.groups)
        if places > 24:
            diag.error(self.pos, "too many destinations for one diagram (more than 24)",
                       "split the destinations into two charts")
        elif self.height < DESTINATION_ROW_MM * (places + len(self.groups)):
            need = DESTINATION_ROW_MM * (places + len(self.groups))
            diag.error(ctx.value_pos(self, "height"), f"{places} destinations in {len(self.groups)} groups do not "
                       f"fit a chart {self.height:g} mm high", f"make it at least {need:g} mm high")


@dataclass(kw_only=True)
class LineChart(SeriesChart):
    kind: Literal["line"] = spec("Chart kind: lines over categories (months, years), named at their ends.")
    series: list[LineSeries] | None = spec("One or more series of values.", default=None, items=(1, MAX_SERIES))
    markers: bool = spec("Mark every value with a dot.", default=False)
    area: bool = spec("Fill the area under the line (one series only).", default=False)
    highlight: str | None = spec("A category whose value (in the first series, or `highlight_series`) is marked "
                                 "and labelled, e.g. the record month.", default=None, example="Jul")
    highlight_series: str | None = spec("The series, by name, whose value at `highlight` is marked (default: the "
                                        "first).", default=None, example="Spitzenlast", example_en="Peak")
    x: Literal["categories", "numeric"] = spec("categories: evenly spaced (months, years); numeric: the categories "
                                               "are numbers placed at their distances (2010, 2015, 2020, 2022).",
                                               default="categories")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        if not self.series:
            return
        if self.area and len(self.series) > 1:
            diag.error(ctx.value_pos(self, "area"), "area: true needs a single series",
                       "filled areas of several series hide each other; use lines, or a stacked bar chart")
        if self.highlight is not None and self.highlight not in self.categories:
            listing = f"write one of: {', '.join(self.categories[:12])}"
            meant = _meant_category(self.highlight, self.categories)
            diag.error(ctx.value_pos(self, "highlight"), f"highlight {self.highlight!r} is not one of the categories",
                       f"did you mean '{meant}'? ({listing})" if meant else listing)
        for s in self.series:
            if s.values and all(v is None for v in s.values):
                diag.error(s.pos, f"series{f' {s.name!r}' if s.name else ''} has no value",
                           "write its values, or leave the series out (null marks one that is missing: the line "
                           "breaks off there)")
        names = [s.name for s in self.series]
        marked = next((s for s in self.series if s.name == self.highlight_series), self.series[0])
        if self.highlight in self.categories and len(marked.values) == len(self.categories) \
                and marked.values[self.categories.index(self.highlight)] is None:
            diag.error(ctx.value_pos(self, "highlight"), f"highlight {self.highlight!r}: "
                       f"{f'series {marked.name!r}' if marked.name else 'the series'} has no value there",
                       "highlight a category with a value, or write the value (null leaves a gap)")
        if self.highlight_series is not None and (self.highlight is None or self.highlight_series not in names):
            named = ", ".join(n for n in names if n) or "none (the series have no names)"
            diag.error(ctx.value_pos(self, "highlight_series"),
                       f"highlight_series {self.highlight_series!r} is not a series of this chart"
                       if self.highlight is not None else "highlight_series needs highlight: (a category)",
                       f"name one of the series: {named}" if self.highlight is not None
                       else "add highlight: with the category to mark, e.g. highlight: Jul")
        if len(self.categories) < 2:
            diag.error(ctx.value_pos(self, "categories"), "a line needs at least two categories",
                       "show a single value as a bar chart or a key figure")
        elif self.x == "numeric":
            self._check_numeric_x(diag, ctx)

    def _check_numeric_x(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """On a numeric axis the categories are numbers, each larger than the one before."""
        last = None
        for i, text in enumerate(self.categories):
            try:
                number = parse_number(text, ctx.numbers)
            except NumberError as exc:
                diag.error(ctx.item_pos(self, "categories", i), f"x: numeric, but category {text!r} is not a number",
                           exc.hint)
                return
            if last is not None and number.value <= last:
                diag.error(ctx.item_pos(self, "categories", i),
                           f"category {text} does not follow {self.categories[i - 1]}",
                           "on a numeric axis the categories increase from left to right")
                return
            last = number.value


@dataclass(kw_only=True)
class DonutChart(ChartBase):
    kind: Literal["donut"] = spec("Chart kind: shares of a whole as a ring, labelled with their values.")
    categories: list[str] | None = spec("The names of the shares.", default=None, example=["Wind", "Sonne"],
                                        max_length=40, items=(1, 24))
    values: list[Number] | None = spec("One value per share, printed exactly as written.", default=None,
                                       example=[62.5, 37.5])
    order: Literal["largest", "as_written"] = spec("Largest share first (from twelve o'clock, clockwise), or in "
                                                   "the order written.", default="largest")
    centre: str | None = spec("Text in the middle of the ring: the total or a headline number.", default=None,
                              example="2.431 GWh", max_length=24)

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        if not self._data_or_inline(diag, ctx, ("categories", "values")):
            self.categories, self.values = self.categories or [], self.values or []
            return
        if self.data is not None:
            self._load(diag, ctx)
            if not self.values:
                return
        if len(self.values) != len(self.categories):
            diag.error(ctx.value_pos(self, "values"), f"{len(self.values)} values for {len(self.categories)} shares",
                       "give exactly one value per share")
            return
        *shares, last = self.values
        if len(shares) >= 2 and sum(v.value for v in shares) == last.value:  # Excel's "Total" row came along
            diag.error(ctx.item_pos(self, "values", len(shares)), f"the last share, '{self.categories[-1]}' "
                       f"({last}), is the sum of the others: a total, not a share",
                       "leave the total row out; a donut's total can stand in its hole (centre:)")
            return
        if len(self.categories) > MAX_SHARES:
            diag.error(ctx.item_pos(self, "categories", MAX_SHARES),  # at the first share too many
                       f"{len(self.categories)} shares are too many for a {self.kind} chart (at most {MAX_SHARES})",
                       f"group the small shares as one, e.g. {ctx.says('Sonstige', 'Other')!r}, or use a bar chart")
        for i, v in enumerate(self.values):
            if v.value <= 0:
                diag.error(ctx.item_pos(self, "values", i), f"share {v} is not larger than zero",
                           "a share of a whole is positive; leave out shares of zero")
        check_range(self, self.values, diag, ctx, f"a {self.kind} chart")
        check_rounding(self, self.values, self.decimals, diag, ctx, "value")
        if self.unit == "%":
            self._check_percent(diag, ctx)

    def _load(self, diag: Diagnostics, ctx: ReadContext) -> None:
        self.categories, self.values = [], []
        data = _read_data(self, diag, ctx)
        if data is None:
            return
        if len(data.columns) != 2 or not data.rows:
            diag.error(data.columns[0].pos if data.columns else ctx.value_pos(self, "data"),
                       f"a {self.kind} chart's CSV file has two columns (names and values) and a row per share",
                       "e.g. a header 'Energieträger;Anteil' and rows like 'Wind;34,2'")
            return
        self.categories = [row[0].text for row in data.rows]
        self.values = _numbers(self, data, 1, diag, ctx, self.unit) or []
        _cell_positions(ctx, self, "categories", [row[0].pos for row in data.rows], data.columns[0].pos)
        _cell_positions(ctx, self, "values", [row[1].pos for row in data.rows], data.columns[1].pos)

    def _check_percent(self, diag: Diagnostics, ctx: ReadContext) -> None:
        """Percent shares add up to 100 within the precision shown: each printed share may be off by
        half a unit of its last place."""
        places = self.decimals if self.decimals is not None else max(v.decimals for v in self.values)
        total = sum((v.value for v in self.values), Decimal(0))
        tolerance = len(self.values) * Decimal(1).scaleb(-places) / 2
        if abs(total - 100) > tolerance:
            # in the document's notation: 99,7 % in German and French, 99.7% in English
            seps = ctx.numbers
            if seps is None:  # a chart read alone: its language's
                from ..locale import get_locale
                seps = get_locale(ctx.language or "de-DE")
            shown = format_decimal(total, places, seps)
            pc = ctx.says(" %", "%", fr="\u202f%")
            diag.warning(ctx.value_pos(self, "values"), f"the shares add up to {shown}{pc}, not 100{pc}",
                         f"check the values: shares of a whole add up to 100{pc} (up to rounding)")


@dataclass(kw_only=True)
class PieChart(DonutChart):
    kind: Literal["pie"] = spec("Chart kind: shares of a whole as a pie (a donut without its hole).")

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        super().check(diag, ctx)
        if self.centre is not None:
            diag.error(ctx.value_pos(self, "centre"), "a pie has no hole for centre text",
                       "use kind: donut, or say the total in the caption")


# what authors write for a kind in their own words (folded: lower case, no spaces, hyphens or
# '-diagramm'/'chart' ending, no leading 'grafico a'/'gráfico de'/'wykres'): the hint at an unknown kind names the
# kind meant, and where it takes a key to draw what the word says (Balken lie, Säulen stand), that key. Italian,
# Spanish, Portuguese, Swedish, Danish and Polish as their Excel names the kinds: torta, circular, pizza, cirkel,
# kołowy a pie; ciambella, anillos, anel, rosca, pierścieniowy a donut; istogramma, columnas, colunas, stapel,
# søjle, kolumnowy stand and barre, barras, liggande stapel, liggende søjle, słupkowy lie (as Balken)
CHART_KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(("kreis", "torte", "torten", "kuchen", "taart", "camembert", "secteur", "secteurs",
                     "circulaire", "sektor", "sektoren",
                     "torta", "circolare", "circular", "tarta", "quesito", "sectores", "pastel", "pizza", "setores",
                     "cirkel", "kołowy", "kolowy", "lagkage"), "pie"),
    **dict.fromkeys(("ring", "donat", "doughnut", "anneau", "krans",
                     "ciambella", "anello", "anelli", "anillo", "anillos", "anel", "anéis", "rosca", "dona",
                     "kranse", "pierścieniowy", "pierscieniowy"), "donut"),
    **dict.fromkeys(("balken", "barre", "barres", "staaf", "staven",
                     "barra", "barras", "liggandestapel", "liggendesøjle", "słupkowy", "slupkowy"),
                    "bar', with orientation: horizontal"),
    **dict.fromkeys(("säule", "säulen", "saeule", "saeulen", "column", "columns", "colonne", "colonnes", "kolom",
                     "kolommen", "stab", "stäbe", "histogramm", "histogramme", "histogram", "bars",
                     "istogramma", "istogrammi", "columna", "columnas", "coluna", "colunas", "stapel", "staplar",
                     "søjle", "søjler", "kolumnowy"), "bar"),
    **dict.fromkeys(("linie", "linien", "kurve", "kurven", "verlauf", "ligne", "lignes", "courbe", "courbes", "lijn",
                     "lijnen", "lines",
                     "linea", "linee", "línea", "líneas", "linha", "linhas", "linje", "linjer", "liniowy"), "line"),
    **dict.fromkeys(("fläche", "flächen", "flaeche", "flaechen", "area", "aire", "vlak",
                     "aree", "área", "áreas", "yta", "område", "warstwowy", "obszarowy"), "line', with area: true"),
    **dict.fromkeys(("ziele", "reiseziele", "routen", "route", "karte", "map", "destination"), "destinations"),
}


def meant_chart_kind(word: str) -> str | None:
    """The kind an unknown `kind:` most likely means: a word for it (Kreisdiagramm, Balken, area) or a
    near spelling (donat, lien)."""
    import re

    # (a kind said as a chart: grafico a torta, gráfico de barras, diagrama de sectores, wykres kołowy)
    said = re.sub(r"^(?:gr[aá]fic[oa]|diagramm?a|wykres)[\s_-]+(?:(?:a|ad|di|de|do|da|em)[\s_-]+)?", "",
                  word.strip().lower())
    folded = re.sub(r"[\s_-]+", "", said or word.strip().lower())
    stem = re.sub(r"(diagramme?|diagram|charts?|graphs?|grafik|graphique|plot)$", "", folded) or folded
    for w in (folded, stem):
        if w in CHART_KIND_WORDS:
            return CHART_KIND_WORDS[w]
    from .reader import closest
    close = closest(stem, list(CHART_KINDS))
    return close[0] if close else None


CHART_KINDS: dict[str, type] = {
    "bar": BarChart,
    "line": LineChart,
    "donut": DonutChart,
    "pie": PieChart,
    "destinations": DestinationsChart,
}

