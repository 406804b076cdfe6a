"""The director's order as a Word document per GOST R 7.0.97 (L12), with its annexes (pure)."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from core.formatting import short_date
from documents.content import Block, numbered


@dataclass(frozen=True)
class OrderItemText:
    """An item as printed: text, responsible, deadline."""

    text: str
    responsible: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class AnnexText:
    """An annexed act: its title and text."""

    title: str
    blocks: list[Block]


@dataclass(frozen=True)
class OrderText:
    """Everything the order prints."""

    org_name: str
    number: str
    reg_date: date | None
    place: str
    heading: str
    preamble: str
    items: list[OrderItemText]
    control_clause: str
    signatory_position: str
    signatory_name: str
    annexes: list[AnnexText] = field(default_factory=list)


def _para(doc, text: str = "", *, bold=False, align=None, indent=False, size=None):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.25)
    return p


def _two_columns(doc, left: str, right: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    a, b = table.rows[0].cells
    a.width, b.width = Cm(10), Cm(6.5)
    a.text, b.text = left, right
    b.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _item_line(n: int, item: OrderItemText) -> str:
    tail = []
    if item.responsible:
        tail.append(f"Ответственный: {item.responsible}.")
    if item.deadline:
        tail.append(f"Срок: {short_date(item.deadline)}.")
    text = item.text.rstrip(".;") + "."
    return f"{n}. {text} {' '.join(tail)}".strip()


def order_docx(o: OrderText) -> bytes:
    """Organisation, ПРИКАЗ, date and number, place, heading, stating part, ПРИКАЗЫВАЮ:, items,
    control clause, signature block, annex list and the annexes with their approval marks."""
    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    _para(doc, o.org_name, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "ПРИКАЗ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=16)
    _two_columns(doc, short_date(o.reg_date) if o.reg_date else "«___» ________ 20__ г.",
                 f"№ {o.number}" if o.number else "№ ____")
    _para(doc, o.place, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, o.heading, bold=True)
    if o.preamble:
        _para(doc, o.preamble, indent=True).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "ПРИКАЗЫВАЮ:", bold=True)
    for n, item in enumerate(o.items, 1):
        _para(doc, _item_line(n, item), indent=True).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, f"{len(o.items) + 1}. {o.control_clause}", indent=True)
    _para(doc)
    _two_columns(doc, o.signatory_position, o.signatory_name)
    if o.annexes:
        _para(doc)
        _para(doc, "Приложения:")
        for n, annex in enumerate(o.annexes, 1):
            _para(doc, f"{n}. {annex.title}.")
    for n, annex in enumerate(o.annexes, 1):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        mark = f"Приложение {n}\nУТВЕРЖДЕНО приказом от {short_date(o.reg_date)} № {o.number}" \
            if o.number else f"Приложение {n}"
        _para(doc, mark, align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)
        _para(doc, annex.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for number, block in numbered(annex.blocks):
            p = _para(doc, f"{number} {block.text}" if number else f"– {block.text}", bold=block.kind == "section")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.kind == "section" else WD_ALIGN_PARAGRAPH.JUSTIFY
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class SheetRow:
    """A line of the acquaintance sheet."""

    name: str
    position: str
    confirmed: str


def acquaintance_sheet_docx(org_name: str, subject: str, rows: list[SheetRow]) -> bytes:
    """Лист ознакомления: №, ФИО, должность, дата, подпись (L15), for signing on paper."""
    doc = Document()
    doc.styles["Normal"].font.name, doc.styles["Normal"].font.size = "Times New Roman", Pt(12)
    _para(doc, org_name, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "ЛИСТ ОЗНАКОМЛЕНИЯ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"с {subject}", align=WD_ALIGN_PARAGRAPH.CENTER)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("№", "ФИО", "Должность", "Дата", "Подпись"), strict=True):
        cell.text = text
    for n, r in enumerate(rows, 1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = str(n), r.name, r.position, r.confirmed
    for col, width in zip(table.columns, (1.0, 6.0, 5.0, 2.5, 2.5), strict=True):
        for cell in col.cells:
            cell.width = Cm(width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
