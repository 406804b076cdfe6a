"""Word field codes python-docx has no API for (pure helpers over the document XML)."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def add_page_number(run) -> None:
    """Append a PAGE field to a run: Word and LibreOffice print the page's number there."""
    for tag, kind in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if kind:
            el.set(qn("w:fldCharType"), kind)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        run._r.append(el)
