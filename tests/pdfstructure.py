"""Reading a tagged PDF's structure tree with pikepdf, for the PDF/UA checks in tests.

veraPDF is not installable here; these checks cover what the portal's PDFs got wrong:
heading order, links inside links, leader dots as text, captions holding a table,
NonStruct wrappers and the language of foreign-language parts (/Lang).
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass, field

import pikepdf


@dataclass
class Element:
    type: str
    lang: str | None
    ancestors: list[str]
    children: list[Element] = field(default_factory=list)
    text: str = ""


def structure(pdf: bytes) -> list[Element]:
    """Every structure element in document order (with its ancestors' types)."""
    document = pikepdf.open(io.BytesIO(pdf))
    root = document.Root.get("/StructTreeRoot")
    assert root is not None, "the PDF is not tagged"
    role_map = root.get("/RoleMap", {})
    elements: list[Element] = []

    def walk(node, ancestors, inherited_lang):
        kids = node.get("/K")
        if kids is None:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            kind = str(kid.S)[1:]
            kind = str(role_map.get("/" + kind, "/" + kind))[1:]
            lang = str(kid.Lang) if "/Lang" in kid else None
            element = Element(kind, lang or inherited_lang, list(ancestors))
            if "/ActualText" in kid:
                element.text = str(kid.ActualText)
            elements.append(element)
            walk(kid, [*ancestors, kind], lang or inherited_lang)

    walk(root, [], str(document.Root.Lang) if "/Lang" in document.Root else None)
    return elements


def own_langs(pdf: bytes) -> set[str]:
    """The /Lang values set on structure elements themselves (not the document's)."""
    document = pikepdf.open(io.BytesIO(pdf))
    found = set()

    def walk(node, depth=0):
        kids = node.get("/K")
        if kids is None or depth > 60:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if "/Lang" in kid:
                    found.add(str(kid.Lang))
                walk(kid, depth + 1)

    walk(document.Root.StructTreeRoot)
    return found


def heading_skips(elements: list[Element]) -> list[str]:
    levels = [int(e.type[1]) for e in elements if re.fullmatch(r"H[1-6]", e.type)]
    return [f"H{a} → H{b}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def nested_links(elements: list[Element]) -> int:
    return sum(1 for e in elements if e.type == "Link" and "Link" in e.ancestors)


def tables_in_captions(elements: list[Element]) -> int:
    return sum(1 for e in elements if e.type == "Table" and "Caption" in e.ancestors)


def count(elements: list[Element], kind: str) -> int:
    return sum(1 for e in elements if e.type == kind)


def text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def struct_text(pdf: bytes, tmp_path) -> str:
    """`pdfinfo -struct-text`: the structure tree with the text of each element."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True
    ).stdout.decode()
