"""CSV data files (content/data/*.csv) for tables and charts, with a position for every cell.

Spreadsheets export CSV in two dialects: `,` between cells (English) and `;` with decimal commas
(German and other European Excel). The delimiter is detected from the header row. Numbers in cells
are read by `numbers.parse_number`: in a `;` file with decimal commas and `.` between thousands
(whatever the document's language: an English edition reads the German office's exports; Swiss
in a de-CH section or a house style 1’234.50), else in the document's notation (with report.yaml's `numbers:`). Errors
name the file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

from ..errors import Diagnostic, Diagnostics, Pos, ReportError
from ..load import read_text
from .numbers import Number, NumberError, Separators, parse_number

DATA_DIR = "data"
MAX_ROWS = 5000
EXCEL_SEMICOLON = SimpleNamespace(thousands=".", decimal=",")  # the notation of a `;` export
APOSTROPHES = "’'"  # Swiss thousands: 1’250’000 (and Excel's 1'250'000)
# a chart's value left out, in its YAML or its CSV file (the README's advice)
NO_GAPS = ("a chart has no gaps: write a number for every category, or leave the category out "
           "(a table shows a missing value as –, a line chart leaves a gap in its line: null)")
# what spreadsheets write for a value they do not have: n.d., n/a, N.A., k.A., s.o., n.v., –, ?, …
_MISSING = re.compile(r"(?i)n\.?\s?[dav]\.?|n/[ad]|k\.\s?a\.|s\.\s?o\.|[-–—?…x]|\.{2,3}")


@dataclass(frozen=True)
class Cell:
    text: str
    pos: Pos


@dataclass
class CsvData:
    """A CSV file: header names (with positions) and rows of cells, blank lines skipped."""

    path: Path
    columns: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)
    notation: Separators | None = None  # its numbers' notation where it is not the document's

    def separators(self, document: Separators | None, reader: Separators | None = None) -> Separators | None:
        """The notation its numbers are read in: a `;` export's (German) unless the section that reads
        it (`reader`: its notation, by default the document's) writes Swiss numbers — its language's
        own (de-CH: Excel in Switzerland writes `;` with 1'250'000 and 2.5) or the house style's
        (`numbers:` 1’234.50 in English) —, else the document's."""
        if self.notation is EXCEL_SEMICOLON and document is not None:
            reader = reader or document
            language = getattr(reader, "language", None)
            if isinstance(language, str):
                from ..locale import get_locale
                own = get_locale(language)  # the language's own notation, as its Excel writes it
                if own.thousands in APOSTROPHES:
                    return own
            if reader.thousands in APOSTROPHES and reader.decimal == ".":
                return reader
        return self.notation or document

    def column(self, name: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.text == name), None)

    def numbers(self, index: int, seps: Separators | None, unit: str | None = None,
                reader: Separators | None = None, gaps: bool = False) -> list[Number | None]:
        """The cells of one column as numbers; raises ReportError naming every bad cell. A cell a
        spreadsheet exported with the values' `unit` ("42.1%", "$329.3" or "$329.3M" for $M) is its number.
        `reader`: the notation of the sections that place it (see `separators`). With `gaps` (a line
        chart's column) an empty cell or a mark for no value (n.d., k. A., –) is None."""
        out: list[Number | None] = []
        problems = []
        name = self.columns[index].text
        notation = self.separators(seps, reader)
        for row in self.rows:
            cell = row[index]
            if gaps and (not cell.text.strip() or _MISSING.fullmatch(cell.text.strip())):
                out.append(None)
                continue
            try:
                out.append(parse_number(without_unit(cell.text, unit), notation))
            except NumberError as exc:
                problems.append((cell, exc))
        if not problems:
            return out
        if not out and not any(any(ch.isdigit() for ch in cell.text) for cell, _ in problems):
            raise ReportError([Diagnostic(  # a note column beside the numbers, as spreadsheets grow them
                f"column '{name}' holds text, not numbers", self.columns[index].pos,
                "every column after the first is a series of numbers: delete this column from the file")])
        (cell, exc), rest = problems[0], problems[1:]  # one error for the column: the first cell, the others named
        shown = ", ".join(repr(c.text) for c, _ in rest[:3]) + (", …" if len(rest) > 3 else "")
        more = f" (and {len(rest)} more cell{'s' if len(rest) != 1 else ''} of this column: {shown})" if rest else ""
        missing = not cell.text or _MISSING.fullmatch(cell.text.strip()) is not None
        hint = NO_GAPS if missing else _currency_hint(cell.text, unit) or file_hint(exc.hint, notation, reader or seps)
        raise ReportError([Diagnostic(f"column '{name}': {exc}{more}", cell.pos, hint)])


