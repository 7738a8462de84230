"""JSON Schema (draft 2020-12) of the content format, generated from the model classes.

One source of truth: the dataclasses in model.py and theme.py with their spec() descriptions,
examples and limits. `report schema` writes it; editors use it through the
`# yaml-language-server: $schema=…` line at the top of each content file.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import MISSING
from typing import Any, Literal

from .model import BLOCK_KINDS, BOX_KINDS, CHART_KINDS, SECTION_KINDS, AssetPath, Markup, Number, Report
from .model.reader import LENGTH_PATTERN, SPELLINGS, Length
from .theme import Theme

SCHEMA_ID = "https://report.example.org/schema/report.schema.json"
PER_FILE = {  # small schema files that editors can point at, one per kind of content file
    "report.schema.json": None,
    "section.schema.json": "Section",
    "chart.schema.json": "Chart",
    "theme.schema.json": "Theme",
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, tp: Any, meta: dict | None = None, partial: bool = False) -> dict:
        meta = meta or {}
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            return {"anyOf": [self.type_schema(inner[0], meta, partial), {"type": "null"}]}
        if origin is Literal:
            values = [*args, *(other for other, meant in SPELLINGS.items() if meant in args)]
            return {"const": values[0]} if len(values) == 1 else {"enum": values}
        if origin is list:
            out: dict[str, Any] = {"type": "array", "items": self.type_schema(args[0], meta, partial)}
            if meta.get("items"):
                out["minItems"], most = meta["items"]
                if most is not None:
                    out["maxItems"] = most
            return out
        if tp is Number:
            return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[-+−]?[\d.,  ]*\d$"}],
                    "description": "A number, printed exactly as written (99.98 → 99,98 in German); "
                                   "or text in the document's notation, e.g. '48.250'"}
        if dataclasses.is_dataclass(tp):
            ref = {"$ref": f"#/$defs/{self.define(tp, partial)}"}
            shorthand = getattr(tp, "SHORTHAND", None)  # a plain value may stand for the whole block
            if shorthand:
                field = next(f for f in dataclasses.fields(tp) if f.name == shorthand)
                return {"anyOf": [self.type_schema(typing.get_type_hints(tp)[shorthand], dict(field.metadata)), ref]}
            return ref
        if tp in (str, Markup, AssetPath):
            out = {"type": "string", "minLength": 0 if meta.get("empty") else 1}
            if meta.get("max_length"):
                out["maxLength"] = meta["max_length"]
            if tp is Markup:
                out["description"] = ("Text; inline markup: **bold**, *italic*, [text](https://…), a footnote "
                                      "reference [^1]; a bare https://… address becomes a link")
            if tp is AssetPath:
                out["description"] = "A file below assets/, e.g. images/cover.jpg"
            return out
        if tp is bool:
            return {"type": "boolean"}
        if tp is Length:  # millimetres as a number, or a number with its unit
            number: dict[str, Any] = {"type": "number"}
            if meta.get("between"):
                number["minimum"], number["maximum"] = meta["between"]
            return {"anyOf": [number, {"type": "string", "pattern": LENGTH_PATTERN,
                                       "description": "A length with its unit: mm, cm, in or pt, e.g. 0.75in"}]}
        if tp in (int, float):
            out = {"type": "integer" if tp is int else "number"}
            if meta.get("between"):
                out["minimum"], out["maximum"] = meta["between"]
            return out
        if tp is Any:
            return {}
        raise TypeError(f"no schema for {tp!r}")

    def define(self, cls: type, partial: bool = False) -> str:
        name = cls.__name__ + ("Override" if partial else "")
        if name in self.defs:
            return name
        self.defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        props, required = {}, []
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            if f.metadata.get("kinds"):
                schema = {"type": "array", "items": {"$ref": f"#/$defs/{self.blocks(f.metadata['kinds'])}"}}
            else:
                # a field the model reads itself (e.g. a table's rows) names its schema
                own = f.metadata.get("json_schema")
                schema = dict(own) if own else self.type_schema(hints[f.name], dict(f.metadata), partial)
            if f.metadata.get("description"):
                schema = {**schema, "description": f.metadata["description"]}
            if f.metadata.get("example") is not None:  # the German sample's, and an English one where it differs
                schema["examples"] = [f.metadata["example"]] + ([f.metadata["example_en"]]
                                                               if f.metadata.get("example_en") is not None else [])
            if f.default is not MISSING and not callable(f.default) and f.default is not None:
                schema["default"] = f.default
            props[f.name] = schema
            if not partial and f.default is MISSING and f.default_factory is MISSING:
                required.append(f.name)
        entry: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        if required:
            entry["required"] = required
        if not partial:  # rules across keys the class states itself, e.g. one signer or several
            entry.update(getattr(cls, "SCHEMA_RULES", {}))
        if cls.__doc__:
            entry["description"] = " ".join(cls.__doc__.split())
        self.defs[name] = entry
        return name

    def blocks(self, kinds: dict[str, tuple[type, str | None]]) -> str:
        """A definition for one block of a registry: a single key naming its kind."""
        name = "Block" if kinds is BLOCK_KINDS else "BoxBlock" if kinds is BOX_KINDS else "Block" + str(len(kinds))
        if name in self.defs:
            return name
        self.defs[name] = {}
        items = []
        for kind, (cls, shorthand) in kinds.items():
            ref = {"$ref": f"#/$defs/{self.define(cls)}"}
            if shorthand:
                field = next(f for f in dataclasses.fields(cls) if f.name == shorthand)
                plain = self.type_schema(typing.get_type_hints(cls)[shorthand], dict(field.metadata))
                ref = {"anyOf": [plain, ref]}
            items.append({"type": "object", "properties": {kind: ref}, "required": [kind],
                          "additionalProperties": False})
        where = "a text section" if kinds is BLOCK_KINDS else "a box" if kinds is BOX_KINDS else "a block list"
        self.defs[name] = {"description": f"One block of {where}: a single key naming its kind.", "oneOf": items}
        return name


def build_schema() -> dict[str, Any]:
    b = _Builder()
    root = b.define(Report)
    b.defs["Section"] = {"description": "A section file (sections/*.yaml), chosen by its kind.",
                         "oneOf": [{"$ref": f"#/$defs/{b.define(c)}"} for c in SECTION_KINDS.values()]}
    b.defs["Chart"] = {"description": "A chart file (charts/*.yaml), chosen by its kind.",
                       "oneOf": [{"$ref": f"#/$defs/{b.define(c)}"} for c in CHART_KINDS.values()]}
    b.blocks(BLOCK_KINDS)
    b.defs["Theme"] = {"description": "content/theme.yaml: overrides of the default design; every key optional.",
                       "$ref": f"#/$defs/{b.define(Theme, partial=True)}"}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
              "title": "report content: report.yaml", **b.defs[root], "$defs": b.defs}
    return schema


def schema_files() -> dict[str, str]:
    """File name → JSON text for the root schema and the per-file-type schemas that refer to it."""
    out = {}
    for name, target in PER_FILE.items():
        data = build_schema() if target is None else {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": f"report.schema.json#/$defs/{target}"}
        out[name] = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return out
