"""YAML → plain data that remembers where every value came from.

Only PyYAML's safe composer is used: nodes are walked by hand, so no tag can
construct an object, duplicate keys are errors instead of last-wins, and alias
expansion is bounded ("billion laughs").
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, Pos, ReportError

MAX_NODES = 200_000  # expanded nodes per file; real content stays far below
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40  # nesting of lists and blocks; the content model needs fewer than ten levels

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YMap(dict):
    """A mapping with the position of the mapping, of each key and of each value."""

    pos: Pos
    key_pos: dict[str, Pos]
    value_pos: dict[str, Pos]


class YSeq(list):
    """A sequence with the position of the sequence and of each item."""

    pos: Pos
    item_pos: list[Pos]


class YInt(int):
    """A whole number written in decimal digits; `source` is the text as written."""

    source: str


class YFloat(float):
    """A decimal number; `source` keeps the digits as written (99.98, 31.0, 48.250)."""

    source: str


class YPlain(str):
    """An unquoted scalar kept as its source text. `implicit` names what YAML 1.1 would have made
    of it ('int' for 010 or 0x1F, 'float' for 12:30 or .nan, 'bool' for yes/no/on/off, 'str'
    otherwise): the model decides whether it is text (kept as written) or a mistaken number."""

    implicit: str


_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9]\d*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?")
_BOOLS = {"true": True, "false": False}  # YAML 1.2: yes/no/on/off are text


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core scalars: only decimal numbers become numbers (with their source text kept),
    only true/false become booleans; octal, hex, sexagesimal (12:30), .nan and yes/no stay text."""
    text = node.value
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null":
        return None
    if kind == "int" and _DECIMAL_INT.fullmatch(text):
        out: Any = YInt(int(text))
    elif kind == "float" and _DECIMAL_FLOAT.fullmatch(text):
        out = YFloat(float(text))
    elif kind == "bool" and text.lower() in _BOOLS:
        return _BOOLS[text.lower()]
    else:  # plain: keep what was written, say what YAML 1.1 would have read
        out = YPlain(text)
        out.implicit = kind if kind in ("int", "float", "bool") else "str"
        return out
    out.source = text
    return out


