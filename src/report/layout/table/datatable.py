"""The table flowable: decimal-aligned number columns with tabular figures, header rows repeated on
every page the table runs onto, group rows (a heading within the table, across all columns, with
space above), a rule above subtotals and a double rule above totals, hairlines between rows and no
vertical rules.

In tagged editions the table is recorded as Table / Caption (its title, `TableTitle`) / THead / TBody /
TR / TH (with /Scope) / TD; a header repeated on a later page is an artifact, and the rows there
continue the same TBody.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ...tagging import Shared, artifact, content, group, shared_group, tagger_of
from ..styles import Styles
from ..text import Paragraph, escape
from .breaks import may_break, rest
from .cells import SIGN_GAP, Heading, Setup, bound_unit, hang, loose, mark_text, parts, unshy
from .data import NO_VALUE_DASHES, Cell, Column, Row, TableData
from .widths import WORD_SLACK

PAD_Y = 2.2  # points above and below the text of a row
RULE = 0.6  # points: under the header, under the table
HAIRLINE = 0.25  # points: between rows, above subtotals
DOUBLE = (0.4, 1.2)  # points: the two lines of the rule above a total, and the distance between them
GROUP_SPACE = 0.8  # leadings of space above a group row (none right under the header)


class DataTable(Flowable):
    """The table; splits between rows and repeats its header rows on the next page."""

    def __init__(self, data: TableData, styles: Styles, widths: list[float],
                 body: list[Row] | None = None, tagging: Shared | None = None, continued: bool = False):
        super().__init__()
        self.data, self.styles, self.widths = data, styles, widths
        self.su = Setup.of(data, styles)
        self.head = [Row([Cell(c.label) for c in data.columns], "header"),
                     *[r for r in data.rows if r.kind == "header"]]
        self.body = body if body is not None else [r for r in data.rows if r.kind != "header"]
        self.tagging = tagging or Shared()  # the Table, its THead and TBody, opened by the part drawn first
        self.continued = continued  # a later part: its header is a repetition, under a line naming the table
        self.above = (Paragraph(escape(data.continued), styles.para("caption"))
                      if continued and data.continued else None)
        self._heights: dict[int, float] = {}
        # the same for every part, so that separators line up from page to page
        self.fracs = [max((stringWidth(parts(r.cells[i].text, data.decimal)[1], self.su.font(r.kind),
                                       self.su.size) for r in data.rows if i < len(r.cells)), default=0.0)
                      for i in range(len(data.columns))]
        self.hang = [hang(data, i, self.su) for i in range(len(data.columns))]
        # the widest whole part of each column, where a currency sign hangs left of it (Cell.sign)
        self.wholes = [max((stringWidth(parts(r.cells[i].text, data.decimal)[0], self.su.font(r.kind),
                                        self.su.size) for r in data.rows if i < len(r.cells)
                            and r.kind != "group"), default=0.0)
                       if any(i < len(r.cells) and r.cells[i].sign for r in data.rows) else 0.0
                       for i in range(len(data.columns))]

    # -- measuring

    def _cell_para(self, row: Row, i: int) -> Paragraph:
        col, cell = self.data.columns[i], row.cells[i] if i < len(row.cells) else Cell("")
        if row is self.head[0] and self.data.break_headings:  # its lines as the widths were measured
            lines = Heading.of(loose(cell.text), self.su.bold, self.su.size, self.styles.hyphenate).set(
                self._room(i, row) - WORD_SLACK)
            text = "<br/>".join(escape(line) for line in lines)
        else:
            text = escape(loose(unshy(cell.text)) if row.kind == "header" else cell.text) + mark_text(cell.mark)
        if row.kind == "header" and row is self.head[0] and col.unit:
            text += f" <br/><font name={self.su.regular}>{escape(bound_unit(col.unit))}</font>"
        align = "left" if row.kind == "group" else "right" if col.align == "decimal" else col.align
        para = Paragraph(text, self.su.para(row.kind, align))
        # first fit, as the widths were measured: the fewest lines (evening the rag could take a line
        # more, 'ONS / Industriestraße / 1')
        para.optimise = False
        return para

    def _room(self, i: int, row: Row | None = None) -> float:
        """The width a cell's paragraph is set in: a number column's heading ends where its numbers'
        digits end, before closing brackets and marks; a group row's label spans the table."""
        if row is not None and row.kind == "group":
            return self.su.span(self.widths) if i == 0 else 0.0
        return self.widths[i] - (self.hang[i] if self.data.columns[i].align == "decimal" else 0)

    def _space_above(self, row: Row, first_body: bool) -> float:
        """A group row stands apart from the rows before it (not from the header right above it)."""
        return GROUP_SPACE * self.su.leading if row.kind == "group" and not first_body else 0.0

    def _row_height(self, row: Row, first_body: bool = False) -> float:
        key = id(row)
        if key not in self._heights:
            h = self.su.leading
            for i, col in enumerate(self.data.columns):
                if row.kind == "group" and i:
                    continue
                if col.align != "decimal" or row.kind in ("header", "group"):
                    _, ph = self._cell_para(row, i).wrap(self._room(i, row), 10_000)
                    h = max(h, ph)
            self._heights[key] = h + 2 * PAD_Y
        return self._heights[key] + self._space_above(row, first_body)

    def _above_height(self) -> float:
        if self.above is None:
            return 0.0
        return self.above.wrap(self.su.span(self.widths), 10_000)[1] + PAD_Y

    def _head_height(self) -> float:
        return self._above_height() + sum(self._row_height(r) for r in self.head)

    def _body_heights(self) -> list[float]:
        return [self._row_height(r, first_body=k == 0) for k, r in enumerate(self.body)]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = self.su.span(self.widths)
        self.height = self._head_height() + sum(self._body_heights()) + RULE
        return self.width, self.height

    def start_height(self, aw: float, ah: float, canv: Any = None) -> float:
        """The least of the table that starts a page: its header and the rows a split keeps."""
        n = next((n for n in range(1, len(self.body)) if may_break(self.body, n)), len(self.body))
        return self.height_with(n)

    def split(self, aw: float, ah: float) -> list[Any]:
        room = ah - self._head_height() - RULE
        heights = self._body_heights()
        n, used = 0, 0.0
        while n < len(self.body) and used + heights[n] <= room:
            used += heights[n]
            n += 1
        if n >= len(self.body):
            return [self]
        while n > 0 and not may_break(self.body, n):  # the last break the rules allow among the rows that fit
            n -= 1
        return list(self.parts(n)) if n else []

    def parts(self, n: int) -> tuple[DataTable, DataTable]:
        """The table's first `n` body rows and the rest, which go on under the repeated header (and
        the label of a group they go on inside, `breaks.rest`)."""
        first = DataTable(self.data, self.styles, self.widths, self.body[:n], self.tagging, self.continued)
        later = rest(self.body, n, self.data.more)
        return first, DataTable(self.data, self.styles, self.widths, later, self.tagging, continued=True)

    def height_with(self, n: int) -> float:
        """The height of the part with the first `n` body rows."""
        return self._head_height() + sum(self._body_heights()[:n]) + RULE

    # -- drawing

    def draw(self) -> None:
        c, tags = self.canv, self.tagging
        y = self.height
        with shared_group(c, tags, "Table", alt=self.data.summary):  # (opened by the title, its Caption)
            if self.continued:  # a repetition, under a line naming the table (its title said it once)
                with artifact(c):
                    if self.above is not None:
                        y -= self._above_height()
                        self.above.drawOn(c, 0, y + PAD_Y)
                    for row in self.head:
                        y = self._draw_row(row, y, tagged=False)
            else:
                with group(c, "THead"):
                    for row in self.head:
                        y = self._draw_row(row, y)
            with shared_group(c, tags, "TBody"):  # the rows of every part in one
                for k, row in enumerate(self.body):
                    with artifact(c) if row.repeated else nullcontext():
                        y = self._draw_row(row, y, tagged=not row.repeated, first_body=k == 0,
                                           after_group=k > 0 and self.body[k - 1].kind == "group")
        with artifact(c):
            self._rule("primary", RULE, y - RULE / 2)

    def _draw_row(self, row: Row, top: float, tagged: bool = True, first_body: bool = False,
                  after_group: bool = False) -> float:
        c, su = self.canv, self.su
        h = self._row_height(row, first_body)
        top -= self._space_above(row, first_body)
        with artifact(c):
            self._rules(row, top, first_body or after_group)
        tagger = tagger_of(c) if tagged else None
        with (tagger.group("TR") if tagger else nullcontext()):
            x = 0.0
            for i, col in enumerate(self.data.columns):
                w = self.widths[i]
                role, scope = self._role(row, col)
                cell = row.cells[i] if i < len(row.cells) else Cell("")
                unit = [col.unit] if row is self.head[0] and col.unit else []
                words = " ".join([(cell.sign or "") + unshy(cell.printed), *unit])
                if role == "TH" and scope == "Column" and not words.strip():  # the row labels' empty corner:
                    role, scope = "TD", None  # a header of nothing is no header (as HTML's empty <td>)
                attrs = {"Scope": scope} if scope else None
                # the cell's /Alt replaces its content for assistive technology; its text, and so what
                # is copied, stays as printed
                alt = (cell.sign or "") + cell.said + (cell.unit or "") + (cell.mark or "") if cell.said else None
                with (content(c, role, alt=alt, attrs=attrs, actual_text=words or None)
                      if tagger else nullcontext()):
                    if row.kind == "group" and i:
                        pass  # the label spans the table: its other cells stay empty
                    elif col.align == "decimal" and row.kind not in ("header", "group"):
                        self._draw_number(row, i, cell, x, w, top - PAD_Y - su.size)
                    else:
                        p = self._cell_para(row, i)
                        _, ph = p.wrap(self._room(i, row), h)
                        _RawParagraph.drawOn(p, c, x, top - PAD_Y - ph)
                x += w + su.gutter
        return top - h + self._space_above(row, first_body)

    def _role(self, row: Row, col: Column) -> tuple[str, str | None]:
        if row.kind == "header":
            return "TH", "Column"
        if col.row_header or (row.kind == "group" and col is self.data.columns[0]):
            return "TH", "Row"
        return "TD", None

    def _draw_number(self, row: Row, i: int, cell: Cell, x: float, w: float, base: float) -> None:
        """Whole parts end where the widest fraction of the column begins: separators line up."""
        c, su = self.canv, self.su
        font = su.font(row.kind)
        whole, frac, close = parts(cell.text, self.data.decimal)
        sep_x = x + w - self.hang[i] - self.fracs[i]
        c.setFillColor(self.styles.text_colour("ink", su.size, font))
        c.setFont(font, su.size)
        if cell.sign:  # hung left of the column's widest amount: the signs of a column stand in line
            c.drawRightString(sep_x - self.wholes[i] - SIGN_GAP * su.size, base, cell.sign)
        if whole in NO_VALUE_DASHES and not frac:  # no value: the dash ends where the column's digits end
            c.drawRightString(sep_x + self.fracs[i], base, whole)
            end = sep_x + self.fracs[i]
            if cell.mark:
                c.drawString(end, base, cell.mark)
            return
        c.drawRightString(sep_x, base, whole)
        end = sep_x
        if frac:
            c.drawString(sep_x, base, frac)
            end += stringWidth(frac, font, su.size)
        if close:  # hangs beyond the digits, into the room kept for it: the digits stay aligned
            c.drawString(end, base, close)
            end += stringWidth(close, font, su.size)
        if cell.unit:  # a row's own unit hangs so too
            c.drawString(end, base, cell.unit)
            end += stringWidth(cell.unit, font, su.size)
        if cell.mark:  # hangs into the margin kept for marks: the numbers stay aligned
            c.drawString(end, base, cell.mark)

    def _rules(self, row: Row, top: float, first_body: bool) -> None:
        """A rule above a subtotal, a double rule above a total (so the grand total does not look like
        one more subtotal), a hairline between body rows; none above a group row (space sets it apart)
        nor under it."""
        if row.kind == "subtotal":
            self._rule("ink", HAIRLINE, top)
        elif row.kind == "total":
            weight, apart = DOUBLE
            self._rule("ink", weight, top - weight / 2, top - weight / 2 - apart)
        elif row.kind == "body" and not first_body:
            self._rule("rule", HAIRLINE, top)
        elif row.kind == "header" and row is self.head[-1]:
            self._rule("primary", RULE, top - self._row_height(row))

    def _rule(self, colour: str, weight: float, *heights: float) -> None:
        """A rule across the table at each of `heights`, in the theme's `colour`."""
        c = self.canv
        c.setStrokeColor(self.styles.colour(colour))
        c.setLineWidth(weight)
        for y in heights:
            c.line(0, y, self.width, y)


_RawParagraph = Paragraph.__mro__[1]  # reportlab's own drawOn: the cell is tagged as TH/TD, not P


class TableTitle(Paragraph):
    """The title over a table. In the tagged edition it is the table's Caption, the first kid of its
    Table element (ISO 32000-1, 14.8.4.3.4: a Table may have a Caption as its first or last kid), which
    it opens: the table's parts, drawn after it, go on inside it."""

    def __init__(self, text: Any, style: Any = None, *args: Any, table: DataTable | None = None, **kwargs: Any):
        super().__init__(text, style, *args, **kwargs)  # (reportlab's split makes its parts so, without a table)
        self.table = table

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802 - reportlab API
        t = self.table
        with shared_group(canvas, t.tagging, "Table", alt=t.data.summary) if t is not None else nullcontext():
            super().drawOn(canvas, x, y, _sW)
