"""Metadata a print shop's upload check reads: XMP identifiers, and Info and XMP saying the same."""

from __future__ import annotations

import pikepdf

from report.build import build
from report.finish import PRODUCER

from .conftest import SAMPLE_CONTENT


def ids(path) -> dict[str, str]:
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        return {k: str(meta.get(f"xmpMM:{k}")) for k in ("DocumentID", "InstanceID", "VersionID",
                                                          "RenditionClass", "OriginalDocumentID")}


def test_document_id_is_stable_and_instance_id_new_per_build(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = ids(build(SAMPLE_CONTENT, tmp_path / "a", ["print"]).outputs[0].path)
    second = ids(build(SAMPLE_CONTENT, tmp_path / "b", ["print"]).outputs[0].path)
    assert first["DocumentID"] == second["DocumentID"] and first["DocumentID"].startswith("uuid:")
    assert first["InstanceID"] != second["InstanceID"]
    assert first["RenditionClass"] == "default" and first["VersionID"] == "1"


def test_instance_id_repeats_under_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    first = ids(build(SAMPLE_CONTENT, tmp_path / "a", ["print"]).outputs[0].path)
    second = ids(build(SAMPLE_CONTENT, tmp_path / "b", ["print"]).outputs[0].path)
    assert first == second


def test_info_and_xmp_agree_and_editions_have_their_own_ids(print_pdf, screen_pdf):
    with pikepdf.open(print_pdf) as pdf:
        info, meta = pdf.docinfo, pdf.open_metadata()
        subject = "Jahresrückblick 2017 – Bilanz der Außenwirtschaftsförderung"
        assert str(info.Subject) == meta["dc:description"] == subject
        assert str(info.Producer) == meta["pdf:Producer"] == PRODUCER
        assert str(info.Creator) == meta["xmp:CreatorTool"] == "report"
        assert str(info.Keywords) == meta["pdf:Keywords"]
        assert str(info.Title) == meta["dc:title"]
    printed, screen = ids(print_pdf), ids(screen_pdf)
    assert screen["RenditionClass"] == "screen"
    assert screen["DocumentID"] != printed["DocumentID"]
    assert screen["OriginalDocumentID"] == printed["OriginalDocumentID"]


def test_subtitle_repeating_the_organisation_is_printed_once(project):
    """explorer9 L2: `subtitle:` equal to `organisation:` printed „Stadtwerke Traunstadt GmbH · Stadtwerke
    Traunstadt GmbH“ in every running head; the year stands in its place there and on the cover."""
    from report.content import load_document
    from report.render import metadata

    text = (project / "report.yaml").read_text(encoding="utf-8")
    (project / "report.yaml").write_text(text.replace("subtitle: Jahresrückblick 2017",
                                                      "subtitle: thüringen  International"), encoding="utf-8")
    doc = load_document(project)
    assert metadata(doc, doc.locale())["running_head"] == "Thüringen International · 2017"
    assert doc.report.second_line == "2017"
