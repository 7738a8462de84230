"""Write the recorded structure into the PDF: StructTreeRoot, ParentTree, Link OBJRs, MarkInfo."""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from . import Elem, Tagger


def _inside(rect: Any, box: tuple[float, float, float, float]) -> bool:
    x = (float(rect[0]) + float(rect[2])) / 2
    y = (float(rect[1]) + float(rect[3])) / 2
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _target(annot: Any) -> str:
    """What a link's text usually shows of its target: the address without mailto: or the scheme."""
    action = annot.get("/A")
    uri = str(action.get("/URI", "")) if action is not None else ""
    for prefix in ("mailto:", "https://", "http://"):
        if uri.startswith(prefix):
            return uri[len(prefix):].rstrip("/")
    return uri


def _by_position(rect: list[float], annot: Any, candidates: list[tuple[int, Elem]]) -> int:
    """The element on the page that holds the link: its box holds the link's middle; of several
    (boxes touch or overlap), the one whose words show the link's target, then the smallest box."""
    target = _target(annot)
    best, best_key = 0, None
    for i, e in candidates:
        assert e.bbox is not None
        if not _inside(rect, e.bbox[1]):
            continue
        box = e.bbox[1]
        key = (not (target and target in e.text), (box[2] - box[0]) * (box[3] - box[1]))
        if best_key is None or key < best_key:
            best, best_key = i, key
    return best


def _assign_links(pdf: pikepdf.Pdf, tagger: Tagger) -> list[tuple[int, Any, int, str]]:
    """(page, annotation, element, text) for every link annotation: recorded TOC links by their
    rectangle; a link drawn inside a marked-content sequence (a link in a paragraph's, list item's
    or cell's text) to that sequence's element; any other by the element whose box holds it, else
    the Document."""
    found = []
    # looked up by page: scanning every link and element for every annotation grew with the square
    # of the document's length (a contents page with a link per section)
    links_on: dict[int, list[Any]] = {}
    for m in tagger.links:
        links_on.setdefault(m.page, []).append(m)
    elems_on: dict[int, list[tuple[int, Elem]]] = {}
    for i, e in enumerate(tagger.elems):
        if e.bbox:
            elems_on.setdefault(e.bbox[0], []).append((i, e))
    for page_no, page in enumerate(pdf.pages):
        for n, annot in enumerate(page.obj.get("/Annots", [])):
            if annot.get("/Subtype") != "/Link":
                continue
            rect = [float(v) for v in annot.Rect]  # once: each pikepdf access converts again
            mark = next((m for m in links_on.get(page_no, []) if _inside(rect, m.rect)), None)
            if mark is not None:
                owner, text = mark.elem, mark.text
            else:
                owner = tagger.annots.get((page_no, n))
                if owner is None:
                    owner = _by_position(rect, annot, elems_on.get(page_no, []))
                text = ""
            found.append((page_no, annot, owner, text))
    return found


def write_structure(pdf: pikepdf.Pdf, tagger: Tagger, title: str) -> None:
    pages = [p.obj for p in pdf.pages]
    links = _assign_links(pdf, tagger)
    link_elems: dict[int, list[tuple[int, Any]]] = {}
    numbers = {page.objgen: i for i, page in enumerate(pages)}
    texts_on: dict[int, list[Elem]] = {}  # the elements with words, by page: where a link may lead
    for e in tagger.elems:
        if e.text and e.bbox is not None:
            texts_on.setdefault(e.bbox[0], []).append(e)
    for page_no, annot, owner, text in links:
        link_elems.setdefault(owner, []).append((page_no, annot))
        if not str(annot.get("/Contents", "")).strip():  # reportlab writes an empty one
            annot.Contents = pikepdf.String(text or _link_text(annot, tagger, owner, numbers, texts_on))

    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    made: dict[int, Any] = {}
    by_page: dict[int, dict[int, Any]] = {}
    annot_parents: list[tuple[Any, Any]] = []
    ids: list[tuple[str, Any]] = []  # (ID, element) for the IDTree

    def build(idx: int, parent: Any) -> Any:
        e: Elem = tagger.elems[idx]
        node = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + e.role), P=parent))
        if e.alt:
            node.Alt = pikepdf.String(e.alt)
        if e.attrs:  # ISO 32000-1 14.8.5.7: table attributes, owner /Table
            node.A = Dictionary(O=Name.Table, **{k: Name("/" + v) for k, v in e.attrs.items()})
        if idx == 0 or e.lang:
            node.Lang = pikepdf.String(e.lang or tagger.lang)
        if e.role == "Note":  # PDF/UA-1 7.9: a Note has an ID (Matterhorn 19-003), unique in the IDTree
            ids.append((f"note-{len(ids) + 1}", node))
            node.ID = pikepdf.String(ids[-1][0])
        made[idx] = node
        kids: list[Any] = []
        first_page = None
        for kid in e.kids:
            if kid[0] == "elem":
                kids.append(build(kid[1], node))
            elif kid[0] == "mcr":
                _, page, mcid = kid
                first_page = page if first_page is None else first_page
                if page == first_page:
                    kids.append(mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[page], MCID=mcid))
                by_page.setdefault(page, {})[mcid] = node
        if first_page is not None:
            node.Pg = pages[first_page]
        for page_no, annot in link_elems.get(idx, []):
            link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=node, Pg=pages[page_no]))
            link.K = Array([Dictionary(Type=Name.OBJR, Obj=annot, Pg=pages[page_no])])
            annot_parents.append((annot, link))
            kids.append(link)
        node.K = Array(kids)
        return node

    document = build(0, root)
    nums: list[Any] = []  # a Python list made into one Array at the end: pikepdf's Array.extend copies
    # the whole array each time, which made this step quadratic in the number of pages
    for page_no, page in enumerate(pages):
        page.StructParents = page_no
        page.Tabs = Name.S  # tab order follows the structure
        marks = by_page.get(page_no, {})
        nums.extend([page_no, Array([marks[m] for m in sorted(marks)])])
    next_key = len(pages)
    for annot, link in annot_parents:
        annot.StructParent = next_key
        nums.extend([next_key, link])
        next_key += 1
    root.K = document
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = next_key
    if ids:  # a name tree of one node: its keys in byte order (ISO 32000-1, 7.9.6)
        names: list[Any] = []
        for key, node in sorted(ids, key=lambda kv: kv[0].encode()):
            names.extend([pikepdf.String(key), node])
        root.IDTree = pdf.make_indirect(Dictionary(Names=Array(names)))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.register_xml_namespace("http://www.aiim.org/pdfua/ns/id/", "pdfuaid")
        meta["pdfuaid:part"] = "1"
        meta["dc:title"] = title
        meta["dc:language"] = [tagger.lang]


