"""Broken and hostile YAML: every problem named with file, line, column and a hint; nothing constructed."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.content import load_document
from report.errors import ReportError
from report.load import MAX_DEPTH, MAX_NODES, parse_yaml

from .hostile import at, diagnostics, edit, line_of, make_project, only


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_syntax_error_names_line_and_column(content):
    edit(content, "report.yaml", "title: Ein gutes", "title: [Ein gutes")
    d = only(diagnostics(content))
    line = line_of(content, "report.yaml", "title: [Ein")
    # PyYAML notices the problem on the next line; the message names where the list began
    at(d, "content/report.yaml", line + 1, 9)
    assert d.message == ("invalid YAML: expected ',' or ']', but got ':' "
                         f"(the flow sequence began at line {line}, column 8)")
    assert "indentation, colons and quotes" in d.hint


def test_a_key_without_its_colon_is_named_at_its_line(content):
    """A UK charity's `title Stories…`: the error stood at the line after it, said 'line 4', and its
    hint spoke only of text over several lines."""
    edit(content, "report.yaml", "title: Ein gutes", "title Ein gutes")
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "title Ein gutes"), 1)
    assert d.message.startswith(f"invalid YAML: line {d.pos.line} is neither a key nor indented text: "
                                "'title Ein gutes")
    assert d.hint.startswith("if 'title' is a key, write 'title: Ein gutes"), d.hint


def test_tab_indentation_is_explained(content):
    edit(content, "report.yaml", "  image: images", "\timage: images")
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "\timage"), 1)
    assert "tab" in d.hint


def test_duplicate_key_is_an_error_not_last_wins(content):
    edit(content, "report.yaml", "year: 2017\n", "year: 2017\nyear: 2018\n")
    d = only(diagnostics(content))
    first = line_of(content, "report.yaml", "year: 2017")
    at(d, "content/report.yaml", first + 1, 1)
    assert d.message == f"duplicate key 'year' (first given on line {first})"
    assert "remove or rename" in d.hint


def test_duplicate_key_in_nested_block(content):
    edit(content, "charts/aktivitaeten.yaml", "    qualifiers:", "    values: [1, 2, 3, 4]\n    qualifiers:")
    d = only(diagnostics(content))
    at(d, "content/charts/aktivitaeten.yaml", line_of(content, "charts/aktivitaeten.yaml", "values: [1, 2"), 5)
    assert "duplicate key 'values'" in d.message


def test_binary_file(content):
    (content / "sections" / "02-bilanz.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    d = only(diagnostics(content))
    at(d, "content/sections/02-bilanz.yaml", 0)
    assert "binary file" in d.message and "UTF-8" in d.hint


def test_latin1_file_names_the_encoding_and_the_place(content):
    path = content / "report.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    d = only(diagnostics(content))
    # the first non-ASCII character of the sample is the 'ü' of "Jahresrückblick" in a comment line
    lines = path.read_bytes().split(b"\n")
    line = next(i for i, text in enumerate(lines) if b"\xfc" in text)
    at(d, "content/report.yaml", line + 1, lines[line].index(b"\xfc") + 1)
    assert "not valid UTF-8" in d.message and "0xfc" in d.message
    assert "Latin-1" in d.hint and "UTF-8" in d.hint


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(content, text):
    (content / "sections" / "03-highlights.yaml").write_text(text, encoding="utf-8")
    d = only(diagnostics(content))
    at(d, "content/sections/03-highlights.yaml", 0)
    assert d.message == "the file is empty"
    assert d.hint


def test_empty_content_folder(tmp_path):
    (tmp_path / "content").mkdir()
    d = only(diagnostics(tmp_path / "content"))
    assert d.message == f"the content folder '{tmp_path / 'content'}' is empty"
    assert "report.yaml" in d.hint
    (tmp_path / "content" / "notes.txt").write_text("x")
    d = only(diagnostics(tmp_path / "content"))
    assert "report.yaml is missing" in d.message


def test_missing_content_folder(tmp_path):
    d = only(diagnostics(tmp_path / "nowhere"))
    assert "does not exist" in d.message and d.hint


def test_a_section_entry_indented_further_names_the_indentation(content):
    """`  - a.yaml` then `   - b.yaml` (one space more): YAML folds the two into one name."""
    text = (content / "report.yaml").read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line.startswith("  - sections/")]
    edit(content, "report.yaml", entries[-1], " " + entries[-1])
    d = only(diagnostics(content))
    assert d.message.endswith("does not exist: 2 entries read as one"), d.message
    assert d.pos.line == line_of(content, "report.yaml", entries[-2].strip()), d.pos
    assert f"after line {d.pos.line} is indented more" in d.hint and "same column" in d.hint


def test_alias_bomb_is_refused_within_bounds(content):
    """Nine levels of nine aliases would expand to 9**9 ≈ 387 million strings; the walk stops
    at MAX_NODES, so this finishes at once and in little memory."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    (content / "report.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    d = only(diagnostics(content))
    assert d.pos.line >= 1 and str(d.pos.file).endswith("report.yaml")
    assert "too many values" in d.message and "aliases" in d.hint
    assert 9 ** 9 > MAX_NODES * 100


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {sentinel}']",
    "!!python/object/new:os.system ['touch {sentinel}']",
    "!!python/name:os.system",
    "!!python/object:pathlib.Path {{}}",
    "!!binary aGVsbG8=",
    "!include /etc/passwd",
])
def test_language_tags_never_construct_anything(content, tmp_path, tag):
    sentinel = tmp_path / "constructed"
    edit(content, "report.yaml", "year: 2017", "year: " + tag.format(sentinel=sentinel))
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "year: !"), 7)
    written = tag.split()[0]
    assert d.message == f"unsupported YAML tag {written!r}"
    assert "remove" in d.hint
    assert not sentinel.exists()


