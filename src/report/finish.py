"""Finishing: the reportlab PDF → the final file (charts placed, edition post-processing)."""

from __future__ import annotations

import io
import re
from typing import Any

import pikepdf

from .charts import ChartDrawing
from .clock import build_time, reproducible
from .editions import Edition
from .render import Rendered
from .tagging.structure import write_structure
from .theme import Theme

_CHART_NAME = re.compile(rb"/(Rpt(?:Chart|Logo)_\w+) Do")  # charts and PDF logos


def place_charts(pdf: pikepdf.Pdf, charts: dict[str, ChartDrawing]) -> None:
    """Give every page that paints a chart the chart's form XObject in its resources."""
    by_name = {c.resource_name[1:]: c for c in charts.values()}
    forms: dict[str, Any] = {}
    for page in pdf.pages:
        names = set(_CHART_NAME.findall(page.Contents.read_bytes() if "/Contents" in page.obj else b""))
        for raw in sorted(names):
            name = raw.decode()
            if name not in forms:
                with pikepdf.open(io.BytesIO(by_name[name].pdf)) as src:
                    forms[name] = pdf.copy_foreign(src.pages[0].as_form_xobject())
            if "/Resources" not in page.obj:
                page.obj.Resources = pikepdf.Dictionary()
            if "/XObject" not in page.obj.Resources:
                page.obj.Resources.XObject = pikepdf.Dictionary()
            page.obj.Resources.XObject[pikepdf.Name("/" + name)] = forms[name]


def finish(rendered: Rendered, charts: dict[str, ChartDrawing], edition: Edition, theme: Theme,
           info: dict[str, Any]) -> bytes:
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        place_charts(pdf, {**charts, **rendered.forms})
        stamp = build_time().strftime("D:%Y%m%d%H%M%SZ")
        pdf.docinfo["/CreationDate"] = pdf.docinfo["/ModDate"] = pikepdf.String(stamp)
        if rendered.tagger is not None:
            write_structure(pdf, rendered.tagger, info["title"])
        edition.finish(pdf, rendered.geometry, theme, info)
        out = io.BytesIO()
        # with SOURCE_DATE_EPOCH the document ID is derived from the content: byte-identical rebuilds
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 min_version=edition.pdf_version, deterministic_id=reproducible())
    return out.getvalue()
