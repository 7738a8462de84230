"""A text's `signatures:` block (an auditor's opinion, a management report signed by the board): the
place and date, then the signers side by side, kept with the end of the text they sign; built and
read back. Its errors at their lines."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from report.build import build
from report.content import load_document
from report.errors import ReportError

from .test_text_blocks import REPORT, make_project

OPINION = ("Nach unserer Beurteilung entspricht der Jahresabschluss den gesetzlichen Vorschriften und vermittelt ein "
           "möglichst getreues Bild der Vermögens- und Finanzlage der Gesellschaft. ")
SIGNERS = [{"name": "Mag. Georg Obermayr", "role": "Wirtschaftsprüfer", "signature": "images/unterschrift.png"},
           {"name": "Mag.a Julia Sturm", "role": "Wirtschaftsprüferin"}]


def _section(signatures: dict, filler: int = 5) -> dict:
    """A text, then signatures; five paragraphs before the last fill its first page so that the signatures
    do not fit under the last paragraph (they stood alone at the next page's top)."""
    return {"kind": "text", "title": "Bestätigungsvermerk", "page": "new",
            "blocks": [*({"paragraph": OPINION * 3} for _ in range(filler)), {"paragraph": OPINION},
                       {"signatures": signatures}]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unterschriften")
    content = make_project(root, {**REPORT, "sections": []},
                           {"vermerk": _section({"place": "Traunstadt, am 15. März 2027", "signatories": SIGNERS})})
    result = build(content, root / "out", ["screen"])
    assert not result.warnings, result.warnings
    return result.outputs[0].path


def test_the_signers_stand_side_by_side_under_the_place_with_the_end_of_the_text(built):
    with pdfplumber.open(built) as pdf:
        page = next(p for p in pdf.pages if "Obermayr" in (p.extract_text() or ""))
        words = page.extract_words()
        text = page.extract_text()
    top = {w["text"]: w["top"] for w in words}
    x0 = {w["text"]: w["x0"] for w in words}
    assert abs(top["Obermayr"] - top["Sturm"]) < 0.5 and x0["Sturm"] > x0["Obermayr"] + 60  # one row, two columns
    assert top["Traunstadt,"] < top["Obermayr"] and top["Wirtschaftsprüfer"] > top["Obermayr"]
    assert page.images and page.images[0]["top"] > top["Traunstadt,"]  # the signature between place and name
    # never alone at a page's top: the last paragraph (or its last lines) is on their page, above them
    assert "getreues Bild" in text and text.index("getreues Bild") < text.index("Traunstadt")


@pytest.mark.parametrize(("signatures", "message"), [
    ({"signatories": [{**SIGNERS[1], "portrait": "images/portrait.jpg", "portrait_alt": "Porträt"}]},
     "signatures: 'Mag.a Julia Sturm' has a portrait"),
    ({"signatories": [SIGNERS[1]] * 5}, "signatories"),
    ({"place": "Linz"}, "signatories"),
])
def test_a_signatures_block_is_checked_at_its_lines(tmp_path, signatures, message):
    content = make_project(tmp_path, {**REPORT, "sections": []}, {"vermerk": _section(signatures, filler=0)})
    with pytest.raises(ReportError) as err:
        load_document(content)
    diag = next(d for d in err.value.diagnostics if message in d.message)
    assert diag.pos.file.name == "vermerk.yaml" and diag.pos.line > 1