def test_tagged_block_is_refused(content):
    edit(content, "report.yaml", "cover:\n", "cover: !!python/object:report.model.Cover\n")
    d = only(diagnostics(content))
    assert d.message == "unsupported YAML tag '!!python/object:report.model.Cover'"


def test_deep_nesting_is_refused_not_a_recursion_error():
    for depth in (MAX_DEPTH + 5, 20_000):
        with pytest.raises(ReportError) as exc:
            parse_yaml("a: " + "[" * depth + "]" * depth, Path("x.yaml"))
        assert "nested more than" in exc.value.diagnostics[0].message


def test_second_document_in_one_file(content):
    path = content / "charts" / "ziele.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "---\nkind: bar\n", encoding="utf-8")
    d = only(diagnostics(content))
    at(d, "content/charts/ziele.yaml", line_of(content, "charts/ziele.yaml", "---"))
    assert "'---'" in d.hint


def test_control_characters_in_text_are_refused(content):
    edit(content, "report.yaml", "title: Ein gutes Jahr", 'title: "Ein \\x07gutes\\u200b\\x00 Jahr')
    edit(content, "report.yaml", "Internationalisierung!\n", 'Internationalisierung!"\n')
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "title:"), 8)
    assert "U+0007" in d.message and "remove it" in d.hint


def test_unpaired_surrogate_in_file_is_refused_with_position():
    with pytest.raises(ReportError) as exc:
        parse_yaml("a: 1\nb: x\ud800\n", Path("s.yaml"))
    d = only(exc.value.diagnostics)
    assert (d.pos.line, d.pos.col) == (2, 5)
    assert "U+D800" in d.message