def file_hint(hint: str | None, seps: Separators | None, reader: Separators | None = None) -> str | None:
    """A number's hint where it is read in a `;` export's notation, not the document's: it says so,
    and where Swiss numbers are read (2'845'120.50: in a de-CH section, or a house style 1’234.50).
    Where the language of the section that reads it (`reader`) writes that notation itself, as Italian,
    Spanish or Danish Excel exports it, the hint names that language (not German Excel, nor de-CH)."""
    if seps is not EXCEL_SEMICOLON or not hint or "this document writes" not in hint:
        return hint
    own = _excel_language(getattr(reader, "language", None))
    if own:
        return hint.replace("this document writes", f"a ';' file is read as {own} Excel exports it: it writes")
    return (hint.replace("this document writes", "a ';' file is read as German Excel exports it: it writes")
            + "; Swiss numbers (2'845'120.50) are read so in a de-CH section, and in a report whose numbers: "
            "write 1’234.50")


def _excel_language(language: object) -> str | None:
    """The name of a language other than German whose Excel writes a `;` file's numbers as it is read
    (1.234,5): Italian, Spanish, Danish, Brazilian Portuguese …"""
    if not isinstance(language, str) or language.lower().startswith("de"):
        return None
    from ..locale import get_locale, supported
    from .wording import NAMES
    if not supported(language):
        return None
    own = get_locale(language)
    if (own.thousands, own.decimal) != (EXCEL_SEMICOLON.thousands, EXCEL_SEMICOLON.decimal):
        return None
    return NAMES.get(language.split("-")[0].lower())


def _currency_hint(text: str, unit: str | None) -> str | None:
    """A cell exported with a currency sign ('$86,412') that the values' unit does not start with."""
    sign = text.lstrip("(-+−").strip()[:1]
    if sign not in "$£€¥" or not sign or (unit or "").startswith(sign):
        return None
    return (f"the cells may keep '{sign}' where the chart's unit starts with it, e.g. unit: {sign} thousand "
            f"or unit: {sign}M (now: {unit!r}); else write the numbers alone" if unit else
            f"the cells may keep '{sign}' where the chart has a unit that starts with it, e.g. unit: {sign} "
            f"thousand or unit: {sign}M; else write the numbers alone")


def report_once(diag: Diagnostics, said: dict, who: tuple[str, str], found: list[Diagnostic]) -> None:
    """The problems of a data file, found for `who` (('chart', 'revenue'), ('table', 'Balance sheet')),
    each reported once and naming who reads the file: two charts that read one file said each of
    its errors twice, and neither named the chart. `said` remembers them over the whole load."""
    for d in found:
        key = (d.pos, d.message, d.hint, d.severity)
        before, users = said.get(key, (None, []))
        if who in users:
            continue
        users = [*users, who]
        shown = replace(d, message=f"{_readers(users)}: {d.message}")
        at = next((i for i, item in enumerate(diag.items) if item is before), None)
        if at is None:
            diag.items.append(shown)
        else:
            diag.items[at] = shown
        said[key] = (shown, users)


def _readers(users: list[tuple[str, str]]) -> str:
    """"chart 'a'", "charts 'a' and 'b'", "chart 'a' and table 'B'"."""
    parts = []
    for kind in dict.fromkeys(k for k, _ in users):
        names = [f"'{n}'" for k, n in users if k == kind]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        parts.append(f"{kind}{'s' if len(names) > 1 else ''} {listed}")
    return " and ".join(parts)