def _shown_tag(tag: str) -> str:
    """A tag as the user wrote it: 'tag:yaml.org,2002:python/object' → '!!python/object'."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def pos_of(node: yaml.Node, file: Path | None) -> Pos:
    mark = node.start_mark
    return Pos(file, mark.line + 1, mark.column + 1)


class _Walker:
    def __init__(self, file: Path | None):
        self.file = file
        self.count = 0
        self.depth = 0
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def fail(self, node: yaml.Node, message: str, hint: str | None = None):
        raise ReportError([Diagnostic(message, pos_of(node, self.file), hint)])

    def walk(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self.fail(node, "the file expands to too many values (aliases nested too deep?)",
                      "avoid YAML anchors and aliases (&name / *name) in content files")
        if isinstance(node, yaml.CollectionNode):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self.fail(node, f"lists and blocks are nested more than {MAX_DEPTH} levels deep",
                          "content files need only a few levels; check the indentation and brackets")
            try:
                return self._walk_collection(node)
            finally:
                self.depth -= 1
        if node.tag == _TIMESTAMP:
            return node.value  # dates stay text; the model decides what they mean
        if node.tag not in _SCALAR_TAGS:
            self.fail(node, f"unsupported YAML tag {_shown_tag(node.tag)!r}",
                      "remove the tag; content files use plain text, numbers, lists and blocks only "
                      "(nothing in them is ever run or constructed)")
        if node.style:  # quoted or block text, unless tagged (!!int "5"); plain is None, or '' from libyaml
            return node.value if node.tag == "tag:yaml.org,2002:str" else self.constructor.construct_object(node)
        return _scalar(node)

    def _walk_collection(self, node: yaml.CollectionNode) -> Any:
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.fail(node, f"unsupported YAML tag {_shown_tag(node.tag)!r}",
                          "remove the '!' tag; content files use plain YAML only")
            out = YMap()
            out.pos, out.key_pos, out.value_pos = pos_of(node, self.file), {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(key_node, "YAML merge keys ('<<') are not supported",
                              "write the keys out in full")
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "a key must be a plain word", "write keys like 'title:'")
                key = str(key_node.value)
                if key in out:
                    first = out.key_pos[key]
                    self.fail(key_node, f"duplicate key '{key}' (first given on line {first.line})",
                              "each key may appear once per block; remove or rename one of them")
                out[key] = self.walk(value_node)
                out.key_pos[key] = pos_of(key_node, self.file)
                out.value_pos[key] = pos_of(value_node, self.file)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, f"unsupported YAML tag {_shown_tag(node.tag)!r}",
                          "remove the '!' tag; content files use plain YAML only")
            seq = YSeq()
            seq.pos, seq.item_pos = pos_of(node, self.file), []
            for item in node.value:
                seq.append(self.walk(item))
                seq.item_pos.append(pos_of(item, self.file))
        return seq


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: ~10× faster when PyYAML was built with it


def _compose(text: str) -> Any:
    """Compose with libyaml where available; a file it rejects is parsed again by the pure-Python
    loader, whose messages (and their positions) are the ones users see and tests pin down."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, UnicodeError):  # libyaml also stumbles on lone surrogates
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_yaml(text: str, file: Path | None = None) -> Any:
    """Parse one YAML document from text; raises ReportError with the position of any problem."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(file, mark.line + 1, mark.column + 1) if mark else Pos(file)
        problem = exc.problem or exc.context or "invalid YAML"
        ctx_mark = exc.context_mark
        if exc.problem and exc.context and ctx_mark and mark and ctx_mark.line != mark.line:
            what = re.sub(r"^while (parsing|scanning) (an? )?", "", exc.context)
            problem += f" (the {what} began at line {ctx_mark.line + 1}, column {ctx_mark.column + 1})"
        hint = "check indentation, colons and quotes around this place"
        explained = _explain(text, exc) if mark else None
        if explained:
            message, hint, *at = explained  # (the line it names, where that is not PyYAML's mark's)
            if at:
                line = text.splitlines()[at[0]]
                pos = Pos(file, at[0] + 1, 1 + len(line) - len(line.lstrip()))
            raise ReportError([Diagnostic(f"invalid YAML: {message}", pos, hint)]) from None
        if "\t" in problem or "'\\t'" in problem:
            hint = "YAML does not allow tab characters for indentation; use spaces"
        elif "another document" in problem:
            hint = "a content file holds one document: remove the '---' line and what follows, or split the file"
        raise ReportError([Diagnostic(f"invalid YAML: {problem}", pos, hint)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        pos = Pos(file, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ReportError([Diagnostic(f"invalid YAML: the character U+{char:04X} is not allowed in YAML files", pos,
                                      "remove it (control characters and unpaired surrogates cannot be printed)")]
                          ) from None
    except RecursionError:
        raise ReportError([Diagnostic(f"lists and blocks are nested more than {MAX_DEPTH} levels deep", Pos(file),
                                      "content files need only a few levels; check the indentation and brackets")]
                          ) from None
    except yaml.YAMLError as exc:
        raise ReportError([Diagnostic(f"invalid YAML: {exc}", Pos(file),
                                      "the file must be one YAML document")]) from None
    if root is None:
        return None
    return _Walker(file).walk(root)


_KEY = re.compile(r"^(\s*)(?:-\s+)*([^\s#:'\"][^#:]*?)\s*:(?:\s|$)")
# a key and a quoted value that closed, up to where YAML stumbled on what follows it: `- paragraph: "…" [^1]`
_QUOTED_THEN = re.compile(r"""^\s*(?:-\s+)*([^\s#:'"][^#:]*?)\s*:\s+(["'])(?:(?!\2).|\2\2|(?<=\\)")*\2\s*$""")


def _content_lines(lines: list[str], before: int) -> list[tuple[int, int, str]]:
    """(0-based line, indent, text) of the lines above `before` that hold something, nearest first."""
    out = []
    for no in range(min(before, len(lines)) - 1, -1, -1):
        stripped = lines[no].strip()
        if stripped and not stripped.startswith("#"):
            out.append((no, len(lines[no]) - len(lines[no].lstrip(" ")), lines[no]))
    return out


def _entry_at(above: list[tuple[int, int, str]], indent: int) -> tuple[int, Any] | None:
    """The list entry ('- key: …') whose dash stands at `indent`, with only lines indented deeper (its
    other keys) between it and the line below them: (its line, the match of its key)."""
    for no, ind, t in above:
        if ind > indent:
            continue
        item = re.match(r"^(\s*)-\s+([^\s#:'\"][^#:]*?)\s*:(?:\s|$)", t) if ind == indent else None
        return (no, item) if item else None
    return None


def _indented_more(lines: list[str], line: int, indent: int, name: str) -> tuple[str, str] | None:
    above = next(((no, ind, t) for no, ind, t in _content_lines(lines, line) if ind < indent), None)
    if above is None or not (prev := _KEY.match(above[2])):
        return None
    return (f"'{name}' is indented more than '{prev.group(2)}' above it at line {above[0] + 1}, "
            f"but '{prev.group(2)}' already has a value",
            f"keys of one block start in the same column: indent '{name}' like '{prev.group(2)}', "
            f"or, if it continues the text, use >- and indent the text below '{prev.group(2)}:'")


# a value that begins with # after a space (`rgb: #0b4a74`, `kicker: #1 in wind`): YAML reads a comment there
COMMENTED_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):[ \t]+(#[^\s,}\]]*)")


def commented_value(found: re.Match) -> tuple[str, str]:
    """(what happened, what to write) for a value YAML read as a comment: `found` matched COMMENTED_VALUE."""
    key, value = found.group(1), found.group(2)
    return (f"'{value}' after '{key}:' starts a comment in YAML (a # after a space)",
            f"put the value in quotes: {key}: \"{value}\"")


def _explain(text: str, exc: yaml.MarkedYAMLError) -> tuple[Any, ...] | None:
    """The common syntax mistakes in an author's terms: (message, hint), or (message, hint, the line
    it is at, counted from 0) where that is not PyYAML's mark's; None to keep PyYAML's."""
    mark, lines = exc.problem_mark, text.splitlines()
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = len(line) - len(line.lstrip(" "))
    key = _KEY.match(line)
    name = key.group(2) if key else line.strip()[:30]
    if key and line.lstrip().startswith("- "):
        name = "- " + name
    problem = exc.problem or ""
    if problem == "mapping values are not allowed here":
        if key and mark.column > key.end(2):  # not the key's own colon: one in the text after it
            # (as typed before the colon: a French "Résultat : …" keeps its space)
            field, shown = key.group(2), line[key.end():mark.column].lstrip()
            return (f"the text of '{field}' contains a colon followed by a space, which YAML reads as a new key",
                    f"quote the text or use >- for a paragraph, e.g. {field}: \"{shown}: …\"")
        return _indented_more(lines, mark.line, indent, name)
    if problem.startswith("expected <block end>") and (closed := _QUOTED_THEN.match(line[:mark.column])):
        # `paragraph: "… the year."[^1]`: a quoted text ends at its closing quote; what follows is no YAML
        after = re.sub(r"\s+#.*$", "", line[mark.column:]).strip()
        shown = after if len(after) <= 40 else after[:40].rsplit(" ", 1)[0] + " …"  # (at a space)
        space = " " if line[:mark.column].endswith(" ") else ""
        return (f"text after the closing quote of '{closed.group(1)}': {shown!r}",
                f"a quoted text ends at its closing quote: put what follows inside the quotes, e.g. "
                f"{closed.group(1)}: {closed.group(2)}…{space}{shown}{closed.group(2)}")
    if problem.startswith("expected <block end>"):
        above = _content_lines(lines, mark.line)
        if above and above[0][1] < indent:
            return _indented_more(lines, mark.line, indent, name)
        if (entry := _entry_at(above, indent)) and not line.lstrip().startswith("-"):
            no, item = entry  # a key at the dash of a list entry's line ('- date: …' / 'text: …'): meant for it
            return (f"'{name}' stands at the dash of the list entry at line {no + 1}, not under its "
                    f"'{item.group(2)}:'", f"indent '{name}' {item.start(2) - indent} spaces more, under "
                    f"'{item.group(2)}:', to make it part of that entry, or start a new entry with '- {name}:'")
        for no, ind, t in above:
            if ind < indent and (parent := _KEY.match(t)):
                return (f"'{name}' is indented less than the entries of '{parent.group(2)}:' above it at line "
                        f"{no + 1}", f"indent '{name}' like the other entries of '{parent.group(2)}:', or exactly as "
                        f"far as '{parent.group(2)}:' to end that block")
        return None
    if problem.startswith("found unknown escape character"):
        char = problem.rsplit(" ", 1)[-1].strip("'\"")
        return (f"in double quotes a backslash starts an escape, and \\{char} is none YAML knows",
                f"write the text in single quotes ('… \\{char} …' keeps the backslash as typed), or double the "
                f"backslash inside the double quotes (\\\\{char})")
    if problem.startswith("expected the node content, but found") and key and mark.column >= key.end():
        # a value that begins with , ] or } (decimal: ,): YAML's punctuation, not text
        value = re.sub(r"\s+#.*$", "", line[mark.column:]).strip()
        return (f"the value of '{key.group(2)}' begins with '{value[:1]}', which YAML reads as punctuation",
                f"put it in quotes: {key.group(2)}: \"{value}\"")
    if "flow" in (exc.context or "") and exc.context_mark is not None:
        # `{cmyk: [...], rgb: #0b4a74}`: the # after a space began a comment, which swallowed the closing }
        for no in range(exc.context_mark.line, min(mark.line, len(lines) - 1) + 1):
            if commented := COMMENTED_VALUE.search(lines[no]):
                why, fix = commented_value(commented)
                return f"{why}: the rest of line {no + 1} is not read", fix, no
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        start = exc.context_mark.line
        if start < len(lines) and not _KEY.match(lines[start]):
            bare = re.match(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*) +(\S.*?)(\s+#.*)?$", lines[start])
            # `title A section…` among keys: the colon after the key was left out (or a text's next line)
            colon = f"if '{bare.group(1)}' is a key, write '{bare.group(1)}: {bare.group(2)[:40]}'; " if bare else ""
            shown = re.sub(r"\s+#.*$", "", lines[start].strip())[:40]
            return (f"line {start + 1} is neither a key nor indented text: '{shown}'",
                    f"{colon}a text that goes on over several lines needs its key on a line of its own, e.g. "
                    "'lead: >-', and every line of text indented below it", start)
    return None


# what a Windows-1252 file of German, English or French text holds beyond ASCII (Excel's default CSV on
# Windows): the printable Latin-1 supplement (letters, ¹²³, ª º, ¢ £ ¥, § ° µ ½, ¬, the soft hyphen …) and
# Windows-1252's typographic marks (€, quotes, dashes, † •). Not ¤: ISO-8859-15 writes € there, and a
# table's currency read as ¤ would be silently wrong. A file whose bytes decode to anything else in
# Windows-1252 is in another encoding (a Mac's: ä reads as Š) and is refused as before.
_WINDOWS_TEXT = (frozenset("€‚„…†•‰–—‘’“”™") | frozenset(map(chr, range(0xA0, 0x100)))) - {"¤"}
# UTF-8's two- and three-byte forms of Latin-1 letters and signs (Ã¤ for ä, Â° for °) and of typographic
# marks (â€“ for –, â‚¬ for €): text a Windows-1252 file hardly ever holds, and a UTF-8 file always
# does beside the byte that broke it (a cell pasted from another file)
_UTF8_FORMS = re.compile(rb"[\xc2\xc3][\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")


def read_text(path: Path, shown: Path | None = None, windows: bool = False) -> str:
    """Read a UTF-8 text file, naming encoding problems by line and column. `windows`: a file that is
    not UTF-8 but reads as Windows-1252 text (see _WINDOWS_TEXT) is read as that."""
    shown = shown or path
    try:
        data = _read_regular(path, shown)
    except FileNotFoundError:
        raise ReportError([Diagnostic("file not found", Pos(shown),
                                      "check the file name and that it lies in the content folder")]) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReportError([Diagnostic("this file is a symbolic link that leads back to itself (a link loop)",
                                          Pos(shown), "replace the link with the file it should point to")]
                              ) from None
        raise ReportError([Diagnostic(f"cannot read file: {exc.strerror or exc}", Pos(shown))]) from None
    if _looks_utf16(data):
        raise ReportError([Diagnostic("the file is saved as UTF-16, not UTF-8", Pos(shown),
                                      "save it as UTF-8 (in Windows editors: 'Save as' → Encoding: UTF-8)")])
    if b"\x00" in data:
        raise ReportError([Diagnostic("this is a binary file, not YAML text", Pos(shown),
                                      "content files must be UTF-8 text")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if windows and not _UTF8_FORMS.search(data):
            legacy = data.decode("cp1252", errors="replace")
            odd = next((i for i, c in enumerate(legacy) if ord(c) > 127 and c not in _WINDOWS_TEXT), None)
            if odd is None:
                return legacy
            raise ReportError([_not_windows(data, odd, shown, legacy[odd])]) from None
        raise ReportError([_not_utf8(data, exc.start, shown)]) from None
    return text


_KINDS = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]


def _read_regular(path: Path, shown: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES. The size and kind are checked on the
    open file before anything is read: a pipe would block the build forever, a device never end, and
    a 4 GiB file would be read completely before a size check on its bytes."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise ReportError([Diagnostic(f"this is {what}, not a content file; it was not read", Pos(shown),
                                          "content files are ordinary YAML text files")])
        if info.st_size > MAX_FILE_BYTES:
            raise ReportError([Diagnostic(
                f"file is too large ({info.st_size / 1024 / 1024:.1f} MB) for a content file; at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB are read", Pos(shown),
                "content files hold text; put images into assets/")])
        chunks, left = [], MAX_FILE_BYTES + 1  # a file growing while it is read is cut off here
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise ReportError([Diagnostic(f"file is too large (more than {MAX_FILE_BYTES // 1024 // 1024} MB) for a "
                                      "content file", Pos(shown), "content files hold text; put images into assets/")])
    return data


def _place(data: bytes, at: int, utf8: bool) -> tuple[int, int]:
    """The line and column (in characters) of the byte at `at`."""
    start = data.rfind(b"\n", 0, at) + 1
    before = data[start:at]
    return data.count(b"\n", 0, at) + 1, len(before.decode("utf-8", errors="replace") if utf8 else before) + 1


def _as_windows(byte: int) -> str:
    """How Windows-1252 reads a byte: "'ü'", or that it leaves it undefined."""
    try:
        return f"'{bytes([byte]).decode('cp1252')}'"
    except UnicodeDecodeError:
        return "undefined"


def _not_utf8(data: bytes, at: int, shown: Path) -> Diagnostic:
    """A file that is not UTF-8 at `at`: where, and what the byte is in Windows-1252."""
    line, col = _place(data, at, utf8=True)
    byte = data[at]
    if _UTF8_FORMS.search(data):  # UTF-8 elsewhere: one cell or line pasted from a Windows-1252 file
        hint = (f"the rest of the file is UTF-8; this byte is {_as_windows(byte)} in Windows-1252 (text pasted from "
                "another file?): type the character again and save the file as UTF-8")
    else:
        hint = ("save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8); files saved as "
                f"Latin-1/Windows-1252 show this for characters such as ä, é or £ (this byte: {_as_windows(byte)})")
    return Diagnostic(f"the file is not valid UTF-8 (byte 0x{byte:02x} cannot be decoded)", Pos(shown, line, col), hint)


def _not_windows(data: bytes, at: int, shown: Path, char: str) -> Diagnostic:
    """A file that is neither UTF-8 nor Windows-1252 text: the first byte that reads as no character a
    spreadsheet writes."""
    line, col = _place(data, at, utf8=False)
    byte = data[at]
    what = "is undefined in Windows-1252" if char == "\ufffd" else f"reads as '{char}' in Windows-1252"
    hint = ("the file is in another encoding (a Mac's writes ä so: 'Š'; ISO-8859-15 writes € as '¤'): "
            "save it as UTF-8 (in Excel: 'CSV UTF-8')")
    return Diagnostic(f"the file is neither UTF-8 nor Windows-1252 text: byte 0x{byte:02x} {what}",
                      Pos(shown, line, col), hint)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 (Windows "Unicode" text, some spreadsheet exports): a byte-order mark, or text
    whose every other byte is NUL."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" in data[:2] and data.count(b"\x00") * 3 > len(data)


def load_yaml_file(path: Path, shown: Path | None = None) -> Any:
    """Read and parse one content file. `shown` is the path printed in messages."""
    shown = shown or path
    text = read_text(path, shown)
    data = parse_yaml(text, shown)
    if data is None:
        raise ReportError([Diagnostic("the file is empty", Pos(shown),
                                      "a content file needs at least its required keys")])
    return data
