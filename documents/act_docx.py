"""Word files of local acts (pure builders): the act per GOST R 7.0.97 with its approval marks,
the difference between two versions with the changes marked, and reading an uploaded act."""
from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core.docx_fields import add_page_number
from core.uploads import open_docx
from documents.content import Block, numbered
from documents.diff import DiffRow

BULLET = re.compile(r"^[-–—•]\s*")
KIND_HEADINGS = {"polozhenie": "ПОЛОЖЕНИЕ", "reglament": "РЕГЛАМЕНТ", "poryadok": "ПОРЯДОК",
                 "pravila": "ПРАВИЛА", "instruktsiya": "ИНСТРУКЦИЯ", "plan": "ПЛАН"}


def _base_document(font_size: int):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(font_size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """A centred PAGE field in the header (GOST: numbers at the top, centred)."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(paragraph.add_run())


def _marks_block(doc, marks: list[str]) -> None:
    if not marks:
        return
    table = doc.add_table(rows=1, cols=2)
    left = [m for m in marks if not m.startswith("УТВЕРЖДЕНО")]
    right = [m for m in marks if m.startswith("УТВЕРЖДЕНО")]
    for cell, texts in zip(table.rows[0].cells, (left, right), strict=True):
        cell.width = Cm(8.2)
        cell.text = ""
        for i, text in enumerate(texts):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.add_run(text).font.size = Pt(12)
    doc.add_paragraph()


def act_docx(org_name: str, kind_code: str, title: str, blocks: list[Block], marks: list[str],
             font_size: int = 14, violation: str = "") -> bytes:
    """The act as a Word document: marks, organisation, kind, title, numbered text, page numbers."""
    doc = _base_document(font_size)
    _marks_block(doc, marks)
    for text, bold in ((org_name, False), (KIND_HEADINGS.get(kind_code, ""), True), (title, True)):
        if text:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text).bold = bold
    if violation:
        p = doc.add_paragraph()
        run = p.add_run(f"Принят с нарушением порядка: {violation}")
        run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)
    for number, block in numbered(blocks):
        p = doc.add_paragraph()
        if block.kind == "section":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(f"{number} {block.text}").bold = True
            continue
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.25)
        p.add_run(f"{number} {block.text}" if number else f"– {block.text}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def diff_docx(title: str, old_label: str, new_label: str, rows: list[DiffRow]) -> bytes:
    """The difference between two versions: removed text struck through in red, added underlined
    in green, unchanged text plain."""
    doc = _base_document(12)
    doc.add_paragraph().add_run(f"{title}\nСравнение: {old_label} → {new_label}").bold = True
    for row in rows:
        p = doc.add_paragraph()
        if row.op == "equal":
            p.add_run(row.new.text)
        elif row.op == "added":
            _mark_run(p.add_run(row.new.text), "+")
        elif row.op == "removed":
            _mark_run(p.add_run(row.old.text), "-")
        else:
            for op, text in row.words:
                run = p.add_run(text)
                if op != "=":
                    _mark_run(run, op)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _mark_run(run, op: str) -> None:
    if op == "+":
        run.font.underline = True
        run.font.color.rgb = RGBColor(0x1C, 0x7C, 0x3A)
    else:
        run.font.strike = True
        run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)


def read_act_docx(data: bytes, filename: str) -> str:
    """An uploaded act (checked, see core.uploads) → editor markup: headings become sections, list
    paragraphs items; leading numbers ("1.2.") are dropped since the text is renumbered."""
    doc = open_docx(data, filename)
    lines: list[str] = []
    for p in doc.paragraphs:
        text = " ".join(p.text.split())
        if not text:
            continue
        style = (p.style.name or "").lower()
        bare = re.sub(r"^\d+(\.\d+)*\.?\s+", "", text)
        if style.startswith(("heading", "заголовок")) or (re.match(r"^\d+\.\s+\S", text) and
                                                          len(text) < 90 and text == text.rstrip(".")):
            lines += ["", f"# {bare}", ""]
        elif "list" in style or re.match(r"^[-–—•]\s", text):
            lines.append("- " + BULLET.sub("", text))
        else:
            lines += ["", bare, ""]
    return "\n".join(lines)