# what a link to an address says it leads to, by the address's scheme: the label before it
_SCHEMES = (("mailto:", "email"), ("tel:", "phone"), ("", "web"))
TARGET_WORDS = 12  # a link's description names its target by at most this many of its first words


def _link_text(annot: Any, tagger: Tagger, owner: int, numbers: dict, texts_on: dict) -> str:
    """A link's description (its /Contents, which PDF/UA requires and a screen reader speaks after
    "link"), in the language of the text that holds it: where it leads — an address with what it is
    ("Website: https://…", "E-mail: info@…"), or the heading (or text) at the place inside the
    document and its page ("Zuivering, pagina 11")."""
    from ..locale import get_locale
    lang = owner
    while lang is not None and not tagger.elems[lang].lang:
        lang = tagger.elems[lang].parent
    labels = get_locale(tagger.elems[lang].lang if lang is not None else tagger.lang).labels
    action = annot.get("/A")
    if action is not None and "/URI" in action:
        uri = str(action.URI)
        prefix, label = next((p, k) for p, k in _SCHEMES if uri.startswith(p))
        return f"{labels[label]}: {uri[len(prefix):]}"
    dest = annot.get("/Dest")
    if dest is None and action is not None:
        dest = action.get("/D")
    if not isinstance(dest, Array) or len(dest) < 2 or dest[0].objgen not in numbers:
        shown = tagger.elems[owner].text.split()  # (a named destination: the layout writes none)
        return " ".join(shown[:TARGET_WORDS]) or labels["page"]
    page = numbers[dest[0].objgen]
    top = float(dest[3]) if len(dest) > 3 and str(dest[1]) == "/XYZ" and dest[3] is not None else None
    role, text = _text_at(texts_on.get(page, []), top)
    words = text.split()
    if tagger.elems[owner].role == "Note" and role != "Note" and "back_to_text" in labels:
        return labels["back_to_text"].format(page=page + 1)  # a footnote's number, back to its mark in the text
    if role == "Note" and words:  # a footnote by its number: "Voetnoot 1"
        target = f"{labels['footnote']} {words[0]}"
    else:
        target = " ".join(words[:TARGET_WORDS]) + (" …" if len(words) > TARGET_WORDS else "")
    return labels["link_to"].format(target=target, page=page + 1) if target else f"{labels['page']} {page + 1}"


def _text_at(elems: list[Elem], top: float | None) -> tuple[str, str]:
    """The role and words of the element (of those with words on the page) a destination at `top`
    points to: the one whose box holds it (a footnote mark's line), else the first below it (a
    heading drawn under the point marked)."""
    best, best_key = ("", ""), None
    for e in elems:
        assert e.bbox is not None
        box = e.bbox[1]
        if top is None:
            key = (0.0, -box[3])  # the page's first text
        elif box[1] - 1 <= top <= box[3] + 1:
            key = (0.0, box[3] - box[1])  # holds it: the smallest that does
        elif box[3] < top:
            key = (1.0, top - box[3])  # below it: the nearest
        else:
            continue
        if best_key is None or key < best_key:
            best, best_key = (e.role, e.text), key
    return best