def test_non_mapping_top_level(content):
    (content / "report.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    d = only(diagnostics(content))
    at(d, "content/report.yaml", 1, 1)
    assert "expected a block of keys" in d.message


def test_content_file_linked_from_outside_is_not_read(content, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("kind: bar\n", encoding="utf-8")
    (content / "charts" / "leak.yaml").symlink_to(outside)
    d = only(diagnostics(content))
    assert str(d.pos.file).endswith("charts/leak.yaml")
    assert "outside the content folder" in d.message and "not read" in d.message


def test_section_outside_the_content_folder(content, tmp_path):
    (tmp_path / "evil.yaml").write_text("kind: text\n", encoding="utf-8")
    edit(content, "report.yaml", "  - sections/02-bilanz.yaml", "  - ../evil.yaml")
    d = only(diagnostics(content))
    at(d, "content/report.yaml", line_of(content, "report.yaml", "../evil.yaml"), 5)
    assert "outside the content folder" in d.message


def test_sample_still_loads(content):
    assert load_document(content).report.year == 2017


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_is_named_as_such(content, encoding):
    path = content / "report.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    d = only(diagnostics(content))
    assert d.message == "the file is saved as UTF-16, not UTF-8"
    assert "UTF-8" in d.hint


def test_file_given_instead_of_the_content_folder(content):
    d = only(diagnostics(content / "report.yaml"))
    assert d.message.endswith("report.yaml' is a file, not a content folder")


def test_a_misspelt_section_file_gets_a_did_you_mean(content):
    edit(content, "report.yaml", "sections/02-bilanz.yaml", "sections/02-bilans.yaml")
    d = only(diagnostics(content))
    assert d.message == "section file 'sections/02-bilans.yaml' does not exist"
    assert "; did you mean 'sections/02-bilanz.yaml'? (known: " in d.hint, d.hint


def test_a_section_file_not_written_yet_gets_no_far_fetched_did_you_mean(content):
    """'sections/08-esg.yaml', listed before it was written, got "did you mean 'sections/01-vorwort.yaml'?":
    folder and extension made any two names look alike. Only a close name is suggested, else the folder's."""
    edit(content, "report.yaml", "sections/02-bilanz.yaml", "sections/08-esg.yaml")
    d = only(diagnostics(content))
    assert "did you mean" not in d.hint and d.hint.startswith("no file of a similar name in sections, which has "
                                                              "sections/01-zahlen.yaml, "), d.hint
    assert "create it (a section file: 'kind: text', 'title:', 'blocks:') or remove its line from report.yaml" in d.hint
    edit(content, "report.yaml", "sections/08-esg.yaml", "sections/02-bilanzen.yaml")  # a typo still is one
    assert "did you mean 'sections/02-bilanz.yaml'?" in only(diagnostics(content)).hint


def test_the_themes_errors_come_with_the_contents_in_one_run(content, tmp_path):
    """A foundation's bad theme colours were reported only once its content errors were fixed."""
    from report.build import build
    (content / "theme.yaml").write_text('colours:\n  accent: {cmyk: [60, 70, 0, 0], rgb: "#zz0000"}\n',
                                        encoding="utf-8")
    edit(content, "report.yaml", "title: Ein gutes", "titel: Ein gutes")
    with pytest.raises(ReportError) as exc:
        build(content, tmp_path / "out", ["screen"])
    files = [d.pos.file.name for d in exc.value.diagnostics if d.pos.file]
    assert "report.yaml" in files and "theme.yaml" in files, [d.format() for d in exc.value.diagnostics]


def test_an_unknown_escape_in_double_quotes_is_explained():
    """`"Schulleiter\\*in"` (the escape a hint once suggested) gave the generic 'check indentation, colons and
    quotes': in double quotes a backslash starts an escape; single quotes keep it."""
    with pytest.raises(ReportError) as exc:
        parse_yaml('- "**Tobias Nguyen** – Schulleiter\\*in, Erfurt"\n')
    (d,) = exc.value.diagnostics
    assert d.pos.line == 1 and "\\* is none YAML knows" in d.message
    assert "single quotes" in d.hint and "\\\\*" in d.hint


def test_a_yaml_error_in_report_yaml_does_not_hide_the_sections_errors(content):
    """A duplicate `year:` in report.yaml was the only error of the run; a section's own came a run later.
    Its language and section list are read line by line where report.yaml is no YAML."""
    edit(content, "report.yaml", "year: 2017\n", "year: 2017\nyear: 2018\n")
    section = content / "sections" / "02-bilanz.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "  - heading: Am Ende\n", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_document(content)
    found = [(d.pos.file.name if d.pos.file else "", d.message) for d in exc.value.diagnostics]
    assert [f for f, _ in found] == ["report.yaml", "02-bilanz.yaml"], found
    assert "duplicate key 'year'" in found[0][1] and "is the last block" in found[1][1]


def test_a_hex_colour_without_quotes_is_named_as_a_comment(tmp_path):
    """Brand guides write colours as #00594f; unquoted, YAML reads a comment from the #. In a { } block
    that swallowed the closing brace ("expected ',' or '}', but got ':'" at the next line, hint: "check
    indentation"); on a line of its own the key had "no value" (hint: "write text after the colon")."""
    with pytest.raises(ReportError) as exc:
        parse_yaml('colours:\n  primary: {cmyk: [100, 20, 70, 45], rgb: #00594f}\n  accent: {cmyk: [0, 60, 90, 0]}\n',
                   Path("theme.yaml"))
    [d] = exc.value.diagnostics
    assert (d.pos.line, d.message, d.hint) == (
        2, "invalid YAML: '#00594f' after 'rgb:' starts a comment in YAML (a # after a space): the rest of line 2 "
           "is not read", 'put the value in quotes: rgb: "#00594f"')
    from report.theme import load_theme
    content = tmp_path / "content"
    content.mkdir()
    (content / "theme.yaml").write_text("colours:\n  primary:\n    cmyk: [100, 20, 70, 45]\n    rgb: #00594f\n",
                                        encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(content, tmp_path / "assets")
    [d] = [d for d in exc.value.diagnostics if "rgb" in d.message]
    assert (d.pos.line, d.message) == (4, "theme: colours: primary: rgb: a value is missing")
    assert d.hint == "'#00594f' after 'rgb:' starts a comment in YAML (a # after a space): put the value in " \
                     "quotes: rgb: \"#00594f\""


def test_an_optional_text_read_as_a_comment_is_a_warning(content):
    """`kicker: #1 in Thüringen`: YAML reads a comment from the #, the kicker was left empty without a word
    (a designer's section lost its kicker). A warning at its line says so, with the quoted line to write."""
    edit(content, "sections/03-highlights.yaml", "kicker: Highlights", "kicker: #1 in Thüringen")
    doc = load_document(content)
    [w] = [d for d in doc.warnings if "comment" in d.message]
    at(w, "content/sections/03-highlights.yaml", line_of(content, "sections/03-highlights.yaml", "kicker:"), None)
    assert w.message == ("section: kicker: left empty: '#1' after 'kicker:' starts a comment in YAML (a # after a "
                         "space)")
    assert w.hint == 'put the text in quotes: kicker: "#1 in Thüringen"'
    edit(content, "sections/03-highlights.yaml", "kicker: #1 in Thüringen", "kicker:   # later")  # a comment meant
    assert not [d for d in load_document(content).warnings if "comment" in d.message]