def without_unit(text: str, unit: str | None) -> str:
    """`text` without the unit it was exported with: a trailing unit ("42,1 %", "12.5 GWh"), the
    unit leading ("Fr. 50.–", "CHF 1’250.50", as Swiss prices are written) or, for a unit that leads
    with a currency sign ("$M", "£m"), that sign after any sign or bracket ("$329.3", "($18.9)", "-$4.2M").
    Anything else is left for the number parser to judge."""
    if not unit or not text:
        return text
    unit, body = " ".join(unit.split()), text.strip()
    if unit[0] in "$£€¥":
        lead = len(body) - len(body.lstrip("(-+−"))
        if body[lead:lead + 1] == unit[0]:
            body, unit = body[:lead] + body[lead + 1:], unit[1:].strip()
            if not unit:
                return body
    lead = len(body) - len(body.lstrip("(-+−"))
    if body[lead:].startswith(unit + " ") or body[lead:].startswith(unit + "\u00a0"):  # 'Fr. 50.–', 'CHF 1’250.50'
        return body[:lead] + body[lead + len(unit):].strip()
    close = ")" if body.endswith(")") else ""
    core = body[:len(body) - len(close)].rstrip()
    if unit and core.endswith(unit) and core[:-len(unit)].rstrip()[-1:].isdigit():
        return core[:-len(unit)].rstrip() + close
    return body if body != text.strip() else text


def resolve_data(name: str, content_dir: Path, pos: Pos) -> Path:
    """A data file named in content (`data: data/x.csv`), relative to the content folder and inside
    it, a regular file; raises ReportError at `pos` otherwise."""
    path = (content_dir / name)
    try:
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise ReportError([Diagnostic(f"data file {name!r} cannot be read: {exc}", pos)]) from None
    if not real.is_relative_to(content_dir.resolve()):
        raise ReportError([Diagnostic(f"data file {name!r} lies outside the content folder", pos,
                                      f"put the file into {DATA_DIR}/ in the content folder, e.g. data/werte.csv")])
    if not real.is_file():
        known = sorted(p.relative_to(content_dir).as_posix() for p in (content_dir / DATA_DIR).glob("*.csv")) \
            if (content_dir / DATA_DIR).is_dir() else []
        raise ReportError([Diagnostic(f"data file {name!r} does not exist", pos,
                                      f"known: {', '.join(known)}" if known
                                      else f"CSV files belong in {DATA_DIR}/ in the content folder")])
    if not name.lower().endswith(".csv"):
        raise ReportError([Diagnostic(f"data file {name!r} is not a .csv file", pos,
                                      "export the sheet as CSV (UTF-8) from your spreadsheet")])
    return real


