"""Finishing: the reportlab PDF → the final file (charts placed, edition post-processing)."""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from typing import Any

import pikepdf

from .charts import ChartDrawing
from .clock import build_time, reproducible
from .editions import Edition
from .render import Rendered
from .shared_fonts import share_fonts
from .tagging.structure import write_structure
from .theme import Theme

_CHART_NAME = re.compile(rb"/(Rpt(?:Chart|Logo)_\w+) Do")  # charts and PDF logos


def place_charts(pdf: pikepdf.Pdf, charts: dict[str, ChartDrawing]) -> dict[str, Any]:
    """Give every page that paints a chart the chart's form XObject in its resources; returns the
    forms placed, by resource name."""
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
    return forms


def finish(rendered: Rendered, charts: dict[str, ChartDrawing], edition: Edition, theme: Theme,
           info: dict[str, Any]) -> bytes:
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        placed = place_charts(pdf, {**charts, **rendered.forms})
        # the charts' fonts, embedded whole by each chart: one program each, cut to the glyphs drawn
        share_fonts(pdf, [placed[c.resource_name[1:]] for c in charts.values() if c.resource_name[1:] in placed],
                    edition.cache)
        if rendered.tagger is not None:
            write_structure(pdf, rendered.tagger, info["title"])
        edition.finish(pdf, rendered.geometry, theme, info)
        write_metadata(pdf, info, edition, hashlib.sha256(rendered.pdf).hexdigest())
        out = io.BytesIO()
        # with SOURCE_DATE_EPOCH the document ID is derived from the content: byte-identical rebuilds
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 min_version=edition.pdf_version, deterministic_id=reproducible())
    return out.getvalue()


PRODUCER = "report (reportlab, pikepdf)"


def write_metadata(pdf: pikepdf.Pdf, info: dict[str, Any], edition: Edition, content_hash: str) -> None:
    """Info and XMP with the same title, author, subject, keywords, producer, creator and dates (PDF/X
    wants them in sync), plus the XMP media-management identifiers upload checks require:
    DocumentID stable across rebuilds of one report and edition (from name and year), InstanceID
    new for every build (random; under SOURCE_DATE_EPOCH from the content, so rebuilds are equal)."""
    when = build_time()
    stamp = pikepdf.String(when.strftime("D:%Y%m%d%H%M%SZ"))
    original = uuid.uuid5(uuid.NAMESPACE_URL, f"report:{info['id']}")
    document = uuid.uuid5(original, edition.name)
    instance = uuid.uuid5(document, f"{content_hash}:{when.isoformat()}") if reproducible() else uuid.uuid4()
    fields = {"/Title": info["title"], "/Author": info["author"], "/Subject": info["subject"],
              "/Keywords": info["keywords"], "/Producer": PRODUCER, "/Creator": "report"}
    for key, value in fields.items():
        pdf.docinfo[key] = pikepdf.String(value)
    pdf.docinfo["/CreationDate"] = pdf.docinfo["/ModDate"] = stamp
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = info["title"]
        meta["dc:creator"] = [info["author"]]
        meta["dc:description"] = info["subject"]
        meta["dc:language"] = [info["lang"]]
        meta["dc:format"] = "application/pdf"
        meta["pdf:Keywords"] = info["keywords"]
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreatorTool"] = "report"
        meta["xmp:CreateDate"] = meta["xmp:ModifyDate"] = meta["xmp:MetadataDate"] = when.isoformat()
        meta["xmpMM:OriginalDocumentID"] = f"uuid:{original}"
        meta["xmpMM:DocumentID"] = f"uuid:{document}"
        meta["xmpMM:InstanceID"] = f"uuid:{instance}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = edition.rendition
