"""The JSON Schema: generated from the model, committed up to date, and every shipped file valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from report.cli import main
from report.schema import build_schema, schema_files

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = build_schema()


def validator(definition: str | None) -> jsonschema.Draft202012Validator:
    schema = SCHEMA if definition is None else {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema)


def content_folders() -> list[Path]:
    return [p.parent for p in ROOT.glob("**/report.yaml")
            if not {"site-packages", ".git", "tests", "src", "build"} & set(p.parts)]


def validate_folder(content: Path) -> list[str]:
    problems = []
    jobs = [(content / "report.yaml", None)]
    jobs += [(p, "Section") for p in (content / "sections").glob("*.yaml")]
    jobs += [(p, "Chart") for p in (content / "charts").glob("*.yaml")]
    if (content / "theme.yaml").is_file():
        jobs.append((content / "theme.yaml", "Theme"))
    for path, definition in jobs:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        problems += [f"{path}: {e.message}" for e in validator(definition).iter_errors(data)]
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if not first.startswith("# yaml-language-server: $schema="):
            problems.append(f"{path}: no yaml-language-server line")
        else:
            target = (path.parent / first.split("=", 1)[1]).resolve()
            if not target.is_file():
                problems.append(f"{path}: schema {target} does not exist")
    return problems


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["additionalProperties"] is False
    assert "title" in SCHEMA["required"]
    assert SCHEMA["properties"]["title"]["description"]


def test_committed_schema_files_are_up_to_date():
    for name, text in schema_files().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"run: report schema -o schema ({name})"


def test_every_shipped_content_file_validates(tmp_path):
    folders = content_folders()
    assert ROOT / "content" in folders and ROOT / "examples" / "en" / "content" in folders
    assert main(["init", str(tmp_path / "new")]) == 0  # the init templates, as a user gets them
    assert main(["init", "--language", "en-GB", str(tmp_path / "en")]) == 0
    for folder in [*folders, tmp_path / "new" / "content", tmp_path / "en" / "content"]:
        assert validate_folder(folder) == [], folder


@pytest.mark.parametrize("bad, fragment", [
    ({"kind": "text", "title": "T", "blocks": [{"paragraf": "x"}]}, "Section"),
    ({"kind": "bar", "title": "T"}, "Chart"),
    ({"kind": "text", "title": "T", "blocks": [], "farbe": "rot"}, "Section"),
    ({"kind": "text", "title": "T", "blocks": [{"box": {"blocks": [{"chart": "x"}]}}]}, "Section"),
    ({"kind": "text", "title": "T", "blocks": [{"list": {"style": "roman", "items": ["a"]}}]}, "Section"),
    ({"kind": "text", "title": "T", "blocks": [], "columns": 3}, "Section"),
    ({"kind": "text", "title": "T", "blocks": [{"image": {"image": "images/a.jpg", "alt": "A"}}]}, "Section"),
    ({"kind": "text", "title": "T", "blocks": [{"image": {"image": "images/a.jpg", "alt": "A", "size": "page",
                                                          "focus": "left"}}]}, "Section"),
    ({"kind": "text", "title": "T", "blocks": [{"image": {"image": "images/a.jpg", "alt": "A", "size": "page",
                                                          "focus": [30, 120]}}]}, "Section"),
])
def test_schema_rejects_what_the_loader_rejects(bad, fragment):
    assert list(validator(fragment).iter_errors(bad))


def test_schema_lets_only_a_page_photo_go_without_a_caption():
    photo = {"kind": "text", "title": "T", "blocks": [{"image": {"image": "images/a.jpg", "alt": "A", "size": "page"}},
                                                      {"paragraph": "x"}]}
    assert not list(validator("Section").iter_errors(photo))


def test_theme_schema_takes_lengths_and_custom_page_sizes():
    """The documented [210, 280] was refused ("is not of type 'string'"); lengths take a unit."""
    theme = validator("Theme")
    for good in ({"page": {"size": [210, 280]}}, {"page": {"size": ["8.5in", "11in"]}}, {"page": {"size": "Letter"}},
                 {"page": {"margin_inner": "0.75in", "margin_outer": "19 mm", "bleed": "0.125in"}},
                 {"text": {"column_gap": "6mm"}}, {"page": {"margin_inner": 24}}):
        assert not list(theme.iter_errors(good)), good
    for bad in ({"page": {"size": [210]}}, {"page": {"margin_inner": "2 ft"}}, {"page": {"margin_inner": 5}},
                {"page": {"bleed": 2}}):
        assert list(theme.iter_errors(bad)), bad


def test_schema_command_prints_json(capsys):
    assert main(["schema"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["$schema"].endswith("2020-12/schema")


def test_the_british_centre_reads_as_center(tmp_path):
    """align: centre was refused ('did you mean center?') while the donut's key is spelt centre:."""
    from report.content import load_document
    assert main(["init", "--language", "en-GB", str(tmp_path / "en")]) == 0
    section = tmp_path / "en" / "content" / "sections" / "04-columns.yaml"
    text = section.read_text(encoding="utf-8")
    assert "      align: centre " in text  # the English template spells it so
    section.write_text(text.replace("      width: 100 ", "      width: 60 ", 1), encoding="utf-8")
    doc = load_document(tmp_path / "en" / "content")
    figures = [b for s in doc.sections for b in getattr(s, "blocks", []) if type(b).__name__ == "Figure"]
    assert [f.align for f in figures] == ["center"]
    assert validate_folder(tmp_path / "en" / "content") == []