def read_csv(path: Path, shown: Path | None = None) -> CsvData:
    """Read a CSV file (UTF-8, or Windows-1252 as Excel saves 'CSV' on Windows) with a header row; `,`, `;`
    or tab between cells."""
    shown = shown or path
    text = read_text(path, shown, windows=True)
    lines = text.splitlines()
    header_line = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_line is None:
        raise ReportError([Diagnostic("the CSV file is empty", Pos(shown),
                                      "the first row names the columns, the rows below hold the data")])
    first = lines[header_line]
    delimiter = max(";,\t", key=lambda d: (first.count(d), d == ";"))
    if not any(d in first for d in ";,\t"):  # one cell: the header, or a title above it (then the next line's)
        after = next((line for line in lines[header_line + 1:] if line.strip()), "")
        delimiter = max(";,\t", key=lambda d: (after.count(d), d == ";"))
    _no_title(text, delimiter, shown)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: list[Cell] = []
    rows: list[list[Cell]] = []
    short: list[Diagnostic] = []  # rows with too few or too many cells: all of them, in one run
    unnamed: list[Cell] = []  # empty names at the header's end, last first (dropped if their cells are empty)
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            cols = _columns(lines[line - 1] if line - 1 < len(lines) else "", delimiter, len(record))
            cells = [Cell(value.strip(), Pos(shown, line, col)) for value, col in zip(record, cols, strict=True)]
            if not columns:
                while len(cells) > 1 and not cells[-1].text:  # Excel's trailing empty columns: "Year,2024,2025,"
                    unnamed.append(cells.pop())
                columns = cells
                # the first column (row labels, categories) may have none, as accounts print it
                empty = next((c for c in cells[1:] if not c.text), None)
                if empty:
                    raise ReportError([Diagnostic("a column has no name in the header row", empty.pos,
                                                  "give every column a name in the first row (only the first, "
                                                  "the row labels, may have none)")])
                seen: dict[str, Cell] = {}
                for cell in cells:
                    if cell.text in seen:  # a table or chart names its columns: the second would never be read
                        raise ReportError([Diagnostic(
                            f"the header row names '{cell.text}' twice (also in column "
                            f"{cells.index(seen[cell.text]) + 1})", cell.pos,
                            "give every column its own name, e.g. '2025' and '2025 plan'")])
                    seen[cell.text] = cell
                continue
            if unnamed and len(cells) > len(columns):  # the cells under unnamed columns: empty, or a column's
                extra = next((c for c in cells[len(columns):] if c.text), None)  # name is missing
                if extra is not None:
                    k = len(columns) + cells[len(columns):].index(extra)
                    raise ReportError([Diagnostic(f"a column has no name in the header row (its row {line} holds "
                                                  f"{extra.text[:30]!r})", unnamed[::-1][k - len(columns)].pos,
                                                  "give every column a name in the first row")])
                cells = cells[:len(columns)]
            if len(cells) > len(columns) and not any(c.text for c in cells[len(columns):]):
                cells = cells[:len(columns)]  # Excel's empty cells at a row's end: "mai;18,0;20,7;"
            if len(cells) != len(columns):
                short.append(Diagnostic(f"row has {len(cells)} cells but the header has {len(columns)}",
                                        Pos(shown, line, 1),
                                        f"every row needs one cell per column ({delimiter!r} between cells); "
                                        "a decimal comma in a comma-separated file must be quoted"))
                continue
            rows.append(cells)
            if len(rows) > MAX_ROWS:
                raise ReportError([Diagnostic(f"more than {MAX_ROWS} rows", Pos(shown, line, 1),
                                              "a printed table or chart needs far fewer; aggregate the data")])
    except csv.Error as exc:
        raise ReportError([Diagnostic(f"the CSV file cannot be read: {exc}", Pos(shown, reader.line_num, 1),
                                      "check the quotes in this row")]) from None
    if short and not rows and len(short) > 1 and (other := _rows_separator(text, delimiter)):
        # every row one cell that the header's separator does not split: one message, not one per row
        raise ReportError([Diagnostic(f"the header row separates its cells with {delimiter!r}, the other rows with "
                                      f"{other!r}", short[0].pos, f"use one separator in the whole file: {delimiter!r} "
                                      f"in the rows too, or {other!r} in the header (a decimal comma in a ',' file "
                                      "is quoted: \"12,5\")")])
    if short:
        raise ReportError(short)
    return CsvData(path=shown, columns=columns, rows=rows, notation=EXCEL_SEMICOLON if delimiter == ";" else None)


def _rows_separator(text: str, delimiter: str) -> str | None:
    """The separator every row after the header uses where none uses the header's (None else)."""
    rows = [line for line in text.splitlines()[1:] if line.strip()]
    for other in ";,\t":
        if other != delimiter and rows and all(other in r and delimiter not in r for r in rows):
            return other
    return None


def _no_title(text: str, delimiter: str, shown: Path) -> None:
    """A title line above the header row, as Excel exports a sheet with its heading ("Ressources de la
    Fondation (k€);;;;"): an error that says so, where its first row has one cell filled and the next
    several (the header named its second column's empty cell, which sent its author off to name it)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    filled: list[tuple[int, list[str]]] = []
    try:
        for record in reader:
            cells = [cell.strip() for cell in record]
            if any(cells):
                filled.append((reader.line_num, cells))
            if len(filled) == 2:
                break
    except csv.Error:  # reported by the reading itself
        return
    if len(filled) < 2:
        return
    (line, title), (header, names) = filled
    if title[0] and not any(title[1:]) and sum(bool(n) for n in names) >= 2:
        shown_names = delimiter.join(names[:3]) + (delimiter + "…" if len(names) > 3 else "")
        raise ReportError([Diagnostic(
            f"the first row {title[0][:40]!r} looks like a title, not the header row that names the columns",
            Pos(shown, line, 1),
            f"delete it, so that the header row comes first (row {header}: {shown_names!r}); the title goes "
            "into the table's or chart's title:")])


def _columns(line: str, delimiter: str, count: int) -> list[int]:
    """1-based character column where each cell starts (quotes respected); 1 where unknown."""
    starts, quoted = [1], False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            starts.append(i + 2)
    return starts[:count] if len(starts) >= count else [1] * count
